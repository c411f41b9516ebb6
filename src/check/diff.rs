//! `check --diff`: what changed in the source since a translation was made. The
//! translation only records a hash of the source text it followed, so the earlier text
//! is looked up in git history: the newest commit whose source version has that hash.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::stamp::locate;
use crate::content::front_matter::{self, Requirements};
use crate::diagnostics::{Diagnostic, display_path};
use crate::source_hash;
use crate::text::nfc;

/// What `source_diff` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDiff {
    /// The translation, relative to the site root.
    pub file: PathBuf,
    /// Its source version, relative to the site root.
    pub source: PathBuf,
    /// The translation is still `draft: true`; being a draft does not hide staleness.
    pub draft: bool,
    pub state: DiffState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffState {
    /// The translation's `source_hash` names the source's current text.
    UpToDate,
    /// The translation has no `source_hash`.
    Untracked,
    /// Stale, and no earlier version of the source to compare with: the site is not in
    /// git, or no commit holds a version with the translation's hash.
    NoEarlierVersion,
    /// Stale: the source at `commit` (the newest commit with the translation's hash)
    /// against the source now.
    Changed {
        commit: String,
        /// The commit's date, `YYYY-MM-DD`.
        date: String,
        title: Option<TextChange>,
        summary: Option<TextChange>,
        paragraphs: Vec<ParagraphChange>,
    },
}

/// One field before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextChange {
    pub old: String,
    pub new: String,
}

/// A paragraph of the body, numbered from 1 in the version it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParagraphChange {
    /// New in the current source, at this place.
    Added { at: usize, text: String },
    /// In the earlier source (at this place there), gone now.
    Removed { at: usize, text: String },
    /// Rewritten: the current paragraph `at` replaces `old`.
    Changed { at: usize, old: String, new: String },
}

/// Compares the source of the translation in `file` with the version it was translated
/// from.
pub fn source_diff(root: &Path, file: &Path) -> Result<SourceDiff, Vec<Diagnostic>> {
    let located = locate(root, file)?;
    let page = &located.library.page(located.page).source;
    let source = &located.library.page(located.source).source;
    let current = source_hash::of_page(&source.meta, &source.body);
    let mut result = SourceDiff {
        file: display_path(root, &page.display),
        source: display_path(root, &source.display),
        draft: page.meta.draft,
        state: DiffState::NoEarlierVersion,
    };
    let Some(written) = &page.meta.source_hash else {
        result.state = DiffState::Untracked;
        return Ok(result);
    };
    if source_hash::matches(written, &current) {
        result.state = DiffState::UpToDate;
        return Ok(result);
    }
    let timezone = located.config.timezone;
    if let Some((commit, date, old)) = find_in_history(&source.file, written, timezone) {
        let change = |old: &str, new: &str| {
            let (old, new) = (collapse(old), collapse(new));
            (old != new).then_some(TextChange { old, new })
        };
        result.state = DiffState::Changed {
            commit,
            date,
            title: change(&old.meta.title, &source.meta.title),
            summary: change(
                old.meta.summary.as_deref().unwrap_or(""),
                source.meta.summary.as_deref().unwrap_or(""),
            ),
            paragraphs: paragraph_diff(&paragraphs(&old.body), &paragraphs(&source.body)),
        };
    }
    Ok(result)
}

/// The newest committed version of `file` whose `source_hash` is `written`: its commit,
/// the commit's date and the parsed text.
fn find_in_history(
    file: &Path,
    written: &str,
    timezone: jiff::tz::Offset,
) -> Option<(String, String, front_matter::Parsed)> {
    let file = file.canonicalize().ok()?;
    let folder = file.parent()?;
    let top = git(folder, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(top.trim()).canonicalize().ok()?;
    let rel = file
        .strip_prefix(&top)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    let log = git(&top, &["log", "--format=%H %cs", "--", &rel])?;
    for line in log.lines() {
        let Some((commit, date)) = line.split_once(' ') else {
            continue;
        };
        let Some(text) = git(&top, &["show", &format!("{commit}:{rel}")]) else {
            continue;
        };
        let text = nfc(&text);
        let Ok(parsed) =
            front_matter::parse(&text, Path::new(&rel), Requirements::TitleOnly, timezone)
        else {
            continue;
        };
        if source_hash::matches(written, &source_hash::of_page(&parsed.meta, &parsed.body)) {
            return Some((commit.to_string(), date.to_string(), parsed));
        }
    }
    None
}

/// Runs git in `dir`; its standard output when it succeeds and is text.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The body's paragraphs (blocks between blank lines; a heading is a block of its
/// own), whitespace collapsed.
fn paragraphs(body: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        let trimmed = line.trim();
        let is_heading = trimmed.starts_with('#')
            && trimmed
                .trim_start_matches('#')
                .chars()
                .next()
                .is_none_or(char::is_whitespace);
        if trimmed.is_empty() || is_heading {
            if !current.is_empty() {
                found.push(collapse(&std::mem::take(&mut current)));
            }
            if is_heading {
                found.push(collapse(line));
            }
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    if !current.is_empty() {
        found.push(collapse(&current));
    }
    found
}

/// Paragraphs added, removed and changed from `old` to `new`: a longest common
/// subsequence of whole paragraphs; between two kept paragraphs, removed and added ones
/// are paired up as changes.
fn paragraph_diff(old: &[String], new: &[String]) -> Vec<ParagraphChange> {
    // Shared beginnings and ends need no table.
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let width = b.len() + 1;
    let mut lcs = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut changes = Vec::new();
    let (mut removed, mut added): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut flush = |removed: &mut Vec<usize>, added: &mut Vec<usize>| {
        let pairs = removed.len().min(added.len());
        for (&i, &j) in removed.iter().zip(added.iter()) {
            changes.push(ParagraphChange::Changed {
                at: prefix + j + 1,
                old: a[i].clone(),
                new: b[j].clone(),
            });
        }
        for &i in &removed[pairs..] {
            changes.push(ParagraphChange::Removed {
                at: prefix + i + 1,
                text: a[i].clone(),
            });
        }
        for &j in &added[pairs..] {
            changes.push(ParagraphChange::Added {
                at: prefix + j + 1,
                text: b[j].clone(),
            });
        }
        removed.clear();
        added.clear();
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            flush(&mut removed, &mut added);
            i += 1;
            j += 1;
        } else if j == b.len()
            || (i < a.len() && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
        {
            removed.push(i);
            i += 1;
        } else {
            added.push(j);
            j += 1;
        }
    }
    flush(&mut removed, &mut added);
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn splits_paragraphs_at_blank_lines() {
        assert_eq!(
            paragraphs("Một\nhai.\n\n\n## Ba\n  \n- bốn\n- năm\n## Sáu\nbảy\n#tám\n"),
            ["Một hai.", "## Ba", "- bốn - năm", "## Sáu", "bảy #tám"]
        );
    }

    #[test]
    fn added_removed_and_changed_paragraphs() {
        let old = texts(&["A", "B", "C", "D", "E"]);
        let new = texts(&["A", "B2", "C", "E", "F"]);
        assert_eq!(
            paragraph_diff(&old, &new),
            [
                ParagraphChange::Changed {
                    at: 2,
                    old: "B".into(),
                    new: "B2".into()
                },
                ParagraphChange::Removed {
                    at: 4,
                    text: "D".into()
                },
                ParagraphChange::Added {
                    at: 5,
                    text: "F".into()
                },
            ]
        );
        assert!(paragraph_diff(&old, &old).is_empty());
        assert_eq!(
            paragraph_diff(&[], &texts(&["X"])),
            [ParagraphChange::Added {
                at: 1,
                text: "X".into()
            }]
        );
    }
}
