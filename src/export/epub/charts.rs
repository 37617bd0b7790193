//! Charts for the EPUB: each chart compiled alone through `layouts/chart.typ`, which draws
//! it with the book's own chart code, then exported as SVG. typst-svg turns text into glyph
//! outlines, so the image needs no fonts on the reader.

use std::sync::Arc;

use typst::foundations::Datetime;
use typst_svg::SvgOptions;

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{Chart, Document};
use crate::layout::world::Fonts;
use crate::layout::{Layout, Typesetter};
use crate::project::Project;

pub struct ChartSvg {
    pub svg: String,
    /// Size in CSS pixels, for the `<img>` that shows it.
    pub width: u32,
    pub height: u32,
}

/// The SVG of one chart, with the layout's warnings.
pub fn svg(
    project: &Project,
    fonts: &Arc<Fonts>,
    timestamp: Datetime,
    doc: &Document,
    chart: &Chart,
) -> Result<(ChartSvg, Diagnostics), Diagnostics> {
    let layout = Layout { name: "chart".to_string() };
    // The chart travels as data, like the document: never as Typst markup.
    let data = serde_json::to_string(chart).expect("a chart serializes");
    let mut typesetter = Typesetter::new(project, fonts.clone(), &layout, timestamp, &[("folio-chart", data)]);
    let (pages, warnings) = typesetter.typeset(doc)?;
    match pages.pages() {
        [page] => {
            let px = |pt: f64| (pt * 96.0 / 72.0).round() as u32;
            let size = page.frame.size();
            let svg = typst_svg::svg(page, &SvgOptions::default());
            Ok((ChartSvg { svg, width: px(size.x.to_pt()), height: px(size.y.to_pt()) }, warnings))
        }
        pages => Err(Diagnostics(vec![
            Diagnostic::error(format!("layouts/chart.typ drew chart {} on {} pages instead of one", chart.number, pages.len()))
                .hint("the chart layout must fit one chart on a page of automatic size"),
        ])),
    }
}
