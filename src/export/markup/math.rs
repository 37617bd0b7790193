//! Equations as MathML for the EPUB and the web: each structure of src/model/math.rs as
//! its MathML element, the text escaped by the writer.

use crate::model::math::{Math, MathNode};

use super::xml::Xml;

/// A display equation: `<math display="block">`.
pub fn display(x: &mut Xml, row: &[Math]) {
    math(x, row, "block");
}

/// An equation in a sentence: `<math display="inline">`.
pub fn inline(x: &mut Xml, row: &[Math]) {
    math(x, row, "inline");
}

/// The formula's text on one line is its `alttext`, for readers without MathML.
fn math(x: &mut Xml, row: &[Math], display: &str) {
    let alt = crate::model::math::plain(row);
    x.open("math", &[("xmlns", "http://www.w3.org/1998/Math/MathML"), ("display", display), ("alttext", &alt)]);
    mrow(x, row);
    x.close("math");
}

/// A row in one `<mrow>` (what a script, a fraction's part or a root needs: one child).
fn mrow(x: &mut Xml, row: &[Math]) {
    x.open("mrow", &[]);
    items(x, row);
    x.close("mrow");
}

fn items(x: &mut Xml, row: &[Math]) {
    for m in row {
        match m {
            Math::Text(t) => token(x, t),
            Math::Node(node) => self::node(x, node),
        }
    }
}

/// A run of text: digits are a number, a letter a variable, a word an upright name,
/// anything else an operator.
fn token(x: &mut Xml, text: &str) {
    let mut chars = text.chars();
    let first = chars.next();
    let single = chars.next().is_none();
    if text.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') && first.is_some_and(|c| c.is_ascii_digit()) {
        x.leaf("mn", &[], text);
    } else if text.chars().all(char::is_alphabetic) && !text.is_empty() {
        // A single letter is italic in MathML by default; a word is not.
        x.leaf("mi", &[], text);
    } else if single || !text.is_empty() {
        x.leaf("mo", &[], text);
    }
}

fn node(x: &mut Xml, node: &MathNode) {
    match node {
        MathNode::Upright(t) => x.leaf("mi", &[("mathvariant", "normal")], t),
        MathNode::Frac(a, b) => {
            x.open("mfrac", &[]);
            mrow(x, a);
            mrow(x, b);
            x.close("mfrac");
        }
        MathNode::Attach { base, sub, sup } => scripts(x, base, sub, sup, false),
        MathNode::Root { index, body } if index.is_empty() => {
            x.open("msqrt", &[]);
            items(x, body);
            x.close("msqrt");
        }
        MathNode::Root { index, body } => {
            x.open("mroot", &[]);
            mrow(x, body);
            mrow(x, index);
            x.close("mroot");
        }
        MathNode::Fence { open, close, body } => {
            x.open("mrow", &[]);
            if !open.is_empty() {
                x.leaf("mo", &[("fence", "true")], open);
            }
            items(x, body);
            if !close.is_empty() {
                x.leaf("mo", &[("fence", "true")], close);
            }
            x.close("mrow");
        }
        MathNode::Op { op, sub, sup, body } => {
            x.open("mrow", &[]);
            scripts(x, &[Math::Text(op.clone())], sub, sup, true);
            items(x, body);
            x.close("mrow");
        }
        MathNode::Accent { accent, body } => {
            x.open("mover", &[("accent", "true")]);
            mrow(x, body);
            x.leaf("mo", &[], accent);
            x.close("mover");
        }
        MathNode::Overline(body) => {
            x.open("mover", &[("accent", "true")]);
            mrow(x, body);
            x.leaf("mo", &[], "\u{203E}");
            x.close("mover");
        }
        MathNode::Underline(body) => {
            x.open("munder", &[("accentunder", "true")]);
            mrow(x, body);
            x.leaf("mo", &[], "_");
            x.close("munder");
        }
        MathNode::Matrix(rows) => table(x, rows.iter().map(|r| r.iter().map(Vec::as_slice).collect()).collect()),
        MathNode::Lines(lines) => table(x, lines.iter().map(|l| vec![l.as_slice()]).collect()),
    }
}

/// A base with scripts: beside it (`msubsup`), or under and over a large operator.
fn scripts(x: &mut Xml, base: &[Math], sub: &[Math], sup: &[Math], limits: bool) {
    let tag = match (sub.is_empty(), sup.is_empty(), limits) {
        (true, true, _) => return mrow(x, base),
        (false, true, false) => "msub",
        (true, false, false) => "msup",
        (false, false, false) => "msubsup",
        (false, true, true) => "munder",
        (true, false, true) => "mover",
        (false, false, true) => "munderover",
    };
    x.open(tag, &[]);
    mrow(x, base);
    for row in [sub, sup] {
        if !row.is_empty() {
            mrow(x, row);
        }
    }
    x.close(tag);
}

fn table(x: &mut Xml, rows: Vec<Vec<&[Math]>>) {
    x.open("mtable", &[]);
    for row in rows {
        x.open("mtr", &[]);
        for cell in row {
            x.open("mtd", &[]);
            items(x, cell);
            x.close("mtd");
        }
        x.close("mtr");
    }
    x.close("mtable");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fraction_with_scripts_as_mathml() {
        let row: Vec<Math> = toml::from_str::<toml::Table>(r#"m = ["E", "=", { frac = [["m", { attach = { base = ["c"], sup = ["2"] } }], ["<b>"]] }]"#)
            .unwrap()["m"]
            .clone()
            .try_into()
            .unwrap();
        let mut x = Xml::new();
        display(&mut x, &row);
        let out = String::from_utf8(x.finish()).unwrap();
        assert!(out.contains("<mi>E</mi><mo>=</mo><mfrac><mrow><mi>m</mi><msup><mrow><mi>c</mi></mrow><mrow><mn>2</mn></mrow></msup></mrow><mrow><mo>&lt;b&gt;</mo></mrow></mfrac>"), "{out}");
    }
}
