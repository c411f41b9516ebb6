//! Turns the library into output files: every HTML page through its template, sitemaps,
//! feeds, alias pages and robots.txt. Pure: nothing is written here.
//!
//! Each page of the plan gets its view ([`views::build`]); the view's fingerprint decides
//! whether it is rendered again ([`fingerprint`]); rendering it returns its file and the
//! calls its template made ([`RenderedPage`]).

mod aliases;
pub(crate) mod archive_titles;
pub mod body;
pub(crate) mod calendar;
mod feeds;
pub(crate) mod fingerprint;
pub(crate) mod frame;
mod partials;
pub(crate) mod picture;
pub(crate) mod reader;
mod registry_export;
mod reports;
pub mod search;
pub(crate) mod shared;
mod sitemap;
pub mod templates;
pub(crate) mod views;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::config::Config;
use crate::dates::DateFormats;
use crate::diagnostics::Diagnostic;
use crate::i18n::I18n;
use crate::images::Planned;
use crate::library::{Library, PageId};
use crate::plan::{self, Job};
pub use body::{Body, render_bodies};
use frame::Frame;
pub use partials::Partials;
use reader::Reader;
use reports::{RENDERING, once_each};
use templates::Templates;
use templates::scope::{self, Calls, Snapshot};
use views::View;

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
    /// The library and bodies, as template functions read them too.
    pub snapshot: Arc<Snapshot>,
    pub templates: &'a Templates,
    pub i18n: &'a I18n,
    /// Month and weekday names and dates in each language, for views that show them.
    pub dates: &'a DateFormats,
    /// Changes when templates, interface strings or settings do: every page depends on it.
    pub epoch: u64,
    /// The share card of pages without a cover.
    pub default_card: Option<&'a body::Image>,
    /// Pages read for the search indexes by the last build, which `serve` keeps: with
    /// them, the indexes are made with pages read again only where they changed.
    pub search_reads: Option<&'a search::Reads>,
    /// What pages share (`site`, `config`, calendars), made before pages are.
    pub shared: shared::Shared,
    /// Partials rendered once for the pages showing the same (`calendar_html`).
    pub partials: Partials,
}

impl RenderInput<'_> {
    pub fn library(&self) -> &Library {
        &self.snapshot.library
    }

    pub fn bodies(&self) -> &[Arc<Body>] {
        &self.snapshot.bodies
    }

    fn reader(&self) -> Reader<'_> {
        Reader::new(self)
    }
}

/// What one output file was made from, as far as deciding whether to make it again needs.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// The fingerprint of the page's view (or of a feed's or sitemaps' inputs).
    pub key: u64,
    /// What its template's functions read, to be asked again (see [`templates::scope`]).
    pub calls: Arc<Calls>,
}

impl Stamp {
    pub fn plain(key: u64) -> Stamp {
        Stamp {
            key,
            calls: no_calls(),
        }
    }
}

/// One empty [`Calls`], shared by every page whose template calls no function.
fn no_calls() -> Arc<Calls> {
    static NONE: OnceLock<Arc<Calls>> = OnceLock::new();
    NONE.get_or_init(Arc::default).clone()
}

/// What each output file was made from, by output file: a page whose fingerprint did not
/// change since the previous build is not rendered again.
pub type Fingerprints = HashMap<PathBuf, Stamp>;

/// One page rendered: its file and what its template's functions did.
pub struct RenderedPage {
    pub file: OutputFile,
    pub calls: Calls,
}

/// How many pages are rendered before they are handed on to be written: bounds memory.
const CHUNK: usize = 1024;

/// Every page of one render with what it was made from. `serve` keeps it, so that an
/// edit which leaves the indexes as they were recomputes only the pages showing what
/// changed (see [`rerender`]).
pub struct PageSet {
    jobs: Vec<Job>,
    frames: Vec<Frame>,
    /// By job: the pages whose content its view shows.
    reads: Vec<Box<[PageId]>>,
    /// Jobs whose templates call content-reading functions: checked on every edit.
    calling: Vec<usize>,
    epoch: u64,
    /// By page id: the jobs that show that page's content. Made by [`PageSet::index_readers`].
    readers: Vec<Vec<u32>>,
}

impl PageSet {
    /// Notes which pages each page shows, for [`rerender`].
    pub fn index_readers(&mut self, library: &Library) {
        let mut readers = vec![Vec::new(); library.pages.len()];
        for (job, ids) in self.reads.iter().enumerate() {
            let job = u32::try_from(job).expect("fewer than 4 billion pages");
            for &id in ids.iter() {
                readers[id].push(job);
            }
        }
        self.readers = readers;
    }
}

/// What came of one page of the plan.
struct Done {
    frame: Frame,
    reads: Box<[PageId]>,
    stamp: Stamp,
    /// `None` when the page was unchanged and not rendered.
    rendered: Option<Result<RenderedPage, Diagnostic>>,
}

/// Builds a page's view and renders it, unless `previous` shows it unchanged.
fn process(input: &RenderInput, job: &Job, previous: Option<&Stamp>) -> Done {
    let reader = input.reader();
    let views::Built {
        frame,
        extras,
        data,
    } = views::build(&reader, job);
    let (key, rendered) = {
        let view = View {
            common: reader.common(&frame, extras),
            data,
        };
        let key = fingerprint::of(&view, &frame.template, input.epoch);
        let unchanged = previous.is_some_and(|stamp| {
            stamp.key == key && answers_now(input, &stamp.calls) == stamp.calls.answers()
        });
        let rendered = (!unchanged).then(|| render_view(input, &view, &frame));
        (key, rendered)
    };
    let stamp = match (&rendered, previous) {
        (Some(Ok(page)), _) if page.calls.asked.is_empty() && page.calls.images.is_empty() => {
            Stamp::plain(key)
        }
        (Some(Ok(page)), _) => Stamp {
            key,
            calls: Arc::new(page.calls.clone()),
        },
        (None, Some(stamp)) => stamp.clone(),
        _ => Stamp::plain(key),
    };
    Done {
        frame,
        reads: reader.into_reads().into_boxed_slice(),
        stamp,
        rendered,
    }
}

/// What a page's template calls would answer now.
fn answers_now(input: &RenderInput, calls: &Calls) -> u64 {
    if calls.asked.is_empty() {
        return calls.answers();
    }
    let Some(data) = input.templates.data() else {
        return calls.answers();
    };
    let now = Calls {
        asked: calls
            .asked
            .iter()
            .map(|(call, _)| (call.clone(), templates::replay(data, &input.snapshot, call)))
            .collect(),
        images: Vec::new(),
    };
    now.answers()
}

/// Renders a page's view through its template.
fn render_view(
    input: &RenderInput,
    view: &View,
    frame: &Frame,
) -> Result<RenderedPage, Diagnostic> {
    let library = input.library();
    let source_file = frame
        .source
        .map(|id| library.page(id).source.display.clone());
    if !input.templates.has(&frame.template) {
        let file = source_file.unwrap_or_else(|| PathBuf::from("themes"));
        return Err(Diagnostic::error(
            file,
            format!("the template `{}` does not exist", frame.template),
        )
        .with_hint("name a template of the theme, e.g. template: page.html"));
    }
    let mut context = tera::Context::from_serialize(view).map_err(|error| {
        Diagnostic::error(
            "templates",
            format!("cannot pass the page to its template: {error}"),
        )
    })?;
    let calendar = match view.data.calendar() {
        Some(shown) => input.partials.calendar(input, shown, &view.common)?,
        None => None,
    };
    // Always defined, empty on pages without a calendar, as `calendar` is then `None`.
    let calendar_html = calendar
        .as_ref()
        .map_or_else(|| tera::Value::safe_string(""), |c| c.html.clone());
    context.insert_value("calendar_html", calendar_html);
    let (html, mut calls) = scope::in_scope(&input.snapshot, || {
        input.templates.render(&frame.template, &context)
    });
    if let Some(calendar) = calendar {
        calls.asked.extend(calendar.calls.asked.iter().cloned());
        calls.images.extend(calendar.calls.images.iter().cloned());
    }
    let html = html.map_err(|mut problem| {
        if let Some(source) = &source_file {
            problem.message = format!("{}{RENDERING}{})", problem.message, source.display());
        }
        problem
    })?;
    Ok(RenderedPage {
        file: OutputFile::bytes(frame.path.output_file(), html, Some(frame.lang.clone())),
        calls,
    })
}

/// What a whole render produced besides the files it emitted.
pub struct SiteRender {
    pub fingerprints: Fingerprints,
    pub pages: PageSet,
    /// Every picture the templates asked for, on pages rendered now or kept unchanged.
    pub template_images: Vec<Planned>,
    /// The pages the search indexes were made of (see [`RenderInput::search_reads`]).
    pub search_reads: search::Reads,
}

/// Renders every page and machine-readable file, handing them to `emit` in chunks as
/// they are ready. Once a problem is found nothing more is emitted, but rendering goes
/// on so that every problem is reported together.
pub fn render_site_files(
    input: &RenderInput,
    previous: &Fingerprints,
    emit: &mut dyn FnMut(Vec<OutputFile>) -> std::io::Result<()>,
) -> Result<SiteRender, RenderFailure> {
    let config = input.config;
    let library = input.library();
    let jobs = plan::jobs(config, library);
    let mut problems = Vec::new();
    let mut rendered = Fingerprints::with_capacity(jobs.len());
    let mut frames = Vec::with_capacity(jobs.len());
    let mut reads = Vec::with_capacity(jobs.len());
    let mut calling = Vec::new();
    let mut template_images = Vec::new();
    for (chunk, jobs) in jobs.chunks(CHUNK).enumerate() {
        let done: Vec<Done> = jobs
            .par_iter()
            .map(|job| {
                let path = job.path(library).output_file();
                process(input, job, previous.get(&path))
            })
            .collect();
        let mut files = Vec::with_capacity(done.len());
        for (index, done) in done.into_iter().enumerate() {
            match done.rendered {
                Some(Ok(page)) => files.push(page.file),
                Some(Err(problem)) => problems.push(problem),
                None => {}
            }
            if !done.stamp.calls.asked.is_empty() {
                calling.push(chunk * CHUNK + index);
            }
            template_images.extend(done.stamp.calls.images.iter().cloned());
            rendered.insert(done.frame.path.output_file(), done.stamp);
            frames.push(done.frame);
            reads.push(done.reads);
        }
        if problems.is_empty() {
            emit(files).map_err(RenderFailure::Io)?;
        }
    }
    if !problems.is_empty() {
        return Err(RenderFailure::Problems(once_each(problems)));
    }
    // Machine-readable files, each skipped when what it is made of did not change.
    let (key, made) = sitemaps(config, &frames, input.epoch, previous);
    note_sitemaps(key, &made, previous, &mut rendered);
    let mut files = made.unwrap_or_default();
    let feeds = feeds::feeds(config, library, input.bodies(), input.epoch, previous);
    for (path, key, file) in feeds
        .into_iter()
        .chain(registry_export::exports(input, previous))
    {
        rendered.insert(path, Stamp::plain(key));
        files.extend(file);
    }
    let bundles = search::bundles(
        config,
        library,
        input.bodies(),
        input.epoch,
        previous,
        input.search_reads.cloned(),
    )
    .map_err(|problem| RenderFailure::Problems(vec![problem]))?;
    let search_reads = search::Reads::of(&bundles);
    for bundle in bundles {
        note_search(&bundle, previous, &mut rendered);
        files.extend(bundle.files.unwrap_or_default());
    }
    files.push(sitemap::robots(config));
    files.extend(aliases::aliases(config, library));
    emit(files).map_err(RenderFailure::Io)?;
    let pages = PageSet {
        jobs,
        frames,
        reads,
        calling,
        epoch: input.epoch,
        readers: Vec::new(),
    };
    Ok(SiteRender {
        fingerprints: rendered,
        pages,
        template_images,
        search_reads,
    })
}

/// Re-renders what shows the `changed` pages after their content (not their place in
/// the indexes) changed and `input` was brought up to date: their own pages, listings,
/// related lists, pages whose templates read content, feeds, and sitemaps if a date
/// moved. `previous` is updated; `pages` too, but only when everything rendered.
pub fn rerender(
    input: &RenderInput,
    pages: &mut PageSet,
    changed: &[PageId],
    previous: &mut Fingerprints,
    search_reads: &mut search::Reads,
) -> Result<Rerendered, Vec<Diagnostic>> {
    let config = input.config;
    let mut affected: Vec<usize> = changed
        .iter()
        .flat_map(|&id| pages.readers[id].iter().map(|&job| job as usize))
        .chain(pages.calling.iter().copied())
        .collect();
    affected.sort_unstable();
    affected.dedup();
    let set = &*pages;
    let library = input.library();
    let redone: Vec<(usize, Done)> = affected
        .par_iter()
        .map(|&index| {
            let job = &set.jobs[index];
            let path = job.path(library).output_file();
            (index, process(input, job, previous.get(&path)))
        })
        .collect();
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut images = Vec::new();
    let mut sitemaps_moved = false;
    let mut updates = Vec::with_capacity(redone.len());
    for (index, done) in redone {
        match done.rendered {
            Some(Ok(page)) => {
                images.extend(page.calls.images.iter().cloned());
                files.push(page.file);
            }
            Some(Err(problem)) => problems.push(problem),
            None => {}
        }
        sitemaps_moved |=
            sitemap::part(config, &done.frame) != sitemap::part(config, &set.frames[index]);
        updates.push((index, done.frame, done.stamp, done.reads));
    }
    if !problems.is_empty() {
        return Err(once_each(problems));
    }
    for (index, frame, stamp, reads) in updates {
        previous.insert(frame.path.output_file(), stamp);
        pages.frames[index] = frame;
        pages.reads[index] = reads;
    }
    if sitemaps_moved {
        let (key, made) = sitemaps(config, &pages.frames, pages.epoch, previous);
        if let Some(made) = made {
            for file in &made {
                previous.insert(file.path.clone(), Stamp::plain(key));
            }
            files.extend(made);
        }
        previous.insert(PathBuf::from(SITEMAP_KEY), Stamp::plain(key));
    }
    let feeds = feeds::feeds(config, library, input.bodies(), pages.epoch, previous);
    let exports = registry_export::exports(input, previous);
    for (path, key, file) in feeds.into_iter().chain(exports) {
        previous.insert(path, Stamp::plain(key));
        files.extend(file);
    }
    let mut removed = Vec::new();
    let bundles = search::bundles(
        config,
        library,
        input.bodies(),
        pages.epoch,
        previous,
        Some(std::mem::take(search_reads)),
    )
    .map_err(|problem| vec![problem])?;
    *search_reads = search::Reads::of(&bundles);
    for bundle in bundles {
        if let Some(made) = bundle.files {
            // Files of the old index the new one does not have are gone.
            let new: HashSet<&PathBuf> = made.iter().map(|file| &file.path).collect();
            let stale: Vec<PathBuf> = previous
                .keys()
                .filter(|path| path.starts_with(&bundle.folder) && !new.contains(path))
                .cloned()
                .collect();
            for path in &stale {
                previous.remove(path);
            }
            removed.extend(stale);
            for file in &made {
                previous.insert(file.path.clone(), Stamp::plain(bundle.key));
            }
            files.extend(made);
        }
        previous.insert(bundle.key_path, Stamp::plain(bundle.key));
    }
    Ok(Rerendered {
        files,
        images,
        removed,
    })
}

/// What [`rerender`] made: files to write, pictures to make, files no longer
/// published.
pub struct Rerendered {
    pub files: Vec<OutputFile>,
    pub images: Vec<Planned>,
    pub removed: Vec<PathBuf>,
}

/// Notes a search index's fingerprint in `rendered`, and its files': the new files'
/// when it was made again, else the ones `previous` had.
fn note_search(bundle: &search::Bundle, previous: &Fingerprints, rendered: &mut Fingerprints) {
    match &bundle.files {
        Some(files) => {
            for file in files {
                rendered.insert(file.path.clone(), Stamp::plain(bundle.key));
            }
        }
        None => {
            for (path, stamp) in previous {
                if path.starts_with(&bundle.folder) {
                    rendered.insert(path.clone(), stamp.clone());
                }
            }
        }
    }
    rendered.insert(bundle.key_path.clone(), Stamp::plain(bundle.key));
}

/// The sitemaps' key, and the sitemaps themselves unless that key is in `previous`.
fn sitemaps(
    config: &Config,
    frames: &[Frame],
    epoch: u64,
    previous: &Fingerprints,
) -> (u64, Option<Vec<OutputFile>>) {
    let known = previous.get(Path::new(SITEMAP_KEY)).map(|stamp| stamp.key);
    sitemap::sitemaps(config, frames, epoch, known)
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
                rendered.insert(file.path.clone(), Stamp::plain(key));
            }
        }
        None => {
            for (path, key) in previous {
                if sitemap::is_sitemap(path) {
                    rendered.insert(path.clone(), key.clone());
                }
            }
        }
    }
    rendered.insert(PathBuf::from(SITEMAP_KEY), Stamp::plain(key));
}

/// Where the fingerprint of all sitemaps is kept among the pages' (no file has this name).
const SITEMAP_KEY: &str = ".sitemaps";

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderFailure {
    Problems(Vec<Diagnostic>),
    Io(std::io::Error),
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::site::{BuildOptions, Silent, load};

    const SITE: &str = "base_url: https://example.gov.vn\ndefault_language: vi\nlanguages:\n  vi: { name: \"Tiếng Việt\", title: \"Cổng\" }\n  en: { name: \"English\", title: \"Portal\" }\n";

    /// Loads the fixture site in `dir` with its article titled `title`.
    fn site_with(dir: &tempfile::TempDir, title: &str) -> crate::site::LoadedSite {
        std::fs::write(dir.path().join("site.yaml"), SITE).unwrap();
        let bundle = dir.path().join("content/news/cho-bien-gioi");
        std::fs::create_dir_all(&bundle).unwrap();
        std::fs::write(
            bundle.join("index.vi.md"),
            format!("---\ntitle: \"{title}\"\ndate: 2024-05-01\n---\nChợ biên giới mở cửa.\n"),
        )
        .unwrap();
        let options = BuildOptions {
            root: dir.path().to_path_buf(),
            output: None,
            base_url: None,
            drafts: false,
        };
        load(&options, &Silent).expect("the fixture site loads")
    }

    /// The fingerprint of every page of `site`, by job, and of the article's view with one
    /// field more.
    fn fingerprints(site: &crate::site::LoadedSite) -> (Vec<u64>, u64) {
        let input = site.render_input();
        let jobs = plan::jobs(input.config, input.library());
        let mut grown = 0;
        let keys = jobs
            .iter()
            .map(|job| {
                let reader = input.reader();
                let built = views::build(&reader, job);
                let view = View {
                    common: reader.common(&built.frame, built.extras),
                    data: built.data,
                };
                if matches!(job, Job::Page { .. }) {
                    /// The same view with a field added, as a new version of the view
                    /// type would have it.
                    #[derive(Serialize)]
                    struct Grown<'a> {
                        #[serde(flatten)]
                        view: &'a View<'a>,
                        reading_level: u8,
                    }
                    grown = fingerprint::of(
                        &Grown {
                            view: &view,
                            reading_level: 0,
                        },
                        &built.frame.template,
                        input.epoch,
                    );
                }
                fingerprint::of(&view, &built.frame.template, input.epoch)
            })
            .collect();
        (keys, grown)
    }

    #[test]
    fn a_field_added_to_a_page_view_changes_its_fingerprint() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let site = site_with(&dir, "Chợ biên giới");
        let (keys, grown) = fingerprints(&site);
        let article = keys[keys.len() - 1];
        assert_ne!(grown, 0, "the article was fingerprinted");
        assert_ne!(article, grown, "the added field is in the fingerprint");
    }

    #[test]
    fn a_title_edit_changes_the_pages_that_show_it_and_only_those() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let before = site_with(&dir, "Chợ biên giới");
        let after = site_with(&dir, "Chợ biên giới Cha Lo");
        let (old, _) = fingerprints(&before);
        let (new, _) = fingerprints(&after);
        let jobs = plan::jobs(&before.config, &before.library);
        let changed: Vec<&Job> = jobs
            .iter()
            .zip(old.iter().zip(&new))
            .filter(|(_, (a, b))| a != b)
            .map(|(job, _)| job)
            .collect();
        // The article, its section's listing and the Vietnamese home show the title; the
        // English pages, the chooser and the 404 pages do not.
        assert!(changed.iter().any(|j| matches!(j, Job::Page { .. })));
        assert!(changed.iter().any(|j| matches!(j, Job::Section { .. })));
        assert!(changed.contains(&&Job::Home { lang: "vi".into() }));
        assert!(!changed.contains(&&Job::Home { lang: "en".into() }));
        assert!(!changed.contains(&&Job::Chooser));
        assert!(!changed.iter().any(|j| matches!(j, Job::NotFound { .. })));
    }
}
