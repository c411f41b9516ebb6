//! Immutable indexes over the content: pages with their addresses, sections, translation
//! groups and taxonomy terms per language. Built once; every later phase only reads it.

pub mod archive;
pub mod documents;
mod languages;
mod pages;
mod sections;
mod taxonomies;
mod translations;

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::content::{Asset, Content, Role, SourcePage};
use crate::diagnostics::Diagnostic;
use crate::terms::Terms;
use crate::url::SitePath;

pub use archive::{Archive, Period};
pub use documents::{Document, Documents, Filter, Registry};
use sections::SectionNames;

pub type PageId = usize;
pub type SectionId = usize;

/// A page with its place in the site.
#[derive(Debug, Clone)]
pub struct Page {
    pub source: Arc<SourcePage>,
    pub path: SitePath,
    /// Root-relative, percent-encoded link (base path included).
    pub url: String,
    pub group: usize,
    pub section: Option<SectionId>,
}

impl Page {
    pub fn lang(&self) -> &str {
        &self.source.lang
    }

    pub fn role(&self) -> Role {
        self.source.role
    }

    pub fn title(&self) -> &str {
        &self.source.meta.title
    }
}

/// Files that are versions of one another in different languages, in `languages` order.
#[derive(Debug, Clone)]
pub struct TranslationGroup {
    pub key: String,
    pub members: Vec<PageId>,
}

/// A section as it appears in one language.
#[derive(Debug, Clone)]
pub struct SectionVersion {
    pub lang: String,
    /// The `_index.LANG.md` page, when the language has one.
    pub index_page: Option<PageId>,
    pub title: String,
    pub path: SitePath,
    pub url: String,
    /// Articles of this section in this language, newest first.
    pub articles: Vec<PageId>,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// The folder name under `content/`.
    pub name: String,
    pub weight: i64,
    /// One entry per language that has the section, in `languages` order.
    pub versions: Vec<SectionVersion>,
}

impl Section {
    pub fn version(&self, lang: &str) -> Option<&SectionVersion> {
        self.versions.iter().find(|v| v.lang == lang)
    }
}

/// A taxonomy term in one language (`Biên giới` in categories, vi).
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub path: SitePath,
    pub url: String,
    /// The key of the terms file's term it is, when the file maps it.
    pub key: Option<String>,
    /// The terms file's description of the term in this language.
    pub description: Option<String>,
    /// Newest first.
    pub pages: Vec<PageId>,
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub name: String,
    pub path: SitePath,
    pub url: String,
    /// Sorted by slug.
    pub terms: Vec<Term>,
    /// Mapped term key → index in `terms`.
    pub by_key: HashMap<String, usize>,
}

impl Taxonomy {
    /// The term published under `slug`.
    pub fn term(&self, slug: &str) -> Option<&Term> {
        self.terms
            .binary_search_by(|term| term.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &self.terms[i])
    }

    /// The term the terms file's `key` is in this language.
    pub fn term_by_key(&self, key: &str) -> Option<&Term> {
        self.by_key.get(key).map(|&i| &self.terms[i])
    }
}

/// What one language of the site holds.
#[derive(Debug, Clone)]
pub struct LanguageIndex {
    pub code: String,
    pub home_path: SitePath,
    pub home_url: String,
    pub home_page: Option<PageId>,
    /// All articles, newest first.
    pub articles: Vec<PageId>,
    /// Sections present in this language, in navigation order.
    pub sections: Vec<SectionId>,
    pub taxonomies: Vec<Taxonomy>,
    /// Its dated articles by year, month and day; `None` when the archive is off or
    /// the language has no dated article.
    pub archive: Option<Archive>,
    /// Its documents registry; `None` when the site has none or the language lacks
    /// the documents' section.
    pub registry: Option<Registry>,
}

impl LanguageIndex {
    pub fn taxonomy(&self, name: &str) -> Option<&Taxonomy> {
        self.taxonomies.iter().find(|t| t.name == name)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Library {
    pub pages: Vec<Page>,
    pub groups: Vec<TranslationGroup>,
    pub sections: Vec<Section>,
    pub languages: Vec<LanguageIndex>,
    pub assets: Vec<Asset>,
    /// The official documents, with their numbers.
    pub documents: Documents,
    /// The terms file: each mapped term's name in every language.
    pub terms: Arc<Terms>,
    by_rel: HashMap<String, PageId>,
    asset_by_rel: HashMap<String, usize>,
    unparsed: std::collections::HashSet<String>,
}

impl Library {
    /// Indexes the content. Problems (two files claiming one translation slot) come back
    /// beside a library that is still usable for checking the rest; two claims on one
    /// address are the business of [`crate::plan::addresses`].
    pub fn build(
        content: Content,
        config: &Config,
        terms: Arc<Terms>,
    ) -> (Library, Vec<Diagnostic>) {
        let Content {
            pages: sources,
            assets,
            unparsed,
        } = content;
        let base = config.base_path.as_str();
        // Sections first: articles' addresses start with their section's slug.
        let section_names = SectionNames::new(&sources, config);
        let mut pages = pages::place(sources, &section_names, base);
        let (groups, mut problems) = translations::group(&mut pages, config);
        let sections = sections::build(&pages, &section_names, config, base);
        let languages = languages::index(&pages, &sections, config, &terms, base);

        let by_rel = pages
            .iter()
            .enumerate()
            .map(|(id, page)| (page.source.rel.clone(), id))
            .collect();
        let asset_by_rel = assets
            .iter()
            .enumerate()
            .map(|(i, asset)| (asset.rel.clone(), i))
            .collect();
        let mut library = Library {
            pages,
            groups,
            sections,
            languages,
            assets,
            documents: Documents::default(),
            terms,
            by_rel,
            asset_by_rel,
            unparsed: unparsed.into_iter().collect(),
        };
        let (documents, found) = documents::build(&library, config);
        problems.extend(found);
        library.documents = documents;
        let registries = documents::registries(&library, config);
        for (language, registry) in library.languages.iter_mut().zip(registries) {
            language.registry = registry;
        }
        (library, problems)
    }

    /// Swaps in a new version of a page's file whose [`SourcePage::shape`] is unchanged,
    /// so every index stays true.
    pub fn replace_source(&mut self, id: PageId, source: Arc<SourcePage>) {
        let page = &mut self.pages[id];
        debug_assert_eq!(page.source.shape(), source.shape());
        page.source = source;
    }

    /// Lets go of every page's Markdown text (once the bodies are rendered), where
    /// nothing else holds the page.
    pub fn drop_markdown(&mut self) {
        for page in &mut self.pages {
            if let Some(source) = Arc::get_mut(&mut page.source) {
                source.body = String::new();
            }
        }
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id]
    }

    /// The page written in `content/<rel>`.
    pub fn page_by_rel(&self, rel: &str) -> Option<PageId> {
        self.by_rel.get(rel).copied()
    }

    /// Whether `content/<rel>` is a Markdown file that failed to load (and was reported).
    pub fn is_unparsed(&self, rel: &str) -> bool {
        self.unparsed.contains(rel)
    }

    pub fn asset_by_rel(&self, rel: &str) -> Option<&Asset> {
        self.asset_by_rel.get(rel).map(|&i| &self.assets[i])
    }

    pub fn language(&self, code: &str) -> Option<&LanguageIndex> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The slug under which a term an article in `lang` wrote as `slug` is published.
    pub fn term_slug<'a>(&'a self, taxonomy: &str, lang: &str, slug: &'a str) -> &'a str {
        self.terms.slug_in(taxonomy, lang, slug)
    }

    /// The term an article in `lang` wrote as `slug`, as its language publishes it.
    pub fn term_of(&self, taxonomy: &str, lang: &str, slug: &str) -> Option<&Term> {
        self.language(lang)?
            .taxonomy(taxonomy)?
            .term(self.term_slug(taxonomy, lang, slug))
    }

    /// The versions of a page in every language that has one, itself included.
    pub fn translations(&self, id: PageId) -> &[PageId] {
        &self.groups[self.pages[id].group].members
    }

    /// The version of a page in `lang`, if it exists.
    pub fn translation_in(&self, id: PageId, lang: &str) -> Option<PageId> {
        self.translations(id)
            .iter()
            .copied()
            .find(|&other| self.pages[other].lang() == lang)
    }

    /// Newest articles sharing the page's first category (then first tag), itself excluded.
    pub fn related(&self, id: PageId, limit: usize) -> Vec<PageId> {
        let page = &self.pages[id];
        let Some(language) = self.language(page.lang()) else {
            return Vec::new();
        };
        let mut related = Vec::with_capacity(limit);
        let candidates = [
            ("categories", page.source.category_slugs.first()),
            ("tags", page.source.tag_slugs.first()),
        ];
        for (taxonomy, slug) in candidates {
            let (Some(slug), Some(taxonomy)) = (slug, language.taxonomy(taxonomy)) else {
                continue;
            };
            let Some(term) = taxonomy.term(self.term_slug(&taxonomy.name, page.lang(), slug))
            else {
                continue;
            };
            for &other in &term.pages {
                if related.len() == limit {
                    return related;
                }
                if other != id && !related.contains(&other) {
                    related.push(other);
                }
            }
        }
        related
    }

    /// "Other news" under an article: up to `limit` articles next to it by date in its
    /// section and language, as many newer as older where the section allows, newest
    /// first. Found by binary search in the section's listing, which has its order.
    pub fn other_news(&self, id: PageId, limit: usize) -> Vec<PageId> {
        let page = &self.pages[id];
        let Some(version) = page
            .section
            .and_then(|section| self.sections[section].version(page.lang()))
        else {
            return Vec::new();
        };
        let articles = &version.articles;
        let Ok(at) = articles.binary_search_by(|&other| listing_order(&self.pages, other, id))
        else {
            return Vec::new();
        };
        let others = articles.len() - 1;
        let start = at
            .saturating_sub(limit / 2)
            .min(others.saturating_sub(limit));
        let end = (start + limit).min(others);
        // Positions among the others: those before `at` are the article's own.
        (start..end)
            .map(|i| if i < at { articles[i] } else { articles[i + 1] })
            .collect()
    }

    /// Sorts `ids` as listings are: newest first, then by weight, then by file.
    pub fn sort_newest_first(&self, ids: &mut [PageId]) {
        newest_first(&self.pages, ids);
    }
}

/// Newest first; ties broken by weight, then by file, so builds are reproducible.
fn newest_first(pages: &[Page], ids: &mut [PageId]) {
    ids.sort_by(|&a, &b| listing_order(pages, a, b));
}

/// The order of every listing: newest first, then by weight, then by file.
fn listing_order(pages: &[Page], a: PageId, b: PageId) -> std::cmp::Ordering {
    let (pa, pb) = (&pages[a].source.meta, &pages[b].source.meta);
    pb.date
        .cmp(&pa.date)
        .then(pa.weight.cmp(&pb.weight))
        .then(pages[a].source.rel.cmp(&pages[b].source.rel))
}
