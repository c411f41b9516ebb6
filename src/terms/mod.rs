//! Terms across languages, `i18n/terms.yaml`: each term of a taxonomy under one key,
//! with its name (and optionally a description) in each language.
//!
//! ```yaml
//! tags:                             # a taxonomy of site.yaml
//!   bien-gioi:                      # the term's key: articles may tag with it
//!     vi: "Biên giới"
//!     en: "Border"
//!     lo: "ຊາຍແດນ"
//!     description: { vi: "…", en: "…" }   # shown on the term's page
//! ```
//!
//! An article's term matches a mapped term when its slug (NFC, Vietnamese folded as
//! slugs are) equals the slug of the key or of the term's name in the article's
//! language. Reading the file is here; the indexes use [`Terms::find`].

mod raw;

use std::collections::HashMap;
use std::path::Path;

use indexmap::IndexMap;
use serde_saphyr::Spanned;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, unknown_key_hint};
use crate::text::{nfc, slugify};

/// Where the terms file lives in a site.
pub const TERMS_FILE: &str = "i18n/terms.yaml";

/// One term in every language that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedTerm {
    pub key: String,
    /// Language code → name (NFC), in the file's order.
    pub names: IndexMap<String, String>,
    /// Language code → the slug of that name.
    pub slugs: IndexMap<String, String>,
    /// Language code → a description for the term's page.
    pub descriptions: IndexMap<String, String>,
}

impl MappedTerm {
    pub fn name(&self, lang: &str) -> Option<&str> {
        self.names.get(lang).map(String::as_str)
    }
}

/// The mapped terms of one taxonomy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaxonomyTerms {
    pub name: String,
    pub terms: Vec<MappedTerm>,
    /// (language, slug) → index in `terms`: the key's and the name's slug.
    lookup: HashMap<(String, String), usize>,
}

/// Every mapped term of the site; empty when the site has no terms file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    pub taxonomies: Vec<TaxonomyTerms>,
}

impl Terms {
    pub fn empty() -> Terms {
        Terms::default()
    }

    pub fn is_empty(&self) -> bool {
        self.taxonomies.iter().all(|t| t.terms.is_empty())
    }

    pub fn count(&self) -> usize {
        self.taxonomies.iter().map(|t| t.terms.len()).sum()
    }

    pub fn taxonomy(&self, name: &str) -> Option<&TaxonomyTerms> {
        self.taxonomies.iter().find(|t| t.name == name)
    }

    /// The mapped term an article in `lang` means by a term whose slug is `slug`.
    pub fn find(&self, taxonomy: &str, lang: &str, slug: &str) -> Option<&MappedTerm> {
        let taxonomy = self.taxonomy(taxonomy)?;
        taxonomy
            .lookup
            .get(&(lang.to_string(), slug.to_string()))
            .map(|&i| &taxonomy.terms[i])
    }

    /// The slug a term written as `slug` in `lang` is published under.
    pub fn slug_in<'a>(&'a self, taxonomy: &str, lang: &str, slug: &'a str) -> &'a str {
        self.find(taxonomy, lang, slug)
            .and_then(|term| term.slugs.get(lang))
            .map_or(slug, String::as_str)
    }

    /// Reads `i18n/terms.yaml` of the site in `root`: empty when there is none.
    pub fn load(root: &Path, config: &Config) -> Result<Terms, Vec<Diagnostic>> {
        let file = root.join(TERMS_FILE);
        let bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Terms::empty());
            }
            Err(error) => {
                return Err(vec![Diagnostic::error(
                    &file,
                    format!("cannot read the terms file: {error}"),
                )]);
            }
        };
        let text = crate::diagnostics::utf8_text(&file, bytes).map_err(|d| vec![d])?;
        Terms::parse(&text, Path::new(TERMS_FILE), config)
    }

    /// Parses the terms file's text; `file` names it in problems. Every problem of the
    /// file is reported, each at its line and column.
    pub fn parse(text: &str, file: &Path, config: &Config) -> Result<Terms, Vec<Diagnostic>> {
        let text = nfc(text.strip_prefix('\u{feff}').unwrap_or(text));
        let parsed: raw::RawTerms =
            serde_saphyr::from_str_with_options(&text, crate::yaml::options())
                .map_err(|error| vec![crate::yaml::to_diagnostic(&error, &text, file, 1)])?;
        let languages: Vec<&str> = config.language_codes().collect();
        let mut problems = Vec::new();
        let mut taxonomies: Vec<TaxonomyTerms> = Vec::new();
        for (name, entries) in parsed.0 {
            let (line, column) = at(&name);
            if !config.taxonomies.contains(&name.value) {
                let known: Vec<&str> = config.taxonomies.iter().map(String::as_str).collect();
                problems.push(
                    Diagnostic::error(
                        file,
                        format!("`{}` is not a taxonomy of the site", name.value),
                    )
                    .at(line, column)
                    .with_hint(format!(
                        "{}; the taxonomies are listed under `taxonomies` in site.yaml",
                        unknown_key_hint(&name.value, &known)
                    )),
                );
                continue;
            }
            if taxonomies.iter().any(|t| t.name == name.value) {
                problems.push(
                    Diagnostic::error(file, format!("`{}` is given twice", name.value))
                        .at(line, column)
                        .with_hint("put all its terms under one heading"),
                );
                continue;
            }
            let terms = resolve_taxonomy(&name.value, entries, file, &languages, &mut problems);
            taxonomies.push(terms);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Terms { taxonomies })
    }
}

fn at(spanned: &Spanned<String>) -> (usize, usize) {
    (
        spanned.referenced.line() as usize,
        spanned.referenced.column() as usize,
    )
}

fn resolve_taxonomy(
    taxonomy: &str,
    entries: raw::Entries,
    file: &Path,
    languages: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> TaxonomyTerms {
    let mut terms: Vec<MappedTerm> = Vec::new();
    // (language, slug) → (term index, where it was claimed, what claimed it).
    let mut claims: HashMap<Slot, Claim> = HashMap::new();
    let mut keys: HashMap<String, (usize, usize)> = HashMap::new();
    for (key, entry) in entries {
        let place = at(&key);
        if let Some(first) = keys.get(&key.value) {
            problems.push(
                Diagnostic::error(
                    file,
                    format!("the term `{}` is given twice in {taxonomy}", key.value),
                )
                .at(place.0, place.1)
                .with_hint(format!(
                    "it is first given at line {}; keep one and merge the names",
                    first.0
                )),
            );
            continue;
        }
        keys.insert(key.value.clone(), place);
        let key_slug = slugify(&key.value);
        if key_slug.is_empty() {
            problems.push(
                Diagnostic::error(file, format!("the term key `{}` has no letters", key.value))
                    .at(place.0, place.1)
                    .with_hint("write a key like `bien-gioi`"),
            );
            continue;
        }
        let Some(term) = resolve_term(&key, entry, file, languages, problems) else {
            continue;
        };
        let index = terms.len();
        let mut wanted: Vec<(Slot, (usize, usize), String)> = Vec::new();
        for lang in languages {
            wanted.push((
                (lang.to_string(), key_slug.clone()),
                place,
                format!("the key `{}`", key.value),
            ));
        }
        for (lang, (name, where_)) in &term.1 {
            wanted.push((
                (lang.clone(), slugify(name)),
                *where_,
                format!("the {lang} name `{name}`"),
            ));
        }
        let before = problems.len();
        for (slot, where_, what) in wanted {
            match claims.get(&slot) {
                Some((other, first, first_what)) if *other != index => {
                    problems.push(
                        Diagnostic::error(
                            file,
                            format!(
                                "{what} of `{}` is the same term as {first_what} (line {})",
                                key.value, first.0
                            ),
                        )
                        .at(where_.0, where_.1)
                        .with_hint(format!(
                            "in {}, one name can mean one term only: rename one of them, or merge the two terms",
                            slot.0
                        )),
                    );
                }
                Some(_) => {}
                None => {
                    claims.insert(slot, (index, where_, what));
                }
            }
        }
        if problems.len() == before {
            terms.push(term.0);
        }
    }
    let lookup = claims
        .into_iter()
        .filter(|(_, (index, _, _))| *index < terms.len())
        .map(|(slot, (index, _, _))| (slot, index))
        .collect();
    TaxonomyTerms {
        name: taxonomy.to_string(),
        terms,
        lookup,
    }
}

/// A language and a slug in it.
type Slot = (String, String);
/// Which term claimed a slot, where, and by what (the key, a name).
type Claim = (usize, (usize, usize), String);

type Positioned = IndexMap<String, (String, (usize, usize))>;

fn resolve_term(
    key: &Spanned<String>,
    raw: raw::RawTerm,
    file: &Path,
    languages: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> Option<(MappedTerm, Positioned)> {
    let before = problems.len();
    let mut known: Vec<&str> = languages.to_vec();
    known.push("description");
    for name in &raw.unknown {
        let (line, column) = at(name);
        problems.push(
            Diagnostic::error(
                file,
                format!("unknown key `{}` in the term `{}`", name.value, key.value),
            )
            .at(line, column)
            .with_hint(format!(
                "{}; a term has a name per site language ({}) and may have a description",
                unknown_key_hint(&name.value, &known),
                languages.join(", ")
            )),
        );
    }
    let mut term = MappedTerm {
        key: key.value.clone(),
        names: IndexMap::new(),
        slugs: IndexMap::new(),
        descriptions: IndexMap::new(),
    };
    let mut places = Positioned::new();
    let language = |lang: &Spanned<String>, what: &str, problems: &mut Vec<Diagnostic>| {
        if languages.contains(&lang.value.as_str()) {
            return true;
        }
        let (line, column) = at(lang);
        problems.push(
            Diagnostic::error(
                file,
                format!(
                    "the term `{}` has {what} for `{}`, not a language of the site",
                    key.value, lang.value
                ),
            )
            .at(line, column)
            .with_hint(unknown_key_hint(&lang.value, &known)),
        );
        false
    };
    for (lang, name) in raw.names {
        if !language(&lang, "a name", problems) {
            continue;
        }
        let text = name.value.split_whitespace().collect::<Vec<_>>().join(" ");
        let slug = slugify(&text);
        if slug.is_empty() {
            let (line, column) = at(&name);
            problems.push(
                Diagnostic::error(
                    file,
                    format!(
                        "the {} name of the term `{}` has no letters",
                        lang.value, key.value
                    ),
                )
                .at(line, column)
                .with_hint("write the term's name, or delete the line"),
            );
            continue;
        }
        places.insert(lang.value.clone(), (text.clone(), at(&name)));
        term.slugs.insert(lang.value.clone(), slug);
        term.names.insert(lang.value, text);
    }
    for (lang, text) in raw.descriptions {
        if language(&lang, "a description", problems) {
            term.descriptions
                .insert(lang.value, text.value.trim().to_string());
        }
    }
    if term.names.is_empty() && problems.len() == before {
        let (line, column) = at(key);
        problems.push(
            Diagnostic::error(
                file,
                format!("the term `{}` has no name in any language", key.value),
            )
            .at(line, column)
            .with_hint(format!(
                "give its name in the site's languages: {}: \"…\"",
                languages.join(": \"…\", ")
            )),
        );
    }
    (problems.len() == before).then_some((term, places))
}
