//! The words of a page as the index keeps them, and the rule that turns a word of text
//! into the keys a query finds it by. The rule is the one Pagefind's search script
//! applies to what a reader types (its `wasm` reads our index): keep letters, digits
//! and the [`encode::include_characters`](super::encode::include_characters), lower
//! case, fold combining marks away for the key (keeping the unfolded form beside it, so
//! an exact match ranks first), stem English. A word joined by punctuation or case
//! changes (`Cha-Lo`, `2025-08-23`, `eGov`) is also findable by its parts.

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// One key a word is found by.
#[derive(Debug, PartialEq, Eq)]
pub struct Key {
    /// Folded (and, in English, stemmed): what a query is matched against.
    pub key: String,
    /// The word before folding, when folding changed it: exact matches rank first.
    pub form: Option<String>,
    /// A part of a joined word (`lo` of `Cha-Lo`): it weighs less than a whole word.
    pub part: bool,
}

/// The stemmer of a language, where the search script has one (of ours, English).
pub fn stemmer(lang: &str) -> Option<Stemmer> {
    match lang.split('-').next() {
        Some("en") => Some(Stemmer::create(Algorithm::English)),
        _ => None,
    }
}

/// Whether the search script for `lang` stems queries (it ships a `wasm.LANG` file then).
pub fn has_stemmer(lang: &str) -> bool {
    stemmer(lang).is_some()
}

/// The keys `word` (one whitespace-free word of text, entities decoded) is found by,
/// appended to `out`.
pub fn keys(word: &str, stemmer: Option<&Stemmer>, keep: &[char], out: &mut Vec<Key>) {
    let normal = normalise(word, keep);
    if !normal.is_empty() {
        out.push(key(&normal, stemmer, false));
    }
    let joined =
        word.chars().any(|c| !c.is_alphanumeric()) || word.chars().skip(1).any(char::is_uppercase);
    if !joined || normal.is_empty() {
        return;
    }
    let parts = word
        .replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower);
    let parts: Vec<&str> = parts.split_whitespace().collect();
    if parts.len() < 2 && parts.first().is_some_and(|part| normal.starts_with(part)) {
        return;
    }
    for part in parts.into_iter().filter(|part| part.len() > 1) {
        out.push(key(part, stemmer, true));
    }
}

/// Letters, digits and the kept characters of `word`, in lower case.
fn normalise(word: &str, keep: &[char]) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_alphanumeric() || keep.contains(&c) {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

fn key(normal: &str, stemmer: Option<&Stemmer>, part: bool) -> Key {
    let folded = fold(normal);
    let base = folded.as_deref().unwrap_or(normal);
    let key = match stemmer {
        Some(stemmer) => stemmer.stem(base).into_owned(),
        None => base.to_string(),
    };
    Key {
        key,
        form: folded.map(|_| normal.to_string()),
        part,
    }
}

/// `word` without its combining marks (`hà` → `ha`, `d̵` → `d`), when it has any.
fn fold(word: &str) -> Option<String> {
    if word.is_ascii() || !word.chars().any(decomposes) {
        return None;
    }
    let folded: String = word.nfd().filter(|&c| !is_combining_mark(c)).collect();
    (folded != word).then_some(folded)
}

fn decomposes(c: char) -> bool {
    if is_combining_mark(c) {
        return true;
    }
    let mut other = false;
    decompose_canonical(c, |part| other |= part != c);
    other
}

/// Decodes the character references our HTML writes in text (`&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&#39;`, numeric ones), for the keys; what is shown keeps them.
pub fn unescape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        let decoded = end.and_then(|end| reference(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(word: &str, lang: &str) -> Vec<(String, Option<String>, bool)> {
        let mut out = Vec::new();
        let keep = super::super::encode::include_characters();
        let keep: Vec<char> = keep.chars().collect();
        keys(word, stemmer(lang).as_ref(), &keep, &mut out);
        out.into_iter().map(|k| (k.key, k.form, k.part)).collect()
    }

    #[test]
    fn vietnamese_folds_and_keeps_the_form() {
        assert_eq!(
            all("Giang,", "vi"),
            [("giang".to_string(), None, false)],
            "punctuation goes, case folds"
        );
        assert_eq!(
            all("Hà", "vi"),
            [("ha".to_string(), Some("hà".to_string()), false)]
        );
        // đ as the encoder writes it: d + U+0335.
        assert_eq!(
            all("D\u{335}iện", "vi"),
            [("dien".to_string(), Some("d\u{335}iện".to_string()), false)]
        );
    }

    #[test]
    fn english_is_stemmed() {
        assert_eq!(all("Markets", "en")[0].0, "market");
        assert_eq!(all("Markets", "vi")[0].0, "markets");
    }

    #[test]
    fn joined_words_are_found_by_their_parts() {
        let keys = all("Cha-Lo", "vi");
        assert_eq!(keys[0].0, "chalo");
        assert!(keys.contains(&("cha".into(), None, true)));
        assert!(keys.contains(&("lo".into(), None, true)));
        let date = all("2025-08-23", "vi");
        assert!(date.iter().any(|k| k.0 == "2025" && k.2));
    }

    #[test]
    fn lao_words_keep_their_tone_marks_in_the_form() {
        // ຕະຫຼາດ ends with the word joiner in the index; ຫຼ's mark is a letter.
        let keys = all("ຕະຫຼາດ\u{2060}", "lo");
        assert_eq!(keys.len(), 1, "{keys:?}");
        assert!(keys[0].0.ends_with('\u{2060}'));
        let toned = all("ຂ່າວ\u{2060}", "lo");
        assert_eq!(toned.len(), 1);
        assert_eq!(toned[0].1.as_deref(), Some("ຂ່າວ\u{2060}"));
        assert!(!toned[0].0.contains('\u{0EC8}'));
    }

    #[test]
    fn references_are_decoded_for_keys() {
        assert_eq!(
            unescape("R&amp;D &#39;x&#x27; &lt;b&gt; & y"),
            "R&D 'x' <b> & y"
        );
        assert_eq!(unescape("&bogus;"), "&bogus;");
    }
}
