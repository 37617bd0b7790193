//! TMX 1.4b, the translation-memory format every CAT tool reads: a `<tu>` per translated
//! message holding the source and the translation, placeables as `<ph>` with their Fluent
//! text; for a translation made from an earlier source text, that earlier text.

use super::segment::{Piece, Segment};
use super::tree::{self, Content, Malformed, Node};
use crate::export::markup::xml::Xml;

/// One translation unit: an id (the message's), the source and its translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub id: String,
    pub source: Segment,
    pub target: Segment,
}

pub fn write(source_lang: &str, target_lang: &str, pairs: &[Pair]) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("tmx", &[("version", "1.4")]);
    x.newline();
    x.empty(
        "header",
        &[
            ("creationtool", "folio"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("segtype", "paragraph"),
            ("o-tmf", "folio"),
            ("adminlang", "en"),
            ("srclang", source_lang),
            ("datatype", "plaintext"),
        ],
    );
    x.newline();
    x.open("body", &[]);
    x.newline();
    for pair in pairs {
        x.open("tu", &[("tuid", &pair.id)]);
        for (lang, segment) in [(source_lang, &pair.source), (target_lang, &pair.target)] {
            x.open("tuv", &[("xml:lang", lang)]);
            x.open("seg", &[]);
            for (i, piece) in segment.0.iter().enumerate() {
                match piece {
                    Piece::Text(t) => x.text(t),
                    Piece::Code(code) => x.leaf("ph", &[("x", &(i + 1).to_string())], code),
                }
            }
            x.close("seg");
            x.close("tuv");
        }
        x.close("tu");
        x.newline();
    }
    x.close("body");
    x.newline();
    x.close("tmx");
    x.newline();
    x.finish()
}

/// The pairs of a TMX document between `source_lang` and `target_lang` (a `tuv` in `zh-CN`
/// counts for `zh`). A `<ph>` holding a Fluent placeable is a code; any other inline
/// element is kept as text, so that it never matches a folio code by accident.
pub fn read(text: &str, source_lang: &str, target_lang: &str) -> Result<Vec<Pair>, Malformed> {
    let root = tree::parse(text)?;
    if root.name != "tmx" {
        return Err(Malformed::new(format!("the root element is <{}>, not <tmx>", root.name)));
    }
    let mut tus = Vec::new();
    root.descendants("tu", &mut tus);
    let mut pairs = Vec::new();
    for (n, tu) in tus.into_iter().enumerate() {
        let seg = |lang: &str| {
            tu.elements()
                .filter(|e| e.name == "tuv")
                .find(|tuv| tuv.attr("xml:lang").or_else(|| tuv.attr("lang")).is_some_and(|l| same_language(l, lang)))
                .and_then(|tuv| tuv.child("seg"))
                .map(segment)
        };
        if let (Some(source), Some(target)) = (seg(source_lang), seg(target_lang)) {
            let id = tu.attr("tuid").map_or_else(|| format!("tu {}", n + 1), str::to_string);
            pairs.push(Pair { id, source, target });
        }
    }
    Ok(pairs)
}

/// Whether a TMX language code names `lang`: equal ignoring case, or `lang` with a region or script.
pub fn same_language(code: &str, lang: &str) -> bool {
    let (code, lang) = (code.to_ascii_lowercase(), lang.to_ascii_lowercase());
    code == lang || code.starts_with(&format!("{lang}-")) || lang.starts_with(&format!("{code}-"))
}

fn segment(seg: &Node) -> Segment {
    let mut out = Segment::default();
    for c in &seg.children {
        match c {
            Content::Text(t) => out.push_text(t),
            Content::Element(e) => {
                let inner = e.text();
                if e.name == "ph" && inner.starts_with('{') && inner.ends_with('}') {
                    out.0.push(Piece::Code(inner));
                } else {
                    out.push_text(&inner);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_round_trip() {
        let mut source = Segment::default();
        source.push_text("中国<&>");
        source.0.push(Piece::Code("{ $url }".into()));
        let mut target = Segment::default();
        target.push_text("Китай ");
        target.0.push(Piece::Code("{ $url }".into()));
        let pairs = vec![Pair { id: "a".into(), source, target }];
        let text = String::from_utf8(write("zh", "ru", &pairs)).unwrap();
        assert_eq!(read(&text, "zh-CN", "ru").unwrap(), pairs, "{text}");
        assert!(same_language("ZH-cn", "zh") && !same_language("zhx", "zh"));
    }
}
