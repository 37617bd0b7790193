//! The web edition (issue 17): `folio render --format html` on the report and on the
//! metacharacter fixture. The site's structure, links and fragments, the same chapter in
//! every language, the whole text, escaping, byte-identical rebuilds, its size; then the Nu
//! HTML Checker on every page, and headless Chromium with axe-core at 390 and 1280 px.
//! The two external checks are skipped, saying so, only when their tools are not installed
//! (`.ci/run` installs them: `npm ci` in tests/web, Debian's chromium).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Fonts, folio, renderable};
use serde_json::Value;

const SLUG: &str = "china-russia-new-era";
const LANGS: [&str; 3] = ["zh", "ru", "en"];

fn render_site(project: &Path, out: &Path, extra: &[&str]) -> PathBuf {
    let out_arg = out.to_str().expect("UTF-8");
    let mut args = vec!["render", "--lang", "all", "--format", "html", "--out", out_arg];
    args.extend_from_slice(extra);
    let run = folio(project, &args);
    assert_eq!(run.code, 0, "folio {}:\n{}", args.join(" "), run.stderr);
    let dirs: Vec<PathBuf> = std::fs::read_dir(out).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    assert_eq!(dirs.len(), 1, "one site folder and nothing else: {dirs:?}");
    dirs[0].clone()
}

/// Every file of the site, by its path relative to the site.
fn files(site: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(site, site, &mut out);
    out
}

/// The values of an attribute in a page (folio writes attributes with double quotes).
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!(" {name}=\"");
    html.match_indices(&key).map(|(i, _)| {
        let rest = &html[i + key.len()..];
        &rest[..rest.find('"').unwrap()]
    })
    .collect()
}

/// The text of a page: tags removed, entities decoded, outside `<script>`, `<style>`
/// and `<svg>`.
fn page_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let skip_to = ["<script", "<svg"].iter().zip(["</script>", "</svg>"]).find(|(o, _)| rest.starts_with(**o)).map(|(_, c)| c);
        let end = match skip_to {
            Some(close) => rest.find(close).map(|i| i + close.len()).unwrap_or(rest.len()),
            None => rest.find('>').map(|i| i + 1).unwrap_or(rest.len()),
        };
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn dump(project: &Path, lang: &str) -> Value {
    let run = folio(project, &["dump", "--lang", lang]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

/// Every text run of the document (paragraphs, items, captions, cells, notes…).
fn texts(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(text)) = map.get("text")
                && map.len() == 1
            {
                out.push(text.clone());
            }
            map.values().for_each(|v| texts(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| texts(v, out)),
        _ => {}
    }
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn report_site() {
    let out = tempfile::tempdir().unwrap();
    let site = render_site(common::repo(), out.path(), &["--base-url", "https://example.org/report/"]);
    assert_eq!(site.file_name().unwrap(), format!("{SLUG}-html").as_str());
    let files = files(&site);
    let html = |path: &str| String::from_utf8(files.get(path).unwrap_or_else(|| panic!("{path} is missing")).clone()).unwrap();

    // Structure: the front door, and per language a front page and seven chapters.
    for path in ["index.html", "assets/site.css", "assets/folio.js", "sitemap.xml"] {
        assert!(files.contains_key(path), "{path}");
    }
    for lang in LANGS {
        for page in ["index.html", "search.js", "cover.svg", "cover.png"].into_iter().map(String::from).chain((1..=7).map(|n| format!("chapter-{n:02}.html"))) {
            assert!(files.contains_key(&format!("{lang}/{page}")), "{lang}/{page}");
        }
        assert!(files.contains_key(&format!("assets/{lang}.css")));
    }

    // Every link and image inside the site leads to a file, every fragment to an id.
    let ids: BTreeMap<&str, BTreeSet<&str>> =
        files.keys().filter(|p| p.ends_with(".html")).map(|p| (p.as_str(), attributes(std::str::from_utf8(&files[p]).unwrap(), "id").into_iter().collect())).collect();
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let page = std::str::from_utf8(bytes).unwrap();
        assert!(!page.contains("http://") || !attributes(page, "src").iter().any(|s| s.starts_with("http")), "{path}: an external resource");
        for target in attributes(page, "href").into_iter().chain(attributes(page, "src")) {
            if target.starts_with("https://") || target.starts_with("http://") {
                // Links to cited sources, and the canonical addresses under --base-url.
                assert!(!target.ends_with(".css") && !target.ends_with(".js"), "{path}: external asset {target}");
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let resolved = if file.is_empty() {
                path.clone()
            } else {
                let base = Path::new(path).parent().unwrap();
                let mut parts: Vec<&str> = base.iter().map(|c| c.to_str().unwrap()).collect();
                for part in file.split('/') {
                    match part {
                        ".." => {
                            parts.pop();
                        }
                        "." => {}
                        p => parts.push(p),
                    }
                }
                parts.join("/")
            };
            assert!(files.contains_key(&resolved), "{path}: `{target}` leads nowhere ({resolved})");
            if !fragment.is_empty() {
                assert!(ids[resolved.as_str()].contains(fragment), "{path}: `{target}`: no id `{fragment}` in {resolved}");
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");

    // Each chapter page links to the same chapter in the other languages, and names them.
    for lang in LANGS {
        for n in 1..=7 {
            let page = html(&format!("{lang}/chapter-{n:02}.html"));
            for other in LANGS {
                assert!(page.contains(&format!("href=\"../{other}/chapter-{n:02}.html\" hreflang=")), "{lang} {n}: no link to {other}");
                assert!(page.contains(&format!("rel=\"alternate\" hreflang=")), "{lang} {n}: alternates");
            }
            assert!(page.contains(&format!("<link rel=\"canonical\" href=\"https://example.org/report/{lang}/chapter-{n:02}.html\"/>")));
            assert!(page.contains(&format!("<meta property=\"og:image\" content=\"https://example.org/report/{lang}/cover.png\"/>")));
            assert_eq!(page.matches("rel=\"prev\"").count(), usize::from(n > 1), "{lang} {n}");
            assert_eq!(page.matches("rel=\"next\"").count(), usize::from(n < 7), "{lang} {n}");
        }
    }

    // The whole text of each language is on its pages: every run of the resolved document.
    for lang in LANGS {
        let site_text: String = (1..=7).map(|n| page_text(&html(&format!("{lang}/chapter-{n:02}.html")))).collect::<Vec<_>>().join(" ");
        let site_text = squeeze(&site_text);
        let mut runs = Vec::new();
        texts(&dump(common::repo(), lang)["chapters"], &mut runs);
        assert!(runs.len() > 200, "{lang}: {} runs", runs.len());
        for run in runs {
            assert!(site_text.contains(&squeeze(&run)), "{lang}: `{run}` is not on the site");
        }
        assert!(!site_text.contains("NUMBER("), "{lang}");
    }

    // Charts are in the pages as SVG, their ids unique in each page.
    let ch4 = html("ru/chapter-04.html");
    assert_eq!(ch4.matches("<svg ").count(), 2, "the two bar charts of chapter 4");
    let ids = attributes(&ch4, "id");
    assert_eq!(ids.len(), ids.iter().collect::<BTreeSet<_>>().len(), "duplicate ids in ru/chapter-04.html");

    // Search: CJK pairs, so that 中俄 finds 中俄关系.
    let index = String::from_utf8(files["zh/search.js"].clone()).unwrap();
    let json: Value = serde_json::from_str(index.trim().trim_start_matches("window.folioSearch = ").trim_end_matches(';')).unwrap();
    assert!(json["terms"]["中俄"].as_array().unwrap().len() > 10);

    // The zh site without photographs is small: its pages, assets and drawings.
    let zh_bytes: usize = files.iter().filter(|(p, _)| (p.starts_with("zh/") && !p.starts_with("zh/images/")) || p.starts_with("assets/") || *p == "index.html").map(|(_, b)| b.len()).sum();
    println!("zh site without photographs: {} KB", zh_bytes / 1024);
    assert!(zh_bytes <= 2 * 1024 * 1024, "{zh_bytes} bytes");

    // The same inputs give the same bytes.
    let again = tempfile::tempdir().unwrap();
    let rebuilt = crate::files(&render_site(common::repo(), again.path(), &["--base-url", "https://example.org/report/"]));
    assert!(rebuilt == files, "a rebuild differs");

    nu_html_checker(&site);
    browser_checks(&site);
}

/// Strings from bundles are text: the markup in them shows, nothing is interpreted.
#[test]
fn metacharacters_are_text() {
    let project = renderable("epub-metachars", Fonts::All);
    let out = project.path().join("out");
    let run = folio(project.path(), &["render", "--lang", "zh,en", "--format", "html", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(out.join("epub-metachars-html/en/chapter-01.html")).unwrap();
    assert!(page.contains("Body: &lt;script&gt;alert(\"x&amp;y\")&lt;/script&gt; ]]&gt; &amp;lt;"), "{page}");
    // One <script> only: folio's own, in the head.
    assert_eq!(page.matches("<script").count(), 1, "{page}");
    assert!(!page.contains("javascript:"));
    // A failed render leaves the previous site in place.
    let before = files(&out.join("epub-metachars-html"));
    let broken = project.path().join("locales/en/labels.ftl");
    let text = std::fs::read_to_string(&broken).unwrap();
    std::fs::write(&broken, text.replace("label-search = Search", "label-search = { $nothing }")).unwrap();
    let run = folio(project.path(), &["render", "--lang", "zh,en", "--format", "html", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(files(&out.join("epub-metachars-html")) == before, "the previous site changed");
    let leftovers: Vec<_> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n != common::STAMPS).collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

fn web_tools() -> PathBuf {
    common::repo().join("tests/web/node_modules")
}

/// The Nu HTML Checker: no errors on any page.
fn nu_html_checker(site: &Path) {
    let jar = web_tools().join("vnu-jar/build/dist/vnu.jar");
    if !jar.is_file() {
        eprintln!("SKIPPED the Nu HTML Checker: run `npm ci` in tests/web");
        return;
    }
    let pages: Vec<PathBuf> = files(site).keys().filter(|p| p.ends_with(".html")).map(|p| site.join(p)).collect();
    let output = Command::new("java").arg("-jar").arg(&jar).args(["--errors-only", "--format", "text"]).args(&pages).output().expect("java runs");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the Nu HTML Checker found errors:\n{report}");
}

/// Every page at 390 and 1280 px: no horizontal overflow, every image loads, no serious or
/// critical axe-core violation. Screenshots of ru chapter 4 land in target/web-screenshots/.
fn browser_checks(site: &Path) {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    if !web_tools().join("playwright-core").is_dir() || !Path::new(&chromium).exists() {
        eprintln!("SKIPPED the browser checks: install Debian's chromium and run `npm ci` in tests/web");
        return;
    }
    let shots = common::repo().join("target/web-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let output = Command::new("node")
        .current_dir(common::repo().join("tests/web"))
        .arg("browser.mjs")
        .arg(site)
        .arg(&shots)
        .arg("ru/chapter-04.html")
        .output()
        .expect("node runs");
    assert!(output.status.success(), "browser.mjs failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let findings: Value = serde_json::from_slice(&output.stdout).expect("JSON findings");
    assert_eq!(findings.as_array().unwrap().len(), 0, "{}", serde_json::to_string_pretty(&findings).unwrap());
    for width in [390, 1280] {
        assert!(shots.join(format!("ru-chapter-04-{width}.png")).is_file());
    }
    let output = Command::new("node")
        .current_dir(common::repo().join("tests/web"))
        .arg("notes.mjs")
        .arg(site.join("ru/chapter-04.html"))
        .output()
        .expect("node runs");
    assert!(output.status.success(), "notes.mjs failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let notes: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(notes["clickShows"], 1, "a click shows the note: {notes}");
    assert!(notes["text"].as_str().unwrap().contains("中华人民共和国和俄罗斯联邦"), "the note's text: {notes}");
    assert_eq!(notes["urlUnchanged"], true, "{notes}");
    assert_eq!(notes["clickKeeps"], 1, "the note stays when the pointer leaves: {notes}");
    assert_eq!(notes["secondClickHides"], 0, "a second click hides it: {notes}");
}
