//! The review edition: a translation beside its source, block by block, for reviewers.
//! Both documents come from the same model, so their chapters, sections and blocks pair up
//! by position; each pair carries the message id behind it, where that message is in the
//! translation's bundle, and its status (translated, outdated since `folio sync`, or not
//! translated yet and shown in the source language). `layouts/review.typ` sets it.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{self, Block, Document, Origin};
use crate::i18n::Catalog;
use crate::i18n::lint::{self, Parsed};
use crate::i18n::lock::Lock;
use crate::model::Report;
use crate::project::Project;

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
];

#[derive(Serialize)]
pub struct Review {
    pub source: Document,
    pub target: Document,
    /// The status of every heading and block, in the documents' shape.
    pub chapters: Vec<ChapterStatus>,
    /// Per bundle file: messages, translated, outdated, missing, as `folio stats` counts them.
    pub summary: Vec<lint::Progress>,
    pub labels: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
pub struct ChapterStatus {
    pub title: Status,
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
}

struct Statuses<'a> {
    target: &'a Catalog,
    outdated: HashSet<String>,
    /// From the edition's folder back to the project.
    up: String,
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
        Status { id: origin.id.clone(), ftl, link, state }
    }

    fn block(&self, block: &Block) -> Status {
        self.of(&block.origin, block.untranslated)
    }
}

/// The review edition of `target` against `source`: the translation resolved with the
/// source as fallback, so that what is not translated yet shows (marked) in its place.
pub fn review(project: &Project, report: &Report, source: &Catalog, target: &Catalog, out: &Path) -> Result<Review, Diagnostics> {
    let source_doc = document::resolve(report, source, None)?;
    let target_doc = document::resolve(report, target, Some(source))?;
    let lock = Lock::load(project, &target.lang).map_err(|d| Diagnostics(vec![d]))?;
    let (source_tree, target_tree) = (Parsed::new(source), Parsed::new(target));
    let statuses = Statuses { target, outdated: lint::outdated(&target_tree, &source_tree, &lock), up: relative_root(project, out) };
    let heading = |origin: &Origin| {
        let untranslated = !target.has_message(&origin.id);
        statuses.of(origin, untranslated)
    };
    let chapters = target_doc
        .chapters
        .iter()
        .map(|c| ChapterStatus {
            title: heading(&c.origin),
            intro: c.intro.iter().map(|b| statuses.block(b)).collect(),
            sections: c
                .sections
                .iter()
                .map(|s| SectionStatus { title: heading(&s.origin), blocks: s.blocks.iter().map(|b| statuses.block(b)).collect() })
                .collect(),
        })
        .collect();
    let mut labels = BTreeMap::new();
    for &id in LABELS {
        let catalog = if target.has_message(id) { target } else { source };
        let text = catalog.format(id, None).map_err(|(_, errors)| {
            Diagnostics(vec![
                Diagnostic::error(format!("the review edition needs `{id}`: {}", errors.join("; ")))
                    .hint(format!("add `{id} = …` to locales/{}/labels.ftl", source.lang)),
            ])
        })?;
        labels.insert(id, text);
    }
    let summary = lint::progress(&target_tree, &source_tree, &lock);
    Ok(Review { source: source_doc, target: target_doc, chapters, summary, labels })
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
