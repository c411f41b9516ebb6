//! The parsed event stream and its text: spans, matching end tags, the plain text a
//! reader sees, and byte offsets turned into positions in the whole file.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

pub(super) type Spanned<'a> = (Event<'a>, Range<usize>);

/// Byte offsets → 1-based line and character column in the whole file.
pub(super) struct LineIndex<'a> {
    pub(super) source: &'a str,
    first_line: usize,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(source: &'a str, first_line: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            source,
            first_line,
            starts,
        }
    }

    pub(super) fn position(&self, offset: usize) -> (usize, usize) {
        let index = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[index];
        let column = self.source[start..offset].chars().count() + 1;
        (self.first_line + index, column)
    }
}

/// Index of the end event that closes the start event at `start`.
pub(super) fn matching_end(events: &[Spanned], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    // pulldown-cmark always closes what it opens.
    events.len() - 1
}

/// The text a reader sees in a run of inline events: no markup, no raw HTML, no
/// footnote markers; image alt text only when `with_images` (a heading's id should not
/// start with the alt text of an icon).
pub(super) fn plain_text(events: &[Spanned], with_images: bool) -> String {
    let mut text = String::new();
    let mut image_depth = 0usize;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth -= 1,
            _ if image_depth > 0 && !with_images => {}
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

pub(super) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
