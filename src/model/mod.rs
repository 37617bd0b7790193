//! The language-independent report model: the book's shape, with message ids for its words
//! and numbers, dates, URLs and image paths as data. Read from `report/*.toml`.

mod load;
pub mod math;

pub use load::{MAX_IMAGE_SIDE, check_image_data, check_image_header, decode_image, load, parse_toml};

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

/// A message id as written in a model file, with its position for diagnostics.
pub type MsgId = Spanned<String>;

/// A model file's path (relative to the project) and text, kept for diagnostics.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn locate<T>(&self, spanned: &Spanned<T>) -> crate::diag::Location {
        crate::diag::Location::span(&self.path, &self.text, spanned.span())
    }
}

#[derive(Debug)]
pub struct Report {
    pub meta: Meta,
    pub source: Arc<SourceFile>,
    pub chapters: Vec<Chapter>,
    /// Tables and charts, keyed by their path as written in the chapters.
    pub tables: BTreeMap<String, Table>,
    pub charts: BTreeMap<String, Chart>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Meta {
    pub slug: String,
    pub source_language: String,
    /// The published languages: rendered by `--lang all`, every message required.
    pub languages: Vec<String>,
    /// Translations under way (`folio new-lang` adds one, `folio publish` moves it to
    /// `languages`): checked and counted, rendered only when asked for with `--draft`.
    #[serde(default)]
    pub in_progress: Vec<String>,
    /// Publication date as `YYYY-MM`; also the fixed timestamp of reproducible builds.
    pub date: Spanned<String>,
    pub title: MsgId,
    pub institution: MsgId,
    #[serde(default)]
    pub blurb: Vec<MsgId>,
    pub chapters: Vec<Spanned<String>>,
    /// BCP 47 tags for markup and metadata where they differ from the bundle's name
    /// (`zh = "zh-Hans"`).
    #[serde(default)]
    pub language_tags: BTreeMap<String, String>,
    #[serde(default)]
    pub print: PrintSettings,
    /// Digit grouping per language where the locale's rule is not the house style.
    #[serde(default)]
    pub number_grouping: BTreeMap<String, crate::i18n::number::Grouping>,
}

/// `[print]` in report.toml: defaults of the print edition.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintSettings {
    /// Trim preset of layouts/print.typ: 16k (default), b5, a5, 32k.
    pub trim: Option<String>,
}

impl Meta {
    pub fn language_tag<'a>(&'a self, lang: &'a str) -> &'a str {
        self.language_tags.get(lang).map_or(lang, String::as_str)
    }

    /// Every language with a bundle: the published ones, then those in progress.
    pub fn all_languages(&self) -> Vec<String> {
        self.languages.iter().chain(&self.in_progress).cloned().collect()
    }

    pub fn is_in_progress(&self, lang: &str) -> bool {
        self.in_progress.iter().any(|l| l == lang)
    }

    /// The BCP 47 tags of all the report's languages.
    pub fn all_language_tags(&self) -> Vec<String> {
        self.languages.iter().map(|l| self.language_tag(l).to_string()).collect()
    }

    /// (year, month) of the publication date; validated at load time.
    pub fn year_month(&self) -> (i32, u32) {
        parse_year_month(self.date.get_ref()).unwrap_or((1970, 1))
    }
}

/// A `YYYY-MM` date; the year has four digits, as the PDF and EPUB dates require.
pub fn parse_year_month(s: &str) -> Option<(i32, u32)> {
    let (y, m) = s.split_once('-')?;
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    ((1000..=9999).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
}

#[derive(Debug)]
pub struct Chapter {
    pub source: Arc<SourceFile>,
    pub spec: ChapterSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterSpec {
    pub number: Spanned<u32>,
    pub title: MsgId,
    /// Optional chapter-opener text; the opener always lists the section titles.
    pub summary: Option<MsgId>,
    #[serde(default)]
    pub intro: Vec<Block>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: MsgId,
    pub blocks: Vec<Block>,
}

/// One block of a chapter. Written as a one-key inline table naming its kind
/// (`{ p = "id" }`, `{ list = "yishi", items = [...] }`, `{ table = "tables/x.toml" }`…);
/// the loader checks that exactly one kind is given.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub p: Option<MsgId>,
    pub quote: Option<MsgId>,
    /// Enumeration style: `arabic` (1.), `yishi` (一是), `diyi` (第一，), `bullet` (•).
    pub list: Option<Spanned<ListStyle>>,
    /// A boxed text: its lead paragraph, with optional `items`.
    pub callout: Option<MsgId>,
    pub table: Option<Spanned<String>>,
    pub chart: Option<Spanned<String>>,
    pub figure: Option<Spanned<String>>,
    /// A display equation, as data (src/model/math.rs).
    pub math: Option<Spanned<math::MathRow>>,
    pub caption: Option<MsgId>,
    /// Marks a figure's image as a stand-in for a photograph still to be supplied.
    #[serde(default)]
    pub placeholder: bool,
    #[serde(default)]
    pub items: Vec<MsgId>,
    /// Number of the first item of a list that continues a previous one.
    pub start: Option<u32>,
    /// Footnotes referenced by this block's messages as `{ $note-id }`.
    #[serde(default)]
    pub notes: Vec<NoteSpec>,
    /// Equations inside the block's text, by name: a message places one as `{ $name }`,
    /// so the sentence around it is translated and the formula is not.
    #[serde(default)]
    pub equations: BTreeMap<String, Spanned<math::MathRow>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ListStyle {
    Arabic,
    /// Unnumbered items, marked by the `list-bullet` label.
    Bullet,
    Yishi,
    Diyi,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteSpec {
    pub id: MsgId,
    /// Passed to the note's message as `$url` and printed as a link.
    pub url: Option<String>,
}

/// A block once its kind is known, with referenced tables and charts loaded.
#[derive(Debug)]
pub enum BlockKind<'a> {
    Paragraph(&'a MsgId),
    Quote(&'a MsgId),
    List { style: ListStyle, start: u32, items: &'a [MsgId] },
    Callout { lead: &'a MsgId, items: &'a [MsgId] },
    Table(&'a Table),
    Chart(&'a Chart),
    Figure { image: &'a Spanned<String>, caption: &'a MsgId, placeholder: bool },
    Math(&'a math::MathRow),
}

#[derive(Debug)]
pub struct Table {
    pub source: Arc<SourceFile>,
    pub spec: TableSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// Printed after the table's number; a table may have none (an imported one).
    pub caption: Option<MsgId>,
    /// The source line under the table, if the table has one.
    #[serde(rename = "source")]
    pub source_line: Option<MsgId>,
    /// Header rows; cells may span columns and rows.
    pub header: Vec<Vec<HeaderCell>>,
    pub columns: Vec<Column>,
    pub rows: Vec<Spanned<Vec<Cell>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderCell {
    pub text: MsgId,
    #[serde(default = "one")]
    pub colspan: u32,
    #[serde(default = "one")]
    pub rowspan: u32,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub format: ColumnFormat,
    /// Fraction digits of a `decimal` column.
    #[serde(default)]
    pub digits: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnFormat {
    /// A message id.
    Text,
    /// A year, printed through the `table-year` label ("1990年", "1990").
    Year,
    /// An integer printed as written, without grouping (a year heading its row).
    Plain,
    /// A number, formatted for the locale with `digits` fraction digits.
    Decimal,
}

impl ColumnFormat {
    /// The name written in the model file.
    pub fn name(self) -> &'static str {
        match self {
            ColumnFormat::Text => "text",
            ColumnFormat::Year => "year",
            ColumnFormat::Plain => "plain",
            ColumnFormat::Decimal => "decimal",
        }
    }

    /// What a cell of this column holds, for hints.
    pub fn expects(self) -> &'static str {
        match self {
            ColumnFormat::Text => "a `text` column holds message ids, or \"\" for a cell left empty",
            ColumnFormat::Year | ColumnFormat::Plain => "this column holds whole numbers, or \"\" for a cell left empty",
            ColumnFormat::Decimal => "a `decimal` column holds finite numbers, or \"\" for a cell left empty",
        }
    }
}

/// A table cell: a message id, a number, or `""` for a cell left empty (never 0).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    Int(i64),
    Float(f64),
    Text(String),
}

impl Cell {
    /// The cell as written in TOML, for diagnostics.
    pub fn shown(&self) -> String {
        match self {
            Cell::Int(n) => n.to_string(),
            Cell::Float(x) => toml_float(*x),
            Cell::Text(s) => format!("{s:?}"),
        }
    }
}

/// A float as TOML spells it (`nan`, `inf`, `-inf`), for diagnostics.
pub fn toml_float(x: f64) -> String {
    match x {
        x if x.is_nan() => "nan".to_string(),
        f64::INFINITY => "inf".to_string(),
        f64::NEG_INFINITY => "-inf".to_string(),
        x => x.to_string(),
    }
}

#[derive(Debug)]
pub struct Chart {
    pub source: Arc<SourceFile>,
    pub spec: ChartSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    pub kind: ChartKind,
    /// Bars of one category stacked on each other (a `bar` chart only), not side by side.
    #[serde(default)]
    pub stacked: bool,
    pub title: MsgId,
    /// The source line under the chart; an imported chart may have none.
    #[serde(rename = "source")]
    pub source_line: Option<MsgId>,
    /// Label of the value axis (the unit); an imported chart may have none.
    pub unit: Option<MsgId>,
    /// Label of the category axis.
    pub axis: Option<MsgId>,
    /// Explains missing values; required when any value is `"missing"`.
    pub note: Option<MsgId>,
    /// Fraction digits of the printed values.
    #[serde(default)]
    pub digits: u8,
    pub categories: Spanned<Vec<Category>>,
    pub series: Vec<Series>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    Bar,
    /// One line per series across the categories, a gap where a value is missing.
    Line,
    Pie,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Category {
    Year(i64),
    /// A message id.
    Label(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub label: MsgId,
    pub values: Spanned<Vec<Value>>,
}

/// A data point: a number, or the string `"missing"` (TOML has no null) for a value
/// that could not be confirmed. Missing values are gaps, never zeros.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Marker(String),
}

impl Value {
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Marker(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_four_digit_years() {
        assert_eq!(parse_year_month("2024-12"), Some((2024, 12)));
        assert_eq!(parse_year_month("2024-13"), None);
        assert_eq!(parse_year_month("99999-01"), None);
        assert_eq!(parse_year_month("-5-01"), None);
    }

    #[test]
    fn floats_are_shown_as_toml_writes_them() {
        assert_eq!([f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1.5].map(toml_float), ["nan", "inf", "-inf", "1.5"]);
    }
}
