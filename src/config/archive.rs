//! `archive:` in `site.yaml`: whether each language gets its news archive (pages by
//! year, month and day) and its folder in each language. On when not written, with
//! [`default_slug`]s; `archive: false` turns it off; `archive: { vi: tin-theo-ngay }`
//! names the folder of a language, as sections name theirs.

use std::fmt;
use std::path::Path;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

use super::{Language, error_at};
use crate::diagnostics::Diagnostic;

/// The archive's folder in a language `site.yaml` does not name one for.
pub fn default_slug(lang: &str) -> &'static str {
    match lang {
        "vi" => "luu-tru",
        "lo" => "ຄັງຂ່າວ",
        _ => "archive",
    }
}

/// `archive:` as written: `true`/`false`, or a folder per language.
#[derive(Debug)]
pub(super) enum RawArchive {
    Switch(bool),
    Slugs(Vec<(String, Spanned<String>)>),
}

impl<'de> Deserialize<'de> for RawArchive {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ArchiveVisitor;
        impl<'de> Visitor<'de> for ArchiveVisitor {
            type Value = RawArchive;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`false`, `true` or a folder per language: `{ vi: luu-tru }`")
            }
            fn visit_bool<E>(self, on: bool) -> Result<RawArchive, E> {
                Ok(RawArchive::Switch(on))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawArchive, A::Error> {
                let mut slugs = Vec::new();
                while let Some(lang) = map.next_key::<String>()? {
                    slugs.push((lang, map.next_value::<Spanned<String>>()?));
                }
                Ok(RawArchive::Slugs(slugs))
            }
        }
        deserializer.deserialize_any(ArchiveVisitor)
    }
}

/// The archive's settings, when it is on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArchiveSettings {
    /// The folder under each language (`/vi/luu-tru/2025/08/`), in `languages` order.
    slugs: Vec<(String, String)>,
}

impl ArchiveSettings {
    /// The archive's folder in `lang`.
    pub fn slug(&self, lang: &str) -> &str {
        self.slugs
            .iter()
            .find(|(code, _)| code == lang)
            .map_or_else(|| default_slug(lang), |(_, slug)| slug.as_str())
    }
}

/// Validates `archive:` against the site's languages; `None` when it is turned off.
pub(super) fn resolve_archive(
    raw: Option<Spanned<RawArchive>>,
    languages: &[Language],
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<ArchiveSettings> {
    let mut written = match raw.map(|spanned| spanned.value) {
        Some(RawArchive::Switch(false)) => return None,
        None | Some(RawArchive::Switch(true)) => Vec::new(),
        Some(RawArchive::Slugs(slugs)) => slugs,
    };
    for (lang, slug) in &written {
        if !languages.iter().any(|l| &l.code == lang) {
            problems.push(
                error_at(
                    file,
                    slug.referenced,
                    format!("archive names the language `{lang}`, which `languages` does not list"),
                )
                .with_hint("name the archive's folder for a language of the site, e.g. archive: { vi: luu-tru }"),
            );
        }
        let value = slug.value.trim();
        // One folder, as addresses and file names hold it.
        let usable = !value.is_empty()
            && value != "."
            && value != ".."
            && !value
                .chars()
                .any(|c| c == '/' || c == '\\' || c == '?' || c == '#' || c.is_whitespace());
        if !usable {
            problems.push(
                error_at(
                    file,
                    slug.referenced,
                    format!("`{}` cannot be the archive's folder", slug.value),
                )
                .with_hint(format!(
                    "write one folder name without spaces or slashes, e.g. {lang}: {}, or archive: false",
                    default_slug(lang)
                )),
            );
        }
    }
    let slugs = languages
        .iter()
        .map(|language| {
            let code = language.code.clone();
            let slug = written
                .iter_mut()
                .find(|(lang, _)| *lang == code)
                .map(|(_, slug)| crate::text::nfc(slug.value.trim()))
                .unwrap_or_else(|| default_slug(&code).to_string());
            (code, slug)
        })
        .collect();
    Some(ArchiveSettings { slugs })
}
