//! The translator workflow (issue 8): `folio check` on translations seeded with every kind
//! of problem (tests/fixtures/i18n-problems/), `folio stats`, `folio new-lang` then `check`
//! (more on languages in progress in tests/progress.rs), `folio sync` after the source
//! changed, and draft renders of a partial translation (tests/fixtures/i18n-partial/).

mod common;

use std::path::Path;

use serde_json::Value;

/// `folio check --lang ru` on i18n-problems: every diagnostic, in order.
const RU_PROBLEMS: &[&str] = &[
    "locales/ru/01-intro.ftl:4:1: error: footnote `$ch01-note-source` of the source message is missing",
    "locales/ru/01-intro.ftl:5:71: error: term `-russia` has no case variant `dat`",
    "locales/ru/01-intro.ftl:5:81: warning: straight quote `\"` in Russian text",
    "locales/ru/01-intro.ftl:5:88: warning: straight quote `\"` in Russian text",
    "locales/ru/01-intro.ftl:5:99: warning: space before `,`",
    "locales/ru/01-intro.ftl:5:106: warning: `“` is not a Russian quotation mark",
    "locales/ru/01-intro.ftl:5:114: warning: `”` is not a Russian quotation mark",
    "locales/ru/01-intro.ftl:6:1: error: message `ch01-s1-title` is not translated yet",
    "locales/ru/01-intro.ftl:7:1: warning: message `ch01-trade` is outdated: its source changed since it was translated",
    "locales/ru/01-intro.ftl:7:20: warning: ordinary space between a number and `г.`",
    "locales/ru/01-intro.ftl:7:61: warning: ordinary space between a number and `млрд`",
    "locales/ru/01-intro.ftl:7:105: warning: ordinary space between a number and `%`",
    "locales/ru/01-intro.ftl:7:109: error: `$growth` is not a variable of the source message",
    "locales/ru/01-intro.ftl:8:1: error: missing message `ch01-first`",
    "locales/ru/01-intro.ftl:8:21: error: reference to unknown message `ch01-missing-ref`",
    "locales/ru/01-intro.ftl:8:43: error: reference to unknown term `-usa`",
    "locales/ru/01-intro.ftl:8:54: error: unknown function `UPPER()`",
    "locales/ru/01-intro.ftl:9:1: warning: obsolete message `ch01-old`: the source no longer has it",
    "locales/ru/01-intro.ftl:10:1: error: duplicate id `ch01-title`",
    "locales/ru/01-intro.ftl:14:1: error: variable `$url` of the source message is missing",
    "locales/ru/02-more.ftl: error: missing file: 2 message(s) of locales/zh/02-more.ftl are not translated",
    "locales/ru/labels.ftl:5:25: error: plural variants lack the `few`, `many` categories of ru",
    "locales/ru/report.ftl:5:26: error: this `{` on line 5 is never closed",
];

const EN_PROBLEMS: &[&str] = &[
    "locales/en/01-intro.ftl:5:35: warning: straight apostrophe `'`",
    "locales/en/01-intro.ftl:5:51: warning: straight quote `\"`",
    "locales/en/01-intro.ftl:5:60: warning: straight quote `\"`",
    "locales/en/labels.ftl:7:6: warning: plural variant `[few]` is never chosen in en",
];

const ZH_PROBLEMS: &[&str] = &["locales/zh/01-intro.ftl:5:22: warning: half-width `,` between Chinese characters"];

/// The heads of the diagnostics in the text output (`file:line:col: level: message`), told
/// from the excerpt lines (`5 | …`, `  |`) and hints below them.
fn heads(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| !line.starts_with(char::is_whitespace) && !line.split_once(" |").is_some_and(|(n, _)| n.bytes().all(|b| b.is_ascii_digit())))
        .filter(|line| line.contains(": error: ") || line.contains(": warning: "))
        .collect()
}

/// The same heads built from `--format json`.
fn json_heads(stdout: &str) -> Vec<String> {
    let diags: Value = serde_json::from_str(stdout).expect("check --format json prints JSON");
    diags
        .as_array()
        .expect("an array of diagnostics")
        .iter()
        .map(|d| {
            let loc = &d["location"];
            let mut place = loc["file"].as_str().expect("a file").to_string();
            for key in ["line", "column"] {
                if let Some(n) = loc[key].as_u64() {
                    place.push_str(&format!(":{n}"));
                }
            }
            format!("{place}: {}: {}", d["severity"].as_str().unwrap(), d["message"].as_str().unwrap())
        })
        .collect()
}

fn check(project: &Path, args: &[&str]) -> common::Run {
    let run = common::folio(project, &[&["check"], args].concat());
    assert!(!run.stderr.contains("panicked"), "folio panicked:\n{}", run.stderr);
    run
}

#[test]
fn check_reports_every_problem_of_a_translation() {
    let project = common::fixture("i18n-problems");
    for (lang, expected, code) in [("ru", RU_PROBLEMS, 1), ("en", EN_PROBLEMS, 0), ("zh", ZH_PROBLEMS, 0)] {
        let text = check(&project, &["--lang", lang]);
        assert_eq!(heads(&text.stderr), expected, "{lang}:\n{}", text.stderr);
        assert_eq!(text.code, code, "{lang}:\n{}", text.stderr);
        let json = check(&project, &["--lang", lang, "--format", "json"]);
        assert_eq!(json_heads(&json.stdout), expected, "{lang} (json)");
        assert_eq!(json.code, code, "{lang} (json)");
    }
}

#[test]
fn check_shows_the_line_and_a_hint() {
    let run = check(&common::fixture("i18n-problems"), &["--lang", "ru"]);
    let variant = concat!(
        "locales/ru/01-intro.ftl:5:71: error: term `-russia` has no case variant `dat`\n",
        "  |\n",
        "5 | ch01-relations = Отношения { -china(case: \"gen\") } и { -russia(case: \"dat\") } — \"лучшие\" в истории , как “никогда”.\n",
        "  |                                                                       ^^^\n",
        "  = hint: its case variants are: nom, gen\n",
    );
    assert!(run.stderr.contains(variant), "{}", run.stderr);
    for hint in [
        "  = hint: the source now reads: 2023年双边贸易额达到2401亿美元，增长26.3%。; revise the translation, then run `folio sync --lang ru` (or add `--accept ch01-trade` if it needs no change)",
        "  = hint: the source has it at locales/zh/01-intro.ftl:9:1 (贸易稳步增长。); `folio sync --lang ru` inserts it here",
        "  = hint: ru distinguishes one, few, many, other (CLDR)",
        "  = hint: already defined at locales/ru/01-intro.ftl:3:1",
        "  = hint: use a no-break space (U+00A0) so that the number and its unit stay on one line",
    ] {
        assert!(run.stderr.contains(hint), "no `{hint}` in:\n{}", run.stderr);
    }
    assert!(run.stderr.ends_with("13 error(s), 10 warning(s)\n"), "{}", run.stderr);
}

#[test]
fn warnings_fail_only_with_strict() {
    let project = common::fixture("i18n-problems");
    assert_eq!(check(&project, &["--lang", "en"]).code, 0);
    assert_eq!(check(&project, &["--lang", "en", "--strict"]).code, 1);
    assert_eq!(check(&project, &["--lang", "en", "--strict", "--format", "json"]).code, 1);
}

/// The glossary check (tests/fixtures/i18n-glossary/): a name of the source that the Russian
/// glossary records (`# zh: 俄罗斯` above `-russia`) must be a reference to the term, and
/// `# glossary-exempt: <reason>` is itself checked.
#[test]
fn check_enforces_the_glossary() {
    let project = common::fixture("i18n-glossary");
    let run = check(&project, &["--lang", "all"]);
    assert_eq!(
        heads(&run.stderr),
        [
            "locales/ru/01-only.ftl:9:1: warning: message `ch01-opening` does not use the glossary term `-russia`",
            "locales/ru/01-only.ftl:11:3: warning: message `ch01-s1-title` needs no glossary exemption",
            "locales/ru/01-only.ftl:17:3: warning: `# glossary-exempt` without a reason exempts nothing",
            "locales/ru/01-only.ftl:18:1: warning: message `ch01-photo` does not use the glossary term `-russia`",
            "locales/ru/01-only.ftl:20:3: warning: `# glossary-exempt` is not attached to a message",
        ],
        "{}",
        run.stderr
    );
    let hint = "  = hint: the source has 俄罗斯 at locales/zh/01-only.ftl:9:31; the glossary translates it as \
                `{ -russia(case: \"…\") }` (Россия; cases: nom, acc); or, if this message must do without it, \
                say why in `# glossary-exempt: <reason>` directly above it\n";
    assert!(run.stderr.contains(hint), "no `{hint}` in:\n{}", run.stderr);
    assert_eq!(run.code, 0, "warnings only");
    assert_eq!(check(&project, &["--lang", "all", "--strict"]).code, 1);
}

#[test]
fn stats_count_translated_missing_and_outdated_messages() {
    let run = common::folio(&common::fixture("i18n-problems"), &["stats", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stats: Value = serde_json::from_str(&run.stdout).expect("stats --format json prints JSON");
    let rows: Vec<(String, String, u64, u64, u64, u64)> = stats
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|lang| {
            let name = lang["lang"].as_str().unwrap().to_string();
            lang["files"].as_array().unwrap().iter().chain([&lang["total"]]).map(move |r| {
                let n = |k: &str| r[k].as_u64().unwrap();
                (name.clone(), r["file"].as_str().unwrap().to_string(), n("messages"), n("translated"), n("missing"), n("outdated"))
            })
        })
        .collect();
    let expected = [
        ("ru", "01-intro.ftl", 8, 6, 2, 1),
        ("ru", "02-more.ftl", 2, 0, 2, 0),
        ("ru", "labels.ftl", 25, 25, 0, 0),
        ("ru", "report.ftl", 4, 3, 1, 0),
        ("ru", "total", 39, 34, 5, 1),
        ("en", "01-intro.ftl", 8, 8, 0, 0),
        ("en", "02-more.ftl", 2, 2, 0, 0),
        ("en", "labels.ftl", 25, 25, 0, 0),
        ("en", "report.ftl", 4, 4, 0, 0),
        ("en", "total", 39, 39, 0, 0),
    ];
    let expected: Vec<_> =
        expected.iter().map(|&(l, f, m, t, mi, o)| (l.to_string(), f.to_string(), m, t, mi, o)).collect();
    assert_eq!(rows, expected);
    let text = common::folio(&common::fixture("i18n-problems"), &["stats", "--lang", "ru"]);
    // 33 of 39 up to date is 84.6 %: rounded down, as the columns add up.
    assert!(text.stdout.contains("\n01-intro.ftl         8           6        2         1    62%"), "{}", text.stdout);
    assert!(text.stdout.contains("\ntotal               39          34        5         1    84%"), "{}", text.stdout);
}

#[test]
fn new_lang_then_check_lists_every_message_untranslated() {
    let dir = common::renderable("i18n-partial", common::Fonts::Only(&[]));
    let project = dir.path();
    let run = common::folio(project, &["new-lang", "de"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("created locales/de/: 4 files, 39 messages to translate"), "{}", run.stderr);
    let report = std::fs::read_to_string(project.join("report/report.toml")).unwrap();
    assert!(report.contains("languages = [\"zh\", \"ru\"]\n"), "{report}");
    assert!(report.contains("\nin-progress = [\"de\"]\n"), "{report}");
    let scaffold = std::fs::read_to_string(project.join("locales/de/01-intro.ftl")).unwrap();
    assert!(
        scaffold.contains("\n# 亿 = 100 million.\n# zh: 2023年双边贸易额达到2401亿美元，增长26.3%。\nch01-trade = { \"\" }\n"),
        "{scaffold}"
    );

    // A language in progress: its untranslated messages are counted, and listed on request.
    let run = check(project, &["--lang", "de"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(heads(&run.stderr).is_empty(), "{}", run.stderr);
    assert!(run.stderr.contains("de: in progress, 0 of 39 messages translated\n"), "{}", run.stderr);
    let run = check(project, &["--lang", "de", "--list-missing"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("    locales/de/")).collect();
    assert_eq!(found.len(), 39, "{}", run.stderr);
    assert!(found.iter().all(|h| h.contains(": message `") && h.ends_with("` is not translated yet")), "{found:#?}");
    assert_eq!(found[0], "    locales/de/01-intro.ftl:4:1: message `ch01-title` is not translated yet");

    assert_eq!(common::folio(project, &["new-lang", "de"]).code, 2, "an existing language is refused");
    let draft = common::folio(project, &["check", "--lang", "zh"]);
    assert_eq!(draft.code, 0, "the source is untouched: {}", draft.stderr);
}

#[test]
fn sync_adds_new_source_messages_and_tracks_outdated_ones() {
    let dir = common::renderable("i18n-partial", common::Fonts::Only(&[]));
    let project = dir.path();
    let ru = project.join("locales/ru/01-intro.ftl");
    let before = std::fs::read_to_string(&ru).unwrap();

    // First sync: the missing messages become placeholders, the translations are recorded.
    let run = common::folio(project, &["sync", "--lang", "ru"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("locales/ru/.folio-lock.toml: 34 translated message(s), 34 newly recorded"), "{}", run.stderr);
    let synced = std::fs::read_to_string(&ru).unwrap();
    assert!(synced.contains("ch01-trade = { \"\" }\n# zh: 贸易稳步增长。\nch01-first = { \"\" }\n# zh: 投资不断扩大。\nch01-second = { \"\" }\n"), "{synced}");
    assert!(project.join("locales/ru/02-more.ftl").is_file());

    // The source gains a message and changes another; the translation has a message the source lacks.
    edit(&project.join("locales/zh/01-intro.ftl"), |t| {
        t.replace("ch01-title = 前言\n", "ch01-title = 序言\n")
            .replace("ch01-relations = 两国关系处于历史最好时期。\n", "ch01-relations = 两国关系处于历史最好时期。\nch01-new = 新增的一段。\n")
    });
    edit(&project.join("report/chapters/01-intro.toml"), |t| {
        t.replace("  { p = \"ch01-relations\" },\n", "  { p = \"ch01-relations\" },\n  { p = \"ch01-new\" },\n")
    });
    edit(&ru, |t| format!("{t}ch01-gone = Больше не нужно.\n"));
    let run = check(project, &["--lang", "ru"]);
    let found = heads(&run.stderr);
    assert!(found.contains(&"locales/ru/01-intro.ftl:3:1: warning: message `ch01-title` is outdated: its source changed since it was translated"), "{found:#?}");
    assert!(found.contains(&"locales/ru/01-intro.ftl:6:1: error: missing message `ch01-new`"), "{found:#?}");

    let run = common::folio(project, &["sync", "--lang", "ru"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("locales/ru/01-intro.ftl: added 1 message(s) to translate"), "{}", run.stderr);
    assert!(run.stderr.contains("1 message(s) still outdated (revise them, or `--accept ID` if they need no change): ch01-title"), "{}", run.stderr);
    let resynced = std::fs::read_to_string(&ru).unwrap();
    assert!(resynced.contains("переживают лучший период в истории.\n# zh: 新增的一段。\nch01-new = { \"\" }\nch01-s1-title ="), "{resynced}");
    assert!(resynced.contains("\n# folio: obsolete, the source no longer has this message\nch01-gone = Больше не нужно.\n"), "{resynced}");
    assert_lines_kept(&before, &resynced);

    let checked = check(project, &["--lang", "ru"]).stderr;
    let heads_after = heads(&checked);
    assert!(heads_after.contains(&"locales/ru/01-intro.ftl:7:1: error: message `ch01-new` is not translated yet"), "{heads_after:#?}");
    assert!(heads_after.iter().any(|h| h.contains("obsolete message `ch01-gone`")), "{heads_after:#?}");

    // Revising the outdated translation and syncing records it as up to date.
    edit(&ru, |t| t.replace("ch01-title = Предисловие\n", "ch01-title = Вступление\n"));
    let run = common::folio(project, &["sync", "--lang", "ru"]);
    assert!(run.stderr.contains("1 revised after a source change"), "{}", run.stderr);
    let after = check(project, &["--lang", "ru"]).stderr;
    assert!(!after.contains("outdated"), "{after}");
    // A second sync adds nothing and does not mark twice.
    let again = std::fs::read_to_string(&ru).unwrap();
    common::folio(project, &["sync", "--lang", "ru"]);
    assert_eq!(std::fs::read_to_string(&ru).unwrap(), again);
}

fn edit(path: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let changed = change(text.clone());
    assert_ne!(changed, text, "{}: the edit changed nothing", path.display());
    std::fs::write(path, changed).unwrap();
}

/// Every line of `before` is in `after`, in the same order: sync only inserts.
fn assert_lines_kept(before: &str, after: &str) {
    let mut rest = after.lines();
    for line in before.lines() {
        assert!(rest.any(|l| l == line), "line `{line}` was changed or moved:\n{after}");
    }
}

#[test]
fn draft_render_marks_untranslated_blocks_and_plain_render_refuses() {
    let dir = common::renderable("i18n-partial", common::Fonts::All);
    let project = dir.path();
    let out = project.join("out");
    let out = out.to_str().unwrap();
    let run = common::folio(project, &["render", "--lang", "ru", "--out", out]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("report/chapters/01-intro.toml:12:9: error: unknown message `ch01-trade` in the `ru` bundle"),
        "{}",
        run.stderr
    );
    assert!(!project.join("out/i18n-ru.pdf").exists());

    let run = common::folio(project, &["render", "--lang", "ru,zh", "--draft", "--out", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = common::tool("pdftotext", &[project.join("out/i18n-ru.pdf").to_str().unwrap(), "-"]);
    assert!(text.contains("Предисловие") && text.contains("投资不断扩大"), "the draft mixes ru and its zh fallback:\n{text}");
    assert!(marked_pixels(project, "i18n-ru") > 0, "no orange margin mark in the ru draft");
    assert_eq!(marked_pixels(project, "i18n-zh"), 0, "the complete zh edition has no mark");
}

/// Pixels of the draft mark's orange rule in the rendered pages of `out/<stem>.pdf`.
fn marked_pixels(project: &Path, stem: &str) -> usize {
    let pdf = project.join(format!("out/{stem}.pdf"));
    let prefix = project.join(format!("out/{stem}-page"));
    common::tool("pdftoppm", &["-r", "30", "-png", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let mut count = 0;
    for entry in std::fs::read_dir(project.join("out")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(&format!("{stem}-page")) && name.ends_with(".png") {
            let image = image::open(&path).expect("pdftoppm writes PNG").to_rgb8();
            count += image.pixels().filter(|p| p[0] > 190 && (90..170).contains(&p[1]) && p[2] < 70).count();
        }
    }
    count
}

/// i18n-partial after its first sync, with a source message `ch01-five-persistences` that the
/// translator typed as `ch01-five-persistance`, and a glossary term used as `-xi-jinpin`.
fn with_mistyped_id() -> tempfile::TempDir {
    let dir = common::renderable("i18n-partial", common::Fonts::Only(&[]));
    let project = dir.path();
    assert_eq!(common::folio(project, &["sync", "--lang", "ru"]).code, 0);
    edit(&project.join("locales/zh/01-intro.ftl"), |t| {
        t.replace("ch01-relations = 两国关系处于历史最好时期。\n", "ch01-relations = 两国关系处于历史最好时期。\nch01-five-persistences = 五个坚持。\n")
    });
    edit(&project.join("report/chapters/01-intro.toml"), |t| {
        t.replace("  { p = \"ch01-relations\" },\n", "  { p = \"ch01-relations\" },\n  { p = \"ch01-five-persistences\" },\n")
    });
    edit(&project.join("locales/ru/01-intro.ftl"), |t| {
        t.replace(
            "ch01-s1-title =",
            "ch01-five-persistance = { -xi-jinpin } обобщил это в виде «пяти неизменных установок».\nch01-s1-title =",
        )
    });
    std::fs::write(project.join("locales/ru/glossary.ftl"), "-xi-jinping = Си Цзиньпин\n").unwrap();
    dir
}

#[test]
fn a_mistyped_id_is_one_finding_with_did_you_mean() {
    let dir = with_mistyped_id();
    let run = check(dir.path(), &["--lang", "ru"]);
    let found = heads(&run.stderr);
    assert!(
        found.contains(&"locales/ru/01-intro.ftl:6:1: error: `ch01-five-persistance` is not a source message: did you mean `ch01-five-persistences`? (rename it)"),
        "{}",
        run.stderr
    );
    // One finding: neither obsolete nor missing, and no hint to delete the translation.
    assert!(!found.iter().any(|h| h.contains("obsolete") || h.contains("missing message `ch01-five-persistences`")), "{found:#?}");
    assert!(
        run.stderr.contains("  = hint: the source has `ch01-five-persistences` at locales/zh/01-intro.ftl:6:1 (五个坚持。); change the id here to `ch01-five-persistences`. `folio sync` keeps this translation meanwhile\n"),
        "{}",
        run.stderr
    );
    assert!(found.contains(&"locales/ru/01-intro.ftl:6:27: error: reference to unknown term `-xi-jinpin`"), "{found:#?}");
    assert!(run.stderr.contains("  = hint: did you mean `-xi-jinping`?\n"), "{}", run.stderr);
    assert!(!run.stderr.to_lowercase().contains("delete it"), "{}", run.stderr);
}

#[test]
fn sync_keeps_a_translation_under_a_mistyped_id_and_says_rename() {
    let dir = with_mistyped_id();
    let project = dir.path();
    let ru = project.join("locales/ru/01-intro.ftl");
    let before = std::fs::read_to_string(&ru).unwrap();
    let run = common::folio(project, &["sync", "--lang", "ru"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&ru).unwrap(), before, "no placeholder beside it, no obsolete mark");
    assert!(
        run.stderr.contains("locales/ru/01-intro.ftl:6:1: warning: `ch01-five-persistance` is not a source message: did you mean `ch01-five-persistences`? (rename it)\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("  = hint: kept as it is: change the id here to `ch01-five-persistences`, then run `folio sync --lang ru` again; the source has `ch01-five-persistences` at locales/zh/01-intro.ftl:6:1\n"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("locales/ru/ has every source message"), "{}", run.stderr);

    // A bundle an older sync already broke (an empty message beside the translation, which
    // is marked obsolete): check says to rename and delete the empty one; sync unmarks it.
    edit(&ru, |t| {
        t.replace("ch01-five-persistance =", "# folio: obsolete, the source no longer has this message\nch01-five-persistance =")
            .replace("ch01-s1-title =", "# zh: 五个坚持。\nch01-five-persistences = { \"\" }\nch01-s1-title =")
    });
    let run = check(project, &["--lang", "ru"]);
    assert!(run.stderr.contains("and delete the empty `ch01-five-persistences = { \"\" }` at locales/ru/01-intro.ftl:9:1"), "{}", run.stderr);
    assert!(!heads(&run.stderr).iter().any(|h| h.contains("not translated yet") && h.contains("persistences")), "{}", run.stderr);
    assert_eq!(common::folio(project, &["sync", "--lang", "ru"]).code, 0);
    assert!(!std::fs::read_to_string(&ru).unwrap().contains("obsolete"));

    // The rename (and the term) done, the message is translated and recorded.
    edit(&ru, |t| {
        t.replace("# zh: 五个坚持。\nch01-five-persistences = { \"\" }\n", "")
            .replace("ch01-five-persistance =", "ch01-five-persistences =")
            .replace("-xi-jinpin ", "-xi-jinping ")
    });
    let run = common::folio(project, &["sync", "--lang", "ru"]);
    assert!(run.stderr.contains("1 newly recorded"), "{}", run.stderr);
    let after = check(project, &["--lang", "ru"]).stderr;
    assert!(!after.contains("ch01-five"), "{after}");
}

#[test]
fn syntax_errors_say_what_to_fix_with_the_parser_as_a_note() {
    let run = check(&common::fixture("invalid-fluent-syntax"), &["--lang", "zh"]);
    assert!(
        run.stderr.contains(concat!(
            "locales/zh/01-only.ftl:16:1: error: continuation lines of a message must be indented\n",
            "   |\n",
            "16 | 图片说明的第二行\n",
            "   | ^^\n",
            "  = hint: indent it with spaces to continue the message above; a line at the margin starts a message (`id = …`), a term (`-name = …`) or a comment (`# …`)\n",
            "  = note: the Fluent parser says: Expected one of \"a-zA-Z\"\n",
        )),
        "{}",
        run.stderr
    );
    let run = check(&common::fixture("invalid-fluent-unclosed-placeable"), &["--lang", "zh"]);
    assert!(
        run.stderr.contains("  = note: the Fluent parser says: Expected a token starting with \"}\" (at locales/zh/01-only.ftl:5:65)\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_error_in_a_long_line_shows_a_window_around_it_once() {
    let run = check(&common::fixture("invalid-fluent-long-line"), &["--lang", "zh"]);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let head = lines.iter().position(|l| l.starts_with("locales/zh/01-only.ftl:12:533: error: this `}` closes no `{`")).expect(&run.stderr);
    let (excerpt, caret) = (lines[head + 2], lines[head + 3]);
    assert_eq!(excerpt, "12 | …国是山水相连的最大邻国，两}国关系处于历史最好时期，双方在各领域的合作不断深化。…");
    // The caret stands under the `}`, counting two columns for each Chinese character.
    let text = excerpt.strip_prefix("12 | ").unwrap();
    let before: usize = text[..text.find('}').unwrap()].chars().map(|c| if c == '…' { 1 } else { 2 }).sum();
    assert_eq!(caret, format!("   | {}^", " ".repeat(before)));
    // The paragraph is not printed whole anywhere.
    assert!(lines.iter().all(|l| l.chars().count() < 200), "{}", run.stderr);
}
