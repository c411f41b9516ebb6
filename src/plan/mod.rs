//! The plan: every page the site publishes, as a [`Job`], with its address. Made from the
//! library alone, before anything is rendered, so that the address check
//! ([`addresses`]) and the renderers read the same list.

pub mod addresses;

use crate::config::Config;
use crate::content::Role;
use crate::library::{Filter, Library, PageId, Period, SectionId};
use crate::url::SitePath;

/// One page to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    Chooser,
    NotFound {
        lang: Option<String>,
    },
    Home {
        lang: String,
    },
    /// A language's search page, when search is on.
    Search {
        lang: String,
    },
    Page {
        id: PageId,
    },
    Section {
        section: SectionId,
        lang: String,
        number: usize,
    },
    TaxonomyList {
        lang: String,
        taxonomy: usize,
    },
    Term {
        lang: String,
        taxonomy: usize,
        term: usize,
        number: usize,
    },
    /// A page of a language's news archive: its root, or a year, month or day with
    /// articles, paginated.
    Archive {
        lang: String,
        period: Period,
        number: usize,
    },
    /// A page of a language's documents registry: all documents, or those of one kind,
    /// issuer or year, paginated. The registry's first page is its section's listing.
    Registry {
        lang: String,
        filter: Filter,
        number: usize,
    },
}

pub fn pages_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// A paginated listing's address: page 1 at the listing, page N at `page/N/`.
pub fn paged(base: &SitePath, number: usize) -> SitePath {
    if number <= 1 {
        base.clone()
    } else {
        base.join(["page".to_string(), number.to_string()])
    }
}

/// The items of page `number` (from 1) of a listing `per_page` long.
pub fn page_slice<T>(items: &[T], number: usize, per_page: usize) -> &[T] {
    let start = ((number - 1) * per_page).min(items.len());
    let end = (start + per_page).min(items.len());
    &items[start..end]
}

/// A language's search page: `/LANG/search/`.
pub fn search_path(home: &SitePath) -> SitePath {
    home.join(["search".to_string()])
}

/// The folder of a language's search index: `/LANG/pagefind/`, whose files are named
/// by the indexer (their names are hashes of their content).
pub const SEARCH_BUNDLE: &str = "pagefind";

/// A language's search index folder: `/LANG/pagefind/`.
pub fn search_bundle(home: &SitePath) -> SitePath {
    home.join([SEARCH_BUNDLE.to_string()])
}

/// Where a file from `content/` is published: `/media/<its path under content>`.
pub fn media_path(rel: &str) -> SitePath {
    SitePath::file(std::iter::once("media").chain(rel.split('/')))
}

/// Every page of the site, in a stable order.
pub fn jobs(config: &Config, library: &Library) -> Vec<Job> {
    let mut jobs = vec![Job::Chooser, Job::NotFound { lang: None }];
    for language in &library.languages {
        let lang = language.code.clone();
        jobs.push(Job::Home { lang: lang.clone() });
        jobs.push(Job::NotFound {
            lang: Some(lang.clone()),
        });
        if config.search {
            jobs.push(Job::Search { lang: lang.clone() });
        }
        let registry_section = language.registry.as_ref().map(|r| r.section);
        for &section in &language.sections {
            if Some(section) == registry_section {
                continue;
            }
            let version = library.sections[section]
                .version(&lang)
                .expect("listed sections exist in their language");
            for number in 1..=pages_count(version.articles.len(), config.paginate) {
                jobs.push(Job::Section {
                    section,
                    lang: lang.clone(),
                    number,
                });
            }
        }
        for (t, taxonomy) in language.taxonomies.iter().enumerate() {
            jobs.push(Job::TaxonomyList {
                lang: lang.clone(),
                taxonomy: t,
            });
            for (term_index, term) in taxonomy.terms.iter().enumerate() {
                for number in 1..=pages_count(term.pages.len(), config.paginate) {
                    jobs.push(Job::Term {
                        lang: lang.clone(),
                        taxonomy: t,
                        term: term_index,
                        number,
                    });
                }
            }
        }
        for filtered in language.registry.iter().flat_map(|r| &r.pages) {
            for number in 1..=pages_count(filtered.documents.len(), config.paginate) {
                jobs.push(Job::Registry {
                    lang: lang.clone(),
                    filter: filtered.filter,
                    number,
                });
            }
        }
        if let Some(archive) = &language.archive {
            jobs.push(Job::Archive {
                lang: lang.clone(),
                period: Period::All,
                number: 1,
            });
            let mut paginated = |period: Period, articles: usize| {
                for number in 1..=pages_count(articles, config.paginate) {
                    jobs.push(Job::Archive {
                        lang: lang.clone(),
                        period,
                        number,
                    });
                }
            };
            for year in &archive.years {
                paginated(Period::Year(year.year), year.dated.articles.len());
                for month in &year.dated.parts {
                    paginated(
                        Period::Month(year.year, month.month),
                        month.dated.articles.len(),
                    );
                    for day in &month.dated.parts {
                        paginated(
                            Period::Day(year.year, month.month, day.day),
                            day.dated.articles.len(),
                        );
                    }
                }
            }
        }
    }
    for (id, page) in library.pages.iter().enumerate() {
        if matches!(page.role(), Role::Article | Role::Page) {
            jobs.push(Job::Page { id });
        }
    }
    jobs
}

impl Job {
    /// Where the page is published. Rendering and the address check both read it here,
    /// so the addresses checked are the addresses written.
    pub fn path(&self, library: &Library) -> SitePath {
        match self {
            Job::Chooser => SitePath::dir(Vec::<String>::new()),
            Job::NotFound { lang: Some(lang) } => {
                SitePath::file([lang.clone(), "404.html".to_string()])
            }
            Job::NotFound { lang: None } => SitePath::file(["404.html"]),
            Job::Home { lang } => library
                .language(lang)
                .expect("home of a configured language")
                .home_path
                .clone(),
            Job::Search { lang } => search_path(
                &library
                    .language(lang)
                    .expect("search of a configured language")
                    .home_path,
            ),
            Job::Page { id } => library.page(*id).path.clone(),
            Job::Section {
                section,
                lang,
                number,
            } => {
                let version = library.sections[*section]
                    .version(lang)
                    .expect("section exists in its language");
                paged(&version.path, *number)
            }
            Job::TaxonomyList { lang, taxonomy } => {
                let language = library.language(lang).expect("configured language");
                language.taxonomies[*taxonomy].path.clone()
            }
            Job::Term {
                lang,
                taxonomy,
                term,
                number,
            } => {
                let language = library.language(lang).expect("configured language");
                paged(&language.taxonomies[*taxonomy].terms[*term].path, *number)
            }
            Job::Archive {
                lang,
                period,
                number,
            } => {
                let archive = library
                    .language(lang)
                    .and_then(|l| l.archive.as_ref())
                    .expect("archive pages are planned for languages with an archive");
                paged(&archive.path_of(*period), *number)
            }
            Job::Registry {
                lang,
                filter,
                number,
            } => paged(&registry_page(library, lang, *filter).path, *number),
        }
    }
}

/// The registry page of `filter` in `lang`, which the plan only asks for when it exists.
pub fn registry_page<'a>(
    library: &'a Library,
    lang: &str,
    filter: Filter,
) -> &'a crate::library::documents::Filtered {
    library
        .language(lang)
        .and_then(|l| l.registry.as_ref())
        .and_then(|r| r.page(filter))
        .expect("registry pages are planned for filters with documents")
}
