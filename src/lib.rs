//! folio: one structured report → print-ready, multilingual PDF and EPUB editions.
//!
//! The pipeline, one way: load (`model`, `i18n`) → resolve (`document`) →
//! lay out (`layout`, Typst in-process) → export (`export::pdf`, `export::epub`) → proof
//! (`proof`: the laid-out pages inspected as a proofreader would).
//! A library so that the fuzz targets (fuzz/) can call the stages; the binary is src/main.rs.
//!
//! The modules are layered, lowest first; a module uses only modules of the layers below
//! its own, never one beside it or above it (tests/layers.rs checks every `crate::` path):
//!
//! 1. `text`: scripts of characters, language profiles, slugs
//! 2. `diag`: diagnostics and failures
//! 3. `files` (writing atomically), `project` (the project's folder), `schedule`
//! 4. `i18n`: the bundles
//! 5. `model`: the report model
//! 6. `date`: the build date
//! 7. `document`: model and bundle resolved in one language
//! 8. `review`: a translation beside its source
//! 9. `layout`: Typst
//! 10. `export` (PDF, EPUB, web), `proof`
//! 11. `init` (a new project), `exchange` (XLIFF, TMX)
//! 12. `import`: Word and Markdown documents
//! 13. `render`: the driver: every edition of a run behind one trait, written, kept when unchanged
//! 14. `cli`: the commands
//! 15. `fuzz`: entry points of the fuzz targets; `in_memory` (tests): the pipeline in memory

pub mod cli;
mod date;
mod diag;
mod document;
mod exchange;
mod export;
pub mod files;
pub mod fuzz;
mod i18n;
mod import;
mod init;
mod layout;
mod model;
mod project;
mod proof;
mod review;
mod schedule;
mod render;
mod text;
#[cfg(test)]
mod in_memory;
