//! The only writer of the output tree: `build` stages a new site beside the output and
//! swaps it in ([`Staging`]); `serve` writes its live folder in place, file by file
//! ([`Live`]). Both skip files that already hold their bytes and remove the files the
//! site no longer has.

pub mod guard;
mod live;
mod staging;

use std::io;
use std::path::Path;

use crate::render::Contents;

pub use live::Live;
pub use staging::Staging;

/// Writes `contents` to `target`, whose folder exists.
fn put(target: &Path, contents: &Contents) -> io::Result<()> {
    match contents {
        Contents::Bytes(bytes) => std::fs::write(target, bytes),
        Contents::Copy(source) => std::fs::copy(source, target).map(|_| ()),
    }
}

/// Replaces `target` (making its folder) by writing beside it and renaming, so that a
/// reader of `target` gets the old file or the new one, never half of one.
fn replace(target: &Path, contents: &Contents) -> io::Result<()> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = target.with_file_name(format!(
        ".{}.mekong-tmp",
        target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    put(&temporary, contents)?;
    std::fs::rename(&temporary, target)
}
