//! Where a project's files come from: a folder on disk, or a map held in memory (tests, the
//! fuzz targets). [`super::Project`] keeps one and every read of a project file goes
//! through it; paths are relative to the project root and already normalized (no `..`).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

/// A file's contents, shared: one read serves every reader (an image is read by the
/// loader, by each edition's layout, by the EPUB and the web writers).
pub type Data = Arc<[u8]>;

/// What a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Folder,
}

/// Why a file or folder cannot be read.
#[derive(Debug)]
pub enum Problem {
    NotFound,
    /// A symbolic link (to the file, or to a folder on its way) resolving outside the project.
    Outside,
    IsFolder,
    Io(io::Error),
}

impl From<io::Error> for Problem {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::NotFound { Self::NotFound } else { Self::Io(e) }
    }
}

/// The file seam, like Typst's `World` for a whole project.
pub trait Files: fmt::Debug + Send + Sync {
    /// The contents of the file at `rel`.
    fn read(&self, rel: &Path) -> Result<Data, Problem>;
    /// The entries of the folder `rel` (paths relative to the project), sorted.
    fn list(&self, rel: &Path) -> Result<Vec<(PathBuf, Kind)>, Problem>;
    /// What `rel` is; [`Problem::NotFound`] when nothing.
    fn kind(&self, rel: &Path) -> Result<Kind, Problem>;
}

/// A project folder on disk. A path is resolved (links followed) and must stay inside the
/// folder. Files are kept once read, and read again when their size, modification time or
/// inode change (`watch` and `preview` follow edits through the same project).
#[derive(Debug)]
pub struct DiskFiles {
    /// Canonical, so that a resolved path inside starts with it.
    root: PathBuf,
    read: Mutex<HashMap<PathBuf, (Stamp, Data)>>,
}

/// What tells a file's version apart without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Self {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Self { len: meta.len(), modified: meta.modified().ok(), inode }
    }
}

impl DiskFiles {
    /// The files of `root`, a canonical path.
    pub fn new(root: PathBuf) -> Self {
        Self { root, read: Mutex::default() }
    }

    /// The real path of `rel`, refused when a link leads it out of the project.
    fn resolve(&self, rel: &Path) -> Result<PathBuf, Problem> {
        let real = self.root.join(rel).canonicalize()?;
        if real.starts_with(&self.root) { Ok(real) } else { Err(Problem::Outside) }
    }
}

impl Files for DiskFiles {
    fn read(&self, rel: &Path) -> Result<Data, Problem> {
        let real = self.resolve(rel)?;
        let meta = std::fs::metadata(&real)?;
        if meta.is_dir() {
            return Err(Problem::IsFolder);
        }
        let stamp = Stamp::of(&meta);
        let cached = |read: &HashMap<PathBuf, (Stamp, Data)>| read.get(rel).filter(|(s, _)| *s == stamp).map(|(_, d)| d.clone());
        if let Some(data) = cached(&self.read.lock().unwrap_or_else(PoisonError::into_inner)) {
            return Ok(data);
        }
        let data: Data = std::fs::read(&real)?.into();
        self.read.lock().unwrap_or_else(PoisonError::into_inner).insert(rel.to_path_buf(), (stamp, data.clone()));
        Ok(data)
    }

    fn list(&self, rel: &Path) -> Result<Vec<(PathBuf, Kind)>, Problem> {
        let real = self.resolve(rel)?;
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(&real)? {
            let entry = entry?;
            // Links are followed; one that leads out is listed, and refused when read.
            let kind = match std::fs::metadata(entry.path()) {
                Ok(meta) if meta.is_dir() => Kind::Folder,
                _ => Kind::File,
            };
            entries.push((rel.join(entry.file_name()), kind));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(entries)
    }

    fn kind(&self, rel: &Path) -> Result<Kind, Problem> {
        let meta = std::fs::metadata(self.resolve(rel)?)?;
        Ok(if meta.is_dir() { Kind::Folder } else { Kind::File })
    }
}

/// A project held in memory: relative paths to contents. Folders are the paths' prefixes.
#[derive(Debug, Clone, Default)]
pub struct MemoryFiles {
    files: BTreeMap<PathBuf, Data>,
}

impl MemoryFiles {
    pub fn new() -> Self {
        Self::default()
    }

    /// Puts (or replaces) the file at `rel`, a relative path without `.` or `..`.
    pub fn insert(&mut self, rel: impl Into<PathBuf>, contents: impl Into<Data>) {
        self.files.insert(rel.into(), contents.into());
    }

    /// Every file under `dir` on disk (links followed), as a project in memory.
    pub fn from_dir(dir: &Path) -> io::Result<Self> {
        let mut files = Self::new();
        files.add_dir(dir, Path::new(""))?;
        Ok(files)
    }

    fn add_dir(&mut self, dir: &Path, rel: &Path) -> io::Result<()> {
        for entry in std::fs::read_dir(dir.join(rel))? {
            let rel = rel.join(entry?.file_name());
            if dir.join(&rel).is_dir() {
                self.add_dir(dir, &rel)?;
            } else {
                self.insert(rel.clone(), std::fs::read(dir.join(&rel))?);
            }
        }
        Ok(())
    }

    /// The paths under the folder `rel`, in order (the map keeps a folder's paths together).
    fn under<'a>(&'a self, rel: &'a Path) -> impl Iterator<Item = &'a PathBuf> {
        self.files.range(rel.to_path_buf()..).map(|(path, _)| path).take_while(move |p| p.starts_with(rel)).filter(move |p| *p != rel)
    }
}

impl Files for MemoryFiles {
    fn read(&self, rel: &Path) -> Result<Data, Problem> {
        match self.files.get(rel) {
            Some(data) => Ok(data.clone()),
            None if self.under(rel).next().is_some() => Err(Problem::IsFolder),
            None => Err(Problem::NotFound),
        }
    }

    fn list(&self, rel: &Path) -> Result<Vec<(PathBuf, Kind)>, Problem> {
        if self.files.contains_key(rel) {
            return Err(Problem::Io(io::ErrorKind::NotADirectory.into()));
        }
        let mut entries: Vec<(PathBuf, Kind)> = Vec::new();
        for path in self.under(rel) {
            let mut rest = path.strip_prefix(rel).expect("under the folder").components();
            let name = rest.next().expect("a path below the folder");
            let kind = if rest.next().is_some() { Kind::Folder } else { Kind::File };
            let entry = rel.join(name);
            if entries.last().is_none_or(|(last, _)| *last != entry) {
                entries.push((entry, kind));
            }
        }
        if entries.is_empty() && !rel.as_os_str().is_empty() {
            return Err(Problem::NotFound);
        }
        Ok(entries)
    }

    fn kind(&self, rel: &Path) -> Result<Kind, Problem> {
        if self.files.contains_key(rel) {
            Ok(Kind::File)
        } else if rel.as_os_str().is_empty() || self.under(rel).next().is_some() {
            Ok(Kind::Folder)
        } else {
            Err(Problem::NotFound)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory() -> MemoryFiles {
        let mut files = MemoryFiles::new();
        for (path, text) in [("report/report.toml", "a"), ("report/chapters/01.toml", "b"), ("report/chapters/02.toml", "c"), ("report0.txt", "d")] {
            files.insert(path, text.as_bytes());
        }
        files
    }

    #[test]
    fn memory_folders_are_the_paths_prefixes() {
        let files = memory();
        assert_eq!(&*files.read(Path::new("report/chapters/02.toml")).unwrap(), b"c");
        assert!(matches!(files.read(Path::new("report/chapters")), Err(Problem::IsFolder)));
        assert!(matches!(files.read(Path::new("report/x.toml")), Err(Problem::NotFound)));
        let listed = files.list(Path::new("report")).unwrap();
        assert_eq!(listed, [(PathBuf::from("report/chapters"), Kind::Folder), (PathBuf::from("report/report.toml"), Kind::File)]);
        let top: Vec<PathBuf> = files.list(Path::new("")).unwrap().into_iter().map(|(p, _)| p).collect();
        assert_eq!(top, [PathBuf::from("report"), PathBuf::from("report0.txt")]);
        assert!(matches!(files.list(Path::new("locales")), Err(Problem::NotFound)));
        assert!(matches!(files.list(Path::new("report/report.toml")), Err(Problem::Io(_))));
        assert_eq!(files.kind(Path::new("report/chapters")).unwrap(), Kind::Folder);
        assert!(matches!(files.kind(Path::new("report/chap")), Err(Problem::NotFound)));
    }

    #[test]
    fn disk_reads_again_a_file_that_changed_and_refuses_links_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("a.txt"), "one").unwrap();
        let files = DiskFiles::new(root.clone());
        let first = files.read(Path::new("a.txt")).unwrap();
        assert!(Arc::ptr_eq(&first, &files.read(Path::new("a.txt")).unwrap()), "read once");
        // Replaced as editors save: another file under the same name.
        std::fs::write(root.join("b.txt"), "two").unwrap();
        std::fs::rename(root.join("b.txt"), root.join("a.txt")).unwrap();
        assert_eq!(&*files.read(Path::new("a.txt")).unwrap(), b"two");

        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), root.join("link")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("folder")).unwrap();
        assert!(matches!(files.read(Path::new("link")), Err(Problem::Outside)));
        assert!(matches!(files.read(Path::new("folder/secret")), Err(Problem::Outside)));
        assert!(matches!(files.list(Path::new("folder")), Err(Problem::Outside)));
        assert!(matches!(files.read(Path::new("missing")), Err(Problem::NotFound)));
        assert!(matches!(files.read(Path::new("")), Err(Problem::IsFolder)));
    }
}
