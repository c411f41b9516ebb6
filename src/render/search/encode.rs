//! Text as the search index reads it. Pagefind matches whole words split at spaces and
//! folds combining marks, which serves Vietnamese tones but not `đ` (a letter of its
//! own, not `d` with a mark) and not Lao (no spaces between words). So, for matching
//! only, the text given to the indexer is rewritten, and the theme's script rewrites
//! queries the same way and undoes it in what it shows (`themes/default/static/js/
//! search.js`):
//!
//! - `đ`/`Đ` become `d`/`D` followed by [`STROKE`], a combining mark Pagefind is told
//!   to keep inside words: the folded key is `d…` ("dien" finds "Điện"), while the kept
//!   original still differs from `d`, so "Điện" typed exactly ranks its own pages first.
//! - Each run of Lao letters is split into words by the ICU4X dictionary segmenter
//!   (the one summaries use); each word ends with [`WORD_END`] and a space, and with a
//!   second [`WORD_END`] where the original had a space after it. A query word ending
//!   in [`WORD_END`] matches only a whole word: Pagefind's prefix matching cannot reach
//!   into another word, so "ຕະຫຼາດ" finds "ຕະຫຼາດຊາຍແດນ" but "ດຊາ" finds nothing.
//! - Lao tone marks are kept inside words (Pagefind drops them otherwise, so words
//!   differing only by tone would be one).

/// U+0335 COMBINING SHORT STROKE OVERLAY: `d` + this is how the index spells `đ`.
pub const STROKE: char = '\u{0335}';

/// U+2060 WORD JOINER: invisible, ends every Lao word in the index.
pub const WORD_END: char = '\u{2060}';

/// The characters Pagefind must keep inside words (its `include_characters`).
pub fn include_characters() -> String {
    let mut chars = String::from(STROKE);
    chars.push(WORD_END);
    chars.extend('\u{0EC8}'..='\u{0ECC}');
    chars
}

pub fn is_lao(c: char) -> bool {
    ('\u{0E80}'..='\u{0EFF}').contains(&c)
}

/// Appends `text`, rewritten for matching, to `out`.
pub fn text(text: &str, out: &mut String) {
    rewrite(text, out, false);
}

/// [`text`] for a whole block (a title, a paragraph): its end is a break, as a space is.
pub fn block(text: &str, out: &mut String) {
    rewrite(text, out, true);
}

/// `ends_in_break`: what follows `text` separates words (a space, the end of a block).
fn rewrite(text: &str, out: &mut String, ends_in_break: bool) {
    let composed;
    let text = if unicode_normalization::is_nfc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        text
    } else {
        composed = crate::text::nfc(text);
        composed.as_str()
    };
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| is_lao(c) || c == 'đ' || c == 'Đ') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let first = rest.chars().next().expect("found above");
        if !is_lao(first) {
            out.push(if first == 'đ' { 'd' } else { 'D' });
            out.push(STROKE);
            rest = &rest[first.len_utf8()..];
            continue;
        }
        let end = rest.find(|c: char| !is_lao(c)).unwrap_or(rest.len());
        let (run, after) = rest.split_at(end);
        let spaced = after.starts_with(char::is_whitespace) || (after.is_empty() && ends_in_break);
        let mut pieces = crate::text::segments(run).peekable();
        while let Some(piece) = pieces.next() {
            out.push_str(piece);
            out.push(WORD_END);
            if spaced && pieces.peek().is_none() {
                out.push(WORD_END);
            }
            out.push(' ');
        }
        rest = after;
    }
    out.push_str(rest);
}

/// Appends `html` with its text (never its tags) rewritten for matching. The HTML is
/// mekong's own (Markdown rendered and sanitized): every `<` in text is escaped, so a
/// `<` always opens a tag and the next `>` closes it.
pub fn html(html: &str, out: &mut String) {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rewrite(&rest[..open], out, is_block_tag(&rest[open..]));
        let close = rest[open..]
            .find('>')
            .map_or(rest.len(), |at| open + at + 1);
        out.push_str(&rest[open..close]);
        rest = &rest[close..];
    }
    text(rest, out);
}

/// Whether the tag `tag` starts with (`<p>`, `</li>`, `<br>`) opens or closes a block,
/// which separates the words on either side of it.
pub(super) fn is_block_tag(tag: &str) -> bool {
    let name = tag.trim_start_matches('<').trim_start_matches('/');
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let mut lower = [0u8; 10];
    let Some(lower) = lower.get_mut(..end) else {
        return false;
    };
    lower.copy_from_slice(&name.as_bytes()[..end]);
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"p" | b"div"
            | b"br"
            | b"li"
            | b"ul"
            | b"ol"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"blockquote"
            | b"pre"
            | b"table"
            | b"tr"
            | b"td"
            | b"th"
            | b"figure"
            | b"figcaption"
            | b"hr"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"section"
            | b"article"
            | b"aside"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(s: &str) -> String {
        let mut out = String::new();
        text(s, &mut out);
        out
    }

    /// What the search script shows of text Pagefind stored (its words joined by one
    /// space): the rewriting undone.
    fn shown(s: &str) -> String {
        let stored = s.split_whitespace().collect::<Vec<_>>().join(" ");
        stored
            .replace("\u{2060}\u{2060}", "\u{2061}")
            .replace("\u{2060} ", "")
            .replace(['\u{2060}', '\u{2061}'], "")
            .replace("d\u{0335}", "đ")
            .replace("D\u{0335}", "Đ")
    }

    #[test]
    fn d_with_stroke_is_d_with_a_mark() {
        assert_eq!(encoded("Điện Biên đẹp"), "D\u{335}iện Biên d\u{335}ẹp");
        assert_eq!(shown(&encoded("Điện Biên đẹp")), "Điện Biên đẹp");
    }

    #[test]
    fn lao_words_end_with_the_joiner() {
        let out = encoded("ຕະຫຼາດຊາຍແດນ ແຂວງ");
        let words: Vec<&str> = out.split_whitespace().collect();
        assert_eq!(
            words,
            ["ຕະຫຼາດ\u{2060}", "ຊາຍແດນ\u{2060}\u{2060}", "ແຂວງ\u{2060}"]
        );
        assert_eq!(shown(&out), "ຕະຫຼາດຊາຍແດນ ແຂວງ");
    }

    #[test]
    fn lao_next_to_latin_and_punctuation_keeps_them() {
        let out = encoded("ປີ 2025, ຕະຫຼາດ(ASEAN).");
        assert_eq!(shown(&out), "ປີ 2025, ຕະຫຼາດ(ASEAN).");
        assert!(out.contains("ຕະຫຼາດ\u{2060} (ASEAN)"));
    }

    #[test]
    fn tags_are_left_alone() {
        let mut out = String::new();
        html("<a href=\"/lo/ຂ່າວ/\" title=\"đ\">đ ຂ່າວ</a>", &mut out);
        assert_eq!(
            out,
            "<a href=\"/lo/ຂ່າວ/\" title=\"đ\">d\u{335} ຂ່າວ\u{2060} </a>"
        );
    }

    #[test]
    fn lao_at_the_end_of_a_block_is_not_joined_to_the_next() {
        let mut out = String::new();
        html("<p>ການປັບປຸງ</p><p>ໃນຕອນເຊົ້າ</p>", &mut out);
        let text = out.replace("<p>", " ").replace("</p>", " ");
        assert!(shown(&text).starts_with("ການປັບປຸງ ໃນ"), "{:?}", shown(&text));
        let mut title = String::new();
        block("ການປັບປຸງ", &mut title);
        assert!(title.ends_with("\u{2060}\u{2060} "));
    }

    #[test]
    fn nfd_input_is_composed_first() {
        let nfd = "Ha\u{300} Giang";
        assert_eq!(encoded(nfd), "Hà Giang");
    }
}
