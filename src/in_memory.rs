//! The whole pipeline on a project held in memory: load → resolve → lay out → PDF, EPUB and
//! web bytes, with nothing read from disk, and the same bytes as from the project on disk.

use std::path::Path;
use std::sync::Arc;

use typst::foundations::Datetime;

use crate::diag::{Diagnostics, Failure};
use crate::document::{self, Document};
use crate::export;
use crate::i18n::Catalog;
use crate::layout::world::Fonts;
use crate::layout::{Layout, Typesetter};
use crate::model;
use crate::project::{MemoryFiles, Project};

/// What the pipeline makes of a project: the PDF, the EPUB and the web edition's files.
fn editions(project: &Project) -> (Vec<u8>, Vec<u8>, Vec<(String, Vec<u8>)>) {
    let report = model::load(project).unwrap_or_else(|f| panic!("the model loads: {}", shown(f)));
    let (catalog, problems) = Catalog::load(project, "zh").expect("a zh bundle");
    assert!(problems.is_empty(), "{problems:?}");
    let doc: Document = document::resolve(&report, &catalog, None).expect("the document resolves");
    let fonts = Arc::new(Fonts::load(project, false).expect("the fonts load"));
    assert!(!fonts.is_empty(), "the project's fonts are found");
    let timestamp = Datetime::from_ymd(2024, 5, 1).expect("a date");

    let layout = Layout { name: "report".to_string() };
    let mut typesetter = Typesetter::new(project, fonts.clone(), &layout, timestamp, &[]);
    let (pages, _) = typesetter.typeset(&doc).expect("the document is laid out");
    let pdf = export::pdf::export(&typesetter, &pages, "memory-zh", timestamp, &[]).expect("a PDF");

    let report_tags = report.meta.all_language_tags();
    let edition = export::epub::Edition { project, doc: &doc, fonts: &fonts, timestamp, report_tags: report_tags.clone() };
    let (epub, _) = export::epub::export(&edition).expect("an EPUB");

    let docs = std::slice::from_ref(&doc);
    let site = export::html::Site { project, docs, fonts: &fonts, timestamp, base_url: None, report_tags };
    let (files, _) = export::html::export(&site).expect("a website");
    (pdf, epub, files.into_iter().map(|f| (f.path, f.bytes)).collect())
}

fn shown(failure: Failure) -> String {
    let diags = match failure {
        Failure::Content(d) => d,
        Failure::Io(d) => Diagnostics(vec![d]),
    };
    diags.iter().map(ToString::to_string).collect()
}

/// A copy of the folder `from` at `to` (hard links where the file system allows).
fn copy_into(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a folder to copy") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_into(&entry.path(), &target);
        } else if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

#[test]
fn the_pipeline_runs_on_a_project_in_memory() {
    // The fixture with an image, a table and a chart, made renderable: layouts and fonts.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("a temporary directory");
    copy_into(&repo.join("tests/fixtures/minimal"), dir.path());
    for part in ["layouts", "fonts"] {
        copy_into(&repo.join(part), &dir.path().join(part));
    }
    let files = MemoryFiles::from_dir(dir.path()).expect("the project's files");
    let on_disk = editions(&Project::open(dir.path()).expect("a project on disk"));
    // Gone from disk: the run in memory cannot read anything there.
    drop(dir);

    let in_memory = editions(&Project::in_memory(files).expect("a project in memory"));
    let (pdf, epub, site) = &in_memory;
    assert!(pdf.starts_with(b"%PDF-") && epub.starts_with(b"PK"), "a PDF and an EPUB");
    assert!(site.iter().any(|(path, _)| path == "zh/index.html"), "the web edition's front page");
    assert!(site.iter().any(|(path, _)| path.starts_with("zh/fonts/")), "the web fonts, subset from memory");
    assert!(on_disk == in_memory, "the same bytes from disk and from memory");
}
