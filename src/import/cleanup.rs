//! Heuristics for Markdown converted from a PDF (src/import/report.rs lists them): the
//! conversion keeps what the printed pages show — running headers, page numbers, the table
//! of contents, footnotes numbered per page at the page foot, paragraphs cut by page breaks —
//! and these rules take the book back out of it. Each one can be turned off by name, and
//! every application is recorded in the import report with its place.

use std::collections::HashSet;

use crate::text::is_cjk;
use super::report::{ImportReport, quote};
use super::source::{Block, Inline, Loc, Note, NoteRef, Piece, Source, Span, Table, plain, push_text};

/// The front matter found by `title-page`.
#[derive(Debug, Default)]
pub struct Front {
    pub title: Option<(Inline, Loc)>,
    pub institution: Option<(Inline, Loc)>,
    pub date: Option<(i32, u32)>,
    pub blurb: Vec<(Inline, Loc)>,
}

pub struct Cleanup<'a> {
    pub off: &'a HashSet<String>,
    pub report: &'a mut ImportReport,
}

impl Cleanup<'_> {
    fn on(&self, heuristic: &str) -> bool {
        !self.off.contains(heuristic)
    }

    /// Runs every heuristic that is on, in an order where each sees what it needs.
    pub fn run(&mut self, source: &mut Source) -> Front {
        let front = if self.on("title-page") { self.title_page(&mut source.pieces) } else { Front::default() };
        if self.on("contents") {
            self.contents(&mut source.pieces);
        }
        self.rules(&mut source.pieces);
        if self.on("note-marks") {
            self.note_marks(source);
        }
        let title = front.title.as_ref().map(|(t, _)| squeeze(&plain(t)));
        self.chapters_and_headers(&mut source.pieces, title);
        if self.on("tab-tables") {
            self.tab_tables(&mut source.pieces);
        }
        if self.on("table-captions") {
            self.table_captions(&mut source.pieces);
        }
        if self.on("section-numbers") {
            self.section_numbers(&mut source.pieces);
        }
        if self.on("chapter-openers") {
            self.chapter_openers(&mut source.pieces);
        }
        if self.on("page-splits") {
            self.page_splits(&mut source.pieces);
        }
        if self.on("duplicates") {
            self.duplicates(&mut source.pieces);
        }
        if self.on("cjk-spacing") {
            self.cjk_spacing(source);
        }
        self.unresolved_sups(&mut source.pieces);
        front
    }

    /// The first heading is the report's title when the next heading follows after no
    /// more than a few short lines (the title page); what comes before it is the blurb.
    fn title_page(&mut self, pieces: &mut Vec<Piece>) -> Front {
        let mut front = Front::default();
        let Some(first) = pieces.iter().position(|p| matches!(p.block, Block::Heading { .. })) else { return front };
        let next = pieces[first + 1..].iter().position(|p| matches!(p.block, Block::Heading { .. })).map(|i| first + 1 + i);
        let between = next.map_or(&pieces[first + 1..], |n| &pieces[first + 1..n]);
        let short = |p: &Piece| {
            matches!(p.block, Block::Para { .. }) && p.raw.lines().all(|l| l.trim().chars().count() <= 40) && p.raw.lines().count() <= 4
        };
        let next_is_contents_or_chapter = next.is_some_and(|n| match &pieces[n].block {
            Block::Heading { level, text } => *level == 1 || is_contents(&plain(text)),
            _ => false,
        });
        if !next_is_contents_or_chapter || between.len() > 3 || !between.iter().all(short) {
            return front;
        }
        let end = next.unwrap_or(pieces.len());
        let taken: Vec<Piece> = pieces.drain(..end).collect();
        for piece in taken {
            match piece.block {
                Block::Para { text, .. } if front.title.is_none() => {
                    self.report.applied("title-page", piece.at, format!("back-cover blurb: {}", quote(&plain(&text))));
                    front.blurb.push((text, piece.at));
                }
                Block::Heading { text, .. } if front.title.is_none() => {
                    self.report.applied("title-page", piece.at, format!("the report's title: {}", quote(&plain(&text))));
                    front.title = Some((text, piece.at));
                }
                Block::Para { .. } => {
                    for (i, line) in piece.raw.lines().enumerate() {
                        let line = line.trim();
                        let at = match piece.at {
                            Loc::Line(n) => Loc::Line(n + i),
                            other => other,
                        };
                        if line.is_empty() {
                            continue;
                        }
                        if let Some(date) = parse_date(line).filter(|_| front.date.is_none()) {
                            self.report.applied("title-page", at, format!("the publication date {}-{:02}: {}", date.0, date.1, quote(line)));
                            front.date = Some(date);
                        } else if front.institution.is_none() {
                            self.report.applied("title-page", at, format!("the institution: {}", quote(line)));
                            front.institution = Some((vec![Span::Text(line.to_string())], at));
                        } else {
                            self.report.dropped(at, format!("a title-page line the model has no place for: {}", quote(line)));
                        }
                    }
                }
                other => {
                    // Not a paragraph before the title: it stays in the text.
                    pieces.insert(0, Piece { block: other, at: piece.at, raw: piece.raw });
                }
            }
        }
        front
    }

    /// From a contents heading, every line that ends with a page number (or is one).
    fn contents(&mut self, pieces: &mut Vec<Piece>) {
        let Some(start) = pieces.iter().position(|p| matches!(&p.block, Block::Heading { text, .. } if is_contents(&plain(text)))) else {
            return;
        };
        let mut end = start + 1;
        while end < pieces.len() && looks_like_contents(&pieces[end]) {
            end += 1;
        }
        let at = pieces[start].at;
        let lines: usize = pieces[start..end].iter().map(|p| p.raw.lines().filter(|l| !l.trim().is_empty()).count()).sum();
        self.report.applied("contents", at, format!("table of contents dropped ({lines} lines)"));
        pieces.drain(start..end);
    }

    /// `<sup>①</sup>` marks and their definitions at the page foot, numbered per page: a
    /// definition belongs to the first mark with its symbol since the previous definitions.
    fn note_marks(&mut self, source: &mut Source) {
        let pieces = std::mem::take(&mut source.pieces);
        // Marks waiting for their definition: (piece, span, symbol) in `out`.
        let mut pending: Vec<(usize, usize, String)> = Vec::new();
        let mut out: Vec<Piece> = Vec::new();
        let mut in_definitions = false;
        for piece in pieces {
            if let Some((symbol, text)) = definition(&piece.block) {
                in_definitions = true;
                match pending.iter().position(|(_, _, s)| *s == symbol) {
                    Some(k) => {
                        let (p, s, _) = pending.remove(k);
                        let index = source.notes.len();
                        source.notes.push(Note { text, at: piece.at });
                        if let Some(spans) = inline_mut(&mut out[p].block) {
                            spans[s] = Span::Note(NoteRef::Index(index));
                        }
                        self.report.applied("note-marks", piece.at, format!("footnote {symbol} defined for its mark at {}", out[p].at));
                    }
                    None => {
                        self.report.approximated(piece.at, format!("footnote {symbol} has no mark on its page: kept as a paragraph"));
                        out.push(piece);
                    }
                }
                continue;
            }
            let blank = matches!(piece.block, Block::Rule);
            if in_definitions && !blank {
                // The page's definitions are over: its marks without one stay text.
                for (p, _, symbol) in pending.drain(..) {
                    self.report.approximated(out[p].at, format!("footnote mark {symbol} has no definition on its page: kept as text"));
                }
                in_definitions = false;
            }
            let index = out.len();
            if let Some(spans) = inline(&piece.block) {
                for (s, span) in spans.iter().enumerate() {
                    if let Span::Sup(symbol) = span
                        && is_note_symbol(symbol)
                    {
                        pending.push((index, s, symbol.clone()));
                    }
                }
            }
            out.push(piece);
        }
        for (p, _, symbol) in pending {
            self.report.approximated(out[p].at, format!("footnote mark {symbol} has no definition: kept as text"));
        }
        source.pieces = out;
    }

    /// Thematic breaks are dropped; the rule above a page's footnotes is part of them.
    fn rules(&mut self, pieces: &mut Vec<Piece>) {
        let notes_on = self.on("note-marks");
        let mut i = 0;
        while i < pieces.len() {
            if !matches!(pieces[i].block, Block::Rule) {
                i += 1;
                continue;
            }
            let at = pieces[i].at;
            if notes_on && pieces.get(i + 1).is_some_and(|p| definition(&p.block).is_some()) {
                self.report.dropped(at, "the rule (`---`) above a page's footnotes");
            } else {
                self.report.dropped(at, "a thematic break (`---`)");
            }
            pieces.remove(i);
        }
    }

    /// Spaces a PDF conversion put between scripts (`2000 亿美元`, `LNG 项目`), and in
    /// titles between Chinese characters (where the printed title broke its line).
    fn cjk_spacing(&mut self, source: &mut Source) {
        for piece in &mut source.pieces {
            let title = matches!(piece.block, Block::Heading { .. } | Block::Chapter { .. });
            let changed = match &mut piece.block {
                Block::Table(table) => {
                    let mut changed = false;
                    for cell in table.rows.iter_mut().flatten() {
                        let spaced = unspace(cell, false);
                        changed |= spaced != *cell;
                        *cell = spaced;
                    }
                    for text in table.caption.iter_mut().chain(table.source.iter_mut()) {
                        changed |= unspace_inline(text, false);
                    }
                    changed
                }
                block => inline_mut(block).is_some_and(|text| unspace_inline(text, title)),
            };
            if changed {
                self.report.applied("cjk-spacing", piece.at, "spaces between scripts dropped");
            }
        }
        for note in &mut source.notes {
            if unspace_inline(&mut note.text, false) {
                self.report.applied("cjk-spacing", note.at, "spaces between scripts dropped in a footnote");
            }
        }
    }

    /// `chapter-numbers` and `running-headers`, in one pass: both need the chapter titles
    /// seen so far.
    fn chapters_and_headers(&mut self, pieces: &mut Vec<Piece>, report_title: Option<String>) {
        let numbers_on = self.on("chapter-numbers");
        let headers_on = self.on("running-headers");
        let mut titles: Vec<String> = report_title.into_iter().collect();
        let mut seen: Vec<u32> = Vec::new();
        let mut opened: Option<u32> = None;
        let mut out = Vec::with_capacity(pieces.len());
        for mut piece in pieces.drain(..) {
            let text = match &piece.block {
                Block::Heading { text, .. } | Block::Para { text, .. } => plain(text),
                _ => {
                    out.push(piece);
                    continue;
                }
            };
            let heading = matches!(piece.block, Block::Heading { .. });
            if numbers_on && let Some(n) = chapter_number(&text, heading) {
                if seen.contains(&n) {
                    self.report.applied("chapter-numbers", piece.at, format!("chapter number {n} repeated: dropped"));
                } else {
                    self.report.applied("chapter-numbers", piece.at, format!("chapter {n} opens"));
                    seen.push(n);
                    opened = Some(n);
                }
                continue;
            }
            if let Some(number) = opened.take() {
                let (Block::Heading { text, .. } | Block::Para { text, .. }) = &piece.block else { unreachable!() };
                titles.push(squeeze(&plain(text)));
                piece.block = Block::Chapter { number, title: text.clone() };
                out.push(piece);
                continue;
            }
            let key = squeeze(&text);
            let unnumbered = text.trim().split_once(' ').filter(|(n, _)| chapter_number(n, true).is_some()).map(|(_, t)| squeeze(t));
            if headers_on && (titles.contains(&key) || unnumbered.is_some_and(|t| titles.contains(&t))) {
                self.report.applied("running-headers", piece.at, format!("running header dropped: {}", quote(&text)));
                continue;
            }
            if headers_on && !heading && is_page_number(&text) {
                self.report.applied("running-headers", piece.at, format!("page number dropped: {}", quote(&text)));
                continue;
            }
            if let Block::Heading { level: 1, text } = &piece.block {
                if numbers_on && let Some((number, title)) = numbered_title(text) {
                    self.report.applied("chapter-numbers", piece.at, format!("chapter {number} opens: {}", quote(&plain(text))));
                    seen.push(number);
                    titles.push(squeeze(&plain(&title)));
                    piece.block = Block::Chapter { number, title };
                } else {
                    titles.push(key);
                }
            }
            out.push(piece);
        }
        *pieces = out;
    }

    /// Consecutive paragraphs whose every line holds a tab are a table.
    fn tab_tables(&mut self, pieces: &mut Vec<Piece>) {
        let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
        for piece in pieces.drain(..) {
            let lines: Vec<&str> = piece.raw.lines().filter(|l| !l.trim().is_empty()).collect();
            let tabbed = matches!(piece.block, Block::Para { .. }) && !lines.is_empty() && lines.iter().all(|l| l.contains('\t'));
            if !tabbed {
                out.push(piece);
                continue;
            }
            let rows: Vec<Vec<String>> = lines.iter().map(|l| l.split('\t').map(|c| unescape(c.trim())).collect()).collect();
            if let Some(Piece { block: Block::Table(table), .. }) = out.last_mut()
                && table.spans.is_empty()
            {
                table.rows.extend(rows);
                continue;
            }
            self.report.applied("tab-tables", piece.at, format!("{} tab-separated lines are a table", lines.len()));
            out.push(Piece { block: Block::Table(Table { rows, header: 0, spans: Vec::new(), caption: None, source: None }), ..piece });
        }
        for piece in &mut out {
            if let Block::Table(table) = &mut piece.block
                && table.header == 0
            {
                // Header rows: the leading rows that hold no number (or year); one if no
                // row holds any.
                let data = |row: &Vec<String>| row.iter().any(|c| super::emit::number(c).is_some() || super::emit::year(c).is_some());
                let header = table.rows.iter().take_while(|row| !data(row)).count();
                table.header = if header == table.rows.len() { 1 } else { header.max(1) };
            }
        }
        *pieces = out;
    }

    /// A short line above a table is its caption, a source line below it its source.
    fn table_captions(&mut self, pieces: &mut Vec<Piece>) {
        let mut i = 0;
        while i < pieces.len() {
            if !matches!(pieces[i].block, Block::Table(_)) {
                i += 1;
                continue;
            }
            if let Some(Piece { block: Block::Para { text, quote: false }, at, .. }) = i.checked_sub(1).map(|p| &pieces[p]) {
                let line = plain(text);
                if line.chars().count() <= 60 && !ends_sentence(text) && source_line(&line).is_none() && !line.contains('\n') {
                    let (at, caption) = (*at, strip_table_number(text));
                    self.report.applied("table-captions", at, format!("table caption: {}", quote(&line)));
                    if let Block::Table(table) = &mut pieces[i].block {
                        table.caption = Some(caption);
                    }
                    pieces.remove(i - 1);
                    i -= 1;
                }
            }
            if let Some(Piece { block: Block::Para { text, .. }, at, .. }) = pieces.get(i + 1)
                && source_line(&plain(text)).is_some()
            {
                let (at, source) = (*at, text.clone());
                self.report.applied("table-captions", at, format!("table source line: {}", quote(&plain(&source))));
                if let Block::Table(table) = &mut pieces[i].block {
                    table.source = Some(source);
                }
                pieces.remove(i + 1);
            }
            i += 1;
        }
    }

    /// `（一）`, `(1)`, `1.`, `一、` before a section title: the editions number sections.
    fn section_numbers(&mut self, pieces: &mut [Piece]) {
        for piece in pieces {
            if let Block::Heading { level: 2..=3, text } = &mut piece.block
                && let Some(Span::Text(first)) = text.first_mut()
                && let Some(rest) = strip_section_number(first)
            {
                self.report.applied("section-numbers", piece.at, format!("section number dropped: {}", quote(&first[..first.len() - rest.len()])));
                *first = rest.to_string();
            }
        }
    }

    /// Bulleted items right after a chapter's title that repeat its section titles.
    fn chapter_openers(&mut self, pieces: &mut Vec<Piece>) {
        let mut i = 0;
        while i < pieces.len() {
            let is_chapter = matches!(pieces[i].block, Block::Chapter { .. } | Block::Heading { level: 1, .. });
            if !is_chapter {
                i += 1;
                continue;
            }
            let items = pieces[i + 1..].iter().take_while(|p| matches!(p.block, Block::Item { ordered: false, .. })).count();
            let next_chapter = pieces[i + 1..]
                .iter()
                .position(|p| matches!(p.block, Block::Chapter { .. } | Block::Heading { level: 1, .. }))
                .map_or(pieces.len(), |n| i + 1 + n);
            let sections: Vec<String> = pieces[i + 1..next_chapter]
                .iter()
                .filter_map(|p| match &p.block {
                    Block::Heading { level: 2..=3, text } => Some(squeeze(&plain(text))),
                    _ => None,
                })
                .collect();
            let repeats = |p: &Piece| match &p.block {
                Block::Item { text, .. } => sections.iter().any(|s| similarity(s, &squeeze(&plain(text))) >= 0.6),
                _ => false,
            };
            if items >= 2 && pieces[i + 1..i + 1 + items].iter().all(repeats) {
                let at = pieces[i + 1].at;
                self.report.applied("chapter-openers", at, format!("{items} section titles listed under the chapter title dropped"));
                pieces.drain(i + 1..i + 1 + items);
            }
            i += 1;
        }
    }

    /// A paragraph (or list item) not ending a sentence continues in the next paragraph.
    fn page_splits(&mut self, pieces: &mut Vec<Piece>) {
        let repeats_on = self.on("page-split-repeats");
        let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
        for piece in pieces.drain(..) {
            let joinable = match (out.last().map(|p| &p.block), &piece.block) {
                (Some(Block::Para { text: head, quote: q1 }), Block::Para { text: tail, quote: q2 }) => q1 == q2 && continues(head, tail),
                (Some(Block::Item { text: head, .. }), Block::Para { text: tail, quote: false }) => continues(head, tail),
                _ => false,
            };
            if !joinable {
                out.push(piece);
                continue;
            }
            let Block::Para { text: mut tail, .. } = piece.block else { unreachable!() };
            let last = out.last_mut().expect("joinable has a previous piece");
            let (Block::Para { text: head, .. } | Block::Item { text: head, .. }) = &mut last.block else { unreachable!() };
            let shown = format!("…{}|{}…", tail_chars(&plain(head), 8), head_chars(&plain(&tail), 8));
            let repeated = match (head.last(), tail.first()) {
                (Some(Span::Text(a)), Some(Span::Text(b))) => a.chars().last().filter(|c| is_cjk(*c) && b.starts_with(*c)),
                _ => None,
            };
            if let (true, Some(c)) = (repeats_on, repeated) {
                if let Some(Span::Text(b)) = tail.first_mut() {
                    b.drain(..c.len_utf8());
                }
                self.report.applied("page-split-repeats", piece.at, format!("{shown}: the repeated `{c}` dropped"));
            }
            self.report.applied("page-splits", piece.at, format!("paragraph split by a page break joined: {shown}"));
            for span in tail.drain(..) {
                match span {
                    Span::Text(t) => push_text(head, &t),
                    other => head.push(other),
                }
            }
        }
        *pieces = out;
    }

    /// A paragraph repeating an earlier one of its section word for word.
    fn duplicates(&mut self, pieces: &mut Vec<Piece>) {
        let mut seen: HashSet<String> = HashSet::new();
        pieces.retain(|p| match &p.block {
            Block::Heading { .. } | Block::Chapter { .. } => {
                seen.clear();
                true
            }
            Block::Para { text, .. } if plain(text).chars().count() >= 20 && ends_sentence(text) => {
                let fresh = seen.insert(squeeze(&plain(text)));
                if !fresh {
                    self.report.applied("duplicates", p.at, format!("paragraph repeated in its section dropped: {}", quote(&plain(text))));
                }
                fresh
            }
            _ => true,
        });
    }

    /// Superscripts that are no footnote mark keep their text.
    fn unresolved_sups(&mut self, pieces: &mut [Piece]) {
        for piece in pieces {
            let at = piece.at;
            let Some(spans) = inline_mut(&mut piece.block) else { continue };
            let mut merged: Inline = Vec::new();
            for span in spans.drain(..) {
                match span {
                    Span::Sup(t) => {
                        self.report.approximated(at, format!("superscript `{t}` kept as plain text"));
                        push_text(&mut merged, &t);
                    }
                    Span::Text(t) => push_text(&mut merged, &t),
                    other => merged.push(other),
                }
            }
            *spans = merged;
        }
    }
}

/// Resolves footnotes named by label (Markdown `[^1]`, DOCX ids): definitions anywhere,
/// references in the text. Not a heuristic: this is what the syntax says.
pub fn resolve_labels(source: &mut Source, report: &mut ImportReport) {
    let mut labels: Vec<(String, usize)> = Vec::new();
    let mut used = Vec::new();
    source.pieces.retain(|p| match &p.block {
        Block::NoteDef { label, text } => {
            labels.push((label.clone(), source.notes.len()));
            source.notes.push(Note { text: text.clone(), at: p.at });
            used.push(false);
            false
        }
        _ => true,
    });
    for piece in &mut source.pieces {
        let at = piece.at;
        let Some(spans) = inline_mut(&mut piece.block) else { continue };
        for span in spans.iter_mut() {
            if let Span::Note(NoteRef::Label(label)) = span {
                match labels.iter().find(|(l, _)| l == label) {
                    Some(&(_, index)) => {
                        let first = source.notes.len() - used.len();
                        used[index - first] = true;
                        *span = Span::Note(NoteRef::Index(index));
                    }
                    None => {
                        report.approximated(at, format!("footnote reference [{label}] has no definition: kept as text"));
                        *span = Span::Text(format!("[{label}]"));
                    }
                }
            }
        }
    }
    let first = source.notes.len() - used.len();
    for (i, used) in used.into_iter().enumerate() {
        if !used {
            let note = &source.notes[first + i];
            report.dropped(note.at, format!("footnote never referenced: {}", quote(&plain(&note.text))));
        }
    }
}

fn inline(block: &Block) -> Option<&Inline> {
    match block {
        Block::Para { text, .. } | Block::Heading { text, .. } | Block::Item { text, .. } | Block::Chapter { title: text, .. } => Some(text),
        _ => None,
    }
}

fn inline_mut(block: &mut Block) -> Option<&mut Inline> {
    match block {
        Block::Para { text, .. } | Block::Heading { text, .. } | Block::Item { text, .. } | Block::Chapter { title: text, .. } => Some(text),
        Block::NoteDef { text, .. } => Some(text),
        _ => None,
    }
}

/// A paragraph starting with a `<sup>` note symbol: (symbol, the note's text).
fn definition(block: &Block) -> Option<(String, Inline)> {
    let Block::Para { text, .. } = block else { return None };
    let Some(Span::Sup(symbol)) = text.first() else { return None };
    if !is_note_symbol(symbol) {
        return None;
    }
    let mut rest = text[1..].to_vec();
    if let Some(Span::Text(t)) = rest.first_mut() {
        *t = t.trim_start().to_string();
    }
    Some((symbol.clone(), rest))
}

/// ① … ㊿, 1 … 999, *, †, ‡.
fn is_note_symbol(s: &str) -> bool {
    let s = s.trim();
    let mut chars = s.chars();
    let circled = |c: char| matches!(c as u32, 0x2460..=0x2473 | 0x3251..=0x325F | 0x32B1..=0x32BF | 0x2776..=0x277F);
    match (chars.next(), chars.next()) {
        (Some(c), None) if circled(c) || "*†‡".contains(c) => true,
        _ => !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()),
    }
}

fn is_contents(text: &str) -> bool {
    let key = squeeze(text).to_lowercase();
    ["目录", "目次", "contents", "tableofcontents", "содержание", "оглавление"].contains(&key.as_str())
}

/// A contents line: ends with a page number, or is a number (a chapter's).
fn looks_like_contents(piece: &Piece) -> bool {
    if !matches!(piece.block, Block::Para { .. } | Block::Heading { .. } | Block::Item { .. }) {
        return false;
    }
    piece.raw.lines().filter(|l| !l.trim().is_empty()).all(|line| {
        let line = line.trim().trim_end_matches(['*', ' ', '\t']);
        line.ends_with(|c: char| c.is_ascii_digit())
    })
}

/// `01`, `# 2`: a chapter number alone on its line (a paragraph needs two digits, so that
/// a page number is not taken for one).
fn chapter_number(text: &str, heading: bool) -> Option<u32> {
    let text = text.trim();
    let digits = text.len() <= 2 && !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    (digits && (heading || text.len() == 2)).then(|| text.parse().ok()).flatten().filter(|n| *n > 0)
}

/// `第一章 前言`, `Chapter 2: Foundations`, `Глава 3. …` → (number, title).
fn numbered_title(text: &Inline) -> Option<(u32, Inline)> {
    let Some(Span::Text(first)) = text.first() else { return None };
    let first = first.trim_start();
    let (number, rest) = if let Some(rest) = first.strip_prefix('第') {
        let end = rest.find('章')?;
        (hanzi_number(&rest[..end]).or_else(|| rest[..end].parse().ok())?, &rest[end + '章'.len_utf8()..])
    } else {
        let lower = first.to_lowercase();
        let word = ["chapter ", "глава "].into_iter().find(|w| lower.starts_with(w))?;
        let rest = &first[word.len()..];
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        (rest[..digits].parse().ok()?, &rest[digits..])
    };
    let title = rest.trim_start_matches([' ', '　', ':', '：', '.', '．', '、']).trim_start();
    if title.is_empty() {
        return None;
    }
    let mut out = vec![Span::Text(title.to_string())];
    out.extend(text[1..].iter().cloned());
    Some((number, out))
}

fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
}

/// The rest of a section title after its number, if it has one.
fn strip_section_number(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let numeral = |s: &str| !s.is_empty() && s.chars().all(|c| "一二三四五六七八九十".contains(c) || c.is_ascii_digit());
    let rest = if let Some(inner) = t.strip_prefix(['（', '(']) {
        let close = inner.find(['）', ')'])?;
        if !numeral(&inner[..close]) {
            return None;
        }
        &inner[close + inner[close..].chars().next()?.len_utf8()..]
    } else {
        let end = t.find(|c: char| !("一二三四五六七八九十".contains(c) || c.is_ascii_digit())).unwrap_or(t.len());
        let after = &t[end..];
        if end == 0 {
            return None;
        }
        let sep = after.chars().next()?;
        if !['、', '.', '．'].contains(&sep) {
            return None;
        }
        &after[sep.len_utf8()..]
    };
    let rest = rest.trim_start_matches([' ', '　']);
    (!rest.is_empty()).then_some(rest)
}

/// `表1　…`, `Table 2: …`, `Таблица 3. …`: the number is the editions' to give.
fn strip_table_number(text: &Inline) -> Inline {
    let mut out = text.clone();
    if let Some(Span::Text(first)) = out.first_mut() {
        let lower = first.to_lowercase();
        let prefix = ["表", "table ", "таблица "].into_iter().find(|p| lower.starts_with(p));
        if let Some(prefix) = prefix {
            let rest = &first[prefix.len()..];
            let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
            if digits > 0 {
                *first = rest[digits..].trim_start_matches([' ', '　', ':', '：', '.', '．']).to_string();
            }
        }
    }
    out
}

/// The text after a source prefix (`资料来源：`, `Source:`, `Источник:`).
pub fn source_line(text: &str) -> Option<&str> {
    let t = text.trim_start();
    ["资料来源：", "资料来源:", "来源：", "数据来源：", "Source:", "Sources:", "Источник:", "Источники:"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
}

/// `unspace` on every text run; whether anything changed.
fn unspace_inline(text: &mut Inline, titles: bool) -> bool {
    let mut changed = false;
    for span in text.iter_mut() {
        if let Span::Text(t) = span {
            let spaced = unspace(t, titles);
            changed |= spaced != *t;
            *t = spaced;
        }
    }
    changed
}

/// Text without the spaces between a Chinese character and a Latin letter or digit (and,
/// with `titles`, between two Chinese characters).
fn unspace(text: &str, titles: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let latin = |c: char| c.is_ascii_alphanumeric();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() {
            let (a, b) = (chars[i - 1], chars[i + 1]);
            let across = (is_cjk(a) && latin(b)) || (latin(a) && is_cjk(b));
            if across || (titles && is_cjk(a) && is_cjk(b)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Whether a paragraph ends a sentence (or with a footnote mark).
fn ends_sentence(text: &Inline) -> bool {
    match text.last() {
        Some(Span::Note(_)) => true,
        Some(Span::Link { .. }) => false,
        _ => plain(text).trim_end().ends_with(['。', '”', '；', '：', '！', '？', '.', '!', '?', ';', ':', '…', '"', '»', '’']),
    }
}

/// Whether `tail` continues `head` across a page break.
fn continues(head: &Inline, tail: &Inline) -> bool {
    let (h, t) = (plain(head), plain(tail));
    if ends_sentence(head) || source_line(&h).is_some() || source_line(&t).is_some() {
        return false;
    }
    let (Some(last), Some(first)) = (h.trim_end().chars().last(), t.trim_start().chars().next()) else { return false };
    // Chinese runs on whatever comes next; Latin and Cyrillic text only into a lowercase word.
    is_cjk(last) || first.is_lowercase() || is_cjk(first) && !last.is_alphabetic()
}

fn tail_chars(s: &str, n: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}

fn head_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Text without whitespace, for comparisons.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Dice coefficient of the character bigrams of two texts (1 = the same).
pub fn similarity(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (a, b) = (grams(a), grams(b));
    if a.is_empty() || b.is_empty() {
        return f64::from(u8::from(a == b));
    }
    let mut counts: std::collections::HashMap<(char, char), i32> = std::collections::HashMap::new();
    for g in &a {
        *counts.entry(*g).or_default() += 1;
    }
    let mut shared = 0;
    for g in &b {
        if let Some(n) = counts.get_mut(g)
            && *n > 0
        {
            *n -= 1;
            shared += 1;
        }
    }
    2.0 * f64::from(shared) / (a.len() + b.len()) as f64
}

/// Markdown backslash escapes taken out of raw text (`content\_2584822` → `content_2584822`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// 一 … 九十九.
fn hanzi_number(s: &str) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).map(|d| d as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// A publication date on a title page: `二〇二四年十二月`, `2024年12月`, `2024-12`,
/// `December 2024`, `декабрь 2024`.
pub fn parse_date(line: &str) -> Option<(i32, u32)> {
    let line = line.trim();
    let valid = |y: i32, m: u32| ((1000..=9999).contains(&y) && (1..=12).contains(&m)).then_some((y, m));
    if let Some((year, rest)) = line.split_once('年') {
        let month = rest.strip_suffix('月')?;
        let year: i32 = if year.chars().all(|c| c.is_ascii_digit()) {
            year.parse().ok()?
        } else {
            year.chars().map(|c| hanzi_number(&c.to_string())).collect::<Option<Vec<u32>>>()?.iter().fold(0, |y, d| y * 10 + *d as i32)
        };
        let month = month.parse().ok().or_else(|| hanzi_number(month))?;
        return valid(year, month);
    }
    if let Some((y, m)) = line.split_once(['-', '.', '/'])
        && let (Ok(y), Ok(m)) = (y.parse(), m.parse())
    {
        return valid(y, m);
    }
    let lower = line.to_lowercase();
    let (name, year) = lower.trim_end_matches(['г', '.', ' ']).rsplit_once(' ')?;
    let name = name.trim().trim_end_matches('.');
    const MONTHS: [&[&str]; 12] = [
        &["january", "jan", "январь", "января", "янв"],
        &["february", "feb", "февраль", "февраля", "фев"],
        &["march", "mar", "март", "марта", "мар"],
        &["april", "apr", "апрель", "апреля", "апр"],
        &["may", "май", "мая"],
        &["june", "jun", "июнь", "июня", "июн"],
        &["july", "jul", "июль", "июля", "июл"],
        &["august", "aug", "август", "августа", "авг"],
        &["september", "sep", "sept", "сентябрь", "сентября", "сен"],
        &["october", "oct", "октябрь", "октября", "окт"],
        &["november", "nov", "ноябрь", "ноября", "ноя"],
        &["december", "dec", "декабрь", "декабря", "дек"],
    ];
    let month = MONTHS.iter().position(|names| names.contains(&name))? as u32 + 1;
    valid(year.parse().ok()?, month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_on_title_pages() {
        assert_eq!(parse_date("二〇二四年十二月"), Some((2024, 12)));
        assert_eq!(parse_date("2024年3月"), Some((2024, 3)));
        assert_eq!(parse_date("2024-07"), Some((2024, 7)));
        assert_eq!(parse_date("December 2024"), Some((2024, 12)));
        assert_eq!(parse_date("Май 2023 г."), Some((2023, 5)));
        assert_eq!(parse_date("中国国际问题研究院"), None);
        assert_eq!(parse_date("Marketing 2024"), None);
    }

    #[test]
    fn section_numbers() {
        assert_eq!(strip_section_number("(一) 元首外交"), Some("元首外交"));
        assert_eq!(strip_section_number("（二）各层级"), Some("各层级"));
        assert_eq!(strip_section_number("3. Trade"), Some("Trade"));
        assert_eq!(strip_section_number("一、总论"), Some("总论"));
        assert_eq!(strip_section_number("2024年的贸易"), None);
        assert_eq!(strip_section_number("(a) letters"), None);
    }

    #[test]
    fn chapter_numbers_and_titles() {
        assert_eq!(chapter_number("03", false), Some(3));
        assert_eq!(chapter_number("3", false), None);
        assert_eq!(chapter_number("7", true), Some(7));
        assert_eq!(chapter_number("2024", true), None);
        let t = |s: &str| vec![Span::Text(s.to_string())];
        assert_eq!(numbered_title(&t("第二章 逻辑基础")), Some((2, t("逻辑基础"))));
        assert_eq!(numbered_title(&t("Chapter 12: Outlook")), Some((12, t("Outlook"))));
        assert_eq!(numbered_title(&t("Chapters of history")), None);
    }

    #[test]
    fn page_splits_need_an_unfinished_sentence() {
        let t = |s: &str| vec![Span::Text(s.to_string())];
        assert!(continues(&t("各领域合作都以前"), &t("前所未有的速度展开。")));
        assert!(!continues(&t("这是一句话。"), &t("下一段")));
        assert!(continues(&t("the sentence goes"), &t("on here.")));
        assert!(!continues(&t("A heading"), &t("The next paragraph.")));
        assert!(!continues(&t("图表标题"), &t("资料来源：海关")));
    }

    #[test]
    fn spaces_between_scripts() {
        assert_eq!(unspace("经历 75 年的 LNG 项目，2023 年", false), "经历75年的LNG项目，2023年");
        assert_eq!(unspace("普京 祝索契", false), "普京 祝索契");
        assert_eq!(unspace("中俄关系持续发展的 逻辑基础", true), "中俄关系持续发展的逻辑基础");
        assert_eq!(unspace("5 июня 2024 года", false), "5 июня 2024 года");
    }

    #[test]
    fn note_symbols() {
        assert!(is_note_symbol("①") && is_note_symbol("12") && is_note_symbol("*"));
        assert!(!is_note_symbol("th") && !is_note_symbol("1234"));
    }

    #[test]
    fn similar_texts() {
        assert!(similarity("中俄关系持续稳定发展的内生动力", "中俄关系持续稳定的内生动力") > 0.6);
        assert!(similarity("贸易取得突破性进展", "相互投资稳步推进") < 0.2);
    }
}
