//! Reading `report/` and checking what can be checked without a language:
//! every file parses, every block names one kind, tables are rectangular, chart series
//! match their categories, images exist inside the project, content ids are unique.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use image::{ImageFormat, ImageReader, Limits};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use toml::Spanned;

use super::*;
use crate::diag::{Diagnostic, Diagnostics, Failure, Location};
use crate::project::Project;

pub fn load(project: &Project) -> Result<Report, Failure> {
    let mut diags = Diagnostics::default();
    let main = read(project, "report/report.toml").map_err(Failure::Io)?;
    let meta: Meta = parse(&main).map_err(|d| Failure::Content(Diagnostics(vec![d])))?;
    if super::parse_year_month(meta.date.get_ref()).is_none() {
        diags.push(
            Diagnostic::error(format!("invalid date `{}`", meta.date.get_ref()))
                .at(main.locate(&meta.date))
                .hint("write the publication date as \"YYYY-MM\", e.g. \"2024-12\""),
        );
    }
    // Numbers follow the house style from here on, in every bundle and table.
    crate::i18n::number::configure(&meta.number_grouping);
    if !meta.languages.contains(&meta.source_language) {
        diags.push(
            Diagnostic::error(format!("source language `{}` is not in `languages`", meta.source_language))
                .at(Location::file(&main.path)),
        );
    }
    for lang in &meta.in_progress {
        let (problem, hint) = if *lang == meta.source_language {
            ("is the source language", "the source is always published: remove it from `in-progress`")
        } else if meta.languages.contains(lang) {
            ("is also in `languages`", "a language is either published (`languages`) or in progress: remove it from one list")
        } else {
            continue;
        };
        diags.push(Diagnostic::error(format!("language `{lang}` in `in-progress` {problem}")).at(Location::file(&main.path)).hint(hint));
    }

    let mut report =
        Report { meta, source: main.clone(), chapters: Vec::new(), tables: BTreeMap::new(), charts: BTreeMap::new() };
    let mut listed = HashSet::new();
    for path in &report.meta.chapters {
        let file = match model_path(project, &main, path) {
            Ok(file) => file,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if !listed.insert(file.clone()) {
            diags.push(Diagnostic::error(format!("chapter `{}` is listed twice", path.get_ref())).at(main.locate(path)));
            continue;
        }
        let source = match read(project, &file) {
            Ok(s) => s,
            Err(d) => {
                diags.push(placed(d, main.locate(path)));
                continue;
            }
        };
        match parse::<ChapterSpec>(&source) {
            Ok(spec) => report.chapters.push(Chapter { source, spec }),
            Err(d) => diags.push(d),
        }
    }
    check_chapter_numbers(&report.chapters, &mut diags);

    let mut tables = BTreeMap::new();
    let mut charts = BTreeMap::new();
    for chapter in &report.chapters {
        for block in chapter.blocks() {
            check_block(project, chapter, block, &mut tables, &mut charts, &mut diags);
        }
    }
    report.tables = tables;
    report.charts = charts;
    check_unique_ids(&report, &mut diags);

    if diags.has_errors() { Err(Failure::Content(diags)) } else { Ok(report) }
}

impl Chapter {
    /// Every block of the chapter in reading order.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.spec.intro.iter().chain(self.spec.sections.iter().flat_map(|s| s.blocks.iter()))
    }
}

impl Report {
    /// What a block is; the loader has checked that it is exactly one thing.
    pub fn kind<'a>(&'a self, block: &'a Block) -> BlockKind<'a> {
        if let Some(id) = &block.p {
            BlockKind::Paragraph(id)
        } else if let Some(id) = &block.quote {
            BlockKind::Quote(id)
        } else if let Some(style) = &block.list {
            BlockKind::List { style: *style.get_ref(), start: block.start.unwrap_or(1), items: &block.items }
        } else if let Some(lead) = &block.callout {
            BlockKind::Callout { lead, items: &block.items }
        } else if let Some(path) = &block.table {
            BlockKind::Table(&self.tables[path.get_ref()])
        } else if let Some(path) = &block.chart {
            BlockKind::Chart(&self.charts[path.get_ref()])
        } else if let Some(math) = &block.math {
            BlockKind::Math(math.get_ref())
        } else {
            let image = block.figure.as_ref().expect("loader checked the block kind");
            let caption = block.caption.as_ref().expect("loader checked the caption");
            BlockKind::Figure { image, caption, placeholder: block.placeholder }
        }
    }
}

fn check_block(
    project: &Project,
    chapter: &Chapter,
    block: &Block,
    tables: &mut BTreeMap<String, Table>,
    charts: &mut BTreeMap<String, Chart>,
    diags: &mut Diagnostics,
) {
    let src = &chapter.source;
    let kinds: Vec<(&str, std::ops::Range<usize>)> = [
        block.p.as_ref().map(|s| ("p", s.span())),
        block.quote.as_ref().map(|s| ("quote", s.span())),
        block.list.as_ref().map(|s| ("list", s.span())),
        block.callout.as_ref().map(|s| ("callout", s.span())),
        block.table.as_ref().map(|s| ("table", s.span())),
        block.chart.as_ref().map(|s| ("chart", s.span())),
        block.figure.as_ref().map(|s| ("figure", s.span())),
        block.math.as_ref().map(|s| ("math", s.span())),
    ]
    .into_iter()
    .flatten()
    .collect();
    match kinds.as_slice() {
        [] => {
            let at = block.notes.first().map(|n| src.locate(&n.id)).unwrap_or_else(|| Location::file(&src.path));
            diags.push(
                Diagnostic::error("block without a kind")
                    .at(at)
                    .hint("start the block with one of p, quote, list, callout, table, chart, figure, math"),
            );
            return;
        }
        [_] => {}
        [_, (second, span), ..] => {
            diags.push(
                Diagnostic::error(format!("block has more than one kind (`{}` and `{second}`)", kinds[0].0))
                    .at(Location::span(&src.path, &src.text, span.clone()))
                    .hint("split it into one block per kind"),
            );
            return;
        }
    }
    for note in &block.notes {
        if let Some(url) = &note.url {
            if !is_linkable(url) {
                diags.push(
                    Diagnostic::error(format!("footnote `{}` has a link folio does not write: `{url}`", note.id.get_ref()))
                        .at(src.locate(&note.id))
                        .hint("links must start with http://, https:// or mailto:"),
                );
            }
        }
    }
    for math in block.math.iter().chain(block.equations.values()) {
        if math.get_ref().is_empty() {
            diags.push(Diagnostic::error("empty equation").at(src.locate(math)).hint("write its items, e.g. `math = [\"x\", \"=\", \"1\"]`, or remove the block"));
        } else if super::math::depth(math.get_ref()) > super::math::MAX_DEPTH {
            diags.push(Diagnostic::error(format!("equation nested more than {} levels deep", super::math::MAX_DEPTH)).at(src.locate(math)));
        }
    }
    // Equations in the text are placeables of the block's messages: their names must be
    // Fluent variables, apart from the footnotes', and the block must have text.
    let texted = block.p.is_some() || block.quote.is_some() || block.list.is_some() || block.callout.is_some() || block.figure.is_some();
    for (name, math) in &block.equations {
        let at = src.locate(math);
        if !super::math::is_name(name) {
            diags.push(
                Diagnostic::error(format!("`{name}` cannot name an equation"))
                    .at(at)
                    .hint("a name starts with a letter, followed by letters, digits, `-` or `_` (e.g. `math-1`): the text places it as `{ $math-1 }`"),
            );
        } else if block.notes.iter().any(|n| n.id.get_ref() == name) {
            diags.push(Diagnostic::error(format!("`{name}` names both a footnote and an equation of this block")).at(at).hint("rename the equation"));
        } else if !texted {
            diags.push(
                Diagnostic::error(format!("equation `{name}` is in a block without text"))
                    .at(at)
                    .hint("equations in the text belong to a p, quote, list, callout or figure block; a formula of its own is a `math` block"),
            );
        }
    }
    if block.figure.is_some() && block.caption.is_none() {
        let at = src.locate(block.figure.as_ref().expect("checked"));
        diags.push(Diagnostic::error("figure without a caption").at(at).hint("add `caption = \"message-id\"`"));
    }
    if let (Some(list), Some(start)) = (&block.list, block.start) {
        // The markers are counted in u32.
        if u64::from(start) + block.items.len() as u64 > u64::from(u32::MAX) {
            diags.push(Diagnostic::error(format!("list numbering cannot start at {start}")).at(src.locate(list)));
        }
    }
    if let Some(image) = &block.figure {
        match model_path(project, src, image) {
            Ok(path) if !project.is_file(&path) => diags.push(
                Diagnostic::error(format!("image file `{}` not found", path.display()))
                    .at(src.locate(image))
                    .hint("paths in the model are relative to `report/`"),
            ),
            Ok(path) => match project.read(&path) {
                Ok(bytes) => {
                    if let Err(problem) = check_image_header(&bytes) {
                        diags.push(problem.diagnostic(&path).at(src.locate(image)));
                    }
                }
                Err(d) => diags.push(d.at(src.locate(image))),
            },
            Err(d) => diags.push(d),
        }
    }
    if let Some(path) = &block.table {
        if !tables.contains_key(path.get_ref()) {
            if let Some(table) = load_part::<TableSpec>(project, src, path, diags) {
                check_table(&table, diags);
                tables.insert(path.get_ref().clone(), Table { source: table.0, spec: table.1 });
            }
        }
    }
    if let Some(path) = &block.chart {
        if !charts.contains_key(path.get_ref()) {
            if let Some(chart) = load_part::<ChartSpec>(project, src, path, diags) {
                check_chart(&chart, diags);
                charts.insert(path.get_ref().clone(), Chart { source: chart.0, spec: chart.1 });
            }
        }
    }
}

fn load_part<T: DeserializeOwned>(
    project: &Project,
    from: &SourceFile,
    path: &Spanned<String>,
    diags: &mut Diagnostics,
) -> Option<(Arc<SourceFile>, T)> {
    let file = model_path(project, from, path).map_err(|d| diags.push(d)).ok()?;
    let source = match read(project, &file) {
        Ok(s) => s,
        Err(d) => {
            diags.push(placed(d, from.locate(path)));
            return None;
        }
    };
    let spec = parse::<T>(&source).map_err(|d| diags.push(d)).ok()?;
    Some((source, spec))
}

fn check_table((src, table): &(Arc<SourceFile>, TableSpec), diags: &mut Diagnostics) {
    let width = table.columns.len();
    if width == 0 {
        diags.push(
            Diagnostic::error("table has no columns")
                .at(table.caption.as_ref().map_or_else(|| Location::file(&src.path), |c| src.locate(c)))
                .hint("describe each column in `columns`, e.g. `{ format = \"decimal\", digits = 1 }`"),
        );
        return;
    }
    // Each header row covers the full width once cells spanning from rows above are counted.
    let mut carried = vec![0u32; width];
    for cell in table.header.iter().flatten().filter(|c| c.colspan == 0 || c.rowspan == 0) {
        diags.push(
            Diagnostic::error("a header cell spans no columns or no rows")
                .at(src.locate(&cell.text))
                .hint("`colspan` and `rowspan` are at least 1 (the default)"),
        );
    }
    for (r, row) in table.header.iter().enumerate() {
        let mut col = 0usize;
        for cell in row {
            while col < width && carried[col] > 0 {
                col += 1;
            }
            for c in col..(col + cell.colspan as usize).min(width) {
                carried[c] = cell.rowspan;
            }
            col += cell.colspan as usize;
        }
        let covered = carried.iter().filter(|&&n| n > 0).count().max(col);
        if covered != width {
            let at = row.first().map(|c| src.locate(&c.text)).unwrap_or_else(|| Location::file(&src.path));
            diags.push(
                Diagnostic::error(format!("header row {} spans {covered} columns, the table has {width}", r + 1))
                    .at(at),
            );
        }
        carried.iter_mut().for_each(|n| *n = n.saturating_sub(1));
    }
    for row in &table.rows {
        let cells = row.get_ref();
        if cells.len() != width {
            diags.push(
                Diagnostic::error(format!("table row has {} cells, the table has {width} columns", cells.len()))
                    .at(src.locate(row))
                    .hint("write \"\" for a cell left empty"),
            );
            continue;
        }
        for (cell, column) in cells.iter().zip(&table.columns) {
            let ok = match (column.format, cell) {
                (ColumnFormat::Text, Cell::Text(_)) => true,
                (ColumnFormat::Year | ColumnFormat::Plain, Cell::Int(_)) => true,
                (ColumnFormat::Decimal, Cell::Int(_)) => true,
                (ColumnFormat::Decimal, Cell::Float(x)) => x.is_finite(),
                (_, Cell::Text(s)) => s.is_empty(),
                _ => false,
            };
            if !ok {
                diags.push(
                    Diagnostic::error(format!("cell `{}` does not fit a `{}` column", cell.shown(), column.format.name()))
                        .at(src.locate(row))
                        .hint(column.format.expects()),
                );
            }
        }
    }
}

/// Chapter numbers name the chapters in every edition (and their EPUB and web files), so
/// each is used once.
fn check_chapter_numbers(chapters: &[Chapter], diags: &mut Diagnostics) {
    let mut first: HashMap<u32, &Chapter> = HashMap::new();
    for chapter in chapters {
        let number = chapter.spec.number.get_ref();
        match first.get(number) {
            Some(earlier) => diags.push(
                Diagnostic::error(format!("chapter number {number} is used twice"))
                    .at(chapter.source.locate(&chapter.spec.number))
                    .hint(format!(
                        "{} is chapter {number} already; give each chapter its own number",
                        earlier.source.locate(&earlier.spec.number)
                    )),
            ),
            None => {
                first.insert(*number, chapter);
            }
        }
    }
}

/// Largest magnitude of a charted value: beyond it the axis labels are unreadable (and the
/// scale's arithmetic overflows near f64's limit); a larger unit is the answer.
const MAX_CHART_VALUE: f64 = 1e15;

fn check_chart((src, chart): &(Arc<SourceFile>, ChartSpec), diags: &mut Diagnostics) {
    let n = chart.categories.get_ref().len();
    if n == 0 {
        diags.push(
            Diagnostic::error("chart has no categories")
                .at(src.locate(&chart.categories))
                .hint("list the chart's categories (years or message ids) in `categories`"),
        );
    }
    if chart.series.is_empty() {
        diags.push(
            Diagnostic::error("chart has no series")
                .at(src.locate(&chart.title))
                .hint("add a `[[series]]` with a `label` and one value per category"),
        );
    }
    let mut missing = false;
    for series in &chart.series {
        let values = series.values.get_ref();
        if values.len() != n {
            diags.push(
                Diagnostic::error(format!(
                    "series `{}` has {} values, the chart has {n} categories",
                    series.label.get_ref(),
                    values.len()
                ))
                .at(src.locate(&series.values))
                .hint("write \"missing\" for a value that is not known; every series needs one value per category"),
            );
        }
        for value in values {
            match value {
                Value::Marker(m) if m == "missing" => missing = true,
                Value::Marker(m) => diags.push(
                    Diagnostic::error(format!("chart value `{m}` is neither a number nor \"missing\""))
                        .at(src.locate(&series.values)),
                ),
                Value::Number(x) if !x.is_finite() || x.abs() >= MAX_CHART_VALUE => diags.push(
                    Diagnostic::error(format!("chart value `{}` cannot be charted", toml_float(*x)))
                        .at(src.locate(&series.values))
                        .hint("values must be finite numbers below 10^15; choose a larger unit for very large ones"),
                ),
                Value::Number(_) => {}
            }
        }
    }
    let negative = |s: &Series| s.values.get_ref().iter().find_map(|v| v.number().filter(|x| *x < 0.0));
    if chart.kind == ChartKind::Pie
        && let Some((series, value)) = chart.series.iter().find_map(|s| Some((s, negative(s)?)))
    {
        diags.push(
            Diagnostic::error(format!("pie chart value `{}` is negative", toml_float(value)))
                .at(src.locate(&series.values))
                .hint("a pie shows shares of a whole; chart values below zero as bars (`kind = \"bar\"`)"),
        );
    }
    if chart.stacked && chart.kind != ChartKind::Bar {
        diags.push(
            Diagnostic::error("only a bar chart can be stacked")
                .at(src.locate(&chart.title))
                .hint("remove `stacked = true`, or make the chart `kind = \"bar\"`"),
        );
    }
    if missing && chart.note.is_none() {
        diags.push(
            Diagnostic::error("chart has missing values but no `note` explaining them")
                .at(src.locate(&chart.title))
                .hint("add `note = \"message-id\"` saying the value is not available in this edition"),
        );
    }
}

/// Message ids that name a piece of the report's text may appear once only.
fn check_unique_ids(report: &Report, diags: &mut Diagnostics) {
    let mut seen: HashMap<String, Location> = HashMap::new();
    let mut note = |id: &MsgId, src: &SourceFile, diags: &mut Diagnostics| {
        let here = src.locate(id);
        if let Some(first) = seen.get(id.get_ref()) {
            diags.push(
                Diagnostic::error(format!("duplicate id `{}`", id.get_ref()))
                    .at(here)
                    .hint(format!("first used at {first}; every text of the report is used once")),
            );
        } else {
            seen.insert(id.get_ref().clone(), here);
        }
    };
    for chapter in &report.chapters {
        let src = &chapter.source;
        note(&chapter.spec.title, src, diags);
        for section in &chapter.spec.sections {
            note(&section.title, src, diags);
        }
        for block in chapter.blocks() {
            for id in [&block.p, &block.quote, &block.callout, &block.caption].into_iter().flatten() {
                note(id, src, diags);
            }
            for id in block.items.iter().chain(block.notes.iter().map(|n| &n.id)) {
                note(id, src, diags);
            }
        }
    }
}

/// Editions link only to the web and to mail: no `javascript:`, `file:` or relative links.
fn is_linkable(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let ok_scheme = ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s));
    ok_scheme && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Largest image folio accepts, per side and in total: a photograph for a full A4 page at
/// 600 ppi is about 5000 × 7000 px; anything far beyond is a mistake or a decompression bomb.
pub const MAX_IMAGE_SIDE: u32 = 20_000;
pub const MAX_IMAGE_PIXELS: u64 = 150_000_000;

/// What is wrong with an image file; shown after "image `path`".
#[derive(Debug)]
pub enum ImageProblem {
    /// An image, but not PNG, JPEG or SVG: the format's name (GIF, BMP, WEBP…).
    Format(String),
    /// No image format folio knows.
    NotAnImage,
    Damaged(String),
    Empty,
    TooLarge(u32, u32),
}

impl std::fmt::Display for ImageProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Format(name) => write!(f, "is a {name} image; folio reads PNG, JPEG and SVG only"),
            Self::NotAnImage => write!(f, "is not a PNG, JPEG or SVG image: its contents are no image format folio knows"),
            Self::Damaged(why) => write!(f, "is damaged or truncated: {why}"),
            Self::Empty => write!(f, "has no pixels"),
            Self::TooLarge(w, h) => write!(
                f,
                "is {w} × {h} px, larger than folio accepts ({MAX_IMAGE_SIDE} px a side, {} megapixels)",
                MAX_IMAGE_PIXELS / 1_000_000
            ),
        }
    }
}

impl ImageProblem {
    fn hint(&self) -> &'static str {
        match self {
            Self::TooLarge(..) => "scale the image down; 300 ppi at the printed size is plenty",
            _ => "export the image again as PNG, JPEG or SVG and replace the file",
        }
    }

    /// "image `report/images/x.png` …", with what to do about it.
    pub fn diagnostic(&self, path: &Path) -> Diagnostic {
        Diagnostic::error(format!("image `{}` {self}", path.display())).hint(self.hint())
    }

    /// The same, placed at the image file itself, where no model position is known.
    pub fn in_file(&self, path: &Path) -> Diagnostic {
        Diagnostic::error(format!("this image {self}")).at(Location::file(path)).hint(self.hint())
    }
}

/// Reads only the header: the format must be PNG, JPEG or SVG and the dimensions sane, so
/// that a bomb is refused before anything is decoded. (Damaged pixel data needs
/// [`decode_image`].)
pub fn check_image_header(bytes: &[u8]) -> Result<(u32, u32), ImageProblem> {
    read_header(bytes).map(|(_, w, h)| (w, h))
}

/// The format (`None` for SVG) and the size in pixels (an SVG's in CSS pixels).
fn read_header(bytes: &[u8]) -> Result<(Option<ImageFormat>, u32, u32), ImageProblem> {
    // The format comes from the contents: a file's name does not make it a PNG.
    let head = &bytes[..bytes.len().min(256)];
    let format = match image::guess_format(head) {
        Ok(format @ (ImageFormat::Png | ImageFormat::Jpeg)) => format,
        Ok(other) => {
            let name = other.extensions_str().first().map_or("other", |e| e).to_uppercase();
            return Err(ImageProblem::Format(name));
        }
        Err(_) if looks_like_svg(head) => {
            let (w, h) = svg_size(bytes)?;
            return Ok((None, w, h));
        }
        Err(_) => return Err(ImageProblem::NotAnImage),
    };
    let reader = ImageReader::with_format(Cursor::new(bytes), format);
    let (w, h) = reader.into_dimensions().map_err(|e| ImageProblem::Damaged(decoder_error(&e)))?;
    if w == 0 || h == 0 {
        return Err(ImageProblem::Empty);
    }
    if w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE || u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
        return Err(ImageProblem::TooLarge(w, h));
    }
    Ok((Some(format), w, h))
}

/// Largest SVG file folio parses (a converted Word metafile is a few hundred kilobytes).
const MAX_SVG_BYTES: usize = 32 * 1024 * 1024;

/// An XML declaration, a comment or a doctype before `<svg`, or `<svg` itself.
fn looks_like_svg(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with("<svg") || ((text.starts_with("<?xml") || text.starts_with("<!--")) && text.contains("<svg"))
}

/// An SVG parsed whole (usvg refuses entities and external references): its size.
fn svg_size(bytes: &[u8]) -> Result<(u32, u32), ImageProblem> {
    if bytes.len() > MAX_SVG_BYTES {
        return Err(ImageProblem::Damaged(format!("an SVG larger than {} MB", MAX_SVG_BYTES / 1024 / 1024)));
    }
    let tree = resvg::usvg::Tree::from_data(bytes, &resvg::usvg::Options::default()).map_err(|e| ImageProblem::Damaged(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (size.width().ceil() as u32, size.height().ceil() as u32);
    if w == 0 || h == 0 {
        return Err(ImageProblem::Empty);
    }
    if w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE {
        return Err(ImageProblem::TooLarge(w, h));
    }
    Ok((w, h))
}

/// Decodes the whole image, after the header check: finds damaged and truncated pixel data.
/// A full decode costs time, so only `folio check` and the explanation of a layout's
/// "failed to decode image" do it. (An SVG is parsed whole by the header check.)
pub fn decode_image(bytes: &[u8]) -> Result<(), ImageProblem> {
    let (format, _, _) = read_header(bytes)?;
    let Some(format) = format else { return Ok(()) };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    reader.limits(limits);
    reader.decode().map(drop).map_err(|e| ImageProblem::Damaged(decoder_error(&e)))
}

/// The decoder's own words without its "Format error decoding Png:" preamble.
fn decoder_error(e: &image::ImageError) -> String {
    let text = e.to_string();
    match text.split_once(": ") {
        Some((head, rest)) if head.starts_with("Format error") => rest.to_string(),
        _ => text,
    }
}

/// Every figure's image decoded (in parallel): what `folio check` adds to the loader's
/// header checks.
pub fn check_image_data(project: &Project, report: &Report) -> Diagnostics {
    let figures: Vec<(&SourceFile, &Spanned<String>)> = report
        .chapters
        .iter()
        .flat_map(|c| c.blocks().filter_map(|b| b.figure.as_ref()).map(|f| (&*c.source, f)))
        .collect();
    let found: Vec<Diagnostic> = figures
        .par_iter()
        .filter_map(|(src, image)| {
            let path = model_path(project, src, image).ok()?;
            let problem = decode_image(&project.read(&path).ok()?).err()?;
            Some(problem.diagnostic(&path).at(src.locate(image)))
        })
        .collect();
    Diagnostics(found)
}

/// Resolves a path written in a model file (relative to `report/`) to a path relative to
/// the project root, refusing anything that leaves the project.
fn model_path(project: &Project, from: &SourceFile, path: &Spanned<String>) -> Result<PathBuf, Diagnostic> {
    let rel = Path::new("report").join(path.get_ref());
    project.confine(&rel).map_err(|d| d.at(from.locate(path)).hint("paths in the model are relative to `report/`"))
}

fn read(project: &Project, rel: impl AsRef<Path>) -> Result<Arc<SourceFile>, Diagnostic> {
    let rel = rel.as_ref();
    let text = project.read_text(rel)?;
    Ok(Arc::new(SourceFile { path: rel.to_path_buf(), text }))
}

/// A file's problem at the place that names the file, unless it has its own (the byte
/// that is not UTF-8).
fn placed(d: Diagnostic, at: Location) -> Diagnostic {
    if d.location.is_some() { d } else { d.at(at) }
}

fn parse<T: DeserializeOwned>(src: &SourceFile) -> Result<T, Diagnostic> {
    parse_toml(&src.path, &src.text)
}

/// `text`, the contents of the model file `path`, as a `T`; an error where TOML or the
/// model's shape is broken.
pub fn parse_toml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        let d = Diagnostic::error(message);
        match e.span() {
            Some(span) => d.at(Location::span(path, text, span)),
            None => d.at(Location::file(path)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links() {
        assert!(is_linkable("https://www.gov.cn/x_1.htm"));
        assert!(is_linkable("mailto:info@ciis.org.cn"));
        assert!(!is_linkable("javascript:alert(1)"));
        assert!(!is_linkable("JavaScript:alert(1)"));
        assert!(!is_linkable("file:///etc/passwd"));
        assert!(!is_linkable("https://a.b/x y"));
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x * 7) as u8, (y * 13) as u8, (x ^ y) as u8]));
        image.write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png).expect("a PNG");
        bytes
    }

    #[test]
    fn format_comes_from_the_contents() {
        let header = |bytes: &[u8]| check_image_header(bytes).map_err(|p| p.to_string());
        assert_eq!(header(&png(4, 3)), Ok((4, 3)));
        assert_eq!(header(b"GIF89a\x01\x00\x01\x00\x80\x00\x00"), Err("is a GIF image; folio reads PNG, JPEG and SVG only".into()));
        assert_eq!(header(b"BM:\x00\x00\x00\x00\x00\x00\x006\x00\x00\x00"), Err("is a BMP image; folio reads PNG, JPEG and SVG only".into()));
        assert_eq!(header(b"RIFF\x24\x00\x00\x00WEBPVP8 "), Err("is a WEBP image; folio reads PNG, JPEG and SVG only".into()));
        assert!(header(b"just text, no image").is_err_and(|e| e.starts_with("is not a PNG, JPEG or SVG image")));
        assert!(header(b"").is_err());
        // SVG by its contents, sized by its root; a broken one is damaged, not "no image".
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="10" height="10"/></svg>"#;
        assert_eq!(header(svg), Ok((120, 80)));
        assert!(header(b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\"><rect").is_err_and(|e| e.starts_with("is damaged")));
    }

    #[test]
    fn only_a_full_decode_finds_a_truncated_image() {
        let whole = png(64, 48);
        let cut = &whole[..whole.len() / 2];
        assert_eq!(check_image_header(cut).ok(), Some((64, 48)));
        assert!(matches!(decode_image(cut), Err(ImageProblem::Damaged(_))));
        assert!(decode_image(&whole).is_ok());
    }
}
