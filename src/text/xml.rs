//! What the XML readers (XLIFF and TMX, Word) share.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::BytesRef;

/// The text a character or predefined entity reference stands for (`&#x41;`, `&amp;`);
/// otherwise what is wrong with it, in words.
pub fn reference_text(r: &BytesRef) -> Result<String, String> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(c.to_string());
    }
    let name = r.decode().map_err(|e| e.to_string())?;
    resolve_predefined_entity(&name).map(str::to_string).ok_or_else(|| format!("unknown entity &{name};"))
}
