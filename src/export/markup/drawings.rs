//! Drawings for the EPUB and the web edition: the charts through `layouts/chart.typ` (the
//! book's own chart code) and the cover through `layouts/epub-cover.typ`, exported as SVG.
//! typst-svg turns text into glyph outlines, so the images need no fonts on the reader.

use std::sync::Arc;

use typst::foundations::Datetime;
use typst_layout::Page;
use typst_svg::SvgOptions;

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{BlockBody, Chart, Document};
use crate::model::ChartKind;
use crate::layout::world::Fonts;
use crate::layout::contract::{self, Input};
use crate::layout::{Layout, Typesetter};
use crate::project::Project;
use crate::text::Profile;

pub struct Drawing {
    pub svg: String,
    /// Size in CSS pixels, for the `<img>` that shows it.
    pub width: u32,
    pub height: u32,
}

/// The SVG of each chart, in their order, with the layout's warnings: all of a language's
/// charts in one compilation (one compilation each took a book of many charts 0.4 s).
pub fn charts(
    project: &Project,
    fonts: &Arc<Fonts>,
    timestamp: Datetime,
    lang: &str,
    charts: &[&Chart],
) -> Result<(Vec<Drawing>, Diagnostics), Diagnostics> {
    if charts.is_empty() {
        return Ok((Vec::new(), Diagnostics::default()));
    }
    let inputs = chart_inputs(lang, charts);
    let layout = Layout::named(contract::CHART);
    let mut typesetter = Typesetter::new(project, fonts.clone(), &layout, timestamp, &inputs);
    let (pages, warnings) = typesetter.typeset_inputs()?;
    if pages.pages().len() != charts.len() {
        return Err(Diagnostics(vec![
            Diagnostic::error(format!("layouts/chart.typ drew {} charts on {} pages", charts.len(), pages.pages().len()))
                .hint("the charts' layout must draw each chart on a page of its own"),
        ]));
    }
    Ok((pages.pages().iter().map(drawing).collect(), warnings))
}

/// The charts drawn as pictures: every chart but a pie with a missing slice, which is
/// shown as its data.
pub fn drawn_charts(doc: &Document) -> Vec<&Chart> {
    doc.blocks()
        .filter_map(|block| match &block.body {
            BlockBody::Chart(chart) if chart.chart != ChartKind::Pie || chart.complete => Some(chart),
            _ => None,
        })
        .collect()
}

/// What layouts/chart.typ reads: the language (its ISO 639 code, as Typst takes it) and
/// its charts. The charts travel as data, like the document: never as Typst markup.
pub fn chart_inputs(lang: &str, charts: &[&Chart]) -> [Input; 2] {
    let data = serde_json::to_string(charts).expect("charts serialize");
    [Input::Lang(Profile::of(lang).language), Input::Charts(data)]
}

/// The SVG of the front cover, for readers' libraries.
pub fn cover(project: &Project, fonts: &Arc<Fonts>, timestamp: Datetime, doc: &Document) -> Result<(Drawing, Diagnostics), Diagnostics> {
    let layout = Layout::named(contract::EPUB_COVER);
    let mut typesetter = Typesetter::new(project, fonts.clone(), &layout, timestamp, &[]);
    let (pages, warnings) = typesetter.typeset(doc)?;
    match pages.pages() {
        [page] => Ok((drawing(page), warnings)),
        pages => Err(Diagnostics(vec![
            Diagnostic::error(format!("layouts/epub-cover.typ drew the cover on {} pages instead of one", pages.len()))
                .hint("an EPUB drawing's layout must fit on one page"),
        ])),
    }
}

fn drawing(page: &Page) -> Drawing {
    let px = |pt: f64| (pt * 96.0 / 72.0).round() as u32;
    let size = page.frame.size();
    let svg = typst_svg::svg(page, &SvgOptions::default());
    Drawing { svg, width: px(size.x.to_pt()), height: px(size.y.to_pt()) }
}
