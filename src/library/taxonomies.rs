//! Taxonomies of one language: each configured taxonomy's terms, with the articles
//! that use them.

use std::collections::BTreeMap;

use crate::url::SitePath;

use super::{Page, PageId, Taxonomy, Term};

/// The language's taxonomies, in configured order. A taxonomy no article of the
/// language uses gets no (empty) list page.
pub(super) fn build(
    names: &[String],
    lang: &str,
    articles: &[PageId],
    pages: &[Page],
    base: &str,
) -> Vec<Taxonomy> {
    names
        .iter()
        .map(|name| build_taxonomy(name, lang, articles, pages, base))
        .filter(|taxonomy| !taxonomy.terms.is_empty())
        .collect()
}

fn build_taxonomy(
    name: &str,
    lang: &str,
    articles: &[PageId],
    pages: &[Page],
    base: &str,
) -> Taxonomy {
    let path = SitePath::dir([lang.to_string(), name.to_string()]);
    // `articles` is newest first, so each term's list comes out sorted too. The first
    // spelling met becomes the term's display name; NFC was applied on read.
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    for &id in articles {
        let (names, slugs) = pages[id].source.terms(name);
        for (term_name, slug) in names.iter().zip(slugs) {
            if slug.is_empty() {
                continue;
            }
            let slug = slug.clone();
            let term = terms.entry(slug.clone()).or_insert_with(|| {
                let term_path = path.join([slug.clone()]);
                Term {
                    name: term_name.clone(),
                    url: term_path.url(base),
                    path: term_path,
                    slug,
                    pages: Vec::new(),
                }
            });
            if term.pages.last() != Some(&id) {
                term.pages.push(id);
            }
        }
    }
    Taxonomy {
        name: name.to_string(),
        url: path.url(base),
        path,
        terms: terms.into_values().collect(),
    }
}
