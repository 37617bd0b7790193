//! Export: writes editions to disk, atomically.

pub mod pdf;
pub mod print;

use std::io::Write;
use std::path::Path;

use crate::diag::Failure;

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename,
/// so that a reader never sees half a file and a failed write leaves the old one in place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Failure::io(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".folio-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| Failure::io(dir, e))?;
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
