//! `folio stats`: how far each translation is, per source file: messages translated,
//! missing and outdated, characters of the source, words of the translation, and
//! messages reviewed (approved with `folio review approve` as they are now).

use serde::Serialize;

use crate::cli::{OutputFormat, languages};
use crate::diag::Failure;
use crate::i18n::Catalog;
use crate::i18n::lint::{Parsed, Progress, progress};
use crate::i18n::lock::Lock;
use crate::i18n::scaffold::is_placeholder;
use crate::model;
use crate::project::Project;

#[derive(Serialize)]
struct LanguageStats {
    lang: String,
    /// Listed in `in-progress`, not yet published.
    in_progress: bool,
    files: Vec<Row>,
    total: Row,
}

/// A file's progress and how many of its translations are approved as they are now.
#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    progress: Progress,
    reviewed: usize,
}

pub fn run(project: &Project, lang: &str, format: OutputFormat) -> Result<(), Failure> {
    let report = model::load(project)?;
    let source_lang = &report.meta.source_language;
    // Syntax errors are `folio check`'s business; whatever parsed is counted.
    let (source, _) = Catalog::load(project, source_lang).map_err(Failure::Io)?;
    let source = Parsed::new(&source);
    let mut all = Vec::new();
    for lang in languages(&report.meta, lang)?.into_iter().filter(|l| l != source_lang) {
        let files = reviewed_files(project, &source, &lang)?;
        let mut total = Row { progress: Progress { file: "total".into(), ..Default::default() }, reviewed: 0 };
        for row in &files {
            total.progress.add(&row.progress);
            total.reviewed += row.reviewed;
        }
        all.push(LanguageStats { in_progress: report.meta.is_in_progress(&lang), lang, files, total });
    }
    match format {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&all).expect("stats serialize")),
        OutputFormat::Text => print!("{}", table(&all, source_lang)),
    }
    Ok(())
}

/// A translation's progress per source file, with the messages reviewed.
fn reviewed_files(project: &Project, source: &Parsed, lang: &str) -> Result<Vec<Row>, Failure> {
    let (catalog, _) = Catalog::load(project, lang).map_err(Failure::Io)?;
    let lock = Lock::load(project, lang).map_err(Failure::Io)?;
    let target = Parsed::new(&catalog);
    let rows = progress(&target, source, &lock).into_iter().enumerate().map(|(sf, progress)| {
        let reviewed = source
            .file_messages(sf)
            .filter(|sm| target.message(sm.id.name).is_some_and(|(_, m)| !is_placeholder(m) && lock.is_approved(sm, m)))
            .count();
        Row { progress, reviewed }
    });
    Ok(rows.collect())
}

/// A translation's progress over all its files, as the `total` row shows it.
pub fn total(project: &Project, source_lang: &str, lang: &str) -> Result<Progress, Failure> {
    let (source, _) = Catalog::load(project, source_lang).map_err(Failure::Io)?;
    let mut total = Progress { file: "total".into(), ..Default::default() };
    reviewed_files(project, &Parsed::new(&source), lang)?.iter().for_each(|row| total.add(&row.progress));
    Ok(total)
}

/// The share of messages translated and up to date, in whole percent rounded down: one
/// message left is never shown as 100 %.
fn done(row: &Progress) -> usize {
    if row.messages == 0 { 100 } else { 100 * (row.translated - row.outdated) / row.messages }
}

fn table(all: &[LanguageStats], source_lang: &str) -> String {
    let heading = |stats: &LanguageStats| if stats.in_progress { format!("{} (in progress)", stats.lang) } else { stats.lang.clone() };
    let files = all.iter().flat_map(|l| &l.files).map(|r| r.progress.file.as_os_str().len());
    let width = files.chain(all.iter().map(|l| heading(l).chars().count())).max().unwrap_or(0).max(10);
    let mut out = String::new();
    for stats in all {
        out.push_str(&format!(
            "{:<width$}  {:>8}  {:>10}  {:>7}  {:>8}  {:>5}  {:>9}  {:>8}  {:>8}\n",
            heading(stats),
            "messages",
            "translated",
            "missing",
            "outdated",
            "done",
            format!("{source_lang} chars"),
            format!("{} words", stats.lang),
            "reviewed",
        ));
        for Row { progress: row, reviewed } in stats.files.iter().chain(std::iter::once(&stats.total)) {
            out.push_str(&format!(
                "{:<width$}  {:>8}  {:>10}  {:>7}  {:>8}  {:>4}%  {:>9}  {:>8}  {:>8}\n",
                row.file.display(),
                row.messages,
                row.translated,
                row.missing,
                row.outdated,
                done(row),
                row.source_chars,
                row.target_words,
                reviewed,
            ));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(messages: usize, translated: usize, outdated: usize) -> Progress {
        Progress { messages, translated, outdated, missing: messages - translated, ..Default::default() }
    }

    #[test]
    fn done_rounds_down_and_leaves_out_outdated_messages() {
        assert_eq!(done(&row(287, 286, 0)), 99);
        assert_eq!(done(&row(287, 287, 1)), 99);
        assert_eq!(done(&row(287, 287, 0)), 100);
        assert_eq!(done(&row(3, 2, 0)), 66);
        assert_eq!(done(&row(0, 0, 0)), 100);
    }

    #[test]
    fn the_table_shows_a_language_in_progress() {
        let total = Row { progress: Progress { file: "total".into(), ..row(287, 5, 0) }, reviewed: 3 };
        let stats = LanguageStats { lang: "de".into(), in_progress: true, files: vec![], total };
        let text = table(&[stats], "zh");
        assert!(text.starts_with("de (in progress)  messages"), "{text}");
        assert!(text.contains("\ntotal                  287           5      282         0     1%"), "{text}");
        assert!(text.lines().next().unwrap().ends_with("  reviewed"), "{text}");
        assert!(text.lines().nth(1).unwrap().ends_with("         3"), "{text}");
    }
}
