//! `folio watch`: render, then render again whenever a bundle of the watched languages,
//! the model, an image or a layout changes. Fonts are loaded once and every language keeps
//! its `Typesetter` (so Typst's World and caches) between rebuilds; a broken file prints
//! its diagnostics and leaves the last good PDF in place.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{Event, EventKind, RecursiveMode, Watcher};

use crate::cli::render::options;
use crate::cli::{RenderArgs, print_diagnostics};
use crate::diag::{Diagnostic, Failure};
use crate::model;
use crate::project::Project;
use crate::render::{RenderOptions, Session};

/// Quiet time after a change before rebuilding: an editor's save is several events (a file
/// truncated, then written; or a temporary file written and renamed), which a busy machine
/// may spread out. 25 ms would save 15 ms of the edit loop; 40 ms leaves a margin.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// Typst's memoized results older than this many rebuilds are dropped.
const CACHE_AGE: usize = 10;

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
    let mut session = Session::open(project, options)?.keeping_layouts();
    let (_watcher, rx) = watch(project, &session.options)?;
    rebuild(&mut session);
    while let Some(changed) = next_change(&rx, &project.root) {
        // Editors' temporary files come and go; what is still there is what was edited.
        let shown: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
        eprintln!("changed: {}", shown.join(", "));
        rebuild(&mut session);
        comemo::evict(CACHE_AGE);
    }
    Ok(())
}

/// Renders again what changed; a broken file prints its diagnostics and leaves the last
/// good PDF in place.
fn rebuild(session: &mut Session) {
    let started = Instant::now();
    let loaded = match session.load() {
        Ok(loaded) => loaded,
        Err(failure) => {
            print_diagnostics(&failure.into_diagnostics());
            eprintln!("not rebuilt ({:.2} s); the last good PDF stays", started.elapsed().as_secs_f64());
            return;
        }
    };
    let loaded_in = started.elapsed();
    let result = session.editions(&loaded).and_then(|editions| session.run(&editions));
    let took = started.elapsed().as_secs_f64();
    match result {
        Ok(rendered) => {
            rendered.iter().for_each(|r| print_diagnostics(&r.warnings));
            eprintln!("rebuilt in {took:.2} s (model and bundles {:.2} s)", loaded_in.as_secs_f64());
        }
        Err(failure) => {
            print_diagnostics(&failure.into_diagnostics());
            eprintln!("not all rebuilt ({took:.2} s); the last good PDF stays where a language failed");
        }
    }
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
