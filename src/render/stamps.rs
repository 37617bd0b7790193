//! What each output was made from: `out/.folio-stamps.json` records, for every output, a
//! fingerprint of its inputs and a digest of the bytes written. An output whose inputs
//! have the same fingerprint and whose file is still what was written is not made again.
//!
//! Renders are reproducible, so a skipped output has the bytes a new render would write.
//! Inputs are digested by content: the project's files as the project reads them, folio's
//! own program by a digest kept with its size and time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Failure};
use crate::files::write_atomic;
use crate::project::{Kind, Project};

const FILE: &str = ".folio-stamps.json";
/// The layout of this file; a file of another version is ignored (everything is made).
const VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Stamps {
    version: u32,
    /// Digests of files outside the project (folio itself), with the size and time they had.
    files: BTreeMap<PathBuf, FileDigest>,
    /// Each output, by its path relative to the output folder.
    outputs: BTreeMap<String, Stamp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct FileDigest {
    len: u64,
    modified_ns: u128,
    digest: String,
}

/// One output as it was written.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stamp {
    /// The fingerprint of everything it was made from.
    pub inputs: String,
    /// The digest of what was written (a file, or every file of a folder).
    pub output: String,
    /// The progress line's figure (pages, KB, files) and the warnings it had, shown again
    /// when it is skipped.
    pub summary: String,
    pub count: usize,
    pub warnings: Vec<String>,
}

impl Stamps {
    /// The stamps of `out`; none if the file is missing, unreadable or of another version.
    pub fn load(out: &Path) -> Self {
        std::fs::read(out.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stamps>(&bytes).ok())
            .filter(|s| s.version == VERSION)
            .unwrap_or_default()
    }

    pub fn save(&mut self, out: &Path) -> Result<(), Failure> {
        self.version = VERSION;
        let json = serde_json::to_vec_pretty(self).expect("stamps serialize");
        write_atomic(&out.join(FILE), &json)
    }

    /// The stamp of `output` if it can be kept: made from `inputs`, and the file or folder
    /// at `path` is still what was written.
    pub fn unchanged(&self, output: &str, inputs: &str, path: &Path) -> Option<&Stamp> {
        let stamp = self.outputs.get(output).filter(|s| s.inputs == inputs)?;
        (digest_output(path)? == stamp.output).then_some(stamp)
    }

    pub fn record(&mut self, output: String, stamp: Stamp) {
        self.outputs.insert(output, stamp);
    }

    /// The digest of a file outside the project (folio itself), read again only when its
    /// size or time changed.
    pub fn digest_file(&mut self, path: &Path) -> std::io::Result<String> {
        let meta = std::fs::metadata(path)?;
        let modified_ns = meta
            .modified()?
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        if let Some(known) = self.files.get(path).filter(|d| d.len == meta.len() && d.modified_ns == modified_ns) {
            return Ok(known.digest.clone());
        }
        let digest = hex(typst::utils::hash128(&std::fs::read(path)?));
        self.files.insert(path.to_path_buf(), FileDigest { len: meta.len(), modified_ns, digest: digest.clone() });
        Ok(digest)
    }
}

/// Every file below the project's folder `dir` (hidden ones aside), by path, into `fp`:
/// read through the project's files, as every stage reads them.
pub fn digest_folder(project: &Project, dir: &Path, fp: &mut Fingerprint) -> Result<(), Diagnostic> {
    for (path, kind) in project.list(dir)? {
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        match kind {
            Kind::Folder => digest_folder(project, &path, fp)?,
            Kind::File => {
                fp.add("file", path.to_string_lossy().as_bytes());
                fp.add("bytes", &project.read(&path)?);
            }
        }
    }
    Ok(())
}

/// A fingerprint of inputs: tagged, length-prefixed fields, so that no two different
/// sequences of fields hash alike by running together.
pub struct Fingerprint(Vec<u128>);

impl Fingerprint {
    pub fn new() -> Self {
        Self(Vec::new())
    }

    pub fn add(&mut self, tag: &str, bytes: &[u8]) {
        self.0.push(typst::utils::hash128(&(tag, bytes)));
    }

    pub fn finish(&self) -> String {
        hex(typst::utils::hash128(&self.0))
    }
}

/// The digest of a product as the driver writes it: a file's bytes, or a folder's files
/// with their relative paths.
pub fn digest_product(files: &[(String, &[u8])]) -> String {
    let mut fp = Fingerprint::new();
    for (rel, bytes) in files {
        fp.add(rel, bytes);
    }
    fp.finish()
}

/// The digest of what is on disk at `path` now, as [`digest_product`] computes it; `None`
/// when it is missing or unreadable.
fn digest_output(path: &Path) -> Option<String> {
    if path.is_file() {
        let bytes = std::fs::read(path).ok()?;
        return Some(digest_product(&[(String::new(), &bytes)]));
    }
    let mut files = Vec::new();
    walk(path, &mut files).ok()?;
    let read: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(path).unwrap_or(p).to_string_lossy().replace('\\', "/");
            std::fs::read(p).map(|bytes| (rel, bytes))
        })
        .collect::<Result<_, _>>()
        .ok()?;
    (!read.is_empty()).then(|| digest_product(&read.iter().map(|(r, b)| (r.clone(), b.as_slice())).collect::<Vec<_>>()))
}

/// The files below `dir`, sorted, without hidden files and folders.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

fn hex(n: u128) -> String {
    format!("{n:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_do_not_run_together() {
        let mut a = Fingerprint::new();
        a.add("x", b"ab");
        a.add("x", b"c");
        let mut b = Fingerprint::new();
        b.add("x", b"a");
        b.add("x", b"bc");
        assert_ne!(a.finish(), b.finish());
    }

    #[test]
    fn an_output_changed_on_disk_is_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pdf");
        std::fs::write(&path, b"pdf").unwrap();
        let mut stamps = Stamps::default();
        let stamp = Stamp {
            inputs: "i".into(),
            output: digest_product(&[(String::new(), b"pdf")]),
            summary: String::new(),
            count: 1,
            warnings: Vec::new(),
        };
        stamps.record("x.pdf".into(), stamp);
        assert!(stamps.unchanged("x.pdf", "i", &path).is_some());
        assert!(stamps.unchanged("x.pdf", "other inputs", &path).is_none());
        std::fs::write(&path, b"edited").unwrap();
        assert!(stamps.unchanged("x.pdf", "i", &path).is_none());
        std::fs::remove_file(&path).unwrap();
        assert!(stamps.unchanged("x.pdf", "i", &path).is_none());
    }

    #[test]
    fn a_file_is_read_again_when_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("font.ttf");
        std::fs::write(&path, b"one").unwrap();
        let mut stamps = Stamps::default();
        let first = stamps.digest_file(&path).unwrap();
        assert_eq!(stamps.digest_file(&path).unwrap(), first);
        std::fs::write(&path, b"two!").unwrap();
        assert_ne!(stamps.digest_file(&path).unwrap(), first);
    }
}
