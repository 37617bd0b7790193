//! What `folio check` finds in a bundle beyond syntax and duplicates: a translation
//! compared with the source language (missing, untranslated, obsolete, outdated messages;
//! variables and footnotes), references to messages, terms and term variants, plural
//! variants against the language's CLDR categories, and typography. Works on the Fluent
//! syntax tree, whose strings are slices of the file text, so each finding has a position.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{self, Expression, InlineExpression, PatternElement};
use fluent_syntax::parser;
use icu_plurals::{PluralCategory, PluralRules};

use super::lock::{Lock, message_hash};
use super::scaffold::{insertion_offset, is_placeholder, raw_value};
use super::{Catalog, FtlFile};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::text::is_cjk;

/// Functions the bundles provide (see `Catalog::load`).
const FUNCTIONS: &[&str] = &["NUMBER", "HANZI"];

/// A bundle's files as syntax trees, with an index of messages and terms.
pub struct Parsed<'a> {
    pub lang: &'a str,
    pub files: &'a [FtlFile],
    pub trees: Vec<ast::Resource<&'a str>>,
    /// Message ids and term names (without `-`) to (file, entry) of their first definition.
    messages: HashMap<&'a str, (usize, usize)>,
    terms: HashMap<&'a str, (usize, usize)>,
}

impl<'a> Parsed<'a> {
    pub fn new(catalog: &'a Catalog) -> Self {
        let trees: Vec<_> = catalog
            .files
            .iter()
            .map(|f| parser::parse(f.text.as_str()).unwrap_or_else(|(partial, _)| partial))
            .collect();
        let (mut messages, mut terms) = (HashMap::new(), HashMap::new());
        for (f, tree) in trees.iter().enumerate() {
            for (e, entry) in tree.body.iter().enumerate() {
                match entry {
                    ast::Entry::Message(m) => {
                        messages.entry(m.id.name).or_insert((f, e));
                    }
                    ast::Entry::Term(t) => {
                        terms.entry(t.id.name).or_insert((f, e));
                    }
                    _ => {}
                }
            }
        }
        Self { lang: &catalog.lang, files: &catalog.files, trees, messages, terms }
    }

    /// The first definition of a message, with its file's index.
    pub fn message(&self, id: &str) -> Option<(usize, &ast::Message<&'a str>)> {
        let &(f, e) = self.messages.get(id)?;
        match &self.trees[f].body[e] {
            ast::Entry::Message(m) => Some((f, m)),
            _ => None,
        }
    }

    pub fn term(&self, name: &str) -> Option<&ast::Term<&'a str>> {
        let &(f, e) = self.terms.get(name)?;
        match &self.trees[f].body[e] {
            ast::Entry::Term(t) => Some(t),
            _ => None,
        }
    }

    /// Each file's messages in order (first definitions only: duplicates are reported apart).
    pub fn file_messages(&self, f: usize) -> impl Iterator<Item = &ast::Message<&'a str>> {
        self.trees[f].body.iter().filter_map(move |entry| match entry {
            ast::Entry::Message(m) if self.messages.get(m.id.name).is_some_and(|&(first, _)| first == f) => Some(m),
            _ => None,
        })
    }

    fn file_named(&self, name: &std::ffi::OsStr) -> Option<usize> {
        self.files.iter().position(|f| f.path.file_name() == Some(name))
    }

    /// The location of `part`, a slice of file `f`, widened by `before` bytes (the `$` or
    /// `-` that the syntax tree leaves out of names).
    fn locate(&self, f: usize, part: &str, before: usize) -> Location {
        let file = &self.files[f];
        let start = offset(&file.text, part).saturating_sub(before);
        Location::span(&file.path, &file.text, start..start + before + part.len())
    }

    /// The text of a message as written, shortened to one line for a hint; `id` must be
    /// the message's id as a slice of file `f` (it gives the position).
    fn excerpt(&self, f: usize, id: &str) -> String {
        let text = &self.files[f].text;
        let value = raw_value(text, offset(text, id));
        let line: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
        match line.char_indices().nth(60) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line,
        }
    }

    /// `file:line:col` of `id`, a slice of file `f`.
    pub fn position(&self, f: usize, id: &str) -> String {
        self.locate(f, id, 0).to_string()
    }
}

/// Byte offset of `part` in `text` when it is a slice of it (every string of the tree is).
fn offset(text: &str, part: &str) -> usize {
    let (base, at) = (text.as_ptr() as usize, part.as_ptr() as usize);
    if at >= base && at + part.len() <= base + text.len() { at - base } else { 0 }
}

/// The findings, and the messages with errors: the resolver would repeat those.
#[derive(Default)]
pub struct Lint {
    pub diags: Diagnostics,
    pub flagged: HashSet<String>,
    /// Messages not translated yet and missing ones (errors): apart, because a language in
    /// progress only counts them.
    pub untranslated: Diagnostics,
}

/// What a bundle is compared with.
pub struct Context<'s, 'a> {
    /// The source language's bundle; `None` when linting the source itself.
    pub source: Option<&'s Parsed<'a>>,
    pub lock: &'s Lock,
    /// Footnote ids of the model: variables with these names are footnote references.
    pub footnotes: &'s HashSet<String>,
}

pub fn lint(target: &Parsed, cx: &Context) -> Lint {
    let mut out = Lint::default();
    let plurals = PluralSet::of(target.lang);
    let renames: HashMap<&str, &str> =
        cx.source.map(|source| renames(target, source).into_iter().collect()).unwrap_or_default();
    for (f, tree) in target.trees.iter().enumerate() {
        for entry in &tree.body {
            match entry {
                ast::Entry::Message(m) if target.message(m.id.name).is_some_and(|(first, _)| first == f) => {
                    let before = out.diags.0.len();
                    lint_message(target, cx, f, m, &renames, &plurals, &mut out.diags, &mut out.untranslated);
                    if is_placeholder(m) || out.diags.0[before..].iter().any(Diagnostic::is_error) {
                        out.flagged.insert(m.id.name.to_string());
                    }
                }
                ast::Entry::Term(t) => {
                    for pattern in std::iter::once(&t.value).chain(t.attributes.iter().map(|a| &a.value)) {
                        lint_pattern(target, f, pattern, &plurals, &mut out.diags);
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(source) = cx.source {
        let renamed: HashSet<&str> = renames.values().copied().collect();
        missing(target, source, &renamed, &mut out.untranslated);
        glossary(target, source, &mut out.diags);
    }
    for diags in [&mut out.diags, &mut out.untranslated] {
        diags.0.sort_by_key(|d| d.location.as_ref().map(|l| (l.file.clone(), l.line, l.column)));
    }
    out
}

/// Likely renames, as (id in the translation, source id): a translated message the source
/// lacks whose id is a near miss (see [`super::similar`]) of a source message the
/// translation lacks or holds only as a placeholder. Such a pair is one mistake, an id
/// mistyped or renamed in the source, not an obsolete translation plus a missing one:
/// `check` reports it once and `sync` keeps the translation. Each id is paired once, the
/// closest first; ids of different chapters never (a chapter dropped and one added).
pub fn renames<'a>(target: &Parsed<'a>, source: &Parsed<'a>) -> Vec<(&'a str, &'a str)> {
    let obsolete: Vec<&str> = (0..target.files.len())
        .flat_map(|f| target.file_messages(f))
        .filter(|m| source.message(m.id.name).is_none() && !is_placeholder(m))
        .map(|m| m.id.name)
        .collect();
    if obsolete.is_empty() {
        return Vec::new();
    }
    let lacking: Vec<&str> = (0..source.files.len())
        .flat_map(|f| source.file_messages(f))
        .map(|sm| sm.id.name)
        .filter(|id| target.message(id).is_none_or(|(_, m)| is_placeholder(m)))
        .collect();
    let mut pairs: Vec<(usize, &str, &str)> = obsolete
        .iter()
        .flat_map(|&o| lacking.iter().map(move |&w| (o, w)))
        .filter(|(o, w)| super::chapter(o) == super::chapter(w))
        .filter_map(|(o, w)| Some((super::distance(o, w)?, o, w)))
        .collect();
    pairs.sort();
    let (mut taken, mut out) = (HashSet::new(), Vec::new());
    for (_, o, w) in pairs {
        if !taken.contains(o) && !taken.contains(w) {
            taken.extend([o, w]);
            out.push((o, w));
        }
    }
    out
}

fn lint_message(
    target: &Parsed,
    cx: &Context,
    f: usize,
    m: &ast::Message<&str>,
    renames: &HashMap<&str, &str>,
    plurals: &PluralSet,
    diags: &mut Diagnostics,
    untranslated: &mut Diagnostics,
) {
    let id = m.id.name;
    let at = || target.locate(f, id, 0);
    let renamed = renames.get(id).copied();
    // A message paired with its likely new id is compared with that source message.
    let source = cx.source.and_then(|s| s.message(renamed.unwrap_or(id)).map(|(sf, sm)| (s, sf, sm)));
    match (cx.source, renamed, source) {
        (Some(s), Some(new), Some((_, sf, _))) => {
            let placeholder = target.message(new).map(|(tf, tm)| target.position(tf, tm.id.name));
            diags.push(
                Diagnostic::error(format!("`{id}` is not a source message: did you mean `{new}`? (rename it)"))
                    .at(at())
                    .hint(format!(
                        "the source has `{new}` at {} ({}); change the id here to `{new}`{}. `folio sync` keeps this translation meanwhile",
                        s.position(sf, new),
                        s.excerpt(sf, new),
                        placeholder.map_or(String::new(), |p| format!(" and delete the empty `{new} = {{ \"\" }}` at {p}"))
                    )),
            );
        }
        (Some(_), _, None) => diags.push(
            Diagnostic::warning(format!("obsolete message `{id}`: the source no longer has it"))
                .at(at())
                .hint("no edition uses it any more (`folio sync` marks it); if the source renamed it, change the id here to the new one"),
        ),
        _ => {}
    }
    if is_placeholder(m) {
        // The translation of a renamed message is elsewhere: reported at the old id above.
        if renames.values().any(|&new| new == id) {
            return;
        }
        let hint = match source {
            Some((s, sf, sm)) => format!("the source reads: {}", s.excerpt(sf, sm.id.name)),
            None => "replace `{ \"\" }` with the text".to_string(),
        };
        untranslated.push(Diagnostic::error(format!("message `{id}` is not translated yet")).at(at()).hint(hint));
        return;
    }
    for pattern in m.value.iter().chain(m.attributes.iter().map(|a| &a.value)) {
        lint_pattern(target, f, pattern, plurals, diags);
    }
    let Some((s, sf, sm)) = source else { return };
    if is_placeholder(sm) {
        return;
    }
    compare_variables(target, f, m, sm, cx.footnotes, diags);
    if let Some(entry) = cx.lock.messages.get(id).filter(|entry| cx.lock.is_stale(sm, entry)) {
        let pivots = cx.lock.changed_pivots(id, entry).join("`, `");
        let what = match (pivots.is_empty(), entry.source == message_hash(sm)) {
            (true, _) => "its source changed".to_string(),
            (false, true) => format!("its `{pivots}` text changed"),
            (false, false) => format!("its source and its `{pivots}` text changed"),
        };
        diags.push(
            Diagnostic::warning(format!("message `{id}` is outdated: {what} since it was translated")).at(at()).hint(format!(
                "the source now reads: {}; revise the translation, then run `folio sync --lang {}` (or add `--accept {id}` if it needs no change)",
                s.excerpt(sf, sm.id.name),
                target.lang
            )),
        );
    }
}

/// Source messages the translation lacks: one error per message where it would go, or one
/// per file when the whole file is missing.
fn missing(target: &Parsed, source: &Parsed, renamed: &HashSet<&str>, diags: &mut Diagnostics) {
    // A message lost in a syntax error is reported as that error, not again as missing.
    let broken: HashSet<String> = target
        .trees
        .iter()
        .flat_map(|tree| &tree.body)
        .filter_map(|entry| match entry {
            ast::Entry::Junk { content } => Some(super::definitions(content).into_iter().map(|(id, _)| id)),
            _ => None,
        })
        .flatten()
        .collect();
    for (sf, file) in source.files.iter().enumerate() {
        let ids: Vec<&str> = source.file_messages(sf).map(|m| m.id.name).collect();
        let lacking: Vec<usize> =
            (0..ids.len()).filter(|&i| target.message(ids[i]).is_none() && !broken.contains(ids[i]) && !renamed.contains(ids[i])).collect();
        if lacking.is_empty() {
            continue;
        }
        let name = file.path.file_name().unwrap_or_default();
        let path = PathBuf::from("locales").join(target.lang).join(name);
        let Some(tf) = target.file_named(name) else {
            diags.push(
                Diagnostic::error(format!(
                    "missing file: {} message(s) of {} are not translated",
                    lacking.len(),
                    file.path.display()
                ))
                .at(Location::file(&path))
                .hint(format!("`folio sync --lang {}` creates it with every message to translate", target.lang)),
            );
            continue;
        };
        let text = &target.files[tf].text;
        for i in lacking {
            let at = insertion_offset(text, ids[..i].iter().rev().copied());
            let line = text[..at].matches('\n').count() + 1;
            diags.push(
                Diagnostic::error(format!("missing message `{}`", ids[i]))
                    .at(Location { file: path.clone(), line: Some(line), column: Some(1), excerpt: None })
                    .hint(format!(
                        "the source has it at {} ({}); `folio sync --lang {}` inserts it here",
                        source.position(sf, ids[i]),
                        source.excerpt(sf, ids[i]),
                        target.lang
                    )),
            );
        }
    }
}

/// The comment that exempts a message from the glossary check; a reason must follow.
const EXEMPT: &str = "glossary-exempt";

/// The glossary check: where the source message uses a term, the translation must
/// reference it (any variant). The source uses a term when it references a term the
/// translation also defines (a source with terms, such as an `en` pivot), or when its text
/// contains a source-language form recorded in the translation's glossary by a comment
/// line above the term, `# zh: 上海合作组织, 上合组织`. A form listed on several terms
/// (`-sco`, `-sco-short`) is satisfied by any of them. Text in 《》 is a title quoted as a
/// whole: only a form written with its 《》 matches there. A message that rightly does
/// without a term says why in a `# glossary-exempt: <reason>` comment directly above it.
fn glossary<'a>(target: &Parsed<'a>, source: &Parsed<'a>, diags: &mut Diagnostics) {
    let forms = glossary_forms(target, source.lang);
    for (f, tree) in target.trees.iter().enumerate() {
        for entry in &tree.body {
            match entry {
                ast::Entry::Message(m) if target.message(m.id.name).is_some_and(|(first, _)| first == f) => {
                    let Some((sf, sm)) = source.message(m.id.name) else { continue };
                    if is_placeholder(m) || is_placeholder(sm) {
                        continue;
                    }
                    glossary_message(target, f, m, source, sf, sm, &forms, diags);
                }
                // A comment apart from any message (a blank line in between) exempts nothing.
                ast::Entry::Comment(c) => {
                    for line in c.content.iter().filter(|l| l.trim_start().starts_with(EXEMPT)) {
                        diags.push(
                            Diagnostic::warning(format!("`# {EXEMPT}` is not attached to a message"))
                                .at(target.locate(f, line, 0))
                                .hint("put it directly above the message it exempts, without a blank line"),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

/// Source-language forms of the translation's terms, from their `# <source>: …` comment
/// lines: each form with the terms that translate it, titles in 《》 first, then longest first.
fn glossary_forms<'a>(target: &Parsed<'a>, source_lang: &str) -> Vec<(&'a str, Vec<&'a str>)> {
    let mut forms: Vec<(&'a str, Vec<&'a str>)> = Vec::new();
    let prefix = format!("{source_lang}:");
    for entry in target.trees.iter().flat_map(|tree| &tree.body) {
        let ast::Entry::Term(t) = entry else { continue };
        let lines = t.comment.iter().flat_map(|c| &c.content);
        for list in lines.filter_map(|line| line.trim().strip_prefix(prefix.as_str())) {
            for form in list.split([',', '，']).map(str::trim).filter(|s| !s.is_empty()) {
                match forms.iter_mut().find(|(known, _)| *known == form) {
                    Some((_, terms)) => terms.push(t.id.name),
                    None => forms.push((form, vec![t.id.name])),
                }
            }
        }
    }
    forms.sort_by_key(|(form, _)| (!form.starts_with('《'), std::cmp::Reverse(form.len())));
    forms
}

/// Why a translation must use one of some terms: the source's reference to the term, or
/// the source-language form found in its text (a slice of the source file either way).
struct Expected<'a> {
    terms: Vec<&'a str>,
    found: &'a str,
    reference: bool,
}

#[allow(clippy::too_many_arguments)]
fn glossary_message<'a>(
    target: &Parsed<'a>,
    f: usize,
    m: &ast::Message<&'a str>,
    source: &Parsed<'a>,
    sf: usize,
    sm: &ast::Message<&'a str>,
    forms: &[(&'a str, Vec<&'a str>)],
    diags: &mut Diagnostics,
) {
    let mut expected: Vec<Expected> = Vec::new();
    for pattern in sm.value.iter().chain(sm.attributes.iter().map(|a| &a.value)) {
        walk(pattern, false, &mut |visit| {
            if let Visit::Expr(InlineExpression::TermReference { id, .. }, _) = visit
                && target.term(id.name).is_some()
                && !expected.iter().any(|e| e.terms == [id.name])
            {
                expected.push(Expected { terms: vec![id.name], found: id.name, reference: true });
            }
        });
        for element in &pattern.elements {
            if let PatternElement::TextElement { value } = element {
                for (form, terms) in forms_in(value, forms) {
                    if !expected.iter().any(|e| e.terms == *terms) {
                        expected.push(Expected { terms: terms.clone(), found: form, reference: false });
                    }
                }
            }
        }
    }
    let mut used: HashSet<&str> = HashSet::new();
    for pattern in m.value.iter().chain(m.attributes.iter().map(|a| &a.value)) {
        walk(pattern, false, &mut |visit| {
            if let Visit::Expr(InlineExpression::TermReference { id, .. }, _) = visit {
                used.insert(id.name);
            }
        });
    }
    expected.retain(|e| !e.terms.iter().any(|t| used.contains(t)));

    let exemption = m.comment.iter().flat_map(|c| &c.content).find(|l| l.trim_start().starts_with(EXEMPT));
    if let Some(line) = exemption {
        let reason = line.trim_start()[EXEMPT.len()..].trim_start().strip_prefix(':').map(str::trim).unwrap_or_default();
        let at = target.locate(f, line, 0);
        if reason.is_empty() {
            diags.push(
                Diagnostic::warning(format!("`# {EXEMPT}` without a reason exempts nothing"))
                    .at(at)
                    .hint(format!("write why the message does without the term: `# {EXEMPT}: <reason>`")),
            );
        } else if expected.is_empty() {
            diags.push(
                Diagnostic::warning(format!("message `{}` needs no glossary exemption", m.id.name))
                    .at(at)
                    .hint("it uses every glossary term its source calls for: delete the comment"),
            );
            return;
        } else {
            return;
        }
    }
    for e in expected {
        let names: Vec<String> = e.terms.iter().map(|t| format!("`-{t}`")).collect();
        let why = if e.reference {
            format!("the source references `-{}` at {}", e.found, source.locate(sf, e.found, 1))
        } else {
            format!("the source has {} at {}", e.found, source.locate(sf, e.found, 0))
        };
        let approved: Vec<String> = e.terms.iter().filter_map(|t| target.term(t).map(|term| approved(t, term))).collect();
        diags.push(
            Diagnostic::warning(format!("message `{}` does not use the glossary term {}", m.id.name, names.join(" or ")))
                .at(target.locate(f, m.id.name, 0))
                .hint(format!(
                    "{why}; the glossary translates it as {}; or, if this message must do without it, say why in `# {EXEMPT}: <reason>` directly above it",
                    approved.join(" or ")
                )),
        );
    }
}

/// The glossary's forms found in a text of the source, each once, with their terms; text in
/// 《》 is a quoted title that only a form with its 《》 matches.
fn forms_in<'t, 'f>(text: &'t str, forms: &'f [(&'f str, Vec<&'f str>)]) -> Vec<(&'t str, &'f Vec<&'f str>)> {
    let mut taken = vec![false; text.len()];
    let mut titles_taken = false;
    let mut found = Vec::new();
    for (form, terms) in forms {
        if !titles_taken && !form.starts_with('《') {
            let mut depth = 0usize;
            for (at, c) in text.char_indices() {
                depth += usize::from(c == '《');
                if depth > 0 {
                    taken[at..at + c.len_utf8()].fill(true);
                }
                depth = depth.saturating_sub(usize::from(c == '》'));
            }
            titles_taken = true;
        }
        for (at, _) in text.match_indices(form) {
            let span = at..at + form.len();
            if !taken[span.clone()].contains(&true) {
                taken[span.clone()].fill(true);
                if !found.iter().any(|(_, t)| *t == terms) {
                    found.push((&text[span], terms));
                }
            }
        }
    }
    found
}

/// How the glossary translates a term, for a hint: `{ -sco(case: "…") }` with its default
/// form and its variants, or `{ -brics }` (БРИКС).
fn approved(name: &str, term: &ast::Term<&str>) -> String {
    let cases = term_variants(term, "case");
    let default = match term.value.elements.as_slice() {
        [PatternElement::Placeable { expression: Expression::Select { variants, .. } }] => {
            variants.iter().find(|v| v.default).map(|v| &v.value)
        }
        _ => Some(&term.value),
    };
    let text: String = default
        .map(|p| {
            p.elements
                .iter()
                .map(|e| match e {
                    PatternElement::TextElement { value } => *value,
                    PatternElement::Placeable { .. } => "…",
                })
                .collect()
        })
        .unwrap_or_default();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if cases.is_empty() {
        format!("`{{ -{name} }}` ({text})")
    } else {
        format!("`{{ -{name}(case: \"…\") }}` ({text}; cases: {})", cases.join(", "))
    }
}

/// Variables of the source message that the translation lost or added, and footnotes
/// referenced more than once.
fn compare_variables(
    target: &Parsed,
    f: usize,
    m: &ast::Message<&str>,
    sm: &ast::Message<&str>,
    footnotes: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    let ours = variables(m);
    let theirs: BTreeSet<&str> = variables(sm).into_iter().map(|(name, _)| name).collect();
    let kind = |name: &str| if footnotes.contains(name) { "footnote" } else { "variable" };
    let have: BTreeSet<&str> = ours.iter().map(|(name, _)| *name).collect();
    let lost: Vec<&str> = theirs.difference(&have).copied().collect();
    // A misspelt variable is one mistake: reported where it is written, not again as missing.
    let mut meant: HashMap<&str, &str> = HashMap::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for &(name, in_variant) in &ours {
        if !theirs.contains(name) {
            let list: Vec<String> = theirs.iter().map(|v| format!("${v}")).collect();
            let unpaired = lost.iter().copied().filter(|v| !meant.values().any(|m| m == v));
            let diag = match meant.get(name).copied().or_else(|| super::similar(name, unpaired)) {
                Some(like) => {
                    meant.insert(name, like);
                    Diagnostic::error(format!("`${name}` is not a variable of the source message: did you mean `${like}`?"))
                        .hint(format!("the source message has {}", list.join(", ")))
                }
                None => Diagnostic::error(format!("`${name}` is not a variable of the source message")).hint(if list.is_empty() {
                    "the source message takes no variables; check the spelling, or take the placeable out".to_string()
                } else {
                    format!("the source message has {}", list.join(", "))
                }),
            };
            diags.push(diag.at(target.locate(f, name, 1)));
        } else if !in_variant && footnotes.contains(name) {
            let count = seen.entry(name).or_default();
            *count += 1;
            if *count == 2 {
                diags.push(
                    Diagnostic::error(format!("footnote `${name}` is referenced more than once"))
                        .at(target.locate(f, name, 1))
                        .hint("a footnote mark appears once: remove the extra reference"),
                );
            }
        }
    }
    for name in lost.iter().filter(|v| !meant.values().any(|m| m == *v)) {
        let hint = if footnotes.contains(*name) {
            format!("put `{{ ${name} }}` where the footnote mark belongs")
        } else {
            format!("keep `{{ ${name} }}`: folio fills it in")
        };
        diags.push(
            Diagnostic::error(format!("{} `${name}` of the source message is missing", kind(name)))
                .at(target.locate(f, m.id.name, 0))
                .hint(hint),
        );
    }
}

/// Variable references of a message (value and attributes), with whether each sits inside
/// a select variant.
fn variables<'a>(m: &ast::Message<&'a str>) -> Vec<(&'a str, bool)> {
    let mut out = Vec::new();
    for pattern in m.value.iter().chain(m.attributes.iter().map(|a| &a.value)) {
        walk(pattern, false, &mut |visit| {
            if let Visit::Expr(InlineExpression::VariableReference { id }, in_variant) = visit {
                out.push((id.name, in_variant));
            }
        });
    }
    out
}

/// References, plural variants and typography of one pattern.
fn lint_pattern(target: &Parsed, f: usize, pattern: &ast::Pattern<&str>, plurals: &PluralSet, diags: &mut Diagnostics) {
    walk(pattern, false, &mut |visit| match visit {
        Visit::Expr(expr, _) => lint_reference(target, f, expr, diags),
        Visit::Select(selector, variants) => plurals.check(target, f, selector, variants, diags),
    });
    typography(target, f, pattern, false, &mut QuoteState::default(), diags);
}

fn lint_reference(target: &Parsed, f: usize, expr: &InlineExpression<&str>, diags: &mut Diagnostics) {
    match expr {
        InlineExpression::MessageReference { id, attribute } => match target.message(id.name) {
            None => diags.push(
                Diagnostic::error(format!("reference to unknown message `{}`", id.name))
                    .at(target.locate(f, id.name, 0))
                    .hint(match super::similar(id.name, target.messages.keys().copied()) {
                        Some(like) => format!("did you mean `{like}`?"),
                        None => format!("define `{}` in locales/{}/ or correct the id", id.name, target.lang),
                    }),
            ),
            Some((_, m)) => {
                if let Some(attr) = attribute.as_ref().filter(|a| !m.attributes.iter().any(|x| x.id.name == a.name)) {
                    diags.push(
                        Diagnostic::error(format!("message `{}` has no attribute `.{}`", id.name, attr.name))
                            .at(target.locate(f, attr.name, 0)),
                    );
                }
            }
        },
        InlineExpression::TermReference { id, attribute, arguments } => {
            let Some(term) = target.term(id.name) else {
                diags.push(
                    Diagnostic::error(format!("reference to unknown term `-{}`", id.name))
                        .at(target.locate(f, id.name, 1))
                        .hint(match super::similar(id.name, target.terms.keys().copied()) {
                            Some(like) => format!("did you mean `-{like}`?"),
                            None => format!("define `-{} = …` once in locales/{}/ (the glossary) or correct the name", id.name, target.lang),
                        }),
                );
                return;
            };
            if let Some(attr) = attribute.as_ref().filter(|a| !term.attributes.iter().any(|x| x.id.name == a.name)) {
                diags.push(
                    Diagnostic::error(format!("term `-{}` has no attribute `.{}`", id.name, attr.name))
                        .at(target.locate(f, attr.name, 0)),
                );
            }
            let passed: Vec<&str> = arguments.iter().flat_map(|a| &a.named).map(|a| a.name.name).collect();
            // A term sees only the arguments of its reference, and Fluent prints a
            // variable it lacks as `{$name}` without an error.
            for name in printed_variables(term) {
                if !passed.contains(&name) {
                    diags.push(
                        Diagnostic::error(format!("term `-{}` prints `${name}`, which this reference does not pass", id.name))
                            .at(target.locate(f, id.name, 1))
                            .hint(format!("write `{{ -{}({name}: \"…\") }}`", id.name)),
                    );
                }
            }
            for arg in arguments.iter().flat_map(|a| &a.named) {
                let InlineExpression::StringLiteral { value } = &arg.value else { continue };
                let keys = term_variants(term, arg.name.name);
                if !keys.is_empty() && !keys.contains(value) {
                    diags.push(
                        Diagnostic::error(format!("term `-{}` has no {} variant `{value}`", id.name, arg.name.name))
                            .at(target.locate(f, value, 0))
                            .hint(format!(
                                "its {} variants are: {}",
                                arg.name.name,
                                keys.join(", ")
                            )),
                    );
                }
            }
        }
        InlineExpression::FunctionReference { id, .. } if !FUNCTIONS.contains(&id.name) => diags.push(
            Diagnostic::error(format!("unknown function `{}()`", id.name))
                .at(target.locate(f, id.name, 0))
                .hint(match super::similar(id.name, FUNCTIONS.iter().copied()) {
                    Some(like) => format!("did you mean `{like}()`?"),
                    None => format!("the functions are {}", FUNCTIONS.join(", ")),
                }),
        ),
        _ => {}
    }
}

/// Variables a term prints (or passes to a function), as opposed to selecting on them.
fn printed_variables<'a>(term: &ast::Term<&'a str>) -> BTreeSet<&'a str> {
    let mut uses: HashMap<&'a str, isize> = HashMap::new();
    for pattern in std::iter::once(&term.value).chain(term.attributes.iter().map(|a| &a.value)) {
        walk(pattern, false, &mut |visit| match visit {
            Visit::Expr(InlineExpression::VariableReference { id }, _) => *uses.entry(id.name).or_default() += 1,
            // The walk visits each selector once more as an expression.
            Visit::Select(InlineExpression::VariableReference { id }, _) => *uses.entry(id.name).or_default() -= 1,
            _ => {}
        });
    }
    uses.into_iter().filter(|&(_, n)| n > 0).map(|(name, _)| name).collect()
}

/// The variant keys a term offers for parameter `param` (those of its selections on
/// `$param`), in the order written.
fn term_variants<'a>(term: &ast::Term<&'a str>, param: &str) -> Vec<&'a str> {
    let mut keys = Vec::new();
    for pattern in std::iter::once(&term.value).chain(term.attributes.iter().map(|a| &a.value)) {
        walk(pattern, false, &mut |visit| {
            if let Visit::Select(InlineExpression::VariableReference { id }, variants) = visit
                && id.name == param
            {
                for v in variants {
                    let key = match v.key {
                        ast::VariantKey::Identifier { name } => name,
                        ast::VariantKey::NumberLiteral { value } => value,
                    };
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
        });
    }
    keys
}

enum Visit<'p, 'a> {
    /// Every inline expression, with whether it sits inside a select variant.
    Expr(&'p InlineExpression<&'a str>, bool),
    Select(&'p InlineExpression<&'a str>, &'p [ast::Variant<&'a str>]),
}

fn walk<'p, 'a>(pattern: &'p ast::Pattern<&'a str>, in_variant: bool, f: &mut dyn FnMut(Visit<'p, 'a>)) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, in_variant, f);
        }
    }
}

fn walk_expression<'p, 'a>(expr: &'p Expression<&'a str>, in_variant: bool, f: &mut dyn FnMut(Visit<'p, 'a>)) {
    match expr {
        Expression::Inline(inline) => walk_inline(inline, in_variant, f),
        Expression::Select { selector, variants } => {
            f(Visit::Select(selector, variants));
            walk_inline(selector, in_variant, f);
            for variant in variants {
                walk(&variant.value, true, f);
            }
        }
    }
}

fn walk_inline<'p, 'a>(expr: &'p InlineExpression<&'a str>, in_variant: bool, f: &mut dyn FnMut(Visit<'p, 'a>)) {
    f(Visit::Expr(expr, in_variant));
    let arguments = match expr {
        InlineExpression::FunctionReference { arguments, .. } => Some(arguments),
        InlineExpression::TermReference { arguments, .. } => arguments.as_ref(),
        InlineExpression::Placeable { expression } => return walk_expression(expression, in_variant, f),
        _ => None,
    };
    for arg in arguments.iter().flat_map(|a| a.positional.iter().chain(a.named.iter().map(|n| &n.value))) {
        walk_inline(arg, in_variant, f);
    }
}

/// The CLDR plural categories of a language (`one`, `few`, `many`, `other` for ru).
pub fn plural_categories(lang: &str) -> Vec<&'static str> {
    PluralSet::of(lang).categories
}

/// The CLDR plural categories of a language, for checking plural selections.
struct PluralSet {
    lang: String,
    categories: Vec<&'static str>,
}

impl PluralSet {
    fn of(lang: &str) -> Self {
        let categories = lang
            .parse::<icu_locale_core::Locale>()
            .ok()
            .and_then(|locale| PluralRules::try_new_cardinal((&locale).into()).ok())
            .map(|rules| rules.categories().map(category_name).collect())
            .unwrap_or_else(|| vec!["other"]);
        Self { lang: lang.to_string(), categories }
    }

    /// A selection on a number whose keys include a plural category (besides `other`) must
    /// offer every category of the language; a category the language lacks is never chosen.
    fn check(&self, target: &Parsed, f: usize, selector: &InlineExpression<&str>, variants: &[ast::Variant<&str>], diags: &mut Diagnostics) {
        let (name, before) = match selector {
            InlineExpression::VariableReference { id } => (id.name, 1),
            InlineExpression::FunctionReference { id, .. } if id.name == "NUMBER" => (id.name, 0),
            _ => return,
        };
        let keys: Vec<&str> = variants
            .iter()
            .filter_map(|v| match v.key {
                ast::VariantKey::Identifier { name } => Some(name),
                ast::VariantKey::NumberLiteral { .. } => None,
            })
            .collect();
        if !keys.iter().any(|k| ["zero", "one", "two", "few", "many"].contains(k)) {
            return;
        }
        let lacking: Vec<&str> = self.categories.iter().copied().filter(|c| !keys.contains(c)).collect();
        if !lacking.is_empty() {
            diags.push(
                Diagnostic::error(format!(
                    "plural variants lack the `{}` categor{} of {}",
                    lacking.join("`, `"),
                    if lacking.len() == 1 { "y" } else { "ies" },
                    self.lang
                ))
                .at(target.locate(f, name, before))
                .hint(format!("{} distinguishes {} (CLDR)", self.lang, self.categories.join(", "))),
            );
        }
        for variant in variants {
            if let ast::VariantKey::Identifier { name: key } = variant.key
                && category_of(key).is_some()
                && !self.categories.contains(&key)
            {
                diags.push(
                    Diagnostic::warning(format!("plural variant `[{key}]` is never chosen in {}", self.lang))
                        .at(target.locate(f, key, 0))
                        .hint(format!("{} distinguishes {} (CLDR)", self.lang, self.categories.join(", "))),
                );
            }
        }
    }
}

fn category_of(name: &str) -> Option<PluralCategory> {
    PluralCategory::get_for_cldr_string(name)
}

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// Open „ quotes of a Russian text, so that the “ closing them is not reported.
#[derive(Default)]
struct QuoteState {
    open_low: usize,
}

/// Typography of the printed text of a pattern, by the language's conventions.
fn typography(target: &Parsed, f: usize, pattern: &ast::Pattern<&str>, nested: bool, quotes: &mut QuoteState, diags: &mut Diagnostics) {
    let script = target.lang.split('-').next().unwrap_or_default();
    let mut number_before = false;
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => {
                check_text(target, f, script, value, number_before, quotes, diags);
                number_before = false;
            }
            PatternElement::Placeable { expression } => {
                number_before = false;
                match expression {
                    Expression::Inline(InlineExpression::StringLiteral { value }) => {
                        check_text(target, f, script, value, false, quotes, diags);
                    }
                    Expression::Inline(InlineExpression::NumberLiteral { .. } | InlineExpression::VariableReference { .. }) => {
                        number_before = true;
                    }
                    Expression::Inline(InlineExpression::FunctionReference { id, .. }) => number_before = id.name == "NUMBER",
                    Expression::Select { variants, .. } => {
                        for v in variants {
                            typography(target, f, &v.value, true, quotes, diags);
                        }
                    }
                    Expression::Inline(_) => {}
                }
            }
        }
    }
    if !nested {
        quotes.open_low = 0;
    }
}

/// Units a Russian number is bound to by a no-break space.
const RU_UNITS: &[&str] = &["%", "‰", "млрд", "млн", "трлн", "тыс.", "гг.", "г.", "км", "кг", "т", "руб.", "долл."];

fn check_text(
    target: &Parsed,
    f: usize,
    script: &str,
    text: &str,
    number_before: bool,
    quotes: &mut QuoteState,
    diags: &mut Diagnostics,
) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut warn = |i: usize, len: usize, message: String, hint: &str| {
        let (start, _) = chars[i];
        diags.push(Diagnostic::warning(message).at(target.locate(f, &text[start..start + len], 0)).hint(hint));
    };
    for (n, &(at, c)) in chars.iter().enumerate() {
        let prev = n.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(n + 1).map(|&(_, c)| c);
        // A Chinese title quoted in a footnote keeps its own punctuation.
        let in_chinese = prev.is_some_and(is_cjk) || next.is_some_and(is_cjk);
        match script {
            "ru" | "en" if in_chinese => {}
            "ru" => {
                let hint = "Russian quotes are «ёлочки», with „лапки“ inside them";
                match c {
                    '"' => warn(n, 1, "straight quote `\"` in Russian text".into(), hint),
                    '”' => warn(n, c.len_utf8(), "`”` is not a Russian quotation mark".into(), hint),
                    '“' if quotes.open_low > 0 => quotes.open_low -= 1,
                    '“' => warn(n, c.len_utf8(), "`“` is not a Russian quotation mark".into(), hint),
                    '„' => quotes.open_low += 1,
                    ' ' | '\u{a0}' => {
                        if let Some(p) = next.filter(|p| ",.;:!?)".contains(*p))
                            && prev.is_some_and(|c| !c.is_whitespace())
                        {
                            warn(n, 1, format!("space before `{p}`"), "Russian puts no space before , . ; : ! ? )");
                        }
                        let after_number = prev.map_or(number_before, |p| p.is_ascii_digit());
                        if c == ' ' && after_number {
                            let rest = &text[at + 1..];
                            if let Some(unit) = RU_UNITS.iter().find(|u| {
                                rest.starts_with(**u)
                                    && (u.ends_with(['.', '%', '‰'])
                                        || !rest[u.len()..].starts_with(|c: char| c.is_alphabetic()))
                            }) {
                                warn(
                                    n,
                                    1,
                                    format!("ordinary space between a number and `{unit}`"),
                                    "use a no-break space (U+00A0) so that the number and its unit stay on one line",
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
            "en" => match c {
                '"' => warn(n, 1, "straight quote `\"`".into(), "use curly quotes “ ” (and ‘ ’ inside them)"),
                '\'' => warn(n, 1, "straight apostrophe `'`".into(), "use the typographic apostrophe ’"),
                _ => {}
            },
            "zh" => {
                // A title in 《…》 is quoted as it was published, punctuation and all.
                let in_title = text[..at].matches('《').count() > text[..at].matches('》').count();
                if let Some(full) = full_width(c)
                    && !in_title
                    && prev.is_some_and(is_cjk)
                    && next.is_some_and(is_cjk)
                {
                    warn(n, 1, format!("half-width `{c}` between Chinese characters"), &format!("use the full-width `{full}`"));
                }
            }
            _ => {}
        }
    }
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        '.' => '。',
        ';' => '；',
        ':' => '：',
        '!' => '！',
        '?' => '？',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Translation progress of one source file.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Progress {
    pub file: PathBuf,
    pub messages: usize,
    pub translated: usize,
    /// Absent from the translation, or still a placeholder.
    pub missing: usize,
    /// Translated from a source text that has changed since.
    pub outdated: usize,
    /// Characters of the source text (without spaces and placeables).
    pub source_chars: usize,
    /// Words of the translation.
    pub target_words: usize,
}

impl Progress {
    pub fn add(&mut self, other: &Progress) {
        self.messages += other.messages;
        self.translated += other.translated;
        self.missing += other.missing;
        self.outdated += other.outdated;
        self.source_chars += other.source_chars;
        self.target_words += other.target_words;
    }
}

/// Progress of a translation per source file, in the source's file order.
pub fn progress(target: &Parsed, source: &Parsed, lock: &Lock) -> Vec<Progress> {
    let mut rows = Vec::new();
    for (sf, file) in source.files.iter().enumerate() {
        let mut row = Progress { file: Path::new(file.path.file_name().unwrap_or_default()).to_path_buf(), ..Default::default() };
        for sm in source.file_messages(sf) {
            row.messages += 1;
            row.source_chars += printed_text(sm).chars().filter(|c| !c.is_whitespace()).count();
            match target.message(sm.id.name) {
                Some((_, m)) if !is_placeholder(m) => {
                    row.translated += 1;
                    row.target_words += printed_text(m).split_whitespace().count();
                    if lock.is_outdated(sm) {
                        row.outdated += 1;
                    }
                }
                _ => row.missing += 1,
            }
        }
        rows.push(row);
    }
    rows
}

/// The ids of the translated messages whose source changed since they were translated.
pub fn outdated(target: &Parsed, source: &Parsed, lock: &Lock) -> HashSet<String> {
    (0..source.files.len())
        .flat_map(|f| source.file_messages(f))
        .filter(|sm| target.message(sm.id.name).is_some_and(|(_, m)| !is_placeholder(m)) && lock.is_outdated(sm))
        .map(|sm| sm.id.name.to_string())
        .collect()
}

/// The text a message prints by itself: its text elements and string literals, with the
/// variants of a selection each counted.
fn printed_text(m: &ast::Message<&str>) -> String {
    fn collect(pattern: &ast::Pattern<&str>, out: &mut String) {
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => out.push_str(value),
                PatternElement::Placeable { expression: Expression::Inline(InlineExpression::StringLiteral { value }) } => {
                    out.push_str(value)
                }
                PatternElement::Placeable { expression: Expression::Select { variants, .. } } => {
                    for v in variants {
                        out.push(' ');
                        collect(&v.value, out);
                    }
                }
                PatternElement::Placeable { .. } => out.push(' '),
            }
        }
    }
    let mut out = String::new();
    for pattern in m.value.iter().chain(m.attributes.iter().map(|a| &a.value)) {
        collect(pattern, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(lang: &str, files: &[(&str, &str)]) -> Catalog {
        let mut bundle = fluent_bundle::concurrent::FluentBundle::new_concurrent(vec![lang.parse().unwrap()]);
        bundle.set_use_isolating(false);
        Catalog {
            lang: lang.to_string(),
            bundle,
            files: files
                .iter()
                .map(|(name, text)| FtlFile { path: PathBuf::from("locales").join(lang).join(name), text: text.to_string() })
                .collect(),
            entries: HashMap::new(),
            untranslated: HashSet::new(),
        }
    }

    fn findings(target: &Catalog, source: Option<&Catalog>) -> Vec<String> {
        let source = source.map(Parsed::new);
        let lock = Lock::default();
        let footnotes = HashSet::from(["note-a".to_string()]);
        let cx = Context { source: source.as_ref(), lock: &lock, footnotes: &footnotes };
        let found = lint(&Parsed::new(target), &cx);
        let mut diags: Vec<_> = found.diags.iter().chain(found.untranslated.iter()).collect();
        diags.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
        diags.iter().map(|d| format!("{}: {}", d.location.as_ref().unwrap(), d.message)).collect()
    }

    #[test]
    fn finds_term_variants_and_unknown_references() {
        let ru = catalog(
            "ru",
            &[("a.ftl", "-rf = { $case ->\n   *[nom] Россия\n    [gen] России\n}\nm = { -rf(case: \"dat\") } { -nope } { other } { FOO() }\n")],
        );
        assert_eq!(
            findings(&ru, None),
            [
                "locales/ru/a.ftl:5:18: term `-rf` has no case variant `dat`",
                "locales/ru/a.ftl:5:28: reference to unknown term `-nope`",
                "locales/ru/a.ftl:5:38: reference to unknown message `other`",
                "locales/ru/a.ftl:5:48: unknown function `FOO()`",
            ]
        );
    }

    #[test]
    fn compares_with_the_source() {
        let zh = catalog("zh", &[("a.ftl", "m = 文{ $note-a }\nn = { $n }项\nk = 留\n")]);
        let ru = catalog("ru", &[("a.ftl", "m = текст\nn = { $n } { $x }\nold = x\n")]);
        assert_eq!(
            findings(&ru, Some(&zh)),
            [
                "locales/ru/a.ftl:1:1: footnote `$note-a` of the source message is missing",
                "locales/ru/a.ftl:2:14: `$x` is not a variable of the source message",
                "locales/ru/a.ftl:3:1: obsolete message `old`: the source no longer has it",
                "locales/ru/a.ftl:3:1: missing message `k`",
            ]
        );
    }

    #[test]
    fn glossary_terms_the_source_calls_for() {
        let glossary = "# zh: 俄罗斯\n-russia = { $case ->\n   *[nom] Россия\n    [acc] Россию\n}\n\
                        # zh: 俄罗斯联邦\n-rf = Российская Федерация\n\
                        # zh: 《睦邻友好合作条约》, 睦邻条约\n-treaty = Договор о добрососедстве\n";
        let zh = catalog("zh", &[("a.ftl", "a = 访问俄罗斯。\nb = 俄罗斯联邦。\nc = 《俄罗斯报》，《睦邻友好合作条约》。\nd = 俄罗斯、睦邻条约。\n")]);
        let ru = catalog(
            "ru",
            &[
                ("a.ftl", "a = Визит в Российскую Федерацию.\nb = { -rf }.\nc = «Российская газета», { -treaty }.\nd = { -russia }, договор.\n"),
                ("glossary.ftl", glossary),
            ],
        );
        assert_eq!(
            findings(&ru, Some(&zh)),
            [
                // The case: the name spelled out instead of the term.
                "locales/ru/a.ftl:1:1: message `a` does not use the glossary term `-russia`",
                // 俄罗斯联邦 is the longer form: its 俄罗斯 calls for nothing more. The title
                // 《俄罗斯报》 is quoted whole; a form with its 《》 matches a whole title.
                "locales/ru/a.ftl:4:1: message `d` does not use the glossary term `-treaty`",
            ]
        );
        // A source that references terms (an `en` pivot): the same term where the
        // translation defines it, whatever the text.
        let en = catalog("en", &[("a.ftl", "a = A visit to { -russia }.\nb = { -usa }.\n")]);
        let ru = catalog("ru", &[("a.ftl", "a = Визит в Российскую Федерацию.\nb = США.\n"), ("glossary.ftl", glossary)]);
        assert_eq!(findings(&ru, Some(&en)), ["locales/ru/a.ftl:1:1: message `a` does not use the glossary term `-russia`"]);
    }

    #[test]
    fn glossary_exemptions_need_a_reason_and_a_use() {
        let zh = catalog("zh", &[("a.ftl", "a = 俄罗斯。\nb = 俄罗斯。\nc = 中文。\n")]);
        let ru = catalog(
            "ru",
            &[(
                "a.ftl",
                "-russia = Россия\n# zh: 俄罗斯\n-russian = x\n\
                 # glossary-exempt: страна названа прилагательным\na = российский.\n\
                 # glossary-exempt:\nb = российский.\n\
                 # glossary-exempt: лишнее\nc = текст.\n\n# glossary-exempt: ничего\n\nd = x\n",
            )],
        );
        assert_eq!(
            findings(&ru, Some(&zh)),
            [
                "locales/ru/a.ftl:6:3: `# glossary-exempt` without a reason exempts nothing",
                "locales/ru/a.ftl:7:1: message `b` does not use the glossary term `-russian`",
                "locales/ru/a.ftl:8:3: message `c` needs no glossary exemption",
                "locales/ru/a.ftl:11:3: `# glossary-exempt` is not attached to a message",
                "locales/ru/a.ftl:13:1: obsolete message `d`: the source no longer has it",
            ]
        );
    }

    #[test]
    fn a_near_miss_of_a_source_id_is_one_finding() {
        let zh = catalog("zh", &[("a.ftl", "ch01-title = 前言\nch01-five = 五{ $count }\nch03-end = 完\nch04-end = 完\n")]);
        let ru = catalog("ru", &[("a.ftl", "ch01-titel = Предисловие\nch01-five = Пять{ $cuont }\nch03-ends = Конец\n")]);
        assert_eq!(
            findings(&ru, Some(&zh)),
            [
                "locales/ru/a.ftl:1:1: `ch01-titel` is not a source message: did you mean `ch01-title`? (rename it)",
                "locales/ru/a.ftl:2:19: `$cuont` is not a variable of the source message: did you mean `$count`?",
                "locales/ru/a.ftl:3:1: `ch03-ends` is not a source message: did you mean `ch03-end`? (rename it)",
                // Not paired across chapters: ch04-end is a message of its own.
                "locales/ru/a.ftl:3:1: missing message `ch04-end`",
            ]
        );
        let (ru, zh) = (Parsed::new(&ru), Parsed::new(&zh));
        assert_eq!(renames(&ru, &zh), [("ch01-titel", "ch01-title"), ("ch03-ends", "ch03-end")]);
    }

    #[test]
    fn checks_plural_categories_and_typography() {
        let ru = catalog("ru", &[("a.ftl", "p = { $n ->\n    [one] страница\n   *[other] страниц\n}\nq = \"так\" , 5 млрд и 7 %\n")]);
        assert_eq!(
            findings(&ru, None),
            [
                "locales/ru/a.ftl:1:7: plural variants lack the `few`, `many` categories of ru",
                "locales/ru/a.ftl:5:5: straight quote `\"` in Russian text",
                "locales/ru/a.ftl:5:9: straight quote `\"` in Russian text",
                "locales/ru/a.ftl:5:10: space before `,`",
                "locales/ru/a.ftl:5:14: ordinary space between a number and `млрд`",
                "locales/ru/a.ftl:5:23: ordinary space between a number and `%`",
            ]
        );
        // A published title in 《》 keeps its own punctuation.
        let zh = catalog("zh", &[("a.ftl", "m = 中国,俄罗斯(2024)和 A,B《商品总值表(美元)》\n")]);
        assert_eq!(findings(&zh, None), ["locales/zh/a.ftl:1:7: half-width `,` between Chinese characters"]);
        let en = catalog("en", &[("a.ftl", "m = People's \"era\" { NUMBER(2) ->\n    [one] x\n   *[other] y\n    [few] z\n}\n")]);
        assert_eq!(
            findings(&en, None),
            [
                "locales/en/a.ftl:1:11: straight apostrophe `'`",
                "locales/en/a.ftl:1:14: straight quote `\"`",
                "locales/en/a.ftl:1:18: straight quote `\"`",
                "locales/en/a.ftl:4:6: plural variant `[few]` is never chosen in en",
            ]
        );
    }
}
