//! `folio xliff export|import` and `folio tm export|import`: a translation to and from the
//! CAT tools of an agency (XLIFF for the work, TMX for their memories).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::exchange::apply::{Change, rewrite};
use crate::exchange::memory::{Memory, Suggestion};
use crate::exchange::segment::parse_value;
use crate::exchange::xliff::{self, Version};
use crate::exchange::{Inputs, Rejection, State, Unit, Units, tmx, units};
use crate::files::write_atomic;
use crate::i18n::{Catalog, load_catalog};
use crate::i18n::lint::Parsed;
use crate::i18n::lock::{Lock, LockEntry};
use crate::model::{self, Report};
use crate::project::Project;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Only {
    All,
    /// Messages not translated yet.
    Untranslated,
    /// Translations made from an earlier source text, or filled from a memory: to review.
    Outdated,
}

pub struct ExportArgs {
    pub lang: String,
    pub source: Option<String>,
    pub only: Only,
    pub version: Version,
    pub copy_source: bool,
    pub output: Option<PathBuf>,
}

/// A translation and what it is compared with, loaded once.
struct Loaded {
    report: Report,
    origin: Catalog,
    source: Option<Catalog>,
    target: Catalog,
    lock: Lock,
}

impl Loaded {
    fn new(project: &Project, lang: &str, source: Option<&str>) -> Result<Loaded, Failure> {
        let report = model::load(project)?;
        let origin_lang = report.meta.source_language.clone();
        crate::cli::languages(&report.meta, lang)?;
        if lang == origin_lang {
            return Err(Failure::usage(
                format!("`{lang}` is the report's source language"),
                "exchange a translation: --lang ru, --lang en, …",
            ));
        }
        let source = match source.filter(|s| *s != origin_lang) {
            Some(s) if s == lang => return Err(Failure::usage(format!("--source {s} is the language being translated"), "name another language")),
            Some(s) => {
                crate::cli::languages(&report.meta, s)?;
                Some(load_catalog(project, s)?)
            }
            None => None,
        };
        let origin = load_catalog(project, &origin_lang)?;
        let target = load_catalog(project, lang)?;
        let lock = Lock::load(project, lang).map_err(Failure::Io)?;
        Ok(Loaded { report, origin, source, target, lock })
    }

    fn units(&self) -> Units {
        let origin = Parsed::new(&self.origin);
        let source = self.source.as_ref().map(Parsed::new);
        let target = Parsed::new(&self.target);
        units(&Inputs { report: &self.report, source: source.as_ref().unwrap_or(&origin), origin: &origin, target: &target, lock: &self.lock })
    }
}

pub fn export(project: &Project, args: ExportArgs) -> Result<(), Failure> {
    let loaded = Loaded::new(project, &args.lang, args.source.as_deref())?;
    let mut units = loaded.units();
    for (_, file) in &mut units.files {
        file.retain(|u| match args.only {
            Only::All => true,
            Only::Untranslated => u.state == State::New,
            Only::Outdated => u.state == State::NeedsReview,
        });
    }
    let memory = Memory::load(project, &loaded.report.meta.source_language, &args.lang).map_err(Failure::Io)?;
    // Suggestions match the report's source text, which the memory pairs with translations.
    // Each unit's matches, searched once (an edit distance against the whole memory).
    let mut matches: HashMap<String, Vec<Suggestion>> = HashMap::new();
    if units.source_lang == loaded.report.meta.source_language {
        for u in units.files.iter().flat_map(|(_, f)| f).filter(|u| u.state != State::Translated) {
            let mut found = memory.suggestions(&u.source);
            found.retain(|s| Some(&s.target) != u.target.as_ref());
            if !found.is_empty() {
                matches.insert(u.id(), found);
            }
        }
    }
    let suggest = |u: &Unit| matches.get(&u.id()).cloned().unwrap_or_default();
    let bytes = xliff::write(&units, &loaded.report.meta.slug, args.version, args.copy_source, &suggest);
    let path = args.output.unwrap_or_else(|| PathBuf::from("out").join(format!("{}-{}.xlf", loaded.report.meta.slug, args.lang)));
    write_atomic(&path, &bytes)?;
    let count = |state: State| units.files.iter().flat_map(|(_, f)| f).filter(|u| u.state == state).count();
    let suggested = matches.len();
    eprintln!(
        "wrote {}: {} units ({} translated, {} to review, {} untranslated){}, {} → {}",
        path.display(),
        units.files.iter().map(|(_, f)| f.len()).sum::<usize>(),
        count(State::Translated),
        count(State::NeedsReview),
        count(State::New),
        if suggested > 0 { format!(", {suggested} with suggestions from the memory") } else { String::new() },
        units.source_lang,
        units.target_lang,
    );
    if !args.copy_source && count(State::New) > 0 {
        eprintln!("note: untranslated units have no <target>; add --copy-source for tools that translate the target text (OmegaT)");
    }
    Ok(())
}

/// What became of the units of an imported file.
#[derive(Default)]
struct Outcome {
    unchanged: usize,
    untranslated: usize,
    rejected: Vec<(String, Rejection)>,
}

pub fn import(project: &Project, file: &Path, dry_run: bool) -> Result<(), Failure> {
    let text = std::fs::read_to_string(file).map_err(|e| Failure::io(file, e))?;
    let returned = xliff::read(&text).map_err(|e| Failure::Content(Diagnostics(vec![e.diagnostic(file, &text, "an XLIFF file")])))?;
    let report = model::load(project)?;
    let (lang, source) = belongs(&returned, &report, file)?;
    let loaded = Loaded::new(project, &lang, Some(&source))?;
    let units = loaded.units();
    let by_id: HashMap<(String, String), &Unit> = units
        .files
        .iter()
        .flat_map(|(path, f)| f.iter().map(move |u| ((path.to_string_lossy().replace('\\', "/"), u.id()), u)))
        .collect();

    let mut outcome = Outcome::default();
    let mut changes = Vec::new();
    for rf in &returned.files {
        for ru in &rf.units {
            let Some(unit) = by_id.get(&(rf.original.clone(), ru.id.clone())) else {
                outcome.rejected.push((ru.id.clone(), Rejection::NoMessage { file: rf.original.clone(), id: ru.id.clone() }));
                continue;
            };
            let Some(target) = &ru.target else {
                outcome.untranslated += 1;
                continue;
            };
            match unit.returned(target) {
                Err(why) => outcome.rejected.push((unit.id(), why)),
                Ok(seg) if Some(&seg) == unit.target.as_ref() => outcome.unchanged += 1,
                // A copy of the source (`--copy-source`) that nobody translated.
                Ok(seg) if unit.target.is_none() && seg == unit.source => outcome.untranslated += 1,
                Ok(seg) => changes.push(Change { unit, target: seg }),
            }
        }
    }
    let written = write_changes(project, &loaded, &units, &changes, false, dry_run)?;
    outcome.rejected.extend(written.rejected);

    let verb = if dry_run { "would import" } else { "imported" };
    eprintln!(
        "{verb} {} into locales/{lang}/: {} message(s) updated; units: {} unchanged, {} left untranslated, {} rejected",
        file.display(),
        written.messages.len(),
        outcome.unchanged,
        outcome.untranslated,
        outcome.rejected.len()
    );
    if !written.messages.is_empty() {
        eprintln!("  updated: {}", written.messages.join(", "));
    }
    for (id, why) in &outcome.rejected {
        eprintln!("  rejected `{id}`: {why}");
    }
    if outcome.rejected.is_empty() { Ok(()) } else { Err(Failure::Content(Diagnostics::default())) }
}

/// The translation and source language a returned file belongs to; refuses a file of
/// another project, language or layout before anything is written.
fn belongs(returned: &xliff::Returned, report: &Report, file: &Path) -> Result<(String, String), Failure> {
    let slug = &report.meta.slug;
    let first = returned.files.first().ok_or_else(|| content(format!("{}: the file holds no <file> element", file.display())))?;
    let lang = first.target_lang.clone().ok_or_else(|| content(format!("{}: no target language", file.display())))?;
    let source = first.source_lang.clone().unwrap_or_else(|| report.meta.source_language.clone());
    for f in &returned.files {
        match &f.project {
            Some(p) if p == slug => {}
            Some(p) => return Err(content(format!("{}: exported from the project `{p}`, not from this one (`{slug}`)", file.display()))),
            None => {
                return Err(content(format!(
                    "{}: not exported by folio from this project (its <file> has no {} naming `{slug}`)",
                    file.display(),
                    if f.original.is_empty() { "original" } else { "project attribute" }
                )));
            }
        }
        if f.target_lang.as_deref() != Some(&lang) || f.source_lang.as_deref().unwrap_or(&source) != source {
            return Err(content(format!("{}: its files are not all {source} → {lang}", file.display())));
        }
        let dir = format!("locales/{lang}/");
        if !f.original.strip_prefix(&dir).is_some_and(|name| name.ends_with(".ftl") && !name.contains('/')) {
            return Err(content(format!("{}: file `{}` is not a bundle file of locales/{lang}/", file.display(), f.original)));
        }
    }
    if !report.meta.all_languages().contains(&lang) || lang == report.meta.source_language {
        return Err(content(format!("{}: `{lang}` is not a translation of this report", file.display())));
    }
    Ok((lang, source))
}

/// The bundle files and lock after `changes`, checked in full before any is written.
fn write_changes(
    project: &Project,
    loaded: &Loaded,
    units: &Units,
    changes: &[Change],
    needs_review: bool,
    dry_run: bool,
) -> Result<crate::exchange::apply::Rewrite, Failure> {
    let origin = Parsed::new(&loaded.origin);
    let target = Parsed::new(&loaded.target);
    let rewritten = rewrite(units, changes, &origin, &target);
    if rewritten.messages.is_empty() || dry_run {
        return Ok(rewritten);
    }
    // The lock records, for each rewritten message, the source version it now translates.
    let files: Vec<crate::i18n::FtlFile> = loaded
        .target
        .files
        .iter()
        .map(|f| {
            let text = rewritten.files.iter().find(|(p, _)| p == &f.path).map_or(f.text.clone(), |(_, t)| t.clone());
            crate::i18n::FtlFile { path: f.path.clone(), text }
        })
        .chain(
            rewritten
                .files
                .iter()
                .filter(|(p, _)| !loaded.target.files.iter().any(|f| &f.path == p))
                .map(|(p, t)| crate::i18n::FtlFile { path: p.clone(), text: t.clone() }),
        )
        .collect();
    let (after, diags) = Catalog::from_files(&loaded.target.lang, files).map_err(Failure::Io)?;
    if diags.has_errors() {
        return Err(Failure::Content(diags));
    }
    let after_tree = Parsed::new(&after);
    let mut lock = Lock::load(project, &loaded.target.lang).map_err(Failure::Io)?;
    for id in &rewritten.messages {
        if let (Some((_, sm)), Some((_, m))) = (origin.message(id), after_tree.message(id)) {
            lock.messages.insert(id.clone(), LockEntry { needs_review, ..lock.entry(sm, m) });
        }
    }
    for (path, text) in &rewritten.files {
        write_atomic(&project.root.join(path), text.as_bytes())?;
    }
    write_atomic(&project.root.join(Lock::path(&loaded.target.lang)), lock.to_toml(&loaded.target.lang, &loaded.report.meta.source_language).as_bytes())?;
    Ok(rewritten)
}

pub fn tm_export(project: &Project, lang: &str, output: Option<PathBuf>) -> Result<(), Failure> {
    let loaded = Loaded::new(project, lang, None)?;
    let units = loaded.units();
    let mut pairs = Vec::new();
    let mut earlier = 0;
    for unit in units.files.iter().flat_map(|(_, f)| f) {
        let Some(target) = &unit.target else { continue };
        if !unit.outdated {
            pairs.push(tmx::Pair { id: unit.id(), source: unit.source.clone(), target: target.clone() });
            continue;
        }
        // Translated from an earlier source text: that text is its pair, when the lock has it.
        let old = loaded.lock.messages.get(&unit.message).and_then(|e| e.text.as_deref()).and_then(parse_value);
        if let Some(old) = old.filter(|_| unit.variant.is_none() && unit.attribute.is_none()) {
            pairs.push(tmx::Pair { id: unit.id(), source: old, target: target.clone() });
            earlier += 1;
        }
    }
    let path = output.unwrap_or_else(|| PathBuf::from("out").join(format!("{}-{lang}.tmx", loaded.report.meta.slug)));
    write_atomic(&path, &tmx::write(&loaded.report.meta.source_language, lang, &pairs))?;
    eprintln!("wrote {}: {} translation units ({earlier} of them pair a translation with the earlier source text it was made from)", path.display(), pairs.len());
    Ok(())
}

pub fn tm_import(project: &Project, file: &Path, lang: &str, dry_run: bool) -> Result<(), Failure> {
    let loaded = Loaded::new(project, lang, None)?;
    let source_lang = loaded.report.meta.source_language.clone();
    let text = std::fs::read_to_string(file).map_err(|e| Failure::io(file, e))?;
    let read = tmx::read(&text, &source_lang, lang).map_err(|e| Failure::Content(Diagnostics(vec![e.diagnostic(file, &text, "a TMX file")])))?;
    if read.is_empty() {
        return Err(content(format!("{}: no translation unit holds both {source_lang} and {lang}", file.display())));
    }
    let mut memory = Memory::load(project, &source_lang, lang).map_err(Failure::Io)?;
    let known = memory.pairs.len();
    let mut pairs = std::mem::take(&mut memory.pairs);
    for p in read {
        if !pairs.iter().any(|q| q.source == p.source && q.target == p.target) {
            pairs.push(p);
        }
    }
    let added = pairs.len() - known;
    let memory = Memory::new(pairs);

    let units = loaded.units();
    let mut changes = Vec::new();
    let mut fuzzy = 0;
    for unit in units.files.iter().flat_map(|(_, f)| f).filter(|u| u.state == State::New) {
        match memory.translation(unit) {
            Some(target) => changes.push(Change { unit, target }),
            None if !memory.suggestions(&unit.source).is_empty() => fuzzy += 1,
            None => {}
        }
    }
    let written = write_changes(project, &loaded, &units, &changes, true, dry_run)?;
    if !dry_run {
        let mut tmx_pairs = memory.pairs.clone();
        tmx_pairs.sort_by(|a, b| a.id.cmp(&b.id));
        write_atomic(&project.root.join(Memory::path(lang)), &tmx::write(&source_lang, lang, &tmx_pairs))?;
    }
    let verb = if dry_run { "would fill" } else { "filled" };
    eprintln!(
        "{}: {added} new translation units ({} in {}); {verb} {} untranslated message(s) from exact matches, marked to review; {fuzzy} more have matches of {}% or more, offered as suggestions by `folio xliff export --lang {lang}`",
        file.display(),
        memory.pairs.len(),
        Memory::path(lang).display(),
        written.messages.len(),
        crate::exchange::memory::FUZZY_THRESHOLD,
    );
    if !written.messages.is_empty() {
        eprintln!("  filled: {}", written.messages.join(", "));
    }
    for (id, why) in &written.rejected {
        eprintln!("  not filled `{id}`: {why}");
    }
    Ok(())
}

fn content(message: String) -> Failure {
    Failure::Content(Diagnostics(vec![Diagnostic::error(message)]))
}
