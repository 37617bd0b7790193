//! Web fonts: the project's own fonts, cut down to the characters one edition's pages use,
//! so that the site looks like the book on every machine without shipping a 15 MB Chinese
//! font. Typst's own subsetter (`subsetter`) keeps only the glyphs; it drops the character
//! map, which a PDF does not need but a browser does, so a `cmap` (and the original `OS/2`
//! metrics) is put back with `write-fonts`. The files are plain TrueType/OpenType: no crate
//! here encodes WOFF2.

use std::collections::BTreeSet;
use std::path::Path;

use subsetter::GlyphRemapper;
use read_fonts::{FontRef, TableProvider};
use write_fonts::tables::cmap::Cmap;
use write_fonts::types::{GlyphId, Tag};
use write_fonts::FontBuilder;

use crate::diag::{Diagnostic, Location};
use crate::project::Project;
use crate::text::Profile;

/// A font of `fonts/` as the site uses it.
pub struct WebFont {
    /// The CSS family name the stylesheet asks for.
    pub family: &'static str,
    /// The file in `fonts/`.
    pub file: &'static str,
    /// Its licence in `fonts/`, which goes with the subset (the SIL Open Font License asks
    /// for that of modified copies).
    pub license: &'static str,
}

/// The faces of an edition: its text face, its face for headings, captions and tables, and
/// (for an edition that quotes Chinese titles) a Chinese face for those passages.
pub fn faces(profile: &Profile) -> [WebFont; 3] {
    let cjk = WebFont { family: "folio-cjk", file: "NotoSerifSC-Regular.ttf", license: "OFL-NotoSerifSC.txt" };
    if profile.cjk {
        [
            WebFont { family: "folio-serif", file: "NotoSerifSC-Regular.ttf", license: "OFL-NotoSerifSC.txt" },
            WebFont { family: "folio-sans", file: "NotoSansSC-Regular.ttf", license: "OFL-NotoSansSC.txt" },
            cjk,
        ]
    } else {
        [
            WebFont { family: "folio-serif", file: "LibertinusSerif-Regular.otf", license: "OFL-LibertinusSerif.txt" },
            WebFont { family: "folio-sans", file: "NotoSans-Regular.ttf", license: "OFL-NotoSans.txt" },
            cjk,
        ]
    }
}

/// The font `fonts/<file>` of the project with only the glyphs of `chars` (those it has),
/// and a character map for them. `None` when the project has no such font (it gets the
/// system stacks instead) or the font has none of the characters.
pub fn subset(project: &Project, file: &str, chars: &BTreeSet<char>) -> Result<Option<Vec<u8>>, Diagnostic> {
    let path = Path::new("fonts").join(file);
    if !project.is_file(&path) {
        return Ok(None);
    }
    let data = project.read(&path)?;
    let fail = |e: String| Diagnostic::error(e).at(Location::file(&path));
    let font = FontRef::new(&data).map_err(|e| fail(format!("not a font: {e}")).hint("replace it with a TrueType or OpenType font"))?;
    let cmap = font.cmap().map_err(|e| fail(format!("the font has no character map: {e}")).hint("replace it with a TrueType or OpenType font"))?;
    let mut remapper = GlyphRemapper::new();
    let mut mapped = Vec::new();
    for &c in chars {
        if let Some(gid) = cmap.map_codepoint(c).filter(|g| g.to_u32() != 0)
            && let Ok(gid) = u16::try_from(gid.to_u32())
        {
            mapped.push((c, remapper.remap(gid)));
        }
    }
    if mapped.is_empty() {
        return Ok(None);
    }
    let glyphs = subsetter::subset(&data, 0, &remapper).map_err(|e| fail(format!("cannot subset the font for the web: {e}")))?;
    let sub = FontRef::new(&glyphs).map_err(|e| fail(format!("the font's web subset is not a font: {e}")))?;
    let mut builder = FontBuilder::new();
    for record in sub.table_directory().table_records() {
        if let Some(table) = sub.table_data(record.tag()) {
            builder.add_raw(record.tag(), table.as_bytes().to_vec());
        }
    }
    let os2 = Tag::new(b"OS/2");
    if let Some(table) = font.table_data(os2) {
        builder.add_raw(os2, table.as_bytes().to_vec());
    }
    let cmap = Cmap::from_mappings(mapped.into_iter().map(|(c, gid)| (c, GlyphId::new(u32::from(gid)))))
        .map_err(|e| fail(format!("cannot map the font's web subset: {e}")))?;
    builder.add_table(&cmap).map_err(|e| fail(format!("cannot map the font's web subset: {e}")))?;
    Ok(Some(builder.build()))
}

/// The characters of a page's text: everything outside tags, scripts and drawings.
pub fn page_chars(html: &str, out: &mut BTreeSet<char>) {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.extend(rest[..open].chars());
        rest = &rest[open..];
        let close = ["<script", "<svg", "<style"].iter().zip(["</script>", "</svg>", "</style>"]).find(|(o, _)| rest.starts_with(**o));
        let end = match close {
            Some((_, close)) => rest.find(close).map_or(rest.len(), |i| i + close.len()),
            None => {
                // Text in attributes is shown too (placeholders, labels read aloud).
                let tag_end = rest.find('>').map_or(rest.len(), |i| i + 1);
                for attr in ["placeholder=\"", "data-none=\""] {
                    if let Some(i) = rest[..tag_end].find(attr) {
                        let value = &rest[i + attr.len()..tag_end];
                        out.extend(value[..value.find('"').unwrap_or(0)].chars());
                    }
                }
                tag_end
            }
        };
        rest = &rest[end..];
    }
    out.extend(rest.chars());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subset_maps_its_characters() {
        let project = Project::open(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let chars: BTreeSet<char> = "中俄关系 Ab".chars().collect();
        let bytes = subset(&project, "NotoSansSC-Regular.ttf", &chars).unwrap().expect("glyphs");
        assert!(bytes.len() < 40_000, "{} bytes", bytes.len());
        let font = FontRef::new(&bytes).unwrap();
        let cmap = font.cmap().unwrap();
        for c in "中俄关系Ab".chars() {
            assert!(cmap.map_codepoint(c).is_some_and(|g| g.to_u32() != 0), "{c}");
        }
        assert!(cmap.map_codepoint('好').is_none());
        for table in [b"hhea", b"hmtx", b"maxp", b"head", b"OS/2", b"name", b"post", b"glyf"] {
            assert!(font.table_data(Tag::new(table)).is_some(), "{}", String::from_utf8_lossy(table));
        }
        let none: BTreeSet<char> = "ⴀ".chars().collect();
        assert!(subset(&project, "NotoSans-Regular.ttf", &none).unwrap().is_none());
        assert!(subset(&project, "Missing.ttf", &chars).unwrap().is_none());
    }

    #[test]
    fn characters_of_text_and_shown_attributes() {
        let mut chars = BTreeSet::new();
        page_chars("<p title=\"x\">中<b>文</b></p><script>var 好;</script><input placeholder=\"搜索\"/>", &mut chars);
        assert_eq!(chars.into_iter().collect::<String>(), "中搜文索");
    }
}
