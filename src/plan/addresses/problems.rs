//! How a problem between claims is told: each claim described with the file (and line)
//! where an editor can change it, and the two kinds of problem — one address claimed
//! twice, and a file standing where a folder must be.

use std::path::PathBuf;

use crate::config::CONFIG_FILE;
use crate::content::{At, Role};
use crate::diagnostics::{Diagnostic, display_path};

use super::{Filter, Owner, PageId, Period, REPLACEABLE, SectionId, Sources};

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

/// A file mekong makes from `site.yaml` alone: reported at that file, and the least
/// likely to be the claim an editor wants to change.
fn generated(what: String, made: String) -> Described {
    Described {
        what,
        this: None,
        made: Some(made),
        file: PathBuf::from(CONFIG_FILE),
        at: None,
        rank: 9,
        hint: "",
    }
}

impl Sources<'_> {
    /// What a claim is and where it is written; one function per kind of source, the
    /// files mekong makes on its own written out here.
    fn describe(&self, owner: Owner) -> Described {
        match owner {
            Owner::Chooser => generated("the language chooser".into(), "made by mekong".into()),
            Owner::NotFound { lang: None } => {
                generated("the 404 page".into(), "made by mekong".into())
            }
            Owner::NotFound { lang: Some(lang) } => generated(
                format!("the `{}` 404 page", self.lang(lang)),
                self.for_lang(lang),
            ),
            Owner::Search { lang } => generated(
                format!("the `{}` search page", self.lang(lang)),
                format!("{} (`search: false` turns it off)", self.for_lang(lang)),
            ),
            Owner::SearchIndex { lang } => generated(
                format!(
                    "the `{}` search index (every file in its folder `{}/`)",
                    self.lang(lang),
                    crate::plan::SEARCH_BUNDLE
                ),
                format!("{} (`search: false` turns it off)", self.for_lang(lang)),
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
                self.for_lang(lang),
            ),
            Owner::Feed {
                lang,
                section: None,
            } => generated(
                format!("the `{}` Atom feed", self.lang(lang)),
                self.for_lang(lang),
            ),
            Owner::Feed {
                lang,
                section: Some(section),
            } => self.describe_section_feed(section, lang),
            Owner::Home { lang } => self.describe_home(lang),
            Owner::Listing {
                lang,
                section,
                number,
            } => self.describe_listing(section, lang, number),
            Owner::TaxonomyList { lang, taxonomy } => self.describe_taxonomy_list(lang, taxonomy),
            Owner::Term {
                lang,
                taxonomy,
                term,
                number,
            } => self.describe_term(lang, taxonomy, term, number),
            Owner::Archive {
                lang,
                period,
                number,
            } => self.describe_archive(lang, period, number),
            Owner::Registry {
                lang,
                filter,
                number,
            } => self.describe_registry(lang, filter, number),
            Owner::RegistryExport { lang } => generated(
                format!("the `{}` documents registry's index.json", self.lang(lang)),
                format!("made by mekong for `documents` in {CONFIG_FILE}"),
            ),
            Owner::Page { id } => self.describe_page(id),
            Owner::Alias { id, index } => self.describe_alias(id, index),
            Owner::Media { asset } => self.describe_media(asset),
            Owner::ThemeStatic { index } => self.describe_theme_static(index),
            Owner::Static { index } => self.describe_static(index),
        }
    }

    /// Why mekong makes a file for one language.
    fn for_lang(&self, lang: usize) -> String {
        format!(
            "made by mekong for the language `{}` of {CONFIG_FILE}",
            self.lang(lang)
        )
    }

    fn describe_section_feed(&self, section: SectionId, lang: usize) -> Described {
        Described {
            what: format!(
                "the Atom feed of the `{}` listing of section `{}`",
                self.lang(lang),
                self.library.sections[section].name
            ),
            ..self.section_place(section, lang)
        }
    }

    /// A language's home: its `_index` file when written, else made by mekong.
    fn describe_home(&self, lang: usize) -> Described {
        let code = self.lang(lang);
        match self.library.languages[lang].home_page {
            Some(id) => Described {
                what: format!("the `{code}` home page"),
                this: None,
                made: None,
                file: self.page_file(id),
                at: Some((1, 1)),
                rank: 5,
                hint: "",
            },
            None => generated(format!("the `{code}` home page"), self.for_lang(lang)),
        }
    }

    fn page_file(&self, id: PageId) -> PathBuf {
        self.library.page(id).source.display.clone()
    }

    fn describe_listing(&self, section: SectionId, lang: usize, number: usize) -> Described {
        let listing = format!(
            "the `{}` listing of section `{}`",
            self.lang(lang),
            self.library.sections[section].name
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

    fn describe_taxonomy_list(&self, lang: usize, taxonomy: usize) -> Described {
        let language = &self.library.languages[lang];
        generated(
            format!(
                "the `{}` list of {}",
                language.code, language.taxonomies[taxonomy].name
            ),
            format!("made by mekong for `taxonomies` in {CONFIG_FILE}"),
        )
    }

    fn describe_term(&self, lang: usize, taxonomy: usize, term: usize, number: usize) -> Described {
        let library = self.library;
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
        // Where the term is written in the newest page using it: the one the term's
        // page is listed under first.
        let newest = term.pages[0];
        let source = &library.page(newest).source;
        let (_, slugs) = source.terms(&taxonomy.name);
        let at = slugs
            .iter()
            .position(|slug| library.term_slug(&taxonomy.name, &language.code, slug) == term.slug)
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

    fn describe_archive(&self, lang: usize, period: Period, number: usize) -> Described {
        let code = self.lang(lang);
        let page = match period.segments().join("/") {
            when if when.is_empty() => format!("the `{code}` news archive"),
            when => format!("the `{code}` news archive page of {when}"),
        };
        generated(
            if number > 1 {
                format!("page {number} of {page}")
            } else {
                page
            },
            format!("made by mekong for `archive` in {CONFIG_FILE} (archive: false turns it off)"),
        )
    }

    fn describe_registry(&self, lang: usize, filter: Filter, number: usize) -> Described {
        let code = self.lang(lang);
        let settings = self.config.documents.as_ref();
        let page = match filter {
            Filter::All => format!("the `{code}` documents registry"),
            Filter::Kind(k) => format!(
                "the `{code}` documents registry's page of the kind `{}`",
                settings.map_or("", |s| s.kinds[k].key.as_str())
            ),
            Filter::Issuer(i) => format!(
                "the `{code}` documents registry's page of the issuer `{}`",
                settings.map_or("", |s| s.issuers[i].as_str())
            ),
            Filter::Year(y) => format!("the `{code}` documents registry's page of {y}"),
        };
        generated(
            if number > 1 {
                format!("page {number} of {page}")
            } else {
                page
            },
            format!(
                "made by mekong for `documents` in {CONFIG_FILE}: kinds, issuers and years each get a page in the registry"
            ),
        )
    }

    fn describe_page(&self, id: PageId) -> Described {
        let source = &self.library.page(id).source;
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

    fn describe_alias(&self, id: PageId, index: usize) -> Described {
        let source = &self.library.page(id).source;
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

    fn describe_media(&self, asset: usize) -> Described {
        Described {
            what: "the bundle file published under /media/".into(),
            this: Some("this file (published under /media/)"),
            made: None,
            file: PathBuf::from("content").join(&self.library.assets[asset].rel),
            at: None,
            rank: 4,
            hint: "rename the file",
        }
    }

    fn describe_theme_static(&self, index: usize) -> Described {
        Described {
            what: "the theme's static file".into(),
            this: Some("this file of the theme"),
            made: None,
            file: display_path(self.root, &self.theme_static[index].1.origin.display()),
            at: None,
            rank: 6,
            hint: "rename or move the theme's file",
        }
    }

    fn describe_static(&self, index: usize) -> Described {
        Described {
            what: "the file".into(),
            this: Some("this file"),
            made: None,
            file: PathBuf::from("static").join(&self.static_files[index].rel),
            at: None,
            rank: 2,
            hint: "rename or move the file in static/: only static/robots.txt may \
                   replace a file mekong writes",
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
    pub(super) fn collision(&self, first: Owner, second: Owner) -> Diagnostic {
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
    pub(super) fn file_over_folder(&self, file: Owner, inside: Owner, more: usize) -> Diagnostic {
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
