//! The image pipeline end to end. Pictures are generated here (a phone photo turned by
//! EXIF orientation 6 and carrying GPS tags, a PNG with alpha, a tiny icon, a photo-like
//! gradient, broken files), go through the real `mekong build`, and what comes out is
//! decoded and measured: sizes, orientation, metadata, formats, the `<picture>` markup,
//! the share card, the cache (through the build report, never timing) and the errors.

mod common;
use common::*;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageFormat, Rgb, RgbImage, Rgba,
    RgbaImage,
};

// ---------------------------------------------------------------------------------------
// Fixtures

/// `SITE_YAML` with its own `images:` settings.
fn site_with_widths(widths: &[u32]) -> Site {
    let site = Site::new();
    let widths: Vec<String> = widths.iter().map(u32::to_string).collect();
    site.file(
        "site.yaml",
        &format!(
            "{SITE_YAML}images: {{ widths: [{}], quality: 80 }}\n",
            widths.join(", ")
        ),
    );
    site
}

/// Smooth gradients, a few shapes and mild noise: compresses like a photo.
fn photo(width: u32, height: u32) -> RgbImage {
    let mut seed = 0x2545_f491_u32;
    RgbImage::from_fn(width, height, |x, y| {
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
        .expect("encode a JPEG");
    out
}

fn png_rgba_bytes(image: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image,
            image.width(),
            image.height(),
            ExtendedColorType::Rgba8,
        )
        .expect("encode a PNG");
    out
}

fn png_rgb_bytes(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image,
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .expect("encode a PNG");
    out
}

/// A marker only the source's metadata carries: no published file may contain it.
const GPS_MARK: &[u8] = b"SECRET-GPS-21.3811N";
/// The third latitude rational's numerator, as stored in the EXIF GPS IFD.
const LATITUDE_SECONDS: u32 = 518_765;

/// An EXIF APP1 segment written by hand (IFD0 with Orientation and a GPS IFD pointer, the
/// GPS IFD with a latitude), plus an XMP APP1 naming the place.
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
    for (n, d) in [(21u32, 1u32), (22, 1), (LATITUDE_SECONDS, 10_000)] {
        tiff.extend(n.to_le_bytes());
        tiff.extend(d.to_le_bytes());
    }
    let mut out = Vec::new();
    let mut segment = |payload: &[u8]| {
        out.extend([0xFF, 0xE1]);
        out.extend(
            u16::try_from(payload.len() + 2)
                .expect("a short segment")
                .to_be_bytes(),
        );
        out.extend(payload);
    };
    segment(&[b"Exif\0\0".as_slice(), &tiff].concat());
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'>".to_vec();
    xmp.extend(GPS_MARK);
    xmp.extend(b"</x:xmpmeta>");
    segment(&xmp);
    out
}

/// A JPEG with the EXIF and XMP segments of [`metadata_segments`] right after its SOI.
fn with_metadata(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    [&jpeg[..2], &metadata_segments(orientation), &jpeg[2..]].concat()
}

/// CRC-32 (IEEE, as PNG chunks use it), bit by bit.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
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

/// A decompression bomb: a valid PNG signature and IHDR (correct CRC) declaring
/// `width`×`height` RGB pixels, then a tiny IDAT and IEND.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend(
            u32::try_from(data.len())
                .expect("a short chunk")
                .to_be_bytes(),
        );
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

// ---------------------------------------------------------------------------------------
// Reading what came out

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `(url, width)` pairs of a `srcset` attribute (`/img/a-480.jpg 480w, …`).
fn srcset(value: &str) -> Vec<(String, u32)> {
    value
        .split(',')
        .map(str::trim)
        .filter(|candidate| !candidate.is_empty())
        .map(|candidate| {
            let (url, descriptor) = candidate
                .rsplit_once(' ')
                .unwrap_or_else(|| panic!("srcset candidate without a width: `{candidate}`"));
            let width = descriptor
                .strip_suffix('w')
                .and_then(|w| w.parse().ok())
                .unwrap_or_else(|| panic!("not a width descriptor: `{descriptor}`"));
            (url.to_string(), width)
        })
        .collect()
}

/// The bytes of the published file behind a link.
fn published(site: &Site, url: &str) -> Vec<u8> {
    let rel = file_for_url(url).unwrap_or_else(|| panic!("`{url}` is not a link into the site"));
    std::fs::read(site.public(&rel)).unwrap_or_else(|e| {
        panic!(
            "`{url}` leads to no published file (public/{rel}: {e})\npublished files:\n{}",
            site.listing()
        )
    })
}

/// A published picture, decoded, with the format its bytes (not its name) are in.
fn decode(bytes: &[u8], what: &str) -> (DynamicImage, ImageFormat) {
    let format = image::guess_format(bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
    let picture = image::load_from_memory(bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
    (picture, format)
}

/// The format a variant's file name promises.
fn format_of(url: &str) -> ImageFormat {
    match url.rsplit_once('.').map(|(_, ext)| ext) {
        Some("jpg") => ImageFormat::Jpeg,
        Some("png") => ImageFormat::Png,
        Some("webp") => ImageFormat::WebP,
        other => panic!("unexpected extension {other:?} in `{url}`"),
    }
}

/// No EXIF (GPS included), XMP or ICC data in a published file, by its bytes and by what
/// a decoder finds; and nothing that would turn the picture again.
fn assert_no_metadata(bytes: &[u8], what: &str) {
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
        &LATITUDE_SECONDS.to_le_bytes(),
    ] {
        assert!(
            !contains(bytes, needle),
            "{what} carries {:?}",
            String::from_utf8_lossy(needle)
        );
    }
    let mut decoder = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .expect("read from memory")
        .into_decoder()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(
        decoder.exif_metadata().ok().flatten(),
        None,
        "{what} has EXIF"
    );
    assert_eq!(
        decoder.icc_profile().ok().flatten(),
        None,
        "{what} has a colour profile"
    );
    assert_eq!(
        decoder.orientation().ok(),
        Some(image::metadata::Orientation::NoTransforms),
        "{what} asks to be turned"
    );
}

/// One `<picture>` as published: the WebP `<source>` and the `<img>`.
#[derive(Debug)]
struct Picture {
    webp: Vec<(String, u32)>,
    source_sizes: Option<String>,
    img: Vec<(String, u32)>,
    src: String,
    attrs: std::collections::BTreeMap<String, String>,
}

impl Picture {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }

    /// `width` and `height` of the `<img>`, as numbers.
    fn size(&self) -> (u32, u32) {
        let number = |name: &str| -> u32 {
            self.attr(name)
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("<img> without a numeric `{name}`: {self:?}"))
        };
        (number("width"), number("height"))
    }
}

/// Every `<picture>` matching `css` (e.g. `.article-body picture`).
fn pictures(html: &Html, css: &str) -> Vec<Picture> {
    select(html, css)
        .into_iter()
        .map(|picture| {
            let sources: Vec<ElementRef> = picture.select(&selector("source")).collect();
            let webp = sources
                .iter()
                .find(|s| s.value().attr("type") == Some("image/webp"));
            let img = picture
                .select(&selector("img"))
                .next()
                .unwrap_or_else(|| panic!("<picture> without <img>: {}", picture.html()));
            let attrs = img
                .value()
                .attrs()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            Picture {
                webp: webp
                    .and_then(|s| s.value().attr("srcset"))
                    .map(srcset)
                    .unwrap_or_default(),
                source_sizes: webp
                    .and_then(|s| s.value().attr("sizes"))
                    .map(str::to_string),
                img: img.value().attr("srcset").map(srcset).unwrap_or_default(),
                src: img.value().attr("src").unwrap_or_default().to_string(),
                attrs,
            }
        })
        .collect()
}

/// The one `<picture>` matching `css`.
fn picture(html: &Html, css: &str) -> Picture {
    let mut found = pictures(html, css);
    assert_eq!(found.len(), 1, "expected one `{css}`, found {found:?}");
    found.remove(0)
}

/// `(processed, reused)` from the build's summary line (`images N processed / M reused`).
fn image_counts(out: &Output) -> (usize, usize) {
    let line = out
        .stdout
        .lines()
        .find(|line| line.contains(" processed / "))
        .unwrap_or_else(|| panic!("no summary line with image counts:\n{}", out.stdout));
    let start = line.find("images ").expect("the counts follow `images`") + "images ".len();
    let words: Vec<&str> = line[start..].split_whitespace().take(5).collect();
    match words.as_slice() {
        [processed, "processed", "/", reused, reused_word]
            if reused_word.trim_end_matches([',', '.']) == "reused" =>
        {
            (
                processed.parse().expect("a count"),
                reused.parse().expect("a count"),
            )
        }
        _ => panic!("cannot read the image counts in `{line}`"),
    }
}

/// Every picture variant under `public/img/` (`<16 hex digits>-<size>.<ext>`; the
/// theme's own files there are left out), with its bytes.
fn variants(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(&site.public("img"))
        .into_iter()
        .filter(|(name, _)| {
            name.split_once('-').is_some_and(|(hash, _)| {
                hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit())
            })
        })
        .collect()
}

fn close(a: Rgb<u8>, b: [u8; 3], tolerance: u8) -> bool {
    a.0.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= tolerance)
}

// ---------------------------------------------------------------------------------------
// What a build publishes

#[test]
fn exif_orientation_is_applied_and_gps_stripped() {
    let site = site_with_widths(&[160, 320, 640]);
    // Stored 800×400 as a phone writes it: the top-left quarter red, the rest green.
    // Orientation 6 turns it a quarter clockwise, so readers must see a 400×800 picture
    // with the red corner at the top right.
    let stored = RgbImage::from_fn(800, 400, |x, y| {
        if x < 400 && y < 200 {
            Rgb([230, 20, 20])
        } else {
            Rgb([20, 200, 40])
        }
    });
    site.bytes(
        "content/news/x/dien-thoai.jpg",
        &with_metadata(&jpeg_bytes(&stored), 6),
    );
    site.article(
        "news/x",
        "vi",
        "Ảnh chụp bằng điện thoại",
        "2023-12-08",
        "",
        "![Chợ biên giới](dien-thoai.jpg)\n",
    );
    site.build_ok(&[]);

    let page = site.html("vi/news/x/index.html");
    let shown = picture(&page, ".article-body picture");
    let (width, height) = shown.size();
    assert_eq!(height, 2 * width, "the <img> is upright: {shown:?}");
    for (what, candidates) in [("WebP", &shown.webp), ("fallback", &shown.img)] {
        let mut widths: Vec<u32> = candidates.iter().map(|(_, w)| *w).collect();
        widths.sort_unstable();
        assert_eq!(
            widths,
            [160, 320, 400],
            "{what} widths: the configured ones, capped at the 400 px upright width"
        );
    }
    assert!(
        shown.webp.iter().all(|(url, _)| url.ends_with(".webp")),
        "{shown:?}"
    );
    assert!(
        shown.img.iter().all(|(url, _)| url.ends_with(".jpg")),
        "the fallback stays JPEG: {shown:?}"
    );
    for (url, width) in shown.webp.iter().chain(&shown.img) {
        assert!(
            url.starts_with("/img/") && url.contains(&format!("-{width}.")),
            "variants are published as /img/<hash>-<width>.<ext>: {url}"
        );
        let bytes = published(&site, url);
        let (decoded, format) = decode(&bytes, url);
        assert_eq!(
            format,
            format_of(url),
            "{url} is in the format its name says"
        );
        assert_eq!(
            (decoded.width(), decoded.height()),
            (*width, 2 * width),
            "{url}"
        );
        let rgb = decoded.to_rgb8();
        let (w, h) = rgb.dimensions();
        let top_right = *rgb.get_pixel(w * 3 / 4, h / 8);
        let top_left = *rgb.get_pixel(w / 4, h / 8);
        let bottom = *rgb.get_pixel(w * 3 / 4, h * 7 / 8);
        assert!(
            top_right[0] > 180 && top_right[1] < 80,
            "{url}: red at the top right, found {top_right:?}"
        );
        assert!(
            top_left[1] > 150 && top_left[0] < 80,
            "{url}: green at the top left, found {top_left:?}"
        );
        assert!(
            bottom[1] > 150 && bottom[0] < 80,
            "{url}: green at the bottom, found {bottom:?}"
        );
        assert_no_metadata(&bytes, url);
    }
    // Nothing anywhere in the output carries the location: the original is not
    // published as it is.
    for (path, bytes) in tree(&site.root().join("public")) {
        assert!(
            !contains(&bytes, GPS_MARK) && !contains(&bytes, &LATITUDE_SECONDS.to_le_bytes()),
            "public/{path} carries the photo's GPS position"
        );
    }
}

#[test]
fn png_with_alpha_stays_png_and_keeps_transparency() {
    let site = site_with_widths(&[64, 128, 640]);
    // Left half opaque red, right half fully transparent.
    let logo = RgbaImage::from_fn(200, 100, |x, _| {
        if x < 100 {
            Rgba([200, 30, 30, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    site.bytes("content/news/x/logo.png", &png_rgba_bytes(&logo));
    site.article(
        "news/x",
        "vi",
        "Biểu trưng",
        "2023-12-08",
        "",
        "![Biểu trưng của tỉnh](logo.png)\n",
    );
    site.build_ok(&[]);

    let shown = picture(&site.html("vi/news/x/index.html"), ".article-body picture");
    assert!(
        shown.src.ends_with(".png") && shown.img.iter().all(|(url, _)| url.ends_with(".png")),
        "the fallback of a PNG is PNG: {shown:?}"
    );
    assert!(!shown.webp.is_empty(), "a WebP <source> too: {shown:?}");
    let widths: Vec<u32> = shown.img.iter().map(|(_, w)| *w).collect();
    assert_eq!(widths, [64, 128, 200], "never wider than the source");
    for (url, width) in shown.webp.iter().chain(&shown.img) {
        let bytes = published(&site, url);
        let (decoded, format) = decode(&bytes, url);
        assert_eq!(format, format_of(url), "{url}");
        assert_eq!(
            (decoded.width(), decoded.height()),
            (*width, width / 2),
            "{url}"
        );
        assert!(decoded.color().has_alpha(), "{url} lost its alpha channel");
        let rgba = decoded.to_rgba8();
        let (w, h) = rgba.dimensions();
        let clear = rgba.get_pixel(w - 2, h / 2);
        let solid = rgba.get_pixel(2, h / 2);
        assert_eq!(clear[3], 0, "{url}: the right edge stays transparent");
        assert!(
            solid[3] == 255 && solid[0] > 170 && solid[1] < 70,
            "{url}: the left edge stays opaque red, found {solid:?}"
        );
        assert_no_metadata(&bytes, url);
    }
}

#[test]
fn a_tiny_image_is_never_upscaled() {
    // The default widths (480, 960, 1600) and an 8×6 icon.
    let site = Site::new();
    site.image("content/news/x/icon.png", 8, 6);
    site.article(
        "news/x",
        "vi",
        "Biểu tượng",
        "2023-12-08",
        "",
        "![Biểu tượng nhỏ](icon.png)\n",
    );
    site.build_ok(&[]);

    let shown = picture(&site.html("vi/news/x/index.html"), ".article-body picture");
    assert_eq!(shown.size(), (8, 6), "{shown:?}");
    assert_eq!(
        shown.img.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
        [8],
        "one fallback, at the source's own width: {shown:?}"
    );
    assert_eq!(
        shown.webp.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
        [8],
        "one WebP, at the source's own width: {shown:?}"
    );
    for (url, _) in shown.webp.iter().chain(&shown.img) {
        let (decoded, _) = decode(&published(&site, url), url);
        assert_eq!((decoded.width(), decoded.height()), (8, 6), "{url}");
    }
    let files = variants(&site);
    assert!(
        files.keys().all(|name| !name.contains("-480.")
            && !name.contains("-960.")
            && !name.contains("-1600.")),
        "no variant is wider than the source: {:?}",
        files.keys().collect::<Vec<_>>()
    );
}

#[test]
fn webp_is_smaller_than_jpeg_for_a_photo() {
    let site = site_with_widths(&[480, 960, 1600]);
    site.bytes("content/news/x/ruong.jpg", &jpeg_bytes(&photo(1600, 1067)));
    site.article(
        "news/x",
        "vi",
        "Ruộng bậc thang",
        "2023-12-08",
        "",
        "![Ruộng bậc thang mùa lúa chín](ruong.jpg)\n",
    );
    site.build_ok(&[]);

    let shown = picture(&site.html("vi/news/x/index.html"), ".article-body picture");
    for width in [480u32, 960, 1600] {
        let url_of = |candidates: &[(String, u32)]| {
            candidates
                .iter()
                .find(|(_, w)| *w == width)
                .map(|(url, _)| url.clone())
                .unwrap_or_else(|| panic!("no {width}w candidate: {shown:?}"))
        };
        let (webp_url, jpeg_url) = (url_of(&shown.webp), url_of(&shown.img));
        let (webp, jpeg) = (published(&site, &webp_url), published(&site, &jpeg_url));
        let height = (1067 * width + 800) / 1600;
        for (url, bytes) in [(&webp_url, &webp), (&jpeg_url, &jpeg)] {
            let (decoded, format) = decode(bytes, url);
            assert_eq!(format, format_of(url), "{url}");
            assert_eq!(
                (decoded.width(), decoded.height()),
                (width, height),
                "{url}"
            );
        }
        assert!(
            webp.len() < jpeg.len(),
            "{width} px: WebP {} bytes is not smaller than JPEG {} bytes",
            webp.len(),
            jpeg.len()
        );
    }
}

#[test]
fn pictures_in_the_text_are_responsive_lazy_pictures() {
    let site = site_with_widths(&[160, 320, 640]);
    site.bytes("content/news/x/cau.jpg", &jpeg_bytes(&photo(900, 600)));
    site.bytes("content/news/x/cho.jpg", &jpeg_bytes(&photo(500, 500)));
    site.article(
        "news/x",
        "vi",
        "Cầu Hữu nghị",
        "2023-12-08",
        "",
        "Đoạn mở đầu.\n\n\
         ![Cầu Hữu nghị](cau.jpg \"Cầu Hữu nghị nhìn từ bờ Lào\")\n\n\
         ![Chợ biên giới](cho.jpg)\n",
    );
    site.build_ok(&[]);
    let page = site.html("vi/news/x/index.html");
    let all = pictures(&page, ".article-body picture");
    assert_eq!(all.len(), 2, "{all:?}");

    for shown in &all {
        assert!(!shown.webp.is_empty(), "a WebP <source>: {shown:?}");
        assert!(!shown.img.is_empty(), "an <img srcset>: {shown:?}");
        assert!(
            shown.attr("sizes").is_some_and(|s| !s.is_empty()),
            "<img sizes>: {shown:?}"
        );
        assert_eq!(
            shown.source_sizes.as_deref(),
            shown.attr("sizes"),
            "the <source> and the <img> agree on sizes"
        );
        assert_eq!(shown.attr("loading"), Some("lazy"), "{shown:?}");
        assert_eq!(shown.attr("decoding"), Some("async"), "{shown:?}");
        assert_eq!(shown.attr("fetchpriority"), None, "{shown:?}");
        // `src`, `width` and `height` describe one published file.
        let (width, height) = shown.size();
        let (decoded, _) = decode(&published(&site, &shown.src), &shown.src);
        assert_eq!((decoded.width(), decoded.height()), (width, height));
        for (url, w) in shown.webp.iter().chain(&shown.img) {
            let (decoded, _) = decode(&published(&site, url), url);
            assert_eq!(decoded.width(), *w, "{url} is as wide as its srcset says");
        }
    }
    let alts: Vec<Option<&str>> = all.iter().map(|p| p.attr("alt")).collect();
    assert_eq!(alts, [Some("Cầu Hữu nghị"), Some("Chợ biên giới")]);
    // The 900×600 bridge: 160, 320 and 640 wide, two thirds as high.
    let bridge = &all[0];
    assert_eq!(
        bridge.img.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
        [160, 320, 640]
    );
    let (width, height) = bridge.size();
    assert_eq!(height, (width * 600 + 450) / 900, "{bridge:?}");

    // The captioned picture alone in its paragraph is a figure; the other is not.
    let figures = select(&page, ".article-body figure");
    assert_eq!(figures.len(), 1, "one <figure>");
    let figure = &figures[0];
    assert_eq!(
        figure
            .select(&selector("picture img"))
            .next()
            .and_then(|img| img.value().attr("alt")),
        Some("Cầu Hữu nghị"),
        "the figure holds the captioned picture"
    );
    let captions: Vec<String> = figure
        .select(&selector("figcaption"))
        .map(|c| text(&c))
        .collect();
    assert_eq!(captions, ["Cầu Hữu nghị nhìn từ bờ Lào"]);
    assert!(
        select(&page, ".article-body figure img[alt=\"Chợ biên giới\"]").is_empty(),
        "a picture without a caption is not a figure"
    );
}

#[test]
fn the_cover_is_eager_and_high_priority() {
    let site = site_with_widths(&[160, 320, 640]);
    site.bytes("content/news/x/bia.jpg", &jpeg_bytes(&photo(800, 500)));
    site.bytes("content/news/x/trong.jpg", &jpeg_bytes(&photo(400, 300)));
    site.article(
        "news/x",
        "vi",
        "Lễ kết nghĩa",
        "2023-12-08",
        "cover: { src: bia.jpg, alt: \"Quang cảnh lễ kết nghĩa\", caption: \"Ảnh: Hồng Nga\" }",
        "![Trong bài](trong.jpg)\n",
    );
    site.build_ok(&[]);
    let page = site.html("vi/news/x/index.html");

    let cover = picture(&page, ".article-cover picture");
    assert_eq!(cover.attr("alt"), Some("Quang cảnh lễ kết nghĩa"));
    assert_eq!(cover.attr("loading"), Some("eager"), "{cover:?}");
    assert_eq!(cover.attr("fetchpriority"), Some("high"), "{cover:?}");
    assert_ne!(cover.attr("decoding"), Some("async"), "{cover:?}");
    assert!(
        !cover.webp.is_empty() && !cover.img.is_empty() && cover.attr("sizes").is_some(),
        "the cover is a responsive picture too: {cover:?}"
    );
    let (width, height) = cover.size();
    assert_eq!(width * 5, height * 8, "{cover:?}");
    let captions: Vec<String> = select(&page, ".article-cover figcaption")
        .iter()
        .map(text)
        .collect();
    assert_eq!(captions, ["Ảnh: Hồng Nga"]);

    let inside = picture(&page, ".article-body picture");
    assert_eq!(inside.attr("loading"), Some("lazy"));
    assert_eq!(inside.attr("fetchpriority"), None);
}

#[test]
fn listings_show_the_cover_as_a_small_webp_picture() {
    let site = site_with_widths(&[160, 320, 640]);
    site.bytes("content/news/x/bia.jpg", &jpeg_bytes(&photo(800, 500)));
    site.article(
        "news/x",
        "vi",
        "Lễ kết nghĩa",
        "2023-12-08",
        "cover: { src: bia.jpg, alt: \"Quang cảnh lễ kết nghĩa\" }",
        "Đoạn.\n",
    );
    site.build_ok(&[]);
    let listing = site.html("vi/news/index.html");
    let card = picture(&listing, ".card-media picture");
    assert_eq!(card.attr("alt"), Some("Quang cảnh lễ kết nghĩa"));
    assert_eq!(card.attr("loading"), Some("lazy"));
    // The card is 7.5rem wide on a phone: `sizes` says so, for both lists.
    let sizes = card.attr("sizes").unwrap_or_default();
    assert!(sizes.starts_with("(max-width: 40em) 7.5rem,"), "{card:?}");
    assert_eq!(card.source_sizes.as_deref(), Some(sizes), "{card:?}");
    let widths = |list: &[(String, u32)]| list.iter().map(|(_, w)| *w).collect::<Vec<_>>();
    assert_eq!(widths(&card.webp), [160, 320, 640], "{card:?}");
    assert_eq!(widths(&card.img), [160, 320, 640], "{card:?}");
    for (url, width) in card.webp.iter().chain(&card.img) {
        let (image, format) = decode(&published(&site, url), url);
        assert_eq!(format, format_of(url), "{url}");
        assert_eq!(image.width(), *width, "{url}");
    }
    assert!(card.webp.iter().all(|(url, _)| url.ends_with(".webp")));
    assert!(card.img.iter().all(|(url, _)| url.ends_with(".jpg")));
}

#[test]
fn og_image_is_a_1200_by_630_card_cropped_around_the_focus() {
    let site = site_with_widths(&[480]);
    // Tall: the top fifth red, the rest blue. A focus at the top keeps the red.
    let tall = RgbImage::from_fn(1400, 2000, |_, y| {
        if y < 400 {
            Rgb([220, 30, 30])
        } else {
            Rgb([30, 30, 220])
        }
    });
    let bytes = jpeg_bytes(&tall);
    site.bytes("content/news/top/cao.jpg", &bytes);
    site.bytes("content/news/centre/cao.jpg", &bytes);
    site.article(
        "news/top",
        "vi",
        "Tiêu điểm phía trên",
        "2023-12-08",
        "cover: { src: cao.jpg, alt: \"Cờ\", focus: [0.5, 0.0] }",
        "Nội dung.\n",
    );
    site.article(
        "news/centre",
        "vi",
        "Tiêu điểm ở giữa",
        "2023-12-09",
        "cover: { src: cao.jpg, alt: \"Cờ\" }",
        "Nội dung.\n",
    );
    site.build_ok(&[]);

    let mut cards = Vec::new();
    for (bundle, red_on_top) in [("top", true), ("centre", false)] {
        let page = site.html(&format!("vi/news/{bundle}/index.html"));
        let urls = meta_property(&page, "og:image");
        assert_eq!(urls.len(), 1, "{bundle}: one og:image, found {urls:?}");
        let url = &urls[0];
        assert!(
            url.starts_with(&format!("{BASE_URL}/img/")) && url.ends_with("-card.jpg"),
            "{bundle}: og:image is the absolute address of the card: {url}"
        );
        assert_eq!(meta_property(&page, "og:image:width"), ["1200"], "{bundle}");
        assert_eq!(meta_property(&page, "og:image:height"), ["630"], "{bundle}");
        let bytes = published(&site, url);
        let (card, format) = decode(&bytes, url);
        assert_eq!(format, ImageFormat::Jpeg, "{url}");
        assert_eq!((card.width(), card.height()), (1200, 630), "{url}");
        assert_no_metadata(&bytes, url);
        let card = card.to_rgb8();
        let top = *card.get_pixel(600, 20);
        let bottom = *card.get_pixel(600, 610);
        assert_eq!(
            top[0] > 150,
            red_on_top,
            "{bundle}: top of the card {top:?}"
        );
        assert!(
            bottom[2] > 150 && bottom[0] < 80,
            "{bundle}: the bottom shows blue, found {bottom:?}"
        );
        cards.push(url.clone());
    }
    assert_ne!(cards[0], cards[1], "another focus is another card");
}

#[test]
fn a_small_cover_is_placed_on_a_plain_background() {
    let site = site_with_widths(&[480]);
    // 300×200: left half red, right half blue.
    let small = RgbImage::from_fn(300, 200, |x, _| {
        if x < 150 {
            Rgb([220, 30, 30])
        } else {
            Rgb([30, 30, 220])
        }
    });
    site.bytes("content/news/x/nho.png", &png_rgb_bytes(&small));
    site.article(
        "news/x",
        "vi",
        "Ảnh bìa nhỏ",
        "2023-12-08",
        "cover: { src: nho.png, alt: \"Ảnh nhỏ\" }",
        "Nội dung.\n",
    );
    site.build_ok(&[]);

    let page = site.html("vi/news/x/index.html");
    let url = meta_property(&page, "og:image")
        .into_iter()
        .next()
        .expect("an og:image");
    let (card, format) = decode(&published(&site, &url), &url);
    assert_eq!(format, ImageFormat::Jpeg, "{url}");
    assert_eq!((card.width(), card.height()), (1200, 630), "{url}");
    let card = card.to_rgb8();
    // Corners and edges: one plain colour that is neither half of the picture.
    let corners = [
        (4, 4),
        (1195, 4),
        (4, 625),
        (1195, 625),
        (600, 4),
        (100, 315),
    ]
    .map(|(x, y)| *card.get_pixel(x, y));
    let background = corners[0];
    assert!(
        corners.iter().all(|c| close(*c, background.0, 6)),
        "a plain background: {corners:?}"
    );
    assert!(
        !close(background, [220, 30, 30], 40) && !close(background, [30, 30, 220], 40),
        "the background is not the picture stretched: {background:?}"
    );
    // The picture itself, at its own size in the middle: red left of centre, blue right.
    let left = *card.get_pixel(600 - 100, 315);
    let right = *card.get_pixel(600 + 100, 315);
    assert!(
        close(left, [220, 30, 30], 40),
        "red left of centre: {left:?}"
    );
    assert!(
        close(right, [30, 30, 220], 40),
        "blue right of centre: {right:?}"
    );
    assert!(
        close(*card.get_pixel(600 - 160, 315), background.0, 6),
        "not enlarged: the background shows just left of the picture"
    );
}

#[test]
fn colour_profiles_are_converted_to_srgb() {
    let site = site_with_widths(&[64]);
    let colour = [200u8, 100, 50];
    let flat = RgbImage::from_pixel(64, 64, Rgb(colour));
    let mut bytes = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut bytes, 95);
    let p3 = moxcms::ColorProfile::new_display_p3()
        .encode()
        .expect("encode Display P3");
    encoder.set_icc_profile(p3).expect("JPEG takes a profile");
    encoder
        .write_image(&flat, 64, 64, ExtendedColorType::Rgb8)
        .expect("encode a JPEG");
    site.bytes("content/news/x/p3.jpg", &bytes);
    site.article(
        "news/x",
        "vi",
        "Ảnh Display P3",
        "2023-12-08",
        "",
        "![Màu cam](p3.jpg)\n",
    );
    site.build_ok(&[]);
    let shown = picture(&site.html("vi/news/x/index.html"), ".article-body picture");
    for (url, _) in shown.webp.iter().chain(&shown.img) {
        let bytes = published(&site, url);
        assert_no_metadata(&bytes, url);
        let (decoded, _) = decode(&bytes, url);
        let pixel = *decoded.to_rgb8().get_pixel(32, 32);
        // Display P3 is wider: in sRGB the same orange is more saturated.
        assert!(
            pixel[0] > colour[0] + 5 && pixel[2] < colour[2] - 5,
            "{url}: the colour was not converted to sRGB: {pixel:?}"
        );
    }
}

#[test]
fn svg_and_pdf_are_published_as_they_are() {
    let site = Site::new();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">\
               <rect width=\"40\" height=\"20\" fill=\"#c00\"/></svg>\n";
    let pdf = b"%PDF-1.4\n% mekong test\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
    site.file("content/news/x/so-do.svg", svg);
    site.bytes("content/news/x/bao-cao.pdf", pdf);
    site.article(
        "news/x",
        "vi",
        "Sơ đồ và báo cáo",
        "2023-12-08",
        "",
        "![Sơ đồ cửa khẩu](so-do.svg)\n\n[Báo cáo năm](bao-cao.pdf)\n",
    );
    site.build_ok(&[]);
    let page = site.html("vi/news/x/index.html");
    let src = attr(&page, ".article-body img[alt=\"Sơ đồ cửa khẩu\"]", "src");
    assert_eq!(src, "/media/news/x/so-do.svg");
    assert_eq!(published(&site, &src), svg.as_bytes(), "the SVG as it is");
    let hrefs = links_with_text(&page, "Báo cáo năm");
    assert_eq!(hrefs, ["/media/news/x/bao-cao.pdf"]);
    assert_eq!(published(&site, &hrefs[0]), pdf, "the PDF as it is");
}

#[test]
fn resize_image_from_a_template_publishes_the_size_asked_for() {
    let site = Site::new();
    site.bytes("content/news/x/photo.jpg", &jpeg_bytes(&photo(800, 600)));
    site.article("news/x", "vi", "Ảnh", "2023-12-08", "", "Nội dung.\n");
    site.file(
        "templates/page.html",
        concat!(
            "<!doctype html><html lang=\"vi\"><body>\n",
            "{% set r = resize_image(path=\"news/x/photo.jpg\", width=300, height=200, op=\"fill\") %}",
            "<img class=\"fill\" src=\"{{ r.url }}\" width=\"{{ r.width }}\" height=\"{{ r.height }}\">\n",
            "{% set s = resize_image(path=\"news/x/photo.jpg\", width=50, height=90, op=\"scale\") %}",
            "<img class=\"scale\" src=\"{{ s.url }}\" width=\"{{ s.width }}\" height=\"{{ s.height }}\">\n",
            "{% set f = resize_image(path=\"news/x/photo.jpg\", width=4000, height=4000, op=\"fit\") %}",
            "<img class=\"fit\" src=\"{{ f.url }}\" width=\"{{ f.width }}\" height=\"{{ f.height }}\">\n",
            "{% set w = resize_image(path=\"news/x/photo.jpg\", width=200, op=\"fit_width\", format=\"webp\", quality=60) %}",
            "<img class=\"fit_width\" src=\"{{ w.url }}\" width=\"{{ w.width }}\" height=\"{{ w.height }}\">\n",
            "{% set h = resize_image(path=\"news/x/photo.jpg\", height=120, op=\"fit_height\", format=\"png\") %}",
            "<img class=\"fit_height\" src=\"{{ h.url }}\" width=\"{{ h.width }}\" height=\"{{ h.height }}\">\n",
            "</body></html>\n"
        ),
    );
    site.build_ok(&[]);
    let page = site.html("vi/news/x/index.html");
    for (op, size, format) in [
        ("fill", (300, 200), ImageFormat::Jpeg),
        ("scale", (50, 90), ImageFormat::Jpeg),
        // `fit` never enlarges.
        ("fit", (800, 600), ImageFormat::Jpeg),
        ("fit_width", (200, 150), ImageFormat::WebP),
        ("fit_height", (160, 120), ImageFormat::Png),
    ] {
        let css = format!("img.{op}");
        let src = attr(&page, &css, "src");
        assert_eq!(
            (attr(&page, &css, "width"), attr(&page, &css, "height")),
            (size.0.to_string(), size.1.to_string()),
            "{op}: the size resize_image returned"
        );
        let bytes = published(&site, &src);
        let (decoded, found) = decode(&bytes, &src);
        assert_eq!(found, format, "{op}: {src}");
        assert_eq!((decoded.width(), decoded.height()), size, "{op}: {src}");
        assert_no_metadata(&bytes, &src);
    }
}

// ---------------------------------------------------------------------------------------
// The cache

#[test]
fn a_second_build_processes_no_image() {
    let site = site_with_widths(&[160, 320]);
    site.bytes("content/news/x/a.jpg", &jpeg_bytes(&photo(400, 300)));
    site.image("content/news/x/b.png", 200, 100);
    site.bytes("content/news/x/bia.jpg", &jpeg_bytes(&photo(700, 400)));
    site.article(
        "news/x",
        "vi",
        "Ba ảnh",
        "2023-12-08",
        "cover: { src: bia.jpg, alt: \"Bìa\" }",
        "![A](a.jpg)\n\n![B](b.png)\n",
    );
    let first = image_counts(&site.build_ok(&[]));
    // a: 160, 320 × JPEG, WebP; b: 160, 200 × PNG, WebP; cover: 4 and the card.
    assert_eq!(first, (13, 0), "the first build makes every variant");
    let made = variants(&site);
    assert_eq!(made.len(), 13, "{:?}", made.keys().collect::<Vec<_>>());
    let cache = site.path(".mekong-cache/images");
    assert!(
        cache.is_dir() && std::fs::read_dir(&cache).expect("read the cache").count() > 0,
        "the cache lives in .mekong-cache/images/ in the site's root"
    );

    let second = image_counts(&site.build_ok(&[]));
    assert_eq!(
        second,
        (0, 13),
        "an unchanged image is never processed twice"
    );
    assert_same_tree(&made, &variants(&site));

    // The cache is safe to delete: the next build makes the same files again.
    std::fs::remove_dir_all(site.path(".mekong-cache")).expect("delete the cache");
    let third = image_counts(&site.build_ok(&[]));
    assert_eq!(third, (13, 0), "without a cache everything is made again");
    assert_same_tree(&made, &variants(&site));
}

#[test]
fn a_changed_image_reprocesses_only_its_own_variants() {
    let site = site_with_widths(&[160, 320]);
    site.bytes("content/news/a/anh.jpg", &jpeg_bytes(&photo(400, 300)));
    site.bytes("content/news/b/anh.jpg", &jpeg_bytes(&photo(360, 240)));
    for bundle in ["a", "b"] {
        site.article(
            &format!("news/{bundle}"),
            "vi",
            &format!("Bài {bundle}"),
            "2023-12-08",
            "",
            "![Ảnh](anh.jpg)\n",
        );
    }
    let first = image_counts(&site.build_ok(&[]));
    assert_eq!(first, (8, 0), "two images × two widths × two formats");
    let before_a = pictures(&site.html("vi/news/a/index.html"), ".article-body picture");
    let before_b = pictures(&site.html("vi/news/b/index.html"), ".article-body picture");

    // The editor replaces b's picture with another one of the same name.
    let mut changed = photo(360, 240);
    for pixel in changed.pixels_mut() {
        pixel.0 = [255 - pixel[0], pixel[1], pixel[2]];
    }
    site.bytes("content/news/b/anh.jpg", &jpeg_bytes(&changed));
    let (processed, reused) = image_counts(&site.build_ok(&[]));
    assert!(
        processed > 0 && reused > 0,
        "processed {processed}, reused {reused}"
    );
    assert_eq!(
        (processed, reused),
        (4, 4),
        "only b's four variants are made again"
    );
    let after_a = pictures(&site.html("vi/news/a/index.html"), ".article-body picture");
    let after_b = pictures(&site.html("vi/news/b/index.html"), ".article-body picture");
    assert_eq!(
        after_a[0].img, before_a[0].img,
        "a's variants keep their addresses"
    );
    assert_ne!(
        after_b[0].img, before_b[0].img,
        "b's new picture has new addresses (no stale browser caches)"
    );
    let (decoded, _) = decode(&published(&site, &after_b[0].src), &after_b[0].src);
    assert!(
        decoded.to_rgb8().get_pixel(5, 5)[0] > 120,
        "the published picture is the new one"
    );
}

// ---------------------------------------------------------------------------------------
// Bad input

/// An article whose pictures are all broken, one per line of the body (body from line 5):
/// line 5 a missing file, 7 a truncated JPEG, 9 a TIFF named .jpg, 11 text named .jpg,
/// 13 a PNG declaring 50000×50000 pixels.
fn broken_pictures(site: &Site) -> (String, [(usize, &'static str); 5]) {
    let whole = jpeg_bytes(&photo(300, 200));
    site.bytes("content/news/x/cut.jpg", &whole[..whole.len() * 6 / 10]);
    site.bytes(
        "content/news/x/scan.jpg",
        b"II*\0\x08\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
    );
    site.file(
        "content/news/x/notes.jpg",
        "Ghi chú: ảnh sẽ gửi sau.\nNotes: the picture follows.\n",
    );
    site.bytes("content/news/x/bomb.png", &png_declaring(50_000, 50_000));
    let file = site.article(
        "news/x",
        "vi",
        "Ảnh hỏng",
        "2023-12-08",
        "",
        "![Thiếu](khong-co.jpg)\n\n\
         ![Cắt](cut.jpg)\n\n\
         ![TIFF](scan.jpg)\n\n\
         ![Chữ](notes.jpg)\n\n\
         ![Bom](bomb.png)\n",
    );
    let expected = [
        (5, "khong-co.jpg"),
        (7, "cut.jpg"),
        (9, "scan.jpg"),
        (11, "notes.jpg"),
        (13, "bomb.png"),
    ];
    (file, expected)
}

fn assert_reported(out: &Output, file: &str, expected: &[(usize, &str)]) {
    out.assert_code(1);
    for (line, image) in expected {
        let problem = out.problem_at(file, *line);
        assert!(
            problem.contains(image),
            "the problem at line {line} names `{image}`:\n{problem}"
        );
        assert!(
            problem.contains("help:") || problem.contains("hint:"),
            "the problem at line {line} says what to do:\n{problem}"
        );
    }
}

#[test]
fn bad_pictures_are_all_reported_and_no_site_is_written() {
    let site = site_with_widths(&[160]);
    let (file, expected) = broken_pictures(&site);
    let out = site.build(&[]);
    assert_reported(&out, &file, &expected);
    let bomb = out.problem_at(&file, 13);
    assert!(
        bomb.contains("50000"),
        "the bomb's declared size is named:\n{bomb}"
    );
    let tiff = out.problem_at(&file, 9);
    assert!(tiff.contains("TIFF"), "the real format is named:\n{tiff}");
    assert!(
        !site.root().join("public").exists(),
        "a failed first build creates no public/:\n{}",
        site.listing()
    );
}

#[test]
fn bad_pictures_leave_an_existing_site_untouched() {
    let site = site_with_widths(&[160]);
    site.bytes("content/news/ok/anh.jpg", &jpeg_bytes(&photo(300, 200)));
    site.article(
        "news/ok",
        "vi",
        "Bài tốt",
        "2023-12-07",
        "",
        "![Ảnh tốt](anh.jpg)\n",
    );
    site.build_ok(&[]);
    let before = tree(&site.root().join("public"));
    assert!(
        before.keys().any(|path| path.starts_with("img/")),
        "the first build published pictures"
    );

    let (file, expected) = broken_pictures(&site);
    let out = site.build(&[]);
    assert_reported(&out, &file, &expected);
    assert_same_tree(&before, &tree(&site.root().join("public")));
}

/// A PNG whose header is fine but whose pixel data is cut off: only decoding finds out.
fn truncated_png() -> Vec<u8> {
    let whole = png_rgb_bytes(&photo(120, 80));
    whole[..whole.len() / 2].to_vec()
}

#[test]
fn corrupt_pixel_data_is_reported_at_the_pictures_line() {
    let site = site_with_widths(&[64]);
    site.bytes("content/news/x/cut.png", &truncated_png());
    let file = site.article(
        "news/x",
        "vi",
        "Ảnh PNG hỏng",
        "2023-12-08",
        "",
        "Đoạn một.\n\n![PNG hỏng](cut.png)\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    // Line 7: the body starts at 5, the picture is its third line.
    let problem = out.problem_at(&file, 7);
    assert!(problem.contains("cut.png"), "{problem}");
    assert!(
        !site.root().join("public").exists(),
        "a failed first build creates no public/"
    );
}

#[test]
fn corrupt_pixel_data_is_reported_with_the_other_problems() {
    let site = site_with_widths(&[64]);
    site.bytes("content/news/x/cut.png", &truncated_png());
    let file = site.article(
        "news/x",
        "vi",
        "Ảnh PNG hỏng",
        "2023-12-08",
        "",
        // Line 5: missing; line 7: decodes only halfway.
        "![Thiếu](khong-co.jpg)\n\n![PNG hỏng](cut.png)\n",
    );
    let out = site.build(&[]);
    assert_reported(&out, &file, &[(5, "khong-co.jpg"), (7, "cut.png")]);
}

#[test]
fn image_problems_name_the_picture_relative_to_the_site() {
    let site = site_with_widths(&[64]);
    site.bytes(
        "content/news/x/scan.jpg",
        b"II*\0\x08\0\0\0\0\0\0\0\0\0\0\0",
    );
    site.bytes("content/news/x/cut.png", &truncated_png());
    let file = site.article(
        "news/x",
        "vi",
        "Ảnh hỏng",
        "2023-12-08",
        "",
        "![TIFF](scan.jpg)\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    let root = site.root().to_str().expect("temporary paths are UTF-8");
    let problem = out.problem_at(&file, 5);
    assert!(
        problem.contains("scan.jpg") && !problem.contains(root),
        "the picture is named as the editor knows it, not by the machine's path:\n{problem}"
    );
    // Found only while decoding: named the same way.
    site.article(
        "news/x",
        "vi",
        "Ảnh hỏng",
        "2023-12-08",
        "",
        "![PNG](cut.png)\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    let problem = out.problem_at(&file, 5);
    assert!(
        problem.contains("cut.png") && !problem.contains(root),
        "the picture is named as the editor knows it, not by the machine's path:\n{problem}"
    );
}
