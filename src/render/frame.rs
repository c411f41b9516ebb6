//! Every page the site publishes, described independently of its template: address,
//! language versions, title, dates. HTML heads, sitemaps and the switcher all read this.

use std::sync::Arc;

use crate::config::Config;
use crate::content::{PageDate, Role};
use crate::library::{Library, PageId, SectionId};
use crate::url::SitePath;

use super::Body;

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Chooser,
    NotFound,
    Home,
    Article,
    Page,
    Section,
    Taxonomy,
    Term,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Chooser => "chooser",
            Kind::NotFound => "404",
            Kind::Home => "home",
            Kind::Article => "article",
            Kind::Page => "page",
            Kind::Section => "section",
            Kind::Taxonomy => "taxonomy",
            Kind::Term => "term",
        }
    }
}

/// The same page in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub lang: String,
    /// Root-relative, encoded.
    pub url: String,
}

/// What every page is, whatever its template.
#[derive(Debug, Clone)]
pub struct Frame {
    pub kind: Kind,
    pub lang: String,
    pub path: SitePath,
    /// Versions in `languages` order, itself included; empty for pages without hreflang.
    pub versions: Vec<Version>,
    /// The section to mark in navigation.
    pub section: Option<SectionId>,
    /// The Markdown file behind the page, if any.
    pub source: Option<PageId>,
    pub title: String,
    pub description: Option<String>,
    /// For sitemaps: `updated`, else `date`, else the newest page listed.
    pub lastmod: Option<PageDate>,
    pub template: String,
}

impl Frame {
    /// x-default: the chooser for homes and the chooser itself; elsewhere the
    /// default-language version, else the first existing one.
    pub fn x_default(&self, config: &Config) -> Option<String> {
        if self.versions.is_empty() {
            return None;
        }
        if matches!(self.kind, Kind::Home | Kind::Chooser) {
            return Some(SitePath::dir(Vec::<String>::new()).url(&config.base_path));
        }
        let chosen = self
            .versions
            .iter()
            .find(|v| v.lang == config.default_language)
            .unwrap_or(&self.versions[0]);
        Some(chosen.url.clone())
    }

    /// Whether the page belongs in sitemaps: real content, first pages of listings.
    pub fn in_sitemap(&self) -> bool {
        !matches!(self.kind, Kind::NotFound) && !self.path.segments().contains(&"page".to_string())
    }
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

/// Every page of the site, in a stable order.
pub fn jobs(config: &Config, library: &Library) -> Vec<Job> {
    let mut jobs = vec![Job::Chooser, Job::NotFound { lang: None }];
    for language in &library.languages {
        let lang = language.code.clone();
        jobs.push(Job::Home { lang: lang.clone() });
        jobs.push(Job::NotFound {
            lang: Some(lang.clone()),
        });
        for &section in &language.sections {
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
    }
    for (id, page) in library.pages.iter().enumerate() {
        if matches!(page.role(), Role::Article | Role::Page) {
            jobs.push(Job::Page { id });
        }
    }
    jobs
}

fn newest(library: &Library, ids: &[PageId]) -> Option<PageDate> {
    ids.iter().filter_map(|&id| last_change(library, id)).max()
}

/// When a page last changed, as far as its front matter says.
pub fn last_change(library: &Library, id: PageId) -> Option<PageDate> {
    let meta = &library.page(id).source.meta;
    meta.updated.or(meta.date)
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
        }
    }

    pub fn frame(&self, config: &Config, library: &Library, bodies: &[Arc<Body>]) -> Frame {
        let base = config.base_path.as_str();
        let paginate = config.paginate;
        let site_title = |lang: &str| {
            config
                .language(lang)
                .map(|l| l.title.clone())
                .unwrap_or_default()
        };
        let homes = || {
            library
                .languages
                .iter()
                .map(|l| Version {
                    lang: l.code.clone(),
                    url: l.home_url.clone(),
                })
                .collect::<Vec<_>>()
        };
        match self {
            Job::Chooser => Frame {
                kind: Kind::Chooser,
                lang: config.default_language.clone(),
                path: self.path(library),
                versions: homes(),
                section: None,
                source: None,
                title: site_title(&config.default_language),
                description: None,
                lastmod: library
                    .languages
                    .iter()
                    .filter_map(|l| newest(library, &l.articles[..l.articles.len().min(1)]))
                    .max(),
                template: "chooser.html".into(),
            },
            Job::NotFound { lang } => Frame {
                kind: Kind::NotFound,
                lang: lang
                    .clone()
                    .unwrap_or_else(|| config.default_language.clone()),
                path: self.path(library),
                versions: Vec::new(),
                section: None,
                source: None,
                title: "404".into(),
                description: None,
                lastmod: None,
                template: "404.html".into(),
            },
            Job::Home { lang } => {
                let language = library
                    .language(lang)
                    .expect("home of a configured language");
                Frame {
                    kind: Kind::Home,
                    lang: lang.clone(),
                    path: self.path(library),
                    versions: homes(),
                    section: None,
                    source: language.home_page,
                    title: site_title(lang),
                    description: config
                        .language(lang)
                        .and_then(|l| l.description.clone())
                        .or_else(|| language.home_page.and_then(|id| bodies[id].summary.clone())),
                    lastmod: newest(
                        library,
                        &language.articles[..language.articles.len().min(10)],
                    ),
                    template: "index.html".into(),
                }
            }
            Job::Page { id } => {
                let page = library.page(*id);
                let meta = &page.source.meta;
                Frame {
                    kind: if page.role() == Role::Article {
                        Kind::Article
                    } else {
                        Kind::Page
                    },
                    lang: page.lang().to_string(),
                    path: self.path(library),
                    versions: library
                        .translations(*id)
                        .iter()
                        .map(|&other| Version {
                            lang: library.page(other).lang().to_string(),
                            url: library.page(other).url.clone(),
                        })
                        .collect(),
                    section: page.section,
                    source: Some(*id),
                    title: page.title().to_string(),
                    description: meta
                        .description
                        .clone()
                        .or_else(|| bodies[*id].summary.clone()),
                    lastmod: last_change(library, *id).or_else(|| {
                        // Undated pages changed, at the latest, with the site.
                        library
                            .language(page.lang())
                            .and_then(|l| newest(library, &l.articles[..l.articles.len().min(1)]))
                    }),
                    template: meta.template.clone().unwrap_or_else(|| "page.html".into()),
                }
            }
            Job::Section {
                section,
                lang,
                number,
            } => {
                let version = library.sections[*section]
                    .version(lang)
                    .expect("section exists in its language");
                let total = pages_count(version.articles.len(), paginate);
                let index_page = version.index_page;
                let start = (number - 1) * paginate;
                let end = (start + paginate).min(version.articles.len());
                Frame {
                    kind: Kind::Section,
                    lang: lang.clone(),
                    path: self.path(library),
                    versions: library.sections[*section]
                        .versions
                        .iter()
                        .filter(|v| *number <= pages_count(v.articles.len(), paginate))
                        .map(|v| Version {
                            lang: v.lang.clone(),
                            url: paged(&v.path, *number).url(base),
                        })
                        .collect(),
                    section: Some(*section),
                    source: index_page,
                    title: numbered(&version.title, *number, total),
                    description: index_page.and_then(|id| {
                        library
                            .page(id)
                            .source
                            .meta
                            .description
                            .clone()
                            .or_else(|| bodies[id].summary.clone())
                    }),
                    lastmod: newest(library, &version.articles[start.min(end)..end]),
                    template: index_page
                        .and_then(|id| library.page(id).source.meta.template.clone())
                        .unwrap_or_else(|| "section.html".into()),
                }
            }
            Job::TaxonomyList { lang, taxonomy } => {
                let language = library.language(lang).expect("configured language");
                let tax = &language.taxonomies[*taxonomy];
                Frame {
                    kind: Kind::Taxonomy,
                    lang: lang.clone(),
                    path: self.path(library),
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
                    title: tax.name.clone(),
                    description: None,
                    lastmod: tax
                        .terms
                        .iter()
                        .filter_map(|t| newest(library, &t.pages[..t.pages.len().min(1)]))
                        .max(),
                    template: "taxonomy_list.html".into(),
                }
            }
            Job::Term {
                lang,
                taxonomy,
                term,
                number,
            } => {
                let language = library.language(lang).expect("configured language");
                let term = &language.taxonomies[*taxonomy].terms[*term];
                let total = pages_count(term.pages.len(), paginate);
                let path = self.path(library);
                let start = (number - 1) * paginate;
                let end = (start + paginate).min(term.pages.len());
                Frame {
                    kind: Kind::Term,
                    lang: lang.clone(),
                    versions: vec![Version {
                        lang: lang.clone(),
                        url: path.url(base),
                    }],
                    path,
                    section: None,
                    source: None,
                    title: numbered(&term.name, *number, total),
                    description: None,
                    lastmod: newest(library, &term.pages[start.min(end)..end]),
                    template: "taxonomy_single.html".into(),
                }
            }
        }
    }
}

fn numbered(title: &str, number: usize, total: usize) -> String {
    if number > 1 {
        format!("{title} ({number}/{total})")
    } else {
        title.to_string()
    }
}
