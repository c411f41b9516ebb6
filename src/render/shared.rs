//! What every page of a language shows alike, made once per render before pages are:
//! `site` and `config` as the template values they become ([`Prebuilt`]), and each
//! month's calendar ([`Calendars`]) and the archive's titles ([`ArchiveTitles`]).

use serde::Serialize;

use super::archive_titles::ArchiveTitles;
use super::calendar::Calendars;
use super::fingerprint::Prebuilt;
use crate::config::Config;
use crate::dates::DateFormats;
use crate::i18n::I18n;
use crate::library::Library;

/// What pages share, read through [`super::reader::Reader`].
pub struct Shared {
    /// By language, `site`.
    sites: Vec<(String, Prebuilt)>,
    config: Prebuilt,
    pub calendars: Calendars,
    pub archive_titles: ArchiveTitles,
}

impl Shared {
    pub fn new(config: &Config, library: &Library, i18n: &I18n, dates: &DateFormats) -> Shared {
        Shared {
            sites: config
                .languages
                .iter()
                .map(|l| {
                    let site = site_info(config, library, &l.code);
                    (l.code.clone(), Prebuilt::new(&site))
                })
                .collect(),
            config: Prebuilt::new(&ConfigInfo {
                base_url: &config.base_url,
                default_language: &config.default_language,
                languages: languages(config, library),
                taxonomies: &config.taxonomies,
                extra: &config.extra,
            }),
            calendars: Calendars::new(library, i18n, dates),
            archive_titles: ArchiveTitles::new(library, i18n, dates),
        }
    }

    /// `site` in `lang`, for a language of the settings.
    pub fn site(&self, lang: &str) -> Option<&Prebuilt> {
        self.sites
            .iter()
            .find(|(code, _)| code == lang)
            .map(|(_, site)| site)
    }

    /// `config`.
    pub fn config(&self) -> &Prebuilt {
        &self.config
    }
}

/// `site` in `lang`.
pub fn site_info<'a>(config: &'a Config, library: &'a Library, lang: &str) -> SiteInfo<'a> {
    let language = config.language(lang);
    let base = config.base_path.as_str();
    SiteInfo {
        title: language.map_or("", |l| l.title.as_str()),
        description: language.and_then(|l| l.description.as_deref()),
        base_url: &config.base_url,
        home_url: home_url(library, lang),
        root_url: format!("{base}/"),
        search: search_info(config, library, lang),
        archive: library
            .language(lang)
            .and_then(|l| l.archive.as_ref())
            .map(|archive| archive.url.as_str()),
    }
}

/// `site`: the site in the page's language.
#[derive(Serialize)]
pub struct SiteInfo<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub base_url: &'a str,
    pub home_url: &'a str,
    pub root_url: String,
    /// The language's search page and index, `None` when search is off.
    pub search: Option<SearchInfo>,
    /// The language's news archive, `None` when it is off or has no dated article.
    pub archive: Option<&'a str>,
}

/// `site.search`: where the search page and the index of the page's language are.
#[derive(Serialize)]
pub struct SearchInfo {
    pub url: String,
    pub bundle: String,
}

/// The search page and index of `lang`, when search is on.
pub fn search_info(config: &Config, library: &Library, lang: &str) -> Option<SearchInfo> {
    let language = library.language(lang).filter(|_| config.search)?;
    let base = config.base_path.as_str();
    Some(SearchInfo {
        url: crate::plan::search_path(&language.home_path).url(base),
        bundle: crate::plan::search_bundle(&language.home_path).url(base),
    })
}

/// `config`: the settings templates may read.
#[derive(Serialize)]
pub struct ConfigInfo<'a> {
    pub base_url: &'a str,
    pub default_language: &'a str,
    pub languages: Vec<LanguageInfo<'a>>,
    pub taxonomies: &'a [String],
    pub extra: &'a serde_json::Value,
}

#[derive(Serialize)]
pub struct LanguageInfo<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub title: &'a str,
    pub home_url: &'a str,
}

/// The languages as `config.languages`, the chooser and 404 pages list them.
pub fn languages<'a>(config: &'a Config, library: &'a Library) -> Vec<LanguageInfo<'a>> {
    config
        .languages
        .iter()
        .map(|language| LanguageInfo {
            code: &language.code,
            name: &language.name,
            title: &language.title,
            home_url: library
                .language(&language.code)
                .map_or("", |l| l.home_url.as_str()),
        })
        .collect()
}

fn home_url<'a>(library: &'a Library, lang: &str) -> &'a str {
    library.language(lang).map_or("", |l| l.home_url.as_str())
}
