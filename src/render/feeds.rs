//! Atom feeds: the newest articles of each language (`/LANG/atom.xml`) and of each
//! section (`/LANG/<section>/atom.xml`). Entry ids are tag URIs built from the source
//! file, so they survive slug and section renames.

use std::borrow::Cow;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::Serialize;

use super::body::Body;
use super::frame::last_change;
use super::{Fingerprints, OutputFile, fingerprint};
use crate::config::{Config, FeedContent};
use crate::library::{Library, PageId};
use crate::url::SitePath;

/// Every feed with its fingerprint; a feed whose fingerprint is in `previous` unchanged
/// is not written again (`None`). The fingerprint is a hash of the feed's view, the
/// only thing the feed is written from.
pub fn feeds(
    config: &Config,
    library: &Library,
    bodies: &[Arc<Body>],
    epoch: u64,
    previous: &Fingerprints,
) -> Vec<(PathBuf, u64, Option<OutputFile>)> {
    let mut files = Vec::new();
    let mut push = |channel: Channel| {
        let view = feed_view(config, library, bodies, &channel);
        let path = channel.path.output_file();
        let key = fingerprint::of(&view, "atom.xml", epoch);
        let file = (previous.get(&path).map(|s| s.key) != Some(key)).then(|| {
            let mut xml = Vec::with_capacity(4096 + view.entries.len() * 4096);
            write_feed(&mut xml, &view).expect("writing XML into memory cannot fail");
            OutputFile::bytes(path.clone(), xml, None)
        });
        files.push((path, key, file));
    };
    for language in &library.languages {
        let lang = language.code.as_str();
        let site_title = config.language(lang).map_or("", |l| l.title.as_str());
        let subtitle = config.language(lang).and_then(|l| l.description.as_deref());
        push(Channel {
            lang,
            title: site_title.to_string(),
            subtitle,
            home_url: &language.home_url,
            path: crate::plan::addresses::feed_path(&language.home_path),
            articles: &language.articles,
        });
        for &section in &language.sections {
            let version = library.sections[section]
                .version(lang)
                .expect("listed sections exist in their language");
            push(Channel {
                lang,
                title: format!("{} | {site_title}", version.title),
                subtitle,
                home_url: &version.url,
                path: crate::plan::addresses::feed_path(&version.path),
                articles: &version.articles,
            });
        }
    }
    files
}

struct Channel<'a> {
    lang: &'a str,
    title: String,
    subtitle: Option<&'a str>,
    home_url: &'a str,
    path: SitePath,
    /// Newest first.
    articles: &'a [PageId],
}

/// A feed as it is written: every value its XML shows.
#[derive(Serialize)]
struct FeedView<'a> {
    lang: &'a str,
    title: String,
    subtitle: Option<&'a str>,
    /// `xml:base`: the site's root.
    base_url: String,
    /// The feed's own address, also its id.
    self_url: String,
    /// The listing it follows.
    home: String,
    updated: String,
    author: &'a str,
    entries: Vec<EntryView<'a>>,
}

#[derive(Serialize)]
struct EntryView<'a> {
    title: &'a str,
    /// The page in the feed's language.
    alternate: String,
    /// Its translations: (language, address).
    related: Vec<(&'a str, String)>,
    id: String,
    published: String,
    updated: String,
    author: Option<&'a str>,
    categories: Vec<&'a str>,
    summary: Option<&'a str>,
    /// The body, when feeds carry it (`feed_content: full`).
    content: Option<&'a str>,
}

fn feed_view<'a>(
    config: &'a Config,
    library: &'a Library,
    bodies: &'a [Arc<Body>],
    channel: &Channel<'a>,
) -> FeedView<'a> {
    let base = config.base_path.as_str();
    let entries = &channel.articles[..channel.articles.len().min(config.feed_limit)];
    let self_url = config.absolute(&channel.path.url(base));
    FeedView {
        lang: channel.lang,
        title: channel.title.clone(),
        subtitle: channel.subtitle,
        base_url: format!("{}/", config.absolute(base)),
        home: config.absolute(channel.home_url),
        updated: entries
            .iter()
            .filter_map(|&id| last_change(library, id))
            .max()
            .map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), |d| d.rfc3339()),
        author: config
            .language(channel.lang)
            .map_or("", |l| l.title.as_str()),
        entries: entries
            .iter()
            .map(|&id| entry_view(config, library, &bodies[id], id))
            .collect(),
        self_url,
    }
}

fn entry_view<'a>(
    config: &'a Config,
    library: &'a Library,
    body: &'a Body,
    id: PageId,
) -> EntryView<'a> {
    let page = library.page(id);
    let meta = &page.source.meta;
    let published = meta.date.map(|d| d.rfc3339()).unwrap_or_default();
    let day = published.get(..10).unwrap_or("1970-01-01");
    EntryView {
        title: &meta.title,
        alternate: config.absolute(&page.url),
        related: translations(library, id)
            .into_iter()
            .map(|(lang, url)| (lang, config.absolute(url)))
            .collect(),
        id: format!(
            "tag:{},{day}:{}/{}",
            authority(config),
            page.lang(),
            crate::url::encode_segment(&page.source.rel).replace("%2F", "/")
        ),
        updated: last_change(library, id)
            .map(|d| d.rfc3339())
            .unwrap_or_default(),
        published,
        author: meta.author.as_deref(),
        categories: meta
            .categories
            .iter()
            .chain(&meta.tags)
            .map(String::as_str)
            .collect(),
        summary: body.summary.as_deref(),
        content: (config.feed_content == FeedContent::Full).then_some(body.html.as_str()),
    }
}

/// A host name for tag URIs: `example.gov.vn` from the base URL.
fn authority(config: &Config) -> &str {
    let rest = config
        .base_url
        .split_once("://")
        .map_or(config.base_url.as_str(), |(_, rest)| rest);
    rest.split(['/', ':']).next().unwrap_or(rest)
}

/// The other language versions of an entry: (language, root-relative address).
fn translations(library: &Library, id: PageId) -> Vec<(&str, &str)> {
    library
        .translations(id)
        .iter()
        .filter(|&&other| other != id)
        .map(|&other| {
            let page = library.page(other);
            (page.lang(), page.url.as_str())
        })
        .collect()
}

/// Text as XML 1.0 can carry it. Its `Char` production has no place for the C0 controls
/// other than tab, line feed and carriage return, nor for U+FFFE and U+FFFF, not even as
/// character references: one of them (pasted from a CMS export, or written as `"\x01"`
/// in YAML) would make the whole feed unreadable to a strict parser. They carry no
/// meaning a reader could see, so they are dropped.
fn xml_text(text: &str) -> Cow<'_, str> {
    fn forbidden(c: char) -> bool {
        matches!(c, '\0'..='\x08' | '\x0B' | '\x0C' | '\x0E'..='\x1F' | '\u{FFFE}' | '\u{FFFF}')
    }
    if text.contains(forbidden) {
        Cow::Owned(text.chars().filter(|&c| !forbidden(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// The feed, written by `quick-xml`, which escapes text and attribute values.
fn write_feed(xml: &mut Vec<u8>, view: &FeedView) -> io::Result<()> {
    let mut writer = Writer::new_with_indent(xml, b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let root = BytesStart::new("feed").with_attributes([
        ("xmlns", "http://www.w3.org/2005/Atom"),
        ("xml:lang", view.lang),
        ("xml:base", view.base_url.as_str()),
    ]);
    writer.write_event(Event::Start(root))?;
    text_element(&mut writer, "title", &view.title)?;
    if let Some(subtitle) = view.subtitle {
        text_element(&mut writer, "subtitle", subtitle)?;
    }
    link(
        &mut writer,
        "self",
        "application/atom+xml",
        None,
        &view.self_url,
    )?;
    // The feed's one alternate: the listing it follows, in its own language.
    link(&mut writer, "alternate", "text/html", None, &view.home)?;
    text_element(&mut writer, "id", &view.self_url)?;
    text_element(&mut writer, "updated", &view.updated)?;
    person(&mut writer, "author", view.author)?;
    text_element(&mut writer, "generator", "mekong")?;
    for entry in &view.entries {
        write_entry(&mut writer, entry)?;
    }
    writer.write_event(Event::End(BytesEnd::new("feed")))?;
    writer.get_mut().push(b'\n');
    Ok(())
}

fn write_entry(writer: &mut Writer<&mut Vec<u8>>, entry: &EntryView) -> io::Result<()> {
    writer.write_event(Event::Start(BytesStart::new("entry")))?;
    text_element(writer, "title", entry.title)?;
    // Exactly one alternate, the page in the feed's language: readers open the one
    // they find (feedparser the last, others the first), so translations must not be
    // alternates. They stay as `related` links with their language, which readers
    // show at most as extra links.
    link(writer, "alternate", "text/html", None, &entry.alternate)?;
    for (lang, url) in &entry.related {
        link(writer, "related", "text/html", Some(lang), url)?;
    }
    text_element(writer, "id", &entry.id)?;
    text_element(writer, "published", &entry.published)?;
    text_element(writer, "updated", &entry.updated)?;
    if let Some(author) = entry.author {
        person(writer, "author", author)?;
    }
    for category in &entry.categories {
        writer
            .create_element("category")
            .with_attribute(("term", &*xml_text(category)))
            .write_empty()?;
    }
    if let Some(summary) = entry.summary {
        writer
            .create_element("summary")
            .with_attribute(("type", "text"))
            .write_text_content(BytesText::new(&xml_text(summary)))?;
    }
    if let Some(content) = entry.content {
        writer
            .create_element("content")
            .with_attribute(("type", "html"))
            .write_text_content(BytesText::new(&xml_text(content)))?;
    }
    writer.write_event(Event::End(BytesEnd::new("entry")))
}

/// `<name>text</name>`.
fn text_element(writer: &mut Writer<&mut Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    writer
        .create_element(name)
        .write_text_content(BytesText::new(&xml_text(text)))?;
    Ok(())
}

/// An Atom person construct: `<author><name>…</name></author>`.
fn person(writer: &mut Writer<&mut Vec<u8>>, role: &str, name: &str) -> io::Result<()> {
    writer
        .create_element(role)
        .write_inner_content(|writer| text_element(writer, "name", name))?;
    Ok(())
}

/// `<link rel=… type=… hreflang=… href=…/>`; `href` is an encoded absolute address.
fn link(
    writer: &mut Writer<&mut Vec<u8>>,
    rel: &str,
    media_type: &str,
    hreflang: Option<&str>,
    href: &str,
) -> io::Result<()> {
    let mut element = writer
        .create_element("link")
        .with_attribute(("rel", rel))
        .with_attribute(("type", media_type));
    if let Some(lang) = hreflang {
        element = element.with_attribute(("hreflang", lang));
    }
    element.with_attribute(("href", href)).write_empty()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_forbids_are_dropped_and_the_rest_kept() {
        assert!(matches!(xml_text("Tin tức <&> ]]>"), Cow::Borrowed(_)));
        assert_eq!(
            xml_text("a\u{1}b\u{8}c\u{B}\u{C}d\u{1F}e\u{FFFE}\u{FFFF}f\0"),
            "abcdef"
        );
        assert_eq!(
            xml_text("tab\tline\ncr\r\u{85}ຂ່າວ"),
            "tab\tline\ncr\r\u{85}ຂ່າວ"
        );
    }
}
