//! The book as model files and the source language's bundle: every visible string becomes a
//! message with an id (src/import/ids.rs), numbers in tables stay numbers, footnotes belong
//! to the block that references them. Built as data first, so that `--update` can give the
//! messages their old ids before anything is written.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Problem;
use super::ids::message_id;
use super::outline::{Chapter, Content, Item};
use super::report::{ImportReport, quote};
use super::chart::{Kind as ChartKindIn, WordChart, series_name};
use super::source::{Inline, Loc, Note, NoteRef, Span, Table, plain};
use crate::model::math::MathRow;
use crate::text::slug;

/// A piece of a message's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    /// `{ $note-id }`: the chapter's note with this index.
    Note(usize),
    /// `{ $url }` in a footnote.
    Url,
    /// A reference to one of the project's labels (`{ label-missing-value }`).
    Label(&'static str),
    /// `{ $math-1 }`: the block's equation with this index.
    Math(usize),
}

#[derive(Debug, Clone)]
pub struct Msg {
    pub id: String,
    pub parts: Vec<Part>,
    pub at: Loc,
}

impl Msg {
    /// The printed text, footnote marks left out: what `--update` compares.
    pub fn text(&self) -> String {
        self.parts.iter().map(|p| if let Part::Text(t) = p { t.as_str() } else { "" }).collect()
    }
}

/// A footnote of a chapter: its message and its link.
#[derive(Debug, Clone)]
pub struct NoteOut {
    pub msg: Msg,
    pub url: Option<String>,
}

#[derive(Debug)]
pub enum BlockOut {
    Para { msg: Msg, quote: bool, notes: Vec<usize>, equations: Vec<MathRow> },
    List { bullet: bool, start: u64, items: Vec<Msg>, notes: Vec<usize>, equations: Vec<MathRow> },
    /// A table: its file under report/tables/.
    Table(usize),
    Figure { image: String, caption: Msg, notes: Vec<usize>, equations: Vec<MathRow> },
    /// A chart: its file under report/charts/.
    Chart(usize),
    /// A display equation, as data.
    Math(MathRow),
}

#[derive(Debug)]
pub struct SectionOut {
    pub title: Msg,
    pub blocks: Vec<BlockOut>,
}

#[derive(Debug)]
pub struct TableOut {
    /// `tables/ch04-….toml`
    pub file: String,
    pub caption: Option<Msg>,
    pub source: Option<Msg>,
    /// Header rows: (message index, colspan, rowspan).
    pub header: Vec<Vec<(usize, u32, u32)>>,
    /// (format, fraction digits) per column.
    pub columns: Vec<(&'static str, u8)>,
    pub rows: Vec<Vec<Cell>>,
    /// The table's text cells and header cells, each text once.
    pub messages: Vec<Msg>,
}

/// A chart made from a Word chart: every visible string a message, the values numbers.
#[derive(Debug)]
pub struct ChartOut {
    /// `charts/ch04-….toml`
    pub file: String,
    /// `bar`, `line` or `pie`.
    pub kind: &'static str,
    pub stacked: bool,
    pub title: Msg,
    pub unit: Option<Msg>,
    pub axis: Option<Msg>,
    /// Says that some values are missing, when some are.
    pub note: Option<Msg>,
    pub digits: u8,
    pub categories: Vec<ChartCategory>,
    /// (label, values; `None` is a missing value).
    pub series: Vec<(Msg, Vec<Option<f64>>)>,
}

#[derive(Debug)]
pub enum ChartCategory {
    Year(i64),
    Label(Msg),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Int(i64),
    Float(f64),
    /// Index into the table's messages.
    Text(usize),
}

/// A block of the project's model the import cannot make (a chart, a placeholder figure),
/// kept by `--update`: after the block holding message `after` (else at the start of its
/// section, or of the intro), with its messages' raw values.
#[derive(Debug)]
pub struct Kept {
    pub after: Option<String>,
    pub section: Option<usize>,
    pub toml: String,
    pub messages: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct ChapterOut {
    pub number: u32,
    /// `02-zhong-e-guan-xi`: the name of its model file and its bundle file.
    pub stem: String,
    pub title: Msg,
    pub intro: Vec<BlockOut>,
    pub sections: Vec<SectionOut>,
    pub notes: Vec<NoteOut>,
    pub tables: Vec<TableOut>,
    pub charts: Vec<ChartOut>,
    pub kept: Vec<Kept>,
}

/// What a message is to its chapter: `--update` matches messages of the same kind only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Title,
    Section,
    /// Paragraphs, list items, captions of figures.
    Body,
    Note,
    /// A table's caption, source line and cells; a chart's title, axes and labels.
    Table,
}

impl ChapterOut {
    /// Every message of the chapter in reading order, footnotes after the text.
    pub fn messages_mut(&mut self) -> Vec<(Kind, &mut Msg)> {
        let mut out: Vec<(Kind, &mut Msg)> = vec![(Kind::Title, &mut self.title)];
        fn blocks<'a>(blocks: &'a mut [BlockOut], out: &mut Vec<(Kind, &'a mut Msg)>) {
            for b in blocks {
                match b {
                    BlockOut::Para { msg, .. } => out.push((Kind::Body, msg)),
                    BlockOut::List { items, .. } => out.extend(items.iter_mut().map(|m| (Kind::Body, m))),
                    BlockOut::Figure { caption, .. } => out.push((Kind::Body, caption)),
                    BlockOut::Table(_) | BlockOut::Chart(_) | BlockOut::Math(_) => {}
                }
            }
        }
        blocks(&mut self.intro, &mut out);
        for section in &mut self.sections {
            out.push((Kind::Section, &mut section.title));
            blocks(&mut section.blocks, &mut out);
        }
        for table in &mut self.tables {
            out.extend(table.caption.iter_mut().map(|m| (Kind::Table, m)));
            out.extend(table.source.iter_mut().map(|m| (Kind::Table, m)));
            out.extend(table.messages.iter_mut().map(|m| (Kind::Table, m)));
        }
        for chart in &mut self.charts {
            out.push((Kind::Table, &mut chart.title));
            out.extend(chart.unit.iter_mut().chain(chart.axis.iter_mut()).map(|m| (Kind::Table, m)));
            out.extend(chart.categories.iter_mut().filter_map(|c| if let ChartCategory::Label(m) = c { Some((Kind::Table, m)) } else { None }));
            out.extend(chart.series.iter_mut().map(|(m, _)| (Kind::Table, m)));
            out.extend(chart.note.iter_mut().map(|m| (Kind::Table, m)));
        }
        out.extend(self.notes.iter_mut().map(|n| (Kind::Note, &mut n.msg)));
        out
    }

    pub fn messages(&mut self) -> Vec<Msg> {
        self.messages_mut().into_iter().map(|(_, m)| m.clone()).collect()
    }
}

/// The whole import, ready to write.
#[derive(Debug)]
pub struct Emitted {
    pub title: Msg,
    pub institution: Option<Msg>,
    pub blurb: Vec<Msg>,
    pub chapters: Vec<ChapterOut>,
    /// Images to write under report/, by path relative to report/.
    pub images: Vec<(String, Vec<u8>)>,
}

/// Builds the messages of every chapter.
pub struct Emitter<'a> {
    pub report: &'a mut ImportReport,
    pub notes: &'a [Note],
    /// Image bytes by the path the document uses; `None` when the file cannot be read.
    pub image: &'a mut dyn FnMut(&str) -> Result<Vec<u8>, Problem>,
    taken: HashSet<String>,
    images: Vec<(String, Vec<u8>)>,
}

impl<'a> Emitter<'a> {
    pub fn new(report: &'a mut ImportReport, notes: &'a [Note], image: &'a mut dyn FnMut(&str) -> Result<Vec<u8>, Problem>) -> Self {
        Emitter { report, notes, image, taken: HashSet::new(), images: Vec::new() }
    }

    pub fn emit(mut self, title: (Inline, Loc), institution: Option<(Inline, Loc)>, blurb: Vec<(Inline, Loc)>, chapters: Vec<Chapter>) -> Result<Emitted, Problem> {
        let title = self.plain_msg("report-title".into(), &title.0, title.1);
        let institution = institution.map(|(t, at)| self.plain_msg("report-institution".into(), &t, at));
        let blurb = blurb
            .into_iter()
            .map(|(text, at)| {
                let id = message_id("blurb", &plain(&text), &mut self.taken);
                let mut notes = Vec::new();
                let msg = self.msg(id, &text, at, &mut notes, None);
                if !notes.is_empty() {
                    self.report.approximated(at, "footnotes of the back-cover blurb dropped: the blurb has none");
                }
                Msg { parts: msg.parts.into_iter().filter(|p| !matches!(p, Part::Note(_))).collect(), ..msg }
            })
            .collect();
        let mut out = Vec::new();
        for chapter in chapters {
            out.push(self.chapter(chapter)?);
        }
        self.report.counts.chapters = out.len();
        Ok(Emitted { title, institution, blurb, chapters: out, images: self.images })
    }

    fn chapter(&mut self, chapter: Chapter) -> Result<ChapterOut, Problem> {
        let prefix = format!("ch{:02}", chapter.number);
        let words = slug(&plain(&chapter.title), 24);
        let stem = if words.is_empty() { format!("{:02}-chapter", chapter.number) } else { format!("{:02}-{words}", chapter.number) };
        let mut out = ChapterOut {
            number: chapter.number,
            stem,
            title: self.plain_msg(format!("{prefix}-title"), &chapter.title, chapter.at),
            intro: Vec::new(),
            sections: Vec::new(),
            notes: Vec::new(),
            tables: Vec::new(),
            charts: Vec::new(),
            kept: Vec::new(),
        };
        self.taken.insert(out.title.id.clone());
        let mut cx = ChapterCx { prefix, notes: Vec::new(), tables: Vec::new(), charts: Vec::new() };
        out.intro = self.blocks(&mut cx, chapter.intro)?;
        for (i, section) in chapter.sections.into_iter().enumerate() {
            let id = format!("{}-s{}-title", cx.prefix, i + 1);
            self.taken.insert(id.clone());
            let title = self.plain_msg(id, &section.title, section.at);
            let blocks = self.blocks(&mut cx, section.blocks)?;
            self.report.counts.sections += 1;
            out.sections.push(SectionOut { title, blocks });
        }
        out.notes = cx.notes;
        out.tables = cx.tables;
        out.charts = cx.charts;
        self.report.counts.footnotes += out.notes.len();
        Ok(out)
    }

    fn blocks(&mut self, cx: &mut ChapterCx, items: Vec<Item>) -> Result<Vec<BlockOut>, Problem> {
        let mut out = Vec::new();
        for Item { content, at } in items {
            match content {
                Content::Para { text, quote } => {
                    let (mut notes, mut equations) = (Vec::new(), Vec::new());
                    let id = message_id(&cx.prefix, &plain(&text), &mut self.taken);
                    let msg = self.noted(cx, id, &text, at, &mut notes, &mut equations);
                    self.report.counts.paragraphs += 1;
                    self.report.counts.equations += equations.len();
                    out.push(BlockOut::Para { msg, quote, notes, equations });
                }
                Content::List { ordered, start, items } => {
                    let (mut notes, mut equations) = (Vec::new(), Vec::new());
                    let items: Vec<Msg> = items
                        .iter()
                        .map(|text| {
                            let id = message_id(&cx.prefix, &plain(text), &mut self.taken);
                            self.noted(cx, id, text, at, &mut notes, &mut equations)
                        })
                        .collect();
                    self.report.counts.lists += 1;
                    self.report.counts.list_items += items.len();
                    self.report.counts.equations += equations.len();
                    out.push(BlockOut::List { bullet: !ordered, start, items, notes, equations });
                }
                Content::Table(table) => {
                    let index = cx.tables.len();
                    let table = self.table(cx, index, table, at);
                    cx.tables.push(table);
                    self.report.counts.tables += 1;
                    out.push(BlockOut::Table(index));
                }
                Content::Figure { path, caption } => {
                    let bytes = (self.image)(&path).map_err(|why| format!("{at}: image `{path}` {why}"))?;
                    let ext = super::picture::extension(&bytes);
                    let name = format!("images/{}-{}.{ext}", cx.prefix, self.images.len() + 1);
                    self.images.push((name.clone(), bytes));
                    let caption = caption.unwrap_or_else(|| {
                        self.report.approximated(at, format!("figure `{path}` has no caption: its file name is the caption"));
                        vec![Span::Text(path.rsplit('/').next().unwrap_or(&path).to_string())]
                    });
                    let (mut notes, mut equations) = (Vec::new(), Vec::new());
                    let id = message_id(&format!("{}-figure", cx.prefix), &plain(&caption), &mut self.taken);
                    let caption = self.noted(cx, id, &caption, at, &mut notes, &mut equations);
                    self.report.counts.figures += 1;
                    self.report.counts.equations += equations.len();
                    out.push(BlockOut::Figure { image: name, caption, notes, equations });
                }
                Content::Math(row) => {
                    self.report.counts.equations += 1;
                    out.push(BlockOut::Math(row));
                }
                Content::Chart { chart, alt } => {
                    let index = cx.charts.len();
                    let chart = self.chart(cx, index, chart, &alt, at);
                    cx.charts.push(chart);
                    self.report.counts.charts += 1;
                    out.push(BlockOut::Chart(index));
                }
            }
        }
        Ok(out)
    }

    /// A message whose footnotes become the chapter's notes (their indices go to `notes`)
    /// and whose equations the block's (added to `equations`).
    fn noted(&mut self, cx: &mut ChapterCx, id: String, text: &Inline, at: Loc, notes: &mut Vec<usize>, equations: &mut Vec<MathRow>) -> Msg {
        let mut found = Vec::new();
        let mut msg = self.msg(id, text, at, &mut found, Some(equations));
        for part in &mut msg.parts {
            if let Part::Note(n) = part {
                let note = &self.notes[found[*n]];
                let (parts, url) = self.note_parts(&note.text, note.at);
                let plain_text: String = parts.iter().map(|p| if let Part::Text(t) = p { t.as_str() } else { "" }).collect();
                let note_id = message_id(&format!("{}-note", cx.prefix), &plain_text, &mut self.taken);
                *n = cx.notes.len();
                notes.push(cx.notes.len());
                cx.notes.push(NoteOut { msg: Msg { id: note_id, parts, at: note.at }, url });
            }
        }
        msg
    }

    /// A message from inline content: text escaped later, footnote references as
    /// `Part::Note(k)` where `found[k]` is the source note, equations as `Part::Math(k)`
    /// where `equations[k]` is the formula (without `equations`, a message that cannot
    /// hold one: the formula's text).
    fn msg(&mut self, id: String, text: &Inline, at: Loc, found: &mut Vec<usize>, mut equations: Option<&mut Vec<MathRow>>) -> Msg {
        let mut parts = Vec::new();
        for span in text {
            match span {
                Span::Text(t) | Span::Sup(t) => push(&mut parts, t),
                Span::Link { text, url } => {
                    if text != url {
                        self.report.approximated(at, format!("link to {url} kept as its text {}", quote(text)));
                    }
                    push(&mut parts, text);
                }
                Span::Note(NoteRef::Index(i)) => {
                    parts.push(Part::Note(found.len()));
                    found.push(*i);
                }
                Span::Note(NoteRef::Label(l)) => push(&mut parts, &format!("[{l}]")),
                Span::Math(math) => match equations.as_deref_mut() {
                    Some(equations) => {
                        parts.push(Part::Math(equations.len()));
                        equations.push(math.clone());
                    }
                    None => {
                        let line = crate::model::math::plain(math);
                        self.report.approximated(at, format!("an equation in a title, caption or table cell kept as its text: {}", quote(&line)));
                        push(&mut parts, &line);
                    }
                },
            }
        }
        Msg { id, parts, at }
    }

    /// A message that may not hold footnotes (titles, captions of tables, cells).
    fn plain_msg(&mut self, id: String, text: &Inline, at: Loc) -> Msg {
        let mut found = Vec::new();
        let msg = self.msg(id, text, at, &mut found, None);
        if !found.is_empty() {
            self.report.approximated(at, format!("{} footnote(s) of a title, caption or cell dropped: it cannot hold footnotes", found.len()));
        }
        Msg { parts: msg.parts.into_iter().filter(|p| !matches!(p, Part::Note(_))).collect(), ..msg }
    }

    /// A footnote's text: its first web or mail link becomes `{ $url }`, others their text.
    fn note_parts(&mut self, text: &Inline, at: Loc) -> (Vec<Part>, Option<String>) {
        let mut parts = Vec::new();
        let mut url = None;
        for span in text {
            match span {
                Span::Text(t) | Span::Sup(t) => push(&mut parts, t),
                Span::Link { text, url: target } if url.is_none() && linkable(target) => {
                    // A link that shows its own address (perhaps with the conversion's
                    // backslashes) is printed once, as the link.
                    if text.replace('\\', "") != *target {
                        push(&mut parts, &format!("{text}, "));
                    }
                    parts.push(Part::Url);
                    url = Some(target.clone());
                }
                Span::Link { text, url: target } => {
                    self.report.approximated(at, format!("a further link in a footnote ({target}) kept as its text"));
                    push(&mut parts, text);
                }
                Span::Note(_) => self.report.approximated(at, "a footnote inside a footnote dropped"),
                Span::Math(math) => {
                    let line = crate::model::math::plain(math);
                    self.report.approximated(at, format!("an equation in a footnote kept as its text: {}", quote(&line)));
                    push(&mut parts, &line);
                }
            }
        }
        (parts, url)
    }

    fn table(&mut self, cx: &ChapterCx, index: usize, table: Table, at: Loc) -> TableOut {
        let prefix = format!("{}-t{}", cx.prefix, index + 1);
        let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut rows: Vec<Vec<String>> = table.rows;
        for row in &mut rows {
            row.resize(width, String::new());
        }
        let header_rows = table.header.min(rows.len());
        let body = rows.split_off(header_rows);
        let mut out = TableOut {
            file: String::new(),
            caption: table.caption.as_ref().map(|c| {
                let id = format!("{prefix}-caption");
                self.plain_msg(id, c, at)
            }),
            source: table.source.as_ref().map(|s| self.plain_msg(format!("{prefix}-source"), s, at)),
            header: Vec::new(),
            columns: Vec::new(),
            rows: Vec::new(),
            messages: Vec::new(),
        };
        let name = out.caption.as_ref().map(|c| slug(&c.text(), 24)).filter(|s| !s.is_empty()).unwrap_or_else(|| format!("table-{}", index + 1));
        out.file = self.unique_file(format!("tables/{}-{name}", cx.prefix));
        let mut by_text: HashMap<String, usize> = HashMap::new();
        let mut text_cell = |text: &str, out: &mut TableOut, taken: &mut HashSet<String>| -> usize {
            *by_text.entry(text.to_string()).or_insert_with(|| {
                let id = message_id(&prefix, text, taken);
                out.messages.push(Msg { id, parts: vec![Part::Text(text.to_string())], at });
                out.messages.len() - 1
            })
        };
        // Header: explicit spans (DOCX), else an empty cell widens its neighbour.
        let covered = header_spans(&rows, &table.spans);
        for (r, row) in rows.iter().enumerate() {
            let mut cells = Vec::new();
            for (c, text) in row.iter().enumerate() {
                let Some(&(rowspan, colspan)) = covered.get(&(r, c)) else { continue };
                let shown = if text.is_empty() {
                    self.report.approximated(at, "an empty header cell that could not be merged prints a space");
                    " "
                } else {
                    text
                };
                let m = text_cell(shown, &mut out, &mut self.taken);
                cells.push((m, colspan as u32, rowspan as u32));
            }
            out.header.push(cells);
        }
        // Columns: numbers stay numbers.
        for c in 0..width {
            let cells: Vec<&str> = body.iter().map(|row| row[c].as_str()).filter(|t| !t.is_empty()).collect();
            let years = !cells.is_empty() && cells.iter().all(|t| year(t).is_some());
            let numbers: Option<Vec<(f64, u8)>> = cells.iter().map(|t| number(t)).collect();
            out.columns.push(match numbers {
                _ if years && cells.iter().any(|t| t.trim_end().ends_with('年')) => ("year", 0),
                _ if years => ("plain", 0),
                Some(n) if !n.is_empty() => ("decimal", n.iter().map(|(_, d)| *d).max().unwrap_or(0)),
                _ => ("text", 0),
            });
        }
        for row in &body {
            let cells = row
                .iter()
                .enumerate()
                .map(|(c, text)| match (out.columns[c].0, text.is_empty()) {
                    (_, true) => Cell::Empty,
                    ("year" | "plain", _) => Cell::Int(year(text).expect("a year column holds years")),
                    ("decimal", _) => match number(text).expect("a decimal column holds numbers") {
                        (x, 0) if x.fract() == 0.0 && x.abs() < 1e15 => Cell::Int(x as i64),
                        (x, _) => Cell::Float(x),
                    },
                    _ => Cell::Text(text_cell(text, &mut out, &mut self.taken)),
                })
                .collect();
            out.rows.push(cells);
        }
        if body.is_empty() {
            self.report.approximated(at, "a table with no rows below its header");
        }
        out
    }
}

impl Emitter<'_> {
    /// A Word chart as a folio chart. A chart without a title takes its alt text, else
    /// its series' names: every string shown is the document's.
    /// A model file's path (`charts/ch01-exports` + `.toml`) no other block of the import
    /// has: two charts or tables with the same title get `-2`, `-3` …, never one file.
    fn unique_file(&mut self, stem: String) -> String {
        let mut file = format!("{stem}.toml");
        for n in 2.. {
            if self.taken.insert(file.clone()) {
                break;
            }
            file = format!("{stem}-{n}.toml");
        }
        file
    }

    fn chart(&mut self, cx: &ChapterCx, index: usize, chart: WordChart, alt: &str, at: Loc) -> ChartOut {
        let prefix = format!("{}-c{}", cx.prefix, index + 1);
        let names: Vec<String> = chart.series.iter().enumerate().map(|(i, s)| series_name(s, i + 1)).collect();
        if chart.series.iter().any(|s| s.name.is_none()) {
            self.report.approximated(at, format!("a chart series without a name is called as Word calls it: {}", names.join(", ")));
        }
        let title = match (&chart.title, alt.trim()) {
            (Some(title), _) => title.clone(),
            (None, alt) if !alt.is_empty() => {
                self.report.approximated(at, format!("a chart without a title: its alt text is its title, {}", quote(alt)));
                alt.to_string()
            }
            (None, _) => {
                let joined = names.join(", ");
                self.report.approximated(at, format!("a chart without a title or alt text: its series' names are its title, {}", quote(&joined)));
                joined
            }
        };
        let msg = |suffix: &str, text: &str, taken: &mut HashSet<String>| {
            let id = message_id(&format!("{prefix}-{suffix}"), text, taken);
            Msg { id, parts: vec![Part::Text(text.to_string())], at }
        };
        let title = msg("title", &title, &mut self.taken);
        let unit = chart.value_title.as_deref().map(|t| msg("unit", t, &mut self.taken));
        let axis = chart.category_title.as_deref().map(|t| msg("axis", t, &mut self.taken));
        let years = chart.categories.iter().all(|c| year(c).is_some_and(|y| c.trim().len() == 4 && (1000..=9999).contains(&y)));
        let categories = chart
            .categories
            .iter()
            .map(|c| match year(c) {
                Some(y) if years => ChartCategory::Year(y),
                // An empty label prints as a space, as an empty header cell does.
                _ => ChartCategory::Label(msg("cat", if c.trim().is_empty() { " " } else { c }, &mut self.taken)),
            })
            .collect();
        let series: Vec<(Msg, Vec<Option<f64>>)> =
            chart.series.into_iter().zip(&names).map(|(s, name)| (msg("series", name, &mut self.taken), s.values)).collect();
        // The note that the model asks of a chart with gaps is the project's own label.
        let note = series.iter().any(|(_, v)| v.iter().any(Option::is_none)).then(|| {
            self.report.approximated(at, "a chart with values missing from its cache: drawn with gaps, with the note “label-missing-value”");
            Msg { id: format!("{prefix}-note"), parts: vec![Part::Label("label-missing-value")], at }
        });
        let kind = match chart.kind {
            ChartKindIn::Bar { .. } => "bar",
            ChartKindIn::Line => "line",
            ChartKindIn::Pie => "pie",
        };
        let name = slug(&title.text(), 24);
        let name = if name.is_empty() { format!("chart-{}", index + 1) } else { name };
        ChartOut {
            file: self.unique_file(format!("charts/{}-{name}", cx.prefix)),
            kind,
            stacked: matches!(chart.kind, ChartKindIn::Bar { stacked: true }),
            title,
            unit,
            axis,
            note,
            digits: chart.digits,
            categories,
            series,
        }
    }
}

/// An equation as a TOML value on one line (arrays and inline tables).
fn math_toml(row: &MathRow) -> String {
    match toml::Value::try_from(row) {
        Ok(value) => value.to_string(),
        // Strings, arrays and tables always serialize.
        Err(e) => unreachable!("an equation serializes: {e}"),
    }
}

/// The first words of an imported chart's file: `--update` makes such a chart again, where
/// it keeps a chart made in the project.
pub const IMPORTED_CHART: &str = "# A chart imported from a Word chart";

/// A chart's model file.
pub fn chart_toml(chart: &ChartOut) -> String {
    let mut out = format!("{IMPORTED_CHART}: its values are those cached in the document.\n");
    out.push_str(&format!("kind = \"{}\"\n", chart.kind));
    if chart.stacked {
        out.push_str("stacked = true\n");
    }
    out.push_str(&format!("title = {}\n", toml_str(&chart.title.id)));
    for (key, msg) in [("unit", &chart.unit), ("axis", &chart.axis), ("note", &chart.note)] {
        if let Some(msg) = msg {
            out.push_str(&format!("{key} = {}\n", toml_str(&msg.id)));
        }
    }
    if chart.digits > 0 {
        out.push_str(&format!("digits = {}\n", chart.digits));
    }
    let categories: Vec<String> = chart
        .categories
        .iter()
        .map(|c| match c {
            ChartCategory::Year(y) => y.to_string(),
            ChartCategory::Label(m) => toml_str(&m.id),
        })
        .collect();
    out.push_str(&format!("categories = [{}]\n", categories.join(", ")));
    for (label, values) in &chart.series {
        let values: Vec<String> = values
            .iter()
            .map(|v| match v {
                Some(x) => toml::Value::Float(*x).to_string(),
                None => "\"missing\"".to_string(),
            })
            .collect();
        out.push_str(&format!("\n[[series]]\nlabel = {}\nvalues = [{}]\n", toml_str(&label.id), values.join(", ")));
    }
    out
}

struct ChapterCx {
    prefix: String,
    notes: Vec<NoteOut>,
    tables: Vec<TableOut>,
    charts: Vec<ChartOut>,
}

fn push(parts: &mut Vec<Part>, text: &str) {
    match parts.last_mut() {
        Some(Part::Text(t)) => t.push_str(text),
        _ => parts.push(Part::Text(text.to_string())),
    }
}

/// Links folio prints in footnotes: the web and mail.
fn linkable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)) && !url.chars().any(char::is_whitespace)
}

/// Header cells with their (rowspan, colspan) by (row, column) of the cell that holds the
/// text; covered cells are absent. `spans` are explicit (DOCX); without them an empty cell
/// joins the cell above it (when that one is a single column) or else the one to its left.
fn header_spans(rows: &[Vec<String>], spans: &[(usize, usize, usize, usize)]) -> BTreeMap<(usize, usize), (usize, usize)> {
    let mut cells: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
    if !spans.is_empty() {
        let mut covered = HashSet::new();
        for &(r, c, rs, cs) in spans.iter().filter(|s| s.0 < rows.len()) {
            let rs = rs.min(rows.len() - r);
            cells.insert((r, c), (rs, cs));
            for rr in r..r + rs {
                for cc in c..c + cs {
                    if (rr, cc) != (r, c) {
                        covered.insert((rr, cc));
                    }
                }
            }
        }
        for (r, row) in rows.iter().enumerate() {
            for c in 0..row.len() {
                if !covered.contains(&(r, c)) {
                    cells.entry((r, c)).or_insert((1, 1));
                }
            }
        }
        return cells;
    }
    // owner[r][c]: the cell whose span covers (r, c).
    let mut owner: Vec<Vec<Option<(usize, usize)>>> = rows.iter().map(|row| vec![None; row.len()]).collect();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                cells.insert((r, c), (1, 1));
                owner[r][c] = Some((r, c));
                continue;
            }
            let above = r.checked_sub(1).and_then(|a| owner[a][c]).filter(|o| cells[o].1 == 1);
            let left = c.checked_sub(1).and_then(|l| owner[r][l]).filter(|o| o.0 == r);
            match (above, left) {
                (Some(o), _) if r > 0 && (c == 0 || left.is_none()) => {
                    cells.get_mut(&o).expect("owners are cells").0 += 1;
                    owner[r][c] = Some(o);
                }
                (_, Some(o)) => {
                    cells.get_mut(&o).expect("owners are cells").1 += 1;
                    owner[r][c] = Some(o);
                }
                _ => {
                    cells.insert((r, c), (1, 1));
                    owner[r][c] = Some((r, c));
                }
            }
        }
    }
    cells
}

/// A year as a table prints it: `1990`, `1990 年`, `1990年`.
pub fn year(text: &str) -> Option<i64> {
    let t = text.trim().trim_end_matches('年').trim_end();
    (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten().filter(|y| (1000..3000).contains(y))
}

/// A number as a table prints it (`2401.1`, `-10.7`, `−3,8`? no: `1,234.5`), with its
/// fraction digits; percentages and units stay text.
pub fn number(text: &str) -> Option<(f64, u8)> {
    let t = text.trim().replace('−', "-");
    let unsigned = t.strip_prefix(['-', '+']).unwrap_or(&t);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let grouped = int.contains(',');
    let int_ok = if grouped {
        let groups: Vec<&str> = int.split(',').collect();
        (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3) && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
    } else {
        !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit())
    };
    if !int_ok || !frac.bytes().all(|b| b.is_ascii_digit()) || (unsigned.contains('.') && frac.is_empty()) || frac.len() > 6 {
        return None;
    }
    let value: f64 = t.replace(',', "").parse().ok()?;
    value.is_finite().then_some((value, frac.len() as u8))
}

// ---------------------------------------------------------------------------------------
// Writing the files.

/// A message's value in Fluent: text escaped, notes and the link as placeables.
pub fn value(msg: &Msg, notes: &[NoteOut]) -> String {
    let mut out = String::new();
    let last = msg.parts.len().saturating_sub(1);
    for (i, part) in msg.parts.iter().enumerate() {
        match part {
            Part::Text(t) => out.push_str(&escape(t, i == 0, i == last)),
            Part::Note(n) => out.push_str(&format!("{{ ${} }}", notes[*n].msg.id)),
            Part::Url => out.push_str("{ $url }"),
            Part::Math(k) => out.push_str(&format!("{{ ${} }}", equation_name(*k))),
            Part::Label(id) => out.push_str(&format!("{{ {id} }}")),
        }
    }
    if out.trim().is_empty() {
        // A value must print something; an empty one would not parse.
        return "{\" \"}".to_string();
    }
    out
}

/// Text as (part of) a Fluent pattern on one line: braces as string literals, line breaks
/// as spaces; at the start of the value, a blank or a `[`, `*`, `.` (syntax there) and at
/// its end a blank (trimmed there) as string literals.
fn escape(text: &str, first: bool, last: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' => out.push_str("{\"{\"}"),
            '}' => out.push_str("{\"}\"}"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    if first && out.starts_with([' ', '[', '*', '.']) {
        let c = out.remove(0);
        out.insert_str(0, &format!("{{\"{c}\"}}"));
    }
    if last && out.ends_with(' ') {
        out.pop();
        out.push_str("{\" \"}");
    }
    out
}

/// A TOML basic string.
pub fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn notes_toml(indices: &[usize], notes: &[NoteOut]) -> String {
    if indices.is_empty() {
        return String::new();
    }
    let items: Vec<String> = indices
        .iter()
        .map(|&i| match &notes[i].url {
            Some(url) => format!("{{ id = {}, url = {} }}", toml_str(&notes[i].msg.id), toml_str(url)),
            None => format!("{{ id = {} }}", toml_str(&notes[i].msg.id)),
        })
        .collect();
    format!(", notes = [{}]", items.join(", "))
}

/// The name of a block's equation `k` in its messages: `math-1`, `math-2` …
fn equation_name(k: usize) -> String {
    format!("math-{}", k + 1)
}

fn equations_toml(equations: &[MathRow]) -> String {
    if equations.is_empty() {
        return String::new();
    }
    let items: Vec<String> = equations.iter().enumerate().map(|(k, row)| format!("{} = {}", equation_name(k), math_toml(row))).collect();
    format!(", equations = {{ {} }}", items.join(", "))
}

fn block_toml(block: &BlockOut, chapter: &ChapterOut) -> String {
    let notes = &chapter.notes;
    match block {
        BlockOut::Para { msg, quote, notes: n, equations } => {
            format!("{{ {} = {}{}{} }}", if *quote { "quote" } else { "p" }, toml_str(&msg.id), notes_toml(n, notes), equations_toml(equations))
        }
        BlockOut::List { bullet, start, items, notes: n, equations } => {
            let ids: Vec<String> = items.iter().map(|m| toml_str(&m.id)).collect();
            let start = if *start == 1 { String::new() } else { format!(", start = {start}") };
            let style = if *bullet { "bullet" } else { "arabic" };
            format!("{{ list = \"{style}\"{start}, items = [{}]{}{} }}", ids.join(", "), notes_toml(n, notes), equations_toml(equations))
        }
        BlockOut::Table(t) => format!("{{ table = {} }}", toml_str(&chapter.tables[*t].file)),
        BlockOut::Chart(c) => format!("{{ chart = {} }}", toml_str(&chapter.charts[*c].file)),
        BlockOut::Math(row) => format!("{{ math = {} }}", math_toml(row)),
        BlockOut::Figure { image, caption, notes: n, equations } => {
            format!("{{ figure = {}, caption = {}{}{} }}", toml_str(image), toml_str(&caption.id), notes_toml(n, notes), equations_toml(equations))
        }
    }
}

/// The ids of a block's messages, to place kept blocks after it.
fn block_ids(block: &BlockOut) -> Vec<&str> {
    match block {
        BlockOut::Para { msg, .. } => vec![msg.id.as_str()],
        BlockOut::List { items, .. } => items.iter().map(|m| m.id.as_str()).collect(),
        BlockOut::Figure { caption, .. } => vec![caption.id.as_str()],
        BlockOut::Table(_) | BlockOut::Chart(_) | BlockOut::Math(_) => Vec::new(),
    }
}

/// One `blocks`/`intro` array: the blocks, with the kept blocks of this place after the
/// block they followed before (or first, when that block is gone or they came first).
fn blocks_toml(blocks: &[BlockOut], section: Option<usize>, chapter: &ChapterOut) -> String {
    let kept: Vec<&Kept> = chapter.kept.iter().filter(|k| k.section == section).collect();
    let placed = |k: &&Kept| k.after.as_ref().is_some_and(|a| blocks.iter().any(|b| block_ids(b).contains(&a.as_str())));
    let mut out = String::new();
    for k in kept.iter().filter(|k| !placed(k)) {
        out.push_str(&format!("  {},\n", k.toml));
    }
    for block in blocks {
        out.push_str(&format!("  {},\n", block_toml(block, chapter)));
        let ids = block_ids(block);
        for k in kept.iter().filter(|k| k.after.as_ref().is_some_and(|a| ids.contains(&a.as_str()))) {
            out.push_str(&format!("  {},\n", k.toml));
        }
    }
    out
}

/// The chapter's model file, `report/chapters/<stem>.toml`.
pub fn chapter_toml(chapter: &ChapterOut, source_name: &str) -> String {
    let mut out = format!(
        "# Chapter {}, imported from {source_name}. Every string is a message id in locales/<lang>/{}.ftl.\n",
        chapter.number, chapter.stem
    );
    out.push_str(&format!("number = {}\ntitle = {}\n", chapter.number, toml_str(&chapter.title.id)));
    let intro = blocks_toml(&chapter.intro, None, chapter);
    if !intro.is_empty() {
        out.push_str(&format!("\nintro = [\n{intro}]\n"));
    }
    for (i, section) in chapter.sections.iter().enumerate() {
        let blocks = blocks_toml(&section.blocks, Some(i), chapter);
        out.push_str(&format!("\n[[sections]]\ntitle = {}\nblocks = [\n{blocks}]\n", toml_str(&section.title.id)));
    }
    out
}

/// A table's model file.
pub fn table_toml(table: &TableOut) -> String {
    let id = |m: usize| toml_str(&table.messages[m].id);
    let mut out = String::from("# A table: header and text cells are message ids, numbers are numbers, \"\" is an empty cell.\n");
    if let Some(caption) = &table.caption {
        out.push_str(&format!("caption = {}\n", toml_str(&caption.id)));
    }
    if let Some(source) = &table.source {
        out.push_str(&format!("source = {}\n", toml_str(&source.id)));
    }
    out.push_str("header = [\n");
    for row in &table.header {
        let cells: Vec<String> = row
            .iter()
            .map(|&(m, colspan, rowspan)| {
                let mut cell = format!("{{ text = {}", id(m));
                if colspan > 1 {
                    cell.push_str(&format!(", colspan = {colspan}"));
                }
                if rowspan > 1 {
                    cell.push_str(&format!(", rowspan = {rowspan}"));
                }
                cell + " }"
            })
            .collect();
        out.push_str(&format!("  [{}],\n", cells.join(", ")));
    }
    out.push_str("]\n");
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|(format, digits)| match (*format, digits) {
            ("decimal", d) if *d > 0 => format!("{{ format = \"decimal\", digits = {d} }}"),
            (f, _) => format!("{{ format = \"{f}\" }}"),
        })
        .collect();
    out.push_str(&format!("columns = [{}]\nrows = [\n", columns.join(", ")));
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Empty => "\"\"".to_string(),
                Cell::Int(n) => n.to_string(),
                Cell::Float(x) => toml::Value::Float(*x).to_string(),
                Cell::Text(m) => id(*m),
            })
            .collect();
        out.push_str(&format!("  [{}],\n", cells.join(", ")));
    }
    out.push_str("]\n");
    out
}

/// The chapter's bundle file in the source language.
pub fn chapter_ftl(chapter: &mut ChapterOut) -> String {
    let notes = chapter.notes.clone();
    let title = chapter.title.text();
    let mut out = format!("### Chapter {}: {}\n\n", chapter.number, title.replace('\n', " "));
    let messages = chapter.messages();
    let body = messages.len() - notes.len();
    for msg in &messages[..body] {
        out.push_str(&format!("{} = {}\n", msg.id, value(msg, &notes)));
    }
    if !notes.is_empty() {
        out.push_str("\n## Footnotes: { $url } is the link from the model.\n\n");
        for note in &notes {
            out.push_str(&format!("{} = {}\n", note.msg.id, value(&note.msg, &notes)));
        }
    }
    let kept: Vec<&(String, String)> = chapter.kept.iter().flat_map(|k| k.messages.iter()).collect();
    if !kept.is_empty() {
        out.push_str("\n## Kept by `folio import --update`: blocks made in the project, not in the source document.\n\n");
        for (id, value) in kept {
            out.push_str(&format!("{id} = {value}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_tables() {
        assert_eq!(number("2401.1"), Some((2401.1, 1)));
        assert_eq!(number("-10.7"), Some((-10.7, 1)));
        assert_eq!(number("−3.8"), Some((-3.8, 1)));
        assert_eq!(number("1,234"), Some((1234.0, 0)));
        assert_eq!(number("99"), Some((99.0, 0)));
        assert_eq!(number("12%"), None);
        assert_eq!(number("1,23"), None);
        assert_eq!(number("年度流量"), None);
        assert_eq!(year("1990 年"), Some(1990));
        assert_eq!(year("2018"), Some(2018));
        assert_eq!(year("99"), None);
    }

    #[test]
    fn fluent_values_are_escaped() {
        assert_eq!(escape("a {b} c", true, true), "a {\"{\"}b{\"}\"} c");
        assert_eq!(escape("[1] x ", true, true), "{\"[\"}1] x{\" \"}");
        assert_eq!(escape("[1] x ", false, false), "[1] x ");
        assert_eq!(escape("两行\n文字", true, true), "两行 文字");
    }

    #[test]
    fn merged_header_cells_from_empty_ones() {
        let rows = |r: &[&[&str]]| r.iter().map(|row| row.iter().map(|c| c.to_string()).collect()).collect::<Vec<Vec<String>>>();
        let header = rows(&[&["年度", "俄罗斯对中国", "", "中国对俄罗斯", ""], &["", "年度流量", "年末存量", "年度流量", "年末存量"]]);
        let cells = header_spans(&header, &[]);
        assert_eq!(cells[&(0, 0)], (2, 1));
        assert_eq!(cells[&(0, 1)], (1, 2));
        assert_eq!(cells[&(0, 3)], (1, 2));
        assert_eq!(cells[&(1, 1)], (1, 1));
        assert_eq!(cells.len(), 7);
    }
}
