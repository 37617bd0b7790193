//! The static search index of one language: the text of each section with an inverted
//! index from terms to sections. Chinese has no spaces, so Han text is indexed by its
//! character pairs (中俄关系 → 中俄, 俄关, 关系): a query is cut the same way, and 中俄
//! finds 中俄关系. Other scripts are indexed by lower-cased words. `folio.js` does the same
//! cutting on the reader's side.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::text::Script;

/// One searchable part of the site: a chapter's opening or one of its sections.
#[derive(Serialize)]
pub struct Entry {
    /// The heading shown as the result.
    pub title: String,
    /// The page and the fragment, relative to the language's folder.
    pub url: String,
    /// The plain text, for the snippet under a result.
    pub text: String,
}

#[derive(Serialize)]
struct Index<'a> {
    entries: &'a [Entry],
    /// Term → the entries holding it, in order.
    terms: BTreeMap<String, Vec<usize>>,
}

/// The terms of a text: Han character pairs (a lone character stands alone), and words
/// of letters and digits in lower case.
pub fn terms(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut han: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush = |han: &mut Vec<char>, word: &mut String, out: &mut BTreeSet<String>| {
        match han.len() {
            0 => {}
            1 => {
                out.insert(han[0].to_string());
            }
            _ => out.extend(han.windows(2).map(|pair| pair.iter().collect::<String>())),
        }
        han.clear();
        if !word.is_empty() {
            out.insert(std::mem::take(word));
        }
    };
    for c in text.chars() {
        if Script::of(c) == Script::Han {
            if !word.is_empty() {
                out.insert(std::mem::take(&mut word));
            }
            han.push(c);
        } else if c.is_alphanumeric() {
            if !han.is_empty() {
                flush(&mut han, &mut String::new(), &mut out);
            }
            word.extend(c.to_lowercase());
        } else {
            flush(&mut han, &mut word, &mut out);
        }
    }
    flush(&mut han, &mut word, &mut out);
    out
}

/// `search.js` of one language: the index assigned to `folioSearch`, a script rather than
/// JSON so that the site works from `file://`, where pages may not fetch files.
pub fn script(entries: &[Entry]) -> Vec<u8> {
    let mut index: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, entry) in entries.iter().enumerate() {
        for term in terms(&format!("{} {}", entry.title, entry.text)) {
            index.entry(term).or_default().push(i);
        }
    }
    let json = serde_json::to_string(&Index { entries, terms: index }).expect("the index serializes");
    // `</` would end an inline script; JSON allows `<\/` for the same text.
    format!("window.folioSearch = {};\n", json.replace("</", "<\\/")).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_pairs_and_words() {
        let found: Vec<String> = terms("中俄关系 BRICS-plus, 2024年 Россия").into_iter().collect();
        assert_eq!(found, ["2024", "brics", "plus", "россия", "中俄", "俄关", "关系", "年"]);
    }

    #[test]
    fn a_query_pair_finds_a_longer_phrase() {
        let text = terms("新时代的中俄关系");
        assert!(terms("中俄").is_subset(&text));
        assert!(!terms("俄中").is_subset(&text));
    }
}
