//! XLIFF and TMX with translators' tools: folio's own round trips, and the real clients an
//! agency uses, Translate Toolkit (the XLIFF store Weblate edits with) and OmegaT (console
//! mode). A real client that is not installed is skipped with the reason printed; `.ci/run`
//! installs both.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `locales/`, by path: what an import may change.
fn bundles(project: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for lang in std::fs::read_dir(project.join("locales")).unwrap() {
        let lang = lang.unwrap().path();
        for file in std::fs::read_dir(&lang).unwrap() {
            let path = file.unwrap().path();
            out.push((path.clone(), read(&path)));
        }
    }
    out.sort();
    out
}

/// The files of `after` that differ from `before`.
fn changed(before: &[(PathBuf, String)], after: &[(PathBuf, String)]) -> Vec<String> {
    after
        .iter()
        .filter(|(p, t)| before.iter().find(|(q, _)| q == p).is_none_or(|(_, u)| u != t))
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// The lines of `after` that `before` does not have.
fn new_lines(before: &str, after: &str) -> Vec<String> {
    after.lines().filter(|l| !before.lines().any(|b| b == *l)).map(str::to_string).collect()
}

fn export(project: &Path, args: &[&str]) -> (PathBuf, String) {
    let out = project.join("out.xlf");
    let mut all = vec!["xliff", "export", "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let run = common::folio(project, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&out);
    (out, text)
}

fn import(project: &Path, file: &Path) -> common::Run {
    common::folio(project, &["xliff", "import", file.to_str().unwrap()])
}

/// The `<target>` of unit `id` replaced by `inner` (raw XLIFF).
fn set_target(xliff: &str, id: &str, inner: &str) -> String {
    let unit = xliff.find(&format!("<trans-unit id=\"{id}\"")).unwrap_or_else(|| panic!("no unit {id}"));
    let start = unit + xliff[unit..].find("<target").expect("the unit has a target");
    let open_end = start + xliff[start..].find('>').unwrap() + 1;
    let end = open_end + xliff[open_end..].find("</target>").unwrap();
    format!("{}{inner}{}", &xliff[..open_end], &xliff[end..])
}

fn target_of<'a>(xliff: &'a str, id: &str) -> &'a str {
    let unit = xliff.find(&format!("<trans-unit id=\"{id}\"")).unwrap_or_else(|| panic!("no unit {id}"));
    let start = unit + xliff[unit..].find("<target").unwrap();
    let open_end = start + xliff[start..].find('>').unwrap() + 1;
    &xliff[open_end..open_end + xliff[open_end..].find("</target>").unwrap()]
}

#[test]
fn an_unchanged_round_trip_changes_nothing_in_either_version() {
    let dir = common::shipped();
    let project = dir.path();
    let before = bundles(project);
    for version in ["1.2", "2.1"] {
        let (file, text) = export(project, &["--lang", "ru", "--version", version]);
        assert!(text.contains("<x id=\"1\" equiv-text=\"{ -gacc(case: &quot;gen&quot;) }\"/>") || version == "2.1", "{}", &text[..2000]);
        let run = import(project, &file);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.contains("0 message(s) updated; units: 309 unchanged, 0 left untranslated, 0 rejected"), "{version}: {}", run.stderr);
        assert_eq!(bundles(project), before, "XLIFF {version}");
    }
}

#[test]
fn units_carry_state_codes_notes_and_groups() {
    let dir = common::shipped();
    let project = dir.path();
    let (_, text) = export(project, &["--lang", "ru"]);
    assert!(text.contains("<file original=\"locales/ru/04-practical-cooperation.ftl\" source-language=\"zh\" target-language=\"ru\" datatype=\"plaintext\" product-name=\"china-russia-new-era\""));
    // A footnote mark is a code in the source and at the same id in the target.
    let record = text.find("<trans-unit id=\"ch04-trade-record-2023\" resname=\"ch04-trade-record-2023\"").unwrap();
    let unit = &text[record..record + text[record..].find("</trans-unit>").unwrap()];
    assert!(unit.contains("26.3%<x id=\"1\" equiv-text=\"{ $ch04-note-customs-2023-table }\"/>。"), "{unit}");
    assert!(unit.contains("исчислении<x id=\"1\" equiv-text=\"{ $ch04-note-customs-2023-table }\"/>. "), "{unit}");
    assert!(unit.contains("<target state=\"translated\">"), "{unit}");
    assert!(unit.contains("<note from=\"folio\">Place: chapter 4, section 2, block 2, list item 1 (report/chapters/04-practical-cooperation.toml)</note>"), "{unit}");
    assert!(unit.contains("<note from=\"folio\">Glossary: { -gacc } = "), "{unit}");
    // The translation's own selection: a group, a unit per variant, the selector in a note.
    assert!(text.contains("<group id=\"list-yishi\" resname=\"list-yishi\">\n<trans-unit id=\"list-yishi:1\""), "groups");
    assert!(text.contains("Variant [other] of the selection on $n (the default)"));

    // Subsets: nothing is untranslated or outdated in the shipped translation.
    let (_, none) = export(project, &["--lang", "ru", "--only", "untranslated"]);
    assert!(!none.contains("<trans-unit"), "{none}");
}

#[test]
fn a_selection_in_the_source_gives_the_targets_plural_categories() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    let run = common::folio_in(dir.path(), &["init", "p", "--source-lang", "en", "--langs", "en,ru"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let en = project.join("locales/en/01-example.ftl");
    std::fs::write(&en, format!("{}items = {{ $n ->\n    [one] one item\n   *[other] {{ $n }} items\n}}\n", read(&en))).unwrap();
    let (file, text) = export(&project, &["--lang", "ru", "--copy-source"]);
    for key in ["one", "few", "many", "other"] {
        assert!(text.contains(&format!("<trans-unit id=\"items:{key}\"")), "{key}: {text}");
    }
    assert!(!text.contains("items:two"));
    assert_eq!(target_of(&text, "items:few"), "<x id=\"1\" equiv-text=\"{ $n }\"/> items", "the default variant is the copy");
    let mut edited = text.clone();
    for (key, words) in [("one", "предмет"), ("few", "предмета"), ("many", "предметов"), ("other", "предмета")] {
        edited = set_target(&edited, &format!("items:{key}"), &format!("<x id=\"1\" equiv-text=\"{{ $n }}\"/> {words}"));
    }
    std::fs::write(&file, edited).unwrap();
    let run = import(&project, &file);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ru = read(&project.join("locales/ru/01-example.ftl"));
    assert!(
        ru.ends_with("items = { $n ->\n    [one] { $n } предмет\n    [few] { $n } предмета\n    [many] { $n } предметов\n   *[other] { $n } предмета\n}\n"),
        "{ru}"
    );
    let check = common::folio(&project, &["check", "--lang", "ru"]);
    assert!(!check.stderr.contains("items"), "{}", check.stderr);
}

#[test]
fn what_a_translator_types_is_text_and_codes_are_checked_per_unit() {
    let dir = common::shipped();
    let project = dir.path();
    let (file, text) = export(project, &["--lang", "ru"]);
    let before = bundles(project);
    // Markup characters typed in a CAT tool print as themselves.
    let typed = "Торговля растёт &amp; { $x } #1 &lt;b&gt; [*] 50 %.";
    let mut edited = set_target(&text, "ch04-trade-new-heights", typed);
    // A footnote mark dropped, a code invented, a code twice: each unit rejected alone.
    let record = target_of(&text, "ch04-trade-record-2023").replace("<x id=\"1\" equiv-text=\"{ $ch04-note-customs-2023-table }\"/>", "");
    edited = set_target(&edited, "ch04-trade-record-2023", &record);
    edited = set_target(&edited, "ch04-s2-title", "Прорыв<x id=\"7\"/>");
    let agri = target_of(&text, "ch04-energy-agri-trade");
    let first = &agri[agri.find("<x id=\"1\"").unwrap()..];
    let twice = format!("{agri}{}", &first[..first.find("/>").unwrap() + 2]);
    edited = set_target(&edited, "ch04-energy-agri-trade", &twice);
    std::fs::write(&file, &edited).unwrap();

    let run = import(project, &file);
    assert_eq!(run.code, 1, "rejected units make the import fail: {}", run.stderr);
    assert!(run.stderr.contains("1 message(s) updated; units: 305 unchanged, 0 left untranslated, 3 rejected"), "{}", run.stderr);
    assert!(run.stderr.contains("rejected `ch04-trade-record-2023`: inline code 1 (`{ $ch04-note-customs-2023-table }`) of the source is missing"), "{}", run.stderr);
    assert!(run.stderr.contains("rejected `ch04-s2-title`: an inline code <x id=\"7\"/> that the exported unit did not have"), "{}", run.stderr);
    assert!(run.stderr.contains("rejected `ch04-energy-agri-trade`: inline code 1 (`{ $ch04-note-agri-trade-2023 }`) appears twice"), "{}", run.stderr);
    let after = bundles(project);
    assert_eq!(changed(&before, &after), [".folio-lock.toml", "04-practical-cooperation.ftl"]);
    let path = project.join("locales/ru/04-practical-cooperation.ftl");
    let (_, old) = before.iter().find(|(p, _)| *p == path).unwrap();
    assert_eq!(
        new_lines(old, &read(&path)),
        ["ch04-trade-new-heights = Торговля растёт & { \"{\" } $x { \"}\" } #1 <b> [*] 50 %."],
        "only the accepted message is rewritten, escaped"
    );
    let dump = common::folio(project, &["dump", "--lang", "ru"]);
    assert!(dump.stdout.contains("Торговля растёт & { $x } #1 <b> [*] 50 %."), "prints as typed");

    // The same file again: nothing more to do.
    let again = import(project, &file);
    assert!(again.stderr.contains("0 message(s) updated; units: 306 unchanged"), "{}", again.stderr);
    assert_eq!(bundles(project), after);
}

#[test]
fn a_file_of_another_project_or_language_is_refused_whole() {
    let dir = common::shipped();
    let project = dir.path();
    let (file, text) = export(project, &["--lang", "ru"]);
    let edited = set_target(&text, "ch04-trade-new-heights", "Другое");
    let before = bundles(project);
    for (what, wrong, message) in [
        ("project", edited.replace("product-name=\"china-russia-new-era\"", "product-name=\"another-report\""), "exported from the project `another-report`, not from this one (`china-russia-new-era`)"),
        ("language", edited.replace("target-language=\"ru\"", "target-language=\"en\""), "is not a bundle file of locales/en/"),
        ("not XLIFF", "<html/>".to_string(), "not an XLIFF file folio can read: the root element is <html>, not <xliff>"),
    ] {
        std::fs::write(&file, wrong).unwrap();
        let run = import(project, &file);
        assert_eq!(run.code, 1, "{what}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{what}: {}", run.stderr);
        assert_eq!(bundles(project), before, "{what}: nothing written");
    }
    let dry = {
        std::fs::write(&file, &edited).unwrap();
        common::folio(project, &["xliff", "import", file.to_str().unwrap(), "--dry-run"])
    };
    assert!(dry.stderr.contains("would import") && dry.stderr.contains("1 message(s) updated"), "{}", dry.stderr);
    assert_eq!(bundles(project), before, "a dry run writes nothing");
}

#[test]
fn memories_fill_exact_matches_and_suggest_close_ones() {
    let dir = common::shipped();
    let project = dir.path();
    let tmx = project.join("ru.tmx");
    let run = common::folio(project, &["tm", "export", "--lang", "ru", "-o", tmx.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let memory = read(&tmx);
    assert!(memory.contains("<tuv xml:lang=\"zh\"><seg>在两国政界和商界的共同努力下，两国贸易不断迈上新台阶。</seg></tuv>"), "{}", &memory[..1500]);
    assert!(memory.contains("<ph x=\"2\">{ $ch04-note-customs-2023-table }</ph>"));

    // Two translations lost; one of their source texts revised a little since.
    let ru = project.join("locales/ru/04-practical-cooperation.ftl");
    let kept = read(&ru);
    let blank = |text: &str, id: &str| {
        let line = text.lines().find(|l| l.starts_with(&format!("{id} = "))).unwrap();
        text.replace(line, &format!("{id} = {{ \"\" }}"))
    };
    std::fs::write(&ru, blank(&blank(&kept, "ch04-trade-new-heights"), "ch04-trade-record-2023")).unwrap();
    let zh = project.join("locales/zh/04-practical-cooperation.ftl");
    std::fs::write(&zh, read(&zh).replace("中国连续14年是俄罗斯第一大贸易伙伴国。", "中国连续十四年是俄罗斯第一大贸易伙伴国。")).unwrap();

    let run = common::folio(project, &["tm", "import", tmx.to_str().unwrap(), "--lang", "ru"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("filled 1 untranslated message(s) from exact matches, marked to review; 1 more have matches of 85% or more"), "{}", run.stderr);
    assert_eq!(read(&ru), blank(&kept, "ch04-trade-record-2023"), "the exact match is the translation it was");
    let lock = read(&project.join("locales/ru/.folio-lock.toml"));
    assert!(lock.lines().any(|l| l.starts_with("ch04-trade-new-heights = ") && l.ends_with(", needs-review = true }")), "marked to review");
    assert!(project.join("locales/ru/.folio-memory.tmx").is_file());
    let sync = common::folio(project, &["sync", "--lang", "ru"]);
    assert_eq!(sync.code, 0, "{}", sync.stderr);
    let lock = read(&project.join("locales/ru/.folio-lock.toml"));
    assert!(lock.lines().any(|l| l.starts_with("ch04-trade-new-heights = ") && l.ends_with(", needs-review = true }")), "sync keeps it to review");

    let (_, text) = export(project, &["--lang", "ru"]);
    assert!(text.contains("<trans-unit id=\"ch04-trade-new-heights\""));
    assert!(target_of(&text, "ch04-trade-new-heights").starts_with("Благодаря"));
    assert!(text.contains("<target state=\"needs-review-translation\">Благодаря"), "filled from memory: to review");
    let fuzzy = text.find("<trans-unit id=\"ch04-trade-record-2023\"").unwrap();
    let unit = &text[fuzzy..fuzzy + text[fuzzy..].find("</trans-unit>").unwrap()];
    assert!(unit.contains("<alt-trans match-quality=\"99%\" origin=\"folio translation memory\">"), "{unit}");
    assert!(!unit.contains("<target state"), "the suggestion is not written as the translation: {unit}");
}

/// Translate Toolkit, whose XLIFF store Weblate and Pootle edit with.
fn translate_toolkit() -> bool {
    let ok = Command::new("python3").args(["-c", "import translate.storage.factory"]).output().is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIPPED Translate Toolkit round trip: `python3 -m pip install translate-toolkit` (.ci/run installs it)");
    }
    ok
}

#[test]
fn translate_toolkit_reads_every_unit_and_its_edit_imports_as_exactly_that_change() {
    if !translate_toolkit() {
        return;
    }
    let dir = common::shipped();
    let project = dir.path();
    let (file, _) = export(project, &["--lang", "ru"]);
    let script = r#"
import sys
from translate.storage import factory
store = factory.getobject(sys.argv[1])
units = [u for u in store.units if u.getid()]
codes = 0
for u in units:
    for elem in u.rich_source:
        codes += sum(1 for e in elem.depth_first() if type(e).__name__ == 'X')
record = next(u for u in units if u.getid().endswith('ch04-trade-record-2023'))
rich = record.rich_target
first = rich[0].sub[0]
assert 'Товарооборот достиг' in str(first), str(first)
first.sub[0] = first.sub[0].replace('Товарооборот достиг исторического максимума.', 'Товарооборот вышел на исторический максимум.')
record.rich_target = rich
store.save()
print(len(units), codes)
"#;
    let out = Command::new("python3").args(["-c", script, file.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let counts = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let (units, codes) = counts.split_once(' ').unwrap();
    assert_eq!(units, "309", "every unit read");
    assert!(codes.parse::<usize>().unwrap() >= 60, "inline codes read as codes: {counts}");

    let before = bundles(project);
    let run = import(project, &file);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("1 message(s) updated"), "{}", run.stderr);
    let path = project.join("locales/ru/04-practical-cooperation.ftl");
    let (_, old) = before.iter().find(|(p, _)| *p == path).unwrap();
    let expected = old
        .lines()
        .find(|l| l.starts_with("ch04-trade-record-2023 = "))
        .unwrap()
        .replace("Товарооборот достиг исторического максимума.", "Товарооборот вышел на исторический максимум.");
    assert_eq!(new_lines(old, &read(&path)), [expected], "exactly the edit, every placeable in place");
}

/// OmegaT in console mode, as an agency's translator runs it.
fn omegat() -> bool {
    let ok = Command::new("omegat").arg("--help").output().is_ok();
    if !ok {
        eprintln!("SKIPPED OmegaT round trip: `apt-get install omegat` (.ci/run installs it)");
    }
    ok
}

fn omegat_run(project: &Path, config: &Path, args: &[&str]) {
    let out = Command::new("omegat")
        .arg(project)
        .args(args)
        .arg(format!("--config-dir={}", config.display()))
        .arg("--no-team")
        .arg("--disable-project-locking")
        .output()
        .expect("omegat runs");
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && log.contains("Finished"), "omegat {args:?}: {log}\n{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn omegat_translates_folios_xliff_and_its_output_imports_with_every_code_in_place() {
    if !omegat() {
        return;
    }
    let dir = common::shipped();
    let project = dir.path();
    let (file, _) = export(project, &["--lang", "ru", "--copy-source"]);
    let work = tempfile::tempdir().unwrap();
    let ot = work.path().join("project");
    for sub in ["source", "target", "tm/auto", "glossary", "dictionary", "omegat"] {
        std::fs::create_dir_all(ot.join(sub)).unwrap();
    }
    std::fs::write(
        ot.join("omegat.project"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<omegat>\n  <project version=\"1.0\">\n    <source_dir>source</source_dir>\n    <source_dir_excludes/>\n    <target_dir>target</target_dir>\n    <tm_dir>tm</tm_dir>\n    <glossary_dir>glossary</glossary_dir>\n    <glossary_file>glossary/glossary.txt</glossary_file>\n    <dictionary_dir>dictionary</dictionary_dir>\n    <source_lang>zh-CN</source_lang>\n    <target_lang>ru-RU</target_lang>\n    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>\n    <target_tok>org.omegat.tokenizer.LuceneRussianTokenizer</target_tok>\n    <sentence_seg>false</sentence_seg>\n    <support_default_translations>true</support_default_translations>\n    <remove_tags>false</remove_tags>\n  </project>\n</omegat>\n",
    )
    .unwrap();
    std::fs::copy(&file, ot.join("source/ru.xlf")).unwrap();
    let config = work.path().join("config");
    let memory = ot.join("tm/auto/pseudo.tmx");
    omegat_run(&ot, &config, &["--mode=console-createpseudotranslatetmx", "--pseudotranslatetype=equal", &format!("--pseudotranslatetmx={}", memory.display())]);
    let pseudo = read(&memory);
    assert!(pseudo.contains("&lt;x0/&gt;"), "OmegaT shows folio's codes as its tags: {}", &pseudo[..pseudo.len().min(2000)]);

    // Every segment "translated" as itself: the bundles stay as they are.
    omegat_run(&ot, &config, &["--mode=console-translate"]);
    let before = bundles(project);
    let run = import(project, &ot.join("target/ru.xlf"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("0 message(s) updated; units: 309 unchanged"), "{}", run.stderr);
    assert_eq!(bundles(project), before);

    // A translator's change in OmegaT, in a segment with tags: that change only arrives.
    let was = "Товарооборот достиг исторического максимума.";
    let at = pseudo.rfind(was).expect("the segment is in the memory");
    std::fs::write(&memory, format!("{}Товарооборот вышел на исторический максимум.{}", &pseudo[..at], &pseudo[at + was.len()..])).unwrap();
    omegat_run(&ot, &config, &["--mode=console-translate"]);
    let run = import(project, &ot.join("target/ru.xlf"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("1 message(s) updated; units: 308 unchanged"), "{}", run.stderr);
    let path = project.join("locales/ru/04-practical-cooperation.ftl");
    let (_, old) = before.iter().find(|(p, _)| *p == path).unwrap();
    let expected = old.lines().find(|l| l.starts_with("ch04-trade-record-2023 = ")).unwrap().replace(was, "Товарооборот вышел на исторический максимум.");
    assert_eq!(new_lines(old, &read(&path)), [expected], "exactly the edit, every placeable in place");
}
