//! The loader's validation (issue 3): each tests/fixtures/invalid-*/ project has one fault, and
//! `folio check --lang zh` must report exactly the lines in its `expected.txt` (the
//! `file:line:col: error: message` heads of the diagnostics) and exit with code 1, without
//! panicking. tests/fixtures/minimal/, the project they are copies of, checks clean.

mod common;

use std::path::Path;

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
    "invalid-unknown-field",
    "invalid-wrong-type",
    "invalid-image-outside-project",
    "invalid-unreferenced-footnote",
    "invalid-unknown-variable",
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
        let run = check(&fixture);
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
