//! Links and images: each destination checked for a scheme that may not be published,
//! then handed to the caller's resolver, whose answer decides what is written. The
//! writer asks; this file answers with the events to write.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::events::{LineIndex, Spanned, matching_end, plain_text};
use super::{Problem, ProblemKind, RefKind, Reference, Resolution};
use crate::sanitize;

/// The caller's resolver, and the problems found with the page's links and images.
pub(super) struct References<'r> {
    resolve: &'r mut dyn FnMut(&Reference) -> Resolution,
    pub(super) problems: Vec<Problem>,
}

/// What to write for a link's start tag.
pub(super) enum LinkStart<'a> {
    /// This start tag; the link's end tag is written too.
    Open(Event<'a>),
    /// This HTML instead of the whole link, end tag included.
    Replace(Event<'a>),
    /// Nothing: the words stay, the anchor goes (its end tag too).
    Drop,
}

impl<'r> References<'r> {
    pub(super) fn new(resolve: &'r mut dyn FnMut(&Reference) -> Resolution) -> Self {
        References {
            resolve,
            problems: Vec::new(),
        }
    }

    /// The events for the image starting at `start`; when `alone`, they include (or
    /// drop) the paragraph around it. Also returns the index after the image's end tag.
    pub(super) fn image<'a>(
        &mut self,
        events: &[Spanned<'a>],
        lines: &LineIndex,
        start: usize,
        alone: bool,
    ) -> (Vec<Event<'a>>, usize) {
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
        let at = lines.position(range.start);
        let resolution = self.resolve_reference(RefKind::Image, dest_url, &alt, title, at, alone);
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
        (rendered, end + 1)
    }

    /// What to write for the link starting at `start`, and the index to go on from.
    pub(super) fn link<'a>(
        &mut self,
        events: &[Spanned<'a>],
        lines: &LineIndex,
        start: usize,
    ) -> (LinkStart<'a>, usize) {
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
        let at = lines.position(range.start);
        let resolution = self.resolve_reference(RefKind::Link, &dest, &link_text, title, at, alone);
        match resolution {
            Resolution::Keep => (LinkStart::Open(events[start].0.clone()), start + 1),
            Resolution::Rewrite(url) => {
                let link_type = match link_type {
                    LinkType::Email => LinkType::Inline,
                    other => *other,
                };
                let open = Event::Start(Tag::Link {
                    link_type,
                    dest_url: url.into(),
                    title: title.clone(),
                    id: id.clone(),
                });
                (LinkStart::Open(open), start + 1)
            }
            Resolution::Html(html) => (LinkStart::Replace(Event::Html(html.into())), end + 1),
            // Keep the words the editor wrote; only the anchor goes.
            Resolution::Broken { .. } => (LinkStart::Drop, start + 1),
        }
    }

    /// Refuses a scheme that may not be published, else asks the caller; either way a
    /// refused or broken destination becomes a problem at `(line, column)`, where it
    /// was written in the file.
    fn resolve_reference(
        &mut self,
        kind: RefKind,
        dest: &str,
        alt_or_text: &str,
        title: &str,
        (line, column): (usize, usize),
        is_alone_in_paragraph: bool,
    ) -> Resolution {
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

#[cfg(test)]
mod tests {
    use crate::config::MarkdownSettings;
    use crate::markdown::tests::{render_keep, trusted};
    use crate::markdown::{Problem, ProblemKind, RefKind, Reference, Resolution, render};

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
}
