//! `folio preview`: the pages of one edition in the browser, following every save of a
//! bundle, the model or a layout. The same loop as `folio watch` (its watcher and its kept
//! Typesetter), with a small HTTP server in front instead of a PDF on disk:
//!
//! - `GET /` the viewer (plain HTML and a small script, offline);
//! - `GET /pages/N.svg` page N, from the laid-out document kept in memory; 503 with
//!   `Retry-After` while the first layout runs, so that no client takes the page for
//!   missing;
//! - `GET /events` one server-sent event per rebuild: the page count, the pages that
//!   changed, the diagnostics of a broken file (the last good pages stay);
//! - `GET /where?page=N&x=…&y=…` the message id under a point, and its `.ftl` file and line.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;
use tiny_http::{Header, Method, Response, Server};
use typst_layout::PagedDocument;

use crate::cli::RenderArgs;
use crate::cli::render::options;
use crate::cli::watch::{next_change, watch};
use crate::diag::{Diagnostic, Failure};
use crate::i18n::Catalog;
use crate::project::Project;
use crate::i18n::load_catalog;
use crate::render::Session;

/// What the viewer shows: the last good pages, and the problems of the last rebuild.
#[derive(Default)]
struct Shown {
    /// Bumped on every rebuild, so that the viewer asks for changed pages afresh.
    version: u64,
    /// The laid-out document the pages are drawn from.
    document: Option<Arc<PagedDocument>>,
    /// Each page as SVG, drawn when first asked for: a rebuild reports the changed pages at
    /// once and draws only those the viewer then asks for.
    pages: Vec<Option<Arc<String>>>,
    /// A hash of each page's frame: a page is re-sent only when it changed.
    hashes: Vec<u128>,
    /// Where each block and heading starts: (page, y in pt, message id).
    marks: Vec<(usize, f64, String)>,
    /// Each message id's `.ftl` file and line.
    sources: BTreeMap<String, String>,
    diagnostics: Vec<String>,
    /// The first layout has ended (with pages or with diagnostics).
    first_done: bool,
}

#[derive(Serialize)]
struct Event<'a> {
    version: u64,
    /// The first layout is still running: the viewer says so.
    laying_out: bool,
    pages: usize,
    changed: Vec<usize>,
    diagnostics: &'a [String],
}

type Listeners = Arc<Mutex<Vec<Sender<String>>>>;

pub fn run(project: &Project, args: RenderArgs, port: u16, host: Option<String>, open: bool) -> Result<(), Failure> {
    let options = options(project, args)?;
    if options.langs.len() != 1 {
        return Err(Failure::Usage(Diagnostic::error("`folio preview` shows one edition").hint("pass one language, e.g. --lang ru")));
    }
    let address = format!("{}:{port}", host.as_deref().unwrap_or("127.0.0.1"));
    let server = Server::http(&address).map_err(|e| Failure::Io(Diagnostic::error(format!("cannot listen on {address}: {e}"))))?;
    let mut session = Session::open(project, options)?.keeping_layouts();
    let (_watcher, rx) = watch(project, &session.options)?;
    let shown = Arc::new(Mutex::new(Shown::default()));
    let listeners: Listeners = Arc::new(Mutex::new(Vec::new()));
    let url = format!("http://{address}/");
    eprintln!("preview of the {} edition: {url}", session.options.langs[0]);
    if open {
        open_browser(&url);
    }

    let server = Arc::new(server);
    {
        let (server, shown, listeners) = (server.clone(), shown.clone(), listeners.clone());
        std::thread::spawn(move || serve(&server, &shown, &listeners));
    }
    rebuild(&mut session, &shown, &listeners);
    while let Some(changed) = next_change(&rx, &project.root) {
        let shown_paths: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
        eprintln!("changed: {}", shown_paths.join(", "));
        rebuild(&mut session, &shown, &listeners);
        comemo::evict(10);
    }
    Ok(())
}

fn lock(shown: &Mutex<Shown>) -> std::sync::MutexGuard<'_, Shown> {
    shown.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Lays the edition out again and tells the viewers which pages changed; a failure keeps
/// the last good pages and sends its diagnostics.
fn rebuild(session: &mut Session, shown: &Mutex<Shown>, listeners: &Listeners) {
    let started = Instant::now();
    let lang = session.options.langs[0].clone();
    let laid_out = session.load().map_err(Failure::into_diagnostics).and_then(|loaded| {
        let catalog = load_catalog(session.project, &lang).map_err(Failure::into_diagnostics)?;
        let paged = session.paged(&loaded).map_err(Failure::into_diagnostics)?;
        let edition = paged.first().expect("one language");
        session.fonts.check_coverage(edition.document())?;
        let (pages, warnings) = edition.lay_out(session)?;
        Ok((Arc::new(pages), warnings, catalog))
    });
    let mut state = lock(shown);
    state.version += 1;
    state.first_done = true;
    let changed = match laid_out {
        Ok((pages, warnings, catalog)) => {
            let changed = update_pages(&mut state, &pages, &catalog);
            state.diagnostics = warnings.iter().map(ToString::to_string).collect();
            eprintln!("{lang:>4}  {} pages, {} changed  ({:.2} s)", state.pages.len(), changed.len(), started.elapsed().as_secs_f64());
            changed
        }
        Err(diags) => {
            state.diagnostics = diags.iter().map(ToString::to_string).collect();
            crate::cli::print_diagnostics(&diags);
            eprintln!("{lang:>4}  not rebuilt; the last good pages stay");
            Vec::new()
        }
    };
    let event = Event { version: state.version, laying_out: false, pages: state.pages.len(), changed, diagnostics: &state.diagnostics };
    let message = serde_json::to_string(&event).expect("an event serializes");
    drop(state);
    // Viewers that went away are dropped.
    lock_listeners(listeners).retain(|tx| tx.send(message.clone()).is_ok());
}

fn lock_listeners(listeners: &Listeners) -> std::sync::MutexGuard<'_, Vec<Sender<String>>> {
    listeners.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Takes the new pages: those whose frame changed (1-based numbers returned) lose their
/// drawing, to be drawn again when asked for; the others keep theirs.
fn update_pages(state: &mut Shown, pages: &Arc<PagedDocument>, catalog: &Catalog) -> Vec<usize> {
    let mut changed = Vec::new();
    let mut drawn = Vec::with_capacity(pages.pages().len());
    let mut hashes = Vec::with_capacity(pages.pages().len());
    for (i, page) in pages.pages().iter().enumerate() {
        let hash = typst::utils::hash128(&page.frame);
        if state.hashes.get(i) == Some(&hash) {
            drawn.push(state.pages[i].clone());
        } else {
            drawn.push(None);
            changed.push(i + 1);
        }
        hashes.push(hash);
    }
    state.document = Some(pages.clone());
    state.pages = drawn;
    state.hashes = hashes;
    state.marks = crate::proof::block_marks(pages);
    state.sources = state
        .marks
        .iter()
        .filter_map(|(_, _, id)| {
            let at = catalog.locate(id)?;
            Some((id.clone(), format!("{}:{}", at.file.display(), at.line.unwrap_or(1))))
        })
        .collect();
    changed
}

fn serve(server: &Server, shown: &Mutex<Shown>, listeners: &Listeners) {
    for request in server.incoming_requests() {
        if *request.method() != Method::Get {
            let _ = request.respond(Response::from_string("only GET").with_status_code(405));
            continue;
        }
        let url = request.url().to_string();
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        let header = |value: &str| Header::from_bytes("Content-Type", value).expect("a valid header");
        let response = match path {
            "/" => Response::from_string(VIEWER).with_header(header("text/html; charset=utf-8")),
            "/events" => {
                let (tx, rx) = channel();
                lock_listeners(listeners).push(tx);
                // The current state at once, then one event per rebuild.
                let state = lock(shown);
                let first = Event {
                    version: state.version,
                    laying_out: !state.first_done,
                    pages: state.pages.len(),
                    changed: (1..=state.pages.len()).collect(),
                    diagnostics: &state.diagnostics,
                };
                let first = serde_json::to_string(&first).expect("an event serializes");
                drop(state);
                // A stream lasts as long as its viewer: it gets a thread of its own, and
                // writes each event through at once (a response body would be buffered).
                std::thread::spawn(move || {
                    let mut out = request.into_writer();
                    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n";
                    let mut send = |data: &str| out.write_all(data.as_bytes()).and_then(|()| out.flush());
                    if send(head).and_then(|()| send(&format!("data: {first}\n\n"))).is_err() {
                        return;
                    }
                    loop {
                        // A comment now and then finds viewers that are gone.
                        let data = match rx.recv_timeout(Duration::from_secs(15)) {
                            Ok(event) => format!("data: {event}\n\n"),
                            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
                            Err(RecvTimeoutError::Disconnected) => return,
                        };
                        if send(&data).is_err() {
                            return;
                        }
                    }
                });
                continue;
            }
            "/where" => match where_is(&lock(shown), query) {
                Some(json) => Response::from_string(json).with_header(header("application/json")),
                None => Response::from_string("{}").with_header(header("application/json")).with_status_code(404),
            },
            _ if page_number(path).is_some() && !lock(shown).first_done => {
                let retry = Header::from_bytes("Retry-After", "1").expect("a valid header");
                Response::from_string("the first layout is under way").with_header(retry).with_status_code(503)
            }
            _ => match page_number(path).and_then(|n| page_svg(shown, n)) {
                Some(svg) => Response::from_string(svg.as_str()).with_header(header("image/svg+xml")),
                None => Response::from_string("not found").with_status_code(404),
            },
        };
        let _ = request.respond(response);
    }
}

/// Page `n` (1-based) as SVG, drawn now if it changed since it was last drawn; drawn outside
/// the lock, so that a rebuild need not wait.
fn page_svg(shown: &Mutex<Shown>, n: usize) -> Option<Arc<String>> {
    let (version, document) = {
        let state = lock(shown);
        if let Some(svg) = state.pages.get(n.checked_sub(1)?)? {
            return Some(svg.clone());
        }
        (state.version, state.document.clone()?)
    };
    let svg = Arc::new(typst_svg::svg(document.pages().get(n - 1)?, &typst_svg::SvgOptions::default()));
    let mut state = lock(shown);
    if state.version == version {
        state.pages[n - 1] = Some(svg.clone());
    }
    Some(svg)
}

/// `/pages/12.svg` → 12.
fn page_number(path: &str) -> Option<usize> {
    path.strip_prefix("/pages/")?.strip_suffix(".svg")?.parse().ok()
}

/// The block or heading under a point of a page: the last one starting above it.
fn where_is(state: &Shown, query: &str) -> Option<String> {
    let params: BTreeMap<&str, &str> = query.split('&').filter_map(|p| p.split_once('=')).collect();
    let page: usize = params.get("page")?.parse().ok()?;
    let y: f64 = params.get("y")?.parse().ok()?;
    let (_, _, id) = state.marks.iter().filter(|(p, my, _)| (*p, *my) <= (page, y + 1.0)).last()?;
    let source = state.sources.get(id);
    Some(serde_json::json!({ "id": id, "ftl": source }).to_string())
}

/// The viewer: the pages one under another; a changed page is fetched again; a click
/// shows the message under it and copies `file:line`.
const VIEWER: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>folio preview</title>
<style>
body { margin: 0; background: #6b7079; font: 14px system-ui, sans-serif; }
#banner { position: sticky; top: 0; z-index: 2; background: #b00020; color: #fff; white-space: pre-wrap; font: 12px ui-monospace, monospace; padding: 0.6em 1em; max-height: 40vh; overflow: auto; }
#banner:empty { display: none; }
#where { position: fixed; bottom: 0.8em; right: 0.8em; z-index: 2; background: #fff; padding: 0.4em 0.8em; border-radius: 4px; font: 12px ui-monospace, monospace; }
#where:empty { display: none; }
#status { color: #fff; text-align: center; padding: 3em 1em; font-size: 16px; }
#status[hidden] { display: none; }
#pages img { display: block; margin: 1em auto; background: #fff; max-width: calc(100% - 2em); box-shadow: 0 1px 6px rgba(0,0,0,0.4); cursor: crosshair; }
</style>
</head>
<body>
<div id="banner" role="alert"></div>
<div id="status" role="status">Laying out the pages…</div>
<div id="pages"></div>
<div id="where" aria-live="polite"></div>
<script>
"use strict";
const pages = document.getElementById("pages");
const banner = document.getElementById("banner");
const where = document.getElementById("where");
const status = document.getElementById("status");
function page(n) {
  let img = document.getElementById("page-" + n);
  if (!img) {
    img = document.createElement("img");
    img.id = "page-" + n;
    img.alt = "page " + n;
    img.addEventListener("click", async (event) => {
      const r = img.getBoundingClientRect();
      const scale = img.naturalWidth / r.width * 0.75;
      const x = (event.clientX - r.left) * scale, y = (event.clientY - r.top) * scale;
      const res = await fetch(`/where?page=${n}&x=${x.toFixed(1)}&y=${y.toFixed(1)}`);
      const found = await res.json();
      where.textContent = found.id ? `${found.id}  ${found.ftl || ""}` : "";
      if (found.ftl && navigator.clipboard) navigator.clipboard.writeText(found.ftl).catch(() => {});
    });
    pages.appendChild(img);
  }
  return img;
}
new EventSource("/events").onmessage = (message) => {
  const event = JSON.parse(message.data);
  status.hidden = !event.laying_out;
  banner.textContent = event.diagnostics.join("");
  while (pages.children.length > event.pages) pages.lastChild.remove();
  for (let n = 1; n <= event.pages; n++) page(n);
  for (const n of event.changed) page(n).src = `/pages/${n}.svg?v=${event.version}`;
};
</script>
</body>
</html>
"##;

/// Opens `url` with the desktop's opener; where there is none, the address printed above
/// is the way in.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") { "open" } else if cfg!(windows) { "explorer" } else { "xdg-open" };
    let started = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match started {
        // Reaped when it exits (xdg-open returns at once; a browser may stay).
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => eprintln!("note: --open: cannot start `{opener}` ({e}); open {url} in a browser"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths() {
        assert_eq!(page_number("/pages/12.svg"), Some(12));
        assert_eq!(page_number("/pages/x.svg"), None);
        assert_eq!(page_number("/pages/3.png"), None);
    }

    #[test]
    fn the_message_under_a_point() {
        let state = Shown {
            marks: vec![(1, 100.0, "a".into()), (1, 300.0, "b".into()), (2, 80.0, "c".into())],
            sources: [("b".to_string(), "locales/ru/x.ftl:7".to_string())].into(),
            ..Shown::default()
        };
        assert_eq!(where_is(&state, "page=1&x=10&y=350").unwrap(), r#"{"ftl":"locales/ru/x.ftl:7","id":"b"}"#);
        assert_eq!(where_is(&state, "page=2&x=10&y=20").unwrap(), r#"{"ftl":"locales/ru/x.ftl:7","id":"b"}"#);
        assert!(where_is(&state, "page=1&x=10&y=50").is_none());
        assert!(where_is(&state, "nonsense").is_none());
    }
}
