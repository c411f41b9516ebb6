//! `check --stamp`: records in a translation's front matter that it follows the current
//! source text, touching nothing but the `source_hash:` line.

use std::path::{Path, PathBuf};

use super::key_lines::restamp;
use super::translations::source_of;
use crate::config::Config;
use crate::content::{self, LoadOptions};
use crate::diagnostics::{Diagnostic, display_path};
use crate::library::{Library, PageId};
use crate::source_hash;
use crate::text::nfc;

/// What `stamp` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped {
    /// The translation, relative to the site root.
    pub file: PathBuf,
    /// Its source version, relative to the site root.
    pub source: PathBuf,
    pub source_hash: String,
    /// `false` when the file already carried this hash and was left alone.
    pub changed: bool,
}

/// Marks the translation in `file` as following its source's current text: sets its
/// `source_hash` (adding the line after `title:` when there is none). Every other byte
/// of the file stays as written.
pub fn stamp(root: &Path, file: &Path) -> Result<Stamped, Vec<Diagnostic>> {
    let located = locate(root, file)?;
    let page = &located.library.page(located.page).source;
    let source = &located.library.page(located.source).source;
    let hash = source_hash::of_page(&source.meta, &source.body);
    let shown = display_path(root, &page.display);
    let io_error = |error: std::io::Error| {
        vec![Diagnostic::error(
            &shown,
            format!("cannot rewrite the file: {error}"),
        )]
    };
    let text = std::fs::read_to_string(&page.file).map_err(io_error)?;
    let Some(stamped) = restamp(&text, &hash) else {
        return Err(vec![
            Diagnostic::error(&shown, "the file has no front matter to stamp").at(1, 1),
        ]);
    };
    let changed = stamped != text;
    if changed {
        std::fs::write(&page.file, stamped).map_err(io_error)?;
    }
    Ok(Stamped {
        file: shown,
        source: display_path(root, &source.display),
        source_hash: hash,
        changed,
    })
}

/// A translation named on the command line, found in the site together with its source.
pub(super) struct Located {
    pub config: Config,
    pub library: Library,
    pub page: PageId,
    pub source: PageId,
}

/// Reads the site's pages (drafts included) and finds `file` among them; refuses the
/// source version itself and translations whose folder has unreadable files (the
/// source may be one of them).
pub(super) fn locate(root: &Path, file: &Path) -> Result<Located, Vec<Diagnostic>> {
    let config = Config::load(root)?;
    let shown = display_path(root, file);
    let not_content = || {
        vec![
            Diagnostic::error(&shown, "not a Markdown file of the site's content/")
                .with_hint("name a translation's file, e.g. content/news/2024-05-01-x/index.lo.md"),
        ]
    };
    let content_dir = root
        .join("content")
        .canonicalize()
        .map_err(|_| not_content())?;
    let absolute = file.canonicalize().map_err(|error| {
        vec![Diagnostic::error(
            &shown,
            format!("cannot read the file: {error}"),
        )]
    })?;
    let rel = absolute
        .strip_prefix(&content_dir)
        .map_err(|_| not_content())?;
    let rel = nfc(&rel.to_string_lossy().replace('\\', "/"));
    let folder = rel.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();

    let (content, problems) = content::load(root, &config, LoadOptions { drafts: true });
    let nearby: Vec<Diagnostic> = problems
        .into_iter()
        .filter(|problem| {
            let problem_rel = problem
                .file
                .strip_prefix("content")
                .unwrap_or(&problem.file)
                .to_string_lossy()
                .replace('\\', "/");
            problem_rel.rsplit_once('/').map_or("", |(dir, _)| dir) == folder
        })
        .collect();
    if !nearby.is_empty() {
        return Err(nearby);
    }
    let (library, _) = Library::build(content, &config, Default::default());
    let Some(page) = library.page_by_rel(&rel) else {
        return Err(not_content());
    };
    let group = &library.groups[library.page(page).group];
    let source = source_of(&library, group, &config).unwrap_or(page);
    if source == page {
        let lang = library.page(page).lang();
        return Err(vec![
            Diagnostic::error(
                &shown,
                format!("this is the source version ({lang}) of the page, not a translation"),
            )
            .with_hint("stamp and compare its translations, e.g. the index.en.md next to it"),
        ]);
    }
    Ok(Located {
        config,
        library,
        page,
        source,
    })
}
