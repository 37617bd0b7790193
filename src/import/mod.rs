//! Import: a source document (Markdown or DOCX) → the report model and the source
//! language's bundle.

pub mod ids;
