//! Atom feeds: the newest articles of each language (`/LANG/atom.xml`) and of each
//! section (`/LANG/<section>/atom.xml`). Entry ids are tag URIs built from the source
//! file, so they survive slug and section renames.

use std::borrow::Cow;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::body::Body;
use super::frame::last_change;
use super::{Fingerprints, OutputFile};
use crate::config::{Config, FeedContent};
use crate::content::hash64;
use crate::library::{Library, PageId};
use crate::url::SitePath;

/// Every feed with its fingerprint; a feed whose fingerprint is in `previous` unchanged
/// is not written again (`None`).
pub fn feeds(
    config: &Config,
    library: &Library,
    bodies: &[Arc<Body>],
    epoch: u64,
    previous: &Fingerprints,
) -> Vec<(PathBuf, u64, Option<OutputFile>)> {
    let mut files = Vec::new();
    let mut push = |channel: &Channel| {
        let path = channel.path.output_file();
        let entries = &channel.articles[..channel.articles.len().min(config.feed_limit)];
        let key = hash64(&(
            epoch,
            &channel.title,
            channel.subtitle,
            channel.home_url,
            // An entry shows its translations' addresses too, and linking two files
            // with `translation_key` edits only one of them.
            entries
                .iter()
                .map(|&id| (bodies[id].revision, translations(library, id)))
                .collect::<Vec<_>>(),
        ));
        let file = (previous.get(&path).map(|s| s.key) != Some(key))
            .then(|| feed(config, library, bodies, channel));
        files.push((path, key, file));
    };
    for language in &library.languages {
        let lang = language.code.as_str();
        let site_title = config.language(lang).map_or("", |l| l.title.as_str());
        let subtitle = config.language(lang).and_then(|l| l.description.as_deref());
        push(&Channel {
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
            push(&Channel {
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

/// The feed, written by `quick-xml`, which escapes text and attribute values; writing
/// into memory cannot fail.
fn feed(config: &Config, library: &Library, bodies: &[Arc<Body>], channel: &Channel) -> OutputFile {
    let entries = &channel.articles[..channel.articles.len().min(config.feed_limit)];
    let mut xml = Vec::with_capacity(4096 + entries.len() * 4096);
    write_feed(&mut xml, config, library, bodies, channel, entries)
        .expect("writing XML into memory cannot fail");
    OutputFile::bytes(channel.path.output_file(), xml, None)
}

fn write_feed(
    xml: &mut Vec<u8>,
    config: &Config,
    library: &Library,
    bodies: &[Arc<Body>],
    channel: &Channel,
    entries: &[PageId],
) -> io::Result<()> {
    let base = config.base_path.as_str();
    let self_url = config.absolute(&channel.path.url(base));
    let updated = entries
        .iter()
        .filter_map(|&id| last_change(library, id))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), |d| d.rfc3339());
    let author = config
        .language(channel.lang)
        .map_or("", |l| l.title.as_str());
    let base_url = format!("{}/", config.absolute(base));

    let mut writer = Writer::new_with_indent(xml, b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let root = BytesStart::new("feed").with_attributes([
        ("xmlns", "http://www.w3.org/2005/Atom"),
        ("xml:lang", channel.lang),
        ("xml:base", base_url.as_str()),
    ]);
    writer.write_event(Event::Start(root))?;
    text_element(&mut writer, "title", &channel.title)?;
    if let Some(subtitle) = channel.subtitle {
        text_element(&mut writer, "subtitle", subtitle)?;
    }
    link(&mut writer, "self", "application/atom+xml", None, &self_url)?;
    // The feed's one alternate: the listing it follows, in its own language.
    let home = config.absolute(channel.home_url);
    link(&mut writer, "alternate", "text/html", None, &home)?;
    text_element(&mut writer, "id", &self_url)?;
    text_element(&mut writer, "updated", &updated)?;
    person(&mut writer, "author", author)?;
    text_element(&mut writer, "generator", "mekong")?;
    for &id in entries {
        write_entry(&mut writer, config, library, bodies, id)?;
    }
    writer.write_event(Event::End(BytesEnd::new("feed")))?;
    writer.get_mut().push(b'\n');
    Ok(())
}

fn write_entry(
    writer: &mut Writer<&mut Vec<u8>>,
    config: &Config,
    library: &Library,
    bodies: &[Arc<Body>],
    id: PageId,
) -> io::Result<()> {
    let page = library.page(id);
    let meta = &page.source.meta;
    let published = meta.date.map(|d| d.rfc3339()).unwrap_or_default();
    let updated = last_change(library, id)
        .map(|d| d.rfc3339())
        .unwrap_or_default();
    let day = published.get(..10).unwrap_or("1970-01-01");
    let entry_id = format!(
        "tag:{},{day}:{}/{}",
        authority(config),
        page.lang(),
        crate::url::encode_segment(&page.source.rel).replace("%2F", "/")
    );

    writer.write_event(Event::Start(BytesStart::new("entry")))?;
    text_element(writer, "title", &meta.title)?;
    // Exactly one alternate, the page in the feed's language: readers open the one
    // they find (feedparser the last, others the first), so translations must not be
    // alternates. They stay as `related` links with their language, which readers
    // show at most as extra links.
    link(
        writer,
        "alternate",
        "text/html",
        None,
        &config.absolute(&page.url),
    )?;
    for (lang, url) in translations(library, id) {
        link(
            writer,
            "related",
            "text/html",
            Some(lang),
            &config.absolute(url),
        )?;
    }
    text_element(writer, "id", &entry_id)?;
    text_element(writer, "published", &published)?;
    text_element(writer, "updated", &updated)?;
    if let Some(author) = &meta.author {
        person(writer, "author", author)?;
    }
    for category in meta.categories.iter().chain(&meta.tags) {
        writer
            .create_element("category")
            .with_attribute(("term", &*xml_text(category)))
            .write_empty()?;
    }
    if let Some(summary) = &bodies[id].summary {
        writer
            .create_element("summary")
            .with_attribute(("type", "text"))
            .write_text_content(BytesText::new(&xml_text(summary)))?;
    }
    if config.feed_content == FeedContent::Full {
        writer
            .create_element("content")
            .with_attribute(("type", "html"))
            .write_text_content(BytesText::new(&xml_text(&bodies[id].html)))?;
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
