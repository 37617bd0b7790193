//! What a reader of the source document finds, in reading order, before it is shaped into
//! chapters: headings, paragraphs, list items, tables, images and footnote definitions,
//! each with its place in the source. The Markdown and DOCX readers produce it, the
//! clean-up heuristics edit it, the outline turns it into the model.

use std::fmt;

/// Where something is in the source document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Loc {
    /// A line of a Markdown file (1-based).
    Line(usize),
    /// A paragraph of a DOCX body (1-based, tables' paragraphs included).
    Paragraph(usize),
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loc::Line(n) => write!(f, "line {n}"),
            Loc::Paragraph(n) => write!(f, "paragraph {n}"),
        }
    }
}

/// A run of inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Text(String),
    /// A footnote reference: a Markdown label (`[^1]`), a DOCX footnote id, or, after the
    /// `note-marks` heuristic, the symbol of a `<sup>①</sup>` mark.
    Note(NoteRef),
    /// A link: its text and its target.
    Link { text: String, url: String },
    /// `<sup>…</sup>` not yet recognised as a footnote mark.
    Sup(String),
    /// An equation in the sentence (Word's OMML), as the model's data.
    Math(crate::model::math::MathRow),
}

#[derive(Debug, Clone, PartialEq)]
pub enum NoteRef {
    /// Named in the source; resolved against [`Block::NoteDef`]s with the same label.
    Label(String),
    /// Resolved: the index of the note in [`Source::notes`].
    Index(usize),
}

pub type Inline = Vec<Span>;

/// The text of inline content without its footnotes, links as their text, equations as
/// their text on one line.
pub fn plain(inline: &[Span]) -> String {
    let mut out = String::new();
    for span in inline {
        match span {
            Span::Text(t) | Span::Sup(t) => out.push_str(t),
            Span::Link { text, .. } => out.push_str(text),
            Span::Math(math) => out.push_str(&crate::model::math::plain(math)),
            Span::Note(_) => {}
        }
    }
    out
}

/// Appends text to inline content, merging with a text run before it.
pub fn push_text(inline: &mut Inline, text: &str) {
    if text.is_empty() {
        return;
    }
    match inline.last_mut() {
        Some(Span::Text(t)) => t.push_str(text),
        _ => inline.push(Span::Text(text.to_string())),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading { level: u8, text: Inline },
    /// A chapter's title whose number the source gives (`# 01`, `第二章`), after clean-up.
    Chapter { number: u32, title: Inline },
    Para { text: Inline, quote: bool },
    /// One item of a list; consecutive items with the same `list` form one list.
    Item { list: usize, ordered: bool, number: u64, text: Inline },
    Table(Table),
    Image { path: String, alt: String },
    /// A display equation (Word's OMML), as the model's data.
    Math(crate::model::math::MathRow),
    /// A Word chart with its data, and the drawing's alt text.
    Chart { chart: super::chart::WordChart, alt: String },
    /// A footnote's text, for the references with this label.
    NoteDef { label: String, text: Inline },
    /// A thematic break (`---`): dropped, counted.
    Rule,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Rows of cells as text; `header` leading rows are the header.
    pub rows: Vec<Vec<String>>,
    pub header: usize,
    /// Merged cells of a DOCX table: (row, column, rowspan, colspan) of each origin cell.
    pub spans: Vec<(usize, usize, usize, usize)>,
    pub caption: Option<Inline>,
    pub source: Option<Inline>,
}

/// A block with its place in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub block: Block,
    pub at: Loc,
    /// The block's source text as written (Markdown), for heuristics that need its lines.
    pub raw: String,
}

/// A footnote once resolved: its text, where it was defined.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub text: Inline,
    pub at: Loc,
}

/// The whole source document as read.
#[derive(Debug, Default)]
pub struct Source {
    pub pieces: Vec<Piece>,
    pub notes: Vec<Note>,
    /// Image files by the path the document uses: their bytes (DOCX media).
    pub media: Vec<(String, Vec<u8>)>,
    /// Pictures that could not be converted, kept for the author: (path under report/, bytes).
    pub originals: Vec<(String, Vec<u8>)>,
}
