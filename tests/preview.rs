//! `folio preview` end to end (issue 16): a server on a free port over a scratch copy of the
//! report; the viewer, a page, the event stream; an edit of `report-title` changes page 1
//! and sends an event; a broken bundle keeps the page and sends diagnostics; SIGINT stops
//! the server with 130 and leaves no files behind.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A GET over plain HTTP/1.0: (status, body).
fn get(port: u16, path: &str) -> Option<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let split = response.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&response[..split]).to_string();
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, response[split + 4..].to_vec()))
}

/// `folio preview --lang ru` of the project at `root` on `port`, with more arguments.
fn preview(root: &Path, port: u16, args: &[&str], stderr: Stdio) -> Child {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["--project", root.to_str().unwrap(), "preview", "--lang", "ru", "--port", &port.to_string()])
        .args(args)
        .stderr(stderr)
        .spawn()
        .unwrap()
}

/// The events of `/events`, one JSON value per `data:` line, as they arrive.
struct Events {
    lines: BufReader<TcpStream>,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(stream, "GET /events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        Events { lines: BufReader::new(stream) }
    }

    fn next(&mut self) -> serde_json::Value {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.lines.read_line(&mut line).unwrap() > 0, "the event stream ended");
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data.trim()).unwrap();
            }
        }
    }
}

fn wait_until_serving(port: u16, child: &mut Child) {
    let start = Instant::now();
    while get(port, "/pages/1.svg").is_none_or(|(status, _)| status != 200) {
        assert!(child.try_wait().unwrap().is_none(), "folio preview exited");
        assert!(start.elapsed() < Duration::from_secs(60), "folio preview did not serve page 1");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walk(dir) {
        out.push(entry.strip_prefix(dir).unwrap().display().to_string());
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flat_map(|e| {
            let path = e.unwrap().path();
            if path.is_dir() && !path.is_symlink() { walk(&path) } else { vec![path] }
        })
        .collect()
}

/// A GET's status and whether it said when to retry.
fn status_and_retry(port: u16, path: &str) -> Option<(u16, bool)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let head = String::from_utf8_lossy(&response).to_string();
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, head.to_ascii_lowercase().contains("\r\nretry-after: 1\r\n")))
}

/// While the first layout runs, a page that will exist answers 503 with Retry-After (issue
/// 25), never 404; the viewer's first event says the layout is under way.
#[test]
fn preview_never_answers_404_for_a_page_that_exists() {
    let dir = common::shipped();
    let root = dir.path();
    let port = free_port();
    let mut child = preview(root, port, &[], Stdio::null());
    let start = Instant::now();
    let (mut busy, mut events) = (0, None);
    loop {
        assert!(child.try_wait().unwrap().is_none(), "folio preview exited");
        assert!(start.elapsed() < Duration::from_secs(60), "page 1 was not served");
        match status_and_retry(port, "/pages/1.svg") {
            None => {}
            Some((200, _)) => break,
            Some((503, retry)) => {
                assert!(retry, "a 503 says when to retry");
                busy += 1;
                events.get_or_insert_with(|| Events::open(port));
            }
            Some((status, _)) => panic!("page 1 answered {status} before the first layout ended"),
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(busy > 0, "the first layout was never seen under way");
    let mut events = events.expect("opened during the first layout");
    // The stream opened while page 1 answered 503; the layout may have ended just before
    // it connected.
    let mut event = events.next();
    if event["laying_out"] == true {
        assert_eq!(event["pages"], 0, "{event}");
        event = events.next();
    }
    assert_eq!(event["laying_out"], false, "{event}");
    assert!(event["pages"].as_u64().unwrap() > 1, "{event}");
    assert_eq!(status_and_retry(port, "/pages/999.svg").unwrap().0, 404, "a page that does not exist");
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    child.wait().unwrap();
}

#[test]
fn preview_follows_edits() {
    let dir = common::shipped();
    let root = dir.path();
    let before = files(root);

    let port = free_port();
    let mut child = preview(root, port, &[], Stdio::piped());
    wait_until_serving(port, &mut child);

    let (status, viewer) = get(port, "/").unwrap();
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&viewer).contains("new EventSource(\"/events\")"));
    let (_, page1) = get(port, "/pages/1.svg").unwrap();
    assert!(page1.starts_with(b"<svg"), "page 1 is an SVG");
    assert_eq!(get(port, "/pages/999.svg").unwrap().0, 404);
    let (status, found) = get(port, "/where?page=10&x=100&y=300").unwrap();
    assert_eq!(status, 200);
    let found: serde_json::Value = serde_json::from_slice(&found).unwrap();
    assert!(found["ftl"].as_str().unwrap().starts_with("locales/ru/"), "{found}");

    let mut events = Events::open(port);
    let first = events.next();
    assert_eq!(first["pages"], first["changed"].as_array().unwrap().len());

    // An edit of the title: page 1 (the cover) changes and an event says so.
    let report = root.join("locales/ru/report.ftl");
    let text = std::fs::read_to_string(&report).unwrap();
    let title = text.lines().find(|l| l.starts_with("report-title = ")).unwrap().to_string();
    std::fs::write(&report, text.replace(&title, &format!("{title} (правка)"))).unwrap();
    let event = events.next();
    assert!(event["changed"].as_array().unwrap().contains(&serde_json::json!(1)), "{event}");
    assert!(event["diagnostics"].as_array().unwrap().is_empty(), "{event}");
    let (_, edited) = get(port, "/pages/1.svg").unwrap();
    assert_ne!(edited, page1, "page 1 shows the new title");

    // A broken bundle: the last good page stays, the diagnostics arrive.
    std::fs::write(&report, format!("{}\nbroken = {{ $\n", std::fs::read_to_string(&report).unwrap())).unwrap();
    let event = events.next();
    let diagnostics = event["diagnostics"].as_array().unwrap();
    assert!(diagnostics.iter().any(|d| d.as_str().unwrap().contains("locales/ru/report.ftl")), "{event}");
    assert_eq!(get(port, "/pages/1.svg").unwrap().1, edited);

    // Ctrl-C: exit code 130, nothing left in the project.
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let code = child.wait().unwrap().code();
    assert_eq!(code, Some(130));
    assert_eq!(files(root), before, "the preview wrote files");
}

/// The review edition follows edits too (preview holds a session of the same driver as
/// render): its pages are the review's, translation beside source.
#[test]
fn preview_shows_the_review_edition() {
    let dir = common::shipped();
    let root = dir.path();
    let port = free_port();
    let mut child = preview(root, port, &["--layout", "review"], Stdio::null());
    let start = Instant::now();
    let page = loop {
        assert!(child.try_wait().unwrap().is_none(), "folio preview exited");
        assert!(start.elapsed() < Duration::from_secs(60), "page 1 was not served");
        match get(port, "/pages/1.svg") {
            Some((200, body)) => break String::from_utf8(body).unwrap(),
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    assert!(page.starts_with("<svg"), "{}", &page[..page.len().min(200)]);
    let event = Events::open(port).next();
    // The review of the shipped ru edition is longer than the edition itself (56 pages).
    assert!(event["pages"].as_u64().unwrap() > 56, "{event}");
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    child.wait().unwrap();
}
