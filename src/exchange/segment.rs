//! A translatable segment: the text of one Fluent pattern as a translator's tool shows it.
//! Text is editable; every placeable that is not plain text (a variable such as a footnote
//! mark, a term, a message reference, a function call) is an inline code the tool keeps
//! intact. A segment converts back into a Fluent pattern in which `{`, `}`, leading and
//! trailing spaces and line-initial `[`, `*`, `.` are escaped, so that whatever a translator
//! typed prints as typed.

use fluent_syntax::ast::{self, Expression, InlineExpression, PatternElement};
use fluent_syntax::parser;

/// One piece of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// A placeable as Fluent writes it, braces included: `{ $url }`.
    Code(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segment(pub Vec<Piece>);

impl Segment {
    /// The segment of a pattern: text elements and string literals as text, other
    /// placeables as codes.
    pub fn of(pattern: &ast::Pattern<&str>) -> Segment {
        let mut segment = Segment::default();
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => segment.push_text(value),
                PatternElement::Placeable { expression: Expression::Inline(InlineExpression::StringLiteral { value }) } => {
                    segment.push_text(&fluent_syntax::unicode::unescape_unicode_to_string(value))
                }
                PatternElement::Placeable { expression } => segment.0.push(Piece::Code(placeable(expression))),
            }
        }
        segment
    }

    pub fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(Piece::Text(last)) => last.push_str(text),
            _ => self.0.push(Piece::Text(text.to_string())),
        }
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(|p| match p {
            Piece::Code(c) => Some(c.as_str()),
            Piece::Text(_) => None,
        })
    }

    /// The segment as plain text, codes written as they are in Fluent: for notes, matching
    /// and messages to the user.
    pub fn display(&self) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.as_str(),
                Piece::Code(c) => c.as_str(),
            })
            .collect()
    }

    /// The segment as the value of a Fluent message (what follows `id = `), escaped so that
    /// it parses back to this very segment. A multi-line value starts on its own line.
    pub fn to_fluent(&self) -> String {
        let mut out = String::new();
        let last = self.0.len().saturating_sub(1);
        for (i, piece) in self.0.iter().enumerate() {
            match piece {
                Piece::Code(code) => out.push_str(code),
                Piece::Text(text) => escape_text(text, i == 0, i == last, &mut out),
            }
        }
        // Continuation lines are indented; a multi-line value starts on its own line.
        if out.contains('\n') { format!("\n    {}", out.replace('\n', "\n    ")) } else { out }
    }

    /// The variables the segment's codes refer to (`url` for `{ $url }`), in order.
    pub fn variables(&self) -> Vec<String> {
        self.codes().flat_map(variables_in).collect()
    }
}

/// The variables a code refers to.
pub fn variables_in(code: &str) -> Vec<String> {
    fn walk(e: &Expression<&str>, out: &mut Vec<String>) {
        match e {
            Expression::Inline(i) => inline(i, out),
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    for el in &v.value.elements {
                        if let PatternElement::Placeable { expression } = el {
                            walk(expression, out);
                        }
                    }
                }
            }
        }
    }
    fn inline(i: &InlineExpression<&str>, out: &mut Vec<String>) {
        match i {
            InlineExpression::VariableReference { id } => out.push(id.name.to_string()),
            InlineExpression::FunctionReference { arguments, .. } | InlineExpression::TermReference { arguments: Some(arguments), .. } => {
                arguments.positional.iter().for_each(|a| inline(a, out));
                arguments.named.iter().for_each(|a| inline(&a.value, out));
            }
            InlineExpression::Placeable { expression } => walk(expression, out),
            _ => {}
        }
    }
    let text = format!("x = {code}\n");
    let mut out = Vec::new();
    if let Ok(res) = parser::parse(text.as_str())
        && let Some(ast::Entry::Message(m)) = res.body.first()
    {
        for el in m.value.iter().flat_map(|p| &p.elements) {
            if let PatternElement::Placeable { expression } = el {
                walk(expression, &mut out);
            }
        }
    }
    out
}

/// A placeable as Fluent's serializer writes it, braces included.
pub fn placeable(expression: &Expression<&str>) -> String {
    let message = ast::Message {
        id: ast::Identifier { name: "x" },
        value: Some(ast::Pattern { elements: vec![PatternElement::Placeable { expression: expression.clone() }] }),
        attributes: Vec::new(),
        comment: None,
    };
    let text = fluent_syntax::serializer::serialize(&ast::Resource { body: vec![ast::Entry::Message(message)] });
    let value = text.strip_prefix("x =").unwrap_or(&text);
    // A select starts on its own line, indented by four: take that indent off again.
    let lines: Vec<&str> = value.trim_matches('\n').lines().map(|l| l.strip_prefix("    ").unwrap_or(l.trim_start())).collect();
    lines.join("\n").trim().to_string()
}

/// Writes text into a Fluent pattern: braces as string literals, and what the parser would
/// drop or read as syntax (spaces at the ends of the value and of its lines, a line-initial
/// `[`, `*` or `.`) kept the same way.
fn escape_text(text: &str, first: bool, last: bool, out: &mut String) {
    let literal = |s: &str, out: &mut String| {
        out.push_str("{ \"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c => out.push(c),
            }
        }
        out.push_str("\" }");
    };
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut body: &str = line;
        let mut lead = "";
        if i > 0 || first {
            let rest = body.trim_start_matches(' ');
            lead = &body[..body.len() - rest.len()];
            body = rest;
        }
        let mut trail = "";
        if i + 1 < lines.len() || last {
            let rest = body.trim_end_matches(' ');
            trail = &body[rest.len()..];
            body = rest;
        }
        if !lead.is_empty() {
            literal(lead, out);
        }
        for (j, c) in body.char_indices() {
            let starts_line = j == 0 && lead.is_empty() && i > 0;
            match c {
                '{' | '}' => literal(&c.to_string(), out),
                '[' | '*' | '.' if starts_line => literal(&c.to_string(), out),
                c => out.push(c),
            }
        }
        if !trail.is_empty() {
            literal(trail, out);
        }
    }
}

/// Parses `value` (what [`Segment::to_fluent`] wrote) back into a segment; `None` when it
/// does not parse as exactly one message value.
pub fn parse_value(value: &str) -> Option<Segment> {
    let text = format!("x = {value}\n");
    let res = parser::parse(text.as_str()).ok()?;
    match res.body.as_slice() {
        [ast::Entry::Message(m)] => m.value.as_ref().map(Segment::of),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(pieces: &[&str]) -> Segment {
        let mut s = Segment::default();
        for p in pieces {
            match p.strip_prefix('\u{1}') {
                Some(code) => s.0.push(Piece::Code(code.to_string())),
                None => s.push_text(p),
            }
        }
        s
    }

    #[test]
    fn placeables_become_codes_and_text_stays_text() {
        let res = parser::parse("m = Китай{ $ch04-note } и { -putin(case: \"ins\") }{\"{\"}x{ NUMBER(2.5) }\n").unwrap();
        let ast::Entry::Message(m) = &res.body[0] else { panic!() };
        let s = Segment::of(m.value.as_ref().unwrap());
        assert_eq!(s, seg(&["Китай", "\u{1}{ $ch04-note }", " и ", "\u{1}{ -putin(case: \"ins\") }", "{x", "\u{1}{ NUMBER(2.5) }"]));
        assert_eq!(s.variables(), ["ch04-note"]);
    }

    #[test]
    fn what_a_translator_types_round_trips() {
        for pieces in [
            vec!["plain"],
            vec!["a { b } c $x # * [ ] \\ \" <&>"],
            vec!["  leading and trailing  "],
            vec!["two\nlines"],
            vec!["line\n[not a variant]\n*star\n.dot\n  indented"],
            vec![".starts with a dot"],
            vec!["x", "\u{1}{ $url }", " y "],
            vec!["\u{1}{ $a }", "  ", "\u{1}{ $b }"],
            vec!["tab\tinside", "\u{1}{ -term }"],
        ] {
            let s = seg(&pieces);
            let value = s.to_fluent();
            assert_eq!(parse_value(&value), Some(s.clone()), "{value:?}");
        }
    }
}
