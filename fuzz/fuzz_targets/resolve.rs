//! Resolve: the input replaces a model file or the Chinese bundle of tests/fixtures/minimal.
//! The body is `folio::fuzz::resolve` (src/fuzz.rs), which `cargo test` also runs on the seeds.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzz::resolve(data));
