//! Immutable indexes over the content: pages with their addresses, sections, translation
//! groups and taxonomy terms per language. Built once; every later phase only reads it.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::config::Config;
use crate::content::{Asset, Content, Role, SourcePage};
use crate::diagnostics::Diagnostic;
use crate::url::SitePath;

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
    by_rel: HashMap<String, PageId>,
    asset_by_rel: HashMap<String, usize>,
    unparsed: std::collections::HashSet<String>,
}

impl Library {
    /// Indexes the content. Problems (two files claiming one translation slot) come back
    /// beside a library that is still usable for checking the rest; two claims on one
    /// address are the business of [`crate::addresses`].
    pub fn build(content: Content, config: &Config) -> (Library, Vec<Diagnostic>) {
        let Content {
            pages: sources,
            assets,
            unparsed,
        } = content;
        let mut problems = Vec::new();
        let base = config.base_path.as_str();

        // Sections first: articles' addresses start with their section's slug.
        let mut section_names: Vec<String> =
            sources.iter().filter_map(|p| p.section.clone()).collect();
        section_names.sort();
        section_names.dedup();
        let section_id: HashMap<&str, SectionId> = section_names
            .iter()
            .enumerate()
            .map(|(i, name)| (name.as_str(), i))
            .collect();
        // (section, lang) → its `_index` page, if written (same index in `sources` and `pages`).
        let mut section_index: HashMap<(SectionId, String), usize> = HashMap::new();
        for (i, source) in sources.iter().enumerate() {
            if source.role == Role::Section {
                let id = section_id[source.section.as_deref().unwrap_or_default()];
                section_index.insert((id, source.lang.clone()), i);
            }
        }
        let section_slug = |id: SectionId, lang: &str| -> String {
            section_index
                .get(&(id, lang.to_string()))
                .and_then(|&i| sources[i].meta.slug.clone())
                .unwrap_or_else(|| section_names[id].clone())
        };
        let mut section_slugs: HashMap<(SectionId, String), String> = HashMap::new();
        for id in 0..section_names.len() {
            for lang in config.language_codes() {
                section_slugs.insert((id, lang.to_string()), section_slug(id, lang));
            }
        }

        // Addresses of every page.
        let mut pages: Vec<Page> = Vec::with_capacity(sources.len());
        for source in sources {
            let lang = source.lang.clone();
            let section = source.section.as_deref().map(|name| section_id[name]);
            let section_segment =
                || section_slugs[&(section.unwrap_or_default(), lang.clone())].clone();
            let slug = source
                .meta
                .slug
                .clone()
                .unwrap_or_else(|| source.name.clone());
            let path = match source.role {
                Role::Home => SitePath::dir([lang.clone()]),
                Role::Section => SitePath::dir([lang.clone(), section_segment()]),
                Role::Article => SitePath::dir([lang.clone(), section_segment(), slug]),
                Role::Page => SitePath::dir([lang.clone(), slug]),
            };
            let url = path.url(base);
            pages.push(Page {
                source,
                path,
                url,
                group: 0,
                section,
            });
        }

        // Translation groups, checking that a group holds one file per language.
        let mut group_of_key: BTreeMap<String, Vec<PageId>> = BTreeMap::new();
        for (id, page) in pages.iter().enumerate() {
            group_of_key
                .entry(page.source.group_key.clone())
                .or_default()
                .push(id);
        }
        let mut groups = Vec::with_capacity(group_of_key.len());
        for (key, mut members) in group_of_key {
            members.sort_by_key(|&id| (config.language_rank(pages[id].lang()), id));
            for pair in members.windows(2) {
                let (a, b) = (&pages[pair[0]], &pages[pair[1]]);
                if a.lang() == b.lang() {
                    problems.push(
                        Diagnostic::error(
                            &b.source.display,
                            format!(
                                "two {} versions of one page: this file and {}",
                                a.lang(),
                                a.source.display.display()
                            ),
                        )
                        .with_hint("give each translation its own language suffix, or a different translation_key"),
                    );
                }
            }
            let group_id = groups.len();
            for &id in &members {
                pages[id].group = group_id;
            }
            groups.push(TranslationGroup { key, members });
        }

        // Newest first; ties broken by weight, then by file, so builds are reproducible.
        let newest_first = |pages: &[Page], ids: &mut Vec<PageId>| {
            ids.sort_by(|&a, &b| {
                let (pa, pb) = (&pages[a].source.meta, &pages[b].source.meta);
                pb.date
                    .cmp(&pa.date)
                    .then(pa.weight.cmp(&pb.weight))
                    .then(pages[a].source.rel.cmp(&pages[b].source.rel))
            });
        };

        // Sections in each language.
        let mut sections: Vec<Section> = section_names
            .iter()
            .enumerate()
            .map(|(id, name)| {
                let weight = config
                    .language_codes()
                    .find_map(|lang| section_index.get(&(id, lang.to_string())))
                    .map(|&i| pages[i].source.meta.weight)
                    .unwrap_or(0);
                Section {
                    name: name.clone(),
                    weight,
                    versions: Vec::new(),
                }
            })
            .collect();
        let mut section_articles: HashMap<(SectionId, &str), Vec<PageId>> = HashMap::new();
        for (id, page) in pages.iter().enumerate() {
            if let (Some(section), Role::Article) = (page.section, page.role()) {
                section_articles
                    .entry((section, page.lang()))
                    .or_default()
                    .push(id);
            }
        }
        for language in &config.languages {
            let lang = language.code.as_str();
            for (id, section) in sections.iter_mut().enumerate() {
                let mut articles = section_articles.remove(&(id, lang)).unwrap_or_default();
                let index_page = section_index.get(&(id, lang.to_string())).copied();
                if index_page.is_none() && articles.is_empty() {
                    continue;
                }
                newest_first(&pages, &mut articles);
                // A language without its own `_index` borrows a title from another version.
                let title = index_page
                    .or_else(|| {
                        config
                            .language_codes()
                            .find_map(|other| section_index.get(&(id, other.to_string())).copied())
                    })
                    .map(|i| pages[i].source.meta.title.clone())
                    .unwrap_or_else(|| section.name.clone());
                let path = SitePath::dir([
                    lang.to_string(),
                    section_slugs[&(id, lang.to_string())].clone(),
                ]);
                section.versions.push(SectionVersion {
                    lang: lang.to_string(),
                    index_page,
                    title,
                    url: path.url(base),
                    path,
                    articles,
                });
            }
        }

        // Per language: home, articles, sections, taxonomies.
        let mut languages = Vec::with_capacity(config.languages.len());
        for language in &config.languages {
            let lang = language.code.as_str();
            let home_path = SitePath::dir([lang.to_string()]);
            let home_page = pages
                .iter()
                .position(|p| p.role() == Role::Home && p.lang() == lang);
            let mut articles: Vec<PageId> = pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.role() == Role::Article && p.lang() == lang)
                .map(|(id, _)| id)
                .collect();
            newest_first(&pages, &mut articles);
            let mut section_ids: Vec<SectionId> = (0..sections.len())
                .filter(|&id| sections[id].version(lang).is_some())
                .collect();
            section_ids.sort_by(|&a, &b| {
                (sections[a].weight, &sections[a].name)
                    .cmp(&(sections[b].weight, &sections[b].name))
            });
            // A taxonomy no article of the language uses gets no (empty) list page.
            let taxonomies = config
                .taxonomies
                .iter()
                .map(|name| build_taxonomy(name, lang, &articles, &pages, base))
                .filter(|taxonomy| !taxonomy.terms.is_empty())
                .collect();
            languages.push(LanguageIndex {
                code: lang.to_string(),
                home_url: home_path.url(base),
                home_path,
                home_page,
                articles,
                sections: section_ids,
                taxonomies,
            });
        }

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
        let library = Library {
            pages,
            groups,
            sections,
            languages,
            assets,
            by_rel,
            asset_by_rel,
            unparsed: unparsed.into_iter().collect(),
        };
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
            let Ok(index) = taxonomy
                .terms
                .binary_search_by(|t| t.slug.as_str().cmp(slug))
            else {
                continue;
            };
            for &other in &taxonomy.terms[index].pages {
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
