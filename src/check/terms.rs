//! The terms check: taxonomy terms the terms file does not map yet (with the likely
//! mapping, when one shows), and translations whose mapped terms differ from their
//! source's.
//!
//! A likely mapping is found three ways, the first that answers wins: the unmapped
//! name's slug is the slug of a mapped term's name in another language; or articles
//! that are translations of each other carry the two terms in the same position, the
//! other one mapped; or, both unmapped, in the same position.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::glossary::Location;
use super::key_lines::front_matter_line;
use super::translations::source_of;
use crate::config::Config;
use crate::content::SourcePage;
use crate::diagnostics::Diagnostic;
use crate::library::Library;
use crate::terms::{TERMS_FILE, Terms};

/// What a terms finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermRule {
    /// The source has the mapped term; this translation lacks it.
    Missing,
    /// This translation has a mapped term its source lacks.
    Extra,
}

impl TermRule {
    /// The name tools see in `--format json`.
    pub fn name(self) -> &'static str {
        match self {
            TermRule::Missing => "missing-term",
            TermRule::Extra => "extra-term",
        }
    }
}

/// A translation and its source disagree on one mapped term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermFinding {
    pub rule: TermRule,
    pub taxonomy: String,
    /// The term's key in the terms file.
    pub key: String,
    /// The language of the translation (the file to edit).
    pub lang: String,
    /// The term's name in the translation's language (its key when it has none).
    pub name: String,
    /// Where the translation's terms are written (its taxonomy line, or the term).
    pub at: Location,
    /// Where the source writes the term (missing) or its taxonomy line (extra).
    pub source: Location,
}

impl TermFinding {
    fn to_json(&self) -> serde_json::Value {
        json!({
            "rule": self.rule.name(),
            "taxonomy": self.taxonomy,
            "key": self.key,
            "lang": self.lang,
            "name": self.name,
            "at": location_json(&self.at),
            "source": location_json(&self.source),
        })
    }
}

/// Why an unmapped term probably is a mapped one (or goes with another unmapped one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestionReason {
    /// Its slug is the slug of the other name.
    SameSlug,
    /// Translations of one article carry the two in the same position.
    SamePosition,
}

impl SuggestionReason {
    pub fn name(self) -> &'static str {
        match self {
            SuggestionReason::SameSlug => "same-slug",
            SuggestionReason::SamePosition => "same-position",
        }
    }
}

/// The likely mapping of an unmapped term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The mapped term it probably is; `None`: another unmapped term.
    pub key: Option<String>,
    pub lang: String,
    pub name: String,
    pub reason: SuggestionReason,
}

/// A term articles use that the terms file does not map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmappedTerm {
    pub taxonomy: String,
    pub lang: String,
    pub name: String,
    pub slug: String,
    /// Articles of the language that carry it.
    pub articles: usize,
    pub suggestion: Option<Suggestion>,
}

/// One translator-facing file's term findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermsFile {
    pub file: PathBuf,
    pub lang: String,
    pub missing: usize,
    pub extra: usize,
    pub findings: Vec<TermFinding>,
}

/// The terms part of the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermsReport {
    /// Terms the terms file maps.
    pub mapped: usize,
    /// By taxonomy, language, slug.
    pub unmapped: Vec<UnmappedTerm>,
    /// Files with findings, sorted.
    pub files: Vec<TermsFile>,
}

impl TermsReport {
    pub(super) fn to_json(&self) -> serde_json::Value {
        json!({
            "file": TERMS_FILE,
            "mapped": self.mapped,
            "unmapped": self.unmapped.iter().map(|u| {
                let mut value = json!({
                    "taxonomy": u.taxonomy,
                    "lang": u.lang,
                    "name": u.name,
                    "slug": u.slug,
                    "articles": u.articles,
                });
                if let Some(s) = &u.suggestion {
                    value["suggestion"] = json!({
                        "key": s.key,
                        "lang": s.lang,
                        "name": s.name,
                        "reason": s.reason.name(),
                    });
                }
                value
            }).collect::<Vec<_>>(),
            "files": self.files.iter().map(|f| json!({
                "file": slash(&f.file),
                "lang": f.lang,
                "missing": f.missing,
                "extra": f.extra,
                "findings": f.findings.iter().map(TermFinding::to_json).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}

fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn location_json(location: &Location) -> serde_json::Value {
    json!({
        "file": slash(&location.file),
        "line": location.line,
        "column": location.column,
    })
}

/// The unmapped terms and the translations' findings, each finding also as a warning
/// at the translation's file.
pub(super) fn check(library: &Library, config: &Config) -> (TermsReport, Vec<Diagnostic>) {
    let terms = &library.terms;
    let mut files: BTreeMap<PathBuf, TermsFile> = BTreeMap::new();
    let mut problems = Vec::new();
    if !terms.is_empty() {
        for group in &library.groups {
            let Some(source) = source_of(library, group, config) else {
                continue;
            };
            for &member in &group.members {
                if member == source {
                    continue;
                }
                let found = compare(
                    terms,
                    config,
                    &library.page(source).source,
                    &library.page(member).source,
                );
                for (diagnostic, finding) in found {
                    let file = files
                        .entry(finding.at.file.clone())
                        .or_insert_with(|| TermsFile {
                            file: finding.at.file.clone(),
                            lang: finding.lang.clone(),
                            missing: 0,
                            extra: 0,
                            findings: Vec::new(),
                        });
                    match finding.rule {
                        TermRule::Missing => file.missing += 1,
                        TermRule::Extra => file.extra += 1,
                    }
                    file.findings.push(finding);
                    problems.push(diagnostic);
                }
            }
        }
    }
    let report = TermsReport {
        mapped: terms.count(),
        unmapped: unmapped(library, config),
        files: files.into_values().collect(),
    };
    (report, problems)
}

/// The mapped keys of a page's taxonomy, with where each is written.
fn mapped_keys(
    terms: &Terms,
    taxonomy: &str,
    page: &SourcePage,
) -> BTreeMap<String, (usize, usize)> {
    let (_, slugs) = page.terms(taxonomy);
    let positions = page.term_positions(taxonomy);
    let mut keys = BTreeMap::new();
    for (i, slug) in slugs.iter().enumerate() {
        if let Some(term) = terms.find(taxonomy, &page.lang, slug) {
            let at = positions.get(i).copied().unwrap_or((1, 1));
            keys.entry(term.key.clone()).or_insert(at);
        }
    }
    keys
}

/// Where the page's front matter writes `taxonomy:` (line from 1, column 1).
fn taxonomy_line(page: &SourcePage, taxonomy: &str) -> (usize, usize) {
    std::fs::read_to_string(&page.file)
        .ok()
        .and_then(|text| front_matter_line(&text, taxonomy))
        .map_or((1, 1), |line| (line + 1, 1))
}

fn compare(
    terms: &Terms,
    config: &Config,
    source: &SourcePage,
    translation: &SourcePage,
) -> Vec<(Diagnostic, TermFinding)> {
    let mut found = Vec::new();
    let here = |page: &SourcePage, (line, column): (usize, usize)| Location {
        file: page.display.clone(),
        line,
        column,
    };
    for taxonomy in &config.taxonomies {
        let theirs = mapped_keys(terms, taxonomy, source);
        let ours = mapped_keys(terms, taxonomy, translation);
        if theirs.keys().eq(ours.keys()) {
            continue;
        }
        let name_in = |key: &str, lang: &str| {
            terms
                .taxonomy(taxonomy)
                .and_then(|t| t.terms.iter().find(|term| term.key == key))
                .and_then(|term| term.name(lang))
                .unwrap_or(key)
                .to_string()
        };
        for (key, at) in &theirs {
            if ours.contains_key(key) {
                continue;
            }
            let finding = TermFinding {
                rule: TermRule::Missing,
                taxonomy: taxonomy.clone(),
                key: key.clone(),
                lang: translation.lang.clone(),
                name: name_in(key, &translation.lang),
                at: here(translation, taxonomy_line(translation, taxonomy)),
                source: here(source, *at),
            };
            let diagnostic = Diagnostic::warning(
                &translation.display,
                format!(
                    "this translation lacks the {taxonomy} term `{key}` that its source {} has",
                    finding.source.display()
                ),
            )
            .at(finding.at.line, finding.at.column)
            .with_hint(format!(
                "add \"{}\" to `{taxonomy}`, or take the term out of the source",
                finding.name
            ));
            found.push((diagnostic, finding));
        }
        for (key, at) in &ours {
            if theirs.contains_key(key) {
                continue;
            }
            let finding = TermFinding {
                rule: TermRule::Extra,
                taxonomy: taxonomy.clone(),
                key: key.clone(),
                lang: translation.lang.clone(),
                name: name_in(key, &translation.lang),
                at: here(translation, *at),
                source: here(source, taxonomy_line(source, taxonomy)),
            };
            let diagnostic = Diagnostic::warning(
                &translation.display,
                format!(
                    "this translation has the {taxonomy} term `{key}` that its source {} lacks",
                    finding.source.display()
                ),
            )
            .at(finding.at.line, finding.at.column)
            .with_hint(format!(
                "take \"{}\" out of `{taxonomy}`, or add the term to the source",
                finding.name
            ));
            found.push((diagnostic, finding));
        }
    }
    found
}

/// Every term articles use that the terms file does not map, with its likely mapping.
fn unmapped(library: &Library, config: &Config) -> Vec<UnmappedTerm> {
    let terms = &library.terms;
    let mut out = Vec::new();
    for taxonomy in &config.taxonomies {
        // Another language's mapped name, by slug: (slug) → (lang, key, name).
        let mut by_slug: BTreeMap<&str, (&str, &str, &str)> = BTreeMap::new();
        if let Some(mapped) = terms.taxonomy(taxonomy) {
            for term in &mapped.terms {
                for (lang, slug) in &term.slugs {
                    by_slug.entry(slug.as_str()).or_insert((
                        lang.as_str(),
                        term.key.as_str(),
                        term.name(lang).unwrap_or(""),
                    ));
                }
            }
        }
        for language in &library.languages {
            let Some(index) = language.taxonomy(taxonomy) else {
                continue;
            };
            for term in index.terms.iter().filter(|t| t.key.is_none()) {
                let by_name = by_slug
                    .get(term.slug.as_str())
                    .filter(|(lang, _, _)| *lang != language.code)
                    .map(|(lang, key, name)| Suggestion {
                        key: Some(key.to_string()),
                        lang: lang.to_string(),
                        name: name.to_string(),
                        reason: SuggestionReason::SameSlug,
                    });
                let suggestion =
                    by_name.or_else(|| same_position(library, taxonomy, &language.code, term));
                out.push(UnmappedTerm {
                    taxonomy: taxonomy.clone(),
                    lang: language.code.clone(),
                    name: term.name.clone(),
                    slug: term.slug.clone(),
                    articles: term.pages.len(),
                    suggestion,
                });
            }
        }
    }
    out
}

/// What the term's articles' translations carry in its position, most often; a mapped
/// term before an unmapped one.
fn same_position(
    library: &Library,
    taxonomy: &str,
    lang: &str,
    term: &crate::library::Term,
) -> Option<Suggestion> {
    // (mapped first, lang, name, key) → articles
    let mut votes: BTreeMap<(bool, String, String, Option<String>), usize> = BTreeMap::new();
    for &id in &term.pages {
        let page = &library.page(id).source;
        let (_, slugs) = page.terms(taxonomy);
        let Some(position) = slugs
            .iter()
            .position(|slug| library.term_slug(taxonomy, lang, slug) == term.slug)
        else {
            continue;
        };
        for &other in library.translations(id) {
            let other = &library.page(other).source;
            if other.lang == lang {
                continue;
            }
            let (names, slugs_there) = other.terms(taxonomy);
            if slugs_there.len() != slugs.len() {
                continue;
            }
            let mapped = library
                .terms
                .find(taxonomy, &other.lang, &slugs_there[position]);
            let name = mapped
                .and_then(|m| m.name(&other.lang))
                .unwrap_or(&names[position])
                .to_string();
            *votes
                .entry((
                    mapped.is_none(),
                    other.lang.clone(),
                    name,
                    mapped.map(|m| m.key.clone()),
                ))
                .or_default() += 1;
        }
    }
    // A mapped term first, then the most articles, then the first in order.
    let best = votes
        .iter()
        .max_by(|a, b| (!a.0.0, a.1).cmp(&(!b.0.0, b.1)).then(b.0.cmp(a.0)))?
        .0
        .clone();
    Some(Suggestion {
        key: best.3,
        lang: best.1,
        name: best.2,
        reason: SuggestionReason::SamePosition,
    })
}
