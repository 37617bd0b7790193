//! Equations as data: the structure of a formula (fractions, scripts, roots, fences,
//! large operators, accents, matrices) with its text in strings. The import makes it from
//! Word's OMML; the PDF builds Typst math from it element by element (layouts/book.typ,
//! `equation`), the EPUB and the web write MathML (src/export/markup/blocks.rs). No string
//! of it is ever read as code or markup.

use serde::{Deserialize, Serialize};

/// A sequence of math items, laid out side by side.
pub type MathRow = Vec<Math>;

/// One item of a formula: a run of text (a letter, a number, an operator) or a structure.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Math {
    /// A single letter is a variable (italic), digits a number, anything else an operator
    /// or symbol, as in TeX.
    Text(String),
    Node(Box<MathNode>),
}

/// A structure, written as a one-key table naming it (`{ frac = [[…], […]] }`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum MathNode {
    /// Text set upright (a function's name, a word): `{ upright = "sin" }`.
    Upright(String),
    /// Numerator and denominator.
    Frac(MathRow, MathRow),
    /// A base with subscript and/or superscript.
    Attach {
        base: MathRow,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        sub: MathRow,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        sup: MathRow,
    },
    /// A square root, or a root with an index.
    Root {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        index: MathRow,
        body: MathRow,
    },
    /// Delimiters that grow with what they enclose; `""` for none.
    Fence { open: String, close: String, body: MathRow },
    /// A large operator (∑, ∫) with its limits, then its operand.
    Op {
        op: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        sub: MathRow,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        sup: MathRow,
        body: MathRow,
    },
    /// An accent over its base (`^`, `~`, `→` …).
    Accent { accent: String, body: MathRow },
    Overline(MathRow),
    Underline(MathRow),
    /// Rows of cells.
    Matrix(Vec<Vec<MathRow>>),
    /// Lines of a display equation, one under the other.
    Lines(Vec<MathRow>),
}

/// Whether `name` can name an equation of a block's text: a Fluent variable's identifier
/// (`math-1`), which the block's messages write as `{ $math-1 }`.
pub fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// How deeply structures nest at most: beyond it the layout recurses without need.
pub const MAX_DEPTH: usize = 32;

/// The depth of a row's deepest structure.
pub fn depth(row: &[Math]) -> usize {
    let rows = |rows: &[&MathRow]| rows.iter().map(|r| depth(r)).max().unwrap_or(0);
    row.iter()
        .map(|m| match m {
            Math::Text(_) => 0,
            Math::Node(node) => {
                1 + match &**node {
                    MathNode::Upright(_) => 0,
                    MathNode::Frac(a, b) => rows(&[a, b]),
                    MathNode::Attach { base, sub, sup } => rows(&[base, sub, sup]),
                    MathNode::Root { index, body } => rows(&[index, body]),
                    MathNode::Fence { body, .. } | MathNode::Accent { body, .. } => depth(body),
                    MathNode::Op { sub, sup, body, .. } => rows(&[sub, sup, body]),
                    MathNode::Overline(body) | MathNode::Underline(body) => depth(body),
                    MathNode::Matrix(cells) => cells.iter().flatten().map(|c| depth(c)).max().unwrap_or(0),
                    MathNode::Lines(lines) => lines.iter().map(|l| depth(l)).max().unwrap_or(0),
                }
            }
        })
        .max()
        .unwrap_or(0)
}

/// The formula as one line of text (`a/b`, `x^2`, `√(x)`), for search and for places that
/// hold text only.
pub fn plain(row: &[Math]) -> String {
    let mut out = String::new();
    for m in row {
        match m {
            Math::Text(t) => out.push_str(t),
            Math::Node(node) => out.push_str(&match &**node {
                MathNode::Upright(t) => t.clone(),
                MathNode::Frac(a, b) => format!("({})/({})", plain(a), plain(b)),
                MathNode::Attach { base, sub, sup } => format!("{}{}{}", plain(base), script("_", sub), script("^", sup)),
                MathNode::Root { index, body } if index.is_empty() => format!("√({})", plain(body)),
                MathNode::Root { index, body } => format!("√({}&{})", plain(index), plain(body)),
                MathNode::Fence { open, close, body } => format!("{open}{}{close}", plain(body)),
                MathNode::Op { op, sub, sup, body } => format!("{op}{}{} {}", script("_", sub), script("^", sup), plain(body)),
                MathNode::Accent { accent, body } => format!("{}{accent}", plain(body)),
                MathNode::Overline(body) | MathNode::Underline(body) => plain(body),
                MathNode::Matrix(rows) => {
                    let rows: Vec<String> = rows.iter().map(|r| r.iter().map(|c| plain(c)).collect::<Vec<_>>().join(" & ")).collect();
                    format!("[{}]", rows.join("; "))
                }
                MathNode::Lines(lines) => lines.iter().map(|l| plain(l)).collect::<Vec<_>>().join("; "),
            }),
        }
    }
    out
}

fn script(mark: &str, row: &[Math]) -> String {
    match row {
        [] => String::new(),
        [Math::Text(t)] if t.chars().count() == 1 => format!("{mark}{t}"),
        row => format!("{mark}({})", plain(row)),
    }
}
