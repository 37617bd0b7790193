//! The bodies of the fuzz targets (fuzz/fuzz_targets/*.rs are one line each): every stage
//! given arbitrary bytes must end in diagnostics, never in a panic. They are part of the
//! library so that `cargo test` runs the seed corpus (fuzz/corpus/<target>/) through the
//! same code on every commit, without libFuzzer; see fuzz/README.md.

use std::collections::HashSet;
use std::hint::black_box;
use std::path::Path;
use std::sync::OnceLock;

use fluent_bundle::FluentArgs;

use crate::diag::{Diagnostics, utf8_text};
use crate::document::{self, BlockBody, Document};
use crate::export::markup::blocks::{self, ChartArt, Flavor, Picture};
use crate::export::markup::script::ForeignTags;
use crate::i18n::lint::{self, Context, Parsed};
use crate::i18n::lock::Lock;
use crate::i18n::{Catalog, FtlFile};
use crate::model::{self, Report};
use crate::project::{MemoryFiles, Project};

/// The project the model and resolve targets put their input into (a copy in memory per
/// input): the loader follows the model's paths to chapters, tables, charts and images and
/// confines them to the project, so it is fuzzed through a whole project.
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal");

/// The fixture's files an input can replace, by the name on the input's first line
/// (`table`, then the table's TOML). An input that starts with no such name replaces the
/// first file, whole.
const MODEL_FILES: &[(&str, &str)] = &[
    ("chapter", "report/chapters/01-only.toml"),
    ("report", "report/report.toml"),
    ("table", "report/tables/numbers.toml"),
    ("chart", "report/charts/bars.toml"),
];
const RESOLVE_FILES: &[(&str, &str)] = &[
    ("text", "locales/zh/01-only.ftl"),
    ("labels", "locales/zh/labels.ftl"),
    ("chapter", "report/chapters/01-only.toml"),
    ("report", "report/report.toml"),
    ("table", "report/tables/numbers.toml"),
    ("chart", "report/charts/bars.toml"),
];

/// Fluent bundle loading as `folio check` does it: the bytes are one .ftl file, loaded into
/// a catalog, linted as a source bundle and as a translation of the fixture's bundle, and
/// each message formatted with the arguments the model passes.
pub fn fluent(data: &[u8]) {
    // The language varies with the input so that each locale's plural rules and number
    // formats are reached.
    let lang = ["zh", "en", "ru"][data.len() % 3];
    let path = Path::new("locales").join(lang).join("fuzz.ftl");
    let (text, not_utf8) = utf8_text(&path, data.to_vec());
    let mut diags = Diagnostics(not_utf8.into_iter().collect());
    let (catalog, found) = Catalog::from_files(lang, vec![FtlFile { path, text }]).expect("the language tags are valid");
    diags.extend(found);

    let parsed = Parsed::new(&catalog);
    let source = Parsed::new(fixture_bundle());
    let footnotes = HashSet::from(["ch01-note-source".to_string()]);
    let lock = Lock::default();
    for compared in [None, Some(&source)] {
        let found = lint::lint(&parsed, &Context { source: compared, lock: &lock, footnotes: &footnotes });
        diags.extend(found.diags);
        diags.extend(found.untranslated);
    }

    let mut args = FluentArgs::new();
    args.set("number", 2);
    args.set("n", 3);
    args.set("year", 2024);
    args.set("month", 12);
    args.set("url", "https://example.org/");
    args.set("ch01-note-source", "\u{E000}0\u{E001}");
    for id in catalog.entries.keys() {
        black_box(catalog.format(id, Some(&args)).unwrap_or_else(|(partial, _)| partial));
        black_box(catalog.locate(id));
    }
    show(&diags);
}

/// What a CAT tool returns: the input is read as XLIFF and as TMX; every target is checked
/// as a unit's translation, and one that passes must come back from Fluent as it went in.
pub fn xliff(data: &[u8]) {
    use crate::exchange::segment::{Piece, Segment, parse_value};
    use crate::exchange::{State, Unit, tmx, xliff};
    let Ok(text) = std::str::from_utf8(data) else { return };
    let piece = |p: &str| match p.strip_prefix('{') {
        Some(_) => Piece::Code(p.to_string()),
        None => Piece::Text(p.to_string()),
    };
    let unit = Unit {
        message: "m".into(),
        attribute: None,
        variant: None,
        source: Segment(["中国", "{ $url }", "和", "{ -term }", "。"].map(piece).to_vec()),
        target: Some(Segment(["Китай ", "{ $url }", " ", "{ NUMBER(1.5) }"].map(piece).to_vec())),
        state: State::Translated,
        outdated: false,
        notes: Vec::new(),
        codes: ["{ $url }", "{ -term }", "{ NUMBER(1.5) }"].map(str::to_string).to_vec(),
    };
    if let Ok(returned) = xliff::read(text) {
        for target in returned.files.iter().flat_map(|f| &f.units).filter_map(|u| u.target.as_ref()) {
            if let Ok(segment) = unit.returned(target) {
                let value = segment.to_fluent();
                assert_eq!(parse_value(&value), Some(segment), "the Fluent written: {value:?}");
            }
        }
    }
    black_box(tmx::read(text, "zh", "ru").ok());
}

/// The model loader: the input replaces one model file of the fixture project.
pub fn model(data: &[u8]) {
    with_project(data, MODEL_FILES, |project| match model::load(project) {
        Ok(report) => show(&model::check_image_data(project, &report)),
        Err(failure) => show_failure(failure),
    });
}

/// Resolve: the input replaces one of the fixture's model files or its Chinese bundle;
/// a project that loads is resolved and its document serialized as the layouts get it.
pub fn resolve(data: &[u8]) {
    with_project(data, RESOLVE_FILES, |project| {
        let report = match model::load(project) {
            Ok(report) => report,
            Err(failure) => return show_failure(failure),
        };
        let (catalog, diags) = match Catalog::load(project, "zh") {
            Ok(loaded) => loaded,
            Err(d) => return show(&Diagnostics(vec![d])),
        };
        show(&diags);
        match document::resolve(&report, &catalog, None) {
            Ok(doc) => {
                black_box(serde_json::to_string(&doc).expect("a document serializes"));
            }
            Err(diags) => show(&diags),
        }
    });
}

/// The EPUB writer: a document whose text comes from the input (as a Fluent file that
/// replaces the fixture's chapter bundle) is written as the EPUB's content documents and
/// package, and each must be well-formed XML whatever the text holds.
pub fn epub(data: &[u8]) {
    let Some(doc) = fuzzed_document(data) else { return };
    let ctx = fuzzed_context(&doc, Flavor::Epub);
    let documents = crate::export::epub::content_documents(&ctx);
    let manifest: Vec<crate::export::epub::Item> = documents
        .iter()
        .map(|d| crate::export::epub::Item {
            id: d.id.clone(),
            href: d.href.clone(),
            media_type: "application/xhtml+xml",
            properties: d.properties,
            in_spine: true,
        })
        .collect();
    for d in &documents {
        assert_well_formed(&d.href, &d.bytes);
    }
    let timestamp = typst::foundations::Datetime::from_ymd(2024, 5, 1).expect("a date");
    assert_well_formed("package.opf", &crate::export::epub::package_document(&doc, &manifest, timestamp));
}

/// The web edition's writer: as [`epub`], for the front page and the chapter pages (HTML 5
/// in its XML form) and the search index, which must stay one JavaScript statement.
pub fn html(data: &[u8]) {
    let Some(doc) = fuzzed_document(data) else { return };
    let ctx = fuzzed_context(&doc, Flavor::Html);
    let docs = std::slice::from_ref(&doc);
    let fonts = std::sync::Arc::new(crate::layout::world::Fonts::load(fixture_project(), false).expect("the fixture's fonts"));
    let site = crate::export::html::Site {
        project: fixture_project(),
        docs,
        fonts: &fonts,
        timestamp: typst::foundations::Datetime::from_ymd(2024, 5, 1).expect("a date"),
        base_url: Some("https://example.org/report/".to_string()),
        report_tags: vec!["zh".to_string(), "ru".to_string(), "en".to_string()],
    };
    for page in crate::export::html::pages(&site, &ctx) {
        assert_well_formed(&page.path, &page.bytes);
    }
    let index = String::from_utf8(crate::export::html::search_index(&doc)).expect("the index is UTF-8");
    let json = index
        .strip_prefix("window.folioSearch = ")
        .and_then(|rest| rest.strip_suffix(";\n"))
        .expect("the index is one assignment");
    assert!(!json.contains("</"), "the index could end an inline script");
    serde_json::from_str::<serde_json::Value>(json).expect("the index is JSON");
}

/// The importer: the input is a Word document when it starts like a zip archive, else
/// Markdown. Whatever the input, the conversion ends in diagnostics or in project files
/// that parse: every TOML file as TOML, every bundle as Fluent without errors (what the
/// importer writes from the document's text is escaped).
pub fn import(data: &[u8]) {
    let name = if data.starts_with(b"PK") { "report.docx" } else { "report.md" };
    let lang = ["zh", "en", "ru"][data.len() % 3];
    let files = match crate::import::converted_files(Path::new(name), data.to_vec(), lang) {
        Ok(files) => files,
        Err(failure) => return show_failure(failure),
    };
    for (path, bytes) in files {
        if path.ends_with(".toml") {
            let text = std::str::from_utf8(&bytes).expect("TOML is written as UTF-8");
            if let Err(e) = text.parse::<toml::Table>() {
                panic!("{path} is not TOML: {e}\n{text}");
            }
        } else if path.ends_with(".ftl") {
            let text = std::str::from_utf8(&bytes).expect("a bundle is written as UTF-8");
            if let Err((_, errors)) = fluent_syntax::parser::parse(text) {
                panic!("{path} does not parse: {errors:?}\n{text}");
            }
        }
    }
}

/// The fixture's document with the input as its chapter bundle, in a language the input's
/// length picks; what the input leaves out comes from the fixture's Chinese bundle.
fn fuzzed_document(data: &[u8]) -> Option<Document> {
    let lang = ["zh", "en", "ru"][data.len() % 3];
    let path = Path::new("locales").join(lang).join("01-only.ftl");
    let (text, _) = utf8_text(&path, data.to_vec());
    let labels = fixture_project().read_text("locales/zh/labels.ftl").expect("the fixture's labels");
    let files = vec![FtlFile { path, text }, FtlFile { path: Path::new("locales").join(lang).join("labels.ftl"), text: labels }];
    let (catalog, _) = Catalog::from_files(lang, files).expect("the language tags are valid");
    document::resolve(fixture_report(), &catalog, Some(fixture_bundle())).ok()
}

/// What the writers get besides the document: drawings for the charts (a file in the
/// EPUB, inline SVG on the web), and a picture for each figure.
fn fuzzed_context(doc: &Document, flavor: Flavor) -> blocks::Context<'_> {
    let charts = doc
        .blocks()
        .filter_map(|b| match &b.body {
            BlockBody::Chart(chart) => Some(chart.number.clone()),
            _ => None,
        })
        .map(|number| {
            let art = match flavor {
                Flavor::Epub => ChartArt::File(Picture { href: format!("charts/{number}.svg"), width: 400, height: 300 }),
                Flavor::Html => ChartArt::Inline("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_string()),
            };
            (number, art)
        })
        .collect();
    let images = doc
        .figure_images()
        .map(|image| (image.to_string(), Picture { href: format!("images{image}"), width: 640, height: 480 }))
        .collect();
    let tags = ["zh", "ru", "en"].map(String::from);
    blocks::Context { doc, flavor, images, charts, cover: None, foreign: ForeignTags::new(&doc.lang_tag, &tags), terms: None }
}

/// The writer's output parses as XML to its end, with every element closed.
fn assert_well_formed(name: &str, bytes: &[u8]) {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut depth = 0usize;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed at byte {}: {e}", reader.error_position()),
        }
        buf.clear();
    }
    assert_eq!(depth, 0, "{name} leaves elements open");
}

/// The fixture's files, read from disk once.
fn fixture_files() -> &'static MemoryFiles {
    static FILES: OnceLock<MemoryFiles> = OnceLock::new();
    FILES.get_or_init(|| MemoryFiles::from_dir(Path::new(FIXTURE)).expect("the fixture is readable"))
}

fn fixture_project() -> &'static Project {
    static PROJECT: OnceLock<Project> = OnceLock::new();
    PROJECT.get_or_init(|| Project::in_memory(fixture_files().clone()).expect("the fixture is a project"))
}

fn fixture_report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| model::load(fixture_project()).unwrap_or_else(|_| panic!("the fixture loads")))
}

/// Formats the diagnostics as `folio check` prints them, in text and JSON.
fn show(diags: &Diagnostics) {
    for d in diags.iter() {
        black_box(d.to_string());
    }
    black_box(serde_json::to_string(&diags.0).expect("diagnostics serialize"));
}

fn show_failure(failure: crate::diag::Failure) {
    show(&failure.into_diagnostics());
}

/// The fixture's Chinese bundle, the source a fuzzed translation is compared with.
fn fixture_bundle() -> &'static Catalog {
    static BUNDLE: OnceLock<Catalog> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let (catalog, diags) = Catalog::load(fixture_project(), "zh").expect("the fixture has a zh bundle");
        assert!(diags.is_empty(), "the fixture's bundle is clean");
        catalog
    })
}

/// Runs `stage` on a copy of the fixture project in which the file named on the input's
/// first line (see [`MODEL_FILES`]) holds the rest of the input.
fn with_project(data: &[u8], files: &[(&str, &str)], stage: impl FnOnce(&Project)) {
    let (name, rest) = match data.iter().position(|&b| b == b'\n') {
        Some(end) => (&data[..end], &data[end + 1..]),
        None => (data, &[][..]),
    };
    let (file, contents) = match files.iter().find(|(n, _)| n.as_bytes() == name) {
        Some((_, file)) => (file, rest),
        None => (&files[0].1, data),
    };
    let mut copy = fixture_files().clone();
    copy.insert(*file, contents);
    let project = Project::in_memory(copy).expect("the copy is a project");
    stage(&project);
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    const FUZZ_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz");

    /// The fuzz targets by name, as in fuzz/Cargo.toml and fuzz/corpus/.
    const TARGETS: &[(&str, fn(&[u8]))] =
        &[("fluent", fluent), ("model", model), ("resolve", resolve), ("import", import), ("epub", epub), ("html", html), ("xliff", xliff)];

    /// What `cargo fuzz run <target>` starts from, run without libFuzzer: the seeds and
    /// every crash found so far must pass through the stage without a panic.
    #[test]
    fn seed_corpus_passes_through_every_target() {
        for (name, target) in TARGETS {
            let dir = Path::new(FUZZ_DIR).join("corpus").join(name);
            let mut seeds: Vec<PathBuf> =
                std::fs::read_dir(&dir).expect("a seed corpus per target").flatten().map(|e| e.path()).collect();
            seeds.sort();
            assert!(!seeds.is_empty(), "{} has seeds", dir.display());
            for seed in seeds {
                let data = std::fs::read(&seed).expect("a seed is readable");
                let outcome = std::panic::catch_unwind(|| target(&data));
                assert!(outcome.is_ok(), "{name} panics on {}", seed.display());
            }
        }
    }

    /// The fuzz crate's targets are the one-line wrappers of [`TARGETS`]: CI does not build
    /// them (that needs cargo-fuzz and nightly flags), so their names are checked here.
    #[test]
    fn each_fuzz_target_calls_its_body() {
        let manifest = std::fs::read_to_string(Path::new(FUZZ_DIR).join("Cargo.toml")).expect("fuzz/Cargo.toml");
        for (name, _) in TARGETS {
            assert!(manifest.contains(&format!("name = \"{name}\"")), "fuzz/Cargo.toml declares `{name}`");
            let path = Path::new(FUZZ_DIR).join("fuzz_targets").join(format!("{name}.rs"));
            let source = std::fs::read_to_string(&path).expect("a file per fuzz target");
            assert!(source.contains(&format!("folio::fuzz::{name}(data)")), "{} calls folio::fuzz::{name}", path.display());
        }
    }

    /// The writers' targets reach the writers: the seeds resolve to documents, and the
    /// metacharacters of the input arrive in them as text.
    #[test]
    fn writer_targets_write_the_input() {
        let seed = std::fs::read(Path::new(FUZZ_DIR).join("corpus/epub/text-metachars.ftl")).expect("a seed");
        let doc = fuzzed_document(&seed).expect("the seed resolves");
        let page = crate::export::epub::content_documents(&fuzzed_context(&doc, Flavor::Epub)).pop().expect("a page");
        let text = String::from_utf8(page.bytes).expect("UTF-8");
        assert!(text.contains("&lt;") && text.contains("&amp;"), "{text}");
    }

    #[test]
    fn markup_that_is_not_well_formed_is_caught() {
        assert_well_formed("ok", b"<p>&lt;b&gt;</p>");
        for broken in [&b"<p>a"[..], b"<p><b></p></b>", b"<p a=\"1></p>"] {
            assert!(std::panic::catch_unwind(|| assert_well_formed("broken", broken)).is_err(), "{}", String::from_utf8_lossy(broken));
        }
    }

    #[test]
    fn the_first_line_picks_the_file() {
        let read = |data: &[u8], file: &str| {
            let mut found = Vec::new();
            with_project(data, MODEL_FILES, |p| found = p.read(file).expect("the file").to_vec());
            found
        };
        assert_eq!(read(b"table\nrows = []", "report/tables/numbers.toml"), b"rows = []");
        assert_eq!(read(b"number = 1", "report/chapters/01-only.toml"), b"number = 1");
    }
}
