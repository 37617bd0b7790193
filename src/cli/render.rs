//! `folio render`: every requested language and format, in parallel.

use crate::cli::{RenderArgs, languages, print_diagnostics};
use crate::diag::{Diagnostic, Failure};
use crate::export::pdf::parse_standard;
use crate::layout::Layout;
use crate::model;
use crate::project::Project;
use crate::export::typst_project;
use crate::render::{PrintOptions, RenderOptions, render, resolve_all};

pub fn run(project: &Project, args: RenderArgs) -> Result<(), Failure> {
    if let Some(dir) = args.emit_typst.clone() {
        let options = options(project, args)?;
        let report = model::load(project)?;
        for doc in resolve_all(project, &report, &options.langs, options.draft)? {
            let target = dir.join(&doc.lang);
            typst_project::emit(project, &doc, &options.layout, &target)?;
            eprintln!("{:>4}  typst {}", doc.lang, target.display());
        }
        return Ok(());
    }
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
    let files = rendered.iter().map(|r| r.files.len()).sum::<usize>();
    eprintln!("{files} file(s) written to {}", options.out.display());
    Ok(())
}

pub fn options(project: &Project, args: RenderArgs) -> Result<RenderOptions, Failure> {
    let report = model::load(project)?;
    let langs = languages(&report.meta.languages, &args.lang)?;
    // A layout is named, not given as a path: `--layout ../x` must not leave layouts/.
    if args.layout.is_empty() || args.layout.starts_with('.') || args.layout.contains(['/', '\\']) {
        return Err(Failure::Io(
            Diagnostic::error(format!("`{}` is not a layout name", args.layout))
                .hint("name a .typ file of layouts/ without its extension, e.g. --layout print"),
        ));
    }
    let layout_file = project.root.join("layouts").join(format!("{}.typ", args.layout));
    if !layout_file.is_file() {
        return Err(Failure::Io(
            Diagnostic::error(format!("no layout `{}`: layouts/{}.typ not found", args.layout, args.layout))
                .hint("the layouts are the .typ files in layouts/"),
        ));
    }
    let standards = args
        .pdf_standard
        .iter()
        .map(|s| parse_standard(s))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::Io(Diagnostic::error(e)))?;
    Ok(RenderOptions {
        langs,
        formats: args.format,
        layout: Layout { name: args.layout },
        out: args.out,
        draft: args.draft,
        standards,
        system_fonts: args.system_fonts,
        print: PrintOptions {
            marks: !args.no_marks,
            trim: args.trim,
            pad_to: args.pad_to,
            preflight_json: args.preflight_json,
            paper_thickness_mm: args.paper_thickness,
        },
    })
}
