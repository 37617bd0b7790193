//! Languages in progress (issue: a new translation blocked publishing): `folio new-lang`
//! adds a language to `in-progress`, which `render --lang all` leaves out with a note and
//! `check` summarises per file; `folio publish` moves it to `languages` once complete.
//! Pivot languages: `folio new-lang de --from ru` writes the pivot's text too, and a change
//! in it makes a translation outdated in `check`, `stats`, `sync` and the review edition.

mod common;

use std::path::Path;

use common::{Fonts, folio, renderable};
use serde_json::Value;

fn edit(path: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let changed = change(text.clone());
    assert_ne!(changed, text, "{}: the edit changed nothing", path.display());
    std::fs::write(path, changed).unwrap();
}

fn report_toml(project: &Path) -> String {
    std::fs::read_to_string(project.join("report/report.toml")).unwrap()
}

/// The acceptance test of the issue: after `folio new-lang de` on the real report, every
/// published edition still renders and `check` stays short and clean.
#[test]
fn a_new_language_blocks_no_published_edition() {
    let dir = common::shipped();
    let project = dir.path();
    let run = folio(project, &["new-lang", "de"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = report_toml(project);
    assert!(report.contains("languages = [\"zh\", \"ru\", \"en\"]\n"), "{report}");
    assert!(report.contains("\nin-progress = [\"de\"]\n"), "{report}");

    let check = folio(project, &["check", "--lang", "all"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.lines().count() < 40, "{}", check.stderr);
    assert!(!check.stderr.contains("not translated yet"), "{}", check.stderr);
    let total: usize = check
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("de: in progress, 0 of ")?.strip_suffix(" messages translated")?.parse().ok())
        .unwrap_or_else(|| panic!("no progress line for de:\n{}", check.stderr));
    assert!(total > 250, "{}", check.stderr);
    assert!(check.stderr.contains("\n  locales/de/01-foreword.ftl "), "one line per file:\n{}", check.stderr);

    let out = project.join("out");
    let run = folio(project, &["render", "--lang", "all", "--format", "pdf", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("de: 0 of {total} messages translated, not rendered; `--draft` renders it marked")),
        "{}",
        run.stderr
    );
    for lang in ["zh", "ru", "en"] {
        assert!(out.join(format!("china-russia-new-era-{lang}.pdf")).is_file(), "no {lang} PDF:\n{}", run.stderr);
    }
    assert!(!out.join("china-russia-new-era-de.pdf").exists());
}

#[test]
fn check_lists_errors_first_and_what_is_left_only_when_asked() {
    let dir = renderable("i18n-partial", Fonts::Only(&[]));
    let project = dir.path();
    assert_eq!(folio(project, &["new-lang", "de"]).code, 0);
    // Two messages translated, one with a variable the source lacks and one broken.
    edit(&project.join("locales/de/01-intro.ftl"), |t| {
        t.replace("ch01-title = { \"\" }", "ch01-title = Vorwort")
            .replace("ch01-relations = { \"\" }", "ch01-relations = Beste Beziehungen { $jahr }")
            .replace("ch01-s1-title = { \"\" }", "ch01-s1-title = Handel {")
    });
    let run = folio(project, &["check", "--lang", "de"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    assert!(errors[0].starts_with("locales/de/01-intro.ftl:") && errors[0].ends_with("`$jahr` is not a variable of the source message"), "{errors:?}");
    assert!(errors[1].contains(": error: this `{` on line "), "{errors:?}");
    let summary = run.stderr.find("de: in progress, 2 of 39 messages translated\n").expect("the summary");
    assert!(run.stderr.rfind(": error: ").unwrap() < summary, "errors come first:\n{}", run.stderr);
    assert!(run.stderr.contains("\n  locales/de/01-intro.ftl     2 translated     6 missing     0 outdated\n"), "{}", run.stderr);
    assert!(!run.stderr.contains("not translated yet"), "{}", run.stderr);
    assert!(run.stderr.contains("`folio check --lang de --list-missing` lists what is left to translate"), "{}", run.stderr);

    let listed = folio(project, &["check", "--lang", "de", "--list-missing"]);
    let missing: Vec<&str> = listed.stderr.lines().filter(|l| l.ends_with(" is not translated yet")).collect();
    // The broken message is reported as a syntax error, not again as missing.
    assert_eq!(missing.len(), 36, "{}", listed.stderr);
    assert!(missing.contains(&"    locales/de/01-intro.ftl:7:1: message `ch01-opening` is not translated yet"), "{missing:#?}");
    assert_eq!(listed.code, 1, "listing changes nothing else");

    // JSON carries the errors only; the summary goes to stderr.
    let json = folio(project, &["check", "--lang", "de", "--format", "json"]);
    let diags: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(diags.as_array().unwrap().len(), 2, "{}", json.stdout);
    assert!(json.stderr.contains("de: in progress, 2 of 39 messages translated"), "{}", json.stderr);
}

#[test]
fn a_language_in_progress_renders_only_as_a_draft_and_publishes_once_complete() {
    let dir = renderable("i18n-partial", Fonts::Only(&[]));
    let project = dir.path();
    assert_eq!(folio(project, &["new-lang", "de"]).code, 0);

    let dump = folio(project, &["dump", "--lang", "de"]);
    assert_eq!(dump.code, 2, "{}", dump.stderr);
    assert!(dump.stderr.starts_with("error: de: 0 of 39 messages translated; `de` is in progress, not published\n"), "{}", dump.stderr);
    assert!(dump.stderr.contains("hint: add --draft to render it with the untranslated text in `zh`, marked; once it is complete, `folio publish de`"), "{}", dump.stderr);
    assert_eq!(dump.stderr.lines().count(), 2, "one error, not one per message:\n{}", dump.stderr);
    let draft = folio(project, &["dump", "--lang", "de", "--draft"]);
    assert_eq!(draft.code, 0, "{}", draft.stderr);
    assert!(draft.stdout.contains("\"draft\": true"), "{}", draft.stdout);

    let stats = folio(project, &["stats", "--lang", "de", "--format", "json"]);
    let stats: Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(stats[0]["in_progress"], true);
    assert_eq!(stats[0]["total"]["missing"], 39);

    let refused = folio(project, &["publish", "de"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("error: `de` is not complete: 39 of 39 messages are not translated yet"), "{}", refused.stderr);
    assert!(report_toml(project).contains("in-progress = [\"de\"]"));

    // Every message translated: the source's files stand in for a translation.
    for entry in std::fs::read_dir(project.join("locales/zh")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, project.join("locales/de").join(path.file_name().unwrap())).unwrap();
    }
    let run = folio(project, &["publish", "de"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = report_toml(project);
    assert!(report.contains("languages = [\"zh\", \"ru\", \"de\"]\n"), "{report}");
    assert!(report.contains("in-progress = []\n"), "{report}");
    assert_eq!(folio(project, &["publish", "de"]).code, 2, "published already");
    assert_eq!(folio(project, &["dump", "--lang", "de"]).code, 0);
    // Nothing came from the source language: no draft, even with --draft (an EPUB claims conformance).
    let complete = folio(project, &["dump", "--lang", "de", "--draft"]);
    assert!(complete.stdout.contains("\"draft\": false"), "{}", complete.stderr);

    // Published, a missing message is an error again.
    edit(&project.join("locales/de/01-intro.ftl"), |t| t.replace("ch01-first = 贸易稳步增长。\n", ""));
    let check = folio(project, &["check", "--lang", "de"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(check.stderr.contains(": error: missing message `ch01-first`"), "{}", check.stderr);
}

#[test]
fn a_pivot_is_written_beside_the_source_and_tracked_in_the_lock() {
    let dir = renderable("three-languages", Fonts::All);
    let project = dir.path();
    let refused = folio(project, &["new-lang", "de", "--from", "fr"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(!project.join("locales/de").exists());

    // en lacks one message: the scaffold has the source's text alone there.
    let en = project.join("locales/en/01-only.ftl");
    edit(&en, |t| t.replace("ch01-second = the second item.\n", ""));
    let run = folio(project, &["new-lang", "de", "--from", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let de = project.join("locales/de/01-only.ftl");
    let scaffold = std::fs::read_to_string(&de).unwrap();
    assert!(scaffold.contains("\n# zh: 唯一的一章\n# en: The only chapter\nch01-title = { \"\" }\n"), "{scaffold}");
    assert!(scaffold.contains("\n# zh: 第二项。\nch01-second = { \"\" }\n"), "{scaffold}");
    let lock = std::fs::read_to_string(project.join("locales/de/.folio-lock.toml")).unwrap();
    assert!(lock.contains("\npivots = [\"en\"]\n"), "{lock}");

    edit(&de, |t| t.replace("ch01-title = { \"\" }", "ch01-title = Das einzige Kapitel").replace("ch01-body = { \"\" }", "ch01-body = Ein Absatz."));
    let sync = folio(project, &["sync", "--lang", "de"]);
    assert_eq!(sync.code, 0, "{}", sync.stderr);
    let lock = std::fs::read_to_string(project.join("locales/de/.folio-lock.toml")).unwrap();
    assert!(lock.contains("\npivots = [\"en\"]\n"), "{lock}");
    let line = lock.lines().find(|l| l.starts_with("ch01-title = ")).expect("ch01-title recorded");
    assert!(line.contains(", refs = { en = \""), "{line}");
    assert!(!folio(project, &["check", "--lang", "de"]).stderr.contains("is outdated"));

    // The review beside the pivot: en's gap is filled from zh only in a draft.
    let out = project.join("out");
    let review = |draft: bool| {
        let mut args = vec!["render", "--lang", "de", "--layout", "review", "--source", "en", "--format", "html", "--out", out.to_str().unwrap()];
        if draft {
            args.push("--draft");
        }
        folio(project, &args)
    };
    let refused = review(false);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("unknown message `ch01-second` in the `en` bundle"), "{}", refused.stderr);
    let run = review(true);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(out.join("three-de-review.html")).expect("the review page");
    assert!(!page.contains("<tr class=\"outdated\""), "nothing outdated yet:\n{page}");

    // The pivot's text changes, the source's does not: the German title is outdated everywhere.
    edit(&en, |t| t.replace("ch01-title = The only chapter", "ch01-title = The single chapter"));
    let check = folio(project, &["check", "--lang", "de"]);
    let warning = check.stderr.lines().find(|l| l.contains("is outdated")).unwrap_or_else(|| panic!("{}", check.stderr));
    assert!(warning.ends_with(": warning: message `ch01-title` is outdated: its `en` text changed since it was translated"), "{warning}");
    assert_eq!(check.stderr.matches("is outdated").count(), 1, "{}", check.stderr);
    let stats: Value = serde_json::from_str(&folio(project, &["stats", "--lang", "de", "--format", "json"]).stdout).unwrap();
    let total = &stats[0]["total"];
    assert_eq!((total["translated"].as_u64(), total["outdated"].as_u64()), (Some(2), Some(1)), "{stats}");
    let run = review(true);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(out.join("three-de-review.html")).expect("the review page");
    assert!(page.contains("<tr class=\"outdated\" id=\"ch01-title\">"), "{page}");
    assert_eq!(page.matches("<tr class=\"outdated\"").count(), 1, "only the changed message:\n{page}");
    assert!(page.contains("The single chapter"), "the pivot's side:\n{page}");

    let sync = folio(project, &["sync", "--lang", "de"]);
    assert!(sync.stderr.contains("1 message(s) still outdated (revise them, or `--accept ID` if they need no change): ch01-title"), "{}", sync.stderr);
    let accept = folio(project, &["sync", "--lang", "de", "--accept", "ch01-title"]);
    assert!(accept.stderr.contains("1 revised after a source change"), "{}", accept.stderr);
    assert!(!folio(project, &["check", "--lang", "de"]).stderr.contains("is outdated"));

    // A change of the source is reported as before.
    edit(&project.join("locales/zh/01-only.ftl"), |t| t.replace("ch01-body = 正文段落。", "ch01-body = 正文。"));
    let check = folio(project, &["check", "--lang", "de"]);
    assert!(check.stderr.contains("message `ch01-body` is outdated: its source changed since it was translated"), "{}", check.stderr);
}

/// `folio init` with a language folio has no example text for: in progress from the start.
#[test]
fn init_starts_an_untranslated_language_in_progress() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("fr-report");
    let run = common::folio_in(parent.path(), &["init", "fr-report", "--source-lang", "en", "--langs", "fr"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("languages en (source en), in progress fr"), "{}", run.stderr);
    let report = report_toml(&dir);
    assert!(report.contains("languages = [\"en\"]\n") && report.contains("\nin-progress = [\"fr\"]\n"), "{report}");
    assert_eq!(common::folio_in(&dir, &["check"]).code, 0);
    let stats = common::folio_in(&dir, &["stats"]);
    assert!(stats.stdout.starts_with("fr (in progress)"), "{}", stats.stdout);
}

#[test]
fn a_language_is_published_or_in_progress_not_both() {
    let dir = renderable("i18n-partial", Fonts::Only(&[]));
    let project = dir.path();
    edit(&project.join("report/report.toml"), |t| t.replace("languages = [\"zh\", \"ru\"]\n", "languages = [\"zh\", \"ru\"]\nin-progress = [\"ru\", \"zh\"]\n"));
    let run = folio(project, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("report/report.toml: error: language `ru` in `in-progress` is also in `languages`"), "{}", run.stderr);
    assert!(run.stderr.contains("report/report.toml: error: language `zh` in `in-progress` is the source language"), "{}", run.stderr);
}
