//! The print edition (issue 9): page boxes on every page, chapters opening on rectos after
//! truly blank versos, mirrored margins, padding, reproducible bytes, the preflight, the
//! wrap-around cover and PDF/A after folio's own post-processing.
//!
//! Boxes are read with lopdf, text positions with poppler's `pdftotext -bbox` (required,
//! as in tests/pdf.rs), structure with `qpdf --check`. The real project's editions are
//! rendered once per set of options into CARGO_TARGET_TMPDIR and shared by the tests.
//!
//! The geometry asserted here is the one layouts/print.typ declares: 3 mm bleed, a 12 mm
//! slug with the marks, margins 22 mm top, 24 mm bottom, 24 mm inside, 18 mm outside.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{Fonts, Run};

const MM: f64 = 72.0 / 25.4;
/// ±0.1 mm, in points.
const EPS: f64 = 0.1 * MM;
const BLEED: f64 = 3.0 * MM;
const SLUG: f64 = 12.0 * MM;
const MARGIN_TOP: f64 = 22.0 * MM;
const MARGIN_BOTTOM: f64 = 24.0 * MM;
const MARGIN_INSIDE: f64 = 24.0 * MM;
const MARGIN_OUTSIDE: f64 = 18.0 * MM;
/// How far a line's last glyph (a hyphen) may hang past the text block.
const OVERHANG: f64 = 3.0;

/// Runs folio with SOURCE_DATE_EPOCH set as given, or unset: a CI that exports it must not
/// change what these tests expect.
fn folio(project: &Path, args: &[&str], source_date_epoch: Option<&str>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command.arg("--project").arg(project).args(args);
    match source_date_epoch {
        Some(epoch) => command.env("SOURCE_DATE_EPOCH", epoch),
        None => command.env_remove("SOURCE_DATE_EPOCH"),
    };
    let output = command.output().expect("the folio binary runs");
    Run {
        code: output.status.code().expect("folio exits with a code, not a signal"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A fresh output directory under CARGO_TARGET_TMPDIR.
fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("print").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

fn path(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// Renders the real project into `out/<name>` and returns the directory.
fn render_real(name: &str, args: &[&str], source_date_epoch: Option<&str>) -> PathBuf {
    let out = out_dir(name);
    let mut all = vec!["render", "--out", path(&out)];
    all.extend_from_slice(args);
    let run = folio(common::repo(), &all, source_date_epoch);
    assert_eq!(run.code, 0, "folio {} failed:\n{}", all.join(" "), run.stderr);
    out
}

/// The ru print edition with default options, rendered once for every test that reads it.
fn ru_print() -> &'static Path {
    // OnceLock runs the render once; tests asking meanwhile wait for it.
    static PDF: OnceLock<PathBuf> = OnceLock::new();
    PDF.get_or_init(|| render_real("ru-16k", &["--lang", "ru", "--layout", "print"], None).join("china-russia-new-era-ru-print.pdf"))
}

// ---------------------------------------------------------------------------------------
// Page boxes.

/// A rectangle in PDF points: x0, y0, x1, y1 (origin bottom left).
#[derive(Debug, Clone, Copy)]
struct Rect([f64; 4]);

impl Rect {
    fn width(&self) -> f64 {
        self.0[2] - self.0[0]
    }
    fn height(&self) -> f64 {
        self.0[3] - self.0[1]
    }
    /// How far `inner` lies inside this rectangle on each side (left, bottom, right, top).
    fn insets(&self, inner: &Rect) -> [f64; 4] {
        [inner.0[0] - self.0[0], inner.0[1] - self.0[1], self.0[2] - inner.0[2], self.0[3] - inner.0[3]]
    }
}

#[derive(Debug)]
struct Boxes {
    media: Rect,
    crop: Option<Rect>,
    bleed: Rect,
    trim: Rect,
}

fn rect(page: &lopdf::Dictionary, key: &[u8]) -> Option<Rect> {
    let array = page.get(key).ok()?.as_array().ok()?;
    let values: Vec<f64> = array.iter().map(|o| o.as_float().map(f64::from).expect("a box holds numbers")).collect();
    Some(Rect(values.try_into().expect("a box has four numbers")))
}

/// The boxes of every page, in page order.
fn page_boxes(pdf: &Path) -> Vec<Boxes> {
    let doc = lopdf::Document::load(pdf).unwrap_or_else(|e| panic!("lopdf reads {}: {e}", pdf.display()));
    doc.get_pages()
        .values()
        .enumerate()
        .map(|(i, id)| {
            let page = doc.get_dictionary(*id).expect("a page is a dictionary");
            let missing = |name: &str| panic!("page {} of {} has no {name}", i + 1, pdf.display());
            Boxes {
                media: rect(page, b"MediaBox").unwrap_or_else(|| missing("MediaBox")),
                crop: rect(page, b"CropBox"),
                bleed: rect(page, b"BleedBox").unwrap_or_else(|| missing("BleedBox")),
                trim: rect(page, b"TrimBox").unwrap_or_else(|| missing("TrimBox")),
            }
        })
        .collect()
}

/// Every page: TrimBox = the trim size, BleedBox = TrimBox + 3 mm on each side, MediaBox =
/// BleedBox + the slug on each side, and no CropBox that would hide the marks.
fn assert_boxes(pdf: &Path, trim_mm: (f64, f64), slug: f64) -> usize {
    let pages = page_boxes(pdf);
    assert!(!pages.is_empty(), "{} has pages", pdf.display());
    for (i, b) in pages.iter().enumerate() {
        let n = i + 1;
        let (w, h) = (b.trim.width() / MM, b.trim.height() / MM);
        assert!(
            (w - trim_mm.0).abs() < 0.1 && (h - trim_mm.1).abs() < 0.1,
            "page {n}: TrimBox is {w:.2} × {h:.2} mm, expected {} × {} mm",
            trim_mm.0,
            trim_mm.1
        );
        for (side, inset) in b.bleed.insets(&b.trim).into_iter().enumerate() {
            assert!((inset - BLEED).abs() < EPS, "page {n}: side {side} of the BleedBox is {:.2} mm outside the trim", inset / MM);
        }
        for (side, inset) in b.media.insets(&b.bleed).into_iter().enumerate() {
            assert!(inset > -EPS, "page {n}: the MediaBox does not contain the BleedBox (side {side})");
            assert!((inset - slug).abs() < EPS, "page {n}: side {side} of the slug is {:.2} mm, expected {:.1}", inset / MM, slug / MM);
        }
        assert!(b.crop.is_none(), "page {n}: a CropBox would hide the marks");
    }
    pages.len()
}

#[test]
fn every_page_has_trim_bleed_and_media_boxes() {
    let pages = assert_boxes(ru_print(), (185.0, 260.0), SLUG);
    assert!(pages > 40, "the ru print edition has all its pages: {pages}");

    let b5 = render_real("ru-b5", &["--lang", "ru", "--layout", "print", "--trim", "b5"], None);
    assert_boxes(&b5.join("china-russia-new-era-ru-print.pdf"), (176.0, 250.0), SLUG);

    let bare = render_real("ru-no-marks", &["--lang", "ru", "--layout", "print", "--no-marks"], None);
    let pdf = bare.join("china-russia-new-era-ru-print.pdf");
    assert_boxes(&pdf, (185.0, 260.0), 0.0);
    // No slug, so no job line either.
    let text = common::tool("pdftotext", &[path(&pdf), "-"]);
    assert!(!text.contains("print 16k"), "--no-marks still prints the slug line");
}

// ---------------------------------------------------------------------------------------
// Text positions.

/// A word and its box as pdftotext reports it (points, origin top left).
#[derive(Debug, Clone)]
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// The words of every page, in page order (`pdftotext -bbox`).
fn words(pdf: &Path) -> Vec<Vec<Word>> {
    let html = common::tool("pdftotext", &["-bbox", "-enc", "UTF-8", path(pdf), "-"]);
    html.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|w| {
                    let attr = |name: &str| -> f64 {
                        let start = w.find(&format!("{name}=\"")).expect("a word has its box") + name.len() + 2;
                        w[start..start + w[start..].find('"').expect("a quoted value")].parse().expect("a number")
                    };
                    let text = &w[w.find('>').expect("a word's text") + 1..w.find("</word>").expect("a closed word")];
                    Word { x0: attr("xMin"), y0: attr("yMin"), x1: attr("xMax"), y1: attr("yMax"), text: text.to_string() }
                })
                .collect()
        })
        .collect()
}

/// The trim box and its parts in pdftotext's coordinates (origin top left).
#[derive(Debug, Clone, Copy)]
struct Sheet {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Sheet {
    fn of(b: &Boxes) -> Self {
        let h = b.media.0[3];
        Sheet { left: b.trim.0[0], right: b.trim.0[2], top: h - b.trim.0[3], bottom: h - b.trim.0[1] }
    }
    fn in_trim(&self, w: &Word) -> bool {
        w.x0 >= self.left - EPS && w.x1 <= self.right + EPS && w.y0 >= self.top - EPS && w.y1 <= self.bottom + EPS
    }
    /// Between the top and bottom margins: the text block, not the running header or folio.
    fn in_body(&self, w: &Word) -> bool {
        self.in_trim(w) && w.y0 >= self.top + MARGIN_TOP - EPS && w.y1 <= self.bottom - MARGIN_BOTTOM + EPS
    }
}

/// The page of each chapter opener: the one with the chapter's number set large.
fn openers(pages: &[Vec<Word>], chapters: usize) -> Vec<usize> {
    (1..=chapters)
        .map(|number| {
            let label = format!("{number:02}");
            let found: Vec<usize> = pages
                .iter()
                .enumerate()
                .filter(|(_, words)| words.iter().any(|w| w.text == label && w.y1 - w.y0 > 40.0))
                .map(|(i, _)| i + 1)
                .collect();
            assert_eq!(found.len(), 1, "chapter {number} has one opener page: {found:?}");
            found[0]
        })
        .collect()
}

fn chapter_count() -> usize {
    let run = folio(common::repo(), &["dump", "--lang", "ru"], None);
    assert_eq!(run.code, 0, "folio dump failed:\n{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("folio dump prints JSON");
    doc["chapters"].as_array().expect("a document has chapters").len()
}

/// A page without text in its text block is blank: no running header, no folio. The slug
/// line outside the trim (job, language, page) is the only text it may carry. Returns the
/// blank pages.
fn assert_blank_pages_are_blank(pdf: &Path, pages: &[Vec<Word>], sheets: &[Sheet]) -> Vec<usize> {
    let mut blank = Vec::new();
    for (i, words) in pages.iter().enumerate() {
        let (n, sheet) = (i + 1, sheets[i]);
        if words.iter().any(|w| sheet.in_body(w)) {
            continue;
        }
        let inside: Vec<&str> = words.iter().filter(|w| sheet.in_trim(w)).map(|w| w.text.as_str()).collect();
        assert!(inside.is_empty(), "page {n} of {} has no text but carries {inside:?}", pdf.display());
        let slug: String = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
        assert!(slug.ends_with(&format!("print 16k · {n}")), "page {n}: the slug line is `{slug}`");
        blank.push(n);
    }
    blank
}

fn sheets(pdf: &Path) -> Vec<Sheet> {
    page_boxes(pdf).iter().map(Sheet::of).collect()
}

#[test]
fn chapters_open_on_rectos_after_truly_blank_versos() {
    let pdf = ru_print();
    let pages = words(pdf);
    let sheets = sheets(pdf);
    assert_eq!(sheets.len(), pages.len());

    let openers = openers(&pages, chapter_count());
    for &p in &openers {
        assert!(p % 2 == 1, "a chapter opens on page {p}, a verso: {openers:?}");
        let header: Vec<&str> =
            pages[p - 1].iter().filter(|w| sheets[p - 1].in_trim(w) && w.y1 <= sheets[p - 1].top + MARGIN_TOP).map(|w| w.text.as_str()).collect();
        assert!(header.is_empty(), "the opener on page {p} has a running header: {header:?}");
    }

    let blank = assert_blank_pages_are_blank(pdf, &pages, &sheets);
    let blank_versos: Vec<usize> = blank.iter().copied().filter(|n| openers.contains(&(n + 1))).collect();
    assert!(!blank_versos.is_empty(), "some chapter ends on a recto and leaves a blank verso before the next opener");

    // Mirrored margins: versos (even) have the outside margin on the left, rectos the inside;
    // measured from the first opener to the page before the back cover.
    let body = openers[0]..pages.len();
    for (parity, left, right) in [(0, MARGIN_OUTSIDE, MARGIN_INSIDE), (1, MARGIN_INSIDE, MARGIN_OUTSIDE)] {
        // The smallest distances from the trim to the text on each side: the margins.
        let mut left_gap = f64::MAX;
        let mut right_gap = f64::MAX;
        for n in body.clone().filter(|n| n % 2 == parity) {
            let sheet = sheets[n - 1];
            for w in pages[n - 1].iter().filter(|w| sheet.in_body(w)) {
                left_gap = left_gap.min(w.x0 - sheet.left);
                right_gap = right_gap.min(sheet.right - w.x1);
            }
        }
        let side = if parity == 0 { "versos" } else { "rectos" };
        assert!((left_gap - left).abs() < EPS, "{side}: the text starts {:.2} mm from the left trim, expected {:.0}", left_gap / MM, left / MM);
        assert!(
            right_gap > right - OVERHANG && right_gap < right + EPS,
            "{side}: the text ends {:.2} mm from the right trim, expected {:.0}",
            right_gap / MM,
            right / MM
        );
    }
}

// ---------------------------------------------------------------------------------------
// Padding.

fn page_texts(pdf: &Path) -> Vec<String> {
    let boxes = page_boxes(pdf);
    words(pdf)
        .iter()
        .zip(&boxes)
        .map(|(words, b)| {
            let sheet = Sheet::of(b);
            words.iter().filter(|w| sheet.in_trim(w)).map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn pad_to_adds_blank_pages_before_the_back_cover() {
    let plain = render_real("en-16k", &["--lang", "en", "--layout", "print"], None).join("china-russia-new-era-en-print.pdf");
    let before = page_texts(&plain);
    // The smallest signature the edition does not fill already, so that pages are added.
    let n = [4, 8, 16, 32].into_iter().find(|n| before.len() % n != 0).expect("an edition of a multiple of 32 pages");
    let padded = render_real(&format!("en-16k-pad{n}"), &["--lang", "en", "--layout", "print", "--pad-to", &n.to_string()], None)
        .join("china-russia-new-era-en-print.pdf");
    let after = page_texts(&padded);
    assert_eq!(after.len() % n, 0, "--pad-to {n} gives {} pages", after.len());
    assert_eq!(after.len(), before.len().div_ceil(n) * n, "only the pages needed are added");

    let added = after.len() - before.len();
    let last = before.len() - 1;
    assert_eq!(after[..last], before[..last], "the pages before the back cover are unchanged");
    for n in last + 1..=last + added {
        assert!(after[n - 1].is_empty(), "padding page {n} is blank, has `{}`", after[n - 1]);
    }
    assert!(!before[last].is_empty(), "the back cover has the blurb");
    assert_eq!(after.last(), before.last(), "the back cover stays the last page");
    assert_eq!(after.len() % 2, 0, "the back cover is a verso");

    // ru ends its last chapter on a verso, so a blank recto precedes the padding: it, the
    // padding and nothing else are blank, without running header or folio.
    let ru = render_real("ru-16k-pad16", &["--lang", "ru", "--layout", "print", "--pad-to", "16"], None)
        .join("china-russia-new-era-ru-print.pdf");
    let unpadded = page_boxes(ru_print()).len();
    let sheets = sheets(&ru);
    assert_eq!(sheets.len() % 16, 0);
    let blank = assert_blank_pages_are_blank(&ru, &words(&ru), &sheets);
    let tail: Vec<usize> = (unpadded - 1..sheets.len()).collect();
    assert!(tail.iter().all(|n| blank.contains(n)), "pages {tail:?} before the back cover are blank: {blank:?}");

    let run = folio(common::repo(), &["render", "--lang", "en", "--layout", "print", "--pad-to", "3", "--out", path(&out_dir("pad3"))], None);
    assert_eq!(run.code, 2, "an odd --pad-to is a usage error:\n{}", run.stderr);
    assert!(run.stderr.contains("--pad-to 3"), "{}", run.stderr);
}

/// Text for comparing across line breaks: no whitespace, no hyphens (the layout hyphenates).
fn comparable(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{00AD}' | '\u{2010}')).collect()
}

#[test]
fn back_cover_is_one_verso_on_small_trims() {
    let run = folio(common::repo(), &["dump", "--lang", "ru"], None);
    assert_eq!(run.code, 0, "folio dump failed:\n{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("folio dump prints JSON");
    let blurb: String = doc["blurb"]
        .as_array()
        .expect("a blurb")
        .iter()
        .flat_map(|p| p.as_array().expect("runs").iter().filter_map(|r| r["text"].as_str()))
        .collect();
    let blurb = comparable(&blurb);
    let (start, end): (String, String) = (blurb.chars().take(12).collect(), blurb.chars().skip(blurb.chars().count() - 12).collect());
    for trim in ["a5", "32k"] {
        let pdf = render_real(&format!("ru-{trim}"), &["--lang", "ru", "--layout", "print", "--trim", trim], None)
            .join("china-russia-new-era-ru-print.pdf");
        let texts = page_texts(&pdf);
        assert_eq!(texts.len() % 2, 0, "{trim}: {} pages put the back cover on a recto", texts.len());
        let last = comparable(texts.last().expect("pages"));
        assert!(last.starts_with(&start) && last.ends_with(&end), "{trim}: the whole blurb is on the last page:\n{last}");
    }
}

/// The colour of a pixel of a page rendered at 72 dpi, 1 px a point, from the top left.
fn pixels(pdf: &Path, page: usize, points: &[(usize, usize)]) -> Vec<[u8; 3]> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path().join("page");
    let n = page.to_string();
    common::tool("pdftoppm", &["-r", "72", "-f", &n, "-l", &n, "-singlefile", path(pdf), path(&root)]);
    let ppm = std::fs::read(root.with_extension("ppm")).expect("pdftoppm writes a PPM");
    // P6 header: magic, width, height, maxval, each followed by one whitespace byte.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let end = at + ppm[at..].iter().position(u8::is_ascii_whitespace).expect("a PPM header");
        fields.push(String::from_utf8_lossy(&ppm[at..end]).into_owned());
        at = end + 1;
    }
    let width: usize = fields[1].parse().expect("a width");
    points
        .iter()
        .map(|&(x, y)| {
            let i = at + 3 * (y * width + x);
            [ppm[i], ppm[i + 1], ppm[i + 2]]
        })
        .collect()
}

#[test]
fn cover_colours_run_into_the_bleed() {
    let pdf = ru_print();
    let last = page_boxes(pdf).len();
    let b = &page_boxes(pdf)[0];
    let (w, h) = (b.media.width() as usize, b.media.height() as usize);
    // The bleed starts 12 mm (34 pt) from the sheet's edge, the trim 15 mm (42.5 pt).
    let (slug, bleed, trim) = (31, 37, 41);
    let corners = |d: usize| vec![(d, d), (w - 1 - d, d), (d, h - 1 - d), (w - 1 - d, h - 1 - d), (d, h / 3)];
    for (page, colour, name) in [(1, [0x8c, 0x1d, 0x18], "front cover"), (last, [0xf3, 0xec, 0xe4], "back cover")] {
        for px in pixels(pdf, page, &corners(bleed)).into_iter().chain(pixels(pdf, page, &corners(trim))) {
            assert_eq!(px, colour, "the {name}'s colour runs to the bleed edge");
        }
        for px in pixels(pdf, page, &corners(slug)) {
            assert_eq!(px, [255, 255, 255], "the {name}'s colour stops at the bleed edge");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reproducible builds.

fn info_date(pdf: &Path) -> String {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    let info = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).expect("the trailer points to /Info");
    let date = doc.get_dictionary(info).and_then(|d| d.get(b"CreationDate")).and_then(lopdf::Object::as_str).expect("/Info has a CreationDate");
    String::from_utf8_lossy(date).into_owned()
}

#[test]
fn renders_are_byte_identical_and_dated_by_source_date_epoch() {
    let name = "china-russia-new-era-ru-print.pdf";
    let args = ["--lang", "ru", "--layout", "print"];
    let first = std::fs::read(ru_print()).expect("the first render");
    let second = std::fs::read(render_real("ru-16k-again", &args, None).join(name)).expect("the second render");
    assert!(first == second, "two renders of the same inputs differ");
    // Without SOURCE_DATE_EPOCH the date is the first day of the report's month (2024-12).
    assert!(info_date(ru_print()).starts_with("D:20241201000000"), "CreationDate {}", info_date(ru_print()));

    // 1700000000 s after the epoch is 2023-11-14 22:13:20 UTC.
    let dated = render_real("ru-16k-sde", &args, Some("1700000000")).join(name);
    let again = render_real("ru-16k-sde-again", &args, Some("1700000000")).join(name);
    let dated_bytes = std::fs::read(&dated).expect("the dated render");
    assert!(dated_bytes == std::fs::read(&again).expect("the second dated render"), "two renders with SOURCE_DATE_EPOCH differ");
    assert!(info_date(&dated).starts_with("D:20231114221320"), "CreationDate {} does not follow SOURCE_DATE_EPOCH", info_date(&dated));
    let xmp = String::from_utf8_lossy(&dated_bytes);
    assert!(xmp.contains("<xmp:CreateDate>2023-11-14T22:13:20"), "the XMP CreateDate does not follow SOURCE_DATE_EPOCH");
    assert!(first != dated_bytes, "the date is part of the PDF");
}

// ---------------------------------------------------------------------------------------
// Preflight.

/// Renders a fixture's print edition; the project (and its `out/`) lives as long as the
/// returned directory.
fn render_fixture(name: &str, json: &Path) -> (Run, tempfile::TempDir, PathBuf) {
    let project = common::renderable(name, Fonts::All);
    let out = project.path().join("out");
    let run = folio(
        project.path(),
        &["render", "--layout", "print", "--out", path(&out), "--preflight-json", path(json)],
        None,
    );
    // The print fixtures are copies of `minimal` and keep its slug.
    (run, project, out.join("minimal-zh-print.pdf"))
}

fn preflight_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("the preflight report {}: {e}", path.display()));
    serde_json::from_str(&text).expect("the preflight report is JSON")
}

/// The preflight's entry for an image file.
fn image_entry<'a>(report: &'a serde_json::Value, file: &str) -> &'a serde_json::Value {
    report["images"]
        .as_array()
        .expect("images are listed")
        .iter()
        .find(|i| i["file"] == file)
        .unwrap_or_else(|| panic!("{file} is in the preflight report: {report}"))
}

#[test]
fn preflight_fails_a_low_resolution_photo_and_warns_about_a_mediocre_one() {
    let dir = tempfile::tempdir().expect("a temporary directory");

    // 300 × 200 px across the 143 mm text block: 300 / (143 / 25.4) ≈ 53 ppi.
    let (run, _project, pdf) = render_fixture("print-lowres", &dir.path().join("low.json"));
    assert_eq!(run.code, 1, "an image under 150 ppi fails the print edition:\n{}", run.stderr);
    assert!(
        run.stderr.lines().any(|l| l.starts_with("error:") && l.contains("report/images/harbour.png") && l.contains("53 ppi")),
        "the error names the image and its resolution:\n{}",
        run.stderr
    );
    assert!(!pdf.exists(), "no PDF is written when the preflight fails");
    let report = preflight_json(&dir.path().join("low-zh.json"));
    let low = image_entry(&report, "report/images/harbour.png");
    assert!((low["ppi"].as_f64().expect("a ppi") - 53.3).abs() < 0.5, "{low}");
    assert_eq!(low["pixels"], serde_json::json!([300, 200]));
    assert_eq!(low["placeholder"], false);

    // 1200 × 800 px → 213 ppi: a warning, and the PDF is written.
    let (run, _project, pdf) = render_fixture("print-midres", &dir.path().join("mid.json"));
    assert_eq!(run.code, 0, "an image between 150 and 300 ppi only warns:\n{}", run.stderr);
    assert!(
        run.stderr.lines().any(|l| l.starts_with("warning:") && l.contains("report/images/harbour.png") && l.contains("213 ppi")),
        "the warning names the image and its resolution:\n{}",
        run.stderr
    );
    assert!(pdf.is_file(), "the PDF is written");
    let report = preflight_json(&dir.path().join("mid-zh.json"));
    let mid = image_entry(&report, "report/images/harbour.png");
    assert!((mid["ppi"].as_f64().expect("a ppi") - 213.1).abs() < 0.5, "{mid}");
    assert_eq!(report["fonts_embedded"], true);
    assert_eq!(report["pages"].as_u64(), Some(page_boxes(&pdf).len() as u64));

    // The 40 × 30 px placeholder (7 ppi) is reported as a placeholder and fails nothing.
    let (run, _project, pdf) = render_fixture("minimal", &dir.path().join("min.json"));
    assert_eq!(run.code, 0, "a marked placeholder does not fail the preflight:\n{}", run.stderr);
    assert!(pdf.is_file());
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
    let report = preflight_json(&dir.path().join("min-zh.json"));
    let placeholder = image_entry(&report, "report/images/photo.png");
    assert_eq!(placeholder["placeholder"], true);
    assert!(placeholder["ppi"].as_f64().expect("a ppi") < 150.0);
}

// ---------------------------------------------------------------------------------------
// Cover.

#[test]
fn cover_is_two_pages_and_a_spine_wide() {
    // 80 pages after padding to 16: 40 sheets of 0.12 mm make a 4.8 mm spine.
    let out = render_real(
        "ru-cover-pad16",
        &["--lang", "ru", "--layout", "print", "--format", "pdf,cover", "--pad-to", "16", "--paper-thickness", "0.12"],
        None,
    );
    let pages = page_boxes(&out.join("china-russia-new-era-ru-print.pdf")).len();
    assert_eq!(pages % 16, 0, "the book is padded to 16: {pages} pages");
    let spine = pages.div_ceil(2) as f64 * 0.12;
    let cover = out.join("china-russia-new-era-ru-cover.pdf");
    assert_eq!(page_boxes(&cover).len(), 1, "the cover is one sheet");
    assert_boxes(&cover, (2.0 * 185.0 + spine, 260.0), SLUG);

    // The cover alone: named <slug>-<lang>-cover.pdf, its spine from the unpadded book.
    let alone = render_real("ru-cover", &["--lang", "ru", "--layout", "print", "--format", "cover"], None);
    let files: Vec<String> = std::fs::read_dir(&alone)
        .expect("the output directory")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != common::STAMPS)
        .collect();
    assert_eq!(files, ["china-russia-new-era-ru-cover.pdf"]);
    let book_pages = page_boxes(ru_print()).len();
    let spine = book_pages.div_ceil(2) as f64 * 0.1;
    assert_boxes(&alone.join(&files[0]), (2.0 * 185.0 + spine, 260.0), SLUG);
}

// ---------------------------------------------------------------------------------------
// PDF/A.

#[test]
fn pdf_a_2b_survives_the_page_box_post_processing() {
    let out = render_real("ru-pdfa", &["--lang", "ru", "--layout", "print", "--pdf-standard", "a-2b"], None);
    let pdf = out.join("china-russia-new-era-ru-print.pdf");
    common::tool("qpdf", &["--check", path(&pdf)]);
    assert_boxes(&pdf, (185.0, 260.0), SLUG);

    let doc = lopdf::Document::load(&pdf).expect("lopdf reads the PDF");
    let catalog = doc.catalog().expect("a catalog");
    let metadata = catalog.get(b"Metadata").and_then(lopdf::Object::as_reference).expect("the catalog has /Metadata");
    let stream = doc.get_object(metadata).and_then(lopdf::Object::as_stream).expect("/Metadata is a stream");
    assert!(!stream.dict.has(b"Filter"), "PDF/A wants the XMP uncompressed");
    let xmp = String::from_utf8_lossy(&stream.content);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "the XMP declares PDF/A-2:\n{xmp}");
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "the XMP declares level B");

    let intents = catalog.get(b"OutputIntents").expect("PDF/A has an output intent");
    let intents = doc.dereference(intents).expect("/OutputIntents").1.as_array().expect("an array");
    let intent = doc.dereference(&intents[0]).expect("an output intent").1.as_dict().expect("a dictionary");
    assert_eq!(intent.get(b"S").and_then(lopdf::Object::as_name).expect("/S"), b"GTS_PDFA1");
    assert!(intent.has(b"DestOutputProfile"), "the output intent embeds its ICC profile");

    let id = doc.trailer.get(b"ID").and_then(lopdf::Object::as_array).expect("the trailer keeps its /ID");
    assert_eq!(id.len(), 2);
}
