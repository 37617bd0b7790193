//! Print editions: the PDF page boxes Typst does not write, and the preflight a printer
//! would otherwise run by hand.

use std::collections::{HashMap, VecDeque};

use serde::Serialize;
use typst::foundations::Value;
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Abs, FrameItem};
use typst::visualize::ImageKind;
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{BlockBody, Document};
use crate::layout::contract::Label;
use crate::layout::frames::{self, scale};
use crate::project::{Data, Project};

/// Bleed and slug (the margin outside the bleed holding the marks), in points, as the
/// layout declares them with `#metadata((bleed: …, slug: …)) <folio-geometry>`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Geometry {
    pub bleed: f64,
    pub slug: f64,
}

impl Geometry {
    /// The geometry a layout declares; `None` for a screen edition without bleed.
    pub fn declared(pages: &PagedDocument) -> Option<Geometry> {
        let content = pages.introspector().query_label(Label::Geometry.typst()).ok()?;
        let Value::Dict(dict) = &content.to_packed::<MetadataElem>()?.value else { return None };
        let number = |key: &str| match dict.get(key).ok()? {
            Value::Float(f) => Some(*f),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        };
        let geometry = Geometry { bleed: number("bleed")?, slug: number("slug")? };
        (geometry.bleed > 0.0 || geometry.slug > 0.0).then_some(geometry)
    }
}

/// Sets MediaBox = trim + bleed + slug, BleedBox = trim + bleed and TrimBox = the finished
/// page on every page; drops the CropBox and ArtBox so viewers show the whole sheet.
pub fn set_page_boxes(pdf: &[u8], geometry: Geometry) -> Result<Vec<u8>, Diagnostic> {
    // The PDF is the one Typst just wrote: a failure here is folio's, not the project's.
    let fail = |e: String| Diagnostic::error(format!("setting the print PDF's page boxes: {e}"));
    let mut doc = lopdf::Document::load_mem(pdf).map_err(|e| fail(format!("cannot re-read the PDF: {e}")))?;
    for (_, id) in doc.get_pages() {
        let page = doc.get_object_mut(id).and_then(lopdf::Object::as_dict_mut).map_err(|e| fail(e.to_string()))?;
        let media = page.get(b"MediaBox").and_then(lopdf::Object::as_array).map_err(|e| fail(e.to_string()))?;
        let corners: Vec<f64> = media.iter().map(|o| o.as_float().map(f64::from).unwrap_or(0.0)).collect();
        let [x0, y0, x1, y1] = corners[..] else { return Err(fail("a page has a malformed MediaBox".into())) };
        let rect = |inset: f64| {
            lopdf::Object::Array(
                [x0 + inset, y0 + inset, x1 - inset, y1 - inset]
                    .into_iter()
                    .map(|v| lopdf::Object::Real((v * 1000.0).round() as f32 / 1000.0))
                    .collect(),
            )
        };
        page.set("BleedBox", rect(geometry.slug));
        page.set("TrimBox", rect(geometry.slug + geometry.bleed));
        page.remove(b"CropBox");
        page.remove(b"ArtBox");
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| fail(format!("cannot write the PDF: {e}")))?;
    Ok(out)
}

#[derive(Debug, Serialize)]
pub struct Preflight {
    pub pages: usize,
    /// Blank pages needed to reach a multiple of `pad_to`.
    pub padding_needed: usize,
    pub pad_to: usize,
    pub images: Vec<ImageCheck>,
    /// Strokes thinner than 0.25 pt, which may not print: (page, thickness in pt).
    pub hairlines: Vec<(usize, f64)>,
    pub fonts_embedded: bool,
}

#[derive(Debug, Serialize)]
pub struct ImageCheck {
    pub file: String,
    pub page: usize,
    pub pixels: (u32, u32),
    /// Effective resolution at the placed size (the lower of both axes).
    pub ppi: f64,
    pub color: String,
    pub placeholder: bool,
}

pub const WARN_PPI: f64 = 300.0;
pub const ERROR_PPI: f64 = 150.0;
pub const HAIRLINE_PT: f64 = 0.25;

impl Preflight {
    pub fn run(pages: &PagedDocument, doc: &Document, project: &Project, pdf: &[u8], pad_to: usize) -> Self {
        // Images are recognised by their bytes; identical files (placeholders) are told
        // apart by their order, which is the document's order.
        let mut by_bytes: HashMap<Data, VecDeque<(String, bool)>> = HashMap::new();
        for (image, placeholder) in figures(doc) {
            let file = image.trim_start_matches('/').to_string();
            if let Ok(bytes) = project.read(&file) {
                by_bytes.entry(bytes).or_default().push_back((file, placeholder));
            }
        }
        let mut images = Vec::new();
        let mut hairlines = Vec::new();
        for (i, page) in pages.pages().iter().enumerate() {
            frames::walk(&page.frame, &mut |_, item, ts| {
                let scale = scale(ts);
                match item {
                FrameItem::Image(image, size, _) => {
                    if let ImageKind::Raster(raster) = image.kind() {
                        let (file, placeholder) = by_bytes
                            .get_mut(raster.data().as_slice())
                            .and_then(VecDeque::pop_front)
                            .unwrap_or_else(|| ("(image in the layout)".to_string(), false));
                        let inches = |a: Abs| a.to_pt() * scale / 72.0;
                        let ppi = (raster.width() as f64 / inches(size.x)).min(raster.height() as f64 / inches(size.y));
                        images.push(ImageCheck {
                            file,
                            page: i + 1,
                            pixels: (raster.width(), raster.height()),
                            ppi: (ppi * 10.0).round() / 10.0,
                            color: color_name(raster.dynamic().color()).to_string(),
                            placeholder,
                        });
                    }
                }
                FrameItem::Shape(shape, _) => {
                    if let Some(stroke) = &shape.stroke {
                        let pt = stroke.thickness.to_pt() * scale;
                        if pt > 0.0 && pt < HAIRLINE_PT - 1e-6 {
                            hairlines.push((i + 1, pt));
                        }
                    }
                }
                _ => {}
                }
            });
        }
        let count = pages.pages().len();
        Preflight {
            pages: count,
            padding_needed: if pad_to > 1 { (pad_to - count % pad_to) % pad_to } else { 0 },
            pad_to,
            images,
            hairlines,
            fonts_embedded: fonts_embedded(pdf),
        }
    }

    /// Problems as diagnostics: low resolution (warning under 300 ppi, error under 150 ppi
    /// unless the image is a marked placeholder), hairlines, unembedded fonts.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut out = Diagnostics::default();
        for image in self.images.iter().filter(|i| !i.placeholder) {
            let msg = format!(
                "{}: {:.0} ppi at its placed size on page {} ({} × {} px)",
                image.file, image.ppi, image.page, image.pixels.0, image.pixels.1
            );
            if image.ppi < ERROR_PPI {
                out.push(Diagnostic::error(msg).hint("print needs 300 ppi: supply a larger image"));
            } else if image.ppi < WARN_PPI {
                out.push(Diagnostic::warning(msg).hint("print needs 300 ppi"));
            }
        }
        let placeholders = self.images.iter().filter(|i| i.placeholder).count();
        if placeholders > 0 {
            out.push(
                Diagnostic::warning(format!("{placeholders} image(s) are placeholders for photographs still to be supplied"))
                    .hint("see report/images/README.md"),
            );
        }
        if let Some((page, pt)) = self.hairlines.first() {
            out.push(Diagnostic::warning(format!(
                "{} stroke(s) thinner than {HAIRLINE_PT} pt (first on page {page}: {pt:.2} pt) may not print",
                self.hairlines.len()
            )));
        }
        if !self.fonts_embedded {
            out.push(Diagnostic::error("the PDF has fonts that are not embedded"));
        }
        out
    }

    pub fn table(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "preflight: {} pages{}; fonts {}; {} hairline(s)\n",
            self.pages,
            if self.padding_needed > 0 {
                format!(" ({} blank page(s) short of a multiple of {}; use --pad-to)", self.padding_needed, self.pad_to)
            } else {
                String::new()
            },
            if self.fonts_embedded { "all embedded" } else { "NOT all embedded" },
            self.hairlines.len()
        ));
        s.push_str(&format!("  {:<44} {:>4} {:>11} {:>7}  {:<6} {}\n", "image", "page", "pixels", "ppi", "colour", "status"));
        for i in &self.images {
            let status = if i.ppi < ERROR_PPI && !i.placeholder {
                "too low"
            } else if i.placeholder {
                "placeholder"
            } else if i.ppi < WARN_PPI {
                "low"
            } else {
                "ok"
            };
            s.push_str(&format!(
                "  {:<44} {:>4} {:>11} {:>7.0}  {:<6} {status}\n",
                i.file,
                i.page,
                format!("{}×{}", i.pixels.0, i.pixels.1),
                i.ppi,
                i.color
            ));
        }
        s
    }
}

fn figures(doc: &Document) -> Vec<(String, bool)> {
    doc.blocks()
        .filter_map(|b| match &b.body {
            BlockBody::Figure { image, placeholder, .. } => Some((image.clone(), *placeholder)),
            _ => None,
        })
        .collect()
}

/// Every font descriptor carries its font program (FontFile, FontFile2 or FontFile3).
fn fonts_embedded(pdf: &[u8]) -> bool {
    let Ok(doc) = lopdf::Document::load_mem(pdf) else { return false };
    doc.objects.values().filter_map(|o| o.as_dict().ok()).filter(|d| d.has_type(b"FontDescriptor")).all(|d| {
        d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3")
    })
}

/// An image's colour model as a printer names it.
fn color_name(color: image::ColorType) -> &'static str {
    use image::ColorType::*;
    match color {
        L8 | L16 => "grayscale",
        La8 | La16 => "grayscale + alpha",
        Rgb8 | Rgb16 | Rgb32F => "RGB",
        Rgba8 | Rgba16 | Rgba32F => "RGB + alpha",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF of 200 × 300 pt, written by lopdf.
    fn one_page() -> Vec<u8> {
        use lopdf::{Object, dictionary};
        let mut doc = lopdf::Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(200.0), Object::Real(300.0)],
            "CropBox" => vec![0.into(), 0.into(), Object::Real(200.0), Object::Real(300.0)],
        });
        doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("lopdf writes");
        out
    }

    #[test]
    fn page_boxes_nest_inside_the_media_box() {
        let pdf = set_page_boxes(&one_page(), Geometry { bleed: 10.0, slug: 20.0 }).expect("boxes are set");
        let doc = lopdf::Document::load_mem(&pdf).expect("lopdf reads");
        let (_, id) = doc.get_pages().into_iter().next().expect("a page");
        let page = doc.get_dictionary(id).expect("a page dictionary");
        let rect = |key: &[u8]| -> Vec<f32> {
            page.get(key).and_then(lopdf::Object::as_array).expect("a box").iter().map(|o| o.as_float().expect("a number")).collect()
        };
        assert_eq!(rect(b"BleedBox"), [20.0, 20.0, 180.0, 280.0]);
        assert_eq!(rect(b"TrimBox"), [30.0, 30.0, 170.0, 270.0]);
        assert!(!page.has(b"CropBox"), "the CropBox would hide the marks");
    }
}
