//! The model loader: the input replaces one model file of tests/fixtures/minimal.
//! The body is `folio::fuzz::model` (src/fuzz.rs), which `cargo test` also runs on the seeds.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzz::model(data));
