//! The `folio` command; everything else is in the library (src/lib.rs).

fn main() {
    folio::export::clean_up_on_interrupt();
    std::process::exit(folio::cli::run());
}
