//! `build`'s writer. Files go into a staging folder beside the output first; only when
//! everything was rendered and written do they reach the output, so a failed build
//! leaves the old site untouched.
//!
//! The first build renames the staged site into place. Later builds stage only the
//! files whose bytes changed and move them into the existing output one by one (each
//! move atomic), then remove what the new site no longer has: unchanged files are never
//! touched, so they keep their modification time (rsync and CDN uploads skip them),
//! and a rebuild costs no more folders or files than what changed.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::put;
use crate::render::{Contents, OutputFile};

/// A new version of the site being written.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    /// The output exists: only changed files are staged (see the module's note).
    update: bool,
    /// Every file of the new site, relative to the output (when updating).
    produced: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    pub fn create(output: &Path) -> io::Result<Staging> {
        let update = output.is_dir();
        // Beside the real folder, even when the output is a link to it, so that moves
        // stay on one file system.
        let real = if update {
            output.canonicalize()?
        } else {
            output.to_path_buf()
        };
        let name = real
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = real
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        remove_abandoned(parent, &name);
        let staging = parent.join(format!(".{name}.mekong-new-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        Ok(Staging {
            output: real,
            staging,
            update,
            produced: Mutex::new(HashSet::new()),
            committed: false,
        })
    }

    /// Writes a batch of files in parallel, each creating its folder (most pages have a
    /// folder of their own, and making folders is much of a build's kernel time).
    pub fn write(&self, files: &[OutputFile]) -> io::Result<()> {
        if self.update {
            self.produced
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(files.iter().map(|file| file.path.clone()));
        }
        files.par_iter().try_for_each(|file| {
            if self.update && holds(&self.output.join(&file.path), &file.contents) {
                return Ok(());
            }
            let target = self.staging.join(&file.path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            put(&target, &file.contents).map_err(|error| {
                io::Error::new(error.kind(), format!("{}: {error}", target.display()))
            })
        })
    }

    /// Puts the staged site in place of the output.
    pub fn commit(mut self) -> io::Result<()> {
        if !self.update {
            std::fs::rename(&self.staging, &self.output)?;
            self.committed = true;
            return Ok(());
        }
        let mut staged = Vec::new();
        for entry in walkdir::WalkDir::new(&self.staging) {
            let entry = entry.map_err(io::Error::other)?;
            if !entry.file_type().is_dir() {
                let rel = entry
                    .path()
                    .strip_prefix(&self.staging)
                    .expect("walkdir stays below its root")
                    .to_path_buf();
                staged.push(rel);
            }
        }
        staged.par_iter().try_for_each(|rel| {
            let target = self.output.join(rel);
            make_room(&self.output, rel)?;
            std::fs::rename(self.staging.join(rel), &target).map_err(|error| {
                io::Error::new(error.kind(), format!("{}: {error}", target.display()))
            })
        })?;
        self.committed = true;
        let produced =
            std::mem::take(&mut *self.produced.lock().unwrap_or_else(|e| e.into_inner()));
        remove_others(&self.output, &produced)?;
        // Only empty folders are left in it.
        std::fs::remove_dir_all(&self.staging)
    }
}

/// Removes staging folders of builds that were killed before they could clean up
/// (Ctrl-C while writing, say): each may hold a whole site. Only where the system says
/// which processes run (`/proc`), and only those whose build is no longer running.
fn remove_abandoned(parent: &Path, name: &str) {
    let processes = Path::new("/proc");
    if !processes.join("self").exists() {
        return;
    }
    let prefixes = [
        format!(".{name}.mekong-new-"),
        format!(".{name}.mekong-old-"),
    ];
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(pid) = prefixes
            .iter()
            .find_map(|prefix| file_name.strip_prefix(prefix.as_str()))
        else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !processes.join(pid).exists() {
            let path = entry.path();
            let _ = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                std::fs::remove_dir_all(path)
            } else {
                std::fs::remove_file(path)
            };
        }
    }
}

/// Makes sure `rel` can be created in `root`: its folders exist (a file standing where
/// a folder must go is removed), and no folder stands where the file goes.
fn make_room(root: &Path, rel: &Path) -> io::Result<()> {
    let target = root.join(rel);
    if let Some(parent) = target.parent()
        && std::fs::create_dir_all(parent).is_err()
    {
        let mut at = root.to_path_buf();
        for part in rel.parent().into_iter().flat_map(Path::components) {
            at.push(part);
            match std::fs::symlink_metadata(&at) {
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => {
                    std::fs::remove_file(&at)?;
                    std::fs::create_dir(&at)?;
                }
                Err(_) => std::fs::create_dir(&at)?,
            }
        }
    }
    if std::fs::symlink_metadata(&target).is_ok_and(|meta| meta.is_dir()) {
        std::fs::remove_dir_all(&target)?;
    }
    Ok(())
}

/// Removes every file below `root` that is not in `keep`, then the folders left empty.
fn remove_others(root: &Path, keep: &HashSet<PathBuf>) -> io::Result<()> {
    let mut kept_dirs: HashSet<&Path> = HashSet::new();
    for path in keep {
        for dir in path.ancestors().skip(1) {
            if !kept_dirs.insert(dir) {
                break;
            }
        }
    }
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(root).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(root)
            .expect("walkdir stays below its root");
        if entry.file_type().is_dir() {
            if !kept_dirs.contains(rel) {
                dirs.push((entry.depth(), entry.path().to_path_buf()));
            }
        } else if !keep.contains(rel) {
            files.push(entry.path().to_path_buf());
        }
    }
    files.par_iter().try_for_each(std::fs::remove_file)?;
    dirs.sort_by_key(|(depth, _)| std::cmp::Reverse(*depth));
    for (_, dir) in dirs {
        std::fs::remove_dir(&dir)?;
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
