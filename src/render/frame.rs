//! Every page the site publishes, described independently of its template: address,
//! language versions, title, dates. HTML heads, sitemaps and the switcher all read this.

use crate::config::Config;
use crate::content::PageDate;
use crate::library::{Library, PageId, SectionId};
use crate::url::SitePath;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Chooser,
    NotFound,
    Home,
    Search,
    Article,
    Page,
    Section,
    Taxonomy,
    Term,
    Archive,
    Registry,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Chooser => "chooser",
            Kind::NotFound => "404",
            Kind::Home => "home",
            Kind::Search => "search",
            Kind::Article => "article",
            Kind::Page => "page",
            Kind::Section => "section",
            Kind::Taxonomy => "taxonomy",
            Kind::Term => "term",
            Kind::Archive => "archive",
            Kind::Registry => "registry",
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

pub fn newest(library: &Library, ids: &[PageId]) -> Option<PageDate> {
    ids.iter().filter_map(|&id| last_change(library, id)).max()
}

/// When a page last changed, as far as its front matter says.
pub fn last_change(library: &Library, id: PageId) -> Option<PageDate> {
    let meta = &library.page(id).source.meta;
    meta.updated.or(meta.date)
}

pub fn numbered(title: &str, number: usize, total: usize) -> String {
    if number > 1 {
        format!("{title} ({number}/{total})")
    } else {
        title.to_string()
    }
}
