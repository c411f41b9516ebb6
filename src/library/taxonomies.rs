//! Taxonomies of one language: each configured taxonomy's terms, with the articles
//! that use them. A term the terms file maps is published under its name and slug in
//! the language, whichever of its names or its key the articles wrote.

use std::collections::{BTreeMap, HashMap};

use crate::terms::Terms;
use crate::url::SitePath;

use super::{Page, PageId, Taxonomy, Term};

/// The language's taxonomies, in configured order. A taxonomy no article of the
/// language uses gets no (empty) list page.
pub(super) fn build(
    names: &[String],
    lang: &str,
    articles: &[PageId],
    pages: &[Page],
    terms: &Terms,
    base: &str,
) -> Vec<Taxonomy> {
    names
        .iter()
        .map(|name| build_taxonomy(name, lang, articles, pages, terms, base))
        .filter(|taxonomy| !taxonomy.terms.is_empty())
        .collect()
}

fn build_taxonomy(
    name: &str,
    lang: &str,
    articles: &[PageId],
    pages: &[Page],
    mapped: &Terms,
    base: &str,
) -> Taxonomy {
    let path = SitePath::dir([lang.to_string(), name.to_string()]);
    // `articles` is newest first, so each term's list comes out sorted too. The first
    // spelling met becomes the term's display name (unless the terms file names it);
    // NFC was applied on read.
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    for &id in articles {
        let (names, slugs) = pages[id].source.terms(name);
        for (term_name, slug) in names.iter().zip(slugs) {
            if slug.is_empty() {
                continue;
            }
            let found = mapped.find(name, lang, slug);
            let slug = found
                .and_then(|term| term.slugs.get(lang))
                .unwrap_or(slug)
                .clone();
            let term = terms.entry(slug.clone()).or_insert_with(|| {
                let term_path = path.join([slug.clone()]);
                Term {
                    name: found
                        .and_then(|term| term.name(lang))
                        .unwrap_or(term_name)
                        .to_string(),
                    url: term_path.url(base),
                    path: term_path,
                    slug,
                    key: found.map(|term| term.key.clone()),
                    description: found.and_then(|term| term.descriptions.get(lang).cloned()),
                    pages: Vec::new(),
                }
            });
            if term.pages.last() != Some(&id) {
                term.pages.push(id);
            }
        }
    }
    let terms: Vec<Term> = terms.into_values().collect();
    let by_key: HashMap<String, usize> = terms
        .iter()
        .enumerate()
        .filter_map(|(i, term)| term.key.clone().map(|key| (key, i)))
        .collect();
    Taxonomy {
        name: name.to_string(),
        url: path.url(base),
        path,
        terms,
        by_key,
    }
}
