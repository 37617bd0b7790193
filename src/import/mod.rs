//! Import: a source document (Markdown or DOCX) → the report model and the source
//! language's bundle. The stages: read (markdown.rs) → clean up what a PDF conversion left
//! (cleanup.rs) → shape chapters and sections (outline.rs) → messages and model files
//! (emit.rs) → written into a staging directory, checked, and moved into place. The import
//! report (report.rs) records every heuristic applied and everything dropped or approximated.

pub mod chart;
pub mod cleanup;
pub mod docx;
pub mod emit;
pub mod ids;
pub mod markdown;
pub mod math;
pub mod metafile;
pub mod outline;
pub mod picture;
pub mod report;
pub mod source;
pub mod update;
mod workbook;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Failure, Location};
use crate::init;
use crate::project::Project;
use crate::text::Script;

use emit::{Emitted, Emitter};
use report::{HEURISTICS, ImportReport};
use source::Span;

pub struct Options {
    pub file: PathBuf,
    pub into: PathBuf,
    pub source_lang: Option<String>,
    /// Re-import into the project the document came from.
    pub update: bool,
    pub report_json: Option<PathBuf>,
    pub no_heuristic: Vec<String>,
}

/// Why a document, a part of it or a picture cannot be converted, in words that complete a
/// sentence naming it: “picture `x.emf` ” + “is in no picture format folio knows”, “a
/// chart: ” + …. The import report records it beside what it dropped, or the import fails
/// with it as the error at the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Problem {
    fn from(why: String) -> Self {
        Problem(why)
    }
}

impl From<&str> for Problem {
    fn from(why: &str) -> Self {
        Problem(why.to_string())
    }
}

/// What kind of document a file is, by its name and its first bytes.
enum Format {
    Markdown,
    Docx,
}

/// Extensions of documents Pandoc converts, with the name of their format.
const CONVERTIBLE: &[(&str, &str)] = &[
    ("odt", "OpenDocument text"),
    ("html", "HTML"),
    ("htm", "HTML"),
    ("xhtml", "XHTML"),
    ("epub", "EPUB"),
    ("tex", "LaTeX"),
    ("latex", "LaTeX"),
    ("rtf", "RTF"),
    ("doc", "Word 97–2003"),
    ("rst", "reStructuredText"),
    ("org", "Org"),
    ("pdf", "PDF"),
];

pub fn run(options: &Options) -> Result<ImportReport, Failure> {
    let off: HashSet<String> = options.no_heuristic.iter().cloned().collect();
    for name in &off {
        if !HEURISTICS.iter().any(|(h, _)| h == name) {
            let names: Vec<&str> = HEURISTICS.iter().map(|(h, _)| *h).collect();
            return Err(Failure::usage(format!("--no-heuristic {name}: there is no such heuristic"), &format!("the heuristics are: {}", names.join(", "))));
        }
    }
    let bytes = std::fs::read(&options.file).map_err(|e| Failure::io(&options.file, e))?;
    let format = detect(&options.file, &bytes)?;
    let mut report = ImportReport { source: options.file.display().to_string(), ..Default::default() };
    let old = if options.update {
        let project = Project::open(&options.into).map_err(|_| {
            Failure::usage(format!("{} is not a folio project", options.into.display()), "import without --update to create one")
        })?;
        let old = update::Old::load(&project)?;
        if let Some(lang) = options.source_lang.as_ref().filter(|l| **l != old.source_lang) {
            return Err(Failure::usage(
                format!("--source-lang {lang}: the project's source language is {}", old.source_lang),
                "a re-import keeps the project's source language; leave --source-lang out",
            ));
        }
        Some((project, old))
    } else {
        check_target(&options.into)?;
        None
    };

    let lang = match (&old, &options.source_lang) {
        (Some((_, old)), _) => Some(old.source_lang.as_str()),
        (None, lang) => lang.as_deref(),
    };
    let Converted { mut emitted, front, lang } = convert(&options.file, bytes, format, &off, lang, &mut report)?;
    let name = options.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some((project, old)) = old {
        let plan = update::apply(&old, &mut emitted);
        report.update = Some(plan.stats);
        reimport(&project, &old, emitted, plan.delete, &name, &mut report)?;
        return Ok(report);
    }
    let date = match front.date {
        Some(date) => date,
        None => init::this_month()?,
    };
    let target = options.into.clone();
    let project = init::Options { slug: init::slug_of(&target), source_lang: lang.clone(), langs: vec![lang.clone()], date };
    let staged = init::staging_dir(&target)?;
    init::populate(staged.path(), &project)?;
    write_project(staged.path(), &project, emitted, &name, &mut report)?;
    verify(staged.path(), &lang, &mut report)?;
    init::move_into(staged, &target)?;
    Ok(report)
}

/// A block's text, for guessing the language.
fn source_text(block: &source::Block) -> String {
    match block {
        source::Block::Heading { text, .. } | source::Block::Para { text, .. } | source::Block::Item { text, .. } => source::plain(text),
        _ => String::new(),
    }
}

fn detect(file: &Path, bytes: &[u8]) -> Result<Format, Failure> {
    let ext = file.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if let Some((_, name)) = CONVERTIBLE.iter().find(|(e, _)| *e == ext) {
        return Err(Failure::usage(
            format!("{}: folio does not import {name} documents", file.display()),
            &format!("convert it with Pandoc to DOCX or Markdown first: pandoc {} -o {}.docx (or -t gfm -o {}.md)", file.display(), stem(file), stem(file)),
        ));
    }
    match ext.as_str() {
        "docx" => Ok(Format::Docx),
        "md" | "markdown" | "mdown" | "mkd" | "txt" | "text" => Ok(Format::Markdown),
        _ if bytes.starts_with(b"PK\x03\x04") => Ok(Format::Docx),
        _ => Err(Failure::usage(
            format!("{}: not a Markdown (.md) or Word (.docx) file", file.display()),
            &format!("convert it with Pandoc to DOCX or Markdown first: pandoc {} -o {}.docx", file.display(), stem(file)),
        )),
    }
}

fn stem(file: &Path) -> String {
    file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into())
}

/// A document read and converted into the model's chapters, tables and messages, before
/// anything is written.
pub struct Converted {
    pub emitted: Emitted,
    pub front: cleanup::Front,
    pub lang: String,
}

/// Reads the document and converts it; `lang` is its language when known (else guessed
/// from its script). Images are read from the DOCX archive or beside the file.
fn convert(file: &Path, bytes: Vec<u8>, format: Format, off: &HashSet<String>, lang: Option<&str>, report: &mut ImportReport) -> Result<Converted, Failure> {
    let mut docx_title = None;
    let (mut source, text) = match format {
        Format::Markdown => {
            report.format = "Markdown".into();
            let (text, not_utf8) = crate::diag::utf8_text(file, bytes);
            if let Some(d) = not_utf8 {
                let d = d.hint("convert it, e.g. with iconv -f GBK -t UTF-8, or with your editor's “Save with encoding”");
                return Err(Failure::Content(Diagnostics(vec![d])));
            }
            (markdown::read(&text, report), text)
        }
        Format::Docx => {
            report.format = "DOCX".into();
            let docx = docx::read(&bytes, report).map_err(|why| {
                let d = Diagnostic::error(why.0).at(Location::file(file));
                Failure::Content(Diagnostics(vec![d.hint("open it in Word or LibreOffice and save it again as .docx, or convert it with Pandoc")]))
            })?;
            let text: String = docx.source.pieces.iter().map(|p| source_text(&p.block)).collect();
            docx_title = docx.title;
            (docx.source, text)
        }
    };
    let lang = match lang {
        Some(lang) => lang.to_string(),
        None => {
            let lang = guess_language(&text);
            eprintln!("source language: {lang}, guessed from the text's script (--source-lang sets it)");
            lang.to_string()
        }
    };
    init::check_language_tag(&lang)?;

    // The heuristics are for Markdown converted from a PDF; a Word document says what it is.
    let mut front = match format {
        Format::Markdown => cleanup::Cleanup { off, report }.run(&mut source),
        Format::Docx => cleanup::Front::default(),
    };
    front.title = front.title.or(docx_title);
    cleanup::resolve_labels(&mut source, report);
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let title = front.title.clone().unwrap_or_else(|| {
        report.approximated(source::Loc::Line(1), format!("no title found: the file name `{stem}` is the report's title"));
        (vec![Span::Text(stem.clone())], source::Loc::Line(1))
    });
    let chapters = outline::outline(std::mem::take(&mut source.pieces), &title.0, report);
    let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let media = std::mem::take(&mut source.media);
    let mut image = |path: &str| read_image(&base, &media, path);
    let mut emitted = Emitter::new(report, &source.notes, &mut image)
        .emit(title, front.institution.clone(), front.blurb.clone(), chapters)
        .map_err(|e| Failure::Content(Diagnostics(vec![Diagnostic::error(e.0).at(Location::file(file))])))?;
    emitted.images.append(&mut source.originals);

    Ok(Converted { emitted, front, lang })
}

/// The files of a converted document as the project holds them (`report/chapters/…`,
/// `report/tables/…`, `locales/<lang>/….ftl`, images), with the number of messages.
pub fn emitted_files(lang: &str, emitted: &mut Emitted, source_name: &str) -> (Vec<(String, Vec<u8>)>, Vec<String>, usize) {
    let mut files = Vec::new();
    let mut chapters = Vec::new();
    let mut messages = 2 + emitted.blurb.len();
    for chapter in &mut emitted.chapters {
        let rel = format!("chapters/{}.toml", chapter.stem);
        files.push((format!("report/{rel}"), emit::chapter_toml(chapter, source_name).into_bytes()));
        for table in &chapter.tables {
            files.push((format!("report/{}", table.file), emit::table_toml(table).into_bytes()));
        }
        for chart in &chapter.charts {
            files.push((format!("report/{}", chart.file), emit::chart_toml(chart).into_bytes()));
        }
        messages += chapter.messages_mut().len();
        files.push((format!("locales/{lang}/{}.ftl", chapter.stem), emit::chapter_ftl(chapter).into_bytes()));
        chapters.push(rel);
    }
    for (path, bytes) in &emitted.images {
        files.push((format!("report/{path}"), bytes.clone()));
    }
    (files, chapters, messages)
}

/// The conversion alone, in memory (the fuzz target): the project's files that `bytes`,
/// a document named `file` in `lang`, becomes, before any is written or checked.
pub fn converted_files(file: &Path, bytes: Vec<u8>, lang: &str) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let format = detect(file, &bytes)?;
    let mut report = ImportReport::default();
    let mut converted = convert(file, bytes, format, &HashSet::new(), Some(lang), &mut report)?;
    let (mut files, _, _) = emitted_files(lang, &mut converted.emitted, "fuzz");
    files.push((format!("locales/{lang}/report.ftl"), report_bundle("", &converted.emitted, &[]).into_bytes()));
    Ok(files)
}

/// The import's target: missing or empty (a new project). A folio project there needs
/// `--update`; any other files make it the wrong place.
fn check_target(dir: &Path) -> Result<(), Failure> {
    if dir.join("report/report.toml").is_file() {
        return Err(Failure::usage(
            format!("{} already holds a folio project", dir.display()),
            "re-import a revised source with --update, or import into a new directory",
        ));
    }
    init::check_empty(dir, "import into a new or empty directory (a project of its own)")
}

/// The source language from the text's script: Chinese, Russian, else English.
fn guess_language(text: &str) -> &'static str {
    let (mut han, mut cyrillic, mut latin) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        match Script::of(c) {
            Script::Han => han += 1,
            Script::Cyrillic => cyrillic += 1,
            Script::Latin => latin += 1,
            _ => {}
        }
    }
    // A Chinese character carries a word's meaning; a letter does not.
    if han * 3 >= cyrillic.max(latin) && han > 0 {
        "zh"
    } else if cyrillic > latin {
        "ru"
    } else {
        "en"
    }
}

/// The bytes of an image the document shows: from the DOCX archive, else a file next to
/// the Markdown document; PNG, JPEG or SVG (GIF, BMP, TIFF and WebP converted to PNG), with
/// sane dimensions.
fn read_image(base: &Path, media: &[(String, Vec<u8>)], path: &str) -> Result<Vec<u8>, Problem> {
    let bytes = match media.iter().find(|(p, _)| p == path) {
        Some((_, bytes)) => bytes.clone(),
        None => {
            if path.contains("://") {
                return Err("is on the web: folio imports images stored with the document".into());
            }
            std::fs::read(base.join(path)).map_err(|e| format!("cannot be read: {e}"))?
        }
    };
    // A picture that cannot be converted is left as it is, for the check to name.
    let bytes = picture::convert(&bytes).map(|c| c.bytes).unwrap_or(bytes);
    crate::model::check_image_header(&bytes).map_err(|p| p.to_string())?;
    Ok(bytes)
}

/// Writes files of a project being built in a staging directory, recording which.
struct Writer<'a> {
    dir: &'a Path,
    written: Vec<PathBuf>,
}

impl Writer<'_> {
    fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), Failure> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Failure::io(parent, e))?;
        }
        // The staged file may be a hard link to the project's: replaced, never written through.
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Failure::io(Path::new(rel), e)),
        }
        std::fs::write(&path, bytes).map_err(|e| Failure::io(Path::new(rel), e))?;
        self.written.push(PathBuf::from(rel));
        Ok(())
    }

    /// The chapters, their tables and bundle files, the images; the chapters' model paths.
    fn chapters(&mut self, lang: &str, emitted: &mut Emitted, source_name: &str, report: &mut ImportReport) -> Result<Vec<String>, Failure> {
        let (files, chapters, messages) = emitted_files(lang, emitted, source_name);
        for (path, bytes) in &files {
            self.write(path, bytes)?;
        }
        report.counts.messages = messages;
        Ok(chapters)
    }
}

/// Replaces the example of a new project with the import.
fn write_project(dir: &Path, project: &init::Options, mut emitted: Emitted, source_name: &str, report: &mut ImportReport) -> Result<(), Failure> {
    let lang = &project.source_lang;
    for example in ["report/chapters/01-example.toml", "report/tables/example.toml", "report/images/example.png"] {
        std::fs::remove_file(dir.join(example)).map_err(|e| Failure::io(Path::new(example), e))?;
    }
    std::fs::remove_file(dir.join(format!("locales/{lang}/01-example.ftl"))).map_err(|e| Failure::io(dir, e))?;
    let mut writer = Writer { dir, written: Vec::new() };
    let chapters = writer.chapters(lang, &mut emitted, source_name, report)?;
    let blurb: Vec<String> = emitted.blurb.iter().map(|m| m.id.clone()).collect();
    writer.write("report/report.toml", init::report_toml(project, &chapters, &blurb).as_bytes())?;
    if emitted.institution.is_none() {
        report.approximated(emitted.title.at, "no institution found on the title page: edit `report-institution` in the report's bundle");
    }
    let bundle_path = format!("locales/{lang}/report.ftl");
    let bundle = std::fs::read_to_string(dir.join(&bundle_path)).map_err(|e| Failure::io(dir, e))?;
    writer.write(&bundle_path, report_bundle(&bundle, &emitted, &[]).as_bytes())
}

/// The report's bundle with the title, the institution (when the document names one) and
/// the blurb of the import; `removed` blurb messages are taken out.
fn report_bundle(text: &str, emitted: &Emitted, removed: &[String]) -> String {
    use crate::i18n::scaffold::{apply_edits, comment_start, entry_range};
    let mut values: Vec<(&str, String)> = vec![("report-title", emit::value(&emitted.title, &[]))];
    if let Some(institution) = &emitted.institution {
        values.push(("report-institution", emit::value(institution, &[])));
    }
    for msg in &emitted.blurb {
        values.push((&msg.id, emit::value(msg, &[])));
    }
    let defined = crate::i18n::definitions(text);
    let mut edits = Vec::new();
    let mut added = String::new();
    for (id, value) in &values {
        match defined.iter().find(|(d, _)| d == id) {
            Some((_, at)) => edits.push((entry_range(text, *at), format!("{id} = {value}\n"))),
            None => added.push_str(&format!("{id} = {value}\n")),
        }
    }
    for (_, at) in defined.iter().filter(|(d, _)| removed.contains(d)) {
        edits.push((comment_start(text, *at)..entry_range(text, *at).end, String::new()));
    }
    if !added.is_empty() {
        let heading = if text.contains("## The back cover.") { "" } else { "\n## The back cover.\n\n" };
        edits.push((text.len()..text.len(), format!("{heading}{added}")));
    }
    apply_edits(text, edits)
}

/// `--update`: the project copied into a staging directory (hard links), the import
/// written over it, checked, and only then the changed files moved into the project.
fn reimport(project: &Project, old: &update::Old, mut emitted: Emitted, delete: Vec<PathBuf>, source_name: &str, report: &mut ImportReport) -> Result<(), Failure> {
    let lang = &old.source_lang;
    let staged = init::staging_dir(&project.root)?;
    link_tree(&project.root, staged.path(), Path::new(""))?;
    for rel in &delete {
        let _ = std::fs::remove_file(staged.path().join(rel));
    }
    let mut writer = Writer { dir: staged.path(), written: Vec::new() };
    let chapters = writer.chapters(lang, &mut emitted, source_name, report)?;
    let toml_path = "report/report.toml";
    let text = project.read_text(toml_path).map_err(Failure::Io)?;
    let blurb: Vec<String> = emitted.blurb.iter().map(|m| m.id.clone()).collect();
    writer.write(toml_path, update::report_toml(&text, &chapters, &blurb).as_bytes())?;
    let bundle_path = format!("locales/{lang}/report.ftl");
    let bundle = project.read_text(&bundle_path).map_err(Failure::Io)?;
    let removed: Vec<String> = old.report.meta.blurb.iter().map(|id| id.get_ref().clone()).filter(|id| !blurb.contains(id)).collect();
    writer.write(&bundle_path, report_bundle(&bundle, &emitted, &removed).as_bytes())?;
    verify(staged.path(), lang, report)?;
    // Checked: the changes go into the project, each file replaced whole.
    for rel in &writer.written {
        let bytes = std::fs::read(staged.path().join(rel)).map_err(|e| Failure::io(rel, e))?;
        crate::files::write_atomic(&project.root.join(rel), &bytes)?;
    }
    for rel in delete.iter().filter(|rel| !writer.written.contains(rel)) {
        match std::fs::remove_file(project.root.join(rel)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Failure::io(rel, e)),
        }
    }
    Ok(())
}

/// Mirrors the project into `to` with hard links (the editions in `out/` left out).
fn link_tree(from: &Path, to: &Path, rel: &Path) -> Result<(), Failure> {
    let dir = from.join(rel);
    for entry in std::fs::read_dir(&dir).map_err(|e| Failure::io(&dir, e))? {
        let entry = entry.map_err(|e| Failure::io(&dir, e))?;
        let sub = rel.join(entry.file_name());
        if sub == Path::new("out") {
            continue;
        }
        let kind = entry.file_type().map_err(|e| Failure::io(&sub, e))?;
        let target = to.join(&sub);
        if kind.is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| Failure::io(&target, e))?;
            link_tree(from, to, &sub)?;
        } else if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target).map_err(|e| Failure::io(&target, e))?;
        }
    }
    Ok(())
}

/// The staged project loads and resolves in the source language, or nothing is written.
/// Text no font of its fonts/ can show (Arabic, emoji in an English document) is kept,
/// and the report says which font to add before rendering.
fn verify(dir: &Path, lang: &str, import: &mut ImportReport) -> Result<(), Failure> {
    let project = Project::open(dir)?;
    let report = crate::model::load(&project)?;
    let docs = crate::document::resolve_all(&project, &report, &[lang.to_string()], false)?;
    let fonts = crate::layout::world::Fonts::required(&project, false).map_err(Failure::Io)?;
    for doc in &docs {
        if let Err(diags) = fonts.check_coverage(doc) {
            import.to_do.extend(diags.0.iter().map(|d| std::iter::once(d.message.clone()).chain(d.hints.iter().cloned()).collect::<Vec<_>>().join(": ")));
        }
    }
    Ok(())
}
