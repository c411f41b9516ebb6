//! Fingerprints: a hash of everything one page is rendered from, computed from the
//! library's indexes without rendering. Equal fingerprints mean equal output, which lets
//! `serve` re-render only the pages an edit touched.

use std::hash::{Hash, Hasher};

use super::RenderInput;
use super::frame::{Frame, Job};
use crate::config::Config;
use crate::content::hash64;
use crate::library::{Library, PageId};

/// What every page shows whatever it is: navigation and the languages' homes.
pub fn site_epoch(library: &Library) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    for language in &library.languages {
        language.home_url.hash(&mut hasher);
        for &id in &language.sections {
            let section = &library.sections[id];
            section.name.hash(&mut hasher);
            if let Some(version) = section.version(&language.code) {
                (&version.title, &version.url).hash(&mut hasher);
            }
        }
    }
    hasher.finish()
}

/// What sitemaps are made of: each listed page's address, language versions and date.
pub fn sitemap_inputs(frames: &[Frame]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    for frame in frames.iter().filter(|f| f.in_sitemap()) {
        sitemap_hash(frame, &mut hasher);
    }
    hasher.finish()
}

fn sitemap_hash(frame: &Frame, hasher: &mut impl Hasher) {
    frame.in_sitemap().hash(hasher);
    frame.lang.hash(hasher);
    frame.path.hash(hasher);
    frame.kind.name().hash(hasher);
    for version in &frame.versions {
        (&version.lang, &version.url).hash(hasher);
    }
    frame
        .lastmod
        .map(|d| (d.instant.as_second(), d.offset.seconds()))
        .hash(hasher);
}

fn frame_hash(frame: &Frame, hasher: &mut impl Hasher) {
    frame.kind.name().hash(hasher);
    frame.lang.hash(hasher);
    frame.path.hash(hasher);
    for version in &frame.versions {
        (&version.lang, &version.url).hash(hasher);
    }
    frame.section.hash(hasher);
    frame.title.hash(hasher);
    frame.description.hash(hasher);
    frame
        .lastmod
        .map(|d| {
            (
                d.instant.as_second(),
                d.instant.subsec_nanosecond(),
                d.offset.seconds(),
            )
        })
        .hash(hasher);
    frame.template.hash(hasher);
}

/// One thing a page shows beyond its frame.
pub enum Input {
    /// Another page's content (its title, summary, cover, body…).
    Page(PageId),
    /// A fact of the indexes (a count, a term's name), as a hash.
    Fact(u64),
}

/// Visits everything a page is rendered from besides its frame and the epoch. Both the
/// fingerprint and `serve`'s index of which pages show which are made from this one
/// list, so they cannot disagree.
pub fn inputs(job: &Job, config: &Config, library: &Library, visit: &mut dyn FnMut(Input)) {
    let pages = |ids: &[PageId], visit: &mut dyn FnMut(Input)| {
        visit(Input::Fact(ids.len() as u64));
        for &id in ids {
            visit(Input::Page(id));
        }
    };
    let paginate = config.paginate;
    let slice = |ids: &[PageId], number: usize| {
        let start = ((number - 1) * paginate).min(ids.len());
        let end = (start + paginate).min(ids.len());
        start..end
    };
    match job {
        Job::Chooser | Job::NotFound { .. } => {}
        Job::Home { lang } => {
            if let Some(language) = library.language(lang) {
                pages(language.home_page.as_slice(), visit);
                pages(&language.articles[..language.articles.len().min(10)], visit);
                for &id in &language.sections {
                    if let Some(version) = library.sections[id].version(lang) {
                        pages(&version.articles[..version.articles.len().min(4)], visit);
                    }
                }
            }
        }
        Job::Page { id } => {
            visit(Input::Page(*id));
            // Term links need no entry: an article's terms exist because it has them.
            pages(&library.related(*id, 4), visit);
        }
        Job::Section {
            section,
            lang,
            number,
        } => {
            if let Some(version) = library.sections[*section].version(lang) {
                pages(version.index_page.as_slice(), visit);
                visit(Input::Fact(version.articles.len() as u64));
                pages(&version.articles[slice(&version.articles, *number)], visit);
            }
        }
        Job::TaxonomyList { lang, taxonomy } => {
            if let Some(language) = library.language(lang) {
                for term in &language.taxonomies[*taxonomy].terms {
                    visit(Input::Fact(hash64(&(
                        &term.name,
                        &term.url,
                        term.pages.len(),
                    ))));
                }
            }
        }
        Job::Term {
            lang,
            taxonomy,
            term,
            number,
        } => {
            if let Some(language) = library.language(lang) {
                let term = &language.taxonomies[*taxonomy].terms[*term];
                visit(Input::Fact(hash64(&(&term.name, &term.url))));
                visit(Input::Fact(term.pages.len() as u64));
                pages(&term.pages[slice(&term.pages, *number)], visit);
            }
        }
    }
}

/// The pages whose content `job` shows.
pub fn reads(job: &Job, config: &Config, library: &Library) -> Vec<PageId> {
    let mut read = Vec::new();
    inputs(job, config, library, &mut |input| {
        if let Input::Page(id) = input {
            read.push(id);
        }
    });
    read
}

pub fn fingerprint(job: &Job, frame: &Frame, input: &RenderInput, epoch: u64) -> u64 {
    let RenderInput {
        config,
        library,
        bodies,
        ..
    } = input;
    let mut hasher = std::hash::DefaultHasher::new();
    epoch.hash(&mut hasher);
    frame_hash(frame, &mut hasher);
    inputs(job, config, library, &mut |input| match input {
        // The address too: two pages may have the same text.
        Input::Page(id) => (&library.page(id).url, bodies[id].revision).hash(&mut hasher),
        Input::Fact(fact) => fact.hash(&mut hasher),
    });
    hasher.finish()
}

/// What of a frame sitemaps show.
pub fn sitemap_part(frame: &Frame) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    sitemap_hash(frame, &mut hasher);
    hasher.finish()
}
