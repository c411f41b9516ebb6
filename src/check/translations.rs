//! The translation table: every translation group × language, each version's state
//! against its source, and per-language totals.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::json;

use super::key_lines::front_matter_line;
use crate::config::Config;
use crate::content::{Role, SourcePage};
use crate::diagnostics::{Diagnostic, display_path};
use crate::library::{Library, PageId, TranslationGroup};
use crate::new::SOURCE_TEXT_MARKER;
use crate::source_hash;

/// The state of one language version of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// The version translations follow: the default language's, else the first in
    /// `languages` order.
    Source,
    /// Its `source_hash` names the source's current text.
    Ok,
    /// Its `source_hash` names an earlier text: the source changed since. Wins over
    /// `Draft`: a translator working on a draft must learn that its source moved
    /// (`Version::draft` still says it is a draft).
    Stale,
    /// A translation without `source_hash`: nobody can tell which text it follows.
    Untracked,
    /// `draft: true` (a translation in progress) that is not stale.
    Draft,
    Missing,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Source => "source",
            Status::Ok => "ok",
            Status::Stale => "stale",
            Status::Untracked => "untracked",
            Status::Draft => "draft",
            Status::Missing => "missing",
        }
    }
}

/// What kind of page a group is, from its source version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    Home,
    Section,
    Article,
    Page,
}

impl PageKind {
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Section => "section",
            PageKind::Article => "article",
            PageKind::Page => "page",
        }
    }

    fn of(role: Role) -> PageKind {
        match role {
            Role::Home => PageKind::Home,
            Role::Section => PageKind::Section,
            Role::Article => PageKind::Article,
            Role::Page => PageKind::Page,
        }
    }
}

/// One cell of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub lang: String,
    pub status: Status,
    /// The file, relative to the site root; `None` when missing.
    pub file: Option<PathBuf>,
    pub draft: bool,
    /// The `source_hash` written in the file.
    pub source_hash: Option<String>,
    /// Glossary findings in the file (names left out, spellings avoided).
    pub glossary: usize,
    /// Terms findings in the file (mapped terms lacking or added beside the source).
    pub terms: usize,
}

impl Version {
    /// Whether the file has glossary or terms findings for its translator.
    pub fn has_notes(&self) -> bool {
        self.glossary + self.terms > 0
    }
}

/// One row of the table: a page in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationRow {
    /// Where the page lives under `content/`, without language suffix:
    /// `news/2023-12-08-ket-nghia` (a bundle), `about`, `news/_index`, `_index` (home).
    pub page: String,
    pub kind: PageKind,
    pub source_lang: String,
    /// The source's `source_hash` now.
    pub source_hash: String,
    /// One per site language, in `languages` order.
    pub versions: Vec<Version>,
}

impl TranslationRow {
    pub fn version(&self, lang: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.lang == lang)
    }

    /// Whether some version has glossary or terms findings.
    pub fn has_notes(&self) -> bool {
        self.versions.iter().any(Version::has_notes)
    }

    /// Whether every language has a published version that follows the source.
    pub fn is_complete(&self) -> bool {
        self.versions
            .iter()
            .all(|v| matches!(v.status, Status::Source | Status::Ok) && !v.draft)
    }

    pub(super) fn to_json(&self) -> serde_json::Value {
        let versions: serde_json::Map<String, serde_json::Value> = self
            .versions
            .iter()
            .map(|v| {
                let value = match &v.file {
                    Some(file) => json!({
                        "status": v.status.name(),
                        "file": file.to_string_lossy(),
                        "draft": v.draft,
                        "source_hash": v.source_hash,
                        "glossary": v.glossary,
                        "terms": v.terms,
                    }),
                    None => json!({ "status": v.status.name() }),
                };
                (v.lang.clone(), value)
            })
            .collect();
        json!({
            "page": self.page,
            "kind": self.kind.name(),
            "source": self.source_lang,
            "source_hash": self.source_hash,
            "versions": versions,
        })
    }
}

/// Counts for one language over one kind of page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Pages (translation groups) of this kind.
    pub total: usize,
    /// Published in this language (not a draft), up to date or not.
    pub translated: usize,
    pub stale: usize,
    pub untracked: usize,
    pub draft: usize,
    pub missing: usize,
}

impl Tally {
    fn add(&mut self, version: &Version) {
        self.total += 1;
        match version.status {
            Status::Missing => self.missing += 1,
            Status::Draft => self.draft += 1,
            Status::Stale => {
                self.stale += 1;
                if version.draft {
                    self.draft += 1;
                } else {
                    self.translated += 1;
                }
            }
            Status::Untracked => {
                self.translated += 1;
                self.untracked += 1;
            }
            // A draft source is not published either.
            Status::Source if version.draft => self.draft += 1,
            Status::Source | Status::Ok => self.translated += 1,
        }
    }

    fn to_json(self) -> serde_json::Value {
        json!({
            "total": self.total,
            "translated": self.translated,
            "stale": self.stale,
            "untracked": self.untracked,
            "draft": self.draft,
            "missing": self.missing,
        })
    }
}

/// Per-language totals: articles, and every other page (home, sections, single pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageTotals {
    pub lang: String,
    pub articles: Tally,
    pub other: Tally,
}

impl LanguageTotals {
    pub(super) fn to_json(&self) -> serde_json::Value {
        json!({
            "lang": self.lang,
            "articles": self.articles.to_json(),
            "other": self.other.to_json(),
        })
    }
}

/// Builds the table, the totals, and a warning for every missing or stale translation
/// of a page whose source is published.
pub(super) fn table(
    library: &Library,
    config: &Config,
    root: &Path,
) -> (Vec<TranslationRow>, Vec<LanguageTotals>, Vec<Diagnostic>) {
    // Hashing every source's text is the expensive part: one group per task.
    let results: Vec<(TranslationRow, Vec<Diagnostic>)> = library
        .groups
        .par_iter()
        .filter_map(|group| {
            let source_id = source_of(library, group, config)?;
            let source = &library.page(source_id).source;
            let current = source_hash::of_page(&source.meta, &source.body);
            let versions: Vec<Version> = config
                .language_codes()
                .map(|lang| version(library, group, source_id, lang, &current, root))
                .collect();
            let row = TranslationRow {
                page: page_name(source),
                kind: PageKind::of(source.role),
                source_lang: source.lang.clone(),
                source_hash: current,
                versions,
            };
            let mut problems = if source.meta.draft {
                Vec::new()
            } else {
                warnings(&row, source, &group.key, root)
            };
            for &id in &group.members {
                problems.extend(leftover_source_text(&library.page(id).source));
            }
            Some((row, problems))
        })
        .collect();
    let mut rows = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for (row, mut found) in results {
        rows.push(row);
        problems.append(&mut found);
    }
    rows.sort_by(|a, b| a.page.cmp(&b.page).then(a.kind.cmp(&b.kind)));

    let totals = config
        .language_codes()
        .map(|lang| {
            let mut totals = LanguageTotals {
                lang: lang.to_string(),
                articles: Tally::default(),
                other: Tally::default(),
            };
            for row in &rows {
                let Some(version) = row.version(lang) else {
                    continue;
                };
                match row.kind {
                    PageKind::Article => totals.articles.add(version),
                    _ => totals.other.add(version),
                }
            }
            totals
        })
        .collect();
    (rows, totals, problems)
}

/// The group's source version: the default language's, else the first in `languages`
/// order (members are kept in that order).
pub(crate) fn source_of(
    library: &Library,
    group: &TranslationGroup,
    config: &Config,
) -> Option<PageId> {
    group
        .members
        .iter()
        .copied()
        .find(|&id| library.page(id).lang() == config.default_language)
        .or_else(|| group.members.first().copied())
}

fn version(
    library: &Library,
    group: &TranslationGroup,
    source_id: PageId,
    lang: &str,
    current: &str,
    root: &Path,
) -> Version {
    let Some(id) = group
        .members
        .iter()
        .copied()
        .find(|&id| library.page(id).lang() == lang)
    else {
        return Version {
            lang: lang.to_string(),
            status: Status::Missing,
            file: None,
            draft: false,
            source_hash: None,
            glossary: 0,
            terms: 0,
        };
    };
    let page = &library.page(id).source;
    let written = page.meta.source_hash.clone();
    let status = if id == source_id {
        Status::Source
    } else {
        match &written {
            Some(hash) if !source_hash::matches(hash, current) => Status::Stale,
            _ if page.meta.draft => Status::Draft,
            None => Status::Untracked,
            Some(_) => Status::Ok,
        }
    };
    Version {
        lang: lang.to_string(),
        status,
        file: Some(display_path(root, &page.display)),
        draft: page.meta.draft,
        source_hash: written,
        glossary: 0,
        terms: 0,
    }
}

/// `news/x/index.vi.md` → `news/x`; `about.vi.md` → `about`; `news/_index.vi.md` →
/// `news/_index`.
fn page_name(source: &SourcePage) -> String {
    let rel = source.rel.trim_end_matches(".md");
    let rel = rel
        .strip_suffix(&format!(".{}", source.lang))
        .unwrap_or(rel);
    rel.strip_suffix("/index").unwrap_or(rel).to_string()
}

fn warnings(
    row: &TranslationRow,
    source: &SourcePage,
    group_key: &str,
    root: &Path,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let source_file = display_path(root, &source.display);
    for version in &row.versions {
        match version.status {
            Status::Missing => problems.push(
                Diagnostic::warning(
                    &source_file,
                    format!("no {} translation of this page", version.lang),
                )
                .with_hint(missing_hint(source, group_key, &version.lang)),
            ),
            Status::Stale => {
                let file = version.file.clone().unwrap_or_default();
                let line = std::fs::read_to_string(root.join(&file))
                    .ok()
                    .and_then(|text| front_matter_line(&text, "source_hash"))
                    .map_or(0, |line| line + 1);
                let shown = file.display().to_string().replace('\\', "/");
                problems.push(
                    Diagnostic::warning(
                        &file,
                        format!(
                            "stale {}translation: the {} source changed since `source_hash: {}` (now {})",
                            if version.draft { "draft " } else { "" },
                            row.source_lang,
                            version.source_hash.as_deref().unwrap_or(""),
                            row.source_hash
                        ),
                    )
                    .at(line, usize::from(line > 0))
                    .with_hint(format!(
                        "`mekong check --diff {shown}` shows what changed; once translated, \
                         `mekong check --stamp {shown}` marks it up to date"
                    )),
                );
            }
            _ => {}
        }
    }
    problems
}

/// What [`leftover_source_text`] says: the table shows the translation as done, so this
/// one is reported with the files' problems, where editors see it.
pub const LEFTOVER_SOURCE_TEXT: &str =
    "the source text `mekong new` put here is still in this published translation";

/// A published translation that still holds the source text `mekong new` put in it.
fn leftover_source_text(page: &SourcePage) -> Option<Diagnostic> {
    if page.meta.draft {
        return None;
    }
    let index = page
        .body
        .lines()
        .position(|line| line.trim_start().starts_with(SOURCE_TEXT_MARKER))?;
    Some(
        Diagnostic::warning(&page.display, LEFTOVER_SOURCE_TEXT)
            .at(page.body_line + index, 1)
            .with_hint("translate it, then delete it down to <!-- end of source text -->"),
    )
}

fn missing_hint(source: &SourcePage, group_key: &str, lang: &str) -> String {
    if let Some(key) = group_key.strip_prefix("key:") {
        return format!("add a {lang} file with `translation_key: {key}`");
    }
    match (&source.bundle, source.role) {
        (Some(bundle), Role::Article) if bundle.split('/').count() == 2 => {
            format!("`mekong new {bundle} --translate {lang}` starts one from the source text")
        }
        (Some(bundle), _) => format!("add content/{bundle}/index.{lang}.md"),
        (None, Role::Home) => format!("add content/_index.{lang}.md"),
        (None, Role::Section) => format!(
            "add content/{}/_index.{lang}.md",
            source.section.as_deref().unwrap_or_default()
        ),
        (None, _) => {
            let dir = source
                .rel
                .rsplit_once('/')
                .map(|(dir, _)| format!("{dir}/"))
                .unwrap_or_default();
            format!("add content/{dir}{}.{lang}.md", source.name)
        }
    }
}
