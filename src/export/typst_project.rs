//! `--emit-typst DIR`: a standalone Typst project of one edition (the layouts, the
//! localized document as `document.json`, the images it shows) that the Typst CLI compiles
//! to the same pages: `typst compile --root DIR --font-path fonts DIR/main.typ`.
//! Designers can work on a layout in any Typst tool; the benchmark uses it as baseline.

use std::path::Path;

use crate::diag::{Diagnostics, Failure};
use crate::document::Document;
use crate::export::write_atomic;
use crate::layout::Layout;
use crate::project::{Kind, Project};

pub fn emit(project: &Project, doc: &Document, layout: &Layout, dir: &Path) -> Result<(), Failure> {
    for (path, kind) in project.list("layouts").map_err(Failure::Io)? {
        if kind == Kind::File && path.extension().is_some_and(|e| e == "typ") {
            let bytes = project.read(&path).map_err(Failure::Io)?;
            write_atomic(&dir.join(&path), &bytes)?;
        }
    }
    for image in doc.figure_images() {
        let rel = image.trim_start_matches('/');
        let bytes = project.read(rel).map_err(Failure::Io)?;
        write_atomic(&dir.join(rel), &bytes)?;
    }
    let json = serde_json::to_vec_pretty(doc).map_err(|e| Failure::Content(Diagnostics(vec![
        crate::diag::Diagnostic::error(format!("cannot serialize the document: {e}")),
    ])))?;
    write_atomic(&dir.join("document.json"), &json)?;
    let main = format!(
        "// Emitted by folio for the `{}` edition in `{}`; the layout reads /document.json.\n#include \"layouts/{}.typ\"\n",
        layout.name, doc.lang, layout.name
    );
    write_atomic(&dir.join("main.typ"), main.as_bytes())
}
