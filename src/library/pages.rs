//! Where each page is published: its address made of its language, its section's slug
//! and its own slug.

use std::sync::Arc;

use crate::content::{Role, SourcePage};
use crate::url::SitePath;

use super::Page;
use super::sections::SectionNames;

/// Every page with its address, in the order of `sources`; translation groups are
/// filled in afterwards.
pub(super) fn place(
    sources: Vec<Arc<SourcePage>>,
    sections: &SectionNames,
    base: &str,
) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::with_capacity(sources.len());
    for source in sources {
        let lang = source.lang.clone();
        let section = source.section.as_deref().map(|name| sections.id(name));
        let section_segment = || {
            sections
                .slug(section.unwrap_or_default(), &lang)
                .to_string()
        };
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
    pages
}
