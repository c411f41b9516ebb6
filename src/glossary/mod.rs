//! The translation glossary, `i18n/glossary.yaml`: how the province's names are written
//! in each language, the spellings to avoid, and finding both in a page's prose.
//!
//! ```yaml
//! quang-binh:                       # the entry's key: names it in reports
//!   vi: "Quảng Bình"
//!   en: "Quang Binh"
//!   lo: "ກວາງບິ່ງ"
//!   avoid: { en: ["Quangbinh", "Quang Binh province"] }
//!   case: exact                     # default: upper and lower case are one letter
//!   note: "…"                       # free text for translators; not checked
//! ```
//!
//! Reading the file is here; what `check` makes of the matches is in `check/glossary.rs`.

mod matching;
mod prose;

use std::fmt;
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, unknown_key_hint};
use crate::text::nfc;

pub(crate) use matching::{Hit, HitKind};
pub(crate) use prose::{Block, Place, page_blocks};

/// Where the glossary lives in a site.
pub const GLOSSARY_FILE: &str = "i18n/glossary.yaml";

/// How an entry's forms and variants compare with the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `Quang Binh` is also `quang binh` and `QUANG BINH` (the default).
    Ignore,
    /// Letter for letter, upper and lower case included.
    Exact,
}

/// One name in every language that has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    /// Language code → the form to write, NFC, in `languages` order of the file.
    pub forms: IndexMap<String, String>,
    /// Language code → spellings that must not be used in that language.
    pub avoid: IndexMap<String, Vec<String>>,
    pub case: Case,
}

impl Entry {
    pub fn form(&self, lang: &str) -> Option<&str> {
        self.forms.get(lang).map(String::as_str)
    }
}

/// The glossary, ready to search pages with.
pub struct Glossary {
    pub entries: Vec<Entry>,
    matchers: IndexMap<String, matching::Matcher>,
}

impl fmt::Debug for Glossary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Glossary")
            .field("entries", &self.entries)
            .finish_non_exhaustive()
    }
}

impl Glossary {
    /// No entries: nothing is ever found.
    pub fn empty() -> Glossary {
        Glossary {
            entries: Vec::new(),
            matchers: IndexMap::new(),
        }
    }

    /// Reads `i18n/glossary.yaml` of the site in `root`: `Ok(None)` when there is none.
    pub fn load(root: &Path, config: &Config) -> Result<Option<Glossary>, Vec<Diagnostic>> {
        let file = root.join(GLOSSARY_FILE);
        let bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => {
                return Err(vec![Diagnostic::error(
                    &file,
                    format!("cannot read the glossary: {error}"),
                )]);
            }
        };
        let text = crate::diagnostics::utf8_text(&file, bytes).map_err(|d| vec![d])?;
        Glossary::parse(&text, &file, config).map(Some)
    }

    /// Parses a glossary's text; `file` names it in problems. Every problem of the file
    /// is reported, each at its line and column.
    pub fn parse(text: &str, file: &Path, config: &Config) -> Result<Glossary, Vec<Diagnostic>> {
        let text = nfc(text.strip_prefix('\u{feff}').unwrap_or(text));
        let raw: RawGlossary =
            serde_saphyr::from_str_with_options(&text, crate::yaml::options())
                .map_err(|error| vec![crate::yaml::to_diagnostic(&error, &text, file, 1)])?;
        let languages: Vec<&str> = config.language_codes().collect();
        let mut problems = Vec::new();
        let entries: Vec<Entry> = raw
            .0
            .into_iter()
            .filter_map(|(key, entry)| resolve(key, entry, file, &languages, &mut problems))
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Glossary::new(entries))
    }

    pub(crate) fn new(entries: Vec<Entry>) -> Glossary {
        let mut langs: Vec<&str> = Vec::new();
        for entry in &entries {
            for lang in entry.forms.keys().chain(entry.avoid.keys()) {
                if !langs.contains(&lang.as_str()) {
                    langs.push(lang);
                }
            }
        }
        let matchers = langs
            .iter()
            .map(|&lang| (lang.to_string(), matching::Matcher::new(&entries, lang)))
            .collect();
        Glossary { entries, matchers }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every form and avoided variant of `lang` written in `blocks`, in text order.
    pub(crate) fn find(&self, lang: &str, blocks: &[Block]) -> Vec<Hit> {
        match self.matchers.get(lang) {
            Some(matcher) => blocks
                .iter()
                .enumerate()
                .flat_map(|(index, block)| matcher.find(index, block))
                .collect(),
            None => Vec::new(),
        }
    }
}

/// The keys an entry may have besides its languages.
const ENTRY_KEYS: &[&str] = &["avoid", "case", "note"];

fn resolve(
    key: Spanned<String>,
    raw: RawEntry,
    file: &Path,
    languages: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> Option<Entry> {
    let RawEntry {
        forms,
        avoid,
        case,
        unknown,
        note: _,
    } = raw;
    let at = |s: &serde_saphyr::Location| (s.line() as usize, s.column() as usize);
    let before = problems.len();
    let known: Vec<&str> = languages
        .iter()
        .copied()
        .chain(ENTRY_KEYS.to_vec())
        .collect();
    for name in unknown {
        let (line, column) = at(&name.referenced);
        problems.push(
            Diagnostic::error(
                file,
                format!(
                    "unknown key `{}` in glossary entry `{}`",
                    name.value, key.value
                ),
            )
            .at(line, column)
            .with_hint(format!(
                "{}; an entry has a form per site language ({}) and may have avoid, case and note",
                unknown_key_hint(&name.value, &known),
                languages.join(", ")
            )),
        );
    }
    let mut entry = Entry {
        key: key.value.clone(),
        forms: IndexMap::new(),
        avoid: IndexMap::new(),
        case: Case::Ignore,
    };
    match case.as_ref().map(|c| c.value.trim()) {
        None | Some("ignore") => {}
        Some("exact") => entry.case = Case::Exact,
        Some(other) => {
            let (line, column) = at(&case.as_ref().expect("matched Some").referenced);
            problems.push(
                Diagnostic::error(file, format!("unknown case rule `{other}`"))
                    .at(line, column)
                    .with_hint("write `case: exact` (letter case must match) or leave it out (case is ignored)"),
            );
        }
    }
    for (lang, form) in forms {
        if !languages.contains(&lang.value.as_str()) {
            let (line, column) = at(&lang.referenced);
            problems.push(
                Diagnostic::error(
                    file,
                    format!(
                        "glossary entry `{}` has a form for `{}`, not a language of the site",
                        key.value, lang.value
                    ),
                )
                .at(line, column)
                .with_hint(unknown_key_hint(&lang.value, &known)),
            );
            continue;
        }
        match clean(&form, &format!("the {} form", lang.value), &key.value, file) {
            Ok(text) => {
                entry.forms.insert(lang.value, text);
            }
            Err(problem) => problems.push(problem),
        }
    }
    for (lang, variants) in avoid.unwrap_or_default() {
        if !languages.contains(&lang.value.as_str()) {
            let (line, column) = at(&lang.referenced);
            problems.push(
                Diagnostic::error(
                    file,
                    format!("`avoid` names `{}`, not a language of the site", lang.value),
                )
                .at(line, column)
                .with_hint(format!("the site's languages are {}", languages.join(", "))),
            );
            continue;
        }
        let mut kept = Vec::new();
        for variant in variants {
            let what = format!("an avoided {} spelling", lang.value);
            let text = match clean(&variant, &what, &key.value, file) {
                Ok(text) => text,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            let same = entry
                .forms
                .get(&lang.value)
                .is_some_and(|form| matching::same(form, &text, entry.case));
            if same {
                let (line, column) = at(&variant.referenced);
                problems.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "glossary entry `{}` avoids its own {} form `{text}`",
                            key.value, lang.value
                        ),
                    )
                    .at(line, column)
                    .with_hint(
                        "delete this variant, or add `case: exact` if only its letter case is wrong",
                    ),
                );
                continue;
            }
            kept.push(text);
        }
        entry.avoid.insert(lang.value, kept);
    }
    if entry.forms.is_empty() && problems.len() == before {
        let (line, column) = at(&key.referenced);
        problems.push(
            Diagnostic::error(
                file,
                format!("glossary entry `{}` has no form in any language", key.value),
            )
            .at(line, column)
            .with_hint(format!(
                "give its name in the site's languages: {}: \"…\"",
                languages.join(": \"…\", ")
            )),
        );
    }
    (problems.len() == before).then_some(entry)
}

/// A form or variant with each whitespace run as one space; an error when it has no
/// letters at all.
fn clean(
    value: &Spanned<String>,
    what: &str,
    key: &str,
    file: &Path,
) -> Result<String, Diagnostic> {
    let text = value.value.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().any(matching::is_word_char) {
        return Ok(text);
    }
    Err(Diagnostic::error(
        file,
        format!("{what} in glossary entry `{key}` has no letters"),
    )
    .at(
        value.referenced.line() as usize,
        value.referenced.column() as usize,
    )
    .with_hint("write the name, or delete the line"))
}

/// The file as written: entries in file order.
struct RawGlossary(Vec<(Spanned<String>, RawEntry)>);

/// One entry as written; languages are checked against the site after reading.
#[derive(Default)]
struct RawEntry {
    forms: Vec<(Spanned<String>, Spanned<String>)>,
    avoid: Option<IndexMap<Spanned<String>, Vec<Spanned<String>>>>,
    case: Option<Spanned<String>>,
    note: Option<String>,
    /// Keys that are neither a language nor one of [`ENTRY_KEYS`].
    unknown: Vec<Spanned<String>>,
}

impl<'de> Deserialize<'de> for RawGlossary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = RawGlossary;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("entries: `key: { vi: \"…\", en: \"…\", lo: \"…\" }`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawGlossary, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let entry = map.next_value::<RawEntry>()?;
                    entries.push((key, entry));
                }
                Ok(RawGlossary(entries))
            }
            fn visit_unit<E>(self) -> Result<RawGlossary, E> {
                Ok(RawGlossary(Vec::new()))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

impl<'de> Deserialize<'de> for RawEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = RawEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a form per language: `{ vi: \"…\", en: \"…\", lo: \"…\" }`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEntry, A::Error> {
                let mut entry = RawEntry::default();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    match key.value.as_str() {
                        "avoid" => entry.avoid = Some(map.next_value()?),
                        "case" => entry.case = Some(map.next_value()?),
                        "note" => entry.note = Some(map.next_value()?),
                        name if is_language_code(name) => {
                            let form: Spanned<String> = map.next_value()?;
                            if entry.forms.iter().any(|(lang, _)| lang.value == name) {
                                return Err(de::Error::custom(format!(
                                    "the {name} form is given twice"
                                )));
                            }
                            entry.forms.push((key, form));
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            entry.unknown.push(key);
                        }
                    }
                }
                Ok(entry)
            }
        }
        deserializer.deserialize_map(EntryVisitor)
    }
}

/// Whether a key of an entry is a language's form; which languages the site has is
/// checked after reading (an unknown one is then reported with a hint).
fn is_language_code(name: &str) -> bool {
    !ENTRY_KEYS.contains(&name)
        && (2..=3).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_lowercase())
}
