//! What every page shows whatever its kind: the site, navigation, the language switcher
//! and the `<head>` (title, description, canonical and hreflang links, Open Graph,
//! JSON-LD). Made from the page's [`Frame`].

use std::borrow::Cow;

use serde::Serialize;

use super::super::body::Image;
use super::super::fingerprint::Prebuilt;
use super::super::frame::{Frame, Kind, Version};
use super::super::reader::Reader;
use super::content::OwnedHtml;
use crate::library::{Library, SectionId};
use crate::render::shared::site_info;
use crate::url::SitePath;

#[derive(Serialize)]
pub struct Common<'a> {
    pub lang: &'a str,
    pub lang_name: &'a str,
    pub locale: String,
    pub kind: &'static str,
    /// `site` ([`crate::render::shared::SiteInfo`]), made once per language.
    pub site: Cow<'a, Prebuilt>,
    /// `config` ([`crate::render::shared::ConfigInfo`]), made once.
    pub config: &'a Prebuilt,
    pub nav: Vec<NavItem<'a>>,
    pub switcher: Vec<SwitchItem<'a>>,
    pub head: Head<'a>,
    pub current_path: String,
}

#[derive(Serialize)]
pub struct NavItem<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub active: bool,
}

/// One language in the switcher: the same content there, else that language's home.
#[derive(Serialize)]
pub struct SwitchItem<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
    pub current: bool,
    pub translated: bool,
}

#[derive(Serialize)]
pub struct Head<'a> {
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub og: OpenGraph<'a>,
    pub json_ld: Option<OwnedHtml>,
    pub noindex: bool,
}

#[derive(Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

#[derive(Serialize)]
pub struct OpenGraph<'a> {
    pub title: &'a str,
    pub description: String,
    pub url: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub locale: String,
    pub locale_alternates: Vec<String>,
    pub image: Option<String>,
    pub image_width: Option<u32>,
    pub image_height: Option<u32>,
    pub site_name: &'a str,
}

/// What a page kind adds to its head beyond its frame.
#[derive(Default)]
pub struct HeadExtras<'a> {
    pub json_ld: Option<String>,
    /// The page's own share card (its cover's).
    pub card: Option<&'a Image>,
    /// Where the switcher leads in a language without a version of the page, when
    /// not to its home (a term's page: that language's list of the taxonomy's terms).
    pub fallbacks: Vec<Version>,
}

fn home_url<'a>(library: &'a Library, lang: &str) -> &'a str {
    library.language(lang).map_or("", |l| l.home_url.as_str())
}

/// Section navigation for one language, with `active` set on `current`.
pub fn nav<'a>(library: &'a Library, lang: &str, current: Option<SectionId>) -> Vec<NavItem<'a>> {
    let Some(language) = library.language(lang) else {
        return Vec::new();
    };
    language
        .sections
        .iter()
        .filter_map(|&id| {
            let section = &library.sections[id];
            let version = section.version(lang)?;
            Some(NavItem {
                name: &section.name,
                title: &version.title,
                url: &version.url,
                active: current == Some(id),
            })
        })
        .collect()
}

impl<'a> Reader<'a> {
    /// What every page shows, for the page `frame` describes.
    pub fn common(&self, frame: &'a Frame, mut extras: HeadExtras<'a>) -> Common<'a> {
        let config = self.config;
        let library = self.library;
        let lang = frame.lang.as_str();
        let language = config.language(lang);
        let base = config.base_path.as_str();
        let fallbacks = std::mem::take(&mut extras.fallbacks);
        Common {
            lang,
            lang_name: language.map_or("", |l| l.name.as_str()),
            locale: language.map(|l| l.og_locale()).unwrap_or_default(),
            kind: frame.kind.name(),
            site: self.shared.site(lang).map_or_else(
                || Cow::Owned(Prebuilt::new(&site_info(config, library, lang))),
                Cow::Borrowed,
            ),
            config: self.shared.config(),
            nav: nav(library, lang, frame.section),
            switcher: config
                .languages
                .iter()
                .map(|l| {
                    let version = frame.versions.iter().find(|v| v.lang == l.code);
                    SwitchItem {
                        code: &l.code,
                        name: &l.name,
                        url: version.map_or_else(
                            || {
                                fallbacks.iter().find(|v| v.lang == l.code).map_or_else(
                                    || home_url(library, &l.code).to_string(),
                                    |v| v.url.clone(),
                                )
                            },
                            |v| v.url.clone(),
                        ),
                        current: l.code == lang,
                        translated: version.is_some(),
                    }
                })
                .collect(),
            head: self.head(frame, extras),
            current_path: frame.path.url(base),
        }
    }

    fn head(&self, frame: &'a Frame, extras: HeadExtras<'a>) -> Head<'a> {
        let config = self.config;
        let lang = frame.lang.as_str();
        let language = config.language(lang);
        let site_title = language.map_or("", |l| l.title.as_str());
        let is_home = matches!(frame.kind, Kind::Home | Kind::Chooser);
        let title = if is_home || frame.title.is_empty() {
            site_title.to_string()
        } else {
            format!("{} | {site_title}", frame.title)
        };
        let description = frame
            .description
            .clone()
            .or_else(|| language.and_then(|l| l.description.clone()))
            .unwrap_or_else(|| site_title.to_string());
        let canonical = config.absolute(&frame.path.url(&config.base_path));
        let mut alternates: Vec<Alternate> = frame
            .versions
            .iter()
            .map(|v| Alternate {
                hreflang: v.lang.clone(),
                href: config.absolute(&v.url),
            })
            .collect();
        if let Some(x_default) = frame.x_default(config) {
            alternates.push(Alternate {
                hreflang: "x-default".into(),
                href: config.absolute(&x_default),
            });
        }
        let card = extras.card.or(self.default_card);
        Head {
            title,
            description: description.clone(),
            canonical: canonical.clone(),
            alternates,
            og: OpenGraph {
                title: if is_home { site_title } else { &frame.title },
                description,
                url: canonical,
                kind: if frame.kind == Kind::Article {
                    "article"
                } else {
                    "website"
                },
                locale: language.map(|l| l.og_locale()).unwrap_or_default(),
                locale_alternates: frame
                    .versions
                    .iter()
                    .filter(|v| v.lang != lang)
                    .filter_map(|v| config.language(&v.lang).map(|l| l.og_locale()))
                    .collect(),
                image: card.map(|image| config.absolute(&image.url)),
                image_width: card.and_then(|image| image.width),
                image_height: card.and_then(|image| image.height),
                site_name: site_title,
            },
            json_ld: extras.json_ld.map(OwnedHtml),
            noindex: frame.kind == Kind::NotFound,
        }
    }
}

/// `paginator`: the pages of a listing, with a window around the current one.
#[derive(Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageNumber>,
}

#[derive(Serialize)]
pub struct PageNumber {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// No paginator for a listing of one page.
pub fn paginator(
    base: &SitePath,
    current: usize,
    total: usize,
    base_path: &str,
) -> Option<Paginator> {
    if total <= 1 {
        return None;
    }
    let url = |n: usize| crate::plan::paged(base, n).url(base_path);
    Some(Paginator {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        // A window around the current page plus both ends: long listings stay linear.
        pages: (1..=total)
            .filter(|&n| n == 1 || n == total || n.abs_diff(current) <= 2)
            .map(|n| PageNumber {
                number: n,
                url: url(n),
                current: n == current,
            })
            .collect(),
    })
}
