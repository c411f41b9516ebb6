//! Sitemaps with hreflang alternates: an index at the root naming one sitemap per
//! language, split into numbered parts past 50,000 URLs or 50 MB; and robots.txt.

use crate::text::escape;
use std::fmt::Write;

use super::OutputFile;
use super::frame::Frame;
use crate::config::Config;
use crate::content::PageDate;
use crate::url::SitePath;

/// The sitemaps.org limits for one file.
const MAX_URLS: usize = 50_000;
const MAX_BYTES: usize = 50 * 1024 * 1024;

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const TAIL: &str = "</urlset>\n";

fn url_entry(config: &Config, frame: &Frame, fallback: Option<PageDate>) -> String {
    let mut entry = String::with_capacity(512);
    let _ = write!(
        entry,
        "<url><loc>{}</loc>",
        escape(&config.absolute(&frame.path.url(&config.base_path)))
    );
    if let Some(lastmod) = frame.lastmod.or(fallback) {
        let _ = write!(entry, "<lastmod>{}</lastmod>", lastmod.rfc3339());
    }
    for version in &frame.versions {
        let _ = write!(
            entry,
            "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
            escape(&version.lang),
            escape(&config.absolute(&version.url))
        );
    }
    if let Some(x_default) = frame.x_default(config) {
        let _ = write!(
            entry,
            "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
            escape(&config.absolute(&x_default))
        );
    }
    entry.push_str("</url>\n");
    entry
}

/// One sitemap part of a language, before it is named.
struct Part {
    xml: String,
    urls: usize,
    lastmod: Option<String>,
}

/// Splits a language's entries into parts within the limits.
fn parts(
    entries: impl Iterator<Item = (String, Option<String>)>,
    max_urls: usize,
    max_bytes: usize,
) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for (entry, lastmod) in entries {
        let fits = parts.last().is_some_and(|part| {
            part.urls < max_urls && part.xml.len() + entry.len() + TAIL.len() <= max_bytes
        });
        if !fits {
            parts.push(Part {
                xml: HEAD.to_string(),
                urls: 0,
                lastmod: None,
            });
        }
        let part = parts.last_mut().expect("a part was just ensured");
        part.xml.push_str(&entry);
        part.urls += 1;
        if lastmod > part.lastmod {
            part.lastmod = lastmod;
        }
    }
    for part in &mut parts {
        part.xml.push_str(TAIL);
    }
    parts
}

pub fn sitemaps(config: &Config, frames: &[Frame]) -> Vec<OutputFile> {
    sitemaps_with_limits(config, frames, MAX_URLS, MAX_BYTES)
}

fn sitemaps_with_limits(
    config: &Config,
    frames: &[Frame],
    max_urls: usize,
    max_bytes: usize,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    // A listing with nothing to show yet changed, at the latest, with the site.
    let newest = frames.iter().filter_map(|f| f.lastmod).max();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for language in &config.languages {
        let lang = language.code.as_str();
        let entries = frames
            .iter()
            .filter(|frame| frame.lang == lang && frame.in_sitemap())
            .map(|frame| {
                let lastmod = frame.lastmod.or(newest);
                (
                    url_entry(config, frame, newest),
                    lastmod.map(|d| d.rfc3339()),
                )
            });
        let parts = parts(entries, max_urls, max_bytes);
        let count = parts.len();
        for (number, part) in parts.into_iter().enumerate() {
            let name = if count == 1 {
                "sitemap.xml".to_string()
            } else {
                format!("sitemap-{}.xml", number + 1)
            };
            let path = SitePath::file([lang.to_string(), name]);
            let _ = write!(
                index,
                "<sitemap><loc>{}</loc>",
                escape(&config.absolute(&path.url(&config.base_path)))
            );
            if let Some(lastmod) = &part.lastmod {
                let _ = write!(index, "<lastmod>{lastmod}</lastmod>");
            }
            index.push_str("</sitemap>\n");
            files.push(OutputFile::bytes(
                path.output_file(),
                part.xml.into_bytes(),
                None,
            ));
        }
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile::bytes(
        "sitemap.xml".into(),
        index.into_bytes(),
        None,
    ));
    files
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

    #[test]
    fn parts_respect_both_limits() {
        let entries = (0..5).map(|i| (format!("<url><loc>{i}</loc></url>\n"), None));
        let split = parts(entries, 2, MAX_BYTES);
        assert_eq!(split.iter().map(|p| p.urls).collect::<Vec<_>>(), [2, 2, 1]);
        let entries = (0..4).map(|i| (format!("<url><loc>{i}</loc></url>\n"), None));
        let small = HEAD.len() + TAIL.len() + 2 * 27;
        let split = parts(entries, 100, small);
        assert_eq!(split.iter().map(|p| p.urls).collect::<Vec<_>>(), [2, 2]);
        assert!(
            split
                .iter()
                .all(|p| p.xml.len() <= small && p.xml.ends_with(TAIL))
        );
    }
}
