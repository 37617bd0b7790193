//! folio: one structured report → print-ready, multilingual PDF and EPUB editions.
//!
//! The pipeline, one way: load (`model`, `i18n`) → resolve (`document`) →
//! lay out (`layout`, Typst in-process) → export (`export::pdf`, `export::epub`) → proof
//! (`proof`: the laid-out pages inspected as a proofreader would).
//! A library so that the fuzz targets (fuzz/) can call the stages; the binary is src/main.rs.

pub mod cli;
mod diag;
mod document;
mod exchange;
pub mod export;
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
#[cfg(test)]
mod in_memory;
