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
//!
//! Rooms: `probe` reads what a picture is (plan time, no pixels); `geometry` says which region
//! of it becomes which size; `cache` names variants by content and keeps the cache folder;
//! `batch` runs the plans through `decode`, `resize` and `encode`. This file holds the types
//! they hand each other and [`Pipeline::plan`]; the `<picture>` markup is `render::picture`.

mod batch;
mod cache;
mod decode;
mod encode;
#[cfg(test)]
pub(crate) mod fixtures;
mod geometry;
mod probe;
mod resize;

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use image::ImageFormat;
use image::metadata::Orientation;

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

/// The folder of the output where picture variants are published.
pub const IMAGE_DIR: &str = "img";

/// Raster pictures the image pipeline publishes (never as the original file).
pub fn is_image_name(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp", ".gif"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

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
        let bytes = fs::read(path).map_err(|err| probe::read_error(path, &err))?;
        let source = probe::inspect(path, &bytes)?;
        let quality = self.settings.quality.clamp(1, 100);
        let variants = match op {
            Operation::Responsive => {
                geometry::responsive_variants(&source, &self.settings.widths, quality)
            }
            Operation::Card { focus } => vec![geometry::card_variant(&source, *focus, quality)],
            Operation::Resize {
                width,
                height,
                op,
                format,
                quality: requested,
            } => {
                let format = format.unwrap_or(source.format);
                let quality = requested.unwrap_or(quality).clamp(1, 100);
                vec![geometry::resize_variant(
                    &source, *width, *height, *op, format, quality,
                )?]
            }
        };
        Ok(Planned {
            source,
            operation: op.clone(),
            variants,
        })
    }
}
