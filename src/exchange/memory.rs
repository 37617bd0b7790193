//! A translation's memory: the pairs `folio tm import` read from others' TMX files, kept in
//! `locales/<lang>/.folio-memory.tmx` (beside the lock, committed with the translation).
//! Exact matches fill untranslated messages at import; fuzzy matches (85 % or more) are
//! offered in the exported XLIFF as suggestions, never written into a bundle.

use std::path::PathBuf;

use super::segment::{Piece, Segment};
use super::Unit;
use super::tmx::{self, Pair};
use crate::diag::Diagnostic;
use crate::project::Project;

pub const MEMORY_FILE: &str = ".folio-memory.tmx";
/// The least similarity of a suggestion, in percent.
pub const FUZZY_THRESHOLD: u8 = 85;

#[derive(Debug, Clone)]
pub struct Suggestion {
    pub quality: u8,
    pub source: Segment,
    pub target: Segment,
}

#[derive(Default)]
pub struct Memory {
    pub pairs: Vec<Pair>,
    /// Each pair's source as matched: text, a code as one character.
    keys: Vec<Vec<char>>,
}

impl Memory {
    pub fn path(lang: &str) -> PathBuf {
        PathBuf::from("locales").join(lang).join(MEMORY_FILE)
    }

    pub fn new(pairs: Vec<Pair>) -> Self {
        let keys = pairs.iter().map(|p| key(&p.source)).collect();
        Self { pairs, keys }
    }

    /// The memory of `lang`; none yet is an empty one.
    pub fn load(project: &Project, source_lang: &str, lang: &str) -> Result<Memory, Diagnostic> {
        let path = Self::path(lang);
        let Some(text) = project.read_text_if_exists(&path)? else { return Ok(Memory::default()) };
        let pairs = tmx::read(&text, source_lang, lang).map_err(|e| {
            e.diagnostic(&path, &text, "a memory").hint(format!("delete it and import the memories again with `folio tm import FILE --lang {lang}`"))
        })?;
        Ok(Memory::new(pairs))
    }

    /// The translation of a source exactly as `source` (text and codes alike).
    pub fn exact(&self, source: &Segment) -> Option<&Pair> {
        self.pairs.iter().find(|p| &p.source == source)
    }

    /// The memory's translation of `unit`, if its source is there exactly and the
    /// translation holds each code of the source once and no other (codes match by their text).
    pub fn translation(&self, unit: &Unit) -> Option<Segment> {
        let pair = self.exact(&unit.source)?;
        let mut want: Vec<&str> = unit.source.codes().collect();
        let mut have: Vec<&str> = pair.target.codes().collect();
        want.sort();
        have.sort();
        (want == have).then(|| pair.target.clone())
    }

    /// Up to three pairs whose source is at least [`FUZZY_THRESHOLD`] % like `source`
    /// (edit distance over characters, a code counting as one), best first; exact ones too.
    pub fn suggestions(&self, source: &Segment) -> Vec<Suggestion> {
        let wanted = key(source);
        let mut found: Vec<Suggestion> = Vec::new();
        for (pair, k) in self.pairs.iter().zip(&self.keys) {
            let longest = wanted.len().max(k.len());
            // The distance is at least the difference in length: skip what cannot reach 85 %.
            if longest == 0 || wanted.len().abs_diff(k.len()) * 100 > longest * usize::from(100 - FUZZY_THRESHOLD) {
                continue;
            }
            let distance = strsim::generic_levenshtein(&wanted, k);
            let quality = (100 * (longest - distance) / longest) as u8;
            if quality >= FUZZY_THRESHOLD && !found.iter().any(|s| s.target == pair.target) {
                found.push(Suggestion { quality, source: pair.source.clone(), target: pair.target.clone() });
            }
        }
        found.sort_by(|a, b| b.quality.cmp(&a.quality));
        found.truncate(3);
        found
    }
}

fn key(segment: &Segment) -> Vec<char> {
    let mut out = Vec::new();
    for piece in &segment.0 {
        match piece {
            Piece::Text(t) => out.extend(t.chars()),
            Piece::Code(_) => out.push('\u{FFFC}'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str) -> Segment {
        let mut s = Segment::default();
        s.push_text(text);
        s
    }

    #[test]
    fn suggests_close_sources_only() {
        let memory = Memory::new(vec![
            Pair { id: "a".into(), source: seg("2023年中俄贸易额达到2401亿美元。"), target: seg("В 2023 г. товарооборот составил 240,1 млрд долларов.") },
            Pair { id: "b".into(), source: seg("完全不同的句子。"), target: seg("Совсем другое.") },
        ]);
        let found = memory.suggestions(&seg("2023年中俄贸易额达到2402亿美元。"));
        assert_eq!(found.len(), 1);
        assert!(found[0].quality >= 90 && found[0].quality < 100, "{}", found[0].quality);
        assert!(memory.exact(&seg("完全不同的句子。")).is_some());
        assert!(memory.suggestions(&seg("别的")).is_empty());
    }
}
