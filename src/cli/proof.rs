//! `folio proof`: lays the editions out and reads the pages as a proofreader would
//! (src/proof.rs), reporting each finding with its page, message id and model place.

use std::path::PathBuf;

use crate::cli::render::layout_named;
use crate::cli::{OutputFormat, ProofArgs, editions, print_diagnostics};
use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::layout::contract;
use crate::model;
use crate::project::Project;
use crate::proof::{self, Finding, Level};
use crate::render::{Format, PrintOptions, RenderOptions, Session};

pub fn run(project: &Project, args: ProofArgs) -> Result<(), Failure> {
    let report = model::load(project)?;
    let langs = editions(project, &report.meta, &args.lang, args.draft)?;
    let layout = layout_named(project, &args.layout)?;
    // The review edition sets each translation beside the source: the source itself has none.
    let source = &report.meta.source_language;
    if layout.is(contract::REVIEW) && langs.iter().all(|l| l == source) {
        return Err(Failure::Usage(
            Diagnostic::error(format!("the review edition sets a translation beside `{source}`: there is none to proof"))
                .hint("proof it with --lang set to a translation, e.g. --lang ru"),
        ));
    }
    let schedule = args.schedule.schedule()?;
    let options = RenderOptions {
        langs,
        formats: vec![Format::Pdf],
        layout: layout.clone(),
        out: PathBuf::from("out"),
        draft: args.draft,
        standards: Vec::new(),
        system_fonts: false,
        print: PrintOptions { marks: true, trim: args.trim, pad_to: 0, preflight_json: None, paper_thickness_mm: 0.1 },
        base_url: None,
        review_source: None,
        schedule,
        force: false,
        emit_typst: None,
    };
    let mut session = Session::open(project, options)?;
    let loaded = session.load()?;
    let paged = session.paged(&loaded)?;
    let results: Vec<Result<(String, usize, Vec<Finding>), Diagnostics>> =
        schedule.run(&paged, |edition| edition.estimate(), |edition, _| {
            let (pages, _) = edition.lay_out(&session)?;
            let doc = edition.document();
            Ok((doc.lang.clone(), pages.pages().len(), proof::inspect(&pages, doc)))
        });
    let mut editions = Vec::new();
    let mut errors = Diagnostics::default();
    for result in results {
        match result {
            Ok(edition) => editions.push(edition),
            Err(d) => errors.extend(d),
        }
    }
    if errors.has_errors() {
        return Err(Failure::Content(errors));
    }

    let findings: Vec<&Finding> = editions.iter().flat_map(|(_, _, f)| f).collect();
    match args.format {
        OutputFormat::Json => {
            println!("{}", serde_json::to_string_pretty(&findings).expect("findings serialize"));
        }
        OutputFormat::Text => {
            print_diagnostics(&Diagnostics(findings.iter().map(|f| f.diagnostic()).collect()));
            for (lang, pages, found) in &editions {
                let count = |level| found.iter().filter(|f| f.level == level).count();
                eprintln!(
                    "{lang:>4}  {}  {pages} pages  {} error(s), {} warning(s)",
                    layout.name,
                    count(Level::Error),
                    count(Level::Warning)
                );
            }
        }
    }
    let failed = findings.iter().any(|f| f.level == Level::Error || args.strict);
    if failed { Err(Failure::Content(Diagnostics::default())) } else { Ok(()) }
}
