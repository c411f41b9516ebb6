//! A build that stays in memory between edits: parsed pages, rendered bodies and page
//! fingerprints are kept, so an edit re-reads only the files it touched and re-renders
//! only the pages whose inputs changed. The output equals a clean build of the same files.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::content::{self, Asset, Content, LoadOptions, SourcePage};
use crate::diagnostics::{Diagnostic, display_path};
use crate::images::IMAGE_DIR;
use crate::images::Planned;
use crate::library::PageId;
use crate::output::Live;
use crate::render::body::{BodyCache, link_world, render_one};
use crate::render::{self, Body, Fingerprints, OutputFile, PageSet, RenderFailure};
use crate::site::{self, BuildOptions, Inputs, LoadedSite};

use super::watch::Changes;

/// What one rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Root-relative URLs of pages and files written or removed.
    pub changed: Vec<String>,
    /// Only stylesheets changed: tabs can swap them without reloading.
    pub css_only: bool,
    pub pages_rendered: usize,
    pub files_written: usize,
    /// Whether the site was indexed again; an edit that changed only what pages show
    /// is applied to the previous build instead.
    pub reindexed: bool,
    pub elapsed: Duration,
    /// Time spent per phase, for profiling (`MEKONG_TIMINGS=1 mekong serve`).
    pub phases: Vec<(&'static str, Duration)>,
    /// Warnings of what was rendered again: the whole site's after a full rebuild, the
    /// edited pages' after a quick one.
    pub warnings: Vec<Diagnostic>,
}

type PageResult = Result<Option<Arc<SourcePage>>, Vec<Diagnostic>>;

pub struct Session {
    options: BuildOptions,
    /// The folder served, and what is on disk in it.
    live: Live,
    inputs: Option<Inputs>,
    /// Every Markdown file under `content/`, parsed, by absolute path.
    pages: BTreeMap<PathBuf, PageResult>,
    assets: BTreeMap<PathBuf, Asset>,
    scan_problems: Vec<Diagnostic>,
    bodies: BodyCache,
    /// Pages read for the search indexes, by what they were read from.
    search_reads: render::search::Reads,
    fingerprints: Fingerprints,
    /// The last attempt to read the settings failed: try again on every rebuild, so the
    /// error stays reported instead of old settings being used.
    settings_broken: bool,
    /// The last good build, kept whole while no problem is pending: an edit that leaves
    /// every address and index as it was is applied to it (see [`Session::quick`]).
    last: Option<Kept>,
}

/// A successful build as `serve` keeps it.
struct Kept {
    site: LoadedSite,
    pages: PageSet,
    /// What the bodies' links were resolved against (see [`crate::render::body::link_world`]).
    world: u64,
}

impl Session {
    /// A session writing into `out`; nothing is read until the first `rebuild`.
    pub fn new(options: BuildOptions, out: PathBuf) -> Session {
        Session {
            options,
            live: Live::new(out),
            inputs: None,
            pages: BTreeMap::new(),
            assets: BTreeMap::new(),
            scan_problems: Vec::new(),
            bodies: BodyCache::new(),
            search_reads: render::search::Reads::default(),
            fingerprints: Fingerprints::new(),
            settings_broken: false,
            last: None,
        }
    }

    pub fn output(&self) -> &Path {
        self.live.folder()
    }

    /// Applies file changes and rebuilds what they affect. On problems nothing is
    /// written: the last good site stays in `out`.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Outcome, Vec<Diagnostic>> {
        let started = Instant::now();
        if let Some(outcome) = self.quick(changes, started)? {
            return Ok(outcome);
        }
        self.last = None;
        let mut phases = Vec::new();
        let mut lap = Instant::now();
        let mut mark = |name: &'static str| {
            phases.push((name, lap.elapsed()));
            lap = Instant::now();
        };
        let root = self.options.root.clone();
        if changes.config || self.inputs.is_none() || self.settings_broken {
            self.settings_broken = true;
            self.reload_all()?;
            self.settings_broken = false;
        } else {
            if changes.theme {
                self.settings_broken = true;
                self.inputs = Some(site::load_inputs(&self.options)?);
                self.settings_broken = false;
            }
            for path in &changes.content {
                self.update_content(path);
            }
        }
        mark("read changes");
        let inputs = self.inputs.as_ref().expect("inputs were loaded");
        let (content, problems) = self.content();
        mark("collect content");
        let mut loaded =
            site::assemble(inputs, content, problems, &self.bodies, site::Sources::Keep)?;
        loaded.search_reads = Some(self.search_reads.clone());
        mark("index, bodies, templates");

        let mut produced: Vec<OutputFile> = Vec::new();
        let rendered = site::render_site(&loaded, &self.fingerprints, &mut |files| {
            produced.extend(files);
            Ok(())
        })
        .map_err(|failure| match failure {
            RenderFailure::Problems(problems) => problems,
            RenderFailure::Io(error) => vec![Diagnostic::error(&root, error.to_string())],
        })?;
        let fingerprints = rendered.fingerprints;
        // The session holds the pages read alone, so that an edit can patch the merged
        // words in place.
        loaded.search_reads = None;
        self.search_reads = rendered.search_reads;
        let pages_rendered = produced.iter().filter(|f| f.lang.is_some()).count();
        // Pictures templates asked for, on pages rendered now or kept as they were.
        let template_pictures: HashSet<PathBuf> =
            picture_paths(&rendered.template_images).collect();
        mark("render");

        // Write what changed, remove what is gone.
        let mut keep: HashSet<PathBuf> = fingerprints.keys().cloned().collect();
        keep.extend(produced.iter().map(|file| file.path.clone()));
        let mut changed_files = self.write_changed(&produced)?;
        changed_files.extend(
            self.live
                .remove_all_but(|path| keep.contains(path) || template_pictures.contains(path)),
        );
        // Pages skipped as unchanged were written by an earlier round.
        for path in fingerprints.keys() {
            self.live.note_unchanged(path);
        }
        self.fingerprints = fingerprints;
        self.bodies = loaded
            .library
            .pages
            .iter()
            .zip(&loaded.bodies)
            .map(|(page, body)| (page.source.rel.clone(), Arc::clone(body)))
            .collect();
        mark("write");
        changed_files.sort();
        let css_only = !changed_files.is_empty()
            && changed_files
                .iter()
                .all(|path| path.extension().is_some_and(|ext| ext == "css"));
        let base = loaded.config.base_path.clone();
        let warnings = loaded.warnings.clone();
        let mut pages = rendered.pages;
        pages.index_readers(&loaded.library);
        let world = link_world(&loaded.library, &loaded.config.base_path);
        self.last = Some(Kept {
            site: loaded,
            pages,
            world,
        });
        mark("index for later edits");
        Ok(Outcome {
            changed: changed_files.iter().map(|p| url_of(&base, p)).collect(),
            css_only,
            pages_rendered,
            files_written: changed_files.len(),
            reindexed: true,
            elapsed: started.elapsed(),
            phases,
            warnings,
        })
    }

    /// Where the pictures templates asked for on the pages now published are.
    fn template_pictures(&self) -> HashSet<PathBuf> {
        picture_paths(
            self.fingerprints
                .values()
                .flat_map(|stamp| &stamp.calls.images),
        )
        .collect()
    }

    /// Writes the files whose bytes differ from what is on disk; returns their paths.
    fn write_changed(&mut self, files: &[OutputFile]) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
        self.live.write_changed(files).map_err(|failed| {
            vec![Diagnostic::error(
                &failed.path,
                format!("cannot write: {}", failed.error),
            )]
        })
    }

    /// Applies an edit that changed only what pages show — a body, a title, a summary,
    /// a cover — to the last good build: the edited bodies are rendered again, then only
    /// the pages, feeds and sitemaps that show them. Anything else (a new, moved or
    /// deleted file, a changed date, slug or term, a broken save) returns `None`, and
    /// the whole rebuild handles it and reports every problem.
    ///
    /// Longer than most functions: it is the quick path's phases in order, each with the
    /// way it declines; read top to bottom it is the whole story of a quick edit.
    fn quick(
        &mut self,
        changes: &Changes,
        started: Instant,
    ) -> Result<Option<Outcome>, Vec<Diagnostic>> {
        if changes.config || changes.theme || changes.static_files || changes.content.is_empty() {
            return Ok(None);
        }
        let Some(mut kept) = self.last.take() else {
            return Ok(None);
        };
        let mut phases = Vec::new();
        let mut lap = Instant::now();
        let mut mark = |name: &'static str| {
            phases.push((name, lap.elapsed()));
            lap = Instant::now();
        };
        let Some(swaps) = self.content_only_edits(changes, &kept.site) else {
            return Ok(None);
        };
        mark("read changes");
        if swaps.is_empty() {
            self.last = Some(kept);
            return Ok(Some(Outcome {
                elapsed: started.elapsed(),
                phases,
                ..Outcome::default()
            }));
        }

        // From here on `kept` changes: declining drops it, and the whole rebuild starts
        // from the files.
        let replaced: Vec<(PageId, Arc<SourcePage>)> = swaps
            .iter()
            .map(|(_, id, page)| (*id, Arc::clone(page)))
            .collect();
        kept.site.replace_pages(&replaced);
        let ids: Vec<PageId> = replaced.iter().map(|(id, _)| *id).collect();
        let Some(EditedBodies {
            warnings,
            plans,
            mut unused,
            mentions_moved,
        }) = edited_bodies(&mut kept, &ids)
        else {
            return Ok(None);
        };
        // A document whose list of mentioning pages changed shows on its own pages.
        let mut shown = ids.clone();
        for document in mentions_moved {
            shown.extend(&kept.site.library.documents.documents[document].versions);
        }
        mark("bodies");

        let asked_before = self.template_pictures();
        let input = kept.site.render_input();
        let rerendered = render::rerender(
            &input,
            &mut kept.pages,
            &shown,
            &mut self.fingerprints,
            &mut self.search_reads,
        );
        drop(input);
        let Ok(render::Rerendered {
            mut files,
            images: asked,
            removed,
        }) = rerendered
        else {
            return Ok(None);
        };
        let pages_rendered = files.iter().filter(|f| f.lang.is_some()).count();
        // Pictures the old versions showed or templates asked for, and nothing shows any
        // more.
        let asked_now = self.template_pictures();
        unused.extend(asked_before.difference(&asked_now).cloned());
        unused.retain(|path| !asked_now.contains(path));
        if !unused.is_empty() {
            for body in &kept.site.bodies {
                for path in body_pictures(body) {
                    unused.remove(&path);
                }
            }
        }
        let mut pictures = plans;
        pictures.extend(asked);
        if !kept.site.images.run(&pictures).errors.is_empty() {
            // The fingerprints already say these pages were written: forget them all.
            self.fingerprints.clear();
            return Ok(None);
        }
        files.extend(site::picture_files(&kept.site.images, &pictures));
        mark("render");

        let mut changed_files = match self.write_changed(&files) {
            Ok(changed) => changed,
            Err(problems) => {
                self.fingerprints.clear();
                return Err(problems);
            }
        };
        for path in unused.into_iter().chain(removed) {
            self.live.remove(&path);
            changed_files.push(path);
        }
        for (path, id, page) in swaps {
            self.bodies
                .insert(page.rel.clone(), Arc::clone(&kept.site.bodies[id]));
            self.pages.insert(path, Ok(Some(page)));
        }
        mark("write");
        let base = kept.site.config.base_path.clone();
        self.last = Some(kept);
        changed_files.sort();
        Ok(Some(Outcome {
            changed: changed_files.iter().map(|p| url_of(&base, p)).collect(),
            css_only: false,
            pages_rendered,
            files_written: changed_files.len(),
            reindexed: false,
            elapsed: started.elapsed(),
            phases,
            warnings,
        }))
    }

    /// The edited pages of `changes`, read again, when every change is an edit of a
    /// Markdown page that keeps its address and place in every index (its
    /// [`SourcePage::shape`]); `None` when any change needs the whole rebuild.
    fn content_only_edits(
        &self,
        changes: &Changes,
        site: &LoadedSite,
    ) -> Option<Vec<(PathBuf, PageId, Arc<SourcePage>)>> {
        let root = &self.options.root;
        let mut swaps = Vec::new();
        for path in &changes.content {
            if !path.exists() {
                if self.knows(path) {
                    return None;
                }
                // A temporary file of a save, renamed already: never part of the site.
                continue;
            }
            let is_markdown = path.extension().is_some_and(|ext| ext == "md");
            let hidden = path
                .strip_prefix(root.join("content"))
                .map(|rel| {
                    rel.iter()
                        .any(|part| part.to_string_lossy().starts_with('.'))
                })
                .unwrap_or(true);
            if !path.is_file() || !is_markdown || hidden {
                return None;
            }
            let Some(Ok(Some(old))) = self.pages.get(path) else {
                return None;
            };
            let Ok(Some(new)) = content::read_page(root, &site.config, path, self.load_options())
            else {
                return None;
            };
            if new.revision == old.revision {
                continue;
            }
            let id = site.library.page_by_rel(&new.rel)?;
            if new.shape() != old.shape() {
                return None;
            }
            swaps.push((path.clone(), id, Arc::new(new)));
        }
        Some(swaps)
    }

    /// Whether a page or file at or below `path` is part of the site.
    fn knows(&self, path: &Path) -> bool {
        let below = |first: Option<&PathBuf>| first.is_some_and(|p| p.starts_with(path));
        below(
            self.pages
                .range(path.to_path_buf()..)
                .next()
                .map(|(p, _)| p),
        ) || below(
            self.assets
                .range(path.to_path_buf()..)
                .next()
                .map(|(p, _)| p),
        )
    }

    /// Reads everything again (first build, or `site.yaml` changed).
    fn reload_all(&mut self) -> Result<(), Vec<Diagnostic>> {
        let inputs = site::load_inputs(&self.options)?;
        self.pages.clear();
        self.assets.clear();
        self.bodies.clear();
        self.fingerprints.clear();
        self.inputs = Some(inputs);
        let content_dir = self.options.root.join("content");
        self.rescan(&content_dir);
        Ok(())
    }

    fn load_options(&self) -> LoadOptions {
        LoadOptions {
            drafts: self.options.drafts,
        }
    }

    /// Re-reads everything below a folder of `content/`.
    fn rescan(&mut self, dir: &Path) {
        let root = self.options.root.clone();
        self.pages.retain(|path, _| !path.starts_with(dir));
        self.assets.retain(|path, _| !path.starts_with(dir));
        if !dir.is_dir() {
            return;
        }
        let (markdown, assets, problems) = content::scan(&root, dir);
        if dir == root.join("content") {
            self.scan_problems = problems;
        }
        let config = &self.inputs.as_ref().expect("inputs are loaded").config;
        let options = self.load_options();
        let parsed: Vec<(PathBuf, PageResult)> = {
            use rayon::prelude::*;
            markdown
                .into_par_iter()
                .map(|(path, _)| {
                    let result =
                        content::read_page(&root, config, &path, options).map(|p| p.map(Arc::new));
                    (path, result)
                })
                .collect()
        };
        self.pages.extend(parsed);
        for asset in assets {
            self.assets.insert(asset.file.clone(), asset);
        }
    }

    /// Brings one changed path of `content/` up to date.
    fn update_content(&mut self, path: &Path) {
        let root = self.options.root.clone();
        let content_dir = root.join("content");
        if !path.starts_with(&content_dir) {
            return;
        }
        if path.is_dir() {
            self.rescan(path);
            return;
        }
        let rel = path
            .strip_prefix(&content_dir)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let hidden = rel.split('/').any(|part| part.starts_with('.'));
        if !path.exists() || hidden || content::is_editor_leftover(&rel) {
            // Gone (or never ours): drop it and anything that lived below it.
            self.pages.retain(|p, _| !p.starts_with(path));
            self.assets.retain(|p, _| !p.starts_with(path));
            return;
        }
        if rel.ends_with(".md") {
            let config = &self.inputs.as_ref().expect("inputs are loaded").config;
            let result = content::read_page(&root, config, path, self.load_options())
                .map(|p| p.map(Arc::new));
            self.pages.insert(path.to_path_buf(), result);
        } else {
            self.assets.insert(
                path.to_path_buf(),
                Asset::new(path.to_path_buf(), crate::text::nfc(&rel)),
            );
        }
    }

    /// The content as a clean load would return it.
    fn content(&self) -> (Content, Vec<Diagnostic>) {
        let mut problems = self.scan_problems.clone();
        let mut content = Content::default();
        let content_dir = self.options.root.join("content");
        if !content_dir.is_dir() {
            problems.push(
                Diagnostic::error("content", "there is no content/ folder")
                    .with_hint("create content/ with one folder per section, or pass --root DIR"),
            );
        }
        for (path, result) in &self.pages {
            match result {
                Ok(Some(page)) => content.pages.push(Arc::clone(page)),
                Ok(None) => {}
                Err(errors) => {
                    problems.extend(errors.iter().cloned());
                    if let Ok(rel) = path.strip_prefix(&content_dir) {
                        content
                            .unparsed
                            .push(crate::text::nfc(&rel.to_string_lossy().replace('\\', "/")));
                    }
                }
            }
        }
        content.assets = self.assets.values().cloned().collect();
        for problem in &mut problems {
            problem.file = display_path(&self.options.root, &problem.file);
        }
        (content, problems)
    }
}

/// What rendering the edited pages' bodies again gave.
struct EditedBodies {
    warnings: Vec<Diagnostic>,
    /// The pictures the new bodies show, made already.
    plans: Vec<Planned>,
    /// Pictures the old versions showed (some may still be shown elsewhere).
    unused: HashSet<PathBuf>,
    /// The documents (indexes into the registry) that the new bodies mention and the old
    /// did not, or the other way round.
    mentions_moved: Vec<usize>,
}

/// Renders the bodies of `ids` again in place of the old ones and makes their pictures;
/// `None` when one has a problem (the whole rebuild then reports it).
fn edited_bodies(kept: &mut Kept, ids: &[PageId]) -> Option<EditedBodies> {
    let bodies: Vec<Body> = {
        use rayon::prelude::*;
        let site = &kept.site;
        ids.par_iter()
            .map(|&id| {
                render_one(
                    &site.library,
                    id,
                    &site.config.base_path,
                    &site.config.markdown,
                    kept.world,
                    &site.images,
                    &site.mentions,
                )
            })
            .collect()
    };
    if bodies.iter().any(|body| !body.problems.is_empty()) {
        return None;
    }
    let warnings: Vec<Diagnostic> = bodies
        .iter()
        .flat_map(|body| body.warnings.iter().chain(&body.mention_warnings).cloned())
        .collect();
    let plans: Vec<Planned> = bodies
        .iter()
        .flat_map(|body| body.images.iter().map(|used| used.planned.clone()))
        .collect();
    if !kept.site.images.run(&plans).errors.is_empty() {
        return None;
    }
    let unused: HashSet<PathBuf> = ids
        .iter()
        .flat_map(|&id| body_pictures(&kept.site.bodies[id]))
        .collect();
    let mut mentions_moved = Vec::new();
    for (&id, body) in ids.iter().zip(bodies) {
        let old = &kept.site.bodies[id].mentions;
        mentions_moved.extend(
            old.iter()
                .filter(|d| !body.mentions.contains(d))
                .chain(body.mentions.iter().filter(|d| !old.contains(d))),
        );
        kept.site.bodies[id] = Arc::new(body);
    }
    mentions_moved.sort_unstable();
    mentions_moved.dedup();
    Some(EditedBodies {
        warnings,
        plans,
        unused,
        mentions_moved,
    })
}

/// Where the variants of pictures are published.
fn picture_paths<'a>(
    plans: impl IntoIterator<Item = &'a Planned>,
) -> impl Iterator<Item = PathBuf> {
    plans
        .into_iter()
        .flat_map(|plan| &plan.variants)
        .map(|variant| Path::new(IMAGE_DIR).join(&variant.file_name))
}

/// Where the pictures a page's body and cover show are published.
fn body_pictures(body: &Body) -> impl Iterator<Item = PathBuf> + '_ {
    picture_paths(body.images.iter().map(|used| &used.planned))
}

/// The address a written file is served at: `vi/x/index.html` → `/vi/x/`.
fn url_of(base: &str, path: &Path) -> String {
    let segments: Vec<String> = path
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    let (dir, is_index) = match segments.split_last() {
        Some((last, dir)) if last == "index.html" => (dir.to_vec(), true),
        _ => (segments.clone(), false),
    };
    let site_path = if is_index {
        crate::url::SitePath::dir(dir)
    } else {
        crate::url::SitePath::file(dir)
    };
    site_path.url(base)
}
