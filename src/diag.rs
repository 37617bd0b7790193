//! One diagnostic type for every stage: model, bundles, layout, export.
//! Rendered like rustc: `error: message`, `--> file:line:col`, the line, a caret.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// Where a problem is: a file relative to the project, and optionally a position in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: PathBuf,
    /// 1-based line and column (in characters); `None` when the whole file is meant.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The text of the offending line and the width of the underline, for display.
    #[serde(skip)]
    pub excerpt: Option<(String, usize)>,
}

impl Location {
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Self { file: file.into(), line: None, column: None, excerpt: None }
    }

    /// A location from a byte range in `text`, the contents of `file`.
    pub fn span(file: impl Into<PathBuf>, text: &str, range: std::ops::Range<usize>) -> Self {
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let width = text[start..end.min(line_end)].chars().count().max(1);
        Self {
            file: file.into(),
            line: Some(line),
            column: Some(column),
            excerpt: Some((text[line_start..line_end].trim_end_matches('\r').to_string(), width)),
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Option<Location>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, location: None, message: message.into(), hint: None }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(message) }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.location {
            Some(loc) => writeln!(f, "{loc}: {level}: {}", self.message)?,
            None => writeln!(f, "{level}: {}", self.message)?,
        }
        if let Some(Location { line: Some(line), column: Some(col), excerpt: Some((text, width)), .. }) =
            &self.location
        {
            let gutter = line.to_string().len();
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{line} | {text}")?;
            let pad: usize = text.chars().take(col - 1).map(display_width).sum();
            let carets: usize = text.chars().skip(col - 1).take(*width).map(display_width).sum();
            writeln!(f, "{:gutter$} | {:pad$}{}", "", "", "^".repeat(carets.max(1)))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Terminal columns of a character: CJK and full-width forms take two.
fn display_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// The text of a project file, and a content error at the first byte that is not UTF-8
/// (such bytes become U+FFFD, so the rest of the file can still be checked).
pub fn utf8_text(file: &Path, bytes: Vec<u8>) -> (String, Option<Diagnostic>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let diag = Diagnostic::error("the file is not UTF-8 text")
                .at(Location::span(file, &text, at..at + 1))
                .hint("save it with the UTF-8 encoding");
            (text, Some(diag))
        }
    }
}

/// All problems of a run, collected so that every one is shown, not just the first.
#[derive(Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// A failure that stops a command: content errors (exit 1) or usage and I/O errors (exit 2).
#[derive(Debug)]
pub enum Failure {
    Content(Diagnostics),
    Io(Diagnostic),
}

impl Failure {
    pub fn io(path: &Path, err: impl fmt::Display) -> Self {
        Failure::Io(Diagnostic::error(format!("{}: {err}", path.display())))
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Content(_) => 1,
            Failure::Io(_) => 2,
        }
    }
}

impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Self {
        Failure::Content(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_gives_line_and_character_column() {
        let text = "a = 1\n名字 = \"x\"\n";
        let at = text.find("\"x\"").unwrap();
        let loc = Location::span("f.toml", text, at..at + 3);
        assert_eq!((loc.line, loc.column), (Some(2), Some(6)));
        let shown = Diagnostic::error("bad").at(loc).to_string();
        assert!(shown.starts_with("f.toml:2:6: error: bad"), "{shown}");
        assert!(shown.contains("2 | 名字 = \"x\"\n  |        ^^^"), "{shown}");
    }

    #[test]
    fn text_that_is_not_utf8_is_placed() {
        let (text, diag) = utf8_text(Path::new("a.ftl"), b"a = 1\n# \xd5\xfd\n".to_vec());
        assert_eq!(text, "a = 1\n# \u{FFFD}\u{FFFD}\n");
        let location = diag.expect("an error").location.expect("a place");
        assert_eq!((location.line, location.column), (Some(2), Some(3)));
        assert_eq!(utf8_text(Path::new("a.ftl"), b"ok".to_vec()), ("ok".to_string(), None));
    }
}
