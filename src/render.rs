//! The pipeline for one run: load → resolve → lay out → export, every language in
//! parallel, fonts loaded once.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use typst::foundations::Datetime;
use typst_layout::PagedDocument;
use typst_pdf::PdfStandard;

use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::document::{self, Document};
use crate::export;
use crate::export::print::{Geometry, Preflight, set_page_boxes};
use crate::i18n::Catalog;
use crate::layout::world::Fonts;
use crate::layout::{Layout, Typesetter};
use crate::model::{self, Report};
use crate::project::Project;
use crate::schedule::{Lease, Schedule, estimate_text, show_size};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Epub,
    /// The wrap-around cover of the print edition (back, spine, front).
    Cover,
    /// The web edition: a static site of all the languages rendered, `<slug>-html/`.
    Html,
}

#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub langs: Vec<String>,
    pub formats: Vec<Format>,
    pub layout: Layout,
    pub out: PathBuf,
    /// Fall back to the source language for missing messages, marked as untranslated.
    pub draft: bool,
    pub standards: Vec<PdfStandard>,
    pub system_fonts: bool,
    pub print: PrintOptions,
    /// Where the web edition will be published, for its canonical links and sitemap.
    pub base_url: Option<String>,
    /// The review edition: the language the translations are set beside (default: the
    /// report's source language).
    pub review_source: Option<String>,
    /// How many languages are laid out at once, within what memory.
    pub schedule: Schedule,
}

/// Options of editions whose layout declares a print geometry (layouts/print.typ).
#[derive(Debug, Clone)]
pub struct PrintOptions {
    /// Crop and registration marks in a slug area (off for printers who add their own).
    pub marks: bool,
    /// A trim preset of the layout (16k, b5, a5, 32k); default from report.toml [print].
    pub trim: Option<String>,
    /// Pad the page count to a multiple of this with blank pages before the back cover.
    pub pad_to: usize,
    /// Write the preflight report as JSON (one file per language, `<stem>-<lang>.json`).
    pub preflight_json: Option<PathBuf>,
    /// Thickness of one sheet (two pages) of the paper, for the cover's spine.
    pub paper_thickness_mm: f64,
}

/// What a run produced for one language.
pub struct Rendered {
    /// The files written, with their page count (chapters for an EPUB, 1 for a cover).
    pub files: Vec<(PathBuf, usize)>,
    pub warnings: Diagnostics,
}

/// The fixed timestamp of reproducible builds: `SOURCE_DATE_EPOCH` if set, otherwise the
/// first day of the report's publication month.
pub fn build_timestamp(report: &Report) -> Result<Datetime, Failure> {
    if let Some(secs) = source_date_epoch()? {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        return Datetime::from_ymd_hms(y, m, d, (rem / 3600) as u8, (rem % 3600 / 60) as u8, (rem % 60) as u8)
            .ok_or_else(|| Failure::Io(Diagnostic::error("SOURCE_DATE_EPOCH is out of range")));
    }
    let (year, month) = report.meta.year_month();
    Datetime::from_ymd_hms(year, month as u8, 1, 0, 0, 0)
        .ok_or_else(|| Failure::Io(Diagnostic::error(format!("the publication date {year}-{month:02} is out of range"))))
}

/// `SOURCE_DATE_EPOCH` in seconds, when set.
pub fn source_date_epoch() -> Result<Option<i64>, Failure> {
    let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") else { return Ok(None) };
    let secs = epoch.trim().parse().map_err(|_| {
        Failure::Io(Diagnostic::error(format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds")))
    })?;
    Ok(Some(secs))
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

pub fn output_path(out: &Path, report: &Report, lang: &str, layout: &Layout, ext: &str) -> PathBuf {
    let edition = if layout.name == "report" { String::new() } else { format!("-{}", layout.name) };
    out.join(format!("{}-{lang}{edition}.{ext}", report.meta.slug))
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
        match document::resolve(report, &catalog, fallback) {
            Ok(doc) => docs.push(doc),
            Err(d) => diags.extend(d),
        }
    }
    if diags.has_errors() { Err(Failure::Content(diags)) } else { Ok(docs) }
}

/// A bundle that loaded without syntax errors or duplicates.
pub fn load_catalog(project: &Project, lang: &str) -> Result<Catalog, Failure> {
    // A missing or unreadable bundle is the project's problem, as in `folio check`.
    let (catalog, diags) = Catalog::load(project, lang).map_err(|d| Failure::Content(Diagnostics(vec![d])))?;
    if diags.has_errors() {
        return Err(Failure::Content(diags));
    }
    Ok(catalog)
}

pub fn render(project: &Project, options: &RenderOptions) -> Result<Vec<Rendered>, Failure> {
    // A sheet has two pages: an odd multiple would put the back cover on a recto.
    if options.print.pad_to > 1 && options.print.pad_to % 2 == 1 {
        return Err(Failure::Io(
            Diagnostic::error(format!("--pad-to {} is odd", options.print.pad_to))
                .hint("pad to the pages of a signature: 4, 8, 16 or 32"),
        ));
    }
    check_out_dir(&options.out)?;
    let report = model::load(project)?;
    if options.layout.name == REVIEW_LAYOUT {
        return review_editions(project, &report, options);
    }
    let docs = resolve_all(project, &report, &options.langs, options.draft)?;
    let timestamp = build_timestamp(&report)?;
    let fonts = Arc::new(load_fonts(project, options.system_fonts)?);

    let mut results = options.schedule.run(&docs, |doc| layout_estimate(doc, &options.schedule), |doc, lease| {
        render_one(project, &report, doc, &fonts, timestamp, options, lease)
    });
    if options.formats.contains(&Format::Html) && results.iter().all(Result::is_ok) {
        results.push(web_edition(project, &report, &docs, &fonts, timestamp, options));
    }
    gather(results)
}

/// The editions rendered, or every content error of them; an output that cannot be written
/// stops the run as an I/O error (exit 2).
fn gather(results: Vec<Result<Rendered, Failure>>) -> Result<Vec<Rendered>, Failure> {
    let mut rendered = Vec::new();
    let mut diags = Diagnostics::default();
    for result in results {
        match result {
            Ok(r) => rendered.push(r),
            Err(io @ Failure::Io(_)) => return Err(io),
            Err(Failure::Content(d)) => diags.extend(d),
        }
    }
    if diags.has_errors() { Err(Failure::Content(diags)) } else { Ok(rendered) }
}

/// The layout of the review edition (layouts/review.typ), which sets a translation beside
/// its source rather than one document.
pub const REVIEW_LAYOUT: &str = "review";

/// The review edition of each language: `<slug>-<lang>-review.pdf` and/or `.html`.
fn review_editions(project: &Project, report: &Report, options: &RenderOptions) -> Result<Vec<Rendered>, Failure> {
    let source_lang = options.review_source.clone().unwrap_or_else(|| report.meta.source_language.clone());
    if !report.meta.all_languages().contains(&source_lang) {
        return Err(Failure::Io(
            Diagnostic::error(format!("unknown language `{source_lang}` for --source"))
                .hint(format!("the report's languages are: {}", report.meta.all_languages().join(", "))),
        ));
    }
    let langs: Vec<&String> = options.langs.iter().filter(|l| **l != source_lang).collect();
    if langs.is_empty() || options.formats.iter().any(|f| !matches!(f, Format::Pdf | Format::Html)) {
        return Err(Failure::Io(
            Diagnostic::error(format!("the review edition is a PDF or web page of a translation beside `{source_lang}`"))
                .hint(format!("render it with --format pdf or html and --lang set to another language than `{source_lang}`, e.g. --lang ru")),
        ));
    }
    let source = load_catalog(project, &source_lang)?;
    let timestamp = build_timestamp(report)?;
    let fonts = Arc::new(load_fonts(project, options.system_fonts)?);
    let targets = langs.iter().map(|lang| load_catalog(project, lang)).collect::<Result<Vec<Catalog>, Failure>>()?;
    // A review lays out both languages' text.
    let estimate = |target: &Catalog| {
        let texts = source.files.iter().chain(&target.files).map(|f| f.text.as_str());
        let bytes = estimate_text(texts);
        warn_if_alone(&target.lang, bytes, &options.schedule);
        bytes
    };
    let results = options.schedule.run(&targets, estimate, |target, _| {
        let lang = &target.lang;
        let review = crate::review::review(project, report, &source, target, &options.out, options.draft)?;
        let mut rendered = Rendered { files: Vec::new(), warnings: Diagnostics::default() };
        if options.formats.contains(&Format::Pdf) {
            let started = Instant::now();
            let json = serde_json::to_vec(&review).expect("the review serializes");
            let mut typesetter = Typesetter::new(project, fonts.clone(), &options.layout, timestamp, &[]);
            let (pages, warnings) = typesetter.typeset_data(json, &review.target)?;
            let bytes = print_ready_pdf(&typesetter, &pages, report, &review.target, &options.layout, timestamp, options)?;
            let path = output_path(&options.out, report, lang, &options.layout, "pdf");
            export::write_atomic(&path, &bytes)?;
            let count = pages.pages().len();
            eprintln!("{lang:>4}  pdf   {}  {count} pages  {:.1} s", path.display(), started.elapsed().as_secs_f64());
            rendered.files.push((path, count));
            rendered.warnings.extend(warnings);
        }
        if options.formats.contains(&Format::Html) {
            let started = Instant::now();
            let tags = report.meta.all_language_tags();
            let (bytes, warnings) = export::html::review::export(project, &fonts, timestamp, &review, &tags)?;
            let path = output_path(&options.out, report, lang, &options.layout, "html");
            export::write_atomic(&path, &bytes)?;
            eprintln!("{lang:>4}  html  {}  {} KB  {:.1} s", path.display(), bytes.len() / 1024, started.elapsed().as_secs_f64());
            rendered.files.push((path, 1));
            rendered.warnings.extend(warnings);
        }
        Ok(rendered)
    });
    gather(results)
}

/// The estimated memory of a language's layout (see [`estimate_text`]).
pub fn layout_estimate(doc: &Document, schedule: &Schedule) -> u64 {
    let json = serde_json::to_value(doc).expect("the document serializes");
    let mut texts = Vec::new();
    strings(&json, &mut texts);
    let bytes = estimate_text(texts);
    warn_if_alone(&doc.lang, bytes, schedule);
    bytes
}

fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// A language whose layout alone is estimated above `--max-memory` is laid out by itself.
fn warn_if_alone(lang: &str, bytes: u64, schedule: &Schedule) {
    if bytes > schedule.budget {
        eprintln!(
            "{lang:>4}  note: its layout needs about {}, more than the memory budget of {}: laid out alone",
            show_size(bytes),
            show_size(schedule.budget)
        );
    }
}

/// The web edition of every language rendered, written as one folder.
fn web_edition(
    project: &Project,
    report: &Report,
    docs: &[Document],
    fonts: &Arc<Fonts>,
    timestamp: Datetime,
    options: &RenderOptions,
) -> Result<Rendered, Failure> {
    let started = Instant::now();
    let site = export::html::Site {
        project,
        docs,
        fonts,
        timestamp,
        base_url: options.base_url.clone(),
        report_tags: report.meta.all_language_tags(),
    };
    let (files, warnings) = export::html::export(&site)?;
    let count = files.len();
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    let dir = options.out.join(format!("{}-html", report.meta.slug));
    export::write_dir_atomic(&dir, files.into_iter().map(|f| (f.path, f.bytes)))?;
    let langs: Vec<&str> = docs.iter().map(|d| d.lang.as_str()).collect();
    eprintln!("{:>4}  html  {}/  {count} files  {} KB  {:.1} s", langs.join(","), dir.display(), bytes / 1024, started.elapsed().as_secs_f64());
    Ok(Rendered { files: vec![(dir, count)], warnings })
}

/// `--out` must be (or become) a directory; found before any work, not after the layout.
fn check_out_dir(out: &Path) -> Result<(), Failure> {
    match out.ancestors().find(|p| p.exists()) {
        Some(existing) if !existing.is_dir() => Err(Failure::Io(
            Diagnostic::error(format!("--out {}: {} is not a directory", out.display(), existing.display()))
                .hint("give --out a directory (it is created if missing)"),
        )),
        _ => Ok(()),
    }
}

pub fn load_fonts(project: &Project, system: bool) -> Result<Fonts, Failure> {
    let fonts = Fonts::load(project, system).map_err(Failure::Io)?;
    if fonts.is_empty() {
        return Err(Failure::Io(
            Diagnostic::error("no fonts found in fonts/")
                .hint("folio renders only with the project's own fonts; add .ttf/.otf files to fonts/ (or pass --system-fonts)"),
        ));
    }
    Ok(fonts)
}

fn render_one(
    project: &Project,
    report: &Report,
    doc: &Document,
    fonts: &Arc<Fonts>,
    timestamp: Datetime,
    options: &RenderOptions,
    lease: &Lease,
) -> Result<Rendered, Failure> {
    let started = Instant::now();
    let mut warnings = Diagnostics::default();
    let mut files = Vec::new();
    fonts.check_coverage(doc)?;
    if options.formats.contains(&Format::Pdf) {
        // The cover sheet lays the print edition out again; without it, the layout is done
        // once the pages are there.
        let done = (!options.formats.contains(&Format::Cover)).then_some(lease);
        let (path, count) = pdf_edition(project, report, doc, fonts, timestamp, options, done, &mut warnings)?;
        eprintln!("{:>4}  pdf   {}  {count} pages  {:.1} s", doc.lang, path.display(), started.elapsed().as_secs_f64());
        files.push((path, count));
    }
    if options.formats.contains(&Format::Cover) {
        let started = Instant::now();
        let (path, spine) = cover_edition(project, report, doc, fonts, timestamp, options, &mut warnings)?;
        lease.laid_out(0);
        eprintln!("{:>4}  cover {}  spine {spine:.1} mm  {:.1} s", doc.lang, path.display(), started.elapsed().as_secs_f64());
        files.push((path, 1));
    }
    if options.formats.contains(&Format::Epub) {
        let started = Instant::now();
        let report_tags = report.meta.all_language_tags();
        let edition = export::epub::Edition { project, doc, fonts, timestamp, report_tags };
        let (bytes, w) = export::epub::export(&edition)?;
        warnings.extend(w);
        let path = options.out.join(format!("{}-{}.epub", report.meta.slug, doc.lang));
        export::write_atomic(&path, &bytes)?;
        eprintln!("{:>4}  epub  {}  {} KB  {:.1} s", doc.lang, path.display(), bytes.len() / 1024, started.elapsed().as_secs_f64());
        files.push((path, doc.chapters.len()));
    }
    Ok(Rendered { files, warnings })
}

/// What a laid-out page holds until its PDF is written (its frames, the text it shows): a
/// bound on the safe side, not a measurement; with it the 8× book peaks at 824–861 MB
/// under `--max-memory 1G` (bench/RESULTS.md).
const PAGE_BYTES: u64 = 300_000;

/// What a print layout reads from `sys.inputs`: marks on or off, the trim preset.
pub fn print_inputs(report: &Report, print: &PrintOptions) -> Vec<(&'static str, String)> {
    let mut inputs = vec![("folio-marks", print.marks.to_string())];
    if let Some(trim) = print.trim.clone().or_else(|| report.meta.print.trim.clone()) {
        inputs.push(("folio-trim", trim));
    }
    inputs
}

/// Lays out and writes one PDF. A layout that declares a print geometry gets its page
/// boxes, a preflight, and blank pages to reach `--pad-to`.
fn pdf_edition(
    project: &Project,
    report: &Report,
    doc: &Document,
    fonts: &Arc<Fonts>,
    timestamp: Datetime,
    options: &RenderOptions,
    done: Option<&Lease>,
    warnings: &mut Diagnostics,
) -> Result<(PathBuf, usize), Failure> {
    let mut inputs = print_inputs(report, &options.print);
    let mut typesetter = Typesetter::new(project, fonts.clone(), &options.layout, timestamp, &inputs);
    let (mut pages, w) = typesetter.typeset(doc)?;
    let geometry = Geometry::declared(&pages);
    let pad_to = options.print.pad_to;
    if geometry.is_some() && pad_to > 1 && pages.pages().len() % pad_to != 0 {
        // The blank pages go before the back cover, so the layout has to place them.
        let missing = pad_to - pages.pages().len() % pad_to;
        inputs.push(("folio-pad", missing.to_string()));
        typesetter = Typesetter::new(project, fonts.clone(), &options.layout, timestamp, &inputs);
        pages = typesetter.typeset(doc)?.0;
    }
    if let Some(lease) = done {
        lease.laid_out(pages.pages().len() as u64 * PAGE_BYTES);
    }
    warnings.extend(w);
    let bytes = print_ready_pdf(&typesetter, &pages, report, doc, &options.layout, timestamp, options)?;
    if geometry.is_some() {
        let preflight = Preflight::run(&pages, doc, project, &bytes, pad_to.max(4));
        eprint!("{}", preflight.table());
        let problems = preflight.diagnostics();
        if let Some(path) = &options.print.preflight_json {
            let json = serde_json::to_vec_pretty(&preflight).expect("preflight serializes");
            let path = path.with_file_name(format!(
                "{}-{}.json",
                path.file_stem().and_then(|s| s.to_str()).unwrap_or("preflight"),
                doc.lang
            ));
            export::write_atomic(&path, &json)?;
        }
        if problems.has_errors() {
            return Err(Failure::Content(problems));
        }
        warnings.extend(problems);
    }
    let path = output_path(&options.out, report, &doc.lang, &options.layout, "pdf");
    export::write_atomic(&path, &bytes)?;
    Ok((path, pages.pages().len()))
}

/// The cover sheet: the spine is as thick as the print edition's sheets, so the print
/// layout is laid out first to count its pages.
fn cover_edition(
    project: &Project,
    report: &Report,
    doc: &Document,
    fonts: &Arc<Fonts>,
    timestamp: Datetime,
    options: &RenderOptions,
    warnings: &mut Diagnostics,
) -> Result<(PathBuf, f64), Failure> {
    let mut inputs = print_inputs(report, &options.print);
    let print = Layout { name: "print".to_string() };
    let pages = Typesetter::new(project, fonts.clone(), &print, timestamp, &inputs).typeset(doc)?.0.pages().len();
    let padded = match options.print.pad_to {
        0 | 1 => pages,
        n => pages.div_ceil(n) * n,
    };
    let spine_mm = padded.div_ceil(2) as f64 * options.print.paper_thickness_mm;
    inputs.push(("folio-spine-mm", format!("{spine_mm:.2}")));
    let cover = Layout { name: "cover".to_string() };
    let mut typesetter = Typesetter::new(project, fonts.clone(), &cover, timestamp, &inputs);
    let (sheet, w) = typesetter.typeset(doc)?;
    warnings.extend(w);
    let bytes = print_ready_pdf(&typesetter, &sheet, report, doc, &cover, timestamp, options)?;
    let path = output_path(&options.out, report, &doc.lang, &cover, "pdf");
    export::write_atomic(&path, &bytes)?;
    Ok((path, spine_mm))
}

/// The PDF of laid-out pages, with TrimBox and BleedBox when the layout declares a print
/// geometry.
pub fn print_ready_pdf(
    typesetter: &Typesetter,
    pages: &PagedDocument,
    report: &Report,
    doc: &Document,
    layout: &Layout,
    timestamp: Datetime,
    options: &RenderOptions,
) -> Result<Vec<u8>, Diagnostics> {
    let ident = format!("{}-{}-{}", report.meta.slug, doc.lang, layout.name);
    let bytes = export::pdf::export(typesetter, pages, &ident, timestamp, &options.standards)?;
    match Geometry::declared(pages) {
        Some(geometry) => set_page_boxes(&bytes, geometry).map_err(|e| Diagnostics(vec![Diagnostic::error(e)])),
        None => Ok(bytes),
    }
}

pub fn failure_diags(f: Failure) -> Diagnostics {
    match f {
        Failure::Content(d) => d,
        Failure::Io(d) => Diagnostics(vec![d]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_058), (2024, 12, 1));
    }
}
