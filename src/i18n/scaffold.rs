//! Scaffolds for translators. `folio new-lang` writes every source message as a placeholder
//! under a comment holding the source text; `folio sync` inserts the messages the source
//! gained since and marks the ones it lost. Both only ever insert lines (and remove their own
//! marks): a translation and the translator's comments are never rewritten.

use std::collections::HashMap;
use std::ops::Range;

use fluent_syntax::ast;

/// The value of a message not translated yet: an empty string literal parses (an empty
/// value does not), prints nothing, and `folio check` reports it as untranslated.
pub const PLACEHOLDER: &str = "{ \"\" }";

/// The comment line `folio sync` puts before a message the source no longer has.
pub const OBSOLETE_MARK: &str = "# folio: obsolete, the source no longer has this message";

/// Whether a message still holds the [`PLACEHOLDER`].
pub fn is_placeholder<S: AsRef<str>>(message: &ast::Message<S>) -> bool {
    match message.value.as_ref().map(|p| p.elements.as_slice()) {
        Some(
            [
                ast::PatternElement::Placeable {
                    expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }),
                },
            ],
        ) => value.as_ref().is_empty(),
        _ => false,
    }
}

/// The byte range of the entry whose id starts at `start`: its first line and the
/// continuation lines (indented, or a closing brace at the margin), newline included.
pub fn entry_range(text: &str, start: usize) -> Range<usize> {
    let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i + 1);
    let mut end = line_end(start);
    let mut probe = end;
    while probe < text.len() {
        let next = line_end(probe);
        let line = &text[probe..next];
        if line.trim().is_empty() {
            probe = next;
        } else if line.starts_with(' ') || line.starts_with('}') {
            end = next;
            probe = next;
        } else {
            break;
        }
    }
    start..end
}

/// The raw value of the entry at `start` as written (after `id =`), without the final newline.
pub fn raw_value(text: &str, start: usize) -> &str {
    let entry = &text[entry_range(text, start)];
    entry.split_once('=').map_or("", |(_, value)| value.trim_start_matches(' ').trim_end())
}

/// Where the attached comment of the entry at `start` begins (the `#` lines right above it),
/// or `start` when it has none.
pub fn comment_start(text: &str, start: usize) -> usize {
    let mut begin = start;
    while begin > 0 {
        let prev = text[..begin - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = text[prev..begin].trim_end_matches(['\n', '\r']);
        if line == "#" || line.starts_with("# ") {
            begin = prev;
        } else {
            break;
        }
    }
    begin
}

/// A pivot language's translated messages, written beside the source text of the messages
/// to translate (`folio new-lang de --from en`).
pub struct Pivot<'a> {
    pub lang: &'a str,
    /// Message id to its value as written.
    values: HashMap<&'a str, &'a str>,
}

impl<'a> Pivot<'a> {
    pub fn of(catalog: &'a super::Catalog) -> Self {
        let mut values = HashMap::new();
        for file in &catalog.files {
            for (id, at) in super::definitions(&file.text) {
                if catalog.has_message(&id) {
                    values.entry(&file.text[at..at + id.len()]).or_insert_with(|| raw_value(&file.text, at));
                }
            }
        }
        Self { lang: &catalog.lang, values }
    }
}

/// The lines written for one message to translate: the source's comment for translators,
/// the source text as `# zh: …` lines, each pivot's as `# en: …` lines, and the placeholder.
pub fn placeholder_block(source_lang: &str, id: &str, comment: Option<&ast::Comment<&str>>, source_value: &str, pivots: &[Pivot]) -> String {
    message_block(source_lang, id, comment, source_value, pivots, None)
}

/// A [`placeholder_block`] whose value is `translation` when one is given (raw Fluent).
pub fn message_block(
    source_lang: &str,
    id: &str,
    comment: Option<&ast::Comment<&str>>,
    source_value: &str,
    pivots: &[Pivot],
    translation: Option<&str>,
) -> String {
    let mut out = String::new();
    if let Some(comment) = comment {
        out.push_str(&comment_lines("#", &comment.content));
    }
    let references = pivots.iter().filter_map(|p| Some((p.lang, *p.values.get(id)?)));
    for (lang, value) in std::iter::once((source_lang, source_value)).chain(references) {
        for line in value.lines() {
            out.push_str(format!("# {lang}: {line}").trim_end());
            out.push('\n');
        }
    }
    out.push_str(&format!("{id} = {}\n", translation.unwrap_or(PLACEHOLDER)));
    out
}

fn comment_lines(sigil: &str, content: &[&str]) -> String {
    content.iter().map(|line| if line.is_empty() { format!("{sigil}\n") } else { format!("{sigil} {line}\n") }).collect()
}

/// A whole translation file for a source file: its section comments and, for every
/// message that `wanted`, a [`placeholder_block`]. Terms stay behind: each language names
/// things in its own.
pub fn new_file(source_lang: &str, text: &str, resource: &ast::Resource<&str>, pivots: &[Pivot], wanted: impl Fn(&str) -> bool) -> String {
    file_with(source_lang, text, resource, pivots, |id| wanted(id).then_some(None))
}

/// [`new_file`] with some messages translated already: `value(id)` is `None` for a message
/// left out, `Some(None)` for a placeholder and `Some(Some(text))` for a translation.
pub fn file_with(
    source_lang: &str,
    text: &str,
    resource: &ast::Resource<&str>,
    pivots: &[Pivot],
    value: impl Fn(&str) -> Option<Option<String>>,
) -> String {
    let starts: HashMap<&str, usize> = super::definitions(text).into_iter().map(|(id, at)| (&text[at..at + id.len()], at)).collect();
    let mut blocks = Vec::new();
    for entry in &resource.body {
        match entry {
            ast::Entry::ResourceComment(c) => blocks.push(comment_lines("###", &c.content)),
            ast::Entry::GroupComment(c) => blocks.push(comment_lines("##", &c.content)),
            ast::Entry::Comment(c) => blocks.push(comment_lines("#", &c.content)),
            ast::Entry::Message(m) => {
                if let Some(translation) = value(m.id.name) {
                    let source = starts.get(m.id.name).map_or("", |&at| raw_value(text, at));
                    blocks.push(message_block(source_lang, m.id.name, m.comment.as_ref(), source, pivots, translation.as_deref()));
                }
            }
            ast::Entry::Term(_) | ast::Entry::Junk { .. } => {}
        }
    }
    blocks.join("\n")
}

/// Where a message missing from a translation file belongs: after the nearest message that
/// precedes it in the source and is in the file, else before the file's first message,
/// else at the end. `preceding` lists the source's earlier ids, nearest first.
pub fn insertion_offset<'a>(text: &str, preceding: impl IntoIterator<Item = &'a str>) -> usize {
    let defined: HashMap<String, usize> = super::definitions(text).into_iter().collect();
    if let Some(&at) = preceding.into_iter().find_map(|id| defined.get(id)) {
        return entry_range(text, at).end;
    }
    match super::definitions(text).first() {
        Some((_, at)) => comment_start(text, *at),
        None => text.len(),
    }
}

/// Applies insertions and deletions given as (byte range, replacement); insertions at the
/// same place keep their order.
pub fn apply_edits(text: &str, edits: Vec<(Range<usize>, String)>) -> String {
    let mut edits: Vec<_> = edits.into_iter().enumerate().collect();
    edits.sort_by_key(|(i, (range, _))| std::cmp::Reverse((range.start, range.end, *i)));
    let mut out = text.to_string();
    for (_, (range, replacement)) in edits {
        let replacement = if range.start == out.len() && !out.is_empty() && !out.ends_with('\n') {
            format!("\n{replacement}")
        } else {
            replacement
        };
        out.replace_range(range, &replacement);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::parser;

    const ZH: &str = "### 第一章\n\n## 正文\n# 注意：$n 是数字\nintro = 你好\nsel = { $n ->\n    [one] 一\n   *[other] 多\n}\n-term = 术语\n";

    #[test]
    fn recognises_the_placeholder_only() {
        let res = parser::parse("a = { \"\" }\nb = { \"x\" }\nc = x{ \"\" }\n").unwrap();
        let flags: Vec<bool> = res
            .body
            .iter()
            .filter_map(|e| if let ast::Entry::Message(m) = e { Some(is_placeholder(m)) } else { None })
            .collect();
        assert_eq!(flags, [true, false, false]);
    }

    #[test]
    fn entries_end_after_their_continuation_lines() {
        let at = ZH.find("sel").unwrap();
        assert_eq!(&ZH[entry_range(ZH, at)], "sel = { $n ->\n    [one] 一\n   *[other] 多\n}\n");
        assert_eq!(raw_value(ZH, at), "{ $n ->\n    [one] 一\n   *[other] 多\n}");
        assert_eq!(comment_start(ZH, ZH.find("intro").unwrap()), ZH.find("# 注意").unwrap());
    }

    #[test]
    fn new_file_keeps_sections_and_comments_and_drops_terms() {
        let res = parser::parse(ZH).unwrap();
        let out = new_file("zh", ZH, &res, &[], |_| true);
        assert_eq!(
            out,
            "### 第一章\n\n## 正文\n\n# 注意：$n 是数字\n# zh: 你好\nintro = { \"\" }\n\n# zh: { $n ->\n# zh:     [one] 一\n# zh:    *[other] 多\n# zh: }\nsel = { \"\" }\n"
        );
        let parsed = parser::parse(out.as_str()).expect("the scaffold parses");
        assert_eq!(parsed.body.len(), 4);
    }

    #[test]
    fn a_pivot_is_written_below_the_source() {
        let res = parser::parse(ZH).unwrap();
        let values = HashMap::from([("intro", "Hello,\n    world")]);
        let out = new_file("zh", ZH, &res, &[Pivot { lang: "en", values }], |id| id == "intro");
        assert!(out.ends_with("# 注意：$n 是数字\n# zh: 你好\n# en: Hello,\n# en:     world\nintro = { \"\" }\n"), "{out}");
    }

    #[test]
    fn inserts_after_the_nearest_preceding_message() {
        let text = "# head\na = 1\n  more\nc = 3";
        assert_eq!(insertion_offset(text, ["b", "a"]), text.find("c =").unwrap());
        assert_eq!(insertion_offset(text, ["x"]), 0);
        let edits = vec![(text.len()..text.len(), "d = 4\n".into()), (7..7, "y = 0\n".into()), (7..7, "z = 0\n".into())];
        assert_eq!(apply_edits(text, edits), "# head\ny = 0\nz = 0\na = 1\n  more\nc = 3\nd = 4\n");
    }
}
