//! `folio import` (issue 14): the seed, a PDF-to-Markdown conversion of the printed report,
//! imported into a new project gives the report's 7 chapters, 44 footnotes and 2 tables,
//! and a zh edition whose paragraphs are those of the hand-made one in this repository;
//! the project checks clean and renders. Bad input is refused with a clear error, and the
//! target directory is left as it was.
//!
//! The comparison reads both resolved documents (`folio dump --lang zh`) as the fidelity
//! test does (tests/common/resolved.rs): paragraphs, list items with their markers, callout
//! lines, captions, table and chart titles and source lines, with footnotes in 〔〕 where
//! they are referenced; whitespace is ignored but for a space between Chinese characters.
//! What the hand-made edition adds and no source document says (its charts' data, the
//! photographs' placeholders, callout boxes, the list styles) shows as text either way.

mod common;

use std::path::Path;

use serde_json::Value;

use common::resolved::{Resolved, Unit, differences, first_difference};
use common::{folio, folio_in, repo};

const SEED: &str = "tests/seed/000_314474bbbf8fafa5.txt";

/// `folio import` run in `cwd`.
fn import(cwd: &Path, args: &[&str]) -> common::Run {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    folio_in(cwd, &all)
}

fn dump(project: &Path) -> Value {
    let run = folio(project, &["dump", "--lang", "zh"]);
    assert_eq!(run.code, 0, "folio dump --lang zh: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("folio dump prints JSON")
}

fn seed() -> String {
    repo().join(SEED).to_string_lossy().into_owned()
}

#[test]
fn the_seed_imports_as_the_hand_made_edition() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    let report_json = parent.path().join("import.json");
    let run = import(parent.path(), &[&seed(), "--into", "crr", "--source-lang", "zh", "--report-json", &report_json.to_string_lossy()]);
    assert_eq!(run.code, 0, "folio import: {}", run.stderr);
    println!("{}", run.stdout);
    let dir = parent.path().join("crr");

    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report_json).expect("the JSON report")).expect("JSON");
    assert_eq!(report["counts"]["chapters"], 7);
    assert_eq!(report["counts"]["footnotes"], 44);
    assert_eq!(report["counts"]["tables"], 2);
    for heuristic in ["title-page", "contents", "chapter-numbers", "running-headers", "note-marks", "page-splits", "tab-tables"] {
        assert!(report["heuristics"][heuristic].as_array().is_some_and(|a| !a.is_empty()), "{heuristic} was applied");
    }
    assert_eq!(report["heuristics"]["page-split-repeats"].as_array().map(Vec::len), Some(2), "以前|前所未有 and 的方|方方面面");
    assert_eq!(report["heuristics"]["duplicates"].as_array().map(Vec::len), Some(1), "the callout's repeated line");

    let imported = Resolved::read(&dump(&dir));
    let hand_made = Resolved::read(&dump(repo()));
    assert_eq!(imported.notes.len(), 44);
    assert_eq!(imported.notes, hand_made.notes, "the footnotes, in order");
    assert_eq!(imported.tables, 2);
    let chapters = |r: &Resolved| r.units.iter().filter(|u| matches!(u, Unit::Chapter(..))).cloned().collect::<Vec<_>>();
    assert_eq!(chapters(&imported), chapters(&hand_made), "the chapters, numbered and titled alike");
    let sections = |r: &Resolved| r.units.iter().filter(|u| matches!(u, Unit::Section(_))).cloned().collect::<Vec<_>>();
    assert_eq!(sections(&imported), sections(&hand_made), "the sections");
    let tables = |r: &Resolved| r.units.iter().filter(|u| matches!(u, Unit::Table(_))).cloned().collect::<Vec<_>>();
    assert_eq!(tables(&imported), tables(&hand_made), "the tables, cell by cell");

    // Paragraphs: the share of the hand-made edition's texts found identical, in order.
    let gaps = differences(&hand_made.units, &imported.units);
    let texts = hand_made.units.iter().filter(|u| matches!(u, Unit::Text(_))).count();
    let differing: usize = gaps.iter().map(|(hand, _)| hand.iter().filter(|u| matches!(u, Unit::Text(_))).count()).sum();
    let share = 100.0 * (texts - differing) as f64 / texts as f64;
    println!("{} of {texts} paragraphs of the hand-made zh edition identical in the import: {share:.1} %", texts - differing);
    for (hand, ours) in &gaps {
        println!("---");
        for unit in hand {
            println!("  hand-made only: {unit}");
        }
        for unit in ours {
            println!("  imported only:  {unit}");
        }
        if hand.len() == ours.len() {
            for pair in hand.iter().zip(ours) {
                if let (Unit::Text(a), Unit::Text(b)) = pair {
                    println!("    {}", first_difference(a, b));
                }
            }
        }
    }
    assert!(share >= 99.0, "only {share:.1} % of the paragraphs are identical");

    let check = folio(&dir, &["check"]);
    assert_eq!(check.code, 0, "folio check: {}", check.stderr);
    assert!(check.stderr.contains("0 error(s)") || check.stderr.contains("ok: no problems found"), "{}", check.stderr);
    let render = folio(&dir, &["render", "--format", "pdf,epub"]);
    assert_eq!(render.code, 0, "folio render: {}", render.stderr);
    let epub = dir.join("out/crr-zh.epub");
    common::epubcheck(&[&epub]);

    // The same document imported again gives the same files, byte for byte.
    let other = tempfile::tempdir().expect("a temporary directory");
    let again = import(other.path(), &[&seed(), "--into", "crr", "--source-lang", "zh"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    for sub in ["report", "locales"] {
        let (first, second) = (tree(&dir.join(sub)), tree(&other.path().join("crr").join(sub)));
        let differing: Vec<&String> = first.iter().zip(&second).filter(|(a, b)| a != b).map(|(a, _)| &a.0).collect();
        assert!(first.len() == second.len() && differing.is_empty(), "{sub}/ differs between two imports: {differing:?}");
    }
}

/// Every file under `dir` with its bytes, by relative path.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("a directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("inside").to_string_lossy().into_owned();
                out.push((rel, std::fs::read(&path).expect("a file")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn markdown_structure_maps_to_the_model() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    let doc = parent.path().join("plan.md");
    std::fs::write(
        &doc,
        "# Annual plan\n\nSome *emphasised* words and a note[^a].\n\n## Goals\n\n- first goal\n- second goal\n\n\
         3. third step\n4. fourth step\n\n> A quotation.\n\n| Year | Amount | Note |\n|---|---|---|\n| 2023 | 1,234.5 | rising |\n| 2024 | | flat |\n\n\
         # Outlook\n\nThe end {with braces}.\n\n[^a]: See [the site](https://example.org/x).\n",
    )
    .unwrap();
    let run = import(parent.path(), &["plan.md", "--into", "plan"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("2 chapters, 1 sections, 3 paragraphs, 2 lists (4 items), 1 tables, 0 figures, 1 footnotes"), "{}", run.stdout);
    assert!(run.stdout.contains("emphasis dropped, text kept: `*emphasised*`"), "{}", run.stdout);
    let dir = parent.path().join("plan");
    let ftl = std::fs::read_to_string(dir.join("locales/en/01-annual-plan.ftl")).expect("the chapter's bundle");
    assert!(ftl.contains(" = See the site, { $url }.\n"), "a footnote's link text is kept before its address: {ftl}");
    let toml = std::fs::read_to_string(dir.join("report/report.toml")).unwrap();
    assert!(toml.contains("source-language = \"en\""), "guessed from the script: {toml}");
    let check = folio(&dir, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);

    let run = folio(&dir, &["dump", "--lang", "en"]);
    let doc: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let goals = &doc["chapters"][0]["sections"][0]["blocks"];
    assert_eq!(goals[0]["kind"], "list");
    assert_eq!(goals[0]["items"][0]["marker"], "• ");
    assert_eq!(goals[1]["items"][0]["marker"], "3. ");
    assert_eq!(goals[2]["kind"], "quote");
    let table = &goals[3];
    assert_eq!(table["rows"][0], serde_json::json!(["2023", "1,234.5", "rising"]));
    assert_eq!(table["rows"][1], serde_json::json!(["2024", null, "flat"]), "an empty cell stays empty");
    assert!(table["caption"].is_null() && table["source"].is_null());
    let end = &doc["chapters"][1]["intro"][0]["content"][0]["text"];
    assert_eq!(end, "The end {with braces}.");
}

#[test]
fn bad_input_is_refused_and_the_directory_left_alone() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    let p = parent.path();
    std::fs::write(p.join("gbk.md"), b"# \xd5\xfd\xce\xc4\n").unwrap();
    let run = import(p, &["gbk.md", "--into", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("gbk.md:1:3: error: the file is not UTF-8 text"), "{}", run.stderr);

    for (name, what) in [("report.odt", "OpenDocument"), ("page.html", "HTML"), ("book.epub", "EPUB"), ("paper.tex", "LaTeX")] {
        std::fs::write(p.join(name), "x").unwrap();
        let run = import(p, &[name, "--into", "out"]);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(&format!("does not import {what}")) && run.stderr.contains("pandoc"), "{}", run.stderr);
    }

    std::fs::write(p.join("pic.md"), "# T\n\n![A photo](photo.png)\n").unwrap();
    std::fs::write(p.join("photo.png"), "not an image").unwrap();
    let run = import(p, &["pic.md", "--into", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("image `photo.png` is not a PNG, JPEG or SVG image"), "{}", run.stderr);

    let run = import(p, &["pic.md", "--into", "out", "--no-heuristic", "guesswork"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("there is no such heuristic"), "{}", run.stderr);

    // A directory with files, and one holding a project, are not imported into.
    std::fs::create_dir(p.join("busy")).unwrap();
    std::fs::write(p.join("busy/notes.txt"), "mine").unwrap();
    std::fs::write(p.join("ok.md"), "# Title\n\nText.\n").unwrap();
    let run = import(p, &["ok.md", "--into", "busy"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(std::fs::read_dir(p.join("busy")).unwrap().count(), 1);
    let run = import(p, &["ok.md", "--into", "fresh"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = tree(&p.join("fresh"));
    let run = import(p, &["ok.md", "--into", "fresh"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("already holds a folio project") && run.stderr.contains("--update"), "{}", run.stderr);
    assert_eq!(tree(&p.join("fresh")), before);

    assert!(!p.join("out").exists(), "no failed import left a directory");
    let leftovers: Vec<String> = std::fs::read_dir(p)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".folio"))
        .collect();
    assert!(leftovers.is_empty(), "staging directories left: {leftovers:?}");
}

/// Fills every untranslated message of a translation with its source text, marked, so that
/// the translation is complete (the test needs translated messages, not good ones).
fn translate_all(dir: &Path, lang: &str) {
    let folder = dir.join("locales").join(lang);
    for entry in std::fs::read_dir(&folder).expect("the bundle") {
        let path = entry.expect("a file").path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut out = String::new();
        let mut source = Vec::new();
        for line in text.lines() {
            if let Some(value) = line.strip_prefix("# zh: ") {
                source.push(value.to_string());
            }
            match line.strip_suffix(" = { \"\" }") {
                Some(id) => out.push_str(&format!("{id} = [{lang}] {}\n", source.join(" "))),
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            if !line.starts_with('#') {
                source.clear();
            }
        }
        std::fs::write(&path, out).unwrap();
    }
}

/// The message ids defined in a language's bundle.
fn ids(dir: &Path, lang: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(dir.join("locales").join(lang)).expect("the bundle") {
        let text = std::fs::read_to_string(entry.expect("a file").path()).unwrap_or_default();
        for line in text.lines() {
            if let Some((id, _)) = line.split_once(" = ")
                && !id.starts_with(['#', ' ', '-'])
            {
                out.insert(id.to_string());
            }
        }
    }
    out
}

#[test]
fn a_revised_seed_keeps_its_ids_and_outdates_the_translations() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    let p = parent.path();
    let run = import(p, &[&seed(), "--into", "crr", "--source-lang", "zh"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = p.join("crr");
    for lang in ["ru", "en"] {
        assert_eq!(folio(&dir, &["new-lang", lang]).code, 0);
        translate_all(&dir, lang);
        let sync = folio(&dir, &["sync", "--lang", lang]);
        assert_eq!(sync.code, 0, "{}", sync.stderr);
        // Translated in full: published, so that a message it lacks later is an error.
        let publish = folio(&dir, &["publish", lang]);
        assert_eq!(publish.code, 0, "{}", publish.stderr);
    }
    // A hand edit the import cannot make: a placeholder photo after the foreword's second paragraph.
    let chapter = dir.join("report/chapters/01-qian-yan.toml");
    let toml = std::fs::read_to_string(&chapter).unwrap();
    let second = toml.lines().filter(|l| l.trim_start().starts_with("{ p = ")).nth(1).expect("a second paragraph").to_string();
    let photo = "  { figure = \"images/hand.png\", caption = \"ch01-hand-photo\", placeholder = true },";
    std::fs::write(&chapter, toml.replace(&format!("{second}\n"), &format!("{second}\n{photo}\n"))).unwrap();
    std::fs::copy(repo().join("tests/fixtures/minimal/report/images/photo.png"), dir.join("report/images/hand.png")).unwrap();
    for (lang, caption) in [("zh", "手工添加的照片。"), ("ru", "Фото, добавленное вручную."), ("en", "A photo added by hand.")] {
        let ftl = dir.join(format!("locales/{lang}/01-qian-yan.ftl"));
        let text = std::fs::read_to_string(&ftl).unwrap();
        std::fs::write(&ftl, format!("{text}ch01-hand-photo = {caption}\n")).unwrap();
    }
    let check = folio(&dir, &["check"]);
    assert_eq!(check.code, 0, "the translated project checks clean: {}", check.stderr);
    let before = ids(&dir, "zh");

    // The revision: one paragraph edited, one inserted after it.
    let text = std::fs::read_to_string(repo().join(SEED)).unwrap();
    let edited = text.replacen("对中俄关系发展的成功经验，习近平主席总结为", "对中俄关系发展的宝贵经验，习近平主席总结为", 1);
    let inserted = "可以预见，新时期的中俄关系将更加成熟、稳定、富有建设性与可持续性。";
    let revised = edited.replacen(inserted, &format!("{inserted}\n\n这是修订版新增的一段，用于检验重新导入。"), 1);
    assert_ne!(revised, edited);
    std::fs::write(p.join("revised.txt"), revised).unwrap();
    let run = import(p, &["revised.txt", "--into", "crr", "--update"]);
    assert_eq!(run.code, 0, "folio import --update: {}", run.stderr);
    println!("{}", run.stdout);
    let stats = run.stdout.lines().find(|l| l.starts_with("update: ")).expect("the update's counts");
    assert!(stats.contains(" 1 edited, 1 new, 0 removed; 1 hand-made block(s) of the model kept"), "{stats}");

    let after = ids(&dir, "zh");
    let kept = before.intersection(&after).count();
    let share = 100.0 * kept as f64 / before.len() as f64;
    println!("{kept} of {} message ids kept: {share:.1} %", before.len());
    assert!(share >= 99.0, "only {share:.1} % of the ids kept");
    let added: Vec<&String> = after.difference(&before).collect();
    assert_eq!(added.len(), 1, "one new id, for the inserted paragraph: {added:?}");
    let toml = std::fs::read_to_string(&chapter).unwrap();
    assert!(toml.contains(&format!("{second}\n{photo}\n")), "the hand-made photo stays after its paragraph:\n{toml}");

    // The edited paragraph is outdated in both translations, the new one missing.
    let edited_id = std::fs::read_to_string(dir.join("locales/zh/01-qian-yan.ftl"))
        .unwrap()
        .lines()
        .find(|l| l.contains("宝贵经验"))
        .and_then(|l| l.split_once(" = "))
        .map(|(id, _)| id.to_string())
        .expect("the edited paragraph");
    assert!(before.contains(&edited_id), "the edited paragraph kept its id");
    for lang in ["ru", "en"] {
        let check = folio(&dir, &["check", "--lang", lang]);
        assert!(check.stderr.contains(&format!("message `{edited_id}` is outdated")), "{lang}: {}", check.stderr);
        assert!(check.stderr.contains(&format!("missing message `{}`", added[0])), "{lang}: {}", check.stderr);
        assert_eq!(folio(&dir, &["sync", "--lang", lang]).code, 0);
    }
    let render = folio(&dir, &["render", "--lang", "all", "--draft"]);
    assert_eq!(render.code, 0, "{}", render.stderr);
}
