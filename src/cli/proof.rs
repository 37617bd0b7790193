//! `folio proof`: lays the editions out and reads the pages as a proofreader would
//! (src/proof.rs), reporting each finding with its page, message id and model place.

use std::path::Path;
use std::sync::Arc;

use crate::cli::render::layout_named;
use crate::cli::{OutputFormat, ProofArgs, editions, print_diagnostics};
use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::export::markup::drawings;
use crate::layout::Typesetter;
use crate::model;
use crate::project::Project;
use crate::proof::{self, Finding, Level};
use crate::render::{
    PrintOptions, REVIEW_LAYOUT, build_timestamp, failure_diags, layout_estimate, load_catalog, load_fonts, print_inputs, resolve_all,
};

pub fn run(project: &Project, args: ProofArgs) -> Result<(), Failure> {
    let report = model::load(project)?;
    let langs = editions(project, &report.meta, &args.lang, args.draft)?;
    let layout = layout_named(project, &args.layout)?;
    let docs = resolve_all(project, &report, &langs, args.draft)?;
    let timestamp = build_timestamp(&report)?;
    let fonts = Arc::new(load_fonts(project, false)?);
    let print = PrintOptions { marks: true, trim: args.trim, pad_to: 0, preflight_json: None, paper_thickness_mm: 0.1 };
    let inputs = print_inputs(&report, &print);

    // The review edition sets each translation beside the source: the source itself has none.
    let review_source = (layout.name == REVIEW_LAYOUT).then(|| load_catalog(project, &report.meta.source_language)).transpose()?;
    let docs: Vec<_> = docs.into_iter().filter(|d| review_source.as_ref().is_none_or(|s| s.lang != d.lang)).collect();
    if docs.is_empty() {
        return Err(Failure::Usage(
            Diagnostic::error(format!("the review edition sets a translation beside `{}`: there is none to proof", report.meta.source_language))
                .hint("proof it with --lang set to a translation, e.g. --lang ru"),
        ));
    }

    let schedule = args.schedule.schedule()?;
    let results: Vec<Result<(String, usize, Vec<Finding>), Diagnostics>> =
        schedule.run(&docs, |doc| layout_estimate(doc, &schedule), |doc, _| {
            let pages = match (&review_source, layout.name.as_str()) {
                (Some(source), _) => {
                    let target = load_catalog(project, &doc.lang).map_err(failure_diags)?;
                    let review = crate::review::review(project, &report, source, &target, Path::new("out"), args.draft)?;
                    let json = serde_json::to_vec(&review).expect("the review serializes");
                    let mut typesetter = Typesetter::new(project, fonts.clone(), &layout, timestamp, &[]);
                    typesetter.typeset_data(json, &review.target)?.0
                }
                // The charts' layout draws a language's bar charts, as the EPUB asks it to.
                (None, "chart") => {
                    let inputs = drawings::chart_inputs(&doc.lang, &drawings::drawn_charts(doc));
                    let mut typesetter = Typesetter::new(project, fonts.clone(), &layout, timestamp, &inputs);
                    typesetter.typeset_inputs()?.0
                }
                (None, _) => {
                    let mut typesetter = Typesetter::new(project, fonts.clone(), &layout, timestamp, &inputs);
                    typesetter.typeset(doc)?.0
                }
            };
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
