//! Word charts and equations in `folio import` (issue 24): a DrawingML chart part, with the
//! data Word cached in it, becomes a folio chart whose values are the cache's; a kind folio
//! does not draw becomes a table of its data; an OMML equation becomes a display equation
//! (Typst math in the PDF, MathML in the EPUB and on the web); and what the import writes
//! checks and renders.
//! The documents are built here as Word writes them: a zip of XML parts.

mod common;

use std::path::Path;

use serde_json::Value;

use common::{docx, folio, folio_in, xml};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart""#;
const C: &str = r#"xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn p(style: &str, text: &str) -> String {
    let ppr = if style.is_empty() { String::new() } else { format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>") };
    format!("<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A paragraph holding chart `rid` as Word anchors it inline.
fn chart_paragraph(rid: &str, descr: &str) -> String {
    format!(
        r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="1" name="Chart 1" descr="{descr}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
    )
}

fn str_cache(items: &[&str]) -> String {
    let pts: String = items.iter().enumerate().map(|(i, v)| format!("<c:pt idx=\"{i}\"><c:v>{v}</c:v></c:pt>")).collect();
    format!("<c:strRef><c:f>Sheet1!$A$2:$A${}</c:f><c:strCache><c:ptCount val=\"{}\"/>{pts}</c:strCache></c:strRef>", items.len() + 1, items.len())
}

/// A number cache; `None` is a point the cache lacks.
fn num_cache(format: &str, items: &[Option<&str>]) -> String {
    let pts: String = items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| format!("<c:pt idx=\"{i}\"><c:v>{v}</c:v></c:pt>")))
        .collect();
    format!("<c:numRef><c:f>Sheet1!$B$2:$B$9</c:f><c:numCache><c:formatCode>{format}</c:formatCode><c:ptCount val=\"{}\"/>{pts}</c:numCache></c:numRef>", items.len())
}

fn series(name: &str, cats: &[&str], format: &str, values: &[Option<&str>]) -> String {
    format!(
        "<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/><c:tx>{}</c:tx><c:cat>{}</c:cat><c:val>{}</c:val></c:ser>",
        str_cache(&[name]),
        str_cache(cats),
        num_cache(format, values)
    )
}

fn rich(text: &str) -> String {
    format!("<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></c:rich></c:tx></c:title>")
}

fn chart_part(title: &str, plot: &str, axes: &str) -> Vec<u8> {
    xml(&format!(
        "<c:chartSpace {C}><c:chart>{title}<c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>{plot}{axes}</c:plotArea></c:chart></c:chartSpace>"
    ))
}

fn axes(value_title: &str, category_title: &str) -> String {
    format!(
        "<c:catAx><c:axId val=\"1\"/>{}</c:catAx><c:valAx><c:axId val=\"2\"/>{}<c:numFmt formatCode=\"General\" sourceLinked=\"1\"/></c:valAx>",
        rich(category_title),
        rich(value_title)
    )
}

const YEARS: &[&str] = &["2019", "2020", "2021", "2022"];

/// A report with five charts: clustered columns with two series, a line with a value the
/// cache lacks, a pie in per cent, a scatter chart (not drawn by folio) and stacked
/// horizontal bars.
fn report() -> Vec<u8> {
    let columns = chart_part(
        &rich("Trade with Russia"),
        &format!(
            "<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/>{}{}</c:barChart>",
            series("Exports", YEARS, "0.0", &[Some("497"), Some("505.8"), Some("675.6"), Some("761.2")]),
            series("Imports", YEARS, "0.0", &[Some("610.5"), Some("571.8"), Some("793.2"), Some("1141.5")]),
        ),
        &axes("100 million USD", "Year"),
    );
    let line = chart_part(
        &rich("Investment flow"),
        &format!(
            "<c:lineChart><c:grouping val=\"standard\"/>{}</c:lineChart>",
            series("Flow", YEARS, "General", &[Some("-3.8"), None, Some("-10.7"), Some("2.3")]),
        ),
        &axes("100 million USD", "Year"),
    );
    let pie = chart_part(
        "<c:title/>",
        &format!(
            "<c:pieChart><c:varyColors val=\"1\"/>{}</c:pieChart>",
            series("Sector shares", &["Mining", "Manufacturing", "Other"], "0%", &[Some("0.45"), Some("0.35"), Some("0.2")]),
        ),
        "",
    );
    let scatter = chart_part(
        &rich("Prices and volumes"),
        &format!(
            "<c:scatterChart><c:scatterStyle val=\"lineMarker\"/><c:ser><c:idx val=\"0\"/><c:tx>{}</c:tx><c:xVal>{}</c:xVal><c:yVal>{}</c:yVal></c:ser></c:scatterChart>",
            str_cache(&["Volume"]),
            num_cache("General", &[Some("1"), Some("2"), Some("3")]),
            num_cache("General", &[Some("10"), Some("12.5"), Some("9")]),
        ),
        "",
    );
    let stacked = chart_part(
        &rich("Trade by partner"),
        &format!(
            "<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"stacked\"/>{}{}</c:barChart>",
            series("Goods", &["A", "B"], "#,##0", &[Some("120"), Some("80")]),
            series("Services", &["A", "B"], "#,##0", &[Some("30"), Some("-10")]),
        ),
        "",
    );
    let body = [
        p("Title", "Annual report"),
        p("Heading1", "Trade"),
        p("", "Trade grew in every year."),
        chart_paragraph("rId11", ""),
        p("", "Investment was volatile."),
        chart_paragraph("rId12", ""),
        chart_paragraph("rId13", "Shares by sector"),
        chart_paragraph("rId14", ""),
        chart_paragraph("rId15", ""),
    ]
    .concat();
    let rels = xml(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId11" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml"/>
<Relationship Id="rId12" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart2.xml"/>
<Relationship Id="rId13" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart3.xml"/>
<Relationship Id="rId14" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart4.xml"/>
<Relationship Id="rId15" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="/word/charts/chart5.xml"/>
</Relationships>"#,
    );
    let styles = xml(&format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>"#
    ));
    docx(&[
        ("[Content_Types].xml", xml(r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)),
        ("word/document.xml", xml(&format!("<w:document {W}><w:body>{body}</w:body></w:document>"))),
        ("word/_rels/document.xml.rels", rels),
        ("word/styles.xml", styles),
        ("word/charts/chart1.xml", columns),
        ("word/charts/chart2.xml", line),
        ("word/charts/chart3.xml", pie),
        ("word/charts/chart4.xml", scatter),
        ("word/charts/chart5.xml", stacked),
    ])
}

fn chart_file(dir: &Path, name: &str) -> toml::Table {
    let path = dir.join("report/charts").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse().expect("a chart's TOML")
}

fn numbers(values: &toml::Value) -> Vec<Option<f64>> {
    values.as_array().expect("values").iter().map(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64))).collect()
}

#[test]
fn word_charts_become_folio_charts_with_the_cached_values() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(parent.path().join("charts.docx"), report()).unwrap();
    let run = folio_in(parent.path(), &["import", "charts.docx", "--into", "report", "--source-lang", "en"]);
    assert_eq!(run.code, 0, "folio import: {}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("4 charts"), "{}", run.stdout);
    assert!(run.stdout.contains("chart: horizontal bars drawn as columns"), "{}", run.stdout);
    assert!(run.stdout.contains("a scatter (XY) chart: folio does not draw this kind: its data is a table"), "{}", run.stdout);
    assert!(run.stdout.contains("chart: per cent values"), "{}", run.stdout);
    assert!(run.stdout.contains("a chart with values missing from its cache"), "{}", run.stdout);
    let dir = parent.path().join("report");

    let columns = chart_file(&dir, "ch01-trade-with-russia.toml");
    assert_eq!(columns["kind"].as_str(), Some("bar"));
    assert_eq!(columns.get("stacked"), None);
    assert_eq!(columns["digits"].as_integer(), Some(1), "the cache's number format 0.0");
    let years: Vec<i64> = columns["categories"].as_array().unwrap().iter().map(|c| c.as_integer().expect("a year")).collect();
    assert_eq!(years, [2019, 2020, 2021, 2022]);
    let series = columns["series"].as_array().expect("series");
    assert_eq!(series.len(), 2);
    assert_eq!(numbers(&series[0]["values"]), [Some(497.0), Some(505.8), Some(675.6), Some(761.2)]);
    assert_eq!(numbers(&series[1]["values"]), [Some(610.5), Some(571.8), Some(793.2), Some(1141.5)]);

    let line = chart_file(&dir, "ch01-investment-flow.toml");
    assert_eq!(line["kind"].as_str(), Some("line"));
    let values = line["series"][0]["values"].as_array().unwrap();
    assert_eq!(values[1].as_str(), Some("missing"), "a point the cache lacks is missing, never 0");
    assert_eq!(numbers(&line["series"][0]["values"]), [Some(-3.8), None, Some(-10.7), Some(2.3)]);
    assert!(line.contains_key("note"), "missing values are explained");

    let pie = chart_file(&dir, "ch01-sector-shares.toml");
    assert_eq!(pie["kind"].as_str(), Some("pie"));
    assert_eq!(numbers(&pie["series"][0]["values"]), [Some(45.0), Some(35.0), Some(20.0)], "0% shows fractions as per cent");

    let stacked = chart_file(&dir, "ch01-trade-by-partner.toml");
    assert_eq!((stacked["kind"].as_str(), stacked["stacked"].as_bool()), (Some("bar"), Some(true)));
    assert_eq!(numbers(&stacked["series"][1]["values"]), [Some(30.0), Some(-10.0)]);
    assert_eq!(stacked.get("digits"), None, "#,##0 has no fraction digits");

    // Every visible string is a message of the source bundle.
    let bundle = std::fs::read_to_string(dir.join("locales/en/01-trade.ftl")).expect("the chapter's bundle");
    for text in ["Trade with Russia", "= Exports", "= Imports", "= 100 million USD", "= Year", "= Sector shares", "= Mining", "= Prices and volumes"] {
        assert!(bundle.contains(text), "{text} in the bundle:\n{bundle}");
    }

    let check = folio(&dir, &["check", "--strict"]);
    assert_eq!(check.code, 0, "folio check: {}{}", check.stdout, check.stderr);
    let dump = folio(&dir, &["dump", "--lang", "en"]);
    assert_eq!(dump.code, 0, "{}", dump.stderr);
    let doc: Value = serde_json::from_str(&dump.stdout).expect("JSON");
    let blocks = doc["chapters"][0]["intro"].as_array().expect("blocks");
    let kinds: Vec<&str> = blocks.iter().map(|b| b["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["paragraph", "chart", "paragraph", "chart", "chart", "table", "chart"]);
    assert_eq!(blocks[1]["series"][1]["labels"], serde_json::json!(["610.5", "571.8", "793.2", "1,141.5"]));
    assert_eq!(blocks[5]["rows"], serde_json::json!([["1", "10.0"], ["2", "12.5"], ["3", "9.0"]]), "the scatter chart's data");

    let out = dir.join("out");
    let render = folio(&dir, &["render", "--format", "pdf,epub,html", "--out", out.to_str().unwrap()]);
    assert_eq!(render.code, 0, "{}{}", render.stdout, render.stderr);
}

/// A display equation with a fraction, scripts, a sum, a root and a double-struck letter
/// (`m:scr`), and two in a sentence.
fn equations() -> Vec<u8> {
    const M: &str = r#"xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math""#;
    let r = |t: &str| format!("<m:r><m:t>{t}</m:t></m:r>");
    let display = format!(
        "<m:oMathPara><m:oMath>{}<m:f><m:num>{}</m:num><m:den>{}</m:den></m:f>{}<m:nary><m:naryPr><m:chr m:val=\"∑\"/></m:naryPr><m:sub>{}</m:sub><m:sup>{}</m:sup><m:e><m:sSup><m:e>{}</m:e><m:sup>{}</m:sup></m:sSup></m:e></m:nary>{}<m:rad><m:radPr><m:degHide m:val=\"1\"/></m:radPr><m:deg/><m:e>{}</m:e></m:rad>{}<m:r><m:rPr><m:scr m:val=\"double-struck\"/><m:sty m:val=\"p\"/></m:rPr><m:t>R</m:t></m:r></m:oMath></m:oMathPara>",
        r("H="),
        r("1"),
        r("n"),
        r("⋅"),
        r("i=1"),
        r("n"),
        r("x"),
        r("2"),
        r("+"),
        r("α&lt;β"),
        r(",x∈")
    );
    let inline = format!("<m:oMath><m:sSup><m:e>{}</m:e><m:sup>{}</m:sup></m:sSup></m:oMath>", r("E"), r("2"));
    // A set in braces: the formula's own, which proof does not take for Fluent syntax.
    let angles = format!("<m:oMath><m:d><m:dPr><m:begChr m:val=\"{{\"/><m:endChr m:val=\"}}\"/></m:dPr><m:e>{}</m:e></m:d></m:oMath>", r("γ,δ"));
    let body = [
        p("Title", "Models"),
        p("Heading1", "Method"),
        format!("<w:p>{display}</w:p>"),
        format!("<w:p><w:r><w:t xml:space=\"preserve\">The energy is </w:t></w:r>{inline}<w:r><w:t xml:space=\"preserve\">, the angles </w:t></w:r>{angles}<w:r><w:t>.</w:t></w:r></w:p>"),
    ]
    .concat();
    let styles = xml(&format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>"#
    ));
    docx(&[
        ("[Content_Types].xml", xml(r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)),
        ("word/document.xml", xml(&format!("<w:document {W} {M}><w:body>{body}</w:body></w:document>"))),
        ("word/styles.xml", styles),
    ])
}

#[test]
fn word_equations_render_as_math() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(parent.path().join("math.docx"), equations()).unwrap();
    let run = folio_in(parent.path(), &["import", "math.docx", "--into", "report", "--source-lang", "en"]);
    assert_eq!(run.code, 0, "folio import: {}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("3 equations"), "{}", run.stdout);
    assert!(!run.stdout.contains("kept as its text"), "{}", run.stdout);
    let dir = parent.path().join("report");
    let chapter = std::fs::read_to_string(dir.join("report/chapters/01-method.toml")).expect("the chapter");
    assert!(chapter.contains(r#"{ math = ["H", "=", { frac = [["1"], ["n"]] }"#), "{chapter}");
    assert!(chapter.contains(r#""α", "<", "β""#), "text stays text: {chapter}");
    assert!(chapter.contains(r#""x", "∈", "ℝ"] }"#), "a double-struck R is ℝ: {chapter}");
    // Equations in a sentence belong to its block; the message places them.
    assert!(chapter.contains(r#"equations = { math-1 = [{ attach = { base = ["E"], sup = ["2"] } }], math-2 = [{ fence = { body = ["γ", ",", "δ"], close = "}", open = "{" } }] }"#), "{chapter}");
    let bundle = std::fs::read_to_string(dir.join("locales/en/01-method.ftl")).expect("the bundle");
    assert!(bundle.contains("= The energy is { $math-1 }, the angles { $math-2 }."), "{bundle}");

    let check = folio(&dir, &["check", "--strict"]);
    assert_eq!(check.code, 0, "folio check: {}{}", check.stdout, check.stderr);
    let out = dir.join("out");
    let render = folio(&dir, &["render", "--format", "pdf,epub,html", "--out", out.to_str().unwrap()]);
    assert_eq!(render.code, 0, "{}{}", render.stdout, render.stderr);
    assert!(!render.stderr.contains("warning"), "{}", render.stderr);
    let site = std::fs::read_dir(&out).unwrap().flatten().map(|e| e.path()).find(|p| p.is_dir()).expect("the site");
    let html = std::fs::read_to_string(site.join("en/chapter-01.html")).expect("the web chapter");
    assert!(html.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\""), "{html}");
    assert!(html.contains("<mfrac><mrow><mn>1</mn></mrow><mrow><mi>n</mi></mrow></mfrac>"), "{html}");
    assert!(html.contains("<munderover><mrow><mo>∑</mo></mrow>"), "{html}");
    assert!(html.contains("<msqrt><mi>α</mi><mo>&lt;</mo><mi>β</mi></msqrt>"), "{html}");
    assert!(
        html.contains(r#"The energy is <math xmlns="http://www.w3.org/1998/Math/MathML" display="inline" alttext="E^2"><mrow><msup><mrow><mi>E</mi></mrow><mrow><mn>2</mn></mrow></msup></mrow></math>, the angles <math"#),
        "{html}"
    );
    let epub = out.join("report-en.epub");
    common::epubcheck(&[&epub]);
    let pdf = out.join("report-en.pdf");
    let fonts = common::tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.contains("NewCMMath-Regular"), "the equation is set in the math font: {fonts}");
    let text = common::tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    // Letters are variables, in math italics (𝐻, 𝑖, 𝛼): a letter beside an operator in one
    // Word run (`H=`, `i=1`, `α<β`) is too, not a word set upright.
    for italic in ['𝐻', '𝑖', '𝑛', '𝛼', '𝛽', '𝐸', '𝛾', '𝛿'] {
        assert!(text.contains(italic), "{italic} in the PDF: {text}");
    }
    assert!(text.contains('∑') && text.contains('ℝ') && !text.contains("E^2"), "the equations are set as math in the PDF: {text}");
    let proof = folio(&dir, &["proof", "--strict"]);
    assert_eq!(proof.code, 0, "{}{}", proof.stdout, proof.stderr);

    // A translation places the equations where its language wants them; one that drops
    // one is refused, where the translator wrote it.
    assert_eq!(folio(&dir, &["new-lang", "ru"]).code, 0);
    let ftl = dir.join("locales/ru/01-method.ftl");
    let translated = |value: &str| {
        let ru = std::fs::read_to_string(&ftl).unwrap();
        let ru: Vec<String> = ru
            .lines()
            .map(|l| if l.starts_with("ch01-the-energy") { format!("{} = {value}", l.split(" = ").next().unwrap()) } else { l.to_string() })
            .collect();
        std::fs::write(&ftl, ru.join("\n") + "\n").unwrap();
    };
    translated("Углы { $math-2 }, энергия { $math-1 }.");
    let review = folio(&dir, &["render", "--lang", "ru", "--draft", "--format", "pdf,epub,html", "--out", out.to_str().unwrap()]);
    assert_eq!(review.code, 0, "{}{}", review.stdout, review.stderr);
    let ru = std::fs::read_to_string(site.join("ru/chapter-01.html")).expect("the Russian web chapter");
    assert!(ru.contains(r#"Углы <math xmlns="http://www.w3.org/1998/Math/MathML" display="inline" alttext="{γ,δ}">"#), "{ru}");
    common::epubcheck(&[&out.join("report-ru.epub")]);
    translated("Энергия { $math-1 }.");
    let check = folio(&dir, &["check", "--lang", "ru"]);
    assert_eq!(check.code, 1, "{}{}", check.stdout, check.stderr);
    assert!(check.stderr.contains("locales/ru/01-method.ftl:") && check.stderr.contains("`$math-2` of the source message is missing"), "{}", check.stderr);
    translated("Углы { $math-2 }, энергия { $math-1 }.");

    // The review edition sets both sides' equations; an equation's pair has no id of its
    // own to show, link or sign off.
    let review = folio(&dir, &["render", "--layout", "review", "--lang", "ru", "--draft", "--format", "pdf,html", "--out", out.to_str().unwrap()]);
    assert_eq!(review.code, 0, "{}{}", review.stdout, review.stderr);
    let page = std::fs::read_to_string(out.join("report-ru-review.html")).expect("the review page");
    assert_eq!(page.matches("display=\"block\"").count(), 2, "the display equation on both sides: {page}");
    assert!(page.contains("display=\"inline\" alttext=\"{γ,δ}\""), "{page}");
    assert!(!page.contains("id=\"\"") && !page.contains("href=\"#\""), "no empty ids or self-links: {page}");
    let text = common::tool("pdftotext", &[out.join("report-ru-review.pdf").to_str().unwrap(), "-"]);
    assert_eq!(text.matches('𝐻').count(), 2, "the display equation on both sides: {text}");
    assert!(text.contains('𝛾') && text.contains("Углы"), "{text}");
    let proof = folio(&dir, &["proof", "--layout", "review", "--lang", "ru", "--draft", "--strict"]);
    assert_eq!(proof.code, 0, "{}{}", proof.stdout, proof.stderr);
}

/// A Word document's parts, one changed by `edit` (name → new bytes, or `None` to keep).
fn rewritten(file: &Path, edit: impl Fn(&str, &[u8]) -> Option<Vec<u8>>) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        let name = entry.name().unwrap().into_owned();
        let bytes = edit(&name, &bytes).unwrap_or(bytes);
        parts.push((name, bytes));
    }
    let parts: Vec<(&str, Vec<u8>)> = parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    docx(&parts)
}

/// Issue 24: a chart whose values Word did not cache (only its embedded workbook holds
/// them) arrives with the workbook's values: Apache POI's 61745.docx (two bar charts, an
/// embedded .xlsx each) with every `c:numCache` and `c:strCache` taken out imports as the
/// same charts as the document itself, and the report says where the values came from.
#[test]
fn chart_values_from_the_embedded_workbook_when_not_cached() {
    let original = common::repo().join("tests/corpus/docx-poi/61745.docx");
    let caches = regex::Regex::new(r"(?s)<c:(numCache|strCache)>.*?</c:(numCache|strCache)>").unwrap();
    let stripped = rewritten(&original, |name, bytes| {
        name.starts_with("word/charts/chart").then(|| caches.replace_all(std::str::from_utf8(bytes).unwrap(), "").into_owned().into_bytes())
    });
    let parent = tempfile::tempdir().unwrap();
    std::fs::write(parent.path().join("uncached.docx"), &stripped).unwrap();
    std::fs::copy(&original, parent.path().join("cached.docx")).unwrap();
    let mut charts = Vec::new();
    for name in ["cached", "uncached"] {
        let run = folio_in(parent.path(), &["import", &format!("{name}.docx"), "--into", name, "--source-lang", "en"]);
        assert_eq!(run.code, 0, "{name}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("2 charts"), "{name}: {}", run.stdout);
        assert_eq!(run.stdout.contains("read from its embedded workbook"), name == "uncached", "{name}: {}", run.stdout);
        let dir = parent.path().join(name);
        let mut files: Vec<_> = std::fs::read_dir(dir.join("report/charts")).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let tables: Vec<toml::Table> = files.iter().map(|f| std::fs::read_to_string(f).unwrap().parse().unwrap()).collect();
        charts.push((tables, std::fs::read_to_string(dir.join("locales/en/01-cached.ftl").with_file_name(format!("01-{name}.ftl"))).unwrap()));
        let check = folio(&dir, &["check"]);
        assert_eq!(check.code, 0, "{name}: {}", check.stderr);
    }
    let (cached, uncached) = (&charts[0], &charts[1]);
    assert_eq!(cached.0.len(), 2);
    assert_eq!(cached.0, uncached.0, "the same charts, values and messages");
    assert_eq!(numbers(&uncached.0[0]["series"][0]["values"]), [Some(4.3), Some(2.5), Some(3.5), Some(4.5)]);
    assert!(uncached.1.contains("= Category 1") && uncached.1.contains("= Series 3"), "{}", uncached.1);
    assert_eq!(cached.1, uncached.1.replace("uncached", "cached"), "the same bundle");

    // Two charts with the same title are two files, each with its values (the second once
    // overwrote the first).
    let edited = rewritten(&original, |name, bytes| (name == "word/charts/chart2.xml").then(|| std::str::from_utf8(bytes).unwrap().replace("<c:v>4.3</c:v>", "<c:v>9.9</c:v>").into_bytes()));
    std::fs::write(parent.path().join("edited.docx"), &edited).unwrap();
    let run = folio_in(parent.path(), &["import", "edited.docx", "--into", "edited", "--source-lang", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = parent.path().join("edited");
    let first = chart_file(&dir, "ch01-series-1-series-2-series.toml");
    let second = chart_file(&dir, "ch01-series-1-series-2-series-2.toml");
    assert_eq!(numbers(&first["series"][0]["values"])[0], Some(4.3));
    assert_eq!(numbers(&second["series"][0]["values"])[0], Some(9.9));
}
