//! `folio check`: load the model and each bundle, resolve every message, report all problems.

use crate::cli::{OutputFormat, languages, print_diagnostics};
use crate::diag::{Diagnostics, Failure};
use crate::document;
use crate::i18n::Catalog;
use crate::model;
use crate::project::Project;

pub fn run(project: &Project, lang: &str, format: OutputFormat, strict: bool) -> Result<(), Failure> {
    let mut diags = Diagnostics::default();
    let report = match model::load(project) {
        Ok(report) => Some(report),
        Err(Failure::Content(d)) => {
            diags.extend(d);
            None
        }
        Err(io) => return Err(io),
    };
    if let Some(report) = &report {
        for lang in languages(&report.meta.languages, lang)? {
            match Catalog::load(project, &lang) {
                Ok((catalog, load_diags)) => {
                    diags.extend(load_diags);
                    if let Err(d) = document::resolve(report, &catalog, None) {
                        diags.extend(d);
                    }
                }
                Err(d) => diags.push(d),
            }
        }
    }
    let failed = diags.has_errors() || (strict && !diags.is_empty());
    match format {
        OutputFormat::Json => {
            println!("{}", serde_json::to_string_pretty(&diags.0).expect("diagnostics serialize"));
        }
        OutputFormat::Text => {
            print_diagnostics(&diags);
            if !failed {
                eprintln!("ok: no problems found");
            }
        }
    }
    if failed { Err(Failure::Content(Diagnostics::default())) } else { Ok(()) }
}
