//! What each source claims: the pages the plan makes, the machine-readable files beside
//! them, aliases, bundle files, the theme's and the site's static files — and the
//! address each claim takes, as it was written or made.

use std::path::{Path, PathBuf};

use crate::images::is_image_name;
use crate::plan::{self, Job, media_path};
use crate::url::SitePath;

use super::keys::{Shape, key_of, shape_of};
use super::{Owner, REPLACEABLE, SectionId, Sources, feed_path};

/// One claim: the address's canonical key, who claims it, and its shape.
pub(super) type Claim = (String, Owner, Shape);

/// Claims in the order they are made.
struct Claims(Vec<Claim>);

impl Claims {
    fn claim(&mut self, path: PathBuf, owner: Owner) {
        let shape = shape_of(&path);
        self.0.push((key_of(&path), owner, shape));
    }
}

impl Sources<'_> {
    /// Every claim, in a stable order: generated files and pages first, then what
    /// editors add beside them (aliases, bundle files, static files).
    pub(super) fn claims(&self) -> Vec<Claim> {
        let mut claims = Claims(Vec::with_capacity(self.library.pages.len() * 2 + 64));
        self.claim_planned_pages(&mut claims);
        self.claim_site_files(&mut claims);
        self.claim_language_files(&mut claims);
        self.claim_aliases(&mut claims);
        self.claim_media(&mut claims);
        self.claim_theme_static(&mut claims);
        self.claim_static(&mut claims);
        claims.0
    }

    /// Every HTML page the plan renders: chooser, 404s, homes, pages, listings, term
    /// lists and term pages with their pagination.
    fn claim_planned_pages(&self, claims: &mut Claims) {
        let library = self.library;
        for job in plan::jobs(self.config, library) {
            let owner = self.owner_of(&job);
            claims.claim(job.path(library).output_file(), owner);
        }
    }

    fn owner_of(&self, job: &Job) -> Owner {
        let lang_index = |code: &str| self.lang_index(code);
        match job {
            Job::Chooser => Owner::Chooser,
            Job::NotFound { lang } => Owner::NotFound {
                lang: lang.as_deref().map(lang_index),
            },
            Job::Home { lang } => Owner::Home {
                lang: lang_index(lang),
            },
            Job::Search { lang } => Owner::Search {
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
            Job::Archive {
                lang,
                period,
                number,
            } => Owner::Archive {
                lang: lang_index(lang),
                period: *period,
                number: *number,
            },
            Job::Registry {
                lang,
                filter,
                number,
            } => Owner::Registry {
                lang: lang_index(lang),
                filter: *filter,
                number: *number,
            },
        }
    }

    fn lang_index(&self, code: &str) -> usize {
        self.library
            .languages
            .iter()
            .position(|l| l.code == code)
            .expect("pages are in configured languages")
    }

    /// Machine-readable files of the whole site, where `render` puts them (feeds.rs,
    /// sitemap.rs, aliases.rs); `site::render_site` asserts in debug builds that every
    /// file it writes was claimed here, so the two cannot drift apart unnoticed.
    fn claim_site_files(&self, claims: &mut Claims) {
        claims.claim(PathBuf::from("sitemap.xml"), Owner::SitemapIndex);
        claims.claim(PathBuf::from("_redirects"), Owner::Redirects);
        let robots_replaced = self
            .static_files
            .iter()
            .any(|file| file.rel == Path::new(REPLACEABLE));
        if !robots_replaced {
            claims.claim(PathBuf::from(REPLACEABLE), Owner::Robots);
        }
    }

    /// Each language's sitemap and feed, and the feed of each of its sections.
    fn claim_language_files(&self, claims: &mut Claims) {
        let library = self.library;
        for (lang, language) in library.languages.iter().enumerate() {
            claims.claim(
                language.home_path.join_file("sitemap.xml").output_file(),
                Owner::Sitemap { lang },
            );
            claims.claim(
                feed_path(&language.home_path).output_file(),
                Owner::Feed {
                    lang,
                    section: None,
                },
            );
            if let Some(registry) = &language.registry {
                claims.claim(
                    registry.export_path().output_file(),
                    Owner::RegistryExport { lang },
                );
            }
            for &section in &language.sections {
                let version = library.sections[section]
                    .version(&language.code)
                    .expect("listed sections exist in their language");
                claims.claim(
                    feed_path(&version.path).output_file(),
                    Owner::Feed {
                        lang,
                        section: Some(section),
                    },
                );
            }
        }
    }

    /// The old addresses pages keep with `aliases:`.
    fn claim_aliases(&self, claims: &mut Claims) {
        for (id, page) in self.library.pages.iter().enumerate() {
            for (index, alias) in page.source.meta.aliases.iter().enumerate() {
                claims.claim(
                    SitePath::parse(alias).output_file(),
                    Owner::Alias { id, index },
                );
            }
        }
    }

    /// Bundle files other than pictures, published under /media/.
    fn claim_media(&self, claims: &mut Claims) {
        for (asset, file) in self.library.assets.iter().enumerate() {
            // Pictures are published as variants under /img/, never under /media/.
            if !is_image_name(&file.rel) {
                claims.claim(media_path(&file.rel).output_file(), Owner::Media { asset });
            }
        }
    }

    /// The theme's static files the site does not replace.
    fn claim_theme_static(&self, claims: &mut Claims) {
        for (index, (rel, _)) in self.theme_static.iter().enumerate() {
            claims.claim(PathBuf::from(rel.as_str()), Owner::ThemeStatic { index });
        }
    }

    /// The site's `static/` files.
    fn claim_static(&self, claims: &mut Claims) {
        for (index, file) in self.static_files.iter().enumerate() {
            claims.claim(file.rel.clone(), Owner::Static { index });
        }
    }

    /// The address a claim takes, as it was written or made: `/vi/tin-tuc/`.
    pub(super) fn address(&self, owner: Owner) -> String {
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
            Owner::Search { lang } => plan::search_path(&language(lang).home_path),
            Owner::SearchIndex { lang } => plan::search_bundle(&language(lang).home_path),
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
            } => plan::paged(&self.section_path(section, lang), number),
            Owner::TaxonomyList { lang, taxonomy } => {
                language(lang).taxonomies[taxonomy].path.clone()
            }
            Owner::Term {
                lang,
                taxonomy,
                term,
                number,
            } => plan::paged(
                &language(lang).taxonomies[taxonomy].terms[term].path,
                number,
            ),
            Owner::Archive {
                lang,
                period,
                number,
            } => {
                let archive = language(lang)
                    .archive
                    .as_ref()
                    .expect("archive pages are claimed for languages with an archive");
                plan::paged(&archive.path_of(period), number)
            }
            Owner::Registry {
                lang,
                filter,
                number,
            } => plan::paged(
                &plan::registry_page(library, &language(lang).code, filter).path,
                number,
            ),
            Owner::RegistryExport { lang } => language(lang)
                .registry
                .as_ref()
                .expect("exports are claimed for languages with a registry")
                .export_path(),
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
}
