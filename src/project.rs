//! A folio project: `report/`, `locales/`, `layouts/`, `fonts/`. Every read of a project
//! file goes through the project's [`Files`] (on disk, or in memory) by a path relative to
//! the project and kept inside it (no absolute path, no `..` above the root, no symlink
//! leading out): nothing outside is read.

mod files;

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use files::DiskFiles;
pub use files::{Data, Files, Kind, MemoryFiles, Problem};

use crate::diag::{Diagnostic, Failure};

#[derive(Debug, Clone)]
pub struct Project {
    /// Canonical absolute path of the project directory, where commands write and what
    /// `watch` follows; empty for a project in memory, which is only read.
    pub root: PathBuf,
    files: Arc<dyn Files>,
}

const REPORT: &str = "report/report.toml";

impl Project {
    /// The project in the directory `dir`.
    pub fn open(dir: &Path) -> Result<Self, Failure> {
        let root = dir.canonicalize().map_err(|e| Failure::io(dir, e))?;
        let files = Arc::new(DiskFiles::new(root.clone()));
        Self::with_files(root, files, &dir.display().to_string())
    }

    /// A project held in memory: nothing is read from disk.
    pub fn in_memory(files: MemoryFiles) -> Result<Self, Failure> {
        Self::with_files(PathBuf::new(), Arc::new(files), "the project in memory")
    }

    fn with_files(root: PathBuf, files: Arc<dyn Files>, name: &str) -> Result<Self, Failure> {
        if !matches!(files.kind(Path::new(REPORT)), Ok(Kind::File)) {
            return Err(Failure::Usage(
                Diagnostic::error(format!("{name} is not a folio project: {REPORT} not found"))
                    .hint("run folio inside the project or pass --project DIR"),
            ));
        }
        Ok(Self { root, files })
    }

    /// Checks that `rel`, a path relative to the project root, stays inside the project
    /// (no absolute paths, no `..` above the root, no symlink leading out) and returns it
    /// normalized.
    pub fn confine(&self, rel: &Path) -> Result<PathBuf, Diagnostic> {
        let normal = normalize(rel)?;
        match self.files.kind(&normal) {
            Err(Problem::Outside) => Err(problem(rel, &Problem::Outside)),
            _ => Ok(normal),
        }
    }

    /// Whether anything is at `rel`, a link leading out of the project included (which a
    /// read refuses, naming the problem).
    pub fn exists(&self, rel: impl AsRef<Path>) -> bool {
        normalize(rel.as_ref()).is_ok_and(|rel| !matches!(self.files.kind(&rel), Err(Problem::NotFound)))
    }

    /// The contents of the file at `rel`.
    pub fn read(&self, rel: impl AsRef<Path>) -> Result<Data, Diagnostic> {
        let rel = normalize(rel.as_ref())?;
        self.files.read(&rel).map_err(|p| problem(&rel, &p))
    }

    /// The text of the file at `rel`; one that is not UTF-8 is an error at its first
    /// byte that is not.
    pub fn read_text(&self, rel: impl AsRef<Path>) -> Result<String, Diagnostic> {
        let rel = rel.as_ref();
        strict_text(rel, &self.read(rel)?)
    }

    /// As [`Project::read_text`], and `None` when there is no such file (a lock or a
    /// memory not written yet).
    pub fn read_text_if_exists(&self, rel: impl AsRef<Path>) -> Result<Option<String>, Diagnostic> {
        let rel = normalize(rel.as_ref())?;
        match self.files.read(&rel) {
            Ok(data) => strict_text(&rel, &data).map(Some),
            Err(Problem::NotFound) => Ok(None),
            Err(p) => Err(problem(&rel, &p)),
        }
    }

    /// The entries of the folder `rel`, sorted by name.
    pub fn list(&self, rel: impl AsRef<Path>) -> Result<Vec<(PathBuf, Kind)>, Diagnostic> {
        let rel = normalize(rel.as_ref())?;
        self.files.list(&rel).map_err(|p| problem(&rel, &p))
    }

    /// What `rel` is inside the project, if anything.
    pub fn kind(&self, rel: impl AsRef<Path>) -> Option<Kind> {
        self.files.kind(&normalize(rel.as_ref()).ok()?).ok()
    }

    pub fn is_file(&self, rel: impl AsRef<Path>) -> bool {
        self.kind(rel) == Some(Kind::File)
    }

    pub fn is_dir(&self, rel: impl AsRef<Path>) -> bool {
        self.kind(rel) == Some(Kind::Folder)
    }

    /// The seam itself, for readers that turn its problems into their own errors (Typst's).
    pub fn files(&self) -> &dyn Files {
        &*self.files
    }
}

/// `rel` without `.` and `..`; an error when it leaves the root.
fn normalize(rel: &Path) -> Result<PathBuf, Diagnostic> {
    let mut normal = PathBuf::new();
    for component in rel.components() {
        match component {
            Component::Normal(part) => normal.push(part),
            Component::CurDir => {}
            Component::ParentDir if normal.pop() => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(Diagnostic::error(format!("path `{}` leads outside the project", rel.display()))
                    .hint("folio reads nothing outside the project"));
            }
        }
    }
    Ok(normal)
}

fn strict_text(rel: &Path, data: &[u8]) -> Result<String, Diagnostic> {
    match crate::diag::utf8_text(rel, data.to_vec()) {
        (text, None) => Ok(text),
        (_, Some(not_utf8)) => Err(not_utf8),
    }
}

/// The problem with `rel`, naming it as the user wrote it.
fn problem(rel: &Path, problem: &Problem) -> Diagnostic {
    let rel = rel.display();
    match problem {
        Problem::NotFound => Diagnostic::error(format!("`{rel}` not found")),
        Problem::Outside => Diagnostic::error(format!("path `{rel}` is a link to a place outside the project"))
            .hint("folio reads only files inside the project: copy (or hard-link) what the link points to into it"),
        Problem::IsFolder => Diagnostic::error(format!("`{rel}` is a folder, not a file")),
        Problem::Io(e) => Diagnostic::error(format!("cannot read `{rel}`: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_leaving_the_project() {
        let mut files = MemoryFiles::new();
        files.insert(REPORT, &b"title = 1"[..]);
        let project = Project::in_memory(files).expect("a project");
        assert_eq!(project.confine(Path::new("report/../report/images/a.png")).unwrap(), Path::new("report/images/a.png"));
        assert!(project.confine(Path::new("report/../../etc/passwd")).is_err());
        assert!(project.confine(Path::new("/etc/passwd")).is_err());
        assert!(project.read("/etc/passwd").is_err_and(|d| d.message == "path `/etc/passwd` leads outside the project"));
        assert_eq!(&*project.read("./report/report.toml").unwrap(), b"title = 1");
        assert!(project.read("report/x.toml").is_err_and(|d| d.message == "`report/x.toml` not found"));
    }

    #[test]
    fn a_project_has_its_report() {
        let failure = Project::in_memory(MemoryFiles::new()).expect_err("no report.toml");
        assert!(matches!(failure, Failure::Usage(d) if d.message.contains("report/report.toml not found")));
    }
}
