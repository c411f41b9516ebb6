//! One address, one owner: every address a build publishes, with what claims it — a
//! page, an alias, a listing and its pages, a term page, a feed, a sitemap, a file from
//! `static/` or the theme — and the problems when two claims meet. `build`, `serve` and
//! `check` all ask this module, before anything is rendered or written.
//!
//! Addresses are compared by a canonical key, not as written: NFC, lower case,
//! percent-decoded (aliases are written as URLs), `index.html` dropped. `/vi/Tin-Tuc/`,
//! `/vi/tin-tuc`, `/vi/tin-tuc/index.html` and an NFD spelling are one address: case-
//! insensitive file systems (Windows, macOS) and CDNs would keep only one of them, and
//! readers type them interchangeably.

mod claims;
mod keys;
mod problems;

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::images::IMAGE_DIR;
use crate::library::{Filter, Library, PageId, Period, SectionId};
use crate::theme::ThemeFile;
use crate::url::SitePath;

use keys::{Shape, key_of};

/// A file of the site's `static/` folder.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Relative to `static/`: where it is published.
    pub rel: PathBuf,
    /// Where it is read from.
    pub file: PathBuf,
}

impl StaticFile {
    /// Every file of the site's `static/` folder, sorted by path.
    pub fn list(static_dir: &Path) -> (Vec<StaticFile>, Vec<Diagnostic>) {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        if !static_dir.is_dir() {
            return (files, problems);
        }
        for entry in walkdir::WalkDir::new(static_dir).sort_by_file_name() {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    let rel = entry
                        .path()
                        .strip_prefix(static_dir)
                        .expect("walkdir stays below its root")
                        .to_path_buf();
                    files.push(StaticFile {
                        rel,
                        file: entry.path().to_path_buf(),
                    });
                }
                Ok(_) => {}
                Err(error) => problems.push(
                    Diagnostic::error(
                        error.path().unwrap_or(static_dir),
                        format!("cannot read: {error}"),
                    )
                    .with_hint("check that the file exists and can be read"),
                ),
            }
        }
        (files, problems)
    }
}

/// The one generated file a site may replace with its own, as documented (the README's
/// editor's guide names robots.txt as what `static/` is for; `render::sitemap::robots`
/// writes a stand-in). Only the site's `static/` may do it, under exactly this name; any
/// other file that lands on a generated one is a collision.
const REPLACEABLE: &str = "robots.txt";

/// Who claims an address. Small and copyable: descriptions are only made for problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Chooser,
    /// The 404 page of a language (index into `library.languages`), or the root one.
    NotFound {
        lang: Option<usize>,
    },
    Robots,
    SitemapIndex,
    Redirects,
    Home {
        lang: usize,
    },
    /// A language's search page.
    Search {
        lang: usize,
    },
    /// A language's search index: every file in its folder (`vi/pagefind/…`), named by
    /// the indexer, so the whole folder is reserved.
    SearchIndex {
        lang: usize,
    },
    /// A language's sitemap, and its parts `sitemap-N.xml` when it is split.
    Sitemap {
        lang: usize,
    },
    /// A language's feed, or a section's.
    Feed {
        lang: usize,
        section: Option<SectionId>,
    },
    Listing {
        lang: usize,
        section: SectionId,
        number: usize,
    },
    TaxonomyList {
        lang: usize,
        taxonomy: usize,
    },
    Term {
        lang: usize,
        taxonomy: usize,
        term: usize,
        number: usize,
    },
    /// A page of a language's news archive.
    Archive {
        lang: usize,
        period: Period,
        number: usize,
    },
    /// A page of a language's documents registry.
    Registry {
        lang: usize,
        filter: Filter,
        number: usize,
    },
    /// A language's registry as JSON.
    RegistryExport {
        lang: usize,
    },
    Page {
        id: PageId,
    },
    Alias {
        id: PageId,
        index: usize,
    },
    /// A non-picture file of a bundle, published under `/media/`.
    Media {
        asset: usize,
    },
    ThemeStatic {
        index: usize,
    },
    Static {
        index: usize,
    },
}

/// Every address of a site and its owner.
pub struct AddressBook {
    owners: HashMap<String, (Owner, Shape)>,
    /// Lower-cased language codes, for the sitemap parts' names.
    languages: Vec<String>,
    /// Whether the search index folders are reserved (search is on).
    search: bool,
}

/// What claims are read from.
struct Sources<'a> {
    config: &'a Config,
    library: &'a Library,
    theme_static: Vec<(&'a String, &'a ThemeFile)>,
    static_files: &'a [StaticFile],
    root: &'a Path,
}

impl AddressBook {
    /// Claims every address the site publishes; each address claimed twice (and each
    /// file standing where another claim needs a folder) is one error naming both
    /// claims. Linear in the number of claims.
    pub fn new(
        config: &Config,
        library: &Library,
        theme_static: &BTreeMap<String, ThemeFile>,
        static_files: &[StaticFile],
        root: &Path,
    ) -> (AddressBook, Vec<Diagnostic>) {
        let site_static: HashSet<&Path> = static_files.iter().map(|f| f.rel.as_path()).collect();
        let sources = Sources {
            config,
            library,
            // A site's own `static/` file replaces the theme's of the same name, as its
            // templates do the theme's templates: that is how a theme is customised,
            // not a collision.
            theme_static: theme_static
                .iter()
                .filter(|(rel, _)| !site_static.contains(Path::new(rel.as_str())))
                .collect(),
            static_files,
            root,
        };
        let claims = sources.claims();
        let mut book = AddressBook {
            owners: HashMap::with_capacity(claims.len()),
            languages: library
                .languages
                .iter()
                .map(|l| l.code.to_lowercase())
                .collect(),
            search: config.search,
        };
        let mut problems = Vec::new();
        for (key, owner, shape) in &claims {
            let reserved = book.reserved(key);
            match book.owners.entry(key.clone()) {
                Entry::Occupied(first) => {
                    problems.push(sources.collision(first.get().0, *owner));
                }
                Entry::Vacant(slot) => {
                    if let Some(sitemap) = reserved {
                        problems.push(sources.collision(sitemap, *owner));
                    }
                    slot.insert((*owner, *shape));
                }
            }
        }
        // A file where a folder must be: `/vi/x.html` as a file, and `/vi/x.html/a/`.
        // One problem per such file, however many addresses lie below it.
        let mut below_files: HashMap<&str, (Owner, usize)> = HashMap::new();
        let mut files_in_order = Vec::new();
        for (key, owner, _) in &claims {
            for (slash, _) in key.match_indices('/') {
                let folder = &key[..slash];
                if let Some((_, Shape::File)) = book.owners.get(folder) {
                    match below_files.entry(folder) {
                        Entry::Occupied(mut seen) => seen.get_mut().1 += 1,
                        Entry::Vacant(slot) => {
                            files_in_order.push(folder);
                            slot.insert((*owner, 0));
                        }
                    }
                    break;
                }
            }
        }
        for folder in files_in_order {
            let (file_owner, _) = book.owners[folder];
            let (inside, more) = below_files[folder];
            problems.push(sources.file_over_folder(file_owner, inside, more));
        }
        (book, problems)
    }

    /// Whether the output file `path` (relative to the output folder) belongs to a
    /// claim: every file a build writes must, except processed pictures, whose names
    /// are hashes of their content.
    pub fn owns(&self, path: &Path) -> bool {
        if path.starts_with(IMAGE_DIR) {
            return true;
        }
        let key = key_of(path);
        self.owners.contains_key(&key) || self.reserved(&key).is_some()
    }

    /// The names a split sitemap takes (`vi/sitemap-3.xml`): how many parts there are
    /// is only known once pages are rendered, so all of them are reserved; and the
    /// search index folders, whose files the indexer names.
    fn reserved(&self, key: &str) -> Option<Owner> {
        let (lang, name) = key.split_once('/')?;
        if self.search
            && name
                .strip_prefix(crate::plan::SEARCH_BUNDLE)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        {
            let lang = self.languages.iter().position(|code| code == lang)?;
            return Some(Owner::SearchIndex { lang });
        }
        let number = name.strip_prefix("sitemap-")?.strip_suffix(".xml")?;
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let lang = self.languages.iter().position(|code| code == lang)?;
        Some(Owner::Sitemap { lang })
    }
}

impl Sources<'_> {
    /// A language's code, from its place in `library.languages`.
    fn lang(&self, lang: usize) -> &str {
        &self.library.languages[lang].code
    }
}

/// Where the Atom feed of a listing (a language's home, a section) is published: the
/// one rule both this check and `render::feeds` follow.
pub(crate) fn feed_path(listing: &SitePath) -> SitePath {
    listing.join_file("atom.xml")
}
