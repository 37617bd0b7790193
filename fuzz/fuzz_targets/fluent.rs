//! Fluent bundle loading: the input is one .ftl file.
//! The body is `folio::fuzz::fluent` (src/fuzz.rs), which `cargo test` also runs on the seeds.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzz::fluent(data));
