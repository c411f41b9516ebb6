//! Fingerprints: a hash of everything one page is rendered from, computed from the
//! library's indexes without rendering. Equal fingerprints mean equal output, which lets
//! `serve` re-render only the pages an edit touched.

use std::hash::{Hash, Hasher};

use super::RenderInput;
use super::frame::{Frame, Job};
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
        frame.lang.hash(&mut hasher);
        frame.path.hash(&mut hasher);
        frame.kind.name().hash(&mut hasher);
        for version in &frame.versions {
            (&version.lang, &version.url).hash(&mut hasher);
        }
        frame
            .lastmod
            .map(|d| (d.instant.as_second(), d.offset.seconds()))
            .hash(&mut hasher);
    }
    hasher.finish()
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
    let pages = |ids: &[PageId], hasher: &mut std::hash::DefaultHasher| {
        ids.len().hash(hasher);
        for &id in ids {
            bodies[id].revision.hash(hasher);
        }
    };
    let paginate = config.paginate;
    let slice = |ids: &[PageId], number: usize| {
        let start = ((number - 1) * paginate).min(ids.len());
        let end = (start + paginate).min(ids.len());
        (start, end, ids.len())
    };
    match job {
        Job::Chooser | Job::NotFound { .. } => {}
        Job::Home { lang } => {
            if let Some(language) = library.language(lang) {
                language
                    .home_page
                    .map(|id| bodies[id].revision)
                    .hash(&mut hasher);
                pages(
                    &language.articles[..language.articles.len().min(10)],
                    &mut hasher,
                );
                for &id in &language.sections {
                    if let Some(version) = library.sections[id].version(lang) {
                        pages(
                            &version.articles[..version.articles.len().min(4)],
                            &mut hasher,
                        );
                    }
                }
            }
        }
        Job::Page { id } => {
            bodies[*id].revision.hash(&mut hasher);
            // Term links need no entry: an article's terms exist because it has them.
            pages(&library.related(*id, 4), &mut hasher);
        }
        Job::Section {
            section,
            lang,
            number,
        } => {
            if let Some(version) = library.sections[*section].version(lang) {
                version
                    .index_page
                    .map(|id| bodies[id].revision)
                    .hash(&mut hasher);
                let (start, end, total) = slice(&version.articles, *number);
                total.hash(&mut hasher);
                pages(&version.articles[start..end], &mut hasher);
            }
        }
        Job::TaxonomyList { lang, taxonomy } => {
            if let Some(language) = library.language(lang) {
                for term in &language.taxonomies[*taxonomy].terms {
                    (&term.name, &term.url, term.pages.len()).hash(&mut hasher);
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
                (&term.name, &term.url).hash(&mut hasher);
                let (start, end, total) = slice(&term.pages, *number);
                total.hash(&mut hasher);
                pages(&term.pages[start..end], &mut hasher);
            }
        }
    }
    hasher.finish()
}
