//! A small XML tree with mixed content (text and elements in document order), as XLIFF and
//! TMX segments need: `Китай<x id="1"/> и Россия`.

use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::diag::{Diagnostic, Location};
use crate::text::xml::reference_text;

/// Why a document is not one folio can read, and where: a byte offset into it, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub message: String,
    pub offset: Option<usize>,
}

impl Malformed {
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), offset: None }
    }

    fn at(message: impl Into<String>, offset: u64) -> Self {
        Self { message: message.into(), offset: usize::try_from(offset).ok() }
    }

    /// The problem as an error in `file` (its contents `text`), a document meant to be
    /// `what` (`an XLIFF file`).
    pub fn diagnostic(&self, file: &Path, text: &str, what: &str) -> Diagnostic {
        let d = Diagnostic::error(format!("not {what} folio can read: {}", self.message));
        match self.offset {
            Some(at) => d.at(Location::span(file, text, at..at + 1)),
            None => d.at(Location::file(file)),
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct Node {
    /// The local name (a namespace prefix is dropped).
    pub name: String,
    /// Attributes by their qualified name (`xml:lang`, `equiv-text`).
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Content>,
}

#[derive(Debug, Clone)]
pub enum Content {
    Text(String),
    Element(Node),
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name || k.rsplit(':').next() == Some(name)).map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Content::Element(e) => Some(e),
            Content::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Node> {
        self.elements().find(|e| e.name == name)
    }

    /// Every element named `name` below this one, in document order.
    pub fn descendants<'a>(&'a self, name: &'a str, out: &mut Vec<&'a Node>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.descendants(name, out);
        }
    }

    /// All text below this element.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for c in &self.children {
            match c {
                Content::Text(t) => out.push_str(t),
                Content::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }
}

/// Parses a document into its root element.
pub fn parse(xml: &str) -> Result<Node, Malformed> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Node> = vec![Node::default()];
    let push = |stack: &mut Vec<Node>, content: Content| {
        let top = stack.last_mut().expect("the root stays");
        match (top.children.last_mut(), content) {
            (Some(Content::Text(t)), Content::Text(more)) => t.push_str(&more),
            (_, content) => top.children.push(content),
        }
    };
    loop {
        let event = reader.read_event().map_err(|e| Malformed::at(format!("not well-formed XML: {e}"), reader.error_position()))?;
        // Where the event ends: the problems below are reported there.
        let at = reader.buffer_position();
        let fail = |e: String| Malformed::at(e, at);
        match event {
            Event::Start(e) => {
                if stack.len() > 64 {
                    return Err(fail("elements nested too deeply".into()));
                }
                stack.push(element(&e, at)?);
            }
            Event::Empty(e) => push(&mut stack, Content::Element(element(&e, at)?)),
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(fail("an end tag without its start".into()));
                }
                let node = stack.pop().expect("checked above");
                push(&mut stack, Content::Element(node));
            }
            Event::Text(t) => push(&mut stack, Content::Text(t.decode().map_err(|e| fail(e.to_string()))?.into_owned())),
            Event::CData(t) => push(&mut stack, Content::Text(String::from_utf8_lossy(&t).into_owned())),
            Event::GeneralRef(r) => {
                let c = reference_text(&r).map_err(fail)?;
                push(&mut stack, Content::Text(c));
            }
            Event::Eof => break,
            // A DOCTYPE (OmegaT's TMX names tmx11.dtd) is never read: no external entities.
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if stack.len() != 1 {
        return Err(Malformed::at("the document ends inside an element", reader.buffer_position()));
    }
    let root = stack.pop().expect("one root");
    root.children.into_iter().find_map(|c| match c {
        Content::Element(e) => Some(e),
        Content::Text(_) => None,
    })
    .ok_or_else(|| Malformed::new("no root element"))
}

/// An element's name and attributes, read at byte `at`.
fn element(e: &BytesStart, at: u64) -> Result<Node, Malformed> {
    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| Malformed::at(err.to_string(), at))?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = attr.unescape_value().map_err(|err| Malformed::at(err.to_string(), at))?.into_owned();
        attrs.push((key, value));
    }
    Ok(Node { name, attrs, children: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_document_is_refused_at_its_place() {
        let text = "<xliff>\n  <file>\n    <unit a=\"1\" a=\"2\"/>\n  </file>\n</xliff>\n";
        let problem = parse(text).expect_err("a duplicate attribute");
        let d = problem.diagnostic(Path::new("ru.xlf"), text, "an XLIFF file");
        let at = d.location.expect("a place");
        assert_eq!((at.file.to_str(), at.line), (Some("ru.xlf"), Some(3)), "{}", problem.message);
        assert!(d.message.starts_with("not an XLIFF file folio can read: "), "{}", d.message);

        let unclosed = parse("<xliff>\n<file>\n").expect_err("an unclosed element");
        let d = unclosed.diagnostic(Path::new("ru.xlf"), "<xliff>\n<file>\n", "an XLIFF file");
        assert_eq!(d.location.and_then(|l| l.line), Some(3), "{}", unclosed.message);
        // No place in the text: the whole file is meant.
        let d = Malformed::new("no root element").diagnostic(Path::new("ru.xlf"), "", "an XLIFF file");
        assert_eq!(d.location.map(|l| (l.line, l.column)), Some((None, None)));
    }
}
