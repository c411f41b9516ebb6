//! The glossary check: names a translation leaves out, and spellings the glossary
//! avoids, in every page (drafts included).
//!
//! A source page that names an entry (its form in the source's language) asks each of
//! its translations for the entry's form in the translation's language: one finding per
//! entry and translation, however often the source names it, at the translation's file
//! and the source's first mention. A translation that writes an avoided spelling of the
//! entry instead is told so once, by that spelling's own finding. Draft translations
//! are still being written: only their avoided spellings are reported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::json;

use super::key_lines::front_matter_line;
use super::translations::source_of;
use crate::config::Config;
use crate::content::SourcePage;
use crate::diagnostics::{Diagnostic, display_path};
use crate::glossary::{Block, GLOSSARY_FILE, Glossary, Hit, HitKind, Place, page_blocks};
use crate::library::Library;
use crate::text::nfc;

/// What a glossary finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GlossaryRule {
    /// The source names the entry; this translation never writes its form.
    Missing,
    /// A spelling the entry avoids in this language.
    Avoided,
}

impl GlossaryRule {
    /// The name tools see in `--format json`.
    pub fn name(self) -> &'static str {
        match self {
            GlossaryRule::Missing => "missing-form",
            GlossaryRule::Avoided => "avoided-variant",
        }
    }
}

/// A place in a file, relative to the site root, lines and columns from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// `file:line:col`.
    pub fn display(&self) -> String {
        format!(
            "{}:{}:{}",
            self.file.display().to_string().replace('\\', "/"),
            self.line,
            self.column
        )
    }

    fn to_json(&self) -> serde_json::Value {
        json!({
            "file": self.file.to_string_lossy().replace('\\', "/"),
            "line": self.line,
            "column": self.column,
        })
    }
}

/// What a glossary finding says, beyond its diagnostic (which is at the place to edit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryFinding {
    pub rule: GlossaryRule,
    /// The entry's key in `i18n/glossary.yaml`.
    pub entry: String,
    /// The language of the file to edit.
    pub lang: String,
    /// The entry's form in that language, when it has one.
    pub expected: Option<String>,
    /// The avoided spelling as the page writes it.
    pub written: Option<String>,
    /// For a missing form: where the source names the entry, and its form there.
    pub source: Option<(Location, String)>,
}

impl GlossaryFinding {
    /// The stable fields of `--format json`.
    pub(super) fn to_json(&self) -> serde_json::Value {
        let mut value = json!({
            "rule": self.rule.name(),
            "entry": self.entry,
            "lang": self.lang,
            "expected": self.expected,
        });
        if let Some(written) = &self.written {
            value["written"] = json!(written);
        }
        if let Some((location, form)) = &self.source {
            let mut source = location.to_json();
            source["form"] = json!(form);
            value["source"] = source;
        }
        value
    }
}

/// The glossary part of the report: counts per file a translator edits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GlossaryReport {
    pub entries: usize,
    /// Files with findings, sorted.
    pub files: Vec<GlossaryFile>,
}

/// One file's glossary findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryFile {
    pub file: PathBuf,
    pub lang: String,
    pub missing: usize,
    pub avoided: usize,
}

impl GlossaryReport {
    /// Counts the findings per file they are reported in.
    pub(super) fn new(entries: usize, findings: &[(Diagnostic, GlossaryFinding)]) -> Self {
        let mut files: BTreeMap<PathBuf, GlossaryFile> = BTreeMap::new();
        for (diagnostic, finding) in findings {
            let file = files
                .entry(diagnostic.file.clone())
                .or_insert_with(|| GlossaryFile {
                    file: diagnostic.file.clone(),
                    lang: finding.lang.clone(),
                    missing: 0,
                    avoided: 0,
                });
            match finding.rule {
                GlossaryRule::Missing => file.missing += 1,
                GlossaryRule::Avoided => file.avoided += 1,
            }
        }
        GlossaryReport {
            entries,
            files: files.into_values().collect(),
        }
    }

    pub(super) fn to_json(&self) -> serde_json::Value {
        json!({
            "file": GLOSSARY_FILE,
            "entries": self.entries,
            "files": self.files.iter().map(|f| json!({
                "file": f.file.to_string_lossy().replace('\\', "/"),
                "lang": f.lang,
                "missing": f.missing,
                "avoided": f.avoided,
            })).collect::<Vec<_>>(),
        })
    }
}

/// One page as the glossary reads it.
struct Scan<'a> {
    page: &'a SourcePage,
    /// The file's text, for positions in the front matter.
    text: Option<String>,
    blocks: Vec<Block>,
    hits: Vec<Hit>,
}

impl Scan<'_> {
    /// Whether the page writes the entry's form or one of its avoided spellings.
    fn mentions(&self, entry: usize) -> bool {
        self.hits.iter().any(|hit| hit.entry == entry)
    }

    fn location(&self, hit: &Hit) -> Location {
        let block = &self.blocks[hit.block];
        let (line, column) = match block.place {
            Place::Body => body_position(self.page, block.source_offset(hit.range.start)),
            Place::Title | Place::Summary => {
                let found = &block.text[hit.range.clone()];
                let nth = block.text[..hit.range.start].matches(found).count();
                self.value_position(block.place, Some((found, nth)))
            }
        };
        Location {
            file: self.page.display.clone(),
            line,
            column,
        }
    }

    /// Where a translator would write what the source says in `place`: the title's or
    /// summary's line, else where the body's text starts.
    fn counterpart(&self, place: Place) -> Location {
        let summary = self.page.meta.summary.is_some();
        let (line, column) = match place {
            Place::Summary if summary => self.value_position(Place::Summary, None),
            Place::Title => self.value_position(Place::Title, None),
            _ => {
                let body = &self.page.body;
                let first = body.find(|c: char| !c.is_whitespace()).unwrap_or(0);
                body_position(self.page, first)
            }
        };
        Location {
            file: self.page.display.clone(),
            line,
            column,
        }
    }

    /// The line of the front matter's `title:` or `summary:`, and the column of `found`
    /// (its `nth` occurrence in the value) on it, else of the value's start.
    fn value_position(&self, place: Place, found: Option<(&str, usize)>) -> (usize, usize) {
        let key = if place == Place::Title {
            "title"
        } else {
            "summary"
        };
        let Some(text) = &self.text else {
            return (0, 0);
        };
        let Some(index) = front_matter_line(text, key) else {
            return (0, 0);
        };
        let line = nfc(text.lines().nth(index).unwrap_or_default());
        let value_start = line.find(':').map_or(0, |colon| {
            colon + 1 + (line[colon + 1..].len() - line[colon + 1..].trim_start().len())
        });
        let at = found
            .and_then(|(found, nth)| {
                line[value_start..]
                    .match_indices(found)
                    .nth(nth)
                    .map(|(at, _)| value_start + at)
            })
            .unwrap_or(value_start);
        (index + 1, line[..at].chars().count() + 1)
    }
}

/// The line and column of byte `offset` of a page's body, in the whole file.
fn body_position(page: &SourcePage, offset: usize) -> (usize, usize) {
    let before = &page.body[..offset.min(page.body.len())];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (
        page.body_line + before.matches('\n').count(),
        before[line_start..].chars().count() + 1,
    )
}

/// Every glossary finding of the site, each with its diagnostic.
pub(super) fn check(
    library: &Library,
    config: &Config,
    root: &Path,
    glossary: &Glossary,
) -> Vec<(Diagnostic, GlossaryFinding)> {
    if glossary.is_empty() {
        return Vec::new();
    }
    let scans: Vec<Scan> = library
        .pages
        .par_iter()
        .map(|page| {
            let page = &*page.source;
            let blocks = page_blocks(page);
            let hits = glossary.find(&page.lang, &blocks);
            let text = std::fs::read_to_string(&page.file).ok();
            Scan {
                page,
                text,
                blocks,
                hits,
            }
        })
        .collect();
    let mut found: Vec<(Diagnostic, GlossaryFinding)> = scans
        .iter()
        .flat_map(|scan| avoided(glossary, scan))
        .collect();
    for group in &library.groups {
        let Some(source_id) = source_of(library, group, config) else {
            continue;
        };
        let source = &scans[source_id];
        for &id in &group.members {
            let translation = &scans[id];
            if id == source_id || translation.page.meta.draft {
                continue;
            }
            found.extend(missing(glossary, source, translation));
        }
    }
    for (diagnostic, finding) in &mut found {
        diagnostic.file = display_path(root, &diagnostic.file);
        if let Some((location, _)) = &mut finding.source {
            location.file = display_path(root, &location.file);
        }
    }
    found
}

/// A finding per avoided spelling a page writes.
fn avoided(glossary: &Glossary, scan: &Scan) -> Vec<(Diagnostic, GlossaryFinding)> {
    let lang = &scan.page.lang;
    scan.hits
        .iter()
        .filter_map(|hit| {
            let HitKind::Avoided(_) = hit.kind else {
                return None;
            };
            let entry = &glossary.entries[hit.entry];
            let written = scan.blocks[hit.block].text[hit.range.clone()].to_string();
            let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
            let expected = entry.form(lang).map(str::to_string);
            let at = scan.location(hit);
            let hint = match &expected {
                Some(form) => format!(
                    "write \"{form}\" instead ({GLOSSARY_FILE}, entry `{}`)",
                    entry.key
                ),
                None => format!(
                    "{GLOSSARY_FILE} lists it under `avoid` in entry `{}`",
                    entry.key
                ),
            };
            let diagnostic = Diagnostic::warning(
                &at.file,
                format!("\"{written}\" is a spelling the glossary avoids in {lang}"),
            )
            .at(at.line, at.column)
            .with_hint(hint);
            Some((
                diagnostic,
                GlossaryFinding {
                    rule: GlossaryRule::Avoided,
                    entry: entry.key.clone(),
                    lang: lang.clone(),
                    expected,
                    written: Some(written),
                    source: None,
                },
            ))
        })
        .collect()
}

/// A finding per entry the source names and the translation never writes.
fn missing(
    glossary: &Glossary,
    source: &Scan,
    translation: &Scan,
) -> Vec<(Diagnostic, GlossaryFinding)> {
    let (from, to) = (&source.page.lang, &translation.page.lang);
    let mut found = Vec::new();
    let mut seen = Vec::new();
    for hit in source.hits.iter().filter(|hit| hit.kind == HitKind::Form) {
        if seen.contains(&hit.entry) {
            continue;
        }
        seen.push(hit.entry);
        let entry = &glossary.entries[hit.entry];
        let (Some(named), Some(form)) = (entry.form(from), entry.form(to)) else {
            continue;
        };
        if translation.mentions(hit.entry) {
            // Its form, or an avoided spelling (reported on its own).
            continue;
        }
        let mention = source.location(hit);
        let at = translation.counterpart(source.blocks[hit.block].place);
        let diagnostic = Diagnostic::warning(
            &at.file,
            format!(
                "the {from} source names \"{named}\" at {}, but this {to} translation never writes \"{form}\"",
                mention.display()
            ),
        )
        .at(at.line, at.column)
        .with_hint(format!(
            "write \"{form}\" where the source names \"{named}\" ({GLOSSARY_FILE}, entry `{}`)",
            entry.key
        ));
        found.push((
            diagnostic,
            GlossaryFinding {
                rule: GlossaryRule::Missing,
                entry: entry.key.clone(),
                lang: to.clone(),
                expected: Some(form.to_string()),
                written: None,
                source: Some((mention, named.to_string())),
            },
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: GlossaryRule, lang: &str) -> GlossaryFinding {
        GlossaryFinding {
            rule,
            entry: "viet-nam".to_string(),
            lang: lang.to_string(),
            expected: Some("Viet Nam".to_string()),
            written: None,
            source: None,
        }
    }

    #[test]
    fn the_report_counts_per_file_to_edit() {
        let at = |file: &str| Diagnostic::warning(file, "x");
        let found = [
            (at("b.en.md"), finding(GlossaryRule::Missing, "en")),
            (at("a.lo.md"), finding(GlossaryRule::Avoided, "lo")),
            (at("b.en.md"), finding(GlossaryRule::Avoided, "en")),
            (at("b.en.md"), finding(GlossaryRule::Missing, "en")),
        ];
        let report = GlossaryReport::new(3, &found);
        let counts: Vec<(&str, &str, usize, usize)> = report
            .files
            .iter()
            .map(|f| {
                (
                    f.file.to_str().unwrap(),
                    f.lang.as_str(),
                    f.missing,
                    f.avoided,
                )
            })
            .collect();
        assert_eq!(counts, [("a.lo.md", "lo", 0, 1), ("b.en.md", "en", 2, 1)]);
    }

    #[test]
    fn json_names_the_rule_and_the_source() {
        let mut missing = finding(GlossaryRule::Missing, "en");
        let location = Location {
            file: PathBuf::from("content/a/index.vi.md"),
            line: 7,
            column: 3,
        };
        missing.source = Some((location, "Việt Nam".to_string()));
        let json = missing.to_json();
        assert_eq!(json["rule"], "missing-form");
        assert_eq!(json["source"]["file"], "content/a/index.vi.md");
        assert_eq!(json["source"]["line"], 7);
        assert_eq!(json["source"]["form"], "Việt Nam");
        assert!(json.get("written").is_none());
    }
}
