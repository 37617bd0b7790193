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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
    /// What the user can do, one suggestion each: printed as one `= hint:` line each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
    /// Background the user may want but need not act on (a parser's own wording, say).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, location: None, message: message.into(), hints: Vec::new(), note: None }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(message) }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Adds a hint after those the diagnostic has.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
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
            let (shown, pad, carets) = excerpt_window(text, *col, *width);
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{line} | {shown}")?;
            writeln!(f, "{:gutter$} | {:pad$}{}", "", "", "^".repeat(carets.max(1)))?;
        }
        for hint in &self.hints {
            writeln!(f, "  = hint: {hint}")?;
        }
        if let Some(note) = &self.note {
            writeln!(f, "  = note: {note}")?;
        }
        Ok(())
    }
}

/// Lines up to this many terminal columns are shown whole; a longer one (a paragraph is
/// one line in a .ftl file) is cut to [`WINDOW`] columns around the marked spot.
const LONG_LINE: usize = 120;
const WINDOW: usize = 80;

/// The part of `text` to show for a mark at 1-based character column `col`, `width`
/// characters wide: the text (with `…` where it was cut), the terminal columns before
/// the mark and the columns the mark covers.
fn excerpt_window(text: &str, col: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let start = (col - 1).min(chars.len());
    let end = (start + width).min(chars.len());
    let columns = |range: std::ops::Range<usize>| chars[range].iter().copied().map(display_width).sum::<usize>();
    if columns(0..chars.len()) <= LONG_LINE {
        return (text.to_string(), columns(0..start), columns(start..end));
    }
    // A third of the window before the mark, the rest after it (or before, near the end).
    let mut from = start;
    while from > 0 && columns(from - 1..start) <= WINDOW / 3 {
        from -= 1;
    }
    let mut to = start;
    while to < chars.len() && columns(from..to + 1) <= WINDOW {
        to += 1;
    }
    while from > 0 && columns(from - 1..to) <= WINDOW {
        from -= 1;
    }
    let mut shown: String = if from > 0 { "…".into() } else { String::new() };
    shown.extend(&chars[from..to]);
    if to < chars.len() {
        shown.push('…');
    }
    let pad = usize::from(from > 0) + columns(from..start);
    (shown, pad, columns(start..end.min(to)))
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

/// A failure that stops a command: content errors (exit 1), or a command that cannot run as
/// given or a file that cannot be read or written (exit 2).
#[derive(Debug)]
pub enum Failure {
    /// Errors in the project's files: the model, the bundles, the layouts, the images.
    Content(Diagnostics),
    /// The command line or the environment asks for what cannot be: an unknown language,
    /// layout or flag value, a directory that is not a project or not empty.
    Usage(Diagnostic),
    /// A file or directory that cannot be read or written, a port or watch the system refuses.
    Io(Diagnostic),
}

impl Failure {
    pub fn io(path: &Path, err: impl fmt::Display) -> Self {
        Failure::Io(Diagnostic::error(format!("{}: {err}", path.display())))
    }

    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Failure::Usage(Diagnostic::error(message).hint(hint))
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Content(_) => 1,
            Failure::Usage(_) | Failure::Io(_) => 2,
        }
    }

    /// What to show of the failure, among other problems of a run.
    pub fn into_diagnostics(self) -> Diagnostics {
        match self {
            Failure::Content(d) => d,
            Failure::Usage(d) | Failure::Io(d) => Diagnostics(vec![d]),
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
    fn each_hint_is_a_line_of_its_own_and_an_item_of_the_json_list() {
        let d = Diagnostic::error("bad").hint("first").hint("second; with a semicolon");
        assert_eq!(d.to_string(), "error: bad\n  = hint: first\n  = hint: second; with a semicolon\n");
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["hints"], serde_json::json!(["first", "second; with a semicolon"]));
        assert!(serde_json::to_value(Diagnostic::error("bad")).unwrap().get("hints").is_none());
    }

    /// The excerpt and caret lines of a diagnostic at `col` of `line`, marking `width` chars.
    fn shown(line: &str, col: usize, width: usize) -> (String, String) {
        let at = line.char_indices().nth(col - 1).map_or(line.len(), |(i, _)| i);
        let end = line[at..].char_indices().nth(width).map_or(line.len(), |(i, _)| at + i);
        let text = Diagnostic::error("e").at(Location::span("f.ftl", line, at..end)).to_string();
        let lines: Vec<&str> = text.lines().collect();
        (lines[2].to_string(), lines[3].to_string())
    }

    #[test]
    fn a_long_line_is_shown_once_as_a_window_around_the_mark() {
        let line: String = (0..300).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        // At the start: no `…` before, one after, 80 columns of text.
        let (text, caret) = shown(&line, 3, 2);
        assert_eq!(text, format!("1 | {}…", &line[..80]));
        assert_eq!(caret, "  |   ^^");
        // In the middle: cut at both ends, the caret under the same character.
        let (text, caret) = shown(&line, 200, 1);
        let from = 199 - 26;
        assert_eq!(text, format!("1 | …{}…", &line[from..from + 80]));
        assert_eq!(caret.find('^'), Some("1 | …".chars().count() + 26));
        assert_eq!(text.chars().nth(caret.find('^').unwrap()), line.chars().nth(199));
        // At the end: the window ends with the line.
        let (text, caret) = shown(&line, 299, 2);
        assert_eq!(text, format!("1 | …{}", &line[300 - 80..]));
        assert_eq!(caret, format!("  | {}^^", " ".repeat(1 + 78)));
        // A short line is shown whole.
        assert_eq!(shown("abc", 2, 1), ("1 | abc".to_string(), "  |  ^".to_string()));
    }

    #[test]
    fn a_long_chinese_line_is_cut_by_terminal_columns() {
        // 200 Han characters: 400 columns; each takes two under the caret too.
        let line: String = (0..200).map(|i| char::from_u32(0x4E00 + i).unwrap()).collect();
        let (text, caret) = shown(&line, 101, 2);
        let window: String = text.trim_start_matches("1 | …").trim_end_matches('…').to_string();
        assert_eq!(window.chars().map(display_width).sum::<usize>(), 80);
        let pad = caret.find('^').unwrap() - "  | ".len();
        assert_eq!(caret.trim_start_matches("  | ").trim_start(), "^^^^");
        // The columns before the caret are `…` (1) and the Han characters before the mark.
        let before: String = text["1 | …".len()..].chars().take_while(|&c| c != char::from_u32(0x4E00 + 100).unwrap()).collect();
        assert_eq!(pad, 1 + 2 * before.chars().count());
        assert!(text.ends_with('…') && text.starts_with("1 | …"));
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
