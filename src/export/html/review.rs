//! The review edition as one web page (`--layout review --format html`): the same pairs
//! as the PDF, a row per block with the message id, its file and line, and its status in
//! the first column, the source and the translation beside it, written by the web
//! edition's block writer. One self-contained file: charts inline, photographs as data
//! URIs, styles in the page, no script.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use base64::Engine;
use typst::foundations::Datetime;

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{Block, Chapter, Document};
use crate::export::markup::blocks::{ChartArt, Context, Flavor, Page, Picture, chapter_heading};
use crate::export::markup::xml::Xml;
use crate::export::markup::{self, script};
use crate::layout::world::Fonts;
use crate::project::Project;
use crate::review::{Review, Status};
use crate::text::{Profile, is_cjk};

use super::{fonts, inline_svg};

/// The page's styles: two columns of text beside a narrow one of ids, the statuses in the
/// PDF's colours.
const STYLE: &str = "
body { font: 16px/1.55 system-ui, sans-serif; margin: 0 auto; max-width: 90rem; padding: 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; color: #8b1a1a; }
table.pairs { border-collapse: collapse; width: 100%; table-layout: fixed; margin-bottom: 3rem; }
table.pairs th.id { width: 11rem; }
table.pairs td, table.pairs th { vertical-align: top; padding: 0.5rem 0.75rem; border-top: 1px solid #ddd; }
th.id { font: 0.7rem/1.3 ui-monospace, monospace; text-align: left; color: #6b6b6b; word-break: break-all; font-weight: normal; }
th.id a { color: inherit; }
th.id .state { display: block; font-weight: bold; }
th.id .approved, th.id .unreviewed { display: block; }
th.id .approved { color: #1d6b2a; }
th.id a.self { margin-left: 0.3em; text-decoration: none; opacity: 0.4; }
th.id a.self:hover, th.id a.self:focus { opacity: 1; }
ul.also { list-style: none; margin: 0.4rem 0 0; padding: 0; font-size: 0.65rem; }
ul.also li.outdated { color: #c05800; }
ul.also li.untranslated { color: #b00020; }
.filter { margin: 1rem 0; min-width: 0; }
.filter label { display: inline-block; margin-right: 1rem; }
body:has(#show-changed:checked) main tr:not(.outdated, .also-outdated),
body:has(#show-untranslated:checked) main tr:not(.untranslated, .also-untranslated) { display: none; }
tr.outdated th.id { color: #c05800; }
tr.outdated td.target { border-left: 3px solid #c05800; }
tr.untranslated th.id { color: #b00020; }
tr.untranslated td.target { background: #fff1d6; }
td h2, td h3 { margin: 0; color: #8b1a1a; }
td p { margin: 0 0 0.5rem; }
u.term { text-decoration-color: #2a7ab0; text-decoration-thickness: 0.1em; text-underline-offset: 0.2em; }
.was-label { font: 0.7rem ui-monospace, monospace; color: #c05800; margin: 0; }
p.was { color: #6b6b6b; font-size: 0.85rem; }
p.was del { color: #b00020; }
p.was ins { color: #1d6b2a; background: #e3f4e1; text-decoration: none; border-bottom: 1px solid #1d6b2a; }
p.was .number { background: #ffe066; color: #000; font-weight: bold; }
.table { overflow-x: auto; }
.table table { border-collapse: collapse; font-size: 0.85rem; }
.table th, .table td { border: 1px solid #ccc; padding: 0.2rem 0.4rem; }
figure { margin: 0.5rem 0; }
figure img, .chart-drawing svg { max-width: 100%; height: auto; }
.summary-box { overflow-x: auto; }
@media (max-width: 50rem) {
  table.pairs, table.pairs tbody, table.pairs tr, table.pairs th, table.pairs td { display: block; width: auto; }
  table.pairs th.id { width: auto; border-top: 2px solid #ddd; }
  table.pairs td { border-top: none; }
}
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.notes { font-size: 0.85rem; }
.legend span { margin-right: 1.5rem; }
.legend .outdated { color: #c05800; }
.legend .untranslated { color: #b00020; }
table.pairs td { overflow-wrap: anywhere; }
svg { max-width: 100%; height: auto; }
.summary-box { overflow-x: auto; }
@media (max-width: 50rem) {
  table.pairs, table.pairs tbody, table.pairs tr, table.pairs th, table.pairs td { display: block; width: auto; }
  table.pairs th.id { width: auto; border-top: 2px solid #ddd; }
  table.pairs td { border-top: none; }
}
table.summary { border-collapse: collapse; font-size: 0.9rem; margin-bottom: 2rem; }
table.summary th, table.summary td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #ddd; text-align: right; }
table.summary th:first-child, table.summary td:first-child { text-align: left; font-family: ui-monospace, monospace; }
";

/// The review page's bytes, with warnings from drawing the charts.
pub fn export(
    project: &Project,
    fonts: &Arc<Fonts>,
    timestamp: Datetime,
    review: &Review,
    report_tags: &[String],
) -> Result<(Vec<u8>, Diagnostics), Diagnostics> {
    let mut warnings = Diagnostics::default();
    let (source, w) = context(
        project,
        fonts,
        timestamp,
        &review.source,
        &review.terms.source,
        "s",
        report_tags,
    )?;
    warnings.extend(w);
    let (target, w) = context(
        project,
        fonts,
        timestamp,
        &review.target,
        &review.terms.target,
        "t",
        report_tags,
    )?;
    warnings.extend(w);
    let page = document(project, review, &body(review, &source, &target))?;
    Ok((page, warnings))
}

/// What the block writer needs for one side: its charts drawn (ids prefixed by `side`),
/// its photographs, the glossary's terms.
fn context<'a>(
    project: &Project,
    fonts: &Arc<Fonts>,
    timestamp: Datetime,
    doc: &'a Document,
    terms: &Option<String>,
    side: &str,
    report_tags: &[String],
) -> Result<(Context<'a>, Diagnostics), Diagnostics> {
    let (media, mut w) = markup::media(project, fonts, timestamp, doc)?;
    // The photographs inside the page, so that the file can be sent on its own.
    let data: BTreeMap<&str, String> = media
        .files
        .iter()
        .map(|f| {
            (
                f.href.as_str(),
                format!(
                    "data:{};base64,{}",
                    f.media_type,
                    base64::engine::general_purpose::STANDARD.encode(&f.bytes)
                ),
            )
        })
        .collect();
    let images = media
        .images
        .into_iter()
        .map(|(path, p)| {
            let href = data.get(p.href.as_str()).cloned().unwrap_or(p.href);
            (path, Picture { href, ..p })
        })
        .collect();
    let charts = media
        .charts
        .into_iter()
        .enumerate()
        .map(|(i, (number, drawn))| {
            (
                number,
                ChartArt::Inline(inline_svg(&drawn.svg, &format!("{side}{}-", i + 1))),
            )
        })
        .collect();
    // folio escapes every term, but a glossary of many thousand forms can outgrow the
    // regex crate's size limit: the page is still worth having, without underlines.
    let terms = terms.as_deref().and_then(|t| match regex::Regex::new(t) {
        Ok(pattern) => Some(pattern),
        Err(e) => {
            w.push(
                Diagnostic::warning(format!("the `{}` glossary's terms are not underlined: {e}", doc.lang))
                    .hint("a glossary of fewer or shorter terms fits"),
            );
            None
        }
    });
    let foreign = script::ForeignTags::new(&doc.lang_tag, report_tags);
    Ok((
        Context {
            doc,
            flavor: Flavor::Html,
            images,
            charts,
            cover: None,
            foreign,
            terms,
        },
        w,
    ))
}

/// The page around its body: the styles, with the faces its text needs.
fn document(project: &Project, review: &Review, body: &str) -> Result<Vec<u8>, Diagnostics> {
    let label = |id: &str| review.labels.get(id).map_or("", String::as_str);
    let tgt = &review.target;
    let mut x = Xml::web_page(&tgt.lang_tag, &format!("{} · {}", tgt.title, label("review-title")));
    x.open("style", &[]);
    x.raw(STYLE);
    x.raw(&font_faces(project, body)?);
    x.close("style");
    x.newline();
    x.close("head");
    x.newline();
    x.raw(body);
    x.close("html");
    x.newline();
    Ok(x.finish())
}

/// The text faces of the book cut down to the page's characters, inside the page: a
/// Latin and Cyrillic face, and a Chinese one for Han characters and CJK punctuation.
fn font_faces(project: &Project, body: &str) -> Result<String, Diagnostics> {
    let mut chars = BTreeSet::new();
    fonts::page_chars(body, &mut chars);
    let cjk: BTreeSet<char> = chars.iter().copied().filter(|c| is_cjk(*c)).collect();
    let mut css = String::new();
    let mut families = Vec::new();
    for (family, lang, wanted) in [("review-text", "en", &chars), ("review-cjk", "zh", &cjk)] {
        let face = &fonts::faces(&Profile::of(lang))[0];
        let Some(bytes) = fonts::subset(project, face.file, wanted).map_err(|d| Diagnostics(vec![d]))? else { continue };
        let format = if face.file.ends_with(".otf") { "opentype" } else { "truetype" };
        let data = base64::engine::general_purpose::STANDARD.encode(&bytes);
        css.push_str(&format!("@font-face {{ font-family: \"{family}\"; src: url(data:font/{format};base64,{data}) format(\"{format}\"); }}\n"));
        families.push(format!("\"{family}\""));
    }
    families.push("serif".to_string());
    let mut cjk_first = families.clone();
    cjk_first.sort_by_key(|f| !f.contains("cjk"));
    css.push_str(&format!("td {{ font-family: {}; }}\ntd:lang(zh) {{ font-family: {}; }}\n", families.join(", "), cjk_first.join(", ")));
    Ok(css)
}

/// The page's body: the title, legend and summary, then a table of pairs per chapter.
fn body(review: &Review, source: &Context, target: &Context) -> String {
    let label = |id: &str| review.labels.get(id).map_or("", String::as_str);
    let (src, tgt) = (&review.source, &review.target);
    let mut x = Xml::html();
    x.open("body", &[]);
    x.newline();
    x.open("header", &[]);
    x.leaf("h1", &[], &tgt.title);
    x.leaf(
        "p",
        &[],
        &format!("{}: {} → {}", label("review-title"), src.lang, tgt.lang),
    );
    x.open("p", &[("class", "legend")]);
    for state in ["translated", "outdated", "untranslated"] {
        x.leaf(
            "span",
            &[("class", state)],
            label(&format!("review-{state}")),
        );
    }
    x.open("span", &[]);
    x.leaf("u", &[("class", "term")], label("review-term"));
    x.close("span");
    x.open("span", &[]);
    x.leaf("del", &[], label("review-was"));
    x.close("span");
    x.close("p");
    x.newline();
    summary(&mut x, review, label);
    filter(&mut x, review, label);
    x.close("header");
    x.newline();

    x.open("main", &[]);
    x.newline();
    for (i, (s, t)) in src.chapters.iter().zip(&tgt.chapters).enumerate() {
        let status = &review.chapters[i];
        let mut left = Page::new(source, Xml::html()).with_ids(&format!("s{}-", i + 1));
        let mut right = Page::new(target, Xml::html()).with_ids(&format!("t{}-", i + 1));
        x.open("table", &[("class", "pairs")]);
        x.newline();
        row(
            &mut x,
            &status.title,
            label,
            &mut left,
            &mut right,
            |p, ch: &Chapter| {
                p.x.open("h2", &[]);
                chapter_heading(&mut p.x, ch);
                p.x.close("h2");
            },
            (s, t),
        );
        for (k, (sb, tb)) in s.intro.iter().zip(&t.intro).enumerate() {
            row(
                &mut x,
                &status.intro[k],
                label,
                &mut left,
                &mut right,
                |p, b: &Block| p.block(b),
                (sb, tb),
            );
        }
        for (k, (ss, ts)) in s.sections.iter().zip(&t.sections).enumerate() {
            let section = &status.sections[k];
            let heading = |p: &mut Page, (marker, title): (&String, &String)| {
                p.x.open("h3", &[]);
                p.text(marker);
                p.text(title);
                p.x.close("h3");
            };
            row(
                &mut x,
                &section.title,
                label,
                &mut left,
                &mut right,
                heading,
                ((&ss.marker, &ss.title), (&ts.marker, &ts.title)),
            );
            for (m, (sb, tb)) in ss.blocks.iter().zip(&ts.blocks).enumerate() {
                row(
                    &mut x,
                    &section.blocks[m],
                    label,
                    &mut left,
                    &mut right,
                    |p, b: &Block| p.block(b),
                    (sb, tb),
                );
            }
        }
        // The chapter's notes, each language's under its column.
        let (notes_left, notes_right) = (
            cell(&mut left, |p| p.footnotes()),
            cell(&mut right, |p| p.footnotes()),
        );
        if !notes_left.is_empty() || !notes_right.is_empty() {
            x.open("tr", &[("class", "notes")]);
            x.leaf("th", &[("class", "id")], "");
            for (notes, doc) in [(notes_left, src), (notes_right, tgt)] {
                x.open("td", &[("lang", &doc.lang_tag)]);
                x.raw(&notes);
                x.close("td");
            }
            x.close("tr");
            x.newline();
        }
        x.close("table");
        x.newline();
    }
    x.close("main");
    x.newline();
    x.close("body");
    x.newline();
    String::from_utf8(x.finish()).expect("the writer writes UTF-8")
}

/// The translation's progress per bundle file, as `folio stats` counts it.
fn summary<'l>(x: &mut Xml, review: &Review, label: impl Fn(&str) -> &'l str) {
    x.leaf("h2", &[], label("review-summary"));
    x.open("div", &[("class", "summary-box"), ("tabindex", "0"), ("role", "region"), ("aria-label", label("review-summary"))]);
    x.open("table", &[("class", "summary")]);
    x.open("tr", &[]);
    for id in [
        "review-file",
        "review-messages",
        "review-translated",
        "review-outdated",
        "review-untranslated",
    ] {
        x.leaf("th", &[("scope", "col")], label(id));
    }
    x.close("tr");
    x.newline();
    for p in &review.summary {
        x.open("tr", &[]);
        x.leaf("td", &[], &p.file.display().to_string());
        for n in [p.messages, p.translated, p.outdated, p.missing] {
            x.leaf("td", &[], &n.to_string());
        }
        x.close("tr");
        x.newline();
    }
    x.close("table");
    x.close("div");
    x.newline();
}

/// Show all pairs, only the changed or only the untranslated ones: radio buttons and a
/// style rule, so the page needs no script and works offline.
fn filter<'l>(x: &mut Xml, review: &Review, label: impl Fn(&str) -> &'l str) {
    let count = |state: &str| review.summary.iter().map(|p| if state == "outdated" { p.outdated } else { p.missing }).sum::<usize>();
    x.open("fieldset", &[("class", "filter")]);
    for (value, text) in [
        ("all", format!("{} · {} · {}", label("review-translated"), label("review-outdated"), label("review-untranslated"))),
        ("changed", format!("{} ({})", label("review-outdated"), count("outdated"))),
        ("untranslated", format!("{} ({})", label("review-untranslated"), count("untranslated"))),
    ] {
        let id = format!("show-{value}");
        x.open("label", &[]);
        let mut attrs = vec![("type", "radio"), ("name", "show"), ("id", id.as_str()), ("value", value)];
        if value == "all" {
            attrs.push(("checked", "checked"));
        }
        x.empty("input", &attrs);
        x.text(&format!(" {text}"));
        x.close("label");
    }
    x.close("fieldset");
    x.newline();
}

/// One pair: the id column, then what `write` makes of the source and of the translation.
/// The row's message id (a link to its `.ftl` file), its address, file and state.
fn row_id<'l>(x: &mut Xml, status: &Status, label: &impl Fn(&str) -> &'l str) {
    match &status.link {
        Some(link) => x.leaf("a", &[("href", link)], &status.id),
        None => x.text(&status.id),
    }
    // The row's own address, to send a colleague to it.
    x.leaf("a", &[("class", "self"), ("href", &format!("#{}", status.id)), ("aria-label", &status.id)], "¶");
    if let Some(ftl) = &status.ftl {
        x.leaf(
            "span",
            &[("class", "ftl")],
            &format!(" {}", ftl.rsplit('/').next().unwrap_or(ftl)),
        );
    }
    if status.state != "translated" {
        x.leaf(
            "span",
            &[("class", "state")],
            label(&format!("review-{}", status.state)),
        );
    } else if let Some(by) = &status.approved {
        x.leaf("span", &[("class", "approved")], &format!("✓ {by}"));
    } else {
        x.leaf("span", &[("class", "unreviewed")], format!("○ {}", label("review-unreviewed")).trim_end());
    }
}

fn row<'a, 'l, T: Copy>(
    x: &mut Xml,
    status: &Status,
    label: impl Fn(&str) -> &'l str,
    left: &mut Page<'a>,
    right: &mut Page<'a>,
    write: impl Fn(&mut Page<'a>, T),
    (source, target): (T, T),
) {
    // A pair whose other messages need review shows under the filters for them too.
    let mut class = status.state.to_string();
    for state in ["outdated", "untranslated"] {
        if status.also.iter().any(|m| m.state == state) {
            class.push_str(&format!(" also-{state}"));
        }
    }
    // The translation's column first: the cells that name their own message say which.
    right.anchors = status.also.iter().filter(|m| m.in_cell).map(|m| m.id.clone()).collect();
    let (left_html, right_html) = (cell(left, |p| write(p, source)), cell(right, |p| write(p, target)));
    let unplaced = std::mem::take(&mut right.anchors);
    // A block without a message of its own (an equation, a table without a caption) has
    // no id, address or sign-off: only its other messages, if any.
    let named = !status.id.is_empty();
    let mut attrs = vec![("class", class.as_str())];
    if named {
        attrs.push(("id", status.id.as_str()));
    }
    x.open("tr", &attrs);
    x.open("th", &[("class", "id"), ("scope", "row")]);
    if named {
        row_id(x, status, &label);
    }
    // The block's other messages (items, footnotes, cells, labels), each named by an `id`.
    if !status.also.is_empty() {
        x.open("ul", &[("class", "also")]);
        for m in &status.also {
            if m.in_cell && !unplaced.contains(&m.id) {
                // Named on its cell in the translation's column; here a link to it.
                x.open("li", &[("class", m.state)]);
                x.leaf("a", &[("href", &format!("#{}", m.id))], &m.id);
                x.close("li");
            } else {
                x.leaf("li", &[("class", m.state), ("id", &m.id)], &m.id);
            }
        }
        x.close("ul");
    }
    x.close("th");
    x.open(
        "td",
        &[("class", "source"), ("lang", &left.ctx.doc.lang_tag)],
    );
    if let Some(diff) = &status.diff {
        // What changed since the translation: deletions struck, insertions marked, a
        // changed figure highlighted.
        x.leaf("p", &[("class", "was-label")], label("review-was"));
        x.open("p", &[("class", "was")]);
        for change in diff {
            let class = if change.number { &[("class", "number")][..] } else { &[] };
            match change.op {
                "delete" => x.leaf("del", class, &change.text),
                "insert" => x.leaf("ins", class, &change.text),
                _ => x.text(&change.text),
            }
        }
        x.close("p");
    }
    x.raw(&left_html);
    x.close("td");
    x.open(
        "td",
        &[("class", "target"), ("lang", &right.ctx.doc.lang_tag)],
    );
    x.raw(&right_html);
    x.close("td");
    x.close("tr");
    x.newline();
}

/// What `write` puts on the page, taken out as markup; the page keeps its notes.
fn cell<'a>(page: &mut Page<'a>, write: impl FnOnce(&mut Page<'a>)) -> String {
    write(page);
    let bytes = std::mem::replace(&mut page.x, Xml::html()).finish();
    String::from_utf8(bytes).expect("the writer writes UTF-8")
}
