//! What a CAT tool returns: XLIFF targets checked as a unit's translation, and TMX.
//! The body is `folio::fuzz::xliff` (src/fuzz.rs), which `cargo test` also runs on the seeds.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzz::xliff(data));
