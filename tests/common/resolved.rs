//! A resolved document (`folio dump`) read as comparable units in reading order: the
//! fidelity test compares them with the seed, the import test with the hand-made edition.

use serde_json::Value;

use super::squeeze;

/// One comparable piece of the report, whitespace removed.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    Text(String),
    Chapter(u64, String),
    /// Marker and title: `（一）元首外交发挥战略指引作用`.
    Section(String),
    Table(Vec<Vec<String>>),
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unit::Text(t) if t.chars().count() > 120 => {
                write!(f, "text `{}…`", t.chars().take(120).collect::<String>())
            }
            Unit::Text(t) => write!(f, "text `{t}`"),
            Unit::Chapter(n, t) => write!(f, "chapter {n} `{t}`"),
            Unit::Section(t) => write!(f, "section `{t}`"),
            Unit::Table(rows) => {
                let rows: Vec<String> = rows.iter().map(|r| r.join(" | ")).collect();
                write!(f, "table [{}]", rows.join(" / "))
            }
        }
    }
}


/// A table cell (the seed's rule 9), a number by its value.
pub fn cell(text: &str) -> String {
    let text = squeeze(text);
    match text.trim_end_matches('年').parse::<f64>() {
        Ok(n) => n.to_string(),
        Err(_) => text,
    }
}


/// Text compared (the seed's rule 11): whitespace removed but for one space between two Chinese characters.
pub fn text_key(text: &str) -> String {
    let ideograph = |c: char| ('\u{3400}'..='\u{9FFF}').contains(&c);
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if out.chars().last().is_some_and(ideograph) && chars.peek().is_some_and(|&c| ideograph(c)) {
            out.push(' ');
        }
    }
    out
}

/// The resolved document, read in the same units.
#[derive(Default)]
pub struct Resolved {
    pub units: Vec<Unit>,
    pub notes: Vec<String>,
    pub paragraphs: usize,
    pub list_items: usize,
    pub callout_lines: usize,
    pub tables: usize,
    pub charts: usize,
    pub photos: usize,
}

impl Resolved {
    pub fn read(doc: &Value) -> Self {
        let mut r = Resolved::default();
        for blurb in array(&doc["blurb"]) {
            let text = r.runs(blurb);
            r.text(text);
        }
        for key in ["title", "institution", "date"] {
            r.text(string(&doc[key]).to_string());
        }
        for chapter in array(&doc["chapters"]) {
            let number = chapter["number"].as_u64().expect("a chapter number");
            r.units.push(Unit::Chapter(number, squeeze(string(&chapter["title"]))));
            if !chapter["summary"].is_null() {
                let text = r.runs(&chapter["summary"]);
                r.text(text);
            }
            r.blocks(&chapter["intro"]);
            for section in array(&chapter["sections"]) {
                let heading = format!("{}{}", string(&section["marker"]), string(&section["title"]));
                r.units.push(Unit::Section(squeeze(&heading)));
                r.blocks(&section["blocks"]);
            }
        }
        r
    }

    fn text(&mut self, text: String) {
        self.units.push(Unit::Text(text_key(&text)));
    }

    fn blocks(&mut self, blocks: &Value) {
        for block in array(blocks) {
            match string(&block["kind"]) {
                "paragraph" | "quote" => {
                    self.paragraphs += 1;
                    let text = self.runs(&block["content"]);
                    self.text(text);
                }
                "list" => {
                    for item in array(&block["items"]) {
                        self.list_items += 1;
                        let text = format!("{}{}", string(&item["marker"]), self.runs(&item["content"]));
                        self.text(text);
                    }
                }
                "callout" => {
                    let lead = self.runs(&block["lead"]);
                    self.text(lead);
                    for item in array(&block["items"]) {
                        self.callout_lines += 1;
                        let text = self.runs(item);
                        self.text(text);
                    }
                }
                "table" => {
                    self.tables += 1;
                    let caption = self.runs(&block["caption"]);
                    self.text(caption);
                    self.units.push(Unit::Table(grid(block)));
                    let source = self.runs(&block["source"]);
                    self.text(source);
                }
                "chart" => {
                    self.charts += 1;
                    let title = self.runs(&block["title"]);
                    self.text(title);
                    let source = self.runs(&block["source"]);
                    self.text(source);
                }
                "figure" => {
                    self.photos += 1;
                    let caption = self.runs(&block["caption"]);
                    self.text(caption);
                }
                other => panic!("block kind `{other}` is not read by this test: add it"),
            }
        }
    }

    /// Text runs as one string: notes in 〔〕 with their links as URLs.
    fn runs(&mut self, runs: &Value) -> String {
        let mut out = String::new();
        for run in array(runs) {
            if let Some(text) = run.get("text") {
                out.push_str(string(text));
            } else if let Some(link) = run.get("link") {
                out.push_str(string(link));
            } else if let Some(note) = run.get("note") {
                let index = self.notes.len();
                self.notes.push(String::new());
                let text = self.runs(&note["content"]);
                self.notes[index] = text_key(&text);
                out.push('〔');
                out.push_str(&text);
                out.push('〕');
            } else {
                panic!("unknown run {run}");
            }
        }
        out
    }
}

/// A table's header and rows as one grid: a spanning header cell fills the cells it
/// covers with empty ones, as the seed shows them.
pub fn grid(table: &Value) -> Vec<Vec<String>> {
    let width = array(&table["align"]).len();
    let header = array(&table["header"]);
    let mut rows: Vec<Vec<Option<String>>> = vec![vec![None; width]; header.len()];
    for (r, row) in header.iter().enumerate() {
        let mut col = 0;
        for cell_value in array(row) {
            while col < width && rows[r][col].is_some() {
                col += 1;
            }
            let colspan = cell_value["colspan"].as_u64().expect("a colspan") as usize;
            let rowspan = cell_value["rowspan"].as_u64().expect("a rowspan") as usize;
            for spanned in rows.iter_mut().skip(r).take(rowspan) {
                for slot in spanned.iter_mut().skip(col).take(colspan) {
                    *slot = Some(String::new());
                }
            }
            rows[r][col] = Some(cell(string(&cell_value["text"])));
            col += colspan;
        }
    }
    let mut grid: Vec<Vec<String>> =
        rows.into_iter().map(|row| row.into_iter().map(Option::unwrap_or_default).collect()).collect();
    for row in array(&table["rows"]) {
        grid.push(array(row).iter().map(|c| c.as_str().map(cell).unwrap_or_default()).collect());
    }
    grid
}

pub fn array(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("expected an array, found {v}"))
}

pub fn string(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("expected a string, found {v}"))
}

/// Where the two sequences differ: each gap of an alignment (longest common subsequence)
/// as the seed's units and the resolved units it holds.
pub fn differences(seed: &[Unit], resolved: &[Unit]) -> Vec<(Vec<Unit>, Vec<Unit>)> {
    let (n, m) = (seed.len(), resolved.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if seed[i] == resolved[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut gaps = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut gap: (Vec<Unit>, Vec<Unit>) = Default::default();
    while i < n || j < m {
        if i < n && j < m && seed[i] == resolved[j] {
            if !gap.0.is_empty() || !gap.1.is_empty() {
                gaps.push(std::mem::take(&mut gap));
            }
            i += 1;
            j += 1;
        } else if j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1]) {
            gap.0.push(seed[i].clone());
            i += 1;
        } else {
            gap.1.push(resolved[j].clone());
            j += 1;
        }
    }
    if !gap.0.is_empty() || !gap.1.is_empty() {
        gaps.push(gap);
    }
    gaps
}

/// The first place two texts differ, with some context.
pub fn first_difference(a: &str, b: &str) -> String {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let at = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let context = |s: &[char]| s[at.saturating_sub(12)..(at + 20).min(s.len())].iter().collect::<String>();
    format!("at character {at}:\n      seed:     …{}…\n      resolved: …{}…", context(&a), context(&b))
}

