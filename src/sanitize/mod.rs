//! What editors paste must not carry script: the URL schemes links and pictures may use,
//! and the allow-list sanitizer (ammonia) for raw HTML written inside Markdown, with a
//! warning at file:line:col for everything it takes out. Pure: strings in, strings out.
//!
//! Only the editor's own HTML is sanitized. The Markdown renderer hands over its
//! finished body in which every piece of raw HTML stands as a marker; the rest — the
//! markup mekong made itself (pictures, figures, footnotes, heading ids) — is safe by
//! construction and travels through the sanitizer as opaque placeholders, so that
//! `<div>` … Markdown … `</div>` keeps its shape without mekong's markup being judged.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::config::MarkdownSettings;

/// Schemes a link or picture may use; anything else is refused (relative URLs are fine).
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Elements an article may carry in raw HTML: text structure, tables, figures,
/// disclosure widgets, annotations. `iframe` is allowed only from the configured hosts.
const ALLOWED_TAGS: &[&str] = &[
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
const REMOVED_WITH_CONTENT: &[&str] = &[
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

/// Elements whose content the HTML parser reads as text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
];

/// Stands for a run of mekong's own markup while the editor's HTML is sanitized. The
/// name is reserved: the same element written by an editor is removed first.
const PLACEHOLDER: &str = "mekong-run";
const PLACEHOLDER_ATTRIBUTE: &str = "data-i";

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

    let tokens = scan(&doc.text);
    let mut removals = Vec::new();
    let mut edits: Vec<(std::ops::Range<usize>, &'static str)> = Vec::new();
    // Inside an element removed with its content (a <form>), the one warning for it is
    // enough: (its name, how many of that name are open).
    let mut inside_removed: Option<(&str, usize)> = None;
    for token in &tokens {
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
        let Token::Start(tag) = token else {
            if let Token::End { range, name } = token
                && name == PLACEHOLDER
                && !doc.is_placeholder(range.start)
            {
                edits.push((range.clone(), ""));
            }
            continue;
        };
        if doc.is_placeholder(tag.range.start) {
            continue;
        }
        let mut remove = |message: String, hint: Option<String>| {
            removals.push(Removal {
                source_offset: doc.source_offset(tag.range.start, pieces),
                message,
                hint,
            });
        };
        if tag.name == PLACEHOLDER {
            edits.push((tag.range.clone(), ""));
            remove(format!("removed the tag `<{}>`", tag.name), None);
            continue;
        }
        if REMOVED_WITH_CONTENT.contains(&tag.name.as_str()) {
            if !matches!(tag.name.as_str(), "embed" | "frame") && tag.close.is_none() {
                inside_removed = Some((&tag.name, 1));
            }
            remove(
                format!("removed `<{}>` and everything inside it", tag.name),
                Some(removed_hint(&tag.name)),
            );
            continue;
        }
        if !ALLOWED_TAGS.contains(&tag.name.as_str()) {
            remove(
                format!("removed the tag `<{}>`; the text inside it stays", tag.name),
                Some(
                    "articles may use text, table, figure and details elements; see the README on raw HTML"
                        .into(),
                ),
            );
            continue;
        }
        if tag.name == "iframe" {
            let src = tag.attribute("src").unwrap_or("");
            if !iframe_allowed(src, &settings.iframe_hosts) {
                // The whole frame goes, fallback text included: no empty box is left.
                let end = tag.close.as_ref().map_or(tag.range.end, |close| close.end);
                edits.push((tag.range.start..end, ""));
                remove(
                    format!("removed an `<iframe>` from {}", describe_host(src)),
                    Some(iframe_hint(src)),
                );
                continue;
            }
            if tag.attribute("loading").is_none() {
                let name_end = tag.range.start + "<iframe".len();
                edits.push((name_end..name_end, " loading=\"lazy\""));
            }
            if tag.attribute("title").is_none_or(|t| t.trim().is_empty()) {
                remove(
                    "this `<iframe>` has no title".into(),
                    Some("screen readers announce a frame by its title: add title=\"…\" saying what it shows, e.g. title=\"Bản đồ Mường Nhé\"".into()),
                );
            }
        }
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
                remove(
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
            remove(
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

    let cleaned = builder(settings)
        .clean(&apply(&doc.text, edits))
        .to_string();
    (fill_placeholders(&cleaned, &runs), removals)
}

/// The text given to the sanitizer: the editor's pieces, with a placeholder element
/// for each run of mekong's markup between them, and where each piece landed.
#[derive(Default)]
struct Document {
    text: String,
    /// `(start in text, piece index)`, in text order.
    pieces: Vec<(usize, usize)>,
    /// Each placeholder in text, in text order.
    placeholders: Vec<std::ops::Range<usize>>,
}

impl Document {
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
    fn is_placeholder(&self, offset: usize) -> bool {
        let at = self
            .placeholders
            .partition_point(|range| range.start <= offset);
        at > 0 && self.placeholders[at - 1].contains(&offset)
    }

    /// The Markdown byte offset of `offset` in the text.
    fn source_offset(&self, offset: usize, pieces: &[RawPiece]) -> usize {
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
fn fill_placeholders(cleaned: &str, runs: &[&str]) -> String {
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

fn builder(settings: &MarkdownSettings) -> ammonia::Builder<'static> {
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
    // The scan above already removed frames from other hosts; this is the guarantee
    // in case the HTML parser reads a tag differently: such a frame loses its address.
    builder.attribute_filter(
        move |element, attribute, value| match (element, attribute) {
            ("iframe", "src") if !iframe_allowed(value, &hosts) => None,
            _ => Some(value.into()),
        },
    );
    builder
}

fn attribute_allowed(tag: &str, attribute: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&attribute)
        || TAG_ATTRIBUTES
            .iter()
            .any(|&(t, attributes)| t == tag && attributes.contains(&attribute))
}

/// Attributes whose value the sanitizer reads as an address (as ammonia does).
fn is_url_attribute(attribute: &str) -> bool {
    matches!(attribute, "href" | "src")
}

/// Whether the sanitizer keeps an address: an allowed scheme, or relative.
fn url_allowed(value: &str) -> bool {
    match ::url::Url::parse(value) {
        Ok(parsed) => ALLOWED_SCHEMES.contains(&parsed.scheme()),
        Err(::url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// An `<iframe src>` the site allows: https, from one of the configured hosts.
fn iframe_allowed(src: &str, hosts: &[String]) -> bool {
    ::url::Url::parse(src).is_ok_and(|url| {
        url.scheme() == "https"
            && url
                .host_str()
                .is_some_and(|host| hosts.iter().any(|h| h == host))
    })
}

fn describe_host(src: &str) -> String {
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

fn iframe_hint(src: &str) -> String {
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

fn removed_hint(tag: &str) -> String {
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

/// Applies non-overlapping `(range, replacement)` edits; ranges inside an earlier
/// removed range are skipped.
fn apply(text: &str, mut edits: Vec<(std::ops::Range<usize>, &str)>) -> String {
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

/// A tag as the HTML tokenizer reads it, for reporting and for the edits made before
/// sanitizing. The sanitizer parses again on its own: this only has to agree with it
/// about where tags are, and the allow-list decides the same way in both.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Start(StartTag),
    End {
        range: std::ops::Range<usize>,
        name: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct StartTag {
    range: std::ops::Range<usize>,
    /// Lower-case.
    name: String,
    /// Lower-case names, values with character references decoded; the first of
    /// duplicate names wins, as in browsers.
    attributes: Vec<Attribute>,
    /// The end tag of a raw-text element (`</iframe>`), when there is one.
    close: Option<std::ops::Range<usize>>,
}

impl StartTag {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Attribute {
    name: String,
    value: String,
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The tags of `text`, following the HTML tokenizer's states for tags, attributes,
/// comments and raw text.
fn scan(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(found) = text[i..].find('<') {
        let lt = i + found;
        let next = bytes.get(lt + 1).copied();
        i = match next {
            Some(c) if c.is_ascii_alphabetic() => match read_tag(text, lt + 1) {
                Some((name, attributes, end)) => {
                    let mut tag = StartTag {
                        range: lt..end,
                        name,
                        attributes,
                        close: None,
                    };
                    let mut resume = end;
                    if RAW_TEXT.contains(&tag.name.as_str()) {
                        match closing_tag(text, end, &tag.name) {
                            Some(close) => {
                                resume = close.end;
                                tag.close = Some(close);
                            }
                            None => resume = text.len(),
                        }
                    }
                    tokens.push(Token::Start(tag));
                    resume
                }
                None => text.len(),
            },
            Some(b'/') => match bytes.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => match read_tag(text, lt + 2) {
                    Some((name, _, end)) => {
                        tokens.push(Token::End {
                            range: lt..end,
                            name,
                        });
                        end
                    }
                    None => text.len(),
                },
                Some(b'>') => lt + 3,
                _ => bogus_comment_end(text, lt + 2),
            },
            Some(b'!') if text[lt..].starts_with("<!--") => comment_end(text, lt + 4),
            Some(b'!' | b'?') => bogus_comment_end(text, lt + 2),
            _ => lt + 1,
        };
    }
    tokens
}

/// Reads a tag name and its attributes from `start` (just after `<` or `</`); returns
/// the name, the attributes and the offset after `>`, or `None` when the text ends
/// inside the tag (the tokenizer then drops it).
fn read_tag(text: &str, start: usize) -> Option<(String, Vec<Attribute>, usize)> {
    let bytes = text.as_bytes();
    let mut j = start;
    while j < bytes.len() && !is_space(bytes[j]) && bytes[j] != b'/' && bytes[j] != b'>' {
        j += 1;
    }
    let name = text[start..j].to_ascii_lowercase();
    let mut attributes: Vec<Attribute> = Vec::new();
    loop {
        while j < bytes.len() && (is_space(bytes[j]) || bytes[j] == b'/') {
            j += 1;
        }
        match bytes.get(j) {
            None => return None,
            Some(b'>') => return Some((name, attributes, j + 1)),
            Some(_) => {}
        }
        let name_start = j;
        j += 1;
        while j < bytes.len() && !is_space(bytes[j]) && !matches!(bytes[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let attribute_name = text[name_start..j].to_ascii_lowercase();
        let mut k = j;
        while k < bytes.len() && is_space(bytes[k]) {
            k += 1;
        }
        let mut value = "";
        if bytes.get(k) == Some(&b'=') {
            k += 1;
            while k < bytes.len() && is_space(bytes[k]) {
                k += 1;
            }
            match bytes.get(k) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = text[k + 1..].find(quote as char)? + k + 1;
                    value = &text[k + 1..end];
                    k = end + 1;
                }
                _ => {
                    let end = text[k..]
                        .find(|c: char| c.is_ascii() && (is_space(c as u8) || c == '>'))
                        .map_or(text.len(), |e| k + e);
                    value = &text[k..end];
                    k = end;
                }
            }
            j = k;
        }
        if !attributes.iter().any(|a| a.name == attribute_name) {
            attributes.push(Attribute {
                name: attribute_name,
                value: decode_references(value).into_owned(),
            });
        }
    }
}

/// The end tag that closes raw-text element `name` whose content starts at `from`.
fn closing_tag(text: &str, from: usize, name: &str) -> Option<std::ops::Range<usize>> {
    if name == "plaintext" {
        return None;
    }
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(found) = text[at..].find("</") {
        let start = at + found;
        let name_end = start + 2 + name.len();
        if text
            .get(start + 2..name_end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && bytes
                .get(name_end)
                .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
        {
            let end = text[name_end..]
                .find('>')
                .map_or(text.len(), |e| name_end + e + 1);
            return Some(start..end);
        }
        at = start + 2;
    }
    None
}

fn comment_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    if rest.starts_with('>') {
        return from + 1;
    }
    if rest.starts_with("->") {
        return from + 2;
    }
    let ends = [
        rest.find("-->").map(|e| e + 3),
        rest.find("--!>").map(|e| e + 4),
    ];
    ends.into_iter()
        .flatten()
        .min()
        .map_or(text.len(), |e| from + e)
}

fn bogus_comment_end(text: &str, from: usize) -> usize {
    text[from..].find('>').map_or(text.len(), |e| from + e + 1)
}

/// Decodes numeric character references and the named ones that stand for ASCII
/// punctuation or white space — enough to read a URL's scheme as a browser does
/// (other named references never spell scheme characters).
fn decode_references(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (decoded, used) = reference(after);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference after `&` stands for, and how many bytes it took.
fn reference(after: &str) -> (Option<char>, usize) {
    if let Some(number) = after.strip_prefix('#') {
        let (hex, digits) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (true, hex),
            None => (false, number),
        };
        let len = digits
            .bytes()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if len == 0 {
            return (None, 0);
        }
        let code =
            u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).unwrap_or(0x110000);
        let c = match code {
            0 => '\u{FFFD}',
            _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
        };
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return (Some(c), 1 + usize::from(hex) + len + semicolon);
    }
    const NAMED: &[(&str, char)] = &[
        ("Tab;", '\t'),
        ("NewLine;", '\n'),
        ("excl;", '!'),
        ("quot;", '"'),
        ("quot", '"'),
        ("num;", '#'),
        ("dollar;", '$'),
        ("percnt;", '%'),
        ("amp;", '&'),
        ("amp", '&'),
        ("apos;", '\''),
        ("lpar;", '('),
        ("rpar;", ')'),
        ("ast;", '*'),
        ("plus;", '+'),
        ("comma;", ','),
        ("period;", '.'),
        ("sol;", '/'),
        ("colon;", ':'),
        ("semi;", ';'),
        ("lt;", '<'),
        ("lt", '<'),
        ("equals;", '='),
        ("gt;", '>'),
        ("gt", '>'),
        ("quest;", '?'),
        ("commat;", '@'),
        ("lsqb;", '['),
        ("bsol;", '\\'),
        ("rsqb;", ']'),
        ("Hat;", '^'),
        ("lowbar;", '_'),
        ("grave;", '`'),
        ("lcub;", '{'),
        ("verbar;", '|'),
        ("rcub;", '}'),
        ("nbsp;", '\u{A0}'),
    ];
    NAMED
        .iter()
        .find(|(name, _)| after.starts_with(name))
        .map_or((None, 0), |&(name, c)| (Some(c), name.len()))
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

    #[test]
    fn scanner_reads_attributes_like_the_tokenizer() {
        let tokens = scan(
            "<a HREF = 'x y' title=a&amp;b href=2 disabled/><!-- <b> --><script>if (a<b) {}</script></A>",
        );
        let Token::Start(a) = &tokens[0] else {
            panic!()
        };
        assert_eq!(a.name, "a");
        assert_eq!(a.attribute("href"), Some("x y"));
        assert_eq!(a.attribute("title"), Some("a&b"));
        assert_eq!(a.attribute("disabled"), Some(""));
        let Token::Start(script) = &tokens[1] else {
            panic!()
        };
        assert_eq!(script.name, "script");
        assert!(script.close.is_some());
        assert!(matches!(&tokens[2], Token::End { name, .. } if name == "a"));
        assert_eq!(tokens.len(), 3);
    }
}
