//! The EPUB writer: the input is a chapter bundle; every content document must be well-formed.
//! The body is `folio::fuzz::epub` (src/fuzz.rs), which `cargo test` also runs on the seeds.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzz::epub(data));
