//! Our `typst::World`: the layout stage's view of the project. It serves the project's
//! layouts, images and data through the project's file seam, the localized document from
//! memory, and the project's fonts. Packages, the network and system fonts are not reachable.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue, Str};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::FontStore;

use crate::diag::Diagnostic;
use crate::project::{Kind, Problem, Project};

/// Where the localized document appears inside the World; nothing on disk has this path.
pub const DOCUMENT_PATH: &str = "/.folio/document.json";

/// Fonts, read once and shared by every World (all languages, every rebuild).
pub struct Fonts {
    store: FontStore,
}

/// Where a project's fonts are.
const FONTS: &str = "fonts";

impl Fonts {
    /// The fonts of the project's `fonts/` folder (and its subfolders, by path), plus the
    /// system fonts if asked for. A file that cannot be read is an error; one that is not
    /// a font is passed over, as Typst's own scan does.
    pub fn load(project: &Project, system: bool) -> Result<Self, Diagnostic> {
        let mut store = FontStore::new();
        // A `fonts/` that cannot be listed (a link leading out) is an error, none is no fonts.
        if project.exists(FONTS) {
            for path in font_files(project, Path::new(FONTS))? {
                let data = project.read(&path)?;
                store.extend(Font::iter(Bytes::new(data)).map(|font| {
                    let info = font.info().clone();
                    (font, info)
                }));
            }
        }
        if system {
            store.extend(typst_kit::fonts::system());
        }
        Ok(Self { store })
    }

    /// The fonts an edition is rendered with: as [`Fonts::load`], and none is an error.
    pub fn required(project: &Project, system: bool) -> Result<Self, Diagnostic> {
        let fonts = Self::load(project, system)?;
        if fonts.is_empty() {
            return Err(Diagnostic::error("no fonts found in fonts/").hint(
                "folio renders only with the project's own fonts; add .ttf/.otf files to fonts/ (or pass --system-fonts)",
            ));
        }
        Ok(fonts)
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub fn is_empty(&self) -> bool {
        self.store.book().families().next().is_none()
    }
}

/// The font files under `dir`, in the order of their paths.
fn font_files(project: &Project, dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut found = Vec::new();
    for (path, kind) in project.list(dir)? {
        match kind {
            Kind::Folder => found.extend(font_files(project, &path)?),
            Kind::File => {
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
                if matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc") {
                    found.push(path);
                }
            }
        }
    }
    Ok(found)
}

pub struct FolioWorld {
    library: LazyHash<Library>,
    fonts: Arc<Fonts>,
    main: FileId,
    files: FileStore<ProjectFiles>,
    today: Datetime,
}

/// Loads files for Typst: the in-memory documents first, then the project's files.
struct ProjectFiles {
    project: Project,
    memory: HashMap<FileId, Bytes>,
}

pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("folio's own virtual paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl FolioWorld {
    /// A World compiling `main` (a path inside the project, e.g. `/layouts/report.typ`).
    pub fn new(project: &Project, fonts: Arc<Fonts>, main: &str, inputs: Dict, today: Datetime) -> Self {
        let library = Library::builder().with_inputs(inputs).build();
        Self {
            library: LazyHash::new(library),
            fonts,
            main: file_id(main),
            files: FileStore::new(ProjectFiles { project: project.clone(), memory: HashMap::new() }),
            today,
        }
    }

    /// Puts (or replaces) a file that exists only in memory, such as the document.
    pub fn set_memory_file(&mut self, path: &str, bytes: Vec<u8>) {
        self.files.loader_mut().memory.insert(file_id(path), Bytes::new(bytes));
    }

    /// Forgets what was read so the next compile sees changed files; parsed sources are
    /// kept as stale copies so Typst can reparse incrementally.
    pub fn reset(&mut self) {
        self.files.reset();
    }

    /// The text of a source file, for diagnostics.
    pub fn source_text(&self, id: FileId) -> Option<Source> {
        self.files.source(id).ok()
    }
}

/// Builds `sys.inputs` from string pairs.
pub fn inputs<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> Dict {
    let mut dict = Dict::new();
    for (key, value) in pairs {
        dict.insert(Str::from(key), value.into_value());
    }
    dict
}

impl FileLoader for ProjectFiles {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.memory.get(&id) {
            return Ok(bytes.clone());
        }
        if matches!(id.get().root(), VirtualRoot::Package(_)) {
            return Err(FileError::Other(Some("packages are not available: folio renders offline".into())));
        }
        let vpath = id.get().vpath();
        let rel = vpath.realize(Path::new("")).map_err(FileError::Realize)?;
        match self.project.files().read(&rel) {
            Ok(data) => Ok(Bytes::new(data)),
            Err(Problem::NotFound) => Err(FileError::NotFound(rel)),
            Err(Problem::IsFolder) => Err(FileError::IsDirectory),
            Err(Problem::Outside) => {
                Err(FileError::Other(Some(format!("{} leads outside the project", vpath.get_with_slash()).into())))
            }
            Err(Problem::Io(e)) => Err(FileError::from_io(e, &rel)),
        }
    }
}

impl World for FolioWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.files.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.store.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

impl Fonts {
    /// Every character of the document must have a glyph in some bundled font: a missing
    /// script is an error naming the characters, never tofu in the output.
    pub fn check_coverage(&self, doc: &crate::document::Document) -> Result<(), crate::diag::Diagnostics> {
        let text = serde_json::to_string(doc).expect("the document serializes");
        let book = self.store.book();
        let infos: Vec<_> = (0..).map_while(|i| book.info(i)).collect();
        // Each distinct character once: a long Chinese book repeats a few thousand of them,
        // and looking each occurrence up took a third of its EPUB's time.
        let distinct: std::collections::BTreeSet<char> =
            text.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect();
        let missing: Vec<char> =
            distinct.into_iter().filter(|&c| !infos.iter().any(|info| info.coverage.contains(c as u32))).collect();
        if missing.is_empty() {
            return Ok(());
        }
        let shown: String = missing.iter().take(20).collect();
        Err(crate::diag::Diagnostics(vec![
            crate::diag::Diagnostic::error(format!(
                "the fonts in fonts/ have no glyph for {} character(s) of the `{}` edition: {shown}",
                missing.len(),
                doc.lang
            ))
            .hint("add a font covering this script to fonts/"),
        ]))
    }
}
