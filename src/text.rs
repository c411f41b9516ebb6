//! Text utilities shared by every phase: NFC, slugs and heading ids, and word-aware
//! truncation and counting that work for Lao, which has no spaces between words.

use std::sync::LazyLock;

use icu::properties::CodePointMapData;
use icu::properties::props::{GeneralCategory, GeneralCategoryGroup, Script};
use icu::segmenter::options::WordBreakInvariantOptions;
use icu::segmenter::{WordSegmenter, WordSegmenterBorrowed};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One word segmenter for the whole process. The borrowed form over compiled data is
/// `Send + Sync` and `Copy`, so rayon workers share it without locking.
///
/// The dictionary model is chosen over the LSTM one: for Lao it keeps compounds and
/// names such as ຫວຽດນາມ (Vietnam) or ສະຖານທູດ (embassy) in one piece, where the
/// LSTM model splits them, and it is much faster.
static WORD_SEGMENTER: LazyLock<WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()));

/// Escapes text for HTML attributes and content (`&`, `<`, `>`, quotes). Feeds and
/// sitemaps leave escaping to their XML writer.
pub(crate) fn escape(text: &str) -> String {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// Unicode NFC: editors' files may come from any keyboard or CMS export, and one term
/// must be one string whether it was typed precomposed or decomposed.
pub(crate) fn nfc(s: &str) -> String {
    // Nearly all text is NFC already, and checking is far cheaper than recomposing:
    // this halves the time to read a large site.
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_string();
    }
    s.nfc().collect()
}

/// A slug for URLs (taxonomy terms, anything built from a human title).
///
/// Lower-cased; Latin letters lose their diacritics (Vietnamese tone and vowel marks,
/// `đ` → `d`) so Vietnamese slugs are plain ASCII; Lao and any other script keep their
/// letters and their marks (Lao vowel signs and tone marks are combining marks, and
/// dropping them would change the word); every run of anything else becomes one `-`.
/// Returns an empty string when nothing is left; callers decide what that means.
pub(crate) fn slugify(s: &str) -> String {
    let scripts = CodePointMapData::<Script>::new();
    let mut slug = String::with_capacity(s.len());
    // A separator is only written once the next kept character arrives, which trims
    // both ends and collapses runs for free.
    let mut pending_separator = false;
    // Whether the base character the next combining mark would attach to is Latin
    // (or an ASCII digit): those marks are dropped, all others kept.
    let mut strip_marks = true;

    // Lower-casing before NFD lets characters such as `İ`, whose lower case carries a
    // combining dot, lose that mark along with the rest.
    for c in s.to_lowercase().nfd() {
        if is_combining_mark(c) {
            // A mark with no kept base (at the start, or after a separator) is dropped too.
            if !strip_marks && !pending_separator && !slug.is_empty() {
                slug.push(c);
            }
            continue;
        }
        if is_invisible_format(c) {
            // Zero-width spaces and joiners, soft hyphens: an editor cannot see them,
            // so they must not split a slug.
            continue;
        }
        let kept = if c == 'đ' {
            Some('d')
        } else if c.is_alphanumeric() {
            Some(c)
        } else {
            None
        };
        match kept {
            Some(k) => {
                if pending_separator && !slug.is_empty() {
                    slug.push('-');
                }
                pending_separator = false;
                slug.push(k);
                strip_marks = k.is_ascii() || scripts.get(k) == Script::Latin;
            }
            None => {
                pending_separator = true;
                strip_marks = true;
            }
        }
    }
    // Lao (and other scripts) went through NFD above; output names must be NFC.
    nfc(&slug)
}

/// The anchor id for a heading: the same rules as [`slugify`], so an id reads like the
/// heading it names in every language. May be empty (a heading of only symbols).
pub(crate) fn heading_id(s: &str) -> String {
    slugify(s)
}

/// Shortens plain text to at most `max_chars` characters, cutting only at a word
/// boundary (Lao words included) and trimming trailing spaces and punctuation from the
/// cut. The flag says whether anything was cut; text that already fits is returned as
/// it is. When even the first word is longer than `max_chars`, the result is empty.
pub(crate) fn truncate_words(text: &str, max_chars: usize) -> (String, bool) {
    let Some((limit, _)) = text.char_indices().nth(max_chars) else {
        return (text.to_owned(), false);
    };
    // The iterator is lazy, so only the text up to the first boundary past the limit
    // (for Lao, up to the end of that run of Lao letters) is ever segmented. Segmenting
    // a pre-cut prefix instead would be wrong: its end would always look like a boundary.
    let mut cut = 0;
    for boundary in WORD_SEGMENTER.segment_str(text) {
        if boundary > limit {
            break;
        }
        cut = boundary;
    }
    let general_categories = CodePointMapData::<GeneralCategory>::new();
    let kept = text[..cut].trim_end_matches(|c: char| {
        c.is_whitespace()
            || is_invisible_format(c)
            || GeneralCategoryGroup::Punctuation.contains(general_categories.get(c))
    });
    (kept.to_owned(), true)
}

/// Counts words (segments the segmenter calls word-like: letters, numbers, Lao and
/// CJK words), skipping spaces and punctuation.
///
/// Only runs of scripts written without spaces (Lao, Thai, Khmer, Burmese, Chinese,
/// Japanese) go through the dictionary segmenter; between them, words are runs of
/// letters, digits and combining marks, an apostrophe or a `.`/`,` between two of
/// those staying inside the word (`don't`, `3.14`), as the segmenter's rules have it.
pub(crate) fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    let mut spaceless: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if is_spaceless_script(c) {
            if spaceless.is_none() {
                count += usize::from(in_word);
                in_word = false;
                spaceless = Some(at);
            }
            continue;
        }
        if let Some(start) = spaceless.take() {
            count += segmented_words(&text[start..at]);
        }
        if is_word_char(c) {
            in_word = true;
        } else if in_word
            && matches!(c, '\'' | '\u{2019}' | '.' | ',')
            && chars.peek().is_some_and(|&(_, next)| is_word_char(next))
        {
            // Inside a word: `don't`, `3.14`.
        } else {
            count += usize::from(in_word);
            in_word = false;
        }
    }
    if let Some(start) = spaceless {
        count += segmented_words(&text[start..]);
    }
    count + usize::from(in_word)
}

/// The pieces of `text` between the dictionary segmenter's word boundaries, in order
/// (words, and the spaces and punctuation between them).
pub(crate) fn segments(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    WORD_SEGMENTER.segment_str(text).skip(1).map(move |end| {
        let piece = &text[start..end];
        start = end;
        piece
    })
}

/// Where the dictionary segmenter puts word boundaries in `text`, as byte offsets: 0,
/// every boundary between two segments, and `text.len()`.
pub(crate) fn word_boundaries(text: &str) -> impl Iterator<Item = usize> + '_ {
    WORD_SEGMENTER.segment_str(text)
}

/// Word-like segments found by the dictionary segmenter.
fn segmented_words(text: &str) -> usize {
    let mut segments = WORD_SEGMENTER.segment_str(text);
    let mut count = 0;
    // The first boundary is always 0 and closes no segment; each later boundary closes
    // one, and `is_word_like` describes the segment just closed.
    while let Some(boundary) = segments.next() {
        if boundary > 0 && segments.is_word_like() {
            count += 1;
        }
    }
    count
}

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Scripts whose words are not separated by spaces.
pub(crate) fn is_spaceless_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'     // Thai, Lao
        | '\u{1000}'..='\u{109F}'   // Myanmar
        | '\u{1780}'..='\u{17FF}'   // Khmer
        | '\u{19E0}'..='\u{19FF}'   // Khmer symbols
        | '\u{1A20}'..='\u{1AAF}'   // Tai Tham
        | '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK
        | '\u{A9E0}'..='\u{A9FF}'   // Myanmar extended B
        | '\u{AA60}'..='\u{AADF}'   // Myanmar extended A, Tai Viet
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility
        | '\u{20000}'..='\u{3FFFF}' // CJK extensions
    )
}

pub(crate) fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use icu::segmenter::GraphemeClusterSegmenter;

    const LAO: &str = "ການຮ່ວມມືລະຫວ່າງລາວແລະຫວຽດນາມແມ່ນແໜ້ນແຟ້ນ ແລະ ຍາວນານ. ສະຖານທູດຫວຽດນາມປະຈຳລາວໄດ້ຈັດພິທີສະເຫຼີມສະຫຼອງວັນຊາດ";

    fn word_boundaries(text: &str) -> Vec<usize> {
        WORD_SEGMENTER.segment_str(text).collect()
    }

    fn grapheme_boundaries(text: &str) -> Vec<usize> {
        GraphemeClusterSegmenter::new().segment_str(text).collect()
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(nfc("Vie\u{0323}\u{0302}t"), "Việt");
        assert_eq!(nfc("ຊາຍແດນ"), "ຊາຍແດນ");
    }

    #[test]
    fn slugify_vietnamese_folds_to_ascii() {
        assert_eq!(slugify("Thông tin đối ngoại"), "thong-tin-doi-ngoai");
        assert_eq!(slugify("Hợp tác Việt – Lào"), "hop-tac-viet-lao");
        assert_eq!(slugify("Đắk Lắk 2024!"), "dak-lak-2024");
        assert_eq!(slugify("ĐIỆN BIÊN PHỦ"), "dien-bien-phu");
        assert_eq!(slugify("Lẳng Khăng"), "lang-khang");
        assert_eq!(slugify("  --Ơn   Ưu!! "), "on-uu");
    }

    #[test]
    fn slugify_keeps_lao_with_its_marks() {
        assert_eq!(slugify("ຊາຍແດນ"), "ຊາຍແດນ");
        assert_eq!(slugify("ການຮ່ວມມື ລາວ-ຫວຽດນາມ"), "ການຮ່ວມມື-ລາວ-ຫວຽດນາມ");
        // Tone mark (U+0EC8) and vowel signs survive; Lao digits are digits.
        assert_eq!(slugify("ແມ່ນ ໒໐໒໔"), "ແມ່ນ-໒໐໒໔");
        assert_eq!(slugify("ໄຊຍະບູລີ (Xaignabouli)"), "ໄຊຍະບູລີ-xaignabouli");
    }

    #[test]
    fn slugify_is_nfc_and_spelling_independent() {
        let composed = "Thông tin đối ngoại";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(slugify(composed), slugify(&decomposed));

        let lao = "ການຮ່ວມມື ລາວ";
        let lao_decomposed: String = lao.nfd().collect();
        assert_eq!(slugify(&lao_decomposed), slugify(lao));
        let slug = slugify(&lao_decomposed);
        assert_eq!(slug, nfc(&slug));
    }

    #[test]
    fn slugify_other_scripts_and_edges() {
        assert_eq!(slugify("Ελλάδα"), "ελλάδα");
        assert_eq!(slugify("ไทย ลาว"), "ไทย-ลาว");
        assert_eq!(slugify("İstanbul"), "istanbul");
        assert_eq!(slugify("a\u{200B}b"), "ab");
        assert_eq!(slugify("!!! ???"), "");
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("\u{0301}x"), "x");
    }

    #[test]
    fn heading_id_follows_slug_rules() {
        assert_eq!(heading_id("Lịch sử"), "lich-su");
        assert_eq!(heading_id("ປະຫວັດສາດ"), "ປະຫວັດສາດ");
    }

    #[test]
    fn truncate_leaves_short_text_alone() {
        assert_eq!(
            truncate_words("Xin chào", 8),
            ("Xin chào".to_owned(), false)
        );
        assert_eq!(
            truncate_words("Xin chào", 100),
            ("Xin chào".to_owned(), false)
        );
        assert_eq!(truncate_words("", 0), (String::new(), false));
    }

    #[test]
    fn truncate_vietnamese_at_a_space() {
        let text = "Lễ kết nghĩa cụm dân cư hai bên biên giới, năm 2023.";
        let (cut, was_cut) = truncate_words(text, 20);
        assert!(was_cut);
        assert_eq!(cut, "Lễ kết nghĩa cụm dân");
        // Punctuation before the cut is trimmed too.
        let (cut, _) = truncate_words(text, 43);
        assert_eq!(cut, "Lễ kết nghĩa cụm dân cư hai bên biên giới");
        // A word is never split, even when the limit falls inside it.
        let (cut, _) = truncate_words(text, 9);
        assert_eq!(cut, "Lễ kết");
    }

    #[test]
    fn truncate_first_word_too_long_gives_empty() {
        assert_eq!(truncate_words("ຫວຽດນາມ", 3), (String::new(), true));
    }

    #[test]
    fn truncate_lao_never_cuts_inside_a_word_or_grapheme() {
        let words = word_boundaries(LAO);
        let graphemes = grapheme_boundaries(LAO);
        let total = LAO.chars().count();
        let mut cuts_seen = 0;
        for max in 1..total {
            let (cut, was_cut) = truncate_words(LAO, max);
            assert!(was_cut);
            assert!(cut.chars().count() <= max, "{max}: {cut}");
            assert!(LAO.starts_with(&cut));
            assert!(words.contains(&cut.len()), "{max}: ends mid-word: {cut}");
            assert!(graphemes.contains(&cut.len()), "{max}: ends mid-grapheme");
            assert!(!cut.ends_with([' ', '.']));
            if !cut.is_empty() {
                cuts_seen += 1;
            }
        }
        assert!(cuts_seen > 0);
        // A limit inside ຫວຽດນາມ (Vietnam) backs off to the word before it.
        let prefix = "ການຮ່ວມມືລະຫວ່າງລາວແລະຫວຽດ".chars().count();
        let (cut, _) = truncate_words(LAO, prefix);
        assert_eq!(cut, "ການຮ່ວມມືລະຫວ່າງລາວແລະ");
    }

    #[test]
    fn word_count_agrees_with_the_segmenter() {
        for text in [
            "Lễ kết nghĩa, năm 2023! Don't stop: 3.14 and 1,000 people.",
            "Đoàn công tác tỉnh Vân Lĩnh thăm huyện Phou Vieng (Lào) ngày 8/12.",
            LAO,
            "Hội chợ ການຄ້າ ຊາຍແດນ 2024, lần thứ 3: ສະຖານທູດຫວຽດນາມ.",
            "a\u{0301}b — — ... x",
            "",
        ] {
            assert_eq!(word_count(text), segmented_words(text), "{text}");
        }
    }

    #[test]
    fn word_count_counts_words_only() {
        assert_eq!(word_count("Lễ kết nghĩa, năm 2023!"), 5);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  ... "), 0);
        // Lao without spaces still has several words.
        let lao = "ສະຖານທູດຫວຽດນາມປະຈຳລາວໄດ້ຈັດພິທີ";
        let count = word_count(lao);
        assert!(count >= 5, "{count}");
        assert_eq!(
            count,
            WORD_SEGMENTER.segment_str(lao).count() - 1,
            "every segment of plain Lao letters is a word"
        );
    }

    #[test]
    fn segmenter_is_shared_across_threads() {
        let counts: Vec<usize> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4).map(|_| scope.spawn(|| word_count(LAO))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(counts.windows(2).all(|w| w[0] == w[1]));
    }
}
