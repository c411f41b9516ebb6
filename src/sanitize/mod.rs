//! What editors paste must not carry script: the URL schemes links and pictures may use,
//! and the allow-list sanitizer (ammonia) for raw HTML written inside Markdown, with a
//! warning at file:line:col for everything it takes out. Pure: strings in, strings out.
//!
//! Only the editor's own HTML is sanitized. The Markdown renderer hands over its
//! finished body in which every piece of raw HTML stands as a marker; the rest — the
//! markup mekong made itself (pictures, figures, footnotes, heading ids) — is safe by
//! construction and travels through the sanitizer as opaque placeholders, so that
//! `<div>` … Markdown … `</div>` keeps its shape without mekong's markup being judged.
//!
//! The steps live in their own files: `document.rs` (the text the sanitizer sees, and
//! putting mekong's markup back), `tokenizer.rs` (where the editor's tags are),
//! `review.rs` (what is taken out, with a warning each), `policy.rs` (the allow-lists,
//! the ammonia builder and the hints).

mod document;
mod policy;
mod review;
mod tokenizer;

use std::borrow::Cow;

use crate::config::MarkdownSettings;

use document::{Document, apply, fill_placeholders};
pub(crate) use policy::{forbidden_scheme, scheme_hint};

/// The marker the Markdown renderer writes in place of raw HTML piece `index`. It
/// starts with `<` and a control character, which neither escaped text nor any tag
/// mekong writes can contain, so it cannot be forged from Markdown.
pub(crate) fn marker(index: usize, ends_line: bool) -> String {
    format!("<\u{1}{index}>{}", if ends_line { "\n" } else { "" })
}

/// One piece of raw HTML as the editor wrote it.
#[derive(Debug, Clone)]
pub(crate) struct RawPiece<'a> {
    pub text: Cow<'a, str>,
    /// Byte offset in the Markdown where it starts.
    pub source_start: usize,
    /// The text is exactly the source from `source_start` on, so offsets inside it map
    /// back one to one; otherwise (a line inside a block quote) its start is used.
    pub exact: bool,
}

/// Something the sanitizer took out (or an `<iframe>` that needs attention), at a byte
/// offset of the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Removal {
    pub source_offset: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// Sanitizes the raw HTML of a rendered body. `html` is the renderer's output in which
/// piece `i` of `pieces` stands as [`marker`]`(i, …)`; everything outside the markers is
/// kept byte for byte.
pub(crate) fn sanitize_body(
    html: &str,
    pieces: &[RawPiece],
    settings: &MarkdownSettings,
) -> (String, Vec<Removal>) {
    let (doc, runs) = Document::assemble(html, pieces);
    let tokens = tokenizer::scan(&doc.text);
    let (edits, removals) = review::review(&doc, &tokens, pieces, settings);
    let cleaned = policy::builder(settings)
        .clean(&apply(&doc.text, edits))
        .to_string();
    (fill_placeholders(&cleaned, &runs), removals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str) -> RawPiece<'_> {
        RawPiece {
            text: Cow::Borrowed(text),
            source_start: 0,
            exact: true,
        }
    }

    /// Sanitizes `parts`: odd ones are raw HTML, even ones mekong's markup.
    fn sanitize(parts: &[&str], settings: &MarkdownSettings) -> (String, Vec<Removal>) {
        let mut html = String::new();
        let mut pieces = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            if i % 2 == 1 {
                html.push_str(&marker(pieces.len(), part.ends_with('\n')));
                pieces.push(piece(part));
            } else {
                html.push_str(part);
            }
        }
        sanitize_body(&html, &pieces, settings)
    }

    #[test]
    fn mekong_markup_is_untouched_and_editor_html_is_balanced_around_it() {
        let mekong = "<p>Chữ <img srcset=\"/img/a-480.webp 480w\" sizes=\"100vw\" onload=\"x\" fetchpriority=\"high\"></p>\n";
        let (html, removals) = sanitize(
            &[
                "",
                "<div class=\"note\" lang=\"lo\">\n",
                mekong,
                "</div>\n",
                "",
            ],
            &MarkdownSettings::default(),
        );
        assert_eq!(
            html,
            format!("<div class=\"note\" lang=\"lo\">\n{mekong}</div>\n")
        );
        assert!(removals.is_empty(), "{removals:?}");
    }

    #[test]
    fn script_events_and_bad_urls_are_removed_with_a_removal_each() {
        let (html, removals) = sanitize(
            &[
                "<p>a ",
                "<img src=x onerror=alert(1)>",
                " b ",
                "<a href=\"&#106;avascript:alert(1)\">",
                "c",
                "</a>",
                "</p>\n",
                "<script>alert(2)</script>\n",
                "",
            ],
            &MarkdownSettings::default(),
        );
        // The line break after `</script>` is text, and stays.
        assert_eq!(html, "<p>a <img src=\"x\"> b <a>c</a></p>\n\n");
        let messages: Vec<&str> = removals.iter().map(|r| r.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "removed the attribute `onerror` from `<img>`",
                "removed `href` from `<a>`: a `javascript:` address",
                "removed `<script>` and everything inside it",
            ]
        );
    }

    #[test]
    fn iframes_only_from_listed_hosts() {
        let settings = MarkdownSettings {
            iframe_hosts: vec!["www.youtube-nocookie.com".into()],
            ..MarkdownSettings::default()
        };
        let (html, removals) = sanitize(
            &[
                "",
                "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" title=\"Lễ hội\" allowfullscreen></iframe>\n<iframe src=\"https://evil.example/x\"></iframe>\n",
                "",
            ],
            &settings,
        );
        assert_eq!(
            html,
            "<iframe loading=\"lazy\" src=\"https://www.youtube-nocookie.com/embed/x\" title=\"Lễ hội\" allowfullscreen=\"\"></iframe>\n\n"
        );
        assert_eq!(removals.len(), 1);
        assert_eq!(
            removals[0].message,
            "removed an `<iframe>` from `evil.example`"
        );
        assert!(
            removals[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("iframe_hosts: [\"evil.example\"]")
        );
    }

    #[test]
    fn forged_placeholders_and_markers_do_nothing() {
        let (html, removals) = sanitize(
            &[
                "<p>một</p>",
                "<mekong-run data-i=\"0\"></mekong-run>",
                "<p>hai</p>",
            ],
            &MarkdownSettings::default(),
        );
        assert_eq!(html, "<p>một</p><p>hai</p>");
        assert_eq!(removals.len(), 1);
    }
}
