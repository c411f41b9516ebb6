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

mod kept;
mod reader;

pub use kept::Kept;

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
/// With `earlier` (what the language's last index was made of), pages whose entry did
/// not change are taken from there instead of read again, and what this index was
/// made of is returned with the files for the next one ([`kept`]).
pub fn index(
    lang: &str,
    entries: &[Entry],
    earlier: Option<Arc<Kept>>,
) -> Result<(Files, Option<Kept>), String> {
    let assets = super::assets::get()?;
    let keep: Vec<char> = encode::include_characters().chars().collect();
    let fields = meta_fields(entries);
    let title_field = fields
        .iter()
        .position(|f| *f == "title")
        .expect("every page has a title") as u16;
    let mut made = Made {
        bundle: BTreeMap::new(),
        names: format::Names::new(lang),
        meta: Meta {
            version: assets.version.clone(),
            pages: Vec::with_capacity(entries.len()),
            chunks: Vec::new(),
            filters: Vec::new(),
            sorts: Vec::new(),
            meta_fields: fields.iter().map(|f| f.to_string()).collect(),
        },
    };
    let mut scratches = Scratches::new(lang, &keep);
    let (chunks, kept) = match earlier {
        None => (clean(entries, &mut scratches, title_field, &mut made), None),
        Some(earlier) => {
            let (chunks, kept) =
                kept::index(entries, &mut scratches, title_field, earlier, &mut made);
            (chunks, Some(kept))
        }
    };
    let Made {
        mut bundle,
        mut names,
        mut meta,
    } = made;
    for (hash, packed, from, to) in chunks {
        let (name, fresh) = names.name_of(hash);
        if fresh {
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
    Ok((bundle, kept))
}

/// The bundle's files as they are made, the names given, and the metadata.
struct Made<'a> {
    bundle: Files,
    names: format::Names<'a>,
    meta: Meta,
}

/// A chunk of the index: the hash of its bytes, the bytes packed, its range of keys.
type Chunk = (blake3::Hash, Vec<u8>, String, String);

/// A clean build's words: each batch of pages is merged as soon as it is read.
fn clean(
    entries: &[Entry],
    scratches: &mut Scratches,
    title_field: u16,
    made: &mut Made,
) -> Vec<Chunk> {
    let mut dictionary: Dictionary = HashMap::default();
    let mut number = 0;
    scratches.read(entries, title_field, None, |_, page| {
        made.fragment(&page);
        postings(&page, number, &mut dictionary);
        number += 1;
    });
    let words = lao_words(dictionary.iter().map(|(key, word)| (&**key, word)));
    made.bundle.extend(super::lao_words::files(words));
    let common = common(entries.len());
    let mut words: Vec<Word> = dictionary
        .into_iter()
        .map(|(key, mut word)| {
            word.key = key.to_string();
            sort_forms(&mut word);
            if pages_of(&word) > common {
                thin(&mut word);
            }
            word
        })
        .collect();
    words.par_sort_unstable_by(|a, b| a.key.cmp(&b.key));
    format::cut(&words)
        .into_par_iter()
        .map(|(range, from, to)| {
            let bytes = format::chunk_bytes(&words[range]);
            (blake3::hash(&bytes), format::pack(&bytes), from, to)
        })
        .collect()
}

/// A word on more pages than this is common: it ranks them little (it tells them apart
/// little) and is the largest download of a query, so it keeps one position a page.
fn common(pages: usize) -> usize {
    (pages / COMMON).max(MIN_COMMON)
}

/// How many pages a word is on, counting each form's pages.
fn pages_of(word: &Word) -> usize {
    word.pages.count() + word.forms.iter().map(|(_, p)| p.count()).sum::<usize>()
}

/// Keeps one position of a common word on each page.
fn thin(word: &mut Word) {
    word.pages.thin(1);
    for (_, postings) in &mut word.forms {
        postings.thin(1);
    }
}

/// Forms in a fixed order, so that the same pages give the same files.
fn sort_forms(word: &mut Word) {
    word.forms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
}

/// One scratch per thread, kept from batch to batch.
struct Scratches<'a>(Vec<Scratch<'a>>);

impl<'a> Scratches<'a> {
    fn new(lang: &str, keep: &'a [char]) -> Self {
        let threads = rayon::current_num_threads().max(1);
        Scratches((0..threads).map(|_| Scratch::new(lang, keep)).collect())
    }

    /// Reads `entries` in parallel a batch at a time, taking from `known` (by
    /// [`read_key`]) the pages read before, and hands each page with its key to `each`
    /// in page order: only a batch of pages' words is held at once besides what `each`
    /// keeps. Without `known` the key is 0.
    fn read(
        &mut self,
        entries: &[Entry],
        title_field: u16,
        known: Option<&HashMap<u64, &Arc<Page>, Fixed>>,
        mut each: impl FnMut(u64, Arc<Page>),
    ) {
        for batch in entries.chunks(BATCH) {
            let run = batch.len().div_ceil(self.0.len());
            let pages: Vec<Vec<(u64, Arc<Page>)>> = (self.0.par_iter_mut())
                .zip(batch.par_chunks(run))
                .map(|(scratch, run)| {
                    run.iter()
                        .map(|entry| {
                            let key = known.map_or(0, |_| read_key(entry, title_field));
                            let page = match known.and_then(|known| known.get(&key)) {
                                Some(&page) => Arc::clone(page),
                                None => Arc::new(read(entry, scratch, title_field)),
                            };
                            (key, page)
                        })
                        .collect()
                })
                .collect();
            for (key, page) in pages.into_iter().flatten() {
                each(key, page);
            }
        }
    }
}

/// The index's Lao words as written (see [`super::lao_words`]), repeats included.
fn lao_words<'a>(
    dictionary: impl Iterator<Item = (&'a str, &'a Word)>,
) -> impl Iterator<Item = &'a str> {
    let lao = |word: &str| word.ends_with(encode::WORD_END) && word.chars().any(encode::is_lao);
    dictionary
        .flat_map(move |(key, word)| {
            let key = (word.pages.count() > 0 && lao(key)).then_some(key);
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

/// An index's files, by their path inside the bundle folder.
pub type Files = BTreeMap<PathBuf, Vec<u8>>;

/// What a page's reading depends on: its entry (the body by its revision) and the
/// number of the title field.
fn read_key(entry: &Entry, title_field: u16) -> u64 {
    super::fingerprint::of(entry, "search-page", u64::from(title_field))
}

impl Made<'_> {
    /// Adds a page's fragment to the bundle and the page to the metadata, in page order.
    fn fragment(&mut self, page: &Page) {
        let (name, fresh) = self.names.name_of(page.fragment_hash);
        if fresh {
            self.bundle.insert(
                PathBuf::from(format!("fragment/{name}.pf_fragment")),
                page.packed.clone(),
            );
        }
        self.meta.pages.push(MetaPage {
            hash: name,
            word_count: page.word_count,
            group: String::new(),
        });
    }
}

/// Adds page number `number`'s words to the dictionary.
fn postings(page: &Page, number: usize, dictionary: &mut Dictionary) {
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
mod tests;
