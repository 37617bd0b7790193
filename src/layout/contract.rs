//! The contract between folio and its Typst layouts, in one place: the layouts folio
//! itself calls by name, what they read from `sys.inputs`, and the metadata labels they
//! leave for proof and print. A layout reads these names as strings; the test below keeps
//! both sides in step with the shipped layouts.

use typst::foundations::Label as TypstLabel;
use typst::utils::PicoStr;

/// The screen edition, `<slug>-<lang>.pdf`: its name is not added to the file name.
pub const REPORT: &str = "report";
/// The print edition (16开 with bleed); the cover sheet counts its pages for the spine.
pub const PRINT: &str = "print";
/// The wrap-around cover of the print edition.
pub const COVER: &str = "cover";
/// The review edition: a translation set beside its source, not one document.
pub const REVIEW: &str = "review";
/// The charts of the EPUB and the website, one per page.
pub const CHART: &str = "chart";
/// The EPUB's cover picture.
pub const EPUB_COVER: &str = "epub-cover";

/// One value a layout reads from `sys.inputs`.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Where the data laid out is in the World (the document, or the review's pairs).
    Document(String),
    /// Crop and registration marks in the slug area.
    Marks(bool),
    /// A trim preset of the print layout (16k, b5, …).
    Trim(String),
    /// Blank pages to add before the back cover.
    Pad(usize),
    /// The spine's width, for the cover sheet.
    SpineMm(f64),
    /// The language of the charts drawn by the charts' layout.
    Lang(String),
    /// The charts to draw, as JSON.
    Charts(String),
}

impl Input {
    /// Every key, for the contract test.
    const KEYS: [&str; 7] =
        ["folio-document", "folio-marks", "folio-trim", "folio-pad", "folio-spine-mm", "folio-lang", "folio-charts"];

    pub fn key(&self) -> &'static str {
        let i = match self {
            Input::Document(_) => 0,
            Input::Marks(_) => 1,
            Input::Trim(_) => 2,
            Input::Pad(_) => 3,
            Input::SpineMm(_) => 4,
            Input::Lang(_) => 5,
            Input::Charts(_) => 6,
        };
        Self::KEYS[i]
    }

    /// The value as the layout receives it: a string.
    pub fn value(&self) -> String {
        match self {
            Input::Document(s) | Input::Trim(s) | Input::Lang(s) | Input::Charts(s) => s.clone(),
            Input::Marks(on) => on.to_string(),
            Input::Pad(n) => n.to_string(),
            Input::SpineMm(mm) => format!("{mm:.2}"),
        }
    }
}

/// The metadata a layout leaves on its pages for folio to find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// `(kind, id, at, block)` where each block, heading and caption starts.
    Mark,
    /// The text area of a page: `(top, bottom, inside, outside)` in points.
    TextArea,
    /// The first page of a chapter, and the last.
    ChapterStart,
    ChapterEnd,
    /// The first page of the body (after the front matter).
    BodyStart,
    /// Bleed and slug of a print layout: `(bleed, slug)` in points.
    Geometry,
}

impl Label {
    pub fn name(self) -> &'static str {
        match self {
            Label::Mark => "folio-mark",
            Label::TextArea => "folio-text-area",
            Label::ChapterStart => "folio-chapter-start",
            Label::ChapterEnd => "folio-chapter-end",
            Label::BodyStart => "folio-body-start",
            Label::Geometry => "folio-geometry",
        }
    }

    pub fn typst(self) -> TypstLabel {
        TypstLabel::new(PicoStr::intern(self.name())).expect("folio's labels are not empty")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layouts() -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts");
        let mut all = String::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        all
    }

    #[test]
    fn the_shipped_layouts_use_every_name_of_the_contract() {
        let layouts = layouts();
        let labels = [Label::Mark, Label::TextArea, Label::ChapterStart, Label::ChapterEnd, Label::BodyStart, Label::Geometry];
        for key in Input::KEYS {
            assert!(layouts.contains(&format!("sys.inputs.at(\"{key}\"")), "no layout reads `{key}`");
        }
        for label in labels {
            assert!(layouts.contains(&format!("<{}>", label.name())), "no layout leaves `<{}>`", label.name());
        }
        for name in [REPORT, PRINT, COVER, REVIEW, CHART, EPUB_COVER] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("layouts/{name}.typ"));
            assert!(path.is_file(), "layouts/{name}.typ is missing");
        }
    }

    #[test]
    fn the_shipped_layouts_read_no_other_input() {
        let layouts = layouts();
        for (i, _) in layouts.match_indices("sys.inputs.at(\"") {
            let rest = &layouts[i + "sys.inputs.at(\"".len()..];
            let key = &rest[..rest.find('"').unwrap()];
            assert!(Input::KEYS.contains(&key), "layouts read `{key}`, which folio never sets");
        }
    }
}
