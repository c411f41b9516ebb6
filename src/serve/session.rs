//! A build that stays in memory between edits: parsed pages, rendered bodies and page
//! fingerprints are kept, so an edit re-reads only the files it touched and re-renders
//! only the pages whose inputs changed. The output equals a clean build of the same files.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::content::{self, Asset, Content, LoadOptions, SourcePage, hash64};
use crate::diagnostics::{Diagnostic, display_path};
use crate::render::body::BodyCache;
use crate::render::body::IMAGE_DIR;
use crate::render::{Contents, Fingerprints, OutputFile, RenderFailure};
use crate::site::{self, BuildOptions, Inputs};

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
    pub elapsed: Duration,
    /// Time spent per phase, for profiling (`MEKONG_TIMINGS=1 mekong serve`).
    pub phases: Vec<(&'static str, Duration)>,
}

type PageResult = Result<Option<Arc<SourcePage>>, Vec<Diagnostic>>;

pub struct Session {
    options: BuildOptions,
    out: PathBuf,
    inputs: Option<Inputs>,
    /// Every Markdown file under `content/`, parsed, by absolute path.
    pages: BTreeMap<PathBuf, PageResult>,
    assets: BTreeMap<PathBuf, Asset>,
    scan_problems: Vec<Diagnostic>,
    bodies: BodyCache,
    fingerprints: Fingerprints,
    /// What is on disk in `out`, by path relative to it: a hash of its bytes.
    written: HashMap<PathBuf, u64>,
    /// The last attempt to read the settings failed: try again on every rebuild, so the
    /// error stays reported instead of old settings being used.
    settings_broken: bool,
}

impl Session {
    /// A session writing into `out`; nothing is read until the first `rebuild`.
    pub fn new(options: BuildOptions, out: PathBuf) -> Session {
        Session {
            options,
            out,
            inputs: None,
            pages: BTreeMap::new(),
            assets: BTreeMap::new(),
            scan_problems: Vec::new(),
            bodies: BodyCache::new(),
            fingerprints: Fingerprints::new(),
            written: HashMap::new(),
            settings_broken: false,
        }
    }

    pub fn output(&self) -> &Path {
        &self.out
    }

    /// Applies file changes and rebuilds what they affect. On problems nothing is
    /// written: the last good site stays in `out`.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Outcome, Vec<Diagnostic>> {
        let started = Instant::now();
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
        let loaded = site::assemble(inputs, content, problems, &self.bodies)?;
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
        let pages_rendered = produced.iter().filter(|f| f.lang.is_some()).count();
        mark("render");

        // Write what changed, remove what is gone.
        let mut keep: HashSet<PathBuf> = fingerprints.keys().cloned().collect();
        let mut changed_files = Vec::new();
        for file in &produced {
            keep.insert(file.path.clone());
            let hash = contents_hash(&file.contents);
            if self.written.get(&file.path) != Some(&hash) {
                write_file(&self.out, file).map_err(|error| {
                    vec![Diagnostic::error(
                        &file.path,
                        format!("cannot write: {error}"),
                    )]
                })?;
                self.written.insert(file.path.clone(), hash);
                changed_files.push(file.path.clone());
            }
        }
        // Pictures asked for by templates of pages not re-rendered are not listed again;
        // their names are content-addressed, so keeping them is harmless.
        let gone: Vec<PathBuf> = self
            .written
            .keys()
            .filter(|path| !keep.contains(*path) && !path.starts_with(IMAGE_DIR))
            .cloned()
            .collect();
        for path in &gone {
            let _ = std::fs::remove_file(self.out.join(path));
            self.written.remove(path);
            changed_files.push(path.clone());
        }
        // Pages skipped as unchanged were written by an earlier round.
        for path in fingerprints.keys() {
            self.written.entry(path.clone()).or_insert(0);
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
        Ok(Outcome {
            changed: changed_files.iter().map(|p| url_of(&base, p)).collect(),
            css_only,
            pages_rendered,
            files_written: changed_files.len(),
            elapsed: started.elapsed(),
            phases,
        })
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

fn contents_hash(contents: &Contents) -> u64 {
    match contents {
        Contents::Bytes(bytes) => hash64(bytes),
        Contents::Copy(source) => {
            let meta = std::fs::metadata(source).ok();
            let modified = meta
                .as_ref()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            hash64(&(source, meta.map(|m| m.len()), modified))
        }
    }
}

fn write_file(out: &Path, file: &OutputFile) -> std::io::Result<()> {
    let target = out.join(&file.path);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // Write beside and rename, so the server never sends a half-written file.
    let temporary = target.with_file_name(format!(
        ".{}.mekong-tmp",
        target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    match &file.contents {
        Contents::Bytes(bytes) => std::fs::write(&temporary, bytes)?,
        Contents::Copy(source) => {
            std::fs::copy(source, &temporary)?;
        }
    }
    std::fs::rename(&temporary, &target)
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
