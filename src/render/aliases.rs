//! Old addresses (`aliases`) that keep working: a small page at each, sending readers and
//! crawlers on, and a `_redirects` map for hosts that redirect on the server.

use std::fmt::Write;

use super::OutputFile;
use crate::config::Config;
use crate::library::Library;
use crate::text::escape;
use crate::url::SitePath;

pub fn aliases(config: &Config, library: &Library) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut redirects = Vec::new();
    for page in &library.pages {
        for alias in &page.source.meta.aliases {
            let from = SitePath::parse(alias);
            let target = config.absolute(&page.url);
            let title = escape(page.title());
            let lang = escape(page.lang());
            let href = escape(&page.url);
            let html = format!(
                "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{}\">\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p><a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n",
                escape(&target)
            );
            redirects.push((from.url(&config.base_path), page.url.clone()));
            files.push(OutputFile::bytes(
                from.output_file(),
                html.into_bytes(),
                None,
            ));
        }
    }
    redirects.sort();
    let mut map =
        String::from("# Old addresses and where they moved (Netlify-style _redirects).\n");
    for (from, to) in &redirects {
        let _ = writeln!(map, "{from} {to} 301");
    }
    files.push(OutputFile::bytes(
        "_redirects".into(),
        map.into_bytes(),
        None,
    ));
    files
}
