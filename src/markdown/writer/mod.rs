//! The one walk over a body's parsed events: rewrites them for `push_html`, keeps the
//! editor's raw HTML aside for the sanitizer, and collects what the page needs besides
//! its HTML (first paragraph, text length). What a heading, link or image becomes is
//! decided in `headings.rs` and `references.rs`; this file writes it.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Heading;
use super::events::{LineIndex, Spanned, collapse_whitespace, matching_end};
use super::headings::{HeadingIds, heading_start};
use super::references::{LinkStart, References};
use crate::sanitize::{self, RawPiece};
use crate::text::escape;

/// Walks the parsed events once, rewriting them for `push_html` and collecting what the
/// page needs besides its HTML.
pub(super) struct Writer<'a, 'e, 'r> {
    pub(super) events: &'e [Spanned<'a>],
    pub(super) lines: LineIndex<'a>,
    pub(super) references: References<'r>,
    pub(super) ids: HeadingIds,
    pub(super) out: Vec<Event<'a>>,
    pub(super) footnotes: Vec<Event<'a>>,
    pub(super) footnote_depth: usize,
    /// Open block quotes, lists, items and footnote definitions: a paragraph is
    /// top-level when this is 0.
    pub(super) container_depth: usize,
    /// Per open link: whether its end tag is written (a broken link keeps only its text).
    pub(super) link_ends: Vec<bool>,
    pub(super) first_paragraph: Option<String>,
    /// Text of the top-level paragraph being read while no first paragraph is known.
    pub(super) capture: Option<String>,
    pub(super) toc: Vec<Heading>,
    pub(super) plain_text_len: usize,
    /// Raw HTML goes to the sanitizer (`raw_html: sanitize`).
    pub(super) sanitize: bool,
    /// The raw HTML pieces written so far; a marker stands for each in the output.
    pub(super) raw: Vec<RawPiece<'a>>,
    /// How mentions of documents are found and linked, when the site has a registry.
    pub(super) mentions: Option<super::Mentions<'r>>,
    /// Open headings, code blocks and raw `<a>` elements: text inside them is never a
    /// link to a document.
    pub(super) not_linkable: usize,
    /// Emphasis open where the output is (outermost first): a mention's link closes and
    /// opens it again around itself.
    pub(super) emphasis: Vec<Tag<'a>>,
}

impl<'a> Writer<'a, '_, '_> {
    pub(super) fn run(&mut self) {
        let events = self.events;
        let mut i = 0;
        while i < events.len() {
            let (event, _) = &events[i];
            i = match event {
                Event::Start(Tag::Heading { .. }) => {
                    self.not_linkable += 1;
                    self.heading(i)
                }
                Event::End(TagEnd::Heading(_)) => {
                    self.not_linkable -= 1;
                    self.emit(event.clone());
                    i + 1
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    self.not_linkable += 1;
                    self.emit(event.clone());
                    i + 1
                }
                Event::End(TagEnd::CodeBlock) => {
                    self.not_linkable -= 1;
                    self.emit(event.clone());
                    i + 1
                }
                Event::Start(Tag::Paragraph) => self.paragraph(i),
                Event::Start(Tag::Image { .. }) => self.image(i, false),
                Event::Start(Tag::Link { .. }) => self.link(i),
                Event::End(TagEnd::Link) => {
                    if self.link_ends.pop().unwrap_or(true) {
                        self.emit(event.clone());
                    }
                    i + 1
                }
                Event::End(TagEnd::Paragraph) => {
                    if let Some(captured) = self.capture.take() {
                        let plain = collapse_whitespace(&captured);
                        if !plain.is_empty() {
                            self.first_paragraph = Some(plain);
                        }
                    }
                    self.emit(event.clone());
                    i + 1
                }
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    self.footnote_depth += 1;
                    self.container_depth += 1;
                    self.emit(event.clone());
                    i + 1
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    self.emit(event.clone());
                    self.footnote_depth -= 1;
                    self.container_depth -= 1;
                    i + 1
                }
                Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => {
                    self.container_depth += 1;
                    self.emit(event.clone());
                    i + 1
                }
                Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                    self.container_depth -= 1;
                    self.emit(event.clone());
                    i + 1
                }
                Event::Text(_) | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
                    if self.mentions.is_some()
                        && self.not_linkable == 0
                        && self.link_ends.is_empty() =>
                {
                    self.text_run(i)
                }
                Event::Text(text) | Event::Code(text) => {
                    self.plain_text_len += text.chars().count();
                    if let Some(captured) = &mut self.capture {
                        captured.push_str(text);
                    }
                    self.emit(event.clone());
                    i + 1
                }
                Event::SoftBreak | Event::HardBreak => {
                    self.plain_text_len += 1;
                    if let Some(captured) = &mut self.capture {
                        captured.push(' ');
                    }
                    self.emit(event.clone());
                    i + 1
                }
                Event::Html(html) | Event::InlineHtml(html) if self.sanitize => {
                    self.note_raw_link(html);
                    self.raw_html(html, events[i].1.start);
                    i + 1
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    self.note_raw_link(html);
                    self.emit(event.clone());
                    i + 1
                }
                _ => {
                    self.emit(event.clone());
                    i + 1
                }
            };
        }
    }

    /// Raw HTML as the editor wrote it: kept aside for the sanitizer, a marker in its
    /// place (see [`sanitize::marker`]).
    fn raw_html(&mut self, html: &CowStr<'a>, source_start: usize) {
        let text: std::borrow::Cow<'a, str> = match html {
            CowStr::Borrowed(text) => std::borrow::Cow::Borrowed(*text),
            other => std::borrow::Cow::Owned(other.to_string()),
        };
        // A line of an HTML block inside a block quote is handed over without its `> `:
        // such a piece is located at its start only.
        let exact = self
            .lines
            .source
            .get(source_start..source_start + text.len())
            == Some(&*text);
        let marker = sanitize::marker(self.raw.len(), text.ends_with('\n'));
        self.raw.push(RawPiece {
            text,
            source_start,
            exact,
        });
        self.emit(Event::Html(marker.into()));
    }

    /// Text of raw `<a>…</a>` is a link already.
    fn note_raw_link(&mut self, html: &str) {
        let lower = html.trim_start().to_ascii_lowercase();
        if lower.starts_with("<a ") || lower.starts_with("<a>") {
            self.not_linkable += 1;
        } else if lower.starts_with("</a") {
            self.not_linkable = self.not_linkable.saturating_sub(1);
        }
    }

    /// A run of text, line breaks and emphasis, as one text: a mention may wrap onto the
    /// next line or be partly emphasised (`Kế hoạch số **127-KH/TU**`). Each mention its
    /// caller links is written as a link; without any, the events are written as they
    /// came. Returns the index after the run.
    fn text_run(&mut self, start: usize) -> usize {
        let events = self.events;
        let mut text = String::new();
        let mut segments = Vec::new();
        // Where each event of the run starts in `text`.
        let mut offsets = Vec::new();
        let mut end = start;
        while let Some((event, range)) = events.get(end) {
            offsets.push(text.len());
            match event {
                Event::Text(piece) => {
                    self.plain_text_len += piece.chars().count();
                    if let Some(captured) = &mut self.capture {
                        captured.push_str(piece);
                    }
                    // Exact when the text is the source as written (no escapes or
                    // entities); otherwise a mention in it is placed at its start.
                    let exact = self
                        .lines
                        .source
                        .get(range.start..range.start + piece.len())
                        == Some(&**piece);
                    segments.push(Segment {
                        at: text.len(),
                        source_start: range.start,
                        exact,
                    });
                    text.push_str(piece);
                }
                Event::SoftBreak | Event::HardBreak => {
                    self.plain_text_len += 1;
                    if let Some(captured) = &mut self.capture {
                        captured.push(' ');
                    }
                    segments.push(Segment {
                        at: text.len(),
                        source_start: range.start,
                        exact: false,
                    });
                    text.push('\n');
                }
                Event::Start(tag) if is_emphasis(tag) => {}
                Event::End(tag) if is_emphasis_end(*tag) => {}
                _ => {
                    offsets.pop();
                    break;
                }
            }
            end += 1;
        }
        let linked = self.mentions_in(&text, &segments);
        let mut linked = linked.into_iter().peekable();
        let mut open: Option<(std::ops::Range<usize>, super::MentionLink)> = None;
        for ((event, _), &at) in events[start..end].iter().zip(&offsets) {
            let len = match event {
                Event::Text(piece) => piece.len(),
                Event::SoftBreak | Event::HardBreak => 1,
                _ => 0,
            };
            // A mention's link closes before what follows it, except the end of an
            // emphasis it holds the start of; it opens before what it starts with.
            let is_end = matches!(event, Event::End(_));
            if let Some((range, _)) = &open
                && range.end == at
                && !is_end
            {
                let (_, link) = open.take().expect("checked above");
                self.close_mention(&link);
            }
            if len == 0 {
                if open.is_none() && linked.peek().is_some_and(|(r, _)| r.start == at) && !is_end {
                    let (range, link) = linked.next().expect("peeked");
                    self.open_mention(&link);
                    open = Some((range, link));
                }
                self.emit(event.clone());
                continue;
            }
            let (mut from, to) = (at, at + len);
            while from < to {
                if let Some((range, _)) = &open
                    && range.end == from
                {
                    let (_, link) = open.take().expect("checked above");
                    self.close_mention(&link);
                }
                if open.is_none() && linked.peek().is_some_and(|(r, _)| r.start == from) {
                    let (range, link) = linked.next().expect("peeked");
                    self.open_mention(&link);
                    open = Some((range, link));
                }
                let next = match (&open, linked.peek()) {
                    (Some((range, _)), _) => range.end,
                    (None, Some((range, _))) => range.start,
                    (None, None) => to,
                }
                .clamp(from + 1, to);
                if from == at && next == to {
                    self.emit(event.clone());
                } else {
                    self.emit(Event::Text(text[from..next].to_string().into()));
                }
                from = next;
            }
        }
        if let Some((_, link)) = open {
            self.close_mention(&link);
        }
        end
    }

    /// The mentions in `text` its caller links, in order, with where each leads.
    /// `segments` say where each part of `text` is in the Markdown.
    fn mentions_in(
        &mut self,
        text: &str,
        segments: &[Segment],
    ) -> Vec<(std::ops::Range<usize>, super::MentionLink)> {
        let Some(mentions) = self.mentions.as_mut() else {
            return Vec::new();
        };
        let found = mentions.finder.find(text);
        let lines = &self.lines;
        let place = |offset: usize| {
            let segment = &segments[segments.partition_point(|s| s.at <= offset).max(1) - 1];
            lines.position(if segment.exact {
                segment.source_start + offset - segment.at
            } else {
                segment.source_start
            })
        };
        let mut linked = Vec::new();
        for f in found {
            let (line, column) = place(f.range.start);
            let mention = super::Mention {
                text: &text[f.range.clone()],
                number: &text[f.number.clone()],
                kind: f.kind.as_ref().map(|(r, k)| (*k, &text[r.clone()])),
                line,
                column,
                date: f.date.as_ref().map(|(r, d)| {
                    let (line, column) = place(r.start);
                    (*d, line, column)
                }),
            };
            if let Some(link) = (mentions.link)(&mention) {
                linked.push((f.range, link));
            }
        }
        linked
    }

    /// Opens a mention's link. Emphasis open at that point is closed before it and
    /// opened again inside it, so that elements nest.
    fn open_mention(&mut self, link: &super::MentionLink) {
        let open = self.close_emphasis();
        let lang = link
            .lang
            .as_deref()
            .map(|l| format!(" hreflang=\"{}\"", escape(l)))
            .unwrap_or_default();
        self.emit(Event::InlineHtml(
            format!("<a class=\"mention\" href=\"{}\"{lang}>", escape(&link.url)).into(),
        ));
        self.reopen_emphasis(open);
    }

    /// Closes a mention's link (and marks its language), the same way.
    fn close_mention(&mut self, link: &super::MentionLink) {
        let open = self.close_emphasis();
        self.emit(Event::InlineHtml("</a>".into()));
        if let Some(l) = &link.lang {
            self.emit(Event::InlineHtml(
                format!(" <span class=\"lang-marker\">({})</span>", escape(l)).into(),
            ));
        }
        self.reopen_emphasis(open);
    }

    /// Closes every open emphasis, innermost first (one opened just now is taken back
    /// instead, leaving no empty element), and returns them outermost first.
    fn close_emphasis(&mut self) -> Vec<Tag<'a>> {
        let open = std::mem::take(&mut self.emphasis);
        for tag in open.iter().rev() {
            let target = if self.footnote_depth > 0 {
                &mut self.footnotes
            } else {
                &mut self.out
            };
            if matches!(target.last(), Some(Event::Start(last)) if last == tag) {
                target.pop();
            } else {
                target.push(Event::End(tag.to_end()));
            }
        }
        open
    }

    fn reopen_emphasis(&mut self, open: Vec<Tag<'a>>) {
        for tag in open {
            self.emit(Event::Start(tag));
        }
    }

    fn emit(&mut self, event: Event<'a>) {
        match &event {
            Event::Start(tag) if is_emphasis(tag) => self.emphasis.push(tag.clone()),
            Event::End(tag) if is_emphasis_end(*tag) => {
                self.emphasis.pop();
            }
            _ => {}
        }
        if self.footnote_depth > 0 {
            self.footnotes.push(event);
        } else {
            self.out.push(event);
        }
    }

    fn heading(&mut self, start: usize) -> usize {
        let (event, entry) = heading_start(self.events, start, &mut self.ids);
        self.toc.extend(entry);
        self.emit(event);
        start + 1
    }

    /// Writes the image starting at `start` (when `alone`, in place of its paragraph).
    /// Returns the index after the image's end tag.
    fn image(&mut self, start: usize, alone: bool) -> usize {
        let (rendered, next) = self
            .references
            .image(self.events, &self.lines, start, alone);
        for event in rendered {
            self.emit(event);
        }
        next
    }

    fn link(&mut self, start: usize) -> usize {
        let (link_start, next) = self.references.link(self.events, &self.lines, start);
        match link_start {
            LinkStart::Open(event) => {
                self.emit(event);
                self.link_ends.push(true);
            }
            LinkStart::Replace(event) => self.emit(event),
            LinkStart::Drop => self.link_ends.push(false),
        }
        next
    }

    fn paragraph(&mut self, start: usize) -> usize {
        let events = self.events;
        if matches!(
            events.get(start + 1),
            Some((Event::Start(Tag::Image { .. }), _))
        ) {
            let image_end = matching_end(events, start + 1);
            if matches!(
                events.get(image_end + 1),
                Some((Event::End(TagEnd::Paragraph), _))
            ) {
                // The image decides whether the paragraph survives (a figure may not
                // sit inside a <p>), so the whole paragraph is handled here.
                self.image(start + 1, true);
                return image_end + 2;
            }
        }
        if self.container_depth == 0 && self.first_paragraph.is_none() {
            self.capture = Some(String::new());
        }
        self.emit(events[start].0.clone());
        start + 1
    }
}

/// Where a part of a run of text begins, in the run and in the Markdown.
struct Segment {
    at: usize,
    source_start: usize,
    /// The part is the source as written, so offsets into it are offsets in the source.
    exact: bool,
}

/// Inline elements a mention may start or end inside of.
fn is_emphasis(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript
    )
}

fn is_emphasis_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

#[cfg(test)]
mod tests;
