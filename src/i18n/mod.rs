//! Fluent bundles: `locales/<lang>/*.ftl`, every visible string of one language.

pub mod functions;
pub mod lint;
pub mod lock;
pub mod number;
pub mod scaffold;
pub mod spec;
pub mod syntax;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource};
use unic_langid::LanguageIdentifier;

use crate::diag::{Diagnostic, Diagnostics, Failure, Location};
use crate::project::{Kind, Project};

/// One .ftl file, kept for positions in diagnostics.
#[derive(Debug)]
pub struct FtlFile {
    pub path: PathBuf,
    pub text: String,
}

/// Where a message or term is defined.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: usize,
    /// Byte offset of the id in the file.
    pub offset: usize,
}

/// A language's bundle with an index of where each entry is defined.
pub struct Catalog {
    pub lang: String,
    pub bundle: FluentBundle<FluentResource>,
    pub files: Vec<FtlFile>,
    /// Message ids (and terms, with their leading `-`) to their definition.
    pub entries: HashMap<String, Origin>,
    /// Messages still holding the scaffold's placeholder (`id = { "" }`): defined, but
    /// treated as missing, so a draft render falls back to the source language for them.
    pub untranslated: HashSet<String>,
}

impl Catalog {
    /// Loads every .ftl file of `lang`. Syntax errors and duplicate ids are reported;
    /// the catalog holds whatever parsed, so that all problems can be shown at once.
    pub fn load(project: &Project, lang: &str) -> Result<(Catalog, Diagnostics), Diagnostic> {
        let dir = PathBuf::from("locales").join(lang);
        let listed = project.list(&dir).map_err(|d| {
            Diagnostic::error(format!("no bundle for language `{lang}`: {}", d.message))
                .hint(format!("create {}/ or run `folio new-lang {lang}`", dir.display()))
        })?;
        let mut diags = Diagnostics::default();
        let mut files = Vec::new();
        for (path, _) in listed.into_iter().filter(|(p, kind)| *kind == Kind::File && p.extension().is_some_and(|e| e == "ftl")) {
            let bytes = project.read(&path)?;
            let (text, not_utf8) = crate::diag::utf8_text(&path, bytes.to_vec());
            diags.extend(not_utf8);
            files.push(FtlFile { path, text });
        }
        let (catalog, found) = Self::from_files(lang, files)?;
        diags.extend(found);
        Ok((catalog, diags))
    }

    /// The catalog of `lang` from its .ftl files, already read (in this order): what
    /// [`Catalog::load`] does once the files are read; the fuzz targets call it directly.
    pub fn from_files(lang: &str, files: Vec<FtlFile>) -> Result<(Catalog, Diagnostics), Diagnostic> {
        let langid: LanguageIdentifier = lang
            .parse()
            .map_err(|_| Diagnostic::error(format!("`{lang}` is not a valid language tag")))?;
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(number::fluent_formatter));
        for (name, function) in [("NUMBER", functions::number as Function), ("HANZI", functions::hanzi)] {
            bundle.add_function(name, function).map_err(|e| Diagnostic::error(e.to_string()))?;
        }

        let mut diags = Diagnostics::default();
        let mut kept: Vec<FtlFile> = Vec::with_capacity(files.len());
        let mut entries: HashMap<String, Origin> = HashMap::new();
        let mut untranslated = HashSet::new();
        for file in files {
            let resource = match FluentResource::try_new(file.text.clone()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    diags.extend(errors.iter().map(|e| syntax::diagnostic(&file.path, &file.text, e)));
                    r
                }
            };
            for (range, why) in spec::nonconforming(&file.text) {
                diags.push(
                    Diagnostic::error(format!("Fluent syntax error: {why}"))
                        .at(Location::span(&file.path, &file.text, range))
                        .hint("Fluent tools such as Pontoon, Weblate and fluent.js drop this line and the entry it belongs to"),
                );
            }
            untranslated.extend(resource.entries().filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) if scaffold::is_placeholder(m) => Some(m.id.name.to_string()),
                _ => None,
            }));
            let index = kept.len();
            for (id, offset) in definitions(&file.text) {
                if let Some(first) = entries.get(&id) {
                    // The first definition is in this file (not yet in `kept`) or an earlier one.
                    let defined_in = kept.get(first.file).unwrap_or(&file);
                    let first_at = Location::span(&defined_in.path, &defined_in.text, first.offset..first.offset);
                    diags.push(
                        Diagnostic::error(format!("duplicate id `{id}`"))
                            .at(Location::span(&file.path, &file.text, offset..offset + id.len()))
                            .hint(format!("already defined at {first_at}")),
                    );
                } else {
                    entries.insert(id, Origin { file: index, offset });
                }
            }
            // Duplicates were reported above with positions; the bundle keeps the first.
            if let Err(errors) = bundle.add_resource(resource) {
                debug_assert!(errors.iter().all(|e| matches!(e, FluentError::Overriding { .. })));
            }
            kept.push(file);
        }
        Ok((Catalog { lang: lang.to_string(), bundle, files: kept, entries, untranslated }, diags))
    }

    /// The location of a message or term (`-name`) for diagnostics.
    pub fn locate(&self, id: &str) -> Option<Location> {
        let origin = self.entries.get(id)?;
        let file = &self.files[origin.file];
        Some(Location::span(&file.path, &file.text, origin.offset..origin.offset + id.len()))
    }

    /// Whether the bundle has a translation of `id` (a scaffold placeholder is none).
    pub fn has_message(&self, id: &str) -> bool {
        self.bundle.has_message(id) && !self.untranslated.contains(id)
    }

    /// Where `needle` (a function name, say) first occurs in the definition of `id`, else
    /// the id itself.
    pub fn locate_in(&self, id: &str, needle: &str) -> Option<Location> {
        let origin = self.entries.get(id)?;
        let file = &self.files[origin.file];
        let rest = &file.text[origin.offset..];
        // The definition ends where the next entry or comment starts a line.
        let end = rest
            .match_indices('\n')
            .map(|(i, _)| i + 1)
            .find(|&i| rest[i..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '-' || c == '#'))
            .unwrap_or(rest.len());
        let at = rest[..end].find(needle).map_or(origin.offset..origin.offset + id.len(), |i| {
            origin.offset + i..origin.offset + i + needle.len()
        });
        Some(Location::span(&file.path, &file.text, at))
    }

    /// Formats a message. Every error (an unknown variable, term or message, a cyclic
    /// reference, a function given the wrong argument) is returned with the text as far
    /// as it could be formatted; that text holds Fluent's fallbacks and must not print.
    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> Result<String, (String, Vec<String>)> {
        let Some(message) = self.bundle.get_message(id) else {
            return Err((String::new(), vec![format!("unknown message `{id}`")]));
        };
        let Some(pattern) = message.value() else {
            return Err((String::new(), vec![format!("message `{id}` has no value")]));
        };
        let mut errors = Vec::new();
        functions::take_failures();
        let text = self.bundle.format_pattern(pattern, args, &mut errors).into_owned();
        let mut errors: Vec<String> = errors.iter().map(describe).collect();
        errors.extend(functions::take_failures());
        if errors.is_empty() { Ok(text) } else { Err((text, errors)) }
    }
}

type Function = for<'a> fn(&[fluent_bundle::FluentValue<'a>], &FluentArgs) -> fluent_bundle::FluentValue<'a>;

fn describe(e: &FluentError) -> String {
    match e {
        FluentError::ResolverError(r) => r.to_string(),
        other => other.to_string(),
    }
}

/// A bundle that loaded without syntax errors or duplicates.
pub fn load_catalog(project: &Project, lang: &str) -> Result<Catalog, Failure> {
    // A missing or unreadable bundle is the project's problem, as in `folio check`.
    let (catalog, diags) = Catalog::load(project, lang).map_err(|d| Failure::Content(Diagnostics(vec![d])))?;
    if diags.has_errors() {
        return Err(Failure::Content(diags));
    }
    Ok(catalog)
}

/// Of `known` ids, the one `wanted` is most likely a typo of: within a few edits (the
/// Damerau–Levenshtein distance, where swapping two letters is one edit, at most a fifth
/// of the longer id), one of the same chapter (`chNN-`) first, then the closest.
pub fn similar<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .filter_map(|k| Some((chapter(k) != chapter(wanted), distance(wanted, k)?, k)))
        .min()
        .map(|(_, _, k)| k)
}

/// The edit distance of two different ids when it is small enough for a typo.
pub fn distance(a: &str, b: &str) -> Option<usize> {
    let d = strsim::damerau_levenshtein(a, b);
    (d > 0 && d * 5 <= a.chars().count().max(b.chars().count()).max(5)).then_some(d)
}

/// The chapter prefix of an id (`ch01` of `ch01-title`), if it has one.
pub fn chapter(id: &str) -> Option<&str> {
    let (prefix, _) = id.split_once('-')?;
    (prefix.len() > 2 && prefix.starts_with("ch") && prefix[2..].bytes().all(|b| b.is_ascii_digit())).then_some(prefix)
}

/// Ids of the messages and terms a Fluent file defines, with their byte offsets:
/// an entry starts at the beginning of a line with an identifier followed by `=`.
pub fn definitions(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let starts_entry = line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-');
        if starts_entry {
            let id: String = line
                .chars()
                .enumerate()
                .take_while(|&(i, c)| c.is_ascii_alphanumeric() || c == '_' || (c == '-' && (i > 0 || line.len() > 1)))
                .map(|(_, c)| c)
                .collect();
            if line[id.len()..].trim_start().starts_with('=') && !id.is_empty() {
                out.push((id, offset));
            }
        }
        offset += line.len();
    }
    out
}



#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_ids_prefer_the_same_chapter() {
        let known = ["ch01-five-persistences", "ch02-five-persistance", "ch01-title", "blurb"];
        assert_eq!(similar("ch01-five-persistance", known), Some("ch01-five-persistences"));
        assert_eq!(similar("ch02-five-persistances", known), Some("ch02-five-persistance"));
        assert_eq!(similar("xi-jinpin", ["xi-jinping", "russia"]), Some("xi-jinping"));
        assert_eq!(similar("ch01-titel", known), Some("ch01-title"), "a swap is one edit");
        assert_eq!(similar("blurb", known), None, "the id itself is no suggestion");
        assert_eq!(similar("table", ["title"]), None, "two edits in five letters is another word");
        assert_eq!(similar("ch01-intro", known), None);
        assert_eq!(chapter("ch12-x"), Some("ch12"));
        assert_eq!(chapter("chart-x"), None);
    }

    #[test]
    fn finds_messages_and_terms() {
        let text = "# c\nhello = Hi\n  .attr = x\n-term = T\n    continued\nbye= B\n";
        let ids: Vec<_> = definitions(text).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["hello", "-term", "bye"]);
    }
}
