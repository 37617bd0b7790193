//! The driver: the model and the bundles are loaded and resolved once, then every edition
//! asked for is made behind one seam ([`Edition`], one per output). Only the driver names
//! paths, writes (atomically), schedules the work within memory, prints progress, and keeps
//! an output whose inputs did not change (`out/.folio-stamps.json`; `--force` makes all).
//! `render`, `watch`, `preview` and `proof` all hold a [`Session`] of it.

mod editions;
mod stamps;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use typst::foundations::Datetime;
use typst_layout::PagedDocument;
use typst_pdf::PdfStandard;

use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::document::{Document, resolve_all};
use crate::date::build_timestamp;
use crate::export;
use crate::files;
use crate::export::print::{Geometry, set_page_boxes};
use crate::i18n::load_catalog;
use crate::layout::contract::{self, Input};
use crate::layout::world::Fonts;
use crate::layout::{Layout, Typesetter};
use crate::model::{self, Report};
use crate::project::Project;
use crate::schedule::{Schedule, show_size};

pub use editions::{ChartSheet, Edition, Made, Output, Paged, PdfEdition, Product, ReviewPdf};
use editions::{CoverEdition, EpubEdition, ReviewPage, TypstSource, Website};
use stamps::{Fingerprint, Stamp, Stamps, digest_folder, digest_product};

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
    /// Make every output, even those whose inputs did not change.
    pub force: bool,
    /// Instead of the editions, a Typst project of each language in this folder.
    pub emit_typst: Option<PathBuf>,
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

/// What a run did with one edition.
pub struct Rendered {
    pub warnings: Diagnostics,
    /// False when its inputs had not changed and the output on disk was kept.
    pub made: bool,
}

/// What a run renders from, loaded again for every rebuild: the report and one resolved
/// document per language (none for the review edition, which resolves its own pairs).
pub struct Loaded {
    pub report: Report,
    pub docs: Vec<Document>,
}

/// The driver's state, kept between the rebuilds of watch and preview: the options, the
/// fonts (scanned once), what every edition shares from the report, and on request each
/// layout's Typesetter, so that Typst redoes only what changed.
pub struct Session<'p> {
    pub project: &'p Project,
    pub options: RenderOptions,
    pub fonts: Arc<Fonts>,
    /// The fixed build time (see [`build_timestamp`]).
    pub timestamp: Datetime,
    /// BCP 47 tags of all the report's languages, to tag passages quoted in another one.
    pub report_tags: Vec<String>,
    /// The print edition's trim from report.toml, unless `--trim` says otherwise.
    pub report_trim: Option<String>,
    /// The report's slug, which begins every output's name.
    slug: String,
    /// Typesetters by layout, language and inputs: `Some` when kept between runs.
    kept: Option<Mutex<HashMap<String, Typesetter>>>,
}

impl<'p> Session<'p> {
    /// Checks the options that need no layout, and loads the fonts.
    pub fn open(project: &'p Project, options: RenderOptions) -> Result<Self, Failure> {
        // A sheet has two pages: an odd multiple would put the back cover on a recto.
        if options.print.pad_to > 1 && options.print.pad_to % 2 == 1 {
            return Err(Failure::Usage(
                Diagnostic::error(format!("--pad-to {} is odd", options.print.pad_to))
                    .hint("pad to the pages of a signature: 4, 8, 16 or 32"),
            ));
        }
        check_out_dir(&options.out)?;
        let fonts = Arc::new(Fonts::required(project, options.system_fonts).map_err(Failure::Io)?);
        let epoch = Datetime::from_ymd(1970, 1, 1).expect("a valid date");
        Ok(Self { project, options, fonts, timestamp: epoch, report_tags: Vec::new(), report_trim: None, slug: String::new(), kept: None })
    }

    /// Keeps each layout's Typesetter between runs (watch, preview).
    pub fn keeping_layouts(mut self) -> Self {
        self.kept = Some(Mutex::new(HashMap::new()));
        self
    }

    /// Loads the model and the bundles, and resolves the languages' documents.
    pub fn load(&mut self) -> Result<Loaded, Failure> {
        let report = model::load(self.project)?;
        self.timestamp = build_timestamp(&report)?;
        self.report_tags = report.meta.all_language_tags();
        self.report_trim = report.meta.print.trim.clone();
        self.slug = report.meta.slug.clone();
        let docs = if self.options.layout.is(contract::REVIEW) && self.options.emit_typst.is_none() {
            Vec::new()
        } else {
            resolve_all(self.project, &report, &self.options.langs, self.options.draft)?
        };
        Ok(Loaded { report, docs })
    }

    /// The editions the options ask for.
    pub fn editions<'a>(&self, loaded: &'a Loaded) -> Result<Vec<Box<dyn Edition + 'a>>, Failure> {
        let options = &self.options;
        let layout = &options.layout;
        let mut editions: Vec<Box<dyn Edition + 'a>> = Vec::new();
        if options.emit_typst.is_some() {
            for doc in &loaded.docs {
                editions.push(Box::new(TypstSource { doc, layout: layout.clone() }));
            }
            return Ok(editions);
        }
        if layout.is(contract::REVIEW) {
            for review in self.reviews(&loaded.report)? {
                let review = Arc::new(review);
                if options.formats.contains(&Format::Pdf) {
                    editions.push(Box::new(ReviewPdf { review: review.clone(), layout: layout.clone() }));
                }
                if options.formats.contains(&Format::Html) {
                    editions.push(Box::new(ReviewPage { review, layout: layout.clone() }));
                }
            }
            return Ok(editions);
        }
        for doc in &loaded.docs {
            if options.formats.contains(&Format::Pdf) {
                editions.push(Box::new(PdfEdition { doc, layout: layout.clone() }));
            }
            if options.formats.contains(&Format::Cover) {
                editions.push(Box::new(CoverEdition { doc }));
            }
            if options.formats.contains(&Format::Epub) {
                editions.push(Box::new(EpubEdition { doc }));
            }
        }
        if options.formats.contains(&Format::Html) && !loaded.docs.is_empty() {
            editions.push(Box::new(Website { docs: &loaded.docs }));
        }
        Ok(editions)
    }

    /// The editions of pages the options ask for, to read without writing them (proof,
    /// preview): the review of each translation, the charts' sheet, or the layout's PDF.
    pub fn paged<'a>(&self, loaded: &'a Loaded) -> Result<Vec<Box<dyn Paged + 'a>>, Failure> {
        let layout = &self.options.layout;
        let mut paged: Vec<Box<dyn Paged + 'a>> = Vec::new();
        if layout.is(contract::REVIEW) {
            for review in self.reviews(&loaded.report)? {
                paged.push(Box::new(ReviewPdf { review: Arc::new(review), layout: layout.clone() }));
            }
        } else if layout.is(contract::CHART) {
            paged.extend(loaded.docs.iter().map(|doc| Box::new(ChartSheet { doc }) as Box<dyn Paged>));
        } else {
            paged.extend(loaded.docs.iter().map(|doc| Box::new(PdfEdition { doc, layout: layout.clone() }) as Box<dyn Paged>));
        }
        Ok(paged)
    }

    /// The review of each language asked for, beside `--source` (or the source language).
    pub fn reviews(&self, report: &Report) -> Result<Vec<crate::review::Review>, Failure> {
        let options = &self.options;
        let source_lang = options.review_source.clone().unwrap_or_else(|| report.meta.source_language.clone());
        if !report.meta.all_languages().contains(&source_lang) {
            return Err(Failure::Usage(
                Diagnostic::error(format!("unknown language `{source_lang}` for --source"))
                    .hint(format!("the report's languages are: {}", report.meta.all_languages().join(", "))),
            ));
        }
        let langs: Vec<&String> = options.langs.iter().filter(|l| **l != source_lang).collect();
        if langs.is_empty() || options.formats.iter().any(|f| !matches!(f, Format::Pdf | Format::Html)) {
            return Err(no_translation_to_review(&source_lang));
        }
        let source = load_catalog(self.project, &source_lang)?;
        let mut reviews = Vec::new();
        for lang in langs {
            let target = load_catalog(self.project, lang)?;
            reviews.push(crate::review::review(self.project, report, &source, &target, &options.out, options.draft)?);
        }
        Ok(reviews)
    }

    /// Makes the editions (those whose inputs changed, unless `--force`), writes them and
    /// prints a line for each; the editions made, or every content error of them. An output
    /// that cannot be written stops the run as an I/O error (exit 2).
    pub fn run(&self, editions: &[Box<dyn Edition + '_>]) -> Result<Vec<Rendered>, Failure> {
        let out = &self.options.out;
        let mut stamps = Stamps::load(out);
        let shared = self.shared_inputs(&mut stamps)?;
        let mut todo = Vec::new();
        let mut rendered = Vec::new();
        for edition in editions {
            let output = edition.output();
            let path = self.path(&output);
            let key = stamp_key(out, &path);
            let inputs = shared.as_ref().map(|shared| {
                let mut fp = Fingerprint::new();
                fp.add("shared", shared.as_bytes());
                fp.add("kind", format!("{output:?}").as_bytes());
                edition.fingerprint(&mut fp);
                fp.finish()
            });
            let kept = match (&inputs, &key) {
                (Some(inputs), Some(key)) if !self.options.force => stamps.unchanged(key, inputs, &path).cloned(),
                _ => None,
            };
            match kept {
                Some(stamp) => {
                    for warning in &stamp.warnings {
                        eprint!("{warning}");
                    }
                    eprintln!("{:>4}  {:<5} {}  unchanged  ({})", output.langs(), output.kind(), shown(&output, &path), stamp.summary);
                    rendered.push(Rendered { warnings: Diagnostics::default(), made: false });
                }
                None => todo.push((edition, path, key, inputs)),
            }
        }
        // Made first, written after: an edition is written only when no edition of its
        // languages failed, so that a language that fails keeps all its previous files.
        let results = self.make_each(&todo.iter().map(|(edition, ..)| &***edition).collect::<Vec<_>>());
        let failed: BTreeSet<String> = todo
            .iter()
            .zip(&results)
            .filter(|(_, result)| !matches!(result, Ok((made, _)) if !made.diagnostics.has_errors()))
            .flat_map(|((edition, ..), _)| edition.output().langs().split(',').map(String::from).collect::<Vec<_>>())
            .collect();
        let mut diags = Diagnostics::default();
        let mut stop = None;
        let mut recorded = false;
        for ((edition, path, key, inputs), result) in todo.into_iter().zip(results) {
            let (made, took) = match result {
                Ok(made) => made,
                Err(Failure::Content(d)) => {
                    diags.extend(d);
                    continue;
                }
                Err(other) => {
                    stop = stop.or(Some(other));
                    continue;
                }
            };
            let output = edition.output();
            let langs = output.langs();
            // The preflight report is written even when it fails the edition: it says why.
            if let Err(failure) = self.write_report(langs, &made) {
                stop = stop.or(Some(failure));
            }
            if made.diagnostics.has_errors() {
                diags.extend(made.diagnostics);
                continue;
            }
            if let Some(lang) = langs.split(',').find(|l| failed.contains(*l)) {
                eprintln!("{langs:>4}  {:<5} {}  not written: the `{lang}` edition failed", output.kind(), shown(&output, &path));
                continue;
            }
            let digest = match self.write(&path, &made) {
                Ok(digest) => digest,
                Err(failure) => {
                    stop = stop.or(Some(failure));
                    continue;
                }
            };
            eprintln!("{langs:>4}  {:<5} {}  {}  {took:.1} s", output.kind(), shown(&output, &path), made.summary);
            if let (Some(key), Some(inputs)) = (key, inputs) {
                let warnings = made.diagnostics.iter().map(ToString::to_string).collect();
                let stamp = Stamp { inputs, output: digest, summary: made.summary.clone(), count: made.count, warnings };
                stamps.record(key, stamp);
                recorded = true;
            }
            rendered.push(Rendered { warnings: made.diagnostics, made: true });
        }
        if recorded {
            stamps.save(out)?;
        }
        if let Some(failure) = stop {
            return Err(failure);
        }
        if diags.has_errors() { Err(Failure::Content(diags)) } else { Ok(rendered) }
    }

    /// Makes the editions, within the schedule, and writes nothing: what each made and in
    /// how many seconds.
    fn make_each(&self, editions: &[&dyn Edition]) -> Vec<Result<(Made, f64), Failure>> {
        self.options.schedule.run(editions, |edition| self.estimate(*edition), |edition, lease| {
            let started = Instant::now();
            edition.make(self, lease).map(|made| (made, started.elapsed().as_secs_f64()))
        })
    }

    /// What each edition made, by its output, written nowhere (the pipeline in memory).
    #[cfg(test)]
    pub fn make_all(&self, editions: &[Box<dyn Edition + '_>]) -> Result<Vec<(Output, Made)>, Failure> {
        let editions: Vec<&dyn Edition> = editions.iter().map(|e| &**e).collect();
        editions.iter().zip(self.make_each(&editions)).map(|(e, made)| made.map(|(made, _)| (e.output(), made))).collect()
    }

    /// The fingerprint of what every edition of this run is made from: folio itself, the
    /// options, the build date, the project's model, layouts and fonts. `None` when it
    /// cannot be told (system fonts, or folio's own file unreadable): everything is made.
    fn shared_inputs(&self, stamps: &mut Stamps) -> Result<Option<String>, Failure> {
        let options = &self.options;
        if options.system_fonts || options.print.preflight_json.is_some() {
            return Ok(None);
        }
        let Some(folio) = std::env::current_exe().ok().and_then(|exe| stamps.digest_file(&exe).ok()) else {
            return Ok(None);
        };
        let mut fp = Fingerprint::new();
        fp.add("folio", folio.as_bytes());
        fp.add("options", format!("{:?} {:?} {:?} {:?}", options.standards, options.base_url, options.draft, options.print).as_bytes());
        fp.add("timestamp", format!("{:?}", self.timestamp).as_bytes());
        fp.add("languages", self.report_tags.join(",").as_bytes());
        // A file that cannot be read is reported by the stage that reads it, in its terms;
        // here it only means that what the outputs are made from cannot be told.
        for dir in ["report", "layouts", "fonts"] {
            if digest_folder(self.project, Path::new(dir), &mut fp).is_err() {
                return Ok(None);
            }
        }
        Ok(Some(fp.finish()))
    }

    fn estimate(&self, edition: &dyn Edition) -> u64 {
        let bytes = edition.estimate();
        let budget = self.options.schedule.budget;
        if bytes > budget {
            eprintln!(
                "{:>4}  note: its layout needs about {}, more than the memory budget of {}: laid out alone",
                edition.output().langs(),
                show_size(bytes),
                show_size(budget)
            );
        }
        bytes
    }

    /// Where an output goes.
    fn path(&self, output: &Output) -> PathBuf {
        let out = &self.options.out;
        let slug = &self.slug;
        let named = |lang: &str, layout: &Layout, ext: &str| {
            let edition = if layout.is(contract::REPORT) { String::new() } else { format!("-{}", layout.name) };
            out.join(format!("{slug}-{lang}{edition}.{ext}"))
        };
        match output {
            Output::Pdf { lang, layout } => named(lang, layout, "pdf"),
            Output::Page { lang, layout } => named(lang, layout, "html"),
            Output::Epub { lang } => out.join(format!("{slug}-{lang}.epub")),
            Output::Site { .. } => out.join(format!("{slug}-html")),
            Output::TypstSource { lang } => self.options.emit_typst.clone().unwrap_or_else(|| out.clone()).join(lang),
        }
    }

    /// Writes the preflight report, when asked for: `<stem>-<lang>.json` beside `--preflight-json`.
    fn write_report(&self, langs: &str, made: &Made) -> Result<(), Failure> {
        match (&made.preflight, &self.options.print.preflight_json) {
            (Some(bytes), Some(json)) => {
                let stem = json.file_stem().and_then(|s| s.to_str()).unwrap_or("preflight");
                files::write_atomic(&json.with_file_name(format!("{stem}-{langs}.json")), bytes)
            }
            _ => Ok(()),
        }
    }

    /// Writes what an edition made, atomically; returns the digest of what was written.
    fn write(&self, path: &Path, made: &Made) -> Result<String, Failure> {
        match &made.product {
            Product::File(bytes) => {
                files::write_atomic(path, bytes)?;
                Ok(digest_product(&[(String::new(), bytes)]))
            }
            Product::Folder(files) => {
                files::write_dir_atomic(path, files.iter().map(|(rel, bytes)| (rel.clone(), bytes.clone())))?;
                let mut sorted: Vec<(String, &[u8])> = files.iter().map(|(r, b)| (r.clone(), b.as_slice())).collect();
                sorted.sort_by(|a, b| a.0.cmp(&b.0));
                Ok(digest_product(&sorted))
            }
        }
    }

    /// A Typesetter for a layout, a language and inputs: the one kept from the last run when
    /// the session keeps them, so that Typst redoes only what changed.
    pub fn typesetter(&self, layout: &Layout, lang: &str, inputs: &[Input]) -> KeptTypesetter<'_, 'p> {
        let key = format!("{} {lang} {inputs:?} {:?}", layout.name, self.timestamp);
        let kept = self.kept.as_ref().and_then(|kept| kept.lock().unwrap_or_else(PoisonError::into_inner).remove(&key));
        let typesetter = kept.unwrap_or_else(|| Typesetter::new(self.project, self.fonts.clone(), layout, self.timestamp, inputs));
        KeptTypesetter { session: self, key, typesetter: Some(typesetter) }
    }

    /// The PDF of laid-out pages, with TrimBox and BleedBox when the layout declares a
    /// print geometry.
    pub fn pdf(&self, typesetter: &Typesetter, pages: &PagedDocument, doc: &Document, layout: &Layout) -> Result<Vec<u8>, Diagnostics> {
        let ident = format!("{}-{}-{}", doc.slug, doc.lang, layout.name);
        let bytes = export::pdf::export(typesetter, pages, &ident, self.timestamp, &self.options.standards)?;
        match Geometry::declared(pages) {
            Some(geometry) => set_page_boxes(&bytes, geometry).map_err(|d| Diagnostics(vec![d])),
            None => Ok(bytes),
        }
    }
}

/// A Typesetter lent by the session; given back when dropped if the session keeps them.
pub struct KeptTypesetter<'s, 'p> {
    session: &'s Session<'p>,
    key: String,
    typesetter: Option<Typesetter>,
}

impl std::ops::Deref for KeptTypesetter<'_, '_> {
    type Target = Typesetter;
    fn deref(&self) -> &Typesetter {
        self.typesetter.as_ref().expect("held until dropped")
    }
}

impl std::ops::DerefMut for KeptTypesetter<'_, '_> {
    fn deref_mut(&mut self) -> &mut Typesetter {
        self.typesetter.as_mut().expect("held until dropped")
    }
}

impl Drop for KeptTypesetter<'_, '_> {
    fn drop(&mut self) {
        if let (Some(kept), Some(typesetter)) = (&self.session.kept, self.typesetter.take()) {
            kept.lock().unwrap_or_else(PoisonError::into_inner).insert(std::mem::take(&mut self.key), typesetter);
        }
    }
}

/// A review needs a translation beside the source.
fn no_translation_to_review(source: &str) -> Failure {
    Failure::Usage(
        Diagnostic::error(format!("the review edition is a PDF or web page of a translation beside `{source}`"))
            .hint(format!("render it with --format pdf or html and --lang set to another language than `{source}`, e.g. --lang ru")),
    )
}

/// An output's path as the progress line shows it: a folder ends in `/`.
fn shown(output: &Output, path: &Path) -> String {
    match output {
        Output::Site { .. } | Output::TypstSource { .. } => format!("{}/", path.display()),
        _ => path.display().to_string(),
    }
}

/// An output's name in the stamps: its path inside the output folder (outputs elsewhere,
/// such as `--emit-typst`, are always made).
fn stamp_key(out: &Path, path: &Path) -> Option<String> {
    path.strip_prefix(out).ok().map(|rel| rel.to_string_lossy().replace('\\', "/"))
}

/// Renders what the options ask for, in one run.
pub fn render(project: &Project, options: &RenderOptions) -> Result<Vec<Rendered>, Failure> {
    let mut session = Session::open(project, options.clone())?;
    let loaded = session.load()?;
    let editions = session.editions(&loaded)?;
    session.run(&editions)
}

/// `--out` must be (or become) a directory; found before any work, not after the layout.
fn check_out_dir(out: &Path) -> Result<(), Failure> {
    match out.ancestors().find(|p| p.exists()) {
        Some(existing) if !existing.is_dir() => Err(Failure::Usage(
            Diagnostic::error(format!("--out {}: {} is not a directory", out.display(), existing.display()))
                .hint("give --out a directory (it is created if missing)"),
        )),
        _ => Ok(()),
    }
}
