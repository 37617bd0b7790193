//! PDF through typst-pdf: tagged, with document metadata and a fixed timestamp.

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::layout::Typesetter;

/// PDF standards a user can ask for with `--pdf-standard`.
pub fn parse_standard(name: &str) -> Result<PdfStandard, Failure> {
    Ok(match name {
        "1.7" => PdfStandard::V_1_7,
        "2.0" => PdfStandard::V_2_0,
        "a-2b" => PdfStandard::A_2b,
        "a-2u" => PdfStandard::A_2u,
        "a-2a" => PdfStandard::A_2a,
        "a-3b" => PdfStandard::A_3b,
        "a-4" => PdfStandard::A_4,
        "ua-1" => PdfStandard::Ua_1,
        other => return Err(Failure::usage(format!("unknown PDF standard `{other}`"), "the standards are a-2b, a-2u, a-2a, a-3b, a-4, ua-1, 1.7 and 2.0")),
    })
}

pub fn export(
    typesetter: &Typesetter,
    pages: &PagedDocument,
    ident: &str,
    timestamp: Datetime,
    standards: &[PdfStandard],
) -> Result<Vec<u8>, Diagnostics> {
    let standards = PdfStandards::new(standards).map_err(|e| Diagnostics(vec![Diagnostic::error(e.message().to_string())]))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("folio {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(timestamp)),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(pages, &options).map_err(|errors| typesetter.convert(&errors))
}
