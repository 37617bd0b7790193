//! The `folio` command; everything else is in the library (src/lib.rs).

#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    folio::export::clean_up_on_interrupt();
    std::process::exit(folio::cli::run());
}
