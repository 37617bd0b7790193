//! End to end (issue 4): render PDFs with the `folio` binary and read them back with
//! poppler's pdftotext, pdfinfo and pdffonts. These tools are required: without them the
//! tests fail with instructions (CI installs poppler-utils), they never pass silently.
//!
//! Text is compared with all whitespace removed (line breaks, CJK–Latin spacing) and
//! without the zero-width spaces the layout puts after `/` in URLs as break opportunities.
//! pdftotext runs with `-raw` (content-stream order), which keeps a hyphen at a line end:
//! the default mode drops it, turning `vlasti-otsenili` broken after its hyphen into
//! `vlastiotsenili`.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

use common::{Fonts, folio, squeeze};

/// Characters Typst reads as markup, and `&` for HTML and XML.
const METACHARACTERS: &[char] = &['#', '$', '*', '_', '<', '@', '[', ']', '\\', '&'];

fn render_zh(project: &Path, out: &Path) -> PathBuf {
    let out_arg = out.to_str().expect("temporary paths are UTF-8");
    // --force: a second render into the same folder lays out again (tests reproducibility).
    let run = folio(project, &["render", "--lang", "zh", "--format", "pdf", "--out", out_arg, "--force"]);
    assert_eq!(run.code, 0, "folio render failed:\n{}", run.stderr);
    let pdfs = files(out);
    assert_eq!(pdfs.len(), 1, "one PDF in {}: {pdfs:?}", out.display());
    out.join(&pdfs[0])
}

/// The names of the files in a directory, sorted, without the driver's record of what each
/// output was made from.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != common::STAMPS)
        .collect();
    names.sort();
    names
}

/// The PDF's text, compared as `squeeze` does, zero-width spaces removed.
fn pdf_text(pdf: &Path) -> String {
    let text = common::tool("pdftotext", &["-raw", "-enc", "UTF-8", path(pdf), "-"]);
    comparable(&text)
}

fn comparable(text: &str) -> String {
    squeeze(text).replace('\u{200B}', "")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// A field of `pdfinfo`'s output.
fn pdfinfo(pdf: &Path, field: &str) -> String {
    let info = common::tool("pdfinfo", &["-enc", "UTF-8", path(pdf)]);
    let line = info
        .lines()
        .find_map(|l| l.strip_prefix(field).and_then(|rest| rest.strip_prefix(':')))
        .unwrap_or_else(|| panic!("pdfinfo shows no `{field}`:\n{info}"));
    line.trim().to_string()
}

fn dump_zh(project: &Path) -> Value {
    let run = folio(project, &["dump", "--lang", "zh"]);
    assert_eq!(run.code, 0, "folio dump failed:\n{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("folio dump prints JSON")
}

/// A document's runs as plain text: notes left out, links as their URL.
fn runs_text(runs: &Value) -> String {
    let mut out = String::new();
    for run in runs.as_array().expect("runs are an array") {
        if let Some(text) = run.get("text").or_else(|| run.get("link")) {
            out.push_str(text.as_str().expect("a string run"));
        }
    }
    out
}

/// Every footnote's text (with its URL), anywhere in the document.
fn notes(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            // A footnote run is `{"note": {"id", "content"}}`; a chart's `note` is text.
            if let Some(content) = map.get("note").and_then(|note| note.get("content")) {
                found.push(runs_text(content));
            }
            map.values().for_each(|v| notes(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| notes(v, found)),
        _ => {}
    }
}

/// The strings of the report's own text in the document: not the shared labels (some are
/// used by the EPUB only), ids, paths and other data.
fn report_strings<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
    const DATA: &[&str] = &["labels", "lang", "lang_tag", "slug", "kind", "style", "chart", "image", "id", "align"];
    match value {
        Value::String(s) => found.push(s),
        Value::Object(map) => {
            map.iter().filter(|(k, _)| !DATA.contains(&k.as_str())).for_each(|(_, v)| report_strings(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| report_strings(v, found)),
        _ => {}
    }
}

#[test]
fn zh_edition_renders_complete_with_embedded_fonts() {
    let out = tempfile::tempdir().expect("a temporary directory");
    let pdf = render_zh(common::repo(), out.path());
    let doc = dump_zh(common::repo());

    let pages: usize = pdfinfo(&pdf, "Pages").parse().expect("a page count");
    println!("zh PDF: {pages} pages");
    assert!((30..=80).contains(&pages), "{pages} pages: outside the sane range 30–80");
    assert_eq!(pdfinfo(&pdf, "Title"), doc["title"].as_str().expect("a title"));
    assert_eq!(pdfinfo(&pdf, "Tagged"), "yes");

    let text = pdf_text(&pdf);
    let chapters = doc["chapters"].as_array().expect("chapters");
    assert_eq!(chapters.len(), 7);
    for chapter in chapters {
        let title = chapter["title"].as_str().expect("a chapter title");
        assert!(text.contains(&comparable(title)), "chapter title `{title}` is not in the PDF");
    }
    let mut footnotes = Vec::new();
    notes(&doc, &mut footnotes);
    assert_eq!(footnotes.len(), 44);
    let missing: Vec<&String> = footnotes.iter().filter(|n| !text.contains(&comparable(n))).collect();
    assert!(missing.is_empty(), "{} footnote(s) not in the PDF: {missing:#?}", missing.len());

    // No tofu: render refuses characters the fonts lack (see the test below), and every
    // character of the report's text is in the PDF's text layer.
    let mut strings = Vec::new();
    report_strings(&doc, &mut strings);
    let mut absent: Vec<char> = strings.concat().chars().filter(|c| !c.is_whitespace() && !text.contains(*c)).collect();
    absent.sort_unstable();
    absent.dedup();
    assert!(absent.is_empty(), "characters of the zh text missing from the PDF: {absent:?}");

    let fonts = common::tool("pdffonts", &[path(&pdf)]);
    let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(rows.iter().any(|r| r.contains("SC")), "no Chinese font in the PDF:\n{fonts}");
    for row in &rows {
        // name, type (may contain spaces), encoding, emb, sub, uni, object number, generation
        let fields: Vec<&str> = row.split_whitespace().collect();
        let [.., emb, sub, uni, _, _] = fields[..] else { panic!("unexpected pdffonts row `{row}`") };
        assert_eq!((emb, sub, uni), ("yes", "yes", "yes"), "font not embedded, subset and mapped to Unicode: {row}");
    }

    // Written atomically: a second render replaces the file and leaves no temporary behind,
    // and renders are reproducible.
    let first = std::fs::read(&pdf).expect("the PDF is readable");
    let again = render_zh(common::repo(), out.path());
    assert_eq!(again, pdf);
    let names = files(out.path());
    assert!(
        names.iter().all(|n| !(n.starts_with(".folio-") && n.ends_with(".part"))),
        "temporary files left: {names:?}"
    );
    assert_eq!(std::fs::read(&pdf).expect("the PDF is readable"), first, "two renders of the same input differ");
}

#[test]
fn missing_script_in_fonts_is_an_error_not_tofu() {
    // The minimal fixture with Latin fonts only: its Chinese text has no glyphs.
    let project = common::renderable(
        "minimal",
        Fonts::Only(&["LibertinusSerif-Regular.otf", "LibertinusSerif-Bold.otf", "NotoSans-Regular.ttf"]),
    );
    let out = project.path().join("out");
    let run = folio(project.path(), &["render", "--lang", "zh", "--out", path(&out)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let (_, listed) = run
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("error: the fonts in fonts/ have no glyph for "))
        .and_then(|rest| rest.split_once(" character(s) of the `zh` edition: "))
        .unwrap_or_else(|| panic!("no missing-glyph error:\n{}", run.stderr));
    assert!(
        !listed.is_empty() && listed.chars().all(|c| c >= '\u{3000}'),
        "the Chinese characters are named: {listed}"
    );
    assert!(run.stderr.contains("hint: add a font covering this script to fonts/"), "{}", run.stderr);
    assert!(!out.exists() || files(&out).is_empty(), "nothing is written when rendering fails");
}

#[test]
fn typst_metacharacters_in_messages_print_literally() {
    let project = common::renderable("metachars", Fonts::All);
    let pdf = render_zh(project.path(), &project.path().join("out"));
    let text = pdf_text(&pdf);
    let doc = dump_zh(project.path());
    let mut strings = Vec::new();
    report_strings(&doc, &mut strings);
    let marked: Vec<&str> = strings.into_iter().filter(|s| s.contains(METACHARACTERS)).collect();
    // Title, chapter title, paragraph, list item, caption, note, table caption and header, chart title.
    assert!(marked.len() >= 9, "the fixture's messages hold metacharacters: {marked:?}");
    for s in &marked {
        assert!(text.contains(&comparable(s)), "`{s}` is not printed literally in the PDF");
    }
    for literal in
        ["#panic(\"boom\")", "$x^2$", "*粗体*", "_斜体_", "<label>", "@ref", "[方括号]", "\\n\\", "&amp;", "#{1+1}"]
    {
        assert!(text.contains(literal), "`{literal}` is not in the PDF");
    }
    assert_eq!(pdfinfo(&pdf, "Title"), doc["title"].as_str().expect("a title"));
}

/// The years of the agreements table, in order (report/tables/agreements.toml).
fn agreement_years() -> Vec<String> {
    let toml = std::fs::read_to_string(common::repo().join("report/tables/agreements.toml")).expect("the table");
    toml.lines()
        .filter_map(|l| l.trim().strip_prefix("[\"agreement-"))
        .map(|l| l.rsplit(", ").next().expect("a year").trim_end_matches([']', ',']).to_string())
        .collect()
}

/// Issue 15: the "date signed" cells printed Fluent's fallback `NUMBER()` in ru and en.
/// Each edition's table shows every year, in order, and nothing of Fluent's fallbacks.
#[test]
fn year_cells_print_the_years_in_every_language() {
    let years = agreement_years();
    assert_eq!(years.len(), 18, "{years:?}");
    let out = tempfile::tempdir().expect("a temporary directory");
    let out_arg = out.path().to_str().expect("UTF-8");
    let run = folio(common::repo(), &["render", "--lang", "all", "--format", "pdf", "--out", out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for lang in ["zh", "ru", "en"] {
        let text = pdf_text(&out.path().join(format!("china-russia-new-era-{lang}.pdf")));
        assert!(!text.contains("NUMBER("), "{lang}: Fluent's fallback `NUMBER()` is printed");
        // The years appear in the table's order (each after the one before).
        let mut rest = text.as_str();
        for year in &years {
            let at = rest.find(year.as_str()).unwrap_or_else(|| panic!("{lang}: year {year} of the agreements table is missing"));
            rest = &rest[at + year.len()..];
        }
    }
}
