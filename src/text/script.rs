//! The writing system of a character, after Unicode's Script property (Scripts.txt) by
//! block, cut down to what folio tells apart.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Chinese characters, also Japanese kanji and Korean hanja.
    Han,
    /// Japanese hiragana and katakana.
    Kana,
    /// Zhuyin, the phonetic letters of Chinese in Taiwan.
    Bopomofo,
    Hangul,
    Cyrillic,
    Greek,
    Latin,
    /// The letters of any other script (Arabic, Devanagari …).
    Other,
    /// Digits, punctuation, symbols and spaces: they belong to the text around them.
    Common,
}

impl Script {
    pub fn of(c: char) -> Script {
        match c as u32 {
            // Radicals, 々 〆 〇, Hangzhou numerals, the unified ideographs and their
            // extensions, the compatibility ideographs.
            0x2E80..=0x2FDF | 0x3005..=0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => Script::Han,
            0x3041..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F | 0x1B000..=0x1B16F => Script::Kana,
            0x3100..=0x312F | 0x31A0..=0x31BF => Script::Bopomofo,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xFFA0..=0xFFDC => Script::Hangul,
            // Before the test for letters: the combining Cyrillic letters are marks.
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            _ if !c.is_alphabetic() => Script::Common,
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
            0x0000..=0x02AF | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F
            | 0xFB00..=0xFB06 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Latin,
            _ => Script::Other,
        }
    }
}

/// A character of text set without spaces between words (Chinese, Japanese): Han, kana,
/// bopomofo, and the CJK punctuation, symbols and full-width forms set among them.
pub fn is_cjk(c: char) -> bool {
    matches!(Script::of(c), Script::Han | Script::Kana | Script::Bopomofo)
        || matches!(c as u32, 0x3000..=0x303F | 0x3190..=0x319F | 0x31C0..=0x31EF | 0x3200..=0x33FF | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_of_characters() {
        let of = |text: &str| text.chars().map(Script::of).collect::<Vec<_>>();
        use Script::*;
        assert_eq!(of("中〇々𠀀"), [Han, Han, Han, Han]);
        assert_eq!(of("かナｶ"), [Kana, Kana, Kana]);
        assert_eq!(of("ㄅ한"), [Bopomofo, Hangul]);
        assert_eq!(of("ЖҖ\u{2DE0}"), [Cyrillic, Cyrillic, Cyrillic]);
        assert_eq!(of("aéŁＡΩ"), [Latin, Latin, Latin, Latin, Greek]);
        assert_eq!(of("ب"), [Other]);
        assert_eq!(of("1 ,。，《"), [Common, Common, Common, Common, Common, Common]);
    }

    #[test]
    fn cjk_is_han_kana_and_their_punctuation() {
        for c in ['中', '〇', 'か', '。', '，', '《', '㎡', '（'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', 'Ж', '한', '1', ' ', '.', '“'] {
            assert!(!is_cjk(c), "{c}");
        }
    }
}
