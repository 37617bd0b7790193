//! Writing new targets into a translation's bundle files: only the messages that change
//! are rewritten (comments, order and layout of everything else stay byte for byte), a
//! message missing from a file is inserted where the source has it, and every rewritten
//! message is parsed back and compared with what was meant before anything is written.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use fluent_syntax::ast;
use fluent_syntax::parser;

use super::segment::Segment;
use super::{Rejection, Unit, Units, key_name};
use crate::i18n::definitions;
use crate::i18n::lint::Parsed;
use crate::i18n::scaffold::{apply_edits, entry_range, insertion_offset};

/// A unit's new translation.
pub struct Change<'u> {
    pub unit: &'u Unit,
    pub target: Segment,
}

/// The bundle files to write, and the messages they now hold.
pub struct Rewrite {
    pub files: Vec<(PathBuf, String)>,
    /// Ids of the rewritten messages.
    pub messages: Vec<String>,
    /// Messages that could not be written: (id, why).
    pub rejected: Vec<(String, Rejection)>,
}

/// Rewrites the messages that `changes` touch in the translation `target` (parsed from its
/// files), in the order of the report's source language `origin`.
pub fn rewrite(units: &Units, changes: &[Change], origin: &Parsed, target: &Parsed) -> Rewrite {
    let mut by_message: BTreeMap<&str, HashMap<String, &Segment>> = BTreeMap::new();
    for c in changes {
        by_message.entry(c.unit.message.as_str()).or_default().insert(c.unit.id(), &c.target);
    }
    let mut out = Rewrite { files: Vec::new(), messages: Vec::new(), rejected: Vec::new() };
    let mut edits: BTreeMap<PathBuf, Vec<(std::ops::Range<usize>, String)>> = BTreeMap::new();
    for (path, file_units) in &units.files {
        let text = target.files.iter().find(|f| &f.path == path).map_or("", |f| f.text.as_str());
        let starts: HashMap<String, usize> = definitions(text).into_iter().collect();
        for (id, new) in &by_message {
            let mine: Vec<&Unit> = file_units.iter().filter(|u| u.message == *id).collect();
            if mine.is_empty() {
                continue;
            }
            let entry = match message_text(id, &mine, new) {
                Ok(entry) => entry,
                Err(why) => {
                    out.rejected.push((id.to_string(), why));
                    continue;
                }
            };
            let range = match starts.get(*id) {
                Some(&at) => entry_range(text, at),
                None => {
                    let f = origin.files.iter().position(|f| f.path.file_name() == path.file_name());
                    let ids: Vec<&str> = f.map(|f| origin.file_messages(f).map(|m| m.id.name).collect()).unwrap_or_default();
                    let before = ids.iter().position(|i| i == id).map_or(&ids[..0], |i| &ids[..i]);
                    let at = insertion_offset(text, before.iter().rev().copied());
                    at..at
                }
            };
            edits.entry(path.clone()).or_default().push((range, entry));
            out.messages.push(id.to_string());
        }
    }
    for (path, edits) in edits {
        let text = target.files.iter().find(|f| f.path == path).map_or("", |f| f.text.as_str());
        out.files.push((path, apply_edits(text, edits)));
    }
    out
}

/// The entry of message `id` (`id = …` and its attributes, ending in a newline) from its
/// units, each with its new target or else its current one.
fn message_text<'u>(id: &str, units: &[&'u Unit], new: &HashMap<String, &'u Segment>) -> Result<String, Rejection> {
    let mut value: Option<String> = None;
    let mut attributes: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let first = units[i];
        let part: Vec<&Unit> = units[i..].iter().copied().take_while(|u| u.attribute == first.attribute).collect();
        i += part.len();
        let target = |u: &'u Unit| new.get(&u.id()).copied().or(u.target.as_ref());
        let text = if first.variant.is_none() {
            match target(first) {
                Some(t) => t.to_fluent(),
                None => return Err(untranslated(first)),
            }
        } else {
            let selector = &first.variant.as_ref().expect("a variant").selector;
            let mut text = format!("{{ {selector} ->\n");
            for u in &part {
                let v = u.variant.as_ref().expect("units of a selection are variants");
                let Some(t) = target(u) else { return Err(untranslated(u)) };
                let value = t.to_fluent().replace('\n', "\n    ");
                text.push_str(&format!("{}[{}] {}\n", if v.default { "   *" } else { "    " }, v.key, value.trim_start_matches(' ')));
            }
            text.push('}');
            text
        };
        match &first.attribute {
            None => value = Some(text),
            Some(a) => attributes.push((a.clone(), text)),
        }
    }
    let mut entry = match &value {
        Some(v) => format!("{id} = {}", v.trim_start_matches(' ')),
        None => format!("{id} ="),
    };
    for (name, v) in &attributes {
        entry.push_str(&format!("\n    .{name} = {}", v.replace('\n', "\n    ").trim_start_matches(' ')));
    }
    entry.push('\n');
    check(&entry, units, new)?;
    Ok(entry)
}

fn untranslated(unit: &Unit) -> Rejection {
    Rejection::Untranslated { unit: unit.id() }
}

/// The entry parses as one message whose parts are exactly the targets meant.
fn check(entry: &str, units: &[&Unit], new: &HashMap<String, &Segment>) -> Result<(), Rejection> {
    let fail = || Rejection::Unwritable { entry: entry.to_string() };
    let res = parser::parse(entry).map_err(|_| fail())?;
    let [ast::Entry::Message(m)] = res.body.as_slice() else { return Err(fail()) };
    for u in units {
        let pattern = match &u.attribute {
            None => m.value.as_ref(),
            Some(a) => m.attributes.iter().find(|x| x.id.name == a).map(|x| &x.value),
        };
        let Some(pattern) = pattern else { return Err(fail()) };
        let got = match (&u.variant, pattern.elements.as_slice()) {
            (None, _) => Segment::of(pattern),
            (Some(v), [ast::PatternElement::Placeable { expression: ast::Expression::Select { variants, .. } }]) => {
                match variants.iter().find(|x| key_name(&x.key) == v.key) {
                    Some(x) => Segment::of(&x.value),
                    None => return Err(fail()),
                }
            }
            _ => return Err(fail()),
        };
        let meant = new.get(&u.id()).copied().or(u.target.as_ref());
        if Some(&got) != meant {
            return Err(fail());
        }
    }
    Ok(())
}
