//! Decoding a source once, under limits, with the sRGB transform its ICC profile asks for.

use std::io::Cursor;
use std::sync::Arc;

use image::{DynamicImage, ImageDecoder, ImageReader};

use super::probe::corrupt;
use super::{ImageError, MAX_PIXELS, Source};

/// Decoded bytes the decoder may allocate: 100 megapixels of 16-bit RGBA.
const MAX_DECODE_ALLOC: u64 = MAX_PIXELS * 8;

/// A decoded source, as stored (not yet oriented), 8-bit RGB or RGBA.
pub(super) struct Decoded {
    pub(super) pixels: Vec<u8>,
    pub(super) alpha: bool,
    pub(super) to_srgb: Option<Arc<moxcms::Transform8BitExecutor>>,
}

pub(super) fn decode(source: &Source, bytes: &[u8]) -> Result<Decoded, ImageError> {
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
#[cfg(test)]
mod tests {
    use crate::images::Operation;
    use crate::images::fixtures::*;
    use crate::images::probe::contains;
    use image::codecs::jpeg::JpegEncoder;
    use image::{ExtendedColorType, ImageBuffer, ImageEncoder, Rgb};
    use std::fs;

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
}
