//! The theme's files: the built-in default theme, overridden file by file by the site's
//! `themes/<name>/` and `templates/` folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::{Config, SitePaths};
use crate::diagnostics::{Diagnostic, display_path};

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a theme file came from, so errors can name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn(String),
    File(PathBuf),
}

impl Origin {
    pub fn display(&self) -> PathBuf {
        match self {
            Origin::BuiltIn(rel) => PathBuf::from(format!("(built-in theme)/{rel}")),
            Origin::File(path) => path.clone(),
        }
    }
}

/// One file of the theme: text for templates and `.ftl`, bytes for static files.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub origin: Origin,
    pub bytes: Vec<u8>,
}

impl ThemeFile {
    pub fn text(&self) -> Result<&str, Diagnostic> {
        std::str::from_utf8(&self.bytes).map_err(|error| {
            crate::diagnostics::not_utf8(self.origin.display(), &self.bytes, error.valid_up_to())
        })
    }
}

/// The merged theme: each map goes from a path inside its folder to the winning file.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, ThemeFile>,
    pub static_files: BTreeMap<String, ThemeFile>,
    /// `vi.ftl` → the theme's strings for that language.
    pub i18n: BTreeMap<String, ThemeFile>,
}

impl Theme {
    pub fn load(paths: &SitePaths, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme::default();
        theme.add_built_in(&BUILT_IN);
        let theme_dir = paths.themes.join(&config.theme);
        if theme_dir.is_dir() {
            theme.add_folder(&theme_dir, &paths.root)?;
        } else if config.theme != "default" {
            return Err(vec![
                Diagnostic::error(
                    "site.yaml",
                    format!("the theme `{}` is not in themes/", config.theme),
                )
                .with_hint("use `theme: default`, or create themes/NAME/templates/"),
            ]);
        }
        if paths.templates.is_dir() {
            read_folder(&paths.templates, &paths.root, &mut theme.templates)?;
        }
        Ok(theme)
    }

    fn add_built_in(&mut self, dir: &Dir<'static>) {
        for entry in dir.entries() {
            if let Some(sub) = entry.as_dir() {
                self.add_built_in(sub);
            } else if let Some(file) = entry.as_file() {
                let rel = file.path().to_string_lossy().replace('\\', "/");
                let theme_file = ThemeFile {
                    origin: Origin::BuiltIn(rel.clone()),
                    bytes: file.contents().to_vec(),
                };
                if let Some((kind, inner)) = rel.split_once('/') {
                    self.map_for(kind)
                        .map(|map| map.insert(inner.to_string(), theme_file));
                }
            }
        }
    }

    fn add_folder(&mut self, dir: &Path, root: &Path) -> Result<(), Vec<Diagnostic>> {
        for kind in ["templates", "static", "i18n"] {
            let sub = dir.join(kind);
            if sub.is_dir() {
                let map = self.map_for(kind).expect("known kind");
                read_folder(&sub, root, map)?;
            }
        }
        Ok(())
    }

    fn map_for(&mut self, kind: &str) -> Option<&mut BTreeMap<String, ThemeFile>> {
        match kind {
            "templates" => Some(&mut self.templates),
            "static" => Some(&mut self.static_files),
            "i18n" => Some(&mut self.i18n),
            _ => None,
        }
    }
}

fn read_folder(
    dir: &Path,
    root: &Path,
    into: &mut BTreeMap<String, ThemeFile>,
) -> Result<(), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(Diagnostic::error(
                    display_path(root, error.path().unwrap_or(dir)),
                    format!("cannot read: {error}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("walkdir stays below its root")
            .to_string_lossy()
            .replace('\\', "/");
        if rel.split('/').any(|part| part.starts_with('.'))
            || crate::content::is_editor_leftover(&rel)
        {
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                into.insert(
                    rel,
                    ThemeFile {
                        origin: Origin::File(display_path(root, entry.path())),
                        bytes,
                    },
                );
            }
            Err(error) => problems.push(Diagnostic::error(
                display_path(root, entry.path()),
                format!("cannot read the file: {error}"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
