//! The official documents registry: every document (one per translation group of the
//! documents' section) with its kind, issuer and files resolved against `site.yaml` and
//! the bundle, each language's registry listing with its filters by kind, issuer and
//! year, and the numbers that mentions in articles are looked up by.

use std::collections::HashMap;

use crate::config::{Config, DocumentSettings};
use crate::content::{DocumentMeta, Role};
use crate::diagnostics::Diagnostic;
use crate::url::SitePath;

use super::{Library, PageId};

/// One official document, in every language it is published in.
#[derive(Debug, Clone)]
pub struct Document {
    /// The page whose `document:` block this is: the default-language version when it
    /// has one, else the first version that does.
    pub origin: PageId,
    pub meta: DocumentMeta,
    /// Index into the settings' kinds and issuers.
    pub kind: usize,
    pub issuer: usize,
    pub files: Vec<DocumentFile>,
    /// Its pages, in `languages` order.
    pub versions: Vec<PageId>,
}

/// A file of a document, published under `/media/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentFile {
    /// Relative to `content/`.
    pub rel: String,
    /// The file's name, as readers download it.
    pub name: String,
    pub size: u64,
    pub format: FileFormat,
    /// The language it is written in.
    pub lang: String,
}

/// The formats a document's file may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileFormat {
    Pdf,
    Docx,
    Doc,
    Odt,
    Xlsx,
}

impl FileFormat {
    fn of(name: &str) -> Option<FileFormat> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match extension.as_str() {
            "pdf" => FileFormat::Pdf,
            "docx" => FileFormat::Docx,
            "doc" => FileFormat::Doc,
            "odt" => FileFormat::Odt,
            "xlsx" => FileFormat::Xlsx,
            _ => return None,
        })
    }

    /// `PDF`, `DOCX`: how readers know it.
    pub fn label(self) -> &'static str {
        match self {
            FileFormat::Pdf => "PDF",
            FileFormat::Docx => "DOCX",
            FileFormat::Doc => "DOC",
            FileFormat::Odt => "ODT",
            FileFormat::Xlsx => "XLSX",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            FileFormat::Pdf => "application/pdf",
            FileFormat::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileFormat::Doc => "application/msword",
            FileFormat::Odt => "application/vnd.oasis.opendocument.text",
            FileFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// What a registry page lists: all documents, or those of one kind, issuer or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Filter {
    All,
    Kind(usize),
    Issuer(usize),
    Year(i16),
}

/// The documents one filter page lists.
#[derive(Debug, Clone)]
pub struct Filtered {
    pub filter: Filter,
    pub path: SitePath,
    pub url: String,
    /// Newest first.
    pub documents: Vec<PageId>,
}

/// A language's registry: `/vi/van-ban/` and its filter pages.
#[derive(Debug, Clone)]
pub struct Registry {
    pub section: super::SectionId,
    /// `Filter::All` first, then kinds and issuers in `site.yaml`'s order, then years,
    /// newest first; only filters with documents.
    pub pages: Vec<Filtered>,
}

impl Registry {
    pub fn all(&self) -> &Filtered {
        &self.pages[0]
    }

    pub fn page(&self, filter: Filter) -> Option<&Filtered> {
        self.pages.iter().find(|p| p.filter == filter)
    }

    /// The registry's machine-readable list: `/vi/van-ban/index.json`.
    pub fn export_path(&self) -> SitePath {
        self.all().path.join_file("index.json")
    }
}

/// Every document, and where to find them.
#[derive(Debug, Clone, Default)]
pub struct Documents {
    pub documents: Vec<Document>,
    /// By page: the document it is a version of.
    by_page: HashMap<PageId, usize>,
    /// By number, as [`number_key`] spells it; the first document holding a number.
    by_number: HashMap<String, usize>,
}

impl Documents {
    pub fn of_page(&self, id: PageId) -> Option<&Document> {
        self.by_page.get(&id).map(|&i| &self.documents[i])
    }

    /// The index in `documents` of the document holding `number`.
    pub fn index_by_number(&self, number: &str) -> Option<usize> {
        self.by_number.get(&number_key(number)).copied()
    }

    /// The index in `documents` of the document `id` is a version of.
    pub fn index_of_page(&self, id: PageId) -> Option<usize> {
        self.by_page.get(&id).copied()
    }

    pub fn by_number(&self, number: &str) -> Option<&Document> {
        self.by_number
            .get(&number_key(number))
            .map(|&i| &self.documents[i])
    }
}

/// A number as lookups compare it: NFC, upper case, without spaces (`127-kh/tu` and
/// `127-KH/TU` are one number).
pub fn number_key(number: &str) -> String {
    crate::text::nfc(number)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Finds the documents of the library, resolving each against the settings; problems
/// come back beside them.
pub(super) fn build(library: &Library, config: &Config) -> (Documents, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let Some(settings) = &config.documents else {
        for page in &library.pages {
            if let Some(meta) = &page.source.meta.document {
                problems.push(
                    Diagnostic::error(&page.source.display, "a document: block, but the site has no documents registry")
                        .at(meta.at.0, meta.at.1)
                        .with_hint("set up the registry in site.yaml: documents: { section: van-ban, issuers: [tinh-uy] }"),
                );
            }
        }
        return (Documents::default(), problems);
    };
    let mut documents = Documents::default();
    let mut seen_groups = std::collections::HashSet::new();
    for (id, page) in library.pages.iter().enumerate() {
        let in_registry = page.role() == Role::Article
            && page.source.section.as_deref() == Some(settings.section.as_str());
        if !in_registry {
            if let Some(meta) = &page.source.meta.document {
                problems.push(
                    Diagnostic::error(
                        &page.source.display,
                        format!(
                            "a document: block outside the documents' section `{}`",
                            settings.section
                        ),
                    )
                    .at(meta.at.0, meta.at.1)
                    .with_hint(format!(
                        "move the page into content/{}/, or remove its document: block",
                        settings.section
                    )),
                );
            }
            continue;
        }
        if !seen_groups.insert(page.group) {
            continue;
        }
        if let Some(document) = resolve(library, config, settings, id, &mut problems) {
            let index = documents.documents.len();
            for &version in &document.versions {
                documents.by_page.insert(version, index);
            }
            documents.documents.push(document);
        }
    }
    for (index, document) in documents.documents.iter().enumerate() {
        let key = number_key(&document.meta.number.value);
        match documents.by_number.get(&key) {
            None => {
                documents.by_number.insert(key, index);
            }
            Some(&first) => {
                let first = &documents.documents[first];
                let at = document.meta.number.at;
                problems.push(
                    Diagnostic::warning(library.page(document.origin).source.display.clone(), format!("the number `{}` is already the number of another document", document.meta.number.value))
                        .at(at.0, at.1)
                        .with_hint(format!("{} has it already; correct one of the numbers (mentions link to the first)", library.page(first.origin).source.display.display())),
                );
            }
        }
    }
    for document in &documents.documents {
        if let Some(next) = &document.meta.replaced_by
            && !documents.by_number.contains_key(&number_key(&next.value))
        {
            problems.push(
                Diagnostic::warning(
                    library.page(document.origin).source.display.clone(),
                    format!(
                        "replaced_by names `{}`, which is not in the registry",
                        next.value
                    ),
                )
                .at(next.at.0, next.at.1)
                .with_hint("add the newer document to the registry, or correct the number"),
            );
        }
    }
    (documents, problems)
}

/// One translation group of the documents' section as a document, when its block is
/// there and sound.
fn resolve(
    library: &Library,
    config: &Config,
    settings: &DocumentSettings,
    id: PageId,
    problems: &mut Vec<Diagnostic>,
) -> Option<Document> {
    let versions: Vec<PageId> = library.translations(id).to_vec();
    let with_block = |lang: Option<&str>| {
        versions.iter().copied().find(|&v| {
            let page = library.page(v);
            page.source.meta.document.is_some() && lang.is_none_or(|l| page.lang() == l)
        })
    };
    let Some(origin) = with_block(Some(&config.default_language)).or_else(|| with_block(None))
    else {
        let page = library.page(id);
        problems.push(
            Diagnostic::error(&page.source.display, format!("a page of the documents' section `{}` without a document: block", settings.section))
                .at(1, 1)
                .with_hint("describe the document: document: { number: \"127-KH/TU\", kind: ke-hoach, issued: 2023-11-02, issuer: tinh-uy }"),
        );
        return None;
    };
    let page = library.page(origin);
    let file = &page.source.display;
    let meta = page
        .source
        .meta
        .document
        .clone()
        .expect("chosen for its block");
    let before = problems.len();
    let kind = settings.kind(&meta.kind.value);
    if kind.is_none() {
        let known: Vec<String> = settings
            .kinds
            .iter()
            .map(|k| format!("{} ({})", k.key, k.code))
            .collect();
        problems.push(
            Diagnostic::error(
                file,
                format!(
                    "`{}` is not a kind of document of this site",
                    meta.kind.value
                ),
            )
            .at(meta.kind.at.0, meta.kind.at.1)
            .with_hint(format!(
                "use one of the kinds in site.yaml: {}",
                known.join(", ")
            )),
        );
    }
    let issuer = settings.issuer(&meta.issuer.value);
    if issuer.is_none() {
        let hint = if settings.issuers.is_empty() {
            format!(
                "list the issuing bodies in site.yaml: documents: {{ issuers: [{}] }}",
                meta.issuer.value
            )
        } else {
            format!(
                "use one of the issuers in site.yaml: {}",
                settings.issuers.join(", ")
            )
        };
        problems.push(
            Diagnostic::error(
                file,
                format!("`{}` is not an issuer of this site", meta.issuer.value),
            )
            .at(meta.issuer.at.0, meta.issuer.at.1)
            .with_hint(hint),
        );
    }
    // Other versions may carry the block too (for their own summary); the number must
    // be the same document's.
    for &version in &versions {
        let other = library.page(version);
        if let Some(theirs) = &other.source.meta.document
            && version != origin
            && number_key(&theirs.number.value) != number_key(&meta.number.value)
        {
            problems.push(
                Diagnostic::error(&other.source.display, format!("this version gives the number `{}`, the original `{}`", theirs.number.value, meta.number.value))
                    .at(theirs.number.at.0, theirs.number.at.1)
                    .with_hint(format!("versions of one document share its number: write number: \"{}\" (or leave the block to {})", meta.number.value, file.display())),
            );
        }
    }
    let folder = page
        .source
        .bundle
        .clone()
        .or_else(|| {
            page.source
                .rel
                .rsplit_once('/')
                .map(|(dir, _)| dir.to_string())
        })
        .unwrap_or_default();
    let mut files = Vec::new();
    for entry in &meta.files {
        let rel = if folder.is_empty() {
            entry.src.clone()
        } else {
            format!("{folder}/{}", entry.src)
        };
        let Some(format) = FileFormat::of(&entry.src) else {
            problems.push(
                Diagnostic::error(file, format!("`{}` is not a PDF or DOCX file", entry.src))
                    .at(entry.at.0, entry.at.1)
                    .with_hint("attach the document as PDF, DOCX, DOC, ODT or XLSX"),
            );
            continue;
        };
        let Some(asset) = library.asset_by_rel(&rel) else {
            problems.push(
                Diagnostic::error(
                    file,
                    format!("the file `{}` is not in the document's folder", entry.src),
                )
                .at(entry.at.0, entry.at.1)
                .with_hint(format!("put it in content/{folder}/ or correct its name")),
            );
            continue;
        };
        let lang = entry
            .lang
            .clone()
            .unwrap_or_else(|| page.lang().to_string());
        if !config.has_language(&lang) {
            problems.push(
                Diagnostic::error(
                    file,
                    format!("the file's language `{lang}` is not a language of the site"),
                )
                .at(entry.at.0, entry.at.1)
                .with_hint(format!(
                    "use one of: {}",
                    config.language_codes().collect::<Vec<_>>().join(", ")
                )),
            );
            continue;
        }
        files.push(DocumentFile {
            name: entry
                .src
                .rsplit('/')
                .next()
                .unwrap_or(&entry.src)
                .to_string(),
            rel,
            size: asset.size,
            format,
            lang,
        });
    }
    if problems.len() > before {
        return None;
    }
    Some(Document {
        origin,
        kind: kind?,
        issuer: issuer?,
        meta,
        files,
        versions,
    })
}

/// Each language's registry, from the documents and the section's versions.
pub(super) fn registries(library: &Library, config: &Config) -> Vec<Option<Registry>> {
    let base = config.base_path.as_str();
    let settings = config.documents.as_ref();
    let section = settings.and_then(|s| {
        library
            .sections
            .iter()
            .position(|sec| sec.name == s.section)
    });
    library
        .languages
        .iter()
        .map(|language| {
            let settings = settings?;
            let section_id = section?;
            let version = library.sections[section_id].version(&language.code)?;
            let mut listed: Vec<(PageId, &Document)> = version
                .articles
                .iter()
                .filter_map(|&id| library.documents.of_page(id).map(|d| (id, d)))
                .collect();
            // Newest issued first; one day's documents by number, then by file.
            listed.sort_by(|(a, da), (b, db)| {
                db.meta
                    .issued
                    .value
                    .cmp(&da.meta.issued.value)
                    .then_with(|| da.meta.number.value.cmp(&db.meta.number.value))
                    .then_with(|| {
                        library
                            .page(*a)
                            .source
                            .rel
                            .cmp(&library.page(*b).source.rel)
                    })
            });
            let root = version.path.clone();
            let page =
                |filter: Filter, folder: Option<String>, keep: &dyn Fn(&Document) -> bool| {
                    let path = match folder {
                        Some(folder) => root.join([folder]),
                        None => root.clone(),
                    };
                    Filtered {
                        filter,
                        url: path.url(base),
                        path,
                        documents: listed
                            .iter()
                            .filter(|(_, d)| keep(d))
                            .map(|(id, _)| *id)
                            .collect(),
                    }
                };
            let mut pages = vec![page(Filter::All, None, &|_| true)];
            for (k, kind) in settings.kinds.iter().enumerate() {
                pages.push(page(Filter::Kind(k), Some(kind.key.clone()), &|d| {
                    d.kind == k
                }));
            }
            for (i, issuer) in settings.issuers.iter().enumerate() {
                pages.push(page(Filter::Issuer(i), Some(issuer.clone()), &|d| {
                    d.issuer == i
                }));
            }
            let mut years: Vec<i16> = listed
                .iter()
                .map(|(_, d)| d.meta.issued.value.year())
                .collect();
            years.dedup();
            for year in years {
                pages.push(page(Filter::Year(year), Some(format!("{year:04}")), &|d| {
                    d.meta.issued.value.year() == year
                }));
            }
            pages.retain(|p| p.filter == Filter::All || !p.documents.is_empty());
            Some(Registry {
                section: section_id,
                pages,
            })
        })
        .collect()
}
