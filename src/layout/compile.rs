//! Typst's compilation, with what a rebuild knows: the previous layout.
//!
//! Typst lays a document out again and again until every query it made (page numbers,
//! running heads, counters) has the answer the new layout gives, starting from an empty
//! layout each time: a rebuild after a one-word edit always takes two passes. Starting from
//! the previous build's layout instead, the first pass already has the right answers for all
//! that did not move, and the result is checked exactly as Typst checks it, so what comes
//! out is the same document, sooner. Only the last layout is kept between passes (Typst keeps
//! all of them, for a report when a document does not settle), which lowers the peak memory
//! of a long book.

use comemo::{Track, Tracked};
use typst::World;
use typst::diag::{SourceDiagnostic, SourceResult, Warned};
use typst::ecow::{EcoVec, eco_vec};
use typst::engine::{Engine, Route, Sink, Traced};
use typst::foundations::{Output, StyleChain, Target, TargetElem};
use typst::introspection::{EmptyIntrospector, ITER_NAMES, Introspector, MAX_ITERS};
use typst::syntax::Span;
use typst::utils::Protected;
use typst_layout::PagedDocument;

/// Compiles the World's main file into pages; the first pass starts from the `previous`
/// build's layout when there is one.
pub fn compile(world: &dyn World, previous: Option<&dyn Introspector>) -> Warned<SourceResult<PagedDocument>> {
    let _scope = typst_timing::TimingScope::new("compile");
    let mut sink = Sink::new();
    let output = passes(world.track(), previous, &mut sink).map_err(deduplicate);
    Warned { output, warnings: deduplicate(sink.warnings()) }
}

fn passes(
    world: Tracked<dyn World + '_>,
    previous: Option<&dyn Introspector>,
    sink: &mut Sink,
) -> SourceResult<PagedDocument> {
    let library = world.library();
    let target = TargetElem::target.set(Target::Paged).wrap();
    let styles = StyleChain::new(&library.styles);
    let styles = styles.chain(&target);
    let traced = Traced::default();
    let main = world
        .source(world.main())
        .map_err(|e| eco_vec![SourceDiagnostic::error(Span::detached(), e.to_string())])?;
    let content =
        typst_eval::eval(world, library, traced.track(), sink.track_mut(), Route::default().track(), &main)?.content();

    let mut last: Option<PagedDocument> = None;
    for pass in 1..=MAX_ITERS {
        let _scope = typst_timing::TimingScope::new(ITER_NAMES[pass - 1]);
        let introspector: &dyn Introspector = match (&last, previous) {
            (Some(doc), _) => doc.introspector().as_ref(),
            (None, Some(previous)) => previous,
            (None, None) => &EmptyIntrospector,
        };
        let constraint = comemo::Constraint::new();
        let mut pass_sink = Sink::new();
        let mut engine = Engine {
            library,
            world,
            introspector: Protected::new(introspector.track_with(&constraint)),
            traced: traced.track(),
            sink: pass_sink.track_mut(),
            route: Route::default(),
        };
        let document = PagedDocument::create(&mut engine, &content, styles)?;
        // Settled: every query of this pass has the answer this pass's layout gives.
        let settled = constraint.validate(Output::introspector(&document));
        if settled || pass == MAX_ITERS {
            sink.extend_from_sink(pass_sink);
            if !settled {
                sink.warn(SourceDiagnostic::warning(
                    Span::detached(),
                    format!("the layout did not settle in {MAX_ITERS} passes: page numbers or running heads may be wrong"),
                ));
            }
            let delayed = sink.delayed();
            return if delayed.is_empty() { Ok(document) } else { Err(delayed) };
        }
        last = Some(document);
    }
    unreachable!("the last pass returns")
}

/// The same message at the same place once, in the order first seen.
fn deduplicate(mut diags: EcoVec<SourceDiagnostic>) -> EcoVec<SourceDiagnostic> {
    let mut seen = std::collections::HashSet::new();
    diags.retain(|d| seen.insert((d.span, d.message.clone())));
    diags
}
