//! The package document (`content.opf`) and the OCF container file.

use sha2::{Digest, Sha256};

use crate::document::Document;

use crate::export::markup::xml::Xml;

pub const CONTAINER_PATH: &str = "META-INF/container.xml";
/// Folder of the publication's files inside the container.
pub const ROOT: &str = "EPUB";
pub const PACKAGE_FILE: &str = "content.opf";

/// A file of the publication, as the manifest lists it.
pub struct Item {
    pub id: String,
    /// Relative to the package document.
    pub href: String,
    pub media_type: &'static str,
    pub properties: Option<&'static str>,
    /// Read in this order; content documents only.
    pub in_spine: bool,
}

pub fn container() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("container", &[("version", "1.0"), ("xmlns", "urn:oasis:names:tc:opendocument:xmlns:container")]);
    x.open("rootfiles", &[]);
    let path = format!("{ROOT}/{PACKAGE_FILE}");
    x.empty("rootfile", &[("full-path", &path), ("media-type", "application/oebps-package+xml")]);
    x.close("rootfiles");
    x.close("container");
    x.newline();
    x.finish()
}

/// `urn:uuid:` from the report's slug and the language: the same edition keeps its
/// identifier across builds, so readers update it instead of adding a copy. A name-based
/// UUID (RFC 9562 version 8, SHA-256).
pub fn identifier(slug: &str, lang: &str) -> String {
    let hash = Sha256::digest(format!("folio:{slug}:{lang}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("urn:uuid:{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// What the accessibility metadata may honestly claim about an edition.
pub struct Accessibility {
    /// Every image has a text alternative (charts: their data; placeholders: a label).
    pub summary: &'static str,
    /// Conformance is claimed only for a complete translation: a draft mixes languages
    /// block by block without tagging them.
    pub conforms: bool,
}

pub fn accessibility(doc: &Document) -> Accessibility {
    Accessibility {
        summary: "This publication has a navigable table of contents and a logical heading structure; \
                  its reading order follows the print edition. Every chart is followed by a table of its data, \
                  photographs have captions, and photographs still to be supplied are marked as placeholders. \
                  Tables have header cells. Footnotes link to their notes and back. \
                  Passages quoted in another of the report's languages are tagged with their language. \
                  No fonts are embedded, so the reader's own font and size settings apply.",
        conforms: !doc.draft,
    }
}

pub fn package(doc: &Document, items: &[Item], modified: &str) -> Vec<u8> {
    let tag = doc.lang_tag.as_str();
    let mut x = Xml::new();
    x.open(
        "package",
        &[
            ("xmlns", "http://www.idpf.org/2007/opf"),
            ("version", "3.0"),
            ("unique-identifier", "pub-id"),
            ("xml:lang", tag),
        ],
    );
    x.newline();
    x.open("metadata", &[("xmlns:dc", "http://purl.org/dc/elements/1.1/")]);
    x.newline();
    let mut dc = |name: &str, attrs: &[(&str, &str)], value: &str| {
        x.leaf(name, attrs, value);
        x.newline();
    };
    dc("dc:identifier", &[("id", "pub-id")], &identifier(&doc.slug, &doc.lang));
    dc("dc:title", &[], &doc.title);
    dc("dc:language", &[], tag);
    dc("dc:creator", &[], &doc.institution);
    dc("dc:publisher", &[], &doc.institution);
    dc("dc:date", &[], &format!("{:04}-{:02}", doc.year, doc.month));
    let meta = |x: &mut Xml, property: &str, value: &str| {
        x.leaf("meta", &[("property", property)], value);
        x.newline();
    };
    meta(&mut x, "dcterms:modified", modified);
    let a11y = accessibility(doc);
    for mode in ["textual", "visual"] {
        meta(&mut x, "schema:accessMode", mode);
    }
    meta(&mut x, "schema:accessModeSufficient", "textual");
    meta(&mut x, "schema:accessModeSufficient", "textual,visual");
    for feature in [
        "alternativeText",
        "longDescription",
        "displayTransformability",
        "readingOrder",
        "structuralNavigation",
        "tableOfContents",
    ] {
        meta(&mut x, "schema:accessibilityFeature", feature);
    }
    meta(&mut x, "schema:accessibilityHazard", "none");
    x.leaf("meta", &[("property", "schema:accessibilitySummary"), ("xml:lang", "en")], a11y.summary);
    x.newline();
    if a11y.conforms {
        meta(&mut x, "dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
    }
    x.close("metadata");
    x.newline();
    x.open("manifest", &[]);
    x.newline();
    for item in items {
        let mut attrs = vec![("id", item.id.as_str()), ("href", item.href.as_str()), ("media-type", item.media_type)];
        if let Some(properties) = item.properties {
            attrs.push(("properties", properties));
        }
        x.empty("item", &attrs);
        x.newline();
    }
    x.close("manifest");
    x.newline();
    x.open("spine", &[]);
    x.newline();
    for item in items.iter().filter(|i| i.in_spine) {
        x.empty("itemref", &[("idref", &item.id)]);
        x.newline();
    }
    x.close("spine");
    x.newline();
    x.close("package");
    x.newline();
    x.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_is_a_stable_uuid_per_edition() {
        let zh = identifier("report", "zh");
        assert_eq!(zh, identifier("report", "zh"));
        assert_ne!(zh, identifier("report", "ru"));
        let uuid = zh.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "8");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"), "{uuid}");
    }
}
