//! Word charts: the DrawingML chart parts a document's drawings point at
//! (`word/charts/chartN.xml`, a `c:chartSpace`), read into what a folio chart holds: its
//! kind, title, categories, series with their names and values, axis titles and the digits
//! of its number format. The values come from the chart's own cache (`c:numCache`,
//! `c:strCache`, literals): what Word last drew; where Word cached nothing, the reader of
//! the document first writes the cache from the chart's embedded workbook
//! (src/import/workbook.rs). Values found in neither are not guessed at: they are
//! reported, never filled in.
//!
//! Kinds folio draws become folio charts (bar and column, clustered and stacked; line;
//! pie); area and doughnut charts are drawn as the nearest kind and the report says so;
//! the rest (scatter, bubble, radar, stock, surface, combined charts) become tables of
//! their data.

use super::Problem;
use super::docx::Node;
use super::source::{Span, Table};

/// A chart as read from its part.
#[derive(Debug, Clone, PartialEq)]
pub struct WordChart {
    pub kind: Kind,
    /// The title Word shows: the chart's own, else (Word's automatic title) the name of
    /// its only series.
    pub title: Option<String>,
    pub categories: Vec<String>,
    pub series: Vec<WordSeries>,
    /// The value axis' title (folio's unit) and the category axis' title.
    pub value_title: Option<String>,
    pub category_title: Option<String>,
    /// Fraction digits of the values as Word formats them.
    pub digits: u8,
    /// What folio draws otherwise than Word, for the import report.
    pub approximated: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bar { stacked: bool },
    Line,
    Pie,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WordSeries {
    pub name: Option<String>,
    /// One per category; `None` where the cache has no value.
    pub values: Vec<Option<f64>>,
}

/// What a chart part becomes.
#[derive(Debug)]
pub enum Read {
    Chart(WordChart),
    /// A kind folio does not draw: its data as a table, and why.
    Table(Table, String),
}

/// Reads a parsed chart part (`part` names it in messages).
pub(super) fn read(space: &Node, part: &str) -> Result<Read, Problem> {
    let chart = space.child("chart").ok_or_else(|| format!("{part} holds no chart"))?;
    let plot = chart.child("plotArea").ok_or_else(|| format!("{part}: the chart has no plot area"))?;
    let groups: Vec<&Node> = plot.children.iter().filter(|c| c.name.ends_with("Chart")).collect();
    let Some(first) = groups.first() else { return Err(Problem(format!("{part}: the chart has no data"))) };
    let mut approximated = Vec::new();
    let axis_title = |tag: &str| plot.children.iter().filter(|a| a.name == tag).find_map(|a| a.child("title").and_then(title_text));
    let value_title = axis_title("valAx");
    let category_title = axis_title("catAx").or_else(|| axis_title("dateAx"));

    let mut series = Vec::new();
    let mut categories: Vec<String> = Vec::new();
    let mut format = None;
    for group in &groups {
        for ser in group.children.iter().filter(|c| c.name == "ser") {
            let (values, code) = ser.child("val").or_else(|| ser.child("yVal")).map(numbers).transpose()?.unwrap_or_default();
            format = format.or(code);
            let cats = ser.child("cat").or_else(|| ser.child("xVal")).map(labels).unwrap_or_default();
            if categories.len() < cats.len() {
                categories = cats;
            }
            series.push(WordSeries { name: ser.child("tx").and_then(text_of), values });
        }
    }
    if series.is_empty() {
        return Err(Problem(format!("{part}: the chart has no series")));
    }
    if series.iter().all(|s| s.values.iter().all(Option::is_none)) {
        return Err(Problem(format!("{part}: the chart's values are neither cached in the document nor in a workbook folio can read")));
    }
    let n = categories.len().max(series.iter().map(|s| s.values.len()).max().unwrap_or(0));
    // Word numbers the categories 1, 2, 3 … when the chart names none.
    for i in categories.len()..n {
        categories.push((i + 1).to_string());
    }
    for s in &mut series {
        s.values.resize(n, None);
    }
    let code = plot
        .children
        .iter()
        .filter(|a| a.name == "valAx")
        .find_map(|a| a.child("numFmt").filter(|f| f.attr("sourceLinked") == Some("0")).and_then(|f| f.attr("formatCode")))
        .map(str::to_string)
        .or(format);
    let digits = code.as_deref().and_then(format_digits).unwrap_or_else(|| general_digits(&series));
    let percent = code.as_deref().is_some_and(is_percent);
    if percent {
        for v in series.iter_mut().flat_map(|s| s.values.iter_mut()).flatten() {
            *v = (*v * 100.0 * 1e9).round() / 1e9;
        }
        approximated.push("per cent values (Word's number format shows fractions as %) written as numbers of per cent".into());
    }
    // The sign Word's format prints is the unit of a chart whose value axis has no title.
    let value_title = value_title.or_else(|| percent.then(|| "%".to_string()));

    let title = match chart.child("title") {
        _ if chart.child("autoTitleDeleted").is_some_and(|d| on(d)) && chart.child("title").is_none() => None,
        Some(t) => title_text(t).or_else(|| (series.len() == 1).then(|| series[0].name.clone()).flatten()),
        None => None,
    };

    let kinds: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    let distinct = {
        let mut k: Vec<&str> = kinds.iter().map(|k| k.trim_end_matches("Chart").trim_end_matches("3D")).collect();
        k.dedup();
        k
    };
    let table = |why: String| {
        let table = data_table(&title, &category_title, &categories, &series);
        Ok(Read::Table(table, why))
    };
    if distinct.len() > 1 {
        return table(format!("a combined chart ({}): folio draws one kind per chart", distinct.join(" and ")));
    }
    let grouping = first.val("grouping").unwrap_or("clustered");
    if first.name.contains("3D") {
        approximated.push("a 3-D chart drawn flat".into());
    }
    let kind = match distinct[0] {
        "bar" => {
            if first.val("barDir") == Some("bar") {
                approximated.push("horizontal bars drawn as columns".into());
            }
            if grouping == "percentStacked" {
                approximated.push("a 100 % stacked chart drawn with its values stacked as they are".into());
            }
            Kind::Bar { stacked: grouping.contains("tacked") }
        }
        "line" => {
            if grouping.contains("tacked") {
                approximated.push("stacked lines drawn each from zero".into());
            }
            Kind::Line
        }
        "area" if grouping.contains("tacked") => {
            approximated.push("a stacked area chart drawn as stacked columns".into());
            Kind::Bar { stacked: true }
        }
        "area" => {
            approximated.push("an area chart drawn as lines".into());
            Kind::Line
        }
        "pie" | "doughnut" | "ofPie" => {
            if series.iter().flat_map(|s| s.values.iter().flatten()).any(|v| *v < 0.0) {
                return table("a pie chart with negative values".into());
            }
            if series.len() > 1 {
                if distinct[0] == "doughnut" {
                    return table("a doughnut chart with several rings: folio draws one ring as a pie".into());
                }
                // Word, too, draws only the first series of a pie.
                let names: Vec<String> = series[1..].iter().enumerate().map(|(i, s)| series_name(s, i + 2)).collect();
                approximated.push(format!("series not drawn by Word in a pie left out: {}", names.join(", ")));
                series.truncate(1);
            }
            if distinct[0] != "pie" {
                approximated.push(format!("a{} chart drawn as a pie", if distinct[0] == "doughnut" { " doughnut" } else { " pie-of-pie" }));
            }
            Kind::Pie
        }
        other => return table(format!("a {} chart: folio does not draw this kind", kind_name(other))),
    };
    Ok(Read::Chart(WordChart { kind, title, categories, series, value_title, category_title, digits, approximated }))
}

/// A series' name as Word shows it: its own, else "Series N".
pub fn series_name(series: &WordSeries, number: usize) -> String {
    series.name.clone().unwrap_or_else(|| format!("Series {number}"))
}

fn kind_name(tag: &str) -> &str {
    match tag {
        "scatter" => "scatter (XY)",
        "ofPie" => "pie-of-pie",
        other => other,
    }
}

fn on(node: &Node) -> bool {
    !matches!(node.attr("val"), Some("0" | "false"))
}

/// The text of a title: its rich text (paragraphs joined by a space) or its cached string.
fn title_text(title: &Node) -> Option<String> {
    let tx = title.child("tx")?;
    if let Some(rich) = tx.child("rich") {
        let paragraphs: Vec<String> = rich
            .children
            .iter()
            .filter(|p| p.name == "p")
            .map(|p| {
                let mut out = String::new();
                collect_text(p, &mut out);
                out.trim().to_string()
            })
            .filter(|p| !p.is_empty())
            .collect();
        return (!paragraphs.is_empty()).then(|| paragraphs.join(" "));
    }
    text_of(tx)
}

fn collect_text(node: &Node, out: &mut String) {
    for child in &node.children {
        match child.name.as_str() {
            "t" => out.push_str(&child.text),
            "br" => out.push(' '),
            _ => collect_text(child, out),
        }
    }
}

/// A series name (`c:tx`): a cached string, or a literal `c:v`.
fn text_of(tx: &Node) -> Option<String> {
    let text = match tx.child("v") {
        Some(v) => v.text.clone(),
        None => {
            let points = points(tx.find("strCache").or_else(|| tx.find("strLit"))?);
            points.into_iter().flatten().collect::<Vec<_>>().join(" ")
        }
    };
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// The cached points of a `c:strCache`/`c:numCache`/literal, by index (`None` where the
/// cache has none), as many as `c:ptCount` says.
fn points(cache: &Node) -> Vec<Option<String>> {
    let count = cache.child("ptCount").and_then(|c| c.attr("val")).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
    let pts: Vec<(usize, String)> = cache
        .children
        .iter()
        .filter(|p| p.name == "pt")
        .filter_map(|p| Some((p.attr("idx")?.parse().ok()?, p.child("v")?.text.clone())))
        .filter(|(i, _)| *i < 100_000)
        .collect();
    let n = count.min(100_000).max(pts.iter().map(|(i, _)| i + 1).max().unwrap_or(0));
    let mut out = vec![None; n];
    for (i, v) in pts {
        out[i] = Some(v);
    }
    out
}

/// A series' values (`c:val`, `c:yVal`) and the cache's number format.
fn numbers(val: &Node) -> Result<(Vec<Option<f64>>, Option<String>), Problem> {
    let Some(cache) = val.find("numCache").or_else(|| val.find("numLit")) else { return Ok((Vec::new(), None)) };
    let code = cache.child("formatCode").map(|f| f.text.trim().to_string()).filter(|c| !c.is_empty() && c != "General");
    let values = points(cache).into_iter().map(|v| v.and_then(|v| v.trim().parse::<f64>().ok()).filter(|x| x.is_finite() && x.abs() < 1e15)).collect();
    Ok((values, code))
}

/// The category labels (`c:cat`, `c:xVal`): strings, numbers, dates or the innermost level
/// of multi-level labels, as Word shows them.
fn labels(cat: &Node) -> Vec<String> {
    if let Some(multi) = cat.find("multiLvlStrCache") {
        return multi.child("lvl").map(|l| points(l).into_iter().map(Option::unwrap_or_default).collect()).unwrap_or_default();
    }
    if let Some(cache) = cat.find("strCache").or_else(|| cat.find("strLit")) {
        return points(cache).into_iter().map(|v| v.unwrap_or_default().trim().to_string()).collect();
    }
    let Some(cache) = cat.find("numCache").or_else(|| cat.find("numLit")) else { return Vec::new() };
    let code = cache.child("formatCode").map(|f| f.text.to_lowercase()).unwrap_or_default();
    let date = code.contains('y') || (code.contains('d') && code.contains('m'));
    points(cache)
        .into_iter()
        .map(|v| {
            let v = v.unwrap_or_default();
            match v.trim().parse::<f64>() {
                Ok(x) if date => excel_date(x, &code).unwrap_or_else(|| v.trim().to_string()),
                Ok(x) => x.to_string(),
                Err(_) => v.trim().to_string(),
            }
        })
        .collect()
}

/// An Excel date serial as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as the format.
fn excel_date(serial: f64, code: &str) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was.
    let serial = serial.floor() as i64 - if serial >= 61.0 { 1 } else { 0 };
    // Serial 25 568 (after the correction) is 1970-01-01.
    let (y, m, d) = crate::date::civil_from_days(serial - 25_568);
    Some(if !code.contains('m') {
        format!("{y}")
    } else if !code.contains('d') {
        format!("{y}-{m:02}")
    } else {
        format!("{y}-{m:02}-{d:02}")
    })
}

/// Fraction digits of an Excel number format (`0.0`, `#,##0.00`, `0%`); `None` for a
/// format without digits (a date, text).
fn format_digits(code: &str) -> Option<u8> {
    let section = code.split(';').next().unwrap_or(code);
    let mut in_quotes = false;
    let mut digits = None;
    let mut after_point = false;
    for c in section.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            _ if in_quotes => {}
            '.' => {
                after_point = true;
                digits = Some(0);
            }
            '0' | '#' | '?' if after_point => digits = digits.map(|d: u8| d.saturating_add(1).min(6)),
            '0' | '#' | '?' => digits = digits.or(Some(0)),
            _ => {}
        }
    }
    digits
}

fn is_percent(code: &str) -> bool {
    let mut in_quotes = false;
    code.split(';').next().unwrap_or(code).chars().any(|c| {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        c == '%' && !in_quotes
    })
}

/// Digits of values in Word's `General` format: as many as the values have (shortest
/// form), three at most.
fn general_digits(series: &[WordSeries]) -> u8 {
    let decimals = |x: f64| x.to_string().split_once('.').map_or(0, |(_, f)| f.len());
    series.iter().flat_map(|s| s.values.iter().flatten()).map(|x| decimals(*x)).max().unwrap_or(0).min(3) as u8
}

/// A chart folio does not draw, as a table: the categories down, one column per series
/// under its name; the chart's title is the caption.
fn data_table(title: &Option<String>, category_title: &Option<String>, categories: &[String], series: &[WordSeries]) -> Table {
    let mut header = vec![category_title.clone().unwrap_or_default()];
    header.extend(series.iter().enumerate().map(|(i, s)| series_name(s, i + 1)));
    let mut rows = vec![header];
    for (i, category) in categories.iter().enumerate() {
        let mut row = vec![category.clone()];
        row.extend(series.iter().map(|s| s.values.get(i).copied().flatten().map(|v| v.to_string()).unwrap_or_default()));
        rows.push(row);
    }
    Table { rows, header: 1, spans: Vec::new(), caption: title.clone().map(|t| vec![Span::Text(t)]), source: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_number_formats() {
        assert_eq!(format_digits("0.0"), Some(1));
        assert_eq!(format_digits("#,##0.00;[Red]-#,##0.00"), Some(2));
        assert_eq!(format_digits("0%"), Some(0));
        assert_eq!(format_digits("\"US$\"0.000"), Some(3));
        assert_eq!(format_digits("m/d/yyyy"), None);
        assert!(is_percent("0.0%") && !is_percent("0.0\"%\""));
    }

    #[test]
    fn excel_dates() {
        assert_eq!(excel_date(43831.0, "m/d/yyyy").as_deref(), Some("2020-01-01"));
        assert_eq!(excel_date(43831.0, "mmm-yy").as_deref(), Some("2020-01"));
        assert_eq!(excel_date(36526.0, "yyyy").as_deref(), Some("2000"));
    }
}
