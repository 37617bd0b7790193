//! The conventions of a language that folio acts on, from its BCP 47 tag (`zh-Hans`,
//! `zh-Hant`, `ja`, `ru`, `sr-Latn` …): the scripts its text is written in, whether it is
//! set as Chinese and Japanese are, and whether its words are hyphenated.

use serde::Serialize;

use super::Script;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// The language subtag, lowercase (ISO 639: `zh`, `ru`), as Typst's `text(lang:)` takes it.
    pub language: String,
    /// The scripts of its letters, the main one first (Japanese: Han and kana).
    pub scripts: &'static [Script],
    /// Set as Chinese and Japanese are: no spaces between words, a line may break between
    /// any two characters, and what a proofreader looks for is a short last line (孤字),
    /// not widows and orphans.
    pub cjk: bool,
    /// Words are hyphenated at the end of a line.
    pub hyphenate: bool,
}

impl Profile {
    pub fn of(tag: &str) -> Profile {
        let mut subtags = tag.split(['-', '_']);
        let language = subtags.next().unwrap_or_default().to_ascii_lowercase();
        // An explicit script subtag (ISO 15924, four letters) overrides the language's own.
        let script = subtags.find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()));
        let scripts: &'static [Script] = match script.map(str::to_ascii_lowercase).as_deref() {
            Some("hans" | "hant" | "hani") => &[Script::Han, Script::Bopomofo],
            Some("jpan" | "hira" | "kana") => &[Script::Han, Script::Kana],
            Some("kore" | "hang") => &[Script::Hangul, Script::Han],
            Some("cyrl") => &[Script::Cyrillic],
            Some("grek") => &[Script::Greek],
            Some("latn") => &[Script::Latin],
            _ => match language.as_str() {
                "zh" | "yue" | "cmn" | "lzh" | "wuu" | "hak" | "nan" | "gan" => &[Script::Han, Script::Bopomofo],
                "ja" => &[Script::Han, Script::Kana],
                "ko" => &[Script::Hangul, Script::Han],
                "ru" | "uk" | "be" | "bg" | "mk" | "sr" | "kk" | "ky" | "tg" | "mn" | "tt" | "ba" | "cv" | "ce" | "os" => {
                    &[Script::Cyrillic]
                }
                "el" => &[Script::Greek],
                _ => &[Script::Latin],
            },
        };
        let cjk = scripts[0] == Script::Han;
        // Korean breaks lines between words, like the alphabetic scripts, but does not
        // hyphenate them.
        let hyphenate = !cjk && scripts[0] != Script::Hangul;
        Profile { language, scripts, cjk, hyphenate }
    }

    /// The main script of the language's text.
    pub fn script(&self) -> Script {
        self.scripts[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_from_tags() {
        for tag in ["zh", "zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-TW", "ja", "ja-JP"] {
            let p = Profile::of(tag);
            assert!(p.cjk && !p.hyphenate, "{tag}");
            assert_eq!(p.script(), Script::Han, "{tag}");
        }
        assert_eq!(Profile::of("zh-Hant").language, "zh");
        assert_eq!(Profile::of("ja").scripts, [Script::Han, Script::Kana]);
        let ko = Profile::of("ko");
        assert!(!ko.cjk && !ko.hyphenate && ko.script() == Script::Hangul);
        for tag in ["ru", "uk-UA", "sr", "sr-Cyrl"] {
            assert_eq!(Profile::of(tag).scripts, [Script::Cyrillic], "{tag}");
        }
        for tag in ["en", "EN-gb", "de", "sr-Latn", "fr-CA"] {
            let p = Profile::of(tag);
            assert!(!p.cjk && p.hyphenate && p.script() == Script::Latin, "{tag}");
        }
        assert_eq!(Profile::of("el").script(), Script::Greek);
        assert_eq!(Profile::of("EN-gb").language, "en");
    }
}
