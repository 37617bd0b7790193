//! The bodies of the fuzz targets (fuzz/fuzz_targets/*.rs are one line each): every stage
//! given arbitrary bytes must end in diagnostics, never in a panic. They are part of the
//! library so that `cargo test` runs the seed corpus (fuzz/corpus/<target>/) through the
//! same code on every commit, without libFuzzer; see fuzz/README.md.

use std::collections::HashSet;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fluent_bundle::FluentArgs;

use crate::diag::{Diagnostics, utf8_text};
use crate::document;
use crate::i18n::lint::{self, Context, Parsed};
use crate::i18n::lock::Lock;
use crate::i18n::{Catalog, FtlFile};
use crate::model;
use crate::project::Project;

/// The project the model and resolve targets write their input into (a fresh copy per
/// input): the loader follows the model's paths to chapters, tables, charts and images on
/// disk and confines them to the project, so it is fuzzed through a real project.
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
        diags.extend(lint::lint(&parsed, &Context { source: compared, lock: &lock, footnotes: &footnotes }).diags);
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

/// Formats the diagnostics as `folio check` prints them, in text and JSON.
fn show(diags: &Diagnostics) {
    for d in diags.iter() {
        black_box(d.to_string());
    }
    black_box(serde_json::to_string(&diags.0).expect("diagnostics serialize"));
}

fn show_failure(failure: crate::diag::Failure) {
    match failure {
        crate::diag::Failure::Content(diags) => show(&diags),
        crate::diag::Failure::Io(d) => show(&Diagnostics(vec![d])),
    }
}

/// The fixture's Chinese bundle, the source a fuzzed translation is compared with.
fn fixture_bundle() -> &'static Catalog {
    static BUNDLE: OnceLock<Catalog> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let project = Project::open(Path::new(FIXTURE)).expect("the fixture is a project");
        let (catalog, diags) = Catalog::load(&project, "zh").expect("the fixture has a zh bundle");
        assert!(diags.is_empty(), "the fixture's bundle is clean");
        catalog
    })
}

/// Runs `stage` on a fresh copy of the fixture project in which the file named on the
/// input's first line (see [`MODEL_FILES`]) holds the rest of the input.
fn with_project(data: &[u8], files: &[(&str, &str)], stage: impl FnOnce(&Project)) {
    let (name, rest) = match data.iter().position(|&b| b == b'\n') {
        Some(end) => (&data[..end], &data[end + 1..]),
        None => (data, &[][..]),
    };
    let (file, contents) = match files.iter().find(|(n, _)| n.as_bytes() == name) {
        Some((_, file)) => (file, rest),
        None => (&files[0].1, data),
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    copy_dir(Path::new(FIXTURE), dir.path());
    std::fs::write(dir.path().join(file), contents).expect("the input is written into the project");
    let project = Project::open(dir.path()).expect("the copy is a project");
    stage(&project);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a directory in the copy");
    for entry in std::fs::read_dir(from).expect("the fixture is readable").flatten() {
        let target: PathBuf = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a fixture file is copied");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FUZZ_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz");

    /// The fuzz targets by name, as in fuzz/Cargo.toml and fuzz/corpus/.
    const TARGETS: &[(&str, fn(&[u8]))] = &[("fluent", fluent), ("model", model), ("resolve", resolve)];

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

    #[test]
    fn the_first_line_picks_the_file() {
        let read = |data: &[u8], file: &str| {
            let mut found = Vec::new();
            with_project(data, MODEL_FILES, |p| found = std::fs::read(p.root.join(file)).expect("the file"));
            found
        };
        assert_eq!(read(b"table\nrows = []", "report/tables/numbers.toml"), b"rows = []");
        assert_eq!(read(b"number = 1", "report/chapters/01-only.toml"), b"number = 1");
    }
}
