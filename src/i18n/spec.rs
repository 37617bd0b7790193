//! What the reference Fluent grammar rejects but fluent-syntax 0.12 accepts. Translators'
//! tools (Pontoon, Weblate, fluent.js) follow the reference parser, for which these lines
//! are Junk: an entry lost there must be an error here too.

use std::ops::Range;

/// Lines of `text` the reference grammar does not accept, with what is wrong.
pub fn nonconforming(text: &str) -> Vec<(Range<usize>, &'static str)> {
    let mut found = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.starts_with('#') {
            let hashes = content.len() - content.trim_start_matches('#').len();
            let after = &content[hashes..];
            if hashes > 3 {
                found.push((offset..offset + hashes, "a comment starts with `#`, `##` or `###`, not more"));
            } else if !after.is_empty() && !after.starts_with(' ') {
                found.push((offset..offset + hashes + 1, "a comment needs a space after its `#`"));
            }
        } else if content.starts_with('\t') && !content.trim().is_empty() {
            found.push((offset..offset + 1, "indentation must be spaces: a tab is not whitespace in Fluent"));
        }
        offset += line.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_need_a_space() {
        let text = "# ok\n#\n## ok\n### ok\n#error\n#### four\nid = x\n\tcontinued\n";
        let found: Vec<_> = nonconforming(text).into_iter().map(|(r, why)| (&text[r], why)).collect();
        assert_eq!(
            found,
            [
                ("#e", "a comment needs a space after its `#`"),
                ("####", "a comment starts with `#`, `##` or `###`, not more"),
                ("\t", "indentation must be spaces: a tab is not whitespace in Fluent"),
            ]
        );
    }
}
