//! The import report: what the import made (counts), every heuristic it applied and where,
//! and everything it dropped or approximated, with its place in the source. Printed on
//! stdout and, with `--report-json FILE`, written as JSON. Nothing is dropped silently.

use std::collections::BTreeMap;

use serde::Serialize;

use super::source::Loc;

/// The heuristics for documents converted from PDF, by the name `--no-heuristic` takes.
pub const HEURISTICS: &[(&str, &str)] = &[
    ("title-page", "the first heading is the report's title, the short lines under it the institution and date, text before it the back-cover blurb"),
    ("contents", "a table of contents (目录, Contents, Содержание) is dropped: the editions make their own"),
    ("chapter-numbers", "a line holding only a chapter number (`# 01`) opens a chapter, the next line is its title; seen again, it is dropped"),
    ("running-headers", "lines repeating the report's or a chapter's title (page headers), and lines holding only a page number, are dropped"),
    ("chapter-openers", "a bulleted list of a chapter's section titles right after its title is dropped: the editions make their own"),
    ("section-numbers", "`（一）`, `(1)`, `1.` before a section title are dropped: the editions number sections"),
    ("note-marks", "`<sup>①</sup>` marks are footnote references, lines starting with one their definitions, numbered per page"),
    ("page-splits", "a paragraph that does not end a sentence continues in the next one (split by a page break)"),
    ("page-split-repeats", "where a page split repeated a character (以前|前所未有), the repeat is dropped"),
    ("duplicates", "a paragraph identical to an earlier one of the same section is dropped"),
    ("cjk-spacing", "spaces between a Chinese character and a Latin letter or digit, and in titles between two Chinese characters, are dropped: the layout spaces scripts"),
    ("tab-tables", "lines holding tabs are a table's rows"),
    ("table-captions", "a short line right above a table is its caption, a `Source:`/`资料来源：` line below it its source"),
];

/// One place where the import did something a reader should know about.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub at: Loc,
    pub what: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Counts {
    pub chapters: usize,
    pub sections: usize,
    pub paragraphs: usize,
    pub lists: usize,
    pub list_items: usize,
    pub tables: usize,
    pub figures: usize,
    /// Word charts imported as folio charts.
    pub charts: usize,
    /// Word equations imported: display equations and equations in the text.
    pub equations: usize,
    pub footnotes: usize,
    pub messages: usize,
}

/// Messages matched by `--update`.
#[derive(Debug, Default, Serialize)]
pub struct Update {
    pub unchanged: usize,
    pub edited: usize,
    pub new: usize,
    pub removed: usize,
    /// Blocks of the model the import cannot reproduce (a chart, a placeholder figure), kept.
    pub kept: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct ImportReport {
    pub source: String,
    pub format: String,
    pub counts: Counts,
    /// Applications of each heuristic, by name.
    pub heuristics: BTreeMap<&'static str, Vec<Event>>,
    pub dropped: Vec<Event>,
    pub approximated: Vec<Event>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<Update>,
    /// What the project needs before it renders (a font for a script of the text).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub to_do: Vec<String>,
}

impl ImportReport {
    pub fn applied(&mut self, heuristic: &'static str, at: Loc, what: impl Into<String>) {
        debug_assert!(HEURISTICS.iter().any(|(name, _)| *name == heuristic), "unknown heuristic {heuristic}");
        self.heuristics.entry(heuristic).or_default().push(Event { at, what: what.into() });
    }

    pub fn dropped(&mut self, at: Loc, what: impl Into<String>) {
        self.dropped.push(Event { at, what: what.into() });
    }

    pub fn approximated(&mut self, at: Loc, what: impl Into<String>) {
        self.approximated.push(Event { at, what: what.into() });
    }

    /// The report as printed on stdout.
    pub fn text(&self) -> String {
        let c = &self.counts;
        let mut out = format!("imported {} ({})\n", self.source, self.format);
        out.push_str(&format!(
            "  {} chapters, {} sections, {} paragraphs, {} lists ({} items), {} tables, {} figures, {}{} footnotes; {} messages\n",
            c.chapters,
            c.sections,
            c.paragraphs,
            c.lists,
            c.list_items,
            c.tables,
            c.figures,
            // Said when there are some: documents without charts keep their report's line.
            [("charts", c.charts), ("equations", c.equations)].iter().filter(|(_, n)| *n > 0).map(|(what, n)| format!("{n} {what}, ")).collect::<String>(),
            c.footnotes,
            c.messages
        ));
        if let Some(u) = &self.update {
            out.push_str(&format!(
                "update: {} unchanged, {} edited, {} new, {} removed; {} hand-made block(s) of the model kept\n",
                u.unchanged, u.edited, u.new, u.removed, u.kept
            ));
        }
        if !self.heuristics.is_empty() {
            out.push_str("heuristics (`--no-heuristic NAME` turns one off):\n");
            for (name, events) in &self.heuristics {
                out.push_str(&format!("  {name:<19}{:>4}  {}\n", events.len(), places(events)));
            }
        }
        for (title, events) in [("dropped", &self.dropped), ("approximated", &self.approximated)] {
            if !events.is_empty() {
                out.push_str(&format!("{title} ({}):\n", events.len()));
                for e in events {
                    out.push_str(&format!("  {}: {}\n", e.at, e.what));
                }
            }
        }
        if !self.to_do.is_empty() {
            out.push_str(&format!("to do before rendering ({}):\n", self.to_do.len()));
            for what in &self.to_do {
                out.push_str(&format!("  {what}\n"));
            }
        }
        out
    }
}

/// "lines 3, 17, 20" (every place, in order).
fn places(events: &[Event]) -> String {
    let mut numbers: Vec<usize> = events.iter().map(|e| match e.at {
        Loc::Line(n) | Loc::Paragraph(n) => n,
    }).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let numbers: Vec<String> = numbers.iter().map(usize::to_string).collect();
    let unit = match events.first().map(|e| e.at) {
        Some(Loc::Paragraph(_)) => "paragraph",
        _ => "line",
    };
    let plural = if numbers.len() == 1 { "" } else { "s" };
    format!("{unit}{plural} {}", numbers.join(", "))
}

/// A short quotation of source text for the report.
pub fn quote(text: &str) -> String {
    let text = text.trim();
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() { format!("`{short}…`") } else { format!("`{short}`") }
}
