//! Robustness (issue 10) beyond the one-fault fixtures of tests/invalid_fixtures.rs: damaged
//! images met by the layout, links out of the project, and renders that fail or are
//! interrupted half-way, which must leave the earlier outputs as they were and no `.part`
//! files behind.

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use common::Fonts;

/// A file of an output directory as a later run must leave it (or rewrite it identically).
#[derive(Debug, PartialEq)]
struct Written {
    bytes: Vec<u8>,
    modified: SystemTime,
    inode: u64,
}

fn snapshot(dir: &Path) -> BTreeMap<String, Written> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter(|entry| entry.as_ref().is_ok_and(|e| e.file_name() != common::STAMPS))
        .map(|entry| {
            let entry = entry.expect("a directory entry");
            let meta = entry.metadata().expect("metadata");
            let written = Written {
                bytes: std::fs::read(entry.path()).expect("an output is readable"),
                modified: meta.modified().expect("a modification time"),
                inode: meta.ino(),
            };
            (entry.file_name().to_string_lossy().into_owned(), written)
        })
        .collect()
}

/// Temporary files `write_atomic` left behind.
fn part_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| is_part_file(p)).collect())
        .unwrap_or_default()
}

fn is_part_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".folio-") && n.ends_with(".part"))
}

fn render(project: &Path, out: &Path, langs: &str, formats: &str) -> common::Run {
    let out = out.to_str().expect("a UTF-8 path");
    // --force: every run writes its outputs again, even those whose inputs did not change.
    let run = common::folio(project, &["render", "--lang", langs, "--format", formats, "--out", out, "--force"]);
    assert!(!run.stderr.contains("panicked"), "folio panicked:\n{}", run.stderr);
    run
}

fn edit(file: &Path, old: &str, new: &str) {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert!(text.contains(old), "{} has no `{old}`", file.display());
    std::fs::write(file, text.replacen(old, new, 1)).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
}

fn symlink(original: &Path, link: &Path) {
    std::os::unix::fs::symlink(original, link).unwrap_or_else(|e| panic!("{}: {e}", link.display()));
}

#[test]
fn damaged_image_is_named_by_the_render() {
    // The header is sound, so only the layout's decoder meets the damage; the message must
    // name the image, not the template line that placed it.
    let project = common::renderable("invalid-image-truncated", Fonts::All);
    let out = project.path().join("out");
    let run = render(project.path(), &out, "zh", "pdf,epub");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("report/images/photo.png: error: this image is damaged or truncated: unexpected end of file"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(".typ"), "the error points at a layout:\n{}", run.stderr);
    assert!(!out.exists(), "a failed render wrote {}", out.display());
}

#[test]
fn decompression_bomb_is_refused_from_its_header() {
    // 100000 × 100000 RGB pixels would need 30 GB: decoding it would not finish here.
    let project = common::renderable("invalid-image-too-large", Fonts::All);
    let out = project.path().join("out");
    let out_arg = out.to_str().expect("a UTF-8 path");
    for args in [&["check", "--lang", "zh"][..], &["render", "--lang", "zh", "--format", "pdf,epub", "--out", out_arg]] {
        let started = Instant::now();
        let run = common::folio(project.path(), args);
        let took = started.elapsed();
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("is 100000 × 100000 px, larger than folio accepts"), "{}", run.stderr);
        assert!(took < Duration::from_secs(5), "{args:?} took {took:?}");
    }
    assert!(!out.exists());
}

#[test]
fn links_out_of_the_project_are_refused() {
    let outside = tempfile::tempdir().expect("a temporary directory");
    std::fs::copy(common::fixture("minimal/report/images/photo.png"), outside.path().join("photo.png"))
        .expect("an image outside the project");
    let project = common::renderable("minimal", Fonts::All);
    let images = project.path().join("report/images");

    // A linked file, then a linked directory: both lead outside, whatever they hold.
    std::fs::remove_file(images.join("photo.png")).expect("photo.png is removed");
    symlink(Path::new("/etc/passwd"), &images.join("photo.png"));
    let run = common::folio(project.path(), &["check", "--lang", "zh"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: path `report/images/photo.png` is a link to a place outside the project"),
        "{}",
        run.stderr
    );
    std::fs::remove_dir_all(&images).expect("images/ is removed");
    symlink(outside.path(), &images);
    let run = common::folio(project.path(), &["check", "--lang", "zh"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("is a link to a place outside the project"), "{}", run.stderr);
}

#[test]
fn layouts_out_of_the_project_are_refused() {
    let outside = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(outside.path().join("evil.typ"), "#read(\"/report/report.toml\")\n").expect("a layout outside");
    let project = common::renderable("minimal", Fonts::All);
    let out = project.path().join("out");
    let out_arg = out.to_str().expect("a UTF-8 path");

    // A layout is a name, never a path.
    let escape = outside.path().join("evil").to_string_lossy().into_owned();
    for name in ["../../evil", escape.as_str(), ".hidden"] {
        let run = common::folio(project.path(), &["render", "--lang", "zh", "--layout", name, "--out", out_arg]);
        assert_eq!(run.code, 2, "--layout {name}: {}", run.stderr);
        assert!(run.stderr.contains(&format!("error: `{name}` is not a layout name")), "{}", run.stderr);
    }
    // A layout linked from outside is not read through the link.
    symlink(&outside.path().join("evil.typ"), &project.path().join("layouts/evil.typ"));
    let run = common::folio(project.path(), &["render", "--lang", "zh", "--layout", "evil", "--out", out_arg]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("/layouts/evil.typ leads outside the project"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn out_must_be_a_directory() {
    let project = common::renderable("minimal", Fonts::All);
    let file = project.path().join("out.pdf");
    std::fs::write(&file, b"not folio's").expect("a file");
    for out in [file.clone(), file.join("sub")] {
        let run = render(project.path(), &out, "zh", "pdf");
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("is not a directory"), "{}", run.stderr);
    }
    assert_eq!(std::fs::read(&file).expect("the file is still there"), b"not folio's");
}

/// An output that cannot be written in the middle of a render is an I/O error (exit 2),
/// named by its path, and the EPUB already laid out is not left half-written.
#[test]
fn output_that_cannot_be_written_exits_2() {
    let project = common::renderable("minimal", Fonts::All);
    let out = project.path().join("out");
    // A directory where the PDF goes: the rename onto it fails after the layout.
    std::fs::create_dir_all(out.join("minimal-zh.pdf/kept")).expect("a directory");
    let run = render(project.path(), &out, "zh", "pdf,epub");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("minimal-zh.pdf: "), "{}", run.stderr);
    assert!(out.join("minimal-zh.pdf/kept").is_dir());
    assert!(part_files(&out).is_empty(), "{:?}", part_files(&out));
}

/// `--lang all`: every language is resolved before any is laid out, so a broken message in
/// the third language stops the run before anything is written.
#[test]
fn broken_message_in_the_third_language_writes_nothing() {
    let project = common::renderable("three-languages", Fonts::All);
    let out = project.path().join("out");
    let first = render(project.path(), &out, "all", "pdf,epub");
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = snapshot(&out);
    assert_eq!(before.len(), 6, "{:?}", before.keys());

    edit(&project.path().join("locales/ru/01-only.ftl"), "ch01-body = Основной абзац.", "ch01-body = Основной { $year } абзац.");
    let run = render(project.path(), &out, "all", "pdf,epub");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("locales/ru/01-only.ftl:12:1: error: in `ch01-body`: Unknown variable: $year"), "{}", run.stderr);
    assert!(snapshot(&out) == before, "the outputs changed");
    assert!(part_files(&out).is_empty(), "{:?}", part_files(&out));
}

/// A language that fails only in the layout keeps its previous files; the others are
/// written, each file whole.
#[test]
fn language_failing_in_the_layout_keeps_its_previous_files() {
    let project = common::renderable("three-languages", Fonts::All);
    let out = project.path().join("out");
    assert_eq!(render(project.path(), &out, "all", "pdf,epub").code, 0);
    let before = snapshot(&out);

    // Ethiopic: no font of the project has it, so the ru edition fails its glyph check.
    edit(&project.path().join("locales/ru/01-only.ftl"), "ch01-body = Основной абзац.", "ch01-body = Основной абзац ሀ.");
    let run = render(project.path(), &out, "all", "pdf,epub");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("of the `ru` edition: ሀ"), "{}", run.stderr);
    let after = snapshot(&out);
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>());
    for (name, old) in &before {
        let new = &after[name];
        if name.contains("-ru.") {
            assert!(new == old, "{name} was touched");
        } else {
            assert_ne!(new.inode, old.inode, "{name} was not written again");
            assert!(new.bytes == old.bytes, "{name} differs from the same render before");
        }
    }
    assert!(part_files(&out).is_empty(), "{:?}", part_files(&out));
}

/// Ctrl-C in the middle of `render --lang all --format pdf,epub` of the real report: exit
/// code 130, no `.part` file, and every output either the previous file or a whole new one
/// (renders are reproducible, so both have the same bytes).
#[test]
fn interrupted_render_leaves_whole_files_only() {
    let out = tempfile::tempdir().expect("a temporary directory");
    let out_arg = out.path().to_str().expect("a UTF-8 path");
    let args = ["render", "--lang", "all", "--format", "pdf,epub", "--out", out_arg, "--force"];
    let first = common::folio(common::repo(), &args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = snapshot(out.path());

    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--project")
        .arg(common::repo())
        .args(args)
        .stderr(Stdio::piped())
        .spawn()
        .expect("folio starts");
    // Interrupt at the first sign of writing: a temporary file, or an output replaced.
    let started = Instant::now();
    loop {
        let entries: Vec<PathBuf> = std::fs::read_dir(out.path()).expect("out/").flatten().map(|e| e.path()).collect();
        let writing = entries.iter().any(|p| is_part_file(p))
            || before.iter().any(|(name, old)| {
                std::fs::metadata(out.path().join(name)).is_ok_and(|m| m.ino() != old.inode)
            });
        if writing {
            break;
        }
        assert!(child.try_wait().expect("the render's state").is_none(), "the render ended before it wrote anything");
        assert!(started.elapsed() < Duration::from_secs(120), "the render wrote nothing in two minutes");
        std::thread::sleep(Duration::from_micros(200));
    }
    let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill runs");
    assert!(kill.success());
    let output = child.wait_with_output().expect("the render ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");

    assert!(part_files(out.path()).is_empty(), "{:?}", part_files(out.path()));
    let after = snapshot(out.path());
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>());
    for (name, old) in &before {
        assert!(after[name].bytes == old.bytes, "{name} is not a whole output");
    }
}

/// `--max-memory` below one language's estimate lays each language out alone, says so, and
/// still writes every edition; `--jobs 0` and a size without a number are usage errors.
#[test]
fn memory_budget_and_jobs() {
    let project = common::renderable("three-languages", Fonts::All);
    let out = project.path().join("out");
    let out_arg = out.to_str().expect("a UTF-8 path");
    let run = common::folio(project.path(), &["render", "--lang", "all", "--out", out_arg, "--jobs", "2", "--max-memory", "1M"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.matches("more than the memory budget of 1 MB: laid out alone").count(), 3, "{}", run.stderr);
    assert_eq!(snapshot(&out).len(), 3, "{:?}", snapshot(&out).keys());

    let run = common::folio(project.path(), &["render", "--out", out_arg, "--jobs", "0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--jobs 0"), "{}", run.stderr);
    let run = common::folio(project.path(), &["render", "--out", out_arg, "--max-memory", "lots"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`lots` is not a size such as 800M or 1.5G"), "{}", run.stderr);
}

#[test]
fn a_layout_that_never_settles_is_written_with_a_warning() {
    // Two pages when the last pass had an odd number, one when even: Typst's passes never
    // agree. folio's compile loop stops after five, as Typst does, and says so.
    let project = common::renderable("three-languages", Fonts::All);
    std::fs::write(
        project.path().join("layouts/flip.typ"),
        "#context if calc.odd(counter(page).final().first()) [a #pagebreak() b] else [a]\n",
    )
    .unwrap();
    let out = project.path().join("out");
    let run = common::folio(project.path(), &["render", "--lang", "en", "--layout", "flip", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning: the layout did not settle in 5 passes"), "{}", run.stderr);
    assert_eq!(snapshot(&out).len(), 1, "{:?}", snapshot(&out).keys());
}
