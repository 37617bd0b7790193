//! `folio proof` (issue 15): the laid-out pages read as a proofreader would. The checks
//! themselves are unit-tested on synthetic pages in src/proof.rs; here, the shipped report
//! must proof clean, and a project that checks clean but prints badly must not.

mod common;

use common::{Fonts, folio, renderable};

/// The screen editions of the report have nothing a proofreader would mark, warnings
/// included; the print editions have no errors (a widow the layout cannot avoid is a
/// warning, see the issue notes).
#[test]
fn shipped_report_proofs_clean() {
    let run = folio(common::repo(), &["proof", "--lang", "all", "--strict"]);
    assert_eq!(run.code, 0, "folio proof --lang all --strict:\n{}", run.stderr);
    for lang in ["zh", "ru", "en"] {
        assert!(run.stderr.contains(&format!("{lang:>4}  report  ")), "{lang} was proofed:\n{}", run.stderr);
    }
    let run = folio(common::repo(), &["proof", "--lang", "all", "--layout", "print"]);
    assert_eq!(run.code, 0, "folio proof --lang all --layout print:\n{}", run.stderr);
}

/// Braces from a bundle (what Fluent prints for a failed placeable) and a character none
/// of the fonts has: `check` cannot see either, `proof` finds both on the page and names
/// the paragraph's message and model place.
#[test]
fn fallback_text_and_tofu_are_found_on_the_page() {
    let project = renderable("proof-problems", Fonts::All);
    let check = folio(project.path(), &["check", "--lang", "zh"]);
    assert_eq!(check.code, 0, "{}", check.stderr);

    let run = folio(project.path(), &["proof", "--lang", "zh"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "report/chapters/01-only.toml:11:9: error: zh p. 6: `{` printed in “{”: a Fluent fallback or placeable [fallback-text]",
        "report/chapters/01-only.toml:11:9: error: zh p. 6: 1 glyph(s) of “𓀀。” missing from the font (tofu) [tofu]",
        "  = hint: in `ch01-body`",
    ] {
        assert!(run.stderr.contains(expected), "missing `{expected}` in:\n{}", run.stderr);
    }

    let json = folio(project.path(), &["proof", "--lang", "zh", "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON findings");
    let checks: Vec<&str> = findings.as_array().expect("a list").iter().map(|f| f["check"].as_str().unwrap()).collect();
    assert_eq!(checks, ["fallback-text", "fallback-text", "tofu"]);
    assert!(findings.as_array().unwrap().iter().all(|f| f["id"] == "ch01-body" && f["page"] == 6));
}

/// Proof runs on every layout folio ships: the review edition (a translation beside its
/// source, issue 25: it failed on `data.source`), the charts' and the covers' layouts.
#[test]
fn proof_runs_on_every_shipped_layout() {
    let run = folio(common::repo(), &["proof", "--lang", "ru,en", "--layout", "review"]);
    // Exit 0: no errors, margin ids running into each other (`margin-overlap`) included.
    assert_eq!(run.code, 0, "folio proof --layout review:\n{}", run.stderr);
    assert!(!run.stderr.contains("[margin-overlap]"), "{}", run.stderr);
    for lang in ["ru", "en"] {
        assert!(run.stderr.contains(&format!("{lang:>4}  review  ")), "{lang} was proofed:\n{}", run.stderr);
    }
    // The source language has no review edition of its own.
    let run = folio(common::repo(), &["proof", "--lang", "zh", "--layout", "review"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("there is none to proof"), "{}", run.stderr);
    for layout in ["chart", "cover", "epub-cover"] {
        let run = folio(common::repo(), &["proof", "--lang", "ru", "--layout", layout]);
        assert_eq!(run.code, 0, "folio proof --layout {layout}:\n{}", run.stderr);
        assert!(run.stderr.contains(&format!("  ru  {layout}  ")), "{}", run.stderr);
    }
}

/// An edition tagged zh-Hant (the shipped Chinese bundle copied as `locales/zh-Hant/`) is
/// set and proofed as Chinese: Typst gets its language code `zh` and the layout's Chinese
/// style (Noto Serif SC), and the proof's 孤字 check applies to it, not widows and orphans
/// (src/proof.rs tests the checks themselves for zh-Hant and ja).
#[test]
fn a_traditional_chinese_edition_is_set_and_proofed_as_chinese() {
    let project = common::shipped();
    common::copy_dir(&project.path().join("locales/zh"), &project.path().join("locales/zh-Hant"));
    let toml = project.path().join("report/report.toml");
    let text = std::fs::read_to_string(&toml).expect("report.toml");
    let languages = "languages = [\"zh\", \"ru\", \"en\"]";
    assert!(text.contains(languages), "{text}");
    std::fs::write(&toml, text.replace(languages, "languages = [\"zh\", \"ru\", \"en\", \"zh-Hant\"]")).expect("report.toml is written");

    let run = folio(project.path(), &["proof", "--lang", "zh-Hant", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("zh-Hant  report  "), "{}", run.stderr);
    let run = common::folio_in(project.path(), &["render", "--lang", "zh-Hant"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fonts = common::tool("pdffonts", &[project.path().join("out/china-russia-new-era-zh-Hant.pdf").to_str().expect("a UTF-8 path")]);
    assert!(fonts.contains("NotoSerifSC"), "{fonts}");
}
