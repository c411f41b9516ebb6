//! Which region of a source becomes which size: responsive widths, the social card's crop or
//! background, template resize ops, and how the upright picture maps to the stored one under
//! EXIF orientation.

use image::metadata::Orientation;

use super::cache::variant;
use super::{
    Focus, Format, Geometry, ImageError, MAX_PIXELS, Recipe, Rect, ResizeOp, Source, Variant,
};

/// Largest side any output may have (WebP's own limit is 16383).
const MAX_SIDE: u32 = 16_383;
const CARD_WIDTH: u32 = 1200;
const CARD_HEIGHT: u32 = 630;

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

pub(super) fn responsive_variants(source: &Source, widths: &[u32], quality: u8) -> Vec<Variant> {
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

pub(super) fn card_variant(source: &Source, focus: Option<Focus>, quality: u8) -> Variant {
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

/// The one variant of a template's `resize_image(...)`.
pub(super) fn resize_variant(
    source: &Source,
    width: Option<u32>,
    height: Option<u32>,
    op: ResizeOp,
    format: Format,
    quality: u8,
) -> Result<Variant, ImageError> {
    let (crop, content) = resize_geometry(source, width, height, op)?;
    if format == Format::WebP && (content.0 > MAX_SIDE || content.1 > MAX_SIDE) {
        return Err(ImageError::new(
            format!(
                "resize of image `{}` to {}×{} is too large for WebP",
                source.path.display(),
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
    Ok(variant(
        source,
        format,
        recipe,
        &format!("{}x{}", content.0, content.1),
    ))
}

/// Whether the picture is stored a quarter turn from upright (width and height swap).
pub(super) fn swaps_axes(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Maps a rectangle of the upright picture to the stored one. `orientation` tells how stored
/// pixels are turned to be upright; this is its inverse, applied to both corners.
pub(super) fn stored_rect(rect: Rect, orientation: Orientation, raw: (u32, u32)) -> Rect {
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
#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::fixtures::*;
    use crate::images::{Operation, Pipeline};
    use image::{DynamicImage, GenericImageView, ImageBuffer, ImageFormat, Rgb};
    use std::fs;

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
