//! Turns the library into output files: every HTML page through its template, sitemaps,
//! feeds, alias pages and robots.txt. Pure: nothing is written here.

mod aliases;
pub mod body;
mod feeds;
mod fingerprint;
pub(crate) mod frame;
pub(crate) mod picture;
mod sitemap;
mod views;

use std::sync::Arc;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tera::Value;

use crate::config::Config;
use crate::content::hash64;
use crate::diagnostics::Diagnostic;
use crate::i18n::I18n;
use crate::library::{Library, PageId};
use crate::templates::{Templates, context};
pub use body::{Body, render_bodies};
use frame::{Frame, Job, Kind, paged, pages_count};
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

impl OutputFile {
    fn bytes(path: PathBuf, bytes: Vec<u8>, lang: Option<String>) -> OutputFile {
        OutputFile {
            path,
            contents: Contents::Bytes(bytes),
            lang,
        }
    }
}

/// Read-only inputs of the render phase.
pub struct RenderInput<'a> {
    pub config: &'a Config,
    pub library: &'a Library,
    pub bodies: &'a [Arc<Body>],
    pub templates: &'a Templates,
    pub i18n: &'a I18n,
    /// Changes when templates, interface strings or settings do: every page depends on it.
    pub epoch: u64,
    /// The share card of pages without a cover.
    pub default_card: Option<&'a body::Image>,
}

/// What each page was rendered from, by output file: a page whose fingerprint did not
/// change since the previous build is not rendered again.
pub type Fingerprints = HashMap<PathBuf, u64>;

/// Values many pages share, built once.
struct Shared {
    config: Value,
    languages: Value,
    /// Each page as listings show it, made the first time a listing needs it.
    summaries: Vec<std::sync::OnceLock<Value>>,
    /// Per language: `site`.
    sites: Vec<(String, Value)>,
}

/// How many pages are rendered before they are handed on to be written: bounds memory.
const CHUNK: usize = 1024;

/// Every page of one render with what it was made from. `serve` keeps it, so that an
/// edit which leaves the indexes as they were recomputes only the pages showing what
/// changed (see [`rerender`]).
pub struct PageSet {
    jobs: Vec<Job>,
    frames: Vec<Frame>,
    fingerprints: Vec<u64>,
    epoch: u64,
    shared: Shared,
    /// By page id: the jobs that show that page's content. Made by [`PageSet::index_readers`].
    readers: Vec<Vec<u32>>,
}

impl PageSet {
    /// Notes which pages each page shows, for [`rerender`].
    pub fn index_readers(&mut self, config: &Config, library: &Library) {
        let reads: Vec<Vec<PageId>> = self
            .jobs
            .par_iter()
            .map(|job| fingerprint::reads(job, config, library))
            .collect();
        let mut readers = vec![Vec::new(); library.pages.len()];
        for (job, ids) in reads.iter().enumerate() {
            for &id in ids {
                let job = u32::try_from(job).expect("fewer than 4 billion pages");
                if readers[id].last() != Some(&job) {
                    readers[id].push(job);
                }
            }
        }
        self.readers = readers;
    }
}

/// Renders every page and machine-readable file, handing them to `emit` in chunks as
/// they are ready. Once a problem is found nothing more is emitted, but rendering goes
/// on so that every problem is reported together.
pub fn render_site_files(
    input: &RenderInput,
    previous: &Fingerprints,
    emit: &mut dyn FnMut(Vec<OutputFile>) -> std::io::Result<()>,
) -> Result<(Fingerprints, PageSet), RenderFailure> {
    let RenderInput {
        config, library, ..
    } = input;
    let config_value = views::config_value(config, library);
    let languages = config_value
        .as_map()
        .and_then(|m| m.get(&tera::value::Key::Str("languages")).cloned())
        .unwrap_or_else(|| list([]));
    let shared = Shared {
        config: config_value,
        languages,
        summaries: (0..library.pages.len())
            .map(|_| std::sync::OnceLock::new())
            .collect(),
        sites: config
            .languages
            .iter()
            .map(|l| (l.code.clone(), views::site_value(config, library, &l.code)))
            .collect(),
    };
    let jobs = frame::jobs(config, library);
    let frames: Vec<Frame> = jobs
        .par_iter()
        .map(|job| localize(job.frame(config, library, input.bodies), job, input))
        .collect();
    let epoch = hash64(&(input.epoch, fingerprint::site_epoch(library)));
    let fingerprints: Vec<u64> = jobs
        .par_iter()
        .zip(frames.par_iter())
        .map(|(job, frame)| fingerprint::fingerprint(job, frame, input, epoch))
        .collect();
    let mut problems = Vec::new();
    let mut rendered = Fingerprints::with_capacity(jobs.len());
    for ((jobs, frames), fingerprints) in jobs
        .chunks(CHUNK)
        .zip(frames.chunks(CHUNK))
        .zip(fingerprints.chunks(CHUNK))
    {
        let results: Vec<Option<Result<OutputFile, Diagnostic>>> = jobs
            .par_iter()
            .zip(frames.par_iter())
            .zip(fingerprints.par_iter())
            .map(|((job, frame), fingerprint)| {
                let unchanged = previous.get(&frame.path.output_file()) == Some(fingerprint);
                (!unchanged).then(|| render_page(input, &shared, job, frame))
            })
            .collect();
        for (frame, fingerprint) in frames.iter().zip(fingerprints) {
            rendered.insert(frame.path.output_file(), *fingerprint);
        }
        let mut files = Vec::with_capacity(results.len());
        for result in results.into_iter().flatten() {
            match result {
                Ok(file) => files.push(file),
                Err(problem) => problems.push(problem),
            }
        }
        if problems.is_empty() {
            emit(files).map_err(RenderFailure::Io)?;
        }
    }
    if !problems.is_empty() {
        return Err(RenderFailure::Problems(once_each(problems)));
    }
    // Machine-readable files, each skipped when what it is made of did not change.
    let (key, made) = sitemaps(config, &frames, epoch, previous);
    note_sitemaps(key, &made, previous, &mut rendered);
    let mut files = made.unwrap_or_default();
    for (path, key, file) in feeds::feeds(config, library, input.bodies, epoch, previous) {
        rendered.insert(path, key);
        files.extend(file);
    }
    files.push(sitemap::robots(config));
    files.extend(aliases::aliases(config, library));
    emit(files).map_err(RenderFailure::Io)?;
    let pages = PageSet {
        jobs,
        frames,
        fingerprints,
        epoch,
        shared,
        readers: Vec::new(),
    };
    Ok((rendered, pages))
}

/// Re-renders what shows the `changed` pages after their content (not their place in
/// the indexes) changed and `input` was brought up to date: their own pages, listings,
/// related lists, feeds, and sitemaps if a date moved. `previous` is updated; `pages`
/// too, but only when everything rendered.
pub fn rerender(
    input: &RenderInput,
    pages: &mut PageSet,
    changed: &[PageId],
    previous: &mut Fingerprints,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let RenderInput {
        config, library, ..
    } = input;
    for &id in changed {
        pages.shared.summaries[id] = std::sync::OnceLock::new();
    }
    let mut affected: Vec<usize> = changed
        .iter()
        .flat_map(|&id| pages.readers[id].iter().map(|&job| job as usize))
        .collect();
    affected.sort_unstable();
    affected.dedup();
    let set = &*pages;
    type Redone = (usize, Frame, u64, Option<Result<OutputFile, Diagnostic>>);
    let redone: Vec<Redone> = affected
        .par_iter()
        .map(|&index| {
            let job = &set.jobs[index];
            let frame = localize(job.frame(config, library, input.bodies), job, input);
            let fingerprint = fingerprint::fingerprint(job, &frame, input, set.epoch);
            let file = (fingerprint != set.fingerprints[index])
                .then(|| render_page(input, &set.shared, job, &frame));
            (index, frame, fingerprint, file)
        })
        .collect();
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut sitemaps_moved = false;
    let mut updates = Vec::with_capacity(redone.len());
    for (index, frame, fingerprint, file) in redone {
        match file {
            Some(Ok(file)) => files.push(file),
            Some(Err(problem)) => problems.push(problem),
            None => {}
        }
        sitemaps_moved |=
            fingerprint::sitemap_part(&frame) != fingerprint::sitemap_part(&set.frames[index]);
        updates.push((index, frame, fingerprint));
    }
    if !problems.is_empty() {
        return Err(once_each(problems));
    }
    for (index, frame, fingerprint) in updates {
        previous.insert(frame.path.output_file(), fingerprint);
        pages.frames[index] = frame;
        pages.fingerprints[index] = fingerprint;
    }
    if sitemaps_moved {
        let (key, made) = sitemaps(config, &pages.frames, pages.epoch, previous);
        if let Some(made) = made {
            for file in &made {
                previous.insert(file.path.clone(), key);
            }
            files.extend(made);
        }
        previous.insert(PathBuf::from(SITEMAP_KEY), key);
    }
    for (path, key, file) in feeds::feeds(config, library, input.bodies, pages.epoch, previous) {
        previous.insert(path, key);
        files.extend(file);
    }
    Ok(files)
}

/// One broken template fails every page that uses it: each problem is reported once.
fn once_each(mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    problems.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
    problems.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.message == b.message);
    problems
}

/// The sitemaps' key, and the sitemaps themselves unless that key is in `previous`.
fn sitemaps(
    config: &Config,
    frames: &[Frame],
    epoch: u64,
    previous: &Fingerprints,
) -> (u64, Option<Vec<OutputFile>>) {
    let key = hash64(&(epoch, fingerprint::sitemap_inputs(frames)));
    let files = (previous.get(Path::new(SITEMAP_KEY)) != Some(&key))
        .then(|| sitemap::sitemaps(config, frames));
    (key, files)
}

/// Notes the sitemaps' key in `rendered`, and each sitemap's: the new files' when they
/// were made, else the ones `previous` had.
fn note_sitemaps(
    key: u64,
    files: &Option<Vec<OutputFile>>,
    previous: &Fingerprints,
    rendered: &mut Fingerprints,
) {
    match files {
        Some(files) => {
            for file in files {
                rendered.insert(file.path.clone(), key);
            }
        }
        None => {
            for (path, key) in previous {
                if sitemap::is_sitemap(path) {
                    rendered.insert(path.clone(), *key);
                }
            }
        }
    }
    rendered.insert(PathBuf::from(SITEMAP_KEY), key);
}

/// Where the fingerprint of all sitemaps is kept among the pages' (no file has this name).
const SITEMAP_KEY: &str = ".sitemaps";

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderFailure {
    Problems(Vec<Diagnostic>),
    Io(std::io::Error),
}

/// Titles that come from interface strings rather than content.
fn localize(mut frame: Frame, job: &Job, input: &RenderInput) -> Frame {
    let key = match job {
        Job::TaxonomyList { .. } => format!("taxonomy-{}", frame.title),
        Job::NotFound { .. } => "not-found-title".to_string(),
        _ => return frame,
    };
    if let Some(title) = input.i18n.translate(&frame.lang, &key, None) {
        frame.title = title;
    }
    frame
}

fn render_page(
    input: &RenderInput,
    shared: &Shared,
    job: &Job,
    frame: &Frame,
) -> Result<OutputFile, Diagnostic> {
    let RenderInput {
        config,
        library,
        bodies,
        templates,
        ..
    } = input;
    let base = config.base_path.as_str();
    let paginate = config.paginate;
    let summaries = |ids: &[PageId]| {
        list(ids.iter().map(|&id| {
            shared.summaries[id]
                .get_or_init(|| views::summary(library, bodies, id))
                .clone()
        }))
    };
    let slice = |ids: &[PageId], number: usize| {
        let start = ((number - 1) * paginate).min(ids.len());
        let end = (start + paginate).min(ids.len());
        summaries(&ids[start..end])
    };
    let lang = frame.lang.as_str();

    let mut values: Vec<(&'static str, Value)> = Vec::new();
    let mut og_image = None;
    let mut json_ld = None;
    match job {
        Job::Chooser => values.push(("languages", shared.languages.clone())),
        Job::NotFound { lang: own } => {
            values.push(("languages", shared.languages.clone()));
            values.push(("is_root", Value::from(own.is_none())));
        }
        Job::Home { .. } => {
            let language = library.language(lang).expect("configured language");
            let home_page = language.home_page;
            values.push((
                "home",
                map([
                    (
                        "title",
                        Value::from(
                            home_page.map_or(frame.title.as_str(), |id| library.page(id).title()),
                        ),
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
            json_ld = Some(structured::website(config, lang, &frame.path.url(base)));
        }
        Job::Page { id } => {
            values.push(("page", views::page(library, bodies, *id, config)));
            values.push(("related", summaries(&library.related(*id, 4))));
            og_image = bodies[*id].cover.as_ref().and_then(|c| c.card.clone());
            if frame.kind == Kind::Article {
                json_ld = Some(structured::news_article(config, library, bodies, *id));
            }
        }
        Job::Section {
            section, number, ..
        } => {
            let version = library.sections[*section]
                .version(lang)
                .expect("section exists");
            let total = pages_count(version.articles.len(), paginate);
            let index_page = version.index_page;
            values.push((
                "section",
                map([
                    ("title", Value::from(version.title.as_str())),
                    (
                        "description",
                        frame
                            .description
                            .as_deref()
                            .map_or_else(Value::none, Value::from),
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
            values.push(("pages", slice(&version.articles, *number)));
            values.push(("paginator", paginator(&version.path, *number, total, base)));
        }
        Job::TaxonomyList { taxonomy, .. } => {
            let tax = &library
                .language(lang)
                .expect("configured language")
                .taxonomies[*taxonomy];
            values.push(("taxonomy", views::taxonomy(tax)));
            values.push(("terms", list(tax.terms.iter().map(views::term))));
        }
        Job::Term {
            taxonomy,
            term,
            number,
            ..
        } => {
            let tax = &library
                .language(lang)
                .expect("configured language")
                .taxonomies[*taxonomy];
            let term = &tax.terms[*term];
            let total = pages_count(term.pages.len(), paginate);
            values.push(("taxonomy", views::taxonomy(tax)));
            values.push(("term", views::term(term)));
            values.push(("pages", slice(&term.pages, *number)));
            values.push(("paginator", paginator(&term.path, *number, total, base)));
        }
    }

    let language = config.language(lang);
    let site_title = language.map(|l| l.title.as_str()).unwrap_or("");
    let is_home = matches!(frame.kind, Kind::Home | Kind::Chooser);
    let full_title = if is_home || frame.title.is_empty() {
        site_title.to_string()
    } else {
        format!("{} | {site_title}", frame.title)
    };
    let description = frame
        .description
        .clone()
        .or_else(|| language.and_then(|l| l.description.clone()))
        .unwrap_or_else(|| site_title.to_string());
    let url = frame.path.url(base);
    let canonical = config.absolute(&url);

    let mut alternates: Vec<Value> = frame
        .versions
        .iter()
        .map(|v| {
            map([
                ("hreflang", Value::from(v.lang.as_str())),
                ("href", Value::from(config.absolute(&v.url))),
            ])
        })
        .collect();
    if let Some(x_default) = frame.x_default(config) {
        alternates.push(map([
            ("hreflang", Value::from("x-default")),
            ("href", Value::from(config.absolute(&x_default))),
        ]));
    }
    let (og_url, og_width, og_height) = match og_image.as_ref().or(input.default_card) {
        Some(image) => (Some(config.absolute(&image.url)), image.width, image.height),
        None => (None, None, None),
    };
    let locale_alternates = list(
        frame
            .versions
            .iter()
            .filter(|v| v.lang != lang)
            .filter_map(|v| config.language(&v.lang).map(|l| Value::from(l.og_locale()))),
    );
    let head = map([
        ("title", Value::from(full_title)),
        ("description", Value::from(description.clone())),
        ("canonical", Value::from(canonical.clone())),
        ("alternates", list(alternates)),
        (
            "og",
            map([
                (
                    "title",
                    Value::from(if is_home {
                        site_title
                    } else {
                        frame.title.as_str()
                    }),
                ),
                ("description", Value::from(description)),
                ("url", Value::from(canonical)),
                (
                    "type",
                    Value::from(if frame.kind == Kind::Article {
                        "article"
                    } else {
                        "website"
                    }),
                ),
                (
                    "locale",
                    Value::from(language.map(|l| l.og_locale()).unwrap_or_default()),
                ),
                ("locale_alternates", locale_alternates),
                ("image", og_url.map_or_else(Value::none, Value::from)),
                (
                    "image_width",
                    og_width.map_or_else(Value::none, Value::from),
                ),
                (
                    "image_height",
                    og_height.map_or_else(Value::none, Value::from),
                ),
                ("site_name", Value::from(site_title)),
            ]),
        ),
        (
            "json_ld",
            json_ld.map_or_else(Value::none, |json| Value::safe_string(&json)),
        ),
        ("noindex", Value::from(frame.kind == Kind::NotFound)),
    ]);

    // The switcher: the same content in each language, else that language's home.
    let switcher = list(config.languages.iter().map(|l| {
        let version = frame.versions.iter().find(|v| v.lang == l.code);
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
        .find(|(code, _)| code == lang)
        .map(|(_, site)| site.clone())
        .unwrap_or_else(Value::none);
    let mut all = vec![
        ("lang", Value::from(lang)),
        (
            "lang_name",
            Value::from(language.map_or("", |l| l.name.as_str())),
        ),
        (
            "locale",
            Value::from(language.map(|l| l.og_locale()).unwrap_or_default()),
        ),
        ("kind", Value::from(frame.kind.name())),
        ("site", site),
        ("config", shared.config.clone()),
        ("nav", views::nav(library, lang, frame.section)),
        ("switcher", switcher),
        ("head", head),
        ("current_path", Value::from(url)),
    ];
    all.extend(values);
    let source_file = frame
        .source
        .map(|id| library.page(id).source.display.clone());
    if !templates.has(&frame.template) {
        let file = source_file.unwrap_or_else(|| PathBuf::from("themes"));
        return Err(Diagnostic::error(
            file,
            format!("the template `{}` does not exist", frame.template),
        )
        .with_hint("name a template of the theme, e.g. template: page.html"));
    }
    let html = templates
        .render(&frame.template, &context(all))
        .map_err(|mut problem| {
            if let Some(source) = &source_file {
                problem.message = format!("{} (rendering {})", problem.message, source.display());
            }
            problem
        })?;
    Ok(OutputFile::bytes(
        frame.path.output_file(),
        html,
        Some(frame.lang.clone()),
    ))
}

fn paginator(base: &crate::url::SitePath, current: usize, total: usize, base_path: &str) -> Value {
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

/// JSON-LD for search engines: `NewsArticle` on articles, `WebSite` on homes.
mod structured {
    use std::sync::Arc;

    use serde_json::json;

    use super::Body;
    use crate::config::Config;
    use crate::library::{Library, PageId};

    /// Serialises for a `<script>` element: `</` cannot end the element early.
    /// Absent fields are left out rather than written as `null`.
    fn script_safe(mut value: serde_json::Value) -> String {
        if let Some(object) = value.as_object_mut() {
            object.retain(|_, field| !field.is_null());
        }
        value.to_string().replace("</", "<\\/")
    }

    pub fn website(config: &Config, lang: &str, url: &str) -> String {
        let language = config.language(lang);
        script_safe(json!({
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": language.map(|l| l.title.as_str()),
            "description": language.and_then(|l| l.description.as_deref()),
            "url": config.absolute(url),
            "inLanguage": lang,
        }))
    }

    pub fn news_article(
        config: &Config,
        library: &Library,
        bodies: &[Arc<Body>],
        id: PageId,
    ) -> String {
        let page = library.page(id);
        let meta = &page.source.meta;
        let publisher = config.language(page.lang()).map(|l| l.title.as_str());
        let image = bodies[id]
            .cover
            .as_ref()
            .and_then(|c| c.card.as_ref())
            .map(|c| config.absolute(&c.url));
        script_safe(json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": meta.title,
            "description": bodies[id].summary,
            "datePublished": meta.date.map(|d| d.rfc3339()),
            "dateModified": meta.updated.or(meta.date).map(|d| d.rfc3339()),
            "author": meta.author.as_ref().map(|name| json!({"@type": "Person", "name": name})),
            "publisher": {"@type": "Organization", "name": publisher},
            "image": image,
            "inLanguage": page.lang(),
            "mainEntityOfPage": config.absolute(&page.url),
        }))
    }
}
