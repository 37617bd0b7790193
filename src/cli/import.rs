//! `folio import FILE --into DIR`: the document as a new project (src/import/), and the
//! import report on stdout (and as JSON with --report-json).

use crate::diag::Failure;
use crate::files::write_atomic;
use crate::import::{self, Options};

pub fn run(options: Options) -> Result<(), Failure> {
    let report = import::run(&options)?;
    print!("{}", report.text());
    if let Some(path) = &options.report_json {
        let json = serde_json::to_string_pretty(&report).expect("the import report serializes");
        write_atomic(path, json.as_bytes())?;
    }
    if options.update {
        eprintln!("next: `folio sync --lang L` for each translation adds the new messages and marks the removed ones obsolete; `folio check` shows the outdated ones");
    } else {
        eprintln!("next: cd {} && folio check && folio render --format pdf,epub", options.into.display());
    }
    Ok(())
}
