//! The loader's validation (issues 3 and 10): each tests/fixtures/invalid-*/ project has one
//! fault, and `folio check --lang zh` must report exactly the lines in its `expected.txt` (the
//! `file:line:col: error: message` heads of the diagnostics) and exit with code 1, without
//! panicking. tests/fixtures/minimal/, the project they are copies of, checks clean.
//!
//! A fixture with an `args.txt` runs that command instead (a render, for faults only the
//! layout finds), in a temporary copy completed with the repository's layouts (the fixture's
//! own files replace them) and fonts; the run must leave its `--out` directory unwritten.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Every fault issue 3 names has its fixture; a fixture that goes missing fails here.
const FAULTS: &[&str] = &[
    "invalid-unknown-message-reference",
    "invalid-message-missing",
    "invalid-duplicate-id-model",
    "invalid-duplicate-id-ftl",
    "invalid-missing-image",
    "invalid-table-row-cells",
    "invalid-chart-series-length",
    "invalid-fluent-syntax",
    "invalid-fluent-unclosed-placeable",
    "invalid-fluent-unknown-escape",
    "invalid-fluent-missing-equals",
    "invalid-fluent-no-default-variant",
    "invalid-fluent-long-line",
    "invalid-unknown-field",
    "invalid-wrong-type",
    "invalid-image-outside-project",
    "invalid-unreferenced-footnote",
    "invalid-unknown-variable",
    "invalid-missing-field",
    "invalid-image-corrupt",
    "invalid-image-truncated",
    "invalid-image-format",
    "invalid-image-too-large",
    "invalid-image-absolute-path",
    "invalid-chart-value",
    "invalid-chart-empty",
    "invalid-table-no-columns",
    "invalid-date-out-of-range",
    "invalid-not-utf8",
    "invalid-layout-typst-error",
    "invalid-layout-reads-outside",
    "invalid-layout-image-outside",
    "invalid-chapter-listed-twice",
    "invalid-table-cell",
    "invalid-header-span",
    "invalid-block-kind",
    "invalid-chart-missing-note",
    "invalid-link-scheme",
    "invalid-number-on-text",
    "invalid-number-on-text-render",
    "invalid-comment-no-space",
    "invalid-chapter-number-twice",
    "invalid-pie-negative",
];

/// The heads of the diagnostics in folio's text output, `file:line:col: error: message`
/// (or without a place), told from the excerpt lines (`12 | …`, `  |`) and hints below them.
fn diagnostic_heads(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| {
            let excerpt = line.starts_with(char::is_whitespace)
                || line.split_once(" |").is_some_and(|(n, _)| n.bytes().all(|b| b.is_ascii_digit()));
            let head = ["error: ", "warning: "]
                .iter()
                .any(|level| line.starts_with(level) || line.contains(&format!(": {level}")));
            head && !excerpt
        })
        .collect()
}

fn check(fixture: &Path) -> common::Run {
    let run = common::folio(fixture, &["check", "--lang", "zh"]);
    assert!(!run.stderr.contains("panicked"), "{}: folio panicked:\n{}", fixture.display(), run.stderr);
    run
}

/// Runs the fixture's `args.txt` in a renderable copy; `Err` when the run wrote output.
fn run_args(fixture: &Path, args: &str) -> Result<common::Run, String> {
    let args: Vec<&str> = args.split_whitespace().collect();
    let dir = tempfile::tempdir().expect("a temporary directory");
    copy_tree(&common::repo().join("layouts"), &dir.path().join("layouts"));
    copy_tree(fixture, dir.path());
    if !dir.path().join("fonts").exists() {
        common::add_fonts(dir.path(), common::Fonts::All);
    }
    // Relative paths in the arguments (`--out out`) are inside the copy.
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .current_dir(dir.path())
        .args(["--project", "."])
        .args(&args)
        .output()
        .expect("the folio binary runs");
    let run = common::Run::of(output);
    assert!(!run.stderr.contains("panicked"), "{}: folio panicked:\n{}", fixture.display(), run.stderr);
    let out = args.iter().position(|a| *a == "--out").and_then(|i| args.get(i + 1)).map(|o| dir.path().join(o));
    match out {
        Some(out) if out.exists() => Err(format!("the failing run wrote {}: {:?}", out.display(), listing(&out))),
        _ => Ok(run),
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.expect("a directory entry");
        let dest = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_tree(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
        }
    }
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir).map(|entries| entries.flatten().map(|e| e.path()).collect()).unwrap_or_default()
}

#[test]
fn every_invalid_fixture_reports_its_error() {
    let dir = common::repo().join("tests/fixtures");
    let mut fixtures: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/ is readable")
        .map(|e| e.expect("a directory entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("invalid-"))
        .collect();
    fixtures.sort();
    for fault in FAULTS {
        assert!(fixtures.iter().any(|f| f == fault), "tests/fixtures/{fault}/ is missing");
    }
    let mut failures = Vec::new();
    for name in &fixtures {
        let fixture = dir.join(name);
        let expected = std::fs::read_to_string(fixture.join("expected.txt"))
            .unwrap_or_else(|e| panic!("{name}/expected.txt: {e}"));
        let expected: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(!expected.is_empty(), "{name}/expected.txt names no diagnostic");
        let run = match std::fs::read_to_string(fixture.join("args.txt")) {
            Ok(args) => match run_args(&fixture, &args) {
                Ok(run) => run,
                Err(wrote) => {
                    failures.push(format!("{name}: {wrote}"));
                    continue;
                }
            },
            Err(_) => check(&fixture),
        };
        let got = diagnostic_heads(&run.stderr);
        if run.code != 1 || got != expected {
            failures.push(format!(
                "{name}: exit code {} (expected 1)\n  expected: {expected:#?}\n  got: {got:#?}\n  stderr:\n{}",
                run.code, run.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn minimal_fixture_checks_clean() {
    let run = check(&common::fixture("minimal"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(diagnostic_heads(&run.stderr).is_empty(), "{}", run.stderr);
    assert!(run.stderr.contains("ok: no problems found"), "{}", run.stderr);
}

#[test]
fn diagnostic_heads_are_told_from_excerpts() {
    let stderr = "a/b.toml:3:5: error: bad\n  |\n3 | x: error: y\n  |   ^\n  = hint: z\nerror: no place\n1 error(s), 0 warning(s)\n";
    assert_eq!(diagnostic_heads(stderr), ["a/b.toml:3:5: error: bad", "error: no place"]);
}
