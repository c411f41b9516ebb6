//! Reading what a picture is without decoding its pixels: the format from its bytes, the
//! header's size and EXIF orientation, whether a JPEG is whole, and errors naming the file.

use std::fmt;
use std::io::{self, Cursor};
use std::path::Path;

use image::metadata::Orientation;
use image::{ImageDecoder, ImageFormat, ImageReader};

use super::geometry::swaps_axes;
use super::{Format, ImageError, MAX_PIXELS, Source};

pub(super) fn read_error(path: &Path, err: &io::Error) -> ImageError {
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

pub(super) fn corrupt(path: &Path, detail: impl fmt::Display) -> ImageError {
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

pub(super) fn inspect(path: &Path, bytes: &[u8]) -> Result<Source, ImageError> {
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

pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
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
#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::Operation;
    use crate::images::fixtures::*;
    use image::codecs::png::PngEncoder;
    use image::{ExtendedColorType, ImageBuffer, ImageEncoder, Rgba};

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
}
