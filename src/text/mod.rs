//! Text utilities at the bottom of the crate: the script of a character, the conventions of
//! a language (its [`Profile`]) and readable ASCII names. Nothing here knows about reports.

mod profile;
mod script;
pub mod xml;

pub use profile::Profile;
pub use script::{Script, is_cjk};

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
}
