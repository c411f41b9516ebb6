//! Making a variant's pixels from the decoded source: crop and Lanczos3 resize (from a
//! smaller reduction when one will do), orientation, sRGB, and a small card's background.

use fast_image_resize as fr;
use image::{DynamicImage, RgbImage, RgbaImage};

use super::decode::Decoded;
use super::geometry::{stored_rect, swaps_axes};
use super::{Geometry, Rect, Source};

/// Pixels ready to encode.
pub(super) struct Pixels {
    pub(super) data: Vec<u8>,
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) alpha: bool,
}

/// A reduction of the whole stored picture, kept to make smaller variants from: resizing
/// 4000 px to 480 px costs as much as to 1600 px, resizing 1600 px to 480 px a sixth of that.
pub(super) struct Reduction {
    pixels: Vec<u8>,
    width: u32,
    height: u32,
}

pub(super) fn render(
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
pub(super) fn flatten(pixels: &Pixels) -> Vec<u8> {
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
#[cfg(test)]
mod tests {
    use crate::images::Operation;
    use crate::images::fixtures::*;
    use image::{ImageBuffer, Rgb};
    use std::fs;

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
}
