//! Names for imported text: message ids and file names that a person can read (the first
//! words, transliterated to ASCII) and that stay the same when the same document is
//! imported again (a short hash of the text tells apart texts that begin alike).

use std::collections::HashSet;

use sha2::{Digest, Sha256};

use crate::text::slug;

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
