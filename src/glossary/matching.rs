//! Finding an entry's forms and avoided variants in prose: every pattern of a language
//! in one Aho–Corasick pass over the text, then only the matches that start and end at
//! word boundaries. Latin-script text has a boundary wherever a letter meets anything
//! else; Lao (written without spaces) where the ICU4X dictionary segmenter puts one, so
//! a name embedded mid-sentence is found and a word that merely contains its letters
//! is not. Whitespace runs (a line break included) count as one space; Vietnamese is
//! compared after NFC, letter case per the entry's rule, tones always: `Hà` is not `Hạ`.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::prose::Block;
use super::{Case, Entry};
use crate::text::{is_invisible_format, is_spaceless_script, word_boundaries};

pub(crate) use crate::text::is_word_char;

/// What a match is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HitKind {
    /// The entry's form in the page's language.
    Form,
    /// One of the spellings the entry avoids in that language (its index in the list).
    Avoided(usize),
}

/// One match in one block of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub entry: usize,
    pub kind: HitKind,
    /// Index of the block in the page's blocks.
    pub block: usize,
    /// Bytes of the block's text.
    pub range: Range<usize>,
}

/// The patterns of one language.
pub(super) struct Matcher {
    /// Entries whose case is ignored: patterns and text lower-cased.
    folded: Option<Patterns>,
    exact: Option<Patterns>,
}

struct Patterns {
    automaton: AhoCorasick,
    /// Per pattern id: whose form or variant it is.
    owners: Vec<(usize, HitKind)>,
}

impl Patterns {
    fn new(patterns: Vec<(String, usize, HitKind)>) -> Option<Patterns> {
        if patterns.is_empty() {
            return None;
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns.iter().map(|(text, _, _)| text))
            .expect("glossary patterns are short texts");
        Some(Patterns {
            automaton,
            owners: patterns
                .into_iter()
                .map(|(_, entry, kind)| (entry, kind))
                .collect(),
        })
    }
}

impl Matcher {
    pub(super) fn new(entries: &[Entry], lang: &str) -> Matcher {
        let mut folded = Vec::new();
        let mut exact = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let lower = entry.case == Case::Ignore;
            let target = if lower { &mut folded } else { &mut exact };
            if let Some(form) = entry.form(lang) {
                target.push((fold(form, lower).0, index, HitKind::Form));
            }
            for (i, variant) in entry.avoid.get(lang).into_iter().flatten().enumerate() {
                target.push((fold(variant, lower).0, index, HitKind::Avoided(i)));
            }
        }
        Matcher {
            folded: Patterns::new(folded),
            exact: Patterns::new(exact),
        }
    }

    /// Every match in `block` (the `index`-th of its page), in text order.
    pub(super) fn find(&self, index: usize, block: &Block) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (patterns, lower) in [(&self.folded, true), (&self.exact, false)] {
            let Some(patterns) = patterns else {
                continue;
            };
            let (text, origin) = fold(&block.text, lower);
            let mut boundaries = Boundaries::new(&text);
            for found in patterns.automaton.find_overlapping_iter(&text) {
                let (start, end) = (found.start(), found.end());
                if !boundaries.is_boundary(start) || !boundaries.is_boundary(end) {
                    continue;
                }
                let range = origin[start]..origin[end];
                if block
                    .masked
                    .iter()
                    .any(|url| url.start < range.end && range.start < url.end)
                {
                    continue;
                }
                let (entry, kind) = patterns.owners[found.pattern().as_usize()];
                hits.push(Hit {
                    entry,
                    kind,
                    block: index,
                    range,
                });
            }
        }
        hits.sort_by_key(|hit| (hit.range.start, hit.range.end));
        hits
    }
}

/// Whether two spellings are one under `case`.
pub(super) fn same(a: &str, b: &str, case: Case) -> bool {
    let lower = case == Case::Ignore;
    fold(a, lower).0 == fold(b, lower).0
}

/// The text as it is compared: each whitespace run one space, invisible format
/// characters (zero-width spaces, soft hyphens) dropped, lower-cased when asked. With
/// it, for each of its bytes, the byte of `text` it comes from (one more entry: the
/// end).
fn fold(text: &str, lower: bool) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                folded.push(' ');
                origin.push(at);
                in_space = true;
            }
            continue;
        }
        if is_invisible_format(c) {
            continue;
        }
        in_space = false;
        let before = folded.len();
        if lower && !c.is_lowercase() {
            folded.extend(c.to_lowercase());
        } else {
            folded.push(c);
        }
        origin.resize(folded.len(), at);
        debug_assert!(origin.len() > before);
    }
    origin.push(text.len());
    (folded, origin)
}

/// Word boundaries of one folded text, segmenting its runs of Lao (and other scripts
/// written without spaces) only when a match starts or ends inside one.
struct Boundaries<'a> {
    text: &'a str,
    /// Start of a spaceless run → the segmenter's boundaries in it (absolute offsets).
    runs: HashMap<usize, Vec<usize>>,
}

impl<'a> Boundaries<'a> {
    fn new(text: &'a str) -> Self {
        Boundaries {
            text,
            runs: HashMap::new(),
        }
    }

    fn is_boundary(&mut self, at: usize) -> bool {
        let (Some(before), Some(after)) = (
            self.text[..at].chars().next_back(),
            self.text[at..].chars().next(),
        ) else {
            return true;
        };
        if is_spaceless_script(before) && is_spaceless_script(after) {
            let start = self.text[..at]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_spaceless_script(c))
                .last()
                .map_or(at, |(i, _)| i);
            let text = self.text;
            let boundaries = self.runs.entry(start).or_insert_with(|| {
                let end = text[start..]
                    .char_indices()
                    .find(|&(_, c)| !is_spaceless_script(c))
                    .map_or(text.len(), |(i, _)| start + i);
                word_boundaries(&text[start..end])
                    .map(|b| start + b)
                    .collect()
            });
            return boundaries.binary_search(&at).is_ok();
        }
        !(is_word_char(before) && is_word_char(after))
    }
}

#[cfg(test)]
mod tests {
    use super::super::prose::{Block, Place};
    use super::*;
    use indexmap::IndexMap;

    fn entry(key: &str, forms: &[(&str, &str)], avoid: &[(&str, &str)], case: Case) -> Entry {
        let mut avoided: IndexMap<String, Vec<String>> = IndexMap::new();
        for (lang, text) in avoid {
            avoided
                .entry(lang.to_string())
                .or_default()
                .push(text.to_string());
        }
        Entry {
            key: key.to_string(),
            forms: forms
                .iter()
                .map(|(l, f)| (l.to_string(), f.to_string()))
                .collect(),
            avoid: avoided,
            case,
        }
    }

    fn found(entries: &[Entry], lang: &str, text: &str) -> Vec<(usize, HitKind, String)> {
        let block = Block::plain(Place::Title, text);
        Matcher::new(entries, lang)
            .find(0, &block)
            .into_iter()
            .map(|hit| (hit.entry, hit.kind, text[hit.range].to_string()))
            .collect()
    }

    #[test]
    fn vietnamese_keeps_tones_and_ignores_case() {
        let entries = [entry("ha-tinh", &[("vi", "Hà Tĩnh")], &[], Case::Ignore)];
        assert_eq!(found(&entries, "vi", "Tỉnh HÀ TĨNH giáp").len(), 1);
        assert!(found(&entries, "vi", "Hạ Tĩnh").is_empty());
        assert!(found(&entries, "vi", "Ha Tinh").is_empty());
        // A longer word is another word.
        assert!(found(&entries, "vi", "Hà Tĩnhs").is_empty());
    }

    #[test]
    fn names_continue_across_one_line_break_but_not_inside_words() {
        let entries = [entry(
            "cha-lo",
            &[("vi", "Cửa khẩu Cha Lo")],
            &[],
            Case::Ignore,
        )];
        let hits = found(&entries, "vi", "qua cửa khẩu\nCha  Lo, tỉnh");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].2, "cửa khẩu\nCha  Lo");
        assert!(found(&entries, "vi", "cửa khẩu Cha Long").is_empty());
    }

    #[test]
    fn exact_case_and_avoided_variants() {
        let entries = [entry(
            "quang-binh",
            &[("en", "Quang Binh")],
            &[("en", "Quangbinh"), ("en", "Quang Binh province")],
            Case::Exact,
        )];
        let hits = found(
            &entries,
            "en",
            "In Quangbinh and Quang Binh province, quang binh",
        );
        assert_eq!(
            hits,
            [
                (0, HitKind::Avoided(0), "Quangbinh".to_string()),
                (0, HitKind::Form, "Quang Binh".to_string()),
                (0, HitKind::Avoided(1), "Quang Binh province".to_string()),
            ]
        );
    }

    #[test]
    fn lao_is_found_mid_sentence_but_not_inside_a_word() {
        // ຫວຽດນາມ (Vietnam), embedded without spaces.
        let entries = [entry("viet-nam", &[("lo", "ຫວຽດນາມ")], &[], Case::Ignore)];
        let text = "ການຮ່ວມມືລະຫວ່າງລາວແລະຫວຽດນາມແມ່ນແໜ້ນແຟ້ນ";
        assert_eq!(found(&entries, "lo", text).len(), 1);
        // ນາມ (name) is only the end of ຫວຽດນາມ here.
        let part = [entry("nam", &[("lo", "ນາມ")], &[], Case::Ignore)];
        assert!(found(&part, "lo", text).is_empty());
    }
}
