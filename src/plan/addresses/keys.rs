//! Canonical keys: how two spellings of one address are found to be one, and whether an
//! address is a folder's page or a file of its own.

use std::path::Path;

use crate::text::nfc;

/// Whether an address is a folder's `index.html` or a file of its own (`atom.xml`): a
/// file cannot be a folder for other addresses at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Index,
    File,
}

/// The canonical key of an output file: folded segments joined by `/`, a final
/// `index.html` dropped (`vi/tin-tuc/index.html` → `vi/tin-tuc`; `index.html` → ``).
pub(super) fn key_of(path: &Path) -> String {
    let mut key = String::with_capacity(path.as_os_str().len());
    for part in path.iter() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str(&fold(&part.to_string_lossy()));
    }
    if key == "index.html" {
        key.clear();
    } else if let Some(folder) = key.strip_suffix("/index.html") {
        key.truncate(folder.len());
    }
    key
}

/// One segment as compared: NFC, lower-cased (Unicode-aware), NFC again since lower-
/// casing can leave a decomposed sequence.
fn fold(segment: &str) -> String {
    if segment
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return segment.to_string();
    }
    nfc(&nfc(segment).to_lowercase())
}

/// An output file's shape, from its name.
pub(super) fn shape_of(path: &Path) -> Shape {
    let is_index = path
        .file_name()
        .is_some_and(|name| name.to_string_lossy().eq_ignore_ascii_case("index.html"));
    if is_index { Shape::Index } else { Shape::File }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::url::SitePath;

    #[test]
    fn variants_of_one_address_share_a_key() {
        let key = |written: &str| key_of(&SitePath::parse(written).output_file());
        assert_eq!(key("/vi/Tin-Tuc/"), "vi/tin-tuc");
        assert_eq!(key("/vi/tin-tuc"), "vi/tin-tuc");
        assert_eq!(key("/vi/tin-tuc/index.html"), "vi/tin-tuc");
        assert_eq!(key("/vi/TIN-TUC/INDEX.HTML"), "vi/tin-tuc");
        // NFD `à` (a + combining grave) and NFC `à`; upper-case NFD too.
        assert_eq!(key("/vi/ca\u{300}/"), key("/vi/c\u{e0}/"));
        assert_eq!(key("/vi/CA\u{300}/"), key("/vi/c\u{e0}/"));
        assert_eq!(key("/vi/c%C3%A0/"), key("/vi/c\u{e0}/"));
        assert_eq!(key("/"), "");
        assert_eq!(key("/index.html"), "");
        assert_eq!(key("/vi/atom.xml"), "vi/atom.xml");
        assert_ne!(key("/vi/tin-tuc/"), key("/en/tin-tuc/"));
        // Lao has no case: its letters and marks stay as they are.
        assert_eq!(key("/lo/ຂ່າວ/"), "lo/ຂ່າວ");
    }

    #[test]
    fn shapes_tell_folders_from_files() {
        assert_eq!(shape_of(Path::new("vi/index.html")), Shape::Index);
        assert_eq!(shape_of(Path::new("vi/atom.xml")), Shape::File);
        assert_eq!(shape_of(Path::new("robots.txt")), Shape::File);
    }
}
