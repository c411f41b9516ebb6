//! Page bodies: Markdown rendered with links to other content files rewritten to their
//! addresses, bundle images and files published under `/media/`, raw HTML sanitized
//! as `site.yaml` says, and summaries.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::MarkdownSettings;
use crate::content::{Role, hash64};
use crate::diagnostics::Diagnostic;
use crate::images::{Pipeline, Planned};
use crate::library::{Library, Page, PageId};
use crate::markdown::{self, Heading, ProblemKind};
use crate::mentions::MentionFinder;
use crate::text::{truncate_words, word_count};

mod check;
mod mentions;
mod resolve;

pub(crate) use check::{Target, target};
use resolve::Resolver;

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
    /// Where its mentions of documents disagree with the registry: warnings.
    pub mention_warnings: Vec<Diagnostic>,
    /// Every link and picture as written, and the heading ids: kept for `mekong check`
    /// only (see [`Keep`]).
    pub(crate) links: Option<Box<Links>>,
    /// The documents its text mentions (indexes into the registry's documents), each
    /// once, in the order first mentioned; a document's own page not counted.
    pub mentions: Vec<usize>,
}

/// What a body's links and headings are, as written: `check` follows them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Links {
    /// The id of every heading: what `#fragment`s can name.
    pub heading_ids: std::collections::HashSet<String>,
    pub references: Vec<Written>,
}

/// One link or picture as the page's Markdown writes it.
#[derive(Debug, Clone)]
pub(crate) struct Written {
    pub kind: markdown::RefKind,
    pub dest: String,
    pub alt_is_empty: bool,
    pub line: usize,
    pub column: usize,
}

/// Whether bodies keep their [`Links`]: `check` reads them, a build does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Links,
    Output,
}

/// A cover: a variant for listings, the eager `<picture>` for the article, the share card.
#[derive(Debug, Clone)]
pub struct Cover {
    /// The smallest variant at least 480 pixels wide (cards and listings).
    pub thumb: Image,
    /// `srcset` of the variants in the source's format.
    pub srcset: String,
    /// `srcset` of the WebP variants (empty when the source is WebP or none were made),
    /// for a `<source type="image/webp">` beside `srcset`.
    pub webp_srcset: String,
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
    mentions: &MentionFinder,
    keep: Keep,
) -> (Vec<Arc<Body>>, Vec<Diagnostic>) {
    let world = link_world(library, base_path);
    let bodies: Vec<Arc<Body>> = (0..library.pages.len())
        .into_par_iter()
        .map(|id| {
            let page = library.page(id);
            let revision = body_revision(page, world, settings, mentions);
            match previous.get(&page.source.rel) {
                Some(body)
                    if body.revision == revision
                        && (keep == Keep::Output || body.links.is_some()) =>
                {
                    Arc::clone(body)
                }
                _ => Arc::new(render_body(
                    library, id, base_path, settings, revision, images, mentions, keep,
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

/// Per document of the registry (by index), the pages whose bodies mention it, newest
/// first: what a document's page lists as mentioning it.
pub fn mentioned_in(library: &Library, bodies: &[Arc<Body>]) -> Vec<Vec<PageId>> {
    let mut index = vec![Vec::new(); library.documents.documents.len()];
    for (id, body) in bodies.iter().enumerate() {
        for &document in &body.mentions {
            index[document].push(id);
        }
    }
    for pages in &mut index {
        library.sort_newest_first(pages);
    }
    index
}

/// A body is made from its file, where its links lead, the `markdown:` settings and how
/// mentions of documents are written.
fn body_revision(
    page: &Page,
    world: u64,
    settings: &MarkdownSettings,
    mentions: &MentionFinder,
) -> u64 {
    hash64(&(page.source.revision, world, settings, mentions.revision))
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
        // Mentions link to documents by their numbers, and name their kinds.
        library
            .documents
            .documents
            .iter()
            .map(|d| {
                (
                    &d.meta.number.value,
                    d.kind,
                    d.meta.issued.value,
                    &d.versions,
                )
            })
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
    mentions: &MentionFinder,
) -> Body {
    let revision = body_revision(library.page(id), world, settings, mentions);
    render_body(
        library,
        id,
        base_path,
        settings,
        revision,
        images,
        mentions,
        Keep::Output,
    )
}

// What a body is made from, each an input of its revision.
#[allow(clippy::too_many_arguments)]
fn render_body(
    library: &Library,
    id: PageId,
    base_path: &str,
    settings: &MarkdownSettings,
    revision: u64,
    images: &Pipeline,
    finder: &MentionFinder,
    keep: Keep,
) -> Body {
    let page = library.page(id);
    let mut written = Vec::new();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let resolver = Resolver {
        library,
        page,
        base_path,
        images: Some(images),
        uses: RefCell::new(Vec::new()),
    };
    let mut mentioned = Vec::new();
    let mut mention_warnings = Vec::new();
    let language_finder = finder
        .settings
        .as_ref()
        .and_then(|settings| Some((settings, finder.language(page.lang())?)));
    let mut link_mention = |mention: &markdown::Mention| {
        let (settings, finder) = language_finder.expect("mentions are looked for with a finder");
        mentions::judge(
            library,
            settings,
            page,
            id,
            finder,
            mention,
            &mut mention_warnings,
        )
        .map(|(document, link)| {
            if !mentioned.contains(&document) {
                mentioned.push(document);
            }
            link
        })
    };
    let mut resolve = |reference: &markdown::Reference| {
        if keep == Keep::Links {
            written.push(Written {
                kind: reference.kind,
                dest: reference.dest.to_string(),
                alt_is_empty: reference.alt_or_text.trim().is_empty(),
                line: reference.line,
                column: reference.column,
            });
        }
        resolver.resolve(reference)
    };
    let rendered = markdown::render_with_mentions(
        &page.source.body,
        page.source.body_line,
        settings,
        &mut resolve,
        language_finder.map(|(_, finder)| markdown::Mentions {
            finder,
            link: &mut link_mention,
        }),
    );
    let links = (keep == Keep::Links).then(|| {
        Box::new(Links {
            heading_ids: rendered.heading_ids,
            references: written,
        })
    });
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
        mention_warnings,
        links,
        mentions: mentioned,
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
