//! Fluent syntax errors in a translator's terms. The parser says what token it expected
//! where it gave up; a translator needs to know what they wrote wrong, and where: the `{`
//! that is never closed rather than the next line, the line that needed indenting rather
//! than the `=` it lacks. The parser's own wording follows as a note.

use std::ops::Range;
use std::path::Path;

use fluent_syntax::parser::{ErrorKind, ParserError};

use crate::diag::{Diagnostic, Location};

/// The diagnostic for one parser error in `text`, the contents of `path`.
pub fn diagnostic(path: &Path, text: &str, error: &ParserError) -> Diagnostic {
    let at = Location::span(path, text, error.pos.clone());
    let parser = format!("the Fluent parser says: {}", error.kind);
    match explain(text, error) {
        Some(Explained { range, message, hint }) => {
            let here = Location::span(path, text, range);
            // Where the parser gave up, when that is elsewhere (the line after an unclosed `{`).
            let note = if (here.line, here.column) == (at.line, at.column) { parser } else { format!("{parser} (at {at})") };
            Diagnostic::error(message).at(here).hint(hint).note(note)
        }
        None => Diagnostic::error(format!("Fluent syntax error: {}", error.kind))
            .at(at)
            .hint("see https://projectfluent.org/fluent/guide/ for the syntax"),
    }
}

struct Explained {
    range: Range<usize>,
    message: String,
    hint: String,
}

fn explain(text: &str, error: &ParserError) -> Option<Explained> {
    let pos = error.pos.start.min(text.len());
    let line_start = start_of_line(text, pos);
    let line = text[line_start..].split(['\n', '\r']).next().unwrap_or_default();
    // The entry the error belongs to: a parser that ran off the end of a line reports the
    // start of the next one.
    let entry = entry_start(text, if pos == line_start && pos > 0 { pos - 1 } else { pos });
    let explained = |range: Range<usize>, message: String, hint: &str| Some(Explained { range, message, hint: hint.to_string() });
    match &error.kind {
        ErrorKind::UnknownEscapeSequence(_) => {
            let escape: String = text[pos..].chars().take(2).collect();
            return explained(
                pos..pos + escape.len(),
                format!("`{escape}` is not an escape sequence Fluent knows"),
                r#"in a quoted string write `\"` for a quote, `\\` for a backslash, `\u00A0` (four hex digits) or `\U01F600` (six) for any character; outside quotes a backslash is printed as it is"#,
            );
        }
        ErrorKind::InvalidUnicodeEscapeSequence(_) => {
            let start = text[..pos].rfind('\\').unwrap_or(pos);
            return explained(
                start..pos,
                format!("`{}` is not a complete Unicode escape", &text[start..pos]),
                r"`\u` takes exactly four hex digits (`\u00A0`), `\U` exactly six (`\U01F600`)",
            );
        }
        ErrorKind::MissingDefaultVariant => {
            let open = unclosed(text, entry, pos).unwrap_or(pos);
            return explained(
                open..open + 1,
                "this variant list has no default variant".to_string(),
                "mark the variant used for any other value with `*`, as in `*[other] …`",
            );
        }
        ErrorKind::MultipleDefaultVariants => {
            return explained(
                pos.saturating_sub(1)..pos,
                "a variant list has only one default variant `*[…]`".to_string(),
                "keep the `*` on one variant and remove it from the others",
            );
        }
        ErrorKind::UnterminatedStringLiteral => {
            let quote = text[line_start..pos].rfind('"').map_or(pos, |i| line_start + i);
            return explained(
                quote..pos,
                "this quoted string is never closed".to_string(),
                "close it with `\"` on the same line: a quoted string cannot continue on the next line",
            );
        }
        ErrorKind::UnbalancedClosingBrace => {
            return explained(
                pos..pos + 1,
                "this `}` closes no `{`".to_string(),
                "remove it, or write `{ \"}\" }` to print a brace",
            );
        }
        ErrorKind::ExpectedMessageField { entry_id } | ErrorKind::ExpectedTermField { entry_id } => {
            let start = error.pos.start;
            return explained(
                start..start + entry_id.len(),
                format!("`{entry_id}` has no text after its `=`"),
                "write the text after `=` (on the same line, or on the next lines indented); a message not translated yet is `id = { \"\" }`",
            );
        }
        // `{` at a line's end, never closed: the parser stops at the next line, which is no
        // placeable content; the open brace is the mistake.
        ErrorKind::ExpectedInlineExpression if unclosed_in_entry(text, entry).is_none() => {
            return explained(
                pos..pos + text[pos..].chars().next().map_or(0, char::len_utf8),
                "a placeable `{ … }` cannot hold this".to_string(),
                "inside `{ }` goes a variable `$name`, a term `-name`, a message id, a number, a function call or a quoted string `\"…\"`",
            );
        }
        _ => {}
    }
    // The parser read the next line into the placeable (`next` as a message reference) and
    // stopped at its `=`: nothing on that line closes it, so the `{` before it is the mistake.
    let rest_of_line = text[pos..].split('\n').next().unwrap_or_default();
    let ran_on = matches!(error.kind, ErrorKind::ExpectedToken('}')) && !rest_of_line.contains('}');
    let open = if ran_on { error.slice.as_ref().and_then(|s| unclosed(text, s.start, pos)) } else { None };
    if let Some(open) = open.or_else(|| unclosed_in_entry(text, entry)) {
        let line = text[..open].matches('\n').count() + 1;
        return explained(
            open..open + 1,
            format!("this `{{` on line {line} is never closed"),
            "close the placeable with `}`; to print a brace, write `{ \"{\" }`",
        );
    }
    // The rest concern a line at the margin that is not a well-formed `id = …`.
    let margin_error = matches!(error.kind, ErrorKind::ExpectedToken('=') | ErrorKind::ExpectedCharRange { .. });
    if !margin_error || line.starts_with([' ', '#']) || line.trim().is_empty() {
        return None;
    }
    let previous = text[..line_start].strip_suffix('\n').unwrap_or_default().trim_end_matches('\r');
    let previous = &previous[start_of_line(previous, previous.len())..];
    let continues = !previous.trim().is_empty() && !previous.starts_with('#');
    let word_len = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(line.len());
    let word = &line[..word_len];
    let is_id = word.trim_start_matches('-').starts_with(|c: char| c.is_ascii_alphabetic());
    let before_eq = line.split_once('=').map(|(before, _)| before.trim_end());
    let indent_hint = "indent it with spaces to continue the message above; a line at the margin starts a message (`id = …`), a term (`-name = …`) or a comment (`# …`)";
    match before_eq {
        // Something that was meant as an id: `ch01 title = …`, `1st = …`, `ch01.title = …`.
        Some(before) if before.is_ascii() && !before.is_empty() && before.split_whitespace().count() <= 2 && !(is_id && word == before) => {
            explained(
                line_start..line_start + before.len(),
                format!("`{before}` is not a valid message id"),
                "an id is ASCII letters, digits, `-` and `_`, and starts with a letter (a term's with `-` and a letter)",
            )
        }
        _ if continues && (!is_id || !word.contains(|c: char| c == '-' || c == '_' || c.is_ascii_digit())) => explained(
            line_start..line_start + line.chars().next().map_or(1, char::len_utf8),
            "continuation lines of a message must be indented".to_string(),
            indent_hint,
        ),
        _ if is_id && matches!(error.kind, ErrorKind::ExpectedToken('=')) => Some(Explained {
            range: line_start + word_len..line_start + word_len + 1,
            message: format!("missing `=` after the id `{word}`"),
            hint: format!(
                "write `{word} = …`{}",
                if continues { "; if this line continues the message above, indent it with spaces instead" } else { "" }
            ),
        }),
        _ => explained(
            line_start..line_start + line.chars().next().map_or(1, char::len_utf8),
            "this line at the margin starts no message, term or comment".to_string(),
            indent_hint,
        ),
    }
}

fn start_of_line(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The start of the entry holding byte `at`: the nearest line at or above it that starts
/// at the margin with something other than `}` (a comment counts: the scan starts there).
fn entry_start(text: &str, at: usize) -> usize {
    let mut start = start_of_line(text, at);
    while start > 0 && text[start..].starts_with([' ', '}', '\n', '\r']) {
        start = start_of_line(text, start - 1);
    }
    start
}

/// The innermost `{` opened between `from` and `to` and not closed before `to`; text in
/// quoted strings inside placeables is skipped (a quoted string ends at its line).
fn unclosed(text: &str, from: usize, to: usize) -> Option<usize> {
    let mut open = Vec::new();
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in text[from..to].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' if !open.is_empty() => quoted = !quoted,
            '\n' => quoted = false,
            _ if quoted => {}
            '{' => open.push(from + i),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// A `{` of the entry at `start` that is still open where the entry ends (its first line
/// and the indented or `}` lines after it).
fn unclosed_in_entry(text: &str, start: usize) -> Option<usize> {
    unclosed(text, start, super::scaffold::entry_range(text, start).end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The head, hint and note of the first syntax error in `text`, as `line:col: message`.
    fn first(text: &str) -> (String, String, String) {
        let (_, errors) = fluent_syntax::parser::parse(text).expect_err("a syntax error");
        let d = diagnostic(Path::new("a.ftl"), text, &errors[0]);
        let at = d.location.as_ref().unwrap();
        (format!("{}:{}: {}", at.line.unwrap(), at.column.unwrap(), d.message), d.hints.join("\n"), d.note.unwrap_or_default())
    }

    #[test]
    fn an_unindented_continuation_line() {
        let (head, hint, note) = first("a = 1\nphoto = 图片说明。\n图片说明的第二行\nb = 2\n");
        assert_eq!(head, "3:1: continuation lines of a message must be indented");
        assert!(hint.starts_with("indent it with spaces"), "{hint}");
        assert_eq!(note, "the Fluent parser says: Expected one of \"a-zA-Z\"");
        let (head, _, _) = first("photo = A caption\nsecond line of it\n");
        assert_eq!(head, "2:1: continuation lines of a message must be indented");
        let (head, hint, _) = first("photo = A caption\n\n图片说明的第二行\n");
        assert_eq!(head, "3:1: this line at the margin starts no message, term or comment");
        assert!(hint.starts_with("indent it with spaces to continue the message above"), "{hint}");
    }

    #[test]
    fn an_unclosed_placeable_is_shown_where_it_opens() {
        let (head, hint, note) = first("a = 1\ndate = { $month }.{ NUMBER($year)\nnext = x\n");
        assert_eq!(head, "2:19: this `{` on line 2 is never closed");
        assert!(hint.starts_with("close the placeable with `}`"), "{hint}");
        assert!(note.contains("(at a.ftl:3:1)"), "{note}");
        let (head, _, _) = first("sel = { $n ->\n    [one] a\n   *[other] b\nnext = x\n");
        assert_eq!(head, "1:7: this `{` on line 1 is never closed");
        let (head, _, _) = first("title = Handel {\nnext = x\n");
        assert_eq!(head, "1:16: this `{` on line 1 is never closed");
        let (head, _, _) = first("title = Handel {\n# zh: 贸易\nnext = x\n");
        assert_eq!(head, "1:16: this `{` on line 1 is never closed");
        let (head, _, _) = first("two = { $a $b }\n");
        assert!(!head.contains("never closed"), "{head}");
    }

    #[test]
    fn escapes_defaults_and_equals() {
        assert_eq!(first("a = { \"x\\qy\" }\n").0, "1:9: `\\q` is not an escape sequence Fluent knows");
        assert_eq!(first("a = { \"\\u00\" }\n").0, "1:8: `\\u00` is not a complete Unicode escape");
        assert_eq!(first("a = { $n ->\n    [one] x\n    [other] y\n}\n").0, "1:5: this variant list has no default variant");
        assert_eq!(first("a = { $n ->\n   *[one] x\n   *[other] y\n}\n").0, "3:4: a variant list has only one default variant `*[…]`");
        let (head, hint, _) = first("ch01-title Предисловие\n");
        assert_eq!(head, "1:11: missing `=` after the id `ch01-title`");
        assert_eq!(hint, "write `ch01-title = …`");
        assert_eq!(first("ch01 title = x\n").0, "1:1: `ch01 title` is not a valid message id");
        assert_eq!(first("a = { \"open }\n").0, "1:7: this quoted string is never closed");
        assert_eq!(first("a = x } y\n").0, "1:7: this `}` closes no `{`");
        assert_eq!(first("x = 1\nempty =\nb = 2\n").0, "2:1: `empty` has no text after its `=`");
        assert_eq!(first("a = { 中文 }\n").0, "1:7: a placeable `{ … }` cannot hold this");
    }
}
