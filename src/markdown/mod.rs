//! Markdown → HTML for one page body: heading ids and table of contents, link and image
//! resolution through a caller-supplied resolver, the first paragraph, and safety: link
//! schemes checked, the editor's raw HTML handed to the sanitizer. Pure: no I/O, no
//! knowledge of the site beyond what the resolver answers and the `markdown:` settings.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

use crate::config::{MarkdownSettings, RawHtml};
use crate::sanitize::{self, RawPiece};
use crate::text;

/// A heading of the page, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefKind {
    Link,
    Image,
}

/// What the caller (which knows the site) decides for one link or image destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// Leave the destination as written (external URLs, `mailto:`, …).
    Keep,
    /// Use this URL instead (already percent-encoded as needed).
    Rewrite(String),
    /// Images: replace the whole image with this HTML (the caller builds
    /// `<img>`/`<picture>`/`<figure>`). For a link it replaces the whole link.
    Html(String),
    /// The destination does not resolve: reported as a [`Problem`] at its position.
    Broken {
        message: String,
        hint: Option<String>,
    },
}

/// One link or image destination, as the resolver sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference<'a> {
    pub kind: RefKind,
    /// As written (reference-style links already resolved to their definition);
    /// e-mail autolinks arrive as `mailto:…`.
    pub dest: &'a str,
    /// The image's alt text, or the link's text, as plain text.
    pub alt_or_text: &'a str,
    pub title: &'a str,
    /// 1-based line in the whole file (front matter counted).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The enclosing paragraph holds nothing but this link or image.
    pub is_alone_in_paragraph: bool,
}

/// Something wrong in what the editor wrote, at a position in the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub kind: ProblemKind,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// What a problem is about, which decides how bad it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProblemKind {
    /// A link or picture that does not resolve or may not be published: an error.
    Reference,
    /// Raw HTML the sanitizer had to change: a warning; the page is published without it.
    RawHtml,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rendered {
    pub html: String,
    /// Headings of levels 2–4, in document order.
    pub toc: Vec<Heading>,
    /// Plain text of the first top-level paragraph that has text, "" if none.
    pub first_paragraph: String,
    /// The id of every heading, all levels: what `#fragment` links can lead to.
    pub heading_ids: HashSet<String>,
    pub problems: Vec<Problem>,
    /// Characters of text in the body (image alt text and raw HTML not counted).
    pub plain_text_len: usize,
}

/// Renders a page body. `first_line` is the 1-based line of the whole file where
/// `markdown` starts, so positions in problems and references point into the file the
/// editor has open. `resolve` is called exactly once per link and image, in document
/// order, except for those whose scheme may not be published (`javascript:`, `data:`,
/// …): those are problems straight away, whatever `settings` say.
pub(crate) fn render(
    markdown: &str,
    first_line: usize,
    settings: &MarkdownSettings,
    resolve: &mut dyn FnMut(&Reference) -> Resolution,
) -> Rendered {
    // Smart punctuation stays off: Vietnamese quotes must stay as the editor typed them.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    // Collected once because heading ids need the heading's text before its start tag
    // is written, and an image needs to know whether its paragraph ends right after it.
    let events: Vec<Spanned> = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .collect();

    let mut writer = Writer {
        events: &events,
        lines: LineIndex::new(markdown, first_line),
        resolve,
        ids: HeadingIds::reserving(explicit_heading_ids(&events)),
        out: Vec::with_capacity(events.len()),
        footnotes: Vec::new(),
        footnote_depth: 0,
        container_depth: 0,
        link_ends: Vec::new(),
        first_paragraph: None,
        capture: None,
        toc: Vec::new(),
        problems: Vec::new(),
        plain_text_len: 0,
        sanitize: settings.raw_html == RawHtml::Sanitize,
        raw: Vec::new(),
    };
    writer.run();

    let Writer {
        out,
        footnotes,
        toc,
        first_paragraph,
        mut problems,
        plain_text_len,
        ids,
        lines,
        raw,
        ..
    } = writer;
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    // Footnote definitions go to the end whatever their place in the source, as Hugo
    // and Zola readers expect, and are then numbered in the order they are referenced.
    let footnote_section = (!footnotes.is_empty()).then(|| {
        std::iter::once(Event::Html("<section class=\"footnotes\">\n".into()))
            .chain(footnotes)
            .chain(std::iter::once(Event::Html("</section>\n".into())))
    });
    html::push_html(
        &mut html_out,
        out.into_iter()
            .chain(footnote_section.into_iter().flatten()),
    );
    // Bodies without raw HTML (most of them) never meet the sanitizer, and stay exactly
    // what the Markdown writer made.
    if !raw.is_empty() {
        let (clean, removals) = sanitize::sanitize_body(&html_out, &raw, settings);
        html_out = clean;
        problems.extend(removals.into_iter().map(|removal| {
            let (line, column) = lines.position(removal.source_offset);
            Problem {
                kind: ProblemKind::RawHtml,
                line,
                column,
                message: removal.message,
                hint: removal.hint,
            }
        }));
        problems.sort_by_key(|problem| (problem.line, problem.column));
    }
    Rendered {
        html: html_out,
        toc,
        first_paragraph: first_paragraph.unwrap_or_default(),
        heading_ids: ids.used,
        problems,
        plain_text_len,
    }
}

/// Unique heading ids: `tin-tuc`, `tin-tuc-1`, `tin-tuc-2`, … stepping around ids taken
/// already (explicit `{#id}`s, reserved up front).
struct HeadingIds {
    used: HashSet<String>,
    /// Per base id, the suffix to try first (0: the base itself). Every `base-k` below
    /// it is taken already (the set only grows), so resuming there gives the ids a
    /// search from 1 would, with constant work per heading however many share a title.
    next_suffix: HashMap<String, usize>,
    /// Ids looked up so far, for the test that keeps this linear.
    #[cfg(test)]
    probes: usize,
}

impl HeadingIds {
    fn reserving(used: HashSet<String>) -> Self {
        HeadingIds {
            used,
            next_suffix: HashMap::new(),
            #[cfg(test)]
            probes: 0,
        }
    }

    fn unique(&mut self, base: String) -> String {
        let next = self.next_suffix.entry(base.clone()).or_insert(0);
        let mut candidate = if *next == 0 {
            base.clone()
        } else {
            format!("{base}-{next}")
        };
        loop {
            #[cfg(test)]
            {
                self.probes += 1;
            }
            if !self.used.contains(&candidate) {
                break;
            }
            *next += 1;
            candidate = format!("{base}-{next}");
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Byte offsets → 1-based line and character column in the whole file.
struct LineIndex<'a> {
    source: &'a str,
    first_line: usize,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(source: &'a str, first_line: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            source,
            first_line,
            starts,
        }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let index = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[index];
        let column = self.source[start..offset].chars().count() + 1;
        (self.first_line + index, column)
    }
}

/// Walks the parsed events once, rewriting them for `push_html` and collecting what the
/// page needs besides its HTML.
struct Writer<'a, 'e, 'r> {
    events: &'e [Spanned<'a>],
    lines: LineIndex<'a>,
    resolve: &'r mut dyn FnMut(&Reference) -> Resolution,
    ids: HeadingIds,
    out: Vec<Event<'a>>,
    footnotes: Vec<Event<'a>>,
    footnote_depth: usize,
    /// Open block quotes, lists, items and footnote definitions: a paragraph is
    /// top-level when this is 0.
    container_depth: usize,
    /// Per open link: whether its end tag is written (a broken link keeps only its text).
    link_ends: Vec<bool>,
    first_paragraph: Option<String>,
    /// Text of the top-level paragraph being read while no first paragraph is known.
    capture: Option<String>,
    toc: Vec<Heading>,
    problems: Vec<Problem>,
    plain_text_len: usize,
    /// Raw HTML goes to the sanitizer (`raw_html: sanitize`).
    sanitize: bool,
    /// The raw HTML pieces written so far; a marker stands for each in the output.
    raw: Vec<RawPiece<'a>>,
}

impl<'a> Writer<'a, '_, '_> {
    fn run(&mut self) {
        let events = self.events;
        let mut i = 0;
        while i < events.len() {
            let (event, _) = &events[i];
            i = match event {
                Event::Start(Tag::Heading { .. }) => self.heading(i),
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
                    self.raw_html(html, events[i].1.start);
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

    fn emit(&mut self, event: Event<'a>) {
        if self.footnote_depth > 0 {
            self.footnotes.push(event);
        } else {
            self.out.push(event);
        }
    }

    fn heading(&mut self, start: usize) -> usize {
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = &self.events[start].0
        else {
            unreachable!("heading() is called on a heading start");
        };
        let end = matching_end(self.events, start);
        let title = collapse_whitespace(&plain_text(&self.events[start + 1..end], false));
        let id = match id {
            // An explicit `{#id}` is the editor's choice and stays as written; it was
            // reserved up front so generated ids step around it.
            Some(explicit) => explicit.to_string(),
            None => self.unique_id(&title),
        };
        let level_number = heading_level_number(*level);
        if (2..=4).contains(&level_number) {
            self.toc.push(Heading {
                level: level_number,
                id: id.clone(),
                title,
            });
        }
        self.emit(Event::Start(Tag::Heading {
            level: *level,
            id: Some(id.into()),
            classes: classes.clone(),
            attrs: attrs.clone(),
        }));
        start + 1
    }

    fn unique_id(&mut self, title: &str) -> String {
        let mut base = text::heading_id(title);
        if base.is_empty() {
            // A heading of only symbols or emoji still needs a valid, stable anchor.
            base = "section".to_owned();
        }
        self.ids.unique(base)
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

    /// Handles an image starting at `start`; when `alone`, also writes (or drops) the
    /// paragraph around it. Returns the index after the image's end tag.
    fn image(&mut self, start: usize, alone: bool) -> usize {
        let events = self.events;
        let (
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }),
            range,
        ) = &events[start]
        else {
            unreachable!("image() is called on an image start");
        };
        let end = matching_end(events, start);
        let alt = plain_text(&events[start + 1..end], true);
        let resolution =
            self.resolve_reference(RefKind::Image, dest_url, &alt, title, range, alone);
        let body = &events[start + 1..end];
        let image = |dest: CowStr<'a>, title: CowStr<'a>| {
            std::iter::once(Event::Start(Tag::Image {
                link_type: *link_type,
                dest_url: dest,
                title,
                id: id.clone(),
            }))
            .chain(body.iter().map(|(event, _)| event.clone()))
            .chain(std::iter::once(Event::End(TagEnd::Image)))
        };
        let rendered: Vec<Event<'a>> = match resolution {
            Resolution::Keep | Resolution::Rewrite(_) => {
                let dest = match resolution {
                    Resolution::Rewrite(url) => url.into(),
                    _ => dest_url.clone(),
                };
                if alone && !title.is_empty() {
                    // The title is the caption; repeating it as a tooltip adds nothing.
                    std::iter::once(Event::Html("<figure>".into()))
                        .chain(image(dest, "".into()))
                        .chain([
                            Event::Html("<figcaption>".into()),
                            Event::Text(title.clone()),
                            Event::Html("</figcaption></figure>\n".into()),
                        ])
                        .collect()
                } else if alone {
                    std::iter::once(Event::Start(Tag::Paragraph))
                        .chain(image(dest, title.clone()))
                        .chain(std::iter::once(Event::End(TagEnd::Paragraph)))
                        .collect()
                } else {
                    image(dest, title.clone()).collect()
                }
            }
            Resolution::Html(mut html) => {
                if alone && !html.ends_with('\n') {
                    html.push('\n');
                }
                vec![Event::Html(html.into())]
            }
            // Reported already; an empty paragraph is not worth keeping either.
            Resolution::Broken { .. } => Vec::new(),
        };
        for event in rendered {
            self.emit(event);
        }
        end + 1
    }

    fn link(&mut self, start: usize) -> usize {
        let events = self.events;
        let (
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }),
            range,
        ) = &events[start]
        else {
            unreachable!("link() is called on a link start");
        };
        let end = matching_end(events, start);
        let link_text = plain_text(&events[start + 1..end], true);
        let alone = matches!(
            start.checked_sub(1).map(|before| &events[before].0),
            Some(Event::Start(Tag::Paragraph))
        ) && matches!(
            events.get(end + 1),
            Some((Event::End(TagEnd::Paragraph), _))
        );
        // The writer adds `mailto:` to e-mail autolinks itself; the resolver should see
        // what the link means, not a bare address that looks like a relative path.
        let dest = if *link_type == LinkType::Email {
            format!("mailto:{dest_url}").into()
        } else {
            dest_url.clone()
        };
        let resolution =
            self.resolve_reference(RefKind::Link, &dest, &link_text, title, range, alone);
        match resolution {
            Resolution::Keep => {
                self.emit(events[start].0.clone());
                self.link_ends.push(true);
            }
            Resolution::Rewrite(url) => {
                let link_type = match link_type {
                    LinkType::Email => LinkType::Inline,
                    other => *other,
                };
                self.emit(Event::Start(Tag::Link {
                    link_type,
                    dest_url: url.into(),
                    title: title.clone(),
                    id: id.clone(),
                }));
                self.link_ends.push(true);
            }
            Resolution::Html(html) => {
                self.emit(Event::Html(html.into()));
                return end + 1;
            }
            Resolution::Broken { .. } => {
                // Keep the words the editor wrote; only the anchor goes.
                self.link_ends.push(false);
            }
        }
        start + 1
    }

    fn resolve_reference(
        &mut self,
        kind: RefKind,
        dest: &str,
        alt_or_text: &str,
        title: &str,
        range: &Range<usize>,
        is_alone_in_paragraph: bool,
    ) -> Resolution {
        let (line, column) = self.lines.position(range.start);
        if let Some(scheme) = sanitize::forbidden_scheme(dest) {
            let what = match kind {
                RefKind::Link => "a link",
                RefKind::Image => "a picture",
            };
            self.problems.push(Problem {
                kind: ProblemKind::Reference,
                line,
                column,
                message: format!("{what} to a `{scheme}:` address cannot be published"),
                hint: Some(sanitize::scheme_hint(&scheme, kind == RefKind::Image)),
            });
            // Dropped like a broken one: a link keeps its words, a picture goes.
            return Resolution::Broken {
                message: String::new(),
                hint: None,
            };
        }
        let reference = Reference {
            kind,
            dest,
            alt_or_text,
            title,
            line,
            column,
            is_alone_in_paragraph,
        };
        let resolution = (self.resolve)(&reference);
        if let Resolution::Broken { message, hint } = &resolution {
            self.problems.push(Problem {
                kind: ProblemKind::Reference,
                line,
                column,
                message: message.clone(),
                hint: hint.clone(),
            });
        }
        resolution
    }
}

/// Ids written as `{#id}` anywhere on the page, so that a generated id never takes one,
/// even when the explicit heading comes later.
fn explicit_heading_ids(events: &[Spanned]) -> HashSet<String> {
    events
        .iter()
        .filter_map(|(event, _)| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect()
}

/// Index of the end event that closes the start event at `start`.
fn matching_end(events: &[Spanned], start: usize) -> usize {
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
fn plain_text(events: &[Spanned], with_images: bool) -> String {
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

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn heading_level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep_all(_: &Reference) -> Resolution {
        Resolution::Keep
    }

    fn render_keep(markdown: &str) -> Rendered {
        render(markdown, 1, &MarkdownSettings::default(), &mut keep_all)
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let md = "\
| Tỉnh | Huyện |
| --- | ---: |
| Điện Biên | Mường Nhé |

Đã ~~hủy~~ hoãn.[^1] Và thêm.[^ghi-chu]

[^ghi-chu]: Chú thích hai.

[^1]: Theo Ban Tuyên giáo.

Đoạn cuối.
";
        let r = render_keep(md);
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("<th>Tỉnh</th>"));
        assert!(
            r.html
                .contains("<td style=\"text-align: right\">Mường Nhé</td>")
        );
        assert!(r.html.contains("<del>hủy</del>"));
        assert!(
            r.html
                .contains("<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>")
        );
        assert!(r.html.contains("<a href=\"#ghi-chu\">2</a>"));
        // Definitions gathered at the end, numbered by first reference.
        let section = r.html.find("<section class=\"footnotes\">").unwrap();
        assert!(r.html.find("Đoạn cuối").unwrap() < section);
        assert!(
            r.html[section..].contains("id=\"1\"><sup class=\"footnote-definition-label\">1</sup>")
        );
        assert!(
            r.html[section..]
                .contains("id=\"ghi-chu\"><sup class=\"footnote-definition-label\">2</sup>")
        );
        assert!(r.html.trim_end().ends_with("</section>"));
        assert!(r.problems.is_empty());
    }

    #[test]
    fn quotes_stay_as_typed() {
        let r = render_keep("Ông nói \"xin chào\" và 'tạm biệt' -- rồi...\n");
        assert!(
            r.html.contains("\"xin chào\" và 'tạm biệt' -- rồi..."),
            "{}",
            r.html
        );
    }

    #[test]
    fn many_equal_headings_cost_constant_work_each() {
        let mut ids = HeadingIds::reserving(HashSet::from(["tin-tuc-5".to_string()]));
        let made: Vec<String> = (0..20_000)
            .map(|_| ids.unique("tin-tuc".to_string()))
            .collect();
        assert_eq!(made[0], "tin-tuc");
        assert_eq!(made[1], "tin-tuc-1");
        assert_eq!(made[4], "tin-tuc-4");
        // tin-tuc-5 was reserved by an explicit id.
        assert_eq!(made[5], "tin-tuc-6");
        assert_eq!(made[19_999], "tin-tuc-20000");
        // One probe per id plus one per taken id stepped over: a search from 1 each
        // time would make about 200 million.
        assert!(ids.probes <= 2 * 20_000 + 1, "{} probes", ids.probes);
        // The whole page: 20,000 equal headings all get their own id.
        let md = "## Tin tức\n\n".repeat(20_000);
        let r = render_keep(&md);
        assert_eq!(r.heading_ids.len(), 20_000);
        assert!(r.html.contains("<h2 id=\"tin-tuc-19999\">"));
    }

    #[test]
    fn heading_ids_slugs_duplicates_lao_and_explicit() {
        let md = "\
# Tiêu đề trang

## Lịch sử

### Lịch sử

## Lịch sử

## ປະຫວັດສາດ ລາວ

## Quan hệ *Việt – Lào* {#quan-he}

##### Sâu quá

## 🎉

## Lịch sử {#lich-su-2}
";
        let r = render_keep(md);
        assert!(
            r.html
                .contains("<h1 id=\"tieu-de-trang\">Tiêu đề trang</h1>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"lich-su\">Lịch sử</h2>"));
        assert!(r.html.contains("<h3 id=\"lich-su-1\">Lịch sử</h3>"));
        // lich-su-2 is taken by the explicit id further down.
        assert!(r.html.contains("<h2 id=\"lich-su-3\">Lịch sử</h2>"));
        assert!(r.html.contains("<h2 id=\"lich-su-2\">Lịch sử</h2>"));
        assert!(r.html.contains("<h2 id=\"ປະຫວັດສາດ-ລາວ\">ປະຫວັດສາດ ລາວ</h2>"));
        assert!(
            r.html
                .contains("<h2 id=\"quan-he\">Quan hệ <em>Việt – Lào</em></h2>")
        );
        assert!(r.html.contains("<h5 id=\"sau-qua\">"));
        assert!(r.html.contains("<h2 id=\"section\">🎉</h2>"));
        let toc: Vec<(u8, &str, &str)> = r
            .toc
            .iter()
            .map(|h| (h.level, h.id.as_str(), h.title.as_str()))
            .collect();
        assert_eq!(
            toc,
            [
                (2, "lich-su", "Lịch sử"),
                (3, "lich-su-1", "Lịch sử"),
                (2, "lich-su-3", "Lịch sử"),
                (2, "ປະຫວັດສາດ-ລາວ", "ປະຫວັດສາດ ລາວ"),
                (2, "quan-he", "Quan hệ Việt – Lào"),
                (2, "section", "🎉"),
                (2, "lich-su-2", "Lịch sử"),
            ]
        );
        // Every level can be a link's target, not only the table of contents' levels.
        let mut ids: Vec<&str> = r.heading_ids.iter().map(String::as_str).collect();
        ids.sort_unstable();
        assert_eq!(
            ids,
            [
                "lich-su",
                "lich-su-1",
                "lich-su-2",
                "lich-su-3",
                "quan-he",
                "sau-qua",
                "section",
                "tieu-de-trang",
                "ປະຫວັດສາດ-ລາວ",
            ]
        );
    }

    #[test]
    fn heading_classes_kept_and_links_in_headings_resolved() {
        let mut resolve = |r: &Reference| {
            assert_eq!(r.dest, "../b/index.vi.md");
            Resolution::Rewrite("/vi/b/".to_owned())
        };
        let r = render(
            "## Xem [bài B](../b/index.vi.md) {.noi-bat}\n",
            1,
            &MarkdownSettings::default(),
            &mut resolve,
        );
        assert_eq!(
            r.html,
            "<h2 id=\"xem-bai-b\" class=\"noi-bat\">Xem <a href=\"/vi/b/\">bài B</a></h2>\n"
        );
        assert_eq!(r.toc[0].title, "Xem bài B");
    }

    #[test]
    fn rewrite_keeps_fragment_handling_with_the_caller() {
        let mut seen = Vec::new();
        let mut resolve = |r: &Reference| {
            seen.push((r.kind, r.dest.to_owned(), r.alt_or_text.to_owned()));
            match r.dest.split_once('#') {
                Some(("../b/index.vi.md", fragment)) => {
                    Resolution::Rewrite(format!("/vi/b/#{fragment}"))
                }
                _ => Resolution::Keep,
            }
        };
        let md = "Xem [bài B](../b/index.vi.md#x), [ngoài](https://example.org/a?b=1&c=2) \
                  và <https://mekong.example/> hoặc <ban@example.gov.vn>.\n";
        let r = render(md, 1, &MarkdownSettings::default(), &mut resolve);
        assert!(
            r.html.contains("<a href=\"/vi/b/#x\">bài B</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<a href=\"https://example.org/a?b=1&amp;c=2\">ngoài</a>")
        );
        assert!(
            r.html
                .contains("<a href=\"https://mekong.example/\">https://mekong.example/</a>")
        );
        assert!(
            r.html
                .contains("<a href=\"mailto:ban@example.gov.vn\">ban@example.gov.vn</a>")
        );
        assert_eq!(
            seen,
            [
                (
                    RefKind::Link,
                    "../b/index.vi.md#x".to_owned(),
                    "bài B".to_owned()
                ),
                (
                    RefKind::Link,
                    "https://example.org/a?b=1&c=2".to_owned(),
                    "ngoài".to_owned()
                ),
                (
                    RefKind::Link,
                    "https://mekong.example/".to_owned(),
                    "https://mekong.example/".to_owned()
                ),
                (
                    RefKind::Link,
                    "mailto:ban@example.gov.vn".to_owned(),
                    "ban@example.gov.vn".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn reference_style_links_arrive_resolved_once() {
        let mut calls = Vec::new();
        let mut resolve = |r: &Reference| {
            calls.push((r.dest.to_owned(), r.title.to_owned(), r.line, r.column));
            Resolution::Keep
        };
        let md = "Một [liên kết][a] và [nữa][a].\n\n[a]: ../c/index.vi.md \"Tiêu đề\"\n";
        let r = render(md, 1, &MarkdownSettings::default(), &mut resolve);
        assert_eq!(
            calls,
            [
                ("../c/index.vi.md".to_owned(), "Tiêu đề".to_owned(), 1, 5),
                ("../c/index.vi.md".to_owned(), "Tiêu đề".to_owned(), 1, 22),
            ]
        );
        assert!(
            r.html
                .contains("<a href=\"../c/index.vi.md\" title=\"Tiêu đề\">liên kết</a>")
        );
    }

    #[test]
    fn broken_link_reports_position_in_whole_file_and_keeps_text() {
        // Front matter took lines 1–7, so the body starts on line 8.
        let md = "Đoạn đầu.\n\n> Trích: xem [bài cũ](../cu/index.vi.md) nhé.\n";
        let mut resolve = |r: &Reference| {
            if r.dest.starts_with("../cu/") {
                Resolution::Broken {
                    message: format!("no page at {}", r.dest),
                    hint: Some("check the folder name".to_owned()),
                }
            } else {
                Resolution::Keep
            }
        };
        let r = render(md, 8, &MarkdownSettings::default(), &mut resolve);
        assert_eq!(
            r.problems,
            [Problem {
                kind: ProblemKind::Reference,
                line: 10,
                // "> Trích: xem " is 13 characters, counted as characters not bytes.
                column: 14,
                message: "no page at ../cu/index.vi.md".to_owned(),
                hint: Some("check the folder name".to_owned()),
            }]
        );
        assert!(r.html.contains("xem bài cũ nhé."), "{}", r.html);
        assert!(!r.html.contains("<a"));
    }

    #[test]
    fn positions_count_characters_and_crlf_lines() {
        let md = "Dòng một\r\nẢnh ở đây: ![Lễ](a.jpg)\r\n";
        let mut at = None;
        let mut resolve = |r: &Reference| {
            at = Some((r.line, r.column, r.is_alone_in_paragraph));
            Resolution::Keep
        };
        render(md, 3, &MarkdownSettings::default(), &mut resolve);
        assert_eq!(at, Some((4, 12, false)));
    }

    #[test]
    fn image_alone_with_html_drops_the_paragraph() {
        let md = "Trước.\n\n![Lễ kết nghĩa](le-ket-nghia.jpg \"Lễ ký kết\")\n\nSau.\n";
        let mut seen = None;
        let mut resolve = |r: &Reference| {
            seen = Some((
                r.kind,
                r.dest.to_owned(),
                r.alt_or_text.to_owned(),
                r.title.to_owned(),
                r.is_alone_in_paragraph,
            ));
            Resolution::Html(
                "<figure><img src=\"/x.jpg\" alt=\"Lễ kết nghĩa\"></figure>".to_owned(),
            )
        };
        let r = render(md, 1, &MarkdownSettings::default(), &mut resolve);
        assert_eq!(
            seen,
            Some((
                RefKind::Image,
                "le-ket-nghia.jpg".to_owned(),
                "Lễ kết nghĩa".to_owned(),
                "Lễ ký kết".to_owned(),
                true
            ))
        );
        assert_eq!(
            r.html,
            "<p>Trước.</p>\n<figure><img src=\"/x.jpg\" alt=\"Lễ kết nghĩa\"></figure>\n<p>Sau.</p>\n"
        );
    }

    #[test]
    fn inline_image_with_html_stays_in_its_paragraph() {
        let md = "Biểu tượng ![cờ](co.png) ở giữa.\n";
        let mut resolve = |r: &Reference| {
            assert!(!r.is_alone_in_paragraph);
            Resolution::Html("<img src=\"/co.png\" alt=\"cờ\">".to_owned())
        };
        let r = render(md, 1, &MarkdownSettings::default(), &mut resolve);
        assert_eq!(
            r.html,
            "<p>Biểu tượng <img src=\"/co.png\" alt=\"cờ\"> ở giữa.</p>\n"
        );
    }

    #[test]
    fn image_with_title_and_keep_becomes_a_figure() {
        let r = render_keep("![Bản Lẳng Khăng](ban.jpg \"Bản <Lẳng> Khăng\")\n");
        assert_eq!(
            r.html,
            "<figure><img src=\"ban.jpg\" alt=\"Bản Lẳng Khăng\" /><figcaption>Bản &lt;Lẳng&gt; Khăng</figcaption></figure>\n"
        );
    }

    #[test]
    fn image_without_title_keep_and_rewrite() {
        let r = render_keep("![Bản](ban.jpg)\n");
        assert_eq!(r.html, "<p><img src=\"ban.jpg\" alt=\"Bản\" /></p>\n");

        let mut resolve = |_: &Reference| Resolution::Rewrite("/vi/tin/ảnh.jpg".to_owned());
        let r = render(
            "Xem ![Bản](ban.jpg \"Chú thích\") đây.\n",
            1,
            &MarkdownSettings::default(),
            &mut resolve,
        );
        assert_eq!(
            r.html,
            "<p>Xem <img src=\"/vi/tin/%E1%BA%A3nh.jpg\" alt=\"Bản\" title=\"Chú thích\" /> đây.</p>\n"
        );
    }

    #[test]
    fn broken_image_emits_nothing() {
        let md = "---\n\n![thiếu](missing.jpg)\n\nChữ ![x](y.png) tiếp.\n";
        let mut resolve = |r: &Reference| Resolution::Broken {
            message: format!("image {} not found", r.dest),
            hint: None,
        };
        let r = render(md, 5, &MarkdownSettings::default(), &mut resolve);
        assert_eq!(r.html, "<hr />\n<p>Chữ  tiếp.</p>\n");
        let positions: Vec<(usize, usize)> =
            r.problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(positions, [(7, 1), (9, 5)]);
    }

    #[test]
    fn image_inside_link_resolves_both_once() {
        let mut kinds = Vec::new();
        let mut resolve = |r: &Reference| {
            kinds.push((r.kind, r.dest.to_owned(), r.alt_or_text.to_owned()));
            Resolution::Keep
        };
        let r = render(
            "[![Ảnh](a.jpg)](https://x.example/)\n",
            1,
            &MarkdownSettings::default(),
            &mut resolve,
        );
        assert_eq!(
            kinds,
            [
                (
                    RefKind::Link,
                    "https://x.example/".to_owned(),
                    "Ảnh".to_owned()
                ),
                (RefKind::Image, "a.jpg".to_owned(), "Ảnh".to_owned()),
            ]
        );
        assert_eq!(
            r.html,
            "<p><a href=\"https://x.example/\"><img src=\"a.jpg\" alt=\"Ảnh\" /></a></p>\n"
        );
    }

    #[test]
    fn allowed_raw_html_survives_sanitizing() {
        let r = render_keep("<div class=\"note\">Chú ý</div>\n\nCó <b>đậm</b>.\n");
        assert!(
            r.html.contains("<div class=\"note\">Chú ý</div>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p>Có <b>đậm</b>.</p>"));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    fn trusted() -> MarkdownSettings {
        MarkdownSettings {
            raw_html: RawHtml::Trusted,
            ..MarkdownSettings::default()
        }
    }

    #[test]
    fn trusted_raw_html_passes_as_written() {
        let md = "<script>chay()</script>\n\nCó <b onclick=\"x()\">đậm</b>.\n";
        let r = render(md, 1, &trusted(), &mut keep_all);
        assert_eq!(
            r.html,
            "<script>chay()</script>\n<p>Có <b onclick=\"x()\">đậm</b>.</p>\n"
        );
        assert!(r.problems.is_empty());
    }

    #[test]
    fn bodies_without_raw_html_are_the_markdown_writer_s_output() {
        let md = "## Lịch sử\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\nChữ[^1] ![x](y.png \"t\")\n\n[^1]: Ghi chú.\n";
        assert_eq!(
            render_keep(md).html,
            render(md, 1, &trusted(), &mut keep_all).html
        );
    }

    #[test]
    fn unsafe_schemes_are_errors_wherever_a_link_or_picture_is_written() {
        // Line 1 of the body is line 5 of the file.
        let md = "\
[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1))
[d](<java\tscript:alert(1)>) [e](java&#9;script:alert(1)) <vbscript:msgbox(1)>
[f][ref] ![g](data:image/png;base64,iVBOR) [h](https://ok.example/)

[ref]: javascript:alert(2)
";
        let mut resolved = Vec::new();
        let mut resolve = |r: &Reference| {
            resolved.push(r.dest.to_owned());
            Resolution::Keep
        };
        let r = render(md, 5, &trusted(), &mut resolve);
        // Only the safe link reaches the resolver.
        assert_eq!(resolved, ["https://ok.example/"]);
        let found: Vec<(usize, usize, &str)> = r
            .problems
            .iter()
            .map(|p| (p.line, p.column, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    5,
                    1,
                    "a link to a `javascript:` address cannot be published"
                ),
                (
                    5,
                    26,
                    "a link to a `javascript:` address cannot be published"
                ),
                (
                    5,
                    51,
                    "a link to a `javascript:` address cannot be published"
                ),
                (
                    6,
                    1,
                    "a link to a `javascript:` address cannot be published"
                ),
                (
                    6,
                    29,
                    "a link to a `javascript:` address cannot be published"
                ),
                (6, 58, "a link to a `vbscript:` address cannot be published"),
                (
                    7,
                    1,
                    "a link to a `javascript:` address cannot be published"
                ),
                (7, 10, "a picture to a `data:` address cannot be published"),
            ]
        );
        assert!(r.problems.iter().all(|p| p.kind == ProblemKind::Reference));
        assert!(
            r.problems[7]
                .hint
                .as_deref()
                .unwrap()
                .contains("article's folder")
        );
        assert_eq!(r.html.matches("href=").count(), 1, "{}", r.html);
        assert!(!r.html.contains("<img"), "{}", r.html);
        // The words of a refused link stay, as text (an autolink's words are its address).
        assert!(
            r.html
                .starts_with("<p>a b c\nd e vbscript:msgbox(1)\nf  <a"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<a href=\"https://ok.example/\">h</a>"));
    }

    #[test]
    fn raw_html_around_markdown_keeps_its_shape_and_mekong_s_markup() {
        let md = "\
<details lang=\"lo\">
<summary>Xem thêm</summary>

**Đậm** và [liên kết](../a/index.vi.md), ảnh ![Cờ](co.png).

</details>

Một <abbr title=\"Ủy ban nhân dân\">UBND</abbr> và H<sub>2</sub>O.[^1]

[^1]: Chú thích <span class=\"x\" style=\"color:red\">đỏ</span>.
";
        let mut resolve = |r: &Reference| {
            match r.kind {
            RefKind::Image => Resolution::Html(
                "<img srcset=\"/img/co-480.webp 480w\" sizes=\"100vw\" width=\"8\" height=\"6\" loading=\"lazy\" decoding=\"async\" alt=\"Cờ\">".into(),
            ),
            RefKind::Link => Resolution::Rewrite("/vi/a/".into()),
        }
        };
        let r = render(md, 1, &MarkdownSettings::default(), &mut resolve);
        assert_eq!(
            r.html,
            "\
<details lang=\"lo\">
<summary>Xem thêm</summary>
<p><strong>Đậm</strong> và <a href=\"/vi/a/\">liên kết</a>, ảnh <img srcset=\"/img/co-480.webp 480w\" sizes=\"100vw\" width=\"8\" height=\"6\" loading=\"lazy\" decoding=\"async\" alt=\"Cờ\">.</p>
</details>
<p>Một <abbr title=\"Ủy ban nhân dân\">UBND</abbr> và H<sub>2</sub>O.<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup></p>
<section class=\"footnotes\">
<div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>
<p>Chú thích <span class=\"x\">đỏ</span>.</p>
</div>
</section>
"
        );
        let found: Vec<(usize, usize, ProblemKind)> = r
            .problems
            .iter()
            .map(|p| (p.line, p.column, p.kind))
            .collect();
        // The style attribute, where the footnote's <span> was written.
        assert_eq!(found, [(10, 17, ProblemKind::RawHtml)]);
    }

    #[test]
    fn inline_raw_html_split_over_events_is_judged_as_one() {
        let settings = MarkdownSettings {
            iframe_hosts: vec!["www.google.com".into()],
            ..MarkdownSettings::default()
        };
        let md = "\
Bản đồ: <iframe src=\"https://www.google.com/maps/embed?pb=1\"></iframe> và
thêm <iframe src=\"https://tracker.example/x\">dự phòng</iframe>, <script>alert(1)</script> hết.

| Cột | Số |
|:--|--:|
| <b>a</b> | <img src=x onerror=alert(1)> |
";
        let r = render(md, 3, &settings, &mut keep_all);
        assert_eq!(
            r.html,
            "\
<p>Bản đồ: <iframe loading=\"lazy\" src=\"https://www.google.com/maps/embed?pb=1\"></iframe> và
thêm ,  hết.</p>
<table><thead><tr><th style=\"text-align: left\">Cột</th><th style=\"text-align: right\">Số</th></tr></thead><tbody>
<tr><td style=\"text-align: left\"><b>a</b></td><td style=\"text-align: right\"><img src=\"x\"></td></tr>
</tbody></table>
"
        );
        let found: Vec<(usize, usize, &str)> = r
            .problems
            .iter()
            .map(|p| (p.line, p.column, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (3, 9, "this `<iframe>` has no title"),
                (4, 6, "removed an `<iframe>` from `tracker.example`"),
                (4, 65, "removed `<script>` and everything inside it"),
                (8, 14, "removed the attribute `onerror` from `<img>`"),
            ]
        );
    }

    #[test]
    fn raw_html_in_a_block_quote_is_located_at_its_line() {
        let r = render_keep("Trước.\n\n> <div>\n> <img src=a.png onerror=x()>\n> </div>\n");
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, 4, "{:?}", r.problems);
    }

    #[test]
    fn first_paragraph_is_plain_text_of_first_top_level_text() {
        let md = "\
## Mở đầu

![Ảnh bìa](bia.jpg)

> Trích dẫn không tính.

- Mục danh sách

Ngày **8/12**, đoàn [công tác](../a/index.vi.md)
của tỉnh đã đến `Hủa Phăn`.[^1] <span>x</span>

Đoạn hai.

[^1]: Chú thích.
";
        let r = render_keep(md);
        assert_eq!(
            r.first_paragraph,
            "Ngày 8/12, đoàn công tác của tỉnh đã đến Hủa Phăn. x"
        );
        assert_eq!(render_keep("## Chỉ tiêu đề\n").first_paragraph, "");
    }

    #[test]
    fn plain_text_len_counts_characters() {
        let r = render_keep("Xin **chào**\nbạn ![alt](a.jpg)\n");
        // "Xin chào" + soft break + "bạn " ; alt text does not count.
        assert_eq!(r.plain_text_len, "Xin chào bạn ".chars().count());
    }

    #[test]
    fn output_is_deterministic() {
        let md = "## A\n\n## A\n\n[x](y) ![z](w \"t\")\n";
        assert_eq!(render_keep(md), render_keep(md));
    }
}
