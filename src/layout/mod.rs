//! Lay out: the localized document through a Typst template, in-process.

pub mod compile;
pub mod contract;
pub mod frames;
pub mod world;

use std::path::PathBuf;
use std::sync::Arc;

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::Datetime;
use typst::introspection::Introspector;
use typst_layout::{PagedDocument, PagedIntrospector};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::document::Document;
use crate::project::Project;
use contract::Input;
use world::{DOCUMENT_PATH, Fonts, FolioWorld};

/// How Typst's message for an image it cannot decode begins.
const DECODE_FAILED: &str = "failed to decode image";

/// A layout edition: `layouts/<name>.typ`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Layout {
    pub name: String,
}

impl Layout {
    /// One of the layouts folio calls by name ([`contract`]).
    pub fn named(name: &str) -> Self {
        Self { name: name.to_string() }
    }

    pub fn is(&self, name: &str) -> bool {
        self.name == name
    }

    pub fn main_path(&self) -> String {
        format!("/layouts/{}.typ", self.name)
    }
}

/// Compiles documents of one language with one layout; keeps its World between calls so
/// that a rebuild (watch) only redoes what changed.
pub struct Typesetter {
    world: FolioWorld,
    /// The last layout's answers to queries (page numbers, running heads): the next
    /// compilation starts from them (see [`compile`]).
    previous: Option<Arc<PagedIntrospector>>,
    /// The project, where the document's images are found.
    project: Project,
}

impl Typesetter {
    pub fn new(project: &Project, fonts: Arc<Fonts>, layout: &Layout, today: Datetime, extra: &[Input]) -> Self {
        let document = Input::Document(DOCUMENT_PATH.to_string());
        let pairs = std::iter::once(&document).chain(extra).map(|input| (input.key(), input.value()));
        let world = FolioWorld::new(project, fonts, &layout.main_path(), world::inputs(pairs), today);
        Self { world, previous: None, project: project.clone() }
    }

    /// Lays the document out; warnings come back with the pages, errors instead of them.
    pub fn typeset(&mut self, doc: &Document) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
        self.typeset_data(serde_json::to_vec(doc).expect("the document serializes"), doc)
    }

    /// Lays out other data than the document itself (the review edition's pairs of
    /// documents); `doc` names the images to check when one cannot be decoded.
    pub fn typeset_data(&mut self, json: Vec<u8>, doc: &Document) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
        self.world.reset();
        self.world.set_memory_file(DOCUMENT_PATH, json);
        self.compile(Some(doc))
    }

    /// Lays out a layout that reads nothing but `sys.inputs` (the EPUB's charts): the
    /// document is not serialized for it.
    pub fn typeset_inputs(&mut self) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
        self.world.reset();
        self.compile(None)
    }

    fn compile(&mut self, doc: Option<&Document>) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
        let previous = self.previous.as_deref().map(|p| p as &dyn Introspector);
        let result = compile::compile(&self.world, previous);
        if let Ok(pages) = &result.output {
            self.previous = Some(pages.introspector().clone());
        }
        let warnings = self.convert(&result.warnings);
        match result.output {
            Ok(pages) => Ok((pages, warnings)),
            Err(errors) => {
                let mut all = self.convert(&errors);
                if let Some(doc) = doc
                    && all.iter().any(|d| d.message.starts_with(DECODE_FAILED))
                {
                    all = self.name_broken_images(doc, all);
                }
                all.extend(warnings);
                Err(all)
            }
        }
    }

    /// Typst reports a damaged image at the template's `image(…)` call, without the file:
    /// decoding the document's images finds the files to name instead.
    fn name_broken_images(&self, doc: &Document, errors: Diagnostics) -> Diagnostics {
        let mut images: Vec<&str> = doc.figure_images().collect();
        images.sort_unstable();
        images.dedup();
        let broken: Vec<Diagnostic> = images
            .into_iter()
            .filter_map(|image| {
                let rel = PathBuf::from(image.trim_start_matches('/'));
                let problem = crate::model::decode_image(&self.project.read(&rel).ok()?).err()?;
                Some(problem.in_file(&rel))
            })
            .collect();
        if broken.is_empty() {
            return errors;
        }
        let mut out = Diagnostics(broken);
        out.extend(errors.into_iter().filter(|d| !d.message.starts_with(DECODE_FAILED)));
        out
    }

    /// Typst diagnostics in our terms: the template's file, line and column, with hints.
    pub fn convert(&self, diags: &[SourceDiagnostic]) -> Diagnostics {
        let mut out = Diagnostics::default();
        for d in diags {
            let mut diag = match d.severity {
                TypstSeverity::Error => Diagnostic::error(d.message.to_string()),
                TypstSeverity::Warning => Diagnostic::warning(d.message.to_string()),
            };
            // Errors inside a function point at the function; the trace leads back to the
            // template line that called it, which is what a designer needs.
            let span = std::iter::once(d.span).chain(d.trace.iter().map(|t| t.span.into())).find(|s| {
                s.id().is_some_and(|id| id.get().vpath().get_with_slash() != DOCUMENT_PATH)
            });
            if let Some(location) = span.and_then(|s| self.locate(s)) {
                diag = diag.at(location);
            }
            // Typst's hints for its own command line (`--root`) mean nothing to a folio user.
            for hint in d.hints.iter().map(|h| h.v.as_str()).filter(|h| !h.contains("--root")) {
                diag = diag.hint(hint);
            }
            out.push(diag);
        }
        out
    }

    fn locate(&self, span: typst::syntax::DiagSpan) -> Option<Location> {
        let id = span.id()?;
        let range = self.world.range(span)?;
        let path = PathBuf::from(id.get().vpath().get_without_slash());
        let source = self.world.source_text(id)?;
        Some(Location::span(path, source.text(), range))
    }
}
