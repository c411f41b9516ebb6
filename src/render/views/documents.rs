//! Views of the documents registry: a document as its page and the registry's rows
//! show it ([`DocumentView`]), and the registry's pages, all documents or those of one
//! kind, issuer or year ([`Registry`]), newest first, paginated by `paginate`.

use serde::Serialize;

use super::common::{HeadExtras, Paginator, paginator};
use super::content::Html;
use super::{Built, PageData};
use crate::config::{issuer_key, kind_key};
use crate::dates::DateStyle;
use crate::library::documents::{Document, Filtered};
use crate::library::{Filter, PageId};
use crate::plan::{Job, media_path, page_slice, paged, pages_count, registry_page};
use crate::render::frame::{Frame, Kind, Version, newest, numbered};
use crate::render::reader::Reader;

/// A document in one language: its page's metadata table, and a registry row.
#[derive(Serialize)]
pub struct DocumentView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub number: &'a str,
    pub kind: Named<'a>,
    pub issuer: Named<'a>,
    /// As readers write dates, and as machines do (`2023-11-02`).
    pub issued: String,
    pub issued_iso: String,
    pub signer: Option<&'a str>,
    pub effective: Option<String>,
    pub effective_iso: Option<String>,
    pub replaces: Vec<NumberLink>,
    pub replaced_by: Option<NumberLink>,
    pub files: Vec<FileView<'a>>,
    pub summary: Option<&'a str>,
}

/// A kind or an issuer: its key, its name in the page's language, its registry page.
#[derive(Serialize)]
pub struct Named<'a> {
    pub key: &'a str,
    /// A kind's code (`KH`); `None` for issuers.
    pub code: Option<&'a str>,
    pub name: String,
    pub url: Option<&'a str>,
}

/// Another document named by its number, linked when the registry has it: to its
/// version in the page's language, else to its original (with that language).
#[derive(Serialize)]
pub struct NumberLink {
    pub number: String,
    pub url: Option<String>,
    /// The language of the linked page when it is not the page's own.
    pub lang: Option<String>,
}

/// A file of the document.
#[derive(Serialize)]
pub struct FileView<'a> {
    pub url: String,
    pub name: &'a str,
    /// `PDF`, `DOCX`.
    pub format: &'static str,
    pub media_type: &'static str,
    pub size: u64,
    /// `245 KB`, `1,2 MB`.
    pub size_text: String,
    pub lang: &'a str,
    /// The file's language by name, when it is not the page's (a translation links the
    /// original's file).
    pub other_lang: Option<&'a str>,
}

/// A registry page.
#[derive(Serialize)]
pub struct Registry<'a> {
    pub registry: RegistryInfo<'a>,
    pub documents: Vec<DocumentView<'a>>,
    pub paginator: Option<Paginator>,
}

#[derive(Serialize)]
pub struct RegistryInfo<'a> {
    /// The registry's title (its section's) and first page.
    pub title: &'a str,
    pub url: &'a str,
    pub description: Option<String>,
    /// The section's own text, on the registry's first page.
    pub content: Html<'a>,
    /// `all`, `kind`, `issuer` or `year`.
    pub filter: &'static str,
    /// What the page lists: the kind's or issuer's name, the year.
    pub filter_name: Option<String>,
    pub kinds: Vec<FilterLink<'a>>,
    pub issuers: Vec<FilterLink<'a>>,
    pub years: Vec<FilterLink<'a>>,
    /// The registry as JSON.
    pub export_url: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct FilterLink<'a> {
    pub name: String,
    pub url: &'a str,
    pub count: usize,
    pub current: bool,
}

/// The name of a kind or issuer in `lang` (its interface string), else its key.
fn name(reader: &Reader, lang: &str, string: &str, key: &str) -> String {
    reader
        .i18n
        .translate(lang, string, None)
        .unwrap_or_else(|| key.to_string())
}

fn filter_name(reader: &Reader, lang: &str, filter: Filter) -> Option<String> {
    let settings = reader.config.documents.as_ref()?;
    match filter {
        Filter::All => None,
        Filter::Kind(k) => {
            let key = &settings.kinds[k].key;
            Some(name(reader, lang, &kind_key(key), key))
        }
        Filter::Issuer(i) => {
            let key = &settings.issuers[i];
            Some(name(reader, lang, &issuer_key(key), key))
        }
        Filter::Year(y) => Some(format!("{y:04}")),
    }
}

/// A size as readers read it: bytes, KB or MB (1024-based), the decimal mark of `lang`.
fn size_text(size: u64, lang: &str) -> String {
    let text = if size < 1024 {
        format!("{size} B")
    } else if size < 1024 * 1024 {
        format!("{} KB", size.div_ceil(1024))
    } else {
        format!("{:.1} MB", size as f64 / (1024.0 * 1024.0))
    };
    if lang == "en" {
        text
    } else {
        text.replace('.', ",")
    }
}

impl<'a> Reader<'a> {
    /// The document `id` is a version of, as its page in `id`'s language shows it.
    pub fn document_view(&self, id: PageId, document: &'a Document) -> DocumentView<'a> {
        let library = self.library;
        let config = self.config;
        let page = self.page(id);
        let lang = page.lang();
        let settings = config
            .documents
            .as_ref()
            .expect("documents come with settings");
        let registry = library.language(lang).and_then(|l| l.registry.as_ref());
        let filter_url = |filter: Filter| {
            registry
                .and_then(|r| r.page(filter))
                .map(|p| p.url.as_str())
        };
        let meta = &document.meta;
        let kind = &settings.kinds[document.kind];
        let issuer = &settings.issuers[document.issuer];
        let dates = self.dates;
        let link = |number: &str| {
            let target = library.documents.by_number(number);
            let to = target.map(|d| {
                let version = d
                    .versions
                    .iter()
                    .copied()
                    .find(|&v| library.page(v).lang() == lang)
                    .unwrap_or(d.origin);
                library.page(version)
            });
            NumberLink {
                number: number.to_string(),
                url: to.map(|p| p.url.clone()),
                lang: to.map(|p| p.lang().to_string()).filter(|l| l != lang),
            }
        };
        // A version's own block may summarise the document in its language.
        let own = page.source.meta.document.as_ref();
        let summary =
            own.and_then(|m| m.summary.as_deref())
                .or(page.source.meta.summary.as_deref());
        DocumentView {
            title: page.title(),
            url: &page.url,
            number: &meta.number.value,
            kind: Named {
                key: &kind.key,
                code: Some(&kind.code),
                name: name(self, lang, &kind_key(&kind.key), &kind.key),
                url: filter_url(Filter::Kind(document.kind)),
            },
            issuer: Named {
                key: issuer,
                code: None,
                name: name(self, lang, &issuer_key(issuer), issuer),
                url: filter_url(Filter::Issuer(document.issuer)),
            },
            issued: dates.format(lang, meta.issued.value, DateStyle::Short),
            issued_iso: dates.format(lang, meta.issued.value, DateStyle::Iso),
            signer: meta.signer.as_deref(),
            effective: meta
                .effective
                .map(|d| dates.format(lang, d, DateStyle::Short)),
            effective_iso: meta
                .effective
                .map(|d| dates.format(lang, d, DateStyle::Iso)),
            replaces: meta.replaces.iter().map(|n| link(&n.value)).collect(),
            replaced_by: meta.replaced_by.as_ref().map(|n| link(&n.value)),
            files: document
                .files
                .iter()
                .map(|file| FileView {
                    url: media_path(&file.rel).url(&config.base_path),
                    name: &file.name,
                    format: file.format.label(),
                    media_type: file.format.media_type(),
                    size: file.size,
                    size_text: size_text(file.size, lang),
                    lang: &file.lang,
                    other_lang: (file.lang != lang)
                        .then(|| config.language(&file.lang).map(|l| l.name.as_str()))
                        .flatten(),
                })
                .collect(),
            summary,
        }
    }
}

fn filter_links<'a>(
    reader: &Reader,
    lang: &str,
    pages: &'a [Filtered],
    current: Filter,
    keep: impl Fn(Filter) -> bool,
) -> Vec<FilterLink<'a>> {
    pages
        .iter()
        .filter(|p| keep(p.filter))
        .map(|p| FilterLink {
            name: filter_name(reader, lang, p.filter).unwrap_or_default(),
            url: &p.url,
            count: p.documents.len(),
            current: p.filter == current,
        })
        .collect()
}

pub fn registry<'a>(
    reader: &Reader<'a>,
    job: &Job,
    lang: &str,
    filter: Filter,
    number: usize,
) -> Built<'a> {
    let library = reader.library;
    let config = reader.config;
    let per_page = config.paginate;
    let base = config.base_path.as_str();
    let index = library
        .language(lang)
        .and_then(|l| l.registry.as_ref())
        .expect("registry pages are planned for languages with a registry");
    let listed = registry_page(library, lang, filter);
    let section = &library.sections[index.section];
    let version = section
        .version(lang)
        .expect("the registry's section exists in its language");
    let index_page = version.index_page.filter(|_| filter == Filter::All);
    let description = index_page.and_then(|id| {
        let page = reader.page(id);
        (page.source.meta.description.clone()).or_else(|| reader.body(id).summary.clone())
    });
    let total = pages_count(listed.documents.len(), per_page);
    let shown = page_slice(&listed.documents, number, per_page);
    let filter_title = filter_name(reader, lang, filter);
    let title = match &filter_title {
        Some(name) => format!("{name} – {}", version.title),
        None => version.title.clone(),
    };
    let frame = Frame {
        kind: Kind::Registry,
        lang: lang.to_string(),
        path: job.path(library),
        // The same filter page in the languages whose registry has it.
        versions: library
            .languages
            .iter()
            .filter_map(|l| {
                let other = l.registry.as_ref()?.page(filter)?;
                (number <= pages_count(other.documents.len(), per_page)).then(|| Version {
                    lang: l.code.clone(),
                    url: paged(&other.path, number).url(base),
                })
            })
            .collect(),
        section: Some(index.section),
        source: index_page,
        title: numbered(&title, number, total),
        description: description.clone(),
        lastmod: newest(library, shown),
        template: "registry.html".into(),
    };
    // A language without this page of the list: the list's first page there, else its
    // registry's.
    let fallbacks = library
        .languages
        .iter()
        .filter_map(|l| {
            let registry = l.registry.as_ref()?;
            let url = match registry.page(filter) {
                Some(other) if number > pages_count(other.documents.len(), per_page) => {
                    other.path.url(base)
                }
                Some(_) => return None,
                None => registry.all().url.clone(),
            };
            Some(Version {
                lang: l.code.clone(),
                url,
            })
        })
        .collect();
    let documents = shown
        .iter()
        .filter_map(|&id| {
            let document = library.documents.of_page(id)?;
            Some(reader.document_view(id, document))
        })
        .collect();
    Built {
        frame,
        extras: HeadExtras {
            fallbacks,
            ..HeadExtras::default()
        },
        data: PageData::Registry(Registry {
            registry: RegistryInfo {
                title: &version.title,
                url: &index.all().url,
                description,
                content: Html(index_page.map_or("", |id| &reader.body(id).html)),
                filter: match filter {
                    Filter::All => "all",
                    Filter::Kind(_) => "kind",
                    Filter::Issuer(_) => "issuer",
                    Filter::Year(_) => "year",
                },
                filter_name: filter_title,
                kinds: filter_links(reader, lang, &index.pages, filter, |f| {
                    matches!(f, Filter::Kind(_))
                }),
                issuers: filter_links(reader, lang, &index.pages, filter, |f| {
                    matches!(f, Filter::Issuer(_))
                }),
                years: filter_links(reader, lang, &index.pages, filter, |f| {
                    matches!(f, Filter::Year(_))
                }),
                export_url: index.export_path().url(base),
                count: listed.documents.len(),
            },
            documents,
            paginator: paginator(&listed.path, number, total, base),
        }),
    }
}
