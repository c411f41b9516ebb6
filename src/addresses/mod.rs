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

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Config};
use crate::content::{At, Role};
use crate::diagnostics::{Diagnostic, display_path};
use crate::library::{Library, PageId, SectionId};
use crate::render::body::{IMAGE_DIR, is_image_name, media_path};
use crate::render::frame::{self, Job};
use crate::text::nfc;
use crate::theme::ThemeFile;
use crate::url::SitePath;

/// A file of the site's `static/` folder.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Relative to `static/`: where it is published.
    pub rel: PathBuf,
    /// Where it is read from.
    pub file: PathBuf,
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

/// Whether an address is a folder's `index.html` or a file of its own (`atom.xml`): a
/// file cannot be a folder for other addresses at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Index,
    File,
}

/// Every address of a site and its owner.
pub struct AddressBook {
    owners: HashMap<String, (Owner, Shape)>,
    /// Lower-cased language codes, for the sitemap parts' names.
    languages: Vec<String>,
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
    /// is only known once pages are rendered, so all of them are reserved.
    fn reserved(&self, key: &str) -> Option<Owner> {
        let (lang, name) = key.split_once('/')?;
        let number = name.strip_prefix("sitemap-")?.strip_suffix(".xml")?;
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let lang = self.languages.iter().position(|code| code == lang)?;
        Some(Owner::Sitemap { lang })
    }
}

/// The canonical key of an output file: folded segments joined by `/`, a final
/// `index.html` dropped (`vi/tin-tuc/index.html` → `vi/tin-tuc`; `index.html` → ``).
fn key_of(path: &Path) -> String {
    let mut key = String::with_capacity(path.as_os_str().len());
    for part in path.iter() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str(&fold(&part.to_string_lossy()));
    }
    if key == "index.html" {
        key.clear();
    } else if let Some(folder) = key.strip_suffix("/index.html") {
        key.truncate(folder.len());
    }
    key
}

/// One segment as compared: NFC, lower-cased (Unicode-aware), NFC again since lower-
/// casing can leave a decomposed sequence.
fn fold(segment: &str) -> String {
    if segment
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return segment.to_string();
    }
    nfc(&nfc(segment).to_lowercase())
}

fn shape_of(path: &Path) -> Shape {
    let is_index = path
        .file_name()
        .is_some_and(|name| name.to_string_lossy().eq_ignore_ascii_case("index.html"));
    if is_index { Shape::Index } else { Shape::File }
}

/// What a claim is, for messages: its description, the file where it is written, and
/// the line and column there when there is one.
struct Described {
    what: String,
    /// How the claim reads where the problem is reported, when not `what`: "this page".
    this: Option<&'static str>,
    /// For files mekong makes of its own accord: why it makes them.
    made: Option<String>,
    file: PathBuf,
    at: Option<At>,
    /// How likely the claim is the one an editor wants to change (lower: more likely);
    /// the problem is reported at that one.
    rank: u8,
    hint: &'static str,
}

impl Described {
    /// The claim where the problem is reported (its place is the problem's).
    fn here(&self) -> &str {
        self.this.unwrap_or(&self.what)
    }

    /// The claim with where it is written, for the other side of a message.
    fn with_place(&self) -> String {
        match self.at {
            Some((line, column)) => {
                format!("{} ({}:{line}:{column})", self.what, self.file.display())
            }
            None if self.made.is_some() => {
                format!(
                    "{} ({})",
                    self.what,
                    self.made.as_deref().unwrap_or_default()
                )
            }
            None => format!("{} ({})", self.what, self.file.display()),
        }
    }
}

impl Sources<'_> {
    /// Every claim, in a stable order: generated files and pages first, then what
    /// editors add beside them (aliases, bundle files, static files).
    fn claims(&self) -> Vec<(String, Owner, Shape)> {
        let Sources {
            config,
            library,
            theme_static,
            static_files,
            ..
        } = self;
        let mut claims = Vec::with_capacity(library.pages.len() * 2 + 64);
        let mut claim = |path: PathBuf, owner: Owner| {
            let shape = shape_of(&path);
            claims.push((key_of(&path), owner, shape));
        };
        let lang_index = |code: &str| {
            library
                .languages
                .iter()
                .position(|l| l.code == code)
                .expect("pages are in configured languages")
        };
        for job in frame::jobs(config, library) {
            let owner = match &job {
                Job::Chooser => Owner::Chooser,
                Job::NotFound { lang } => Owner::NotFound {
                    lang: lang.as_deref().map(lang_index),
                },
                Job::Home { lang } => Owner::Home {
                    lang: lang_index(lang),
                },
                Job::Page { id } => Owner::Page { id: *id },
                Job::Section {
                    section,
                    lang,
                    number,
                } => Owner::Listing {
                    lang: lang_index(lang),
                    section: *section,
                    number: *number,
                },
                Job::TaxonomyList { lang, taxonomy } => Owner::TaxonomyList {
                    lang: lang_index(lang),
                    taxonomy: *taxonomy,
                },
                Job::Term {
                    lang,
                    taxonomy,
                    term,
                    number,
                } => Owner::Term {
                    lang: lang_index(lang),
                    taxonomy: *taxonomy,
                    term: *term,
                    number: *number,
                },
            };
            claim(job.path(library).output_file(), owner);
        }
        // Machine-readable files, where `render` puts them (feeds.rs, sitemap.rs,
        // aliases.rs); `site::render_site` asserts in debug builds that every file it
        // writes was claimed here, so the two cannot drift apart unnoticed.
        claim(PathBuf::from("sitemap.xml"), Owner::SitemapIndex);
        claim(PathBuf::from("_redirects"), Owner::Redirects);
        let robots_replaced = static_files
            .iter()
            .any(|file| file.rel == Path::new(REPLACEABLE));
        if !robots_replaced {
            claim(PathBuf::from(REPLACEABLE), Owner::Robots);
        }
        for (lang, language) in library.languages.iter().enumerate() {
            claim(
                language.home_path.join_file("sitemap.xml").output_file(),
                Owner::Sitemap { lang },
            );
            claim(
                feed_path(&language.home_path).output_file(),
                Owner::Feed {
                    lang,
                    section: None,
                },
            );
            for &section in &language.sections {
                let version = library.sections[section]
                    .version(&language.code)
                    .expect("listed sections exist in their language");
                claim(
                    feed_path(&version.path).output_file(),
                    Owner::Feed {
                        lang,
                        section: Some(section),
                    },
                );
            }
        }
        for (id, page) in library.pages.iter().enumerate() {
            for (index, alias) in page.source.meta.aliases.iter().enumerate() {
                claim(
                    SitePath::parse(alias).output_file(),
                    Owner::Alias { id, index },
                );
            }
        }
        for (asset, file) in library.assets.iter().enumerate() {
            // Pictures are published as variants under /img/, never under /media/.
            if !is_image_name(&file.rel) {
                claim(media_path(&file.rel).output_file(), Owner::Media { asset });
            }
        }
        for (index, (rel, _)) in theme_static.iter().enumerate() {
            claim(PathBuf::from(rel.as_str()), Owner::ThemeStatic { index });
        }
        for (index, file) in static_files.iter().enumerate() {
            claim(file.rel.clone(), Owner::Static { index });
        }
        claims
    }

    fn lang(&self, lang: usize) -> &str {
        &self.library.languages[lang].code
    }

    /// The address a claim takes, as it was written or made: `/vi/tin-tuc/`.
    fn address(&self, owner: Owner) -> String {
        let library = self.library;
        let language = |lang: usize| &library.languages[lang];
        let path = match owner {
            Owner::Alias { id, index } => {
                return library.page(id).source.meta.aliases[index].clone();
            }
            Owner::Chooser => SitePath::dir(Vec::<String>::new()),
            Owner::NotFound { lang: None } => SitePath::file(["404.html"]),
            Owner::NotFound { lang: Some(lang) } => language(lang).home_path.join_file("404.html"),
            Owner::Robots => SitePath::file([REPLACEABLE]),
            Owner::SitemapIndex => SitePath::file(["sitemap.xml"]),
            Owner::Redirects => SitePath::file(["_redirects"]),
            Owner::Home { lang } => language(lang).home_path.clone(),
            Owner::Sitemap { lang } => language(lang).home_path.join_file("sitemap.xml"),
            Owner::Feed {
                lang,
                section: None,
            } => feed_path(&language(lang).home_path),
            Owner::Feed {
                lang,
                section: Some(section),
            } => feed_path(&self.section_path(section, lang)),
            Owner::Listing {
                lang,
                section,
                number,
            } => frame::paged(&self.section_path(section, lang), number),
            Owner::TaxonomyList { lang, taxonomy } => {
                language(lang).taxonomies[taxonomy].path.clone()
            }
            Owner::Term {
                lang,
                taxonomy,
                term,
                number,
            } => frame::paged(
                &language(lang).taxonomies[taxonomy].terms[term].path,
                number,
            ),
            Owner::Page { id } => library.page(id).path.clone(),
            Owner::Media { asset } => media_path(&library.assets[asset].rel),
            Owner::ThemeStatic { index } => SitePath::file(self.theme_static[index].0.split('/')),
            Owner::Static { index } => {
                let rel = self.static_files[index]
                    .rel
                    .to_string_lossy()
                    .replace('\\', "/");
                SitePath::file(rel.split('/'))
            }
        };
        path.display()
    }

    fn section_path(&self, section: SectionId, lang: usize) -> SitePath {
        self.library.sections[section]
            .version(self.lang(lang))
            .expect("claimed sections exist in their language")
            .path
            .clone()
    }

    fn describe(&self, owner: Owner) -> Described {
        let library = self.library;
        let for_lang = |lang: usize| {
            format!(
                "made by mekong for the language `{}` of {CONFIG_FILE}",
                self.lang(lang)
            )
        };
        let generated = |what: String, made: String| Described {
            what,
            this: None,
            made: Some(made),
            file: PathBuf::from(CONFIG_FILE),
            at: None,
            rank: 9,
            hint: "",
        };
        let page_file = |id: PageId| library.page(id).source.display.clone();
        match owner {
            Owner::Chooser => generated("the language chooser".into(), "made by mekong".into()),
            Owner::NotFound { lang: None } => {
                generated("the 404 page".into(), "made by mekong".into())
            }
            Owner::NotFound { lang: Some(lang) } => generated(
                format!("the `{}` 404 page", self.lang(lang)),
                for_lang(lang),
            ),
            Owner::Robots => generated(
                format!("the {REPLACEABLE} mekong writes"),
                format!("static/{REPLACEABLE} may replace it"),
            ),
            Owner::SitemapIndex => generated("the sitemap index".into(), "made by mekong".into()),
            Owner::Redirects => generated(
                "the list of old addresses for web servers".into(),
                "made by mekong from the aliases".into(),
            ),
            Owner::Sitemap { lang } => generated(
                format!(
                    "the `{}` sitemap (sitemap.xml, or sitemap-1.xml, sitemap-2.xml, … when split)",
                    self.lang(lang)
                ),
                for_lang(lang),
            ),
            Owner::Feed {
                lang,
                section: None,
            } => generated(
                format!("the `{}` Atom feed", self.lang(lang)),
                for_lang(lang),
            ),
            Owner::Feed {
                lang,
                section: Some(section),
            } => Described {
                what: format!(
                    "the Atom feed of the `{}` listing of section `{}`",
                    self.lang(lang),
                    library.sections[section].name
                ),
                ..self.section_place(section, lang)
            },
            Owner::Home { lang } => {
                let code = self.lang(lang);
                match library.languages[lang].home_page {
                    Some(id) => Described {
                        what: format!("the `{code}` home page"),
                        this: None,
                        made: None,
                        file: page_file(id),
                        at: Some((1, 1)),
                        rank: 5,
                        hint: "",
                    },
                    None => generated(format!("the `{code}` home page"), for_lang(lang)),
                }
            }
            Owner::Listing {
                lang,
                section,
                number,
            } => {
                let listing = format!(
                    "the `{}` listing of section `{}`",
                    self.lang(lang),
                    library.sections[section].name
                );
                Described {
                    what: if number > 1 {
                        format!("page {number} of {listing}")
                    } else {
                        listing
                    },
                    ..self.section_place(section, lang)
                }
            }
            Owner::TaxonomyList { lang, taxonomy } => {
                let language = &library.languages[lang];
                generated(
                    format!(
                        "the `{}` list of {}",
                        language.code, language.taxonomies[taxonomy].name
                    ),
                    format!("made by mekong for `taxonomies` in {CONFIG_FILE}"),
                )
            }
            Owner::Term {
                lang,
                taxonomy,
                term,
                number,
            } => {
                let language = &library.languages[lang];
                let taxonomy = &language.taxonomies[taxonomy];
                let term = &taxonomy.terms[term];
                let page = format!(
                    "the `{}` page of `{}` in {}",
                    language.code, term.name, taxonomy.name
                );
                let what = if number > 1 {
                    format!("page {number} of {page}")
                } else {
                    page
                };
                // Where the term is written in the newest page using it: the one the
                // term's page is listed under first.
                let newest = term.pages[0];
                let source = &library.page(newest).source;
                let (_, slugs) = source.terms(&taxonomy.name);
                let at = slugs
                    .iter()
                    .position(|slug| *slug == term.slug)
                    .and_then(|i| source.term_positions(&taxonomy.name).get(i).copied());
                Described {
                    what,
                    this: None,
                    made: None,
                    file: source.display.clone(),
                    at: Some(at.unwrap_or((1, 1))),
                    rank: 3,
                    hint: "write the term differently, or give the other page another slug",
                }
            }
            Owner::Page { id } => {
                let source = &library.page(id).source;
                let (at, hint) = match source.meta.positions.slug {
                    Some(at) => (at, "give one of them another `slug:`"),
                    None => (
                        (1, 1),
                        "give one of them a `slug:` of its own, or rename its file or folder",
                    ),
                };
                Described {
                    what: "the page".into(),
                    this: Some("this page"),
                    made: None,
                    file: source.display.clone(),
                    at: Some(at),
                    rank: 1,
                    hint,
                }
            }
            Owner::Alias { id, index } => {
                let source = &library.page(id).source;
                Described {
                    what: format!("the alias `{}`", source.meta.aliases[index]),
                    this: None,
                    made: None,
                    file: source.display.clone(),
                    at: source.meta.positions.aliases.get(index).copied(),
                    rank: 0,
                    hint: "an alias keeps an old address working; it cannot take an address \
                           the site still publishes: remove it or correct it",
                }
            }
            Owner::Media { asset } => Described {
                what: "the bundle file published under /media/".into(),
                this: Some("this file (published under /media/)"),
                made: None,
                file: PathBuf::from("content").join(&library.assets[asset].rel),
                at: None,
                rank: 4,
                hint: "rename the file",
            },
            Owner::ThemeStatic { index } => Described {
                what: "the theme's static file".into(),
                this: Some("this file of the theme"),
                made: None,
                file: display_path(self.root, &self.theme_static[index].1.origin.display()),
                at: None,
                rank: 6,
                hint: "rename or move the theme's file",
            },
            Owner::Static { index } => Described {
                what: "the file".into(),
                this: Some("this file"),
                made: None,
                file: PathBuf::from("static").join(&self.static_files[index].rel),
                at: None,
                rank: 2,
                hint: "rename or move the file in static/: only static/robots.txt may \
                       replace a file mekong writes",
            },
        }
    }

    /// Where a section's listing is decided: the `slug:` of its `_index` file, that
    /// file, or (without one) the section's folder.
    fn section_place(&self, section: SectionId, lang: usize) -> Described {
        let library = self.library;
        let version = library.sections[section]
            .version(self.lang(lang))
            .expect("claimed sections exist in their language");
        match version.index_page {
            Some(id) => {
                let source = &library.page(id).source;
                debug_assert_eq!(source.role, Role::Section);
                Described {
                    what: String::new(),
                    this: None,
                    made: None,
                    file: source.display.clone(),
                    at: Some(source.meta.positions.slug.unwrap_or((1, 1))),
                    rank: if source.meta.positions.slug.is_some() {
                        3
                    } else {
                        7
                    },
                    hint: "give the section another `slug:` in this file",
                }
            }
            None => Described {
                what: String::new(),
                this: None,
                made: None,
                file: PathBuf::from("content").join(&library.sections[section].name),
                at: None,
                rank: 8,
                hint: "rename the section's folder, or give it an _index file with a `slug:`",
            },
        }
    }

    /// Two claims of one address: reported at the one an editor most likely wants to
    /// change, naming the other with its place.
    fn collision(&self, first: Owner, second: Owner) -> Diagnostic {
        let (a, b) = (self.describe(first), self.describe(second));
        // On a tie the later claim is the newcomer.
        let (here, here_owner, there, there_owner) = if a.rank < b.rank {
            (a, first, b, second)
        } else {
            (b, second, a, first)
        };
        let (address_here, address_there) = (self.address(here_owner), self.address(there_owner));
        let mut message = format!(
            "{} and {} are both published at {address_there}",
            here.here(),
            there.with_place()
        );
        if address_here != address_there {
            message.push_str(&format!("; {address_here} is the same address"));
        }
        let mut hint = String::from(if here.hint.is_empty() {
            there.hint
        } else {
            here.hint
        });
        if address_here != address_there {
            hint.push_str(
                "; addresses that differ only in upper and lower case, Unicode normalisation, \
                 percent-encoding, a trailing slash or a final index.html are one address",
            );
        }
        if hint.is_empty() {
            hint.push_str("one address can have one owner: rename one of them");
        }
        let problem = Diagnostic::error(&here.file, message).with_hint(hint);
        match here.at {
            Some((line, column)) => problem.at(line, column),
            None => problem,
        }
    }

    /// A file claimed where other claims need a folder of the same name.
    fn file_over_folder(&self, file: Owner, inside: Owner, more: usize) -> Diagnostic {
        let (f, i) = (self.describe(file), self.describe(inside));
        let (file_address, inside_address) = (self.address(file), self.address(inside));
        let others = match more {
            0 => String::new(),
            1 => " (and 1 more address)".to_string(),
            n => format!(" (and {n} more addresses)"),
        };
        let (here, message) = if f.rank <= i.rank {
            let message = format!(
                "{} is published as a file at {file_address}, but {} is published inside it, at {inside_address}{others}",
                f.here(),
                i.with_place()
            );
            (f, message)
        } else {
            let message = format!(
                "{} is published at {inside_address}{others}, inside {}, which is a file at {file_address}",
                i.here(),
                f.with_place()
            );
            (i, message)
        };
        let problem = Diagnostic::error(&here.file, message)
            .with_hint("an address cannot be a file and a folder at once: rename one of them");
        match here.at {
            Some((line, column)) => problem.at(line, column),
            None => problem,
        }
    }
}

/// Where the Atom feed of a listing (a language's home, a section) is published: the
/// one rule both this check and `render::feeds` follow.
pub(crate) fn feed_path(listing: &SitePath) -> SitePath {
    listing.join_file("atom.xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_address_share_a_key() {
        let key = |written: &str| key_of(&SitePath::parse(written).output_file());
        assert_eq!(key("/vi/Tin-Tuc/"), "vi/tin-tuc");
        assert_eq!(key("/vi/tin-tuc"), "vi/tin-tuc");
        assert_eq!(key("/vi/tin-tuc/index.html"), "vi/tin-tuc");
        assert_eq!(key("/vi/TIN-TUC/INDEX.HTML"), "vi/tin-tuc");
        // NFD `à` (a + combining grave) and NFC `à`; upper-case NFD too.
        assert_eq!(key("/vi/ca\u{300}/"), key("/vi/c\u{e0}/"));
        assert_eq!(key("/vi/CA\u{300}/"), key("/vi/c\u{e0}/"));
        assert_eq!(key("/vi/c%C3%A0/"), key("/vi/c\u{e0}/"));
        assert_eq!(key("/"), "");
        assert_eq!(key("/index.html"), "");
        assert_eq!(key("/vi/atom.xml"), "vi/atom.xml");
        assert_ne!(key("/vi/tin-tuc/"), key("/en/tin-tuc/"));
        // Lao has no case: its letters and marks stay as they are.
        assert_eq!(key("/lo/ຂ່າວ/"), "lo/ຂ່າວ");
    }

    #[test]
    fn shapes_tell_folders_from_files() {
        assert_eq!(shape_of(Path::new("vi/index.html")), Shape::Index);
        assert_eq!(shape_of(Path::new("vi/atom.xml")), Shape::File);
        assert_eq!(shape_of(Path::new("robots.txt")), Shape::File);
    }
}
