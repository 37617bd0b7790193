//! The block writer the EPUB and the web edition share: paragraphs, lists, callouts,
//! tables, charts, figures and footnotes of the document as (X)HTML 5. Everything from the
//! document goes through [`Xml`], escaped; the containers (an EPUB content document, a web
//! page) write what is around the blocks.

use std::collections::BTreeMap;

use crate::document::{Block, BlockBody, Chapter, Chart, Document, Inline, Note, Table, Text};

use super::script::ForeignTags;
use super::xml::Xml;

/// Which container the blocks go into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// EPUB 3 content documents (XHTML): `epub:type` semantics, `xml:lang` beside `lang`.
    Epub,
    /// Web pages (HTML 5).
    Html,
}

impl Flavor {
    /// The attributes that tag a passage's language.
    fn lang<'t>(self, tag: &'t str) -> Vec<(&'static str, &'t str)> {
        match self {
            Flavor::Epub => vec![("lang", tag), ("xml:lang", tag)],
            Flavor::Html => vec![("lang", tag)],
        }
    }
}

/// An image file, as the pages refer to it.
#[derive(Debug, Clone)]
pub struct Picture {
    pub href: String,
    pub width: u32,
    pub height: u32,
}

/// A chart's drawing: a file the page shows (EPUB), or the SVG in the page itself (web).
pub enum ChartArt {
    File(Picture),
    Inline(String),
}

/// What the blocks need besides the document: where its images and charts went.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub flavor: Flavor,
    /// Photographs by their path in the document.
    pub images: BTreeMap<String, Picture>,
    /// Chart drawings by their figure number.
    pub charts: BTreeMap<String, ChartArt>,
    /// The front cover as an image.
    pub cover: Option<Picture>,
    pub foreign: ForeignTags,
    /// Glossary terms to mark as `<u class="term">` (the review edition), or none.
    pub terms: Option<regex::Regex>,
}

impl Context<'_> {
    pub fn label(&self, id: &str) -> &str {
        self.doc.labels.get(id).map_or("", String::as_str)
    }
}

/// One content document being written, with the footnotes met so far. The containers
/// (an EPUB content document, a web page) write the document around it through `x`.
pub struct Page<'a> {
    pub x: Xml,
    pub ctx: &'a Context<'a>,
    notes: Vec<&'a Note>,
    /// Before the ids of notes and their marks, where one file holds several pages' notes.
    ids: String,
    /// Message ids to give, once each, to the table cells that show them (the review page
    /// names every message; a cell is the place of its own).
    pub anchors: std::collections::HashSet<String>,
}

impl<'a> Page<'a> {
    pub fn new(ctx: &'a Context<'a>, x: Xml) -> Self {
        Self { x, ctx, notes: Vec::new(), ids: String::new(), anchors: Default::default() }
    }

    /// The notes' ids start with `prefix` (`s3-`), for a file with more than one page.
    pub fn with_ids(mut self, prefix: &str) -> Self {
        self.ids = prefix.to_string();
        self
    }

    /// Text with the passages in another of the report's languages tagged.
    pub fn text(&mut self, text: &str) {
        for (piece, tag) in self.ctx.foreign.split(text) {
            match tag {
                Some(tag) => {
                    self.x.open("span", &self.ctx.flavor.lang(tag));
                    self.terms(piece);
                    self.x.close("span");
                }
                None => self.terms(piece),
            }
        }
    }

    /// Text with the glossary's terms marked, when the context has them.
    fn terms(&mut self, text: &str) {
        let Some(terms) = &self.ctx.terms else { return self.x.text(text) };
        let mut at = 0;
        for found in terms.find_iter(text) {
            self.x.text(&text[at..found.start()]);
            self.x.leaf("u", &[("class", "term")], found.as_str());
            at = found.end();
        }
        self.x.text(&text[at..]);
    }

    pub fn runs(&mut self, runs: &'a Text) {
        for run in runs {
            match run {
                Inline::Text(text) => self.text(text),
                Inline::Link(url) => self.x.leaf("a", &[("class", "url"), ("href", &href(url))], url),
                Inline::Math(math) => super::math::inline(&mut self.x, math),
                Inline::Note(note) => {
                    self.notes.push(note);
                    let n = self.notes.len().to_string();
                    let (id, target) = (format!("{}noteref-{n}", self.ids), format!("#{}note-{n}", self.ids));
                    let mut attrs = vec![("class", "noteref"), ("role", "doc-noteref"), ("id", id.as_str()), ("href", target.as_str())];
                    if self.ctx.flavor == Flavor::Epub {
                        attrs.push(("epub:type", "noteref"));
                    }
                    self.x.leaf("a", &attrs, &n);
                }
            }
        }
    }

    /// `<name class=…>runs</name>`.
    pub fn runs_in(&mut self, name: &str, class: Option<&str>, runs: &'a Text) {
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

    pub fn block(&mut self, block: &'a Block) {
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
            BlockBody::Math { math } => {
                self.x.open("div", &[("class", &class("equation"))]);
                super::math::display(&mut self.x, math);
                self.x.close("div");
            }
            BlockBody::Figure { number, image, caption, placeholder } => {
                let picture = &self.ctx.images[image];
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
        // On the web a wide table scrolls inside this box, which keyboard users must be
        // able to reach and screen readers to name.
        let label = match &table.caption {
            Some(caption) => format!("{}{}{}", table.number, self.ctx.label("label-caption-separator"), plain_text(caption)),
            None => table.number.clone(),
        };
        let mut attrs = vec![("class", class)];
        if self.ctx.flavor == Flavor::Html {
            attrs.extend([("tabindex", "0"), ("role", "region"), ("aria-label", label.as_str())]);
        }
        self.x.open("div", &attrs);
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
                if self.anchors.remove(&cell.id) {
                    attrs.push(("id", &cell.id));
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
        for (r, row) in table.rows.iter().enumerate() {
            self.x.open("tr", &[]);
            for (i, (cell, align)) in row.iter().zip(&table.align).enumerate() {
                // The first column names the row: a year, an agreement.
                let (name, mut attrs) = if i == 0 { ("th", vec![("scope", "row")]) } else { ("td", vec![]) };
                if *align == "right" {
                    attrs.push(("class", "num"));
                }
                let id = table.cell_ids.get(r).and_then(|ids| ids.get(i)).cloned().flatten().filter(|id| self.anchors.remove(id));
                if let Some(id) = &id {
                    attrs.push(("id", id));
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
        match self.ctx.charts.get(&chart.number) {
            Some(art) => {
                match art {
                    ChartArt::File(picture) => self.image(picture, &plain_text(&chart.title)),
                    // The drawing in the page: its glyphs are outlines, its ids made unique
                    // by the container, its text given to assistive technology as a label.
                    ChartArt::Inline(svg) => {
                        self.x.open("div", &[("class", "chart-drawing"), ("role", "img"), ("aria-label", &plain_text(&chart.title))]);
                        self.x.raw(svg);
                        self.x.close("div");
                        self.x.newline();
                    }
                }
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
        if let Some(source) = &chart.source {
            self.runs_in("p", Some("source"), source);
            self.x.newline();
        }
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
        match &chart.unit {
            Some(unit) => {
                self.x.open("th", &[("scope", "col"), ("colspan", &span)]);
                self.text(unit);
                self.x.close("th");
            }
            None => self.x.leaf("td", &[("colspan", &span)], ""),
        }
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

    /// A chapter: its heading, summary, blocks and sections, then its footnotes.
    pub fn chapter(&mut self, chapter: &'a Chapter) {
        self.x.open("h1", &[("id", "chapter-title")]);
        chapter_heading(&mut self.x, chapter);
        self.x.close("h1");
        self.x.newline();
        if let Some(summary) = &chapter.summary {
            self.x.open("div", &[("class", "summary")]);
            self.runs_in("p", None, summary);
            self.x.close("div");
            self.x.newline();
        }
        for block in &chapter.intro {
            self.block(block);
        }
        for section in &chapter.sections {
            let id = format!("section-{}", section.number);
            self.x.open("section", &[("aria-labelledby", &id)]);
            self.x.newline();
            self.x.open("h2", &[("id", &id)]);
            self.text(&section.marker);
            self.text(&section.title);
            self.x.close("h2");
            self.x.newline();
            for block in &section.blocks {
                self.block(block);
            }
            self.x.close("section");
            self.x.newline();
        }
        self.footnotes();
    }

    /// The chapter's footnotes, each linking back to its mark.
    pub fn footnotes(&mut self) {
        if self.notes.is_empty() {
            return;
        }
        let notes = std::mem::take(&mut self.notes);
        self.x.open("section", &[("class", "notes"), ("aria-label", self.ctx.label("label-notes"))]);
        self.x.newline();
        for (note, n) in notes.into_iter().zip(1..) {
            let id = format!("{}note-{n}", self.ids);
            let back = format!("#{}noteref-{n}", self.ids);
            let mut attrs = vec![("id", id.as_str()), ("role", "doc-footnote")];
            if self.ctx.flavor == Flavor::Epub {
                attrs.push(("epub:type", "footnote"));
            }
            self.x.open("aside", &attrs);
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

/// The chapter's label and title, as headings and the contents show them.
pub fn chapter_heading(x: &mut Xml, chapter: &Chapter) {
    x.leaf("span", &[("class", "chapter-label")], &chapter.label);
    x.text(" ");
    x.leaf("span", &[("class", "chapter-title")], &chapter.title);
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

/// The text of runs without footnote marks or links, equations as their text on one line
/// (`E=mc^2`), for alternative text and search.
pub fn plain_text(runs: &Text) -> String {
    let mut out = String::new();
    for run in runs {
        match run {
            Inline::Text(t) => out.push_str(t),
            Inline::Math(math) => out.push_str(&crate::model::math::plain(math)),
            Inline::Note(_) | Inline::Link(_) => {}
        }
    }
    out
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
