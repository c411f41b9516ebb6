//! `source_hash`: a short fingerprint of a source-language text, which a translation
//! records to say which version of the source it follows.
//!
//! The fingerprint covers what a translator translates (title, summary, body) and
//! ignores what does not change the meaning of the text: Unicode normalisation form,
//! line wrapping, indentation and runs of spaces. Re-wrapping a paragraph therefore
//! does not make the translations stale; changing a word does.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::content::Meta;

/// Hex digits kept from the BLAKE3 digest: enough to tell the versions of one page apart.
pub(crate) const LENGTH: usize = 8;

/// The `source_hash` of a source version: the first eight hex digits of BLAKE3 over its
/// normalised title, summary (empty when absent) and body, joined by line feeds.
pub(crate) fn source_hash(title: &str, summary: Option<&str>, body: &str) -> String {
    // Normalised parts hold no line feed, so the separator cannot be mistaken for text.
    let text = [title, summary.unwrap_or(""), body]
        .map(normalise)
        .join("\n");
    let hex = blake3::hash(text.as_bytes()).to_hex();
    hex[..LENGTH].to_string()
}

/// The `source_hash` of a page whose front matter and body have been read.
pub(crate) fn of_page(meta: &Meta, body: &str) -> String {
    source_hash(&meta.title, meta.summary.as_deref(), body)
}

/// Whether a `source_hash` written in front matter names the current version. Case and
/// surrounding spaces do not matter; a longer hex string matches on its first digits.
pub(crate) fn matches(written: &str, current: &str) -> bool {
    let written = written.trim().to_ascii_lowercase();
    written.len() >= LENGTH && written.starts_with(current)
}

/// NFC, every run of whitespace (line breaks included) as one space, trimmed.
fn normalise(text: &str) -> String {
    // Content is NFC once read, so the quick check nearly always spares the rewrite.
    let nfc: Cow<str> = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    };
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_lowercase_hex_digits() {
        let hash = source_hash("Tiêu đề", Some("Tóm tắt"), "Nội dung.\n");
        assert_eq!(hash.len(), LENGTH);
        assert!(
            hash.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
    }

    #[test]
    fn matches_the_documented_definition() {
        // BLAKE3("Tiêu đề\nTóm tắt\nDòng một dòng hai."), first eight hex digits.
        let expected = blake3::hash("Tiêu đề\nTóm tắt\nDòng một dòng hai.".as_bytes()).to_hex();
        assert_eq!(
            source_hash("Tiêu đề", Some("Tóm tắt"), "Dòng một\ndòng hai.\n"),
            expected[..8]
        );
    }

    #[test]
    fn spacing_and_normalisation_form_do_not_count() {
        let a = source_hash("Lễ kết nghĩa", None, "Một  đoạn\nvăn.\n\n  Đoạn hai.  ");
        let nfd: String = "Lễ kết nghĩa".nfd().collect();
        let b = source_hash(&nfd, Some("  "), "Một đoạn văn. Đoạn hai.");
        assert_eq!(a, b);
    }

    #[test]
    fn words_and_fields_count() {
        let base = source_hash("A", Some("B"), "C");
        assert_ne!(base, source_hash("A", Some("B"), "C!"));
        assert_ne!(base, source_hash("A", Some("X"), "C"));
        assert_ne!(base, source_hash("X", Some("B"), "C"));
        // Text does not move between fields unnoticed.
        assert_ne!(
            source_hash("A B", None, "C"),
            source_hash("A", Some("B"), "C")
        );
    }

    #[test]
    fn written_hashes_compare_leniently() {
        assert!(matches(" 9F2C41D0 ", "9f2c41d0"));
        assert!(matches("9f2c41d0e1", "9f2c41d0"));
        assert!(!matches("9f2c41d", "9f2c41d0"));
        assert!(!matches("00000000", "9f2c41d0"));
    }
}
