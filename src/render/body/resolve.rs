//! Links and pictures written in a page's Markdown, resolved: a link to another
//! content file becomes its address, a bundle picture its planned variants and
//! `<picture>`, a bundle file its `/media/` address.

use std::cell::RefCell;

use super::{Cover, Image, ImageUse};
use crate::images::{
    Focus, Format, IMAGE_DIR, Operation, Pipeline, Planned, Variant, is_image_name,
};
use crate::library::{Library, Page, PageId};
use crate::markdown::{RefKind, Reference, Resolution};
use crate::plan::media_path;
use crate::render::picture::picture_html;
use crate::text::{escape, nfc};

pub(super) struct Resolver<'a> {
    pub(super) library: &'a Library,
    pub(super) page: &'a Page,
    pub(super) base_path: &'a str,
    /// Plans pictures; without it (checking links only) pictures are only looked up.
    pub(super) images: Option<&'a Pipeline>,
    /// Pictures planned so far, with where they were written.
    pub(super) uses: RefCell<Vec<ImageUse>>,
}

type Failure = (String, Option<String>);

impl Resolver<'_> {
    pub(super) fn resolve(&self, reference: &Reference) -> Resolution {
        let dest = reference.dest.trim();
        if dest.is_empty() {
            return broken("the link has no target".into(), None);
        }
        if is_external(dest) || dest.starts_with('#') || dest.starts_with('/') {
            return Resolution::Keep;
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (dest, None),
        };
        let (path, query) = match path.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (path, None),
        };
        let decoded = nfc(&percent_encoding::percent_decode_str(path).decode_utf8_lossy());
        let Some(rel) = self.join(&decoded) else {
            return broken(
                format!("`{dest}` points outside content/"),
                Some(
                    "links between pages are relative to this file: ../other-article/index.vi.md"
                        .into(),
                ),
            );
        };
        let suffix = |url: String| {
            let mut url = url;
            if let Some(query) = query {
                url.push('?');
                url.push_str(query);
            }
            if let Some(fragment) = fragment {
                url.push('#');
                url.push_str(fragment);
            }
            url
        };
        if rel.ends_with(".md") || rel.is_empty() || decoded.ends_with('/') {
            return match self.page_for(&rel) {
                Some(target) => Resolution::Rewrite(suffix(self.library.page(target).url.clone())),
                // The target has its own error already; one report is enough.
                None if self.library.is_unparsed(&rel) => Resolution::Keep,
                None => broken(
                    format!("`{dest}` does not lead to a page (content/{rel} not found)"),
                    Some("check the file name and the language suffix, e.g. ../../news/2024-01-01-x/index.vi.md".into()),
                ),
            };
        }
        if is_image_name(&rel)
            && let Some(pipeline) = self.images
        {
            return match self.plan(pipeline, &decoded, &Operation::Responsive, reference) {
                Ok(planned) if reference.kind == RefKind::Image => {
                    let caption = (reference.is_alone_in_paragraph && !reference.title.is_empty())
                        .then_some(reference.title);
                    Resolution::Html(picture_html(
                        &planned,
                        &self.image_prefix(),
                        reference.alt_or_text,
                        caption,
                        false,
                    ))
                }
                // A link to a picture leads to its largest published variant.
                Ok(planned) => match largest(&planned) {
                    Some(variant) => Resolution::Rewrite(suffix(format!(
                        "{}{}",
                        self.image_prefix(),
                        variant.file_name
                    ))),
                    None => Resolution::Keep,
                },
                Err((message, hint)) => broken(message, hint),
            };
        }
        match (reference.kind, self.asset(&decoded)) {
            (RefKind::Image, Ok(image)) => Resolution::Html(image_html(
                &image,
                reference.alt_or_text,
                reference.title,
                reference.is_alone_in_paragraph,
            )),
            (RefKind::Link, Ok(image)) => Resolution::Rewrite(suffix(image.url)),
            (_, Err((message, hint))) => {
                // A folder written without its index file: `../other-article`.
                if reference.kind == RefKind::Link
                    && let Some(target) = self.page_for(&rel)
                {
                    return Resolution::Rewrite(suffix(self.library.page(target).url.clone()));
                }
                broken(message, hint)
            }
        }
    }

    /// Resolves `rel` against this page's folder inside `content/`.
    pub(super) fn join(&self, target: &str) -> Option<String> {
        let mut parts: Vec<&str> = self
            .page
            .source
            .rel
            .rsplit_once('/')
            .map(|(dir, _)| dir.split('/').collect())
            .unwrap_or_default();
        for part in target.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                other => parts.push(other),
            }
        }
        Some(parts.join("/"))
    }

    /// The page at `rel` (a file, or a bundle folder), in this page's language if translated.
    pub(super) fn page_for(&self, rel: &str) -> Option<PageId> {
        let lang = self.page.lang();
        let rel = rel.trim_end_matches('/');
        let found = self.library.page_by_rel(rel).or_else(|| {
            [format!("{rel}/index.{lang}.md"), format!("{rel}/index.md")]
                .iter()
                .find_map(|candidate| self.library.page_by_rel(candidate))
        })?;
        Some(self.library.translation_in(found, lang).unwrap_or(found))
    }

    /// Where picture variants are published.
    fn image_prefix(&self) -> String {
        format!("{}/{IMAGE_DIR}/", self.base_path)
    }

    /// Plans a picture of this page and remembers it for the batch.
    fn plan(
        &self,
        pipeline: &Pipeline,
        written: &str,
        operation: &Operation,
        at: &Reference,
    ) -> Result<Planned, Failure> {
        self.plan_at(pipeline, written, operation, at.line, at.column)
    }

    fn plan_at(
        &self,
        pipeline: &Pipeline,
        written: &str,
        operation: &Operation,
        line: usize,
        column: usize,
    ) -> Result<Planned, Failure> {
        let asset = self.find(written)?;
        let planned = pipeline.plan(&asset.file, operation).map_err(|error| {
            // Name the picture as the editor wrote it, not by its absolute path.
            let message = error
                .message
                .replace(&asset.file.display().to_string(), written);
            (message, error.hint)
        })?;
        self.uses.borrow_mut().push(ImageUse {
            planned: planned.clone(),
            line,
            column,
        });
        Ok(planned)
    }

    /// The cover: responsive variants and the share card.
    pub(super) fn cover(&self, cover: &crate::content::Cover) -> Result<Cover, Failure> {
        let Some(pipeline) = self.images else {
            return self.asset(&cover.src).map(|image| Cover {
                thumb: image,
                srcset: String::new(),
                webp_srcset: String::new(),
                html: String::new(),
                card: None,
            });
        };
        if !is_image_name(&cover.src) {
            return Err((
                format!("`{}` is not a picture mekong can publish", cover.src),
                Some("use a JPEG, PNG, WebP or GIF file".into()),
            ));
        }
        let planned = self.plan_at(
            pipeline,
            &cover.src,
            &Operation::Responsive,
            cover.line,
            cover.column,
        )?;
        let focus = cover.focus.map(|[x, y]| Focus::new(x, y));
        let card = self.plan_at(
            pipeline,
            &cover.src,
            &Operation::Card { focus },
            cover.line,
            cover.column,
        )?;
        let prefix = self.image_prefix();
        let fallback: Vec<&Variant> = planned
            .variants
            .iter()
            .filter(|v| v.format == planned.source.format)
            .collect();
        let thumb = fallback
            .iter()
            .filter(|v| v.width >= 480)
            .min_by_key(|v| v.width)
            .or_else(|| fallback.iter().max_by_key(|v| v.width))
            .map(|v| variant_image(&prefix, v))
            .ok_or_else(|| (format!("`{}` gave no picture", cover.src), None))?;
        let srcset_of = |variants: &mut dyn Iterator<Item = &Variant>| {
            variants
                .map(|v| format!("{prefix}{} {}w", v.file_name, v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let srcset = srcset_of(&mut fallback.iter().copied());
        let webp_srcset = if planned.source.format == Format::WebP {
            String::new()
        } else {
            srcset_of(&mut planned.variants.iter().filter(|v| v.format == Format::WebP))
        };
        Ok(Cover {
            thumb,
            srcset,
            webp_srcset,
            html: picture_html(
                &planned,
                &prefix,
                cover.alt.as_deref().unwrap_or(""),
                None,
                true,
            ),
            card: card.variants.first().map(|v| variant_image(&prefix, v)),
        })
    }

    /// The asset a page refers to, or why it cannot be found.
    fn find(&self, written: &str) -> Result<&crate::content::Asset, Failure> {
        let rel = self
            .join(written)
            .ok_or_else(|| (format!("`{written}` points outside content/"), None))?;
        self.library.asset_by_rel(&rel).ok_or_else(|| {
            (
                format!("`{written}` not found (looked for content/{rel})"),
                Some("put the file in the article's folder and check the spelling".into()),
            )
        })
    }

    /// A file next to the page (or elsewhere under `content/`), published under `/media/`.
    fn asset(&self, written: &str) -> Result<Image, Failure> {
        let rel = self
            .join(written)
            .ok_or_else(|| (format!("`{written}` points outside content/"), None))?;
        let asset = self.library.asset_by_rel(&rel).ok_or_else(|| {
            (
                format!("`{written}` not found (looked for content/{rel})"),
                Some("put the file in the article's folder and check the spelling".into()),
            )
        })?;
        let url = media_path(&asset.rel).url(self.base_path);
        let (width, height) = match image::image_dimensions(&asset.file) {
            Ok((w, h)) => (Some(w), Some(h)),
            Err(_) if !is_image_name(&rel) => (None, None),
            Err(error) => {
                return Err((
                    format!("cannot read the image `{written}`: {error}"),
                    Some("re-export it as JPEG or PNG".into()),
                ));
            }
        };
        Ok(Image { url, width, height })
    }
}

fn variant_image(prefix: &str, variant: &Variant) -> Image {
    Image {
        url: format!("{prefix}{}", variant.file_name),
        width: Some(variant.width),
        height: Some(variant.height),
    }
}

fn largest(planned: &Planned) -> Option<&Variant> {
    planned
        .variants
        .iter()
        .filter(|v| v.format == planned.source.format)
        .max_by_key(|v| v.width)
}

pub(super) fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

fn broken(message: String, hint: Option<String>) -> Resolution {
    Resolution::Broken { message, hint }
}

/// `<img>` with intrinsic size (no layout shift), lazy, in a `<figure>` when captioned.
fn image_html(image: &Image, alt: &str, caption: &str, alone: bool) -> String {
    let mut img = format!(
        "<img src=\"{}\" alt=\"{}\"",
        escape(&image.url),
        escape(alt)
    );
    if let (Some(width), Some(height)) = (image.width, image.height) {
        img.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    img.push_str(" loading=\"lazy\" decoding=\"async\">");
    if !caption.is_empty() {
        let figure = format!(
            "<figure class=\"figure\">{img}<figcaption>{}</figcaption></figure>",
            escape(caption)
        );
        if alone {
            return figure;
        }
        // Inside running text a <figure> is invalid; keep the caption as a title.
        return img.replacen("<img", &format!("<img title=\"{}\"", escape(caption)), 1);
    }
    img
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_external_links() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:a@b.vn"));
        assert!(is_external("//cdn.example.org/x"));
        assert!(!is_external("../a/index.vi.md"));
        assert!(!is_external("photo.jpg"));
    }

    #[test]
    fn figure_only_when_alone_and_captioned() {
        let image = Image {
            url: "/media/a/b.jpg".into(),
            width: Some(10),
            height: Some(5),
        };
        let html = image_html(&image, "Cầu \"Hữu nghị\"", "Chú thích", true);
        assert!(html.starts_with("<figure"));
        assert!(html.contains("alt=\"Cầu &quot;Hữu nghị&quot;\""));
        assert!(html.contains("width=\"10\" height=\"5\""));
        assert!(html.contains("<figcaption>Chú thích</figcaption>"));
        assert!(!image_html(&image, "a", "c", false).contains("<figure"));
    }
}
