//! Walks `content/`, classifies files by name and place, and parses them in parallel.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::front_matter::{self, Requirements};
use super::{Asset, Content, Role, SourcePage};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, display_path};
use crate::text::nfc;

#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub drafts: bool,
}

/// A Markdown file before parsing: where it is and what it is.
struct Found {
    file: PathBuf,
    display: PathBuf,
    rel: String,
    lang: String,
    role: Role,
    section: Option<String>,
    bundle: Option<String>,
    name: String,
    group_key: String,
}

/// Reads every page and asset under `root/content`. Drafts are dropped unless asked for.
/// Problems of all files come back together with what could be read, so later phases
/// can still check the rest.
pub fn load(root: &Path, config: &Config, options: LoadOptions) -> (Content, Vec<Diagnostic>) {
    let content_dir = root.join("content");
    let mut problems = Vec::new();
    let mut found = Vec::new();
    if !content_dir.is_dir() {
        return (
            Content::default(),
            vec![
                Diagnostic::error("content", "there is no content/ folder")
                    .with_hint("create content/ with one folder per section, or pass --root DIR"),
            ],
        );
    }
    let (markdown, assets, mut scan_problems) = scan(root, &content_dir);
    problems.append(&mut scan_problems);
    for (path, rel) in markdown {
        match classify(&path, &rel, root, config) {
            Ok(item) => found.push(item),
            Err(diagnostic) => problems.push(diagnostic),
        }
    }

    let timezone = config.timezone;
    let parsed: Vec<(String, Parse)> = found
        .into_par_iter()
        .map(|item| (item.rel.clone(), parse_found(item, timezone, options)))
        .collect();

    let mut pages = Vec::new();
    let mut unparsed = Vec::new();
    for (rel, result) in parsed {
        match result {
            Ok(Some(page)) => pages.push(Arc::new(page)),
            Ok(None) => {}
            Err(mut errors) => {
                problems.append(&mut errors);
                unparsed.push(rel);
            }
        }
    }
    (
        Content {
            pages,
            assets,
            unparsed,
        },
        problems,
    )
}

/// A parsed page, a skipped draft (`None`), or the file's problems.
type Parse = Result<Option<SourcePage>, Vec<Diagnostic>>;

fn parse_found(item: Found, timezone: jiff::tz::Offset, options: LoadOptions) -> Parse {
    let bytes = std::fs::read(&item.file).map_err(|error| {
        vec![Diagnostic::error(
            &item.display,
            format!("cannot read the file: {error}"),
        )]
    })?;
    let text = crate::diagnostics::utf8_text(&item.display, bytes).map_err(|error| vec![error])?;
    let text = nfc(&text);
    let requirements = if item.role == Role::Article {
        Requirements::Article
    } else {
        Requirements::TitleOnly
    };
    let parsed = front_matter::parse(&text, &item.display, requirements, timezone)?;
    if parsed.meta.draft && !options.drafts {
        return Ok(None);
    }
    let group_key = match &parsed.meta.translation_key {
        Some(key) => format!("key:{key}"),
        None => item.group_key,
    };
    let revision = super::hash64(&(&text, &item.rel));
    let slugs = |names: &[String]| names.iter().map(|n| crate::text::slugify(n)).collect();
    Ok(Some(SourcePage {
        revision,
        category_slugs: slugs(&parsed.meta.categories),
        tag_slugs: slugs(&parsed.meta.tags),
        file: item.file,
        display: item.display,
        rel: item.rel,
        lang: item.lang,
        role: item.role,
        section: item.section,
        bundle: item.bundle,
        name: item.name,
        group_key,
        meta: parsed.meta,
        body: parsed.body,
        body_line: parsed.body_line,
    }))
}

/// Lists the files below `dir` (inside `root/content`), skipping hidden files and what
/// editors leave behind: Markdown files (with their path relative to `content/`) and
/// everything else as assets.
pub fn scan(root: &Path, dir: &Path) -> (Vec<(PathBuf, String)>, Vec<Asset>, Vec<Diagnostic>) {
    let content_dir = root.join("content");
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let mut problems = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().map(Path::to_path_buf).unwrap_or_default();
                problems.push(Diagnostic::error(
                    display_path(root, &path),
                    format!("cannot read: {error}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let Ok(rel_path) = path.strip_prefix(&content_dir) else {
            continue;
        };
        let rel = nfc(&rel_path.to_string_lossy().replace('\\', "/"));
        if is_editor_leftover(&rel) || rel.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        if rel.ends_with(".md") {
            markdown.push((path.to_path_buf(), rel));
        } else {
            assets.push(Asset::new(path.to_path_buf(), rel));
        }
    }
    (markdown, assets, problems)
}

/// Reads one Markdown file of `content/` (for rebuilds after an edit): `Ok(None)` for a
/// draft that is not wanted.
pub fn read_page(root: &Path, config: &Config, file: &Path, options: LoadOptions) -> Parse {
    let content_dir = root.join("content");
    let rel_path = file.strip_prefix(&content_dir).map_err(|_| {
        vec![Diagnostic::error(
            display_path(root, file),
            "not a file of content/",
        )]
    })?;
    let rel = nfc(&rel_path.to_string_lossy().replace('\\', "/"));
    let item = classify(file, &rel, root, config).map_err(|d| vec![d])?;
    parse_found(item, config.timezone, options)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Swap, backup and lock files editors leave beside what they edit.
pub(crate) fn is_editor_leftover(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.starts_with(".#")
        || name.starts_with('~')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.starts_with('#') && name.ends_with('#')
}

/// Works out a Markdown file's language, role, section and translation group.
fn classify(file: &Path, rel: &str, root: &Path, config: &Config) -> Result<Found, Diagnostic> {
    let display = display_path(root, file);
    let (dir, file_name) = match rel.rsplit_once('/') {
        Some((dir, name)) => (dir, name),
        None => ("", rel),
    };
    let stem_with_lang = file_name.trim_end_matches(".md");
    let (stem, lang) = match stem_with_lang.rsplit_once('.') {
        Some((stem, suffix)) if looks_like_language(suffix) => {
            if !config.has_language(suffix) {
                let known: Vec<&str> = config.language_codes().collect();
                return Err(Diagnostic::error(
                    display,
                    format!("the language suffix `.{suffix}` is not listed in site.yaml"),
                )
                .with_hint(format!(
                    "use one of: {} (or add `{suffix}` under languages in site.yaml)",
                    known.join(", ")
                )));
            }
            (stem, suffix.to_string())
        }
        _ => (stem_with_lang, config.default_language.clone()),
    };
    let depth = if dir.is_empty() {
        0
    } else {
        dir.split('/').count()
    };
    let top = dir
        .split('/')
        .next()
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let (role, section, bundle, name, group_key) = match (stem, depth) {
        ("_index", 0) => (Role::Home, None, None, String::new(), "home".to_string()),
        ("_index", 1) => (
            Role::Section,
            top.clone(),
            None,
            dir.to_string(),
            format!("section:{dir}"),
        ),
        ("_index", _) => {
            return Err(Diagnostic::error(
                display,
                "sections inside sections are not supported",
            )
            .with_hint("move the folder up to content/, or rename this file to index.LANG.md to make it an article"));
        }
        ("index", 0) => {
            return Err(
                Diagnostic::error(display, "an index file needs a folder").with_hint(
                    "put it in content/NAME/index.LANG.md, or name the home page _index.LANG.md",
                ),
            );
        }
        ("index", 1) => (
            Role::Page,
            None,
            Some(dir.to_string()),
            dir.to_string(),
            format!("bundle:{dir}"),
        ),
        ("index", _) => (
            Role::Article,
            top.clone(),
            Some(dir.to_string()),
            dir.rsplit('/').next().unwrap_or(dir).to_string(),
            format!("bundle:{dir}"),
        ),
        (stem, 0) => (
            Role::Page,
            None,
            None,
            stem.to_string(),
            format!("file:{stem}"),
        ),
        (stem, _) => (
            Role::Article,
            top.clone(),
            None,
            stem.to_string(),
            format!("file:{dir}/{stem}"),
        ),
    };
    Ok(Found {
        file: file.to_path_buf(),
        display,
        rel: rel.to_string(),
        lang,
        role,
        section,
        bundle,
        name,
        group_key,
    })
}

/// `vi`, `en`, `lo`, `zh-Hant`: a suffix meant as a language, not part of a name.
fn looks_like_language(suffix: &str) -> bool {
    let mut parts = suffix.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(
            "base_url: https://x.vn\ndefault_language: vi\nlanguages:\n  vi: {name: V, title: V}\n  en: {name: E, title: E}\n  lo: {name: L, title: L}\n",
            Path::new("site.yaml"),
        )
        .unwrap()
    }

    fn role_of(rel: &str) -> Result<(Role, Option<String>, String, String, String), Diagnostic> {
        let found = classify(Path::new(rel), rel, Path::new(""), &config())?;
        Ok((
            found.role,
            found.section,
            found.name,
            found.lang,
            found.group_key,
        ))
    }

    #[test]
    fn classifies_by_name_and_place() {
        let (role, _, _, lang, _) = role_of("_index.en.md").unwrap();
        assert_eq!((role, lang.as_str()), (Role::Home, "en"));
        let (role, section, ..) = role_of("news/_index.lo.md").unwrap();
        assert_eq!((role, section.as_deref()), (Role::Section, Some("news")));
        let (role, section, name, lang, key) =
            role_of("news/2023-12-08-ket-nghia/index.vi.md").unwrap();
        assert_eq!(role, Role::Article);
        assert_eq!(section.as_deref(), Some("news"));
        assert_eq!(name, "2023-12-08-ket-nghia");
        assert_eq!(lang, "vi");
        assert_eq!(key, "bundle:news/2023-12-08-ket-nghia");
        let (role, _, name, lang, key) = role_of("about.md").unwrap();
        assert_eq!(
            (role, name.as_str(), lang.as_str()),
            (Role::Page, "about", "vi")
        );
        assert_eq!(key, "file:about");
        let (role, _, name, ..) = role_of("news/short-note.en.md").unwrap();
        assert_eq!((role, name.as_str()), (Role::Article, "short-note"));
        let (_, _, name, lang, _) = role_of("news/v1.2.md").unwrap();
        assert_eq!((name.as_str(), lang.as_str()), ("v1.2", "vi"));
    }

    #[test]
    fn unknown_language_suffix_is_an_error() {
        let error = role_of("news/x/index.fr.md").unwrap_err();
        assert!(error.message.contains("`.fr`"), "{error:?}");
        assert!(error.hint.unwrap().contains("vi, en, lo"));
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        assert!(is_editor_leftover("news/.index.vi.md.swp"));
        assert!(is_editor_leftover("news/index.vi.md~"));
        assert!(is_editor_leftover("news/.#index.vi.md"));
        assert!(!is_editor_leftover("news/index.vi.md"));
    }
}
