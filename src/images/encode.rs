//! Encoding pixels as JPEG, PNG or WebP at a quality. Only pixels go in, so no metadata of
//! the source can come out.

use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::{ExtendedColorType, ImageEncoder};

use super::Format;
use super::resize::{Pixels, flatten};

pub(super) fn encode(pixels: &Pixels, format: Format, quality: u8) -> Result<Vec<u8>, String> {
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
#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::Operation;
    use crate::images::fixtures::*;
    use image::{ImageBuffer, Rgba};
    use std::collections::HashSet;
    use std::fs;

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
}
