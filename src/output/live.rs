//! `serve`'s writer: the live folder the server reads from, written in place between
//! requests. Each file is replaced whole (see [`super::replace`]), so the server never
//! sends half of one, and a record of what the folder holds lets a rebuild write only
//! the files whose contents changed and remove the ones the site no longer has.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use super::replace;
use crate::content::hash64;
use crate::render::{Contents, OutputFile};

/// The live folder and what was written into it.
pub struct Live {
    folder: PathBuf,
    /// What is on disk in `folder`, by path relative to it: a hash of its contents, or
    /// 0 for a file an earlier round wrote that this one did not produce again.
    written: HashMap<PathBuf, u64>,
}

/// A file the live folder could not take.
#[derive(Debug)]
pub struct Unwritten {
    /// Relative to the live folder.
    pub path: PathBuf,
    pub error: io::Error,
}

impl Live {
    /// Writes into `folder`, which starts out empty.
    pub fn new(folder: PathBuf) -> Live {
        Live {
            folder,
            written: HashMap::new(),
        }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Writes the files whose contents differ from what the folder holds; returns their
    /// paths. Stops at the first file that cannot be written.
    pub fn write_changed(&mut self, files: &[OutputFile]) -> Result<Vec<PathBuf>, Unwritten> {
        let mut changed = Vec::new();
        for file in files {
            let hash = contents_hash(&file.contents);
            if self.written.get(&file.path) != Some(&hash) {
                replace(&self.folder.join(&file.path), &file.contents).map_err(|error| {
                    Unwritten {
                        path: file.path.clone(),
                        error,
                    }
                })?;
                self.written.insert(file.path.clone(), hash);
                changed.push(file.path.clone());
            }
        }
        Ok(changed)
    }

    /// Notes that the folder still holds `path` from an earlier round (a page skipped
    /// as unchanged), so that a later round that no longer has it removes it.
    pub fn note_unchanged(&mut self, path: &Path) {
        self.written.entry(path.to_path_buf()).or_insert(0);
    }

    /// Removes one file, if it is there.
    pub fn remove(&mut self, path: &Path) {
        let _ = std::fs::remove_file(self.folder.join(path));
        self.written.remove(path);
    }

    /// Removes every written file for which `keep` says no; returns their paths.
    pub fn remove_all_but(&mut self, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
        let gone: Vec<PathBuf> = self
            .written
            .keys()
            .filter(|path| !keep(path))
            .cloned()
            .collect();
        for path in &gone {
            self.remove(path);
        }
        gone
    }
}

/// Stands for a file's contents in the record: the bytes' hash, or for a copied file
/// its path, length and modification time, so that it is not read on every round.
fn contents_hash(contents: &Contents) -> u64 {
    match contents {
        Contents::Bytes(bytes) => hash64(bytes),
        Contents::Copy(source) => {
            let meta = std::fs::metadata(source).ok();
            let modified = meta
                .as_ref()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            hash64(&(source, meta.map(|m| m.len()), modified))
        }
    }
}
