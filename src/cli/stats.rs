//! `folio stats`: how far each translation is, per source file: messages translated,
//! missing and outdated, characters of the source and words of the translation.

use serde::Serialize;

use crate::cli::{OutputFormat, languages};
use crate::diag::Failure;
use crate::i18n::Catalog;
use crate::i18n::lint::{Parsed, Progress, progress};
use crate::i18n::lock::Lock;
use crate::model;
use crate::project::Project;

#[derive(Serialize)]
struct LanguageStats {
    lang: String,
    files: Vec<Progress>,
    total: Progress,
}

pub fn run(project: &Project, lang: &str, format: OutputFormat) -> Result<(), Failure> {
    let report = model::load(project)?;
    let source_lang = &report.meta.source_language;
    // Syntax errors are `folio check`'s business; whatever parsed is counted.
    let (source, _) = Catalog::load(project, source_lang).map_err(Failure::Io)?;
    let source = Parsed::new(&source);
    let mut all = Vec::new();
    for lang in languages(&report.meta.languages, lang)?.into_iter().filter(|l| l != source_lang) {
        let (catalog, _) = Catalog::load(project, &lang).map_err(Failure::Io)?;
        let lock = Lock::load(project, &lang).map_err(Failure::Io)?;
        let files = progress(&Parsed::new(&catalog), &source, &lock);
        let mut total = Progress { file: "total".into(), ..Default::default() };
        files.iter().for_each(|row| total.add(row));
        all.push(LanguageStats { lang, files, total });
    }
    match format {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&all).expect("stats serialize")),
        OutputFormat::Text => print!("{}", table(&all, source_lang)),
    }
    Ok(())
}

fn table(all: &[LanguageStats], source_lang: &str) -> String {
    let width = all.iter().flat_map(|l| &l.files).map(|r| r.file.as_os_str().len()).max().unwrap_or(0).max(10);
    let mut out = String::new();
    for stats in all {
        out.push_str(&format!(
            "{:<width$}  {:>8}  {:>10}  {:>7}  {:>8}  {:>5}  {:>9}  {:>8}\n",
            stats.lang,
            "messages",
            "translated",
            "missing",
            "outdated",
            "done",
            format!("{source_lang} chars"),
            format!("{} words", stats.lang),
        ));
        for row in stats.files.iter().chain(std::iter::once(&stats.total)) {
            let done = if row.messages == 0 { 100.0 } else { 100.0 * (row.translated - row.outdated) as f64 / row.messages as f64 };
            out.push_str(&format!(
                "{:<width$}  {:>8}  {:>10}  {:>7}  {:>8}  {:>4.0}%  {:>9}  {:>8}\n",
                row.file.display(),
                row.messages,
                row.translated,
                row.missing,
                row.outdated,
                done,
                row.source_chars,
                row.target_words,
            ));
        }
        out.push('\n');
    }
    out
}
