//! A language's index, written by mekong in Pagefind's format ([`super::format`]) from
//! the pages' text: the words are cut, keyed and weighed here ([`super::words`]), each
//! page on its own thread, so the index costs about what reading the text once does.
//! Pagefind's own indexer (which would parse every page's HTML again) is used only to
//! hand over its search script and `wasm` files ([`super::assets`]).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use pagefind_stem::Stemmer;
use rayon::prelude::*;

mod reader;

use super::Entry;
use super::encode;
use super::format::{self, Meta, MetaChunk, MetaPage, Postings, Word};
use super::words::{self, Key};
use reader::Reader;

/// Weights, in the script's units. Body text is 25, the weight the script assumes
/// until a position says otherwise, so a page's body positions need no marker
/// (Pagefind's own indexer writes 24, and pays two bytes per word and page for it).
pub(super) const BODY: u8 = 25;
const TITLE: u8 = 240;
const SUMMARY: u8 = 120;

/// The index of `entries` (one language's pages, in page order) as the bundle's files
/// by their path inside the bundle folder (`pagefind.js`, `fragment/…`).
///
///
/// With `earlier` (the pages read for the language's last index), pages whose entry
/// did not change are taken from there instead of read again, and this index's pages
/// are returned with the files for the next one.
pub fn index(
    lang: &str,
    entries: &[Entry],
    earlier: Option<&Kept>,
) -> Result<(Files, Option<Kept>), String> {
    let assets = super::assets::get()?;
    let keep: Vec<char> = encode::include_characters().chars().collect();
    let fields = meta_fields(entries);
    let title_field = fields
        .iter()
        .position(|f| *f == "title")
        .expect("every page has a title") as u16;
    let mut bundle = BTreeMap::new();
    let mut names = format::Names::new(lang);
    let mut meta = Meta {
        version: assets.version.clone(),
        pages: Vec::with_capacity(entries.len()),
        chunks: Vec::new(),
        filters: Vec::new(),
        sorts: Vec::new(),
        meta_fields: fields.iter().map(|f| f.to_string()).collect(),
    };
    let mut dictionary: Dictionary = HashMap::default();
    // Pages are read in parallel a batch at a time, and merged in page order: only a
    // batch of pages' words is held besides the dictionary. Each thread reads a run of
    // the batch with scratch it keeps from batch to batch.
    let threads = rayon::current_num_threads().max(1);
    let mut scratches: Vec<Scratch> = (0..threads).map(|_| Scratch::new(lang, &keep)).collect();
    let mut number = 0;
    let mut kept = Kept::default();
    for batch in entries.chunks(BATCH) {
        let run = batch.len().div_ceil(threads);
        let pages: Vec<Vec<(u64, Arc<Page>)>> = scratches
            .par_iter_mut()
            .zip(batch.par_chunks(run))
            .map(|(scratch, run)| {
                run.iter()
                    .map(|entry| {
                        // Without `earlier` nothing is kept, and no key is needed.
                        let key = earlier.map_or(0, |_| read_key(entry, title_field));
                        let known = earlier.and_then(|earlier| earlier.pages.get(&key));
                        let page = known
                            .cloned()
                            .unwrap_or_else(|| Arc::new(read(entry, scratch, title_field)));
                        (key, page)
                    })
                    .collect()
            })
            .collect();
        for (key, page) in pages.into_iter().flatten() {
            merge(
                &page,
                number,
                &mut names,
                &mut bundle,
                &mut meta,
                &mut dictionary,
            );
            number += 1;
            if earlier.is_some() {
                kept.pages.insert(key, page);
            }
        }
    }
    bundle.extend(super::lao_words::files(lao_words(&dictionary)));
    // A word on a good share of the pages ranks them little (it tells them apart
    // little) and is the largest download of a query: it keeps one position a page.
    let common = (entries.len() / COMMON).max(MIN_COMMON);
    let mut words: Vec<Word> = dictionary
        .into_iter()
        .map(|(key, mut word)| {
            word.key = key.to_string();
            let pages =
                word.pages.count() + word.forms.iter().map(|(_, p)| p.count()).sum::<usize>();
            if pages > common {
                word.pages.thin(1);
                for (_, postings) in &mut word.forms {
                    postings.thin(1);
                }
            }
            // Forms in a fixed order, so that the same pages give the same files.
            word.forms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            word
        })
        .collect();
    words.par_sort_unstable_by(|a, b| a.key.cmp(&b.key));
    let chunks: Vec<(blake3::Hash, Vec<u8>, String, String)> = format::chunks(words)
        .into_par_iter()
        .map(|(words, from, to)| {
            let bytes = format::chunk_bytes(&words);
            let hash = blake3::hash(&bytes);
            let known = earlier.and_then(|earlier| earlier.chunks.get(&hash));
            let packed = known.cloned().unwrap_or_else(|| format::pack(&bytes));
            (hash, packed, from, to)
        })
        .collect();
    for (hash, packed, from, to) in chunks {
        let (name, fresh) = names.name_of(hash);
        if fresh {
            if earlier.is_some() {
                kept.chunks.insert(hash, packed.clone());
            }
            bundle.insert(PathBuf::from(format!("index/{name}.pf_index")), packed);
        }
        meta.chunks.push(MetaChunk {
            from,
            to,
            hash: name,
        });
    }
    let page_count = meta.pages.len();
    let meta_bytes = format::cbor(&meta);
    let (meta_name, _) = names.name(&meta_bytes);
    bundle.insert(
        PathBuf::from(format!("pagefind.{meta_name}.pf_meta")),
        format::pack(&meta_bytes),
    );
    let stems = words::has_stemmer(lang);
    let entry = format::Entry {
        version: &assets.version,
        languages: BTreeMap::from([(
            lang,
            format::EntryLanguage {
                hash: meta_name,
                wasm: stems.then(|| lang.to_string()),
                page_count,
            },
        )]),
        include_characters: keep,
    };
    let entry = serde_json::to_vec(&entry).map_err(|error| error.to_string())?;
    bundle.insert(PathBuf::from("pagefind-entry.json"), entry);
    for name in ["pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind"] {
        bundle.insert(PathBuf::from(name), assets.file(name)?.to_vec());
    }
    if stems {
        let name = format!("wasm.{lang}.pagefind");
        bundle.insert(PathBuf::from(&name), assets.file(&name)?.to_vec());
    }
    Ok((bundle, earlier.is_some().then_some(kept)))
}

/// The index's Lao words as written (see [`super::lao_words`]).
fn lao_words(dictionary: &Dictionary) -> impl Iterator<Item = &str> {
    let lao = |word: &str| word.ends_with(encode::WORD_END) && word.chars().any(encode::is_lao);
    dictionary
        .iter()
        .flat_map(move |(key, word)| {
            let key = (word.pages.count() > 0 && lao(key)).then_some(&**key);
            let forms = (word.forms.iter())
                .map(|(form, _)| form.as_str())
                .filter(move |form| lao(form));
            key.into_iter().chain(forms)
        })
        .map(|word| word.trim_end_matches(encode::WORD_END))
}

/// Pages read at once (each holds its words until it is merged).
const BATCH: usize = 256;

type Dictionary = HashMap<Arc<str>, Word, Fixed>;

/// What a language's index was made of, for the next one: its pages as read (by
/// [`read_key`]) and its chunks packed (by the hash of what they hold).
#[derive(Default)]
pub struct Kept {
    pages: HashMap<u64, Arc<Page>, Fixed>,
    chunks: HashMap<blake3::Hash, Vec<u8>>,
}

/// An index's files, by their path inside the bundle folder.
pub type Files = BTreeMap<PathBuf, Vec<u8>>;

/// What a page's reading depends on: its entry (the body by its revision) and the
/// number of the title field.
fn read_key(entry: &Entry, title_field: u16) -> u64 {
    super::fingerprint::of(entry, "search-page", u64::from(title_field))
}

/// Adds page number `number` to the bundle (its fragment), the metadata and the words.
fn merge(
    page: &Page,
    number: usize,
    names: &mut format::Names,
    bundle: &mut BTreeMap<PathBuf, Vec<u8>>,
    meta: &mut Meta,
    dictionary: &mut Dictionary,
) {
    let (name, fresh) = names.name_of(page.fragment_hash);
    if fresh {
        bundle.insert(
            PathBuf::from(format!("fragment/{name}.pf_fragment")),
            page.packed.clone(),
        );
    }
    meta.pages.push(MetaPage {
        hash: name,
        word_count: page.word_count,
        group: String::new(),
    });
    let (mut locs, mut meta_locs) = (Vec::new(), Vec::new());
    for (key, form, (at, in_title)) in &page.words {
        format::sorted_locs(at, &mut locs);
        format::sorted_meta_locs(in_title, &mut meta_locs);
        let word = dictionary.entry(key.clone()).or_default();
        let postings = match form {
            None => &mut word.pages,
            Some(form) => match word.forms.iter().position(|(f, _)| **f == **form) {
                Some(known) => &mut word.forms[known].1,
                None => {
                    word.forms.push((form.to_string(), Postings::default()));
                    &mut word.forms.last_mut().expect("just pushed").1
                }
            },
        };
        postings.push(number, &locs, &meta_locs);
    }
}

/// Positions kept of a word on one page. A word on every page is in every page's
/// postings, which the reader downloads whole to search for it; each position costs
/// bytes there, and beyond a few they change little: the ranking's term frequency
/// saturates, and an excerpt needs one place to show.
const POSITIONS: usize = 4;

/// A word is common when it is on more than one page in this many (and on more than
/// [`MIN_COMMON`] pages).
const COMMON: usize = 8;
const MIN_COMMON: usize = 100;

/// Keeps the [`POSITIONS`] heaviest positions of a word on a page, the earliest of
/// equal weight (the title's, then headings', then the first in the text).
fn keep_strongest(positions: &mut Vec<(u32, u8)>) {
    if positions.len() > POSITIONS {
        positions.sort_unstable_by_key(|&(position, weight)| (std::cmp::Reverse(weight), position));
        positions.truncate(POSITIONS);
    }
}

/// A hasher with a fixed seed: the maps here are read in key order or not at all, and
/// this one is several times faster than the standard one on short words.
type Fixed = foldhash::fast::FixedState;

/// The metadata fields of the pages, sorted (the script numbers them in this order).
fn meta_fields(entries: &[Entry]) -> Vec<&'static str> {
    let mut fields = vec!["title"];
    if entries.iter().any(|e| e.date.is_some()) {
        fields.push("date");
    }
    if entries.iter().any(|e| e.section.is_some()) {
        fields.push("section");
    }
    fields.sort_unstable();
    fields
}

/// A page as the index holds it.
pub struct Page {
    /// The hash of the fragment's JSON (which names it), and the JSON gzipped.
    fragment_hash: blake3::Hash,
    packed: Vec<u8>,
    word_count: u32,
    /// Each key (and unfolded form) with its positions in the text, with weights, and
    /// in the title field.
    words: Vec<(Arc<str>, Option<Arc<str>>, Positions)>,
}

type Positions = (Vec<(u32, u8)>, Vec<(u16, u32)>);

/// A key, and the form it was found in when that differs.
type WordForm = (Arc<str>, Option<Arc<str>>);

/// One key a word of text is found by, shared by every page with that word.
#[derive(Clone)]
struct Shared {
    key: Arc<str>,
    form: Option<Arc<str>>,
    part: bool,
}

/// What a thread keeps from page to page: the keys of the words it has seen (a
/// language's words repeat from page to page far more than they are new) and its
/// buffers.
struct Scratch<'a> {
    stemmer: Option<Stemmer>,
    keep: &'a [char],
    seen: HashMap<Box<str>, Box<[Shared]>, Fixed>,
    interned: HashMap<Box<str>, Arc<str>, Fixed>,
    keys: Vec<Key>,
    encoded: String,
    text: String,
}

/// Words a thread remembers before it starts again (a bound on its memory).
const SEEN: usize = 200_000;

impl<'a> Scratch<'a> {
    fn new(lang: &str, keep: &'a [char]) -> Self {
        Scratch {
            stemmer: words::stemmer(lang),
            keep,
            seen: HashMap::default(),
            interned: HashMap::default(),
            keys: Vec::new(),
            encoded: String::new(),
            text: String::new(),
        }
    }

    /// The keys of `word` (a word of the page's text, as the fragment shows it).
    fn keys(&mut self, word: &str) -> &[Shared] {
        if !self.seen.contains_key(word) {
            if self.seen.len() >= SEEN {
                self.seen.clear();
                self.interned.clear();
            }
            self.keys.clear();
            words::keys(
                &words::unescape(word),
                self.stemmer.as_ref(),
                self.keep,
                &mut self.keys,
            );
            let mut shared = Vec::with_capacity(self.keys.len());
            for key in self.keys.drain(..) {
                let form = key.form.map(|form| intern(&mut self.interned, form));
                shared.push(Shared {
                    key: intern(&mut self.interned, key.key),
                    form,
                    part: key.part,
                });
            }
            self.seen.insert(word.into(), shared.into_boxed_slice());
        }
        &self.seen[word]
    }
}

fn intern(interned: &mut HashMap<Box<str>, Arc<str>, Fixed>, text: String) -> Arc<str> {
    if let Some(known) = interned.get(text.as_str()) {
        return known.clone();
    }
    let shared: Arc<str> = Arc::from(text.as_str());
    interned.insert(text.into_boxed_str(), shared.clone());
    shared
}

fn read(entry: &Entry, scratch: &mut Scratch, title_field: u16) -> Page {
    let mut reader = Reader {
        content: String::with_capacity(entry.body.len() + entry.title.len() * 2 + 64),
        spans: Vec::new(),
        encoded: std::mem::take(&mut scratch.encoded),
    };
    reader.block(&crate::text::escape(entry.title), TITLE);
    if let Some(summary) = entry.summary {
        reader.block(&crate::text::escape(summary), SUMMARY);
    }
    let mut text = std::mem::take(&mut scratch.text);
    reader.html(entry.body, &mut text);
    scratch.text = text;
    scratch.encoded = std::mem::take(&mut reader.encoded);

    // Each word of the text once, with its positions; then its keys, once.
    let mut by_word: HashMap<&str, Vec<(u32, u8)>, Fixed> = HashMap::default();
    for (position, &(start, end, weight)) in reader.spans.iter().enumerate() {
        let word = &reader.content[start as usize..end as usize];
        by_word
            .entry(word)
            .or_default()
            .push((position as u32, weight));
    }
    let mut positions: HashMap<WordForm, Positions, Fixed> = HashMap::default();
    for (word, at) in by_word {
        let keys = scratch.keys(word);
        // A word joined by punctuation shares its weight among its parts.
        let parts = keys.iter().filter(|k| k.part).count() as u8;
        for key in keys {
            let slot = positions
                .entry((key.key.clone(), key.form.clone()))
                .or_default();
            if key.part {
                slot.0.extend(
                    at.iter()
                        .map(|&(position, weight)| (position, (weight / parts).max(1))),
                );
            } else {
                slot.0.extend_from_slice(&at);
            }
        }
    }

    // The title as the result shows it: decoded, in the index's spelling.
    let mut title = String::new();
    encode::block(entry.title, &mut title);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    for (position, word) in title.split(' ').enumerate() {
        for key in scratch.keys(word) {
            let slot = positions
                .entry((key.key.clone(), key.form.clone()))
                .or_default();
            slot.1.push((title_field, position as u32));
        }
    }

    let mut meta = BTreeMap::new();
    meta.insert("title", title);
    if let Some(date) = &entry.date {
        meta.insert("date", date.clone());
    }
    if let Some(section) = entry.section {
        meta.insert("section", section.to_string());
    }
    let word_count = reader.spans.len() as u32;
    let content = reader.content.trim_end();
    let fragment = format::Fragment {
        url: entry.url,
        content,
        word_count: word_count as usize,
        filters: BTreeMap::new(),
        meta,
        anchors: [],
    };
    let fragment = serde_json::to_vec(&fragment).expect("a fragment serialises");
    Page {
        packed: format::pack_fast(&fragment),
        fragment_hash: blake3::hash(&fragment),
        word_count: word_count.max(1),
        words: positions
            .into_iter()
            .map(|((key, form), (mut at, mut in_title))| {
                keep_strongest(&mut at);
                format::sort_locs(&mut at);
                in_title.sort_unstable();
                (key, form, (at, in_title))
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::lao_words;
    use super::*;

    fn page(title: &str, body: &str) -> Page {
        let entry = Entry {
            url: "/vi/a/",
            title,
            summary: None,
            body,
            revision: 0,
            date: None,
            section: None,
        };
        let keep: Vec<char> = encode::include_characters().chars().collect();
        read(&entry, &mut Scratch::new("vi", &keep), 0)
    }

    fn content(page: &Page) -> String {
        use std::io::Read;
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(&page.packed[..])
            .read_to_end(&mut json)
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&json[12..]).unwrap();
        json["content"].as_str().unwrap().to_string()
    }

    fn positions(page: &Page, key: &str) -> Vec<(u32, u8)> {
        let mut all: Vec<(u32, u8)> = page
            .words
            .iter()
            .filter(|(k, _, _)| **k == *key)
            .flat_map(|(_, _, (locs, _))| locs.iter().copied())
            .collect();
        all.sort_unstable();
        all
    }

    #[test]
    fn title_then_body_with_heading_weights() {
        let p = page(
            "Hà Giang",
            "<p>Chợ <em>biên</em> giới</p><h2 id=\"x\">Giao thương</h2><p>Hà &amp; Giang</p>",
        );
        assert_eq!(
            content(&p),
            "Hà Giang. Chợ biên giới. Giao thương. Hà &amp; Giang."
        );
        // Title words weigh 240, the h2 144, body text 25; "&amp;" has no key.
        assert_eq!(positions(&p, "ha"), [(0, 240), (7, 25)]);
        assert_eq!(positions(&p, "giao"), [(5, 144)]);
        assert_eq!(positions(&p, "bien"), [(3, 25)]);
        assert_eq!(p.word_count, 10);
        // The title is in the title field too.
        assert!(p.words.iter().any(|(k, form, (_, meta))| &**k == "ha"
            && form.as_deref() == Some("hà")
            && meta == &[(0, 0)]));
    }

    #[test]
    fn a_page_keeps_a_word_s_heaviest_positions() {
        let mut at = vec![(9, 25), (30, 25), (2, 25), (0, 240), (5, 144), (7, 25)];
        keep_strongest(&mut at);
        assert_eq!(at, [(0, 240), (5, 144), (2, 25), (7, 25)]);
        let mut few = vec![(3, 25), (1, 25)];
        keep_strongest(&mut few);
        assert_eq!(few, [(3, 25), (1, 25)]);
    }

    #[test]
    fn the_same_pages_give_the_same_files() {
        // Words with several forms on one page, whose order once came from a hash map.
        let body = "<p>hà hả ha Hà hạ hà</p><h2>Điện Biên</h2><p>dien bien điện</p>";
        let entries: Vec<Entry> = ["/vi/a/", "/vi/b/", "/vi/c/"]
            .into_iter()
            .map(|url| Entry {
                url,
                title: "Hà hả",
                summary: Some("hạ ha"),
                body,
                revision: 0,
                date: None,
                section: None,
            })
            .collect();
        let (first, _) = index("vi", &entries, None).unwrap();
        for _ in 0..3 {
            assert_eq!(index("vi", &entries, None).unwrap().0, first);
        }
        assert!(first.keys().any(|path| path.starts_with("index")));
    }

    #[test]
    fn pages_kept_from_an_earlier_index_give_a_clean_index_s_files() {
        let bodies = ["<p>Chợ biên giới</p>", "<p>Điện Biên</p>", "<p>hà hả</p>"];
        let entries = |edited: &'static str| -> Vec<Entry<'static>> {
            ["/vi/a/", "/vi/b/", "/vi/c/"]
                .into_iter()
                .zip(bodies)
                .enumerate()
                .map(|(n, (url, body))| Entry {
                    url,
                    title: "Tin",
                    summary: None,
                    body: if n == 1 { edited } else { body },
                    revision: if n == 1 { edited.len() as u64 } else { 0 },
                    date: None,
                    section: None,
                })
                .collect()
        };
        let before = entries("<p>Điện Biên</p>");
        let (_, kept) = index("vi", &before, Some(&Kept::default())).unwrap();
        let kept = kept.expect("asked to keep the pages");
        assert_eq!(kept.pages.len(), 3);
        assert!(!kept.chunks.is_empty());
        // One page edited: the others come from `kept`, and the files are a clean
        // index's.
        let after = entries("<p>Điện Biên Phủ, cửa khẩu</p>");
        let (reused, again) = index("vi", &after, Some(&kept)).unwrap();
        assert_eq!(reused, index("vi", &after, None).unwrap().0);
        assert_ne!(reused, index("vi", &before, None).unwrap().0);
        let again = again.unwrap();
        assert_eq!(
            again.pages.len(),
            3,
            "the edited page replaced its old read"
        );
        let shared = (again.pages.values())
            .filter(|page| kept.pages.values().any(|old| Arc::ptr_eq(old, page)));
        assert_eq!(
            shared.count(),
            2,
            "the pages not edited were not read again"
        );
    }

    #[test]
    fn the_lao_words_file_holds_the_index_s_lao_words_as_written() {
        let entry = |url, title, body| Entry {
            url,
            title,
            summary: None,
            body,
            revision: 0,
            date: None,
            section: None,
        };
        let lao = [entry("/lo/a/", "ຂ່າວ", "<p>ຕະຫຼາດຊາຍແດນ ແລະ Hà Giang</p>")];
        let (files, _) = index("lo", &lao, None).unwrap();
        let manifest: serde_json::Value =
            serde_json::from_slice(&files[&PathBuf::from(lao_words::MANIFEST)]).unwrap();
        let [name] = manifest["files"].as_array().unwrap().as_slice() else {
            panic!("one words file for a small index: {manifest}")
        };
        let name = PathBuf::from(name.as_str().unwrap());
        let words: Vec<String> = serde_json::from_slice(&files[&name]).unwrap();
        for word in ["ຂ່າວ", "ຕະຫຼາດ", "ຊາຍແດນ", "ແລະ"] {
            assert!(words.iter().any(|w| w == word), "{word} not in {words:?}");
        }
        assert!(
            words.iter().all(|w| w.chars().all(encode::is_lao)),
            "{words:?}"
        );
        let mut sorted = words.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(words, sorted);
        // An index without Lao has no such file.
        let vi = [entry("/vi/a/", "Tin", "<p>Chợ biên giới</p>")];
        let (files, _) = index("vi", &vi, None).unwrap();
        assert!(!files.contains_key(&PathBuf::from(lao_words::MANIFEST)));
        assert!(!files.keys().any(|path| path.starts_with("lao-words")));
    }

    #[test]
    fn left_out_elements_and_inline_tags() {
        let p = page(
            "T",
            "<p>a<iframe src=\"x\"><iframe>y</iframe>z</iframe>b<strong>c</strong>d</p>",
        );
        assert_eq!(content(&p), "T. abcd.");
    }

    #[test]
    fn lao_runs_across_inline_tags_are_cut_as_one() {
        let p = page("ຂ່າວ", "<p>ຕະຫຼາດ<em>ຊາຍແດນ</em></p>");
        let text = content(&p);
        assert!(text.contains("ຕະຫຼາດ\u{2060} ຊາຍແດນ\u{2060}"), "{text:?}");
        // The two words are at the positions after the title's.
        let lao: Vec<u32> = p
            .words
            .iter()
            .filter(|(key, _, _)| key.ends_with('\u{2060}'))
            .flat_map(|(_, _, (locs, _))| locs.iter().map(|&(at, _)| at))
            .collect();
        assert!(lao.contains(&1) && lao.contains(&2), "{lao:?}");
    }
}
