//! Images: plans variants from headers, then makes them in one bounded parallel batch, cached by content.
//!
//! Two phases. [`Pipeline::plan`] reads a file's header and EXIF orientation (no pixel decode),
//! hashes its bytes and names every variant, so HTML can be written at once. [`Pipeline::run`]
//! then takes all the plans of a build, groups them by source content, decodes each source once
//! and writes whatever the cache lacks. The cache lives outside `public/`; a variant's file name
//! is a hash of the source bytes, the recipe and the encoder settings, so an unchanged image is
//! never processed twice and a changed one gets new names (old ones go in [`Pipeline::prune`]).
//!
//! Choices a reader may want to know:
//! - **Nothing of the original is published as is.** Every output is encoded from pixels, so no
//!   EXIF (GPS included), XMP, IPTC or ICC data can survive. The "source format" variants are the
//!   re-encoded originals: JPEG stays JPEG, PNG stays PNG, a GIF becomes a PNG of its first frame,
//!   a WebP source only gets WebP variants.
//! - **Orientation** from EXIF is applied (after resizing, which is cheaper) so outputs are upright.
//! - **Colour:** a source with an RGB ICC profile (Display P3 from phones, Adobe RGB from cameras)
//!   is converted to sRGB with moxcms and published untagged, which browsers treat as sRGB; so
//!   colours do not shift and no profile bytes are published. A grey, CMYK or unreadable profile
//!   is ignored and the pixels are taken as sRGB.
//! - **Sizes:** responsive widths are capped at the source width (never upscaled), so a 320 px
//!   source gets only 320 and a 1200 px one gets 480, 960 and 1200 with widths 480/960/1600.
//!   Template ops `fit`, `fit_width` and `fit_height` never upscale; `fill` and `scale` give
//!   exactly the size asked for.
//! - **Social card:** 1200×630 JPEG, the largest 1200:630 crop around the focus point (centre by
//!   default) when the source is at least 1200×630; otherwise the picture, shrunk to fit if it
//!   must, centred on a plain background of its own mean colour.
//! - **Resizing** is Lanczos3 through `fast_image_resize` (SIMD), alpha-aware; variants that
//!   differ only in format share one resize, and small ones are made from a larger reduction.
//! - **Encoders:** WebP is lossy (libwebp through the `webp` crate) at the site quality, alpha
//!   kept losslessly; JPEG uses `jpeg-encoder` (AVX2), 4:2:0 below quality 90; PNG uses `image`.
//! - **Limits:** sources over 100 megapixels (declared in the header) are refused before any pixel
//!   is decoded; decoding runs under `image::Limits`; jobs share a memory budget, so a batch of
//!   6000×4000 photos runs at most as many at a time as the budget holds.

use crate::text::escape;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io::{self, Cursor};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use fast_image_resize as fr;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageFormat, ImageReader,
    RgbImage, RgbaImage,
};
use rayon::prelude::*;

/// Widths and quality from `site.yaml` (`images: { widths: [...], quality: 80 }`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageSettings {
    pub widths: Vec<u32>,
    pub quality: u8,
}

/// What to make of one source image.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// The configured widths, in the source's format and in WebP.
    Responsive,
    /// The 1200×630 JPEG social card (`og:image`).
    Card { focus: Option<Focus> },
    /// `resize_image(...)` from a template: one variant.
    Resize {
        width: Option<u32>,
        height: Option<u32>,
        op: ResizeOp,
        format: Option<Format>,
        quality: Option<u8>,
    },
}

/// A focal point in fractions of the (upright) picture: `[0.5, 0.3]` is centred, upper third.
/// Stored in thousandths so that operations can be compared and hashed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Focus {
    x: u16,
    y: u16,
}

impl Focus {
    /// Values are clamped into `0.0..=1.0`; NaN counts as the centre.
    pub fn new(x: f32, y: f32) -> Focus {
        let thousandths = |v: f32| {
            if v.is_nan() {
                500
            } else {
                (v.clamp(0.0, 1.0) * 1000.0).round() as u16
            }
        };
        Focus {
            x: thousandths(x),
            y: thousandths(y),
        }
    }

    fn fractions(self) -> (f64, f64) {
        (f64::from(self.x) / 1000.0, f64::from(self.y) / 1000.0)
    }
}

/// How `resize_image` fits the picture into the requested box.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResizeOp {
    /// Within width × height, aspect kept, never upscaled.
    Fit,
    /// To the width (never wider than the source), height follows.
    FitWidth,
    /// To the height (never taller than the source), width follows.
    FitHeight,
    /// Exactly width × height, cropping the overflow around the centre.
    Fill,
    /// Exactly width × height, aspect not kept.
    Scale,
}

impl ResizeOp {
    pub const NAMES: [&'static str; 5] = ["fit", "fit_width", "fit_height", "fill", "scale"];
}

impl FromStr for ResizeOp {
    type Err = ImageError;

    fn from_str(s: &str) -> Result<ResizeOp, ImageError> {
        match s {
            "fit" => Ok(ResizeOp::Fit),
            "fit_width" => Ok(ResizeOp::FitWidth),
            "fit_height" => Ok(ResizeOp::FitHeight),
            "fill" => Ok(ResizeOp::Fill),
            "scale" => Ok(ResizeOp::Scale),
            _ => Err(ImageError::new(
                format!("unknown resize op `{s}`"),
                Some(format!("use one of: {}", ResizeOp::NAMES.join(", "))),
            )),
        }
    }
}

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }

    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::WebP => "image/webp",
        }
    }

    fn is_lossy(self) -> bool {
        self != Format::Png
    }
}

impl FromStr for Format {
    type Err = ImageError;

    fn from_str(s: &str) -> Result<Format, ImageError> {
        match s.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => Ok(Format::Jpeg),
            "png" => Ok(Format::Png),
            "webp" => Ok(Format::WebP),
            _ => Err(ImageError::new(
                format!("unknown image format `{s}`"),
                Some("use jpg, png or webp (or leave it out to keep the source's format)".into()),
            )),
        }
    }
}

/// A source image as read at plan time. Sizes are as displayed (EXIF orientation applied).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    /// blake3 of the file's bytes, 64 hex digits.
    pub hash: String,
    pub width: u32,
    pub height: u32,
    /// Format of the re-encoded originals (a GIF's is PNG).
    pub format: Format,
    pub has_alpha: bool,
    decoder_format: ImageFormat,
    orientation: Orientation,
    raw_width: u32,
    raw_height: u32,
}

/// One output file. Its name is content-addressed: `<key16>-<size>.<ext>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Variant {
    pub file_name: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
    recipe: Recipe,
}

/// How a variant is made from the upright source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Recipe {
    geometry: Geometry,
    /// Encoder quality; 0 for lossless formats, so that it does not change their names.
    quality: u8,
}

/// The pixels of a variant, whatever its format: variants that share it are resized once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Geometry {
    /// Region of the upright source that is used.
    crop: Rect,
    /// Size the region is resized to.
    content: (u32, u32),
    /// When set, the content is centred on a plain background of this size.
    canvas: Option<(u32, u32)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Rect {
    x: u32,
    y: u32,
    width: u32,
    height: u32,
}

/// The result of planning: what HTML needs now, and what [`Pipeline::run`] makes later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub source: Source,
    pub operation: Operation,
    pub variants: Vec<Variant>,
}

/// A problem with one image. The caller adds the article (file, line) it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageError {
    pub message: String,
    pub hint: Option<String>,
}

impl ImageError {
    fn new(message: impl Into<String>, hint: Option<String>) -> ImageError {
        ImageError {
            message: message.into(),
            hint,
        }
    }
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImageError {}

/// What a batch did.
#[derive(Debug, Default)]
pub struct RunReport {
    /// Variants made in this run.
    pub processed: usize,
    /// Variants found in the cache.
    pub reused: usize,
    /// One entry per source path that failed; its variants were not made.
    pub errors: Vec<(PathBuf, ImageError)>,
}

/// The image pipeline of one site: its cache folder and settings.
#[derive(Clone, Debug)]
pub struct Pipeline {
    cache_dir: PathBuf,
    settings: ImageSettings,
}

/// Sources above this many pixels are refused (a 12-megapixel phone photo is far below).
const MAX_PIXELS: u64 = 100_000_000;
/// Largest side any output may have (WebP's own limit is 16383).
const MAX_SIDE: u32 = 16_383;
/// Decoded bytes the decoder may allocate: 100 megapixels of 16-bit RGBA.
const MAX_DECODE_ALLOC: u64 = MAX_PIXELS * 8;
/// Memory that concurrent jobs may hold at once (decoded pixels and their variants).
const MEMORY_BUDGET: u64 = 2 << 30;
const CARD_WIDTH: u32 = 1200;
const CARD_HEIGHT: u32 = 630;
/// Widest an image is shown in the default theme's article column, in CSS pixels (for `sizes`).
const COLUMN_WIDTH: u32 = 800;
/// Part of every cache key: change it when resizing or encoding changes, so that old outputs
/// are not reused.
const ENGINE: &str = "mekong-images/1 lanczos3 jpeg-encoder-0.7 png-default libwebp-m4 srgb";
const TEMP_PREFIX: &str = ".tmp-";

impl Pipeline {
    pub fn new(cache_dir: PathBuf, settings: ImageSettings) -> Pipeline {
        Pipeline {
            cache_dir,
            settings,
        }
    }

    /// Reads the header and EXIF orientation only, hashes the bytes, refuses unsupported
    /// formats, truncated JPEGs and oversized images, and names the variants. Cheap and
    /// thread-safe; memoises nothing (the caller de-duplicates).
    pub fn plan(&self, path: &Path, op: &Operation) -> Result<Planned, ImageError> {
        let bytes = fs::read(path).map_err(|err| read_error(path, &err))?;
        let source = inspect(path, &bytes)?;
        let quality = self.settings.quality.clamp(1, 100);
        let variants = match op {
            Operation::Responsive => responsive_variants(&source, &self.settings.widths, quality),
            Operation::Card { focus } => vec![card_variant(&source, *focus, quality)],
            Operation::Resize {
                width,
                height,
                op,
                format,
                quality: requested,
            } => {
                let format = format.unwrap_or(source.format);
                let quality = requested.unwrap_or(quality).clamp(1, 100);
                let (crop, content) = resize_geometry(&source, *width, *height, *op)?;
                if format == Format::WebP && (content.0 > MAX_SIDE || content.1 > MAX_SIDE) {
                    return Err(ImageError::new(
                        format!(
                            "resize of image `{}` to {}×{} is too large for WebP",
                            path.display(),
                            content.0,
                            content.1
                        ),
                        Some(format!("WebP allows at most {MAX_SIDE} pixels a side")),
                    ));
                }
                let recipe = Recipe {
                    geometry: Geometry {
                        crop,
                        content,
                        canvas: None,
                    },
                    quality: lossy_quality(format, quality),
                };
                vec![variant(
                    &source,
                    format,
                    recipe,
                    &format!("{}x{}", content.0, content.1),
                )]
            }
        };
        Ok(Planned {
            source,
            operation: op.clone(),
            variants,
        })
    }

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

// ---------------------------------------------------------------------------------------------
// Planning

fn read_error(path: &Path, err: &io::Error) -> ImageError {
    if err.kind() == io::ErrorKind::NotFound {
        ImageError::new(
            format!("image `{}` not found", path.display()),
            Some("check the file name and that the image is inside the article's folder; names are case-sensitive".into()),
        )
    } else {
        ImageError::new(
            format!("cannot read image `{}`: {err}", path.display()),
            None,
        )
    }
}

fn corrupt(path: &Path, detail: impl fmt::Display) -> ImageError {
    ImageError::new(
        format!(
            "image `{}` is corrupt or truncated: {detail}",
            path.display()
        ),
        Some(
            "open it in an image editor and save it again, or copy it again from its source".into(),
        ),
    )
}

fn inspect(path: &Path, bytes: &[u8]) -> Result<Source, ImageError> {
    if bytes.is_empty() {
        return Err(corrupt(path, "the file is empty"));
    }
    let decoder_format = sniff(path, bytes)?;
    let mut header = bytes;
    if decoder_format == ImageFormat::Jpeg {
        let scan_start = check_jpeg_complete(bytes).map_err(|detail| corrupt(path, detail))?;
        // The JPEG reader copies all it is given: give it the headers only.
        header = &bytes[..scan_start];
    }
    let mut reader = ImageReader::with_format(Cursor::new(header), decoder_format);
    // Headers only; the pixel limit is checked below, before anything is decoded.
    reader.limits(image::Limits::default());
    let mut decoder = reader.into_decoder().map_err(|err| corrupt(path, err))?;
    let (raw_width, raw_height) = decoder.dimensions();
    if raw_width == 0 || raw_height == 0 {
        return Err(corrupt(path, "it declares a size of zero pixels"));
    }
    let pixels = u64::from(raw_width) * u64::from(raw_height);
    if pixels > MAX_PIXELS {
        return Err(ImageError::new(
            format!(
                "image `{}` is {raw_width}×{raw_height} pixels ({} megapixels), over the limit of {} megapixels",
                path.display(),
                pixels / 1_000_000,
                MAX_PIXELS / 1_000_000
            ),
            Some("scale it down before adding it to the site (a few thousand pixels wide is plenty for the web)".into()),
        ));
    }
    // Broken EXIF is common and harmless: show the picture as stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let has_alpha = decoder.color_type().has_alpha();
    let (width, height) = if swaps_axes(orientation) {
        (raw_height, raw_width)
    } else {
        (raw_width, raw_height)
    };
    let format = match decoder_format {
        ImageFormat::Jpeg => Format::Jpeg,
        ImageFormat::WebP => Format::WebP,
        _ => Format::Png,
    };
    Ok(Source {
        path: path.to_path_buf(),
        hash: blake3::hash(bytes).to_hex().to_string(),
        width,
        height,
        format,
        has_alpha,
        decoder_format,
        orientation,
        raw_width,
        raw_height,
    })
}

/// The format from the bytes (not the extension), with a helpful word for formats phones and
/// design tools produce that we do not read.
fn sniff(path: &Path, bytes: &[u8]) -> Result<ImageFormat, ImageError> {
    let unsupported = |name: &str| {
        ImageError::new(
            format!(
                "image `{}` is in {name} format, which is not supported",
                path.display()
            ),
            Some(
                "save it as JPEG (photos) or PNG (drawings, screenshots); WebP and GIF also work"
                    .into(),
            ),
        )
    };
    match image::guess_format(bytes) {
        Ok(
            format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif),
        ) => Ok(format),
        Ok(other) => Err(unsupported(other.extensions_str().first().map_or(
            "an unknown",
            |ext| match *ext {
                "tif" | "tiff" => "TIFF",
                "bmp" => "BMP",
                "avif" => "AVIF",
                "ico" => "ICO",
                other => other,
            },
        ))),
        Err(_) => {
            let head = &bytes[..bytes.len().min(512)];
            if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
                let brand = &bytes[8..12];
                if [
                    b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1",
                ]
                .iter()
                .any(|b| brand == *b)
                {
                    return Err(unsupported("HEIC"));
                }
            }
            if contains(head, b"<svg") || (head.starts_with(b"<?xml") && contains(bytes, b"<svg")) {
                return Err(ImageError::new(
                    format!(
                        "image `{}` is an SVG drawing, which is not resized",
                        path.display()
                    ),
                    Some("link it as a file, or export it as PNG".into()),
                ));
            }
            Err(ImageError::new(
                format!(
                    "`{}` is not an image in a known format, or it is corrupt",
                    path.display()
                ),
                Some("use JPEG, PNG, WebP or GIF; if it opens elsewhere, save it again as JPEG or PNG".into()),
            ))
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Walks a JPEG's markers to its end-of-image marker, since the decoder fills a cut-off file
/// with grey without complaint. Returns where the first scan's data begins: everything the
/// header reader needs lies before it.
fn check_jpeg_complete(bytes: &[u8]) -> Result<usize, &'static str> {
    const TRUNCATED: &str = "the file ends before the end of the picture";
    let mut scan_start = None;
    let mut i = 2;
    loop {
        // Tolerate junk between segments, as libjpeg does: skip to the next 0xFF.
        while i < bytes.len() && bytes[i] != 0xFF {
            i += 1;
        }
        while i < bytes.len() && bytes[i] == 0xFF {
            i += 1;
        }
        let Some(&marker) = bytes.get(i) else {
            return Err(TRUNCATED);
        };
        i += 1;
        match marker {
            0xD9 => return scan_start.ok_or("the file has no picture data"),
            0x01 | 0xD0..=0xD8 => continue,
            _ => {}
        }
        let Some(length) = bytes.get(i..i + 2) else {
            return Err(TRUNCATED);
        };
        let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
        if length < 2 {
            return Err("a segment has an impossible length");
        }
        i += length;
        if i > bytes.len() {
            return Err(TRUNCATED);
        }
        if marker != 0xDA {
            continue;
        }
        if scan_start.is_none() {
            scan_start = Some(i);
            // A file that ends with its end marker is whole (a cut landing exactly there is
            // a 1 in 65536 chance); only others are scanned to the end.
            if bytes.ends_with(&[0xFF, 0xD9]) {
                return Ok(i);
            }
        }
        // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a
        // restart marker.
        loop {
            match bytes[i..].iter().position(|&b| b == 0xFF) {
                None => return Err(TRUNCATED),
                Some(offset) => {
                    i += offset;
                    match bytes.get(i + 1) {
                        None => return Err(TRUNCATED),
                        Some(0x00 | 0xD0..=0xD7 | 0xFF) => i += 1,
                        Some(_) => break,
                    }
                }
            }
        }
    }
}

fn swaps_axes(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

fn lossy_quality(format: Format, quality: u8) -> u8 {
    if format.is_lossy() { quality } else { 0 }
}

/// `numerator / denominator` of `value`, rounded, at least 1.
fn scale(value: u32, numerator: u32, denominator: u32) -> u32 {
    let d = u64::from(denominator.max(1));
    let scaled = (u64::from(value) * u64::from(numerator) + d / 2) / d;
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

fn full(source: &Source) -> Rect {
    Rect {
        x: 0,
        y: 0,
        width: source.width,
        height: source.height,
    }
}

fn responsive_variants(source: &Source, widths: &[u32], quality: u8) -> Vec<Variant> {
    let mut sizes: Vec<u32> = widths
        .iter()
        .map(|&w| w.min(source.width))
        .filter(|&w| w > 0)
        .collect();
    if sizes.is_empty() {
        sizes.push(source.width);
    }
    sizes.sort_unstable();
    sizes.dedup();
    let formats: &[Format] = if source.format == Format::WebP {
        &[Format::WebP]
    } else {
        &[source.format, Format::WebP]
    };
    let mut variants = Vec::new();
    for &format in formats {
        for &width in &sizes {
            let height = scale(source.height, width, source.width);
            if format == Format::WebP && (width > MAX_SIDE || height > MAX_SIDE) {
                continue;
            }
            let recipe = Recipe {
                geometry: Geometry {
                    crop: full(source),
                    content: (width, height),
                    canvas: None,
                },
                quality: lossy_quality(format, quality),
            };
            variants.push(variant(source, format, recipe, &width.to_string()));
        }
    }
    variants
}

/// The largest region of the card's aspect ratio, placed around the focus and kept inside.
fn crop_around(source: &Source, target: (u32, u32), focus: (f64, f64)) -> Rect {
    let (w, h) = (source.width, source.height);
    let (width, height) = if u64::from(w) * u64::from(target.1) > u64::from(h) * u64::from(target.0)
    {
        (scale(h, target.0, target.1).min(w), h)
    } else {
        (w, scale(w, target.1, target.0).min(h))
    };
    let place = |extent: u32, size: u32, at: f64| -> u32 {
        let start = (at * f64::from(extent) - f64::from(size) / 2.0).round();
        start.clamp(0.0, f64::from(extent - size)) as u32
    };
    Rect {
        x: place(w, width, focus.0),
        y: place(h, height, focus.1),
        width,
        height,
    }
}

fn card_variant(source: &Source, focus: Option<Focus>, quality: u8) -> Variant {
    let recipe = if source.width >= CARD_WIDTH && source.height >= CARD_HEIGHT {
        let focus = focus.map_or((0.5, 0.5), Focus::fractions);
        Recipe {
            geometry: Geometry {
                crop: crop_around(source, (CARD_WIDTH, CARD_HEIGHT), focus),
                content: (CARD_WIDTH, CARD_HEIGHT),
                canvas: None,
            },
            quality,
        }
    } else {
        // Shrink to fit if one side is too big, never enlarge.
        let fits = u64::from(source.width) * u64::from(CARD_HEIGHT)
            <= u64::from(source.height) * u64::from(CARD_WIDTH);
        let content = if source.height > CARD_HEIGHT && fits {
            (scale(source.width, CARD_HEIGHT, source.height), CARD_HEIGHT)
        } else if source.width > CARD_WIDTH {
            (CARD_WIDTH, scale(source.height, CARD_WIDTH, source.width))
        } else {
            (source.width, source.height)
        };
        Recipe {
            geometry: Geometry {
                crop: full(source),
                content: (content.0.min(CARD_WIDTH), content.1.min(CARD_HEIGHT)),
                canvas: Some((CARD_WIDTH, CARD_HEIGHT)),
            },
            quality,
        }
    };
    variant(source, Format::Jpeg, recipe, "card")
}

fn resize_geometry(
    source: &Source,
    width: Option<u32>,
    height: Option<u32>,
    op: ResizeOp,
) -> Result<(Rect, (u32, u32)), ImageError> {
    let (w, h) = (source.width, source.height);
    let op_name = ResizeOp::NAMES[op as usize];
    let need = |value: Option<u32>, what: &str| {
        value.filter(|&v| v > 0).ok_or_else(|| {
            ImageError::new(
                format!(
                    "resize of image `{}` with op `{op_name}` needs a {what}",
                    source.path.display()
                ),
                Some(format!("give `{what}` as a positive number of pixels")),
            )
        })
    };
    let (crop, content) = match op {
        ResizeOp::Fit => {
            let (bw, bh) = (need(width, "width")?, need(height, "height")?);
            let content = if w <= bw && h <= bh {
                (w, h)
            } else if u64::from(w) * u64::from(bh) > u64::from(h) * u64::from(bw) {
                (bw, scale(h, bw, w).min(bh))
            } else {
                (scale(w, bh, h).min(bw), bh)
            };
            (full(source), content)
        }
        ResizeOp::FitWidth => {
            let target = need(width, "width")?.min(w);
            (full(source), (target, scale(h, target, w)))
        }
        ResizeOp::FitHeight => {
            let target = need(height, "height")?.min(h);
            (full(source), (scale(w, target, h), target))
        }
        ResizeOp::Fill => {
            let target = (need(width, "width")?, need(height, "height")?);
            (crop_around(source, target, (0.5, 0.5)), target)
        }
        ResizeOp::Scale => (
            full(source),
            (need(width, "width")?, need(height, "height")?),
        ),
    };
    if u64::from(content.0) * u64::from(content.1) > MAX_PIXELS
        || content.0 > 65_535
        || content.1 > 65_535
    {
        return Err(ImageError::new(
            format!(
                "resize of image `{}` to {}×{} is too large",
                source.path.display(),
                content.0,
                content.1
            ),
            Some("ask for a smaller size".into()),
        ));
    }
    Ok((crop, content))
}

fn variant(source: &Source, format: Format, recipe: Recipe, size: &str) -> Variant {
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

fn is_variant_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() > 17 && bytes[..16].iter().all(u8::is_ascii_hexdigit) && bytes[16] == b'-'
}

// ---------------------------------------------------------------------------------------------
// Processing

/// A decoded source, as stored (not yet oriented), 8-bit RGB or RGBA.
struct Decoded {
    pixels: Vec<u8>,
    alpha: bool,
    to_srgb: Option<Arc<moxcms::Transform8BitExecutor>>,
}

/// Pixels ready to encode.
struct Pixels {
    data: Vec<u8>,
    width: u32,
    height: u32,
    alpha: bool,
}

fn decode(source: &Source, bytes: &[u8]) -> Result<Decoded, ImageError> {
    let path = &source.path;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), source.decoder_format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(65_535);
    limits.max_image_height = Some(65_535);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|err| corrupt(path, err))?;
    if decoder.dimensions() != (source.raw_width, source.raw_height) {
        return Err(ImageError::new(
            format!("image `{}` changed during the build", path.display()),
            Some("build again".into()),
        ));
    }
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder).map_err(|err| corrupt(path, err))?;
    let pixels = if source.has_alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    Ok(Decoded {
        pixels,
        alpha: source.has_alpha,
        to_srgb: icc.and_then(|icc| srgb_transform(&icc, source.has_alpha)),
    })
}

fn srgb_transform(icc: &[u8], alpha: bool) -> Option<Arc<moxcms::Transform8BitExecutor>> {
    let profile = moxcms::ColorProfile::new_from_slice(icc).ok()?;
    if profile.color_space != moxcms::DataColorSpace::Rgb {
        return None;
    }
    let layout = if alpha {
        moxcms::Layout::Rgba
    } else {
        moxcms::Layout::Rgb
    };
    profile
        .create_transform_8bit(
            layout,
            &moxcms::ColorProfile::new_srgb(),
            layout,
            moxcms::TransformOptions::default(),
        )
        .ok()
}

/// Maps a rectangle of the upright picture to the stored one. `orientation` tells how stored
/// pixels are turned to be upright; this is its inverse, applied to both corners.
fn stored_rect(rect: Rect, orientation: Orientation, raw: (u32, u32)) -> Rect {
    let (w, h) = (i64::from(raw.0), i64::from(raw.1));
    let to_stored = |x: i64, y: i64| -> (i64, i64) {
        match orientation {
            Orientation::NoTransforms => (x, y),
            Orientation::FlipHorizontal => (w - x, y),
            Orientation::Rotate180 => (w - x, h - y),
            Orientation::FlipVertical => (x, h - y),
            Orientation::Rotate90FlipH => (y, x),
            Orientation::Rotate90 => (y, h - x),
            Orientation::Rotate270FlipH => (w - y, h - x),
            Orientation::Rotate270 => (w - y, x),
        }
    };
    let (x0, y0) = (i64::from(rect.x), i64::from(rect.y));
    let (a, b) = (
        to_stored(x0, y0),
        to_stored(x0 + i64::from(rect.width), y0 + i64::from(rect.height)),
    );
    let clamp = |v: i64, max: i64| v.clamp(0, max) as u32;
    let (left, right) = (a.0.min(b.0), a.0.max(b.0));
    let (top, bottom) = (a.1.min(b.1), a.1.max(b.1));
    Rect {
        x: clamp(left, w),
        y: clamp(top, h),
        width: clamp(right - left, w).max(1),
        height: clamp(bottom - top, h).max(1),
    }
}

/// A reduction of the whole stored picture, kept to make smaller variants from: resizing
/// 4000 px to 480 px costs as much as to 1600 px, resizing 1600 px to 480 px a sixth of that.
struct Reduction {
    pixels: Vec<u8>,
    width: u32,
    height: u32,
}

fn render(
    source: &Source,
    decoded: &Decoded,
    geometry: Geometry,
    reductions: &mut Vec<Reduction>,
    resizer: &mut fr::Resizer,
) -> Result<Pixels, String> {
    let (raw_width, raw_height) = (source.raw_width, source.raw_height);
    let crop = stored_rect(geometry.crop, source.orientation, (raw_width, raw_height));
    let (width, height) = if swaps_axes(source.orientation) {
        (geometry.content.1, geometry.content.0)
    } else {
        geometry.content
    };
    let whole = crop
        == Rect {
            x: 0,
            y: 0,
            width: raw_width,
            height: raw_height,
        };
    // A reduction at least 1.5 times as large keeps all the detail the variant can show.
    let reduction = reductions
        .iter()
        .filter(|r| whole && 2 * r.width >= 3 * width && 2 * r.height >= 3 * height)
        .min_by_key(|r| r.width);
    let (plane, plane_size, crop) = match reduction {
        Some(r) => (
            &r.pixels,
            (r.width, r.height),
            Rect {
                x: 0,
                y: 0,
                width: r.width,
                height: r.height,
            },
        ),
        None => (&decoded.pixels, (raw_width, raw_height), crop),
    };
    let pixel_type = if decoded.alpha {
        fr::PixelType::U8x4
    } else {
        fr::PixelType::U8x3
    };
    let src = fr::images::ImageRef::new(plane_size.0, plane_size.1, plane, pixel_type)
        .map_err(|e| e.to_string())?;
    let mut dst = fr::images::Image::new(width, height, pixel_type);
    let options = fr::ResizeOptions::new()
        .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3))
        .crop(
            f64::from(crop.x),
            f64::from(crop.y),
            f64::from(crop.width),
            f64::from(crop.height),
        )
        .use_alpha(decoded.alpha);
    resizer
        .resize(&src, &mut dst, &options)
        .map_err(|e| e.to_string())?;
    let resized = dst.into_vec();
    if whole && width < raw_width && height < raw_height {
        reductions.push(Reduction {
            pixels: resized.clone(),
            width,
            height,
        });
    }
    let mut image = buffer_image(resized, width, height, decoded.alpha)?;
    image.apply_orientation(source.orientation);
    let (width, height) = (image.width(), image.height());
    let mut data = image.into_bytes();
    if let Some(transform) = &decoded.to_srgb {
        let mut converted = vec![0; data.len()];
        transform
            .transform(&data, &mut converted)
            .map_err(|e| e.to_string())?;
        data = converted;
    }
    let pixels = Pixels {
        data,
        width,
        height,
        alpha: decoded.alpha,
    };
    Ok(match geometry.canvas {
        Some(canvas) => on_background(&pixels, canvas),
        None => pixels,
    })
}

fn buffer_image(
    data: Vec<u8>,
    width: u32,
    height: u32,
    alpha: bool,
) -> Result<DynamicImage, String> {
    let mismatch = || "pixel buffer of the wrong size".to_string();
    Ok(if alpha {
        DynamicImage::ImageRgba8(RgbaImage::from_raw(width, height, data).ok_or_else(mismatch)?)
    } else {
        DynamicImage::ImageRgb8(RgbImage::from_raw(width, height, data).ok_or_else(mismatch)?)
    })
}

/// Blends an RGBA pixel over a background colour.
fn over(pixel: &[u8], background: [u8; 3]) -> [u8; 3] {
    let a = u32::from(pixel[3]);
    let mix = |c: u8, b: u8| ((u32::from(c) * a + u32::from(b) * (255 - a) + 127) / 255) as u8;
    [
        mix(pixel[0], background[0]),
        mix(pixel[1], background[1]),
        mix(pixel[2], background[2]),
    ]
}

/// RGB without alpha: transparent parts become white, as they would look on a page.
fn flatten(pixels: &Pixels) -> Vec<u8> {
    if !pixels.alpha {
        return pixels.data.clone();
    }
    pixels
        .data
        .chunks_exact(4)
        .flat_map(|p| over(p, [255, 255, 255]))
        .collect()
}

/// Centres the picture on a plain background of its mean colour (RGB).
fn on_background(pixels: &Pixels, (width, height): (u32, u32)) -> Pixels {
    let rgb = flatten(pixels);
    let count = (rgb.len() / 3).max(1) as u64;
    let mut sum = [0u64; 3];
    for p in rgb.chunks_exact(3) {
        for (s, &c) in sum.iter_mut().zip(p) {
            *s += u64::from(c);
        }
    }
    let background = sum.map(|s| (s / count) as u8);
    let mut data: Vec<u8> = background
        .iter()
        .copied()
        .cycle()
        .take(width as usize * height as usize * 3)
        .collect();
    let left = (width - pixels.width.min(width)) / 2;
    let top = (height - pixels.height.min(height)) / 2;
    let row = pixels.width.min(width) as usize * 3;
    for y in 0..pixels.height.min(height) as usize {
        let from = y * pixels.width as usize * 3;
        let to = ((top as usize + y) * width as usize + left as usize) * 3;
        data[to..to + row].copy_from_slice(&rgb[from..from + row]);
    }
    Pixels {
        data,
        width,
        height,
        alpha: false,
    }
}

fn encode(pixels: &Pixels, format: Format, quality: u8) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match format {
        Format::Jpeg => {
            let rgb = flatten(pixels);
            let (width, height) = (
                u16::try_from(pixels.width).map_err(|_| "too wide for JPEG")?,
                u16::try_from(pixels.height).map_err(|_| "too tall for JPEG")?,
            );
            // Below quality 90 chroma is subsampled 4:2:0, averaged as libjpeg does. Standard
            // Huffman tables: optimised ones save a tenth but zune-jpeg 0.5 (the `image`
            // crate's decoder) misreads them, and some reader of our files may use it.
            let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality.clamp(1, 100));
            encoder.set_chroma_subsampling_method(jpeg_encoder::ChromaSubsamplingMethod::Average);
            encoder
                .encode(&rgb, width, height, jpeg_encoder::ColorType::Rgb)
                .map_err(|e| e.to_string())?;
        }
        Format::Png => {
            let color = if pixels.alpha {
                ExtendedColorType::Rgba8
            } else {
                ExtendedColorType::Rgb8
            };
            PngEncoder::new_with_quality(&mut out, CompressionType::Default, PngFilter::Adaptive)
                .write_image(&pixels.data, pixels.width, pixels.height, color)
                .map_err(|e| e.to_string())?;
        }
        Format::WebP => {
            let layout = if pixels.alpha {
                webp::PixelLayout::Rgba
            } else {
                webp::PixelLayout::Rgb
            };
            let mut config =
                webp::WebPConfig::new().map_err(|()| "libwebp refused its own defaults")?;
            config.lossless = 0;
            config.quality = f32::from(quality.clamp(1, 100));
            config.method = 4;
            config.alpha_compression = 1;
            let memory = webp::Encoder::new(&pixels.data, layout, pixels.width, pixels.height)
                .encode_advanced(&config)
                .map_err(|e| format!("{e:?}"))?;
            out.extend_from_slice(&memory);
        }
    }
    Ok(out)
}

fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
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

// ---------------------------------------------------------------------------------------------
// HTML

/// `<picture>` for a Markdown image or the cover: a WebP `<source>` and an `<img>` with
/// `srcset`, `sizes`, `width`, `height` and `alt`; lazy unless `eager` (the cover, which gets
/// `fetchpriority="high"`); wrapped in `<figure>` with `<figcaption>` when captioned.
/// `alt` and `caption` are plain text and are escaped here.
pub fn picture_html(
    planned: &Planned,
    url_prefix: &str,
    alt: &str,
    caption: Option<&str>,
    eager: bool,
) -> String {
    let mut fallback: Vec<&Variant> = planned
        .variants
        .iter()
        .filter(|v| v.format == planned.source.format)
        .collect();
    if fallback.is_empty() {
        fallback = planned.variants.iter().collect();
    }
    let webp: Vec<&Variant> = planned
        .variants
        .iter()
        .filter(|v| v.format == Format::WebP && planned.source.format != Format::WebP)
        .collect();
    let srcset = |variants: &[&Variant]| {
        variants
            .iter()
            .map(|v| format!("{}{} {}w", escape(url_prefix), v.file_name, v.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let widest = fallback.iter().map(|v| v.width).max().unwrap_or(0);
    let shown = widest.min(COLUMN_WIDTH);
    let sizes = format!("(max-width: {shown}px) 100vw, {shown}px");
    // `src` (and the intrinsic size) is the smallest variant that fills the column.
    let main = fallback
        .iter()
        .filter(|v| v.width >= shown)
        .min_by_key(|v| v.width)
        .or_else(|| fallback.iter().max_by_key(|v| v.width));
    let caption = caption.map(str::trim).filter(|c| !c.is_empty());

    let mut html = String::new();
    if caption.is_some() {
        html.push_str("<figure>");
    }
    html.push_str("<picture>");
    if !webp.is_empty() {
        html.push_str(&format!(
            r#"<source type="image/webp" srcset="{}" sizes="{sizes}">"#,
            srcset(&webp)
        ));
    }
    let (src, width, height) = main.map_or((String::new(), 0, 0), |v| {
        (
            format!("{}{}", escape(url_prefix), v.file_name),
            v.width,
            v.height,
        )
    });
    let loading = if eager {
        r#"loading="eager" fetchpriority="high""#
    } else {
        r#"loading="lazy" decoding="async""#
    };
    html.push_str(&format!(
        r#"<img src="{src}" srcset="{}" sizes="{sizes}" width="{width}" height="{height}" alt="{}" {loading}>"#,
        srcset(&fallback),
        escape(alt)
    ));
    html.push_str("</picture>");
    if let Some(caption) = caption {
        html.push_str(&format!(
            "<figcaption>{}</figcaption></figure>",
            escape(caption)
        ));
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::jpeg::JpegEncoder;
    use image::{GenericImageView, ImageBuffer, Rgb, Rgba};

    fn settings(widths: &[u32]) -> ImageSettings {
        ImageSettings {
            widths: widths.to_vec(),
            quality: 80,
        }
    }

    /// A cache inside a temp dir, plus the dir for source files.
    fn pipeline(widths: &[u32]) -> (tempfile::TempDir, Pipeline) {
        let dir = tempfile::tempdir().unwrap();
        let pipeline = Pipeline::new(dir.path().join("cache"), settings(widths));
        (dir, pipeline)
    }

    /// Smooth gradients, a few shapes and mild noise: compresses like a photo.
    fn photo(width: u32, height: u32) -> RgbImage {
        let mut seed = 0x2545_f491_u32;
        ImageBuffer::from_fn(width, height, |x, y| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let noise = (seed % 13) as i32 - 6;
            let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
            let sun = ((fx - 0.7).powi(2) + (fy - 0.3).powi(2)).sqrt() < 0.12;
            let base = if sun {
                [250.0, 220.0, 120.0]
            } else if fy > 0.6 + 0.1 * (fx * 9.0).sin() {
                [40.0 + 60.0 * fx, 110.0 + 50.0 * fy, 50.0]
            } else {
                [90.0 + 80.0 * fy, 140.0 + 60.0 * fy, 230.0 - 40.0 * fx]
            };
            Rgb(base.map(|c| (c as i32 + noise).clamp(0, 255) as u8))
        })
    }

    fn jpeg_bytes(image: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 92)
            .write_image(
                image,
                image.width(),
                image.height(),
                ExtendedColorType::Rgb8,
            )
            .unwrap();
        out
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    const GPS_MARK: &[u8] = b"SECRET-GPS-21.3811N";

    /// An EXIF APP1 segment written by hand: IFD0 with Orientation and a GPS IFD pointer, the
    /// GPS IFD with latitude, plus an XMP APP1 naming the place.
    fn metadata_segments(orientation: u16) -> Vec<u8> {
        let mut tiff = Vec::new();
        tiff.extend(b"II*\0");
        tiff.extend(8u32.to_le_bytes());
        // IFD0 at 8: two entries, then the next-IFD offset; the GPS IFD follows at 38.
        tiff.extend(2u16.to_le_bytes());
        tiff.extend(0x0112u16.to_le_bytes());
        tiff.extend(3u16.to_le_bytes());
        tiff.extend(1u32.to_le_bytes());
        tiff.extend(orientation.to_le_bytes());
        tiff.extend(0u16.to_le_bytes());
        tiff.extend(0x8825u16.to_le_bytes());
        tiff.extend(4u16.to_le_bytes());
        tiff.extend(1u32.to_le_bytes());
        tiff.extend(38u32.to_le_bytes());
        tiff.extend(0u32.to_le_bytes());
        assert_eq!(tiff.len(), 38);
        // GPS IFD: LatitudeRef "N", Latitude three rationals at 68.
        tiff.extend(2u16.to_le_bytes());
        tiff.extend(0x0001u16.to_le_bytes());
        tiff.extend(2u16.to_le_bytes());
        tiff.extend(2u32.to_le_bytes());
        tiff.extend(b"N\0\0\0");
        tiff.extend(0x0002u16.to_le_bytes());
        tiff.extend(5u16.to_le_bytes());
        tiff.extend(3u32.to_le_bytes());
        tiff.extend(68u32.to_le_bytes());
        tiff.extend(0u32.to_le_bytes());
        assert_eq!(tiff.len(), 68);
        for (n, d) in [(21u32, 1u32), (22, 1), (518_765, 10_000)] {
            tiff.extend(n.to_le_bytes());
            tiff.extend(d.to_le_bytes());
        }
        let mut out = Vec::new();
        let mut segment = |payload: &[u8]| {
            out.extend([0xFF, 0xE1]);
            out.extend(u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
            out.extend(payload);
        };
        segment(&[b"Exif\0\0".as_slice(), &tiff].concat());
        let mut xmp =
            b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'>".to_vec();
        xmp.extend(GPS_MARK);
        xmp.extend(b"</x:xmpmeta>");
        segment(&xmp);
        out
    }

    fn with_metadata(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        [&jpeg[..2], &metadata_segments(orientation), &jpeg[2..]].concat()
    }

    fn assert_no_metadata(bytes: &[u8]) {
        for needle in [
            b"Exif\0\0".as_slice(),
            b"EXIF",
            b"eXIf",
            b"xmpmeta",
            b"XMP ",
            GPS_MARK,
            b"ICC_PROFILE",
            b"ICCP",
            b"iCCP",
            &518_765u32.to_le_bytes(),
        ] {
            assert!(
                !contains(bytes, needle),
                "output carries {:?}",
                String::from_utf8_lossy(needle)
            );
        }
    }

    fn decode_file(path: &Path) -> DynamicImage {
        image::open(path).unwrap()
    }

    fn plan_and_run(pipeline: &Pipeline, path: &Path, op: &Operation) -> Planned {
        let planned = pipeline.plan(path, op).unwrap();
        let report = pipeline.run(std::slice::from_ref(&planned));
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        planned
    }

    /// The error of `plan`, or else of `run`: corrupt data may show up in either.
    fn failure(pipeline: &Pipeline, path: &Path) -> ImageError {
        match pipeline.plan(path, &Operation::Responsive) {
            Err(error) => error,
            Ok(planned) => {
                let mut report = pipeline.run(std::slice::from_ref(&planned));
                assert_eq!(report.processed, 0);
                for variant in &planned.variants {
                    assert!(!pipeline.cached(variant).exists());
                }
                assert_eq!(report.errors.len(), 1, "expected an error for {path:?}");
                let (failed, error) = report.errors.remove(0);
                assert_eq!(failed, path);
                error
            }
        }
    }

    #[test]
    fn responsive_widths_are_capped_at_the_source() {
        let (dir, pipeline) = pipeline(&[100, 200, 400]);
        let cases: [(u32, u32, &[u32]); 3] = [
            (600, 450, &[100, 200, 400]),
            (300, 200, &[100, 200, 300]),
            (80, 60, &[80]),
        ];
        let defaults = Pipeline::new(dir.path().join("c"), settings(&[480, 960, 1600]));
        let small = write(dir.path(), "small.jpg", &jpeg_bytes(&photo(320, 240)));
        let planned = defaults.plan(&small, &Operation::Responsive).unwrap();
        let sizes: Vec<_> = planned
            .variants
            .iter()
            .map(|v| (v.width, v.height, v.format))
            .collect();
        assert_eq!(sizes, [(320, 240, Format::Jpeg), (320, 240, Format::WebP)]);
        for (width, height, expected) in cases {
            let path = write(
                dir.path(),
                &format!("p{width}.jpg"),
                &jpeg_bytes(&photo(width, height)),
            );
            let planned = plan_and_run(&pipeline, &path, &Operation::Responsive);
            for format in [Format::Jpeg, Format::WebP] {
                let widths: Vec<u32> = planned
                    .variants
                    .iter()
                    .filter(|v| v.format == format)
                    .map(|v| v.width)
                    .collect();
                assert_eq!(widths, expected, "{width}px source, {format:?}");
            }
            for variant in &planned.variants {
                let file = pipeline.cached(variant);
                assert!(variant.file_name.ends_with(&format!(
                    "-{}.{}",
                    variant.width,
                    variant.format.extension()
                )));
                assert_eq!(
                    image::guess_format(&fs::read(&file).unwrap()).unwrap(),
                    match variant.format {
                        Format::Jpeg => ImageFormat::Jpeg,
                        Format::Png => ImageFormat::Png,
                        Format::WebP => ImageFormat::WebP,
                    }
                );
                let decoded = decode_file(&file);
                assert_eq!(decoded.dimensions(), (variant.width, variant.height));
                assert_eq!(variant.height, scale(height, variant.width, width));
            }
        }
    }

    #[test]
    fn orientation_is_applied_and_metadata_removed() {
        // 50 is made from the reduction to 100, which must be oriented alike.
        let (dir, pipeline) = pipeline(&[50, 100, 400]);
        // Stored 400×200: top-left quarter red, the rest green. Orientation 6 turns it a
        // quarter clockwise, so the red corner ends up top-right of a 200×400 picture.
        let stored = ImageBuffer::from_fn(400, 200, |x, y| {
            if x < 200 && y < 100 {
                Rgb([230, 20, 20])
            } else {
                Rgb([20, 200, 40])
            }
        });
        let bytes = with_metadata(&jpeg_bytes(&stored), 6);
        let path = write(dir.path(), "turned.jpg", &bytes);
        let planned = pipeline.plan(&path, &Operation::Responsive).unwrap();
        assert_eq!((planned.source.width, planned.source.height), (200, 400));
        let card = pipeline
            .plan(&path, &Operation::Card { focus: None })
            .unwrap();
        let report = pipeline.run(&[planned.clone(), card.clone()]);
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        assert_eq!(report.processed, 7);
        for variant in planned.variants.iter().chain(&card.variants) {
            let bytes = fs::read(pipeline.cached(variant)).unwrap();
            assert_no_metadata(&bytes);
        }
        for variant in &planned.variants {
            let image = decode_file(&pipeline.cached(variant)).to_rgb8();
            let (w, h) = image.dimensions();
            assert_eq!((w, h), (variant.width, variant.width * 2));
            let top_right = image.get_pixel(w * 3 / 4, h / 8);
            let top_left = image.get_pixel(w / 4, h / 8);
            let bottom = image.get_pixel(w * 3 / 4, h * 7 / 8);
            assert!(top_right[0] > 180 && top_right[1] < 80, "{:?}", top_right);
            assert!(top_left[1] > 150 && top_left[0] < 80, "{:?}", top_left);
            assert!(bottom[1] > 150 && bottom[0] < 80, "{:?}", bottom);
        }
    }

    #[test]
    fn webp_is_smaller_than_jpeg_on_photos() {
        let (dir, pipeline) = pipeline(&[480, 960]);
        let path = write(dir.path(), "photo.jpg", &jpeg_bytes(&photo(1280, 960)));
        let planned = plan_and_run(&pipeline, &path, &Operation::Responsive);
        for width in [480, 960] {
            let size = |format| {
                let variant = planned
                    .variants
                    .iter()
                    .find(|v| v.width == width && v.format == format)
                    .unwrap();
                fs::metadata(pipeline.cached(variant)).unwrap().len()
            };
            let (webp, jpeg) = (size(Format::WebP), size(Format::Jpeg));
            assert!(
                webp < jpeg,
                "{width}px: WebP {webp} bytes, JPEG {jpeg} bytes"
            );
        }
    }

    #[test]
    fn png_keeps_alpha_and_stays_png() {
        let (dir, pipeline) = pipeline(&[64, 128]);
        let logo = ImageBuffer::from_fn(200, 100, |x, _| {
            if x < 100 {
                Rgba([200, 30, 30, 255])
            } else {
                Rgba([0, 0, 0, 0])
            }
        });
        let mut bytes = Vec::new();
        PngEncoder::new(&mut bytes)
            .write_image(&logo, 200, 100, ExtendedColorType::Rgba8)
            .unwrap();
        let path = write(dir.path(), "logo.png", &bytes);
        let planned = plan_and_run(&pipeline, &path, &Operation::Responsive);
        assert!(planned.source.has_alpha);
        assert_eq!(planned.source.format, Format::Png);
        let formats: HashSet<Format> = planned.variants.iter().map(|v| v.format).collect();
        assert_eq!(formats, HashSet::from([Format::Png, Format::WebP]));
        for variant in &planned.variants {
            let image = decode_file(&pipeline.cached(variant));
            assert!(image.color().has_alpha(), "{}", variant.file_name);
            let image = image.to_rgba8();
            let (w, h) = image.dimensions();
            assert_eq!(image.get_pixel(w - 2, h / 2)[3], 0, "{}", variant.file_name);
            let solid = image.get_pixel(2, h / 2);
            assert!(solid[3] == 255 && solid[0] > 170, "{solid:?}");
        }
    }

    #[test]
    fn gif_is_published_as_png_and_webp() {
        let (dir, pipeline) = pipeline(&[50]);
        let frame = ImageBuffer::from_pixel(80, 40, Rgba([10, 120, 200, 255]));
        let mut bytes = Vec::new();
        image::codecs::gif::GifEncoder::new(&mut bytes)
            .encode(frame.as_raw(), 80, 40, ExtendedColorType::Rgba8)
            .unwrap();
        let path = write(dir.path(), "anim.gif", &bytes);
        let planned = plan_and_run(&pipeline, &path, &Operation::Responsive);
        assert_eq!(planned.source.format, Format::Png);
        let names: Vec<&str> = planned
            .variants
            .iter()
            .map(|v| v.file_name.as_str())
            .collect();
        assert!(
            names[0].ends_with("-50.png") && names[1].ends_with("-50.webp"),
            "{names:?}"
        );
    }

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

    #[test]
    fn card_is_1200_by_630_for_large_and_small_sources() {
        let (dir, pipeline) = pipeline(&[100]);
        // Large and tall: the top fifth is red, the rest blue. A focus near the top keeps red.
        let tall = ImageBuffer::from_fn(1400, 2000, |_, y| {
            if y < 400 {
                Rgb([220, 30, 30])
            } else {
                Rgb([30, 30, 220])
            }
        });
        let tall = write(dir.path(), "tall.jpg", &jpeg_bytes(&tall));
        let top = plan_and_run(
            &pipeline,
            &tall,
            &Operation::Card {
                focus: Some(Focus::new(0.5, 0.0)),
            },
        );
        let centre = plan_and_run(&pipeline, &tall, &Operation::Card { focus: None });
        assert_ne!(top.variants[0].file_name, centre.variants[0].file_name);
        for (planned, red_on_top) in [(&top, true), (&centre, false)] {
            let variant = &planned.variants[0];
            assert_eq!(
                (variant.width, variant.height, variant.format),
                (1200, 630, Format::Jpeg)
            );
            let image = decode_file(&pipeline.cached(variant)).to_rgb8();
            assert_eq!(image.dimensions(), (1200, 630));
            let pixel = image.get_pixel(600, 20);
            assert_eq!(pixel[0] > 150, red_on_top, "{pixel:?}");
        }
        // Small: centred on a plain background.
        let small = write(dir.path(), "small.jpg", &jpeg_bytes(&photo(500, 300)));
        let card = plan_and_run(&pipeline, &small, &Operation::Card { focus: None });
        let image = decode_file(&pipeline.cached(&card.variants[0])).to_rgb8();
        assert_eq!(image.dimensions(), (1200, 630));
        let corners = [image.get_pixel(3, 3), image.get_pixel(1196, 626)];
        assert!(
            corners[0]
                .0
                .iter()
                .zip(corners[1].0)
                .all(|(a, b)| a.abs_diff(b) <= 3),
            "{corners:?}"
        );
        // Wide but low: shrunk to the card's width, never cropped.
        let strip = write(dir.path(), "strip.jpg", &jpeg_bytes(&photo(2400, 500)));
        let card = plan_and_run(&pipeline, &strip, &Operation::Card { focus: None });
        assert_eq!(card.variants[0].recipe.geometry.content, (1200, 250));
        assert_eq!(
            decode_file(&pipeline.cached(&card.variants[0])).dimensions(),
            (1200, 630)
        );
    }

    #[test]
    fn template_resize_ops() {
        let (dir, pipeline) = pipeline(&[100]);
        let path = write(dir.path(), "p.jpg", &jpeg_bytes(&photo(400, 300)));
        let resize = |width, height, op, format| Operation::Resize {
            width,
            height,
            op,
            format,
            quality: None,
        };
        let cases = [
            (
                resize(Some(200), Some(200), ResizeOp::Fit, None),
                (200, 150),
                Format::Jpeg,
            ),
            (
                resize(Some(800), Some(800), ResizeOp::Fit, None),
                (400, 300),
                Format::Jpeg,
            ),
            (
                resize(Some(100), None, ResizeOp::FitWidth, Some(Format::WebP)),
                (100, 75),
                Format::WebP,
            ),
            (
                resize(None, Some(150), ResizeOp::FitHeight, Some(Format::Png)),
                (200, 150),
                Format::Png,
            ),
            (
                resize(Some(120), Some(120), ResizeOp::Fill, None),
                (120, 120),
                Format::Jpeg,
            ),
            (
                resize(Some(50), Some(90), ResizeOp::Scale, None),
                (50, 90),
                Format::Jpeg,
            ),
        ];
        for (op, size, format) in cases {
            let planned = plan_and_run(&pipeline, &path, &op);
            let [variant] = planned.variants.as_slice() else {
                panic!("one variant")
            };
            assert_eq!(
                ((variant.width, variant.height), variant.format),
                (size, format),
                "{op:?}"
            );
            assert_eq!(decode_file(&pipeline.cached(variant)).dimensions(), size);
        }
        let error = pipeline
            .plan(&path, &resize(Some(100), None, ResizeOp::Fill, None))
            .unwrap_err();
        assert!(error.message.contains("needs a height"), "{error}");
        assert!("fit_width".parse::<ResizeOp>().is_ok());
        assert!(
            "stretch"
                .parse::<ResizeOp>()
                .unwrap_err()
                .hint
                .unwrap()
                .contains("fit_width")
        );
        assert_eq!("JPG".parse::<Format>().unwrap(), Format::Jpeg);
    }

    #[test]
    fn icc_profile_is_converted_to_srgb_and_dropped() {
        let (dir, pipeline) = pipeline(&[64]);
        let colour = [200u8, 100, 50];
        let image = ImageBuffer::from_pixel(64, 64, Rgb(colour));
        let mut bytes = Vec::new();
        let mut encoder = JpegEncoder::new_with_quality(&mut bytes, 95);
        let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
        encoder.set_icc_profile(p3).unwrap();
        encoder
            .write_image(&image, 64, 64, ExtendedColorType::Rgb8)
            .unwrap();
        assert!(contains(&bytes, b"ICC_PROFILE"));
        let path = write(dir.path(), "p3.jpg", &bytes);
        let planned = plan_and_run(&pipeline, &path, &Operation::Responsive);
        for variant in &planned.variants {
            let out = fs::read(pipeline.cached(variant)).unwrap();
            assert_no_metadata(&out);
            let pixel = *image::load_from_memory(&out)
                .unwrap()
                .to_rgb8()
                .get_pixel(32, 32);
            // Display P3 is wider: in sRGB the same orange is more saturated.
            assert!(
                pixel[0] > colour[0] + 5 && pixel[2] < colour[2] - 5,
                "{pixel:?}"
            );
        }
    }

    #[test]
    fn bad_files_give_errors_naming_the_image() {
        let (dir, pipeline) = pipeline(&[100]);
        let good = jpeg_bytes(&photo(300, 200));

        let missing = dir.path().join("missing.jpg");
        let error = failure(&pipeline, &missing);
        assert!(
            error.message.contains("missing.jpg") && error.message.contains("not found"),
            "{error}"
        );

        let garbage = write(dir.path(), "garbage.jpg", b"this is not a picture at all");
        let error = failure(&pipeline, &garbage);
        assert!(error.message.contains("garbage.jpg"), "{error}");

        let empty = write(dir.path(), "empty.png", b"");
        assert!(failure(&pipeline, &empty).message.contains("empty"));

        let truncated = write(dir.path(), "cut.jpg", &good[..good.len() * 6 / 10]);
        let error = failure(&pipeline, &truncated);
        assert!(
            error.message.contains("cut.jpg") && error.message.contains("truncated"),
            "{error}"
        );
        assert!(error.hint.is_some());

        // A JPEG whose scan data is overwritten: decodes to garbage or fails, never panics.
        let mut scrambled = good.clone();
        let start = scrambled.len() / 3;
        for (i, byte) in scrambled[start..start + 400].iter_mut().enumerate() {
            *byte = (i * 7) as u8;
        }
        let scrambled = write(dir.path(), "scrambled.jpg", &scrambled);
        let _ = pipeline
            .plan(&scrambled, &Operation::Responsive)
            .map(|p| pipeline.run(&[p]));

        let mut png = Vec::new();
        PngEncoder::new(&mut png)
            .write_image(&photo(120, 80), 120, 80, ExtendedColorType::Rgb8)
            .unwrap();
        let cut_png = write(dir.path(), "cut.png", &png[..png.len() / 2]);
        assert!(failure(&pipeline, &cut_png).message.contains("cut.png"));
        let mut bad_crc = png.clone();
        let idat = bad_crc.windows(4).position(|w| w == b"IDAT").unwrap();
        bad_crc[idat + 20] ^= 0x55;
        let bad_crc = write(dir.path(), "crc.png", &bad_crc);
        assert!(failure(&pipeline, &bad_crc).message.contains("crc.png"));

        let bomb = write(dir.path(), "bomb.png", &png_declaring(50_000, 50_000));
        let error = failure(&pipeline, &bomb);
        assert!(
            error.message.contains("bomb.png") && error.message.contains("50000×50000"),
            "{error}"
        );

        let tiff = write(dir.path(), "scan.tif", b"II*\0\x08\0\0\0\0\0\0\0\0\0\0\0");
        let error = failure(&pipeline, &tiff);
        assert!(
            error.message.contains("TIFF") && error.hint.is_some(),
            "{error}"
        );
        let heic = write(
            dir.path(),
            "phone.heic",
            b"\0\0\0\x18ftypheic\0\0\0\0mif1heic",
        );
        assert!(failure(&pipeline, &heic).message.contains("HEIC"));
    }

    /// A PNG whose header declares a huge size, followed by a tiny IDAT.
    fn png_declaring(width: u32, height: u32) -> Vec<u8> {
        fn crc32(bytes: &[u8]) -> u32 {
            let mut crc = !0u32;
            for &b in bytes {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        }
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8], data: &[u8]| {
            out.extend(u32::try_from(data.len()).unwrap().to_be_bytes());
            let body = [kind, data].concat();
            out.extend(&body);
            out.extend(crc32(&body).to_be_bytes());
        };
        let mut ihdr = Vec::new();
        ihdr.extend(width.to_be_bytes());
        ihdr.extend(height.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, 0]);
        chunk(b"IHDR", &ihdr);
        chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        chunk(b"IEND", &[]);
        out
    }

    #[test]
    fn jpeg_completeness() {
        let good = jpeg_bytes(&photo(64, 48));
        let scan_start = check_jpeg_complete(&good).unwrap();
        assert_eq!(&good[scan_start - 14..scan_start - 12], &[0xFF, 0xDA]);
        // Data after the end marker (camera trailers) is fine.
        assert_eq!(
            check_jpeg_complete(&[good.as_slice(), b"TRAILER"].concat()),
            Ok(scan_start)
        );
        for cut in [3, 30, good.len() / 2, good.len() - 2] {
            assert!(check_jpeg_complete(&good[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn picture_html_for_articles_and_covers() {
        let (dir, pipeline) = pipeline(&[480, 960, 1600]);
        let path = write(dir.path(), "p.jpg", &jpeg_bytes(&photo(1200, 900)));
        let planned = pipeline.plan(&path, &Operation::Responsive).unwrap();
        let name = |format: Format, width: u32| {
            planned
                .variants
                .iter()
                .find(|v| v.format == format && v.width == width)
                .unwrap()
                .file_name
                .clone()
        };
        let html = picture_html(
            &planned,
            "/img/",
            "Lễ kết nghĩa \"2023\" <b>",
            Some("Ảnh: Hồng Nga & đồng nghiệp"),
            false,
        );
        let expected = format!(
            concat!(
                r#"<figure><picture><source type="image/webp" srcset="/img/{w480} 480w, /img/{w960} 960w, /img/{w1200} 1200w" sizes="(max-width: 800px) 100vw, 800px">"#,
                r#"<img src="/img/{j960}" srcset="/img/{j480} 480w, /img/{j960} 960w, /img/{j1200} 1200w" sizes="(max-width: 800px) 100vw, 800px" width="960" height="720" alt="Lễ kết nghĩa &quot;2023&quot; &lt;b&gt;" loading="lazy" decoding="async"></picture>"#,
                r#"<figcaption>Ảnh: Hồng Nga &amp; đồng nghiệp</figcaption></figure>"#
            ),
            w480 = name(Format::WebP, 480),
            w960 = name(Format::WebP, 960),
            w1200 = name(Format::WebP, 1200),
            j480 = name(Format::Jpeg, 480),
            j960 = name(Format::Jpeg, 960),
            j1200 = name(Format::Jpeg, 1200),
        );
        assert_eq!(html, expected);

        let cover = picture_html(&planned, "/img/", "", None, true);
        assert!(cover.starts_with("<picture>") && cover.ends_with("</picture>"));
        assert!(cover.contains(r#"loading="eager" fetchpriority="high""#));
        assert!(!cover.contains("lazy") && !cover.contains("figure"));

        let small = write(dir.path(), "s.jpg", &jpeg_bytes(&photo(320, 240)));
        let small = pipeline.plan(&small, &Operation::Responsive).unwrap();
        let html = picture_html(&small, "/img/", "x", Some("  "), false);
        assert!(
            html.contains(r#"sizes="(max-width: 320px) 100vw, 320px""#),
            "{html}"
        );
        assert!(
            html.contains(r#"width="320" height="240""#) && !html.contains("figure"),
            "{html}"
        );
    }

    #[test]
    fn stored_rect_inverts_every_orientation() {
        // A 1-pixel-wide rectangle at the upright top-left must map to the stored pixels
        // that `apply_orientation` moves there.
        let (w, h) = (6u32, 4u32);
        let stored = ImageBuffer::from_fn(w, h, |x, y| image::Luma([(y * w + x) as u8]));
        for exif in 1..=8 {
            let orientation = Orientation::from_exif(exif).unwrap();
            let mut upright = DynamicImage::ImageLuma8(stored.clone());
            upright.apply_orientation(orientation);
            let upright = upright.to_luma8();
            for (ux, uy) in [(0, 0), (upright.width() - 1, 0), (1, upright.height() - 1)] {
                let rect = stored_rect(
                    Rect {
                        x: ux,
                        y: uy,
                        width: 1,
                        height: 1,
                    },
                    orientation,
                    (w, h),
                );
                assert_eq!((rect.width, rect.height), (1, 1));
                assert_eq!(
                    stored.get_pixel(rect.x, rect.y),
                    upright.get_pixel(ux, uy),
                    "orientation {exif} at ({ux}, {uy})"
                );
            }
        }
    }
}
