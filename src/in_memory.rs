//! The whole pipeline on a project held in memory: the driver's load → resolve → lay out →
//! PDF, EPUB and web bytes, with nothing read from disk or written, and the same bytes as
//! from the project on disk.

use std::path::{Path, PathBuf};

use crate::diag::Failure;
use crate::layout::Layout;
use crate::project::{MemoryFiles, Project};
use crate::render::{Format, Output, PrintOptions, Product, RenderOptions, Session};
use crate::schedule::Schedule;

/// What the driver makes of a project, written nowhere: the zh PDF, EPUB and website.
fn editions(project: &Project) -> (Vec<u8>, Vec<u8>, Vec<(String, Vec<u8>)>) {
    let options = RenderOptions {
        langs: vec!["zh".to_string()],
        formats: vec![Format::Pdf, Format::Epub, Format::Html],
        layout: Layout::named("report"),
        out: PathBuf::from("out"),
        draft: false,
        standards: Vec::new(),
        system_fonts: false,
        print: PrintOptions { marks: true, trim: None, pad_to: 0, preflight_json: None, paper_thickness_mm: 0.1 },
        base_url: None,
        review_source: None,
        schedule: Schedule::automatic(),
        force: true,
        emit_typst: None,
    };
    let mut session = Session::open(project, options).unwrap_or_else(|f| panic!("the session opens: {}", shown(f)));
    let loaded = session.load().unwrap_or_else(|f| panic!("the project loads: {}", shown(f)));
    let editions = session.editions(&loaded).unwrap_or_else(|f| panic!("{}", shown(f)));
    let made = session.make_all(&editions).unwrap_or_else(|f| panic!("the editions are made: {}", shown(f)));
    let (mut pdf, mut epub, mut site) = (Vec::new(), Vec::new(), Vec::new());
    for (output, made) in made {
        match (output, made.product) {
            (Output::Pdf { .. }, Product::File(bytes)) => pdf = bytes,
            (Output::Epub { .. }, Product::File(bytes)) => epub = bytes,
            (Output::Site { .. }, Product::Folder(files)) => site = files,
            (other, _) => panic!("unexpected {other:?}"),
        }
    }
    (pdf, epub, site)
}

fn shown(failure: Failure) -> String {
    failure.into_diagnostics().iter().map(ToString::to_string).collect()
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
