//! The review of the editor's tags before sanitizing: what is taken out gets a warning
//! at its position, and the few changes the sanitizer cannot make (a whole `<iframe>`
//! from an unlisted host, `loading="lazy"`) become edits of the text.

use std::ops::Range;

use super::document::{Document, PLACEHOLDER};
use super::policy::{
    ALLOWED_TAGS, REMOVED_WITH_CONTENT, attribute_allowed, describe_host, forbidden_scheme,
    iframe_allowed, iframe_hint, is_url_attribute, removed_hint, scheme_hint, url_allowed,
};
use super::tokenizer::{StartTag, Token};
use super::{RawPiece, Removal};
use crate::config::MarkdownSettings;

/// A replacement of a byte range of the document's text, made before sanitizing.
pub(super) type Edit = (Range<usize>, &'static str);

/// Walks the tokens of `doc` in order and returns the edits to make and the removals
/// to report, both in document order.
pub(super) fn review(
    doc: &Document,
    tokens: &[Token],
    pieces: &[RawPiece],
    settings: &MarkdownSettings,
) -> (Vec<Edit>, Vec<Removal>) {
    let mut review = Review {
        doc,
        pieces,
        settings,
        edits: Vec::new(),
        removals: Vec::new(),
    };
    // Inside an element removed with its content (a <form>), the one warning for it is
    // enough: (its name, how many of that name are open).
    let mut inside_removed: Option<(&str, usize)> = None;
    for token in tokens {
        if let Some((name, depth)) = &mut inside_removed {
            match token {
                Token::Start(tag) if tag.name == *name => *depth += 1,
                Token::End { name: end, .. } if end == name => {
                    *depth -= 1;
                    if *depth == 0 {
                        inside_removed = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match token {
            Token::Start(tag) => {
                if let Some(name) = review.start_tag(tag) {
                    inside_removed = Some((name, 1));
                }
            }
            Token::End { range, name } => review.end_tag(range, name),
        }
    }
    (review.edits, review.removals)
}

struct Review<'d> {
    doc: &'d Document,
    pieces: &'d [RawPiece<'d>],
    settings: &'d MarkdownSettings,
    edits: Vec<Edit>,
    removals: Vec<Removal>,
}

impl Review<'_> {
    fn remove(&mut self, tag: &StartTag, message: String, hint: Option<String>) {
        self.removals.push(Removal {
            source_offset: self.doc.source_offset(tag.range.start, self.pieces),
            message,
            hint,
        });
    }

    /// An end tag shaped like a placeholder's that is not one of ours goes.
    fn end_tag(&mut self, range: &Range<usize>, name: &str) {
        if name == PLACEHOLDER && !self.doc.is_placeholder(range.start) {
            self.edits.push((range.clone(), ""));
        }
    }

    /// Judges one start tag. Returns its name when everything up to its end tag goes
    /// with it, so that nothing inside is judged again.
    fn start_tag<'t>(&mut self, tag: &'t StartTag) -> Option<&'t str> {
        if self.doc.is_placeholder(tag.range.start) {
            return None;
        }
        if tag.name == PLACEHOLDER {
            self.edits.push((tag.range.clone(), ""));
            self.remove(tag, format!("removed the tag `<{}>`", tag.name), None);
            return None;
        }
        if REMOVED_WITH_CONTENT.contains(&tag.name.as_str()) {
            let inside = !matches!(tag.name.as_str(), "embed" | "frame") && tag.close.is_none();
            self.remove(
                tag,
                format!("removed `<{}>` and everything inside it", tag.name),
                Some(removed_hint(&tag.name)),
            );
            return inside.then_some(tag.name.as_str());
        }
        if !ALLOWED_TAGS.contains(&tag.name.as_str()) {
            self.remove(
                tag,
                format!("removed the tag `<{}>`; the text inside it stays", tag.name),
                Some(
                    "articles may use text, table, figure and details elements; see the README on raw HTML"
                        .into(),
                ),
            );
            return None;
        }
        if tag.name == "iframe" && !self.iframe(tag) {
            return None;
        }
        self.attributes(tag);
        None
    }

    /// An `<iframe>` from a host not listed goes whole, fallback text included, so no
    /// empty box is left; a kept one loads lazily and should have a title. Returns
    /// whether it is kept.
    fn iframe(&mut self, tag: &StartTag) -> bool {
        let src = tag.attribute("src").unwrap_or("");
        if !iframe_allowed(src, &self.settings.iframe_hosts) {
            let end = tag.close.as_ref().map_or(tag.range.end, |close| close.end);
            self.edits.push((tag.range.start..end, ""));
            self.remove(
                tag,
                format!("removed an `<iframe>` from {}", describe_host(src)),
                Some(iframe_hint(src)),
            );
            return false;
        }
        if tag.attribute("loading").is_none() {
            let name_end = tag.range.start + "<iframe".len();
            self.edits.push((name_end..name_end, " loading=\"lazy\""));
        }
        if tag.attribute("title").is_none_or(|t| t.trim().is_empty()) {
            self.remove(
                tag,
                "this `<iframe>` has no title".into(),
                Some("screen readers announce a frame by its title: add title=\"…\" saying what it shows, e.g. title=\"Bản đồ Mường Nhé\"".into()),
            );
        }
        true
    }

    /// Addresses with a scheme that may not be published are reported one by one; the
    /// attributes the element may not have, together.
    fn attributes(&mut self, tag: &StartTag) {
        let mut dropped = Vec::new();
        for attribute in &tag.attributes {
            let name = attribute.name.as_str();
            if !attribute_allowed(&tag.name, name) {
                dropped.push(name);
            } else if is_url_attribute(name) && !url_allowed(&attribute.value) {
                let scheme = forbidden_scheme(&attribute.value);
                let what = match &scheme {
                    Some(scheme) => format!("a `{scheme}:` address"),
                    None => "an address that is not valid".into(),
                };
                self.remove(
                    tag,
                    format!("removed `{name}` from `<{}>`: {what}", tag.name),
                    Some(scheme_hint(
                        scheme.as_deref().unwrap_or(""),
                        tag.name == "img",
                    )),
                );
            }
        }
        if !dropped.is_empty() {
            let events = dropped.iter().any(|name| name.starts_with("on"));
            let dropped: Vec<String> = dropped.iter().map(|name| format!("`{name}`")).collect();
            self.remove(
                tag,
                format!(
                    "removed {} {} from `<{}>`",
                    if dropped.len() == 1 {
                        "the attribute"
                    } else {
                        "the attributes"
                    },
                    dropped.join(", "),
                    tag.name
                ),
                Some(if events {
                    "event attributes (onclick, onerror, …) run script and are never published"
                        .into()
                } else {
                    "only lang, dir, title, class and the attributes an element needs (href, src, alt, colspan, …) are kept".into()
                }),
            );
        }
    }
}
