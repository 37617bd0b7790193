//! `folio watch`: render, then render again whenever a bundle of the watched languages,
//! the model, an image or a layout changes. Fonts are loaded once and every language keeps
//! its `Typesetter` (so Typst's World and caches) between rebuilds; a broken file prints
//! its diagnostics and leaves the last good PDF in place.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{Event, EventKind, RecursiveMode, Watcher};
use rayon::prelude::*;
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::cli::render::options;
use crate::cli::{RenderArgs, print_diagnostics};
use crate::date::build_timestamp;
use crate::diag::{Diagnostic, Diagnostics, Failure, failure_diags};
use crate::document::{Document, resolve_all};
use crate::files;
use crate::layout::Typesetter;
use crate::layout::world::Fonts;
use crate::model::{self, Report};
use crate::project::Project;
use crate::render::{RenderOptions, load_fonts, output_path, print_inputs, print_ready_pdf};

/// Quiet time after a change before rebuilding: an editor's save is several events (a file
/// truncated, then written; or a temporary file written and renamed), which a busy machine
/// may spread out. 25 ms would save 15 ms of the edit loop; 40 ms leaves a margin.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// Typst's memoized results older than this many rebuilds are dropped.
const CACHE_AGE: usize = 10;

/// One language's edition, with the Typesetter kept from the previous rebuild.
pub(super) struct Edition {
    pub lang: String,
    typesetter: Option<(Datetime, Typesetter)>,
}

impl Edition {
    pub fn new(lang: &str) -> Self {
        Self { lang: lang.to_string(), typesetter: None }
    }

    /// Lays the document out with the Typesetter of the previous rebuild, so that Typst
    /// redoes only what changed.
    pub fn typeset(
        &mut self,
        project: &Project,
        report: &Report,
        doc: &Document,
        fonts: &Arc<Fonts>,
        timestamp: Datetime,
        options: &RenderOptions,
    ) -> Result<(&Typesetter, PagedDocument, Diagnostics), Diagnostics> {
        fonts.check_coverage(doc)?;
        // The build date is an input of the World: a new one needs a new Typesetter.
        if self.typesetter.as_ref().is_none_or(|(date, _)| *date != timestamp) {
            let inputs = print_inputs(report, &options.print);
            self.typesetter = Some((timestamp, Typesetter::new(project, fonts.clone(), &options.layout, timestamp, &inputs)));
        }
        let Some((_, typesetter)) = self.typesetter.as_mut() else { unreachable!("set above") };
        let (pages, warnings) = typesetter.typeset(doc)?;
        Ok((typesetter, pages, warnings))
    }
}

/// The folders whose changes trigger a rebuild: the model, the layouts, the languages'
/// bundles (and the source's, for a draft), watched from now on.
pub(super) fn watch(project: &Project, options: &RenderOptions) -> Result<(notify::RecommendedWatcher, Receiver<notify::Result<Event>>), Failure> {
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| Failure::Io(Diagnostic::error(format!("cannot watch files: {e}"))))?;
    let mut dirs = vec![PathBuf::from("report"), PathBuf::from("layouts")];
    dirs.extend(options.langs.iter().map(|l| Path::new("locales").join(l)));
    if options.draft {
        let report = model::load(project)?;
        dirs.push(Path::new("locales").join(&report.meta.source_language));
    }
    dirs.dedup();
    for dir in &dirs {
        watcher
            .watch(&project.root.join(dir), RecursiveMode::Recursive)
            .map_err(|e| Failure::io(dir, format!("cannot watch: {e}")))?;
    }
    let shown: Vec<String> = dirs.iter().map(|d| format!("{}/", d.display())).collect();
    eprintln!("watching {} (Ctrl-C stops)", shown.join(", "));
    Ok((watcher, rx))
}

pub fn run(project: &Project, args: RenderArgs) -> Result<(), Failure> {
    let options = options(project, args)?;
    let fonts = Arc::new(load_fonts(project, options.system_fonts)?);
    let (_watcher, rx) = watch(project, &options)?;

    let mut editions: Vec<Edition> = options.langs.iter().map(|lang| Edition::new(lang)).collect();
    rebuild(project, &options, &fonts, &mut editions);
    while let Some(changed) = next_change(&rx, &project.root) {
        // Editors' temporary files come and go; what is still there is what was edited.
        let kept: Vec<String> =
            changed.iter().filter(|p| project.root.join(p).exists()).map(|p| p.display().to_string()).collect();
        let shown = if kept.is_empty() { changed.iter().map(|p| p.display().to_string()).collect() } else { kept };
        eprintln!("changed: {}", shown.join(", "));
        rebuild(project, &options, &fonts, &mut editions);
        crate::cli::write_timings();
        comemo::evict(CACHE_AGE);
    }
    Ok(())
}

/// Loads, resolves and renders every edition, printing what it did and how long it took.
fn rebuild(project: &Project, options: &RenderOptions, fonts: &Arc<Fonts>, editions: &mut [Edition]) {
    let started = Instant::now();
    let loaded = model::load(project).and_then(|report| {
        let timestamp = build_timestamp(&report)?;
        let docs = resolve_all(project, &report, &options.langs, options.draft)?;
        Ok((report, timestamp, docs))
    });
    let (report, timestamp, docs) = match loaded {
        Ok(loaded) => loaded,
        Err(failure) => {
            print_diagnostics(&failure_diags(failure));
            eprintln!("not rebuilt ({:.2} s); the last good PDF stays", started.elapsed().as_secs_f64());
            return;
        }
    };
    let loaded_in = started.elapsed();
    let results: Vec<_> = editions
        .par_iter_mut()
        .zip(&docs)
        .map(|(edition, doc)| (edition.lang.clone(), pdf(project, &report, doc, fonts, timestamp, options, edition)))
        .collect();
    let mut failed = 0;
    for (lang, result) in results {
        match result {
            Ok(built) => {
                print_diagnostics(&built.warnings);
                eprintln!(
                    "{lang:>4}  pdf   {}  {} pages  (layout {:.2} s, pdf {:.2} s)",
                    built.path.display(),
                    built.pages,
                    built.layout.as_secs_f64(),
                    built.export.as_secs_f64()
                );
            }
            Err(diags) => {
                print_diagnostics(&diags);
                eprintln!("{lang:>4}  not rebuilt; the last good PDF stays");
                failed += 1;
            }
        }
    }
    let took = started.elapsed().as_secs_f64();
    if failed == 0 {
        eprintln!("rebuilt in {took:.2} s (model and bundles {:.2} s)", loaded_in.as_secs_f64());
    } else {
        eprintln!("{failed} edition(s) not rebuilt ({took:.2} s)");
    }
}

/// A PDF written by a rebuild, and where the time went.
struct Built {
    path: PathBuf,
    pages: usize,
    warnings: Diagnostics,
    layout: Duration,
    export: Duration,
}

fn pdf(
    project: &Project,
    report: &Report,
    doc: &Document,
    fonts: &Arc<Fonts>,
    timestamp: Datetime,
    options: &RenderOptions,
    edition: &mut Edition,
) -> Result<Built, Diagnostics> {
    let started = Instant::now();
    let (typesetter, pages, warnings) = edition.typeset(project, report, doc, fonts, timestamp, options)?;
    let layout = started.elapsed();
    let bytes = print_ready_pdf(typesetter, &pages, report, doc, &options.layout, timestamp, options)?;
    let path = output_path(&options.out, report, &doc.lang, &options.layout, "pdf");
    files::write_atomic(&path, &bytes).map_err(failure_diags)?;
    Ok(Built { path, pages: pages.pages().len(), warnings, layout, export: started.elapsed() - layout })
}

/// Waits for a change that matters, then for a quiet moment; returns the changed paths
/// (relative to the project), or `None` when the watcher has stopped.
pub(super) fn next_change(rx: &Receiver<notify::Result<Event>>, root: &Path) -> Option<Vec<PathBuf>> {
    let mut changed = Vec::new();
    while changed.is_empty() {
        take(rx.recv().ok()?, root, &mut changed);
    }
    loop {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(event) => take(event, root, &mut changed),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    changed.sort();
    changed.dedup();
    Some(changed)
}

fn take(event: notify::Result<Event>, root: &Path, changed: &mut Vec<PathBuf>) {
    let event = match event {
        Ok(event) => event,
        Err(e) => {
            eprintln!("warning: file watcher: {e}");
            return;
        }
    };
    // Reading files (our own rebuild does) and metadata changes are no edits.
    let edit = matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
    );
    if edit {
        changed.extend(
            event.paths.iter().filter(|p| !scratch(p)).map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf()),
        );
    }
}

/// Files editors and folio write on the side: hidden files (our `.part` files, the
/// lock), backups, swap files, and vim's `4913` write test.
fn scratch(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_scratch_files() {
        assert!(scratch(Path::new("locales/ru/.folio-lock.toml")));
        assert!(scratch(Path::new("out/.folio-abc.part")));
        assert!(scratch(Path::new("locales/ru/01.ftl~")));
        assert!(!scratch(Path::new("locales/ru/01-foreword.ftl")));
    }
}
