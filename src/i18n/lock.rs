//! The translation lock, `locales/<lang>/.folio-lock.toml`: for each translated message, a
//! hash of the source message it was translated from and of the translation itself, and of
//! the message in each pivot language the translation is also made from (`folio new-lang
//! de --from en`). When one of those no longer matches, the translation is outdated. The file
//! lives beside the bundle it describes (so it moves and is committed with it), is hidden
//! because translators never edit it, and is not a `.ftl` file, so bundles never load it.
//! `folio sync` writes it.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use fluent_syntax::ast;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::Catalog;
use super::lint::Parsed;
use super::scaffold::is_placeholder;
use crate::diag::{Diagnostic, Location};
use crate::project::Project;

pub const LOCK_FILE: &str = ".folio-lock.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// Languages besides the source that the translation is made from, e.g. `["en"]`.
    #[serde(default)]
    pub pivots: Vec<String>,
    #[serde(default)]
    pub messages: BTreeMap<String, LockEntry>,
    /// Each pivot's translated messages as they are now, id to hash (read by `load`).
    #[serde(skip)]
    current: BTreeMap<String, HashMap<String, String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockEntry {
    /// Hash of the source message when the translation was recorded.
    pub source: String,
    /// Hash of the translation when it was recorded.
    pub translation: String,
    /// Hash of each pivot's message when the translation was recorded (locks written before
    /// folio had pivots have none).
    #[serde(default)]
    pub refs: BTreeMap<String, String>,
    /// The source message's text when the translation was recorded, so that the review
    /// edition can show what changed since (locks written before folio kept it have none).
    #[serde(default)]
    pub text: Option<String>,
    /// Filled from a translation memory (`folio tm import`) and not reviewed since: shown
    /// as such until the translation is edited or approved.
    #[serde(default, rename = "needs-review")]
    pub needs_review: bool,
    /// Who approved the translation, and of which source and translation (`folio review
    /// approve`); a change to either undoes it.
    #[serde(default)]
    pub approved: Option<Approval>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    pub by: String,
    /// Hashes of the source message and of the translation as approved.
    pub source: String,
    pub translation: String,
}

impl LockEntry {
    /// The entry of a translation `m` of the source message `sm` as they are now.
    pub fn of(sm: &ast::Message<&str>, m: &ast::Message<&str>) -> Self {
        Self { source: message_hash(sm), translation: message_hash(m), refs: BTreeMap::new(), text: Some(source_text(sm)), needs_review: false, approved: None }
    }
}

impl Lock {
    /// A new translation's lock: nothing recorded yet, made from these pivots too.
    pub fn with_pivots(pivots: &[String]) -> Self {
        Self { pivots: pivots.to_vec(), ..Self::default() }
    }

    /// The lock's path relative to the project.
    pub fn path(lang: &str) -> PathBuf {
        PathBuf::from("locales").join(lang).join(LOCK_FILE)
    }

    /// Reads a language's lock; a language without one has recorded nothing yet.
    pub fn load(project: &Project, lang: &str) -> Result<Lock, Diagnostic> {
        let path = Self::path(lang);
        let Some(text) = project.read_text_if_exists(&path)? else { return Ok(Lock::default()) };
        let mut lock: Lock = toml::from_str(&text).map_err(|e| {
            let at = match e.span() {
                Some(span) => Location::span(&path, &text, span),
                None => Location::file(&path),
            };
            Diagnostic::error(format!("unreadable lock file: {}", e.message().trim()))
                .at(at)
                .hint(format!("delete it and run `folio sync --lang {lang}` to record the translations again"))
        })?;
        for pivot in &lock.pivots {
            // Syntax errors are `folio check`'s business; whatever parsed is compared.
            let (catalog, _) = Catalog::load(project, pivot).map_err(|d| {
                d.at(Location::file(&path))
                    .hint(format!("{} names `{pivot}` as a pivot of `{lang}`; its bundle must exist", path.display()))
            })?;
            lock.current.insert(pivot.clone(), hashes(&catalog));
        }
        Ok(lock)
    }

    /// The entry recording translation `m` of source message `sm` as they and the pivots'
    /// messages are now.
    pub fn entry(&self, sm: &ast::Message<&str>, m: &ast::Message<&str>) -> LockEntry {
        let mut entry = LockEntry::of(sm, m);
        for (pivot, now) in &self.current {
            if let Some(hash) = now.get(sm.id.name) {
                entry.refs.insert(pivot.clone(), hash.clone());
            }
        }
        entry
    }

    /// The pivots whose message changed (or was withdrawn) since `entry` was recorded.
    pub fn changed_pivots<'a>(&self, id: &str, entry: &'a LockEntry) -> Vec<&'a str> {
        entry
            .refs
            .iter()
            .filter(|(pivot, was)| self.current.get(*pivot).is_some_and(|now| now.get(id) != Some(*was)))
            .map(|(pivot, _)| pivot.as_str())
            .collect()
    }

    /// Whether `entry` was recorded from another version of source message `sm` or of a
    /// pivot's message.
    pub fn is_stale(&self, sm: &ast::Message<&str>, entry: &LockEntry) -> bool {
        entry.source != message_hash(sm) || !self.changed_pivots(sm.id.name, entry).is_empty()
    }

    /// Whether translation `m` of source message `sm` is approved as they are now: the
    /// approval names both versions and the translation is not outdated by a pivot.
    pub fn is_approved(&self, sm: &ast::Message<&str>, m: &ast::Message<&str>) -> bool {
        self.messages.get(sm.id.name).is_some_and(|entry| {
            entry.approved.as_ref().is_some_and(|a| a.source == message_hash(sm) && a.translation == message_hash(m))
                && !self.is_stale(sm, entry)
        })
    }

    /// Records that `by` approved translation `m` of source message `sm` as they are now.
    /// An outdated translation approved is up to date again: the reviewer found that it
    /// needs no change. A translation filled from a memory is reviewed.
    pub fn approve(&mut self, sm: &ast::Message<&str>, m: &ast::Message<&str>, by: &str) {
        let entry = self.entry(sm, m);
        let approval = Approval { by: by.to_string(), source: entry.source.clone(), translation: entry.translation.clone() };
        self.messages.insert(sm.id.name.to_string(), LockEntry { approved: Some(approval), ..entry });
    }

    /// Whether the recorded translation of source message `sm` is outdated.
    pub fn is_outdated(&self, sm: &ast::Message<&str>) -> bool {
        self.messages.get(sm.id.name).is_some_and(|entry| self.is_stale(sm, entry))
    }

    /// The file's text: one line per message, sorted, so that diffs stay small.
    pub fn to_toml(&self, lang: &str, source_lang: &str) -> String {
        let mut out = format!(
            "# Which version of each `{source_lang}` source message the `{lang}` translation was made from.\n\
             # Written by `folio sync --lang {lang}`; commit it with the translation, do not edit it.\n\n"
        );
        if !self.pivots.is_empty() {
            let quoted: Vec<String> = self.pivots.iter().map(|p| format!("\"{p}\"")).collect();
            out.push_str(&format!("# Translated from these languages too: a change in theirs makes a translation outdated.\npivots = [{}]\n\n", quoted.join(", ")));
        }
        out.push_str("[messages]\n");
        for (id, entry) in &self.messages {
            out.push_str(&format!("{id} = {{ source = \"{}\", translation = \"{}\"", entry.source, entry.translation));
            if !entry.refs.is_empty() {
                let refs: Vec<String> = entry.refs.iter().map(|(pivot, hash)| format!("{pivot} = \"{hash}\"")).collect();
                out.push_str(&format!(", refs = {{ {} }}", refs.join(", ")));
            }
            if let Some(text) = &entry.text {
                // A TOML basic string: quotes, backslashes and line breaks escaped.
                out.push_str(&format!(", text = {}", toml::Value::String(text.clone())));
            }
            if entry.needs_review {
                out.push_str(", needs-review = true");
            }
            if let Some(a) = &entry.approved {
                out.push_str(&format!(
                    ", approved = {{ by = {}, source = \"{}\", translation = \"{}\" }}",
                    toml::Value::String(a.by.clone()),
                    a.source,
                    a.translation
                ));
            }
            out.push_str(" }\n");
        }
        out
    }
}

/// The hash of every translated message of a bundle.
fn hashes(catalog: &Catalog) -> HashMap<String, String> {
    let parsed = Parsed::new(catalog);
    (0..parsed.trees.len())
        .flat_map(|f| parsed.file_messages(f))
        .filter(|m| !is_placeholder(m))
        .map(|m| (m.id.name.to_string(), message_hash(m)))
        .collect()
}

/// A message as its bundle spells it, without the id and on one line: what a reviewer
/// compares with the source as it is now.
pub fn source_text(message: &ast::Message<&str>) -> String {
    let entry = canonical(message);
    let value = entry.split_once('=').map_or(entry.as_str(), |(_, v)| v);
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short hash of a message's value and attributes in canonical form: reformatting the
/// file or editing comments does not change it.
pub fn message_hash(message: &ast::Message<&str>) -> String {
    Sha256::digest(canonical(message).as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The message as Fluent's serializer writes it, without its comment.
fn canonical(message: &ast::Message<&str>) -> String {
    fluent_syntax::serializer::serialize(&ast::Resource {
        body: vec![ast::Entry::Message(ast::Message { comment: None, ..message.clone() })],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_message(text: &str) -> String {
        let res = fluent_syntax::parser::parse(text).unwrap();
        match &res.body[0] {
            ast::Entry::Message(m) => message_hash(m),
            _ => unreachable!("the test text starts with a message"),
        }
    }

    #[test]
    fn hash_ignores_layout_and_comments() {
        let a = first_message("hello = 你好{ $x }\n");
        assert_eq!(a, first_message("# note\nhello =\n    你好{$x}\n"));
        assert_ne!(a, first_message("hello = 您好{ $x }\n"));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn lock_round_trips() {
        let mut lock = Lock::default();
        lock.messages.insert("a-b".into(), LockEntry { source: "01".into(), translation: "02".into(), refs: BTreeMap::new(), text: None, needs_review: true, approved: None });
        let tricky = "引号\"与\\反斜杠 { $x }\n第二行 ' #";
        lock.messages.insert("c".into(), LockEntry {
            source: "03".into(),
            translation: "04".into(),
            refs: BTreeMap::from([("en".into(), "05".into()), ("pt-BR".into(), "06".into())]),
            text: Some(tricky.into()),
            needs_review: false,
            approved: Some(Approval { by: "Анна \"А.\" Иванова".into(), source: "03".into(), translation: "04".into() }),
        });
        lock.pivots = vec!["en".into(), "pt-BR".into()];
        let text = lock.to_toml("de", "zh");
        assert_eq!(text.lines().filter(|l| l.starts_with("c = ")).count(), 1, "one line per message:\n{text}");
        assert!(text.contains("\npivots = [\"en\", \"pt-BR\"]\n"), "{text}");
        let back: Lock = toml::from_str(&text).unwrap();
        assert_eq!(back.messages, lock.messages);
        assert_eq!(back.pivots, lock.pivots);
    }

    #[test]
    fn old_locks_load_unchanged() {
        let old = "# Which version…\n\n[messages]\na = { source = \"01\", translation = \"02\" }\nb = { source = \"03\", translation = \"04\", text = \"文\" }\n";
        let lock: Lock = toml::from_str(old).unwrap();
        assert!(lock.pivots.is_empty());
        assert_eq!(lock.messages["a"], LockEntry { source: "01".into(), translation: "02".into(), refs: BTreeMap::new(), text: None, needs_review: false, approved: None });
        assert_eq!(lock.to_toml("ru", "zh").lines().skip(3).collect::<Vec<_>>(), ["[messages]", "a = { source = \"01\", translation = \"02\" }", "b = { source = \"03\", translation = \"04\", text = \"文\" }"]);
    }

    #[test]
    fn a_changed_pivot_makes_a_translation_outdated() {
        let res = fluent_syntax::parser::parse("m = 文\n").unwrap();
        let ast::Entry::Message(sm) = &res.body[0] else { unreachable!("a message") };
        let mut lock = Lock::with_pivots(&["en".into()]);
        lock.current.insert("en".into(), HashMap::from([("m".to_string(), "e1".to_string())]));
        let entry = lock.entry(sm, sm);
        assert_eq!(entry.refs, BTreeMap::from([("en".to_string(), "e1".to_string())]));
        lock.messages.insert("m".into(), entry.clone());
        assert!(!lock.is_outdated(sm));
        lock.current.insert("en".into(), HashMap::from([("m".to_string(), "e2".to_string())]));
        assert!(lock.is_outdated(sm));
        assert_eq!(lock.changed_pivots("m", &entry), ["en"]);
        // A message the pivot no longer translates is a change too.
        lock.current.insert("en".into(), HashMap::new());
        assert!(lock.is_outdated(sm));
    }

    fn message<'a>(res: &'a ast::Resource<&'a str>, i: usize) -> &'a ast::Message<&'a str> {
        match &res.body[i] {
            ast::Entry::Message(m) => m,
            _ => unreachable!("a message"),
        }
    }

    #[test]
    fn an_approval_holds_until_the_source_or_the_translation_changes() {
        let (zh, ru) = (fluent_syntax::parser::parse("m = 2401\n").unwrap(), fluent_syntax::parser::parse("m = 2401\n").unwrap());
        let (sm, m) = (message(&zh, 0), message(&ru, 0));
        let mut lock = Lock::default();
        lock.messages.insert("m".into(), LockEntry { needs_review: true, ..lock.entry(sm, m) });
        assert!(!lock.is_approved(sm, m));
        lock.approve(sm, m, "reviewer");
        assert!(lock.is_approved(sm, m));
        assert!(!lock.messages["m"].needs_review, "approved is reviewed");
        let back: Lock = toml::from_str(&lock.to_toml("ru", "zh")).unwrap();
        assert_eq!(back.messages, lock.messages);
        let changed = fluent_syntax::parser::parse("m = 2402\n").unwrap();
        assert!(!lock.is_approved(message(&changed, 0), m), "a new source");
        assert!(lock.is_outdated(message(&changed, 0)));
        assert!(!lock.is_approved(sm, message(&changed, 0)), "a new translation");
    }

    #[test]
    fn source_text_is_the_value_on_one_line() {
        let res = fluent_syntax::parser::parse("# c\nhello =\n    你好{$x}\n    第二行\n").unwrap();
        let ast::Entry::Message(m) = &res.body[0] else { unreachable!("a message") };
        assert_eq!(source_text(m), "你好{ $x } 第二行");
    }
}
