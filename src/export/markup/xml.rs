//! A thin layer over quick-xml's writer: every text node and attribute value goes through
//! its escaping, and characters XML 1.0 forbids are replaced, so no string from a bundle
//! can change the markup around it.

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

pub struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Xml {
    /// A document starting with the XML declaration.
    pub fn new() -> Self {
        let mut xml = Self { writer: Writer::new(Vec::new()) };
        xml.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        xml.newline();
        xml
    }

    /// A web page (HTML 5 in its XML-compatible form): no XML declaration.
    pub fn html() -> Self {
        Self { writer: Writer::new(Vec::new()) }
    }

    /// A web page up to its open `<head>`: the doctype, the language, the character set,
    /// the viewport for phones, and the title; the caller adds the rest of the head.
    pub fn web_page(lang: &str, title: &str) -> Self {
        let mut x = Self::html();
        x.doctype_html();
        x.open("html", &[("lang", lang)]);
        x.newline();
        x.open("head", &[]);
        x.newline();
        x.empty("meta", &[("charset", "utf-8")]);
        x.empty("meta", &[("name", "viewport"), ("content", "width=device-width, initial-scale=1")]);
        x.newline();
        x.leaf("title", &[], title);
        x.newline();
        x
    }

    /// `<!DOCTYPE html>`.
    pub fn doctype_html(&mut self) {
        self.event(Event::DocType(BytesText::from_escaped("html")));
        self.newline();
    }

    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Start(start(name, attrs)));
    }

    pub fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Empty(start(name, attrs)));
    }

    /// Text content: `<`, `>` and `&` escaped (quotes need no escaping outside attributes).
    pub fn text(&mut self, text: &str) {
        self.event(Event::Text(BytesText::from_escaped(partial_escape(xml_chars(text)))));
    }

    /// `<name attrs>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close(name);
    }

    /// Markup folio made itself (a chart's SVG from typst-svg, whose text is glyph outlines),
    /// written as it is. Never for a string from a bundle or the model.
    pub fn raw(&mut self, markup: &str) {
        self.event(Event::Text(BytesText::from_escaped(markup)));
    }

    /// A line break between block elements, for readable files; never inside a paragraph.
    pub fn newline(&mut self) {
        self.event(Event::Text(BytesText::from_escaped("\n")));
    }

    pub fn finish(self) -> Vec<u8> {
        self.writer.into_inner()
    }

    fn event(&mut self, event: Event<'_>) {
        self.writer.write_event(event).expect("writing into memory cannot fail");
    }
}

fn start<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for &(key, value) in attrs {
        start.push_attribute((key, &*xml_chars(value)));
    }
    start
}

/// Replaces characters that may not appear in an XML 1.0 document (control characters
/// other than tab and line breaks, U+FFFE, U+FFFF) by U+FFFD, so the output stays well-formed.
fn xml_chars(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..);
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(|c| if allowed(c) { c } else { '\u{FFFD}' }).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut x = Xml::new();
        x.open("p", &[("title", "a\"b'<c>&")]);
        x.text("<script>&amp;]]>\u{1}\"'");
        x.close("p");
        let out = String::from_utf8(x.finish()).unwrap();
        assert!(out.ends_with(
            "<p title=\"a&quot;b&apos;&lt;c&gt;&amp;\">&lt;script&gt;&amp;amp;]]&gt;\u{FFFD}\"'</p>"
        ), "{out}");
    }
}
