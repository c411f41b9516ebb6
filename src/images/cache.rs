//! The cache folder: variant names keyed by source content, recipe and encoder, where a
//! variant lives, atomic writes, and pruning what no build uses.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::{Format, Pipeline, Planned, Recipe, Source, Variant};

/// Part of every cache key: change it when resizing or encoding changes, so that old outputs
/// are not reused.
const ENGINE: &str = "mekong-images/1 lanczos3 jpeg-encoder-0.7 png-default libwebp-m4 srgb";
const TEMP_PREFIX: &str = ".tmp-";

impl Pipeline {
    /// Where a variant lives in the cache.
    pub fn cached(&self, variant: &Variant) -> PathBuf {
        self.cache_dir.join(&variant.file_name)
    }

    /// Deletes cached variants that none of `keep` uses, and leftover temporary files.
    /// Call it after a successful full build, with every plan of that build.
    pub fn prune(&self, keep: &[Planned]) -> io::Result<usize> {
        let keep: HashSet<&str> = keep
            .iter()
            .flat_map(|job| job.variants.iter().map(|v| v.file_name.as_str()))
            .collect();
        let entries = match fs::read_dir(&self.cache_dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(err) => return Err(err),
        };
        let mut removed = 0;
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let stale = if name.starts_with(TEMP_PREFIX) {
                // A temporary file of a run still going on is younger than this.
                entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age.as_secs() > 3600)
            } else {
                is_variant_name(name) && !keep.contains(name)
            };
            if stale && entry.file_type()?.is_file() {
                fs::remove_file(entry.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// The variant `recipe` makes of `source`, named by its cache key: `<key16>-<size>.<ext>`.
pub(super) fn variant(source: &Source, format: Format, recipe: Recipe, size: &str) -> Variant {
    let mut key = blake3::Hasher::new();
    key.update(ENGINE.as_bytes());
    key.update(source.hash.as_bytes());
    let Recipe { geometry, quality } = recipe;
    let canvas = geometry.canvas.unwrap_or((0, 0));
    for n in [
        geometry.crop.x,
        geometry.crop.y,
        geometry.crop.width,
        geometry.crop.height,
        geometry.content.0,
        geometry.content.1,
        canvas.0,
        canvas.1,
        u32::from(quality),
    ] {
        key.update(&n.to_le_bytes());
    }
    key.update(format.extension().as_bytes());
    let key = key.finalize().to_hex();
    let (width, height) = geometry.canvas.unwrap_or(geometry.content);
    Variant {
        file_name: format!("{}-{size}.{}", &key[..16], format.extension()),
        width,
        height,
        format,
        recipe,
    }
}

/// Whether a file in the cache folder is named as `variant` names them; pruning leaves
/// other files alone.
fn is_variant_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() > 17 && bytes[..16].iter().all(u8::is_ascii_hexdigit) && bytes[16] == b'-'
}

pub(super) fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let temp = dir.join(format!(
        "{TEMP_PREFIX}{}-{}-{name}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = fs::write(&temp, bytes).and_then(|()| fs::rename(&temp, dir.join(name)));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::fixtures::*;
    use crate::images::{ImageSettings, Operation};

    #[test]
    fn second_run_reuses_everything_and_a_change_redoes_only_its_own() {
        let (dir, pipeline) = pipeline(&[100, 200]);
        let a = write(dir.path(), "a.jpg", &jpeg_bytes(&photo(300, 200)));
        let b = write(dir.path(), "b.jpg", &jpeg_bytes(&photo(240, 240)));
        // `b` twice, from two articles: planned twice, made once.
        let plan = |pipeline: &Pipeline| -> Vec<Planned> {
            [&a, &b, &b]
                .iter()
                .map(|path| pipeline.plan(path, &Operation::Responsive).unwrap())
                .chain([pipeline.plan(&a, &Operation::Card { focus: None }).unwrap()])
                .collect()
        };
        let first = pipeline.run(&plan(&pipeline));
        assert_eq!((first.processed, first.reused), (9, 0), "{first:?}");
        let second = pipeline.run(&plan(&pipeline));
        assert_eq!((second.processed, second.reused), (0, 9), "{second:?}");

        fs::write(&b, jpeg_bytes(&photo(240, 180))).unwrap();
        let third = pipeline.run(&plan(&pipeline));
        assert_eq!((third.processed, third.reused), (4, 5), "{third:?}");

        // A different quality is a different encoding: new names.
        let sharper = Pipeline::new(
            pipeline.cache_dir.clone(),
            ImageSettings {
                quality: 90,
                ..settings(&[100, 200])
            },
        );
        let before = pipeline.plan(&a, &Operation::Responsive).unwrap();
        let after = sharper.plan(&a, &Operation::Responsive).unwrap();
        assert_ne!(before.variants, after.variants);
        // The same bytes under another name share the cache.
        let copy = write(dir.path(), "copy-of-a.jpg", &fs::read(&a).unwrap());
        let copied = pipeline.plan(&copy, &Operation::Responsive).unwrap();
        assert_eq!(copied.variants, before.variants);
    }

    #[test]
    fn prune_removes_what_no_job_uses() {
        let (dir, pipeline) = pipeline(&[100]);
        let a = write(dir.path(), "a.jpg", &jpeg_bytes(&photo(150, 100)));
        let b = write(dir.path(), "b.jpg", &jpeg_bytes(&photo(160, 100)));
        let jobs: Vec<Planned> = [&a, &b]
            .iter()
            .map(|path| pipeline.plan(path, &Operation::Responsive).unwrap())
            .collect();
        assert_eq!(pipeline.run(&jobs).processed, 4);
        let foreign = write(&pipeline.cache_dir, "README.txt", b"not ours");
        assert_eq!(pipeline.prune(&jobs[..1]).unwrap(), 2);
        assert!(
            jobs[0]
                .variants
                .iter()
                .all(|v| pipeline.cached(v).is_file())
        );
        assert!(
            jobs[1]
                .variants
                .iter()
                .all(|v| !pipeline.cached(v).exists())
        );
        assert!(foreign.exists());
        assert_eq!(pipeline.prune(&jobs[..1]).unwrap(), 0);
        let empty = Pipeline::new(dir.path().join("never-made"), settings(&[100]));
        assert_eq!(empty.prune(&[]).unwrap(), 0);
    }
}
