//! Sitemaps with hreflang alternates: an index at the root naming one sitemap per
//! language, split into numbered parts past 50,000 URLs or 50 MB; and robots.txt.

use std::hash::{Hash, Hasher};
use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use serde::Serialize;

use super::frame::Frame;
use super::{OutputFile, fingerprint};
use crate::config::Config;
use crate::content::PageDate;
use crate::url::SitePath;

/// The sitemaps.org limits for one file.
const MAX_URLS: usize = 50_000;
const MAX_BYTES: usize = 50 * 1024 * 1024;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// Everything here is written by `quick-xml`, which escapes attribute values and text
/// (addresses may hold `&` or `'`); writing into memory cannot fail.
const IN_MEMORY: &str = "writing XML into memory cannot fail";

/// The XML declaration and the opening tag of a document whose root is `root`.
fn head(root: &str, namespaces: &[(&str, &str)]) -> Vec<u8> {
    let mut xml = Vec::new();
    let mut writer = Writer::new(&mut xml);
    let declaration = BytesDecl::new("1.0", Some("UTF-8"), None);
    writer
        .write_event(Event::Decl(declaration))
        .expect(IN_MEMORY);
    writer.get_mut().push(b'\n');
    let start = BytesStart::new(root).with_attributes(namespaces.iter().copied());
    writer.write_event(Event::Start(start)).expect(IN_MEMORY);
    writer.get_mut().push(b'\n');
    xml
}

/// The closing tag of the document whose root is `root`.
fn tail(root: &str) -> Vec<u8> {
    let mut xml = Vec::new();
    Writer::new(&mut xml)
        .write_event(Event::End(BytesEnd::new(root)))
        .expect(IN_MEMORY);
    xml.push(b'\n');
    xml
}

/// One page as sitemaps show it: every value its `<url>` holds.
#[derive(Serialize)]
pub struct UrlView {
    lang: String,
    loc: String,
    lastmod: Option<String>,
    /// (hreflang, address), `x-default` last.
    alternates: Vec<(String, String)>,
    /// For the part's `<lastmod>` in the index (its text is in `lastmod`).
    #[serde(skip)]
    date: Option<PageDate>,
}

/// The page of `frame` as sitemaps show it, dated `fallback` when it has no date.
fn url_view(config: &Config, frame: &Frame, fallback: Option<PageDate>) -> UrlView {
    let date = frame.lastmod.or(fallback);
    let mut alternates: Vec<(String, String)> = frame
        .versions
        .iter()
        .map(|version| (version.lang.clone(), config.absolute(&version.url)))
        .collect();
    if let Some(x_default) = frame.x_default(config) {
        alternates.push(("x-default".into(), config.absolute(&x_default)));
    }
    UrlView {
        lang: frame.lang.clone(),
        loc: config.absolute(&frame.path.url(&config.base_path)),
        lastmod: date.map(|d| d.rfc3339()),
        alternates,
        date,
    }
}

/// What of a frame sitemaps show, as a hash: when no page's changes, the sitemaps stay.
pub fn part(config: &Config, frame: &Frame) -> u64 {
    if !frame.in_sitemap() {
        return 0;
    }
    fingerprint::hash_serialized(&url_view(config, frame, None))
}

/// One `<url>` on its own line. It holds only addresses (percent-encoded, so free of
/// the control characters XML forbids) and dates, never an editor's text.
fn write_url(xml: &mut Vec<u8>, url: &UrlView) -> io::Result<()> {
    let mut writer = Writer::new(&mut *xml);
    writer.create_element("url").write_inner_content(|writer| {
        writer
            .create_element("loc")
            .write_text_content(BytesText::new(&url.loc))?;
        if let Some(lastmod) = &url.lastmod {
            writer
                .create_element("lastmod")
                .write_text_content(BytesText::new(lastmod))?;
        }
        for (hreflang, href) in &url.alternates {
            alternate(writer, hreflang, href)?;
        }
        Ok(())
    })?;
    xml.push(b'\n');
    Ok(())
}

/// `<xhtml:link rel="alternate" hreflang=… href=…/>`.
fn alternate(writer: &mut Writer<&mut Vec<u8>>, hreflang: &str, href: &str) -> io::Result<()> {
    writer
        .create_element("xhtml:link")
        .with_attribute(("rel", "alternate"))
        .with_attribute(("hreflang", hreflang))
        .with_attribute(("href", href))
        .write_empty()?;
    Ok(())
}

/// One sitemap part of a language, before it is named.
struct Part {
    xml: Vec<u8>,
    urls: usize,
    lastmod: Option<PageDate>,
}

/// Splits a language's `<url>` entries into parts within the limits, each a whole
/// `<urlset>` document. Each entry is written once into a scratch buffer, then
/// appended to the part it fits in.
struct Parts {
    head: Vec<u8>,
    tail: Vec<u8>,
    max_urls: usize,
    max_bytes: usize,
    parts: Vec<Part>,
}

impl Parts {
    fn new(max_urls: usize, max_bytes: usize) -> Parts {
        Parts {
            head: head(
                "urlset",
                &[("xmlns", SITEMAP_NS), ("xmlns:xhtml", XHTML_NS)],
            ),
            tail: tail("urlset"),
            max_urls,
            max_bytes,
            parts: Vec::new(),
        }
    }

    fn push(&mut self, entry: &[u8], lastmod: Option<PageDate>) {
        let fits = self.parts.last().is_some_and(|part| {
            part.urls < self.max_urls
                && part.xml.len() + entry.len() + self.tail.len() <= self.max_bytes
        });
        if !fits {
            self.parts.push(Part {
                xml: self.head.clone(),
                urls: 0,
                lastmod: None,
            });
        }
        let part = self.parts.last_mut().expect("a part was just ensured");
        part.xml.extend_from_slice(entry);
        part.urls += 1;
        if lastmod > part.lastmod {
            part.lastmod = lastmod;
        }
    }

    fn finish(self) -> Vec<Part> {
        let mut parts = self.parts;
        for part in &mut parts {
            part.xml.extend_from_slice(&self.tail);
        }
        parts
    }
}

/// The sitemaps' key — a hash of every page's [`UrlView`] in the order they are written,
/// with the settings `epoch` — and the sitemaps themselves unless `previous` is that key.
/// Each view is made, hashed and written in turn, never all held at once (a 10,000-article
/// site has some 45,000); when a previous key is known they are hashed first, and written
/// in a second pass only if it changed.
pub fn sitemaps(
    config: &Config,
    frames: &[Frame],
    epoch: u64,
    previous: Option<u64>,
) -> (u64, Option<Vec<OutputFile>>) {
    let limits = Some((MAX_URLS, MAX_BYTES));
    let (key, files) = match previous {
        None => walk(config, frames, epoch, limits),
        Some(previous) => match walk(config, frames, epoch, None) {
            (key, _) if key == previous => (key, None),
            _ => walk(config, frames, epoch, limits),
        },
    };
    (key, files.map(|files| files.expect(IN_MEMORY)))
}

/// Hashes the view of every page the sitemaps list and, given `limits` (URLs and bytes
/// per file), writes the sitemaps of each language and the index naming them.
fn walk(
    config: &Config,
    frames: &[Frame],
    epoch: u64,
    limits: Option<(usize, usize)>,
) -> (u64, Option<io::Result<Vec<OutputFile>>>) {
    let mut hasher = fingerprint::hasher();
    epoch.hash(&mut hasher);
    "sitemap.xml".hash(&mut hasher);
    // A listing with nothing to show yet changed, at the latest, with the site.
    let newest = frames.iter().filter_map(|f| f.lastmod).max();
    let mut writing = limits.map(|_| Index::new());
    let mut entry = Vec::with_capacity(1024);
    for language in &config.languages {
        let lang = language.code.as_str();
        let mut parts = limits.map(|(urls, bytes)| Parts::new(urls, bytes));
        let listed = frames
            .iter()
            .filter(|frame| frame.lang == lang && frame.in_sitemap());
        for frame in listed {
            let url = url_view(config, frame, newest);
            fingerprint::hash_into(&url, &mut hasher);
            if let Some(parts) = &mut parts {
                entry.clear();
                write_url(&mut entry, &url).expect(IN_MEMORY);
                parts.push(&entry, url.date);
            }
        }
        if let (Some(index), Some(parts)) = (&mut writing, parts) {
            index.add(config, lang, parts.finish());
        }
    }
    (hasher.finish(), writing.map(|index| index.finish()))
}

/// The sitemap index being written, and the language sitemaps it names.
struct Index {
    xml: Vec<u8>,
    files: Vec<OutputFile>,
}

impl Index {
    fn new() -> Index {
        Index {
            xml: head("sitemapindex", &[("xmlns", SITEMAP_NS)]),
            files: Vec::new(),
        }
    }

    /// Names a language's parts: `sitemap.xml` alone, `sitemap-N.xml` when split.
    fn add(&mut self, config: &Config, lang: &str, parts: Vec<Part>) {
        let count = parts.len();
        for (number, part) in parts.into_iter().enumerate() {
            let name = if count == 1 {
                "sitemap.xml".to_string()
            } else {
                format!("sitemap-{}.xml", number + 1)
            };
            let path = SitePath::file([lang.to_string(), name]);
            let loc = config.absolute(&path.url(&config.base_path));
            let lastmod = part.lastmod.map(|date| date.rfc3339());
            self.entry(&loc, lastmod.as_deref()).expect(IN_MEMORY);
            self.files
                .push(OutputFile::bytes(path.output_file(), part.xml, None));
        }
    }

    fn entry(&mut self, loc: &str, lastmod: Option<&str>) -> io::Result<()> {
        let mut writer = Writer::new(&mut self.xml);
        writer
            .create_element("sitemap")
            .write_inner_content(|writer| {
                writer
                    .create_element("loc")
                    .write_text_content(BytesText::new(loc))?;
                if let Some(lastmod) = lastmod {
                    writer
                        .create_element("lastmod")
                        .write_text_content(BytesText::new(lastmod))?;
                }
                Ok(())
            })?;
        self.xml.push(b'\n');
        Ok(())
    }

    fn finish(mut self) -> io::Result<Vec<OutputFile>> {
        self.xml.extend_from_slice(&tail("sitemapindex"));
        self.files
            .push(OutputFile::bytes("sitemap.xml".into(), self.xml, None));
        Ok(self.files)
    }
}

/// Whether an output file is one of the sitemaps (index or part).
pub fn is_sitemap(path: &std::path::Path) -> bool {
    path.components().count() <= 2
        && path.file_name().is_some_and(|name| {
            let name = name.to_string_lossy();
            name.starts_with("sitemap") && name.ends_with(".xml")
        })
}

/// robots.txt naming the sitemap index; a site's own `static/robots.txt` replaces it.
pub fn robots(config: &Config) -> OutputFile {
    let sitemap = config.absolute(&SitePath::file(["sitemap.xml"]).url(&config.base_path));
    OutputFile::bytes(
        "robots.txt".into(),
        format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n").into_bytes(),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(parts: &mut Parts, count: usize) {
        for i in 0..count {
            parts.push(format!("<url><loc>{i}</loc></url>\n").as_bytes(), None);
        }
    }

    #[test]
    fn parts_respect_both_limits() {
        let mut by_count = Parts::new(2, MAX_BYTES);
        entries(&mut by_count, 5);
        let split = by_count.finish();
        assert_eq!(split.iter().map(|p| p.urls).collect::<Vec<_>>(), [2, 2, 1]);

        let probe = Parts::new(100, MAX_BYTES);
        let small = probe.head.len() + probe.tail.len() + 2 * 27;
        let mut by_size = Parts::new(100, small);
        entries(&mut by_size, 4);
        let tail = by_size.tail.clone();
        let split = by_size.finish();
        assert_eq!(split.iter().map(|p| p.urls).collect::<Vec<_>>(), [2, 2]);
        assert!(
            split
                .iter()
                .all(|p| p.xml.len() <= small && p.xml.ends_with(&tail))
        );
    }

    #[test]
    fn documents_open_with_the_declaration_and_namespaces() {
        let parts = Parts::new(1, MAX_BYTES);
        assert_eq!(
            String::from_utf8(parts.head).expect("UTF-8"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        );
        assert_eq!(parts.tail, b"</urlset>\n");
    }
}

#[cfg(test)]
/// How long writing large sitemaps takes, to compare versions of this file.
mod timing {
    use super::*;
    use crate::render::frame::{Kind, Version};

    /// 50,000 trilingual pages, so one full sitemap per language (150,000 URLs), on
    /// Linux; run with `cargo test --lib sitemap_timing -- --ignored --nocapture`.
    #[test]
    #[ignore = "timing, not a check"]
    fn sitemap_timing() {
        let config = Config::parse(
            "base_url: https://example.gov.vn\ndefault_language: vi\nlanguages:\n  vi: { name: V, title: V }\n  en: { name: E, title: E }\n  lo: { name: L, title: L }\n",
            std::path::Path::new("site.yaml"),
        )
        .expect("config");
        let date = PageDate {
            instant: jiff::Timestamp::from_second(1_700_000_000).expect("ts"),
            offset: jiff::tz::Offset::from_seconds(7 * 3600).expect("offset"),
        };
        let mut frames = Vec::new();
        for n in 0..50_000 {
            for lang in ["vi", "en", "lo"] {
                let versions = ["vi", "en", "lo"]
                    .iter()
                    .map(|l| Version {
                        lang: l.to_string(),
                        url: format!("/{l}/tin-tuc/bai-viet-so-{n}/"),
                    })
                    .collect();
                frames.push(Frame {
                    kind: Kind::Article,
                    lang: lang.to_string(),
                    path: SitePath::dir([
                        lang.to_string(),
                        "tin-tuc".into(),
                        format!("bai-viet-so-{n}"),
                    ]),
                    versions,
                    section: None,
                    source: None,
                    title: String::new(),
                    description: None,
                    lastmod: Some(date),
                    template: String::new(),
                });
            }
        }
        // Time on the CPU, not on the wall: the machine may be busy with other work.
        let cpu = || -> u64 {
            std::fs::read_to_string("/proc/thread-self/schedstat")
                .ok()
                .and_then(|s| s.split_whitespace().next()?.parse().ok())
                .unwrap_or(0)
        };
        let mut best = u64::MAX;
        let mut bytes = 0;
        for _ in 0..3 {
            let started = cpu();
            let (_, files) = sitemaps(&config, &frames, 0, None);
            let files = files.expect("written");
            best = best.min(cpu() - started);
            bytes = files
                .iter()
                .map(|f| match &f.contents {
                    crate::render::Contents::Bytes(b) => b.len(),
                    crate::render::Contents::Copy(_) => 0,
                })
                .sum::<usize>();
        }
        eprintln!(
            "150,000 URLs: best of 3 {:.1} ms on the CPU, {bytes} bytes",
            best as f64 / 1e6
        );
    }
}
