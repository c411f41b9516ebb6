//! File events reduced to what a rebuild needs to know: which content paths changed,
//! and whether the theme, interface strings, static files or settings did.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::config::CONFIG_FILE;
use crate::content::is_editor_leftover;

/// The changes of one debounced batch of file events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// `site.yaml` changed: everything is read again.
    pub config: bool,
    /// Templates, theme files or `.ftl` files changed.
    pub theme: bool,
    /// `static/` changed (copied on every rebuild; listed so a rebuild happens).
    pub static_files: bool,
    /// Paths under `content/` that were created, changed, removed or renamed.
    pub content: Vec<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        !self.config && !self.theme && !self.static_files && self.content.is_empty()
    }

    /// Sorts one path into the batch; paths outside the watched parts are ignored.
    pub fn add(&mut self, root: &Path, path: &Path) {
        let Ok(rel) = path.strip_prefix(root) else {
            return;
        };
        let rel_text = rel.to_string_lossy().replace('\\', "/");
        let name = rel_text.rsplit('/').next().unwrap_or(&rel_text);
        if is_editor_leftover(&rel_text) || name.starts_with(".#") || name.contains(".mekong-") {
            return;
        }
        let top = rel_text.split('/').next().unwrap_or("");
        match top {
            CONFIG_FILE => self.config = true,
            "content" if !self.content.iter().any(|p| p == path) => {
                self.content.push(path.to_path_buf());
            }
            "templates" | "themes" | "i18n" => self.theme = true,
            "static" => self.static_files = true,
            _ => {}
        }
    }
}

fn changes_files(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(metadata)) => {
            // Permissions matter (a file may become readable); access times do not.
            matches!(
                metadata,
                MetadataKind::Permissions | MetadataKind::Ownership
            )
        }
        _ => true,
    }
}

/// The parts of a site that are watched.
pub fn watched(root: &Path) -> Vec<PathBuf> {
    [
        "content",
        "templates",
        "themes",
        "i18n",
        "static",
        CONFIG_FILE,
    ]
    .iter()
    .map(|part| root.join(part))
    .filter(|path| path.exists())
    .collect()
}

/// Watches a site's parts; parts created later are added by [`SiteWatcher::refresh`].
pub struct SiteWatcher {
    root: PathBuf,
    debouncer: notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    watching: Vec<PathBuf>,
}

impl SiteWatcher {
    /// Starts watching parts that exist now and were not watched yet (a `templates/`
    /// folder made while serving, say). Returns whether any was added: its files were
    /// never seen, so the caller treats the part as changed.
    pub fn refresh(&mut self) -> bool {
        let mut added = false;
        for path in watched(&self.root) {
            if path.is_dir()
                && !self.watching.contains(&path)
                && self
                    .debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .is_ok()
            {
                self.watching.push(path);
                added = true;
            }
        }
        added
    }
}

/// Watches the site and sends one `Changes` per debounced batch. Watching stops when
/// the returned watcher is dropped.
pub fn watch(
    root: &Path,
    debounce: Duration,
) -> notify::Result<(SiteWatcher, mpsc::Receiver<Changes>)> {
    let (sender, receiver) = mpsc::channel();
    let root_for_events = root.to_path_buf();
    let mut debouncer = new_debouncer(debounce, None, move |result: DebounceEventResult| {
        let mut changes = Changes::default();
        match result {
            Ok(events) => {
                for event in events {
                    // Reading files (as every rebuild does) is not a change.
                    if !changes_files(&event.kind) {
                        continue;
                    }
                    for path in &event.paths {
                        changes.add(&root_for_events, path);
                    }
                    if event.need_rescan() {
                        changes.config = true;
                    }
                }
            }
            // The watcher lost track (too many events): start from scratch.
            Err(_) => changes.config = true,
        }
        if !changes.is_empty() {
            let _ = sender.send(changes);
        }
    })?;
    // The root itself is watched (not recursively) so that site.yaml, and parts created
    // later, are seen; each part recursively.
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    let mut watcher = SiteWatcher {
        root: root.to_path_buf(),
        debouncer,
        watching: Vec::new(),
    };
    watcher.refresh();
    Ok((watcher, receiver))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_paths_by_part_and_ignores_leftovers() {
        let root = Path::new("/site");
        let mut changes = Changes::default();
        changes.add(root, Path::new("/site/content/news/a/index.vi.md"));
        changes.add(root, Path::new("/site/content/news/a/.index.vi.md.swp"));
        changes.add(root, Path::new("/site/content/news/a/index.vi.md~"));
        changes.add(root, Path::new("/site/themes/default/templates/page.html"));
        changes.add(root, Path::new("/site/public/vi/index.html"));
        assert_eq!(
            changes.content,
            [PathBuf::from("/site/content/news/a/index.vi.md")]
        );
        assert!(changes.theme && !changes.config && !changes.static_files);
        changes.add(root, Path::new("/site/site.yaml"));
        assert!(changes.config);
    }
}
