//! A whole build: load → index → render → write, returning a report or every problem.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{Config, SitePaths};
use crate::content::{self, Content, LoadOptions, SourcePage, hash64};
use crate::dates::DateFormats;
use crate::diagnostics::{self, Diagnostic, display_path};
use crate::i18n::I18n;
use crate::images::{IMAGE_DIR, ImageSettings, Pipeline, Planned, is_image_name};
use crate::library::{Library, PageId};
use crate::mentions::MentionFinder;
use crate::output::Staging;
use crate::plan::addresses::{AddressBook, StaticFile};
use crate::render::body::{BodyCache, Image, Keep};
use crate::render::templates::scope::Snapshot;
use crate::render::templates::{TemplateData, Templates};
use crate::render::{
    self, Body, Contents, Fingerprints, OutputFile, PageSet, RenderFailure, RenderInput,
};
use crate::terms::Terms;
use crate::theme::Theme;

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `public/` in the root.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from `site.yaml` (for previews and staging).
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// What happened phase by phase, for progress display.
pub trait Observer: Sync {
    fn phase(&self, _name: &str) {}
}

/// Observes nothing.
pub struct Silent;
impl Observer for Silent {}

/// The summary of a successful build.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub output: PathBuf,
    /// HTML pages written per language, in `languages` order.
    pub pages_per_language: Vec<(String, usize)>,
    pub other_pages: usize,
    /// Files copied as they are (static files, page bundles' files).
    pub files_copied: usize,
    /// Other files made: feeds, sitemaps, search indexes, the registry's JSON…
    pub files_generated: usize,
    /// Picture variants made in this build, and found ready in the cache.
    pub images_processed: usize,
    pub images_reused: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// Everything read and indexed, before rendering: what `build` and `check` share.
pub struct LoadedSite {
    pub paths: SitePaths,
    pub config: Config,
    pub theme: Theme,
    pub i18n: Arc<I18n>,
    pub library: Arc<Library>,
    pub bodies: Vec<Arc<Body>>,
    /// How bodies' mentions of documents were found.
    pub mentions: Arc<MentionFinder>,
    pub templates: Templates,
    /// Dates, month and weekday names in each language (templates share them).
    pub dates: Arc<DateFormats>,
    pub warnings: Vec<Diagnostic>,
    /// Changes when the settings, theme or interface strings do.
    pub epoch: u64,
    pub images: Arc<Pipeline>,
    /// The share card for pages without a cover: `og_image` from site.yaml, else the
    /// theme's `img/og-card.jpg`.
    pub default_card: Option<Image>,
    /// The site's `static/` folder, as listed when the site was loaded.
    pub static_files: Vec<StaticFile>,
    /// Pages read for the search indexes: `serve` keeps them between rebuilds.
    pub search_reads: Option<render::search::Reads>,
    /// In debug builds, the addresses checked at load time, to assert that every file
    /// written was claimed (and so checked for collisions): the address check and the
    /// renderers cannot drift apart unnoticed. Release builds do not keep them.
    claimed: Option<AddressBook>,
}

impl LoadedSite {
    /// What the render phase reads.
    pub fn render_input(&self) -> RenderInput<'_> {
        let shared =
            render::shared::Shared::new(&self.config, &self.library, &self.i18n, &self.dates);
        RenderInput {
            config: &self.config,
            snapshot: Arc::new(Snapshot::new(
                Arc::clone(&self.library),
                self.bodies.clone(),
            )),
            templates: &self.templates,
            i18n: &self.i18n,
            dates: &self.dates,
            epoch: self.epoch,
            default_card: self.default_card.as_ref(),
            search_reads: self.search_reads.as_ref(),
            partials: render::Partials::new(&shared.calendars),
            shared,
        }
    }

    /// Puts new versions of pages in place of their old ones, where neither their
    /// address nor their place in any index changed (see [`SourcePage::shape`]).
    pub fn replace_pages(&mut self, pages: &[(PageId, Arc<SourcePage>)]) {
        // Nothing else holds the library between renders: it changes in place.
        let library = Arc::make_mut(&mut self.library);
        for (id, source) in pages {
            library.replace_source(*id, Arc::clone(source));
        }
    }
}

/// The parts of a site other than its content: settings, theme, interface strings.
pub struct Inputs {
    pub paths: SitePaths,
    pub config: Config,
    pub theme: Theme,
    pub i18n: Arc<I18n>,
    /// `i18n/terms.yaml` (empty without the file, or while it has problems).
    pub terms: Arc<Terms>,
    pub images: Arc<Pipeline>,
    pub epoch: u64,
    /// Problems in the theme or the `.ftl` files (stand-ins are used meanwhile).
    pub problems: Vec<Found>,
    /// Whether the `.ftl` files could be read (else `i18n` is a stand-in).
    pub strings_loaded: bool,
}

/// Where processed pictures are kept between builds, outside the output.
pub const IMAGE_CACHE: &str = ".mekong-cache/images";

/// The site's image pipeline: its settings and its cache folder.
pub fn image_pipeline(paths: &SitePaths, config: &Config) -> Pipeline {
    Pipeline::new(
        paths.root.join(IMAGE_CACHE),
        ImageSettings {
            widths: config.images.widths.clone(),
            quality: config.images.quality,
        },
    )
}

/// Reads `site.yaml`, the theme and the interface strings. Only a broken `site.yaml`
/// stops here; other problems are kept for the report.
pub fn load_inputs(options: &BuildOptions) -> Result<Inputs, Vec<Diagnostic>> {
    let paths = SitePaths::new(&options.root);
    let config = Config::load(&paths.root)?;
    let config = match &options.base_url {
        Some(url) => config.with_base_url(url),
        None => config,
    };
    let mut problems = Vec::new();
    let theme = Theme::load(&paths, &config).unwrap_or_else(|errors| {
        problems.extend(tagged(Phase::Theme, errors));
        Theme::default()
    });
    let mut strings_loaded = true;
    let i18n = I18n::load(&theme, &paths, &config).unwrap_or_else(|errors| {
        problems.extend(tagged(Phase::Strings, errors));
        strings_loaded = false;
        I18n::empty(&config)
    });
    let terms = Terms::load(&paths.root, &config).unwrap_or_else(|errors| {
        problems.extend(tagged(Phase::Strings, errors));
        Terms::empty()
    });
    let site_strings: Vec<(PathBuf, Option<Vec<u8>>)> = config
        .language_codes()
        .map(|lang| paths.i18n.join(format!("{lang}.ftl")))
        .map(|file| {
            let bytes = std::fs::read(&file).ok();
            (file, bytes)
        })
        .collect();
    let epoch = hash64(&(
        format!("{config:?}"),
        options.drafts,
        theme
            .templates
            .iter()
            .chain(&theme.i18n)
            .map(|(name, file)| (name, &file.bytes))
            .collect::<Vec<_>>(),
        site_strings,
        std::fs::read(paths.root.join(crate::terms::TERMS_FILE)).ok(),
    ));
    Ok(Inputs {
        images: Arc::new(image_pipeline(&paths, &config)),
        paths,
        config,
        theme,
        i18n: Arc::new(i18n),
        terms: Arc::new(terms),
        epoch,
        problems,
        strings_loaded,
    })
}

/// Whether pages keep their Markdown once their bodies are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sources {
    /// `serve` renders bodies again later.
    Keep,
    /// A one-off build needs only the rendered bodies: the Markdown is a quarter of its
    /// memory.
    Drop,
}

/// Which phase of the pipeline found a problem: `check` groups its report by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The theme's files and templates.
    Theme,
    /// The interface strings (`.ftl` files).
    Strings,
    /// Reading content and `static/`.
    Content,
    /// Indexing: two files in one translation slot.
    Index,
    /// Two claims on one address.
    Addresses,
    /// Rendering Markdown: broken links and pictures (errors), the sanitizer (warnings).
    Bodies,
    /// Mentions of documents in bodies that disagree with the registry (warnings).
    Mentions,
    /// Rendering pages through their templates.
    Pages,
}

/// A problem with the phase that found it.
#[derive(Debug, Clone)]
pub struct Found {
    pub phase: Phase,
    pub diagnostic: Diagnostic,
}

fn tagged(phase: Phase, problems: Vec<Diagnostic>) -> impl Iterator<Item = Found> {
    problems
        .into_iter()
        .map(move |diagnostic| Found { phase, diagnostic })
}

/// Indexes content and checks it against the inputs: library, addresses, bodies
/// (reusing `previous` ones that did not change) and templates. Every problem found is
/// returned. When any is an error (what the sanitizer removed is only a warning), the
/// pictures are decoded too, so that those failing only then are reported with the rest.
pub fn assemble(
    inputs: &Inputs,
    content: Content,
    problems: Vec<Diagnostic>,
    previous: &BodyCache,
    sources: Sources,
) -> Result<LoadedSite, Vec<Diagnostic>> {
    let (site, found) = assemble_all(inputs, content, problems, previous, sources, Keep::Output);
    let failed = found.iter().any(|f| {
        !matches!(f.phase, Phase::Bodies | Phase::Index | Phase::Mentions)
            || f.diagnostic.is_error()
    });
    if !failed {
        return Ok(site);
    }
    let mut problems: Vec<Diagnostic> = found.into_iter().map(|f| f.diagnostic).collect();
    // Pictures that only fail when decoded are reported with everything else, so an
    // editor sees every problem in one run (valid ones land in the cache meanwhile).
    let report = site.images.run(&page_image_plans(&site.bodies));
    problems.extend(image_problems(
        report.errors,
        &site.library,
        &site.bodies,
        &site.paths.root,
    ));
    Err(finish_problems(problems, &site.paths.root))
}

/// The phases from content to templates, going as far as they can whatever they find:
/// the site (with stand-ins where a phase failed) and every problem, by phase. `build`
/// and `serve` stop at an error ([`assemble`]); `check` reports them all.
pub fn assemble_all(
    inputs: &Inputs,
    content: Content,
    content_problems: Vec<Diagnostic>,
    previous: &BodyCache,
    sources: Sources,
    keep: Keep,
) -> (LoadedSite, Vec<Found>) {
    let Inputs {
        paths,
        config,
        theme,
        i18n,
        terms,
        images,
        epoch,
        problems: input_problems,
        ..
    } = inputs;
    let mut found: Vec<Found> = input_problems.to_vec();
    found.extend(tagged(Phase::Content, content_problems));
    // Resolve: the indexes.
    let (mut library, problems) = Library::build(content, config, Arc::clone(terms));
    // The registry's findings (a duplicate number) are warnings a build goes on with.
    let index_warnings: Vec<Diagnostic> =
        problems.iter().filter(|p| !p.is_error()).cloned().collect();
    found.extend(tagged(Phase::Index, problems));
    // Plan: every address, claimed once, before anything is rendered — two claims on one
    // address would silently replace one another in the output.
    let (static_files, problems) = StaticFile::list(&paths.static_dir);
    found.extend(tagged(Phase::Content, problems));
    let (addresses, problems) = AddressBook::new(
        config,
        &library,
        &theme.static_files,
        &static_files,
        &paths.root,
    );
    found.extend(tagged(Phase::Addresses, problems));
    // Render bodies.
    let mentions = Arc::new(MentionFinder::new(config, i18n));
    let (bodies, problems) = render::render_bodies(
        &library,
        &config.base_path,
        &config.markdown,
        previous,
        images,
        &mentions,
        keep,
    );
    let mention_warnings: Vec<Diagnostic> = bodies
        .iter()
        .flat_map(|body| body.mention_warnings.iter().cloned())
        .collect();
    let body_warnings: Vec<Diagnostic> = (problems.iter().filter(|p| !p.is_error()).cloned())
        .chain(mention_warnings.iter().cloned())
        .collect();
    found.extend(tagged(Phase::Bodies, problems));
    found.extend(tagged(Phase::Mentions, mention_warnings));
    if sources == Sources::Drop {
        library.drop_markdown();
    }
    let dates = Arc::new(DateFormats::new(config.language_codes()));
    let (templates, problems) = templates(inputs, &dates);
    found.extend(tagged(Phase::Theme, problems));
    let site = LoadedSite {
        images: Arc::clone(images),
        default_card: default_card(paths, config, theme),
        paths: paths.clone(),
        config: config.clone(),
        theme: theme.clone(),
        i18n: Arc::clone(i18n),
        library: Arc::new(library),
        bodies,
        mentions,
        templates,
        dates,
        warnings: i18n
            .warnings
            .iter()
            .cloned()
            .chain(index_warnings)
            .chain(body_warnings)
            .collect(),
        epoch: *epoch,
        static_files,
        search_reads: None,
        claimed: cfg!(debug_assertions).then_some(addresses),
    };
    (site, found)
}

/// The theme's templates with the functions they call; stand-ins when they are broken.
fn templates(inputs: &Inputs, dates: &Arc<DateFormats>) -> (Templates, Vec<Diagnostic>) {
    let config = &inputs.config;
    let data = Arc::new(TemplateData {
        config: config.clone(),
        i18n: Arc::clone(&inputs.i18n),
        dates: Arc::clone(dates),
        images: Arc::clone(&inputs.images),
        static_dir: inputs.paths.static_dir.clone(),
    });
    match Templates::new(&inputs.theme, data) {
        Ok(templates) => (templates, Vec::new()),
        Err(errors) => (Templates::empty(), errors),
    }
}

/// Loads and indexes the site, collecting problems of every phase that could run.
pub fn load(
    options: &BuildOptions,
    observer: &dyn Observer,
) -> Result<LoadedSite, Vec<Diagnostic>> {
    observer.phase("reading settings and theme");
    let inputs =
        load_inputs(options).map_err(|problems| finish_problems(problems, &options.root))?;
    observer.phase("reading content");
    let (content, problems) = content::load(
        &inputs.paths.root,
        &inputs.config,
        LoadOptions {
            drafts: options.drafts,
        },
    );
    observer.phase("rendering Markdown");
    assemble(&inputs, content, problems, &BodyCache::new(), Sources::Drop)
}

/// The card pages without a cover share, with its size: the site's `og_image` (a file
/// in `static/`), else the theme's own.
fn default_card(paths: &SitePaths, config: &Config, theme: &Theme) -> Option<Image> {
    let rel = config
        .og_image
        .as_deref()
        .unwrap_or("img/og-card.jpg")
        .trim_start_matches('/');
    let bytes = std::fs::read(paths.static_dir.join(rel))
        .ok()
        .or_else(|| theme.static_files.get(rel).map(|file| file.bytes.clone()))?;
    let size = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|reader| reader.into_dimensions().ok());
    Some(Image {
        url: format!("{}/{rel}", config.base_path),
        width: size.map(|s| s.0),
        height: size.map(|s| s.1),
    })
}

fn finish_problems(mut problems: Vec<Diagnostic>, root: &Path) -> Vec<Diagnostic> {
    for problem in &mut problems {
        problem.file = display_path(root, &problem.file);
    }
    diagnostics::sort(&mut problems);
    problems
}

/// Builds the site into its output folder. On any error the folder is left as it was.
pub fn build(
    options: &BuildOptions,
    observer: &dyn Observer,
) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let site = load(options, observer)?;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| site.paths.root.join("public"));
    let write_error = |error: std::io::Error| {
        vec![
            Diagnostic::error(&output, format!("cannot write the site: {error}"))
                .with_hint("check that the output folder is writable and the disk is not full"),
        ]
    };
    let staging = Staging::create(&output).map_err(write_error)?;
    observer.phase("rendering pages");
    let mut per_language: BTreeMap<String, usize> = BTreeMap::new();
    let mut other_pages = 0;
    let mut files_copied = 0;
    let mut files_generated = 0;
    let rendered = render_site(&site, &Fingerprints::new(), &mut |files| {
        for file in &files {
            match (&file.lang, &file.contents) {
                (_, Contents::Copy(_)) => files_copied += 1,
                (None, _) => files_generated += 1,
                (Some(lang), _) if file.path.starts_with(lang) => {
                    *per_language.entry(lang.clone()).or_default() += 1
                }
                (Some(_), _) => other_pages += 1,
            }
        }
        staging.write(&files)
    })
    .map_err(|failure| match failure {
        RenderFailure::Problems(problems) => finish_problems(problems, &site.paths.root),
        RenderFailure::Io(error) => write_error(error),
    })?;
    observer.phase("writing");
    staging.commit().map_err(write_error)?;
    // Only now is it certain which cached pictures the site uses.
    let _ = site.images.prune(&rendered.plans);

    let pages_per_language = site
        .config
        .language_codes()
        .map(|code| {
            (
                code.to_string(),
                per_language.get(code).copied().unwrap_or(0),
            )
        })
        .collect();
    let mut warnings = site.warnings;
    diagnostics::sort(&mut warnings);
    Ok(BuildReport {
        output,
        pages_per_language,
        other_pages,
        files_copied,
        files_generated,
        images_processed: rendered.images.processed,
        images_reused: rendered.images.reused,
        warnings,
        elapsed: started.elapsed(),
    })
}

/// Every output file of a loaded site, handed to `emit` in batches: pages, machine-readable
/// files, then static files and bundle files. A file in `static/` replaces a generated one
/// at the same path (robots.txt, say).
pub fn render_site(
    site: &LoadedSite,
    previous: &Fingerprints,
    emit: &mut dyn FnMut(Vec<OutputFile>) -> std::io::Result<()>,
) -> Result<Rendered, RenderFailure> {
    let copies = static_files(site);
    // The address check let through one replacement only: static/robots.txt.
    let replaced: std::collections::HashSet<PathBuf> =
        copies.iter().map(|file| file.path.clone()).collect();
    let mut emit = |files: Vec<OutputFile>| {
        if let Some(book) = &site.claimed {
            for file in &files {
                assert!(
                    book.owns(&file.path),
                    "{} is written but was never claimed in addresses.rs",
                    file.path.display()
                );
            }
        }
        emit(files)
    };
    let input = site.render_input();
    let render = render::render_site_files(&input, previous, &mut |mut files| {
        if !replaced.is_empty() {
            files.retain(|file| !replaced.contains(&file.path));
        }
        emit(files)
    })?;
    drop(input);
    emit(copies).map_err(RenderFailure::Io)?;
    let (pictures, report, plans) =
        process_images(site, &render.template_images).map_err(RenderFailure::Problems)?;
    emit(pictures).map_err(RenderFailure::Io)?;
    Ok(Rendered {
        fingerprints: render.fingerprints,
        pages: render.pages,
        images: report,
        template_images: render.template_images,
        plans,
        search_reads: render.search_reads,
    })
}

/// What rendering produced besides the files.
pub struct Rendered {
    pub fingerprints: Fingerprints,
    /// Every page with what it was made from (for `serve`'s later rebuilds).
    pub pages: PageSet,
    pub images: ImageReport,
    /// The pictures templates asked for with `resize_image`.
    pub template_images: Vec<Planned>,
    /// Every picture plan of the build (for pruning the cache).
    pub plans: Vec<Planned>,
    pub search_reads: render::search::Reads,
}

/// Pictures made in this build and found in the cache.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImageReport {
    pub processed: usize,
    pub reused: usize,
}

/// Every picture the pages use, made in one parallel batch (the cache skips unchanged
/// ones), then published from the cache. Failures name the page and the line.
type Pictures = (Vec<OutputFile>, ImageReport, Vec<Planned>);

/// Every picture the pages' Markdown and covers use.
fn page_image_plans(bodies: &[Arc<Body>]) -> Vec<Planned> {
    bodies
        .iter()
        .flat_map(|body| body.images.iter().map(|used| used.planned.clone()))
        .collect()
}

/// Turns picture failures into diagnostics at the page and line that asked for each
/// picture, naming it relative to the site root.
fn image_problems(
    errors: Vec<(PathBuf, crate::images::ImageError)>,
    library: &Library,
    bodies: &[Arc<Body>],
    root: &Path,
) -> Vec<Diagnostic> {
    let mut asked_by: HashMap<&Path, (PathBuf, usize, usize)> = HashMap::new();
    for (page, body) in library.pages.iter().zip(bodies) {
        for used in &body.images {
            asked_by
                .entry(used.planned.source.path.as_path())
                .or_insert_with(|| (page.source.display.clone(), used.line, used.column));
        }
    }
    errors
        .into_iter()
        .map(|(source, error)| {
            let shown = display_path(root, &source);
            let (file, line, column) = asked_by
                .get(source.as_path())
                .cloned()
                .unwrap_or_else(|| (shown.clone(), 0, 0));
            let message = error
                .message
                .replace(&source.display().to_string(), &shown.display().to_string());
            Diagnostic::error(file, message)
                .at(line, column)
                .maybe_hint(error.hint)
        })
        .collect()
}

fn process_images(site: &LoadedSite, asked: &[Planned]) -> Result<Pictures, Vec<Diagnostic>> {
    let mut plans = page_image_plans(&site.bodies);
    plans.extend(asked.iter().cloned());
    let report = site.images.run(&plans);
    if !report.errors.is_empty() {
        let problems = image_problems(report.errors, &site.library, &site.bodies, &site.paths.root);
        return Err(finish_problems(problems, &site.paths.root));
    }
    let image_report = ImageReport {
        processed: report.processed,
        reused: report.reused,
    };
    Ok((picture_files(&site.images, &plans), image_report, plans))
}

/// The published files of pictures made (or found in the cache) for `plans`.
pub fn picture_files(images: &Pipeline, plans: &[Planned]) -> Vec<OutputFile> {
    let mut files: BTreeMap<PathBuf, OutputFile> = BTreeMap::new();
    for variant in plans.iter().flat_map(|p| &p.variants) {
        let path = PathBuf::from(IMAGE_DIR).join(&variant.file_name);
        files.entry(path.clone()).or_insert_with(|| OutputFile {
            path,
            contents: Contents::Copy(images.cached(variant)),
            lang: None,
        });
    }
    files.into_values().collect()
}

/// Theme static files, the site's `static/` (which wins), and bundle files under `/media/`.
fn static_files(site: &LoadedSite) -> Vec<OutputFile> {
    let mut by_path: BTreeMap<PathBuf, Contents> = BTreeMap::new();
    for (rel, file) in &site.theme.static_files {
        by_path.insert(PathBuf::from(rel), Contents::Bytes(file.bytes.clone()));
    }
    for file in &site.static_files {
        by_path.insert(file.rel.clone(), Contents::Copy(file.file.clone()));
    }
    // Pictures are published as processed variants, never as the original file.
    for asset in site
        .library
        .assets
        .iter()
        .filter(|a| !is_image_name(&a.rel))
    {
        by_path.insert(
            crate::plan::media_path(&asset.rel).output_file(),
            Contents::Copy(asset.file.clone()),
        );
    }
    by_path
        .into_iter()
        .map(|(path, contents)| OutputFile {
            path,
            contents,
            lang: None,
        })
        .collect()
}
