//! `--emit-typst DIR`: a standalone Typst project of one edition (the layouts, the
//! localized document as `document.json`, the images it shows) that the Typst CLI compiles
//! to the same pages: `typst compile --root DIR --font-path fonts DIR/main.typ`.
//! Designers can work on a layout in any Typst tool; the benchmark uses it as baseline.

use crate::diag::{Diagnostics, Failure};
use crate::document::Document;
use crate::layout::Layout;
use crate::project::{Kind, Project};

/// The project's files, by their path inside it: the layouts, the images, `document.json`
/// and `main.typ`.
pub fn files(project: &Project, doc: &Document, layout: &Layout) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let mut files = Vec::new();
    for (path, kind) in project.list("layouts").map_err(Failure::Io)? {
        if kind == Kind::File && path.extension().is_some_and(|e| e == "typ") {
            let bytes = project.read(&path).map_err(Failure::Io)?;
            files.push((path.to_string_lossy().replace('\\', "/"), bytes.to_vec()));
        }
    }
    for image in doc.figure_images() {
        let rel = image.trim_start_matches('/');
        let bytes = project.read(rel).map_err(Failure::Io)?;
        files.push((rel.to_string(), bytes.to_vec()));
    }
    let json = serde_json::to_vec_pretty(doc).map_err(|e| Failure::Content(Diagnostics(vec![
        crate::diag::Diagnostic::error(format!("cannot serialize the document: {e}")),
    ])))?;
    files.push(("document.json".to_string(), json));
    let main = format!(
        "// Emitted by folio for the `{}` edition in `{}`; the layout reads /document.json.\n#include \"layouts/{}.typ\"\n",
        layout.name, doc.lang, layout.name
    );
    files.push(("main.typ".to_string(), main.into_bytes()));
    Ok(files)
}
