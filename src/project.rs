//! A folio project on disk: `report/`, `locales/`, `layouts/`, `fonts/`. Every path that
//! comes from a user file goes through [`Project::confine`], so nothing outside is read.

use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Failure};

#[derive(Debug, Clone)]
pub struct Project {
    /// Canonical absolute path of the project directory.
    pub root: PathBuf,
}

impl Project {
    pub fn open(dir: &Path) -> Result<Self, Failure> {
        let root = dir.canonicalize().map_err(|e| Failure::io(dir, e))?;
        if !root.join("report/report.toml").is_file() {
            return Err(Failure::Usage(
                Diagnostic::error(format!("{} is not a folio project: report/report.toml not found", dir.display()))
                    .hint("run folio inside the project or pass --project DIR"),
            ));
        }
        Ok(Self { root })
    }

    /// Checks that `rel`, a path relative to the project root, stays inside the project
    /// (no absolute paths, no `..` above the root, no symlink leading out) and returns it
    /// normalized.
    pub fn confine(&self, rel: &Path) -> Result<PathBuf, Diagnostic> {
        let mut normal = PathBuf::new();
        for component in rel.components() {
            match component {
                Component::Normal(part) => normal.push(part),
                Component::CurDir => {}
                Component::ParentDir if normal.pop() => {}
                Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                    return Err(outside(format!("path `{}` leads outside the project", rel.display())));
                }
            }
        }
        let full = self.root.join(&normal);
        if let Ok(real) = full.canonicalize() {
            if !real.starts_with(&self.root) {
                return Err(outside(format!("path `{}` is a link to a place outside the project", rel.display())));
            }
        }
        Ok(normal)
    }
}

fn outside(message: String) -> Diagnostic {
    Diagnostic::error(message).hint("folio reads nothing outside the project")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_leaving_the_project() {
        let project = Project { root: std::env::temp_dir() };
        assert!(project.confine(Path::new("report/../report/images/a.png")).is_ok());
        assert!(project.confine(Path::new("report/../../etc/passwd")).is_err());
        assert!(project.confine(Path::new("/etc/passwd")).is_err());
    }
}
