//! Names for imported text: message ids and file names that a person can read (the first
//! words, transliterated to ASCII) and that stay the same when the same document is
//! imported again (a short hash of the text tells apart texts that begin alike).

use std::collections::HashSet;

use sha2::{Digest, Sha256};

/// `text` as lowercase ASCII words joined by `-`, at most `max` bytes, cut between words
/// (Chinese is transliterated to pinyin syllables: 中俄关系 → zhong-e-guan-xi).
pub fn slug(text: &str, max: usize) -> String {
    let ascii = deunicode::deunicode_with_tofu(text, " ");
    let mut out = String::new();
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let word = word.to_ascii_lowercase();
        let extra = word.len() + usize::from(!out.is_empty());
        if out.len() + extra > max {
            if out.is_empty() {
                out.push_str(&word[..max.min(word.len())]);
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    out
}

/// Four hex digits of the text's SHA-256.
pub fn short_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().take(2).map(|b| format!("{b:02x}")).collect()
}

/// A new message id `prefix-words-hash` for `text`, not in `taken` (then added to it).
pub fn message_id(prefix: &str, text: &str, taken: &mut HashSet<String>) -> String {
    let words = slug(text, 24);
    let base = if words.is_empty() { format!("{prefix}-{}", short_hash(text)) } else { format!("{prefix}-{words}-{}", short_hash(text)) };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_ascii() {
        assert_eq!(slug("中俄关系持续发展的逻辑基础", 24), "zhong-e-guan-xi-chi-xu");
        assert_eq!(slug("Встреча с руководителями", 24), "vstrecha-s");
        assert_eq!(slug("The Year's Results (2024)", 100), "the-year-s-results-2024");
        assert_eq!(slug("«»", 10), "");
        assert_eq!(slug("Supercalifragilistic", 8), "supercal");
    }

    #[test]
    fn ids_are_stable_and_unique() {
        let mut taken = HashSet::new();
        let a = message_id("ch02", "中俄关系经历75年的风风雨雨。", &mut taken);
        let b = message_id("ch02", "中俄关系经历75年的风风雨雨。", &mut taken);
        assert!(a.starts_with("ch02-zhong-e-guan-xi-jing-li-"), "{a}");
        assert_eq!(b, format!("{a}-2"));
        let mut again = HashSet::new();
        assert_eq!(message_id("ch02", "中俄关系经历75年的风风雨雨。", &mut again), a);
    }
}
