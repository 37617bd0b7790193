//! Reading `report/` and checking what can be checked without a language:
//! every file parses, every block names one kind, tables are rectangular, chart series
//! match their categories, images exist inside the project, content ids are unique.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;
use toml::Spanned;

use super::*;
use crate::diag::{Diagnostic, Diagnostics, Failure, Location};
use crate::project::Project;

pub fn load(project: &Project) -> Result<Report, Failure> {
    let mut diags = Diagnostics::default();
    let main = read(project, "report/report.toml")?;
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

    let mut report =
        Report { meta, source: main.clone(), chapters: Vec::new(), tables: BTreeMap::new(), charts: BTreeMap::new() };
    for path in &report.meta.chapters {
        let file = match model_path(project, &main, path) {
            Ok(file) => file,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let source = match read(project, &file) {
            Ok(s) => s,
            Err(Failure::Io(d)) => {
                diags.push(d.at(main.locate(path)));
                continue;
            }
            Err(Failure::Content(d)) => {
                diags.extend(d);
                continue;
            }
        };
        match parse::<ChapterSpec>(&source) {
            Ok(spec) => report.chapters.push(Chapter { source, spec }),
            Err(d) => diags.push(d),
        }
    }

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
                    .hint("start the block with one of p, quote, list, callout, table, chart, figure"),
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
    if block.figure.is_some() && block.caption.is_none() {
        let at = src.locate(block.figure.as_ref().expect("checked"));
        diags.push(Diagnostic::error("figure without a caption").at(at).hint("add `caption = \"message-id\"`"));
    }
    if let Some(image) = &block.figure {
        match model_path(project, src, image) {
            Ok(path) if !project.root.join(&path).is_file() => diags.push(
                Diagnostic::error(format!("image file `{}` not found", path.display()))
                    .at(src.locate(image))
                    .hint("paths in the model are relative to `report/`"),
            ),
            Ok(path) => {
                if let Err(why) = check_image_header(&project.root.join(&path)) {
                    diags.push(Diagnostic::error(format!("image `{}`: {why}", path.display())).at(src.locate(image)));
                }
            }
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
        Err(Failure::Io(d)) => {
            diags.push(d.at(from.locate(path)));
            return None;
        }
        Err(Failure::Content(d)) => {
            diags.extend(d);
            return None;
        }
    };
    let spec = parse::<T>(&source).map_err(|d| diags.push(d)).ok()?;
    Some((source, spec))
}

fn check_table((src, table): &(Arc<SourceFile>, TableSpec), diags: &mut Diagnostics) {
    let width = table.columns.len();
    // Each header row covers the full width once cells spanning from rows above are counted.
    let mut carried = vec![0u32; width];
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
                (ColumnFormat::Decimal, Cell::Int(_) | Cell::Float(_)) => true,
                (_, Cell::Text(s)) => s.is_empty(),
                _ => false,
            };
            if !ok {
                diags.push(
                    Diagnostic::error(format!("cell {cell:?} does not fit a `{:?}` column", column.format))
                        .at(src.locate(row)),
                );
            }
        }
    }
}

fn check_chart((src, chart): &(Arc<SourceFile>, ChartSpec), diags: &mut Diagnostics) {
    let n = chart.categories.get_ref().len();
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
                Value::Number(_) => {}
            }
        }
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

/// Largest image folio accepts, per side and in total: a photograph for a full A4 page at
/// 600 ppi is about 5000 × 7000 px; anything far beyond is a mistake or a decompression bomb.
pub const MAX_IMAGE_SIDE: u32 = 20_000;
pub const MAX_IMAGE_PIXELS: u64 = 150_000_000;

/// Reads only the header: the format must be PNG or JPEG and the dimensions sane, so that a
/// bomb is refused before anything is decoded. (Corrupt pixel data is found by the decoder.)
pub fn check_image_header(path: &Path) -> Result<(u32, u32), String> {
    let reader = image::ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| format!("cannot be read: {e}"))?;
    match reader.format() {
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg) => {}
        Some(other) => return Err(format!("{other:?} images are not supported (use PNG or JPEG)")),
        None => return Err("is not a PNG or JPEG image".to_string()),
    }
    let (w, h) = reader.into_dimensions().map_err(|e| format!("is damaged or truncated: {e}"))?;
    if w == 0 || h == 0 {
        return Err("has no pixels".to_string());
    }
    if w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE || u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
        return Err(format!(
            "is {w} × {h} px, larger than folio accepts ({MAX_IMAGE_SIDE} px a side, {} megapixels)",
            MAX_IMAGE_PIXELS / 1_000_000
        ));
    }
    Ok((w, h))
}

/// Resolves a path written in a model file (relative to `report/`) to a path relative to
/// the project root, refusing anything that leaves the project.
fn model_path(project: &Project, from: &SourceFile, path: &Spanned<String>) -> Result<PathBuf, Diagnostic> {
    let rel = Path::new("report").join(path.get_ref());
    project.confine(&rel).map_err(|why| Diagnostic::error(why).at(from.locate(path)))
}

fn read(project: &Project, rel: impl AsRef<Path>) -> Result<Arc<SourceFile>, Failure> {
    let rel = rel.as_ref();
    let text = std::fs::read_to_string(project.root.join(rel)).map_err(|e| Failure::io(rel, e))?;
    Ok(Arc::new(SourceFile { path: rel.to_path_buf(), text }))
}

fn parse<T: DeserializeOwned>(src: &SourceFile) -> Result<T, Diagnostic> {
    toml::from_str(&src.text).map_err(|e| {
        let message = e.message().trim().to_string();
        let d = Diagnostic::error(message);
        match e.span() {
            Some(span) => d.at(Location::span(&src.path, &src.text, span)),
            None => d.at(Location::file(&src.path)),
        }
    })
}
