//! Views of content: a page as listings show it ([`Summary`]), a page for its own
//! template ([`PageContent`]), covers and term links.

use serde::{Serialize, Serializer};

use super::super::body::Body;
use super::super::reader::Reader;
use crate::content::Role;
use crate::library::{Library, PageId, SectionId};

/// HTML the template prints as it is (a rendered body, a `<picture>`): not escaped.
pub struct Html<'a>(pub &'a str);

impl Serialize for Html<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        tera::Value::safe_string(self.0).serialize(serializer)
    }
}

/// Owned HTML printed as it is (JSON-LD made for the page).
pub struct OwnedHtml(pub String);

impl Serialize for OwnedHtml {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Html(&self.0).serialize(serializer)
    }
}

#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

#[derive(Serialize)]
pub struct CoverView<'a> {
    pub url: &'a str,
    pub alt: &'a str,
    pub caption: Option<&'a str>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub srcset: &'a str,
    /// The WebP variants' `srcset`, empty when there are none.
    pub webp_srcset: &'a str,
    pub html: Html<'a>,
}

/// A page as listings, related lists and `get_page` show it.
#[derive(Serialize)]
pub struct Summary<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub lang: &'a str,
    pub date: Option<String>,
    /// The effective summary: the `summary` field, else the start of the body.
    pub summary: Option<&'a str>,
    pub cover: Option<CoverView<'a>>,
    pub section: Option<Link<'a>>,
}

#[derive(Serialize)]
pub struct TocEntry<'a> {
    pub level: u8,
    pub id: &'a str,
    pub title: &'a str,
}

#[derive(Serialize)]
pub struct TermLink<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
}

/// A page for its own template.
#[derive(Serialize)]
pub struct PageContent<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub permalink: String,
    pub lang: &'a str,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub summary: Option<&'a str>,
    pub description: Option<&'a str>,
    pub content: Html<'a>,
    pub toc: Vec<TocEntry<'a>>,
    pub section: Option<Link<'a>>,
    pub categories: Vec<TermLink<'a>>,
    pub tags: Vec<TermLink<'a>>,
    pub cover: Option<CoverView<'a>>,
    pub author: Option<&'a str>,
    pub source: Option<&'a str>,
    pub extra: &'a serde_json::Value,
    pub reading_minutes: usize,
    pub is_article: bool,
}

pub fn cover<'a>(library: &'a Library, body: &'a Body, id: PageId) -> Option<CoverView<'a>> {
    let meta_cover = library.page(id).source.meta.cover.as_ref();
    let cover = body.cover.as_ref()?;
    let thumb = &cover.thumb;
    Some(CoverView {
        url: &thumb.url,
        alt: meta_cover.and_then(|c| c.alt.as_deref()).unwrap_or(""),
        caption: meta_cover.and_then(|c| c.caption.as_deref()),
        width: thumb.width,
        height: thumb.height,
        srcset: &cover.srcset,
        webp_srcset: &cover.webp_srcset,
        html: Html(&cover.html),
    })
}

/// `{title, url}` of the section a page belongs to, in its language.
pub fn section_link<'a>(
    library: &'a Library,
    section: Option<SectionId>,
    lang: &str,
) -> Option<Link<'a>> {
    let version = library.sections[section?].version(lang)?;
    Some(Link {
        title: &version.title,
        url: &version.url,
    })
}

/// A page as listings show it. Listings and `get_page` both come here.
pub fn summary<'a>(library: &'a Library, body: &'a Body, id: PageId) -> Summary<'a> {
    let page = library.page(id);
    Summary {
        title: page.title(),
        url: &page.url,
        lang: page.lang(),
        date: page.source.meta.date.map(|d| d.rfc3339()),
        summary: body.summary.as_deref(),
        cover: cover(library, body, id),
        section: section_link(library, page.section, page.lang()),
    }
}

impl<'a> Reader<'a> {
    /// A page as listings show it, noted as read.
    pub fn summary(&self, id: PageId) -> Summary<'a> {
        let body = self.body(id);
        summary(self.library, body, id)
    }

    pub fn summaries(&self, ids: &[PageId]) -> Vec<Summary<'a>> {
        ids.iter().map(|&id| self.summary(id)).collect()
    }

    /// The full page for its own template.
    pub fn page_content(&self, id: PageId) -> PageContent<'a> {
        let library = self.library;
        let page = self.page(id);
        let body = self.body(id);
        let meta = &page.source.meta;
        let lang = page.lang();
        let terms = |taxonomy: &str| {
            let (names, slugs) = page.source.terms(taxonomy);
            names
                .iter()
                .zip(slugs)
                .map(|(name, slug)| {
                    let term = library.term_of(taxonomy, lang, slug);
                    TermLink {
                        name: term.map_or(name.as_str(), |t| t.name.as_str()),
                        url: term.map(|t| t.url.as_str()),
                    }
                })
                .collect()
        };
        PageContent {
            title: &meta.title,
            url: &page.url,
            permalink: self.config.absolute(&page.url),
            lang,
            date: meta.date.map(|d| d.rfc3339()),
            updated: meta.updated.map(|d| d.rfc3339()),
            summary: body.summary.as_deref(),
            description: meta.description.as_deref(),
            content: Html(&body.html),
            toc: body
                .toc
                .iter()
                .map(|heading| TocEntry {
                    level: heading.level,
                    id: &heading.id,
                    title: &heading.title,
                })
                .collect(),
            section: section_link(library, page.section, lang),
            categories: terms("categories"),
            tags: terms("tags"),
            cover: cover(library, body, id),
            author: meta.author.as_deref(),
            source: meta.source.as_deref(),
            extra: &meta.extra,
            reading_minutes: body.reading_minutes,
            is_article: page.role() == Role::Article,
        }
    }
}
