//! The review edition: a translation beside its source, block by block, for reviewers.
//! Both documents come from the same model, so their chapters, sections and blocks pair up
//! by position; each pair carries the message id behind it, where that message is in the
//! translation's bundle, and its status (translated, outdated since `folio sync`, or not
//! translated yet and shown in the source language). `layouts/review.typ` sets it.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Failure, Location};
use crate::document::{self, Block, Document, Origin};
use crate::i18n::{Catalog, load_catalog};
use crate::i18n::lint::{self, Parsed};
use crate::i18n::lock::Lock;
use crate::model::{self, BlockKind, Report};
use crate::project::Project;
use crate::text::Script;

/// The words of the review edition's own apparatus, from the translation's bundle (or the
/// source's, while they are not translated).
const LABELS: &[&str] = &[
    "review-title",
    "review-legend",
    "review-translated",
    "review-outdated",
    "review-untranslated",
    "review-summary",
    "review-file",
    "review-messages",
    "review-was",
    "review-term",
];

/// Labels a project made before sign-off may lack: the layout then shows ✓ and ○ alone.
const OPTIONAL_LABELS: &[&str] = &["review-approved", "review-unreviewed"];

#[derive(Serialize)]
pub struct Review {
    pub source: Document,
    pub target: Document,
    /// The status of every heading and block, in the documents' shape.
    pub chapters: Vec<ChapterStatus>,
    /// Per bundle file: messages, translated, outdated, missing, as `folio stats` counts them.
    pub summary: Vec<lint::Progress>,
    pub labels: BTreeMap<&'static str, String>,
    /// The glossary's terms as each side spells them (a regular expression matching any
    /// of their forms, or none), underlined in the review.
    pub terms: Terms,
}

#[derive(Serialize)]
pub struct Terms {
    pub source: Option<String>,
    pub target: Option<String>,
}

#[derive(Serialize)]
pub struct ChapterStatus {
    pub title: Status,
    /// The chapter opener's summary, when it has one.
    pub summary: Option<Status>,
    pub intro: Vec<Status>,
    pub sections: Vec<SectionStatus>,
}

#[derive(Serialize)]
pub struct SectionStatus {
    pub title: Status,
    pub blocks: Vec<Status>,
}

#[derive(Serialize)]
pub struct Status {
    pub id: String,
    /// `locales/ru/04-practical-cooperation.ftl:57`, where a translator finds the message.
    pub ftl: Option<String>,
    /// That file, relative to the edition's folder, for a link in the PDF.
    pub link: Option<String>,
    /// `translated`, `outdated` or `untranslated`.
    pub state: &'static str,
    /// For an outdated translation: the source message as it was when translated, when
    /// the lock recorded it.
    pub was: Option<String>,
    /// For an outdated translation whose old source is known: what changed from it to the
    /// source as it is now, both as they print.
    pub diff: Option<Vec<Change>>,
    /// Who approved the translation as it is now (`folio review approve`); `None` is a
    /// pair not reviewed yet.
    pub approved: Option<String>,
    /// The block's other messages, each with its own status: list items after the first,
    /// callout items, footnotes, a table's source line and cells, a chart's labels.
    pub also: Vec<Status>,
    /// A table cell's message: the review page names it on the cell itself.
    #[serde(skip)]
    pub in_cell: bool,
}

struct Statuses<'a> {
    target: &'a Catalog,
    source_tree: &'a Parsed<'a>,
    target_tree: &'a Parsed<'a>,
    /// The report's source language, whose old and new text an outdated pair compares.
    source: &'a Catalog,
    outdated: HashSet<String>,
    lock: &'a Lock,
    /// From the edition's folder back to the project.
    up: String,
    /// Whether to show the source text an outdated translation was made from.
    with_was: bool,
    /// The ids already named under a block.
    named: RefCell<HashSet<String>>,
}

impl Statuses<'_> {
    fn of(&self, origin: &Origin, untranslated: bool) -> Status {
        let at = self.target.has_message(&origin.id).then(|| self.target.locate(&origin.id)).flatten();
        let ftl = at.as_ref().map(|l| format!("{}:{}", l.file.display(), l.line.unwrap_or(1)));
        let link = at.as_ref().map(|l| format!("{}{}", self.up, l.file.display()));
        let state = if untranslated {
            "untranslated"
        } else if self.outdated.contains(&origin.id) {
            "outdated"
        } else {
            "translated"
        };
        let was = if state == "outdated" && self.with_was { self.lock.messages.get(&origin.id).and_then(|e| e.text.clone()) } else { None };
        let diff = was.as_deref().and_then(|was| {
            let old = printed(self.source, was)?;
            let new = self.source.bundle.get_message(&origin.id).and_then(|m| m.value()).map(|p| printed_pattern(self.source, p))?;
            Some(diff(&old, &new))
        });
        let was = diff.as_ref().and(was);
        let approved = match (self.source_tree.message(&origin.id), self.target_tree.message(&origin.id)) {
            (Some((_, sm)), Some((_, m))) if state == "translated" && self.lock.is_approved(sm, m) => {
                self.lock.messages.get(&origin.id).and_then(|e| e.approved.as_ref()).map(|a| a.by.clone())
            }
            _ => None,
        };
        Status { id: origin.id.clone(), ftl, link, state, was, diff, approved, also: Vec::new(), in_cell: false }
    }

    /// A message's status by its id alone, untranslated when the bundle lacks it.
    fn message(&self, id: &str, at: &Location) -> Status {
        self.of(&Origin { id: id.to_string(), at: at.clone() }, !self.target.has_message(id))
    }

    fn block(&self, report: &Report, model: &model::Block, block: &Block) -> Status {
        let mut status = self.of(&block.origin, block.untranslated);
        // A message shown twice (a table cell's text, say) is named once: ids are anchors.
        let mut seen = self.named.borrow_mut();
        seen.insert(block.origin.id.clone());
        let cells = table_cells(report, model);
        status.also = block_messages(report, model)
            .into_iter()
            .filter(|id| !id.is_empty() && seen.insert(id.clone()))
            .map(|id| Status { in_cell: cells.contains(&id), ..self.message(&id, &block.origin.at) })
            .collect();
        status
    }
}

/// One piece of the difference between an old and a new source text.
#[derive(Debug, PartialEq, Serialize)]
pub struct Change {
    /// `equal`, `delete` or `insert`.
    pub op: &'static str,
    pub text: String,
    /// A deleted or inserted piece holding a digit: a changed figure, highlighted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub number: bool,
}

/// Text cut into what a reader compares: a word or number (with its inner `.`, `,`, `'`
/// and `-`), each Han character, each run of spaces, each other character.
fn tokens(text: &str) -> Vec<&str> {
    let word = |c: char| c.is_alphanumeric() && Script::of(c) != Script::Han;
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if word(c) {
            let mut end = c.len_utf8();
            let mut chars = rest[end..].char_indices().peekable();
            while let Some((i, d)) = chars.next() {
                let joined = matches!(d, '.' | ',' | '\'' | '-' | '’') && chars.peek().is_some_and(|&(_, e)| word(e));
                if word(d) || joined {
                    end = c.len_utf8() + i + d.len_utf8();
                } else {
                    break;
                }
            }
            end
        } else if c.is_whitespace() {
            rest.find(|d: char| !d.is_whitespace()).unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        out.push(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

/// The difference from `old` to `new`, word by word (character by character in Chinese),
/// with neighbouring pieces of one kind joined. The diff is `similar`'s (Myers).
fn diff(old: &str, new: &str) -> Vec<Change> {
    let (old, new) = (tokens(old), tokens(new));
    let mut out: Vec<Change> = Vec::new();
    for change in similar::TextDiff::from_slices(&old, &new).iter_all_changes() {
        let op = match change.tag() {
            similar::ChangeTag::Equal => "equal",
            similar::ChangeTag::Delete => "delete",
            similar::ChangeTag::Insert => "insert",
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => out.push(Change { op, text: change.value().to_string(), number: false }),
        }
    }
    for change in &mut out {
        change.number = change.op != "equal" && change.text.chars().any(|c| c.is_numeric());
    }
    out
}

/// A source message's old text (as the lock keeps it) as it printed: its placeables
/// resolved with the bundle as it is now, a footnote's place left empty. `None` when the
/// text no longer parses.
fn printed(catalog: &Catalog, text: &str) -> Option<String> {
    let resource = fluent_bundle::FluentResource::try_new(format!("folio-was = {text}\n")).ok()?;
    let Some(fluent_syntax::ast::Entry::Message(message)) = resource.entries().next() else { return None };
    Some(printed_pattern(catalog, message.value.as_ref()?))
}

/// A pattern formatted with the bundle's terms and messages; variables (footnote marks)
/// print nothing.
fn printed_pattern(catalog: &Catalog, pattern: &fluent_syntax::ast::Pattern<&str>) -> String {
    let mut args = fluent_bundle::FluentArgs::new();
    variables(pattern, &mut |name| args.set(name.to_string(), ""));
    let mut errors = Vec::new();
    let text = catalog.bundle.format_pattern(pattern, Some(&args), &mut errors);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every variable a pattern names, in selectors and function arguments too.
fn variables<'s>(pattern: &fluent_syntax::ast::Pattern<&'s str>, found: &mut impl FnMut(&'s str)) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline<'s>(e: &InlineExpression<&'s str>, found: &mut impl FnMut(&'s str)) {
        match e {
            InlineExpression::VariableReference { id } => found(id.name),
            InlineExpression::FunctionReference { arguments, .. } => {
                arguments.positional.iter().for_each(|a| inline(a, found));
                arguments.named.iter().for_each(|a| inline(&a.value, found));
            }
            InlineExpression::Placeable { expression } => expression_vars(expression, found),
            _ => {}
        }
    }
    fn expression_vars<'s>(e: &Expression<&'s str>, found: &mut impl FnMut(&'s str)) {
        match e {
            Expression::Inline(i) => inline(i, found),
            Expression::Select { selector, variants } => {
                inline(selector, found);
                variants.iter().for_each(|v| variables(&v.value, found));
            }
        }
    }
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, found);
        }
    }
}

/// Every message chapter `number` shows: its title and summary, its sections' titles,
/// and every message of its blocks (tables' and charts' included). `None` when the
/// report has no such chapter.
pub fn chapter_messages(report: &Report, number: u32) -> Option<Vec<String>> {
    let chapter = report.chapters.iter().find(|c| *c.spec.number.get_ref() == number)?;
    let spec = &chapter.spec;
    let mut ids = vec![spec.title.get_ref().clone()];
    ids.extend(spec.summary.iter().map(|s| s.get_ref().clone()));
    ids.extend(spec.intro.iter().flat_map(|b| block_messages(report, b)));
    for section in &spec.sections {
        ids.push(section.title.get_ref().clone());
        ids.extend(section.blocks.iter().flat_map(|b| block_messages(report, b)));
    }
    ids.retain(|id| !id.is_empty());
    Some(ids)
}

/// The messages of a table block's header and text cells.
fn table_cells(report: &Report, block: &model::Block) -> HashSet<String> {
    let BlockKind::Table(table) = report.kind(block) else { return HashSet::new() };
    let spec = &table.spec;
    let header = spec.header.iter().flatten().map(|cell| cell.text.get_ref().clone());
    let rows = spec.rows.iter().flat_map(|row| row.get_ref()).filter_map(|cell| match cell {
        model::Cell::Text(id) if !id.is_empty() => Some(id.clone()),
        _ => None,
    });
    header.chain(rows).collect()
}

/// Every message a block shows, in reading order: its text, items, notes, a table's
/// caption, cells and source, a chart's title, labels, note and source.
fn block_messages(report: &Report, block: &model::Block) -> Vec<String> {
    let id = |m: &model::MsgId| m.get_ref().clone();
    let mut ids = Vec::new();
    match report.kind(block) {
        BlockKind::Paragraph(m) | BlockKind::Quote(m) => ids.push(id(m)),
        BlockKind::List { items, .. } => ids.extend(items.iter().map(id)),
        BlockKind::Callout { lead, items } => ids.extend(std::iter::once(lead).chain(items).map(id)),
        BlockKind::Figure { caption, .. } => ids.push(id(caption)),
        // An equation has no message: it is not translated.
        BlockKind::Math(_) => {}
        BlockKind::Table(table) => {
            let spec = &table.spec;
            ids.extend(spec.caption.iter().map(id));
            ids.extend(spec.header.iter().flatten().map(|cell| id(&cell.text)));
            for row in &spec.rows {
                for (cell, column) in row.get_ref().iter().zip(&spec.columns) {
                    if let (model::Cell::Text(text), model::ColumnFormat::Text) = (cell, column.format) {
                        ids.push(text.clone());
                    }
                }
            }
            ids.extend(spec.source_line.iter().map(id));
        }
        BlockKind::Chart(chart) => {
            let spec = &chart.spec;
            ids.push(id(&spec.title));
            ids.extend(spec.unit.iter().map(id));
            ids.extend(spec.axis.iter().map(id));
            for category in spec.categories.get_ref() {
                if let model::Category::Label(label) = category {
                    ids.push(label.clone());
                }
            }
            ids.extend(spec.series.iter().map(|s| id(&s.label)));
            ids.extend(spec.note.iter().map(id));
            ids.extend(spec.source_line.iter().map(id));
        }
    }
    ids.extend(block.notes.iter().map(|note| id(&note.id)));
    ids
}

/// The review edition of `target` against `source`: the translation resolved with the
/// source as fallback, so that what is not translated yet shows (marked) in its place.
/// Beside a pivot (`--source en`), a `draft` fills the pivot's own gaps from the report's
/// source language.
pub fn review(project: &Project, report: &Report, source: &Catalog, target: &Catalog, out: &Path, draft: bool) -> Result<Review, Diagnostics> {
    // What is outdated is told from the report's source language and the lock's pivots,
    // whichever language is beside the translation, as `folio check` tells it.
    let original = match source.lang == report.meta.source_language {
        true => None,
        false => Some(load_catalog(project, &report.meta.source_language).map_err(Failure::into_diagnostics)?),
    };
    let source_doc = document::resolve(report, source, original.as_ref().filter(|_| draft))?;
    let fallbacks: Vec<&Catalog> = std::iter::once(source).chain(&original).collect();
    let target_doc = document::resolve_with(report, target, &fallbacks)?;
    let lock = Lock::load(project, &target.lang).map_err(|d| Diagnostics(vec![d]))?;
    let (source_tree, target_tree) = (Parsed::new(original.as_ref().unwrap_or(source)), Parsed::new(target));
    let outdated = lint::outdated(&target_tree, &source_tree, &lock);
    // The lock keeps the source language's text of the time, not a pivot's.
    let statuses = Statuses { target, source_tree: &source_tree, target_tree: &target_tree, source: original.as_ref().unwrap_or(source), outdated, lock: &lock, up: relative_root(project, out), with_was: original.is_none(), named: RefCell::default() };
    let heading = |origin: &Origin| {
        let untranslated = !target.has_message(&origin.id);
        statuses.of(origin, untranslated)
    };
    let chapters = report
        .chapters
        .iter()
        .zip(&target_doc.chapters)
        .map(|(m, c)| ChapterStatus {
            title: heading(&c.origin),
            summary: m.spec.summary.as_ref().map(|id| statuses.message(id.get_ref(), &c.origin.at)),
            intro: m.spec.intro.iter().zip(&c.intro).map(|(mb, b)| statuses.block(report, mb, b)).collect(),
            sections: m
                .spec
                .sections
                .iter()
                .zip(&c.sections)
                .map(|(ms, s)| SectionStatus {
                    title: heading(&s.origin),
                    blocks: ms.blocks.iter().zip(&s.blocks).map(|(mb, b)| statuses.block(report, mb, b)).collect(),
                })
                .collect(),
        })
        .collect();
    let mut labels = BTreeMap::new();
    for &id in LABELS {
        let catalog = std::iter::once(target).chain(fallbacks.iter().copied()).find(|c| c.has_message(id)).unwrap_or(source);
        let text = catalog.format(id, None).map_err(|(_, errors)| {
            Diagnostics(vec![
                Diagnostic::error(format!("the review edition needs `{id}`: {}", errors.join("; ")))
                    .hint(format!("add `{id} = …` to locales/{}/labels.ftl", source.lang)),
            ])
        })?;
        labels.insert(id, text);
    }
    for &id in OPTIONAL_LABELS {
        if let Some(Ok(text)) = std::iter::once(target).chain(fallbacks.iter().copied()).find(|c| c.has_message(id)).map(|c| c.format(id, None)) {
            labels.insert(id, text);
        }
    }
    let summary = lint::progress(&target_tree, &source_tree, &lock);
    let terms = Terms { source: glossary_pattern(source), target: glossary_pattern(target) };
    Ok(Review { source: source_doc, target: target_doc, chapters, summary, labels, terms })
}

/// The glossary file of a bundle.
const GLOSSARY: &str = "glossary.ftl";

/// A regular expression matching every form of every term of the bundle's glossary
/// (each variant of a term that selects by case, say), longest first; `None` without terms.
fn glossary_pattern(catalog: &Catalog) -> Option<String> {
    let mut forms: Vec<String> = Vec::new();
    for file in catalog.files.iter().filter(|f| f.path.file_name().is_some_and(|n| n == GLOSSARY)) {
        let resource = fluent_syntax::parser::parse(file.text.as_str()).unwrap_or_else(|(partial, _)| partial);
        for entry in &resource.body {
            if let fluent_syntax::ast::Entry::Term(term) = entry {
                term_forms(&term.value, &mut forms);
            }
        }
    }
    forms.retain(|f| f.chars().count() > 1);
    forms.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    forms.dedup();
    (!forms.is_empty()).then(|| forms.iter().map(|f| whole_word(f)).collect::<Vec<_>>().join("|"))
}

/// A form as a regular expression that matches it as a word: `Китай` not inside
/// `Китайско-российские`. Han text has no word boundaries, so a Han form matches anywhere.
fn whole_word(form: &str) -> String {
    let edge = |c: Option<char>| if c.is_some_and(|c| c.is_alphanumeric() && Script::of(c) != Script::Han) { "\\b" } else { "" };
    format!("{}{}{}", edge(form.chars().next()), regex_escape(form), edge(form.chars().last()))
}

/// The plain-text forms of a term: its text, or each variant's text for a selection.
/// A form that depends on a variable or another term is left out.
fn term_forms(pattern: &fluent_syntax::ast::Pattern<&str>, out: &mut Vec<String>) {
    use fluent_syntax::ast::{Expression, PatternElement};
    match pattern.elements.as_slice() {
        [PatternElement::Placeable { expression: Expression::Select { variants, .. } }] => {
            for v in variants {
                term_forms(&v.value, out);
            }
        }
        elements => {
            let mut text = String::new();
            for element in elements {
                match element {
                    PatternElement::TextElement { value } => text.push_str(value),
                    PatternElement::Placeable { .. } => return,
                }
            }
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                out.push(text);
            }
        }
    }
}

/// The text as a regular expression that matches just it.
fn regex_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The project's folder as seen from the output folder (`../` for `out/`).
fn relative_root(project: &Project, out: &Path) -> String {
    let out = if out.is_absolute() { out.to_path_buf() } else { project.root.join(out) };
    let out = out.canonicalize().unwrap_or(out);
    let root = project.root.canonicalize().unwrap_or_else(|_| project.root.clone());
    match out.strip_prefix(&root) {
        Ok(inside) => "../".repeat(inside.components().count()),
        Err(_) => format!("{}/", root.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::FtlFile;

    fn pattern(lang: &str, glossary: &str) -> Option<String> {
        let file = FtlFile { path: format!("locales/{lang}/glossary.ftl").into(), text: glossary.to_string() };
        let (catalog, _) = Catalog::from_files(lang, vec![file]).expect("a valid tag");
        glossary_pattern(&catalog)
    }

    fn ops(changes: &[Change]) -> Vec<(&str, &str, bool)> {
        changes.iter().map(|c| (c.op, c.text.as_str(), c.number)).collect()
    }

    #[test]
    fn a_changed_figure_is_a_word_and_marked_as_a_number() {
        let changes = diff("Товарооборот составил 240,1 млрд долларов.", "Товарооборот составил 240,2 млрд долларов США.");
        assert_eq!(
            ops(&changes),
            [
                ("equal", "Товарооборот составил ", false),
                ("delete", "240,1", true),
                ("insert", "240,2", true),
                ("equal", " млрд долларов", false),
                ("insert", " США", false),
                ("equal", ".", false),
            ]
        );
        // Chinese: character by character.
        assert_eq!(ops(&diff("正文段落。", "修改过的正文段落。")), [("insert", "修改过的", false), ("equal", "正文段落。", false)]);
        assert_eq!(tokens("2401亿美元, e-commerce"), ["2401", "亿", "美", "元", ",", " ", "e-commerce"]);
    }

    #[test]
    fn old_text_prints_its_placeables_not_their_markup() {
        let file = FtlFile {
            path: "locales/zh/01.ftl".into(),
            text: "-sco = 上合组织\nm = 新 { -sco } 文{ $note-a }\nnote-a = 注\n".to_string(),
        };
        let (catalog, _) = Catalog::from_files("zh", vec![file]).expect("a valid tag");
        assert_eq!(printed(&catalog, "旧 { -sco } 文{ $note-a }").as_deref(), Some("旧 上合组织 文"));
        let m = catalog.bundle.get_message("m").and_then(|m| m.value()).unwrap();
        assert_eq!(printed_pattern(&catalog, m), "新 上合组织 文");
    }

    #[test]
    fn every_form_of_every_term_longest_first() {
        let ru = "-putin = { $case ->\n   *[nom] В. В. Путин\n    [gen] В. В. Путина\n}\n-kremlin = Кремль\n-x = { -kremlin } и др.\nmessage = не термин\n";
        assert_eq!(pattern("ru", ru).as_deref(), Some("\\bВ\\. В\\. Путина\\b|\\bВ\\. В\\. Путин\\b|\\bКремль\\b"));
        assert_eq!(pattern("zh", "-sco = 上海合作组织\n").as_deref(), Some("上海合作组织"));
        assert_eq!(pattern("en", "message = no terms\n"), None);
    }
}
