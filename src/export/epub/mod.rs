//! EPUB 3 from the same localized document as the PDF: our own writer, because the
//! existing crates produce invalid packages. XHTML 5 content documents written through an
//! escaping XML writer, charts as SVG from the book's chart code, photographs downscaled,
//! and a zip whose bytes depend only on the inputs.

mod package;
mod xhtml;

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::sync::Arc;

use typst::foundations::Datetime;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, System, ZipWriter};

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::Document;
use crate::export::markup::blocks::{ChartArt, Context, Flavor, Picture};
use crate::export::markup::{self, script, style};
use crate::layout::world::Fonts;
use crate::project::Project;
pub use package::Item;

/// One language's EPUB edition and what it is made from.
pub struct Edition<'a> {
    pub project: &'a Project,
    pub doc: &'a Document,
    pub fonts: &'a Arc<Fonts>,
    /// The fixed build time: `dcterms:modified` and the zip entries' dates.
    pub timestamp: Datetime,
    /// BCP 47 tags of all the report's languages, to tag passages quoted in another one.
    pub report_tags: Vec<String>,
}

/// The EPUB's bytes, with warnings from laying out the charts.
pub fn export(edition: &Edition) -> Result<(Vec<u8>, Diagnostics), Diagnostics> {
    let doc = edition.doc;
    let (media, warnings) = markup::media(edition.project, edition.fonts, edition.timestamp, doc)?;
    let mut media_items = Vec::new();
    let mut media_files: Vec<(String, Vec<u8>)> = Vec::new();
    for file in media.files {
        media_items.push(Item { id: file.id, href: file.href.clone(), media_type: file.media_type, properties: None, in_spine: false });
        media_files.push((file.href, file.bytes));
    }
    let mut charts = BTreeMap::new();
    for (i, (number, drawn)) in media.charts.into_iter().enumerate() {
        let id = format!("chart-{:02}", i + 1);
        let href = format!("charts/{id}.svg");
        media_items.push(Item { id, href: href.clone(), media_type: "image/svg+xml", properties: None, in_spine: false });
        media_files.push((href.clone(), drawn.svg.into_bytes()));
        charts.insert(number, ChartArt::File(Picture { href, width: drawn.width, height: drawn.height }));
    }
    let cover_href = "images/cover.svg".to_string();
    media_items.push(Item {
        id: "cover-image".to_string(),
        href: cover_href.clone(),
        media_type: "image/svg+xml",
        properties: Some("cover-image"),
        in_spine: false,
    });
    let cover = Picture { href: cover_href.clone(), width: media.cover.width, height: media.cover.height };
    media_files.push((cover_href, media.cover.svg.into_bytes()));
    let images = media.images;

    let foreign = script::ForeignTags::new(&doc.lang_tag, &edition.report_tags);
    let ctx = Context { doc, flavor: Flavor::Epub, images, charts, cover: Some(cover), foreign, terms: None };
    let documents = content_documents(&ctx);
    let mut manifest = Vec::new();
    let mut files = Vec::new();
    for ContentDocument { id, href, bytes, properties } in documents {
        manifest.push(Item { id, href: href.clone(), media_type: "application/xhtml+xml", properties, in_spine: true });
        files.push((href, bytes));
    }
    let css = xhtml::STYLESHEET.to_string();
    manifest.push(Item { id: "stylesheet".to_string(), href: css.clone(), media_type: "text/css", properties: None, in_spine: false });
    files.push((css, style::stylesheet(&doc.profile).into_bytes()));
    manifest.extend(media_items);
    files.extend(media_files);

    let opf = package_document(doc, &manifest, edition.timestamp);
    let mut entries = vec![(package::CONTAINER_PATH.to_string(), package::container())];
    entries.push((format!("{}/{}", package::ROOT, package::PACKAGE_FILE), opf));
    entries.extend(files.into_iter().map(|(href, bytes)| (format!("{}/{href}", package::ROOT), bytes)));
    let bytes = container(&entries, edition.timestamp).map_err(|d| Diagnostics(vec![d]))?;
    Ok((bytes, warnings))
}

/// An XHTML content document of the EPUB, as the manifest lists it.
pub struct ContentDocument {
    pub id: String,
    pub href: String,
    pub bytes: Vec<u8>,
    pub properties: Option<&'static str>,
}

/// The content documents in reading order: cover, title page, contents, the chapters and
/// the back cover when there is a blurb.
pub fn content_documents(ctx: &Context) -> Vec<ContentDocument> {
    let doc = ctx.doc;
    let of = |id: &str, href: &str, bytes, properties| ContentDocument { id: id.to_string(), href: href.to_string(), bytes, properties };
    let mut documents = vec![
        of("cover", xhtml::COVER, xhtml::cover(ctx), None),
        of("title-page", xhtml::TITLE_PAGE, xhtml::title_page(ctx), None),
        of("nav", xhtml::NAV, xhtml::nav(ctx), Some("nav")),
    ];
    for chapter in &doc.chapters {
        let href = xhtml::chapter_file(chapter);
        // A chapter holding an equation declares its MathML, as EPUB 3 requires.
        let mut blocks = chapter.intro.iter().chain(chapter.sections.iter().flat_map(|s| s.blocks.iter()));
        let mathml = blocks.any(crate::document::Block::has_math);
        documents.push(of(href.trim_end_matches(".xhtml"), &href, xhtml::chapter(ctx, chapter), mathml.then_some("mathml")));
    }
    if !doc.blurb.is_empty() {
        documents.push(of("back-cover", xhtml::BACK_COVER, xhtml::back_cover(ctx), None));
    }
    documents
}

/// The package document (OPF) of a document's EPUB with the given manifest.
pub fn package_document(doc: &Document, manifest: &[Item], timestamp: Datetime) -> Vec<u8> {
    package::package(doc, manifest, &modified(timestamp))
}

/// `dcterms:modified`: the build time in UTC, to the second.
fn modified(t: Datetime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year().unwrap_or(1970),
        t.month().unwrap_or(1),
        t.day().unwrap_or(1),
        t.hour().unwrap_or(0),
        t.minute().unwrap_or(0),
        t.second().unwrap_or(0)
    )
}

/// The OCF container: `mimetype` first and stored, then the rest; every entry with the
/// build time and the same permissions, so equal inputs give equal bytes.
fn container(entries: &[(String, Vec<u8>)], timestamp: Datetime) -> Result<Vec<u8>, Diagnostic> {
    let fail = |e: zip::result::ZipError| Diagnostic::error(format!("cannot build the EPUB container: {e}"));
    let io = |e: std::io::Error| Diagnostic::error(format!("cannot build the EPUB container: {e}"));
    let time = zip::DateTime::from_date_and_time(
        timestamp.year().and_then(|y| u16::try_from(y).ok()).unwrap_or(1980).clamp(1980, 2107),
        timestamp.month().unwrap_or(1),
        timestamp.day().unwrap_or(1),
        timestamp.hour().unwrap_or(0),
        timestamp.minute().unwrap_or(0),
        timestamp.second().unwrap_or(0),
    )
    .unwrap_or_default();
    let options = |method| {
        SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(time)
            .system(System::Unix)
            .unix_permissions(0o644)
    };
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("mimetype", options(CompressionMethod::Stored)).map_err(fail)?;
    zip.write_all(b"application/epub+zip").map_err(io)?;
    for (path, bytes) in entries {
        // Images are compressed already.
        let method = if path.ends_with(".png") || path.ends_with(".jpg") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        zip.start_file(path.as_str(), options(method)).map_err(fail)?;
        zip.write_all(bytes).map_err(io)?;
    }
    Ok(zip.finish().map_err(fail)?.into_inner())
}
