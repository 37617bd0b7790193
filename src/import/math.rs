//! Word equations (OMML: `m:oMath`, `m:oMathPara`) read into the model's equations
//! (src/model/math.rs): each OMML structure becomes the same structure, its text stays text.
//! Nothing of the document becomes code: the layouts build the formula from this data.

use super::docx::Node;
use crate::model::math::{Math, MathNode, MathRow};

/// An `m:oMath` as a row. Structures folio has no equivalent for keep their content, and
/// are named in `unknown`.
pub(super) fn read(omath: &Node, unknown: &mut Vec<String>) -> MathRow {
    let mut row = Vec::new();
    items(omath, &mut row, unknown, 0);
    row
}

/// OMML nests no deeper than this in a real document; deeper content is kept as text.
const MAX_DEPTH: usize = 24;

fn items(parent: &Node, row: &mut MathRow, unknown: &mut Vec<String>, depth: usize) {
    for child in &parent.children {
        item(child, row, unknown, depth);
    }
}

/// The content of a child element (`m:e`, `m:num` …), as a row.
fn arg(parent: &Node, name: &str, unknown: &mut Vec<String>, depth: usize) -> MathRow {
    let mut row = Vec::new();
    if let Some(child) = parent.child(name) {
        items(child, &mut row, unknown, depth + 1);
    }
    row
}

fn node(row: &mut MathRow, node: MathNode) {
    row.push(Math::Node(Box::new(node)));
}

/// A property of a structure (`m:naryPr/m:chr@m:val`).
fn prop<'a>(element: &'a Node, props: &str, name: &str) -> Option<&'a str> {
    element.child(props).and_then(|p| p.child(name)).map(|c| c.attr("val").unwrap_or(""))
}

fn item(el: &Node, row: &mut MathRow, unknown: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        row.push(Math::Text(text_of(el)));
        return;
    }
    let a = |name: &str, unknown: &mut Vec<String>| arg(el, name, unknown, depth);
    match el.name.as_str() {
        // A run: its text, letters one by one (each a variable), unless set upright; a
        // script (double-struck, fraktur …) or bold as the Unicode math letters it shows.
        "r" => {
            let text: String = el.children.iter().filter(|t| t.name == "t").map(|t| t.text.as_str()).collect();
            let rpr = el.child("rPr");
            let sty = rpr.and_then(|p| p.val("sty")).unwrap_or("i");
            let scr = rpr.and_then(|p| p.val("scr")).unwrap_or("roman");
            let upright = (sty == "p" && scr == "roman") || rpr.is_some_and(|p| p.child("nor").is_some());
            runs(&alphabet(&text, scr, sty), upright, row);
        }
        "f" => {
            let (num, den) = (a("num", unknown), a("den", unknown));
            if prop(el, "fPr", "type") == Some("lin") {
                row.extend(num);
                row.push(Math::Text("/".into()));
                row.extend(den);
            } else {
                node(row, MathNode::Frac(num, den));
            }
        }
        "sSup" => node(row, MathNode::Attach { base: a("e", unknown), sub: Vec::new(), sup: a("sup", unknown) }),
        "sSub" => node(row, MathNode::Attach { base: a("e", unknown), sub: a("sub", unknown), sup: Vec::new() }),
        "sSubSup" => node(row, MathNode::Attach { base: a("e", unknown), sub: a("sub", unknown), sup: a("sup", unknown) }),
        // Scripts before the base: on an empty base, then the base.
        "sPre" => {
            node(row, MathNode::Attach { base: Vec::new(), sub: a("sub", unknown), sup: a("sup", unknown) });
            row.extend(a("e", unknown));
        }
        "rad" => {
            let hidden = prop(el, "radPr", "degHide").is_some_and(|v| !matches!(v, "0" | "off" | "false"));
            let index = if hidden { Vec::new() } else { a("deg", unknown) };
            node(row, MathNode::Root { index, body: a("e", unknown) });
        }
        "d" => {
            let open = prop(el, "dPr", "begChr").map_or("(".to_string(), str::to_string);
            let close = prop(el, "dPr", "endChr").map_or(")".to_string(), str::to_string);
            let sep = prop(el, "dPr", "sepChr").map_or("|".to_string(), str::to_string);
            let mut body = Vec::new();
            for (i, e) in el.children.iter().filter(|c| c.name == "e").enumerate() {
                if i > 0 {
                    body.push(Math::Text(sep.clone()));
                }
                items(e, &mut body, unknown, depth + 1);
            }
            node(row, MathNode::Fence { open, close, body });
        }
        "nary" => {
            let op = prop(el, "naryPr", "chr").map_or("\u{222B}".to_string(), str::to_string);
            let hide = |name: &str| prop(el, "naryPr", name).is_some_and(|v| !matches!(v, "0" | "off" | "false"));
            let sub = if hide("subHide") { Vec::new() } else { a("sub", unknown) };
            let sup = if hide("supHide") { Vec::new() } else { a("sup", unknown) };
            node(row, MathNode::Op { op, sub, sup, body: a("e", unknown) });
        }
        "func" => {
            let mut name = Vec::new();
            if let Some(f) = el.child("fName") {
                for child in &f.children {
                    // A function's name is upright, whatever its run says.
                    if child.name == "r" {
                        let text: String = child.children.iter().filter(|t| t.name == "t").map(|t| t.text.as_str()).collect();
                        runs(&text, true, &mut name);
                    } else {
                        item(child, &mut name, unknown, depth + 1);
                    }
                }
            }
            row.extend(name);
            row.extend(a("e", unknown));
        }
        "acc" => {
            let accent = prop(el, "accPr", "chr").map_or("\u{0302}".to_string(), str::to_string);
            node(row, MathNode::Accent { accent, body: a("e", unknown) });
        }
        "bar" => match prop(el, "barPr", "pos") {
            Some("top") => node(row, MathNode::Overline(a("e", unknown))),
            _ => node(row, MathNode::Underline(a("e", unknown))),
        },
        "groupChr" => {
            let chr = prop(el, "groupChrPr", "chr").map_or("\u{23DF}".to_string(), str::to_string);
            let below = prop(el, "groupChrPr", "pos") != Some("top");
            let (sub, sup) = if below { (vec![Math::Text(chr)], Vec::new()) } else { (Vec::new(), vec![Math::Text(chr)]) };
            node(row, MathNode::Op { op: String::new(), sub, sup, body: Vec::new() });
            row.extend(a("e", unknown));
        }
        "limLow" => node(row, MathNode::Op { op: plain_op(&a("e", unknown)), sub: a("lim", unknown), sup: Vec::new(), body: Vec::new() }),
        "limUpp" => node(row, MathNode::Op { op: plain_op(&a("e", unknown)), sub: Vec::new(), sup: a("lim", unknown), body: Vec::new() }),
        "m" => {
            let rows = el
                .children
                .iter()
                .filter(|c| c.name == "mr")
                .map(|mr| {
                    mr.children
                        .iter()
                        .filter(|c| c.name == "e")
                        .map(|e| {
                            let mut cell = Vec::new();
                            items(e, &mut cell, unknown, depth + 1);
                            cell
                        })
                        .collect()
                })
                .collect();
            node(row, MathNode::Matrix(rows));
        }
        "eqArr" => {
            let lines = el
                .children
                .iter()
                .filter(|c| c.name == "e")
                .map(|e| {
                    let mut line = Vec::new();
                    items(e, &mut line, unknown, depth + 1);
                    // `&` marks alignment points in Word; the lines are centred here.
                    line.retain(|m| !matches!(m, Math::Text(t) if t == "&"));
                    line
                })
                .collect();
            node(row, MathNode::Lines(lines));
        }
        // Containers whose content is the formula: boxes, borders, phantoms, `m:e`.
        "box" | "borderBox" | "phant" | "e" | "oMath" => items(el, row, unknown, depth + 1),
        // Properties and control characters.
        name if name.ends_with("Pr") => {}
        // Word text runs inside an equation.
        "ins" | "smartTag" => items(el, row, unknown, depth + 1),
        "del" | "bookmarkStart" | "bookmarkEnd" | "proofErr" => {}
        other => {
            let text = text_of(el);
            if !text.trim().is_empty() {
                unknown.push(other.to_string());
                runs(&text, false, row);
            }
        }
    }
}

/// A limit's base as an operator name (`lim`, `max`).
fn plain_op(row: &[Math]) -> String {
    crate::model::math::plain(row)
}

/// A run's text as items: digits together (a number), a letter alone (a variable), other
/// characters one by one; upright text as one upright name.
fn runs(text: &str, upright: bool, row: &mut MathRow) {
    if upright && text.chars().any(char::is_alphabetic) {
        node(row, MathNode::Upright(text.to_string()));
        return;
    }
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() || (c == '.' && !number.is_empty()) {
            number.push(c);
            continue;
        }
        if !number.is_empty() {
            row.push(Math::Text(std::mem::take(&mut number)));
        }
        if !c.is_whitespace() {
            row.push(Math::Text(c.to_string()));
        }
    }
    if !number.is_empty() {
        row.push(Math::Text(number));
    }
}

/// Text in an OMML script (`m:scr`) and style (`m:sty`): its ASCII letters (and digits) as
/// the Mathematical Alphanumeric Symbols Word shows (`R` double-struck → ℝ, bold `v` → 𝐯).
/// Roman letters are unchanged: italic or upright is the layout's to set.
fn alphabet(text: &str, scr: &str, sty: &str) -> String {
    let bold = sty.starts_with('b');
    // (capital A, small a, digit 0) of the alphabet; 0 where Unicode has none.
    let (upper, lower, digit) = match (scr, bold, sty == "bi") {
        ("roman", false, _) => return text.to_string(),
        ("roman", true, false) => (0x1D400, 0x1D41A, 0x1D7CE),
        ("roman", true, true) => (0x1D468, 0x1D482, 0x1D7CE),
        ("script", false, _) => (0x1D49C, 0x1D4B6, 0),
        ("script", true, _) => (0x1D4D0, 0x1D4EA, 0),
        ("fraktur", false, _) => (0x1D504, 0x1D51E, 0),
        ("fraktur", true, _) => (0x1D56C, 0x1D586, 0),
        ("double-struck", _, _) => (0x1D538, 0x1D552, 0x1D7D8),
        ("sans-serif", false, _) => (0x1D5A0, 0x1D5BA, 0x1D7E2),
        ("sans-serif", true, _) => (0x1D5D4, 0x1D5EE, 0x1D7EC),
        ("monospace", _, _) => (0x1D670, 0x1D68A, 0x1D7F6),
        _ => return text.to_string(),
    };
    text.chars()
        .map(|c| {
            // Letters Unicode had encoded before (ℝ, ℋ, ℭ …) stand outside the block.
            let earlier = match (scr, bold, c) {
                ("double-struck", _, 'C') => Some('ℂ'),
                ("double-struck", _, 'H') => Some('ℍ'),
                ("double-struck", _, 'N') => Some('ℕ'),
                ("double-struck", _, 'P') => Some('ℙ'),
                ("double-struck", _, 'Q') => Some('ℚ'),
                ("double-struck", _, 'R') => Some('ℝ'),
                ("double-struck", _, 'Z') => Some('ℤ'),
                ("script", false, 'B') => Some('ℬ'),
                ("script", false, 'E') => Some('ℰ'),
                ("script", false, 'F') => Some('ℱ'),
                ("script", false, 'H') => Some('ℋ'),
                ("script", false, 'I') => Some('ℐ'),
                ("script", false, 'L') => Some('ℒ'),
                ("script", false, 'M') => Some('ℳ'),
                ("script", false, 'R') => Some('ℛ'),
                ("script", false, 'e') => Some('ℯ'),
                ("script", false, 'g') => Some('ℊ'),
                ("script", false, 'o') => Some('ℴ'),
                ("fraktur", false, 'C') => Some('ℭ'),
                ("fraktur", false, 'H') => Some('ℌ'),
                ("fraktur", false, 'I') => Some('ℑ'),
                ("fraktur", false, 'R') => Some('ℜ'),
                ("fraktur", false, 'Z') => Some('ℨ'),
                _ => None,
            };
            if let Some(letter) = earlier {
                return letter;
            }
            let at = |base: u32, from: char| char::from_u32(base + (c as u32 - from as u32)).unwrap_or(c);
            match c {
                'A'..='Z' => at(upper, 'A'),
                'a'..='z' => at(lower, 'a'),
                '0'..='9' if digit != 0 => at(digit, '0'),
                c => c,
            }
        })
        .collect()
}

/// Every `m:t`/`w:t` text under an element.
fn text_of(el: &Node) -> String {
    let mut out = String::new();
    fn walk(n: &Node, out: &mut String) {
        if n.name == "t" {
            out.push_str(&n.text);
        }
        for c in &n.children {
            walk(c, out);
        }
    }
    walk(el, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::docx::parse;

    fn omml(xml: &str) -> MathRow {
        let tree = parse(format!(r#"<m:oMath xmlns:m="m">{xml}</m:oMath>"#).as_bytes(), "test").unwrap();
        let mut unknown = Vec::new();
        let row = read(&tree, &mut unknown);
        assert!(unknown.is_empty(), "{unknown:?}");
        row
    }

    #[test]
    fn structures_and_text() {
        // H(x) = ∑_{i=1}^{n} x_i², with a fraction.
        let row = omml(
            r#"<m:r><m:t>H=</m:t></m:r><m:nary><m:naryPr><m:chr m:val="∑"/></m:naryPr><m:sub><m:r><m:t>i=1</m:t></m:r></m:sub><m:sup><m:r><m:t>n</m:t></m:r></m:sup><m:e><m:sSub><m:e><m:r><m:t>x</m:t></m:r></m:e><m:sub><m:r><m:t>i</m:t></m:r></m:sub></m:sSub></m:e></m:nary><m:r><m:t>+</m:t></m:r><m:f><m:num><m:r><m:t>12</m:t></m:r></m:num><m:den><m:r><m:t>α</m:t></m:r></m:den></m:f>"#,
        );
        assert_eq!(crate::model::math::plain(&row), "H=∑_(i=1)^n x_i+(12)/(α)");
        assert!(matches!(&row[2], Math::Node(n) if matches!(&**n, MathNode::Op { op, .. } if op == "∑")));
    }

    #[test]
    fn scripts_and_bold_are_the_letters_word_shows() {
        let run = |props: &str, text: &str| omml(&format!(r#"<m:r><m:rPr>{props}</m:rPr><m:t>{text}</m:t></m:r>"#));
        assert_eq!(crate::model::math::plain(&run(r#"<m:scr m:val="double-struck"/><m:sty m:val="p"/>"#, "RN1")), "ℝℕ𝟙");
        assert_eq!(crate::model::math::plain(&run(r#"<m:scr m:val="script"/>"#, "Lx")), "ℒ𝓍");
        assert_eq!(crate::model::math::plain(&run(r#"<m:scr m:val="fraktur"/>"#, "gR")), "𝔤ℜ");
        assert_eq!(crate::model::math::plain(&run(r#"<m:sty m:val="b"/>"#, "v2")), "𝐯𝟐");
        // Each letter stays a variable of its own; a plain upright run stays one name.
        assert_eq!(run(r#"<m:sty m:val="bi"/>"#, "ab"), vec![Math::Text("𝒂".into()), Math::Text("𝒃".into())]);
        assert_eq!(run(r#"<m:sty m:val="p"/>"#, "max"), vec![Math::Node(Box::new(MathNode::Upright("max".into())))]);
    }

    #[test]
    fn a_function_name_is_upright_and_script_letters_stay_text() {
        let row = omml(r#"<m:func><m:fName><m:r><m:t>sin</m:t></m:r></m:fName><m:e><m:r><m:t>θ</m:t></m:r></m:e></m:func>"#);
        assert_eq!(row[0], Math::Node(Box::new(MathNode::Upright("sin".into()))));
        // Markup in a run is text: the layouts never read it as code.
        let row = omml(r#"<m:r><m:t>#import "x"</m:t></m:r>"#);
        assert_eq!(crate::model::math::plain(&row), "#import\"x\"");
    }
}
