//! The text handed to the sanitizer: the editor's pieces of raw HTML in order, with a
//! placeholder element for each run of mekong's own markup between them; and, after
//! sanitizing, those runs put back.

use std::ops::Range;

use super::RawPiece;

/// Stands for a run of mekong's own markup while the editor's HTML is sanitized. The
/// name is reserved: the same element written by an editor is removed first.
pub(super) const PLACEHOLDER: &str = "mekong-run";
pub(super) const PLACEHOLDER_ATTRIBUTE: &str = "data-i";

/// The text given to the sanitizer: the editor's pieces, with a placeholder element
/// for each run of mekong's markup between them, and where each piece landed.
#[derive(Default)]
pub(super) struct Document {
    pub(super) text: String,
    /// `(start in text, piece index)`, in text order.
    pieces: Vec<(usize, usize)>,
    /// Each placeholder in text, in text order.
    placeholders: Vec<Range<usize>>,
}

impl Document {
    /// Builds the document from the renderer's `html`, in which piece `i` of `pieces`
    /// stands as [`marker`](super::marker)`(i, …)`; returns it with the runs of
    /// mekong's markup, in the order of their placeholders.
    pub(super) fn assemble<'h>(html: &'h str, pieces: &[RawPiece]) -> (Document, Vec<&'h str>) {
        let mut doc = Document::default();
        let mut runs: Vec<&str> = Vec::new();
        let mut seen = vec![false; pieces.len()];
        let mut rest = html;
        while !rest.is_empty() {
            let (run, after) = match rest.find("<\u{1}") {
                Some(at) => (&rest[..at], Some(&rest[at + 2..])),
                None => (rest, None),
            };
            if !run.is_empty() {
                doc.placeholder(runs.len());
                runs.push(run);
            }
            let Some(after) = after else { break };
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let index: usize = after[..digits]
                .parse()
                .expect("markers are written by `marker`");
            let piece = &pieces[index];
            debug_assert!(!seen[index], "each raw HTML piece is written once");
            seen[index] = true;
            doc.piece(index, &piece.text);
            rest = &after[digits + 1..];
            if piece.text.ends_with('\n') {
                rest = rest.strip_prefix('\n').unwrap_or(rest);
            }
        }
        (doc, runs)
    }

    fn placeholder(&mut self, run: usize) {
        let start = self.text.len();
        self.text.push_str(&format!(
            "<{PLACEHOLDER} {PLACEHOLDER_ATTRIBUTE}=\"{run}\"></{PLACEHOLDER}>"
        ));
        self.placeholders.push(start..self.text.len());
    }

    fn piece(&mut self, index: usize, text: &str) {
        self.pieces.push((self.text.len(), index));
        self.text.push_str(text);
    }

    /// Whether `offset` lies inside a placeholder written by [`Document::placeholder`].
    pub(super) fn is_placeholder(&self, offset: usize) -> bool {
        let at = self
            .placeholders
            .partition_point(|range| range.start <= offset);
        at > 0 && self.placeholders[at - 1].contains(&offset)
    }

    /// The Markdown byte offset of `offset` in the text.
    pub(super) fn source_offset(&self, offset: usize, pieces: &[RawPiece]) -> usize {
        let at = self.pieces.partition_point(|&(start, _)| start <= offset);
        let Some(&(start, index)) = at.checked_sub(1).map(|i| &self.pieces[i]) else {
            return pieces.first().map_or(0, |p| p.source_start);
        };
        let piece = &pieces[index];
        if piece.exact && offset - start <= piece.text.len() {
            piece.source_start + (offset - start)
        } else {
            piece.source_start
        }
    }
}

/// Puts mekong's runs back where the sanitizer left their placeholders. Each run is put
/// back once; anything else shaped like a placeholder is dropped.
pub(super) fn fill_placeholders(cleaned: &str, runs: &[&str]) -> String {
    let open = format!("<{PLACEHOLDER} {PLACEHOLDER_ATTRIBUTE}=\"");
    let close = format!("\"></{PLACEHOLDER}>");
    let mut used = vec![false; runs.len()];
    let mut out =
        String::with_capacity(cleaned.len() + runs.iter().map(|r| r.len()).sum::<usize>());
    let mut rest = cleaned;
    while let Some(at) = rest.find(&open) {
        out.push_str(&rest[..at]);
        let after = &rest[at + open.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match (
            after[..digits].parse::<usize>(),
            after[digits..].starts_with(&close),
        ) {
            (Ok(run), true) if run < runs.len() => {
                if !used[run] {
                    used[run] = true;
                    out.push_str(runs[run]);
                }
                rest = &after[digits + close.len()..];
            }
            _ => {
                // Not one of ours (cannot happen for serialized output): keep it inert.
                out.push_str("&lt;");
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Applies non-overlapping `(range, replacement)` edits; ranges inside an earlier
/// removed range are skipped.
pub(super) fn apply(text: &str, mut edits: Vec<(Range<usize>, &str)>) -> String {
    if edits.is_empty() {
        return text.to_owned();
    }
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(text.len() + 16 * edits.len());
    let mut done = 0;
    for (range, replacement) in edits {
        if range.start < done {
            continue;
        }
        out.push_str(&text[done..range.start]);
        out.push_str(replacement);
        done = range.end;
    }
    out.push_str(&text[done..]);
    out
}
