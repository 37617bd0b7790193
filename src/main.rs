//! The `folio` command; everything else is in the library (src/lib.rs).

fn main() {
    folio::export::clean_up_on_interrupt();
    // FOLIO_TIMINGS=FILE: Typst's own timing events (layout passes, functions) as a Chrome
    // trace, for bench/ and for finding where a render spends its time.
    let timings = std::env::var_os("FOLIO_TIMINGS");
    if timings.is_some() {
        typst_timing::enable();
    }
    let code = folio::cli::run();
    if let Some(path) = timings {
        let written = std::fs::File::create(&path)
            .map_err(|e| e.to_string())
            .and_then(|file| typst_timing::export_json(std::io::BufWriter::new(file), |_| (String::new(), 0)));
        if let Err(e) = written {
            eprintln!("error: FOLIO_TIMINGS {}: {e}", std::path::Path::new(&path).display());
        }
    }
    std::process::exit(code);
}
