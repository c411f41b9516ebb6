//! One bounded parallel batch: plans grouped by source content, each source decoded once for
//! all the variants the cache lacks, jobs admitted within a memory budget.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::PathBuf;
use std::sync::{Condvar, Mutex};

use fast_image_resize as fr;
use rayon::prelude::*;

use super::cache::write_atomically;
use super::decode::decode;
use super::encode::encode;
use super::probe::read_error;
use super::resize::render;
use super::{Geometry, ImageError, Pipeline, Planned, RunReport, Source, Variant};

/// Memory that concurrent jobs may hold at once (decoded pixels and their variants).
const MEMORY_BUDGET: u64 = 2 << 30;

impl Pipeline {
    /// Makes every planned variant the cache lacks, decoding each source once for all its
    /// variants, in parallel within a memory budget, each file written atomically.
    pub fn run(&self, jobs: &[Planned]) -> RunReport {
        let mut report = RunReport::default();
        let mut groups: HashMap<&str, Group<'_>> = HashMap::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for job in jobs {
            let group = groups.entry(&job.source.hash).or_insert_with(|| Group {
                source: &job.source,
                paths: Vec::new(),
                missing: Vec::new(),
            });
            if !group.paths.contains(&&job.source.path) {
                group.paths.push(&job.source.path);
            }
            for variant in &job.variants {
                if !seen.insert(&variant.file_name) {
                    continue;
                }
                if self.cached(variant).is_file() {
                    report.reused += 1;
                } else {
                    group.missing.push(variant);
                }
            }
        }
        let mut work: Vec<Group<'_>> = groups
            .into_values()
            .filter(|group| !group.missing.is_empty())
            .collect();
        if work.is_empty() {
            return report;
        }
        if let Err(err) = fs::create_dir_all(&self.cache_dir) {
            let error = ImageError::new(
                format!(
                    "cannot create the image cache `{}`: {err}",
                    self.cache_dir.display()
                ),
                Some("check that the folder is writable".into()),
            );
            for group in &work {
                for path in &group.paths {
                    report.errors.push((path.to_path_buf(), error.clone()));
                }
            }
            return report;
        }
        // Biggest first, so that a large photo does not start last and run alone.
        work.sort_by_key(|group| std::cmp::Reverse(group.memory_estimate()));
        let budget = Budget::new(MEMORY_BUDGET);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let outcomes: Vec<Result<usize, ImageError>> =
            match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
                Ok(pool) => pool.install(|| {
                    work.par_iter()
                        .with_max_len(1)
                        .map(|group| self.process(group, &budget))
                        .collect()
                }),
                Err(_) => work
                    .iter()
                    .map(|group| self.process(group, &budget))
                    .collect(),
            };
        for (group, outcome) in work.iter().zip(outcomes) {
            match outcome {
                Ok(made) => report.processed += made,
                Err(error) => {
                    for path in &group.paths {
                        report.errors.push((path.to_path_buf(), error.clone()));
                    }
                }
            }
        }
        report
            .errors
            .sort_by(|(a, _), (b, _)| a.as_path().cmp(b.as_path()));
        report
    }

    fn process(&self, group: &Group<'_>, budget: &Budget) -> Result<usize, ImageError> {
        let _permit = budget.acquire(group.memory_estimate());
        let source = group.source;
        let path = &source.path;
        let bytes = fs::read(path).map_err(|err| read_error(path, &err))?;
        if blake3::hash(&bytes).to_hex().as_str() != source.hash {
            return Err(ImageError::new(
                format!("image `{}` changed during the build", path.display()),
                Some("build again".into()),
            ));
        }
        let decoded = decode(source, &bytes)?;
        drop(bytes);
        // Variants that differ only in format share their pixels; the largest come first so
        // that smaller ones can be made from them.
        let mut shapes: Vec<(Geometry, Vec<&Variant>)> = Vec::new();
        for &variant in &group.missing {
            let geometry = variant.recipe.geometry;
            match shapes.iter_mut().find(|(g, _)| *g == geometry) {
                Some((_, variants)) => variants.push(variant),
                None => shapes.push((geometry, vec![variant])),
            }
        }
        shapes.sort_by_key(|(g, _)| {
            std::cmp::Reverse(u64::from(g.content.0) * u64::from(g.content.1))
        });
        let mut resizer = fr::Resizer::new();
        let mut reductions = Vec::new();
        for (geometry, variants) in shapes {
            let pixels = render(source, &decoded, geometry, &mut reductions, &mut resizer)
                .map_err(|message| {
                    ImageError::new(
                        format!("cannot resize image `{}`: {message}", path.display()),
                        None,
                    )
                })?;
            for variant in variants {
                let encoded =
                    encode(&pixels, variant.format, variant.recipe.quality).map_err(|message| {
                        ImageError::new(
                            format!(
                                "cannot encode image `{}` as {}: {message}",
                                path.display(),
                                variant.format.extension()
                            ),
                            None,
                        )
                    })?;
                write_atomically(&self.cache_dir, &variant.file_name, &encoded).map_err(|err| {
                    ImageError::new(
                        format!(
                            "cannot write `{}` to the image cache: {err}",
                            variant.file_name
                        ),
                        Some(format!(
                            "check that `{}` is writable and the disk is not full",
                            self.cache_dir.display()
                        )),
                    )
                })?;
            }
        }
        Ok(group.missing.len())
    }
}

/// The variants one source still needs, and every path it was planned under.
struct Group<'a> {
    source: &'a Source,
    paths: Vec<&'a PathBuf>,
    missing: Vec<&'a Variant>,
}

impl Group<'_> {
    /// Bytes held at once: the decoded source (up to 4 channels) plus the largest variant
    /// with its intermediate copies.
    fn memory_estimate(&self) -> u64 {
        let source = u64::from(self.source.raw_width) * u64::from(self.source.raw_height) * 4;
        let largest = self
            .missing
            .iter()
            .map(|v| u64::from(v.width) * u64::from(v.height) * 4)
            .max()
            .unwrap_or(0);
        source + 4 * largest
    }
}

/// A counting semaphore over bytes. Jobs never wait on each other inside a permit (no nested
/// parallelism), so blocking here cannot deadlock the pool.
struct Budget {
    total: u64,
    free: Mutex<u64>,
    released: Condvar,
}

struct Permit<'a> {
    budget: &'a Budget,
    amount: u64,
}

impl Budget {
    fn new(total: u64) -> Budget {
        Budget {
            total,
            free: Mutex::new(total),
            released: Condvar::new(),
        }
    }

    fn acquire(&self, amount: u64) -> Permit<'_> {
        // A job larger than the whole budget runs alone.
        let amount = amount.min(self.total);
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free < amount {
            free = self.released.wait(free).unwrap_or_else(|e| e.into_inner());
        }
        *free -= amount;
        Permit {
            budget: self,
            amount,
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut free = self.budget.free.lock().unwrap_or_else(|e| e.into_inner());
        *free += self.amount;
        self.budget.released.notify_all();
    }
}
