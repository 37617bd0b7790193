//! The workbook embedded in a Word chart (`c:externalData` → an .xlsx inside the
//! document): where Word did not cache a chart's values (`c:numCache`, `c:strCache`), the
//! cells its formulas name (`Sheet1!$B$2:$B$5`) are read from the workbook's sheets and
//! written into the chart as the cache Word would have written, so the chart reader sees
//! one kind of data. The workbook is untrusted like the document: it is opened with the
//! same limits.

use std::collections::HashMap;

use super::Problem;
use super::docx::{Archive, Node, parse};

/// A workbook's cells: sheet name → (column, row) from 0 → the cell's shown value.
pub(super) struct Workbook {
    sheets: HashMap<String, HashMap<(u32, u32), String>>,
}

impl Workbook {
    /// Reads the sheets of an .xlsx (its bytes).
    pub(super) fn read(xlsx: &[u8]) -> Result<Workbook, Problem> {
        let mut archive = Archive::open(xlsx)?;
        let book_part = archive.related("_rels/.rels", "officeDocument")?.unwrap_or_else(|| "xl/workbook.xml".to_string());
        let book = archive.part(&book_part)?.ok_or("the embedded workbook has no workbook part")?;
        let book = parse(&book, &book_part)?;
        let rels = archive.relationships(&super::docx::rels_of(&book_part))?;
        let shared = match archive.related(&super::docx::rels_of(&book_part), "sharedStrings")? {
            Some(part) => match archive.part(&part)? {
                Some(xml) => parse(&xml, &part)?.children.iter().filter(|si| si.name == "si").map(string_item).collect(),
                None => Vec::new(),
            },
            None => Vec::new(),
        };
        let mut sheets = HashMap::new();
        for sheet in book.find("sheets").map(|s| s.children.as_slice()).unwrap_or_default() {
            let (Some(name), Some(rid)) = (sheet.attr("name"), sheet.attr("r:id")) else { continue };
            let Some((target, false)) = rels.get(rid) else { continue };
            let Some(xml) = archive.part(target)? else { continue };
            let tree = parse(&xml, target)?;
            let mut cells = HashMap::new();
            for row in tree.find("sheetData").map(|d| d.children.as_slice()).unwrap_or_default() {
                for c in row.children.iter().filter(|c| c.name == "c") {
                    let Some(at) = c.attr("r").and_then(cell_ref) else { continue };
                    let value = match c.attr("t") {
                        Some("s") => c.child("v").and_then(|v| v.text.trim().parse::<usize>().ok()).and_then(|i| shared.get(i).cloned()),
                        Some("inlineStr") => c.child("is").map(string_item),
                        _ => c.child("v").map(|v| v.text.trim().to_string()),
                    };
                    if let Some(value) = value {
                        cells.insert(at, value);
                    }
                }
            }
            sheets.insert(name.to_string(), cells);
        }
        Ok(Workbook { sheets })
    }

    /// The values of a chart formula's range (`Sheet1!$B$2:$B$5`, `'A sheet'!$A$1`), in
    /// order; `None` for a formula folio does not read (several areas, a name).
    fn range(&self, formula: &str) -> Option<Vec<Option<String>>> {
        let (sheet, area) = formula.trim().rsplit_once('!')?;
        let sheet = sheet.trim_matches('\'').replace("''", "'");
        let cells = self.sheets.get(&sheet)?;
        let (from, to) = area.split_once(':').unwrap_or((area, area));
        let (from, to) = (cell_ref(from)?, cell_ref(to)?);
        let (c0, c1, r0, r1) = (from.0.min(to.0), from.0.max(to.0), from.1.min(to.1), from.1.max(to.1));
        if (c1 - c0 + 1) as u64 * (r1 - r0 + 1) as u64 > 100_000 {
            return None;
        }
        Some((r0..=r1).flat_map(|r| (c0..=c1).map(move |c| (c, r))).map(|at| cells.get(&at).cloned()).collect())
    }

    /// Writes a cache into every `c:numRef`/`c:strRef` of the chart that lacks one, from
    /// the cells its formula names; the number of references filled.
    pub(super) fn fill(&self, node: &mut Node) -> usize {
        let mut filled = 0;
        if let Some(kind) = match node.name.as_str() {
            "numRef" => Some("numCache"),
            "strRef" => Some("strCache"),
            _ => None,
        } {
            if node.child(kind).is_none() {
                if let Some(values) = node.child("f").and_then(|f| self.range(&f.text)) {
                    node.children.push(cache(kind, &values));
                    filled += 1;
                }
            }
            return filled;
        }
        for child in &mut node.children {
            filled += self.fill(child);
        }
        filled
    }
}

/// A chart reference without its cache (Word cached nothing), anywhere in the chart.
pub(super) fn uncached(node: &Node) -> bool {
    match node.name.as_str() {
        "numRef" => node.child("numCache").is_none(),
        "strRef" => node.child("strCache").is_none(),
        _ => node.children.iter().any(uncached),
    }
}

/// `c:numCache`/`c:strCache` as Word writes it: the count, then a point per value.
fn cache(kind: &str, values: &[Option<String>]) -> Node {
    let leaf = |name: &str, attrs: Vec<(String, String, String)>, text: String| Node { name: name.to_string(), attrs, children: Vec::new(), text };
    let mut children = vec![leaf("ptCount", vec![(String::new(), "val".into(), values.len().to_string())], String::new())];
    for (i, v) in values.iter().enumerate() {
        let Some(v) = v else { continue };
        let mut pt = leaf("pt", vec![(String::new(), "idx".into(), i.to_string())], String::new());
        pt.children.push(leaf("v", Vec::new(), v.clone()));
        children.push(pt);
    }
    Node { name: kind.to_string(), attrs: Vec::new(), children, text: String::new() }
}

/// A shared or inline string (`si`, `is`): its text runs joined.
fn string_item(si: &Node) -> String {
    fn walk(node: &Node, out: &mut String) {
        for c in &node.children {
            match c.name.as_str() {
                "t" => out.push_str(&c.text),
                // Phonetic runs (furigana) are not shown in the cell.
                "rPh" => {}
                _ => walk(c, out),
            }
        }
    }
    let mut out = String::new();
    walk(si, &mut out);
    out
}

/// `B2`, `$B$2` → (column, row) from 0.
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let r = r.replace('$', "");
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let column = letters.chars().fold(0u32, |n, c| n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)) - 1;
    let row = digits.parse::<u32>().ok()?.checked_sub(1)?;
    Some((column, row))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("$B$2"), Some((1, 1)));
        assert_eq!(cell_ref("AA10"), Some((26, 9)));
        assert_eq!(cell_ref("B0"), None);
        assert_eq!(cell_ref("12"), None);
    }

    #[test]
    fn ranges_by_row_and_column() {
        let cells: HashMap<(u32, u32), String> = [((1, 1), "4.3"), ((1, 2), "2.5"), ((2, 0), "Series 2"), ((1, 4), "4.5")].into_iter().map(|(k, v)| (k, v.to_string())).collect();
        let book = Workbook { sheets: [("My sheet".to_string(), cells)].into_iter().collect() };
        assert_eq!(book.range("'My sheet'!$B$2:$B$5"), Some(vec![Some("4.3".into()), Some("2.5".into()), None, Some("4.5".into())]));
        assert_eq!(book.range("'My sheet'!$C$1"), Some(vec![Some("Series 2".into())]));
        assert_eq!(book.range("Other!$A$1"), None);
        assert_eq!(book.range("(Sheet1!$A$1,Sheet1!$A$3)"), None);
    }
}
