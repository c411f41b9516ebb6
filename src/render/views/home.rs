//! The view of a language's home page: its own text, the latest articles and a block
//! per section.

use serde::Serialize;

use super::common::HeadExtras;
use super::content::{Html, Summary};
use super::special::{homes, site_title};
use super::structured;
use super::{Built, PageData};
use crate::plan::Job;
use crate::render::frame::{Frame, Kind, newest};
use crate::render::reader::Reader;

#[derive(Serialize)]
pub struct Home<'a> {
    pub home: HomeText<'a>,
    pub latest: Vec<Summary<'a>>,
    pub section_blocks: Vec<SectionBlock<'a>>,
}

/// The home page's own title and text (`_index.LANG.md` at the top of `content/`).
#[derive(Serialize)]
pub struct HomeText<'a> {
    pub title: &'a str,
    pub content: Html<'a>,
}

#[derive(Serialize)]
pub struct SectionBlock<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub pages: Vec<Summary<'a>>,
}

pub fn home<'a>(reader: &Reader<'a>, job: &Job, lang: &str) -> Built<'a> {
    let library = reader.library;
    let config = reader.config;
    let sizes = &config.listings;
    let language = library
        .language(lang)
        .expect("home of a configured language");
    let latest = &language.articles[..language.articles.len().min(sizes.latest)];
    let frame = Frame {
        kind: Kind::Home,
        lang: lang.to_string(),
        path: job.path(library),
        versions: homes(reader),
        section: None,
        source: language.home_page,
        title: site_title(reader, lang),
        description: config
            .language(lang)
            .and_then(|l| l.description.clone())
            .or_else(|| {
                language
                    .home_page
                    .and_then(|id| reader.body(id).summary.clone())
            }),
        lastmod: newest(library, latest),
        template: "index.html".into(),
    };
    let home = HomeText {
        title: match language.home_page {
            Some(id) => reader.page(id).title(),
            None => config.language(lang).map_or("", |l| l.title.as_str()),
        },
        content: Html(language.home_page.map_or("", |id| &reader.body(id).html)),
    };
    let section_blocks = language
        .sections
        .iter()
        .filter_map(|&id| {
            let version = library.sections[id].version(lang)?;
            let shown = version.articles.len().min(sizes.per_section);
            Some(SectionBlock {
                title: &version.title,
                url: &version.url,
                pages: reader.summaries(&version.articles[..shown]),
            })
        })
        .collect();
    let url = frame.path.url(&config.base_path);
    Built {
        extras: HeadExtras {
            json_ld: Some(structured::website(reader, lang, &url)),
            card: None,
            fallbacks: Vec::new(),
        },
        frame,
        data: PageData::Home(Home {
            home,
            latest: reader.summaries(latest),
            section_blocks,
        }),
    }
}
