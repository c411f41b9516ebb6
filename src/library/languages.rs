//! What each language of the site holds: its home, its articles newest first, its
//! sections in navigation order, its taxonomies and its archive.

use crate::config::Config;
use crate::content::Role;
use crate::terms::Terms;
use crate::url::SitePath;

use super::{LanguageIndex, Page, PageId, Section, SectionId, archive, newest_first, taxonomies};

/// One index per configured language, in `languages` order.
pub(super) fn index(
    pages: &[Page],
    sections: &[Section],
    config: &Config,
    terms: &Terms,
    base: &str,
) -> Vec<LanguageIndex> {
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
        newest_first(pages, &mut articles);
        let mut section_ids: Vec<SectionId> = (0..sections.len())
            .filter(|&id| sections[id].version(lang).is_some())
            .collect();
        section_ids.sort_by(|&a, &b| {
            (sections[a].weight, &sections[a].name).cmp(&(sections[b].weight, &sections[b].name))
        });
        let taxonomies = taxonomies::build(&config.taxonomies, lang, &articles, pages, terms, base);
        let archive = archive::build(pages, &articles, lang, &home_path, config, base);
        languages.push(LanguageIndex {
            code: lang.to_string(),
            home_url: home_path.url(base),
            home_path,
            home_page,
            articles,
            sections: section_ids,
            taxonomies,
            archive,
            registry: None,
        });
    }
    languages
}
