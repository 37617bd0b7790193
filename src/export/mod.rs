//! Export: writes editions to disk, atomically.

pub mod epub;
pub mod markup;
pub mod pdf;
pub mod print;
pub mod typst_project;

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
            let _ = std::fs::remove_file(path);
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
}
