//! Lay out: the localized document through a Typst template, in-process.

pub mod world;

use std::path::PathBuf;
use std::sync::Arc;

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::document::Document;
use crate::project::Project;
use world::{DOCUMENT_PATH, Fonts, FolioWorld};

/// A layout edition: `layouts/<name>.typ`.
#[derive(Debug, Clone)]
pub struct Layout {
    pub name: String,
}

impl Layout {
    pub fn main_path(&self) -> String {
        format!("/layouts/{}.typ", self.name)
    }
}

/// Compiles documents of one language with one layout; keeps its World between calls so
/// that a rebuild (watch) only redoes what changed.
pub struct Typesetter {
    world: FolioWorld,
}

impl Typesetter {
    pub fn new(project: &Project, fonts: Arc<Fonts>, layout: &Layout, today: Datetime, extra: &[(&str, String)]) -> Self {
        let mut pairs = vec![("folio-document", DOCUMENT_PATH.to_string())];
        pairs.extend(extra.iter().map(|(k, v)| (*k, v.clone())));
        let world = FolioWorld::new(&project.root, fonts, &layout.main_path(), world::inputs(pairs), today);
        Self { world }
    }

    /// Lays the document out; warnings come back with the pages, errors instead of them.
    pub fn typeset(&mut self, doc: &Document) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
        self.world.reset();
        let json = serde_json::to_vec(doc).expect("the document serializes");
        self.world.set_memory_file(DOCUMENT_PATH, json);
        let result = typst::compile::<PagedDocument>(&self.world);
        let warnings = self.convert(&result.warnings);
        match result.output {
            Ok(pages) => Ok((pages, warnings)),
            Err(errors) => {
                let mut all = self.convert(&errors);
                all.extend(warnings);
                Err(all)
            }
        }
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
            let hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
            if !hints.is_empty() {
                diag = diag.hint(hints.join("; "));
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
