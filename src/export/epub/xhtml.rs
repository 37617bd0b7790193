//! The XHTML 5 content documents: cover, title page, navigation, one per chapter, back
//! cover. Everything from the document goes through [`Xml`], escaped.

use std::collections::BTreeMap;

use crate::document::{Block, BlockBody, Chapter, Chart, Document, Inline, Note, Table, Text};

use super::script::ForeignTags;
use super::xml::Xml;

pub const STYLESHEET: &str = "css/book.css";
pub const COVER: &str = "cover.xhtml";
pub const TITLE_PAGE: &str = "title.xhtml";
pub const NAV: &str = "nav.xhtml";
pub const BACK_COVER: &str = "back.xhtml";

pub fn chapter_file(chapter: &Chapter) -> String {
    format!("chapter-{:02}.xhtml", chapter.number)
}

/// An image file of the EPUB, as content documents refer to it.
pub struct Picture {
    pub href: String,
    pub width: u32,
    pub height: u32,
}

/// What the content documents need besides the document: where its images and charts went.
pub struct Context<'a> {
    pub doc: &'a Document,
    /// Photographs by their path in the document.
    pub images: BTreeMap<&'a str, Picture>,
    /// Chart drawings by their figure number.
    pub charts: BTreeMap<&'a str, Picture>,
    /// The front cover as an image (the package's cover-image).
    pub cover: Option<Picture>,
    pub foreign: ForeignTags,
}

impl Context<'_> {
    fn label(&self, id: &str) -> &str {
        self.doc.labels.get(id).map_or("", String::as_str)
    }
}

/// One content document being written, with the footnotes met so far.
struct Page<'a> {
    x: Xml,
    ctx: &'a Context<'a>,
    notes: Vec<&'a Note>,
}

impl<'a> Page<'a> {
    fn begin(ctx: &'a Context<'a>, title: &str, body_type: &str) -> Self {
        let tag = ctx.doc.lang_tag.as_str();
        let mut x = Xml::new();
        x.doctype_html();
        x.open(
            "html",
            &[
                ("xmlns", "http://www.w3.org/1999/xhtml"),
                ("xmlns:epub", "http://www.idpf.org/2007/ops"),
                ("lang", tag),
                ("xml:lang", tag),
            ],
        );
        x.newline();
        x.open("head", &[]);
        x.newline();
        x.leaf("title", &[], title);
        x.newline();
        x.empty("link", &[("rel", "stylesheet"), ("type", "text/css"), ("href", STYLESHEET)]);
        x.newline();
        x.close("head");
        x.newline();
        x.open("body", &[("epub:type", body_type)]);
        x.newline();
        Self { x, ctx, notes: Vec::new() }
    }

    fn end(mut self) -> Vec<u8> {
        self.x.close("body");
        self.x.newline();
        self.x.close("html");
        self.x.newline();
        self.x.finish()
    }

    /// Text with the passages in another of the report's languages tagged.
    fn text(&mut self, text: &str) {
        for (piece, tag) in self.ctx.foreign.split(text) {
            match tag {
                Some(tag) => self.x.leaf("span", &[("lang", tag), ("xml:lang", tag)], piece),
                None => self.x.text(piece),
            }
        }
    }

    fn runs(&mut self, runs: &'a Text) {
        for run in runs {
            match run {
                Inline::Text(text) => self.text(text),
                Inline::Link(url) => self.x.leaf("a", &[("class", "url"), ("href", &href(url))], url),
                Inline::Note(note) => {
                    self.notes.push(note);
                    let n = self.notes.len().to_string();
                    self.x.leaf(
                        "a",
                        &[
                            ("class", "noteref"),
                            ("epub:type", "noteref"),
                            ("role", "doc-noteref"),
                            ("id", &format!("noteref-{n}")),
                            ("href", &format!("#note-{n}")),
                        ],
                        &n,
                    );
                }
            }
        }
    }

    /// `<name class=…>runs</name>`.
    fn runs_in(&mut self, name: &str, class: Option<&str>, runs: &'a Text) {
        self.x.open(name, class.map(|c| ("class", c)).as_slice());
        self.runs(runs);
        self.x.close(name);
    }

    /// "图3　caption": the number, the bundle's separator, the caption.
    fn numbered_caption(&mut self, name: &str, number: &str, caption: Option<&'a Text>) {
        self.x.open(name, &[]);
        self.x.leaf("span", &[("class", "number")], number);
        if let Some(caption) = caption {
            self.x.text(self.ctx.label("label-caption-separator"));
            self.runs(caption);
        }
        self.x.close(name);
        self.x.newline();
    }

    fn block(&mut self, block: &'a Block) {
        // Draft renders: a block shown (partly) in the source language is marked.
        let mark = if block.untranslated { " untranslated" } else { "" };
        let class = |base: &str| format!("{base}{mark}");
        let plain = block.untranslated.then_some("untranslated");
        match &block.body {
            BlockBody::Paragraph { content } => self.runs_in("p", plain, content),
            BlockBody::Quote { content } => {
                self.x.open("blockquote", plain.map(|c| ("class", c)).as_slice());
                self.runs_in("p", None, content);
                self.x.close("blockquote");
            }
            BlockBody::List { items, .. } => {
                self.x.open("div", &[("class", &class("list"))]);
                for item in items {
                    self.x.open("p", &[("class", "item")]);
                    self.x.leaf("span", &[("class", "marker")], &item.marker);
                    self.runs(&item.content);
                    self.x.close("p");
                }
                self.x.close("div");
            }
            BlockBody::Callout { lead, items } => {
                self.x.open("div", &[("class", &class("callout")), ("role", "note")]);
                self.runs_in("p", Some("lead"), lead);
                for item in items {
                    self.runs_in("p", None, item);
                }
                self.x.close("div");
            }
            BlockBody::Table(table) => self.table(table, &class("table")),
            BlockBody::Chart(chart) => self.chart(chart, &class("chart")),
            BlockBody::Figure { number, image, caption, placeholder } => {
                let picture = &self.ctx.images[image.as_str()];
                let figure_class = class(if *placeholder { "photo placeholder" } else { "photo" });
                self.x.open("figure", &[("class", &figure_class)]);
                self.x.newline();
                // A placeholder shows nothing of the photograph: its visible label says so,
                // and the image itself is decoration. A photograph's caption describes it.
                let alt = if *placeholder { String::new() } else { plain_text(caption) };
                self.image(picture, &alt);
                if *placeholder {
                    self.x.leaf("p", &[("class", "placeholder-label")], self.ctx.label("label-photo-placeholder"));
                    self.x.newline();
                }
                self.numbered_caption("figcaption", number, Some(caption));
                self.x.close("figure");
            }
        }
        self.x.newline();
    }

    fn image(&mut self, picture: &Picture, alt: &str) {
        let (width, height) = (picture.width.to_string(), picture.height.to_string());
        self.x.empty("img", &[("src", &picture.href), ("alt", alt), ("width", &width), ("height", &height)]);
        self.x.newline();
    }

    fn table(&mut self, table: &'a Table, class: &str) {
        self.x.open("div", &[("class", class)]);
        self.x.newline();
        self.x.open("table", &[]);
        self.x.newline();
        self.numbered_caption("caption", &table.number, table.caption.as_ref());
        self.x.open("thead", &[]);
        for row in &table.header {
            self.x.open("tr", &[]);
            for cell in row {
                let (colspan, rowspan) = (cell.colspan.to_string(), cell.rowspan.to_string());
                let mut attrs = vec![("scope", "col")];
                if cell.colspan > 1 {
                    attrs.push(("colspan", &colspan));
                }
                if cell.rowspan > 1 {
                    attrs.push(("rowspan", &rowspan));
                }
                self.x.open("th", &attrs);
                self.text(&cell.text);
                self.x.close("th");
            }
            self.x.close("tr");
            self.x.newline();
        }
        self.x.close("thead");
        self.x.newline();
        self.x.open("tbody", &[]);
        self.x.newline();
        for row in &table.rows {
            self.x.open("tr", &[]);
            for (i, (cell, align)) in row.iter().zip(&table.align).enumerate() {
                // The first column names the row: a year, an agreement.
                let (name, mut attrs) = if i == 0 { ("th", vec![("scope", "row")]) } else { ("td", vec![]) };
                if *align == "right" {
                    attrs.push(("class", "num"));
                }
                self.x.open(name, &attrs);
                match cell {
                    Some(text) => self.text(text),
                    None => self.missing_value(),
                }
                self.x.close(name);
            }
            self.x.close("tr");
            self.x.newline();
        }
        self.x.close("tbody");
        self.x.newline();
        self.x.close("table");
        self.x.newline();
        if let Some(source) = &table.source {
            self.runs_in("p", Some("source"), source);
        }
        self.x.newline();
        self.x.close("div");
    }

    /// An empty cell, as the print edition shows it, which a screen reader still announces.
    fn missing_value(&mut self) {
        self.x.leaf("span", &[("class", "visually-hidden")], self.ctx.label("label-missing-value"));
    }

    fn chart(&mut self, chart: &'a Chart, class: &str) {
        self.x.open("figure", &[("class", class)]);
        self.x.newline();
        self.numbered_caption("figcaption", &chart.number, Some(&chart.title));
        match self.ctx.charts.get(chart.number.as_str()) {
            Some(picture) => {
                self.image(picture, &plain_text(&chart.title));
                self.x.open("details", &[]);
                self.x.leaf("summary", &[], self.ctx.label("label-chart-data"));
                self.chart_data(chart);
                self.x.close("details");
                self.x.newline();
            }
            // Not drawn (a pie with missing values): the data that is known, as text.
            None => {
                self.x.open("div", &[("class", "chart-unavailable")]);
                self.x.open("p", &[]);
                self.x.leaf("strong", &[], self.ctx.label("label-chart-unavailable"));
                self.x.close("p");
                self.chart_data(chart);
                self.x.close("div");
                self.x.newline();
            }
        }
        if let Some(note) = &chart.note {
            self.runs_in("p", Some("chart-note"), note);
            self.x.newline();
        }
        self.runs_in("p", Some("source"), &chart.source);
        self.x.newline();
        self.x.close("figure");
    }

    /// The chart's values as a table: categories down, series across under their unit.
    fn chart_data(&mut self, chart: &'a Chart) {
        self.x.open("table", &[("class", "chart-data")]);
        self.x.leaf("caption", &[], self.ctx.label("label-chart-data"));
        self.x.open("thead", &[]);
        self.x.open("tr", &[]);
        match &chart.axis {
            Some(axis) => {
                self.x.open("th", &[("scope", "col"), ("rowspan", "2")]);
                self.text(axis);
                self.x.close("th");
            }
            None => self.x.leaf("td", &[("rowspan", "2")], ""),
        }
        let span = chart.series.len().to_string();
        self.x.open("th", &[("scope", "col"), ("colspan", &span)]);
        self.text(&chart.unit);
        self.x.close("th");
        self.x.close("tr");
        self.x.open("tr", &[]);
        for series in &chart.series {
            self.x.open("th", &[("scope", "col")]);
            self.text(&series.label);
            self.x.close("th");
        }
        self.x.close("tr");
        self.x.close("thead");
        self.x.open("tbody", &[]);
        for (i, category) in chart.categories.iter().enumerate() {
            self.x.open("tr", &[]);
            self.x.open("th", &[("scope", "row")]);
            self.text(category);
            self.x.close("th");
            for series in &chart.series {
                self.x.open("td", &[("class", "num")]);
                match series.labels.get(i).and_then(Option::as_deref) {
                    Some(value) => self.text(value),
                    None => self.text(self.ctx.label("label-missing-value")),
                }
                self.x.close("td");
            }
            self.x.close("tr");
        }
        self.x.close("tbody");
        self.x.close("table");
    }

    /// The chapter's footnotes, each linking back to its mark.
    fn footnotes(&mut self) {
        if self.notes.is_empty() {
            return;
        }
        let notes = std::mem::take(&mut self.notes);
        self.x.open("section", &[("class", "notes"), ("aria-label", self.ctx.label("label-notes"))]);
        self.x.newline();
        for (note, n) in notes.into_iter().zip(1..) {
            let id = format!("note-{n}");
            let back = format!("#noteref-{n}");
            self.x.open("aside", &[("id", &id), ("epub:type", "footnote"), ("role", "doc-footnote")]);
            self.x.open("p", &[]);
            self.x.leaf("span", &[("class", "note-number")], &n.to_string());
            self.runs(&note.content);
            self.x.text(" ");
            self.x.leaf(
                "a",
                &[("class", "back-link"), ("href", &back), ("role", "doc-backlink")],
                self.ctx.label("label-back-to-text"),
            );
            self.x.close("p");
            self.x.close("aside");
            self.x.newline();
        }
        self.x.close("section");
        self.x.newline();
    }
}

/// A URL from the model as an `href`: the characters a URL may not contain are
/// percent-encoded, as a browser does when it follows the link, so the link works and the
/// package validates. The link's text shows the URL as written.
fn href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let mut fragment = false;
    for (i, c) in url.char_indices() {
        let escaped_percent = c == '%'
            && url.get(i + 1..i + 3).is_some_and(|h| h.chars().all(|d| d.is_ascii_hexdigit()));
        let allowed = match c {
            '#' if !fragment => {
                fragment = true;
                true
            }
            '%' => escaped_percent,
            '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '#' => false,
            c => !c.is_control() && !c.is_whitespace(),
        };
        if allowed {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// The text of runs without footnote marks or links, for alternative text.
fn plain_text(runs: &Text) -> String {
    runs.iter().filter_map(|r| if let Inline::Text(t) = r { Some(t.as_str()) } else { None }).collect()
}

/// The chapter's label and title, as headings and the contents show them.
fn chapter_heading(x: &mut Xml, chapter: &Chapter) {
    x.leaf("span", &[("class", "chapter-label")], &chapter.label);
    x.text(" ");
    x.leaf("span", &[("class", "chapter-title")], &chapter.title);
}

pub fn chapter<'a>(ctx: &'a Context<'a>, chapter: &'a Chapter) -> Vec<u8> {
    let mut page = Page::begin(ctx, &chapter.title, "bodymatter");
    page.x.open("section", &[("epub:type", "chapter"), ("role", "doc-chapter"), ("aria-labelledby", "chapter-title")]);
    page.x.newline();
    page.x.open("h1", &[("id", "chapter-title")]);
    chapter_heading(&mut page.x, chapter);
    page.x.close("h1");
    page.x.newline();
    if let Some(summary) = &chapter.summary {
        page.x.open("div", &[("class", "summary")]);
        page.runs_in("p", None, summary);
        page.x.close("div");
        page.x.newline();
    }
    for block in &chapter.intro {
        page.block(block);
    }
    for section in &chapter.sections {
        let id = format!("section-{}", section.number);
        page.x.open("section", &[("aria-labelledby", &id)]);
        page.x.newline();
        page.x.open("h2", &[("id", &id)]);
        page.text(&section.marker);
        page.text(&section.title);
        page.x.close("h2");
        page.x.newline();
        for block in &section.blocks {
            page.block(block);
        }
        page.x.close("section");
        page.x.newline();
    }
    page.footnotes();
    page.x.close("section");
    page.x.newline();
    page.end()
}

pub fn cover(ctx: &Context) -> Vec<u8> {
    let doc = ctx.doc;
    let mut page = Page::begin(ctx, ctx.label("label-cover"), "cover");
    // With a cover image, its words stay in the text for assistive technology (the image's
    // alt is empty, so they are not read twice) but are hidden from sight.
    let (section_class, words_class) = match &ctx.cover {
        Some(_) => ("cover cover-with-image", "visually-hidden"),
        None => ("cover", "cover-words"),
    };
    page.x.open("section", &[("class", section_class)]);
    page.x.newline();
    if let Some(cover) = &ctx.cover {
        let (w, h) = (cover.width.to_string(), cover.height.to_string());
        page.x.empty("img", &[("class", "cover-image"), ("src", &cover.href), ("alt", ""), ("width", &w), ("height", &h)]);
        page.x.newline();
    }
    page.x.open("div", &[("class", words_class)]);
    page.x.open("p", &[("class", "cover-title")]);
    page.text(&doc.title);
    page.x.close("p");
    page.x.newline();
    page.x.open("p", &[]);
    page.text(&doc.institution);
    page.x.close("p");
    page.x.newline();
    page.x.leaf("p", &[], &doc.date);
    page.x.close("div");
    page.x.newline();
    page.x.close("section");
    page.x.newline();
    page.end()
}

pub fn title_page(ctx: &Context) -> Vec<u8> {
    let doc = ctx.doc;
    let mut page = Page::begin(ctx, ctx.label("label-title-page"), "frontmatter");
    page.x.open("section", &[("class", "title-page"), ("epub:type", "titlepage")]);
    page.x.newline();
    page.x.open("h1", &[]);
    page.text(&doc.title);
    page.x.close("h1");
    page.x.newline();
    page.x.open("p", &[]);
    page.text(&doc.institution);
    page.x.close("p");
    page.x.newline();
    page.x.leaf("p", &[], &doc.date);
    page.x.newline();
    page.x.close("section");
    page.x.newline();
    page.end()
}

/// The navigation document: the contents (chapters and their sections) and the landmarks.
pub fn nav(ctx: &Context) -> Vec<u8> {
    let doc = ctx.doc;
    let contents = ctx.label("label-contents");
    let mut page = Page::begin(ctx, contents, "frontmatter");
    let x = &mut page.x;
    x.open("nav", &[("epub:type", "toc"), ("role", "doc-toc"), ("id", "toc"), ("aria-labelledby", "toc-title")]);
    x.newline();
    x.leaf("h1", &[("id", "toc-title")], contents);
    x.newline();
    x.open("ol", &[]);
    x.newline();
    for chapter in &doc.chapters {
        let file = chapter_file(chapter);
        x.open("li", &[]);
        x.open("a", &[("href", &file)]);
        chapter_heading(x, chapter);
        x.close("a");
        if !chapter.sections.is_empty() {
            x.open("ol", &[]);
            for section in &chapter.sections {
                x.open("li", &[]);
                x.open("a", &[("href", &format!("{file}#section-{}", section.number))]);
                x.text(&section.marker);
                x.text(&section.title);
                x.close("a");
                x.close("li");
            }
            x.close("ol");
        }
        x.close("li");
        x.newline();
    }
    x.close("ol");
    x.newline();
    x.close("nav");
    x.newline();
    x.open("nav", &[("epub:type", "landmarks"), ("hidden", "hidden")]);
    x.newline();
    x.open("ol", &[]);
    x.newline();
    let mut landmark = |kind: &str, href: &str, label: &str| {
        x.open("li", &[]);
        x.leaf("a", &[("epub:type", kind), ("href", href)], label);
        x.close("li");
        x.newline();
    };
    landmark("cover", COVER, ctx.label("label-cover"));
    landmark("titlepage", TITLE_PAGE, ctx.label("label-title-page"));
    landmark("toc", &format!("{NAV}#toc"), contents);
    if let Some(first) = doc.chapters.first() {
        landmark("bodymatter", &chapter_file(first), &first.title);
    }
    x.close("ol");
    x.newline();
    x.close("nav");
    x.newline();
    page.end()
}

/// The back cover's text, after the last chapter.
pub fn back_cover<'a>(ctx: &'a Context<'a>) -> Vec<u8> {
    let doc = ctx.doc;
    let mut page = Page::begin(ctx, &doc.title, "backmatter");
    page.x.open("section", &[("class", "back-cover"), ("aria-label", &doc.title)]);
    page.x.newline();
    for paragraph in &doc.blurb {
        page.runs_in("p", None, paragraph);
        page.x.newline();
    }
    page.footnotes();
    page.x.close("section");
    page.x.newline();
    page.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_percent_encode_what_urls_may_not_contain() {
        assert_eq!(href("https://e.org/a b?q=\"c\"&d=<e>#f#g"), "https://e.org/a%20b?q=%22c%22&d=%3Ce%3E#f%23g");
        assert_eq!(href("https://ria.ru/евро-1.html?x=%20&y=100%"), "https://ria.ru/евро-1.html?x=%20&y=100%25");
    }
}
