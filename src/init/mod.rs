//! A new project (`folio init`, and the start of `folio import`): `report/` with one example
//! chapter (a paragraph, a footnote, a table and a placeholder figure), a bundle per
//! language, the layouts and the fonts. Everything is written into a temporary directory
//! beside the target and moved into place at the end, so a failure leaves no half project.
//!
//! The layouts are built into folio (`include_str!`): they are small, and the binary then
//! always creates projects with the layouts it was built with. The fonts (52 MB) are not:
//! they are copied from folio's share directory (see [`fonts_dir`]).

use std::path::{Path, PathBuf};

use fluent_syntax::ast;

use crate::diag::{Diagnostic, Failure};
use crate::i18n::lock::{Lock, LockEntry};
use crate::i18n::scaffold::{entry_range, file_with, is_placeholder};

/// Every file of `layouts/`, as this folio was built with them.
pub const LAYOUTS: &[(&str, &str)] = &[
    ("book.typ", include_str!("../../layouts/book.typ")),
    ("chart.typ", include_str!("../../layouts/chart.typ")),
    ("cover.typ", include_str!("../../layouts/cover.typ")),
    ("epub-cover.typ", include_str!("../../layouts/epub-cover.typ")),
    ("print.typ", include_str!("../../layouts/print.typ")),
    ("report.typ", include_str!("../../layouts/report.typ")),
    ("review.typ", include_str!("../../layouts/review.typ")),
];

/// Languages folio has its own wording for: the shared labels and the report's date come
/// from this repository's bundles, the example from src/init/example/. Any other language
/// gets the English labels.
const KNOWN: &[&str] = &["zh", "ru", "en"];

const LABELS: &[&str] = &[
    include_str!("../../locales/zh/labels.ftl"),
    include_str!("../../locales/ru/labels.ftl"),
    include_str!("../../locales/en/labels.ftl"),
];

/// The report bundles, for their `report-date` message.
const REPORT_BUNDLES: &[&str] = &[
    include_str!("../../locales/zh/report.ftl"),
    include_str!("../../locales/ru/report.ftl"),
    include_str!("../../locales/en/report.ftl"),
];

const EXAMPLE_REPORT: &[&str] =
    &[include_str!("example/zh/report.ftl"), include_str!("example/ru/report.ftl"), include_str!("example/en/report.ftl")];

const EXAMPLE_CHAPTER: &[&str] = &[
    include_str!("example/zh/01-example.ftl"),
    include_str!("example/ru/01-example.ftl"),
    include_str!("example/en/01-example.ftl"),
];

const CHAPTER_TOML: &str = include_str!("example/chapter.toml");
const TABLE_TOML: &str = include_str!("example/table.toml");
const README: &str = include_str!("example/README.md");

/// The example's chapter file, as listed in report.toml.
pub const EXAMPLE_CHAPTER_PATH: &str = "chapters/01-example.toml";

/// What a new project is.
#[derive(Debug, Clone)]
pub struct Options {
    pub slug: String,
    pub source_lang: String,
    /// Every language, the source first.
    pub langs: Vec<String>,
    pub date: (i32, u32),
}

impl Options {
    /// The languages published at once, and those that start in progress: a translation
    /// folio has no example text for starts untranslated.
    pub fn published(&self) -> (Vec<String>, Vec<String>) {
        self.langs.iter().cloned().partition(|l| *l == self.source_lang || has_example(l))
    }

    /// Options from the command line: the slug from the directory's name, the source
    /// language added to `langs` if missing, the date this month.
    pub fn new(dir: &Path, source_lang: &str, langs: &[String]) -> Result<Options, Failure> {
        let mut all = vec![source_lang.to_string()];
        for lang in langs {
            if !all.contains(lang) {
                all.push(lang.clone());
            }
        }
        for lang in &all {
            check_language_tag(lang)?;
        }
        Ok(Options { slug: slug_of(dir), source_lang: source_lang.to_string(), langs: all, date: this_month()? })
    }
}

/// A language tag as folio spells it (`de`, `pt-BR`), as `folio new-lang` wants it.
pub fn check_language_tag(lang: &str) -> Result<(), Failure> {
    if lang.parse::<unic_langid::LanguageIdentifier>().map(|l| l.to_string()).ok().as_deref() == Some(lang) {
        return Ok(());
    }
    Err(Failure::Usage(
        Diagnostic::error(format!("`{lang}` is not a language tag"))
            .hint("use a BCP 47 tag as folio spells it: zh, ru, en, de, pt-BR, zh-Hant"),
    ))
}

/// The report's slug (file names of the editions) from the project directory's name.
pub fn slug_of(dir: &Path) -> String {
    let name = std::path::absolute(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let slug = crate::text::slug(&name, usize::MAX);
    if slug.is_empty() { "report".to_string() } else { slug }
}

/// (year, month) now, or of `SOURCE_DATE_EPOCH` when set (reproducible tests and builds).
pub fn this_month() -> Result<(i32, u32), Failure> {
    let secs = match crate::date::source_date_epoch()? {
        Some(secs) => secs,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    };
    let (y, m, _) = crate::date::civil_from_days(secs.div_euclid(86_400));
    Ok((y, u32::from(m)))
}

/// The bundle text folio has for a language: its own, else the English one.
fn known(lang: &str, texts: &'static [&'static str]) -> &'static str {
    let base = lang.split('-').next().unwrap_or(lang);
    texts[KNOWN.iter().position(|k| *k == base).unwrap_or(2)]
}

/// Whether folio has the example's text in this language.
fn has_example(lang: &str) -> bool {
    KNOWN.contains(&lang.split('-').next().unwrap_or(lang))
}

/// `report.toml` of a project with these chapters (paths relative to `report/`).
pub fn report_toml(options: &Options, chapters: &[String], blurb: &[String]) -> String {
    let quoted = |items: &[String]| items.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>();
    let (year, month) = options.date;
    let mut out = String::from(
        "# The report: metadata and the order of its chapters. Every visible word is a message id\n\
         # looked up in locales/<lang>/*.ftl; numbers, dates, URLs and image paths are data.\n",
    );
    out.push_str(&format!("slug = \"{}\"\n", options.slug));
    out.push_str(&format!("source-language = \"{}\"\n", options.source_lang));
    let (published, pending) = options.published();
    out.push_str(&format!("languages = [{}]\n", quoted(&published).join(", ")));
    if !pending.is_empty() {
        out.push_str(&format!(
            "# Translations under way: checked and counted, rendered only with --draft;\n\
             # `folio publish LANG` moves one to `languages` once it is complete.\n\
             in-progress = [{}]\n",
            quoted(&pending).join(", ")
        ));
    }
    if options.langs.iter().any(|l| l == "zh") {
        out.push_str("# BCP 47 tags for markup and metadata where they differ from the bundle's name.\n");
        out.push_str("language-tags = { zh = \"zh-Hans\" }\n");
    }
    out.push_str(
        "# Publication date (YYYY-MM): printed on the cover and used as the fixed timestamp\n\
         # of reproducible builds when SOURCE_DATE_EPOCH is not set.\n",
    );
    out.push_str(&format!("date = \"{year:04}-{month:02}\"\n"));
    out.push_str("title = \"report-title\"\ninstitution = \"report-institution\"\n");
    if !blurb.is_empty() {
        out.push_str(&format!("# Back-cover text.\nblurb = [{}]\n", quoted(blurb).join(", ")));
    }
    if options.langs.iter().any(|l| l == "zh") {
        out.push_str("\n# Chinese publishing writes 2401.1, not 2,401.1.\nnumber-grouping = { zh = \"never\" }\n");
    }
    out.push_str("\nchapters = [\n");
    for chapter in chapters {
        out.push_str(&format!("  \"{chapter}\",\n"));
    }
    out.push_str("]\n");
    out
}

/// Writes a whole new project into `dir`, an empty directory.
pub fn populate(dir: &Path, options: &Options) -> Result<(), Failure> {
    let write = |rel: &str, bytes: &[u8]| -> Result<(), Failure> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Failure::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Failure::io(&path, e))
    };
    write("report/report.toml", report_toml(options, &[EXAMPLE_CHAPTER_PATH.to_string()], &[]).as_bytes())?;
    write("report/chapters/01-example.toml", CHAPTER_TOML.as_bytes())?;
    write("report/tables/example.toml", TABLE_TOML.as_bytes())?;
    write("report/images/example.png", &placeholder_png())?;
    for (name, text) in LAYOUTS {
        write(&format!("layouts/{name}"), text.as_bytes())?;
    }
    copy_fonts(&fonts_dir()?, &dir.join("fonts"))?;
    let readme = README.replace("{slug}", &options.slug).replace("{source}", &options.source_lang);
    write("README.md", readme.as_bytes())?;
    write(".gitignore", b"out/\n")?;

    let source = &options.source_lang;
    let source_files = [("report.ftl", report_bundle(source)), ("01-example.ftl", known(source, EXAMPLE_CHAPTER).to_string())];
    for lang in &options.langs {
        write(&format!("locales/{lang}/labels.ftl"), known(lang, LABELS).as_bytes())?;
        if lang == source {
            for (name, text) in &source_files {
                write(&format!("locales/{lang}/{name}"), text.as_bytes())?;
            }
            continue;
        }
        let mut lock = Lock::default();
        for (name, text) in &source_files {
            let translated = if name == &"report.ftl" { report_bundle(lang) } else { known(lang, EXAMPLE_CHAPTER).to_string() };
            let translation = translation_file(source, text, has_example(lang).then_some(translated.as_str()), &mut lock);
            write(&format!("locales/{lang}/{name}"), translation.as_bytes())?;
        }
        // The labels are translated too: recorded, so that a change of the source's shows.
        record(known(source, LABELS), known(lang, LABELS), &mut lock);
        write(&Lock::path(lang).to_string_lossy(), lock.to_toml(lang, source).as_bytes())?;
    }
    Ok(())
}

/// The example's report.ftl in a language, with the repository's `report-date`.
fn report_bundle(lang: &str) -> String {
    let bundle = known(lang, REPORT_BUNDLES);
    let date = crate::i18n::definitions(bundle)
        .into_iter()
        .find(|(id, _)| id == "report-date")
        .map(|(_, at)| {
            let start = crate::i18n::scaffold::comment_start(bundle, at);
            &bundle[start..entry_range(bundle, at).end]
        })
        .expect("every bundle of this repository has report-date");
    format!("{}{date}", known(lang, EXAMPLE_REPORT))
}

/// A translation of the source file `source_text`, as `folio new-lang` writes it (the
/// source text in comments), each message translated from `translated` when given, else a
/// placeholder; translated messages are recorded in `lock`.
fn translation_file(source_lang: &str, source_text: &str, translated: Option<&str>, lock: &mut Lock) -> String {
    let resource = fluent_syntax::parser::parse(source_text).expect("folio's example bundles parse");
    let values = translated.map(|t| raw_values(t)).unwrap_or_default();
    let text = file_with(source_lang, source_text, &resource, &[], |id| {
        Some(values.iter().find(|(v, _)| v == id).map(|(_, value)| value.clone()))
    });
    record(source_text, &text, lock);
    text
}

/// (id, raw value) of every message of a bundle.
fn raw_values(text: &str) -> Vec<(String, String)> {
    crate::i18n::definitions(text)
        .into_iter()
        .map(|(id, at)| {
            let value = crate::i18n::scaffold::raw_value(text, at).to_string();
            (id, value)
        })
        .collect()
}

/// Records every translated message of `translation` with its source version.
fn record(source: &str, translation: &str, lock: &mut Lock) {
    let source = fluent_syntax::parser::parse(source).expect("folio's bundles parse");
    let translation = fluent_syntax::parser::parse(translation).expect("folio's bundles parse");
    let source = messages(&source);
    for m in messages(&translation).into_iter().filter(|m| !is_placeholder(m)) {
        if let Some(sm) = source.iter().find(|s| s.id.name == m.id.name) {
            lock.messages.insert(
                m.id.name.to_string(),
                LockEntry::of(sm, m),
            );
        }
    }
}

fn messages<'r, 's>(resource: &'r ast::Resource<&'s str>) -> Vec<&'r ast::Message<&'s str>> {
    resource.body.iter().filter_map(|e| if let ast::Entry::Message(m) = e { Some(m) } else { None }).collect()
}

/// The example figure: a light grey field with a frame and a cross, the usual sign of a
/// picture still to come.
fn placeholder_png() -> Vec<u8> {
    let (w, h) = (1200u32, 800u32);
    let image = image::GrayImage::from_fn(w, h, |x, y| {
        let frame = x < 6 || y < 6 || x >= w - 6 || y >= h - 6;
        // Distance from the two diagonals, in pixels of the wider side.
        let (fx, fy) = (x as i64 * i64::from(h), y as i64 * i64::from(w));
        let on_diagonal = (fx - fy).abs() < 3 * i64::from(w) || (fx + fy - i64::from(w) * i64::from(h)).abs() < 3 * i64::from(w);
        image::Luma([if frame || on_diagonal { 150 } else { 225 }])
    });
    let mut bytes = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).expect("a PNG encodes in memory");
    bytes
}

/// Where the fonts a new project gets are taken from, in this order: `$FOLIO_SHARE/fonts`;
/// `share/folio/fonts` beside the directory of the `folio` executable (an installation
/// under a prefix: `bin/folio`, `share/folio/fonts/`); the `fonts/` of a folio checkout the
/// executable was built in (`target/release/folio`).
pub fn fonts_dir() -> Result<PathBuf, Failure> {
    let has_fonts = |dir: &Path| dir.join("fonts").join("NotoSerifSC-Regular.ttf").is_file();
    if let Some(share) = std::env::var_os("FOLIO_SHARE") {
        let share = PathBuf::from(share);
        if has_fonts(&share) {
            return Ok(share.join("fonts"));
        }
        return Err(Failure::Usage(
            Diagnostic::error(format!("FOLIO_SHARE={}: no folio fonts in {}/fonts", share.display(), share.display()))
                .hint("point FOLIO_SHARE at a folio checkout or at the share/folio directory of an installation"),
        ));
    }
    let exe = std::env::current_exe().and_then(|e| e.canonicalize()).map_err(|e| Failure::Io(Diagnostic::error(format!("cannot locate the folio executable: {e}"))))?;
    for dir in exe.ancestors().skip(1) {
        let share = dir.join("share/folio");
        if has_fonts(&share) {
            return Ok(share.join("fonts"));
        }
        if has_fonts(dir) && dir.join("layouts/book.typ").is_file() {
            return Ok(dir.join("fonts"));
        }
    }
    Err(Failure::Io(
        Diagnostic::error(format!("folio's fonts were not found near {}", exe.display()))
            .hint("set FOLIO_SHARE to a folio checkout, or install the fonts/ folder as <prefix>/share/folio/fonts"),
    ))
}

/// Copies every file of the fonts directory (fonts, licences, README). A hard link where
/// the file system allows one: fonts are never edited, and 52 MB need not be copied.
fn copy_fonts(from: &Path, to: &Path) -> Result<(), Failure> {
    std::fs::create_dir_all(to).map_err(|e| Failure::io(to, e))?;
    let entries = std::fs::read_dir(from).map_err(|e| Failure::io(from, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Failure::io(from, e))?;
        if !entry.file_type().map_err(|e| Failure::io(&entry.path(), e))?.is_file() {
            continue;
        }
        let target = to.join(entry.file_name());
        if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target).map_err(|e| Failure::io(&target, e))?;
        }
    }
    Ok(())
}

/// Whether `dir` may receive a new project: missing, or an empty directory.
pub fn check_empty(dir: &Path, hint: &str) -> Result<(), Failure> {
    match std::fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Failure::io(dir, e)),
        Ok(entries) => match entries.count() {
            0 => Ok(()),
            _ => Err(Failure::Usage(Diagnostic::error(format!("{} is not empty", dir.display())).hint(hint))),
        },
    }
}

/// A temporary directory beside `dir` (same file system, so that it can be renamed).
pub fn staging_dir(dir: &Path) -> Result<tempfile::TempDir, Failure> {
    let absolute = std::path::absolute(dir).map_err(|e| Failure::io(dir, e))?;
    let parent = absolute.parent().unwrap_or(Path::new("/"));
    std::fs::create_dir_all(parent).map_err(|e| Failure::io(parent, e))?;
    tempfile::Builder::new().prefix(".folio-new-").tempdir_in(parent).map_err(|e| Failure::io(parent, e))
}

/// Moves a finished project from its staging directory to `dir` (missing or empty).
pub fn move_into(staged: tempfile::TempDir, dir: &Path) -> Result<(), Failure> {
    let from = staged.keep();
    match std::fs::remove_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        // `.` or a mount point cannot be replaced: its contents are moved instead.
        Err(_) => return move_entries(&from, dir),
    }
    if let Err(e) = std::fs::rename(&from, dir) {
        let _ = std::fs::remove_dir_all(&from);
        return Err(Failure::io(dir, e));
    }
    Ok(())
}

fn move_entries(from: &Path, dir: &Path) -> Result<(), Failure> {
    let result = (|| {
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            std::fs::rename(entry.path(), dir.join(entry.file_name()))?;
        }
        std::fs::remove_dir(from)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_dir_all(from);
        Failure::io(dir, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts");
        let mut on_disk: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        on_disk.sort();
        let built_in: Vec<&str> = LAYOUTS.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, built_in, "add the new layout to LAYOUTS");
    }

    #[test]
    fn languages_without_wording_get_english_labels() {
        assert!(known("de", LABELS).contains("label-contents = Contents"));
        assert!(known("zh", LABELS).contains("label-contents = 目录"));
        assert!(report_bundle("ru").contains("report-date = { $month ->\n    [1] Январь"));
        assert!(report_bundle("zh").starts_with("### 报告整体"));
    }

    #[test]
    fn slugs_come_from_the_directory_name() {
        assert_eq!(slug_of(Path::new("/tmp/Annual Report 2025")), "annual-report-2025");
        assert_eq!(slug_of(Path::new("/tmp/中俄关系")), "zhong-e-guan-xi");
    }

    #[test]
    fn translations_start_as_new_lang_writes_them() {
        let mut lock = Lock::default();
        let source = "### Chapter\n\na = Hello\nb = World\n";
        let text = translation_file("en", source, Some("a = Привет\n"), &mut lock);
        assert_eq!(text, "### Chapter\n\n# en: Hello\na = Привет\n\n# en: World\nb = { \"\" }\n");
        assert_eq!(lock.messages.keys().collect::<Vec<_>>(), ["a"]);
    }
}
