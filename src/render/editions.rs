//! One seam per output: every edition folio makes is an [`Edition`]. It says which
//! languages it shows, what it is made from and how much memory making it takes, and
//! returns its files as bytes; the driver (the parent module) names the paths, writes,
//! schedules and reports.

use std::sync::Arc;

use typst_layout::PagedDocument;

use crate::diag::{Diagnostics, Failure};
use crate::document::Document;
use crate::export;
use crate::export::html::SiteFile;
use crate::export::markup::drawings;
use crate::export::print::{Geometry, Preflight};
use crate::layout::contract::{self, Input};
use crate::layout::Layout;
use crate::review::Review;
use crate::schedule::{Lease, estimate_text};

use super::stamps::Fingerprint;
use super::{PrintOptions, Session};

/// What an edition makes; the driver names its path from this.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// `<slug>-<lang>[-<layout>].pdf`: the screen, print, cover and review PDFs.
    Pdf { lang: String, layout: Layout },
    /// `<slug>-<lang>-<layout>.html`: the review page.
    Page { lang: String, layout: Layout },
    /// `<slug>-<lang>.epub`.
    Epub { lang: String },
    /// `<slug>-html/`: the website of every language (`zh,ru,en`).
    Site { langs: String },
    /// `<emit-typst dir>/<lang>/`: a Typst project of one edition.
    TypstSource { lang: String },
}

impl Output {
    /// The languages shown, for the progress line: `ru`, or `zh,ru,en`.
    pub fn langs(&self) -> &str {
        match self {
            Output::Pdf { lang, .. } | Output::Page { lang, .. } | Output::Epub { lang } | Output::TypstSource { lang } => lang,
            Output::Site { langs } => langs,
        }
    }

    /// The word of the progress line.
    pub fn kind(&self) -> &'static str {
        match self {
            Output::Pdf { layout, .. } if layout.is(contract::COVER) => "cover",
            Output::Pdf { .. } => "pdf",
            Output::Page { .. } | Output::Site { .. } => "html",
            Output::Epub { .. } => "epub",
            Output::TypstSource { .. } => "typst",
        }
    }
}

/// The files an edition made.
pub enum Product {
    File(Vec<u8>),
    /// Files by their path inside the folder.
    Folder(Vec<(String, Vec<u8>)>),
}

pub struct Made {
    pub product: Product,
    /// Pages of a PDF, chapters of an EPUB, files of a folder.
    pub count: usize,
    /// The progress line's figure: "56 pages", "92 KB", "spine 12.3 mm".
    pub summary: String,
    /// Warnings; or errors of a check after the layout (the preflight), which keep the
    /// edition from being written but not its report.
    pub diagnostics: Diagnostics,
    /// The print edition's preflight as JSON, for `--preflight-json`.
    pub preflight: Option<Vec<u8>>,
}

impl Made {
    fn file(bytes: Vec<u8>, count: usize, summary: String, diagnostics: Diagnostics) -> Self {
        Self { product: Product::File(bytes), count, summary, diagnostics, preflight: None }
    }
}

pub trait Edition: Sync {
    fn output(&self) -> Output;
    /// Everything it is made from besides what every edition of the run shares (the
    /// project's layouts, fonts and model folder, the options, folio itself), which the
    /// driver adds.
    fn fingerprint(&self, fp: &mut Fingerprint);
    /// Its estimated peak memory, for the schedule.
    fn estimate(&self) -> u64;
    fn make(&self, session: &Session, lease: &Lease) -> Result<Made, Failure>;
}

/// An edition of pages, which proof and preview read without writing it.
pub trait Paged: Sync {
    /// The pages, with the layout's warnings.
    fn lay_out(&self, session: &Session) -> Result<(PagedDocument, Diagnostics), Diagnostics>;
    /// The document the pages show (the translation, for a review).
    fn document(&self) -> &Document;
    /// Its estimated peak memory, for the schedule.
    fn estimate(&self) -> u64;
}

/// What a laid-out page holds until its PDF is written (its frames, the text it shows): a
/// bound on the safe side, not a measurement; with it the 8× book peaks at 824–861 MB
/// under `--max-memory 1G` (bench/RESULTS.md).
const PAGE_BYTES: u64 = 300_000;

/// The estimated memory of a language's layout (see [`estimate_text`]).
fn layout_estimate(doc: &Document) -> u64 {
    let json = serde_json::to_value(doc).expect("the document serializes");
    let mut texts = Vec::new();
    strings(&json, &mut texts);
    estimate_text(texts)
}

fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn json(doc: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(doc).expect("the document serializes")
}

/// What a print layout reads from `sys.inputs`: marks on or off, the trim preset.
fn print_inputs(session: &Session, print: &PrintOptions) -> Vec<Input> {
    let mut inputs = vec![Input::Marks(print.marks)];
    if let Some(trim) = print.trim.clone().or_else(|| session.report_trim.clone()) {
        inputs.push(Input::Trim(trim));
    }
    inputs
}

fn kb(bytes: usize) -> String {
    format!("{} KB", bytes / 1024)
}

/// A PDF of one language in a layout of one document (screen or print).
pub struct PdfEdition<'a> {
    pub doc: &'a Document,
    pub layout: Layout,
}

impl Paged for PdfEdition<'_> {
    fn lay_out(&self, session: &Session) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
        let inputs = print_inputs(session, &session.options.print);
        session.typesetter(&self.layout, &self.doc.lang, &inputs).typeset(self.doc)
    }

    fn document(&self) -> &Document {
        self.doc
    }

    fn estimate(&self) -> u64 {
        layout_estimate(self.doc)
    }
}

impl Edition for PdfEdition<'_> {
    fn output(&self) -> Output {
        Output::Pdf { lang: self.doc.lang.clone(), layout: self.layout.clone() }
    }

    fn fingerprint(&self, fp: &mut Fingerprint) {
        fp.add("document", &json(self.doc));
        fp.add("layout", self.layout.name.as_bytes());
    }

    fn estimate(&self) -> u64 {
        Paged::estimate(self)
    }

    fn make(&self, session: &Session, lease: &Lease) -> Result<Made, Failure> {
        session.fonts.check_coverage(self.doc)?;
        let print = &session.options.print;
        let mut inputs = print_inputs(session, print);
        let mut typesetter = session.typesetter(&self.layout, &self.doc.lang, &inputs);
        let (mut pages, mut warnings) = typesetter.typeset(self.doc)?;
        let geometry = Geometry::declared(&pages);
        let pad_to = print.pad_to;
        if geometry.is_some() && pad_to > 1 && pages.pages().len() % pad_to != 0 {
            // The blank pages go before the back cover, so the layout has to place them.
            inputs.push(Input::Pad(pad_to - pages.pages().len() % pad_to));
            typesetter = session.typesetter(&self.layout, &self.doc.lang, &inputs);
            (pages, warnings) = typesetter.typeset(self.doc)?;
        }
        lease.laid_out(pages.pages().len() as u64 * PAGE_BYTES);
        let bytes = session.pdf(&typesetter, &pages, self.doc, &self.layout)?;
        let mut preflight_json = None;
        if geometry.is_some() {
            let preflight = Preflight::run(&pages, self.doc, session.project, &bytes, pad_to.max(4));
            eprint!("{}", preflight.table());
            warnings.extend(preflight.diagnostics());
            if print.preflight_json.is_some() {
                preflight_json = Some(serde_json::to_vec_pretty(&preflight).expect("preflight serializes"));
            }
        }
        let count = pages.pages().len();
        let mut made = Made::file(bytes, count, format!("{count} pages"), warnings);
        made.preflight = preflight_json;
        Ok(made)
    }
}

/// The wrap-around cover: the spine is as thick as the print edition's sheets, so the print
/// layout is laid out first to count its pages.
pub struct CoverEdition<'a> {
    pub doc: &'a Document,
}

impl Edition for CoverEdition<'_> {
    fn output(&self) -> Output {
        Output::Pdf { lang: self.doc.lang.clone(), layout: Layout::named(contract::COVER) }
    }

    fn fingerprint(&self, fp: &mut Fingerprint) {
        fp.add("document", &json(self.doc));
    }

    fn estimate(&self) -> u64 {
        layout_estimate(self.doc)
    }

    fn make(&self, session: &Session, lease: &Lease) -> Result<Made, Failure> {
        session.fonts.check_coverage(self.doc)?;
        let print = &session.options.print;
        let mut inputs = print_inputs(session, print);
        let book = Layout::named(contract::PRINT);
        let pages = session.typesetter(&book, &self.doc.lang, &inputs).typeset(self.doc)?.0.pages().len();
        let padded = match print.pad_to {
            0 | 1 => pages,
            n => pages.div_ceil(n) * n,
        };
        let spine_mm = padded.div_ceil(2) as f64 * print.paper_thickness_mm;
        inputs.push(Input::SpineMm(spine_mm));
        let cover = Layout::named(contract::COVER);
        let mut typesetter = session.typesetter(&cover, &self.doc.lang, &inputs);
        let (sheet, warnings) = typesetter.typeset(self.doc)?;
        lease.laid_out(0);
        let bytes = session.pdf(&typesetter, &sheet, self.doc, &cover)?;
        Ok(Made::file(bytes, 1, format!("spine {spine_mm:.1} mm"), warnings))
    }
}

pub struct EpubEdition<'a> {
    pub doc: &'a Document,
}

impl Edition for EpubEdition<'_> {
    fn output(&self) -> Output {
        Output::Epub { lang: self.doc.lang.clone() }
    }

    fn fingerprint(&self, fp: &mut Fingerprint) {
        fp.add("document", &json(self.doc));
    }

    fn estimate(&self) -> u64 {
        // Only the charts and the cover are laid out.
        estimate_text(std::iter::empty())
    }

    fn make(&self, session: &Session, _: &Lease) -> Result<Made, Failure> {
        session.fonts.check_coverage(self.doc)?;
        let edition = export::epub::Edition {
            project: session.project,
            doc: self.doc,
            fonts: &session.fonts,
            timestamp: session.timestamp,
            report_tags: session.report_tags.clone(),
        };
        let (bytes, warnings) = export::epub::export(&edition)?;
        let summary = kb(bytes.len());
        Ok(Made::file(bytes, self.doc.chapters.len(), summary, warnings))
    }
}

/// The website of every language rendered, one folder.
pub struct Website<'a> {
    pub docs: &'a [Document],
}

impl Edition for Website<'_> {
    fn output(&self) -> Output {
        Output::Site { langs: self.docs.iter().map(|d| d.lang.as_str()).collect::<Vec<_>>().join(",") }
    }

    fn fingerprint(&self, fp: &mut Fingerprint) {
        for doc in self.docs {
            fp.add("document", &json(doc));
        }
    }

    fn estimate(&self) -> u64 {
        estimate_text(std::iter::empty())
    }

    fn make(&self, session: &Session, _: &Lease) -> Result<Made, Failure> {
        let site = export::html::Site {
            project: session.project,
            docs: self.docs,
            fonts: &session.fonts,
            timestamp: session.timestamp,
            base_url: session.options.base_url.clone(),
            report_tags: session.report_tags.clone(),
        };
        let (files, warnings) = export::html::export(&site)?;
        let count = files.len();
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        let files = files.into_iter().map(|SiteFile { path, bytes }| (path, bytes)).collect();
        Ok(Made { product: Product::Folder(files), count, summary: format!("{count} files  {}", kb(bytes)), diagnostics: warnings, preflight: None })
    }
}

/// The review edition of one translation as a PDF: each message beside its source.
pub struct ReviewPdf {
    pub review: Arc<Review>,
    pub layout: Layout,
}

impl Paged for ReviewPdf {
    fn lay_out(&self, session: &Session) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
        session.typesetter(&self.layout, &self.review.target.lang, &[]).typeset_data(json(&*self.review), &self.review.target)
    }

    fn document(&self) -> &Document {
        &self.review.target
    }

    fn estimate(&self) -> u64 {
        // A review lays out both languages' text.
        layout_estimate(&self.review.source) + layout_estimate(&self.review.target)
    }
}

impl Edition for ReviewPdf {
    fn output(&self) -> Output {
        Output::Pdf { lang: self.review.target.lang.clone(), layout: self.layout.clone() }
    }

    fn fingerprint(&self, fp: &mut Fingerprint) {
        fp.add("review", &json(&*self.review));
        fp.add("layout", self.layout.name.as_bytes());
    }

    fn estimate(&self) -> u64 {
        Paged::estimate(self)
    }

    fn make(&self, session: &Session, lease: &Lease) -> Result<Made, Failure> {
        let mut typesetter = session.typesetter(&self.layout, &self.review.target.lang, &[]);
        let (pages, warnings) = typesetter.typeset_data(json(&*self.review), &self.review.target)?;
        lease.laid_out(pages.pages().len() as u64 * PAGE_BYTES);
        let bytes = session.pdf(&typesetter, &pages, &self.review.target, &self.layout)?;
        let count = pages.pages().len();
        Ok(Made::file(bytes, count, format!("{count} pages"), warnings))
    }
}

/// The review edition of one translation as a web page.
pub struct ReviewPage {
    pub review: Arc<Review>,
    pub layout: Layout,
}

impl Edition for ReviewPage {
    fn output(&self) -> Output {
        Output::Page { lang: self.review.target.lang.clone(), layout: self.layout.clone() }
    }

    fn fingerprint(&self, fp: &mut Fingerprint) {
        fp.add("review", &json(&*self.review));
    }

    fn estimate(&self) -> u64 {
        estimate_text(std::iter::empty())
    }

    fn make(&self, session: &Session, _: &Lease) -> Result<Made, Failure> {
        let (bytes, warnings) =
            export::html::review::export(session.project, &session.fonts, session.timestamp, &self.review, &session.report_tags)?;
        let summary = kb(bytes.len());
        Ok(Made::file(bytes, 1, summary, warnings))
    }
}

/// `--emit-typst DIR`: a standalone Typst project of one edition.
pub struct TypstSource<'a> {
    pub doc: &'a Document,
    pub layout: Layout,
}

impl Edition for TypstSource<'_> {
    fn output(&self) -> Output {
        Output::TypstSource { lang: self.doc.lang.clone() }
    }

    fn fingerprint(&self, fp: &mut Fingerprint) {
        fp.add("document", &json(self.doc));
        fp.add("layout", self.layout.name.as_bytes());
    }

    fn estimate(&self) -> u64 {
        estimate_text(std::iter::empty())
    }

    fn make(&self, session: &Session, _: &Lease) -> Result<Made, Failure> {
        let files = export::typst_project::files(session.project, self.doc, &self.layout)?;
        let count = files.len();
        Ok(Made { product: Product::Folder(files), count, summary: format!("{count} files"), diagnostics: Diagnostics::default(), preflight: None })
    }
}

/// The charts' layout of one language, as the EPUB and the website ask for it: read by
/// proof only (the charts themselves go into the EPUB and the website).
pub struct ChartSheet<'a> {
    pub doc: &'a Document,
}

impl Paged for ChartSheet<'_> {
    fn lay_out(&self, session: &Session) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
        let inputs = drawings::chart_inputs(&self.doc.lang, &drawings::drawn_charts(self.doc));
        session.typesetter(&Layout::named(contract::CHART), &self.doc.lang, &inputs).typeset_inputs()
    }

    fn document(&self) -> &Document {
        self.doc
    }

    fn estimate(&self) -> u64 {
        estimate_text(std::iter::empty())
    }
}
