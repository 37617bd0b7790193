//! `folio dump`: one language's resolved document as JSON on stdout — exactly what the
//! layouts and exporters receive, for translators' tools, tests and debugging.

use crate::cli::editions;
use crate::diag::{Diagnostic, Failure};
use crate::document::resolve_all;
use crate::model;
use crate::project::Project;

pub fn run(project: &Project, lang: &str, draft: bool) -> Result<(), Failure> {
    let report = model::load(project)?;
    let langs = editions(project, &report.meta, lang, draft)?;
    let [lang] = langs.as_slice() else {
        return Err(Failure::Usage(
            Diagnostic::error("`folio dump` writes one language at a time").hint("pass --lang with a single language"),
        ));
    };
    let docs = resolve_all(project, &report, std::slice::from_ref(lang), draft)?;
    for doc in &docs {
        println!("{}", serde_json::to_string_pretty(doc).expect("the document serializes"));
    }
    Ok(())
}
