//! Reading a Word document (DOCX: a zip of XML parts) into the blocks of
//! src/import/source.rs: headings by outline level or style (also localized style names:
//! 标题 1, Überschrift 1, Заголовок 1), paragraphs, lists (numbering.xml), footnotes and
//! endnotes with their hyperlinks, tables with merged cells, images from word/media,
//! tracked changes accepted (insertions kept, deletions dropped), the text of fields,
//! content controls and smart tags kept.
//!
//! The archive is untrusted: its size, its number of entries, each part's size and the
//! compression ratio are limited before anything is inflated in full, and a relationship
//! may not point outside the archive. Every problem is an error with a message, never a
//! panic.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::text::xml::reference_text;

use super::Problem;
use super::report::ImportReport;
use super::source::{Block, Inline, Loc, NoteRef, Piece, Source, Span, Table, push_text};

/// Limits for untrusted archives.
const MAX_ENTRIES: usize = 10_000;
const MAX_PART: u64 = 64 * 1024 * 1024;
const MAX_TOTAL: u64 = 512 * 1024 * 1024;
/// A part inflating more than this many times its compressed size is a zip bomb.
const MAX_RATIO: u64 = 200;

/// What the reader found besides the blocks: the title (the `Title` style).
pub struct Docx {
    pub source: Source,
    pub title: Option<(Inline, Loc)>,
}

pub fn read(bytes: &[u8], report: &mut ImportReport) -> Result<Docx, Problem> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err("the document is encrypted (a password-protected Word file) or a Word 97–2003 document: save it as an unprotected .docx".into());
    }
    let mut archive = Archive::open(bytes)?;
    // The main part is where the package's relationships say (`word/document.xml` when
    // Word wrote it; other writers name it otherwise).
    let main = archive.related(ROOT_RELS, "officeDocument")?.unwrap_or_else(|| "word/document.xml".to_string());
    let main_rels = rels_of(&main);
    let rels = archive.relationships(&main_rels)?;
    let folder = main.rsplit_once('/').map_or(String::new(), |(folder, _)| format!("{folder}/"));
    // A part the main part relates to by type, else its usual name beside it.
    let beside = |archive: &mut Archive, kind: &str| -> Result<String, Problem> { Ok(archive.related(&main_rels, kind)?.unwrap_or_else(|| format!("{folder}{kind}.xml"))) };
    let styles_part = beside(&mut archive, "styles")?;
    let styles = match archive.part(&styles_part)? {
        Some(xml) => Styles::parse(&parse(&xml, &styles_part)?),
        None => Styles::default(),
    };
    let numbering_part = beside(&mut archive, "numbering")?;
    let numbering = match archive.part(&numbering_part)? {
        Some(xml) => Numbering::parse(&parse(&xml, &numbering_part)?),
        None => Numbering::default(),
    };
    let document = archive.part(&main)?.ok_or_else(|| format!("the archive has no {main}: it is not a Word document"))?;
    let document = parse(&document, &main)?;
    let body = document.find("body").ok_or_else(|| format!("{main} has no document body (`w:body`): it is not a Word document"))?;

    // What the model has no place for, said once per document.
    let names: Vec<String> = archive.zip.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
    let count = |prefix: &str| names.iter().filter(|n| n.starts_with(prefix) && n.ends_with(".xml")).count();
    if count("word/header") + count("word/footer") > 0 {
        report.dropped(Loc::Paragraph(0), "the page headers and footers (the editions make their own)");
    }
    if names.iter().any(|n| n == "word/comments.xml") {
        report.dropped(Loc::Paragraph(0), "the reviewers' comments (word/comments.xml)");
    }
    let mut r = Walker { styles: &styles, numbering: &numbering, rels: &rels, report, out: Docx { source: Source::default(), title: None }, paragraph: 0, lists: HashMap::new(), charts: Vec::new(), display_math: false };
    r.blocks(body, &mut archive)?;
    // Footnotes and endnotes, as definitions the references point at.
    let mut out = r.out;
    let paragraph = r.paragraph;
    let report = r.report;
    for (kind, prefix) in [("footnote", "fn"), ("endnote", "en")] {
        let part = beside(&mut archive, &format!("{kind}s"))?;
        let Some(xml) = archive.part(&part)? else { continue };
        let note_rels = archive.relationships(&rels_of(&part))?;
        let tree = parse(&xml, &part)?;
        let mut walker = Walker { styles: &styles, numbering: &numbering, rels: &note_rels, report: &mut *report, out: Docx { source: Source::default(), title: None }, paragraph, lists: HashMap::new(), charts: Vec::new(), display_math: false };
        for note in tree.children.iter().filter(|n| n.name == kind) {
            if note.attr("type").is_some_and(|t| t.contains("eparator") || t == "continuationNotice") {
                continue;
            }
            let id = note.attr("id").unwrap_or_default();
            let mut text = Vec::new();
            for p in note.children.iter().filter(|c| c.name == "p") {
                if !text.is_empty() {
                    push_text(&mut text, " ");
                }
                walker.inline(p, &mut text, &mut Vec::new());
            }
            let block = Block::NoteDef { label: format!("{prefix}:{id}"), text: trim(text) };
            out.source.pieces.push(Piece { block, at: Loc::Paragraph(paragraph), raw: String::new() });
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// The archive.

pub(super) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    total: u64,
}

impl<'a> Archive<'a> {
    pub(super) fn open(bytes: &'a [u8]) -> Result<Self, Problem> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a valid DOCX (zip) archive: {e}"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Problem(format!("the archive holds {} files, more than a document has ({MAX_ENTRIES} at most)", zip.len())));
        }
        Ok(Archive { zip, total: 0 })
    }

    /// A part's bytes, or `None` when the archive lacks it; sizes and ratios checked while
    /// it is inflated (declared sizes can lie).
    pub(super) fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, Problem> {
        let mut file = match self.zip.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(Problem(format!("cannot read {name}: {e}"))),
        };
        if file.encrypted() {
            return Err(Problem(format!("{name} is encrypted: save the document without a password")));
        }
        let compressed = file.compressed_size().max(1);
        let limit = MAX_PART.min(compressed.saturating_mul(MAX_RATIO).max(1024 * 1024));
        let mut bytes = Vec::new();
        (&mut file).take(limit + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot inflate {name}: {e}"))?;
        if bytes.len() as u64 > limit {
            return Err(Problem(format!("{name} inflates to more than {} MB ({}× its compressed size at most): a zip bomb or a damaged file", limit / 1024 / 1024, MAX_RATIO)));
        }
        self.total += bytes.len() as u64;
        if self.total > MAX_TOTAL {
            return Err(Problem(format!("the archive inflates to more than {} MB in all", MAX_TOTAL / 1024 / 1024)));
        }
        Ok(Some(bytes))
    }

    /// rId → (target inside the archive, or the external URL; external?).
    pub(super) fn relationships(&mut self, name: &str) -> Result<HashMap<String, (String, bool)>, Problem> {
        Ok(self.relationship_list(name)?.into_iter().map(|(id, _, target, external)| (id, (target, external))).collect())
    }

    /// The target inside the archive of the first relationship of a type (its last
    /// segment: `officeDocument`, `styles`, `package` …), if any.
    pub(super) fn related(&mut self, name: &str, kind: &str) -> Result<Option<String>, Problem> {
        Ok(self.relationship_list(name)?.into_iter().find(|(_, k, _, external)| !external && k.rsplit('/').next() == Some(kind)).map(|(_, _, target, _)| target))
    }

    /// The relationships of a part (`word/_rels/document.xml.rels`): (id, type, target,
    /// external?), an internal target resolved against the part's folder.
    fn relationship_list(&mut self, name: &str) -> Result<Vec<(String, String, String, bool)>, Problem> {
        let Some(xml) = self.part(name)? else { return Ok(Vec::new()) };
        let tree = parse(&xml, name)?;
        let base = name.rsplit_once("_rels/").map_or("", |(base, _)| base);
        let mut list = Vec::new();
        for rel in tree.children.iter().filter(|n| n.name == "Relationship") {
            let (Some(id), Some(target)) = (rel.attr("Id"), rel.attr("Target")) else { continue };
            let kind = rel.attr("Type").unwrap_or_default().to_string();
            if rel.attr("TargetMode") == Some("External") {
                list.push((id.to_string(), kind, target.to_string(), true));
                continue;
            }
            let resolved = resolve(base, target).ok_or_else(|| format!("{name}: relationship {id} points outside the archive (`{target}`)"))?;
            list.push((id.to_string(), kind, resolved, false));
        }
        Ok(list)
    }
}

/// The package's own relationships: which part is the document.
const ROOT_RELS: &str = "_rels/.rels";

/// The relationships part of a part: `word/document.xml` → `word/_rels/document.xml.rels`.
pub(super) fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A relationship target relative to `base` (a folder ending in `/`), normalized; `None`
/// when it leaves the archive.
fn resolve(base: &str, target: &str) -> Option<String> {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{base}{target}"),
    };
    if target.contains('\\') || target.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

// ---------------------------------------------------------------------------------------
// A small element tree.

#[derive(Debug, Default)]
pub(super) struct Node {
    /// The local name (`p` for `w:p`).
    pub(super) name: String,
    /// (prefix, local name, value).
    pub(super) attrs: Vec<(String, String, String)>,
    pub(super) children: Vec<Node>,
    pub(super) text: String,
}

impl Node {
    /// An attribute by local name; `r:id` style names pick the prefix too.
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        match name.split_once(':') {
            Some((prefix, local)) => self.attrs.iter().find(|(p, l, _)| p == prefix && l == local),
            None => self.attrs.iter().find(|(_, l, _)| l == name),
        }
        .map(|(_, _, v)| v.as_str())
    }

    pub(super) fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The first descendant with this name.
    pub(super) fn find(&self, name: &str) -> Option<&Node> {
        self.children.iter().find_map(|c| if c.name == name { Some(c) } else { c.find(name) })
    }

    /// `w:val` of a child (`<w:pStyle w:val="Heading1"/>`).
    pub(super) fn val(&self, child: &str) -> Option<&str> {
        self.child(child).and_then(|c| c.attr("val"))
    }
}

fn local(name: &[u8]) -> (String, String) {
    let name = String::from_utf8_lossy(name);
    match name.split_once(':') {
        Some((p, l)) => (p.to_string(), l.to_string()),
        None => (String::new(), name.into_owned()),
    }
}

fn element(e: &BytesStart) -> Result<Node, Problem> {
    let (_, name) = local(e.name().as_ref());
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| err.to_string())?;
        let (prefix, key) = local(attr.key.as_ref());
        let value = attr.unescape_value().map_err(|err| err.to_string())?.into_owned();
        attrs.push((prefix, key, value));
    }
    Ok(Node { name, attrs, ..Default::default() })
}

/// Parses an XML part into a tree (depth limited: a document nests a few dozen levels).
pub(super) fn parse(xml: &[u8], part: &str) -> Result<Node, Problem> {
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<Node> = vec![Node::default()];
    let mut buf = Vec::new();
    let fail = |e: String| Problem(format!("{part} is not well-formed XML: {e}"));
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| fail(e.to_string()))? {
            Event::Start(e) => {
                if stack.len() > 256 {
                    return Err(fail("elements nested too deeply".into()));
                }
                stack.push(element(&e).map_err(|p| fail(p.0))?);
            }
            Event::Empty(e) => {
                let node = element(&e).map_err(|p| fail(p.0))?;
                stack.last_mut().expect("the root stays").children.push(node);
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(fail("an end tag without its start".into()));
                }
                let node = stack.pop().expect("checked above");
                stack.last_mut().expect("the root stays").children.push(node);
            }
            Event::Text(t) => {
                let text = t.decode().map_err(|e| fail(e.to_string()))?;
                stack.last_mut().expect("the root stays").text.push_str(&text);
            }
            Event::CData(t) => {
                let text = String::from_utf8_lossy(&t).into_owned();
                stack.last_mut().expect("the root stays").text.push_str(&text);
            }
            Event::GeneralRef(r) => {
                let c = reference_text(&r).map_err(fail)?;
                stack.last_mut().expect("the root stays").text.push_str(&c);
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
        buf.clear();
    }
    if stack.len() != 1 {
        return Err(fail("the document ends inside an element".into()));
    }
    let mut root = stack.pop().expect("one root");
    match root.children.len() {
        1 => Ok(root.children.remove(0)),
        _ => Err(fail("not one root element".into())),
    }
}

// ---------------------------------------------------------------------------------------
// Styles and numbering.

#[derive(Default)]
struct Styles {
    /// styleId → (name, outline level, based on).
    styles: HashMap<String, (String, Option<u8>, Option<String>)>,
}

impl Styles {
    fn parse(tree: &Node) -> Styles {
        let mut styles = HashMap::new();
        for style in tree.children.iter().filter(|s| s.name == "style") {
            let Some(id) = style.attr("styleId") else { continue };
            let name = style.val("name").unwrap_or(id).to_string();
            let outline = style.child("pPr").and_then(|p| p.val("outlineLvl")).and_then(|v| v.parse::<u8>().ok());
            let based = style.val("basedOn").map(str::to_string);
            styles.insert(id.to_string(), (name, outline, based));
        }
        Styles { styles }
    }

    /// The heading level of a paragraph style (1 = chapter), by its outline level or its
    /// name, following `basedOn`; 0 for the `Title` style.
    fn heading(&self, id: &str) -> Option<u8> {
        let mut current = Some(id);
        for _ in 0..16 {
            let id = current?;
            let named = heading_name(id);
            match self.styles.get(id) {
                Some((name, outline, based)) => {
                    if let Some(level) = outline.filter(|l| *l < 9).map(|l| l + 1).or_else(|| heading_name(name)).or(named) {
                        return Some(level);
                    }
                    current = based.as_deref();
                }
                None => return named,
            }
        }
        None
    }
}

/// `heading 2`, `Heading2`, `标题 2`, `Überschrift 2`, `Заголовок 2`, `Titre 2`… → 2;
/// `Title`, `标题` → 0.
fn heading_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let trimmed = lower.trim();
    if ["title", "标题", "titel", "название", "titre", "título", "titolo"].contains(&trimmed) {
        return Some(0);
    }
    const WORDS: &[&str] = &["heading", "标题", "überschrift", "заголовок", "titre", "título", "titolo", "kop", "rubrik", "nagłówek"];
    let word = WORDS.iter().find(|w| trimmed.starts_with(*w))?;
    let level: u8 = trimmed[word.len()..].trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// (abstractNumId, level) → (ordered, start).
    levels: HashMap<(String, String), (bool, u64)>,
}

impl Numbering {
    fn parse(tree: &Node) -> Numbering {
        let mut n = Numbering::default();
        for abs in tree.children.iter().filter(|c| c.name == "abstractNum") {
            let Some(id) = abs.attr("abstractNumId") else { continue };
            for lvl in abs.children.iter().filter(|c| c.name == "lvl") {
                let ilvl = lvl.attr("ilvl").unwrap_or("0").to_string();
                let ordered = !matches!(lvl.val("numFmt"), Some("bullet" | "none") | None);
                let start = lvl.val("start").and_then(|s| s.parse().ok()).unwrap_or(1);
                n.levels.insert((id.to_string(), ilvl), (ordered, start));
            }
        }
        for num in tree.children.iter().filter(|c| c.name == "num") {
            if let (Some(id), Some(abs)) = (num.attr("numId"), num.val("abstractNumId")) {
                n.nums.insert(id.to_string(), abs.to_string());
            }
        }
        n
    }

    fn level(&self, num: &str, ilvl: &str) -> Option<(bool, u64)> {
        let abs = self.nums.get(num)?;
        self.levels.get(&(abs.clone(), ilvl.to_string())).copied()
    }
}

// ---------------------------------------------------------------------------------------
// The body.

struct Walker<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    rels: &'a HashMap<String, (String, bool)>,
    report: &'a mut ImportReport,
    out: Docx,
    /// Paragraphs seen, for locations.
    paragraph: usize,
    /// (numId, ilvl) → (list number, next item number).
    lists: HashMap<(String, String), (usize, u64)>,
    /// Charts met in the current paragraph or table: (rId, alt text, the picture Word
    /// shows instead, if any).
    charts: Vec<PendingChart>,
    /// The paragraph being read holds equations only: they become display equations, not
    /// text.
    display_math: bool,
}

impl<'a> Walker<'a> {
    fn blocks(&mut self, parent: &Node, archive: &mut Archive) -> Result<(), Problem> {
        for node in &parent.children {
            match node.name.as_str() {
                "p" => self.paragraph(node, archive)?,
                "tbl" => {
                    self.table(node, archive)?;
                    if !self.charts.is_empty() {
                        self.report.approximated(Loc::Paragraph(self.paragraph), "a chart inside a table cell placed after the table");
                    }
                    self.charts(archive)?;
                }
                // Content controls, custom XML, accepted insertions: their content counts.
                "sdt" => {
                    if let Some(content) = node.child("sdtContent") {
                        self.blocks(content, archive)?;
                    }
                }
                "customXml" | "ins" | "moveTo" | "smartTag" => self.blocks(node, archive)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, p: &Node, archive: &mut Archive) -> Result<(), Problem> {
        self.paragraph += 1;
        let at = Loc::Paragraph(self.paragraph);
        let mut text = Vec::new();
        let mut images = Vec::new();
        // A paragraph of equations alone (`m:oMathPara`, or `m:oMath` with no other text)
        // shows them as display equations.
        let equations: Vec<&Node> = p
            .children
            .iter()
            .flat_map(|c| match c.name.as_str() {
                "oMathPara" => c.children.iter().filter(|m| m.name == "oMath").collect(),
                "oMath" => vec![c],
                _ => Vec::new(),
            })
            .collect();
        self.display_math = !equations.is_empty()
            && p.children.iter().all(|c| match c.name.as_str() {
                "oMath" | "oMathPara" | "pPr" | "bookmarkStart" | "bookmarkEnd" | "proofErr" => true,
                "r" => c.children.iter().all(|t| t.name != "t" || t.text.trim().is_empty()),
                _ => false,
            });
        self.inline(p, &mut text, &mut images);
        let text = if self.display_math { Vec::new() } else { trim(text) };
        let extents = extents(p);
        let ppr = p.child("pPr");
        let style = ppr.and_then(|p| p.val("pStyle"));
        let level = ppr
            .and_then(|p| p.val("outlineLvl"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|l| *l < 9)
            .map(|l| l + 1)
            .or_else(|| style.and_then(|s| self.styles.heading(s)));
        let numbered = ppr.and_then(|p| p.child("numPr")).and_then(|n| Some((n.val("numId")?.to_string(), n.val("ilvl").unwrap_or("0").to_string())));
        if !text.is_empty() {
            let block = match (level, numbered) {
                (Some(0), _) if self.out.title.is_none() => {
                    self.out.title = Some((text, at));
                    None
                }
                (Some(0), _) => Some(Block::Heading { level: 1, text }),
                (Some(level), _) => Some(Block::Heading { level, text }),
                (None, Some((num, ilvl))) if num != "0" => {
                    let (ordered, start) = self.numbering.level(&num, &ilvl).unwrap_or((false, 1));
                    let next = self.lists.len() + 1;
                    let entry = self.lists.entry((num, ilvl)).or_insert((next, start));
                    let number = entry.1;
                    entry.1 += 1;
                    Some(Block::Item { list: entry.0, ordered, number, text })
                }
                _ => {
                    let quote = style.is_some_and(|s| s.to_lowercase().contains("quote"));
                    Some(Block::Para { text, quote })
                }
            };
            if let Some(block) = block {
                self.out.source.pieces.push(Piece { block, at, raw: String::new() });
            }
        }
        if self.display_math {
            for omath in equations {
                let row = self.equation(omath, at);
                if !row.is_empty() {
                    self.out.source.pieces.push(Piece { block: Block::Math(row), at, raw: String::new() });
                }
            }
            self.display_math = false;
        }
        self.figures(images, &extents, at, archive)?;
        self.drawn_text(p, at, archive)?;
        self.charts(archive)
    }

    /// The charts met since the last call, each as a chart, a table of its data, or the
    /// picture Word shows in its place (src/import/chart.rs).
    fn charts(&mut self, archive: &mut Archive) -> Result<(), Problem> {
        let at = Loc::Paragraph(self.paragraph);
        for pending in std::mem::take(&mut self.charts) {
            let read = match self.rels.get(&pending.rid) {
                Some((target, false)) => match archive.part(target)? {
                    Some(xml) => {
                        let mut space = parse(&xml, target)?;
                        if super::workbook::uncached(&space) {
                            self.chart_workbook(&mut space, target, archive)?;
                        }
                        super::chart::read(&space, target)
                    }
                    None => Err(Problem(format!("the chart {target} is missing from the archive"))),
                },
                Some((url, true)) => Err(Problem(format!("a chart linked from outside the document ({url})"))),
                None => Err(Problem(format!("a chart whose relationship {} is missing", pending.rid))),
            };
            let block = match read {
                Ok(super::chart::Read::Chart(chart)) => {
                    for what in &chart.approximated {
                        self.report.approximated(at, format!("chart: {what}"));
                    }
                    Block::Chart { chart, alt: pending.alt }
                }
                Ok(super::chart::Read::Table(table, why)) => {
                    self.report.approximated(at, format!("{why}: its data is a table"));
                    Block::Table(table)
                }
                Err(why) => {
                    self.report.dropped(at, format!("a chart: {why}"));
                    continue;
                }
            };
            self.out.source.pieces.push(Piece { block, at, raw: String::new() });
        }
        Ok(())
    }

    /// Values Word did not cache in a chart, from the workbook embedded with it
    /// (`c:externalData`); a workbook that cannot be read leaves them missing, and says why.
    fn chart_workbook(&mut self, space: &mut Node, target: &str, archive: &mut Archive) -> Result<(), Problem> {
        let at = Loc::Paragraph(self.paragraph);
        let rels = archive.relationships(&rels_of(target))?;
        let workbook = match space.child("externalData").and_then(|d| d.attr("r:id")).and_then(|rid| rels.get(rid)) {
            Some((part, false)) => archive.part(part)?.ok_or_else(|| Problem(format!("its workbook {part} is missing from the archive"))).and_then(|xlsx| super::workbook::Workbook::read(&xlsx)),
            Some((url, true)) => Err(Problem(format!("its workbook is linked from outside the document ({url})"))),
            None => Err(Problem::from("it has no embedded workbook")),
        };
        match workbook {
            Ok(book) => {
                let filled = book.fill(space);
                if filled > 0 {
                    self.report.approximated(at, format!("chart {target}: {filled} range(s) Word had not cached read from its embedded workbook"));
                }
            }
            Err(why) => self.report.approximated(at, format!("chart {target}: values not cached by Word, and {why}")),
        }
        Ok(())
    }

    /// The inline content of a paragraph (or a hyperlink, an insertion, a field …):
    /// text, footnote references, links; images found are collected as (rId, alt text).
    fn inline(&mut self, node: &Node, out: &mut Inline, images: &mut Vec<(String, String)>) {
        let mut in_field = false;
        let at = Loc::Paragraph(self.paragraph);
        for child in &node.children {
            match child.name.as_str() {
                "r" => {
                    if let Some(what) = child.child("rPr").and_then(formatting) {
                        let shown: String = child.children.iter().filter(|t| t.name == "t").map(|t| t.text.as_str()).collect();
                        if !shown.trim().is_empty() {
                            self.report.approximated(at, format!("{what} dropped, text kept: {}", super::report::quote(&shown)));
                        }
                    }
                    let font = child.child("rPr").and_then(|p| p.child("rFonts")).and_then(|f| f.attr("ascii").or(f.attr("hAnsi"))).unwrap_or_default();
                    for item in &child.children {
                        match item.name.as_str() {
                            // Private-use characters are a symbol font's codes: the Symbol
                            // font's have Unicode characters, a picture font's not.
                            "t" if !in_field && item.text.chars().any(is_private_use) => {
                                let symbol_font = font.eq_ignore_ascii_case("Symbol");
                                let text: String = item.text.chars().map(|c| if symbol_font && ('\u{F020}'..='\u{F0FF}').contains(&c) { symbol(c as u32).unwrap_or(c) } else { c }).collect();
                                self.symbols(&text, font, out);
                            }
                            "t" if !in_field => push_text(out, &item.text),
                            // A symbol inserted from a font (Insert > Symbol): Unicode for the
                            // Symbol font's, dropped for a picture font's (Wingdings …).
                            "sym" if !in_field => {
                                let font = item.attr("font").unwrap_or_default();
                                let code = item.attr("char").and_then(|c| u32::from_str_radix(c, 16).ok()).unwrap_or(0);
                                let shown = if font.eq_ignore_ascii_case("Symbol") { symbol(code) } else { char::from_u32(code).filter(|c| !is_private_use(*c)) };
                                match shown {
                                    Some(c) => push_text(out, &c.to_string()),
                                    None => self.report.dropped(at, format!("a symbol of the font {font} (code {code:04X}), which has no Unicode character")),
                                }
                            }
                            "tab" | "ptab" if !in_field => push_text(out, " "),
                            "br" | "cr" if !in_field => push_text(out, "\n"),
                            "noBreakHyphen" => push_text(out, "\u{2011}"),
                            "softHyphen" => {}
                            "fldChar" => match item.attr("fldCharType") {
                                Some("begin") => in_field = true,
                                Some("separate") | Some("end") => in_field = false,
                                _ => {}
                            },
                            "footnoteReference" => out.push(Span::Note(NoteRef::Label(format!("fn:{}", item.attr("id").unwrap_or_default())))),
                            "endnoteReference" => out.push(Span::Note(NoteRef::Label(format!("en:{}", item.attr("id").unwrap_or_default())))),
                            "drawing" if item.find("chart").is_some_and(|c| c.attr("r:id").is_some()) => {
                                let chart = item.find("chart").and_then(|c| c.attr("r:id")).unwrap_or_default();
                                self.charts.push(PendingChart { rid: chart.to_string(), alt: alt_text(item).to_string() });
                            }
                            // A chart of Office 2016 (waterfall, histogram, treemap …): the
                            // picture Word shows in older versions, when there is one.
                            "AlternateContent" if item.find("Choice").and_then(|c| c.find("chart")).is_some() => {
                                match item.child("Fallback").and_then(|f| f.find("blip")).and_then(|b| b.attr("r:embed").or_else(|| b.attr("embed"))) {
                                    Some(rid) => {
                                        self.report.approximated(at, "a chart of a kind folio does not read (Office 2016): the picture Word shows in its place kept");
                                        images.push((rid.to_string(), alt_text(item).to_string()));
                                    }
                                    None => self.report.dropped(at, "a chart of a kind folio does not read (Office 2016), without a picture in its place"),
                                }
                            }
                            "drawing" | "pict" | "object" => {
                                let blip = item.find("blip").and_then(|b| b.attr("r:embed").or_else(|| b.attr("embed")));
                                let imagedata = item.find("imagedata").and_then(|b| b.attr("r:id"));
                                let alt = alt_text(item);
                                match blip.or(imagedata) {
                                    Some(rid) => images.push((rid.to_string(), alt.to_string())),
                                    // Read by `drawn_text` after the paragraph.
                                    None if has_drawn_text(item) => {}
                                    None => self.report.dropped(at, "a drawing or embedded object that is not a picture"),
                                }
                            }
                            _ => {}
                        }
                    }
                }
                // Tracked changes: insertions are accepted, deletions dropped.
                "ins" | "moveTo" | "smartTag" | "customXml" | "fldSimple" | "bdo" | "dir" => self.inline(child, out, images),
                "sdt" => {
                    if let Some(content) = child.child("sdtContent") {
                        self.inline(content, out, images);
                    }
                }
                "hyperlink" => {
                    let mut inner = Vec::new();
                    self.inline(child, &mut inner, images);
                    let text = super::source::plain(&inner);
                    match child.attr("r:id").and_then(|id| self.rels.get(id)) {
                        Some((url, true)) => out.push(Span::Link { text, url: url.clone() }),
                        _ => out.extend(inner),
                    }
                }
                // An equation in a sentence, as data in the sentence — or nothing here when
                // it is a display equation of its own.
                "oMath" | "oMathPara" if !self.display_math => {
                    let omaths = if child.name == "oMath" { vec![child] } else { child.children.iter().filter(|m| m.name == "oMath").collect() };
                    for omath in omaths {
                        let row = self.equation(omath, at);
                        if !row.is_empty() {
                            out.push(Span::Math(row));
                        }
                    }
                }
                "del" | "moveFrom" => {}
                _ => {}
            }
        }
    }

    /// Text of a symbol font, its private-use characters (codes without a Unicode
    /// character, which no font of the project has) dropped and listed.
    fn symbols(&mut self, text: &str, font: &str, out: &mut Inline) {
        let kept: String = text.chars().filter(|c| !is_private_use(*c)).collect();
        if kept.chars().count() < text.chars().count() {
            self.report.dropped(Loc::Paragraph(self.paragraph), format!("a symbol of the font {font} that has no Unicode character"));
        }
        push_text(out, &kept);
    }

    /// An equation (`m:oMath`) as math; what of it folio cannot read is reported at `at`.
    fn equation(&mut self, omath: &Node, at: Loc) -> crate::model::math::MathRow {
        let mut unknown = Vec::new();
        let row = super::math::read(omath, &mut unknown);
        if !unknown.is_empty() {
            self.report.approximated(at, format!("an equation's {} kept as text", unknown.join(", ")));
        }
        row
    }

    fn table(&mut self, tbl: &Node, archive: &mut Archive) -> Result<(), Problem> {
        let at = Loc::Paragraph(self.paragraph + 1);
        if self.layout_table(tbl, at, archive)? {
            return Ok(());
        }
        let mut inner: Vec<(usize, usize, &Node)> = Vec::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut header = 0;
        let mut boxes = Vec::new();
        let (mut pictures, mut extents_in_cells) = (Vec::new(), HashMap::new());
        let mut spans = Vec::new();
        // Columns where a vertical merge is open: column → (row, index in spans).
        let mut open: HashMap<usize, usize> = HashMap::new();
        // Rows holding a vertically merged cell's continuation.
        let mut continued: Vec<usize> = Vec::new();
        for (r, tr) in flat(tbl, "tr").into_iter().enumerate() {
            if tr.child("trPr").is_some_and(|p| p.child("tblHeader").is_some()) && header == r {
                header = r + 1;
            }
            let mut row = Vec::new();
            for tc in flat(tr, "tc") {
                let c = row.len();
                let tcpr = tc.child("tcPr");
                let colspan: usize = tcpr.and_then(|p| p.val("gridSpan")).and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64);
                let vmerge = tcpr.and_then(|p| p.child("vMerge")).map(|m| m.attr("val").unwrap_or("continue").to_string());
                let mut text = Vec::new();
                for p in flat(tc, "p") {
                    boxes.push(p);
                    self.paragraph += 1;
                    if !text.is_empty() {
                        push_text(&mut text, " ");
                    }
                    let before = pictures.len();
                    self.inline(p, &mut text, &mut pictures);
                    if pictures.len() > before {
                        extents_in_cells.extend(extents(p));
                        self.report.approximated(at, format!("a picture in a table cell (row {}, column {}) is placed after its table", r + 1, c + 1));
                    }
                }
                inner.extend(flat(tc, "tbl").into_iter().map(|t| (r + 1, c + 1, t)));
                if text.iter().any(|s| matches!(s, Span::Math(_))) {
                    self.report.approximated(at, format!("an equation in a table cell (row {}, column {}) kept as its text", r + 1, c + 1));
                }
                let cell = super::markdown::clean(&super::source::plain(&text)).trim().to_string();
                match vmerge.as_deref() {
                    Some("continue") => {
                        if let Some(&s) = open.get(&c) {
                            let span: &mut (usize, usize, usize, usize) = &mut spans[s];
                            span.2 += 1;
                        }
                        continued.push(r);
                        row.push(String::new());
                    }
                    other => {
                        if other == Some("restart") {
                            open.insert(c, spans.len());
                        } else {
                            open.remove(&c);
                        }
                        spans.push((r, c, 1, colspan));
                        row.push(cell);
                    }
                }
                row.extend(std::iter::repeat_n(String::new(), colspan - 1));
            }
            rows.push(row);
        }
        let header = header.max(1).min(rows.len());
        let merged_body = spans.iter().filter(|s| s.0 >= header && (s.2 > 1 || s.3 > 1)).count();
        if merged_body > 0 || continued.iter().any(|r| *r >= header) {
            self.report.approximated(at, "merged cells below a table's header are written as one cell and empty ones");
        }
        spans.retain(|s| s.0 < header);
        if rows.iter().all(Vec::is_empty) {
            self.report.dropped(at, "an empty table (no rows or no cells)");
        } else {
            let table = Table { rows, header, spans, caption: None, source: None };
            self.out.source.pieces.push(Piece { block: Block::Table(table), at, raw: String::new() });
        }
        self.figures(pictures, &extents_in_cells, at, archive)?;
        for p in boxes {
            self.drawn_text(p, at, archive)?;
        }
        self.nested_tables(inner, at, archive)
    }
}

// ---------------------------------------------------------------------------------------
// Pictures in other formats, layout and nested tables, text in drawings.

impl Walker<'_> {
    /// The pictures of a paragraph (rId, alt text) as figures.
    fn figures(&mut self, images: Vec<(String, String)>, extents: &HashMap<String, (f64, f64)>, at: Loc, archive: &mut Archive) -> Result<(), Problem> {
        for (rid, alt) in images {
            match self.rels.get(&rid) {
                Some((target, false)) => {
                    if !self.out.source.media.iter().any(|(p, _)| *p == *target) {
                        let Some(bytes) = archive.part(target)? else {
                            self.report.dropped(at, format!("the picture {target}, missing from the archive"));
                            continue;
                        };
                        let bytes = self.picture(target, bytes, at, extents.get(&rid).copied());
                        self.out.source.media.push((target.clone(), bytes));
                    }
                    self.out.source.pieces.push(Piece { block: Block::Image { path: target.clone(), alt }, at, raw: String::new() });
                }
                Some((url, true)) => self.report.dropped(at, format!("an image linked from outside the document ({url})")),
                None => self.report.dropped(at, format!("an image whose relationship {rid} is missing")),
            }
        }
        Ok(())
    }

    /// A picture's bytes in a format the model holds; what could not be converted is a
    /// placeholder of the picture's size, its original kept in `report/images/original/`.
    fn picture(&mut self, target: &str, bytes: Vec<u8>, at: Loc, size: Option<(f64, f64)>) -> Vec<u8> {
        match super::picture::convert(&bytes) {
            Ok(converted) => {
                if let Some(from) = converted.from {
                    let how = if super::picture::extension(&converted.bytes) == "svg" { "drawn as SVG" } else { "converted to PNG" };
                    self.report.approximated(at, format!("picture `{target}`: {from}, {how}"));
                }
                converted.bytes
            }
            Err(why) => {
                let name = target.rsplit('/').next().unwrap_or(target);
                let original = format!("images/original/{name}");
                self.report.approximated(
                    at,
                    format!("picture `{target}` {why}: a placeholder stands in its place; the original is report/{original}: convert it to PNG or SVG and put it in place of the figure's image"),
                );
                self.out.source.originals.push((original.clone(), bytes));
                super::picture::placeholder(size.unwrap_or((120.0, 80.0)), &original)
            }
        }
    }

    /// A layout table — one row or one column holding a table, or a single cell — is
    /// unwrapped: its cells' paragraphs and tables arrive in reading order.
    fn layout_table(&mut self, tbl: &Node, at: Loc, archive: &mut Archive) -> Result<bool, Problem> {
        let rows: Vec<Vec<&Node>> = flat(tbl, "tr").into_iter().map(|tr| flat(tr, "tc")).collect();
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let cells: usize = rows.iter().map(Vec::len).sum();
        let nested = rows.iter().flatten().any(|tc| !flat(tc, "tbl").is_empty());
        if !(cells == 1 || (nested && (rows.len() == 1 || columns == 1))) {
            return Ok(false);
        }
        self.report.approximated(at, "a layout table (a single cell, or one row or column holding tables) unwrapped into its paragraphs");
        for tc in rows.into_iter().flatten() {
            self.blocks(tc, archive)?;
        }
        Ok(true)
    }

    /// Tables found in a table's cells, each placed after it (and the place said).
    fn nested_tables(&mut self, inner: Vec<(usize, usize, &Node)>, at: Loc, archive: &mut Archive) -> Result<(), Problem> {
        for (row, column, tbl) in inner {
            self.report.approximated(at, format!("a table inside a table cell (row {row}, column {column}) is placed after its table"));
            self.table(tbl, archive)?;
        }
        Ok(())
    }

    /// The text of a paragraph's text boxes, shapes and SmartArt diagrams, as paragraphs
    /// after it.
    fn drawn_text(&mut self, p: &Node, at: Loc, archive: &mut Archive) -> Result<(), Problem> {
        let (mut boxes, mut diagrams) = (Vec::new(), Vec::new());
        drawn(p, &mut boxes, &mut diagrams);
        for txbx in boxes {
            self.report.approximated(at, "a text box (or a shape's text): its paragraphs follow the paragraph that holds it");
            self.blocks(txbx, archive)?;
        }
        for rid in diagrams {
            let Some((target, false)) = self.rels.get(rid).cloned() else {
                self.report.dropped(at, format!("a SmartArt diagram whose data ({rid}) is missing"));
                continue;
            };
            let tree = match archive.part(&target)?.map(|xml| parse(&xml, &target)) {
                Some(Ok(tree)) => tree,
                Some(Err(why)) => {
                    self.report.dropped(at, format!("a SmartArt diagram: {why}"));
                    continue;
                }
                None => {
                    self.report.dropped(at, format!("a SmartArt diagram whose data {target} is missing"));
                    continue;
                }
            };
            let points = tree.find("ptLst").map(|l| l.children.as_slice()).unwrap_or_default();
            let mut kept = 0;
            for pt in points.iter().filter(|c| c.name == "pt" && c.attr("type").is_none_or(|t| t == "node")) {
                for para in pt.child("t").map(|t| t.children.as_slice()).unwrap_or_default().iter().filter(|c| c.name == "p") {
                    let mut text = String::new();
                    texts(para, &mut text);
                    let text = super::markdown::clean(&text).trim().to_string();
                    if !text.is_empty() {
                        let block = Block::Para { text: vec![Span::Text(text)], quote: false };
                        self.out.source.pieces.push(Piece { block, at, raw: String::new() });
                        kept += 1;
                    }
                }
            }
            if kept > 0 {
                self.report.approximated(at, format!("a SmartArt diagram: its {kept} text(s) follow as paragraphs, its drawing is not kept"));
            } else {
                self.report.dropped(at, "a SmartArt diagram without text");
            }
        }
        Ok(())
    }
}

/// The children named `name`, also those inside content controls, custom XML, smart tags
/// and accepted insertions (Word wraps rows, cells and paragraphs in them).
fn flat<'n>(node: &'n Node, name: &str) -> Vec<&'n Node> {
    let mut out = Vec::new();
    for child in &node.children {
        if child.name == name {
            out.push(child);
        } else if matches!(child.name.as_str(), "sdt" | "sdtContent" | "customXml" | "smartTag" | "ins" | "moveTo") {
            out.extend(flat(child, name));
        }
    }
    out
}

/// Text boxes (`w:txbxContent`, in DrawingML and VML shapes) and SmartArt data (`dgm:relIds
/// r:dm`) under `node`; of an `mc:AlternateContent`, the first choice only (its fallback
/// repeats it).
fn drawn<'n>(node: &'n Node, boxes: &mut Vec<&'n Node>, diagrams: &mut Vec<&'n str>) {
    match node.name.as_str() {
        "txbxContent" => boxes.push(node),
        "relIds" => diagrams.extend(node.attr("r:dm")),
        "AlternateContent" => {
            if let Some(first) = node.child("Choice").or_else(|| node.child("Fallback")) {
                drawn(first, boxes, diagrams);
            }
        }
        _ => node.children.iter().for_each(|c| drawn(c, boxes, diagrams)),
    }
}

/// Whether a drawing holds text read by `drawn_text` (a text box, a SmartArt diagram).
fn has_drawn_text(drawing: &Node) -> bool {
    drawing.find("txbxContent").is_some() || drawing.find("relIds").is_some_and(|r| r.attr("r:dm").is_some())
}

/// All `t` text under a node, in order.
fn texts(node: &Node, out: &mut String) {
    for child in &node.children {
        if child.name == "t" {
            out.push_str(&child.text);
        } else {
            texts(child, out);
        }
    }
}

/// The size in millimetres of each picture of a paragraph, by its relationship id: a
/// DrawingML extent (EMU) or a VML shape's width and height (points).
fn extents(p: &Node) -> HashMap<String, (f64, f64)> {
    fn walk(node: &Node, out: &mut HashMap<String, (f64, f64)>) {
        let emu = |e: &Node, a: &str| e.attr(a).and_then(|v| v.parse::<f64>().ok()).map(|v| v / 36_000.0);
        match node.name.as_str() {
            "drawing" => {
                let size = node.find("extent").and_then(|e| Some((emu(e, "cx")?, emu(e, "cy")?)));
                if let (Some(size), Some(rid)) = (size, node.find("blip").and_then(|b| b.attr("r:embed"))) {
                    out.insert(rid.to_string(), size);
                }
            }
            "shape" => {
                let style = node.attr("style").unwrap_or_default();
                let pt = |key: &str| {
                    style.split(';').find_map(|d| d.trim().strip_prefix(key)?.trim_start().strip_prefix(':')?.trim().strip_suffix("pt")?.parse::<f64>().ok())
                };
                if let (Some(w), Some(h), Some(rid)) = (pt("width"), pt("height"), node.find("imagedata").and_then(|i| i.attr("r:id"))) {
                    out.insert(rid.to_string(), (w * 25.4 / 72.0, h * 25.4 / 72.0));
                }
            }
            _ => node.children.iter().for_each(|c| walk(c, out)),
        }
    }
    let mut out = HashMap::new();
    walk(p, &mut out);
    out
}

/// A chart found in a run, read when its paragraph ends.
struct PendingChart {
    rid: String,
    alt: String,
}

/// A drawing's description (alt text), else its title.
fn alt_text(drawing: &Node) -> &str {
    drawing.find("docPr").and_then(|d| d.attr("descr").filter(|s| !s.is_empty()).or_else(|| d.attr("title"))).unwrap_or_default()
}

/// The character formatting of a run the model cannot hold: bold, italic, underline, strike.
fn formatting(rpr: &Node) -> Option<&'static str> {
    let on = |name: &str| rpr.child(name).is_some_and(|n| !matches!(n.attr("val"), Some("0" | "false" | "none")));
    [("b", "bold"), ("i", "italic"), ("u", "underline"), ("strike", "strikethrough")].into_iter().find(|(n, _)| on(n)).map(|(_, w)| w)
}

/// Inline content with the line breaks resolved and the ends trimmed.
fn trim(inline: Inline) -> Inline {
    let mut out: Inline = Vec::new();
    for span in inline {
        match span {
            Span::Text(t) => push_text(&mut out, &super::markdown::clean(&t)),
            other => out.push(other),
        }
    }
    if let Some(Span::Text(t)) = out.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Span::Text(t)) = out.last_mut() {
        *t = t.trim_end().to_string();
    }
    out.retain(|s| !matches!(s, Span::Text(t) if t.is_empty()));
    out
}

fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// The Unicode character of a code of the Symbol font (Adobe's Symbol encoding; Word
/// writes the codes also as U+F020–U+F0FF); `None` for the pieces of large brackets and
/// codes without a character.
fn symbol(code: u32) -> Option<char> {
    const LOW: &str = " !∀#∃%&∋()∗+,−./0123456789:;<=>?≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_ αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼";
    const HIGH: &str = "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…  ↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑           〉∫⌠ ⌡";
    let code = code & 0xFF;
    let c = match code {
        0x20..=0x7E => LOW.chars().nth(code as usize - 0x20),
        0xA0..=0xF5 => HIGH.chars().nth(code as usize - 0xA0),
        _ => None,
    }?;
    // Blanks in the tables: the radical and arrow extenders, bracket pieces.
    (c != ' ' || code == 0x20).then_some(c)
}
