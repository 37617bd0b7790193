//! The `folio` command; everything else is in the library (src/lib.rs).

// Typst allocates and frees small objects by the million: jemalloc spends about a tenth
// less CPU on a long book than the system allocator (bench/RESULTS.md).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    folio::files::clean_up_on_interrupt();
    std::process::exit(folio::cli::run());
}
