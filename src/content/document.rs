//! The `document:` block of a page's front matter: an official document's number, kind,
//! date, issuer and files, as written. Whether the kind and issuer are declared and the
//! files exist is the library's question (`library::documents`), which knows the site.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;
use crate::text::nfc;

/// A line and column in the whole file, 1-based (as `front_matter::At`).
type At = (usize, usize);

/// Where a value was written: front matter starts on line 2 of the file.
fn at<T>(spanned: &Spanned<T>) -> At {
    (
        spanned.referenced.line() as usize + 1,
        spanned.referenced.column() as usize,
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDocument {
    number: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    issued: Option<Spanned<String>>,
    issuer: Option<Spanned<String>>,
    signer: Option<String>,
    effective: Option<Spanned<String>>,
    #[serde(default)]
    replaces: Vec<Spanned<String>>,
    replaced_by: Option<Spanned<String>>,
    #[serde(default)]
    files: Vec<Spanned<RawFile>>,
    summary: Option<String>,
}

/// A file as written: its name in the bundle, or `{ src, lang }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawFile {
    Name(String),
    Full(RawFileFields),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFileFields {
    src: String,
    lang: Option<String>,
}

/// A value with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Placed<T> {
    pub value: T,
    pub at: At,
}

/// A file of the document, as its `files:` entry names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentFileMeta {
    /// Relative to the page's bundle folder.
    pub src: String,
    /// The language the file is written in, when it is not the original's.
    pub lang: Option<String>,
    pub at: At,
}

/// A `document:` block, each value checked for its form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentMeta {
    /// Where `document:` itself was written.
    pub at: At,
    pub number: Placed<String>,
    pub kind: Placed<String>,
    pub issued: Placed<jiff::civil::Date>,
    pub issuer: Placed<String>,
    pub signer: Option<String>,
    pub effective: Option<jiff::civil::Date>,
    pub replaces: Vec<Placed<String>>,
    pub replaced_by: Option<Placed<String>>,
    pub files: Vec<DocumentFileMeta>,
    pub summary: Option<String>,
}

const DATE_HINT: &str = "write the date as 2023-11-02";

/// Checks the block's values; every problem is pushed, `None` when one is missing or
/// malformed.
pub(super) fn resolve_document(
    raw: Spanned<RawDocument>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<DocumentMeta> {
    let block_at = at(&raw);
    let RawDocument {
        number,
        kind,
        issued,
        issuer,
        signer,
        effective,
        replaces,
        replaced_by,
        files,
        summary,
    } = raw.value;
    let before = problems.len();
    let mut required = |field: &str, value: Option<Spanned<String>>, example: &str| match value {
        Some(v) if !v.value.trim().is_empty() => Some(Placed {
            value: nfc(v.value.trim()),
            at: at(&v),
        }),
        Some(v) => {
            let (line, column) = at(&v);
            problems.push(
                Diagnostic::error(file, format!("the document's `{field}` is empty"))
                    .at(line, column)
                    .with_hint(format!("write it, e.g. {field}: {example}")),
            );
            None
        }
        None => {
            problems.push(
                Diagnostic::error(file, format!("the document has no `{field}`"))
                    .at(block_at.0, block_at.1)
                    .with_hint(format!("add it under document:, e.g. {field}: {example}")),
            );
            None
        }
    };
    let number = required("number", number, "\"127-KH/TU\"");
    let kind = required("kind", kind, "ke-hoach");
    let issued = required("issued", issued, "2023-11-02");
    let issuer = required("issuer", issuer, "tinh-uy");
    let issued = issued.and_then(|placed| match date(&placed.value) {
        Some(value) => Some(Placed {
            value,
            at: placed.at,
        }),
        None => {
            problems.push(
                Diagnostic::error(file, format!("`{}` is not a date (issued)", placed.value))
                    .at(placed.at.0, placed.at.1)
                    .with_hint(DATE_HINT),
            );
            None
        }
    });
    let effective = effective.and_then(|spanned| {
        let found = date(&spanned.value);
        if found.is_none() {
            let (line, column) = at(&spanned);
            problems.push(
                Diagnostic::error(
                    file,
                    format!("`{}` is not a date (effective)", spanned.value),
                )
                .at(line, column)
                .with_hint(DATE_HINT),
            );
        }
        found
    });
    let placed = |s: Spanned<String>| Placed {
        value: nfc(s.value.trim()),
        at: at(&s),
    };
    let files = files
        .into_iter()
        .filter_map(|entry| {
            let file_at = at(&entry);
            let (src, lang) = match entry.value {
                RawFile::Name(src) => (src, None),
                RawFile::Full(RawFileFields { src, lang }) => (src, lang),
            };
            let src = nfc(src.trim());
            if src.is_empty() || src.starts_with('/') || src.contains("..") {
                problems.push(
                    Diagnostic::error(file, format!("`{src}` is not a file of this bundle"))
                        .at(file_at.0, file_at.1)
                        .with_hint("name a PDF or DOCX file in the document's folder: files: [ke-hoach.pdf]"),
                );
                return None;
            }
            Some(DocumentFileMeta {
                src,
                lang: lang.map(|l| l.trim().to_string()),
                at: file_at,
            })
        })
        .collect();
    if problems.len() > before {
        return None;
    }
    Some(DocumentMeta {
        at: block_at,
        number: number?,
        kind: kind?,
        issued: issued?,
        issuer: issuer?,
        signer: signer.map(|s| nfc(s.trim())).filter(|s| !s.is_empty()),
        effective,
        replaces: replaces.into_iter().map(placed).collect(),
        replaced_by: replaced_by.map(placed),
        files,
        summary: summary.map(|s| nfc(s.trim())).filter(|s| !s.is_empty()),
    })
}

/// A bare date: `2023-11-02`.
fn date(text: &str) -> Option<jiff::civil::Date> {
    text.trim().parse().ok()
}
