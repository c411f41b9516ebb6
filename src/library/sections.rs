//! Sections: the folders under `content/`, their slug in each language, and what each
//! language's version of a section lists.

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::content::{Role, SourcePage};
use crate::url::SitePath;

use super::{Page, PageId, Section, SectionId, SectionVersion, newest_first};

/// The sections the content names, known before any page has an address: articles'
/// addresses start with their section's slug.
pub(super) struct SectionNames {
    /// Folder names, sorted and without repeats; a section's id is its place here.
    names: Vec<String>,
    /// (section, lang) → its `_index` page, if written (same index in `sources` and `pages`).
    index: HashMap<(SectionId, String), usize>,
    /// (section, lang) → the section's slug in that language.
    slugs: HashMap<(SectionId, String), String>,
}

impl SectionNames {
    pub(super) fn new(sources: &[Arc<SourcePage>], config: &Config) -> SectionNames {
        let mut names: Vec<String> = sources.iter().filter_map(|p| p.section.clone()).collect();
        names.sort();
        names.dedup();
        let mut sections = SectionNames {
            names,
            index: HashMap::new(),
            slugs: HashMap::new(),
        };
        for (i, source) in sources.iter().enumerate() {
            if source.role == Role::Section {
                let id = sections.id(source.section.as_deref().unwrap_or_default());
                sections.index.insert((id, source.lang.clone()), i);
            }
        }
        for id in 0..sections.names.len() {
            for lang in config.language_codes() {
                let slug = sections
                    .index_page(id, lang)
                    .and_then(|i| sources[i].meta.slug.clone())
                    .unwrap_or_else(|| sections.names[id].clone());
                sections.slugs.insert((id, lang.to_string()), slug);
            }
        }
        sections
    }

    /// The id of the section in the folder `name`, which a page names.
    pub(super) fn id(&self, name: &str) -> SectionId {
        self.names
            .binary_search_by(|known| known.as_str().cmp(name))
            .expect("every section a page names is known")
    }

    /// The section's `_index.LANG.md` (its place in the pages), if written.
    fn index_page(&self, id: SectionId, lang: &str) -> Option<usize> {
        self.index.get(&(id, lang.to_string())).copied()
    }

    /// The section's slug in `lang`: its `_index` file's `slug:`, else its folder name.
    pub(super) fn slug(&self, id: SectionId, lang: &str) -> &str {
        &self.slugs[&(id, lang.to_string())]
    }
}

/// Every section with its version in each language that has an `_index` file or an
/// article in it.
pub(super) fn build(
    pages: &[Page],
    names: &SectionNames,
    config: &Config,
    base: &str,
) -> Vec<Section> {
    let mut sections: Vec<Section> = names
        .names
        .iter()
        .enumerate()
        .map(|(id, name)| {
            let weight = config
                .language_codes()
                .find_map(|lang| names.index_page(id, lang))
                .map(|i| pages[i].source.meta.weight)
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
            let index_page = names.index_page(id, lang);
            if index_page.is_none() && articles.is_empty() {
                continue;
            }
            newest_first(pages, &mut articles);
            // A language without its own `_index` borrows a title from another version.
            let title = index_page
                .or_else(|| {
                    config
                        .language_codes()
                        .find_map(|other| names.index_page(id, other))
                })
                .map(|i| pages[i].source.meta.title.clone())
                .unwrap_or_else(|| section.name.clone());
            let path = SitePath::dir([lang.to_string(), names.slug(id, lang).to_string()]);
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
    sections
}
