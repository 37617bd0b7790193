//! `folio check`: load the model and each bundle, lint translations against the source
//! language (src/i18n/lint.rs), resolve every message, report all problems.

use std::collections::HashSet;

use crate::cli::{OutputFormat, languages, print_diagnostics};
use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::document;
use crate::i18n::Catalog;
use crate::i18n::lint::{self, Context, Parsed};
use crate::i18n::lock::Lock;
use crate::model::{self, Report};
use crate::project::Project;

pub fn run(project: &Project, lang: &str, format: OutputFormat, strict: bool) -> Result<(), Failure> {
    let mut diags = Diagnostics::default();
    let report = match model::load(project) {
        Ok(report) => Some(report),
        Err(Failure::Content(d)) => {
            diags.extend(d);
            None
        }
        Err(io) => return Err(io),
    };
    if let Some(report) = &report {
        // The loader reads only image headers; a check decodes the pixels too.
        diags.extend(model::check_image_data(project, report));
        let source = Catalog::load(project, &report.meta.source_language);
        let footnotes = footnote_ids(report);
        for lang in languages(&report.meta.languages, lang)? {
            let source = match &source {
                Ok((catalog, _)) => Some(catalog),
                Err(d) => {
                    diags.push(d.clone());
                    None
                }
            };
            diags.extend(check_language(project, report, &lang, source, &footnotes));
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
    if failed { Err(Failure::Content(Diagnostics::default())) } else { Ok(()) }
}

/// Every problem of one language's bundle.
fn check_language(
    project: &Project,
    report: &Report,
    lang: &str,
    source: Option<&Catalog>,
    footnotes: &HashSet<String>,
) -> Diagnostics {
    let (catalog, mut diags) = match Catalog::load(project, lang) {
        Ok(loaded) => loaded,
        Err(d) => return Diagnostics(vec![d]),
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
    let found = lint::lint(&Parsed::new(&catalog), &Context { source: source_tree.as_ref(), lock: &lock, footnotes });
    diags.extend(found.diags);

    // Resolving shows what only formatting can: the model's use of the source bundle, and
    // in a translation anything the lint does not know. A translation resolves with the
    // source as fallback, since the lint has reported its missing messages; the model's
    // own problems and the source's were reported with the source language; errors of a
    // message the lint flagged would say the same thing twice.
    let repeated: Vec<_> = found.flagged.iter().filter_map(|id| catalog.locate(id)).collect();
    let source_dir = std::path::Path::new("locales").join(source_lang);
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
    diags
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
