//! `folio render`: every requested language and format, in parallel.

use crate::cli::{RenderArgs, editions, languages, print_diagnostics};
use crate::diag::{Diagnostic, Failure};
use crate::export::pdf::parse_standard;
use crate::layout::Layout;
use crate::layout::contract;
use crate::model;
use crate::project::Project;
use crate::render::{PrintOptions, RenderOptions, render};

pub fn run(project: &Project, args: RenderArgs) -> Result<(), Failure> {
    let options = options(project, args)?;
    let rendered = render(project, &options)?;
    // The same warning from every language (a placeholder image) is shown once.
    let mut warnings = crate::diag::Diagnostics::default();
    for d in rendered.iter().flat_map(|r| r.warnings.iter()) {
        if !warnings.iter().any(|seen| seen == d) {
            warnings.push(d.clone());
        }
    }
    print_diagnostics(&warnings);
    let made = rendered.iter().filter(|r| r.made).count();
    let kept = rendered.len() - made;
    let dir = options.emit_typst.as_ref().unwrap_or(&options.out);
    match kept {
        0 => eprintln!("{made} file(s) written to {}", dir.display()),
        _ => eprintln!("{made} file(s) written to {}, {kept} unchanged (--force makes them again)", dir.display()),
    }
    Ok(())
}

pub fn options(project: &Project, args: RenderArgs) -> Result<RenderOptions, Failure> {
    let report = model::load(project)?;
    let layout = layout_named(project, &args.edition.layout)?;
    // The review edition shows what is not translated yet, marked, in any language.
    let langs = if layout.is(contract::REVIEW) && args.emit_typst.is_none() {
        languages(&report.meta, &args.edition.lang)?
    } else {
        editions(project, &report.meta, &args.edition.lang, args.edition.draft)?
    };
    let standards = args
        .pdf_standard
        .iter()
        .map(|s| parse_standard(s))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RenderOptions {
        langs,
        formats: args.format,
        layout,
        out: args.out,
        draft: args.edition.draft,
        standards,
        system_fonts: args.edition.system_fonts,
        base_url: args.base_url.map(|url| validate_base_url(&url)).transpose()?,
        review_source: args.source,
        schedule: args.schedule.schedule()?,
        force: args.force,
        emit_typst: args.emit_typst,
        print: PrintOptions {
            marks: !args.edition.no_marks,
            trim: args.edition.trim,
            pad_to: args.pad_to,
            preflight_json: args.preflight_json,
            paper_thickness_mm: args.paper_thickness,
        },
    })
}

/// The layout `layouts/<name>.typ`. A layout is named, not given as a path: `--layout ../x`
/// must not leave layouts/.
pub fn layout_named(project: &Project, name: &str) -> Result<Layout, Failure> {
    if name.is_empty() || name.starts_with('.') || name.contains(['/', '\\']) {
        return Err(Failure::Usage(
            Diagnostic::error(format!("`{name}` is not a layout name"))
                .hint("name a .typ file of layouts/ without its extension, e.g. --layout print"),
        ));
    }
    if !project.exists(format!("layouts/{name}.typ")) {
        return Err(Failure::Usage(
            Diagnostic::error(format!("no layout `{name}`: layouts/{name}.typ not found"))
                .hint("the layouts are the .typ files in layouts/"),
        ));
    }
    Ok(Layout { name: name.to_string() })
}

/// A `--base-url` is an http(s) address: it goes into every page's links.
fn validate_base_url(url: &str) -> Result<String, Failure> {
    let valid = (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\'));
    if valid {
        Ok(url.to_string())
    } else {
        Err(Failure::Usage(
            Diagnostic::error(format!("--base-url `{url}` is not an http(s) address"))
                .hint("give the address the site will be published at, e.g. --base-url https://example.org/report/"),
        ))
    }
}
