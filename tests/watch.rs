//! `folio watch` (issue 8): started on a copy of a fixture project, it renders; an edited
//! message changes the PDF; a syntax error leaves the last good PDF in place.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

/// The watch process, killed when the test ends, passed or not.
struct Watch {
    child: Child,
    log: Arc<Mutex<String>>,
}

impl Watch {
    fn start(project: &Path) -> Self {
        let out = project.join("out");
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .arg("--project")
            .arg(project)
            .args(["watch", "--lang", "zh", "--out"])
            .arg(&out)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("folio watch starts");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("stderr is piped");
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().expect("the log lock");
                log.push_str(&line);
                log.push('\n');
            }
        });
        Self { child, log }
    }

    fn log(&self) -> String {
        self.log.lock().expect("the log lock").clone()
    }

    /// Waits until `done` holds, failing with the log after the timeout.
    fn wait(&self, what: &str, mut done: impl FnMut(&str) -> bool) {
        let started = Instant::now();
        while !done(&self.log()) {
            assert!(started.elapsed() < TIMEOUT, "timed out waiting for {what}; folio watch printed:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_rerenders_an_edited_message_and_keeps_the_last_good_pdf() {
    let dir = common::renderable("i18n-partial", common::Fonts::All);
    let project = dir.path();
    let pdf = project.join("out/i18n-zh.pdf");
    let bundle = project.join("locales/zh/01-intro.ftl");
    let watch = Watch::start(project);

    watch.wait("the first render", |log| log.matches("rebuilt in").count() == 1);
    let first = std::fs::read(&pdf).expect("the first render wrote the PDF");

    let text = std::fs::read_to_string(&bundle).unwrap();
    let edited = text.replace("ch01-relations = 两国关系处于历史最好时期。", "ch01-relations = 两国关系正处于历史最好时期。");
    std::fs::write(&bundle, &edited).unwrap();
    watch.wait("a rebuild after the edit", |log| log.matches("rebuilt in").count() == 2);
    let second = std::fs::read(&pdf).unwrap();
    assert_ne!(first, second, "the PDF did not change:\n{}", watch.log());
    let shown = common::tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(common::squeeze(&shown).contains("两国关系正处于历史最好时期"), "{shown}");
    assert!(watch.log().contains("changed: locales/zh/01-intro.ftl\n"), "{}", watch.log());
    assert_eq!(second, fresh_render(project), "a rebuild differs from a fresh render");

    // A rebuild starts from the last layout's page numbers; an edit that adds pages moves
    // them all, and the rebuild must still be what a fresh render makes.
    let long = "两国关系正处于历史最好时期，各领域合作不断深化。".repeat(120);
    let lengthened = edited.replace("ch01-relations = 两国关系正处于历史最好时期。", &format!("ch01-relations = {long}"));
    std::fs::write(&bundle, &lengthened).unwrap();
    watch.wait("a rebuild after the long edit", |log| log.matches("rebuilt in").count() == 3);
    let third = std::fs::read(&pdf).unwrap();
    assert!(page_count(&third) > page_count(&second), "the long edit added no page");
    assert_eq!(third, fresh_render(project), "a rebuild after pages moved differs from a fresh render");

    std::fs::write(&bundle, format!("{lengthened}broken = {{\n")).unwrap();
    watch.wait("the report of the syntax error", |log| log.contains("the last good PDF stays"));
    assert!(watch.log().contains("locales/zh/01-intro.ftl:"), "{}", watch.log());
    assert_eq!(std::fs::read(&pdf).unwrap(), third, "a broken bundle replaced the PDF");
}

/// The zh PDF as `folio render` makes it from the project as it is now.
fn fresh_render(project: &Path) -> Vec<u8> {
    let out = project.join("fresh");
    let run = common::folio(project, &["render", "--lang", "zh", "--format", "pdf", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::read(out.join("i18n-zh.pdf")).expect("the fresh render wrote the PDF")
}

fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).expect("the PDF parses").get_pages().len()
}
