//! The only writer: renders into a temporary sibling folder and swaps it in when, and
//! only when, everything was written, so a failed build leaves the old site untouched.

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::{Contents, OutputFile};

/// Writes `files` as the new content of `output`.
pub fn publish(output: &Path, files: &[OutputFile]) -> io::Result<()> {
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
    let written = write_all(&staging, files);
    if let Err(error) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    if output.exists() {
        std::fs::rename(output, &retired)?;
        if let Err(error) = std::fs::rename(&staging, output) {
            // Put the old site back rather than leave nothing.
            let _ = std::fs::rename(&retired, output);
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
        std::fs::remove_dir_all(&retired)?;
    } else {
        std::fs::rename(&staging, output)?;
    }
    Ok(())
}

fn write_all(root: &Path, files: &[OutputFile]) -> io::Result<()> {
    std::fs::create_dir_all(root)?;
    // Folders first, once each, then the files in parallel.
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.path.parent().map(|p| root.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        std::fs::create_dir_all(dir)?;
    }
    files.par_iter().try_for_each(|file| {
        let target = root.join(&file.path);
        let result = match &file.contents {
            Contents::Bytes(bytes) => std::fs::write(&target, bytes),
            Contents::Copy(source) => std::fs::copy(source, &target).map(|_| ()),
        };
        result
            .map_err(|error| io::Error::new(error.kind(), format!("{}: {error}", target.display())))
    })
}
