//! Search: one Pagefind index per language, under `/LANG/pagefind/`, made in-process
//! from the library and the rendered bodies. Articles and other pages, and the first
//! page of each section and term listing, are indexed (drafts only with `--drafts`,
//! since only then are they in the library); aliases, 404s, the chooser and later
//! listing pages are not. Titles weigh most, then summaries, then bodies.
//!
//! Each language's index has a fingerprint, a hash of what its entries show
//! ([`Entry`]): a language whose fingerprint did not change keeps its files, the way
//! feeds do.

mod assets;
pub mod encode;
mod format;
mod index;
mod lao_words;
mod words;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::body::Body;
use super::{Fingerprints, OutputFile, fingerprint};
use crate::config::Config;
use crate::content::Role;
use crate::diagnostics::Diagnostic;
use crate::library::{LanguageIndex, Library, PageId};
use crate::plan::search_bundle;
use crate::url::SitePath;

/// One page as the index holds it.
#[derive(Serialize)]
struct Entry<'a> {
    url: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    /// The body's HTML, fingerprinted by its revision instead.
    #[serde(skip)]
    body: &'a str,
    revision: u64,
    /// `YYYY-MM-DD` in the site's time zone, shown by the script in the reader's
    /// language.
    date: Option<String>,
    /// The section's key, its folder name (`news`): the script shows its title from the
    /// page.
    section: Option<&'a str>,
}

/// A language's index: the pseudo-path its fingerprint is kept at, the fingerprint,
/// the folder of its files, and the files unless the fingerprint was in `previous`.
pub struct Bundle {
    pub key_path: PathBuf,
    pub key: u64,
    pub folder: PathBuf,
    pub files: Option<Vec<OutputFile>>,
    lang: String,
    /// The pages as read for this index, when [`Reads`] were given.
    reads: Option<Arc<index::Kept>>,
}

/// What each language's index was made of (the pages as read, the merged words, the
/// chunks as packed): `serve` keeps it from rebuild to rebuild, so that an edit reads
/// only the edited page again (a template edit none), and the index is patched with
/// its words and only its chunks that changed are packed again.
#[derive(Default, Clone)]
pub struct Reads(HashMap<String, Arc<index::Kept>>);

impl Reads {
    /// The pages `bundles` were made of, for the next rebuild.
    pub fn of(bundles: &[Bundle]) -> Reads {
        Reads(
            bundles
                .iter()
                .filter_map(|bundle| Some((bundle.lang.clone(), bundle.reads.clone()?)))
                .collect(),
        )
    }
}

/// Every language's index, made again where what it holds changed. With `reads`, the
/// pages read for the last indexes are reused (and their merged words patched, when
/// `reads` was the only hold on them), and returned in the bundles for the next ones.
pub fn bundles(
    config: &Config,
    library: &Library,
    bodies: &[Arc<Body>],
    epoch: u64,
    previous: &Fingerprints,
    reads: Option<Reads>,
) -> Result<Vec<Bundle>, Diagnostic> {
    if !config.search {
        return Ok(Vec::new());
    }
    use rayon::prelude::*;
    let mut reads = reads;
    let earlier: Vec<Option<Arc<index::Kept>>> = (library.languages.iter())
        .map(|language| {
            let reads = reads.as_mut()?;
            Some(reads.0.remove(&language.code).unwrap_or_default())
        })
        .collect();
    library
        .languages
        .par_iter()
        .zip(earlier)
        .map(|(language, earlier)| bundle(library, bodies, language, epoch, previous, earlier))
        .collect()
}

fn bundle(
    library: &Library,
    bodies: &[Arc<Body>],
    language: &LanguageIndex,
    epoch: u64,
    previous: &Fingerprints,
    earlier: Option<Arc<index::Kept>>,
) -> Result<Bundle, Diagnostic> {
    let lang = language.code.as_str();
    let entries = entries(library, bodies, lang);
    let key = fingerprint::of(&entries, "search", epoch);
    let home = &language.home_path;
    let folder: PathBuf = search_bundle(home).segments().iter().collect();
    let key_path = PathBuf::from(format!(".search-{lang}"));
    let (files, reads) = if previous.get(&key_path).map(|stamp| stamp.key) == Some(key) {
        (None, earlier)
    } else {
        let (files, kept) = write(home, lang, &entries, earlier)?;
        (Some(files), kept.map(Arc::new))
    };
    Ok(Bundle {
        key_path,
        key,
        folder,
        files,
        lang: lang.to_string(),
        reads,
    })
}

fn write(
    home: &SitePath,
    lang: &str,
    entries: &[Entry],
    earlier: Option<Arc<index::Kept>>,
) -> Result<(Vec<OutputFile>, Option<index::Kept>), Diagnostic> {
    let (files, kept) = index::index(lang, entries, earlier).map_err(|error| {
        Diagnostic::error(
            "site.yaml",
            format!("cannot make the `{lang}` search index: {error}"),
        )
        .with_hint("`search: false` in site.yaml turns search off")
    })?;
    let bundle = search_bundle(home);
    let files = files
        .into_iter()
        .map(|(inside, bytes)| {
            let parts = inside
                .iter()
                .map(|part| part.to_string_lossy().into_owned());
            let path = SitePath::file(bundle.segments().iter().cloned().chain(parts));
            OutputFile::bytes(path.output_file(), bytes, None)
        })
        .collect();
    Ok((files, kept))
}

/// The pages of `lang` the index holds, in the plan's order.
fn entries<'a>(library: &'a Library, bodies: &'a [Arc<Body>], lang: &str) -> Vec<Entry<'a>> {
    let Some(language) = library.language(lang) else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    for &section in &language.sections {
        let Some(version) = library.sections[section].version(lang) else {
            continue;
        };
        let intro = version.index_page.map(|id| (id, &*bodies[id]));
        entries.push(Entry {
            url: &version.url,
            title: &version.title,
            summary: intro.and_then(|(id, body)| {
                let meta = &library.page(id).source.meta;
                meta.description.as_deref().or(body.summary.as_deref())
            }),
            body: intro.map_or("", |(_, body)| body.html.as_str()),
            revision: intro.map_or(0, |(_, body)| body.revision),
            date: None,
            section: Some(&library.sections[section].name),
        });
    }
    for taxonomy in &language.taxonomies {
        for term in &taxonomy.terms {
            entries.push(Entry {
                url: &term.url,
                title: &term.name,
                summary: None,
                body: "",
                revision: 0,
                date: None,
                section: None,
            });
        }
    }
    for (id, page) in library.pages.iter().enumerate() {
        if page.lang() == lang && matches!(page.role(), Role::Article | Role::Page) {
            entries.push(page_entry(library, bodies, id));
        }
    }
    entries
}

fn page_entry<'a>(library: &'a Library, bodies: &'a [Arc<Body>], id: PageId) -> Entry<'a> {
    let page = library.page(id);
    let body = &bodies[id];
    Entry {
        url: &page.url,
        title: page.title(),
        summary: body.summary.as_deref(),
        body: &body.html,
        revision: body.revision,
        date: page
            .source
            .meta
            .date
            .map(|date| date.rfc3339().chars().take(10).collect()),
        section: page.section.map(|s| library.sections[s].name.as_str()),
    }
}

/// Articles the index would hold with no text: a reader searching for their subject
/// finds only their title. `check` warns about each.
pub fn empty_articles(config: &Config, library: &Library, bodies: &[Arc<Body>]) -> Vec<Diagnostic> {
    if !config.search {
        return Vec::new();
    }
    library
        .pages
        .iter()
        .enumerate()
        .filter(|(id, page)| page.role() == Role::Article && !has_text(&bodies[*id].html))
        .map(|(_, page)| {
            Diagnostic::warning(
                page.source.display.clone(),
                "this article has no text: search finds it only by its title",
            )
            .at(page.source.body_line, 1)
            .with_hint("write the article's text below the front matter")
        })
        .collect()
}

/// Whether HTML holds any text outside its tags.
fn has_text(html: &str) -> bool {
    let mut in_tag = false;
    html.chars().any(|c| match c {
        '<' => {
            in_tag = true;
            false
        }
        '>' => {
            in_tag = false;
            false
        }
        c => !in_tag && !c.is_whitespace(),
    })
}
