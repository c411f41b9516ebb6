//! Where `build` may put a site. A build replaces everything in its output folder, so
//! the folder must not be the site itself, one of the folders the site is built from,
//! or a folder of other files (an editor's documents, a home folder) given by mistake.

use std::io;
use std::path::{Component, Path, PathBuf};

/// The folders (and file) of a site's root that a build reads or keeps between builds.
const SOURCES: &[&str] = &[
    "content",
    "static",
    "templates",
    "themes",
    "i18n",
    ".mekong-cache",
    "site.yaml",
];

/// Why a folder cannot take the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// It is the site's folder, a folder holding it, or inside one of its sources: the
    /// build would delete what the editors wrote. `--force` does not override this.
    HoldsSources { output: PathBuf, what: String },
    /// It holds files and no site (no `index.html` at its top): they would be deleted.
    /// `--force` builds there anyway.
    HoldsOtherFiles { output: PathBuf, entries: usize },
}

impl Refusal {
    /// One line saying what is wrong, and one saying what to do.
    pub fn message_and_hint(&self) -> (String, String) {
        match self {
            Refusal::HoldsSources { output, what } => (
                format!(
                    "cannot build into {}: it is {what}, and a build replaces everything in its output folder",
                    output.display()
                ),
                "leave out --output to build into public/ in the site's folder, or name a folder outside content/, static/, templates/, themes/ and i18n/".into(),
            ),
            Refusal::HoldsOtherFiles { output, entries } => (
                format!(
                    "cannot build into {}: it holds {entries} file{} or folder{} and no site (no index.html), and a build would delete them",
                    output.display(),
                    if *entries == 1 { "" } else { "s" },
                    if *entries == 1 { "" } else { "s" },
                ),
                "name a new or empty folder, or a folder an earlier build wrote; --force builds there anyway and deletes what is in it".into(),
            ),
        }
    }
}

/// Whether a build of the site in `root` may write into `output` (relative paths are
/// taken from the working folder, links followed). `force` allows a folder of other
/// files, never the site's own.
pub fn check_output(root: &Path, output: &Path, force: bool) -> Result<(), Refusal> {
    let (Ok(root), Ok(resolved)) = (root.canonicalize(), resolve(output)) else {
        // A site folder that cannot be read fails later with its own error.
        return Ok(());
    };
    let refuse = |what: String| {
        Err(Refusal::HoldsSources {
            output: output.to_path_buf(),
            what,
        })
    };
    if resolved == root {
        return refuse("the site's own folder".into());
    }
    if root.starts_with(&resolved) {
        return refuse("a folder holding the site".into());
    }
    if let Ok(inside) = resolved.strip_prefix(&root)
        && let Some(Component::Normal(first)) = inside.components().next()
        && let Some(source) = SOURCES.iter().find(|s| first == **s)
    {
        return refuse(if *source == "site.yaml" {
            "the site's settings file".into()
        } else {
            format!("inside {source}/, which the site is built from")
        });
    }
    if force || !resolved.is_dir() || resolved.join("index.html").is_file() {
        return Ok(());
    }
    let entries = std::fs::read_dir(&resolved).map_or(0, |entries| entries.count());
    if entries == 0 {
        return Ok(());
    }
    Err(Refusal::HoldsOtherFiles {
        output: output.to_path_buf(),
        entries,
    })
}

/// `path` made absolute with its links resolved, for the part of it that exists.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut resolved = real;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::CurDir => {}
                    other => resolved.push(other),
                }
            }
            return Ok(resolved);
        }
        let Some(parent) = existing.parent() else {
            return Ok(absolute);
        };
        rest.extend(existing.components().next_back());
        existing = parent;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["content/news", "static", "i18n", "themes/default"] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        }
        std::fs::write(dir.path().join("site.yaml"), "base_url: https://x.vn\n").unwrap();
        dir
    }

    fn holds_sources(result: Result<(), Refusal>) -> bool {
        matches!(result, Err(Refusal::HoldsSources { .. }))
    }

    #[test]
    fn the_site_its_parents_and_its_sources_are_refused_even_with_force() {
        let site = site();
        let root = site.path();
        for output in [
            root.to_path_buf(),
            root.join("."),
            root.join("content/.."),
            root.parent().unwrap().to_path_buf(),
            root.join("content"),
            root.join("content/news/new-folder"),
            root.join("static/public"),
            root.join("i18n"),
            root.join("themes"),
            root.join(".mekong-cache/images"),
            root.join("site.yaml"),
        ] {
            for force in [false, true] {
                assert!(
                    holds_sources(check_output(root, &output, force)),
                    "{} (force {force})",
                    output.display()
                );
            }
        }
    }

    #[test]
    fn a_link_to_the_content_folder_is_refused() {
        let site = site();
        let elsewhere = tempfile::tempdir().unwrap();
        let link = elsewhere.path().join("out");
        std::os::unix::fs::symlink(site.path().join("content"), &link).unwrap();
        assert!(holds_sources(check_output(site.path(), &link, true)));
    }

    #[test]
    fn new_empty_and_earlier_output_folders_are_taken() {
        let site = site();
        let root = site.path();
        assert_eq!(check_output(root, &root.join("public"), false), Ok(()));
        assert_eq!(check_output(root, &root.join("a/b/c"), false), Ok(()));
        std::fs::create_dir(root.join("public")).unwrap();
        assert_eq!(check_output(root, &root.join("public"), false), Ok(()));
        std::fs::write(root.join("public/index.html"), "<!doctype html>").unwrap();
        std::fs::create_dir(root.join("public/vi")).unwrap();
        assert_eq!(check_output(root, &root.join("public"), false), Ok(()));
    }

    #[test]
    fn a_folder_of_other_files_needs_force() {
        let site = site();
        let documents = tempfile::tempdir().unwrap();
        std::fs::write(documents.path().join("bao-cao.docx"), "…").unwrap();
        assert_eq!(
            check_output(site.path(), documents.path(), false),
            Err(Refusal::HoldsOtherFiles {
                output: documents.path().to_path_buf(),
                entries: 1
            })
        );
        assert_eq!(check_output(site.path(), documents.path(), true), Ok(()));
    }
}
