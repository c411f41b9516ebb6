//! Views of listings: a section's pages, a taxonomy's terms, a term's pages. Section
//! and term listings are paginated by `paginate`.

use serde::Serialize;

use super::common::{HeadExtras, Paginator, paginator};
use super::content::{Html, Summary};
use super::{Built, PageData};
use crate::library::{SectionId, Taxonomy, Term as TermIndex};
use crate::plan::{Job, page_slice, paged, pages_count};
use crate::render::frame::{Frame, Kind, Version, newest, numbered};
use crate::render::reader::Reader;

#[derive(Serialize)]
pub struct Section<'a> {
    pub section: SectionInfo<'a>,
    pub pages: Vec<Summary<'a>>,
    pub paginator: Option<Paginator>,
}

#[derive(Serialize)]
pub struct SectionInfo<'a> {
    pub title: &'a str,
    pub description: Option<String>,
    pub content: Html<'a>,
    pub url: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct TaxonomyList<'a> {
    pub taxonomy: TaxonomyInfo<'a>,
    pub terms: Vec<TermInfo<'a>>,
}

#[derive(Serialize)]
pub struct Term<'a> {
    pub taxonomy: TaxonomyInfo<'a>,
    pub term: TermInfo<'a>,
    pub pages: Vec<Summary<'a>>,
    pub paginator: Option<Paginator>,
}

/// `{name, url}` of a taxonomy in one language.
#[derive(Serialize)]
pub struct TaxonomyInfo<'a> {
    pub name: &'a str,
    pub url: &'a str,
}

/// A term as lists and its own page show it.
#[derive(Serialize)]
pub struct TermInfo<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub count: usize,
    pub slug: &'a str,
    /// The terms file's description in the page's language.
    pub description: Option<&'a str>,
}

/// A taxonomy's title: its interface string (`taxonomy-tags`), else its name.
fn taxonomy_title(reader: &Reader<'_>, lang: &str, name: &str) -> String {
    reader
        .i18n
        .translate(lang, &format!("taxonomy-{name}"), None)
        .unwrap_or_else(|| name.to_string())
}

fn taxonomy_info(taxonomy: &Taxonomy) -> TaxonomyInfo<'_> {
    TaxonomyInfo {
        name: &taxonomy.name,
        url: &taxonomy.url,
    }
}

fn term_info(term: &TermIndex) -> TermInfo<'_> {
    TermInfo {
        name: &term.name,
        url: &term.url,
        count: term.pages.len(),
        slug: &term.slug,
        description: term.description.as_deref(),
    }
}

pub fn section<'a>(
    reader: &Reader<'a>,
    job: &Job,
    section: SectionId,
    lang: &str,
    number: usize,
) -> Built<'a> {
    let library = reader.library;
    let config = reader.config;
    let per_page = config.paginate;
    let base = config.base_path.as_str();
    let version = library.sections[section]
        .version(lang)
        .expect("section exists in its language");
    let total = pages_count(version.articles.len(), per_page);
    let index_page = version.index_page;
    let shown = page_slice(&version.articles, number, per_page);
    let description = index_page.and_then(|id| {
        let page = reader.page(id);
        (page.source.meta.description.clone()).or_else(|| reader.body(id).summary.clone())
    });
    let frame = Frame {
        kind: Kind::Section,
        lang: lang.to_string(),
        path: job.path(library),
        versions: library.sections[section]
            .versions
            .iter()
            .filter(|v| number <= pages_count(v.articles.len(), per_page))
            .map(|v| Version {
                lang: v.lang.clone(),
                url: paged(&v.path, number).url(base),
            })
            .collect(),
        section: Some(section),
        source: index_page,
        title: numbered(&version.title, number, total),
        description: description.clone(),
        lastmod: newest(library, shown),
        template: index_page
            .and_then(|id| reader.page(id).source.meta.template.clone())
            .unwrap_or_else(|| "section.html".into()),
    };
    // A language whose listing is shorter: the switcher leads to its first page.
    let fallbacks = library.sections[section]
        .versions
        .iter()
        .filter(|v| number > pages_count(v.articles.len(), per_page))
        .map(|v| Version {
            lang: v.lang.clone(),
            url: v.path.url(base),
        })
        .collect();
    Built {
        frame,
        extras: HeadExtras {
            fallbacks,
            ..HeadExtras::default()
        },
        data: PageData::Section(Section {
            section: SectionInfo {
                title: &version.title,
                description,
                content: Html(index_page.map_or("", |id| &reader.body(id).html)),
                url: &version.url,
                name: &library.sections[section].name,
            },
            pages: reader.summaries(shown),
            paginator: paginator(&version.path, number, total, base),
        }),
    }
}

pub fn taxonomy_list<'a>(reader: &Reader<'a>, job: &Job, lang: &str, taxonomy: usize) -> Built<'a> {
    let library = reader.library;
    let language = library.language(lang).expect("configured language");
    let tax = &language.taxonomies[taxonomy];
    let title = taxonomy_title(reader, lang, &tax.name);
    let frame = Frame {
        kind: Kind::Taxonomy,
        lang: lang.to_string(),
        path: job.path(library),
        versions: library
            .languages
            .iter()
            .filter_map(|l| {
                l.taxonomy(&tax.name).map(|t| Version {
                    lang: l.code.clone(),
                    url: t.url.clone(),
                })
            })
            .collect(),
        section: None,
        source: None,
        title,
        description: None,
        lastmod: tax
            .terms
            .iter()
            .filter_map(|t| newest(library, &t.pages[..t.pages.len().min(1)]))
            .max(),
        template: "taxonomy_list.html".into(),
    };
    Built {
        frame,
        extras: HeadExtras::default(),
        data: PageData::TaxonomyList(TaxonomyList {
            taxonomy: taxonomy_info(tax),
            terms: tax.terms.iter().map(term_info).collect(),
        }),
    }
}

pub fn term<'a>(
    reader: &Reader<'a>,
    job: &Job,
    lang: &str,
    taxonomy: usize,
    term: usize,
    number: usize,
) -> Built<'a> {
    let library = reader.library;
    let config = reader.config;
    let per_page = config.paginate;
    let language = library.language(lang).expect("configured language");
    let tax = &language.taxonomies[taxonomy];
    let term = &tax.terms[term];
    let total = pages_count(term.pages.len(), per_page);
    let path = job.path(library);
    let shown = page_slice(&term.pages, number, per_page);
    let base = config.base_path.as_str();
    // A mapped term is one term in every language that has articles with it; the
    // others lead to their own list of the taxonomy's terms.
    let mut versions = Vec::new();
    let mut fallbacks = Vec::new();
    for other in &library.languages {
        let taxonomy = other.taxonomy(&tax.name);
        let same = if other.code == lang {
            Some(term)
        } else {
            term.key
                .as_deref()
                .and_then(|key| taxonomy.and_then(|t| t.term_by_key(key)))
        };
        match same.filter(|t| number <= pages_count(t.pages.len(), per_page)) {
            Some(same) => versions.push(Version {
                lang: other.code.clone(),
                url: paged(&same.path, number).url(base),
            }),
            None => {
                if let Some(taxonomy) = taxonomy {
                    fallbacks.push(Version {
                        lang: other.code.clone(),
                        url: taxonomy.url.clone(),
                    });
                }
            }
        }
    }
    let frame = Frame {
        kind: Kind::Term,
        lang: lang.to_string(),
        versions,
        path,
        section: None,
        source: None,
        // With its taxonomy: a category named like a section gets a title of its own.
        title: numbered(
            &format!(
                "{} – {}",
                term.name,
                taxonomy_title(reader, lang, &tax.name)
            ),
            number,
            total,
        ),
        description: term.description.clone(),
        lastmod: newest(library, shown),
        template: "taxonomy_single.html".into(),
    };
    Built {
        frame,
        extras: HeadExtras {
            fallbacks,
            ..HeadExtras::default()
        },
        data: PageData::Term(Term {
            taxonomy: taxonomy_info(tax),
            term: term_info(term),
            pages: reader.summaries(shown),
            paginator: paginator(&term.path, number, total, base),
        }),
    }
}
