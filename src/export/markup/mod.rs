//! What the EPUB and the web edition share: an escaping XML writer, one block writer for
//! both, photographs prepared for screens, charts and the cover drawn as SVG through the
//! book's own Typst code, the typography of the stylesheet, and language tags of passages
//! in another of the report's languages.

pub mod blocks;
pub mod drawings;
pub mod images;
pub mod math;
pub mod script;
pub mod style;
pub mod xml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use typst::foundations::Datetime;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::document::Document;
use crate::layout::world::Fonts;
use crate::project::{Data, Project};
use blocks::Picture;
use drawings::Drawing;

/// A photograph prepared for screens, stored once however many figures show it.
pub struct ImageFile {
    /// `image-01`
    pub id: String,
    /// `images/image-01.png`
    pub href: String,
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The pictures of one language's document.
pub struct Media {
    pub files: Vec<ImageFile>,
    /// Each figure's image path in the document (`/report/images/x.png`) to its file.
    pub images: BTreeMap<String, Picture>,
    /// Each drawn chart with its figure number, in the document's order. A pie with a
    /// missing value is not drawn (the PDF shows a placeholder): the pages give its data
    /// as text.
    pub charts: Vec<(String, Drawing)>,
    pub cover: Drawing,
}

/// Prepares the document's photographs (each distinct file decoded and re-encoded once,
/// in parallel) and draws its charts and cover.
pub fn media(project: &Project, fonts: &Arc<Fonts>, timestamp: Datetime, doc: &Document) -> Result<(Media, Diagnostics), Diagnostics> {
    let mut warnings = Diagnostics::default();
    let mut errors = Diagnostics::default();

    let mut paths: Vec<&str> = Vec::new();
    for image in doc.figure_images() {
        if !paths.contains(&image) {
            paths.push(image);
        }
    }
    let sources: Vec<Result<(PathBuf, Data), Diagnostic>> = paths.iter().map(|p| read_image(project, p)).collect();
    let mut distinct: Vec<&(PathBuf, Data)> = Vec::new();
    for source in sources.iter().flatten() {
        if !distinct.iter().any(|(_, b)| *b == source.1) {
            distinct.push(source);
        }
    }
    let prepared: Vec<(Data, Result<images::Image, Diagnostic>)> =
        distinct.par_iter().map(|(rel, bytes)| (bytes.clone(), images::prepare(bytes, rel))).collect();

    let mut files: Vec<ImageFile> = Vec::new();
    let mut images = BTreeMap::new();
    for (image, source) in paths.iter().zip(sources) {
        let bytes = match source {
            Ok((_, bytes)) => bytes,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        let Some((_, result)) = prepared.iter().find(|(b, _)| *b == bytes) else { continue };
        match result {
            Ok(prepared) => {
                // Identical images (the placeholders) are stored once.
                let href = match files.iter().find(|f| f.bytes == prepared.bytes) {
                    Some(file) => file.href.clone(),
                    None => {
                        let id = format!("image-{:02}", files.len() + 1);
                        let href = format!("images/{id}.{}", prepared.extension);
                        files.push(ImageFile { id, href: href.clone(), media_type: prepared.media_type, bytes: prepared.bytes.clone() });
                        href
                    }
                };
                images.insert(image.to_string(), Picture { href, width: prepared.width, height: prepared.height });
            }
            Err(d) => errors.push(d.clone()),
        }
    }

    let bars = drawings::drawn_charts(doc);
    let charts = match drawings::charts(project, fonts, timestamp, &doc.lang, &bars) {
        Ok((drawn, w)) => {
            warnings.extend(w);
            bars.iter().map(|chart| chart.number.clone()).zip(drawn).collect()
        }
        Err(d) => {
            errors.extend(d);
            Vec::new()
        }
    };
    let cover = match drawings::cover(project, fonts, timestamp, doc) {
        Ok((drawn, w)) => {
            warnings.extend(w);
            Some(drawn)
        }
        Err(d) => {
            errors.extend(d);
            None
        }
    };
    match cover {
        Some(cover) if !errors.has_errors() => Ok((Media { files, images, charts, cover }, warnings)),
        _ => {
            errors.extend(warnings);
            Err(errors)
        }
    }
}

/// A figure's image from its path in the document (`/report/images/x.png`): the path in
/// the project and the bytes.
fn read_image(project: &Project, image: &str) -> Result<(PathBuf, Data), Diagnostic> {
    let rel = project.confine(Path::new(image.trim_start_matches('/')))?;
    let bytes = project.read(&rel).map_err(|d| d.at(Location::file(&rel)))?;
    Ok((rel, bytes))
}
