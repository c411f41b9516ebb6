//! The files of a Pagefind 1.6 bundle, which Pagefind's search script (its
//! `pagefind.js` and `wasm`, shipped as they come from the `pagefind` crate) reads:
//!
//! - `pagefind-entry.json`: the version, the language's metadata file and script;
//! - `pagefind.LANG_HASH.pf_meta`: every page's fragment name and word count, and the
//!   word range of each index chunk;
//! - `index/LANG_HASH.pf_index`: words in sorted order, each with the pages it is on
//!   and its positions and weights there;
//! - `fragment/LANG_HASH.pf_fragment`: one page's address, text and metadata, from
//!   which the script makes its result and excerpt.
//!
//! Metadata and chunks are CBOR (arrays of fields in order), fragments JSON; each is
//! gzipped after the marker `pagefind_dcd`. Names carry a hash of the content, so a
//! file that did not change keeps its name, and browsers their cached copy, across
//! deploys.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::ops::Range;

use minicbor::Encode;
use serde::Serialize;

/// Index chunks close once they hold this many positions (Pagefind's own size).
const CHUNK_SIZE: usize = 20_000;

/// The weight the script assumes until a position says otherwise.
const DEFAULT_WEIGHT: u8 = 25;

/// `pagefind.LANG_HASH.pf_meta`.
#[derive(Encode)]
pub struct Meta {
    #[n(0)]
    pub version: String,
    #[n(1)]
    pub pages: Vec<MetaPage>,
    #[n(2)]
    pub chunks: Vec<MetaChunk>,
    #[n(3)]
    pub filters: Vec<MetaNamed>,
    #[n(4)]
    pub sorts: Vec<MetaNamed>,
    #[n(5)]
    pub meta_fields: Vec<String>,
}

#[derive(Encode)]
pub struct MetaPage {
    /// The fragment's name, without folder and extension.
    #[n(0)]
    pub hash: String,
    #[n(1)]
    pub word_count: u32,
    /// Pagefind's fragment groups; one fragment per page here, so always empty.
    #[n(2)]
    pub group: String,
}

#[derive(Encode)]
pub struct MetaChunk {
    #[n(0)]
    pub from: String,
    #[n(1)]
    pub to: String,
    #[n(2)]
    pub hash: String,
}

/// Filters and sorts (none here; the fields exist for the script).
#[derive(Encode)]
pub struct MetaNamed {
    #[n(0)]
    pub name: String,
    #[n(1)]
    pub hash: String,
}

/// A word: the pages it is on as written, and those where it is written with marks.
#[derive(Default, Clone)]
pub struct Word {
    pub key: String,
    pub pages: Postings,
    pub forms: Vec<(String, Postings)>,
}

/// The pages a word (or one form of it) is on, each with the word's positions there,
/// written as CBOR as they come, in page order (`[page, [locs…], [meta_locs…]]`, the
/// page as the difference from the previous one's number).
#[derive(Default, Clone)]
pub struct Postings {
    count: usize,
    last_page: usize,
    /// Positions held, for the chunk sizes.
    size: usize,
    cbor: Vec<u8>,
}

impl Postings {
    /// Adds page number `page` (greater than the last one added), with the positions
    /// of [`locs`] and [`meta_locs`].
    pub fn push(&mut self, page: usize, locs: &[i32], meta_locs: &[i32]) {
        let delta = (page - self.last_page) as u64;
        encode_entry(&mut self.cbor, delta, locs, meta_locs);
        self.count += 1;
        self.last_page = page;
        self.size += locs.len() + meta_locs.len() + 1;
    }

    /// Sets page number `page`'s positions, or takes the page out (`None`), wherever it
    /// is in the list: the bytes become those of pushing the pages in order. Reads the
    /// list up to the page.
    pub fn set(&mut self, page: usize, entry: Option<(&[i32], &[i32])>) {
        let mut d = minicbor::Decoder::new(&self.cbor);
        // The page before `page` (0 before the first), and the first entry at or after it.
        let mut before = 0;
        let mut found: Option<(usize, Head, usize)> = None;
        for _ in 0..self.count {
            let start = d.position();
            let head = head(&self.cbor, start, before);
            d.set_position(head.after_delta);
            let mut size = 1;
            for _ in 0..2 {
                let n = d.array().expect(OWN_CBOR).expect(OWN_CBOR);
                for _ in 0..n {
                    d.i32().expect(OWN_CBOR);
                }
                size += n as usize;
            }
            if head.page >= page {
                found = Some((start, head, size));
                break;
            }
            before = head.page;
        }
        let here = found.as_ref().is_some_and(|(_, head, _)| head.page == page);
        if entry.is_none() && !here {
            return;
        }
        let start = found
            .as_ref()
            .map_or(self.cbor.len(), |(start, _, _)| *start);
        let mut out = Vec::with_capacity(self.cbor.len() + 64);
        out.extend_from_slice(&self.cbor[..start]);
        if let Some((locs, meta_locs)) = entry {
            encode_entry(&mut out, (page - before) as u64, locs, meta_locs);
            self.count += 1;
            self.size += locs.len() + meta_locs.len() + 1;
        }
        // The entries after `page`, the first with its delta from the page now before it.
        let mut rest = found.map(|(_, head, _)| head);
        if here {
            let (_, old, size) = found.expect("found here");
            self.count -= 1;
            self.size -= size;
            let mut d = minicbor::Decoder::new(&self.cbor);
            d.set_position(old.after_delta);
            d.skip().and_then(|()| d.skip()).expect(OWN_CBOR);
            let end = d.position();
            rest = (end < self.cbor.len()).then(|| head(&self.cbor, end, page));
        }
        let from = if entry.is_some() { page } else { before };
        match rest {
            Some(next) => {
                let mut e = minicbor::Encoder::new(&mut out);
                e.array(3)
                    .and_then(|e| e.u64((next.page - from) as u64))
                    .expect(IN_MEMORY);
                out.extend_from_slice(&self.cbor[next.after_delta..]);
            }
            None => self.last_page = from,
        }
        self.cbor = out;
    }

    /// How many pages the list holds.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Keeps at most `keep` positions of each page, the heaviest (the earliest of equal
    /// weight), as [`locs`] orders them.
    pub fn thin(&mut self, keep: usize) {
        let mut d = minicbor::Decoder::new(&self.cbor);
        let mut thinned = Postings::default();
        let (mut page, mut at, mut locs_out, mut meta) = (0, Vec::new(), Vec::new(), Vec::new());
        for _ in 0..self.count {
            d.array().expect(OWN_CBOR);
            page += d.u64().expect(OWN_CBOR) as usize;
            at.clear();
            let mut weight = DEFAULT_WEIGHT;
            let mut last = 0u32;
            let mut marker = false;
            for _ in 0..d.array().expect(OWN_CBOR).expect(OWN_CBOR) {
                let value = d.i32().expect(OWN_CBOR);
                if value < 0 {
                    weight = (-value - 1) as u8;
                    marker = true;
                } else if marker {
                    last = value as u32;
                    at.push((last, weight));
                    marker = false;
                } else {
                    last += value as u32;
                    at.push((last, weight));
                }
            }
            meta.clear();
            for _ in 0..d.array().expect(OWN_CBOR).expect(OWN_CBOR) {
                meta.push(d.i32().expect(OWN_CBOR));
            }
            if at.len() > keep {
                at.sort_unstable_by_key(|&(position, weight)| {
                    (std::cmp::Reverse(weight), position)
                });
                at.truncate(keep);
            }
            locs(&mut at, &mut locs_out);
            thinned.push(page, &locs_out, &meta);
        }
        *self = thinned;
    }

    fn encode(&self, e: &mut minicbor::Encoder<&mut Vec<u8>>) {
        e.array(self.count as u64).expect(IN_MEMORY);
        e.writer_mut().extend_from_slice(&self.cbor);
    }
}

/// The start of an entry: its page, and where its positions begin.
#[derive(Clone, Copy)]
struct Head {
    page: usize,
    after_delta: usize,
}

/// Reads the head of the entry at byte `at`, the one after page `before`.
fn head(cbor: &[u8], at: usize, before: usize) -> Head {
    let mut d = minicbor::Decoder::new(cbor);
    d.set_position(at);
    d.array().expect(OWN_CBOR);
    let page = before + d.u64().expect(OWN_CBOR) as usize;
    Head {
        page,
        after_delta: d.position(),
    }
}

/// Writes one page's entry, `[delta, [locs…], [meta_locs…]]`.
fn encode_entry(out: &mut Vec<u8>, delta: u64, locs: &[i32], meta_locs: &[i32]) {
    let mut e = minicbor::Encoder::new(out);
    e.array(3).and_then(|e| e.u64(delta)).expect(IN_MEMORY);
    for list in [locs, meta_locs] {
        e.array(list.len() as u64).expect(IN_MEMORY);
        for &value in list {
            e.i32(value).expect(IN_MEMORY);
        }
    }
}

const IN_MEMORY: &str = "writing to memory does not fail";
const OWN_CBOR: &str = "postings read back as they were written";

impl Word {
    fn size(&self) -> usize {
        self.pages.size + self.forms.iter().map(|(_, p)| p.size + 1).sum::<usize>()
    }
}

/// A page's fragment.
#[derive(Serialize)]
pub struct Fragment<'a> {
    pub url: &'a str,
    /// The page's words, each once, joined by spaces; positions count these words.
    pub content: &'a str,
    pub word_count: usize,
    pub filters: BTreeMap<String, Vec<String>>,
    pub meta: BTreeMap<&'static str, String>,
    pub anchors: [(); 0],
}

/// `pagefind-entry.json`.
#[derive(Serialize)]
pub struct Entry<'a> {
    pub version: &'a str,
    pub languages: BTreeMap<&'a str, EntryLanguage>,
    pub include_characters: Vec<char>,
}

#[derive(Serialize)]
pub struct EntryLanguage {
    pub hash: String,
    pub wasm: Option<String>,
    pub page_count: usize,
}

/// Positions of a word on a page (`(position, weight)`, in any order) as the script
/// reads them: runs of one weight, each run after a marker `-(weight + 1)` and its
/// first position absolute, the rest as differences. Runs of the common weight first.
pub fn locs(positions: &mut [(u32, u8)], out: &mut Vec<i32>) {
    sort_locs(positions);
    sorted_locs(positions, out);
}

/// Puts positions in the order [`sorted_locs`] takes them.
pub fn sort_locs(positions: &mut [(u32, u8)]) {
    positions
        .sort_unstable_by_key(|&(position, weight)| (weight != DEFAULT_WEIGHT, weight, position));
}

/// [`locs`] of positions already in [`sort_locs`]'s order.
pub fn sorted_locs(positions: &[(u32, u8)], out: &mut Vec<i32>) {
    out.clear();
    let mut weight = DEFAULT_WEIGHT;
    let mut last = 0;
    for &(position, w) in positions.iter() {
        if w != weight {
            out.push(-(i32::from(w)) - 1);
            out.push(position as i32);
            weight = w;
        } else {
            out.push((position - last) as i32);
        }
        last = position;
    }
}

/// Positions of a word in metadata fields (`(field, position)`): for each field, the
/// marker `-(field + 1)` and then differences from the field's previous position.
/// The positions are sorted.
pub fn sorted_meta_locs(positions: &[(u16, u32)], out: &mut Vec<i32>) {
    out.clear();
    let mut field = None;
    let mut last = 0;
    for &(f, position) in positions.iter() {
        if field != Some(f) {
            out.push(-(i32::from(f)) - 1);
            field = Some(f);
            last = 0;
        }
        out.push((position - last) as i32);
        last = position;
    }
}

/// Gzips `payload` behind Pagefind's marker.
pub fn pack(payload: &[u8]) -> Vec<u8> {
    pack_at(payload, 6)
}

/// [`pack`] at a faster level, for a page's fragment: every page's text must be
/// compressed, while a query downloads only the fragments of the results it shows. At
/// 1,000 generated articles level 3 costs the fragments 1 % (Vietnamese) to 10 % (Lao)
/// more bytes than level 6 and the whole build about 8 % less CPU; level 1 costs 35–68 %.
pub fn pack_fast(payload: &[u8]) -> Vec<u8> {
    pack_at(payload, 3)
}

fn pack_at(payload: &[u8], level: u32) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(
        Vec::with_capacity(payload.len() / 3 + 64),
        flate2::Compression::new(level),
    );
    gz.write_all(b"pagefind_dcd")
        .and_then(|()| gz.write_all(payload))
        .expect("writing to memory does not fail");
    gz.finish().expect("writing to memory does not fail")
}

/// CBOR of a value.
pub fn cbor(value: &impl Encode<()>) -> Vec<u8> {
    let mut out = Vec::new();
    minicbor::encode(value, &mut out).expect("writing to memory does not fail");
    out
}

/// Names files by their content: `LANG_` and the first seven hex digits of a BLAKE3
/// hash, one more digit while the name is taken by different content.
pub struct Names<'a> {
    lang: &'a str,
    given: HashMap<blake3::Hash, String>,
    taken: HashSet<String>,
}

impl<'a> Names<'a> {
    pub fn new(lang: &'a str) -> Self {
        Names {
            lang,
            given: HashMap::new(),
            taken: HashSet::new(),
        }
    }

    /// The name of `payload` (the content before packing), and whether it is new: the
    /// same content twice gets the same name, and is written once.
    pub fn name(&mut self, payload: &[u8]) -> (String, bool) {
        self.name_of(blake3::hash(payload))
    }

    /// [`Names::name`] of the content whose hash is `hash`.
    pub fn name_of(&mut self, hash: blake3::Hash) -> (String, bool) {
        if let Some(name) = self.given.get(&hash) {
            return (name.clone(), false);
        }
        let hex = hash.to_hex();
        let mut length = 7;
        let name = loop {
            let name = format!("{}_{}", self.lang, &hex[..length]);
            if self.taken.insert(name.clone()) || length == hex.len() {
                break name;
            }
            length += 1;
        };
        self.given.insert(hash, name.clone());
        (name, true)
    }
}

/// Where words, sorted by key, are cut into chunks: each chunk's words in `words` and
/// its range of keys, shortened to the prefixes that tell neighbouring chunks apart.
pub fn cut<W: Borrow<Word>>(words: &[W]) -> Vec<(Range<usize>, String, String)> {
    let mut chunks: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (at, word) in words.iter().enumerate() {
        size += word.borrow().size();
        if size >= CHUNK_SIZE {
            chunks.push(start..at + 1);
            start = at + 1;
            size = 0;
        }
    }
    if start < words.len() {
        chunks.push(start..words.len());
    }
    let key = |at: usize| words[at].borrow().key.clone();
    let mut ranges: Vec<(String, String)> = chunks
        .iter()
        .map(|chunk| (key(chunk.start), key(chunk.end - 1)))
        .collect();
    for i in 1..ranges.len() {
        let (before, after) = ranges.split_at_mut(i);
        let (from, to) = &mut before[i - 1];
        let next = &mut after[0].0;
        let common = to
            .chars()
            .zip(next.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let to_prefix: String = to.chars().take(common + 1).collect();
        if to_prefix >= *from {
            *to = to_prefix;
        }
        *next = next.chars().take(common + 1).collect();
    }
    chunks
        .into_iter()
        .zip(ranges)
        .map(|(words, (from, to))| (words, from, to))
        .collect()
}

/// The CBOR of a chunk: `[[word…]]`, each word `[key, [page…], [[form, [page…]]…]]`.
pub fn chunk_bytes<W: Borrow<Word>>(words: &[W]) -> Vec<u8> {
    let mut out = Vec::with_capacity(words.iter().map(|w| w.borrow().size() * 2 + 16).sum());
    let mut e = minicbor::Encoder::new(&mut out);
    e.array(1)
        .and_then(|e| e.array(words.len() as u64))
        .expect(IN_MEMORY);
    for word in words {
        let word = word.borrow();
        e.array(3).and_then(|e| e.str(&word.key)).expect(IN_MEMORY);
        word.pages.encode(&mut e);
        e.array(word.forms.len() as u64).expect(IN_MEMORY);
        for (form, pages) in &word.forms {
            e.array(2).and_then(|e| e.str(form)).expect(IN_MEMORY);
            pages.encode(&mut e);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_run_by_weight() {
        // The script starts at weight 25: other weights come after a marker.
        let mut out = Vec::new();
        locs(&mut [(9, 25), (0, 240), (3, 25)], &mut out);
        assert_eq!(out, [3, 6, -241, 0]);
        locs(&mut [(9, 24), (0, 240), (3, 24), (4, 24)], &mut out);
        assert_eq!(out, [-25, 3, 1, 5, -241, 0]);
        locs(&mut [(2, 25), (7, 25)], &mut out);
        assert_eq!(out, [2, 5]);
    }

    #[test]
    fn thinned_postings_keep_each_page_s_heaviest_positions() {
        let mut postings = Postings::default();
        let mut out = Vec::new();
        locs(&mut [(9, 25), (0, 240), (3, 25), (5, 144)], &mut out);
        postings.push(2, &out, &[-1, 0]);
        locs(&mut [(4, 25), (8, 25)], &mut out);
        postings.push(7, &out, &[]);
        postings.thin(1);
        let mut expected = Postings::default();
        expected.push(2, &[-241, 0], &[-1, 0]);
        expected.push(7, &[4], &[]);
        assert_eq!(postings.cbor, expected.cbor);
        assert_eq!(postings.count(), 2);
    }

    #[test]
    fn postings_set_anywhere_equal_postings_pushed_in_order() {
        let entry = |page: usize| (vec![page as i32 % 7, 2], vec![-1, page as i32 % 3]);
        let mut pages: BTreeMap<usize, (Vec<i32>, Vec<i32>)> = BTreeMap::new();
        let mut postings = Postings::default();
        // Pages put in, changed and taken out at the start, middle and end.
        let steps: [(usize, bool); 14] = [
            (5, true),
            (2, true),
            (9, true),
            (0, true),
            (5, false),
            (7, true),
            (9, false),
            (4, false),
            (12, true),
            (0, false),
            (2, true),
            (7, false),
            (12, false),
            (2, false),
        ];
        for (page, put) in steps {
            if put {
                pages.insert(page, entry(page + pages.len()));
                let (locs, meta) = &pages[&page];
                postings.set(page, Some((locs, meta)));
            } else {
                pages.remove(&page);
                postings.set(page, None);
            }
            let mut pushed = Postings::default();
            for (&page, (locs, meta)) in &pages {
                pushed.push(page, locs, meta);
            }
            assert_eq!(postings.cbor, pushed.cbor, "after {page} {put}");
            assert_eq!(
                (postings.count, postings.last_page, postings.size),
                (pushed.count, pushed.last_page, pushed.size)
            );
        }
    }

    #[test]
    fn meta_positions_per_field() {
        let mut out = Vec::new();
        let mut positions = [(2, 3), (0, 0), (0, 5), (2, 1)];
        positions.sort_unstable();
        sorted_meta_locs(&positions, &mut out);
        assert_eq!(out, [-1, 0, 5, -3, 1, 2]);
    }

    fn word(key: &str, positions: usize) -> Word {
        let mut pages = Postings::default();
        pages.push(0, &vec![1; positions], &[]);
        Word {
            key: key.into(),
            pages,
            forms: vec![],
        }
    }

    #[test]
    fn chunks_are_the_script_s_cbor() {
        // Two pages of "ha", one with the form "hà": page numbers as differences.
        let mut pages = Postings::default();
        pages.push(2, &[1, 3], &[]);
        pages.push(5, &[4], &[-1, 0]);
        let mut form = Postings::default();
        form.push(5, &[-241, 0], &[]);
        let word = Word {
            key: "ha".into(),
            pages,
            forms: vec![("hà".into(), form)],
        };
        let bytes = chunk_bytes(&[word]);
        #[derive(minicbor::Decode, Debug, PartialEq)]
        struct P(#[n(0)] u64, #[n(1)] Vec<i32>, #[n(2)] Vec<i32>);
        #[derive(minicbor::Decode, Debug, PartialEq)]
        struct F(#[n(0)] String, #[n(1)] Vec<P>);
        #[derive(minicbor::Decode, Debug, PartialEq)]
        struct W(#[n(0)] String, #[n(1)] Vec<P>, #[n(2)] Vec<F>);
        #[derive(minicbor::Decode, Debug, PartialEq)]
        struct C(#[n(0)] Vec<W>);
        let chunk: C = minicbor::decode(&bytes).unwrap();
        assert_eq!(
            chunk,
            C(vec![W(
                "ha".into(),
                vec![P(2, vec![1, 3], vec![]), P(3, vec![4], vec![-1, 0])],
                vec![F("hà".into(), vec![P(5, vec![-241, 0], vec![])])]
            )])
        );
    }

    #[test]
    fn chunk_ranges_are_the_shortest_telling_prefixes() {
        let words = vec![
            word("apple", CHUNK_SIZE),
            word("apricot", 1),
            word("banana", CHUNK_SIZE),
            word("peach", 1),
        ];
        let ranges: Vec<(String, String)> = cut(&words)
            .into_iter()
            .map(|(_, from, to)| (from, to))
            .collect();
        assert_eq!(
            ranges,
            [
                ("apple".into(), "apple".into()),
                ("apr".into(), "b".into()),
                ("p".into(), "peach".into())
            ]
        );
    }

    #[test]
    fn names_extend_on_a_clash_and_repeat_for_the_same_content() {
        let mut names = Names::new("vi");
        let (a, fresh) = names.name(b"one");
        assert!(fresh && a.starts_with("vi_") && a.len() == 10);
        let (again, fresh) = names.name(b"one");
        assert!(!fresh);
        assert_eq!(a, again);
        names
            .taken
            .insert(format!("vi_{}", &blake3::hash(b"two").to_hex()[..7]));
        let (b, fresh) = names.name(b"two");
        assert!(fresh);
        assert_eq!(b.len(), 11);
        assert_eq!(names.name(b"two").0, b);
    }

    #[test]
    fn packed_files_start_with_the_marker() {
        use std::io::Read;
        let packed = pack(b"{}");
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, b"pagefind_dcd{}");
    }
}
