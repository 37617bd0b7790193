//! Exchange with translators' tools (CAT tools, Weblate): a translation as units of source and
//! target text with inline codes, written as XLIFF 1.2 or 2.1 and TMX 1.4b, and read back
//! into the bundles. One unit per message and per attribute; a selection (plural, case)
//! gives one unit per variant, in a group. Everything a translator may not change (footnote
//! marks, variables, terms, functions) is an inline code.

pub mod apply;
pub mod memory;
pub mod segment;
pub mod tmx;
mod tree;
pub mod xliff;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use fluent_syntax::ast::{self, Expression, PatternElement};

use crate::i18n::lint::{Parsed, plural_categories};
use crate::i18n::lock::Lock;
use crate::i18n::scaffold::is_placeholder;
use crate::model::{BlockKind, Category, ColumnFormat, Report};
use segment::{Piece, Segment, placeable};
use xliff::Inline;

/// Why a returned unit (or the message it belongs to) is not taken into the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The file names a message the bundle does not have (any more).
    NoMessage { file: String, id: String },
    /// An inline element folio did not write (`<g>`, `<bpt>` …).
    ForeignElement(String),
    /// An inline code with an id the exported unit did not have.
    UnknownCode { element: String, id: String },
    /// Code `n` (1-based) was exported as `exported` but the bundle has `now`.
    ChangedCode { n: usize, exported: String, now: String },
    DuplicateCode { n: usize, code: String },
    /// A code of the source that the translation must keep.
    MissingCode { n: usize, code: String },
    /// A variable of the source every translation refers to (a footnote mark, `$url`).
    MissingVariable(String),
    /// A unit of the message is untranslated, and the message cannot be written without it.
    Untranslated { unit: String },
    /// The entry written does not read back as the targets meant: a bug of folio.
    Unwritable { entry: String },
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejection::NoMessage { file, id } => write!(f, "{file} has no message `{id}` to translate (any more)"),
            Rejection::ForeignElement(element) => write!(f, "an inline element <{element}> that folio did not write"),
            Rejection::UnknownCode { element, id } => write!(f, "an inline code <{element} id=\"{id}\"/> that the exported unit did not have"),
            Rejection::ChangedCode { n, exported, now } => write!(f, "inline code {n} was exported as `{exported}` but is `{now}` now: export the file again"),
            Rejection::DuplicateCode { n, code } => write!(f, "inline code {n} (`{code}`) appears twice"),
            Rejection::MissingCode { n, code } => write!(f, "inline code {n} (`{code}`) of the source is missing"),
            Rejection::MissingVariable(var) => write!(f, "the source's `{{ ${var} }}` is missing"),
            Rejection::Untranslated { unit } => write!(f, "`{unit}` has no translation, and the message cannot be written without it"),
            Rejection::Unwritable { entry } => write!(f, "folio could not write this translation as Fluent (a bug; the entry was: {entry:?})"),
        }
    }
}

/// How far a unit's translation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Not translated yet.
    New,
    /// Translated from an earlier source text, or filled from a translation memory: to review.
    NeedsReview,
    Translated,
}

/// One translatable text: a message's value, an attribute, or a variant of a selection.
#[derive(Debug, Clone)]
pub struct Unit {
    pub message: String,
    pub attribute: Option<String>,
    /// The variant key of a selection, and the selector (`$n`, `NUMBER($n)`).
    pub variant: Option<Variant>,
    pub source: Segment,
    pub target: Option<Segment>,
    pub state: State,
    pub outdated: bool,
    /// For the translator: the bundle's comment, the place in the model, glossary terms.
    pub notes: Vec<String>,
    /// Every inline code the target may hold, by id: the source's codes first (1, 2, …),
    /// then those of the other variants of its selection, then codes only the current
    /// translation has (a term, a NUMBER()).
    pub codes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub key: String,
    pub default: bool,
    pub selector: String,
}

impl Unit {
    /// The unit's id in XLIFF: the message id, `.attribute`, `:variant` (characters a
    /// Fluent id cannot hold, valid in an XML NMTOKEN).
    pub fn id(&self) -> String {
        let mut id = self.message.clone();
        if let Some(a) = &self.attribute {
            id.push('.');
            id.push_str(a);
        }
        if let Some(v) = &self.variant {
            id.push(':');
            id.push_str(&v.key);
        }
        id
    }

    /// The index in [`Unit::codes`] of each code of `segment` (of this unit's source or
    /// target), in order: equal codes take the first index not yet taken.
    pub fn code_indices(&self, segment: &Segment) -> Vec<usize> {
        let mut taken = vec![false; self.codes.len()];
        segment
            .codes()
            .map(|code| {
                let i = (0..self.codes.len()).find(|&i| self.codes[i] == code && !taken[i]).expect("the unit's codes hold its segments' codes");
                taken[i] = true;
                i
            })
            .collect()
    }

    /// The target a tool returned as a segment of this unit, its codes checked: each one issued
    /// for this unit (with the text it was exported with, when the tool kept it), none twice,
    /// and every code of the source that the exported translation held still there.
    pub fn returned(&self, target: &[Inline]) -> Result<Segment, Rejection> {
        let mut seg = Segment::default();
        let mut used = vec![false; self.codes.len()];
        for inline in target {
            match inline {
                // XML parsers would have made every line break a `\n`; quick-xml leaves that to us.
                Inline::Text(t) => seg.push_text(&t.replace("\r\n", "\n").replace('\r', "\n")),
                Inline::Code { element, id, equiv } => {
                    if element != "x" && element != "ph" {
                        return Err(Rejection::ForeignElement(element.clone()));
                    }
                    let n = id.as_deref().and_then(|i| i.parse::<usize>().ok()).filter(|n| (1..=self.codes.len()).contains(n));
                    let Some(n) = n else {
                        return Err(Rejection::UnknownCode { element: element.clone(), id: id.clone().unwrap_or_default() });
                    };
                    let code = &self.codes[n - 1];
                    // XML turns line breaks inside attributes into spaces: compare words only.
                    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                    if let Some(equiv) = equiv.as_deref().filter(|e| words(e) != words(code)) {
                        return Err(Rejection::ChangedCode { n, exported: equiv.to_string(), now: code.clone() });
                    }
                    if std::mem::replace(&mut used[n - 1], true) {
                        return Err(Rejection::DuplicateCode { n, code: code.clone() });
                    }
                    seg.0.push(Piece::Code(code.clone()));
                }
            }
        }
        // The codes the translation must keep: the source's, as far as the exported
        // translation kept them (`{ HANZI($n) }` may be `{ $n }` in a language without it).
        let sources = self.source.codes().count();
        let exported = self.target.as_ref().unwrap_or(&self.source);
        for i in self.code_indices(exported).into_iter().filter(|&i| i < sources) {
            if !used[i] {
                return Err(Rejection::MissingCode { n: i + 1, code: self.codes[i].clone() });
            }
        }
        let kept = exported.variables();
        for var in self.required_variables().into_iter().filter(|v| kept.contains(v)) {
            if !seg.variables().contains(&var) {
                return Err(Rejection::MissingVariable(var));
            }
        }
        Ok(seg)
    }

    /// The variables every translation must refer to (footnote marks, `$url`).
    pub fn required_variables(&self) -> Vec<String> {
        let mut vars = self.source.variables();
        vars.sort();
        vars.dedup();
        vars
    }
}

/// The units of one translation, grouped by the translation's files (in the source's order).
pub struct Units {
    pub source_lang: String,
    pub target_lang: String,
    pub files: Vec<(PathBuf, Vec<Unit>)>,
}

/// What the units are made from.
pub struct Inputs<'s, 'a> {
    pub report: &'s Report,
    /// The bundle the translator reads: the report's source language or a pivot (`--source en`).
    pub source: &'s Parsed<'a>,
    /// The report's source language, which the lock's versions refer to.
    pub origin: &'s Parsed<'a>,
    pub target: &'s Parsed<'a>,
    pub lock: &'s Lock,
}

pub fn units(inputs: &Inputs) -> Units {
    let Inputs { report, source, origin, target, lock } = inputs;
    let places = places(report);
    let categories = plural_categories(target.lang);
    let mut files = Vec::new();
    // The report's source language decides which messages exist and in which file.
    for (f, file) in origin.files.iter().enumerate() {
        let name = file.path.file_name().unwrap_or_default();
        let path = PathBuf::from("locales").join(target.lang).join(name);
        let mut units = Vec::new();
        for om in origin.file_messages(f) {
            let id = om.id.name;
            let Some((_, sm)) = source.message(id).filter(|(_, m)| !is_placeholder(m)) else { continue };
            let tm = target.message(id).map(|(_, m)| m).filter(|m| !is_placeholder(m));
            let entry = lock.messages.get(id);
            let outdated = tm.is_some() && entry.is_some_and(|e| lock.is_stale(om, e));
            let state = match (tm, entry) {
                (None, _) => State::New,
                (Some(_), Some(e)) if outdated || e.needs_review => State::NeedsReview,
                (Some(_), _) => State::Translated,
            };
            let mut notes = Vec::new();
            if let Some(comment) = &sm.comment {
                notes.push(format!("Comment: {}", comment.content.join(" ")));
            }
            if let Some(place) = places.get(id) {
                notes.push(format!("Place: {place}"));
            }
            if outdated && let Some(text) = entry.and_then(|e| e.text.as_ref()) {
                notes.push(format!("The source changed since this was translated; it was: {text}"));
            }
            notes.extend(glossary_notes(target, sm, tm));
            let mut parts: Vec<(Option<String>, &ast::Pattern<&str>, Option<&ast::Pattern<&str>>)> = Vec::new();
            if let Some(value) = &sm.value {
                parts.push((None, value, tm.and_then(|m| m.value.as_ref())));
            }
            for a in &sm.attributes {
                let ta = tm.and_then(|m| m.attributes.iter().find(|t| t.id.name == a.id.name)).map(|t| &t.value);
                parts.push((Some(a.id.name.to_string()), &a.value, ta));
            }
            for (attribute, sp, tp) in parts {
                let split = split(sp, tp, &categories);
                // A variant may use what its siblings do: `[one]` may need the `{ $n }` of `[other]`.
                let mut shared: Vec<String> = Vec::new();
                for (_, source, _) in &split {
                    for code in source.codes() {
                        if !shared.iter().any(|c| c == code) {
                            shared.push(code.to_string());
                        }
                    }
                }
                for (variant, source, target) in split {
                    let mut notes = notes.clone();
                    if let Some(v) = &variant {
                        notes.push(format!(
                            "Variant [{}] of the selection on {}{}",
                            v.key,
                            v.selector,
                            if v.default { " (the default)" } else { "" }
                        ));
                    }
                    let mut codes: Vec<String> = source.codes().map(str::to_string).collect();
                    let extra: Vec<String> = shared.iter().filter(|c| !codes.contains(c)).cloned().collect();
                    codes.extend(extra);
                    if let Some(target) = &target {
                        let mut free: Vec<bool> = vec![true; codes.len()];
                        for code in target.codes() {
                            match codes.iter().enumerate().position(|(i, c)| c == code && free[i]) {
                                Some(i) => free[i] = false,
                                None => {
                                    codes.push(code.to_string());
                                    free.push(false);
                                }
                            }
                        }
                    }
                    units.push(Unit {
                        message: id.to_string(),
                        attribute: attribute.clone(),
                        variant,
                        source,
                        target,
                        state,
                        outdated,
                        notes,
                        codes,
                    });
                }
            }
        }
        files.push((path, units));
    }
    Units { source_lang: source.lang.to_string(), target_lang: target.lang.to_string(), files }
}

/// The units of one pattern: one, or one per variant when the translation (or else the
/// source) is a single selection. A translation's variants are its own; a source's plural
/// selection gives the target language's plural categories.
fn split(
    source: &ast::Pattern<&str>,
    target: Option<&ast::Pattern<&str>>,
    categories: &[&'static str],
) -> Vec<(Option<Variant>, Segment, Option<Segment>)> {
    let source_select = selection(source);
    if let Some((selector, variants)) = target.and_then(selection) {
        return variants
            .iter()
            .map(|v| {
                let key = key_name(&v.key);
                let source = source_select.as_ref().map_or_else(|| Segment::of(source), |(_, sv)| variant_segment(sv, &key));
                (Some(Variant { key, default: v.default, selector: selector.clone() }), source, Some(Segment::of(&v.value)))
            })
            .collect();
    }
    let Some((selector, variants)) = source_select else {
        return vec![(None, Segment::of(source), target.map(Segment::of))];
    };
    let plural = variants.iter().any(|v| matches!(key_name(&v.key).as_str(), "zero" | "one" | "two" | "few" | "many" | "other"));
    let mut keys: Vec<(String, bool)> = variants.iter().map(|v| (key_name(&v.key), v.default)).collect();
    if plural {
        // Numeric keys (`[0]`) stay; the categories are the target language's.
        keys.retain(|(k, _)| k.parse::<f64>().is_ok());
        keys.extend(categories.iter().map(|c| (c.to_string(), *c == "other")));
    }
    let flat = target.map(Segment::of);
    keys.into_iter()
        .map(|(key, default)| {
            let source = variant_segment(variants, &key);
            (Some(Variant { key, default, selector: selector.clone() }), source, flat.clone())
        })
        .collect()
}

/// A pattern that is one selection and nothing else: its selector (as Fluent writes it) and variants.
fn selection<'p, 's>(pattern: &'p ast::Pattern<&'s str>) -> Option<(String, &'p [ast::Variant<&'s str>])> {
    match pattern.elements.as_slice() {
        [PatternElement::Placeable { expression: Expression::Select { selector, variants } }] => {
            let selector = placeable(&Expression::Inline(selector.clone()));
            let selector = selector.trim_start_matches('{').trim_end_matches('}').trim().to_string();
            Some((selector, variants.as_slice()))
        }
        _ => None,
    }
}

/// The variant `key` of a selection, else its default.
fn variant_segment(variants: &[ast::Variant<&str>], key: &str) -> Segment {
    let v = variants.iter().find(|v| key_name(&v.key) == key).or_else(|| variants.iter().find(|v| v.default));
    v.map(|v| Segment::of(&v.value)).unwrap_or_default()
}

pub(super) fn key_name(key: &ast::VariantKey<&str>) -> String {
    match key {
        ast::VariantKey::Identifier { name } => name.to_string(),
        ast::VariantKey::NumberLiteral { value } => value.to_string(),
    }
}

/// The glossary terms the source message or its translation uses, with the translation's
/// approved wording (the default variant).
fn glossary_notes(target: &Parsed, source: &ast::Message<&str>, translation: Option<&ast::Message<&str>>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for m in std::iter::once(source).chain(translation) {
        for code in m.value.iter().flat_map(|p| Segment::of(p).0) {
            if let Piece::Code(code) = code
                && let Some(name) = code.strip_prefix("{ -")
            {
                let name: String = name.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    names
        .into_iter()
        .filter_map(|name| {
            let term = target.term(&name)?;
            let wording = match selection(&term.value) {
                Some((_, variants)) => variant_segment(variants, "").display(),
                None => Segment::of(&term.value).display(),
            };
            Some(format!("Glossary: {{ -{name} }} = {wording}"))
        })
        .collect()
}

/// Where each message of the model is used, in words a translator understands.
pub fn places(report: &Report) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    let mut put = |id: &str, place: String| {
        out.entry(id.to_string()).or_insert(place);
    };
    put(report.meta.title.get_ref(), "the report's title".into());
    put(report.meta.institution.get_ref(), "the institution on the title page".into());
    for b in &report.meta.blurb {
        put(b.get_ref(), "the back cover".into());
    }
    let mut tables: BTreeMap<&str, String> = BTreeMap::new();
    let mut charts: BTreeMap<&str, String> = BTreeMap::new();
    for chapter in &report.chapters {
        let n = *chapter.spec.number.get_ref();
        let file = chapter.source.path.display();
        put(chapter.spec.title.get_ref(), format!("chapter {n}, title ({file})"));
        if let Some(s) = &chapter.spec.summary {
            put(s.get_ref(), format!("chapter {n}, summary ({file})"));
        }
        let sections = std::iter::once((0, None, &chapter.spec.intro))
            .chain(chapter.spec.sections.iter().enumerate().map(|(i, s)| (i + 1, Some(&s.title), &s.blocks)));
        for (s, title, blocks) in sections {
            let at = if s == 0 { format!("chapter {n}, opening") } else { format!("chapter {n}, section {s}") };
            if let Some(title) = title {
                put(title.get_ref(), format!("{at}, title ({file})"));
            }
            for (b, block) in blocks.iter().enumerate() {
                let at = format!("{at}, block {}", b + 1);
                for note in &block.notes {
                    put(note.id.get_ref(), format!("{at}, a footnote ({file})"));
                }
                match report.kind(block) {
                    BlockKind::Paragraph(id) => put(id.get_ref(), format!("{at}, a paragraph ({file})")),
                    BlockKind::Quote(id) => put(id.get_ref(), format!("{at}, a quotation ({file})")),
                    BlockKind::List { items, .. } => {
                        for (i, id) in items.iter().enumerate() {
                            put(id.get_ref(), format!("{at}, list item {} ({file})", i + 1));
                        }
                    }
                    BlockKind::Callout { lead, items } => {
                        put(lead.get_ref(), format!("{at}, a boxed text ({file})"));
                        for (i, id) in items.iter().enumerate() {
                            put(id.get_ref(), format!("{at}, boxed text item {} ({file})", i + 1));
                        }
                    }
                    BlockKind::Figure { caption, .. } => put(caption.get_ref(), format!("{at}, a figure caption ({file})")),
                    // An equation is not translated: it has no message.
                    BlockKind::Math(_) => {}
                    BlockKind::Table(_) => {
                        if let Some(path) = &block.table {
                            tables.insert(path.get_ref(), format!("{at}"));
                        }
                    }
                    BlockKind::Chart(_) => {
                        if let Some(path) = &block.chart {
                            charts.insert(path.get_ref(), format!("{at}"));
                        }
                    }
                }
            }
        }
    }
    for (path, table) in &report.tables {
        let at = tables.get(path.as_str()).map_or(String::new(), |a| format!(" in {a}"));
        let spec = &table.spec;
        if let Some(c) = &spec.caption {
            put(c.get_ref(), format!("table {path}{at}, caption"));
        }
        if let Some(s) = &spec.source_line {
            put(s.get_ref(), format!("table {path}{at}, source line"));
        }
        for (r, row) in spec.header.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                put(cell.text.get_ref(), format!("table {path}{at}, header row {}, cell {}", r + 1, c + 1));
            }
        }
        for (r, row) in spec.rows.iter().enumerate() {
            for (c, cell) in row.get_ref().iter().enumerate() {
                if let crate::model::Cell::Text(id) = cell
                    && !id.is_empty()
                    && spec.columns.get(c).is_none_or(|col| col.format == ColumnFormat::Text)
                {
                    put(id, format!("table {path}{at}, row {}, column {}", r + 1, c + 1));
                }
            }
        }
    }
    for (path, chart) in &report.charts {
        let at = charts.get(path.as_str()).map_or(String::new(), |a| format!(" in {a}"));
        let spec = &chart.spec;
        put(spec.title.get_ref(), format!("chart {path}{at}, title"));
        if let Some(s) = &spec.source_line {
            put(s.get_ref(), format!("chart {path}{at}, source line"));
        }
        if let Some(u) = &spec.unit {
            put(u.get_ref(), format!("chart {path}{at}, the value axis (unit)"));
        }
        if let Some(a) = &spec.axis {
            put(a.get_ref(), format!("chart {path}{at}, the category axis"));
        }
        if let Some(n) = &spec.note {
            put(n.get_ref(), format!("chart {path}{at}, note"));
        }
        for (i, c) in spec.categories.get_ref().iter().enumerate() {
            if let Category::Label(id) = c {
                put(id, format!("chart {path}{at}, category label {}", i + 1));
            }
        }
        for (i, s) in spec.series.iter().enumerate() {
            put(s.label.get_ref(), format!("chart {path}{at}, series {} label", i + 1));
        }
    }
    out
}
