//! The translation lock, `locales/<lang>/.folio-lock.toml`: for each translated message, a
//! hash of the source message it was translated from and of the translation itself. When
//! the source hash no longer matches, the translation is outdated. The file lives beside the
//! bundle it describes (so it moves and is committed with it), is hidden because translators
//! never edit it, and is not a `.ftl` file, so bundles never load it. `folio sync` writes it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use fluent_syntax::ast;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Location};
use crate::project::Project;

pub const LOCK_FILE: &str = ".folio-lock.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    #[serde(default)]
    pub messages: BTreeMap<String, LockEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockEntry {
    /// Hash of the source message when the translation was recorded.
    pub source: String,
    /// Hash of the translation when it was recorded.
    pub translation: String,
    /// The source message's text when the translation was recorded, so that the review
    /// edition can show what changed since (locks written before folio kept it have none).
    #[serde(default)]
    pub text: Option<String>,
    /// Filled from a translation memory (`folio tm import`) and not reviewed since: shown
    /// as such until the translation is edited or approved.
    #[serde(default, rename = "needs-review")]
    pub needs_review: bool,
}

impl LockEntry {
    /// The entry of a translation `m` of the source message `sm` as they are now.
    pub fn of(sm: &ast::Message<&str>, m: &ast::Message<&str>) -> Self {
        Self { source: message_hash(sm), translation: message_hash(m), text: Some(source_text(sm)), needs_review: false }
    }
}

impl Lock {
    /// The lock's path relative to the project.
    pub fn path(lang: &str) -> PathBuf {
        PathBuf::from("locales").join(lang).join(LOCK_FILE)
    }

    /// Reads a language's lock; a language without one has recorded nothing yet.
    pub fn load(project: &Project, lang: &str) -> Result<Lock, Diagnostic> {
        let path = Self::path(lang);
        let text = match std::fs::read_to_string(project.root.join(&path)) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Lock::default()),
            Err(e) => return Err(Diagnostic::error(format!("{}: {e}", path.display()))),
        };
        toml::from_str(&text).map_err(|e| {
            let at = match e.span() {
                Some(span) => Location::span(&path, &text, span),
                None => Location::file(&path),
            };
            Diagnostic::error(format!("unreadable lock file: {}", e.message().trim()))
                .at(at)
                .hint(format!("delete it and run `folio sync --lang {lang}` to record the translations again"))
        })
    }

    /// The file's text: one line per message, sorted, so that diffs stay small.
    pub fn to_toml(&self, lang: &str, source_lang: &str) -> String {
        let mut out = format!(
            "# Which version of each `{source_lang}` source message the `{lang}` translation was made from.\n\
             # Written by `folio sync --lang {lang}`; commit it with the translation, do not edit it.\n\n[messages]\n"
        );
        for (id, entry) in &self.messages {
            out.push_str(&format!("{id} = {{ source = \"{}\", translation = \"{}\"", entry.source, entry.translation));
            if let Some(text) = &entry.text {
                // A TOML basic string: quotes, backslashes and line breaks escaped.
                out.push_str(&format!(", text = {}", toml::Value::String(text.clone())));
            }
            if entry.needs_review {
                out.push_str(", needs-review = true");
            }
            out.push_str(" }\n");
        }
        out
    }
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
        lock.messages.insert("a-b".into(), LockEntry { source: "01".into(), translation: "02".into(), text: None, needs_review: true });
        let tricky = "引号\"与\\反斜杠 { $x }\n第二行 ' #";
        lock.messages.insert("c".into(), LockEntry { source: "03".into(), translation: "04".into(), text: Some(tricky.into()), needs_review: false });
        let text = lock.to_toml("ru", "zh");
        assert_eq!(text.lines().filter(|l| l.starts_with("c = ")).count(), 1, "one line per message:\n{text}");
        let back: Lock = toml::from_str(&text).unwrap();
        assert_eq!(back.messages, lock.messages);
    }

    #[test]
    fn source_text_is_the_value_on_one_line() {
        let res = fluent_syntax::parser::parse("# c\nhello =\n    你好{$x}\n    第二行\n").unwrap();
        let ast::Entry::Message(m) = &res.body[0] else { unreachable!("a message") };
        assert_eq!(source_text(m), "你好{ $x } 第二行");
    }
}
