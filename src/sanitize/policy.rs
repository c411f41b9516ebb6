//! What may be published: the allow-lists of schemes, elements and attributes, the
//! rules for addresses and `<iframe>` hosts, the ammonia builder that enforces them,
//! and the hints that tell an editor what to write instead.

use std::collections::HashSet;

use super::document::{PLACEHOLDER, PLACEHOLDER_ATTRIBUTE};
use crate::config::MarkdownSettings;

/// Schemes a link or picture may use; anything else is refused (relative URLs are fine).
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Elements an article may carry in raw HTML: text structure, tables, figures,
/// disclosure widgets, annotations. `iframe` is allowed only from the configured hosts.
pub(super) const ALLOWED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "iframe",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements removed together with everything inside them: their content is code, form
/// controls or fallback nobody should read as article text.
pub(super) const REMOVED_WITH_CONTENT: &[&str] = &[
    "applet",
    "button",
    "datalist",
    "embed",
    "form",
    "frame",
    "frameset",
    "math",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "plaintext",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "xmp",
];

/// Attributes any allowed element may have.
const GENERIC_ATTRIBUTES: &[&str] = &["class", "dir", "lang", "title"];

/// Attributes particular elements may have besides the generic ones.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("del", &["datetime"]),
    ("details", &["open"]),
    (
        "iframe",
        &[
            "allow",
            "allowfullscreen",
            "frameborder",
            "height",
            "loading",
            "referrerpolicy",
            "sandbox",
            "src",
            "width",
        ],
    ),
    (
        "img",
        &["alt", "decoding", "height", "loading", "src", "width"],
    ),
    ("ins", &["datetime"]),
    ("li", &["value"]),
    ("ol", &["reversed", "start", "type"]),
    ("td", &["colspan", "headers", "rowspan"]),
    ("th", &["abbr", "colspan", "headers", "rowspan", "scope"]),
    ("time", &["datetime"]),
];

/// The scheme that makes `url` unsafe as a link or picture address, read the way a
/// browser reads it (leading spaces and control characters dropped, tabs and newlines
/// anywhere ignored, any case), or `None` when it is allowed or relative. Character
/// references (`&#106;avascript:`) must be decoded before: the Markdown parser does it.
pub(crate) fn forbidden_scheme(url: &str) -> Option<String> {
    match ::url::Url::parse(url) {
        Ok(parsed) if !ALLOWED_SCHEMES.contains(&parsed.scheme()) => {
            Some(parsed.scheme().to_owned())
        }
        _ => None,
    }
}

/// What the editor should do instead of a link or picture with `scheme`.
pub(crate) fn scheme_hint(scheme: &str, is_image: bool) -> String {
    match scheme {
        "data" if is_image => "put the picture in the article's folder and write its file name: ![…](photo.jpg)".into(),
        "file" => "a file on your computer is not on the site: put it in the article's folder and write its file name".into(),
        drive if drive.len() == 1 => "this looks like a path on a Windows computer: put the file in the article's folder and write its file name".into(),
        _ => format!(
            "links and pictures may lead to http(s):, mailto: or tel: addresses, or to files of the site; a `{scheme}:` address could run code or hide content in the reader's browser"
        ),
    }
}

/// The sanitizer for the allow-lists above, letting mekong's placeholders through.
pub(super) fn builder(settings: &MarkdownSettings) -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(ALLOWED_TAGS.iter().copied().chain([PLACEHOLDER]).collect())
        .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .map(|&(tag, attributes)| (tag, attributes.iter().copied().collect()))
                .chain([(PLACEHOLDER, HashSet::from([PLACEHOLDER_ATTRIBUTE]))])
                .collect(),
        )
        .url_schemes(ALLOWED_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true);
    let hosts = settings.iframe_hosts.clone();
    // The review already removed frames from other hosts; this is the guarantee
    // in case the HTML parser reads a tag differently: such a frame loses its address.
    builder.attribute_filter(
        move |element, attribute, value| match (element, attribute) {
            ("iframe", "src") if !iframe_allowed(value, &hosts) => None,
            _ => Some(value.into()),
        },
    );
    builder
}

pub(super) fn attribute_allowed(tag: &str, attribute: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&attribute)
        || TAG_ATTRIBUTES
            .iter()
            .any(|&(t, attributes)| t == tag && attributes.contains(&attribute))
}

/// Attributes whose value the sanitizer reads as an address (as ammonia does).
pub(super) fn is_url_attribute(attribute: &str) -> bool {
    matches!(attribute, "href" | "src")
}

/// Whether the sanitizer keeps an address: an allowed scheme, or relative.
pub(super) fn url_allowed(value: &str) -> bool {
    match ::url::Url::parse(value) {
        Ok(parsed) => ALLOWED_SCHEMES.contains(&parsed.scheme()),
        Err(::url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// An `<iframe src>` the site allows: https, from one of the configured hosts.
pub(super) fn iframe_allowed(src: &str, hosts: &[String]) -> bool {
    ::url::Url::parse(src).is_ok_and(|url| {
        url.scheme() == "https"
            && url
                .host_str()
                .is_some_and(|host| hosts.iter().any(|h| h == host))
    })
}

pub(super) fn describe_host(src: &str) -> String {
    match ::url::Url::parse(src) {
        Ok(url) => match url.host_str() {
            Some(host) if url.scheme() == "https" => format!("`{host}`"),
            Some(host) => format!("`{host}` over {}", url.scheme()),
            None => "an address without a host".into(),
        },
        Err(_) if src.trim().is_empty() => "nowhere (it has no src)".into(),
        Err(_) => format!("`{}`", truncate(src.trim(), 60)),
    }
}

pub(super) fn iframe_hint(src: &str) -> String {
    match ::url::Url::parse(src) {
        Ok(url) if url.scheme() == "https" => match url.host_str() {
            Some(host) => format!(
                "frames are published only from hosts listed in site.yaml: markdown: {{ iframe_hosts: [\"{host}\"] }}"
            ),
            None => "write the frame's full https:// address".into(),
        },
        Ok(url) if url.scheme() == "http" => "write the frame's address with https://, and list its host in site.yaml under markdown: { iframe_hosts: […] }".into(),
        _ => "write the frame's full https:// address, and list its host in site.yaml under markdown: { iframe_hosts: […] }".into(),
    }
}

pub(super) fn removed_hint(tag: &str) -> String {
    match tag {
        "script" | "noscript" | "template" => {
            "script is never published from an article; a site-wide script belongs in the theme".into()
        }
        "style" => "styles belong in the theme's CSS; use class=\"…\" on elements".into(),
        "object" | "embed" | "applet" | "frame" | "frameset" => {
            "embed a video or map with an <iframe> from a host listed in site.yaml under markdown: { iframe_hosts: […] }".into()
        }
        "form" | "button" | "select" | "textarea" | "datalist" => {
            "forms cannot work on a static site; link to the service that handles them".into()
        }
        "svg" | "math" => "publish the drawing as a picture file: ![…](drawing.svg)".into(),
        _ => "see the README on raw HTML in articles".into(),
    }
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_read_as_browsers_read_them() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
        ] {
            assert_eq!(
                forbidden_scheme(bad).as_deref(),
                Some("javascript"),
                "{bad:?}"
            );
        }
        assert_eq!(forbidden_scheme("VBScript:x").as_deref(), Some("vbscript"));
        assert_eq!(
            forbidden_scheme("data:image/png;base64,AA").as_deref(),
            Some("data")
        );
        assert_eq!(forbidden_scheme("C:\\Users\\a.docx").as_deref(), Some("c"));
        for good in [
            "https://example.gov.vn/a",
            "HTTP://x.vn",
            "mailto:a@b.vn",
            "tel:+842363822",
            "../b/index.vi.md",
            "/vi/tin-tuc/",
            "#lich-su",
            "//cdn.example.org/x.js",
            "ảnh đẹp.jpg",
        ] {
            assert_eq!(forbidden_scheme(good), None, "{good:?}");
        }
    }
}
