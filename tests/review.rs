//! The review edition (issue 16): `folio render --lang ru --layout review`, a translation
//! beside its source with the message ids in the margin and the status of each pair.

mod common;

use std::path::Path;

use common::{Fonts, folio, renderable};
use serde_json::Value;

fn pdf_text(pdf: &Path, page: Option<usize>) -> String {
    let path = pdf.to_str().unwrap();
    let text = match page {
        Some(n) => common::tool("pdftotext", &["-raw", "-enc", "UTF-8", "-f", &n.to_string(), "-l", &n.to_string(), path, "-"]),
        None => common::tool("pdftotext", &["-raw", "-enc", "UTF-8", path, "-"]),
    };
    text.replace('\u{200B}', "")
}

/// Without line breaks and spaces: Chinese lines break anywhere, ids wrap in the margin.
fn joined(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn review(project: &Path, lang: &str) -> (std::path::PathBuf, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let run = folio(project, &["render", "--lang", lang, "--layout", "review", "--out", out.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().path()).find(|p| !p.ends_with(common::STAMPS)).unwrap();
    assert!(pdf.file_name().unwrap().to_string_lossy().ends_with(&format!("-{lang}-review.pdf")), "{pdf:?}");
    (pdf, out)
}

#[test]
fn russian_beside_chinese() {
    let (pdf, _out) = review(common::repo(), "ru");
    let pages: usize = common::tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap();
    // Both scripts on the pages after the summary. A page may hold only the end of a long
    // Russian paragraph whose Chinese original ended on the page before: a few such pages.
    let mut one_sided = Vec::new();
    for n in 2..=pages {
        let text = pdf_text(&pdf, Some(n));
        assert!(text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)), "p. {n}: no Russian");
        if !text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
            one_sided.push(n);
        }
    }
    assert!(one_sided.len() * 20 <= pages, "pages without Chinese: {one_sided:?} of {pages}");
    let all = joined(&pdf_text(&pdf, None));
    // The message id of every block and heading, in the margin.
    let dump: Value = serde_json::from_str(&folio(common::repo(), &["dump", "--lang", "ru"]).stdout).unwrap();
    let mut ids = Vec::new();
    for chapter in dump["chapters"].as_array().unwrap() {
        ids.push(chapter["origin"]["id"].as_str().unwrap().to_string());
        for block in chapter["intro"].as_array().unwrap() {
            ids.push(block["origin"]["id"].as_str().unwrap().to_string());
        }
        for section in chapter["sections"].as_array().unwrap() {
            ids.push(section["origin"]["id"].as_str().unwrap().to_string());
            for block in section["blocks"].as_array().unwrap() {
                ids.push(block["origin"]["id"].as_str().unwrap().to_string());
            }
        }
    }
    assert!(ids.len() > 120, "{} ids", ids.len());
    for id in &ids {
        assert!(all.contains(id.as_str()), "message id `{id}` is not in the margin");
    }
    // The whole Chinese text, sentence by sentence (a sentence broken by a page turn comes
    // out of the PDF with the other column's lines between its halves).
    let zh: Value = serde_json::from_str(&folio(common::repo(), &["dump", "--lang", "zh"]).stdout).unwrap();
    let (mut sentences, mut missing) = (0, Vec::new());
    for chapter in zh["chapters"].as_array().unwrap() {
        let blocks = chapter["intro"].as_array().unwrap().iter().chain(
            chapter["sections"].as_array().unwrap().iter().flat_map(|s| s["blocks"].as_array().unwrap()),
        );
        for block in blocks.filter(|b| b["kind"] == "paragraph") {
            for run in block["content"].as_array().unwrap().iter().filter_map(|r| r["text"].as_str()) {
                for sentence in run.split_inclusive(['。', '；', '：']).map(joined).filter(|s| s.chars().count() >= 6) {
                    sentences += 1;
                    if !all.contains(&sentence) {
                        missing.push(sentence);
                    }
                }
            }
        }
    }
    assert!(sentences > 200, "{sentences} sentences");
    assert!(missing.len() * 20 <= sentences, "{} of {sentences} Chinese sentences not found: {missing:#?}", missing.len());
}

/// Every message of the chapter bundles has its id on the page (list items, footnotes,
/// callouts and summaries included), and the id copies out of the PDF exactly: no
/// zero-width space, soft hyphen or joiner inside it, no line break (issue 25).
#[test]
fn every_message_id_copies_verbatim() {
    let (pdf, _out) = review(common::repo(), "ru");
    let path = pdf.to_str().unwrap();
    let text = common::tool("pdftotext", &["-raw", "-enc", "UTF-8", path, "-"]);
    let words: std::collections::HashSet<&str> = text.split(|c: char| c.is_whitespace() || c == '(').collect();
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(common::repo().join("locales/zh")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().starts_with(|c: char| c.is_ascii_digit()) {
            let ftl = std::fs::read_to_string(&path).unwrap();
            ids.extend(ftl.lines().filter_map(|l| l.split_once(" =").map(|(id, _)| id.to_string())).filter(|id| {
                id.starts_with(|c: char| c.is_ascii_lowercase()) && !id.contains(' ')
            }));
        }
    }
    assert!(ids.len() >= 190, "{} ids in the zh chapter bundles", ids.len());
    let missing: Vec<&String> = ids.iter().filter(|id| !words.contains(id.as_str())).collect();
    assert!(missing.is_empty(), "{} of {} ids not found verbatim: {missing:?}", missing.len(), ids.len());
    // File references are printed whole too: they serve in a mailed PDF.
    assert!(text.contains("04-practical-cooperation.ftl:"), "no file reference");
    // (Those characters are no whitespace: an id holding one would be a word of its own.)
    for word in words.iter().filter(|w| w.starts_with("ch0") || w.contains(".ftl:")) {
        assert!(!word.contains(['\u{200B}', '\u{00AD}', '\u{2060}', '\u{200D}']), "an invisible character in {word:?}");
    }
}

/// A source message edited after `folio sync` marks its pair as outdated; a message not
/// translated yet shows in the source language, marked.
#[test]
fn outdated_and_untranslated_pairs_are_marked() {
    let project = renderable("three-languages", Fonts::All);
    let root = project.path();
    assert_eq!(folio(root, &["sync", "--lang", "ru"]).code, 0);
    let marks = |text: &str, label: &str| joined(text).matches(label).count();
    let (pdf, _out) = review(root, "ru");
    let before = pdf_text(&pdf, None);
    // The legend and the summary's header name each state; no pair is marked yet.
    let (outdated, untranslated) = (marks(&before, "оригинализменён"), marks(&before, "непереведено"));
    assert_eq!((outdated, untranslated), (2, 2), "{before}");

    let zh = root.join("locales/zh/01-only.ftl");
    let text = std::fs::read_to_string(&zh).unwrap();
    std::fs::write(&zh, text.replace("ch01-body = 正文段落。", "ch01-body = 修改过的正文段落。")).unwrap();
    let ru = root.join("locales/ru/01-only.ftl");
    let text = std::fs::read_to_string(&ru).unwrap();
    let first = text.lines().find(|l| l.starts_with("ch01-first")).expect("ch01-first in ru").to_string();
    std::fs::write(&ru, text.replace(&first, "ch01-first = { \"\" }")).unwrap();

    let (pdf, _out) = review(root, "ru");
    let after = pdf_text(&pdf, None);
    assert_eq!(marks(&after, "оригинализменён"), outdated + 1, "ch01-body is marked:\n{after}");
    assert_eq!(marks(&after, "непереведено"), untranslated + 1, "the list with ch01-first is marked:\n{after}");
    // The summary counts it as `folio stats` does.
    let stats = folio(root, &["stats", "--lang", "ru"]).stdout;
    let row = stats.lines().find(|l| l.starts_with("01-only.ftl")).expect("a row for 01-only.ftl");
    let counts: Vec<&str> = row.split_whitespace().skip(1).take(4).collect();
    assert!(after.contains(&format!("01-only.ftl {}", counts.join(" "))), "summary {counts:?} not in:\n{after}");
    assert!(joined(&after).contains("修改过的正文段落"));
    // The source as it was when translated stands, labelled, above the source as it is now.
    let was = "Оригиналнамоментперевода";
    assert_eq!(marks(&after, was), marks(&before, was) + 1, "{after}");
    // What changed stands above the source as it is now, character by character (issue
    // 25): the old and the new text share the unchanged characters.
    let all = joined(&after);
    let label = all.rfind(was).expect("the label");
    assert_eq!(all[label..].matches("修改过的正文段落。").count(), 2, "the change and the source as it is now:\n{after}");
}

#[test]
fn the_source_itself_is_not_reviewed() {
    let out = tempfile::tempdir().unwrap();
    let run = folio(common::repo(), &["render", "--lang", "zh", "--layout", "review", "--out", out.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("the review edition is a PDF or web page of a translation beside `zh`"), "{}", run.stderr);
}

/// `--format html`: the same pairs as one self-contained web page (rows named by message
/// id, terms of the glossary marked, the old source of an outdated pair struck through).
#[test]
fn review_as_a_web_page() {
    let project = renderable("three-languages", Fonts::All);
    let root = project.path();
    assert_eq!(folio(root, &["sync", "--lang", "ru"]).code, 0);
    let zh = root.join("locales/zh/01-only.ftl");
    let text = std::fs::read_to_string(&zh).unwrap();
    std::fs::write(&zh, text.replace("ch01-body = 正文段落。", "ch01-body = 修改过的正文段落。")).unwrap();
    std::fs::write(root.join("locales/ru/glossary.ftl"), "-paragraph = { $case ->\n   *[nom] абзац\n    [acc] абзац\n}\n").unwrap();

    let out = tempfile::tempdir().unwrap();
    let run = folio(root, &["render", "--lang", "ru", "--layout", "review", "--format", "html", "--out", out.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(out.path().join("three-ru-review.html")).expect("the review page");
    let dump: Value = serde_json::from_str(&folio(root, &["dump", "--lang", "ru"]).stdout).unwrap();
    for chapter in dump["chapters"].as_array().unwrap() {
        let id = chapter["origin"]["id"].as_str().unwrap();
        assert!(page.contains(&format!("<tr class=\"translated\" id=\"{id}\">")), "no row for {id}");
    }
    assert!(page.contains("<tr class=\"outdated\" id=\"ch01-body\">"), "{page}");
    // What changed, character by character (issue 25): the insertion marked.
    assert!(page.contains("<p class=\"was\"><ins>修改过的</ins>正文段落。</p>"), "{page}");
    assert!(page.contains("<u class=\"term\">абзац</u>"), "{page}");
    // A table cell is named on the cell (issue 25), linked from the row's margin; ids stay unique.
    assert!(page.contains("<th scope=\"col\" id=\"table-numbers-year\">"), "{page}");
    assert!(page.contains("<a href=\"#table-numbers-value\">table-numbers-value</a>"), "{page}");
    let ids: Vec<&str> = page.split(" id=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
    // Self-contained: fonts and pictures inside, no script.
    assert!(page.contains("src: url(data:font/"), "no embedded font");
    assert!(!page.contains("<script"));
    assert!(!page.contains("src=\"images/"), "a picture outside the page");
}

/// A changed figure is highlighted as changed (PDF and web page), page 1 lists the pair
/// with its page, and the PDF has a bookmark per chapter (issue 25).
#[test]
fn a_changed_number_is_marked_and_listed_first() {
    let project = renderable("three-languages", Fonts::All);
    let root = project.path();
    let zh = root.join("locales/zh/01-only.ftl");
    let text = std::fs::read_to_string(&zh).unwrap();
    std::fs::write(&zh, text.replace("ch01-body = 正文段落。", "ch01-body = 正文段落，贸易额2401亿美元。")).unwrap();
    assert_eq!(folio(root, &["sync", "--lang", "ru"]).code, 0);
    std::fs::write(&zh, text.replace("ch01-body = 正文段落。", "ch01-body = 正文段落，贸易额2402亿美元。")).unwrap();

    let out = tempfile::tempdir().unwrap();
    let run = folio(root, &["render", "--lang", "ru", "--layout", "review", "--format", "pdf,html", "--out", out.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(out.path().join("three-ru-review.html")).unwrap();
    assert!(page.contains("<del class=\"number\">2401</del><ins class=\"number\">2402</ins>"), "{page}");
    assert!(page.contains("<input type=\"radio\" name=\"show\" id=\"show-changed\" value=\"changed\"/>"), "no filter");
    assert!(page.contains("href=\"#ch01-body\""), "the row links to itself");

    let pdf = out.path().join("three-ru-review.pdf");
    let first = pdf_text(&pdf, Some(1));
    let pages = joined(&pdf_text(&pdf, None));
    let line = first.lines().find(|l| l.contains("ch01-body")).unwrap_or_else(|| panic!("ch01-body not listed on p. 1:\n{first}"));
    let on: usize = line.trim_end_matches('.').rsplit(['.', ' ']).next().unwrap().parse().expect("a page number");
    assert!(joined(&pdf_text(&pdf, Some(on))).contains("ch01-body"), "ch01-body is not on p. {on}");
    // Both figures stand in the change above the source; the legend shows how.
    assert!(pages.contains("24012402亿美元"), "{pages}");
    let bytes = std::fs::read(&pdf).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/Outlines"), "no bookmarks");
}

/// Sign-off (issue 25): `folio review approve` records who approved which version in the
/// lock; stats count it as reviewed and the review edition marks it; a later change to
/// the source undoes it (the pair is outdated again); a mistyped id approves nothing.
#[test]
fn approve_then_a_source_change_undoes_it() {
    let project = renderable("three-languages", Fonts::All);
    let root = project.path();
    assert_eq!(folio(root, &["sync", "--lang", "ru"]).code, 0);
    let reviewed = |root: &Path| -> (u64, u64) {
        let stats: Value = serde_json::from_str(&folio(root, &["stats", "--lang", "ru", "--format", "json"]).stdout).unwrap();
        (stats[0]["total"]["reviewed"].as_u64().unwrap(), stats[0]["total"]["outdated"].as_u64().unwrap())
    };
    assert_eq!(reviewed(root), (0, 0));
    let lock = root.join("locales/ru/.folio-lock.toml");
    let before = std::fs::read_to_string(&lock).unwrap();
    let typo = folio(root, &["review", "approve", "--lang", "ru", "ch01-body", "ch01-nope", "--by", "Анна"]);
    assert_eq!(typo.code, 2, "{}", typo.stderr);
    assert!(typo.stderr.contains("no message `ch01-nope` in locales/zh/"), "{}", typo.stderr);
    assert_eq!(std::fs::read_to_string(&lock).unwrap(), before, "nothing approved");

    let run = folio(root, &["review", "approve", "--lang", "ru", "ch01-body", "--by", "Анна"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("1 message(s) approved by Анна"), "{}", run.stderr);
    assert_eq!(reviewed(root), (1, 0));
    let text = folio(root, &["stats", "--lang", "ru"]).stdout;
    assert!(text.lines().next().unwrap().ends_with("reviewed"), "{text}");
    let all = folio(root, &["review", "approve", "--lang", "ru", "--all", "--by", "Анна"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    let (everything, _) = reviewed(root);
    assert!(everything > 1, "{}", all.stderr);

    let html = |root: &Path| {
        let out = tempfile::tempdir().unwrap();
        let run = folio(root, &["render", "--lang", "ru", "--layout", "review", "--format", "html", "--out", out.path().to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        std::fs::read_to_string(out.path().join("three-ru-review.html")).unwrap()
    };
    let page = html(root);
    assert!(page.contains("<span class=\"approved\">✓ Анна</span>"), "{page}");

    let zh = root.join("locales/zh/01-only.ftl");
    let text = std::fs::read_to_string(&zh).unwrap();
    std::fs::write(&zh, text.replace("ch01-body = 正文段落。", "ch01-body = 修改过的正文段落。")).unwrap();
    assert_eq!(reviewed(root), (everything - 1, 1), "ch01-body is outdated and unapproved again");
    let page = html(root);
    assert!(page.contains("<tr class=\"outdated\" id=\"ch01-body\">"), "{page}");
    // Re-approving it confirms the translation against the new source.
    assert_eq!(folio(root, &["review", "approve", "--lang", "ru", "ch01-body", "--by", "Анна"]).code, 0);
    assert_eq!(reviewed(root), (everything, 0));
}
