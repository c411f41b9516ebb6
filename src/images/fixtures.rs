//! Pictures and pipelines for the image tests: photo-like pixels, JPEGs carrying EXIF and
//! XMP by hand, and helpers that plan, run and collect errors.

use std::fs;
use std::path::{Path, PathBuf};

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ExtendedColorType, ImageBuffer, ImageEncoder, Rgb, RgbImage};

use super::probe::contains;
use super::{ImageError, ImageSettings, Operation, Pipeline, Planned};

pub(crate) fn settings(widths: &[u32]) -> ImageSettings {
    ImageSettings {
        widths: widths.to_vec(),
        quality: 80,
    }
}

/// A cache inside a temp dir, plus the dir for source files.
pub(crate) fn pipeline(widths: &[u32]) -> (tempfile::TempDir, Pipeline) {
    let dir = tempfile::tempdir().unwrap();
    let pipeline = Pipeline::new(dir.path().join("cache"), settings(widths));
    (dir, pipeline)
}

/// Smooth gradients, a few shapes and mild noise: compresses like a photo.
pub(crate) fn photo(width: u32, height: u32) -> RgbImage {
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

pub(crate) fn jpeg_bytes(image: &RgbImage) -> Vec<u8> {
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

pub(crate) fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

pub(crate) const GPS_MARK: &[u8] = b"SECRET-GPS-21.3811N";

/// An EXIF APP1 segment written by hand: IFD0 with Orientation and a GPS IFD pointer, the
/// GPS IFD with latitude, plus an XMP APP1 naming the place.
pub(crate) fn metadata_segments(orientation: u16) -> Vec<u8> {
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
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'>".to_vec();
    xmp.extend(GPS_MARK);
    xmp.extend(b"</x:xmpmeta>");
    segment(&xmp);
    out
}

pub(crate) fn with_metadata(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    [&jpeg[..2], &metadata_segments(orientation), &jpeg[2..]].concat()
}

pub(crate) fn assert_no_metadata(bytes: &[u8]) {
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

pub(crate) fn decode_file(path: &Path) -> DynamicImage {
    image::open(path).unwrap()
}

pub(crate) fn plan_and_run(pipeline: &Pipeline, path: &Path, op: &Operation) -> Planned {
    let planned = pipeline.plan(path, op).unwrap();
    let report = pipeline.run(std::slice::from_ref(&planned));
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    planned
}

/// The error of `plan`, or else of `run`: corrupt data may show up in either.
pub(crate) fn failure(pipeline: &Pipeline, path: &Path) -> ImageError {
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
