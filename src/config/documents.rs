//! `documents:` in `site.yaml`: the official documents registry. Which section holds
//! the documents, the kinds of document (a key and the code numbers carry: `ke-hoach`
//! → `KH`), the issuing bodies (keys), and per language the patterns that find a
//! mention of a document in an article's text. Names of kinds and issuers in each
//! language are interface strings (`document-kind-KEY`, `document-issuer-KEY`).

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Language, error_at};
use crate::diagnostics::Diagnostic;

/// The kinds a registry knows when `site.yaml` names none, with their codes.
const DEFAULT_KINDS: &[(&str, &str)] = &[
    ("ke-hoach", "KH"),
    ("ket-luan", "KL"),
    ("quyet-dinh", "QĐ"),
    ("nghi-dinh", "NĐ"),
    ("thong-tu", "TT"),
    ("cong-van", "CV"),
];

/// The mention pattern of a language `site.yaml` gives none for.
pub fn default_pattern(lang: &str) -> &'static str {
    match lang {
        "vi" => "{kind} số {number}",
        "lo" => "{kind} ເລກທີ {number}",
        _ => "{kind} No. {number}",
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDocuments {
    section: Spanned<String>,
    #[serde(default)]
    kinds: Option<Spanned<IndexMap<String, Spanned<String>>>>,
    #[serde(default)]
    issuers: Vec<Spanned<String>>,
    #[serde(default)]
    mentions: Option<IndexMap<String, Spanned<String>>>,
}

/// A kind of document: `ke-hoach`, whose numbers carry the code `KH`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentKind {
    pub key: String,
    pub code: String,
}

/// The registry's settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentSettings {
    /// The folder under `content/` whose pages are the documents.
    pub section: String,
    /// In the order written.
    pub kinds: Vec<DocumentKind>,
    /// Keys of the issuing bodies, in the order written.
    pub issuers: Vec<String>,
    /// Per language, in `languages` order: how a mention is written, `{kind}` standing
    /// for the kind's name and `{number}` for the number.
    pub mentions: Vec<(String, String)>,
}

impl DocumentSettings {
    pub fn kind(&self, key: &str) -> Option<usize> {
        self.kinds.iter().position(|k| k.key == key)
    }

    pub fn issuer(&self, key: &str) -> Option<usize> {
        self.issuers.iter().position(|k| k == key)
    }

    /// The mention pattern of `lang`.
    pub fn mention_pattern(&self, lang: &str) -> &str {
        self.mentions
            .iter()
            .find(|(code, _)| code == lang)
            .map_or_else(|| default_pattern(lang), |(_, p)| p.as_str())
    }

    /// The interface strings the registry shows, one per kind and issuer.
    pub fn string_keys(&self) -> impl Iterator<Item = String> + '_ {
        self.kinds
            .iter()
            .map(|k| kind_key(&k.key))
            .chain(self.issuers.iter().map(|i| issuer_key(i)))
    }
}

/// The interface strings of the kinds a registry has when `site.yaml` names none: the
/// theme defines them whether a site has a registry or not.
pub fn default_kind_keys() -> impl Iterator<Item = String> {
    DEFAULT_KINDS.iter().map(|(key, _)| kind_key(key))
}

/// The interface string naming a kind: `document-kind-ke-hoach`.
pub fn kind_key(key: &str) -> String {
    format!("document-kind-{key}")
}

/// The interface string naming an issuer: `document-issuer-tinh-uy`.
pub fn issuer_key(key: &str) -> String {
    format!("document-issuer-{key}")
}

/// A key that can be a folder of an address: lower-case ASCII letters, digits and `-`,
/// not all digits (a year's page has that folder).
fn usable_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !key.chars().all(|c| c.is_ascii_digit())
}

/// Validates `documents:`; `None` when it is not written (the registry is off).
pub(super) fn resolve_documents(
    raw: Option<RawDocuments>,
    languages: &[Language],
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<DocumentSettings> {
    let RawDocuments {
        section,
        kinds,
        issuers,
        mentions,
    } = raw?;
    let folder = section.value.trim().to_string();
    if folder.is_empty() || folder.contains(['/', '\\']) || folder.starts_with('.') {
        problems.push(
            error_at(
                file,
                section.referenced,
                format!("`{}` cannot be the documents' section", section.value),
            )
            .with_hint("name a folder under content/, e.g. documents: { section: van-ban }"),
        );
    }
    let kinds: Vec<DocumentKind> = match kinds {
        None => DEFAULT_KINDS
            .iter()
            .map(|(key, code)| DocumentKind {
                key: (*key).into(),
                code: (*code).into(),
            })
            .collect(),
        Some(written) => {
            if written.value.is_empty() {
                problems.push(
                    error_at(
                        file,
                        written.referenced,
                        "no kinds of document are listed".into(),
                    )
                    .with_hint(
                        "list them with their codes: kinds: { ke-hoach: KH, quyet-dinh: QĐ }",
                    ),
                );
            }
            written
                .value
                .into_iter()
                .map(|(key, code)| {
                    if !usable_key(&key) {
                        problems.push(
                            error_at(
                                file,
                                code.referenced,
                                format!("`{key}` cannot be a kind's key"),
                            )
                            .with_hint("use lower-case ASCII letters, digits and -, e.g. ke-hoach"),
                        );
                    }
                    let value = crate::text::nfc(code.value.trim());
                    if value.is_empty() || value.contains(['/', ' ']) {
                        problems.push(
                            error_at(
                                file,
                                code.referenced,
                                format!("`{}` cannot be the code of `{key}`", code.value),
                            )
                            .with_hint("write the letters numbers carry, e.g. ke-hoach: KH"),
                        );
                    }
                    DocumentKind { key, code: value }
                })
                .collect()
        }
    };
    let mut issuer_keys: Vec<String> = Vec::new();
    for issuer in issuers {
        let key = issuer.value.trim().to_string();
        if !usable_key(&key) {
            problems.push(
                error_at(
                    file,
                    issuer.referenced,
                    format!("`{}` cannot be an issuer's key", issuer.value),
                )
                .with_hint("use lower-case ASCII letters, digits and -, e.g. tinh-uy"),
            );
        } else if issuer_keys.contains(&key) || kinds.iter().any(|k: &DocumentKind| k.key == key) {
            problems.push(
                error_at(
                    file,
                    issuer.referenced,
                    format!("`{key}` is listed twice among kinds and issuers"),
                )
                .with_hint(
                    "each kind and issuer gets its own page in the registry: give each its own key",
                ),
            );
        } else {
            issuer_keys.push(key);
        }
    }
    let mut written = mentions.unwrap_or_default();
    for (lang, pattern) in &written {
        if !languages.iter().any(|l| &l.code == lang) {
            problems.push(
                error_at(file, pattern.referenced, format!("mentions names the language `{lang}`, which `languages` does not list"))
                    .with_hint("give patterns for languages of the site, e.g. mentions: { vi: \"{kind} số {number}\" }"),
            );
        }
        if !pattern.value.contains("{number}") {
            problems.push(
                error_at(
                    file,
                    pattern.referenced,
                    format!(
                        "the mention pattern `{}` has no `{{number}}`",
                        pattern.value
                    ),
                )
                .with_hint("write where the number stands, e.g. \"{kind} No. {number}\""),
            );
        }
    }
    let mentions = languages
        .iter()
        .map(|language| {
            let pattern = written
                .shift_remove(&language.code)
                .map(|p| crate::text::nfc(p.value.trim()))
                .unwrap_or_else(|| default_pattern(&language.code).to_string());
            (language.code.clone(), pattern)
        })
        .collect();
    Some(DocumentSettings {
        section: crate::text::nfc(&folder),
        kinds,
        issuers: issuer_keys,
        mentions,
    })
}
