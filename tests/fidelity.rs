//! Fidelity of the Chinese edition to its source (issue 3): every paragraph, list item,
//! table cell, footnote and caption of the seed appears in the resolved zh document exactly
//! once and in order, and the document says nothing the seed does not.
//!
//! The seed is a PDF-to-Markdown conversion of the printed report. These RULES remove the
//! conversion's artifacts; each is a rule about the conversion, never a list of paragraphs.
//!
//!  1. Table of contents: the lines from `# 目录` to the next running header are dropped
//!     (the contents are generated).
//!  2. Front matter: the paragraphs before the first `#` heading are the back-cover blurb,
//!     that heading is the report title, the lines between it and `# 目录` the title page.
//!  3. Chapter numbers: a line holding only a two-digit number (`# 02`, `### 02`, `03`) opens
//!     a chapter the first time that number is seen, and the next line is the chapter's
//!     title; seen again, it is the chapter opener's repeat and is dropped. The opener's
//!     bullet list (`- …`) is generated from the section titles and dropped.
//!  4. Running headers: a later line, with or without `#`, whose text is the report title or
//!     the title of a chapter begun, also after a chapter number (`## 01 前言`), is a
//!     running header or the opener's repeat, and is dropped.
//!  5. Section headings `（一）…` and `(一) …`: compared as the section's marker and title;
//!     half-width parentheses count as full-width.
//!  6. Footnotes: `<sup>①</sup>` in the text is a mark, a line starting with one is a
//!     definition. Marks are numbered per page: a definition belongs to the first mark with
//!     its number since the previous definitions, and every mark before a block of
//!     definitions must be defined by it. On both sides a mark is replaced by its note's text
//!     in 〔〕, so that a note is checked with its text and its place. `---` is dropped.
//!  7. Page splits: a paragraph not ending in 。”；：！？ or a footnote mark continues in the
//!     next paragraph (footnote definitions, running headers and blank lines between are
//!     already gone) unless that is a heading or a table, or either is a source line
//!     (`资料来源：…`, a unit of its own).
//!     SEAMS: where the split repeated a character (以前|前所未有, 的方|方方面面) the repeat
//!     is dropped.
//!  8. Duplicates: a paragraph identical to an earlier one of the same section is a conversion
//!     duplicate and is dropped (the callout after the Victory Day photo repeats its third
//!     line as its sixth).
//!  9. Tables: consecutive lines holding tabs, compared as a grid: a merged header cell leaves
//!     empty cells in the seed and is a span in the model; numbers compare by value
//!     (99 = 99.0) and a year without the 年 the `table-year` label adds (the seed prints it in
//!     one table and not in the other).
//! 10. Markdown: `[text](url)` → url, `<url>` → url, `\_` → `_`, `*` dropped.
//! 11. Whitespace: removed before comparing (line breaks and CJK–Latin spacing are the
//!     layout's job), except in paragraphs, captions and notes a space between two Chinese
//!     characters: that is the original's separator in a two-part headline
//!     (《习近平会见俄罗斯总统普京 祝索契冬奥会取得成功》) and compares as one space.
//!
//! The resolved side is `folio dump --lang zh`, read in reading order: blurb, title,
//! institution, date; per chapter its number and title, its sections (marker and title) and
//! blocks: a paragraph or quote; each list item as marker + text (so the numbering is
//! checked too); a callout's lead and lines; a table's caption, grid and source line; a
//! chart's title and source line; a figure's caption. Notes appear in 〔〕 where they are
//! referenced, with their links as the URL.
//!
//! NOT compared, because they are generated or not in the seed: the shared labels
//! (`labels`: 目录, 注释 …), chapter labels (第2章), figure and table numbers (图1, 表1), the
//! placeholder images, and of a chart everything but its title and source line: unit, axis
//! label, note, categories, series labels, value and tick labels (the seed lost the chart
//! images; their data comes from ../shared/data/charts.md).

mod common;

use serde_json::Value;

use common::resolved::{Resolved, Unit, cell, differences, first_difference, text_key};
use common::squeeze;

const SEED: &str = "000_314474bbbf8fafa5.txt";
const SENTENCE_END: &[char] = &['。', '”', '；', '：', '！', '？'];
/// Page splits that repeated a character: (end of the first part, start of the second).
const SEAMS: &[(&str, &str)] = &[("以前", "前所未有"), ("的方", "方方面面")];
const SOURCE_LINE: &str = "资料来源：";
/// A footnote mark inside seed text while paragraphs are joined: MARK, index, MARK_END.
const MARK: char = '\u{E000}';
const MARK_END: char = '\u{E001}';

/// The seed, read by the rules above.
struct Seed {
    units: Vec<Unit>,
    /// Footnote texts in reading order.
    notes: Vec<String>,
    definitions: usize,
    tables: usize,
    /// Page splits joined, shown as `…end|start…`.
    joins: Vec<String>,
    seams: usize,
    duplicates: Vec<String>,
}

/// A piece of the seed between the rules: marks are still placeholders.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    /// Blurb and title page: never joined.
    Front(String),
    Para(String),
    Chapter(u64, String),
    Section(String),
    Table(Vec<Vec<String>>),
}

fn read_seed() -> String {
    let committed = common::repo().join("tests/seed").join(SEED);
    let committed = std::fs::read(&committed).unwrap_or_else(|e| panic!("{}: {e}", committed.display()));
    let shared = common::repo().join("../shared/seeds").join(SEED);
    if shared.exists() {
        let shared = std::fs::read(&shared).unwrap_or_else(|e| panic!("{}: {e}", shared.display()));
        assert!(shared == committed, "tests/seed/{SEED} differs from ../shared/seeds/{SEED}: copy the seed again");
    }
    String::from_utf8(committed).expect("the seed is UTF-8")
}

fn parse_seed(text: &str) -> Seed {
    let lines: Vec<&str> = text.lines().collect();
    let blank = |l: &&str| l.trim().is_empty();
    // Rules 1 and 2: front matter and contents.
    let title_at = lines.iter().position(|l| l.starts_with("# ")).expect("the seed has a `# ` title");
    let title = heading_text(lines[title_at]).to_string();
    let toc_at = lines.iter().position(|l| l.trim() == "# 目录").expect("the seed has `# 目录`");
    let body_at = toc_at
        + lines[toc_at..]
            .iter()
            .position(|l| squeeze(heading_text(l)) == squeeze(&title))
            .expect("a running header follows the contents");
    let mut items: Vec<Item> =
        lines[..title_at].iter().filter(|l| !blank(l)).map(|l| Item::Front(markdown(l))).collect();
    items.push(Item::Front(title.clone()));
    items.extend(lines[title_at + 1..toc_at].iter().filter(|l| !blank(l)).map(|l| Item::Front(markdown(l))));

    let mut chapter_titles = vec![squeeze(&title)];
    let mut chapters_seen: Vec<u64> = Vec::new();
    let mut title_of: Option<u64> = None;
    let mut notes: Vec<Option<String>> = Vec::new();
    // Marks since the last block of definitions: (note index, mark character).
    let mut pending: Vec<(usize, char)> = Vec::new();
    let mut in_definitions = false;
    let mut definitions = 0;
    for (i, line) in lines.iter().enumerate().skip(body_at) {
        let at = i + 1;
        if blank(line) {
            continue;
        }
        let text = heading_text(line);
        // Rule 6: a block of definitions defines every mark before it.
        if let Some((mark, definition)) = definition(line) {
            let Some(k) = pending.iter().position(|&(_, m)| m == mark) else {
                panic!("seed line {at}: footnote definition {mark} has no mark on its page");
            };
            let (note, _) = pending.remove(k);
            notes[note] = Some(markdown(definition));
            definitions += 1;
            in_definitions = true;
            continue;
        }
        if text == "---" {
            continue;
        }
        if in_definitions {
            assert!(pending.is_empty(), "seed line {at}: marks {pending:?} have no definition on their page");
            in_definitions = false;
        }
        // Rules 3 and 4: chapter numbers, titles, running headers, openers.
        if let Some(number) = chapter_number(text) {
            if !chapters_seen.contains(&number) {
                chapters_seen.push(number);
                title_of = Some(number);
            }
            continue;
        }
        if let Some(number) = title_of.take() {
            chapter_titles.push(squeeze(text));
            items.push(Item::Chapter(number, text.to_string()));
            continue;
        }
        let unnumbered = text.split_once(' ').filter(|(n, _)| chapter_number(n).is_some()).map_or(text, |(_, t)| t);
        if chapter_titles.contains(&squeeze(text)) || chapter_titles.contains(&squeeze(unnumbered)) {
            continue;
        }
        if line.trim_start().starts_with("- ") {
            continue;
        }
        // Rule 9: tables.
        if line.contains('\t') {
            let row: Vec<String> = line.split('\t').map(cell).collect();
            match items.last_mut() {
                Some(Item::Table(rows)) => rows.push(row),
                _ => items.push(Item::Table(vec![row])),
            }
            continue;
        }
        // Rule 5: sections.
        if line.starts_with('#') {
            let section =
                section_heading(text).unwrap_or_else(|| panic!("seed line {at}: unexpected heading `{line}`"));
            items.push(Item::Section(section));
            continue;
        }
        let mut para = String::new();
        let mut rest = markdown(text);
        while let Some((before, mark, after)) = split_mark(&rest) {
            para.push_str(before);
            para.push(MARK);
            para.push_str(&notes.len().to_string());
            para.push(MARK_END);
            pending.push((notes.len(), mark));
            notes.push(None);
            rest = after.to_string();
        }
        para.push_str(&rest);
        items.push(Item::Para(para));
    }
    assert!(pending.is_empty(), "marks {pending:?} at the end of the seed have no definition");

    let (items, joins, seams) = join_page_splits(items);
    let (items, duplicates) = drop_duplicates(items);
    let notes: Vec<String> = notes.into_iter().map(|n| n.expect("every mark is defined")).collect();
    let mut seed = Seed {
        units: Vec::new(),
        notes: Vec::new(),
        definitions,
        tables: items.iter().filter(|i| matches!(i, Item::Table(_))).count(),
        joins,
        seams,
        duplicates,
    };
    for item in items {
        seed.units.push(match item {
            Item::Front(t) => Unit::Text(text_key(&t)),
            Item::Para(p) => Unit::Text(text_key(&with_notes(&p, &notes, &mut seed.notes))),
            Item::Chapter(n, t) => Unit::Chapter(n, squeeze(&t)),
            Item::Section(s) => Unit::Section(squeeze(&s)),
            Item::Table(rows) => Unit::Table(rows),
        });
    }
    seed
}

/// A line without its leading `#`s.
fn heading_text(line: &str) -> &str {
    line.trim_start_matches('#').trim()
}

fn chapter_number(text: &str) -> Option<u64> {
    let text = heading_text(text);
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().expect("two digits"))
}

/// `<sup>①</sup> text` at the start of a line.
fn definition(line: &str) -> Option<(char, &str)> {
    let rest = line.strip_prefix("<sup>")?;
    let (mark, rest) = rest.split_once("</sup>")?;
    let mut chars = mark.chars();
    let c = chars.next().filter(|_| chars.next().is_none())?;
    Some((c, rest.trim()))
}

/// The first `<sup>①</sup>` mark inside a text.
fn split_mark(text: &str) -> Option<(&str, char, &str)> {
    let start = text.find("<sup>")?;
    let (mark, after) = text[start + "<sup>".len()..].split_once("</sup>")?;
    let c = mark.chars().next()?;
    Some((&text[..start], c, after))
}

/// `（一）title` from `（一）title` or `(一) title`.
fn section_heading(text: &str) -> Option<String> {
    let text = text.replacen('(', "（", 1).replacen(')', "）", 1);
    let rest = text.strip_prefix('（')?;
    let (number, title) = rest.split_once('）')?;
    let hanzi = number.chars().all(|c| "一二三四五六七八九十".contains(c));
    (hanzi && !number.is_empty()).then(|| format!("（{number}）{}", title.trim()))
}

/// Rule 10: the Markdown of the conversion taken out.
fn markdown(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(['[', '<']) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        // `[text](url)` with no bracket inside the text, or `<http…>`: the URL stays.
        let link = if rest.starts_with('[') {
            rest.find("](")
                .filter(|&close| !rest[1..close].contains(['[', ']']))
                .and_then(|close| Some((close + 2, close + rest[close..].find(')')?)))
        } else if rest.starts_with("<http") {
            rest.find('>').map(|end| (1, end))
        } else {
            None
        };
        match link {
            Some((from, to)) => {
                out.push_str(&rest[from..to]);
                rest = &rest[to + 1..];
            }
            None => {
                // `[` and `<` are one byte.
                out.push_str(&rest[..1]);
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace("\\_", "_").replace('*', "")
}

/// Rule 7.
fn join_page_splits(items: Vec<Item>) -> (Vec<Item>, Vec<String>, usize) {
    let mut out: Vec<Item> = Vec::new();
    let mut joins = Vec::new();
    let mut seams = 0;
    for item in items {
        if let (Some(Item::Para(head)), Item::Para(tail)) = (out.last_mut(), &item) {
            let ends = head.trim_end().ends_with(SENTENCE_END) || head.trim_end().ends_with(MARK_END);
            if !ends && !head.starts_with(SOURCE_LINE) && !tail.starts_with(SOURCE_LINE) {
                let mut tail = tail.trim_start();
                let shown = |s: &str, n: usize, from_end: bool| {
                    let chars: Vec<char> = s.chars().collect();
                    let range =
                        if from_end { chars.len().saturating_sub(n)..chars.len() } else { 0..n.min(chars.len()) };
                    chars[range].iter().collect::<String>()
                };
                let mut join = format!("…{}|{}…", shown(head, 8, true), shown(tail, 8, false))
                    .replace(MARK, "〔note ")
                    .replace(MARK_END, "〕");
                if SEAMS.iter().any(|(end, start)| head.ends_with(end) && tail.starts_with(start)) {
                    tail = &tail[tail.chars().next().map_or(0, char::len_utf8)..];
                    seams += 1;
                    join.push_str(" (repeated character dropped)");
                }
                joins.push(join);
                head.push_str(tail);
                continue;
            }
        }
        out.push(item);
    }
    (out, joins, seams)
}

/// Rule 8.
fn drop_duplicates(items: Vec<Item>) -> (Vec<Item>, Vec<String>) {
    let mut out: Vec<Item> = Vec::new();
    let mut dropped = Vec::new();
    let mut section_start = 0;
    for item in items {
        match &item {
            Item::Chapter(..) | Item::Section(_) => section_start = out.len() + 1,
            Item::Para(p) if out[section_start..].contains(&item) => {
                dropped.push(p.clone());
                continue;
            }
            _ => {}
        }
        out.push(item);
    }
    (out, dropped)
}

/// A paragraph with each mark replaced by its note's text in 〔〕; collects the notes.
fn with_notes(para: &str, notes: &[String], seen: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut rest = para;
    while let Some(start) = rest.find(MARK) {
        let len = rest[start..].find(MARK_END).expect("marks are closed");
        let index: usize = rest[start + MARK.len_utf8()..start + len].parse().expect("a mark holds its index");
        out.push_str(&rest[..start]);
        out.push('〔');
        out.push_str(&notes[index]);
        out.push('〕');
        seen.push(text_key(&notes[index]));
        rest = &rest[start + len + MARK_END.len_utf8()..];
    }
    out.push_str(rest);
    out
}

fn resolved_zh() -> Value {
    let run = common::folio(common::repo(), &["dump", "--lang", "zh"]);
    assert_eq!(run.code, 0, "folio dump --lang zh failed:\n{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("folio dump prints JSON")
}

#[test]
fn zh_edition_is_the_seed_word_for_word() {
    let seed = parse_seed(&read_seed());
    let resolved = Resolved::read(&resolved_zh());

    println!(
        "seed: {} units, {} footnote definitions, {} tables; {} page splits joined ({} at a repeated character), {} duplicate(s) dropped",
        seed.units.len(),
        seed.definitions,
        seed.tables,
        seed.joins.len(),
        seed.seams,
        seed.duplicates.len()
    );
    for join in &seed.joins {
        println!("  joined {join}");
    }
    for duplicate in &seed.duplicates {
        println!("  dropped duplicate `{duplicate}`");
    }
    println!(
        "resolved zh: {} paragraphs, {} list items, {} callout lines, {} footnotes, {} tables, {} charts, {} photos",
        resolved.paragraphs,
        resolved.list_items,
        resolved.callout_lines,
        resolved.notes.len(),
        resolved.tables,
        resolved.charts,
        resolved.photos
    );

    let gaps = differences(&seed.units, &resolved.units);
    let mut report = String::new();
    for (seed_only, resolved_only) in &gaps {
        report.push_str("---\n");
        for unit in seed_only {
            report.push_str(&format!("  only in the seed:     {unit}\n"));
        }
        for unit in resolved_only {
            report.push_str(&format!("  only in the resolved: {unit}\n"));
        }
        if seed_only.len() == resolved_only.len() {
            for pair in seed_only.iter().zip(resolved_only) {
                if let (Unit::Text(a), Unit::Text(b)) = pair {
                    report.push_str(&format!("    {}\n", first_difference(a, b)));
                }
            }
        }
    }
    assert!(gaps.is_empty(), "the zh edition differs from the seed in {} place(s):\n{report}", gaps.len());

    // The rules did what they are for, so none of them can silently stop applying.
    assert_eq!(seed.seams, SEAMS.len(), "each page split with a repeated character is joined once");
    assert_eq!(seed.duplicates.len(), 1, "the callout's repeated line is the seed's one duplicate");
    assert_eq!(seed.definitions, 44, "the seed defines 44 footnotes");
    assert_eq!(seed.notes, resolved.notes, "the footnotes, in order");
    assert_eq!(resolved.notes.len(), 44);
    assert_eq!((seed.tables, resolved.tables), (2, 2));
    assert_eq!(resolved.charts, 3);
    assert_eq!(resolved.photos, 17);
}

#[test]
fn seed_rules_join_split_paragraphs_and_keep_notes_in_place() {
    let seed = "blurb。\n\n# 标题\n\n机构  \n日期\n\n# 目录\n\n01\t前言\t2\n\n## 标题\n\n# 01\n\n## 前言\n\n## 01 前言\n\n\
                第一段<sup>①</sup>以前\n\n---\n\n<sup>①</sup> 注[https://a.b/c\\_d](https://a.b/c_d)。\n\n## 标题\n\n前所未有。\n\n\
                ### (一) 小节\n\n甲。\n\n乙<sup>①</sup>。\n\n甲。\n\n<sup>①</sup> *Статья*, <https://e.f/>.\n";
    let parsed = parse_seed(seed);
    let text = |s: &str| Unit::Text(s.to_string());
    assert_eq!(
        parsed.units,
        [
            text("blurb。"),
            text("标题"),
            text("机构"),
            text("日期"),
            Unit::Chapter(1, "前言".into()),
            text("第一段〔注https://a.b/c_d。〕以前所未有。"),
            Unit::Section("（一）小节".into()),
            text("甲。"),
            text("乙〔Статья,https://e.f/.〕。"),
        ]
    );
    assert_eq!(parsed.notes, ["注https://a.b/c_d。", "Статья,https://e.f/."]);
    assert_eq!(parsed.duplicates, ["甲。"]);
}

#[test]
fn markdown_links_keep_their_url_and_literal_brackets_stay() {
    assert_eq!(markdown("见[https://a.b/c\\_d](https://a.b/c_d)。"), "见https://a.b/c_d。");
    assert_eq!(markdown("<https://e.f/g> 与 <踔厉前行> [注] *Статья*"), "https://e.f/g 与 <踔厉前行> [注] Статья");
}

#[test]
fn spaces_count_only_between_chinese_characters() {
    assert_eq!(text_key("普京 祝索契  冬奥会"), "普京 祝索契 冬奥会");
    assert_eq!(text_key("增长 26.3% ，LNG 340 亿\n"), "增长26.3%，LNG340亿");
    assert_eq!(text_key("研究院  "), "研究院");
}

#[test]
fn table_cells_compare_numbers_by_value() {
    assert_eq!(cell("99"), cell("99.0"));
    assert_eq!(cell("1990 年"), cell("1990年"));
    assert_eq!(cell("-10.7"), "-10.7");
    assert_ne!(cell("10.6"), cell("10.8"));
    assert_eq!(cell("年度流量"), "年度流量");
}
