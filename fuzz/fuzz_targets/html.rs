//! The web edition's writer: the input is a chapter bundle; every page must be well-formed.
//! The body is `folio::fuzz::html` (src/fuzz.rs), which `cargo test` also runs on the seeds.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzz::html(data));
