//! `folio init` (issue 14): a new project checks clean and renders at once, in every
//! language folio has wording for; a non-empty directory is refused and left alone.

mod common;

use std::path::Path;

use common::{folio_in, tool};

/// `folio init` run in `parent` (SOURCE_DATE_EPOCH is June 2024).
fn init(parent: &Path, args: &[&str]) -> common::Run {
    let mut all = vec!["init"];
    all.extend_from_slice(args);
    folio_in(parent, &all)
}

#[test]
fn new_project_checks_clean_and_renders_in_three_languages() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    let run = init(parent.path(), &["Annual Report", "--source-lang", "zh", "--langs", "zh,ru,en"]);
    assert_eq!(run.code, 0, "folio init: {}", run.stderr);
    let dir = parent.path().join("Annual Report");

    let report = std::fs::read_to_string(dir.join("report/report.toml")).expect("report.toml");
    assert!(report.contains("slug = \"annual-report\"\n"), "{report}");
    assert!(report.contains("date = \"2024-06\"\n"), "the date is SOURCE_DATE_EPOCH's month: {report}");
    assert!(report.contains("languages = [\"zh\", \"ru\", \"en\"]\n"), "{report}");
    for layout in ["book", "chart", "cover", "epub-cover", "print", "report"] {
        assert!(dir.join(format!("layouts/{layout}.typ")).is_file(), "layouts/{layout}.typ");
    }
    assert!(dir.join("fonts/NotoSerifSC-Regular.ttf").is_file() && dir.join("fonts/OFL-NotoSerifSC.txt").is_file());
    assert!(dir.join("README.md").is_file());
    // The translations are written as `folio new-lang` writes them, with the source in comments.
    let ru = std::fs::read_to_string(dir.join("locales/ru/01-example.ftl")).expect("the ru bundle");
    assert!(ru.contains("# zh: 示例章节\nch01-title = Пример главы\n"), "{ru}");
    assert!(dir.join("locales/ru/.folio-lock.toml").is_file(), "the translations are recorded");

    let check = folio_in(&dir, &["check"]);
    assert_eq!(check.code, 0, "folio check: {}", check.stderr);
    assert!(check.stderr.contains("ok: no problems found"), "{}", check.stderr);
    let render = folio_in(&dir, &["render", "--lang", "all", "--format", "pdf,epub"]);
    assert_eq!(render.code, 0, "folio render: {}", render.stderr);
    for lang in ["zh", "ru", "en"] {
        let pdf = dir.join(format!("out/annual-report-{lang}.pdf"));
        let text = tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
        let title = ["示例报告", "Пример доклада", "Example report"][["zh", "ru", "en"].iter().position(|l| *l == lang).unwrap()];
        assert!(text.contains(title), "{lang}: the title page reads the example's title");
    }
    let epubs: Vec<_> = ["zh", "ru", "en"].iter().map(|l| dir.join(format!("out/annual-report-{l}.epub"))).collect();
    common::epubcheck(&epubs.iter().map(|p| p.as_path()).collect::<Vec<_>>());

    // An edit of the source shows up as outdated in the translations: the lock recorded them.
    let zh = dir.join("locales/zh/01-example.ftl");
    let text = std::fs::read_to_string(&zh).unwrap().replace("ch01-title = 示例章节", "ch01-title = 第一章");
    std::fs::write(&zh, text).unwrap();
    let check = folio_in(&dir, &["check"]);
    assert!(check.stderr.contains("message `ch01-title` is outdated"), "{}", check.stderr);
}

#[test]
fn any_language_gets_english_labels_and_an_untranslated_example() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    let run = init(parent.path(), &["de-report", "--source-lang", "de", "--langs", "en"]);
    assert_eq!(run.code, 0, "folio init: {}", run.stderr);
    let dir = parent.path().join("de-report");
    let labels = std::fs::read_to_string(dir.join("locales/de/labels.ftl")).expect("labels");
    assert!(labels.contains("label-contents = Contents"), "{labels}");
    let check = folio_in(&dir, &["check"]);
    assert_eq!(check.code, 0, "folio check: {}", check.stderr);
    let render = folio_in(&dir, &["render"]);
    assert_eq!(render.code, 0, "folio render: {}", render.stderr);

    // A translation into a language folio has no example text for starts untranslated.
    let run = init(parent.path(), &["fr-report", "--source-lang", "en", "--langs", "fr"]);
    assert_eq!(run.code, 0, "folio init: {}", run.stderr);
    let dir = parent.path().join("fr-report");
    let fr = std::fs::read_to_string(dir.join("locales/fr/01-example.ftl")).expect("the fr bundle");
    assert!(fr.contains("# en: An example chapter\nch01-title = { \"\" }\n"), "{fr}");
    let draft = folio_in(&dir, &["render", "--lang", "fr", "--draft"]);
    assert_eq!(draft.code, 0, "folio render --draft: {}", draft.stderr);
}

#[test]
fn a_directory_with_files_is_refused_and_left_alone() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    let dir = parent.path().join("taken");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let run = init(parent.path(), &["taken"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["notes.txt"]);
    let leftovers: Vec<_> = std::fs::read_dir(parent.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["taken"], "no staging directory is left behind");

    // An empty directory, even the current one, is fine.
    let empty = parent.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let run = folio_in(&empty, &["init", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(empty.join("report/report.toml").is_file());
    assert!(std::fs::read_to_string(empty.join("report/report.toml")).unwrap().contains("slug = \"empty\""));

    let run = init(parent.path(), &["bad-tag", "--langs", "en,not a tag"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!parent.path().join("bad-tag").exists());
}
