//! Site paths: one place decides how a page's segments become a link and an output file.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters a path segment must not carry raw in HTML attributes and XML.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b'&')
    .add(b'\'');

/// A page's address, kept both ways: as written (for file names) and encoded (for links).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SitePath {
    /// Segments below the site root, NFC, unencoded: `["vi", "tin-tuc", "ket-nghia"]`.
    segments: Vec<String>,
    /// True for folders served by their `index.html`; false for files like `atom.xml`.
    is_dir: bool,
}

impl SitePath {
    pub fn dir<S: Into<String>>(segments: impl IntoIterator<Item = S>) -> SitePath {
        SitePath {
            segments: segments.into_iter().map(Into::into).collect(),
            is_dir: true,
        }
    }

    pub fn file<S: Into<String>>(segments: impl IntoIterator<Item = S>) -> SitePath {
        SitePath {
            segments: segments.into_iter().map(Into::into).collect(),
            is_dir: false,
        }
    }

    /// A deeper folder: `/vi/tin-tuc/` + `page/2` → `/vi/tin-tuc/page/2/`.
    pub fn join<S: Into<String>>(&self, more: impl IntoIterator<Item = S>) -> SitePath {
        let mut segments = self.segments.clone();
        segments.extend(more.into_iter().map(Into::into));
        SitePath {
            segments,
            is_dir: true,
        }
    }

    pub fn join_file(&self, name: &str) -> SitePath {
        let mut segments = self.segments.clone();
        segments.push(name.to_string());
        SitePath {
            segments,
            is_dir: false,
        }
    }

    pub fn segments(&self) -> &[String] {
        &self.segments
    }

    /// The file to write, relative to the output folder.
    pub fn output_file(&self) -> std::path::PathBuf {
        let mut path: std::path::PathBuf = self.segments.iter().collect();
        if self.is_dir {
            path.push("index.html");
        }
        path
    }

    /// The root-relative link, percent-encoded, with the site's base path in front.
    pub fn url(&self, base_path: &str) -> String {
        let mut url = String::with_capacity(base_path.len() + 64);
        url.push_str(base_path);
        for segment in &self.segments {
            url.push('/');
            url.extend(utf8_percent_encode(segment, SEGMENT));
        }
        if self.is_dir || self.segments.is_empty() {
            url.push('/');
        }
        url
    }

    /// The link as text, undecoded, for messages: `/vi/tin-tuc/`.
    pub fn display(&self) -> String {
        let mut text = String::new();
        for segment in &self.segments {
            text.push('/');
            text.push_str(segment);
        }
        if self.is_dir || self.segments.is_empty() {
            text.push('/');
        }
        text
    }

    /// Parses a site path written by an editor (aliases): `/tin-tuc/12345.html`.
    pub fn parse(written: &str) -> SitePath {
        let decoded = percent_encoding::percent_decode_str(written).decode_utf8_lossy();
        let trimmed = decoded.trim_start_matches('/');
        let is_dir = trimmed.is_empty() || trimmed.ends_with('/') || !last_has_extension(trimmed);
        SitePath {
            segments: trimmed
                .split('/')
                .filter(|s| !s.is_empty() && *s != ".")
                .map(crate::text::nfc)
                .collect(),
            is_dir,
        }
    }
}

fn last_has_extension(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'))
}

/// Percent-encodes one segment the same way page links are encoded.
pub fn encode_segment(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lao_segments_are_encoded_in_links_but_not_in_file_names() {
        let path = SitePath::dir(["lo", "ຂ່າວ"]);
        assert_eq!(path.url(""), "/lo/%E0%BA%82%E0%BB%88%E0%BA%B2%E0%BA%A7/");
        assert_eq!(
            path.url("/portal"),
            "/portal/lo/%E0%BA%82%E0%BB%88%E0%BA%B2%E0%BA%A7/"
        );
        assert_eq!(
            path.output_file(),
            std::path::PathBuf::from("lo/ຂ່າວ/index.html")
        );
        assert_eq!(SitePath::dir(Vec::<String>::new()).url(""), "/");
        assert_eq!(SitePath::file(["vi", "atom.xml"]).url(""), "/vi/atom.xml");
    }

    #[test]
    fn aliases_parse_to_files_or_folders() {
        let alias = SitePath::parse("/tin-tuc/12345.html");
        assert_eq!(
            alias.output_file(),
            std::path::PathBuf::from("tin-tuc/12345.html")
        );
        let alias = SitePath::parse("/old/page");
        assert_eq!(
            alias.output_file(),
            std::path::PathBuf::from("old/page/index.html")
        );
    }
}
