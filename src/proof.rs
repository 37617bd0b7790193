//! Proof: reads the laid-out pages as a proofreader would and reports what a reader would
//! stumble on, each finding with its page and the message id and model place behind it.
//!
//! It works on Typst's frames (text runs with their fonts, glyphs and positions) and on the
//! marks the layout leaves (`<folio-mark>` metadata: each block, heading, caption and
//! footnote with its origin), never on text extracted from the PDF.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use typst::foundations::{Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Frame, FrameItem, Point};
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Location};
use crate::document::Document;
use crate::layout::{contract, frames};

/// A page this much empty (of its text area) is a gap, unless it ends a chapter.
const MAX_EMPTY: f64 = 0.30;
/// Type at least this large (pt) is body text; below are notes, tables, captions, furniture.
const BODY_MIN: f64 = 9.5;
/// Type at least this large (pt) is a heading.
const HEADING_MIN: f64 = 12.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Error,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub level: Level,
    pub lang: String,
    /// 1-based physical page.
    pub page: usize,
    /// A short name of the check, stable for scripts: `fallback-text`, `tofu`, `overfull`,
    /// `caption-apart`, `heading-at-foot`, `short-last-line`, `widow`, `orphan`,
    /// `note-continued`, `empty-page`, `margin-overlap` (the review edition's ids).
    pub check: &'static str,
    pub message: String,
    /// The message id of the block the finding is in, and where the model names it.
    pub id: Option<String>,
    pub at: Option<Location>,
}

impl Finding {
    pub fn diagnostic(&self) -> Diagnostic {
        let message = format!("{} p. {}: {} [{}]", self.lang, self.page, self.message, self.check);
        let diag = match self.level {
            Level::Error => Diagnostic::error(message),
            Level::Warning => Diagnostic::warning(message),
        };
        let diag = match &self.at {
            Some(at) => diag.at(at.clone()),
            None => diag,
        };
        match &self.id {
            Some(id) if !id.is_empty() => diag.hint(format!("in `{id}`")),
            _ => diag,
        }
    }
}

/// A run of text as laid out: the baseline's start, its width and size, in points.
#[derive(Debug, Clone)]
struct Run {
    page: usize,
    x: f64,
    y: f64,
    width: f64,
    size: f64,
    text: String,
    /// Glyphs the font does not have (`.notdef`, drawn as tofu).
    missing: usize,
    /// Set in the math font: a formula's braces and `$` are its own, not Fluent's.
    math: bool,
}

/// A mark the layout left, with where it landed.
#[derive(Debug, Clone)]
struct Mark {
    kind: String,
    id: String,
    at: Option<Location>,
    /// For block marks: the block's kind (`paragraph`, `table`, …).
    block: Option<String>,
    page: usize,
    y: f64,
}

/// The text area the layout declares (`<folio-text-area>`), in points.
#[derive(Debug, Clone, Copy)]
struct TextArea {
    top: f64,
    bottom: f64,
    inside: f64,
    outside: f64,
    width: f64,
}

impl TextArea {
    /// The right edge of the text on a page; odd pages are rectos, their inside is left.
    fn right(&self, page: usize) -> f64 {
        self.width - if page % 2 == 1 { self.outside } else { self.inside }
    }
}

pub fn inspect(pages: &PagedDocument, doc: &Document) -> Vec<Finding> {
    let mut runs = Vec::new();
    let mut images = Vec::new();
    for (i, page) in pages.pages().iter().enumerate() {
        collect(&page.frame, i + 1, &mut runs, &mut images);
    }
    let marks = marks(pages);
    let area = text_area(pages);
    let pages_at = |label: contract::Label| -> BTreeSet<usize> { label_pages(pages, label) };
    let openers = pages_at(contract::Label::ChapterStart);
    let chapter_ends = pages_at(contract::Label::ChapterEnd);
    let body_start = pages_at(contract::Label::BodyStart).into_iter().next().unwrap_or(1);

    let proof = Proof { lang: &doc.lang, runs: &runs, marks: &marks };
    let mut found = Vec::new();
    proof.printed_text(&mut found);
    proof.captions(&mut found);
    proof.headings(&openers, &mut found);
    proof.lines(area, doc.profile.cjk, &mut found);
    proof.notes(&mut found);
    proof.margins(&mut found);
    if let Some(area) = area {
        let last = pages.pages().len();
        let skip: BTreeSet<usize> = openers.iter().chain(&chapter_ends).copied().chain([last]).collect();
        proof.empty_pages(area, &images, body_start, &skip, &mut found);
    }
    found.sort_by(|a, b| (a.page, b.level).cmp(&(b.page, a.level)));
    found
}

struct Proof<'a> {
    lang: &'a str,
    runs: &'a [Run],
    marks: &'a [Mark],
}

impl Proof<'_> {
    fn finding(&self, level: Level, page: usize, check: &'static str, message: String, mark: Option<&Mark>) -> Finding {
        Finding {
            level,
            lang: self.lang.to_string(),
            page,
            check,
            message,
            id: mark.map(|m| m.id.clone()),
            at: mark.and_then(|m| m.at.clone()),
        }
    }

    /// The block (or heading) laid out last before a point: the one a run belongs to.
    fn block_at(&self, page: usize, y: f64) -> Option<&Mark> {
        self.marks.iter().filter(|m| m.at.is_some() && (m.page, m.y) <= (page, y + 0.5)).last()
    }

    /// The marks of headings and of the blocks that stay in the text's flow, in order.
    /// Figures and charts float: their marks land where Typst handles the float, which
    /// may be inside the lines of the next paragraph.
    fn in_text_flow(&self) -> Vec<&Mark> {
        self.marks
            .iter()
            .filter(|m| m.kind == "heading" || (m.kind == "block" && !matches!(m.block.as_deref(), Some("figure" | "chart"))))
            .collect()
    }

    /// Fluent's fallbacks and placeable syntax, and glyphs no font has.
    fn printed_text(&self, found: &mut Vec<Finding>) {
        for run in self.runs {
            let placeable = ["NUMBER(", "HANZI(", "{", "}", "$"].iter().find(|p| run.text.contains(**p));
            if let Some(what) = placeable.filter(|_| !run.math) {
                let message = format!("`{what}` printed in “{}”: a Fluent fallback or placeable", run.text.trim());
                found.push(self.finding(Level::Error, run.page, "fallback-text", message, self.block_at(run.page, run.y)));
            }
            if run.missing > 0 {
                let message = format!("{} glyph(s) of “{}” missing from the font (tofu)", run.missing, run.text.trim());
                found.push(self.finding(Level::Error, run.page, "tofu", message, self.block_at(run.page, run.y)));
            }
        }
    }

    /// The review edition's margin: each pair's id block (`margin-start` to `margin-end`
    /// marks) must end above the next one's start on its page, or the ids print over each
    /// other.
    fn margins(&self, found: &mut Vec<Finding>) {
        let starts = self.marks.iter().filter(|m| m.kind == "margin-start");
        let ends = self.marks.iter().filter(|m| m.kind == "margin-end");
        let blocks: Vec<(&Mark, &Mark)> = starts.zip(ends).collect();
        for pair in blocks.windows(2) {
            let ((_, end), (next, _)) = (pair[0], pair[1]);
            if end.page == next.page && next.y + 0.5 < end.y {
                let message = format!("margin id `{}` runs into `{}` ({:.1} pt)", end.id, next.id, end.y - next.y);
                found.push(self.finding(Level::Error, next.page, "margin-overlap", message, Some(next)));
            }
        }
    }

    /// A caption on another page than the table, chart or figure it names.
    fn captions(&self, found: &mut Vec<Finding>) {
        for caption in self.marks.iter().filter(|m| m.kind == "caption") {
            let body = self.marks.iter().find(|m| m.kind == "captioned" && m.id == caption.id);
            if let Some(body) = body.filter(|b| b.page != caption.page) {
                let message = format!("the caption of {} is on p. {}, its content starts on p. {}", caption.id, caption.page, body.page);
                found.push(self.finding(Level::Error, caption.page, "caption-apart", message, self.block_at(caption.page, caption.y)));
            }
        }
    }

    /// A section heading whose text starts on the next page.
    fn headings(&self, openers: &BTreeSet<usize>, found: &mut Vec<Finding>) {
        let structural = self.in_text_flow();
        for pair in structural.windows(2) {
            let (heading, next) = (pair[0], pair[1]);
            if heading.kind == "heading" && !openers.contains(&heading.page) && next.page > heading.page {
                let message = "a heading is the last line of the page; its text starts on the next".to_string();
                found.push(self.finding(Level::Warning, heading.page, "heading-at-foot", message, Some(heading)));
            }
        }
    }

    /// The lines of each paragraph and heading: short last lines (孤字) in Chinese, widows
    /// and orphans in the other languages, lines running past the margin.
    fn lines(&self, area: Option<TextArea>, cjk: bool, found: &mut Vec<Finding>) {
        let structural = self.in_text_flow();
        for (i, mark) in structural.iter().enumerate() {
            let end = structural.get(i + 1).map_or((usize::MAX, 0.0), |n| (n.page, n.y));
            let heading = mark.kind == "heading";
            let textual = heading || matches!(mark.block.as_deref(), Some("paragraph" | "quote" | "list" | "callout"));
            if !textual {
                continue;
            }
            let sizes = if heading { HEADING_MIN..f64::INFINITY } else { BODY_MIN..HEADING_MIN };
            let runs: Vec<&Run> = self
                .runs
                .iter()
                // (An opener's list of sections, under the chapter's title, is smaller type.)
                .filter(|r| sizes.contains(&r.size) && (r.page, r.y) >= (mark.page, mark.y - 0.5) && (r.page, r.y) < end)
                .collect();
            let lines = group_lines(&runs);
            if let Some(area) = area {
                for line in &lines {
                    let right = line.iter().map(|r| r.x + r.width).fold(f64::MIN, f64::max);
                    let limit = area.right(line[0].page) + 0.6 * line[0].size;
                    if right > limit {
                        let message = format!("a line runs {:.1} pt past the margin: “{}”", right - area.right(line[0].page), line_text(line));
                        found.push(self.finding(Level::Error, line[0].page, "overfull", message, Some(mark)));
                    }
                }
            }
            let Some(last) = lines.last() else { continue };
            if cjk && lines.len() > 1 {
                let chars = line_text(last).chars().filter(|c| c.is_alphanumeric()).count();
                if chars <= 2 {
                    let what = if heading { "heading" } else { "paragraph" };
                    let message = format!("the last line of a {what} holds {chars} character(s) (孤字): “{}”", line_text(last));
                    found.push(self.finding(Level::Warning, last[0].page, "short-last-line", message, Some(mark)));
                }
            }
            if !cjk && !heading {
                let first_page = lines[0][0].page;
                let last_page = last[0].page;
                if first_page != last_page {
                    let on = |p: usize| lines.iter().filter(|l| l[0].page == p).count();
                    if on(first_page) == 1 {
                        let message = "a paragraph's first line alone at the foot of the page (orphan)".to_string();
                        found.push(self.finding(Level::Warning, first_page, "orphan", message, Some(mark)));
                    }
                    if on(last_page) == 1 {
                        let message = "a paragraph's last line alone at the top of the page (widow)".to_string();
                        found.push(self.finding(Level::Warning, last_page, "widow", message, Some(mark)));
                    }
                }
            }
        }
    }

    /// A footnote that ends on a later page than its reference.
    fn notes(&self, found: &mut Vec<Finding>) {
        let mut ends: HashMap<&str, BTreeSet<usize>> = HashMap::new();
        for end in self.marks.iter().filter(|m| m.kind == "note-end") {
            ends.entry(end.id.as_str()).or_default().insert(end.page);
        }
        for reference in self.marks.iter().filter(|m| m.kind == "note-ref") {
            let Some(pages) = ends.get(reference.id.as_str()) else { continue };
            // The note's text ends on the reference's page, or it was carried over.
            if let Some(end) = pages.range(reference.page..).next().filter(|p| **p != reference.page) {
                let message = format!("footnote `{}` continues to p. {end}, away from its reference", reference.id);
                found.push(self.finding(Level::Warning, reference.page, "note-continued", message, self.block_at(reference.page, reference.y)));
            }
        }
    }

    /// Body pages more than [`MAX_EMPTY`] empty, other than chapter ends and blank pages.
    fn empty_pages(&self, area: TextArea, images: &[(usize, f64)], body_start: usize, skip: &BTreeSet<usize>, found: &mut Vec<Finding>) {
        let height = area.bottom - area.top;
        let mut bottom: HashMap<usize, f64> = HashMap::new();
        let inside = |y: f64| y > area.top && y <= area.bottom + 1.0;
        for run in self.runs.iter().filter(|r| inside(r.y)) {
            let b = bottom.entry(run.page).or_insert(area.top);
            *b = b.max(run.y);
        }
        for &(page, y) in images.iter().filter(|(_, y)| inside(*y)) {
            let b = bottom.entry(page).or_insert(area.top);
            *b = b.max(y);
        }
        // Footnotes sit at the page foot whatever the text above them does: the page's
        // text ends where its footnotes begin.
        let notes_top: HashMap<usize, f64> = self.marks.iter().filter(|m| m.kind == "note-entry").fold(HashMap::new(), |mut map, m| {
            let top = map.entry(m.page).or_insert(f64::MAX);
            *top = top.min(m.y);
            map
        });
        let mut pages: Vec<usize> = bottom.keys().copied().filter(|p| *p >= body_start && !skip.contains(p)).collect();
        pages.sort_unstable();
        for page in pages {
            let text_bottom = match notes_top.get(&page) {
                Some(top) => self
                    .runs
                    .iter()
                    .filter(|r| r.page == page && inside(r.y) && r.y < *top - 2.0)
                    .map(|r| r.y)
                    .chain(images.iter().filter(|(p, y)| *p == page && *y < *top).map(|(_, y)| *y))
                    .fold(area.top, f64::max),
                None => bottom[&page],
            };
            let empty = (area.bottom - text_bottom) / height;
            if empty > MAX_EMPTY {
                let message = format!("{:.0} % of the page is empty", empty * 100.0);
                found.push(self.finding(Level::Warning, page, "empty-page", message, self.block_at(page, text_bottom)));
            }
        }
    }
}

/// Runs grouped into lines: same page, baselines within a third of the type size.
fn group_lines<'a>(runs: &[&'a Run]) -> Vec<Vec<&'a Run>> {
    let mut sorted = runs.to_vec();
    sorted.sort_by(|a, b| (a.page, a.y, a.x).partial_cmp(&(b.page, b.y, b.x)).unwrap_or(std::cmp::Ordering::Equal));
    let mut lines: Vec<Vec<&Run>> = Vec::new();
    for run in sorted {
        match lines.last_mut() {
            Some(line) if line[0].page == run.page && (line[0].y - run.y).abs() < line[0].size / 3.0 => line.push(run),
            _ => lines.push(vec![run]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal));
    }
    lines
}

/// The family equations are set in (layouts/book.typ, `math-font`).
const MATH_FONT: &str = "New Computer Modern Math";

fn line_text(line: &[&Run]) -> String {
    line.iter().map(|r| r.text.as_str()).collect::<String>().trim().to_string()
}

/// Text runs and image bottoms of a frame, in page coordinates.
fn collect(frame: &Frame, page: usize, runs: &mut Vec<Run>, images: &mut Vec<(usize, f64)>) {
    frames::walk(frame, &mut |pos, item, ts| {
        match item {
            FrameItem::Text(text) => {
                let at = pos.transform(ts);
                let scale = frames::scale(ts);
                runs.push(Run {
                    page,
                    x: at.x.to_pt(),
                    y: at.y.to_pt(),
                    width: text.width().to_pt() * scale,
                    size: text.size.to_pt() * scale,
                    text: text.text.to_string(),
                    missing: text.glyphs.iter().filter(|g| g.id == 0).count(),
                    math: text.font.info().family == MATH_FONT,
                });
            }
            FrameItem::Image(_, size, _) => {
                let bottom = Point::new(pos.x, pos.y + size.y).transform(ts);
                images.push((page, bottom.y.to_pt()));
            }
            _ => {}
        }
    });
}

fn label_pages(pages: &PagedDocument, label: contract::Label) -> BTreeSet<usize> {
    let label = label.typst();
    let introspector = pages.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|c| introspector.position(c.location()?).map(|p| p.page.get()))
        .collect()
}

/// Where each block and heading starts: (page, y in pt, message id), in reading order.
pub fn block_marks(pages: &PagedDocument) -> Vec<(usize, f64, String)> {
    marks(pages).into_iter().filter(|m| m.kind == "block" || m.kind == "heading").map(|m| (m.page, m.y, m.id)).collect()
}

fn marks(pages: &PagedDocument) -> Vec<Mark> {
    let label = contract::Label::Mark.typst();
    let introspector = pages.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let position = introspector.position(content.location()?)?;
            let Value::Dict(dict) = &content.to_packed::<MetadataElem>()?.value else { return None };
            let text = |key: &str| match dict.get(key).ok()? {
                Value::Str(s) => Some(s.to_string()),
                _ => None,
            };
            Some(Mark {
                kind: text("kind")?,
                id: text("id").unwrap_or_default(),
                at: dict.get("at").ok().and_then(location),
                block: text("block"),
                page: position.page.get(),
                y: position.point.y.to_pt(),
            })
        })
        .collect()
}

/// A block's origin as the layout passed it on: the dictionary `document::Origin::at`
/// serializes to (`file`, and `line` and `column` when known).
fn location(value: &Value) -> Option<Location> {
    let Value::Dict(dict) = value else { return None };
    let number = |key: &str| match dict.get(key).ok()? {
        Value::Int(n) => usize::try_from(*n).ok(),
        _ => None,
    };
    let Value::Str(file) = dict.get("file").ok()? else { return None };
    Some(Location { line: number("line"), column: number("column"), ..Location::file(file.as_str()) })
}

fn text_area(pages: &PagedDocument) -> Option<TextArea> {
    let content = pages.introspector().query_label(contract::Label::TextArea.typst()).ok()?;
    let Value::Dict(dict) = &content.to_packed::<MetadataElem>()?.value else { return None };
    let number = |key: &str| match dict.get(key).ok()? {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        _ => None,
    };
    Some(TextArea {
        top: number("top")?,
        bottom: number("bottom")?,
        inside: number("inside")?,
        outside: number("outside")?,
        width: number("width")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Profile;

    const AREA: TextArea = TextArea { top: 70.0, bottom: 770.0, inside: 70.0, outside: 70.0, width: 595.0 };

    fn run(page: usize, y: f64, text: &str) -> Run {
        let width = text.chars().count() as f64 * 10.5;
        Run { page, x: 70.0, y, width, size: 10.5, text: text.to_string(), missing: 0, math: false }
    }

    fn mark(kind: &str, id: &str, block: Option<&str>, page: usize, y: f64) -> Mark {
        Mark {
            kind: kind.to_string(),
            id: id.to_string(),
            at: Some(Location { line: Some(y as usize), column: Some(1), ..Location::file("report/chapters/01.toml") }),
            block: block.map(str::to_string),
            page,
            y,
        }
    }

    /// A page of body text from `top` to `bottom`, one line every 20 pt.
    fn page_of_lines(page: usize, top: f64, bottom: f64) -> Vec<Run> {
        (0..).map(|i| top + 20.0 * i as f64).take_while(|y| *y <= bottom).map(|y| run(page, y, "正文正文正文正文")).collect()
    }

    /// The findings on `runs` in the language tagged `lang`.
    fn checks(lang: &str, runs: &[Run], marks: &[Mark]) -> Vec<(&'static str, usize)> {
        let proof = Proof { lang, runs, marks };
        let mut found = Vec::new();
        proof.printed_text(&mut found);
        proof.captions(&mut found);
        proof.headings(&BTreeSet::new(), &mut found);
        proof.lines(Some(AREA), Profile::of(lang).cjk, &mut found);
        proof.notes(&mut found);
        proof.margins(&mut found);
        proof.empty_pages(AREA, &[], 1, &BTreeSet::new(), &mut found);
        found.iter().map(|f| (f.check, f.page)).collect()
    }

    #[test]
    fn a_full_page_of_text_is_clean() {
        let runs = page_of_lines(1, 90.0, 760.0);
        assert_eq!(checks("zh", &runs, &[mark("block", "p", Some("paragraph"), 1, 80.0)]), []);
    }

    #[test]
    fn margin_ids_that_run_into_each_other_are_errors() {
        let runs = page_of_lines(1, 90.0, 760.0);
        let block = |id, top, bottom, page| [mark("margin-start", id, None, page, top), mark("margin-end", id, None, page, bottom)];
        let apart: Vec<Mark> = [block("a", 90.0, 110.0, 1), block("b", 120.0, 140.0, 1), block("c", 90.0, 130.0, 2)].concat();
        assert_eq!(checks("zh", &runs, &apart), []);
        let over: Vec<Mark> = [block("a", 90.0, 130.0, 1), block("b", 120.0, 140.0, 1)].concat();
        assert_eq!(checks("zh", &runs, &over), [("margin-overlap", 1)]);
    }

    #[test]
    fn fallbacks_and_tofu_are_errors() {
        let mut runs = page_of_lines(1, 90.0, 760.0);
        runs[3].text = "签署年份 NUMBER()".to_string();
        runs[5].missing = 2;
        let found = checks("zh", &runs, &[mark("block", "p", Some("paragraph"), 1, 80.0)]);
        assert_eq!(found, [("fallback-text", 1), ("tofu", 1)]);
    }

    #[test]
    fn short_last_line_in_chinese() {
        let mut runs = page_of_lines(1, 90.0, 760.0);
        runs.last_mut().unwrap().text = "础。".to_string();
        // Traditional Chinese and Japanese too: 孤字, never widows and orphans.
        for lang in ["zh", "zh-Hans", "zh-Hant", "ja"] {
            let found = checks(lang, &runs, &[mark("block", "p", Some("paragraph"), 1, 80.0)]);
            assert_eq!(found, [("short-last-line", 1)], "{lang}");
        }
    }

    #[test]
    fn widows_and_orphans_in_russian() {
        // A paragraph from the last line of page 1 to the first line of page 2, then a
        // second one filling page 2.
        let mut runs = page_of_lines(1, 90.0, 760.0);
        runs.extend(page_of_lines(2, 90.0, 760.0));
        let marks = [
            mark("block", "first", Some("paragraph"), 1, 80.0),
            mark("block", "split", Some("paragraph"), 1, 745.0),
            mark("block", "next", Some("paragraph"), 2, 100.0),
        ];
        assert_eq!(checks("ru", &runs, &marks), [("orphan", 1), ("widow", 2)]);
    }

    #[test]
    fn captions_headings_notes_and_gaps() {
        let mut runs = page_of_lines(1, 90.0, 400.0);
        runs.extend(page_of_lines(2, 90.0, 760.0));
        let marks = [
            mark("block", "p", Some("paragraph"), 1, 80.0),
            mark("heading", "s1", None, 1, 410.0),
            mark("caption", "表1", None, 1, 420.0),
            mark("block", "q", Some("paragraph"), 2, 80.0),
            mark("captioned", "表1", None, 2, 85.0),
            mark("note-ref", "note-a", None, 2, 100.0),
            mark("note-end", "note-a", None, 3, 700.0),
        ];
        let found = checks("en", &runs, &marks);
        assert_eq!(found, [("caption-apart", 1), ("heading-at-foot", 1), ("note-continued", 2), ("empty-page", 1)]);
    }

    #[test]
    fn overfull_lines() {
        let mut runs = page_of_lines(1, 90.0, 760.0);
        runs[2].width = 480.0;
        let found = checks("en", &runs, &[mark("block", "p", Some("paragraph"), 1, 80.0)]);
        assert_eq!(found, [("overfull", 1)]);
    }

    /// An origin goes to the layout as JSON and comes back from its marks as Typst values.
    #[test]
    fn origins_come_back_from_the_layout_as_they_went() {
        let source = "a = 1\n\n  { p = \"ch04-x\" },\n";
        let at = source.find("ch04").unwrap();
        for sent in [Location::span("report/chapters/04-x.toml", source, at..at + 6), Location::file("report/x.toml")] {
            let json = serde_json::to_string(&sent).unwrap();
            let value: Value = serde_json::from_str(&json).unwrap();
            let back = location(&value).expect("a location");
            assert_eq!((back.file, back.line, back.column), (sent.file.clone(), sent.line, sent.column), "{json}");
        }
        assert_eq!(location(&Value::Str("report/x.toml:1:1".into())), None);
    }
}
