//! Language of parts: a run of Han characters in the Russian or English edition (an original
//! Chinese title in a citation) or of Cyrillic in the Chinese or English one is in another of
//! the report's languages; the EPUB tags it so readers and screen readers switch voice and
//! fonts. Only scripts that name exactly one of the report's languages are tagged: Latin
//! letters (names, pinyin, URLs) stay in the document's language.

use crate::text::{Profile, Script};

pub struct ForeignTags {
    /// Scripts of the report's other languages with the tag to use for them.
    others: Vec<(Script, String)>,
}

impl ForeignTags {
    /// For a document tagged `own` in a report published in `report_tags`.
    pub fn new(own: &str, report_tags: &[String]) -> Self {
        let own = Profile::of(own).scripts;
        let mut others: Vec<(Script, String)> = Vec::new();
        for tag in report_tags {
            for &script in Profile::of(tag).scripts {
                if !own.contains(&script) && script != Script::Latin && !others.iter().any(|(s, _)| *s == script) {
                    others.push((script, tag.clone()));
                }
            }
        }
        Self { others }
    }

    /// Splits `text` into pieces, each with the language tag it needs when that is not the
    /// document's own.
    pub fn split<'t>(&self, text: &'t str) -> Vec<(&'t str, Option<&str>)> {
        let mut spans: Vec<(usize, usize, &str)> = Vec::new();
        let mut open: Option<(Script, usize, usize, &str)> = None;
        for (i, c) in text.char_indices() {
            let script = Script::of(c);
            if script == Script::Common {
                continue;
            }
            let end = i + c.len_utf8();
            match open {
                Some((s, start, _, tag)) if s == script => open = Some((s, start, end, tag)),
                _ => {
                    if let Some((_, start, stop, tag)) = open.take() {
                        spans.push((start, stop, tag));
                    }
                    if let Some((_, tag)) = self.others.iter().find(|(s, _)| *s == script) {
                        open = Some((script, i, end, tag));
                    }
                }
            }
        }
        if let Some((_, start, stop, tag)) = open {
            spans.push((start, stop, tag));
        }
        let mut pieces = Vec::new();
        let mut at = 0;
        for (start, stop, tag) in spans {
            if start > at {
                pieces.push((&text[at..start], None));
            }
            pieces.push((&text[start..stop], Some(tag)));
            at = stop;
        }
        if at < text.len() || pieces.is_empty() {
            pieces.push((&text[at..], None));
        }
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags() -> Vec<String> {
        ["zh-Hans", "ru", "en"].map(String::from).to_vec()
    }

    #[test]
    fn tags_a_chinese_title_in_english() {
        let t = ForeignTags::new("en", &tags());
        let pieces = t.split("《习近平主席同普京举行会谈》 [Talks], 22 March 2023");
        assert_eq!(
            pieces,
            vec![("《", None), ("习近平主席同普京举行会谈", Some("zh-Hans")), ("》 [Talks], 22 March 2023", None)]
        );
    }

    #[test]
    fn tags_russian_with_its_numbers_in_chinese() {
        let t = ForeignTags::new("zh-Hans", &tags());
        let pieces = t.split("塔斯社：Встреча с руководителями, 5 июня 2024 года，见");
        assert_eq!(
            pieces,
            vec![("塔斯社：", None), ("Встреча с руководителями, 5 июня 2024 года", Some("ru")), ("，见", None)]
        );
    }

    #[test]
    fn leaves_latin_and_own_script_alone() {
        let t = ForeignTags::new("ru", &tags());
        assert_eq!(t.split("Известия, www.iz.ru"), vec![("Известия, www.iz.ru", None)]);
        assert_eq!(t.split(""), vec![("", None)]);
    }
}
