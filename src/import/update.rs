//! `--update`: a revised document re-imported into the project it came from. Each new
//! message is matched to the project's messages of its chapter and kind — identical text
//! first, in order, then the most similar text between those (an edit) — and keeps the old
//! id; only new text gets a new id. Edited source text changes the message's hash, so every
//! translation shows it as outdated (src/i18n/lock.rs); removed messages leave the source,
//! and `folio sync` marks them obsolete in the translations. Blocks of the model the import
//! cannot make (a chart, a placeholder figure) are kept where they were.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Failure};
use crate::i18n::definitions;
use crate::i18n::scaffold::raw_value;
use crate::model::{self, Block, BlockKind, Report};
use crate::project::Project;

use super::cleanup::similarity;
use super::emit::{Emitted, Kept, Kind, Msg};
use super::report::Update;

/// Below this similarity an old and a new text are different texts, not an edit.
const EDITED: f64 = 0.5;

/// The project as it is before the update.
pub struct Old {
    pub report: Report,
    pub source_lang: String,
    /// Raw Fluent values of the source bundle by id, and the file defining each.
    values: HashMap<String, (String, PathBuf)>,
    chapters: Vec<OldChapter>,
}

struct OldChapter {
    /// `chapters/02-….toml`, relative to report/.
    path: String,
    number: u32,
    title: String,
    messages: Vec<(Kind, String)>,
    /// Blocks to keep: (the last message of the block before, the section or None for
    /// the intro, the block as TOML, its messages).
    kept: Vec<(Option<String>, Option<usize>, String, Vec<String>)>,
    /// Tables the chapter's blocks name (files to replace).
    tables: Vec<String>,
}

impl Old {
    pub fn load(project: &Project) -> Result<Old, Failure> {
        let report = model::load(project).map_err(|failure| match failure {
            Failure::Content(d) => {
                let mut d = d;
                d.push(Diagnostic::error("the project has errors: `folio import --update` needs a project that loads").hint("fix them (`folio check`), then import again"));
                Failure::Content(d)
            }
            io => io,
        })?;
        let source_lang = report.meta.source_language.clone();
        let dir = PathBuf::from("locales").join(&source_lang);
        let mut values = HashMap::new();
        for (path, kind) in project.list(&dir).map_err(Failure::Io)? {
            if kind != crate::project::Kind::File || path.extension().is_none_or(|e| e != "ftl") {
                continue;
            }
            let text = project.read_text(&path).map_err(Failure::Io)?;
            for (id, at) in definitions(&text) {
                values.insert(id, (raw_value(&text, at).to_string(), path.clone()));
            }
        }
        let mut chapters = Vec::new();
        for (chapter, path) in report.chapters.iter().zip(&report.meta.chapters) {
            chapters.push(old_chapter(&report, chapter, path.get_ref(), &values));
        }
        Ok(Old { report, source_lang, values, chapters })
    }

    /// The comparable text of a message: its raw value without placeables.
    fn text(&self, id: &str) -> String {
        self.values.get(id).map(|(v, _)| comparable(v)).unwrap_or_default()
    }
}

fn old_chapter(report: &Report, chapter: &model::Chapter, path: &str, values: &HashMap<String, (String, PathBuf)>) -> OldChapter {
    let spec = &chapter.spec;
    let mut messages = vec![(Kind::Title, spec.title.get_ref().clone())];
    let mut kept = Vec::new();
    let mut tables = Vec::new();
    let mut last: Option<String> = None;
    let mut walk = |blocks: &[Block], section: Option<usize>, messages: &mut Vec<(Kind, String)>, last: &mut Option<String>| {
        *last = None;
        for block in blocks {
            let notes: Vec<String> = block.notes.iter().map(|n| n.id.get_ref().clone()).collect();
            match report.kind(block) {
                // A chart the import made is made again: its messages are matched as a table's.
                BlockKind::Chart(chart) if chart.source.text.starts_with(super::emit::IMPORTED_CHART) => {
                    if let Some(path) = &block.chart {
                        tables.push(path.get_ref().clone());
                    }
                    let spec = &chart.spec;
                    let labels = spec.categories.get_ref().iter().filter_map(|c| if let model::Category::Label(id) = c { Some(id.clone()) } else { None });
                    let ids: Vec<String> = [Some(&spec.title), spec.unit.as_ref(), spec.axis.as_ref()]
                        .into_iter()
                        .flatten()
                        .map(|id| id.get_ref().clone())
                        .chain(labels)
                        .chain(spec.series.iter().map(|s| s.label.get_ref().clone()))
                        .chain(spec.note.iter().map(|id| id.get_ref().clone()))
                        .collect();
                    messages.extend(ids.into_iter().map(|id| (Kind::Table, id)));
                }
                BlockKind::Chart(_) => {
                    let path = block.chart.as_ref().map(|c| c.get_ref().clone()).unwrap_or_default();
                    kept.push((last.clone(), section, format!("{{ chart = {} }}", super::emit::toml_str(&path)), Vec::new()));
                }
                BlockKind::Figure { image, caption, placeholder: true } => {
                    let mut toml = format!(
                        "{{ figure = {}, caption = {}, placeholder = true",
                        super::emit::toml_str(image.get_ref()),
                        super::emit::toml_str(caption.get_ref())
                    );
                    if !block.notes.is_empty() {
                        let items: Vec<String> = block
                            .notes
                            .iter()
                            .map(|n| match &n.url {
                                Some(url) => format!("{{ id = {}, url = {} }}", super::emit::toml_str(n.id.get_ref()), super::emit::toml_str(url)),
                                None => format!("{{ id = {} }}", super::emit::toml_str(n.id.get_ref())),
                            })
                            .collect();
                        toml.push_str(&format!(", notes = [{}]", items.join(", ")));
                    }
                    toml.push_str(" }");
                    let mut ids = vec![caption.get_ref().clone()];
                    ids.extend(notes);
                    kept.push((last.clone(), section, toml, ids));
                }
                BlockKind::Table(table) => {
                    if let Some(path) = &block.table {
                        tables.push(path.get_ref().clone());
                    }
                    let spec = &table.spec;
                    for id in spec.caption.iter().chain(spec.source_line.iter()) {
                        messages.push((Kind::Table, id.get_ref().clone()));
                    }
                    for cell in spec.header.iter().flatten() {
                        messages.push((Kind::Table, cell.text.get_ref().clone()));
                    }
                    for row in &spec.rows {
                        for cell in row.get_ref() {
                            if let model::Cell::Text(id) = cell
                                && !id.is_empty()
                            {
                                messages.push((Kind::Table, id.clone()));
                            }
                        }
                    }
                }
                _ => {
                    let ids: Vec<String> = [&block.p, &block.quote, &block.callout, &block.caption]
                        .into_iter()
                        .flatten()
                        .chain(block.items.iter())
                        .map(|id| id.get_ref().clone())
                        .collect();
                    *last = ids.last().cloned();
                    messages.extend(ids.into_iter().map(|id| (Kind::Body, id)));
                    messages.extend(notes.into_iter().map(|id| (Kind::Note, id)));
                }
            }
        }
    };
    walk(&spec.intro, None, &mut messages, &mut last);
    for (i, section) in spec.sections.iter().enumerate() {
        messages.push((Kind::Section, section.title.get_ref().clone()));
        walk(&section.blocks, Some(i), &mut messages, &mut last);
    }
    // A message used twice (table header cells) is one message.
    let mut seen = HashSet::new();
    messages.retain(|(_, id)| seen.insert(id.clone()));
    let title = values.get(spec.title.get_ref()).map(|(v, _)| comparable(v)).unwrap_or_default();
    OldChapter { path: path.to_string(), number: *spec.number.get_ref(), title, messages, kept, tables }
}

/// A raw Fluent value as comparable text: placeables out, string literals as their text.
fn comparable(raw: &str) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('}') else { break };
        let inner = rest[start + 1..start + end].trim();
        if let Some(literal) = inner.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            out.push_str(literal);
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// What the update does to the project's files, beyond writing the new import.
pub struct Plan {
    pub stats: Update,
    /// Files of the old import to delete (relative to the project): chapters and tables no
    /// longer in the document, the source bundle files of removed chapters.
    pub delete: Vec<PathBuf>,
}

/// Gives the new import the old ids, keeps the hand-made blocks, counts.
pub fn apply(old: &Old, emitted: &mut Emitted) -> Plan {
    let mut stats = Update::default();
    let old_ids: HashSet<String> = old.values.keys().cloned().collect();
    let mut used: HashSet<String> = HashSet::new();
    let mut delete = Vec::new();

    // Chapters: by number when the titles are alike, else by the most alike title.
    let mut pairs: Vec<Option<usize>> = vec![None; emitted.chapters.len()];
    let mut taken = vec![false; old.chapters.len()];
    for (n, chapter) in emitted.chapters.iter().enumerate() {
        let title = chapter.title.text();
        let by_number = old.chapters.iter().position(|o| o.number == chapter.number).filter(|&o| similarity(&old.chapters[o].title, &title) >= EDITED);
        let best = by_number.or_else(|| {
            old.chapters
                .iter()
                .enumerate()
                .filter(|(o, oc)| !taken[*o] && similarity(&oc.title, &title) >= EDITED)
                .max_by(|a, b| similarity(&a.1.title, &title).total_cmp(&similarity(&b.1.title, &title)))
                .map(|(o, _)| o)
        });
        if let Some(o) = best.filter(|&o| !taken[o]) {
            taken[o] = true;
            pairs[n] = Some(o);
        }
    }

    for (chapter, pair) in emitted.chapters.iter_mut().zip(&pairs) {
        let Some(o) = pair else {
            let count = chapter.messages_mut().len();
            stats.new += count;
            continue;
        };
        let oc = &old.chapters[*o];
        chapter.stem = Path::new(&oc.path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        for table in &oc.tables {
            delete.push(PathBuf::from("report").join(table));
        }
        let mut news = chapter.messages_mut();
        for kind in [Kind::Title, Kind::Section, Kind::Body, Kind::Note, Kind::Table] {
            let olds: Vec<(&str, String)> = oc.messages.iter().filter(|(k, _)| *k == kind).map(|(_, id)| (id.as_str(), old.text(id))).collect();
            let mut fresh: Vec<&mut Msg> = news.iter_mut().filter(|(k, _)| *k == kind).map(|(_, m)| &mut **m).collect();
            let texts: Vec<String> = fresh.iter().map(|m| m.text()).collect();
            let matched = align(&olds.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), &texts);
            for (n, m) in fresh.iter_mut().enumerate() {
                match matched[n] {
                    Some((o, same)) => {
                        m.id = olds[o].0.to_string();
                        used.insert(m.id.clone());
                        if same {
                            stats.unchanged += 1;
                        } else {
                            stats.edited += 1;
                        }
                    }
                    None => stats.new += 1,
                }
            }
            let matched_old: HashSet<usize> = matched.iter().flatten().map(|(o, _)| *o).collect();
            stats.removed += (0..olds.len()).filter(|o| !matched_old.contains(o)).count();
        }
        // The hand-made blocks, with their messages as they are.
        for (after, section, toml, ids) in &oc.kept {
            let messages = ids.iter().filter_map(|id| old.values.get(id).map(|(v, _)| (id.clone(), v.clone()))).collect();
            used.extend(ids.iter().cloned());
            chapter.kept.push(Kept { after: after.clone(), section: *section, toml: toml.clone(), messages });
            stats.kept += 1;
        }
    }
    for oc in old.chapters.iter().zip(&taken).filter(|(_, t)| !**t).map(|(oc, _)| oc) {
        stats.removed += oc.messages.len();
        delete.push(PathBuf::from("report").join(&oc.path));
        let stem = Path::new(&oc.path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        delete.push(PathBuf::from("locales").join(&old.source_lang).join(format!("{stem}.ftl")));
        delete.extend(oc.tables.iter().map(|t| PathBuf::from("report").join(t)));
    }

    // Blurb: matched like a chapter's body.
    let old_blurb: Vec<(&str, String)> = old.report.meta.blurb.iter().map(|id| (id.get_ref().as_str(), old.text(id.get_ref()))).collect();
    let texts: Vec<String> = emitted.blurb.iter().map(Msg::text).collect();
    let matched = align(&old_blurb.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), &texts);
    for (m, matched) in emitted.blurb.iter_mut().zip(&matched) {
        match matched {
            Some((o, same)) => {
                m.id = old_blurb[*o].0.to_string();
                used.insert(m.id.clone());
                if *same { stats.unchanged += 1 } else { stats.edited += 1 }
            }
            None => stats.new += 1,
        }
    }
    stats.removed += old_blurb.len() - matched.iter().flatten().count();
    for fixed in [&mut emitted.title].into_iter().chain(emitted.institution.as_mut()) {
        if old.text(&fixed.id) == fixed.text() { stats.unchanged += 1 } else { stats.edited += 1 }
        used.insert(fixed.id.clone());
    }

    // New messages whose fresh id an old message has: a new id.
    let mut all: HashSet<String> = old_ids.union(&used).cloned().collect();
    let new_messages = emitted.chapters.iter_mut().flat_map(|c| c.messages_mut().into_iter().map(|(_, m)| m)).chain(emitted.blurb.iter_mut());
    for m in new_messages.filter(|m| !used.contains(&m.id)) {
        if all.contains(&m.id) {
            let mut n = 2;
            while all.contains(&format!("{}-{n}", m.id)) {
                n += 1;
            }
            m.id = format!("{}-{n}", m.id);
        }
        all.insert(m.id.clone());
    }
    Plan { stats, delete }
}

/// report.toml with the chapters and the blurb of the import; the rest as it was.
pub fn report_toml(text: &str, chapters: &[String], blurb: &[String]) -> String {
    #[derive(serde::Deserialize)]
    struct Lists {
        chapters: toml::Spanned<Vec<String>>,
        blurb: Option<toml::Spanned<Vec<String>>>,
    }
    let quoted = |items: &[String]| items.iter().map(|s| format!("  {},\n", super::emit::toml_str(s))).collect::<String>();
    let Ok(lists) = toml::from_str::<Lists>(text) else { return text.to_string() };
    let mut edits = vec![(lists.chapters.span(), format!("[\n{}]", quoted(chapters)))];
    match lists.blurb {
        Some(old) => edits.push((old.span(), format!("[\n{}]", quoted(blurb)))),
        None if !blurb.is_empty() => {
            let line = text[..lists.chapters.span().start].rfind('\n').map_or(0, |i| i + 1);
            edits.push((line..line, format!("blurb = [\n{}]\n", quoted(blurb))));
        }
        None => {}
    }
    crate::i18n::scaffold::apply_edits(text, edits)
}

/// Matches `new` texts to `old` ones, in order: identical texts first (longest common
/// subsequence), then between those the most similar text above [`EDITED`]. For each new
/// text: (old index, identical?).
fn align(old: &[&str], new: &[String]) -> Vec<Option<(usize, bool)>> {
    let (n, m) = (old.len(), new.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut out: Vec<Option<(usize, bool)>> = vec![None; m];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if old[i] == new[j] {
            out[j] = Some((i, true));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    // Between identical anchors: edits, greedily by similarity, keeping the order.
    let mut j = 0;
    while j < m {
        if out[j].is_some() {
            j += 1;
            continue;
        }
        let start = j;
        while j < m && out[j].is_none() {
            j += 1;
        }
        let lo = out[..start].iter().rev().flatten().next().map_or(0, |(o, _)| o + 1);
        let hi = out[j..].iter().flatten().next().map_or(n, |(o, _)| *o);
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        for (jj, text) in new.iter().enumerate().take(j).skip(start) {
            for (ii, o) in old.iter().enumerate().take(hi).skip(lo) {
                let s = similarity(o, text);
                if s >= EDITED {
                    candidates.push((s, ii, jj));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut chosen: Vec<(usize, usize)> = Vec::new();
        for (_, ii, jj) in candidates {
            let crosses = chosen.iter().any(|&(ci, cj)| ci == ii || cj == jj || (ci < ii) != (cj < jj));
            if !crosses {
                chosen.push((ii, jj));
            }
        }
        for (ii, jj) in chosen {
            out[jj] = Some((ii, false));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_then_edited_then_new() {
        let old = ["第一段。", "第二段，说的是中俄关系。", "第三段。"];
        let new = ["第一段。".to_string(), "插入的新段落，完全不同。".to_string(), "第二段，说的是中俄两国关系。".to_string(), "第三段。".to_string()];
        assert_eq!(align(&old, &new), [Some((0, true)), None, Some((1, false)), Some((2, true))]);
    }

    #[test]
    fn comparable_text_drops_placeables() {
        assert_eq!(comparable("甲{ $ch01-note-x }乙{\"{\"}丙"), "甲乙{丙");
    }
}
