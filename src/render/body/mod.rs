//! Page bodies: Markdown rendered with links to other content files rewritten to their
//! addresses, bundle images and files published under `/media/`, raw HTML sanitized
//! as `site.yaml` says, and summaries.

use crate::text::escape;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::MarkdownSettings;
use crate::content::{Role, hash64};
use crate::diagnostics::Diagnostic;
use crate::images::{Focus, Operation, Pipeline, Planned, Variant};
use crate::library::{Library, Page, PageId};
use crate::markdown::{self, Heading, ProblemKind, RefKind, Reference, Resolution};
use crate::render::picture::picture_html;
use crate::text::{nfc, truncate_words, word_count};
use crate::url::SitePath;

/// Longest automatic summary, in characters, cut at a word boundary.
const SUMMARY_CHARS: usize = 280;

/// A page body ready for templates.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub html: String,
    pub(crate) toc: Vec<Heading>,
    /// Plain text: the `summary` field, else the first paragraph, shortened.
    pub summary: Option<String>,
    pub reading_minutes: usize,
    /// The cover picture, planned.
    pub cover: Option<Cover>,
    /// Every picture this page publishes (Markdown pictures, cover, share card), made in
    /// one batch after rendering.
    pub images: Vec<ImageUse>,
    /// Changes when anything this body was made from changes: the file, or the
    /// addresses its links and pictures resolve to.
    pub revision: u64,
    /// Broken links and pictures, and links to addresses that may not be published
    /// (`javascript:`…), found while rendering it: errors.
    pub problems: Vec<Diagnostic>,
    /// What the sanitizer removed from its raw HTML: warnings.
    pub warnings: Vec<Diagnostic>,
}

/// A cover: a variant for listings, the eager `<picture>` for the article, the share card.
#[derive(Debug, Clone)]
pub struct Cover {
    /// The smallest variant at least 480 pixels wide (cards and listings).
    pub thumb: Image,
    /// `srcset` of the variants in the source's format.
    pub srcset: String,
    /// `<picture>` for the article's head: eager, high priority.
    pub html: String,
    /// The 1200×630 share card.
    pub card: Option<Image>,
}

/// One planned picture and where it was asked for.
#[derive(Debug, Clone)]
pub struct ImageUse {
    pub planned: Planned,
    pub line: usize,
    pub column: usize,
}

/// A published image with what `<img>` needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Bodies of a previous build, by page file (relative to `content/`), for reuse.
pub type BodyCache = HashMap<String, Arc<Body>>;

/// Renders every page's Markdown in parallel, reusing `previous` bodies whose inputs did
/// not change. Returns the bodies and every problem found: broken links and images are
/// errors, what the sanitizer removed are warnings.
pub fn render_bodies(
    library: &Library,
    base_path: &str,
    settings: &MarkdownSettings,
    previous: &BodyCache,
    images: &Pipeline,
) -> (Vec<Arc<Body>>, Vec<Diagnostic>) {
    let world = link_world(library, base_path);
    let bodies: Vec<Arc<Body>> = (0..library.pages.len())
        .into_par_iter()
        .map(|id| {
            let page = library.page(id);
            let revision = body_revision(page, world, settings);
            match previous.get(&page.source.rel) {
                Some(body) if body.revision == revision => Arc::clone(body),
                _ => Arc::new(render_body(
                    library, id, base_path, settings, revision, images,
                )),
            }
        })
        .collect();
    let problems = bodies
        .iter()
        .flat_map(|b| b.problems.iter().chain(&b.warnings).cloned())
        .collect();
    (bodies, problems)
}

/// A body is made from its file, where its links lead and the `markdown:` settings.
fn body_revision(page: &Page, world: u64, settings: &MarkdownSettings) -> u64 {
    hash64(&(page.source.revision, world, settings))
}

/// Every body depends on where the pages and files it may link to are published: this
/// hash of it changes when any of them moves.
pub fn link_world(library: &Library, base_path: &str) -> u64 {
    hash64(&(
        base_path,
        library
            .pages
            .iter()
            .map(|p| (&p.source.rel, &p.url))
            .collect::<Vec<_>>(),
        library
            .assets
            .iter()
            .map(|a| (&a.rel, a.revision))
            .collect::<Vec<_>>(),
    ))
}

/// Renders one page's body again (its file changed, its links' targets did not), as
/// [`render_bodies`] would with the same `world`.
pub fn render_one(
    library: &Library,
    id: PageId,
    base_path: &str,
    settings: &MarkdownSettings,
    world: u64,
    images: &Pipeline,
) -> Body {
    let revision = body_revision(library.page(id), world, settings);
    render_body(library, id, base_path, settings, revision, images)
}

fn render_body(
    library: &Library,
    id: PageId,
    base_path: &str,
    settings: &MarkdownSettings,
    revision: u64,
    images: &Pipeline,
) -> Body {
    let page = library.page(id);
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let resolver = Resolver {
        library,
        page,
        base_path,
        images: Some(images),
        uses: RefCell::new(Vec::new()),
    };
    let rendered = markdown::render(
        &page.source.body,
        page.source.body_line,
        settings,
        &mut |reference| resolver.resolve(reference),
    );
    for problem in rendered.problems {
        match problem.kind {
            ProblemKind::Reference => problems.push(diagnostic(page, problem)),
            ProblemKind::RawHtml => warnings.push(diagnostic(page, problem)),
        }
    }
    let cover = page
        .source
        .meta
        .cover
        .as_ref()
        .and_then(|cover| match resolver.cover(cover) {
            Ok(planned) => Some(planned),
            Err((message, hint)) => {
                problems.push(
                    Diagnostic::error(&page.source.display, format!("cover: {message}"))
                        .at(cover.line, cover.column)
                        .maybe_hint(hint),
                );
                None
            }
        });
    let summary = page.source.meta.summary.clone().or_else(|| {
        let first = rendered.first_paragraph.trim();
        (!first.is_empty() && page.role() != Role::Home).then(|| {
            let (short, cut) = truncate_words(first, SUMMARY_CHARS);
            if cut { format!("{short}…") } else { short }
        })
    });
    let words = word_count(&page.source.body);
    Body {
        html: rendered.html,
        toc: rendered.toc,
        summary,
        reading_minutes: words.div_ceil(200).max(1),
        cover,
        images: resolver.uses.into_inner(),
        revision,
        problems,
        warnings,
    }
}

/// A problem of the Markdown, in the page's file: an error about a link or picture, a
/// warning about raw HTML.
fn diagnostic(page: &Page, problem: markdown::Problem) -> Diagnostic {
    let file = &page.source.display;
    let diagnostic = match problem.kind {
        ProblemKind::Reference => Diagnostic::error(file, problem.message),
        ProblemKind::RawHtml => Diagnostic::warning(file, problem.message),
    };
    diagnostic
        .at(problem.line, problem.column)
        .maybe_hint(problem.hint)
}

struct Resolver<'a> {
    library: &'a Library,
    page: &'a Page,
    base_path: &'a str,
    /// Plans pictures; without it (checking links only) pictures are only looked up.
    images: Option<&'a Pipeline>,
    /// Pictures planned so far, with where they were written.
    uses: RefCell<Vec<ImageUse>>,
}

type Failure = (String, Option<String>);

impl Resolver<'_> {
    fn resolve(&self, reference: &Reference) -> Resolution {
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
    fn join(&self, target: &str) -> Option<String> {
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
    fn page_for(&self, rel: &str) -> Option<PageId> {
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
    fn cover(&self, cover: &crate::content::Cover) -> Result<Cover, Failure> {
        let Some(pipeline) = self.images else {
            return self.asset(&cover.src).map(|image| Cover {
                thumb: image,
                srcset: String::new(),
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
        let srcset = fallback
            .iter()
            .map(|v| format!("{prefix}{} {}w", v.file_name, v.width))
            .collect::<Vec<_>>()
            .join(", ");
        Ok(Cover {
            thumb,
            srcset,
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

/// What [`check_body`] found in one page.
pub(crate) struct BodyCheck {
    /// The id of every heading: what `#fragment`s can name.
    pub heading_ids: std::collections::HashSet<String>,
    /// Links and pictures that do not resolve or may not be published (errors).
    pub reference_problems: Vec<Diagnostic>,
    /// What the sanitizer removed from the raw HTML (warnings).
    pub raw_html_warnings: Vec<Diagnostic>,
}

/// For `mekong check`: page `id`'s Markdown rendered for its links, pictures and raw
/// HTML, which are resolved, sanitized and reported exactly as `render_bodies` does,
/// each link and picture handed to `observe`; the summary and reading time are skipped.
///
/// The cover diagnostic below repeats `render_body`'s; `tests/check.rs` compares
/// `check` with `build` so that they stay the same.
pub(crate) fn check_body(
    library: &Library,
    id: PageId,
    base_path: &str,
    settings: &MarkdownSettings,
    images: Option<&Pipeline>,
    observe: &mut dyn FnMut(&Reference),
) -> BodyCheck {
    let page = library.page(id);
    let resolver = Resolver {
        library,
        page,
        base_path,
        images,
        uses: RefCell::new(Vec::new()),
    };
    let rendered = markdown::render(
        &page.source.body,
        page.source.body_line,
        settings,
        &mut |reference| {
            observe(reference);
            resolver.resolve(reference)
        },
    );
    let mut problems = Vec::new();
    let mut raw_html_warnings = Vec::new();
    for problem in rendered.problems {
        match problem.kind {
            ProblemKind::Reference => problems.push(diagnostic(page, problem)),
            ProblemKind::RawHtml => raw_html_warnings.push(diagnostic(page, problem)),
        }
    }
    if let Some(cover) = &page.source.meta.cover
        && let Err((message, hint)) = resolver.cover(cover)
    {
        problems.push(
            Diagnostic::error(&page.source.display, format!("cover: {message}"))
                .at(cover.line, cover.column)
                .maybe_hint(hint),
        );
    }
    BodyCheck {
        heading_ids: rendered.heading_ids,
        reference_problems: problems,
        raw_html_warnings,
    }
}

/// Where a link or image written in a page leads, resolved the way `render_bodies`
/// resolves it: for `mekong check`, which follows links to check their `#fragment` and
/// looks for bundle files nothing refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A page, in the linking page's language when that translation exists.
    Page(PageId),
    /// A file under `content/`, by its path there.
    File(String),
    /// Another site, a site path, this page's own `#fragment`, or nothing that exists.
    Other,
}

/// Where `dest`, written in page `id`, leads (see [`Target`]).
pub(crate) fn target(library: &Library, id: PageId, dest: &str) -> Target {
    let resolver = Resolver {
        library,
        page: library.page(id),
        base_path: "",
        images: None,
        uses: RefCell::new(Vec::new()),
    };
    let dest = dest.trim();
    if dest.is_empty() || is_external(dest) || dest.starts_with('#') || dest.starts_with('/') {
        return Target::Other;
    }
    let path = dest.split(['#', '?']).next().unwrap_or_default();
    let decoded = nfc(&percent_encoding::percent_decode_str(path).decode_utf8_lossy());
    let Some(rel) = resolver.join(&decoded) else {
        return Target::Other;
    };
    let is_page = rel.ends_with(".md") || rel.is_empty() || decoded.ends_with('/');
    if !is_page && library.asset_by_rel(&rel).is_some() {
        return Target::File(rel);
    }
    resolver.page_for(&rel).map_or(Target::Other, Target::Page)
}

pub use crate::images::{IMAGE_DIR, is_image_name};

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

/// Where a file from `content/` is published: `/media/<its path under content>`.
pub fn media_path(rel: &str) -> SitePath {
    SitePath::file(std::iter::once("media").chain(rel.split('/')))
}

fn is_external(dest: &str) -> bool {
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
