//! Drawings for the EPUB: each chart compiled alone through `layouts/chart.typ` (the book's
//! own chart code) and the cover through `layouts/epub-cover.typ`, exported as SVG.
//! typst-svg turns text into glyph outlines, so the images need no fonts on the reader.

use std::sync::Arc;

use typst::foundations::Datetime;
use typst_svg::SvgOptions;

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{Chart, Document};
use crate::layout::world::Fonts;
use crate::layout::{Layout, Typesetter};
use crate::project::Project;

pub struct Drawing {
    pub svg: String,
    /// Size in CSS pixels, for the `<img>` that shows it.
    pub width: u32,
    pub height: u32,
}

/// The SVG of one chart, with the layout's warnings.
pub fn chart(
    project: &Project,
    fonts: &Arc<Fonts>,
    timestamp: Datetime,
    doc: &Document,
    chart: &Chart,
) -> Result<(Drawing, Diagnostics), Diagnostics> {
    // The chart travels as data, like the document: never as Typst markup.
    let data = serde_json::to_string(chart).expect("a chart serializes");
    let what = format!("chart {}", chart.number);
    page_svg(project, fonts, timestamp, doc, "chart", &[("folio-chart", data)], &what)
}

/// The SVG of the front cover, for readers' libraries.
pub fn cover(project: &Project, fonts: &Arc<Fonts>, timestamp: Datetime, doc: &Document) -> Result<(Drawing, Diagnostics), Diagnostics> {
    page_svg(project, fonts, timestamp, doc, "epub-cover", &[], "the cover")
}

/// Compiles `layouts/<layout>.typ`, which must draw `what` on exactly one page.
fn page_svg(
    project: &Project,
    fonts: &Arc<Fonts>,
    timestamp: Datetime,
    doc: &Document,
    layout: &str,
    inputs: &[(&str, String)],
    what: &str,
) -> Result<(Drawing, Diagnostics), Diagnostics> {
    let layout = Layout { name: layout.to_string() };
    let mut typesetter = Typesetter::new(project, fonts.clone(), &layout, timestamp, inputs);
    let (pages, warnings) = typesetter.typeset(doc)?;
    match pages.pages() {
        [page] => {
            let px = |pt: f64| (pt * 96.0 / 72.0).round() as u32;
            let size = page.frame.size();
            let svg = typst_svg::svg(page, &SvgOptions::default());
            Ok((Drawing { svg, width: px(size.x.to_pt()), height: px(size.y.to_pt()) }, warnings))
        }
        pages => Err(Diagnostics(vec![
            Diagnostic::error(format!("layouts/{}.typ drew {what} on {} pages instead of one", layout.name, pages.len()))
                .hint("an EPUB drawing's layout must fit on one page"),
        ])),
    }
}
