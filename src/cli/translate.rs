//! `folio new-lang` and `folio sync`: start a translation with every source message to
//! translate, and keep it in step with the source (new messages added, obsolete ones
//! marked, the lock of translated source versions updated). Translations are never rewritten.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::files::write_atomic;
use crate::i18n::lint::{Parsed, renames};
use crate::i18n::lock::{Lock, LockEntry};
use crate::i18n::scaffold::{
    OBSOLETE_MARK, Pivot, apply_edits, comment_start, insertion_offset, is_placeholder, new_file, placeholder_block, raw_value,
};
use crate::i18n::{definitions, load_catalog};
use crate::model::{Meta, parse_toml};
use crate::project::Project;

const REPORT: &str = "report/report.toml";

pub fn new_lang(project: &Project, lang: &str, from: &[String]) -> Result<(), Failure> {
    let (meta, report_text) = read_meta(project)?;
    if lang.parse::<unic_langid::LanguageIdentifier>().map(|l| l.to_string()).ok().as_deref() != Some(lang) {
        return Err(Failure::usage(format!("`{lang}` is not a language tag"), "use a BCP 47 tag as folio spells it: de, fr, pt-BR, zh-Hant"));
    }
    let dir = PathBuf::from("locales").join(lang);
    if project.exists(&dir) {
        return Err(Failure::usage(
            format!("{} already exists", dir.display()),
            &format!("`folio sync --lang {lang}` brings an existing translation up to date"),
        ));
    }
    for pivot in from {
        if *pivot == meta.source_language || *pivot == lang || !meta.languages.contains(pivot) {
            return Err(Failure::usage(
                format!("--from {pivot}: not a published translation of the report"),
                &format!(
                    "a pivot is a translation in `languages` other than the source `{}`: {}",
                    meta.source_language,
                    meta.languages.iter().filter(|l| **l != meta.source_language).cloned().collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    let source = load_catalog(project, &meta.source_language)?;
    let pivots = from.iter().map(|p| load_catalog(project, p)).collect::<Result<Vec<_>, _>>()?;
    let pivots: Vec<Pivot> = pivots.iter().map(Pivot::of).collect();
    let tree = Parsed::new(&source);
    let mut messages = 0;
    for (f, file) in source.files.iter().enumerate() {
        let name = file.path.file_name().unwrap_or_default();
        write(project, &dir.join(name), &new_file(&meta.source_language, &file.text, &tree.trees[f], &pivots, |_| true))?;
        messages += tree.file_messages(f).count();
    }
    eprintln!("created {}/: {} files, {messages} messages to translate", dir.display(), source.files.len());
    if !from.is_empty() {
        // The lock names the pivots, so that `sync` records their versions too.
        write(project, &Lock::path(lang), &Lock::with_pivots(from).to_toml(lang, &meta.source_language))?;
        eprintln!(
            "translating from {} and {}: their texts are above each message, and a change in any of them makes a translation outdated",
            meta.source_language,
            from.join(", ")
        );
    }
    if !meta.all_languages().iter().any(|l| l == lang) {
        write(project, Path::new(REPORT), &with_in_progress(&report_text, lang)?)?;
        eprintln!("added `{lang}` to `in-progress` in {REPORT}: `folio render --lang all` leaves it out until `folio publish {lang}`");
    }
    eprintln!("next: translate the `{{ \"\" }}` values, then `folio check --lang {lang}`; `folio render --lang {lang} --draft` shows the work so far");
    Ok(())
}

/// The lists of languages in `report.toml`, with where they are written.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct LanguageLists {
    languages: toml::Spanned<Vec<String>>,
    in_progress: Option<toml::Spanned<Vec<String>>>,
}

impl LanguageLists {
    fn of(text: &str) -> Result<Self, Failure> {
        parse_toml(Path::new(REPORT), text).map_err(|d| Failure::Content(Diagnostics(vec![d])))
    }
}

fn toml_list(langs: &[String]) -> String {
    let quoted: Vec<String> = langs.iter().map(|l| format!("\"{l}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

/// `report.toml` with `lang` appended to `in-progress` (which is added below `languages`
/// when missing); the rest of the file as it was.
fn with_in_progress(text: &str, lang: &str) -> Result<String, Failure> {
    let lists = LanguageLists::of(text)?;
    let edit = match lists.in_progress {
        Some(list) => {
            let mut langs = list.get_ref().clone();
            langs.push(lang.to_string());
            (list.span(), toml_list(&langs))
        }
        None => {
            let end = lists.languages.span().end;
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            let block = format!(
                "# Translations under way: checked and counted, rendered only with --draft;\n\
                 # `folio publish LANG` moves one to `languages` once it is complete.\n\
                 in-progress = {}\n",
                toml_list(&[lang.to_string()])
            );
            (line_end..line_end, block)
        }
    };
    Ok(apply_edits(text, vec![edit]))
}

/// `folio publish LANG`: a complete translation in progress joins `languages`.
pub fn publish(project: &Project, lang: &str) -> Result<(), Failure> {
    let (meta, text) = read_meta(project)?;
    if meta.languages.iter().any(|l| l == lang) {
        return Err(Failure::usage(format!("`{lang}` is published already"), "`folio render --lang all` renders it"));
    }
    if !meta.is_in_progress(lang) {
        return Err(Failure::usage(format!("`{lang}` is not a language in progress"), &format!("`folio new-lang {lang}` starts a translation")));
    }
    let total = super::stats::total(project, &meta.source_language, lang)?;
    if total.missing > 0 {
        return Err(Failure::Content(crate::diag::Diagnostics(vec![
            Diagnostic::error(format!("`{lang}` is not complete: {} of {} messages are not translated yet", total.missing, total.messages))
                .hint(format!("`folio check --lang {lang} --list-missing` lists them; publish once they are translated")),
        ])));
    }
    let lists = LanguageLists::of(&text)?;
    let pending = lists.in_progress.expect("the language is in progress");
    let rest: Vec<String> = pending.get_ref().iter().filter(|l| *l != lang).cloned().collect();
    let mut langs = lists.languages.get_ref().clone();
    langs.push(lang.to_string());
    let edits = vec![(lists.languages.span(), toml_list(&langs)), (pending.span(), toml_list(&rest))];
    write(project, Path::new(REPORT), &apply_edits(&text, edits))?;
    eprintln!("published `{lang}`: moved from `in-progress` to `languages` in {REPORT}");
    if total.outdated > 0 {
        eprintln!("note: {} message(s) are outdated (`folio check --lang {lang}` shows them)", total.outdated);
    }
    eprintln!("next: `folio check --lang {lang}`, then `folio render --lang all`");
    Ok(())
}

pub fn sync(project: &Project, lang: &str, accept: &[String]) -> Result<(), Failure> {
    let (meta, _) = read_meta(project)?;
    let source_lang = &meta.source_language;
    if lang == source_lang {
        return Err(Failure::usage(format!("`{lang}` is the source language"), "sync a translation: --lang ru, --lang en, …"));
    }
    if !project.is_dir(format!("locales/{lang}")) {
        return Err(Failure::usage(format!("no bundle locales/{lang}/"), &format!("`folio new-lang {lang}` starts one")));
    }
    // Both bundles must parse: a message lost in a syntax error would look missing or obsolete.
    let source = load_catalog(project, source_lang)?;
    let target = load_catalog(project, lang)?;
    let (source_tree, target_tree) = (Parsed::new(&source), Parsed::new(&target));
    let lock = Lock::load(project, lang).map_err(Failure::Io)?;
    let pivots = lock.pivots.iter().map(|p| load_catalog(project, p)).collect::<Result<Vec<_>, _>>()?;
    let pivots: Vec<Pivot> = pivots.iter().map(Pivot::of).collect();
    // A translation under a near miss of a source id it lacks is that message mistyped or
    // renamed: it is kept as it is (not marked obsolete, no empty message beside it) and
    // the rename is left to the translator.
    let renames = renames(&target_tree, &source_tree);
    let renamed = |id: &str| renames.iter().any(|&(old, new)| id == old || id == new);

    // Edits of existing files, by file index, all computed on the text as loaded.
    let mut edits: Vec<Vec<(Range<usize>, String)>> = vec![Vec::new(); target.files.len()];
    let mut added = 0;
    for (sf, file) in source.files.iter().enumerate() {
        let ids: Vec<&str> = source_tree.file_messages(sf).map(|m| m.id.name).collect();
        let wanted = |id: &str| target_tree.message(id).is_none() && !renamed(id);
        let count = ids.iter().filter(|id| wanted(id)).count();
        if count == 0 {
            continue;
        }
        let name = file.path.file_name().unwrap_or_default();
        let path = PathBuf::from("locales").join(lang).join(name);
        match target.files.iter().position(|f| f.path.file_name() == Some(name)) {
            None => write(project, &path, &new_file(source_lang, &file.text, &source_tree.trees[sf], &pivots, wanted))?,
            Some(tf) => {
                let starts: BTreeMap<&str, usize> =
                    definitions(&file.text).into_iter().map(|(id, at)| (&file.text[at..at + id.len()], at)).collect();
                for (i, m) in source_tree.file_messages(sf).enumerate().filter(|(_, m)| wanted(m.id.name)) {
                    let at = insertion_offset(&target.files[tf].text, ids[..i].iter().rev().copied());
                    let value = starts.get(m.id.name).map_or("", |&s| raw_value(&file.text, s));
                    edits[tf].push((at..at, placeholder_block(source_lang, m.id.name, m.comment.as_ref(), value, &pivots)));
                }
            }
        }
        eprintln!("{}: added {count} message(s) to translate", path.display());
        added += count;
    }

    let mut marked = 0;
    for (tf, file) in target.files.iter().enumerate() {
        for (id, at) in definitions(&file.text) {
            let obsolete = !id.starts_with('-') && source_tree.message(&id).is_none() && !renamed(&id);
            let begin = comment_start(&file.text, at);
            let mark = file.text[begin..at].find(&format!("{OBSOLETE_MARK}\n")).map(|i| begin + i);
            match (obsolete, mark) {
                (true, None) => {
                    edits[tf].push((begin..begin, format!("{OBSOLETE_MARK}\n")));
                    marked += 1;
                }
                (false, Some(i)) => edits[tf].push((i..i + OBSOLETE_MARK.len() + 1, String::new())),
                _ => {}
            }
        }
    }
    for (file, edits) in target.files.iter().zip(edits) {
        if !edits.is_empty() {
            write(project, &file.path, &apply_edits(&file.text, edits))?;
        }
    }
    if marked > 0 {
        eprintln!("marked {marked} obsolete message(s) with `{OBSOLETE_MARK}`");
    }
    for (old, new) in &renames {
        let (sf, _) = source_tree.message(new).expect("a rename's new id is a source message");
        let empty = target.locate(new);
        let at = target.locate(old).expect("a rename's old id is defined in the translation");
        eprint!(
            "{}",
            Diagnostic::warning(format!("`{old}` is not a source message: did you mean `{new}`? (rename it)"))
                .at(at)
                .hint(format!(
                    "kept as it is: change the id here to `{new}`{}, then run `folio sync --lang {lang}` again; the source has `{new}` at {}",
                    empty.map_or(String::new(), |p| format!(" and delete the empty `{new} = {{ \"\" }}` at {p}")),
                    source_tree.position(sf, new)
                ))
        );
    }
    update_lock(project, lang, source_lang, &source_tree, &target_tree, lock, &renames, accept)?;
    if added == 0 && marked == 0 && renames.is_empty() {
        eprintln!("locales/{lang}/ has every source message");
    }
    Ok(())
}

/// Records the source (and pivot) version of every translated message that has none yet;
/// an outdated one is recorded again once its translation has been edited, or when `accept`ed.
/// The record of a message whose translation waits under a mistyped id (`renames`) is kept.
fn update_lock(
    project: &Project,
    lang: &str,
    source_lang: &str,
    source: &Parsed,
    target: &Parsed,
    old: Lock,
    renames: &[(&str, &str)],
    accept: &[String],
) -> Result<(), Failure> {
    let mut lock = Lock::with_pivots(&old.pivots);
    let (mut recorded, mut revised, mut outdated) = (0, Vec::new(), Vec::new());
    let accepted: HashSet<&str> = accept.iter().map(String::as_str).collect();
    for f in 0..source.trees.len() {
        for sm in source.file_messages(f) {
            let id = sm.id.name;
            let Some((_, m)) = target.message(id).filter(|(_, m)| !is_placeholder(m)) else {
                if let Some(was) = old.messages.get(id).filter(|_| renames.iter().any(|&(_, new)| new == id)) {
                    lock.messages.insert(id.to_string(), was.clone());
                }
                continue;
            };
            let now = old.entry(sm, m);
            let entry = match old.messages.get(id) {
                None => {
                    recorded += 1;
                    now
                }
                // Filled from a memory: to review until the translation is edited. An
                // approval stays with the versions it names (`Lock::is_approved`).
                Some(was) if !old.is_stale(sm, was) => LockEntry {
                    needs_review: was.needs_review && was.translation == now.translation,
                    approved: was.approved.clone(),
                    ..now
                },
                Some(was) if was.translation != now.translation || accepted.contains(id) => {
                    revised.push(id);
                    now
                }
                Some(was) => {
                    outdated.push(id);
                    was.clone()
                }
            };
            lock.messages.insert(id.to_string(), entry);
        }
    }
    for id in accepted.iter().filter(|id| !revised.contains(id)) {
        eprintln!("warning: --accept {id}: not an outdated translated message, nothing to accept");
    }
    write(project, &Lock::path(lang), &lock.to_toml(lang, source_lang))?;
    eprintln!(
        "{}: {} translated message(s), {recorded} newly recorded, {} revised after a source change",
        Lock::path(lang).display(),
        lock.messages.len(),
        revised.len()
    );
    if !outdated.is_empty() {
        eprintln!(
            "{} message(s) still outdated (revise them, or `--accept ID` if they need no change): {}",
            outdated.len(),
            outdated.join(", ")
        );
    }
    Ok(())
}

fn read_meta(project: &Project) -> Result<(Meta, String), Failure> {
    let text = project.read_text(REPORT).map_err(Failure::Io)?;
    let meta = parse_toml(Path::new(REPORT), &text).map_err(|d| Failure::Content(Diagnostics(vec![d])))?;
    Ok((meta, text))
}

fn write(project: &Project, rel: &Path, text: &str) -> Result<(), Failure> {
    write_atomic(&project.root.join(rel), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_language_is_added_in_progress() {
        let text = "slug = \"x\"\nlanguages = [\"zh\",\n  \"ru\"]  # published\ndate = \"2024-12\"";
        let once = with_in_progress(text, "de").unwrap();
        assert!(once.starts_with("slug = \"x\"\nlanguages = [\"zh\",\n  \"ru\"]  # published\n# Translations under way"), "{once}");
        assert!(once.ends_with("\nin-progress = [\"de\"]\ndate = \"2024-12\""), "{once}");
        let twice = with_in_progress(&once, "fr").unwrap();
        assert_eq!(twice, once.replace("in-progress = [\"de\"]", "in-progress = [\"de\", \"fr\"]"));
        let at_the_end = with_in_progress("languages = [\"zh\"]", "de").unwrap();
        assert!(at_the_end.starts_with("languages = [\"zh\"]\n# ") && at_the_end.ends_with("\nin-progress = [\"de\"]\n"), "{at_the_end}");
    }
}
