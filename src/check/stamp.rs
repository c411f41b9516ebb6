//! `check --stamp`: records in a translation's front matter that it follows the current
//! source text, touching nothing but the `source_hash:` line.

use std::path::{Path, PathBuf};

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
    let (library, _) = Library::build(content, &config);
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

/// The text with its `source_hash:` line set to `hash`, or `None` without front matter.
pub(crate) fn restamp(text: &str, hash: &str) -> Option<String> {
    let lines = front_matter(text)?;
    let new_line = format!("source_hash: \"{hash}\"");
    let found = |key: &str| {
        lines
            .body
            .iter()
            .position(|&(_, line)| is_key_line(line, key))
    };
    let mut out = String::with_capacity(text.len() + new_line.len() + 2);
    if let Some(index) = found("source_hash") {
        let (start, line) = lines.body[index];
        let content_len = line.trim_end_matches(['\n', '\r']).len();
        out.push_str(&text[..start]);
        out.push_str(&new_line);
        out.push_str(&text[start + content_len..]);
        return Some(out);
    }
    // After `title:` and its continuation lines; else just before the closing `---`.
    let insert_at = match found("title") {
        Some(index) => {
            let (start, line) = lines.body[index];
            let mut end = start + line.len();
            for &(start, line) in &lines.body[index + 1..] {
                if !line.starts_with([' ', '\t']) {
                    break;
                }
                end = start + line.len();
            }
            end
        }
        None => lines.close,
    };
    let eol = if text[..insert_at].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    out.push_str(&text[..insert_at]);
    if !text[..insert_at].ends_with('\n') {
        out.push_str(eol);
    }
    out.push_str(&new_line);
    out.push_str(eol);
    out.push_str(&text[insert_at..]);
    Some(out)
}

/// The 0-based line of the file where the front matter's top-level `key` is written.
pub(crate) fn front_matter_line(text: &str, key: &str) -> Option<usize> {
    let lines = front_matter(text)?;
    let index = lines
        .body
        .iter()
        .position(|&(_, line)| is_key_line(line, key))?;
    Some(index + 1)
}

/// The lines between the opening and closing `---` (byte offset, line with its ending),
/// and where the closing line starts.
struct FrontMatter<'a> {
    body: Vec<(usize, &'a str)>,
    close: usize,
}

fn front_matter(text: &str) -> Option<FrontMatter<'_>> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_start_matches('\u{feff}').trim_end() != "---" {
        return None;
    }
    let mut offset = first.len();
    let mut body = Vec::new();
    for line in lines {
        if line.trim_end() == "---" {
            return Some(FrontMatter {
                body,
                close: offset,
            });
        }
        body.push((offset, line));
        offset += line.len();
    }
    None
}

/// `key:` at the start of a line (a top-level key of the front matter).
fn is_key_line(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_the_source_hash_line() {
        let text =
            "---\ntitle: \"A\"\nsource_hash: 0000aaaa   # old\ndate: 2024-01-01\n---\nBody\n";
        assert_eq!(
            restamp(text, "9f2c41d0").unwrap(),
            "---\ntitle: \"A\"\nsource_hash: \"9f2c41d0\"\ndate: 2024-01-01\n---\nBody\n"
        );
    }

    #[test]
    fn adds_the_line_after_the_title_keeping_crlf() {
        let text = "---\r\ntitle: >-\r\n  Dài\r\n  lắm\r\ndate: 2024-01-01\r\n---\r\nBody\r\n";
        assert_eq!(
            restamp(text, "12e45678").unwrap(),
            "---\r\ntitle: >-\r\n  Dài\r\n  lắm\r\nsource_hash: \"12e45678\"\r\ndate: 2024-01-01\r\n---\r\nBody\r\n"
        );
    }

    #[test]
    fn nested_keys_and_the_body_are_not_touched() {
        let text = "---\ntitle: A\nextra:\n  source_hash: x\n---\nsource_hash: y\n";
        assert_eq!(
            restamp(text, "abcdef01").unwrap(),
            "---\ntitle: A\nsource_hash: \"abcdef01\"\nextra:\n  source_hash: x\n---\nsource_hash: y\n"
        );
        assert_eq!(front_matter_line(text, "extra"), Some(2));
        assert!(restamp("no front matter\n", "abcdef01").is_none());
    }
}
