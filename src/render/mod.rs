//! Turns the library into output files: every HTML page through its template, plus
//! the files copied as they are. Pure: nothing is written here.

pub mod body;
mod views;

use std::path::PathBuf;

use rayon::prelude::*;
use tera::Value;

use crate::config::Config;
use crate::content::Role;
use crate::diagnostics::Diagnostic;
use crate::library::{Library, PageId, SectionId};
use crate::templates::{Templates, context};
use crate::url::SitePath;
pub use body::{Body, render_bodies};
use views::{list, map};

/// What goes into one output file.
#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Copied from this source file as it is.
    Copy(PathBuf),
}

#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative to the output folder.
    pub path: PathBuf,
    pub contents: Contents,
    /// The language of an HTML page, for the build summary.
    pub lang: Option<String>,
}

/// One page to render.
#[derive(Debug, Clone)]
enum Job {
    Chooser,
    NotFound {
        lang: Option<String>,
    },
    Home {
        lang: String,
    },
    Page {
        id: PageId,
    },
    Section {
        section: SectionId,
        lang: String,
        number: usize,
    },
    TaxonomyList {
        lang: String,
        taxonomy: usize,
    },
    Term {
        lang: String,
        taxonomy: usize,
        term: usize,
        number: usize,
    },
}

/// Read-only inputs of the render phase.
pub struct RenderInput<'a> {
    pub config: &'a Config,
    pub library: &'a Library,
    pub bodies: &'a [Body],
    pub templates: &'a Templates,
}

struct Shared {
    config: Value,
    summaries: Vec<Value>,
    /// Per language: `site`.
    sites: Vec<(String, Value)>,
}

/// Renders every HTML page. Errors from all pages are returned together.
pub fn render_pages(input: &RenderInput) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let RenderInput {
        config, library, ..
    } = input;
    let shared = Shared {
        config: views::config_value(config, library),
        summaries: views::summaries(library, input.bodies),
        sites: config
            .languages
            .iter()
            .map(|l| (l.code.clone(), views::site_value(config, library, &l.code)))
            .collect(),
    };
    let jobs = jobs(config, library);
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .map(|job| render_job(input, &shared, job))
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        // One broken template fails every page that uses it: report it once.
        problems.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
        problems.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.message == b.message);
        Err(problems)
    }
}

fn pages_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

fn jobs(config: &Config, library: &Library) -> Vec<Job> {
    let mut jobs = vec![Job::Chooser, Job::NotFound { lang: None }];
    for language in &library.languages {
        let lang = language.code.clone();
        jobs.push(Job::Home { lang: lang.clone() });
        jobs.push(Job::NotFound {
            lang: Some(lang.clone()),
        });
        for &section in &language.sections {
            let version = library.sections[section]
                .version(&lang)
                .expect("listed sections exist in their language");
            for number in 1..=pages_count(version.articles.len(), config.paginate) {
                jobs.push(Job::Section {
                    section,
                    lang: lang.clone(),
                    number,
                });
            }
        }
        for (t, taxonomy) in language.taxonomies.iter().enumerate() {
            jobs.push(Job::TaxonomyList {
                lang: lang.clone(),
                taxonomy: t,
            });
            for (term_index, term) in taxonomy.terms.iter().enumerate() {
                for number in 1..=pages_count(term.pages.len(), config.paginate) {
                    jobs.push(Job::Term {
                        lang: lang.clone(),
                        taxonomy: t,
                        term: term_index,
                        number,
                    });
                }
            }
        }
    }
    for (id, page) in library.pages.iter().enumerate() {
        if matches!(page.role(), Role::Article | Role::Page) {
            jobs.push(Job::Page { id });
        }
    }
    jobs
}

/// A paginated listing's address: page 1 at the listing, page N at `page/N/`.
fn paged(base: &SitePath, number: usize) -> SitePath {
    if number <= 1 {
        base.clone()
    } else {
        base.join(["page".to_string(), number.to_string()])
    }
}

/// One version of the current page in another language.
struct Version {
    lang: String,
    url: String,
}

fn render_job(input: &RenderInput, shared: &Shared, job: &Job) -> Result<OutputFile, Diagnostic> {
    let RenderInput {
        config,
        library,
        bodies,
        templates,
    } = input;
    let base = config.base_path.as_str();
    let paginate = config.paginate;
    let summaries = |ids: &[PageId]| list(ids.iter().map(|&id| shared.summaries[id].clone()));

    // Per kind: language, address, versions, template, title, description, own values.
    let mut values: Vec<(&'static str, Value)> = Vec::new();
    let (
        lang,
        path,
        versions,
        template,
        title,
        description,
        kind,
        section,
        source_file,
        og_type,
        og_image,
    ) = match job {
        Job::Chooser => {
            let lang = config.default_language.clone();
            let versions = library
                .languages
                .iter()
                .map(|l| Version {
                    lang: l.code.clone(),
                    url: l.home_url.clone(),
                })
                .collect();
            values.push(("languages", views_languages(shared)));
            let title = config
                .language(&lang)
                .map(|l| l.title.clone())
                .unwrap_or_default();
            (
                lang,
                SitePath::dir(Vec::<String>::new()),
                versions,
                "chooser.html".to_string(),
                title,
                None,
                "chooser",
                None,
                None,
                "website",
                None,
            )
        }
        Job::NotFound { lang } => {
            let code = lang
                .clone()
                .unwrap_or_else(|| config.default_language.clone());
            let path = match lang {
                Some(lang) => SitePath::file([lang.clone(), "404.html".to_string()]),
                None => SitePath::file(["404.html"]),
            };
            values.push(("languages", views_languages(shared)));
            values.push(("is_root", Value::from(lang.is_none())));
            (
                code,
                path,
                Vec::new(),
                "404.html".to_string(),
                "404".to_string(),
                None,
                "404",
                None,
                None,
                "website",
                None,
            )
        }
        Job::Home { lang } => {
            let language = library
                .language(lang)
                .expect("home of a configured language");
            let versions = library
                .languages
                .iter()
                .map(|l| Version {
                    lang: l.code.clone(),
                    url: l.home_url.clone(),
                })
                .collect();
            let home_page = language.home_page;
            let site_title = config
                .language(lang)
                .map(|l| l.title.clone())
                .unwrap_or_default();
            values.push((
                "home",
                map([
                    (
                        "title",
                        Value::from(home_page.map_or(site_title.clone(), |id| {
                            library.page(id).title().to_string()
                        })),
                    ),
                    (
                        "content",
                        Value::safe_string(home_page.map_or("", |id| bodies[id].html.as_str())),
                    ),
                ]),
            ));
            values.push((
                "latest",
                summaries(&language.articles[..language.articles.len().min(10)]),
            ));
            values.push((
                "section_blocks",
                list(language.sections.iter().filter_map(|&id| {
                    let version = library.sections[id].version(lang)?;
                    Some(map([
                        ("title", Value::from(version.title.as_str())),
                        ("url", Value::from(version.url.as_str())),
                        (
                            "pages",
                            summaries(&version.articles[..version.articles.len().min(4)]),
                        ),
                    ]))
                })),
            ));
            let description = config
                .language(lang)
                .and_then(|l| l.description.clone())
                .or_else(|| home_page.and_then(|id| bodies[id].summary.clone()));
            (
                lang.clone(),
                language.home_path.clone(),
                versions,
                "index.html".to_string(),
                site_title,
                description,
                "home",
                None,
                home_page.map(|id| library.page(id).source.display.clone()),
                "website",
                None,
            )
        }
        Job::Page { id } => {
            let page = library.page(*id);
            let versions = library
                .translations(*id)
                .iter()
                .map(|&other| Version {
                    lang: library.page(other).lang().to_string(),
                    url: library.page(other).url.clone(),
                })
                .collect();
            values.push(("page", views::page(library, bodies, *id, config)));
            values.push(("related", summaries(&library.related(*id, 4))));
            let template = page
                .source
                .meta
                .template
                .clone()
                .unwrap_or_else(|| "page.html".to_string());
            let kind = if page.role() == Role::Article {
                "article"
            } else {
                "page"
            };
            let description = page
                .source
                .meta
                .description
                .clone()
                .or_else(|| bodies[*id].summary.clone());
            let og_type = if page.role() == Role::Article {
                "article"
            } else {
                "website"
            };
            (
                page.lang().to_string(),
                page.path.clone(),
                versions,
                template,
                page.title().to_string(),
                description,
                kind,
                page.section,
                Some(page.source.display.clone()),
                og_type,
                bodies[*id].cover.as_ref().map(|c| c.url.clone()),
            )
        }
        Job::Section {
            section,
            lang,
            number,
        } => {
            let version = library.sections[*section]
                .version(lang)
                .expect("section exists in its language");
            let total = pages_count(version.articles.len(), paginate);
            let versions = library.sections[*section]
                .versions
                .iter()
                .filter(|v| *number <= pages_count(v.articles.len(), paginate))
                .map(|v| Version {
                    lang: v.lang.clone(),
                    url: paged(&v.path, *number).url(base),
                })
                .collect();
            let start = (number - 1) * paginate;
            let end = (start + paginate).min(version.articles.len());
            let index_page = version.index_page;
            let description = index_page.and_then(|id| {
                library
                    .page(id)
                    .source
                    .meta
                    .description
                    .clone()
                    .or_else(|| bodies[id].summary.clone())
            });
            values.push((
                "section",
                map([
                    ("title", Value::from(version.title.as_str())),
                    (
                        "description",
                        description.as_deref().map_or_else(Value::none, Value::from),
                    ),
                    (
                        "content",
                        Value::safe_string(index_page.map_or("", |id| bodies[id].html.as_str())),
                    ),
                    ("url", Value::from(version.url.as_str())),
                    (
                        "name",
                        Value::from(library.sections[*section].name.as_str()),
                    ),
                ]),
            ));
            values.push(("pages", summaries(&version.articles[start.min(end)..end])));
            values.push(("paginator", paginator(&version.path, *number, total, base)));
            let template = index_page
                .and_then(|id| library.page(id).source.meta.template.clone())
                .unwrap_or_else(|| "section.html".to_string());
            let title = page_title(&version.title, *number, total);
            (
                lang.clone(),
                paged(&version.path, *number),
                versions,
                template,
                title,
                description,
                "section",
                Some(*section),
                index_page.map(|id| library.page(id).source.display.clone()),
                "website",
                None,
            )
        }
        Job::TaxonomyList { lang, taxonomy } => {
            let language = library.language(lang).expect("configured language");
            let tax = &language.taxonomies[*taxonomy];
            let versions = library
                .languages
                .iter()
                .filter_map(|l| {
                    l.taxonomy(&tax.name).map(|t| Version {
                        lang: l.code.clone(),
                        url: t.url.clone(),
                    })
                })
                .collect();
            values.push((
                "taxonomy",
                map([
                    ("name", Value::from(tax.name.as_str())),
                    ("url", Value::from(tax.url.as_str())),
                ]),
            ));
            values.push((
                "terms",
                list(tax.terms.iter().map(|term| {
                    map([
                        ("name", Value::from(term.name.as_str())),
                        ("url", Value::from(term.url.as_str())),
                        ("count", Value::from(term.pages.len())),
                        ("slug", Value::from(term.slug.as_str())),
                    ])
                })),
            ));
            (
                lang.clone(),
                tax.path.clone(),
                versions,
                "taxonomy_list.html".to_string(),
                tax.name.clone(),
                None,
                "taxonomy",
                None,
                None,
                "website",
                None,
            )
        }
        Job::Term {
            lang,
            taxonomy,
            term,
            number,
        } => {
            let language = library.language(lang).expect("configured language");
            let tax = &language.taxonomies[*taxonomy];
            let term = &tax.terms[*term];
            let total = pages_count(term.pages.len(), paginate);
            let path = paged(&term.path, *number);
            let versions = vec![Version {
                lang: lang.clone(),
                url: path.url(base),
            }];
            let start = (number - 1) * paginate;
            let end = (start + paginate).min(term.pages.len());
            values.push((
                "taxonomy",
                map([
                    ("name", Value::from(tax.name.as_str())),
                    ("url", Value::from(tax.url.as_str())),
                ]),
            ));
            values.push((
                "term",
                map([
                    ("name", Value::from(term.name.as_str())),
                    ("url", Value::from(term.url.as_str())),
                    ("count", Value::from(term.pages.len())),
                    ("slug", Value::from(term.slug.as_str())),
                ]),
            ));
            values.push(("pages", summaries(&term.pages[start.min(end)..end])));
            values.push(("paginator", paginator(&term.path, *number, total, base)));
            let title = page_title(&term.name, *number, total);
            (
                lang.clone(),
                path,
                versions,
                "taxonomy_single.html".to_string(),
                title,
                None,
                "term",
                None,
                None,
                "website",
                None,
            )
        }
    };

    let language = config.language(&lang);
    let site_title = language.map(|l| l.title.as_str()).unwrap_or("");
    let full_title =
        if title.is_empty() || title == site_title || kind == "home" || kind == "chooser" {
            site_title.to_string()
        } else {
            format!("{title} | {site_title}")
        };
    let description = description
        .or_else(|| language.and_then(|l| l.description.clone()))
        .unwrap_or_else(|| site_title.to_string());
    let url = path.url(base);
    let canonical = config.absolute(&url);
    let chooser_url = config.absolute(&SitePath::dir(Vec::<String>::new()).url(base));

    // hreflang: every existing version, then x-default.
    let mut alternates: Vec<Value> = versions
        .iter()
        .map(|v| {
            map([
                ("hreflang", Value::from(v.lang.as_str())),
                ("href", Value::from(config.absolute(&v.url))),
            ])
        })
        .collect();
    if !versions.is_empty() {
        let x_default = if matches!(job, Job::Home { .. } | Job::Chooser) {
            chooser_url.clone()
        } else {
            let chosen = versions
                .iter()
                .find(|v| v.lang == config.default_language)
                .unwrap_or(&versions[0]);
            config.absolute(&chosen.url)
        };
        alternates.push(map([
            ("hreflang", Value::from("x-default")),
            ("href", Value::from(x_default)),
        ]));
    }
    let og_image = og_image
        .or_else(|| {
            config
                .og_image
                .as_ref()
                .map(|p| format!("{}/{}", base, p.trim_start_matches('/')))
        })
        .map(|u| config.absolute(&u));
    let locale = language.map(|l| l.og_locale()).unwrap_or_default();
    let locale_alternates = list(
        versions
            .iter()
            .filter(|v| v.lang != lang)
            .filter_map(|v| config.language(&v.lang).map(|l| Value::from(l.og_locale()))),
    );
    let head = map([
        ("title", Value::from(full_title.clone())),
        ("description", Value::from(description.clone())),
        ("canonical", Value::from(canonical.clone())),
        ("alternates", list(alternates)),
        (
            "og",
            map([
                (
                    "title",
                    Value::from(if kind == "home" || kind == "chooser" {
                        site_title.to_string()
                    } else {
                        title.clone()
                    }),
                ),
                ("description", Value::from(description)),
                ("url", Value::from(canonical)),
                ("type", Value::from(og_type)),
                ("locale", Value::from(locale)),
                ("locale_alternates", locale_alternates),
                ("image", og_image.map_or_else(Value::none, Value::from)),
                ("image_width", Value::none()),
                ("image_height", Value::none()),
                ("site_name", Value::from(site_title)),
            ]),
        ),
        ("json_ld", Value::none()),
        ("noindex", Value::from(kind == "404")),
    ]);

    // The switcher: the same content in each language, else that language's home.
    let switcher = list(config.languages.iter().map(|l| {
        let version = versions.iter().find(|v| v.lang == l.code);
        let home = library
            .language(&l.code)
            .map(|li| li.home_url.clone())
            .unwrap_or_default();
        map([
            ("code", Value::from(l.code.as_str())),
            ("name", Value::from(l.name.as_str())),
            ("url", Value::from(version.map_or(home, |v| v.url.clone()))),
            ("current", Value::from(l.code == lang)),
            ("translated", Value::from(version.is_some())),
        ])
    }));

    let site = shared
        .sites
        .iter()
        .find(|(code, _)| *code == lang)
        .map(|(_, site)| site.clone())
        .unwrap_or_else(Value::none);
    let mut all = vec![
        ("lang", Value::from(lang.as_str())),
        (
            "lang_name",
            Value::from(language.map_or("", |l| l.name.as_str())),
        ),
        (
            "locale",
            Value::from(language.map(|l| l.og_locale()).unwrap_or_default()),
        ),
        ("kind", Value::from(kind)),
        ("site", site),
        ("config", shared.config.clone()),
        ("nav", views::nav(library, &lang, section)),
        ("switcher", switcher),
        ("head", head),
        ("current_path", Value::from(url)),
    ];
    all.extend(values);
    let context = context(all);
    if !templates.has(&template) {
        let file = source_file.unwrap_or_else(|| PathBuf::from("themes"));
        return Err(
            Diagnostic::error(file, format!("the template `{template}` does not exist"))
                .with_hint("name a template of the theme, e.g. template: page.html"),
        );
    }
    let html = templates
        .render(&template, &context)
        .map_err(|mut problem| {
            if let Some(source) = &source_file {
                problem.message = format!("{} (rendering {})", problem.message, source.display());
            }
            problem
        })?;
    Ok(OutputFile {
        path: path.output_file(),
        contents: Contents::Bytes(html.into_bytes()),
        lang: Some(lang),
    })
}

fn views_languages(shared: &Shared) -> Value {
    shared
        .config
        .as_map()
        .and_then(|m| m.get(&tera::value::Key::Str("languages")).cloned())
        .unwrap_or_else(|| list([]))
}

fn page_title(title: &str, number: usize, total: usize) -> String {
    if number > 1 {
        format!("{title} ({number}/{total})")
    } else {
        title.to_string()
    }
}

fn paginator(base: &SitePath, current: usize, total: usize, base_path: &str) -> Value {
    if total <= 1 {
        return Value::none();
    }
    let url = |n: usize| paged(base, n).url(base_path);
    map([
        ("current", Value::from(current)),
        ("total", Value::from(total)),
        (
            "prev",
            if current > 1 {
                Value::from(url(current - 1))
            } else {
                Value::none()
            },
        ),
        (
            "next",
            if current < total {
                Value::from(url(current + 1))
            } else {
                Value::none()
            },
        ),
        (
            "pages",
            // A window around the current page plus both ends: long listings stay linear.
            list(
                (1..=total)
                    .filter(|&n| n == 1 || n == total || n.abs_diff(current) <= 2)
                    .map(|n| {
                        map([
                            ("number", Value::from(n)),
                            ("url", Value::from(url(n))),
                            ("current", Value::from(n == current)),
                        ])
                    }),
            ),
        ),
    ])
}
