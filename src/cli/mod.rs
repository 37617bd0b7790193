//! The command line: parses arguments, runs a command, prints diagnostics, picks the exit
//! code (0 ok, 1 content errors, 2 usage or I/O errors).

mod check;
mod dump;
mod exchange;
mod import;
mod init;
mod preview;
mod proof;
mod render;
mod review;
mod stats;
mod translate;
mod watch;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diag::{Diagnostics, Failure};
use crate::project::Project;

#[derive(Parser)]
#[command(name = "folio", version, about = "Multilingual, print-ready editions of a structured report")]
struct Cli {
    /// The project directory (holding report/, locales/, layouts/, fonts/).
    #[arg(long, global = true, default_value = ".")]
    project: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new project in DIR (missing or empty) that renders as it is: report/ with
    /// one example chapter, a bundle per language, the layouts and the fonts.
    Init {
        dir: PathBuf,
        /// The language the report is written in.
        #[arg(long, default_value = "en")]
        source_lang: String,
        /// Every language of the editions, comma-separated (the source language is added).
        #[arg(long, value_delimiter = ',')]
        langs: Vec<String>,
    },
    /// Import a Markdown or Word (DOCX) document into DIR: a new project (as `folio init`
    /// makes it) whose model and source-language bundle hold the document. Prints the import
    /// report: counts, the heuristics applied, everything dropped or approximated.
    Import {
        file: PathBuf,
        /// The project directory: new or empty (a project, with --update).
        #[arg(long, value_name = "DIR")]
        into: PathBuf,
        /// The document's language (guessed from its script when not given).
        #[arg(long)]
        source_lang: Option<String>,
        /// DIR is the project the document was imported into before: keep the ids of
        /// unchanged and edited text, new ids for new text; translations of edited text show
        /// as outdated. Prints N unchanged, edited, new and removed messages.
        #[arg(long)]
        update: bool,
        /// Also write the import report as JSON to FILE.
        #[arg(long, value_name = "FILE")]
        report_json: Option<PathBuf>,
        /// Turn off a heuristic for documents converted from PDF (repeatable); the report lists them.
        #[arg(long, value_name = "NAME")]
        no_heuristic: Vec<String>,
    },
    /// Check the model and the bundles: every problem, with file, line and column.
    Check {
        /// A language, or `all`.
        #[arg(long, default_value = "all")]
        lang: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// Languages in progress: list every message not translated yet, under its file.
        #[arg(long)]
        list_missing: bool,
    },
    /// Render editions into out/: PDF, EPUB and the website (--format), the print and review
    /// editions (--layout print, --layout review).
    Render(RenderArgs),
    /// Print one language's resolved document as JSON (what the layouts receive): for
    /// translators' tools, tests and debugging.
    Dump {
        /// One of the report's languages.
        #[arg(long)]
        lang: String,
        /// Fill missing messages from the source language, marked as untranslated.
        #[arg(long)]
        draft: bool,
    },
    /// Translation progress per language and source file: messages translated, missing and
    /// outdated, source characters and translated words.
    Stats {
        /// A language, a comma-separated list, or `all`.
        #[arg(long, default_value = "all")]
        lang: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Start a translation: locales/<LANG>/ with every source message to translate, in the
    /// source's file layout; adds the language to `in-progress` in report/report.toml.
    NewLang {
        /// The new language's tag, e.g. de, fr, pt-BR.
        lang: String,
        /// Translate from this language too (a pivot, e.g. en): its text is written beside
        /// the source's, and a change in it makes a translation outdated (repeatable).
        #[arg(long, value_name = "LANG")]
        from: Vec<String>,
    },
    /// Publish a language in progress once every message is translated: moves it from
    /// `in-progress` to `languages` in report/report.toml, so `--lang all` renders it.
    Publish {
        lang: String,
    },
    /// Bring a translation up to date with the source: add new messages to translate, mark
    /// obsolete ones, record the source version of each translation (locales/<LANG>/.folio-lock.toml).
    Sync {
        /// The translation to bring up to date.
        #[arg(long)]
        lang: String,
        /// Record an outdated translation as up to date without editing it (repeatable).
        #[arg(long, value_name = "ID")]
        accept: Vec<String>,
    },
    /// Exchange a translation with CAT tools and Weblate as XLIFF: export its units (source,
    /// target, inline codes for placeables, notes), import what the tool returns.
    Xliff {
        #[command(subcommand)]
        action: XliffAction,
    },
    /// A translation's memory as TMX: export it for CAT tools, or import another memory
    /// (exact matches fill untranslated messages, close ones become XLIFF suggestions).
    Tm {
        #[command(subcommand)]
        action: TmAction,
    },
    /// Sign off translations: record in the lock who approved which version of the source
    /// and the translation (a later change to either undoes it).
    Review {
        #[command(subcommand)]
        action: ReviewAction,
    },
    /// Lay the editions out and read the pages as a proofreader would: Fluent fallbacks and
    /// missing glyphs, captions apart from their tables, headings at a page foot, short last
    /// lines (孤字), widows and orphans, overfull lines, split footnotes, half-empty pages.
    Proof(ProofArgs),
    /// Show one edition's pages in the browser, following every save of a bundle, the model
    /// or a layout (a local web server; Ctrl-C stops it).
    Preview {
        #[command(flatten)]
        edition: EditionArgs,
        /// The port to listen on.
        #[arg(long, default_value_t = 7777)]
        port: u16,
        /// Listen on this address instead of 127.0.0.1 (the pages are then visible to others).
        #[arg(long)]
        host: Option<String>,
        /// Open the viewer in the default browser once the server listens.
        #[arg(long)]
        open: bool,
    },
    /// Render, then render again on every change of the languages' bundles, the model, an
    /// image or a layout (PDF).
    Watch {
        #[command(flatten)]
        edition: EditionArgs,
        /// Output directory.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// PDF standard(s) to conform to, e.g. a-2b, ua-1.
        #[arg(long = "pdf-standard", value_delimiter = ',')]
        pdf_standard: Vec<String>,
    },
}

#[derive(Subcommand)]
enum ReviewAction {
    /// Approve translations into LANG as they are now: the ids named, a chapter's messages
    /// or all; `folio stats` counts them as reviewed and the review edition marks them.
    #[command(group(clap::ArgGroup::new("which").required(true).args(["ids", "chapter", "all"])))]
    Approve {
        /// The translation reviewed.
        #[arg(long)]
        lang: String,
        /// Message ids, as the review edition shows them.
        ids: Vec<String>,
        /// Every message of chapter N (its titles, blocks, notes, tables and charts).
        #[arg(long, value_name = "N")]
        chapter: Option<u32>,
        /// Every translated message.
        #[arg(long)]
        all: bool,
        /// Who approves (default: $USER).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
}

#[derive(Subcommand)]
enum XliffAction {
    /// Write the translation into LANG as XLIFF (default out/<slug>-<LANG>.xlf): one unit per
    /// message, attribute and variant, with the source, the current translation and its state.
    Export {
        /// The translation to export.
        #[arg(long)]
        lang: String,
        /// The language the translator reads (default: the report's source language).
        #[arg(long, value_name = "LANG")]
        source: Option<String>,
        /// Which units to export.
        #[arg(long, value_enum, default_value = "all")]
        only: exchange::Only,
        /// XLIFF version.
        #[arg(long, value_enum, default_value = "1.2")]
        version: crate::exchange::xliff::Version,
        /// Fill empty targets with the source (OmegaT translates the target text).
        #[arg(long)]
        copy_source: bool,
        /// The file to write.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Bring the targets of an XLIFF file back into locales/<LANG>/: only changed messages are
    /// rewritten; a unit whose inline codes do not match is rejected and named.
    Import {
        file: PathBuf,
        /// Report what would change, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum TmAction {
    /// Write every translated message of LANG as TMX 1.4b (default out/<slug>-<LANG>.tmx).
    Export {
        #[arg(long)]
        lang: String,
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Add a TMX file to LANG's memory (locales/<LANG>/.folio-memory.tmx): untranslated
    /// messages whose source it holds exactly are filled, marked to review.
    Import {
        file: PathBuf,
        #[arg(long)]
        lang: String,
        /// Report what would be filled, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// What names an edition and how it is laid out: `render`, `watch` and `preview` alike.
#[derive(clap::Args)]
pub struct EditionArgs {
    /// A language, a comma-separated list, or `all`.
    #[arg(long, default_value = "all")]
    lang: String,
    /// The edition's layout: `layouts/<name>.typ` (report: screen A4; print: book with bleed).
    #[arg(long, default_value = "report")]
    layout: String,
    /// Render an incomplete translation: missing messages come from the source language, marked.
    #[arg(long)]
    draft: bool,
    /// Also use the fonts installed on this machine (off by default: renders must be identical everywhere).
    #[arg(long)]
    system_fonts: bool,
    /// Print layouts: leave out crop and registration marks and the slug area.
    #[arg(long)]
    no_marks: bool,
    /// Print layouts: trim size preset (16k, b5, a5, 32k).
    #[arg(long)]
    trim: Option<String>,
}

#[derive(clap::Args)]
pub struct RenderArgs {
    #[command(flatten)]
    edition: EditionArgs,
    /// Output formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "pdf")]
    format: Vec<crate::render::Format>,
    /// Output directory.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// PDF standard(s) to conform to, e.g. a-2b, ua-1.
    #[arg(long = "pdf-standard", value_delimiter = ',')]
    pdf_standard: Vec<String>,
    /// Print layouts: add blank pages before the back cover up to a multiple of N pages.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pad_to: usize,
    /// Instead of rendering, write a standalone Typst project of each edition to DIR/<lang>/
    /// (layouts, document.json, images) for the Typst CLI or any Typst editor.
    #[arg(long, value_name = "DIR")]
    emit_typst: Option<PathBuf>,
    /// Print layouts: write the preflight report as JSON to FILE (suffixed with the language).
    #[arg(long, value_name = "FILE")]
    preflight_json: Option<PathBuf>,
    /// Review edition (`--layout review`): the language set beside each translation
    /// (default: the report's source language).
    #[arg(long, value_name = "LANG")]
    source: Option<String>,
    /// Web edition: the address it will be published at (https://example.org/report/), for
    /// canonical and alternate links and sitemap.xml.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Cover: thickness of one sheet of the book's paper, in mm (80 g/m² offset ≈ 0.1).
    #[arg(long, value_name = "MM", default_value_t = 0.1)]
    paper_thickness: f64,
    /// Make every output, also those whose inputs have not changed since they were written
    /// (out/.folio-stamps.json records what each output was made from).
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    schedule: ScheduleArgs,
}

impl RenderArgs {
    /// The PDF of an edition, as `watch` writes it (to `out`) and `preview` shows it.
    pub fn pdf(edition: EditionArgs, out: PathBuf, pdf_standard: Vec<String>) -> Self {
        Self {
            edition,
            format: vec![crate::render::Format::Pdf],
            out,
            pdf_standard,
            pad_to: 0,
            emit_typst: None,
            preflight_json: None,
            source: None,
            base_url: None,
            paper_thickness: 0.1,
            force: false,
            schedule: ScheduleArgs { jobs: None, max_memory: None },
        }
    }
}

/// How many languages are laid out at once (render, proof).
#[derive(clap::Args)]
pub struct ScheduleArgs {
    /// Languages laid out at once (default: the number of cores).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Memory the layouts may take together, e.g. 1G or 800M (default: half of the memory
    /// available); a language starts only when its estimate fits beside those running.
    #[arg(long, value_name = "SIZE", value_parser = crate::schedule::parse_size)]
    max_memory: Option<u64>,
}

impl ScheduleArgs {
    /// The automatic schedule with what `--jobs` and `--max-memory` set.
    pub fn schedule(&self) -> Result<crate::schedule::Schedule, Failure> {
        let mut schedule = crate::schedule::Schedule::automatic();
        if let Some(jobs) = self.jobs {
            if jobs == 0 {
                return Err(Failure::Usage(
                    crate::diag::Diagnostic::error("--jobs 0: at least one language is laid out at a time").hint("leave --jobs out to use every core"),
                ));
            }
            schedule.jobs = jobs;
        }
        if let Some(bytes) = self.max_memory {
            schedule.budget = bytes;
        }
        Ok(schedule)
    }
}

#[derive(clap::Args)]
pub struct ProofArgs {
    /// A language, a comma-separated list, or `all`.
    #[arg(long, default_value = "all")]
    lang: String,
    /// The edition's layout: `layouts/<name>.typ`.
    #[arg(long, default_value = "report")]
    layout: String,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    strict: bool,
    /// Proof an incomplete translation, missing messages in the source language.
    #[arg(long)]
    draft: bool,
    /// Print layouts: trim size preset (16k, b5, a5, 32k).
    #[arg(long)]
    trim: Option<String>,
    #[command(flatten)]
    schedule: ScheduleArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

pub fn run() -> i32 {
    if TIMINGS.is_some() {
        typst_timing::enable();
    }
    let code = run_command();
    write_timings();
    code
}

/// `FOLIO_TIMINGS=FILE`: Typst's timing events (layout passes, introspection, export) as a
/// Chrome trace (chrome://tracing, ui.perfetto.dev), to see where a render spends its time.
/// `folio watch` writes the trace of each rebuild.
static TIMINGS: std::sync::LazyLock<Option<PathBuf>> = std::sync::LazyLock::new(|| std::env::var_os("FOLIO_TIMINGS").map(PathBuf::from));

/// Writes the events since the last call to FOLIO_TIMINGS, if it is set.
pub(crate) fn write_timings() {
    let Some(path) = TIMINGS.as_ref() else { return };
    let written = std::fs::File::create(path)
        .map_err(|e| e.to_string())
        .and_then(|file| typst_timing::export_json(std::io::BufWriter::new(file), |_| (String::new(), 0)));
    if let Err(e) = written {
        eprintln!("error: FOLIO_TIMINGS {}: {e}", path.display());
    }
}

fn run_command() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Init { dir, source_lang, langs } => init::run(&dir, &source_lang, &langs),
        Command::Import { file, into, source_lang, update, report_json, no_heuristic } => {
            import::run(crate::import::Options { file, into, source_lang, update, report_json, no_heuristic })
        }
        command => Project::open(&cli.project).and_then(|project| in_project(&project, command)),
    };
    match result {
        Ok(()) => 0,
        Err(failure) => {
            match &failure {
                Failure::Content(diags) => print_diagnostics(diags),
                Failure::Usage(d) | Failure::Io(d) => eprint!("{d}"),
            }
            failure.exit_code()
        }
    }
}

/// A command that works on an existing project.
fn in_project(project: &Project, command: Command) -> Result<(), Failure> {
    match command {
        Command::Check { lang, format, strict, list_missing } => check::run(project, &lang, format, strict, list_missing),
        Command::Render(args) => render::run(project, args),
        Command::Dump { lang, draft } => dump::run(project, &lang, draft),
        Command::Stats { lang, format } => stats::run(project, &lang, format),
        Command::NewLang { lang, from } => translate::new_lang(project, &lang, &from),
        Command::Publish { lang } => translate::publish(project, &lang),
        Command::Sync { lang, accept } => translate::sync(project, &lang, &accept),
        Command::Proof(args) => proof::run(project, args),
        Command::Review { action: ReviewAction::Approve { lang, ids, chapter, all, by } } => {
            let selection = match (chapter, all) {
                (Some(n), _) => review::Selection::Chapter(n),
                (None, true) => review::Selection::All,
                (None, false) => review::Selection::Ids(ids),
            };
            review::approve(project, &lang, selection, by)
        }
        Command::Xliff { action: XliffAction::Export { lang, source, only, version, copy_source, output } } => {
            exchange::export(project, exchange::ExportArgs { lang, source, only, version, copy_source, output })
        }
        Command::Xliff { action: XliffAction::Import { file, dry_run } } => exchange::import(project, &file, dry_run),
        Command::Tm { action: TmAction::Export { lang, output } } => exchange::tm_export(project, &lang, output),
        Command::Tm { action: TmAction::Import { file, lang, dry_run } } => exchange::tm_import(project, &file, &lang, dry_run),
        Command::Preview { edition, port, host, open } => preview::run(project, RenderArgs::pdf(edition, PathBuf::from("out"), Vec::new()), port, host, open),
        Command::Watch { edition, out, pdf_standard } => watch::run(project, RenderArgs::pdf(edition, out, pdf_standard)),
        Command::Init { .. } | Command::Import { .. } => unreachable!("run() creates projects before opening one"),
    }
}

pub fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.iter() {
        eprint!("{d}");
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.iter().count() - errors;
    if errors + warnings > 0 {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}

/// The languages a `--lang` argument names: one, a comma-separated list, or `all` of the
/// report's, published and in progress.
pub fn languages(meta: &crate::model::Meta, lang: &str) -> Result<Vec<String>, Failure> {
    let known = meta.all_languages();
    if lang == "all" {
        return Ok(known);
    }
    let langs: Vec<String> = lang.split(',').map(str::to_string).collect();
    for l in &langs {
        if !known.contains(l) {
            let mut hint = format!("the report's languages are: {}", meta.languages.join(", "));
            if !meta.in_progress.is_empty() {
                hint.push_str(&format!(" (in progress: {})", meta.in_progress.join(", ")));
            }
            return Err(Failure::Usage(crate::diag::Diagnostic::error(format!("unknown language `{l}`")).hint(hint)));
        }
    }
    Ok(langs)
}

/// The languages to lay out for a `--lang` argument: a language in progress only with
/// `draft`. `all` leaves the others out, each named with its progress; naming one is an
/// error that says what to do.
pub fn editions(project: &Project, meta: &crate::model::Meta, lang: &str, draft: bool) -> Result<Vec<String>, Failure> {
    let mut langs = languages(meta, lang)?;
    if draft {
        return Ok(langs);
    }
    let pending: Vec<String> = langs.iter().filter(|l| meta.is_in_progress(l)).cloned().collect();
    for l in &pending {
        let total = stats::total(project, &meta.source_language, l)?;
        let done = format!("{l}: {} of {} messages translated", total.translated, total.messages);
        if lang != "all" {
            return Err(Failure::Usage(crate::diag::Diagnostic::error(format!("{done}; `{l}` is in progress, not published")).hint(format!(
                "add --draft to render it with the untranslated text in `{}`, marked; once it is complete, `folio publish {l}`",
                meta.source_language
            ))));
        }
        eprintln!("{done}, not rendered; `--draft` renders it marked");
    }
    langs.retain(|l| !pending.contains(l));
    Ok(langs)
}
