//! Files folio writes (editions, imported projects, bundles, locks): atomically, and
//! cleaned up when the run is interrupted. Reading a project's files is `project`'s.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tempfile::NamedTempFile;

use crate::diag::Failure;

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename,
/// so that a reader never sees half a file and a failed write leaves the old one in place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Failure::io(dir, e))?;
    let tmp = {
        // Created under the lock the Ctrl-C handler takes: no file appears unregistered.
        let mut in_flight = in_flight();
        let tmp = tempfile::Builder::new()
            .prefix(".folio-")
            .suffix(".part")
            .tempfile_in(dir)
            .map_err(|e| Failure::io(dir, e))?;
        in_flight.insert(tmp.path().to_path_buf());
        tmp
    };
    let tmp_path = tmp.path().to_path_buf();
    // The temporary file is gone (renamed or deleted) once `fill_and_rename` returns.
    let result = fill_and_rename(tmp, path, bytes);
    in_flight().remove(&tmp_path);
    result
}

fn fill_and_rename(mut tmp: NamedTempFile, path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    tmp.write_all(bytes).and_then(|()| tmp.as_file().sync_all()).map_err(|e| Failure::io(path, e))?;
    // Temporary files are private; an edition is an ordinary readable file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(|e| Failure::io(path, e))?;
    }
    tmp.persist(path).map_err(|e| Failure::io(path, e.error))?;
    Ok(())
}

/// Writes a whole folder (the web edition) atomically: the files go into a temporary
/// folder beside `dir`, which then takes its place. A failed write leaves the previous
/// folder as it was; readers of the old folder see it whole until the swap.
pub fn write_dir_atomic(dir: &Path, files: impl IntoIterator<Item = (String, Vec<u8>)>) -> Result<(), Failure> {
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Failure::io(parent, e))?;
    let staging = {
        let mut in_flight = in_flight();
        let staging = tempfile::Builder::new().prefix(".folio-").suffix(".part").tempdir_in(parent).map_err(|e| Failure::io(parent, e))?;
        in_flight.insert(staging.path().to_path_buf());
        staging
    };
    let staged = staging.path().to_path_buf();
    let result = fill_dir(&staged, files).and_then(|()| swap_in(staging.keep(), dir));
    in_flight().remove(&staged);
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staged);
    }
    result
}

fn fill_dir(dir: &Path, files: impl IntoIterator<Item = (String, Vec<u8>)>) -> Result<(), Failure> {
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Failure::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Failure::io(&path, e))?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).map_err(|e| Failure::io(dir, e))?;
    }
    Ok(())
}

/// Puts the `staged` folder at `dir`: the old one is moved aside first and deleted after.
fn swap_in(staged: PathBuf, dir: &Path) -> Result<(), Failure> {
    if !dir.exists() {
        return std::fs::rename(&staged, dir).map_err(|e| Failure::io(dir, e));
    }
    let mut old = dir.as_os_str().to_owned();
    old.push(".old");
    let old = PathBuf::from(old);
    let _ = std::fs::remove_dir_all(&old);
    std::fs::rename(dir, &old).map_err(|e| Failure::io(dir, e))?;
    if let Err(e) = std::fs::rename(&staged, dir) {
        // Put the previous site back.
        let _ = std::fs::rename(&old, dir);
        return Err(Failure::io(dir, e));
    }
    std::fs::remove_dir_all(&old).map_err(|e| Failure::io(&old, e))
}

/// Temporary files being written, removed by the Ctrl-C handler: an interrupted render
/// leaves the previous outputs and no `.part` files behind.
static IN_FLIGHT: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

fn in_flight() -> MutexGuard<'static, BTreeSet<PathBuf>> {
    // A panicking writer must not keep the others, or the handler, from the list.
    IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// On Ctrl-C (or SIGTERM): delete the temporary files being written, then exit with 130.
pub fn clean_up_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        // Held until the exit, so no writer creates a file after the clean-up.
        let in_flight = in_flight();
        for path in in_flight.iter() {
            let _ = if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
        }
        eprintln!("interrupted: outputs being written were discarded, earlier ones are untouched");
        std::process::exit(130);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn replaces_whole_folder_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        write_dir_atomic(&site, [("a/x.html".to_string(), b"one".to_vec()), ("y.css".to_string(), b"two".to_vec())]).unwrap();
        write_dir_atomic(&site, [("z.html".to_string(), b"three".to_vec())]).unwrap();
        assert_eq!(std::fs::read(site.join("z.html")).unwrap(), b"three");
        assert!(!site.join("a").exists(), "the old folder's files are gone");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
