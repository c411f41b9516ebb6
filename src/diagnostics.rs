//! Problems found in what editors wrote: where they are, what is wrong, what to do.
//!
//! Every phase collects `Diagnostic`s instead of stopping at the first problem, so an
//! editor fixes ten typos in one pass. Rendering for the terminal lives here too, but
//! printing is left to the binary.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is. Errors fail a build; warnings are reported and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, with a position when it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the editor knows it: relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line in the whole file (front matter included); 0 when unknown.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, the way editors and terminals make clickable.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.column) {
            (0, _) => format!("{file}"),
            (line, 0) => format!("{file}:{line}"),
            (line, col) => format!("{file}:{line}:{col}"),
        }
    }

    /// Renders the problem like a compiler does: headline, location, the offending line
    /// with a caret, and the hint. `source` is the file's text when it can be read.
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = self.file.display().to_string();
        let span = source.and_then(|text| self.byte_span(text));
        let title = level.primary_title(self.message.as_str());
        let mut group = match (source, span) {
            (Some(text), Some(span)) => title.element(
                Snippet::source(text)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(span)),
            ),
            _ => title.element(annotate_snippets::Origin::path(self.location())),
        };
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = renderer.render(&[group]);
        out.push('\n');
        out
    }

    /// The byte range of the token at this position, for underlining.
    fn byte_span(&self, text: &str) -> Option<std::ops::Range<usize>> {
        if self.line == 0 {
            return None;
        }
        let line_start = if self.line == 1 {
            0
        } else {
            text.match_indices('\n').nth(self.line - 2)?.0 + 1
        };
        let line = text[line_start..].split('\n').next().unwrap_or("");
        let column = self.column.max(1) - 1;
        let offset: usize = line.chars().take(column).map(char::len_utf8).sum();
        let width: usize = markdown_link_len(&line[offset..]).unwrap_or_else(|| {
            line[offset..]
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, ':' | '"' | ','))
                .map(char::len_utf8)
                .sum()
        });
        let start = line_start + offset;
        Some(start..start + width.max(usize::from(offset < line.len())))
    }
}

/// The length in bytes of the Markdown link or picture `[…](…)` / `![…](…)` that `text`
/// starts with, when it closes on this line: a problem with a link underlines all of it.
fn markdown_link_len(text: &str) -> Option<usize> {
    let label = usize::from(text.starts_with("!["));
    let destination = label + matching_end(&text[label..], '[', ']')?;
    Some(destination + matching_end(&text[destination..], '(', ')')?)
}

/// When `text` starts with `open`: the offset just past the `close` that matches it.
fn matching_end(text: &str, open: char, close: char) -> Option<usize> {
    if !text.starts_with(open) {
        return None;
    }
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(at + c.len_utf8());
            }
        }
    }
    None
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {label}: {}", self.location(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// Sorts problems so that a report reads file by file, top to bottom, whatever order the
/// parallel phases found them in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
}

/// The path to show an editor: relative to the site root when it lies inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The text of a file that must be UTF-8, or an error at the line and column of the
/// first byte that is not: the position counts the valid text before it, the way the
/// editor's status bar does.
pub fn utf8_text(file: impl Into<PathBuf>, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes)
        .map_err(|error| not_utf8(file, error.as_bytes(), error.utf8_error().valid_up_to()))
}

/// The error for `bytes`, valid UTF-8 up to `valid_up_to`; see [`utf8_text`].
pub fn not_utf8(file: impl Into<PathBuf>, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    let line = valid.matches('\n').count() + 1;
    let line_start = valid.rfind('\n').map_or(0, |newline| newline + 1);
    let column = valid[line_start..].chars().count() + 1;
    let hint = if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        "the file is saved as UTF-16 (\"Unicode\" in some editors): save it as UTF-8".to_string()
    } else {
        format!(
            "byte 0x{:02X} is not UTF-8; the file was probably saved in an older encoding \
             (Windows-1258, TCVN3, VNI): save it as UTF-8 in your editor",
            bytes[valid_up_to]
        )
    };
    Diagnostic::error(file, "the file is not UTF-8 text")
        .at(line, column)
        .with_hint(hint)
}

/// The known word nearest to `word`, for "did you mean" hints.
pub fn nearest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Similar spelling, or one slip away: a wrong, missing or extra letter, or two
    // letters swapped (`atl` for `alt`), which similarity alone misses in short words.
    known
        .into_iter()
        .filter_map(|candidate| {
            let score = strsim::jaro_winkler(word, candidate);
            let slip = strsim::osa_distance(word, candidate) <= 1;
            (score > 0.75 || slip).then_some((slip, score, candidate))
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map(|(_, _, candidate)| candidate)
}

/// A "did you mean" hint for an unknown key, or the list of known keys.
pub fn unknown_key_hint<'a>(word: &str, known: &'a [&'a str]) -> String {
    match nearest(word, known.iter().copied()) {
        Some(guess) => format!("did you mean `{guess}`?"),
        None => format!("known keys are: {}", known.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_pictures_are_underlined_whole() {
        assert_eq!(markdown_link_len("[Broken link](../x.md) after"), Some(22));
        assert_eq!(
            markdown_link_len("![Thiếu ảnh](missing.jpg)."),
            Some("![Thiếu ảnh](missing.jpg)".len())
        );
        assert_eq!(markdown_link_len("[a [b] c](u(1).md)"), Some(18));
        assert_eq!(markdown_link_len("[not closed](x"), None);
        assert_eq!(markdown_link_len("[text] only"), None);
        assert_eq!(markdown_link_len("word"), None);
        let text = "---\ntitle: x\n---\nSee [Broken link](../x.md) now.\n";
        let problem = Diagnostic::error("a.md", "broken").at(4, 5);
        assert_eq!(
            &text[problem.byte_span(text).unwrap()],
            "[Broken link](../x.md)"
        );
    }

    #[test]
    fn not_utf8_points_at_the_first_bad_byte() {
        // Line 3, after "Hà " (three characters, four bytes): column 4.
        let mut bytes = "---\ntitle: x\nHà ".as_bytes().to_vec();
        bytes.extend([0xe0, b'!', b'\n']);
        let error = utf8_text("content/a.vi.md", bytes).unwrap_err();
        assert_eq!((error.line, error.column), (3, 4));
        assert!(error.hint.unwrap().contains("0xE0"));
        let error = utf8_text("a.md", vec![0xff, 0xfe, b'a', 0]).unwrap_err();
        assert_eq!((error.line, error.column), (1, 1));
        assert!(error.hint.unwrap().contains("UTF-16"));
        assert_eq!(utf8_text("a.md", b"ok".to_vec()).unwrap(), "ok");
    }

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(nearest("tittle", ["title", "tags", "date"]), Some("title"));
        assert_eq!(nearest("zzz", ["title", "tags"]), None);
    }

    #[test]
    fn renders_location_snippet_and_hint() {
        let d = Diagnostic::error("content/a.vi.md", "unknown key `tittle`")
            .at(2, 1)
            .with_hint("did you mean `title`?");
        let text = d.render(Some("---\ntittle: x\n---\n"), false);
        assert!(text.contains("content/a.vi.md:2:1"), "{text}");
        assert!(text.contains("tittle: x"), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
        assert!(text.contains("did you mean `title`?"), "{text}");
    }
}
