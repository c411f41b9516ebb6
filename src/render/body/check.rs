//! For `mekong check`: where a link written in a page leads.

use std::cell::RefCell;

use super::resolve::{Resolver, is_external};
use crate::library::{Library, PageId};
use crate::text::nfc;

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
