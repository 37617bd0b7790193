//! Resolve: report model + one language's bundle → the localized document, the single
//! input of every exporter. Text stays data here: runs of plain strings, footnotes and
//! links, serialized to JSON for the Typst layout and walked by the EPUB writer.

use std::collections::BTreeMap;

use fluent_bundle::FluentArgs;
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Failure, Location};
use crate::i18n::{Catalog, load_catalog};
use crate::i18n::number::NumberFormat;
use crate::model::{
    self, BlockKind, Category, ChartKind, ColumnFormat, ListStyle, MsgId, NoteSpec, Report, SourceFile,
};
use crate::project::Project;
use crate::text::Profile;

/// Labels the layouts and the EPUB writer place around the report's text.
pub const LABELS: &[&str] = &[
    "label-contents",
    "label-caption-separator",
    "label-notes",
    "label-back-to-text",
    "label-cover",
    "label-title-page",
    "label-photo-placeholder",
    "label-missing-value",
    "label-chart-unavailable",
    "label-chart-data",
    "label-skip",
    "label-languages",
    "label-previous",
    "label-next",
    "label-search",
    "label-search-none",
];

#[derive(Debug, Serialize)]
pub struct Document {
    pub lang: String,
    /// BCP 47 tag for markup and metadata (`zh-Hans`).
    pub lang_tag: String,
    /// The conventions of the language (from `lang_tag`) that layouts, exporters and the
    /// proofreader follow.
    pub profile: Profile,
    pub slug: String,
    pub title: String,
    pub institution: String,
    pub date: String,
    pub year: i32,
    pub month: u32,
    pub blurb: Vec<Text>,
    pub labels: BTreeMap<&'static str, String>,
    pub chapters: Vec<Chapter>,
    /// True when some messages came from the source language (`--draft`).
    pub draft: bool,
}

impl Document {
    /// Every block of the document in reading order.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.chapters.iter().flat_map(|c| c.intro.iter().chain(c.sections.iter().flat_map(|s| s.blocks.iter())))
    }

    /// The image paths of the figures (inside the project, with a leading `/`), in order.
    pub fn figure_images(&self) -> impl Iterator<Item = &str> {
        self.blocks().filter_map(|b| match &b.body {
            BlockBody::Figure { image, .. } => Some(image.as_str()),
            _ => None,
        })
    }
}

pub type Text = Vec<Inline>;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Inline {
    Text(String),
    Note(Note),
    Link(String),
    /// An equation in the sentence, as data (src/model/math.rs): Typst math in the PDF,
    /// MathML in the EPUB and on the web.
    Math(model::math::MathRow),
}

#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub id: String,
    pub content: Text,
}

/// Where a piece of the document comes from: its (first) message id and the place in the
/// model that names it. The layout marks each block with it so that `folio proof` can
/// report findings in the terms of the sources.
#[derive(Debug, Clone, Serialize)]
pub struct Origin {
    pub id: String,
    /// `report/chapters/04-….toml`, line 12, column 5: a dictionary in the layout's data,
    /// read back as it is by the proof.
    pub at: Location,
}

#[derive(Debug, Serialize)]
pub struct Chapter {
    pub number: u32,
    pub origin: Origin,
    /// `label-chapter` for this chapter ("第2章", "Chapter 2").
    pub label: String,
    pub title: String,
    pub summary: Option<Text>,
    pub intro: Vec<Block>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Serialize)]
pub struct Section {
    pub number: u32,
    pub origin: Origin,
    /// `section-number` for this section ("（一）", "1. ").
    pub marker: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Serialize)]
pub struct Block {
    #[serde(flatten)]
    pub body: BlockBody,
    pub origin: Origin,
    /// Some text of the block is shown in the source language (draft renders).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub untranslated: bool,
}

impl Block {
    /// Whether the block shows an equation, on its own or in its text (an EPUB chapter
    /// holding one declares MathML).
    pub fn has_math(&self) -> bool {
        let text = |t: &Text| t.iter().any(|i| matches!(i, Inline::Math(_)));
        match &self.body {
            BlockBody::Math { .. } => true,
            BlockBody::Paragraph { content } | BlockBody::Quote { content } => text(content),
            BlockBody::List { items, .. } => items.iter().any(|i| text(&i.content)),
            BlockBody::Callout { lead, items } => text(lead) || items.iter().any(text),
            BlockBody::Figure { caption, .. } => text(caption),
            BlockBody::Table(_) | BlockBody::Chart(_) => false,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum BlockBody {
    Paragraph { content: Text },
    Quote { content: Text },
    List { style: ListStyle, items: Vec<Item> },
    Callout { lead: Text, items: Vec<Text> },
    Table(Table),
    Chart(Chart),
    Figure {
        /// "图1", "Figure 1": photos and charts share one sequence.
        number: String,
        image: String,
        caption: Text,
        placeholder: bool,
    },
    /// A display equation, as data: layouts/book.typ builds it, the EPUB and the web write
    /// MathML.
    Math { math: model::math::MathRow },
}

#[derive(Debug, Serialize)]
pub struct Item {
    pub marker: String,
    pub content: Text,
}

#[derive(Debug, Serialize)]
pub struct Table {
    /// "表1", "Table 1".
    pub number: String,
    /// Above the table's part on a following page: "续表1", "Table 1 (continued)".
    pub continued: String,
    /// A table without a caption shows its number alone.
    pub caption: Option<Text>,
    pub source: Option<Text>,
    pub header: Vec<Vec<HeaderCell>>,
    /// `left` for text columns, `right` for numbers.
    pub align: Vec<&'static str>,
    /// Formatted cells; `None` is a cell left empty.
    pub rows: Vec<Vec<Option<String>>>,
    /// The message id of each text cell of `rows`, for writers that name cells (the review page).
    #[serde(skip)]
    pub cell_ids: Vec<Vec<Option<String>>>,
}

#[derive(Debug, Serialize)]
pub struct HeaderCell {
    pub text: String,
    /// The message id of the text.
    #[serde(skip)]
    pub id: String,
    pub colspan: u32,
    pub rowspan: u32,
}

#[derive(Debug, Serialize)]
pub struct Chart {
    pub number: String,
    pub chart: ChartKind,
    /// A bar chart's series stacked per category.
    pub stacked: bool,
    pub title: Text,
    pub source: Option<Text>,
    pub unit: Option<String>,
    pub axis: Option<String>,
    pub note: Option<Text>,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Value-axis ticks from the data range, with locale-formatted labels.
    pub ticks: Vec<Tick>,
    /// False when any value is missing: a pie is then not drawn.
    pub complete: bool,
}

#[derive(Debug, Serialize)]
pub struct Series {
    pub label: String,
    pub values: Vec<Option<f64>>,
    pub labels: Vec<Option<String>>,
}

#[derive(Debug, Serialize)]
pub struct Tick {
    pub value: f64,
    pub label: String,
}

/// Private-use characters that stand for a footnote or link inside formatted text, so that
/// the message can be split into runs after Fluent has placed them.
const MARK_START: char = '\u{E000}';
const MARK_END: char = '\u{E001}';

pub struct Resolver<'a> {
    report: &'a Report,
    catalog: &'a Catalog,
    /// Catalogs used in turn for missing messages in draft renders: the source language
    /// (a review beside a pivot tries the pivot first).
    fallbacks: &'a [&'a Catalog],
    numbers: NumberFormat,
    diags: Diagnostics,
    untranslated: bool,
    /// Some message came from the fallback: the document is a draft.
    fell_back: bool,
    figures: u32,
    tables: u32,
}

/// Loads the model and the bundles, then resolves one document per language.
pub fn resolve_all(project: &Project, report: &Report, langs: &[String], draft: bool) -> Result<Vec<Document>, Failure> {
    let source = &report.meta.source_language;
    let fallback = if draft { Some(load_catalog(project, source)?) } else { None };
    let mut diags = Diagnostics::default();
    let mut docs = Vec::new();
    for lang in langs {
        let catalog = load_catalog(project, lang)?;
        let fallback = fallback.as_ref().filter(|_| lang != source);
        match resolve(report, &catalog, fallback) {
            Ok(doc) => docs.push(doc),
            Err(d) => diags.extend(d),
        }
    }
    if diags.has_errors() { Err(Failure::Content(diags)) } else { Ok(docs) }
}

/// Resolves the whole report in one language. All problems are collected.
pub fn resolve(report: &Report, catalog: &Catalog, fallback: Option<&Catalog>) -> Result<Document, Diagnostics> {
    resolve_with(report, catalog, fallback.as_slice())
}

/// [`resolve`] with missing messages taken from the first of `fallbacks` that has them.
pub fn resolve_with(report: &Report, catalog: &Catalog, fallbacks: &[&Catalog]) -> Result<Document, Diagnostics> {
    let numbers = match NumberFormat::new(&catalog.lang) {
        Ok(n) => n,
        Err(d) => return Err(Diagnostics(vec![d])),
    };
    let mut r = Resolver {
        report,
        catalog,
        fallbacks,
        numbers,
        diags: Diagnostics::default(),
        untranslated: false,
        fell_back: false,
        figures: 0,
        tables: 0,
    };
    let doc = r.document();
    if r.diags.has_errors() { Err(r.diags) } else { Ok(doc) }
}

impl<'a> Resolver<'a> {
    fn document(&mut self) -> Document {
        let meta = &self.report.meta;
        let src = &*self.report.source;
        let (year, month) = meta.year_month();
        let mut labels = BTreeMap::new();
        for &id in LABELS {
            labels.insert(id, self.label(id, None));
        }
        let mut date_args = FluentArgs::new();
        date_args.set("year", year);
        date_args.set("month", month);
        let chapters = self.report.chapters.iter().map(|c| self.chapter(c)).collect();
        Document {
            lang: self.catalog.lang.clone(),
            lang_tag: meta.language_tag(&self.catalog.lang).to_string(),
            profile: Profile::of(meta.language_tag(&self.catalog.lang)),
            slug: meta.slug.clone(),
            title: self.plain(src, &meta.title),
            institution: self.plain(src, &meta.institution),
            date: self.label("report-date", Some(&date_args)),
            year,
            month,
            blurb: meta.blurb.iter().map(|id| self.text(src, id, &[])).collect(),
            labels,
            chapters,
            draft: self.fell_back,
        }
    }

    fn chapter(&mut self, chapter: &model::Chapter) -> Chapter {
        let src = &*chapter.source;
        let spec = &chapter.spec;
        let mut args = FluentArgs::new();
        args.set("number", *spec.number.get_ref());
        Chapter {
            number: *spec.number.get_ref(),
            origin: origin(src, &spec.title),
            label: self.label("label-chapter", Some(&args)),
            title: self.plain(src, &spec.title),
            summary: spec.summary.as_ref().map(|id| self.text(src, id, &[])),
            intro: spec.intro.iter().map(|b| self.block(src, b)).collect(),
            sections: spec
                .sections
                .iter()
                .zip(1..)
                .map(|(section, number)| {
                    let mut args = FluentArgs::new();
                    args.set("n", number);
                    Section {
                        number,
                        origin: origin(src, &section.title),
                        marker: self.label("section-number", Some(&args)),
                        title: self.plain(src, &section.title),
                        blocks: section.blocks.iter().map(|b| self.block(src, b)).collect(),
                    }
                })
                .collect(),
        }
    }

    fn block(&mut self, src: &SourceFile, block: &model::Block) -> Block {
        self.untranslated = false;
        let notes = &block.notes;
        let mut used = Placeables::of(block);
        let body = match self.report.kind(block) {
            BlockKind::Paragraph(id) => BlockBody::Paragraph { content: self.noted(src, id, &mut used) },
            BlockKind::Quote(id) => BlockBody::Quote { content: self.noted(src, id, &mut used) },
            BlockKind::List { style, start, items } => {
                let marker_id = match style {
                    ListStyle::Arabic => "list-arabic",
                    ListStyle::Bullet => "list-bullet",
                    ListStyle::Yishi => "list-yishi",
                    ListStyle::Diyi => "list-diyi",
                };
                let items = items
                    .iter()
                    .zip(start..)
                    .map(|(id, n)| {
                        let mut args = FluentArgs::new();
                        args.set("n", n);
                        Item {
                            marker: self.label(marker_id, Some(&args)),
                            content: self.noted(src, id, &mut used),
                        }
                    })
                    .collect();
                BlockBody::List { style, items }
            }
            BlockKind::Callout { lead, items } => BlockBody::Callout {
                lead: self.noted(src, lead, &mut used),
                items: items.iter().map(|id| self.noted(src, id, &mut used)).collect(),
            },
            BlockKind::Table(table) => BlockBody::Table(self.table(table)),
            BlockKind::Chart(chart) => BlockBody::Chart(self.chart(chart)),
            BlockKind::Math(math) => BlockBody::Math { math: math.clone() },
            BlockKind::Figure { image, caption, placeholder } => BlockBody::Figure {
                number: self.next_number("label-figure-number"),
                image: format!("/report/{}", image.get_ref().trim_start_matches("./")),
                caption: self.noted(src, caption, &mut used),
                placeholder,
            },
        };
        for (note, used) in notes.iter().zip(&used.used) {
            if !used {
                self.diags.push(
                    Diagnostic::error(format!("footnote `{}` is never referenced", note.id.get_ref()))
                        .at(src.locate(&note.id))
                        .hint(format!("put `{{ ${} }}` where its mark belongs in the block's text", note.id.get_ref())),
                );
            }
        }
        for ((name, math), placed) in used.equations.iter().zip(&used.used[notes.len()..]) {
            if !placed {
                self.diags.push(
                    Diagnostic::error(format!("equation `{name}` is not placed in the `{}` text of its block", self.catalog.lang))
                        .at(src.locate(math))
                        .hint(format!("put `{{ ${name} }}` where the formula belongs in the block's message")),
                );
            }
        }
        Block { body, origin: block_origin(src, self.report, block), untranslated: self.untranslated }
    }

    /// The next figure or table number, formatted by its label ("图3", "Table 2").
    fn next_number(&mut self, label: &str) -> String {
        let counter = if label == "label-table-number" { &mut self.tables } else { &mut self.figures };
        *counter += 1;
        let mut args = FluentArgs::new();
        args.set("n", *counter);
        self.label(label, Some(&args))
    }

    fn table(&mut self, table: &model::Table) -> Table {
        let src = &*table.source;
        let spec = &table.spec;
        let header = spec
            .header
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| HeaderCell {
                        text: self.plain(src, &cell.text),
                        id: cell.text.get_ref().clone(),
                        colspan: cell.colspan,
                        rowspan: cell.rowspan,
                    })
                    .collect()
            })
            .collect();
        let rows = spec
            .rows
            .iter()
            .map(|row| {
                row.get_ref()
                    .iter()
                    .zip(&spec.columns)
                    .map(|(cell, column)| match (cell, column.format) {
                        (model::Cell::Text(s), _) if s.is_empty() => None,
                        (model::Cell::Text(id), _) => {
                            let at = src.locate(row);
                            Some(self.message(&at, id, None))
                        }
                        (model::Cell::Int(year), ColumnFormat::Year) => {
                            let mut args = FluentArgs::new();
                            args.set("year", *year);
                            Some(self.message(&src.locate(row), "table-year", Some(&args)))
                        }
                        (model::Cell::Int(n), ColumnFormat::Plain) => Some(n.to_string()),
                        (model::Cell::Int(n), _) => Some(self.numbers.fixed(*n as f64, column.digits)),
                        (model::Cell::Float(x), _) => Some(self.numbers.fixed(*x, column.digits)),
                    })
                    .collect()
            })
            .collect();
        let cell_ids = spec
            .rows
            .iter()
            .map(|row| {
                row.get_ref()
                    .iter()
                    .map(|cell| match cell {
                        model::Cell::Text(id) if !id.is_empty() => Some(id.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        let number = self.next_number("label-table-number");
        let mut args = FluentArgs::new();
        args.set("n", self.tables);
        Table {
            number,
            continued: self.label("label-table-continued", Some(&args)),
            caption: spec.caption.as_ref().map(|id| self.text(src, id, &[])),
            source: spec.source_line.as_ref().map(|id| self.text(src, id, &[])),
            header,
            align: spec
                .columns
                .iter()
                .map(|c| if c.format == ColumnFormat::Text { "left" } else { "right" })
                .collect(),
            rows,
            cell_ids,
        }
    }

    fn chart(&mut self, chart: &model::Chart) -> Chart {
        let src = &*chart.source;
        let spec = &chart.spec;
        let categories_at = src.locate(&spec.categories);
        let categories = spec
            .categories
            .get_ref()
            .iter()
            .map(|c| match c {
                Category::Year(y) => y.to_string(),
                Category::Label(id) => self.message(&categories_at, id, None),
            })
            .collect();
        let series: Vec<Series> = spec
            .series
            .iter()
            .map(|s| {
                let values: Vec<Option<f64>> = s.values.get_ref().iter().map(model::Value::number).collect();
                Series {
                    label: self.plain(src, &s.label),
                    labels: values.iter().map(|v| v.map(|v| self.numbers.fixed(v, spec.digits))).collect(),
                    values,
                }
            })
            .collect();
        let all = series.iter().flat_map(|s| s.values.iter().flatten().copied());
        let (mut lo, mut hi) = (all.clone().fold(0.0, f64::min), all.fold(0.0, f64::max));
        if spec.stacked {
            // Stacks grow from zero: positive values upwards, negative ones downwards.
            for i in 0..spec.categories.get_ref().len() {
                let at = series.iter().filter_map(|s| s.values.get(i).copied().flatten());
                hi = hi.max(at.clone().filter(|v| *v > 0.0).sum());
                lo = lo.min(at.filter(|v| *v < 0.0).sum());
            }
        }
        let ticks = nice_ticks(lo, hi)
            .into_iter()
            .map(|value| Tick { value, label: self.numbers.fixed(value, 0) })
            .collect();
        Chart {
            number: self.next_number("label-figure-number"),
            chart: spec.kind,
            stacked: spec.stacked,
            title: self.text(src, &spec.title, &[]),
            source: spec.source_line.as_ref().map(|id| self.text(src, id, &[])),
            unit: spec.unit.as_ref().map(|id| self.plain(src, id)),
            axis: spec.axis.as_ref().map(|id| self.plain(src, id)),
            note: spec.note.as_ref().map(|id| self.text(src, id, &[])),
            complete: series.iter().all(|s| s.values.iter().all(Option::is_some)),
            categories,
            series,
            ticks,
        }
    }

    /// A message without footnotes, as a plain string.
    fn plain(&mut self, src: &SourceFile, id: &MsgId) -> String {
        self.message(&src.locate(id), id.get_ref(), None)
    }

    /// A message as runs of text; it may not reference footnotes.
    fn text(&mut self, src: &SourceFile, id: &MsgId, notes: &[NoteSpec]) -> Text {
        self.noted(src, id, &mut Placeables { notes, equations: Vec::new(), used: vec![false; notes.len()] })
    }

    /// A message whose `{ $note-id }` placeables become footnotes and whose `{ $name }`
    /// placeables its block's equations; marks the ones it uses.
    fn noted(&mut self, src: &SourceFile, id: &MsgId, places: &mut Placeables) -> Text {
        let notes = places.notes;
        let mut args = FluentArgs::new();
        for (i, note) in notes.iter().enumerate() {
            args.set(note.id.get_ref().clone(), format!("{MARK_START}{i}{MARK_END}"));
        }
        for (i, (name, _)) in places.equations.iter().enumerate() {
            args.set(name.to_string(), format!("{MARK_START}{}{MARK_END}", notes.len() + i));
        }
        let text = self.message(&src.locate(id), id.get_ref(), Some(&args));
        split_marks(&text, |i| {
            *places.used.get_mut(i)? = true;
            let Some(note) = notes.get(i) else {
                return places.equations.get(i - notes.len()).map(|(_, math)| Inline::Math(math.get_ref().clone()));
            };
            let mut args = FluentArgs::new();
            if let Some(url) = &note.url {
                args.set("url", format!("{MARK_START}0{MARK_END}"));
                let text = self.message(&src.locate(&note.id), note.id.get_ref(), Some(&args));
                let content = split_marks(&text, |_| Some(Inline::Link(url.clone())));
                Some(Inline::Note(Note { id: note.id.get_ref().clone(), content }))
            } else {
                let text = self.message(&src.locate(&note.id), note.id.get_ref(), None);
                Some(Inline::Note(Note { id: note.id.get_ref().clone(), content: vec![Inline::Text(text)] }))
            }
        })
    }

    /// A shared label, with its arguments; a missing label is an error at the bundle.
    fn label(&mut self, id: &str, args: Option<&FluentArgs>) -> String {
        let at = Location::file(format!("locales/{}", self.catalog.lang));
        self.message(&at, id, args)
    }

    /// Formats `id`, reporting problems at `used_at` (the model) or at the message (the bundle).
    fn message(&mut self, used_at: &Location, id: &str, args: Option<&FluentArgs>) -> String {
        let fallback = self.fallbacks.iter().find(|f| f.has_message(id));
        let (catalog, from_fallback) = match (self.catalog.has_message(id), fallback) {
            (true, _) => (self.catalog, false),
            (false, Some(fallback)) => (*fallback, true),
            (false, _) => {
                self.diags.push(
                    Diagnostic::error(format!("unknown message `{id}` in the `{}` bundle", self.catalog.lang))
                        .at(used_at.clone())
                        .hint(match crate::i18n::similar(id, self.catalog.entries.keys().map(String::as_str).filter(|k| !k.starts_with('-'))) {
                            Some(like) => format!(
                                "{} defines `{like}`: one of the two ids is misspelt",
                                self.catalog.locate(like).map_or_else(|| format!("locales/{}/", self.catalog.lang), |at| at.to_string())
                            ),
                            None => format!(
                                "add `{id} = …` to a file in locales/{}/, or render with --draft to fall back to the source language",
                                self.catalog.lang
                            ),
                        }),
                );
                return format!("[{id}]");
            }
        };
        self.untranslated |= from_fallback;
        self.fell_back |= from_fallback;
        match catalog.format(id, args) {
            Ok(text) => text,
            Err((text, errors)) => {
                for e in errors {
                    // A failed function call is shown where the call is written.
                    let call = e.split_once("()").map(|(name, _)| format!("{name}("));
                    let at = call.as_ref()
                        .and_then(|call| catalog.locate_in(id, &call))
                        .or_else(|| catalog.locate(id))
                        .unwrap_or_else(|| used_at.clone());
                    let hint = if e.contains("Unknown variable") {
                        "a message may use only the variables its place in the model provides (its block's footnotes and equations, $url in a footnote, $n in markers)"
                    } else if call.is_some() {
                        "correct the call's arguments; the text would otherwise print Fluent's fallback"
                    } else {
                        "define the message or term, or correct the reference"
                    };
                    let mut diag = Diagnostic::error(format!("in `{id}`: {e}")).at(at.clone()).hint(hint);
                    if at != *used_at && used_at.line.is_some() {
                        diag = diag.hint(format!("the message is used at {used_at}"));
                    }
                    self.diags.push(diag);
                }
                text
            }
        }
    }
}

/// What a block's messages may place: its footnotes, then its equations (a mark's index
/// counts through both), and which of them were placed.
struct Placeables<'b> {
    notes: &'b [NoteSpec],
    equations: Vec<(&'b String, &'b toml::Spanned<model::math::MathRow>)>,
    used: Vec<bool>,
}

impl<'b> Placeables<'b> {
    fn of(block: &'b model::Block) -> Self {
        let equations: Vec<_> = block.equations.iter().collect();
        Placeables { notes: &block.notes, used: vec![false; block.notes.len() + equations.len()], equations }
    }
}

fn origin(src: &SourceFile, id: &MsgId) -> Origin {
    Origin { id: id.get_ref().clone(), at: src.locate(id) }
}

/// The message that names a block (its text, first item or lead, its caption or title),
/// where the model names it.
fn block_origin(src: &SourceFile, report: &Report, block: &model::Block) -> Origin {
    match report.kind(block) {
        BlockKind::Paragraph(id) | BlockKind::Quote(id) => origin(src, id),
        BlockKind::List { items, .. } => match items.first() {
            Some(id) => origin(src, id),
            None => Origin { id: String::new(), at: Location::file(&src.path) },
        },
        BlockKind::Callout { lead, .. } => origin(src, lead),
        BlockKind::Table(table) => match &table.spec.caption {
            Some(caption) => origin(&table.source, caption),
            None => Origin { id: String::new(), at: Location::file(&table.source.path) },
        },
        BlockKind::Chart(chart) => origin(&chart.source, &chart.spec.title),
        BlockKind::Figure { caption, .. } => origin(src, caption),
        BlockKind::Math(_) => Origin { id: String::new(), at: block.math.as_ref().map_or_else(|| Location::file(&src.path), |m| src.locate(m)) },
    }
}

/// Splits formatted text at the private-use marks, replacing mark `i` by `inline(i)`.
fn split_marks(text: &str, mut inline: impl FnMut(usize) -> Option<Inline>) -> Text {
    let mut runs = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(MARK_START) {
        let Some(len) = rest[start..].find(MARK_END) else { break };
        let index: Option<usize> = rest[start + MARK_START.len_utf8()..start + len].parse().ok();
        if start > 0 {
            runs.push(Inline::Text(rest[..start].to_string()));
        }
        if let Some(run) = index.and_then(&mut inline) {
            runs.push(run);
        }
        rest = &rest[start + len + MARK_END.len_utf8()..];
    }
    if !rest.is_empty() {
        runs.push(Inline::Text(rest.to_string()));
    }
    runs
}

/// Round tick values covering [min, max] (min ≤ 0 ≤ max), about five steps.
fn nice_ticks(min: f64, max: f64) -> Vec<f64> {
    let span = max - min;
    if span <= 0.0 {
        return vec![0.0];
    }
    let raw = span / 5.0;
    // Below the smallest normal float the step underflows to 0 and the ticks never end.
    if raw < f64::MIN_POSITIVE {
        return vec![0.0];
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(raw);
    let first = (min / step).floor() as i64;
    let last = (max / step).ceil() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}



#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_footnote_marks() {
        let text = format!("a{MARK_START}1{MARK_END}b");
        let runs = split_marks(&text, |i| Some(Inline::Link(i.to_string())));
        assert!(matches!(&runs[..], [Inline::Text(a), Inline::Link(l), Inline::Text(b)] if a == "a" && l == "1" && b == "b"));
    }

    #[test]
    fn ticks_cover_negative_values() {
        assert_eq!(nice_ticks(-10.7, 7.3), vec![-15.0, -10.0, -5.0, 0.0, 5.0, 10.0]);
        assert_eq!(nice_ticks(0.0, 2401.1).last(), Some(&2500.0));
    }

    #[test]
    fn ticks_of_values_too_small_to_scale() {
        // A chart value of 5e-324 made the tick count overflow (fuzz/corpus/resolve/crash-*).
        assert_eq!(nice_ticks(0.0, 5e-324), vec![0.0]);
        assert_eq!(nice_ticks(-1e-310, 0.0), vec![0.0]);
        assert_eq!(nice_ticks(0.0, 1e-300).len(), 6);
    }
}
