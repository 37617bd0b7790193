//! `folio review approve`: a reviewer signs off translations in the lock, naming who
//! approved which version of the source and of the translation. A later change to either
//! undoes the approval (`Lock::is_approved`); `folio stats` counts what is approved and
//! the review edition marks it.

use crate::cli::print_diagnostics;
use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::files::write_atomic;
use crate::i18n::load_catalog;
use crate::i18n::lint::Parsed;
use crate::i18n::lock::Lock;
use crate::i18n::scaffold::is_placeholder;
use crate::model;
use crate::project::Project;

/// Which translations to approve: the ids named, a chapter's messages, or all.
pub enum Selection {
    Ids(Vec<String>),
    Chapter(u32),
    All,
}

pub fn approve(project: &Project, lang: &str, selection: Selection, by: Option<String>) -> Result<(), Failure> {
    let report = model::load(project)?;
    let source_lang = &report.meta.source_language;
    if lang == source_lang || !report.meta.all_languages().iter().any(|l| l == lang) {
        return Err(Failure::Usage(
            Diagnostic::error(format!("`{lang}` is not a translation of this report"))
                .hint(format!("approve one of: {}", report.meta.all_languages().iter().filter(|l| *l != source_lang).cloned().collect::<Vec<_>>().join(", "))),
        ));
    }
    let (source, target) = (load_catalog(project, source_lang)?, load_catalog(project, lang)?);
    let (source_tree, target_tree) = (Parsed::new(&source), Parsed::new(&target));
    let mut lock = Lock::load(project, lang).map_err(Failure::Io)?;

    let (ids, named) = match selection {
        Selection::Ids(ids) => (ids, true),
        Selection::Chapter(n) => {
            let ids = crate::review::chapter_messages(&report, n).ok_or_else(|| {
                let numbers: Vec<String> = report.chapters.iter().map(|c| c.spec.number.get_ref().to_string()).collect();
                Failure::Usage(Diagnostic::error(format!("the report has no chapter {n}")).hint(format!("its chapters are: {}", numbers.join(", "))))
            })?;
            (ids, false)
        }
        Selection::All => {
            let ids = (0..source_tree.trees.len()).flat_map(|f| source_tree.file_messages(f)).map(|m| m.id.name.to_string());
            (ids.collect(), false)
        }
    };
    let by = by.or_else(|| std::env::var("USER").ok()).map(|b| b.trim().to_string()).filter(|b| !b.is_empty());
    let (mut approved, mut untranslated, mut problems) = (0, Vec::new(), Diagnostics::default());
    for id in &ids {
        let Some((_, sm)) = source_tree.message(id) else {
            problems.push(
                Diagnostic::error(format!("no message `{id}` in locales/{source_lang}/"))
                    .hint("name a message id of the source, as the review edition shows it in the margin"),
            );
            continue;
        };
        match target_tree.message(id) {
            Some((_, m)) if !is_placeholder(m) => {
                if let Some(by) = by.as_deref().filter(|_| !lock.is_approved(sm, m)) {
                    lock.approve(sm, m, by);
                    approved += 1;
                }
            }
            _ => untranslated.push(id.as_str()),
        }
    }
    if named {
        for id in &untranslated {
            let hint = format!("translate it in locales/{lang}/ first");
            problems.push(Diagnostic::error(format!("`{id}` is not translated into `{lang}`: nothing to approve")).hint(hint));
        }
    }
    if by.is_none() {
        problems.push(Diagnostic::error("who approves is not known").hint("name the reviewer: --by \"Anna Ivanova\""));
    }
    if let Some(last) = problems.0.pop() {
        // Nothing is written: a mistyped id must not leave half a selection approved.
        print_diagnostics(&problems);
        return Err(Failure::Usage(last));
    }
    let path = Lock::path(lang);
    write_atomic(&project.root.join(&path), lock.to_toml(lang, source_lang).as_bytes())?;
    eprintln!("{}: {approved} message(s) approved by {}", path.display(), by.unwrap_or_default());
    if !untranslated.is_empty() {
        eprintln!("{} message(s) not translated yet, left unapproved", untranslated.len());
    }
    Ok(())
}
