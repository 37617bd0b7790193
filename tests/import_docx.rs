//! `folio import` of Word documents (issue 14). Two sources: the Word files of another
//! project (tests/corpus/docx/, python-docx's test files), imported whole; and documents built
//! here, a zip of XML parts as Word writes them, each holding one thing the reader must get
//! right (localized heading styles, outline levels, numbering, footnotes and endnotes with
//! links, merged table cells, images, tracked changes, fields, content controls, smart tags),
//! and broken ones (a corrupt or encrypted file, a zip bomb, a relationship leaving the
//! archive, an image that is not one).

mod common;

use std::path::Path;

use serde_json::Value;

use common::{docx, folio, folio_in, xml};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;

fn p(style: &str, runs: &str) -> String {
    let ppr = if style.is_empty() { String::new() } else { format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>") };
    format!("<w:p>{ppr}{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn item(num: u32, text: &str) -> String {
    format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{}</w:p>", r(text))
}

fn png() -> Vec<u8> {
    std::fs::read(common::repo().join("tests/fixtures/minimal/report/images/photo.png")).expect("a PNG")
}

/// The parts of a small report in Word: every construct the reader handles once.
fn report_parts(image: Vec<u8>) -> Vec<(&'static str, Vec<u8>)> {
    let styles = xml(&format!(
        r#"<w:styles {W}>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="标题 1"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="Überschrift 2"/></w:style>
<w:style w:type="paragraph" w:styleId="MyChapter"><w:name w:val="My chapter"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/></w:style>
</w:styles>"#
    ));
    let numbering = xml(&format!(
        r#"<w:numbering {W}>
<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
</w:numbering>"#
    ));
    let drawing = r#"<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="图为边境口岸。"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rId10"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#;
    let body = [
        p("Title", &r("年度报告")),
        p("1", &r("第一章 总论")),
        p("", &format!(
            "{}<w:ins w:id=\"1\" w:author=\"A\">{}</w:ins><w:del w:id=\"2\" w:author=\"B\"><w:r><w:delText>删除的文字</w:delText></w:r></w:del>{}<w:r><w:footnoteReference w:id=\"1\"/></w:r>{}",
            "<w:r><w:rPr><w:b/></w:rPr><w:t>贸易额达到</w:t></w:r>",
            r("2401"),
            r("亿美元"),
            r("。")
        )),
        p("", &format!(
            "{}<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>{}<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt><w:smartTag w:element=\"place\">{}</w:smartTag><w:hyperlink r:id=\"rId20\">{}</w:hyperlink>{}<w:r><w:endnoteReference w:id=\"1\"/></w:r>",
            r("见第"),
            r("3"),
            r("页，"),
            r("控件文字，"),
            r("莫斯科"),
            r("官网"),
            r("。")
        )),
        format!("<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>", p("berschrift2", &r("（一）贸易"))),
        item(1, "第一项。"),
        item(1, "第二项。"),
        item(2, "要点甲"),
        item(2, "要点乙"),
        p("Quote", &r("引文。")),
        p("", drawing),
        r#"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>
<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>年度</w:t></w:r></w:p></w:tc>
<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>贸易额</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:trPr><w:tblHeader/></w:trPr>
<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
<w:tc><w:p><w:r><w:t>出口</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>进口</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>2022</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>761.2</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>2023</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1109.7</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1291.4</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>"#
            .to_string(),
        format!("<w:p><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr>{}</w:p>", r("结语")),
        p("MyChapter", &r("附录")),
        p("", &r("最后一段。")),
    ]
    .concat();
    let document = xml(&format!("<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"));
    let rels = xml(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>
<Relationship Id="rId20" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/>
</Relationships>"#);
    let footnotes = xml(&format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>{}<w:hyperlink r:id="rId1">{}</w:hyperlink>{}</w:p></w:footnote></w:footnotes>"#,
        r(" 《海关统计》，"),
        r("https://www.customs.gov.cn/"),
        r("。")
    ));
    let footnote_rels = xml(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.customs.gov.cn/" TargetMode="External"/></Relationships>"#);
    let endnotes = xml(&format!(r#"<w:endnotes {W}><w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r>{}</w:p></w:endnote></w:endnotes>"#, r(" 尾注文字。")));
    vec![
        ("[Content_Types].xml", xml(r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", rels),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
        ("word/footnotes.xml", footnotes),
        ("word/_rels/footnotes.xml.rels", footnote_rels),
        ("word/endnotes.xml", endnotes),
        ("word/media/image1.png", image),
        ("word/header1.xml", xml(&format!("<w:hdr {W}>{}</w:hdr>", p("", &r("年度报告"))))),
    ]
}

fn import(cwd: &Path, file: &str, into: &str) -> common::Run {
    folio_in(cwd, &["import", file, "--into", into])
}

#[test]
fn a_word_report_maps_to_the_model() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(parent.path().join("report.docx"), docx(&report_parts(png()))).unwrap();
    let run = import(parent.path(), "report.docx", "report");
    assert_eq!(run.code, 0, "folio import: {}", run.stderr);
    println!("{}", run.stdout);
    assert!(
        run.stdout.contains("3 chapters, 1 sections, 4 paragraphs, 2 lists (4 items), 1 tables, 1 figures, 2 footnotes"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("paragraph 3: bold dropped, text kept: `贸易额达到`"), "{}", run.stdout);
    assert!(run.stdout.contains("the page headers and footers"), "nothing is dropped silently: {}", run.stdout);
    let dir = parent.path().join("report");
    let check = folio(&dir, &["check"]);
    assert_eq!(check.code, 0, "folio check: {}", check.stderr);

    let dump = folio(&dir, &["dump", "--lang", "zh"]);
    assert_eq!(dump.code, 0, "{}", dump.stderr);
    let doc: Value = serde_json::from_str(&dump.stdout).expect("JSON");
    assert_eq!(doc["title"], "年度报告", "the Title style is the report's title");
    let chapters = doc["chapters"].as_array().expect("chapters");
    let titles: Vec<&str> = chapters.iter().map(|c| c["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["第一章 总论", "结语", "附录"], "标题 1, an outline level and a style's outline level");
    let intro = &chapters[0]["intro"];
    let first = text(&intro[0]["content"]);
    assert_eq!(first, "贸易额达到2401亿美元〔《海关统计》，https://www.customs.gov.cn/。〕。", "insertion kept, deletion dropped, footnote with its link");
    assert_eq!(text(&intro[1]["content"]), "见第3页，控件文字，莫斯科官网。〔尾注文字。〕", "field result, content control, smart tag, link text, endnote");
    let section = &chapters[0]["sections"][0];
    assert_eq!(section["title"], "（一）贸易", "Überschrift 2 is a section (its number is not a heuristic's business in Word)");
    let blocks = section["blocks"].as_array().expect("blocks");
    assert_eq!(blocks[0]["items"][1]["marker"], "2. ");
    assert_eq!(blocks[1]["items"][0]["marker"], "• ");
    assert_eq!(blocks[2]["kind"], "quote");
    assert_eq!(blocks[3]["kind"], "figure");
    assert_eq!(text(&blocks[3]["caption"]), "图为边境口岸。");
    let table = &blocks[4];
    assert_eq!(table["header"][0][0]["rowspan"], 2);
    assert_eq!(table["header"][0][1]["colspan"], 2);
    assert_eq!(table["rows"], serde_json::json!([["2022", "761.2", null], ["2023", "1109.7", "1291.4"]]));
    let render = folio(&dir, &["render", "--format", "pdf,epub"]);
    assert_eq!(render.code, 0, "{}", render.stderr);
}

/// Runs as one string: text, links as their URL, notes in 〔〕.
fn text(runs: &Value) -> String {
    let mut out = String::new();
    for run in runs.as_array().expect("runs") {
        if let Some(t) = run.get("text") {
            out.push_str(t.as_str().unwrap());
        } else if let Some(l) = run.get("link") {
            out.push_str(l.as_str().unwrap());
        } else if let Some(n) = run.get("note") {
            out.push('〔');
            out.push_str(&text(&n["content"]));
            out.push('〕');
        }
    }
    out
}

#[test]
fn broken_word_files_are_refused_and_leave_nothing() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    let p = parent.path();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("corrupt.docx", b"PK\x03\x04 this is not really a zip archive".to_vec(), "not a valid DOCX (zip) archive"),
        ("encrypted.docx", [&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0; 504]].concat(), "is encrypted"),
        ("bomb.docx", docx(&[("word/document.xml", vec![b' '; 20 * 1024 * 1024])]), "a zip bomb"),
        (
            "outside.docx",
            {
                let mut parts = report_parts(png());
                parts[2].1 = xml(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId10" Type="image" Target="../../../etc/passwd"/></Relationships>"#);
                docx(&parts)
            },
            "relationship rId10 points outside the archive",
        ),
        ("no-document.docx", docx(&[("word/styles.xml", xml("<w:styles/>"))]), "has no word/document.xml"),
        ("bad-xml.docx", docx(&[("word/document.xml", xml("<w:document><w:body><w:p></w:body>"))]), "is not well-formed XML"),
    ];
    for (name, bytes, expected) in &cases {
        std::fs::write(p.join(name), bytes).unwrap();
        let run = import(p, name, "out");
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{name}: expected `{expected}` in:\n{}", run.stderr);
        assert!(!p.join("out").exists(), "{name}: nothing is written");
    }
    let leftovers = std::fs::read_dir(p).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(".folio")).count();
    assert_eq!(leftovers, 0, "no staging directory is left");

    // A broken picture does not refuse the document (issue 24): a placeholder takes its place.
    std::fs::write(p.join("not-an-image.docx"), docx(&report_parts(b"GIF89a, or so it says".to_vec()))).unwrap();
    let run = import(p, "not-an-image.docx", "out");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("picture `word/media/image1.png` is a damaged GIF image"), "{}", run.stdout);
    assert!(run.stdout.contains("the original is report/images/original/image1.png"), "{}", run.stdout);
}

/// The text of a DOCX body as Word shows it: its `w:t` runs (not deleted text, not field
/// instructions), in order.
fn body_words(path: &Path) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    // The main part, `word/document.xml` unless another writer named it otherwise.
    let main = archive.file_names().map(|n| n.unwrap().into_owned()).filter(|n| n.starts_with("word/document") && n.ends_with(".xml")).min().unwrap();
    std::io::Read::read_to_string(&mut archive.by_name(&main).unwrap(), &mut xml).unwrap();
    let mut words = Vec::new();
    let mut rest = xml.as_str();
    while let Some(start) = rest.find("<w:t") {
        rest = &rest[start + 4..];
        // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl>`, `<w:tc>`…
        if !rest.starts_with('>') && !rest.starts_with(' ') {
            continue;
        }
        let open_end = rest.find('>').unwrap();
        if rest[..open_end].ends_with('/') {
            continue;
        }
        let text = &rest[open_end + 1..rest.find("</w:t>").unwrap()];
        let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
        words.extend(text.split_whitespace().map(str::to_string));
    }
    words
}

/// Every Word file of the corpus imports without a panic into a project that checks clean,
/// and the words of its body are in the resolved document.
#[test]
fn word_files_written_by_others() {
    let corpus = common::repo().join("tests/corpus/docx");
    let mut files: Vec<_> = std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "docx")).collect();
    files.sort();
    assert!(files.len() >= 40, "{} files", files.len());
    let (mut words, mut found) = (0, 0);
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let dir = tempfile::tempdir().unwrap();
        let into = dir.path().join("project");
        let run = folio_in(dir.path(), &["import", file.to_str().unwrap(), "--into", into.to_str().unwrap(), "--source-lang", "en"]);
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let check = folio(&into, &["check"]);
        assert_eq!(check.code, 0, "{name}: folio check:\n{}", check.stderr);
        let dump = folio(&into, &["dump", "--lang", "en"]);
        assert_eq!(dump.code, 0, "{name}: {}", dump.stderr);
        let text = dump.stdout;
        for word in body_words(file) {
            words += 1;
            // As JSON escapes it.
            let escaped = serde_json::to_string(&word).unwrap();
            if text.contains(escaped.trim_matches('"')) {
                found += 1;
            }
        }
    }
    println!("{} Word files; {found} of {words} words of their bodies in the imported documents", files.len());
    assert!(found * 100 >= words * 99, "only {found} of {words} words were imported");
}

/// A small EMF as Office writes one: a 60 × 40 mm frame on a 96 dpi device, a blue bar
/// (a brush, a rectangle) and its label (EXTTEXTOUTW).
fn emf() -> Vec<u8> {
    fn record(kind: u32, params: &[u32], tail: &[u8]) -> Vec<u8> {
        let mut r = Vec::new();
        r.extend_from_slice(&kind.to_le_bytes());
        r.extend_from_slice(&((8 + 4 * params.len() + tail.len()) as u32).to_le_bytes());
        params.iter().for_each(|p| r.extend_from_slice(&p.to_le_bytes()));
        r.extend_from_slice(tail);
        r
    }
    let mut header = vec![0u32; 22];
    header[2..4].copy_from_slice(&[226, 151]);
    header[6..8].copy_from_slice(&[6000, 4000]);
    header[8] = 0x464D_4520;
    header[16..20].copy_from_slice(&[1920, 1080, 508, 286]);
    let mut out = record(1, &header, &[]);
    out.extend(record(39, &[1, 0, 0xC0_7020, 0], &[]));
    out.extend(record(37, &[1], &[]));
    out.extend(record(43, &[20, 40, 120, 140], &[]));
    let label: Vec<u8> = "Exports".encode_utf16().flat_map(u16::to_le_bytes).collect();
    out.extend(record(84, &[0, 0, 0, 0, 1, 0, 0, 20, 146, 7, 76, 0, 0, 0, 0, 0, 0], &label));
    out.extend(record(14, &[0, 0, 0], &[]));
    let len = out.len() as u32;
    out[48..52].copy_from_slice(&len.to_le_bytes());
    out
}

fn gif() -> Vec<u8> {
    let image = image::RgbaImage::from_fn(40, 30, |x, _| image::Rgba([(x * 6) as u8, 90, 160, 255]));
    let mut bytes = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Gif).unwrap();
    bytes
}

fn picture(rid: &str, name: &str) -> String {
    format!(
        r#"<w:r><w:drawing><wp:inline><wp:extent cx="2160000" cy="1440000"/><wp:docPr id="1" name="{name}" descr="{name}"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

fn tc(content: &str) -> String {
    format!("<w:tc>{content}</w:tc>")
}

/// What real Word files hold and folio once refused or lost: GIF, EMF and undecodable
/// pictures, a table inside a table, a layout table, a text box, a content control in a
/// cell, an empty table.
fn hard_parts() -> Vec<(&'static str, Vec<u8>)> {
    let inner = format!("<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>", tc(&p("", &r("innerA"))), tc(&p("", &r("innerB"))), tc(&p("", &r("innerC"))), tc(&p("", &r("innerD"))));
    let nested = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        tc(&p("", &r("outer1"))),
        tc(&p("", &r("outer2"))),
        tc(&format!("{}{inner}<w:p/>", p("", &r("outer3")))),
        tc(&format!("<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt><w:p>{}</w:p>", p("", &r("controlled")), picture("rId11", "A GIF again")))
    );
    let layout = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", tc(&p("", &r("sidebar words"))), tc(&format!("{}<w:p/>", inner.replace("inner", "layout"))));
    let text_box = format!(
        r#"<w:p>{}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="5" name="Text Box 5"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        r("Before the box."),
        p("", &r("Boxed remark.")),
        p("", &r("Boxed remark."))
    );
    let body = [
        p("Title", &r("Hard cases")),
        p("Heading1", &r("Pictures")),
        format!("<w:p>{}</w:p>", picture("rId11", "A GIF")),
        format!("<w:p>{}</w:p>", picture("rId12", "An EMF chart")),
        format!("<w:p>{}</w:p>", picture("rId13", "A broken picture")),
        p("Heading1", &r("Tables")),
        nested,
        layout,
        "<w:tbl><w:tblPr/><w:tr/></w:tbl>".to_string(),
        text_box,
    ]
    .concat();
    let ns = r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;
    let document = xml(&format!("<w:document {W} {ns}><w:body>{body}<w:sectPr/></w:body></w:document>"));
    let rel = |id: &str, target: &str| format!(r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{target}"/>"#);
    let rels = xml(&format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}{}{}</Relationships>"#,
        rel("rId11", "media/image1.gif"),
        rel("rId12", "media/image2.emf"),
        rel("rId13", "media/image3.wdp")
    ));
    let styles = xml(&format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>"#
    ));
    vec![
        ("[Content_Types].xml", xml(r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", rels),
        ("word/styles.xml", styles),
        ("word/media/image1.gif", gif()),
        ("word/media/image2.emf", emf()),
        ("word/media/image3.wdp", b"II\xbc\x01 an HD Photo folio cannot read".to_vec()),
    ]
}

/// Issue 24: no document refused for a picture, no table text lost, text boxes kept, and
/// every approximation in the import report; the project checks and renders.
#[test]
fn pictures_in_any_format_nested_tables_and_text_boxes() {
    let parent = tempfile::tempdir().unwrap();
    std::fs::write(parent.path().join("hard.docx"), docx(&hard_parts())).unwrap();
    let run = import(parent.path(), "hard.docx", "hard");
    assert_eq!(run.code, 0, "folio import: {}", run.stderr);
    let out = &run.stdout;
    println!("{out}");
    assert!(out.contains("4 figures"), "{out}");
    assert!(out.contains("picture `word/media/image1.gif`: GIF, converted to PNG"), "{out}");
    assert!(out.contains("picture `word/media/image2.emf`: EMF, drawn as SVG"), "{out}");
    assert!(out.contains("picture `word/media/image3.wdp` is a JXR image") || out.contains("picture `word/media/image3.wdp` is in no picture format folio knows"), "{out}");
    assert!(out.contains("the original is report/images/original/image3.wdp"), "{out}");
    assert!(out.contains("a table inside a table cell (row 2, column 1) is placed after its table"), "{out}");
    assert!(out.contains("a layout table"), "{out}");
    assert!(out.contains("a picture in a table cell (row 2, column 2) is placed after its table"), "{out}");
    assert!(out.contains("an empty table (no rows or no cells)"), "{out}");
    assert!(out.contains("a text box (or a shape's text)"), "{out}");
    assert!(!out.contains("not imported") && !out.contains("not a picture"), "{out}");

    let dir = parent.path().join("hard");
    let images: Vec<String> = std::fs::read_dir(dir.join("report/images")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(images.iter().filter(|n| n.ends_with(".png")).count(), 2, "the GIF, twice: {images:?}");
    assert_eq!(images.iter().filter(|n| n.ends_with(".svg")).count(), 2, "the EMF and the placeholder: {images:?}");
    assert_eq!(std::fs::read(dir.join("report/images/original/image3.wdp")).unwrap(), hard_parts()[6].1);
    let svg = images.iter().find(|n| n.ends_with(".svg") && std::fs::read_to_string(dir.join("report/images").join(n)).unwrap().contains("Exports")).expect("the EMF's SVG");
    assert!(std::fs::read_to_string(dir.join("report/images").join(svg)).unwrap().contains("fill=\"#2070c0\""), "the bar's colour");

    let check = folio(&dir, &["check"]);
    assert_eq!(check.code, 0, "folio check: {}", check.stderr);
    let dump = folio(&dir, &["dump", "--lang", "en"]);
    assert_eq!(dump.code, 0, "{}", dump.stderr);
    for word in ["outer1", "outer3", "controlled", "innerA", "innerD", "sidebar words", "layoutA", "layoutD", "Before the box.", "Boxed remark."] {
        assert!(dump.stdout.contains(word), "{word} is lost: {}", dump.stdout);
    }
    assert_eq!(dump.stdout.matches("Boxed remark.").count(), 1, "a text box's fallback is not read twice");
    let out_dir = parent.path().join("editions");
    let render = folio(&dir, &["render", "--format", "pdf,epub,html", "--out", out_dir.to_str().unwrap()]);
    assert_eq!(render.code, 0, "{}", render.stderr);
}

/// The invariant over other projects' Word files (tests/corpus/docx-mammoth/): whatever
/// the import writes checks clean and renders as PDF, EPUB and HTML, with their words.
#[test]
fn imported_word_files_render() {
    let corpus = common::repo().join("tests/corpus/docx-mammoth");
    let mut files: Vec<_> = std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "docx")).collect();
    files.sort();
    assert!(files.len() >= 3, "{} files", files.len());
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let dir = tempfile::tempdir().unwrap();
        let into = dir.path().join("project");
        let run = folio_in(dir.path(), &["import", file.to_str().unwrap(), "--into", into.to_str().unwrap(), "--source-lang", "en"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let check = folio(&into, &["check"]);
        assert_eq!(check.code, 0, "{name}: folio check:\n{}", check.stderr);
        let dump = folio(&into, &["dump", "--lang", "en"]);
        let words = body_words(file);
        let missing: Vec<&String> = words.iter().filter(|w| !dump.stdout.contains(serde_json::to_string(w).unwrap().trim_matches('"'))).collect();
        assert!(missing.is_empty(), "{name}: {} of {} words lost: {missing:?}", missing.len(), words.len());
        let out = dir.path().join("out");
        let render = folio(&into, &["render", "--format", "pdf,epub,html", "--out", out.to_str().unwrap()]);
        assert_eq!(render.code, 0, "{name}: {}", render.stderr);
    }
}

/// Files of the wider corpus the import must refuse, and why: only a corrupt archive, an
/// encrypted document or XML with a DTD's entities.
const REFUSED: &[(&str, &str)] = &[
    ("bug53475-password-is-pass.docx", "the document is encrypted"),
    ("ExternalEntityInText.docx", "unknown entity &testent;"),
    ("truncated62886.docx", "not a valid DOCX (zip) archive"),
];

/// Issue 24's invariant over Word files written by others (tests/corpus/docx-poi/, Apache
/// POI's; tests/corpus/docx-pandoc/, Pandoc's: charts, EMF and WMF pictures, nested tables,
/// text boxes, SmartArt, equations, OLE objects, symbol fonts, documents in eight
/// languages): each imports (its language guessed, as a user's would be) into a project
/// that checks clean and renders as PDF, EPUB and HTML; a word of its body that is not in
/// the imported document is in a place the import report lists as dropped; and the
/// refused ones are refused with their reason.
#[test]
fn wider_corpus_imports_checks_and_renders() {
    let mut files = Vec::new();
    for dir in ["tests/corpus/docx-poi", "tests/corpus/docx-pandoc"] {
        let dir = common::repo().join(dir);
        files.extend(std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "docx")));
    }
    files.sort();
    assert!(files.len() >= 60, "{} files", files.len());
    let (mut words, mut found, mut charts, mut figures) = (0, 0, 0, 0);
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let dir = tempfile::tempdir().unwrap();
        let into = dir.path().join("project");
        let json = dir.path().join("report.json");
        let run = folio_in(dir.path(), &["import", file.to_str().unwrap(), "--into", into.to_str().unwrap(), "--report-json", json.to_str().unwrap()]);
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        if let Some((_, why)) = REFUSED.iter().find(|(n, _)| *n == name) {
            assert_eq!(run.code, 1, "{name} is refused: {}", run.stderr);
            assert!(run.stderr.contains(why), "{name}: {}", run.stderr);
            assert!(!into.exists(), "{name}: nothing written");
            continue;
        }
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let report: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        charts += report["counts"]["charts"].as_u64().unwrap();
        figures += report["counts"]["figures"].as_u64().unwrap();
        let check = folio(&into, &["check"]);
        assert_eq!(check.code, 0, "{name}: folio check:\n{}", check.stderr);
        let toml = std::fs::read_to_string(into.join("report/report.toml")).unwrap();
        let lang = toml.lines().find_map(|l| l.strip_prefix("source-language = \"")).unwrap().trim_end_matches('"').to_string();
        let dump = folio(&into, &["dump", "--lang", &lang]);
        assert_eq!(dump.code, 0, "{name}: {}", dump.stderr);
        // A symbol font's codes (private use) are no words: the import writes the Symbol
        // font's as Unicode (unicode.docx: U+F028 is `(`).
        let body: Vec<String> = body_words(file).into_iter().filter(|w| !w.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c))).collect();
        let missing: Vec<&String> = body.iter().filter(|w| !dump.stdout.contains(serde_json::to_string(w).unwrap().trim_matches('"'))).collect();
        words += body.len();
        found += body.len() - missing.len();
        if !missing.is_empty() {
            assert!(report["dropped"].as_array().is_some_and(|d| !d.is_empty()), "{name}: {} words lost, none listed as dropped: {missing:?}", missing.len());
        }
        let out = dir.path().join("out");
        let render = folio(&into, &["render", "--format", "pdf,epub,html", "--out", out.to_str().unwrap()]);
        assert_eq!(render.code, 0, "{name}: {}", render.stderr);
    }
    println!("{} Word files, {} refused; {found} of {words} words of their bodies imported; {charts} charts, {figures} figures", files.len(), REFUSED.len());
    assert!(found * 1000 >= words * 995, "only {found} of {words} words were imported");
    assert!(charts >= 4 && figures >= 30, "{charts} charts, {figures} figures");
}
