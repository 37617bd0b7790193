//! XLIFF 1.2 (what most CAT tools, Weblate and Translate Toolkit read best) and XLIFF 2.1:
//! writing a translation's units, reading back what a tool returns.
//!
//! 1.2: one `<file>` per bundle file (`original` = the translation's .ftl path,
//! `product-name` = the report's slug), a `<trans-unit>` per unit (`id` and `resname`), the
//! variants of a selection in a `<group>`, placeables as `<x id equiv-text/>`, `state` from
//! the lock, suggestions from the translation memory as `<alt-trans>`.
//! 2.1: the same as `<unit>`/`<segment>`, placeables as `<ph id disp/>`, the slug as
//! `folio:project`.

use super::memory::Suggestion;
use super::segment::{Piece, Segment};
use super::tree::{self, Content, Malformed, Node};
use super::{State, Unit, Units};
use crate::export::markup::xml::Xml;

const NS_12: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// XLIFF 2.1 keeps the namespace of 2.0.
const NS_2: &str = "urn:oasis:names:tc:xliff:document:2.0";
const NS_FOLIO: &str = "urn:folio:xliff";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Version {
    #[value(name = "1.2")]
    V12,
    #[value(name = "2.1")]
    V21,
}

/// Writes `units` as XLIFF. `copy_source` fills an empty target with the source (OmegaT
/// offers only units with a target to translate); `suggestions` are matches from the memory.
pub fn write(units: &Units, slug: &str, version: Version, copy_source: bool, suggestions: &dyn Fn(&Unit) -> Vec<Suggestion>) -> Vec<u8> {
    let mut x = Xml::new();
    match version {
        Version::V12 => x.open("xliff", &[("version", "1.2"), ("xmlns", NS_12)]),
        Version::V21 => x.open(
            "xliff",
            &[("xmlns", NS_2), ("xmlns:folio", NS_FOLIO), ("version", "2.1"), ("srcLang", &units.source_lang), ("trgLang", &units.target_lang)],
        ),
    }
    x.newline();
    for (n, (path, file_units)) in units.files.iter().enumerate() {
        if file_units.is_empty() {
            continue;
        }
        let original = path.to_string_lossy().replace('\\', "/");
        match version {
            Version::V12 => {
                x.open(
                    "file",
                    &[
                        ("original", &original),
                        ("source-language", &units.source_lang),
                        ("target-language", &units.target_lang),
                        ("datatype", "plaintext"),
                        ("product-name", slug),
                        ("tool-id", "folio"),
                    ],
                );
                x.newline();
                x.open("header", &[]);
                x.empty("tool", &[("tool-id", "folio"), ("tool-name", "folio")]);
                x.close("header");
                x.newline();
                x.open("body", &[]);
            }
            Version::V21 => x.open("file", &[("id", &format!("f{}", n + 1)), ("original", &original), ("folio:project", slug)]),
        }
        x.newline();
        let mut i = 0;
        while i < file_units.len() {
            let unit = &file_units[i];
            let same = |u: &Unit| u.message == unit.message && u.attribute == unit.attribute && u.variant.is_some();
            let group = file_units[i..].iter().take_while(|u| same(u)).count();
            if unit.variant.is_some() {
                let id = unit.id().rsplit_once(':').map_or(unit.id(), |(g, _)| g.to_string());
                match version {
                    Version::V12 => x.open("group", &[("id", &id), ("resname", &id)]),
                    Version::V21 => x.open("group", &[("id", &id), ("name", &id)]),
                }
                x.newline();
                for u in &file_units[i..i + group] {
                    write_unit(&mut x, u, version, copy_source, &suggestions(u));
                }
                x.close("group");
                x.newline();
                i += group;
            } else {
                write_unit(&mut x, unit, version, copy_source, &suggestions(unit));
                i += 1;
            }
        }
        if version == Version::V12 {
            x.close("body");
            x.newline();
        }
        x.close("file");
        x.newline();
    }
    x.close("xliff");
    x.newline();
    x.finish()
}

fn write_unit(x: &mut Xml, unit: &Unit, version: Version, copy_source: bool, suggestions: &[Suggestion]) {
    let id = unit.id();
    let target = match (&unit.target, copy_source) {
        (Some(t), _) => Some(t),
        (None, true) => Some(&unit.source),
        (None, false) => None,
    };
    match version {
        Version::V12 => {
            x.open("trans-unit", &[("id", &id), ("resname", &id), ("xml:space", "preserve")]);
            x.newline();
            inline(x, "source", &[], unit, &unit.source, version);
            if let Some(t) = target {
                let state = match unit.state {
                    State::New => "new",
                    State::NeedsReview => "needs-review-translation",
                    State::Translated => "translated",
                };
                inline(x, "target", &[("state", state)], unit, t, version);
            }
            for s in suggestions {
                x.open("alt-trans", &[("match-quality", &format!("{}%", s.quality)), ("origin", "folio translation memory")]);
                plain(x, "source", &s.source);
                plain(x, "target", &s.target);
                x.close("alt-trans");
                x.newline();
            }
            for note in &unit.notes {
                x.leaf("note", &[("from", "folio")], note);
                x.newline();
            }
            x.close("trans-unit");
        }
        Version::V21 => {
            x.open("unit", &[("id", &id), ("name", &id), ("xml:space", "preserve")]);
            x.newline();
            if !unit.notes.is_empty() {
                x.open("notes", &[]);
                for note in &unit.notes {
                    x.leaf("note", &[], note);
                }
                x.close("notes");
                x.newline();
            }
            let state = match unit.state {
                State::New => vec![("state", "initial")],
                State::NeedsReview => vec![("state", "translated"), ("subState", "folio:needs-review")],
                State::Translated => vec![("state", "translated")],
            };
            x.open("segment", if target.is_some() { &state } else { &[] });
            inline(x, "source", &[], unit, &unit.source, version);
            if let Some(t) = target {
                inline(x, "target", &[], unit, t, version);
            }
            x.close("segment");
            x.newline();
            x.close("unit");
        }
    }
    x.newline();
}

/// `<name>` holding a segment of `unit`, its codes as inline elements with the unit's ids.
fn inline(x: &mut Xml, name: &str, attrs: &[(&str, &str)], unit: &Unit, segment: &Segment, version: Version) {
    x.open(name, attrs);
    let mut ids = unit.code_indices(segment).into_iter();
    for piece in &segment.0 {
        match piece {
            Piece::Text(t) => x.text(t),
            Piece::Code(code) => {
                let id = (ids.next().expect("one index per code") + 1).to_string();
                match version {
                    Version::V12 => x.empty("x", &[("id", &id), ("equiv-text", code)]),
                    Version::V21 => x.empty("ph", &[("id", &id), ("disp", code)]),
                }
            }
        }
    }
    x.close(name);
}

/// A memory's text: codes as their Fluent text (an `alt-trans` is read, not edited).
fn plain(x: &mut Xml, name: &str, segment: &Segment) {
    x.leaf(name, &[], &segment.display());
}

/// What a tool returned: the project and languages it says it belongs to, and its units.
#[derive(Debug, Default)]
pub struct Returned {
    pub files: Vec<ReturnedFile>,
}

#[derive(Debug, Default)]
pub struct ReturnedFile {
    pub original: String,
    pub project: Option<String>,
    pub source_lang: Option<String>,
    pub target_lang: Option<String>,
    pub units: Vec<ReturnedUnit>,
}

#[derive(Debug)]
pub struct ReturnedUnit {
    pub id: String,
    /// `None`: the unit has no target (or an empty one).
    pub target: Option<Vec<Inline>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// An inline element: its name, `id`, and `equiv-text`/`disp` if the tool kept it.
    Code { element: String, id: Option<String>, equiv: Option<String> },
}

/// Reads an XLIFF 1.2 or 2.x document.
pub fn read(text: &str) -> Result<Returned, Malformed> {
    let root = tree::parse(text)?;
    if root.name != "xliff" {
        return Err(Malformed::new(format!("the root element is <{}>, not <xliff>", root.name)));
    }
    let version = root.attr("version").unwrap_or("");
    let two = version.starts_with('2');
    if !two && version != "1.2" {
        return Err(Malformed::new(format!("XLIFF version `{version}`: folio reads 1.2 and 2.x")));
    }
    let mut returned = Returned::default();
    for file in root.elements().filter(|e| e.name == "file") {
        let mut out = ReturnedFile { original: file.attr("original").unwrap_or_default().to_string(), ..Default::default() };
        let mut units = Vec::new();
        if two {
            out.project = file.attr("project").map(str::to_string);
            out.source_lang = root.attr("srcLang").map(str::to_string);
            out.target_lang = root.attr("trgLang").map(str::to_string);
            file.descendants("unit", &mut units);
        } else {
            out.project = file.attr("product-name").map(str::to_string);
            out.source_lang = file.attr("source-language").map(str::to_string);
            out.target_lang = file.attr("target-language").map(str::to_string);
            file.descendants("trans-unit", &mut units);
        }
        for unit in units {
            let id = unit.attr("id").unwrap_or_default().to_string();
            let target = if two {
                // A tool may split a unit into several segments: their targets in order.
                let mut pieces = Vec::new();
                let mut any = false;
                for part in unit.elements().filter(|e| e.name == "segment" || e.name == "ignorable") {
                    if let Some(t) = part.child("target") {
                        any = true;
                        pieces.extend(inlines(t));
                    } else if part.name == "ignorable" && let Some(s) = part.child("source") {
                        pieces.extend(inlines(s));
                    }
                }
                any.then_some(pieces)
            } else {
                unit.child("target").map(inlines)
            };
            let target = target.filter(|t| !t.iter().all(|i| matches!(i, Inline::Text(s) if s.trim().is_empty())));
            out.units.push(ReturnedUnit { id, target });
        }
        returned.files.push(out);
    }
    Ok(returned)
}

/// The mixed content of a `<target>`: text and inline elements; `<mrk>` (a tool's markers
/// of segments or terms) is transparent.
fn inlines(node: &Node) -> Vec<Inline> {
    let mut out = Vec::new();
    for c in &node.children {
        match c {
            Content::Text(t) => out.push(Inline::Text(t.clone())),
            Content::Element(e) if e.name == "mrk" => out.extend(inlines(e)),
            Content::Element(e) => out.push(Inline::Code {
                element: e.name.clone(),
                id: e.attr("id").map(str::to_string),
                equiv: e.attr("equiv-text").or_else(|| e.attr("disp")).map(str::to_string),
            }),
        }
    }
    out
}
