//! For `mekong check`: a page's Markdown resolved for its links, pictures and raw HTML
//! only, and where a link leads.

use std::cell::RefCell;

use super::diagnostic;
use super::resolve::{Resolver, is_external};
use crate::config::MarkdownSettings;
use crate::diagnostics::Diagnostic;
use crate::images::Pipeline;
use crate::library::{Library, PageId};
use crate::markdown::{self, ProblemKind, Reference};
use crate::text::nfc;

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
