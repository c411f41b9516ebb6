//! Markdown → HTML for one page body: heading ids and table of contents, link and image
//! resolution through a caller-supplied resolver, the first paragraph, and safety: link
//! schemes checked, the editor's raw HTML handed to the sanitizer. Pure: no I/O, no
//! knowledge of the site beyond what the resolver answers and the `markdown:` settings.
//!
//! This file holds what callers see (the types and [`render`]); the event walk is in
//! `writer.rs`, which asks `headings.rs` and `references.rs` what to write.

mod events;
mod headings;
mod references;
mod writer;

use std::collections::HashSet;

use pulldown_cmark::{Event, Options, Parser, html};

use crate::config::{MarkdownSettings, RawHtml};
use crate::sanitize;

use events::{LineIndex, Spanned};
use headings::{HeadingIds, explicit_heading_ids};
use references::References;
use writer::Writer;

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

/// A mention of a document number found in the body's text (never in code, links,
/// headings or alt text), as the caller sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention<'a> {
    /// The whole mention as written: `Kế hoạch số 127-KH/TU`.
    pub text: &'a str,
    pub number: &'a str,
    /// The kind its word names (index into the settings' kinds) and the word.
    pub kind: Option<(usize, &'a str)>,
    /// 1-based line and column of the mention in the whole file.
    pub line: usize,
    pub column: usize,
    /// A date written right after it, with its line and column.
    pub date: Option<(jiff::civil::Date, usize, usize)>,
}

/// Where a mention leads: the document's page, with its language when it is not the
/// page's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MentionLink {
    pub url: String,
    pub lang: Option<String>,
}

/// How a body's mentions are found and what they become.
pub(crate) struct Mentions<'r> {
    pub finder: &'r crate::mentions::LanguageFinder,
    /// Called once per mention, in document order; `None` leaves it as text.
    pub link: &'r mut dyn FnMut(&Mention) -> Option<MentionLink>,
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

/// The Markdown a body is written in; whoever else reads bodies (the glossary check)
/// must see the same blocks. Smart punctuation stays off: Vietnamese quotes must stay
/// as the editor typed them.
pub(crate) const PARSER_OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

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
    render_with_mentions(markdown, first_line, settings, resolve, None)
}

/// [`render`], with mentions of documents found in the text and linked as `mentions`
/// says.
pub(crate) fn render_with_mentions<'r>(
    markdown: &str,
    first_line: usize,
    settings: &MarkdownSettings,
    resolve: &'r mut dyn FnMut(&Reference) -> Resolution,
    mentions: Option<Mentions<'r>>,
) -> Rendered {
    let options = PARSER_OPTIONS;
    // Collected once because heading ids need the heading's text before its start tag
    // is written, and an image needs to know whether its paragraph ends right after it.
    let events: Vec<Spanned> = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .collect();

    let mut writer = Writer {
        events: &events,
        lines: LineIndex::new(markdown, first_line),
        references: References::new(resolve),
        ids: HeadingIds::reserving(explicit_heading_ids(&events)),
        out: Vec::with_capacity(events.len()),
        footnotes: Vec::new(),
        footnote_depth: 0,
        container_depth: 0,
        link_ends: Vec::new(),
        first_paragraph: None,
        capture: None,
        toc: Vec::new(),
        plain_text_len: 0,
        sanitize: settings.raw_html == RawHtml::Sanitize,
        raw: Vec::new(),
        mentions,
        not_linkable: 0,
        emphasis: Vec::new(),
    };
    writer.run();

    let Writer {
        out,
        footnotes,
        toc,
        first_paragraph,
        references,
        plain_text_len,
        ids,
        lines,
        raw,
        ..
    } = writer;
    let mut problems = references.problems;
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    // Footnote definitions go to the end whatever their place in the source, as Hugo
    // and Zola readers expect, and are then numbered in the order they are referenced.
    // A `div` with the endnotes role, as Hugo writes: a `section` would want a heading.
    let footnote_section = (!footnotes.is_empty()).then(|| {
        std::iter::once(Event::Html(
            "<div class=\"footnotes\" role=\"doc-endnotes\">\n".into(),
        ))
        .chain(footnotes)
        .chain(std::iter::once(Event::Html("</div>\n".into())))
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

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn keep_all(_: &Reference) -> Resolution {
        Resolution::Keep
    }

    pub(super) fn render_keep(markdown: &str) -> Rendered {
        render(markdown, 1, &MarkdownSettings::default(), &mut keep_all)
    }

    pub(super) fn trusted() -> MarkdownSettings {
        MarkdownSettings {
            raw_html: RawHtml::Trusted,
            ..MarkdownSettings::default()
        }
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
        let section = r
            .html
            .find("<div class=\"footnotes\" role=\"doc-endnotes\">")
            .unwrap();
        assert!(r.html.find("Đoạn cuối").unwrap() < section);
        assert!(
            r.html[section..].contains("id=\"1\"><sup class=\"footnote-definition-label\">1</sup>")
        );
        assert!(
            r.html[section..]
                .contains("id=\"ghi-chu\"><sup class=\"footnote-definition-label\">2</sup>")
        );
        assert!(r.html.trim_end().ends_with("</div>\n</div>"));
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
    fn bodies_without_raw_html_are_the_markdown_writer_s_output() {
        let md = "## Lịch sử\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\nChữ[^1] ![x](y.png \"t\")\n\n[^1]: Ghi chú.\n";
        assert_eq!(
            render_keep(md).html,
            render(md, 1, &trusted(), &mut keep_all).html
        );
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
