//! Views of single pages: an article or page of its own, the language chooser at the
//! root, and the 404 pages.

use serde::Serialize;

use super::common::HeadExtras;
use super::content::{PageContent, Summary};
use super::structured;
use super::{Built, PageData};
use crate::content::Role;
use crate::library::{PageId, archive::day_of};
use crate::plan::Job;
use crate::render::calendar::CalendarRef;
use crate::render::frame::{Frame, Kind, Version, last_change, newest};
use crate::render::reader::Reader;
use crate::render::shared::{LanguageInfo, languages};

#[derive(Serialize)]
pub struct Chooser<'a> {
    pub languages: Vec<LanguageInfo<'a>>,
}

#[derive(Serialize)]
pub struct NotFound<'a> {
    pub languages: Vec<LanguageInfo<'a>>,
    pub is_root: bool,
}

/// An article, or a page outside sections.
#[derive(Serialize)]
pub struct Page<'a> {
    pub page: PageContent<'a>,
    pub related: Vec<Summary<'a>>,
    /// An article's neighbours by date in its section (`listings.other_news`).
    pub other_news: Vec<Summary<'a>>,
    /// The archive's calendar of an article's month, its day marked.
    pub calendar: Option<CalendarRef<'a>>,
    /// An official document's metadata and files, on its pages.
    pub document: Option<super::documents::DocumentView<'a>>,
    /// On a document's page, the pages in its language that mention the document.
    pub mentioned_in: Vec<Summary<'a>>,
}

/// Every language's home, as the versions of homes and the chooser.
pub fn homes(reader: &Reader) -> Vec<Version> {
    reader
        .library
        .languages
        .iter()
        .map(|l| Version {
            lang: l.code.clone(),
            url: l.home_url.clone(),
        })
        .collect()
}

pub fn site_title(reader: &Reader, lang: &str) -> String {
    reader
        .config
        .language(lang)
        .map(|l| l.title.clone())
        .unwrap_or_default()
}

pub fn chooser<'a>(reader: &Reader<'a>, job: &Job) -> Built<'a> {
    let library = reader.library;
    let config = reader.config;
    let frame = Frame {
        kind: Kind::Chooser,
        lang: config.default_language.clone(),
        path: job.path(library),
        versions: homes(reader),
        section: None,
        source: None,
        title: site_title(reader, &config.default_language),
        description: None,
        lastmod: library
            .languages
            .iter()
            .filter_map(|l| newest(library, &l.articles[..l.articles.len().min(1)]))
            .max(),
        template: "chooser.html".into(),
    };
    Built {
        frame,
        extras: HeadExtras::default(),
        data: PageData::Chooser(Chooser {
            languages: languages(config, library),
        }),
    }
}

pub fn not_found<'a>(reader: &Reader<'a>, job: &Job, lang: Option<&str>) -> Built<'a> {
    let config = reader.config;
    let lang = lang.unwrap_or(&config.default_language).to_string();
    let title = reader
        .i18n
        .translate(&lang, "not-found-title", None)
        .unwrap_or_else(|| "404".into());
    let frame = Frame {
        kind: Kind::NotFound,
        lang,
        path: job.path(reader.library),
        versions: Vec::new(),
        section: None,
        source: None,
        title,
        description: None,
        lastmod: None,
        template: "404.html".into(),
    };
    Built {
        frame,
        extras: HeadExtras::default(),
        data: PageData::NotFound(NotFound {
            languages: languages(config, reader.library),
            is_root: matches!(job, Job::NotFound { lang: None }),
        }),
    }
}

pub fn page<'a>(reader: &Reader<'a>, job: &Job, id: PageId) -> Built<'a> {
    let library = reader.library;
    let page = reader.page(id);
    let body = reader.body(id);
    let meta = &page.source.meta;
    let kind = if page.role() == Role::Article {
        Kind::Article
    } else {
        Kind::Page
    };
    let frame = Frame {
        kind,
        lang: page.lang().to_string(),
        path: job.path(library),
        versions: library
            .translations(id)
            .iter()
            .map(|&other| Version {
                lang: library.page(other).lang().to_string(),
                url: library.page(other).url.clone(),
            })
            .collect(),
        section: page.section,
        source: Some(id),
        title: page.title().to_string(),
        description: meta.description.clone().or_else(|| body.summary.clone()),
        lastmod: last_change(library, id).or_else(|| {
            // Undated pages changed, at the latest, with the site.
            library
                .language(page.lang())
                .and_then(|l| newest(library, &l.articles[..l.articles.len().min(1)]))
        }),
        template: meta.template.clone().unwrap_or_else(|| "page.html".into()),
    };
    let related = library.related(id, reader.config.listings.related);
    let is_article = kind == Kind::Article;
    let other_news = if is_article {
        library.other_news(id, reader.config.listings.other_news)
    } else {
        Vec::new()
    };
    let calendar = is_article
        .then(|| day_of(reader.config, page))
        .flatten()
        .and_then(|(y, m, d)| reader.shared.calendars.get(page.lang(), (y, m), Some(d)));
    let document = library
        .documents
        .of_page(id)
        .map(|document| reader.document_view(id, document));
    let mentioned_in = library
        .documents
        .index_of_page(id)
        .map(|document| reader.mentioned_in(document, page.lang()))
        .unwrap_or_default();
    let json_ld = match &document {
        Some(document) => Some(structured::legislation(reader, id, document)),
        None => (kind == Kind::Article).then(|| structured::news_article(reader, id)),
    };
    Built {
        extras: HeadExtras {
            json_ld,
            card: body.cover.as_ref().and_then(|c| c.card.as_ref()),
            fallbacks: Vec::new(),
        },
        frame,
        data: PageData::Page(Page {
            page: reader.page_content(id),
            related: reader.summaries(&related),
            other_news: reader.summaries(&other_news),
            calendar,
            document,
            mentioned_in: reader.summaries(&mentioned_in),
        }),
    }
}
