//! The `<picture>` markup of a processed image: WebP and fallback `srcset`s, `sizes` for the
//! article column, intrinsic size, loading hints and the caption.

use crate::images::{Format, Planned, Variant};
use crate::text::escape;

/// Widest an image is shown in the default theme's article column, in CSS pixels (for `sizes`).
const COLUMN_WIDTH: u32 = 800;

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
    use crate::images::Operation;
    use crate::images::fixtures::*;

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
}
