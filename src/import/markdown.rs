//! Reading Markdown (CommonMark with GFM tables and footnotes, by pulldown-cmark) into the
//! blocks of src/import/source.rs. Formatting the model cannot hold (emphasis, code, HTML)
//! keeps its text and is reported as approximated.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::report::{ImportReport, quote};
use super::source::{Block, Inline, Loc, Piece, Source, Span, Table, push_text};
use crate::text::is_cjk;

/// Line breaks inside a paragraph, resolved once the text around them is known.
const BREAK: char = '\n';

pub fn read(text: &str, report: &mut ImportReport) -> Source {
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |offset: usize| Loc::Line(line_starts.partition_point(|&s| s <= offset));
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut r = Reader { report: Some(report), line_of: Some(&line_of), text, ..Default::default() };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        r.event(event, range);
    }
    r.source
}

#[derive(Default)]
struct Reader<'a, 'r> {
    source: Source,
    report: Option<&'r mut ImportReport>,
    line_of: Option<&'a dyn Fn(usize) -> Loc>,
    text: &'a str,
    /// The inline content being read, and where its block starts.
    inline: Option<Open>,
    heading: Option<u8>,
    quote: usize,
    /// Open lists: (list number, ordered, next item number).
    lists: Vec<(usize, bool, u64)>,
    list_count: usize,
    /// An open list item: its content so far.
    item: Option<Open>,
    note: Option<(String, Open)>,
    table: Option<(Table, Vec<String>, usize)>,
    /// `<sup>` text being read.
    sup: Option<String>,
    /// The alt text of an image being read, with its path.
    image: Option<(String, String, usize)>,
    images: Vec<(String, String, usize)>,
    in_cell: bool,
}

struct Open {
    text: Inline,
    start: usize,
    end: usize,
}

impl Open {
    fn new(start: usize) -> Self {
        Open { text: Vec::new(), start, end: start }
    }
}

impl<'a, 'r> Reader<'a, 'r> {
    fn loc(&self, offset: usize) -> Loc {
        (self.line_of.expect("set by read()"))(offset)
    }

    fn report(&mut self) -> &mut ImportReport {
        self.report.as_deref_mut().expect("set by read()")
    }

    fn push(&mut self, block: Block, start: usize, end: usize) {
        let at = self.loc(start);
        let raw = self.text[start..end.min(self.text.len())].to_string();
        self.source.pieces.push(Piece { block, at, raw });
    }

    /// Where inline content goes now: a footnote, a list item, or a paragraph or heading.
    fn target(&mut self, offset: usize) -> &mut Open {
        if let Some((_, open)) = &mut self.note {
            return open;
        }
        if let Some(open) = &mut self.item {
            return open;
        }
        self.inline.get_or_insert_with(|| Open::new(offset))
    }

    fn text(&mut self, text: &str, offset: usize) {
        if let Some(sup) = &mut self.sup {
            sup.push_str(text);
        } else if let Some((_, alt, _)) = &mut self.image {
            alt.push_str(text);
        } else if let Some((_, row, _)) = &mut self.table {
            if self.in_cell {
                row.last_mut().expect("a cell is open").push_str(text);
            }
        } else {
            push_text(&mut self.target(offset).text, text);
        }
    }

    fn event(&mut self, event: Event, range: std::ops::Range<usize>) {
        let at = range.start;
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) | Event::Code(t) => self.text(&t, at),
            Event::SoftBreak | Event::HardBreak => self.text(&BREAK.to_string(), at),
            Event::InlineHtml(html) => self.inline_html(&html, at),
            Event::Html(html) => {
                let what = format!("HTML block dropped: {}", quote(&html));
                let loc = self.loc(at);
                self.report().dropped(loc, what);
            }
            Event::FootnoteReference(label) => {
                if self.table.is_some() {
                    let loc = self.loc(at);
                    self.report().approximated(loc, format!("footnote [^{label}] in a table cell dropped: cells hold plain text"));
                } else {
                    self.target(at).text.push(Span::Note(super::source::NoteRef::Label(format!("^{label}"))));
                }
            }
            Event::Rule => self.push(Block::Rule, range.start, range.end),
            Event::TaskListMarker(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag, range: std::ops::Range<usize>) {
        let at = range.start;
        match tag {
            Tag::Heading { level, .. } => {
                self.heading = Some(level as u8);
                self.inline = Some(Open::new(at));
            }
            Tag::Paragraph => {
                if self.note.is_none() && self.item.is_none() {
                    self.inline = Some(Open::new(at));
                } else if let Some(open) = self.note.as_mut().map(|(_, o)| o).or(self.item.as_mut())
                    && !open.text.is_empty()
                {
                    // A second paragraph of a list item or a footnote: joined to the first.
                    push_text(&mut open.text, &BREAK.to_string());
                    let loc = self.loc(at);
                    self.report().approximated(loc, "a further paragraph of a list item or footnote joined to the first");
                }
            }
            Tag::BlockQuote(_) => self.quote += 1,
            Tag::CodeBlock(_) => {
                self.inline = Some(Open::new(at));
                let loc = self.loc(at);
                self.report().approximated(loc, "code block kept as a paragraph");
            }
            Tag::List(start) => {
                // The item holding a nested list comes before the nested items.
                if let Some(item) = self.item.take() {
                    self.flush_item(item);
                }
                self.list_count += 1;
                self.lists.push((self.list_count, start.is_some(), start.unwrap_or(1)));
            }
            Tag::Item => self.item = Some(Open::new(at)),
            Tag::FootnoteDefinition(label) => self.note = Some((format!("^{label}"), Open::new(at))),
            Tag::Table(_) => {
                let table = Table { rows: Vec::new(), header: 0, spans: Vec::new(), caption: None, source: None };
                self.table = Some((table, Vec::new(), at));
            }
            Tag::TableHead => {}
            Tag::TableRow => {}
            Tag::TableCell => {
                if let Some((_, row, _)) = &mut self.table {
                    row.push(String::new());
                    self.in_cell = true;
                }
            }
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {
                let what = match tag {
                    Tag::Emphasis => "emphasis",
                    Tag::Strong => "strong emphasis",
                    Tag::Strikethrough => "strikethrough",
                    _ => "superscript or subscript",
                };
                let loc = self.loc(at);
                let shown = quote(&self.text[range.clone()]);
                self.report().approximated(loc, format!("{what} dropped, text kept: {shown}"));
            }
            Tag::Link { dest_url, .. } => {
                self.text(&format!("\u{E000}{dest_url}\u{E001}"), at);
            }
            Tag::Image { dest_url, .. } => self.image = Some((dest_url.to_string(), String::new(), at)),
            Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: std::ops::Range<usize>) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some(open) = self.inline.take() {
                    let level = self.heading.take().unwrap_or(1);
                    self.push(Block::Heading { level, text: finish(open.text) }, open.start, range.end);
                }
            }
            TagEnd::Paragraph | TagEnd::CodeBlock => {
                if self.note.is_some() || self.item.is_some() {
                    return;
                }
                if let Some(open) = self.inline.take() {
                    let text = finish(open.text);
                    if !text.is_empty() {
                        self.push(Block::Para { text, quote: self.quote > 0 }, open.start, range.end);
                    }
                }
                self.flush_images();
            }
            TagEnd::BlockQuote(_) => self.quote = self.quote.saturating_sub(1),
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Item => {
                if let Some(mut item) = self.item.take() {
                    item.end = range.end;
                    self.flush_item(item);
                }
                self.flush_images();
            }
            TagEnd::FootnoteDefinition => {
                if let Some((label, open)) = self.note.take() {
                    self.push(Block::NoteDef { label, text: finish(open.text) }, open.start, range.end);
                }
            }
            TagEnd::TableCell => self.in_cell = false,
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some((table, row, _)) = &mut self.table {
                    let row: Vec<String> = std::mem::take(row).iter().map(|c| cell_text(c)).collect();
                    table.rows.push(row);
                    if tag == TagEnd::TableHead {
                        table.header = 1;
                    }
                }
            }
            TagEnd::Table => {
                if let Some((table, _, start)) = self.table.take() {
                    self.push(Block::Table(table), start, range.end);
                }
            }
            TagEnd::Image => {
                if let Some(image) = self.image.take() {
                    self.images.push(image);
                }
            }
            TagEnd::Link => self.text("\u{E002}", range.start),
            _ => {}
        }
    }

    fn flush_item(&mut self, item: Open) {
        let Some(list) = self.lists.last_mut() else { return };
        let (id, ordered, number) = *list;
        list.2 += 1;
        let text = finish(item.text);
        if !text.is_empty() {
            self.push(Block::Item { list: id, ordered, number, text }, item.start, item.end.max(item.start));
        }
    }

    fn flush_images(&mut self) {
        for (path, alt, start) in std::mem::take(&mut self.images) {
            self.push(Block::Image { path, alt: clean(&alt) }, start, start);
        }
    }

    fn inline_html(&mut self, html: &str, at: usize) {
        let tag = html.trim().to_ascii_lowercase();
        match tag.as_str() {
            "<sup>" => self.sup = Some(String::new()),
            "</sup>" => {
                if let (Some(sup), Some((_, row, _))) = (&self.sup, &mut self.table) {
                    row.last_mut().expect("a cell is open").push_str(sup);
                    self.sup = None;
                } else if let Some(sup) = self.sup.take() {
                    self.target(at).text.push(Span::Sup(sup));
                }
            }
            "<br>" | "<br/>" | "<br />" => self.text(&BREAK.to_string(), at),
            _ => {
                let loc = self.loc(at);
                self.report().dropped(loc, format!("inline HTML dropped: {}", quote(html)));
            }
        }
    }
}

/// Inline content as read: links (marked while reading) become link spans, line breaks
/// become a space or nothing (between two Chinese characters), whitespace is trimmed.
fn finish(inline: Inline) -> Inline {
    let mut out: Inline = Vec::new();
    for span in inline {
        match span {
            Span::Text(text) => split_links(&text, &mut out),
            other => out.push(other),
        }
    }
    let mut spans: Inline = Vec::new();
    for span in out {
        match span {
            Span::Text(t) => push_text(&mut spans, &clean(&t)),
            other => spans.push(other),
        }
    }
    if let Some(Span::Text(t)) = spans.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Span::Text(t)) = spans.last_mut() {
        *t = t.trim_end().to_string();
    }
    spans.retain(|s| !matches!(s, Span::Text(t) if t.is_empty()));
    spans
}

/// Splits text holding link marks (`\u{E000}url\u{E001}text\u{E002}`) into spans.
fn split_links(text: &str, out: &mut Inline) {
    let mut rest = text;
    while let Some(start) = rest.find('\u{E000}') {
        push_text(out, &rest[..start]);
        let after = &rest[start + 3..];
        let (Some(url_end), Some(text_end)) = (after.find('\u{E001}'), after.find('\u{E002}')) else {
            rest = after;
            continue;
        };
        let url = &after[..url_end];
        let link_text = &after[url_end + 3..text_end.max(url_end + 3)];
        out.push(Span::Link { text: link_text.to_string(), url: url.to_string() });
        rest = &after[text_end + 3..];
    }
    push_text(out, rest);
}

/// A table cell's text: links as their text, whitespace cleaned.
fn cell_text(cell: &str) -> String {
    let mut spans = Vec::new();
    split_links(cell, &mut spans);
    clean(&super::source::plain(&spans)).trim().to_string()
}

/// Line breaks resolved: none between two Chinese characters, a space elsewhere; runs of
/// whitespace as one space.
pub fn clean(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == BREAK {
            let before = out.chars().last();
            let after = chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied();
            if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
                continue;
            }
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if c.is_whitespace() && c != '\u{3000}' {
            if !out.ends_with(' ') && !(c == ' ' && chars.get(i + 1) == Some(&BREAK)) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        let mut report = ImportReport::default();
        read(text, &mut report).pieces.into_iter().map(|p| p.block).collect()
    }

    fn t(s: &str) -> Span {
        Span::Text(s.to_string())
    }

    #[test]
    fn reads_headings_paragraphs_and_lists() {
        let found = blocks("# Title\n\nOne line\nand the next.\n\n中文\n换行\n\n3. third\n4. fourth\n\n- a\n  - b\n");
        assert_eq!(
            found,
            [
                Block::Heading { level: 1, text: vec![t("Title")] },
                Block::Para { text: vec![t("One line and the next.")], quote: false },
                Block::Para { text: vec![t("中文换行")], quote: false },
                Block::Item { list: 1, ordered: true, number: 3, text: vec![t("third")] },
                Block::Item { list: 1, ordered: true, number: 4, text: vec![t("fourth")] },
                Block::Item { list: 2, ordered: false, number: 1, text: vec![t("a")] },
                Block::Item { list: 3, ordered: false, number: 1, text: vec![t("b")] },
            ]
        );
    }

    #[test]
    fn reads_notes_links_and_sup_marks() {
        let found = blocks("Text[^1] and <sup>①</sup>, [site](https://a.b/c\\_d).\n\n[^1]: A *note*, <https://e.f/>.\n");
        assert_eq!(
            found,
            [
                Block::Para {
                    text: vec![
                        t("Text"),
                        Span::Note(super::super::source::NoteRef::Label("^1".into())),
                        t(" and "),
                        Span::Sup("①".into()),
                        t(", "),
                        Span::Link { text: "site".into(), url: "https://a.b/c_d".into() },
                        t("."),
                    ],
                    quote: false
                },
                Block::NoteDef {
                    label: "^1".into(),
                    text: vec![t("A note, "), Span::Link { text: "https://e.f/".into(), url: "https://e.f/".into() }, t(".")]
                },
            ]
        );
    }

    #[test]
    fn reads_tables() {
        let found = blocks("| a | b |\n|---|---|\n| 1 | x y |\n");
        let Block::Table(table) = &found[0] else { panic!("{found:?}") };
        assert_eq!(table.rows, [vec!["a", "b"], vec!["1", "x y"]]);
        assert_eq!(table.header, 1);
    }

    #[test]
    fn line_breaks_between_chinese_characters_vanish() {
        assert_eq!(clean("中\n文 and\nmore  space"), "中文 and more space");
        assert_eq!(clean("中国国际问题研究院  \n二〇二四"), "中国国际问题研究院 二〇二四");
    }
}
