//! `site.yaml`: the raw file as serde sees it, validated once into `Config`.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use crate::diagnostics::Diagnostic;
use crate::yaml;

mod archive;
mod documents;
mod listings;
mod markdown;

pub use archive::{ArchiveSettings, default_slug as default_archive_slug};
use archive::{RawArchive, resolve_archive};
pub use documents::{DocumentKind, DocumentSettings, default_kind_keys, issuer_key, kind_key};
use documents::{RawDocuments, resolve_documents};
pub use listings::Listings;
use listings::{RawListings, resolve_listings};
pub use markdown::{MarkdownSettings, RawHtml};
use markdown::{RawMarkdown, resolve_markdown};

pub const CONFIG_FILE: &str = "site.yaml";

const KNOWN_KEYS: &[&str] = &[
    "base_url",
    "default_language",
    "languages",
    "theme",
    "timezone",
    "taxonomies",
    "images",
    "paginate",
    "listings",
    "feed_limit",
    "feed_content",
    "og_image",
    "markdown",
    "search",
    "archive",
    "documents",
    "extra",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: Spanned<String>,
    default_language: Spanned<String>,
    languages: Spanned<IndexMap<String, RawLanguage>>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    taxonomies: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    images: Option<Spanned<RawImages>>,
    #[serde(default)]
    paginate: Option<Spanned<usize>>,
    #[serde(default)]
    listings: Option<RawListings>,
    #[serde(default)]
    feed_limit: Option<Spanned<usize>>,
    #[serde(default)]
    feed_content: Option<Spanned<String>>,
    #[serde(default)]
    og_image: Option<String>,
    #[serde(default)]
    markdown: Option<Spanned<RawMarkdown>>,
    #[serde(default)]
    search: Option<bool>,
    #[serde(default)]
    archive: Option<Spanned<RawArchive>>,
    #[serde(default)]
    documents: Option<RawDocuments>,
    #[serde(default)]
    extra: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    name: String,
    title: String,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImages {
    #[serde(default)]
    widths: Option<Vec<u32>>,
    #[serde(default)]
    quality: Option<u8>,
}

/// A language of the site, in switcher order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    pub name: String,
    pub title: String,
    pub description: Option<String>,
}

impl Language {
    /// The Open Graph locale (`vi_VN`), which social apps use to pick a card's language.
    pub fn og_locale(&self) -> String {
        match self.code.as_str() {
            "vi" => "vi_VN".into(),
            "en" => "en_US".into(),
            "lo" => "lo_LA".into(),
            "th" => "th_TH".into(),
            "km" => "km_KH".into(),
            "zh" => "zh_CN".into(),
            other => other.replace('-', "_"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSettings {
    pub widths: Vec<u32>,
    pub quality: u8,
}

/// Whether feeds carry whole articles or only their summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedContent {
    Full,
    Summary,
}

/// The validated site configuration every phase reads.
#[derive(Debug, Clone)]
pub struct Config {
    /// Absolute, without a trailing slash: `https://example.gov.vn` or `https://x.vn/portal`.
    pub base_url: String,
    /// The path part of `base_url` (`""` or `/portal`), prefixed to every root-relative link.
    pub base_path: String,
    pub default_language: String,
    pub languages: Vec<Language>,
    pub theme: String,
    pub timezone: jiff::tz::Offset,
    pub taxonomies: Vec<String>,
    pub images: ImageSettings,
    pub paginate: usize,
    /// How many articles each listing shows.
    pub listings: Listings,
    pub feed_limit: usize,
    pub feed_content: FeedContent,
    pub og_image: Option<String>,
    pub markdown: MarkdownSettings,
    /// Whether each language gets a search page and index (`search: false` turns it off).
    pub search: bool,
    /// The news archive's folder in each language; `None` when `archive: false` turns
    /// it off.
    pub archive: Option<ArchiveSettings>,
    /// The official documents registry; `None` when `documents:` is not written.
    pub documents: Option<DocumentSettings>,
    pub extra: serde_json::Value,
}

impl Config {
    /// Reads and validates `site.yaml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|error| {
            vec![
                Diagnostic::error(CONFIG_FILE, format!("cannot read {CONFIG_FILE}: {error}"))
                    .with_hint("run mekong in the site's folder, or pass --root DIR"),
            ]
        })?;
        let text =
            crate::diagnostics::utf8_text(CONFIG_FILE, bytes).map_err(|error| vec![error])?;
        Config::parse(&text, Path::new(CONFIG_FILE))
    }

    /// Validates the text of a `site.yaml`; `file` names it in diagnostics.
    pub fn parse(text: &str, file: &Path) -> Result<Config, Vec<Diagnostic>> {
        let raw: RawConfig = yaml::parse_strict(text, file, 1, KNOWN_KEYS)?;
        resolve(raw, file)
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|language| language.code == code)
    }

    pub fn has_language(&self, code: &str) -> bool {
        self.language(code).is_some()
    }

    /// The language codes in switcher order.
    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|language| language.code.as_str())
    }

    /// Position of a language in `languages`, for stable ordering.
    pub fn language_rank(&self, code: &str) -> usize {
        self.languages
            .iter()
            .position(|language| language.code == code)
            .unwrap_or(usize::MAX)
    }

    /// A root-relative URL (`/vi/tin-tuc/`) made absolute with `base_url`.
    pub fn absolute(&self, root_relative: &str) -> String {
        let origin_end = self
            .base_url
            .find("://")
            .and_then(|scheme| {
                self.base_url[scheme + 3..]
                    .find('/')
                    .map(|i| scheme + 3 + i)
            })
            .unwrap_or(self.base_url.len());
        format!("{}{}", &self.base_url[..origin_end], root_relative)
    }

    /// Same configuration served from another address (used by `serve`).
    pub fn with_base_url(&self, base_url: &str) -> Config {
        let mut config = self.clone();
        let (base_url, base_path) = split_base_url(base_url);
        config.base_url = base_url;
        config.base_path = base_path;
        config
    }
}

fn split_base_url(raw: &str) -> (String, String) {
    let trimmed = raw.trim().trim_end_matches('/').to_string();
    let path = trimmed
        .find("://")
        .and_then(|scheme| {
            trimmed[scheme + 3..]
                .find('/')
                .map(|i| &trimmed[scheme + 3 + i..])
        })
        .unwrap_or("")
        .to_string();
    (trimmed, path)
}

/// Validates every value, in the order of the fields, collecting every problem before
/// failing.
fn resolve(raw: RawConfig, file: &Path) -> Result<Config, Vec<Diagnostic>> {
    let RawConfig {
        base_url,
        default_language,
        languages,
        theme,
        timezone,
        taxonomies,
        images,
        paginate,
        listings,
        feed_limit,
        feed_content,
        og_image,
        markdown,
        search,
        archive,
        documents,
        extra,
    } = raw;
    let mut problems = Vec::new();
    let (base_url, base_path) = resolve_base_url(&base_url, file, &mut problems);
    let languages = resolve_languages(languages, file, &mut problems);
    check_default_language(&default_language, &languages, file, &mut problems);
    let timezone = resolve_timezone(timezone, file, &mut problems);
    let taxonomies = resolve_taxonomies(taxonomies, file, &mut problems);
    let images = resolve_images(images, file, &mut problems);
    let paginate = positive(paginate, 10, "paginate", file, &mut problems);
    let listings = resolve_listings(listings, file, &mut problems);
    let feed_limit = positive(feed_limit, 20, "feed_limit", file, &mut problems);
    let feed_content = resolve_feed_content(feed_content, file, &mut problems);
    let markdown = markdown.map_or_else(MarkdownSettings::default, |spanned| {
        resolve_markdown(spanned.value, file, &mut problems)
    });
    let archive = resolve_archive(archive, &languages, file, &mut problems);
    let documents = resolve_documents(documents, &languages, file, &mut problems);

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Config {
        base_url,
        base_path,
        default_language: default_language.value,
        languages,
        theme: theme.unwrap_or_else(|| "default".into()),
        timezone,
        taxonomies,
        images,
        paginate,
        listings,
        feed_limit,
        feed_content,
        og_image,
        markdown,
        search: search.unwrap_or(true),
        archive,
        documents,
        extra: extra.unwrap_or(serde_json::Value::Object(Default::default())),
    })
}

/// An error at the place of a value in `site.yaml`.
fn error_at(file: &Path, place: Location, message: String) -> Diagnostic {
    Diagnostic::error(file.to_path_buf(), message)
        .at(place.line() as usize, place.column() as usize)
}

/// What is wrong with `url` as the address a site is published under, if anything: it
/// must be an absolute http or https URL with a host, and nothing after its path.
pub fn base_url_problem(url: &str) -> Option<String> {
    let not_absolute = || Some(format!("base_url `{url}` is not an absolute URL"));
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return not_absolute();
    }
    match url::Url::parse(url) {
        Ok(parsed) if parsed.host_str().is_some_and(|h| !h.is_empty()) => {
            if parsed.query().is_some() || parsed.fragment().is_some() {
                Some(format!(
                    "base_url `{url}` has a query or fragment; a site's address ends with its path"
                ))
            } else if url.chars().any(char::is_whitespace) {
                Some(format!("base_url `{url}` has a space in it"))
            } else {
                None
            }
        }
        Ok(_) => not_absolute(),
        Err(error) => Some(format!("base_url `{url}` is not a valid URL ({error})")),
    }
}

/// `base_url` split into the URL without a trailing slash and its path part.
fn resolve_base_url(
    base_url: &Spanned<String>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> (String, String) {
    if let Some(problem) = base_url_problem(&base_url.value) {
        problems.push(
            error_at(file, base_url.referenced, problem)
                .with_hint("write it with its scheme: https://example.gov.vn"),
        );
    }
    split_base_url(&base_url.value)
}

/// The languages in the order written, each code checked.
fn resolve_languages(
    languages: Spanned<IndexMap<String, RawLanguage>>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Language> {
    let languages_at = languages.referenced;
    let languages: Vec<Language> = languages
        .value
        .into_iter()
        .map(|(code, raw)| Language {
            code,
            name: raw.name,
            title: raw.title,
            description: raw.description,
        })
        .collect();
    if languages.is_empty() {
        problems.push(
            error_at(file, languages_at, "no languages are listed".into()).with_hint(
                "list at least one: languages: { vi: { name: \"Tiếng Việt\", title: \"…\" } }",
            ),
        );
    }
    for language in &languages {
        let valid = !language.code.is_empty()
            && language
                .code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid {
            problems.push(
                error_at(
                    file,
                    languages_at,
                    format!("`{}` is not a language code", language.code),
                )
                .with_hint("use codes like vi, en, lo"),
            );
        }
    }
    languages
}

fn check_default_language(
    default_language: &Spanned<String>,
    languages: &[Language],
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) {
    if !languages.iter().any(|l| l.code == default_language.value) {
        let known: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
        problems.push(
            error_at(
                file,
                default_language.referenced,
                format!(
                    "default_language `{}` is not one of the languages",
                    default_language.value
                ),
            )
            .with_hint(format!("use one of: {}", known.join(", "))),
        );
    }
}

/// The site's UTC offset; +07:00 when not written.
fn resolve_timezone(
    timezone: Option<Spanned<String>>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> jiff::tz::Offset {
    match timezone {
        None => jiff::tz::Offset::constant(7),
        Some(spanned) => match parse_offset(&spanned.value) {
            Some(offset) => offset,
            None => {
                problems.push(
                    error_at(
                        file,
                        spanned.referenced,
                        format!("timezone `{}` is not an offset", spanned.value),
                    )
                    .with_hint("write it as \"+07:00\""),
                );
                jiff::tz::Offset::UTC
            }
        },
    }
}

/// The taxonomies, `categories` and `tags` when not written; names that cannot be
/// used in URLs are left out, each with a problem.
fn resolve_taxonomies(
    taxonomies: Option<Vec<Spanned<String>>>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let taxonomies: Vec<String> = match taxonomies {
        None => vec!["categories".into(), "tags".into()],
        Some(list) => list
            .into_iter()
            .filter_map(|name| {
                let ok = !name.value.is_empty()
                    && name.value.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
                    });
                if !ok {
                    problems.push(
                        error_at(
                            file,
                            name.referenced,
                            format!("taxonomy name `{}` cannot be used in URLs", name.value),
                        )
                        .with_hint("use lower-case ASCII letters, digits and -"),
                    );
                }
                ok.then_some(name.value)
            })
            .collect(),
    };
    for name in &taxonomies {
        if !matches!(name.as_str(), "categories" | "tags") {
            // Front matter only has fields for these two; others would stay empty forever.
            problems.push(
                Diagnostic::error(file.to_path_buf(), format!("unknown taxonomy `{name}`"))
                    .with_hint("mekong supports the taxonomies `categories` and `tags`"),
            );
        }
    }
    taxonomies
}

/// The picture widths (sorted, without repeats) and quality.
fn resolve_images(
    images: Option<Spanned<RawImages>>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> ImageSettings {
    match images {
        None => ImageSettings {
            widths: vec![480, 960, 1600],
            quality: 80,
        },
        Some(spanned) => {
            let RawImages { widths, quality } = spanned.value;
            let mut widths = widths.unwrap_or_else(|| vec![480, 960, 1600]);
            widths.sort_unstable();
            widths.dedup();
            let quality = quality.unwrap_or(80);
            if widths.is_empty() || widths[0] == 0 || !(1..=100).contains(&quality) {
                problems.push(
                    error_at(
                        file,
                        spanned.referenced,
                        "images need positive widths and a quality from 1 to 100".into(),
                    )
                    .with_hint("images: { widths: [480, 960, 1600], quality: 80 }"),
                );
            }
            ImageSettings { widths, quality }
        }
    }
}

/// A count that must be at least 1 (`paginate`, `feed_limit`), `default` when not written.
fn positive(
    value: Option<Spanned<usize>>,
    default: usize,
    key: &str,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> usize {
    match value {
        None => default,
        Some(spanned) if spanned.value > 0 => spanned.value,
        Some(spanned) => {
            problems.push(
                error_at(
                    file,
                    spanned.referenced,
                    format!("{key} must be at least 1"),
                )
                .with_hint(format!("{key}: {default}")),
            );
            default
        }
    }
}

fn resolve_feed_content(
    feed_content: Option<Spanned<String>>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> FeedContent {
    match feed_content {
        None => FeedContent::Full,
        Some(spanned) => match spanned.value.as_str() {
            "full" => FeedContent::Full,
            "summary" => FeedContent::Summary,
            other => {
                problems.push(
                    error_at(
                        file,
                        spanned.referenced,
                        format!("feed_content `{other}` is not known"),
                    )
                    .with_hint("use `full` or `summary`"),
                );
                FeedContent::Full
            }
        },
    }
}

/// `+07:00`, `-05:30`, `Z` or `UTC`.
fn parse_offset(text: &str) -> Option<jiff::tz::Offset> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("z") || text.eq_ignore_ascii_case("utc") {
        return Some(jiff::tz::Offset::UTC);
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':').unwrap_or((rest, "0"));
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    jiff::tz::Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

/// Where the site's parts live, from its root folder.
#[derive(Debug, Clone)]
pub struct SitePaths {
    pub root: PathBuf,
    pub content: PathBuf,
    pub static_dir: PathBuf,
    pub i18n: PathBuf,
    pub templates: PathBuf,
    pub themes: PathBuf,
}

impl SitePaths {
    pub fn new(root: &Path) -> SitePaths {
        SitePaths {
            root: root.to_path_buf(),
            content: root.join("content"),
            static_dir: root.join("static"),
            i18n: root.join("i18n"),
            templates: root.join("templates"),
            themes: root.join("themes"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const SAMPLE: &str = r#"base_url: https://example.gov.vn/portal/
default_language: vi
languages:
  vi: { name: "Tiếng Việt", title: "Cổng thông tin" }
  en: { name: "English", title: "Portal" }
  lo: { name: "ພາສາລາວ", title: "ປະຕູ" }
timezone: "+07:00"
extra: { phone: "123" }
"#;

    #[test]
    fn keeps_language_order_and_splits_base_path() {
        let config = Config::parse(SAMPLE, Path::new("site.yaml")).unwrap();
        let codes: Vec<&str> = config.language_codes().collect();
        assert_eq!(codes, ["vi", "en", "lo"]);
        assert_eq!(config.base_url, "https://example.gov.vn/portal");
        assert_eq!(config.base_path, "/portal");
        assert_eq!(
            config.absolute("/portal/vi/"),
            "https://example.gov.vn/portal/vi/"
        );
        assert_eq!(config.timezone, jiff::tz::Offset::constant(7));
        assert_eq!(config.extra["phone"], "123");
        assert_eq!(config.language("lo").unwrap().og_locale(), "lo_LA");
    }

    #[test]
    fn unknown_keys_get_a_hint() {
        let text = format!("{SAMPLE}themes: default\n");
        let errors = Config::parse(&text, Path::new("site.yaml")).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 9);
        assert_eq!(errors[0].hint.as_deref(), Some("did you mean `theme`?"));
    }

    #[test]
    fn reports_all_invalid_values() {
        let text = SAMPLE
            .replace("default_language: vi", "default_language: fr")
            .replace("\"+07:00\"", "\"GMT+7\"");
        let errors = Config::parse(&text, Path::new("site.yaml")).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[1].line, 7);
    }
}
