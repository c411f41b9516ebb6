//! Atom feeds: the newest articles of each language (`/LANG/atom.xml`) and of each
//! section (`/LANG/<section>/atom.xml`). Entry ids are tag URIs built from the source
//! file, so they survive slug and section renames.

use std::sync::Arc;

use std::fmt::Write;

use std::path::PathBuf;

use super::body::Body;
use super::frame::last_change;
use super::{Fingerprints, OutputFile};
use crate::config::{Config, FeedContent};
use crate::content::hash64;
use crate::library::{Library, PageId};
use crate::text::escape;
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
            entries
                .iter()
                .map(|&id| bodies[id].revision)
                .collect::<Vec<_>>(),
        ));
        let file =
            (previous.get(&path) != Some(&key)).then(|| feed(config, library, bodies, channel));
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
            path: language.home_path.join_file("atom.xml"),
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
                path: version.path.join_file("atom.xml"),
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

fn feed(config: &Config, library: &Library, bodies: &[Arc<Body>], channel: &Channel) -> OutputFile {
    let base = config.base_path.as_str();
    let entries = &channel.articles[..channel.articles.len().min(config.feed_limit)];
    let self_url = config.absolute(&channel.path.url(base));
    let updated = entries
        .iter()
        .filter_map(|&id| last_change(library, id))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), |d| d.rfc3339());
    let mut xml = String::with_capacity(4096 + entries.len() * 4096);
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\" xml:base=\"{base_url}/\">\n<title>{title}</title>\n",
        lang = escape(channel.lang),
        base_url = escape(&config.absolute(base)),
        title = escape(&channel.title),
    );
    if let Some(subtitle) = channel.subtitle {
        let _ = writeln!(xml, "<subtitle>{}</subtitle>", escape(subtitle));
    }
    let _ = write!(
        xml,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n<id>{self_url}</id>\n<updated>{updated}</updated>\n<author><name>{author}</name></author>\n<generator>mekong</generator>\n",
        self_url = escape(&self_url),
        home = escape(&config.absolute(channel.home_url)),
        author = escape(
            config
                .language(channel.lang)
                .map_or("", |l| l.title.as_str())
        ),
    );
    for &id in entries {
        entry(&mut xml, config, library, bodies, id);
    }
    xml.push_str("</feed>\n");
    OutputFile::bytes(channel.path.output_file(), xml.into_bytes(), None)
}

fn entry(xml: &mut String, config: &Config, library: &Library, bodies: &[Arc<Body>], id: PageId) {
    let page = library.page(id);
    let meta = &page.source.meta;
    let published = meta.date.map(|d| d.rfc3339()).unwrap_or_default();
    let updated = last_change(library, id)
        .map(|d| d.rfc3339())
        .unwrap_or_default();
    let day = published.get(..10).unwrap_or("1970-01-01");
    let _ = write!(
        xml,
        "<entry>\n<title>{title}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n",
        title = escape(&meta.title),
        url = escape(&config.absolute(&page.url)),
    );
    for &other in library.translations(id) {
        if other != id {
            let translation = library.page(other);
            let _ = writeln!(
                xml,
                "<link rel=\"alternate\" type=\"text/html\" hreflang=\"{}\" href=\"{}\"/>",
                escape(translation.lang()),
                escape(&config.absolute(&translation.url))
            );
        }
    }
    let _ = write!(
        xml,
        "<id>tag:{authority},{day}:{lang}/{rel}</id>\n<published>{published}</published>\n<updated>{updated}</updated>\n",
        authority = escape(authority(config)),
        lang = escape(page.lang()),
        rel = escape(&crate::url::encode_segment(&page.source.rel).replace("%2F", "/")),
    );
    if let Some(author) = &meta.author {
        let _ = writeln!(xml, "<author><name>{}</name></author>", escape(author));
    }
    for category in meta.categories.iter().chain(&meta.tags) {
        let _ = writeln!(xml, "<category term=\"{}\"/>", escape(category));
    }
    if let Some(summary) = &bodies[id].summary {
        let _ = writeln!(xml, "<summary type=\"text\">{}</summary>", escape(summary));
    }
    if config.feed_content == FeedContent::Full {
        let _ = writeln!(
            xml,
            "<content type=\"html\">{}</content>",
            escape(&bodies[id].html)
        );
    }
    xml.push_str("</entry>\n");
}
