//! The importer: the input is a Word document (when it starts like a zip) or Markdown.
//! The body is `folio::fuzz::import` (src/fuzz.rs), which `cargo test` also runs on the seeds.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzz::import(data));
