//! `folio check`: load the model and each bundle, lint translations against the source
//! language (src/i18n/lint.rs), resolve every message, report all problems.

use std::collections::HashSet;
use std::path::Path;

use crate::cli::{OutputFormat, languages, print_diagnostics};
use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::document;
use crate::i18n::Catalog;
use crate::i18n::lint::{self, Context, Parsed, Progress};
use crate::i18n::lock::Lock;
use crate::model::{self, Report};
use crate::project::Project;

pub fn run(project: &Project, lang: &str, format: OutputFormat, strict: bool, list_missing: bool) -> Result<(), Failure> {
    let mut diags = Diagnostics::default();
    let report = match model::load(project) {
        Ok(report) => Some(report),
        Err(Failure::Content(d)) => {
            diags.extend(d);
            None
        }
        Err(io) => return Err(io),
    };
    let mut pending = Vec::new();
    if let Some(report) = &report {
        // The loader reads only image headers; a check decodes the pixels too.
        diags.extend(model::check_image_data(project, report));
        let source = Catalog::load(project, &report.meta.source_language);
        let footnotes = footnote_ids(report);
        for lang in languages(&report.meta, lang)? {
            let source = match &source {
                Ok((catalog, _)) => Some(catalog),
                Err(d) => {
                    diags.push(d.clone());
                    None
                }
            };
            let in_progress = report.meta.is_in_progress(&lang);
            let checked = check_language(project, report, &lang, source, &footnotes, in_progress);
            diags.extend(checked.diags);
            if let Some(rows) = checked.progress.filter(|_| in_progress) {
                pending.push((lang, rows, checked.untranslated));
            }
        }
    }
    let diags = unique(diags);
    let failed = diags.has_errors() || (strict && !diags.is_empty());
    match format {
        OutputFormat::Json => {
            println!("{}", serde_json::to_string_pretty(&diags.0).expect("diagnostics serialize"));
        }
        OutputFormat::Text => {
            print_diagnostics(&diags);
            if diags.is_empty() {
                eprintln!("ok: no problems found");
            }
        }
    }
    // After the problems: what is left to translate in each language in progress.
    for (lang, rows, untranslated) in &pending {
        eprint!("{}", in_progress(lang, rows, untranslated, list_missing));
    }
    if failed { Err(Failure::Content(Diagnostics::default())) } else { Ok(()) }
}

/// A language in progress: a line per bundle file (translated, missing, outdated), and with
/// `list` its untranslated and missing messages under their file.
fn in_progress(lang: &str, rows: &[Progress], untranslated: &Diagnostics, list: bool) -> String {
    let (translated, messages) = rows.iter().fold((0, 0), |(t, m), r| (t + r.translated, m + r.messages));
    let mut out = format!("{lang}: in progress, {translated} of {messages} messages translated\n");
    let dir = Path::new("locales").join(lang);
    let width = rows.iter().map(|r| dir.join(&r.file).as_os_str().len()).max().unwrap_or(0);
    for row in rows {
        let path = dir.join(&row.file);
        out.push_str(&format!(
            "  {:<width$}  {:>4} translated  {:>4} missing  {:>4} outdated\n",
            path.display(),
            row.translated,
            row.missing,
            row.outdated
        ));
        for d in untranslated.iter().filter(|d| list && d.location.as_ref().is_some_and(|l| l.file == path)) {
            let at = d.location.as_ref().expect("filtered on the location");
            out.push_str(&format!("    {at}: {}\n", d.message));
        }
    }
    if !list && translated < messages {
        out.push_str(&format!("  = hint: `folio check --lang {lang} --list-missing` lists what is left to translate\n"));
    }
    out
}

/// What `check` found in one language's bundle.
struct Checked {
    diags: Diagnostics,
    /// In a language in progress, messages not translated yet and missing ones (in a
    /// published one, they are among `diags`).
    untranslated: Diagnostics,
    /// A translation's progress per source file.
    progress: Option<Vec<Progress>>,
}

/// Every problem of one language's bundle; in a language in progress, what is not
/// translated yet is kept apart.
fn check_language(
    project: &Project,
    report: &Report,
    lang: &str,
    source: Option<&Catalog>,
    footnotes: &HashSet<String>,
    in_progress: bool,
) -> Checked {
    let (catalog, mut diags) = match Catalog::load(project, lang) {
        Ok(loaded) => loaded,
        Err(d) => return Checked { diags: Diagnostics(vec![d]), untranslated: Diagnostics::default(), progress: None },
    };
    let source_lang = &report.meta.source_language;
    let is_source = lang == source_lang;
    let lock = if is_source {
        Lock::default()
    } else {
        Lock::load(project, lang).unwrap_or_else(|d| {
            diags.push(d);
            Lock::default()
        })
    };
    let compared = source.filter(|_| !is_source);
    let source_tree = compared.map(Parsed::new);
    let target_tree = Parsed::new(&catalog);
    let found = lint::lint(&target_tree, &Context { source: source_tree.as_ref(), lock: &lock, footnotes });
    diags.extend(found.diags);
    let mut untranslated = found.untranslated;
    if !in_progress {
        diags.extend(std::mem::take(&mut untranslated));
    }
    let progress = source_tree.as_ref().map(|source| lint::progress(&target_tree, source, &lock));

    // Resolving shows what only formatting can: the model's use of the source bundle, and
    // in a translation anything the lint does not know. A translation resolves with the
    // source as fallback, since the lint has reported its missing messages; the model's
    // own problems and the source's were reported with the source language; errors of a
    // message the lint flagged would say the same thing twice.
    let repeated: Vec<_> = found.flagged.iter().filter_map(|id| catalog.locate(id)).collect();
    let source_dir = Path::new("locales").join(source_lang);
    if let Err(resolved) = document::resolve(report, &catalog, compared) {
        for d in resolved {
            let place = d.location.as_ref();
            let elsewhere = !is_source && place.is_some_and(|l| l.file.starts_with("report") || l.file.starts_with(&source_dir));
            if !elsewhere && !place.is_some_and(|l| repeated.contains(l)) {
                diags.push(d);
            }
        }
    }
    diags.0.sort_by_key(|d| d.location.as_ref().map(|l| (l.file.clone(), l.line, l.column)));
    Checked { diags, untranslated, progress }
}

/// The model's footnote ids: variables of these names are footnote references.
fn footnote_ids(report: &Report) -> HashSet<String> {
    report
        .chapters
        .iter()
        .flat_map(|c| c.blocks())
        .flat_map(|b| b.notes.iter().map(|n| n.id.get_ref().clone()))
        .collect()
}

/// The diagnostics without repetitions (a broken label is formatted many times).
fn unique(diags: Diagnostics) -> Diagnostics {
    let mut seen = HashSet::new();
    Diagnostics(diags.into_iter().filter(|d: &Diagnostic| seen.insert(d.to_string())).collect())
}
