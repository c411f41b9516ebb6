//! The only writer: files go into a staging folder beside the output, which replaces the
//! output only when everything was written, so a failed build leaves the old site untouched.

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::{Contents, OutputFile};

/// A new version of the site being written.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    retired: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn create(output: &Path) -> io::Result<Staging> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let staging = parent.join(format!(".{name}.mekong-new-{}", std::process::id()));
        let retired = parent.join(format!(".{name}.mekong-old-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        Ok(Staging {
            output: output.to_path_buf(),
            staging,
            retired,
            committed: false,
        })
    }

    /// Writes a batch of files in parallel, each creating its folder (most pages have a
    /// folder of their own, and making folders is much of a build's kernel time).
    pub fn write(&self, files: &[OutputFile]) -> io::Result<()> {
        files.par_iter().try_for_each(|file| {
            let target = self.staging.join(&file.path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let current = self.output.join(&file.path);
            // A file whose bytes did not change is linked from the current site: it
            // keeps its modification time (rsync and CDN uploads skip it) and costs no
            // writing. The current site is not touched, so it survives a failed build.
            if holds(&current, &file.contents) && std::fs::hard_link(&current, &target).is_ok() {
                return Ok(());
            }
            let result = match &file.contents {
                Contents::Bytes(bytes) => std::fs::write(&target, bytes),
                Contents::Copy(source) => std::fs::copy(source, &target).map(|_| ()),
            };
            result.map_err(|error| {
                io::Error::new(error.kind(), format!("{}: {error}", target.display()))
            })
        })
    }

    /// Swaps the staged site in place of the output.
    pub fn commit(mut self) -> io::Result<()> {
        if self.output.exists() {
            std::fs::rename(&self.output, &self.retired)?;
            if let Err(error) = std::fs::rename(&self.staging, &self.output) {
                // Put the old site back rather than leave nothing.
                let _ = std::fs::rename(&self.retired, &self.output);
                return Err(error);
            }
            self.committed = true;
            remove_tree(&self.retired)?;
        } else {
            std::fs::rename(&self.staging, &self.output)?;
            self.committed = true;
        }
        Ok(())
    }
}

/// Removes a folder and everything in it, files in parallel, then folders deepest
/// first: a site has a folder per page, so this is most of what retiring one costs.
fn remove_tree(root: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    let mut dirs: Vec<(usize, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            dirs.push((entry.depth(), entry.into_path()));
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().try_for_each(std::fs::remove_file)?;
    dirs.sort_by_key(|(depth, _)| std::cmp::Reverse(*depth));
    for level in dirs.chunk_by(|a, b| a.0 == b.0) {
        level
            .par_iter()
            .try_for_each(|(_, dir)| std::fs::remove_dir(dir))?;
    }
    Ok(())
}

/// Whether `current` is a plain file holding exactly `contents`.
fn holds(current: &Path, contents: &Contents) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(current) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    match contents {
        Contents::Bytes(bytes) => {
            meta.len() == bytes.len() as u64
                && std::fs::read(current).is_ok_and(|old| old == *bytes)
        }
        Contents::Copy(source) => {
            std::fs::metadata(source).is_ok_and(|m| m.len() == meta.len())
                && same_files(source, current).unwrap_or(false)
        }
    }
}

/// Compares two files of equal length block by block.
fn same_files(a: &Path, b: &Path) -> io::Result<bool> {
    use std::io::Read;
    let (mut a, mut b) = (std::fs::File::open(a)?, std::fs::File::open(b)?);
    let (mut left, mut right) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let n = a.read(&mut left)?;
        if n == 0 {
            return Ok(b.read(&mut right[..1])? == 0);
        }
        b.read_exact(&mut right[..n])?;
        if left[..n] != right[..n] {
            return Ok(false);
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}
