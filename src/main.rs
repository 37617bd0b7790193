//! folio: one structured report → print-ready, multilingual PDF and EPUB editions.
//!
//! The pipeline, one way: load (`model`, `i18n`) → resolve (`document`) →
//! lay out (`layout`, Typst in-process) → export (`export::pdf`, `export::epub`).

mod cli;
mod diag;
mod document;
mod i18n;
mod model;
mod export;
mod layout;
mod project;
mod render;

fn main() {
    export::clean_up_on_interrupt();
    std::process::exit(cli::run());
}
