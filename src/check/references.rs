//! Links and pictures beyond what a build checks: `#fragment`s against the target page's
//! heading ids, pictures without alt text, bundle files nothing refers to, links that
//! only resolve while drafts are included.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, nearest};
use crate::library::{Library, PageId};
use crate::markdown::RefKind;
use crate::render::body::{self, Target};
use crate::text::nfc;

/// What one page's body holds: its heading ids and every link and picture.
pub(super) type PageScan = body::Links;

/// Each page's links and heading ids, from bodies rendered with [`body::Keep::Links`].
pub(super) fn scans(bodies: &[std::sync::Arc<body::Body>]) -> Vec<&PageScan> {
    static NONE: std::sync::OnceLock<PageScan> = std::sync::OnceLock::new();
    bodies
        .iter()
        .map(|body| {
            body.links
                .as_deref()
                .unwrap_or_else(|| NONE.get_or_init(PageScan::default))
        })
        .collect()
}

/// Links whose `#fragment` names no heading of the page they lead to.
pub(super) fn anchors(library: &Library, scans: &[&PageScan]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (id, scan) in scans.iter().enumerate() {
        let page = library.page(id);
        for reference in &scan.references {
            if reference.kind != RefKind::Link {
                continue;
            }
            let Some((_, fragment)) = reference.dest.split_once('#') else {
                continue;
            };
            let fragment = nfc(&percent_encoding::percent_decode_str(fragment).decode_utf8_lossy());
            if fragment.is_empty() {
                continue;
            }
            let target = if reference.dest.starts_with('#') {
                id
            } else {
                match body::target(library, id, &reference.dest) {
                    Target::Page(target) => target,
                    Target::File(_) | Target::Other => continue,
                }
            };
            let ids = &scans[target].heading_ids;
            if ids.contains(&fragment)
                || has_html_anchor(&library.page(target).source.body, &fragment)
            {
                continue;
            }
            let where_ = if target == id {
                "this page".to_string()
            } else {
                library.page(target).source.display.display().to_string()
            };
            let hint = match nearest(&fragment, ids.iter().map(String::as_str)) {
                Some(guess) => format!("did you mean `#{guess}`?"),
                None if ids.is_empty() => format!("{where_} has no headings to link to"),
                None => {
                    let mut known: Vec<&str> = ids.iter().map(String::as_str).collect();
                    known.sort_unstable();
                    known.truncate(8);
                    format!("its headings' ids are: {}", known.join(", "))
                }
            };
            problems.push(
                Diagnostic::error(
                    &page.source.display,
                    format!("`#{fragment}` is not a heading of {where_}"),
                )
                .at(reference.line, reference.column)
                .with_hint(hint),
            );
        }
    }
    problems
}

/// An `id="…"` or `name="…"` written in raw HTML.
fn has_html_anchor(body: &str, fragment: &str) -> bool {
    ["id", "name"].iter().any(|attribute| {
        body.contains(&format!("{attribute}=\"{fragment}\""))
            || body.contains(&format!("{attribute}='{fragment}'"))
    })
}

/// Pictures (in the text and covers) without alt text.
pub(super) fn alt_text(library: &Library, scans: &[&PageScan]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (id, scan) in scans.iter().enumerate() {
        let page = library.page(id);
        for reference in &scan.references {
            if reference.kind == RefKind::Image && reference.alt_is_empty {
                problems.push(
                    Diagnostic::warning(
                        &page.source.display,
                        format!("the picture `{}` has no alt text", reference.dest.trim()),
                    )
                    .at(reference.line, reference.column)
                    .with_hint(
                        "describe it between the brackets, ![like this](photo.jpg): screen \
                         readers read it out, and it shows when the picture cannot load",
                    ),
                );
            }
        }
        if let Some(cover) = &page.source.meta.cover
            && cover.alt.as_deref().is_none_or(|alt| alt.trim().is_empty())
        {
            problems.push(
                Diagnostic::warning(&page.source.display, "the cover picture has no alt text")
                    .at(cover.line, cover.column)
                    .with_hint("add alt: \"…\" to cover, describing the picture"),
            );
        }
    }
    problems
}

/// Files in an article's folder that no page links to or shows.
pub(super) fn unused_files(library: &Library, scans: &[&PageScan]) -> Vec<Diagnostic> {
    let mut bundles: HashMap<&str, Vec<PageId>> = HashMap::new();
    for (id, page) in library.pages.iter().enumerate() {
        if let Some(bundle) = &page.source.bundle {
            bundles.entry(bundle.as_str()).or_default().push(id);
        }
    }
    let mut used: HashSet<String> = HashSet::new();
    for (id, scan) in scans.iter().enumerate() {
        let page = library.page(id);
        let covers = page
            .source
            .meta
            .cover
            .iter()
            .map(|cover| cover.src.as_str());
        let dests = scan.references.iter().map(|r| r.dest.as_str());
        for dest in covers.chain(dests) {
            if let Target::File(rel) = body::target(library, id, dest) {
                used.insert(rel);
            }
        }
    }
    // A document's files are shown on its pages.
    for document in &library.documents.documents {
        used.extend(document.files.iter().map(|file| file.rel.clone()));
    }
    let mut problems = Vec::new();
    for asset in &library.assets {
        let Some((folder, name)) = asset.rel.rsplit_once('/') else {
            continue;
        };
        let Some(pages) = bundles.get(folder) else {
            continue;
        };
        // Raw HTML (`<img src="…">`, `<a href="…">`) is not parsed; naming the file is
        // taken as using it.
        if used.contains(&asset.rel)
            || pages
                .iter()
                .any(|&id| library.page(id).source.body.contains(name))
        {
            continue;
        }
        problems.push(
            Diagnostic::warning(
                PathBuf::from("content").join(&asset.rel),
                "no page of this folder shows or links to this file",
            )
            .with_hint(format!(
                "show it (![…]({name})), link to it, or delete it: it is published under /media/ either way"
            )),
        );
    }
    problems
}

/// Links from published pages that lead to a page only while drafts are included:
/// `mekong build` (without --drafts) reports them as broken.
pub(super) fn links_to_drafts(
    library: &Library,
    scans: &[&PageScan],
    published: &Library,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (id, scan) in scans.iter().enumerate() {
        let page = library.page(id);
        let Some(published_id) = published.page_by_rel(&page.source.rel) else {
            continue;
        };
        for reference in &scan.references {
            let Target::Page(target) = body::target(library, id, &reference.dest) else {
                continue;
            };
            if matches!(
                body::target(published, published_id, &reference.dest),
                Target::Page(_)
            ) {
                continue;
            }
            problems.push(
                Diagnostic::error(
                    &page.source.display,
                    format!(
                        "`{}` leads to a draft ({}): `mekong build` without --drafts reports it as broken",
                        reference.dest.trim(),
                        library.page(target).source.display.display()
                    ),
                )
                .at(reference.line, reference.column)
                .with_hint("publish the target (draft: false), or remove the link until it is"),
            );
        }
    }
    problems
}
