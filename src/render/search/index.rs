//! A language's index, written by mekong in Pagefind's format ([`super::format`]) from
//! the pages' text: the words are cut, keyed and weighed here ([`super::words`]), each
//! page on its own thread, so the index costs about what reading the text once does.
//! Pagefind's own indexer (which would parse every page's HTML again) is used only to
//! hand over its search script and `wasm` files ([`super::assets`]).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use pagefind_stem::Stemmer;
use rayon::prelude::*;

use super::Entry;
use super::encode;
use super::format::{self, Meta, MetaChunk, MetaPage, Postings, Word};
use super::words::{self, Key};

/// Weights, in the script's units. Body text is 25, the weight the script assumes
/// until a position says otherwise, so a page's body positions need no marker
/// (Pagefind's own indexer writes 24, and pays two bytes per word and page for it).
const BODY: u8 = 25;
const TITLE: u8 = 240;
const SUMMARY: u8 = 120;

/// Elements whose text is not the page's (Pagefind leaves the same ones out).
const LEFT_OUT: &[&str] = &[
    "script", "style", "noscript", "svg", "iframe", "template", "form", "label", "nav", "footer",
    "button", "select", "textarea",
];

/// The index of `entries` (one language's pages, in page order) as the bundle's files
/// by their path inside the bundle folder (`pagefind.js`, `fragment/…`).
pub fn index(lang: &str, entries: &[Entry]) -> Result<BTreeMap<PathBuf, Vec<u8>>, String> {
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
    for batch in entries.chunks(BATCH) {
        let run = batch.len().div_ceil(threads);
        let pages: Vec<Vec<Page>> = scratches
            .par_iter_mut()
            .zip(batch.par_chunks(run))
            .map(|(scratch, run)| {
                run.iter()
                    .map(|entry| read(entry, scratch, title_field))
                    .collect()
            })
            .collect();
        for page in pages.into_iter().flatten() {
            merge(
                page,
                number,
                &mut names,
                &mut bundle,
                &mut meta,
                &mut dictionary,
            );
            number += 1;
        }
    }
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
    let chunks: Vec<(Vec<u8>, Vec<u8>, String, String)> = format::chunks(words)
        .into_par_iter()
        .map(|(words, from, to)| {
            let bytes = format::chunk_bytes(&words);
            let packed = format::pack(&bytes);
            (bytes, packed, from, to)
        })
        .collect();
    for (bytes, packed, from, to) in chunks {
        let (name, fresh) = names.name(&bytes);
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
    Ok(bundle)
}

/// Pages read at once (each holds its words until it is merged).
const BATCH: usize = 256;

type Dictionary = HashMap<Arc<str>, Word, Fixed>;

/// Adds page number `number` to the bundle (its fragment), the metadata and the words.
fn merge(
    page: Page,
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
            page.packed,
        );
    }
    meta.pages.push(MetaPage {
        hash: name,
        word_count: page.word_count,
        group: String::new(),
    });
    let (mut locs, mut meta_locs) = (Vec::new(), Vec::new());
    for (key, form, (mut at, mut in_meta)) in page.words {
        keep_strongest(&mut at);
        format::locs(&mut at, &mut locs);
        format::meta_locs(&mut in_meta, &mut meta_locs);
        let word = dictionary.entry(key).or_default();
        let postings = match form {
            None => &mut word.pages,
            Some(form) => match word.forms.iter().position(|(f, _)| **f == *form) {
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
struct Page {
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
            .map(|((key, form), at)| (key, form, at))
            .collect(),
    }
}

/// Reads a page's text word by word into the fragment's content, noting where each
/// word is and what it weighs.
struct Reader {
    content: String,
    /// Each word's place in `content` (without the full stop a block's end may add)
    /// and weight, in order: a word's number here is its position.
    spans: Vec<(u32, u32, u8)>,
    encoded: String,
}

impl Reader {
    /// A whole block of escaped text (the title, the summary, a paragraph) at `weight`.
    fn block(&mut self, text: &str, weight: u8) {
        self.words(text, weight);
        self.end_block();
    }

    /// The words of escaped `text`, rewritten for matching, at `weight`.
    fn words(&mut self, text: &str, weight: u8) {
        let mut encoded = std::mem::take(&mut self.encoded);
        encoded.clear();
        encode::block(text, &mut encoded);
        for word in encoded.split_whitespace() {
            let start = self.content.len() as u32;
            self.content.push_str(word);
            self.spans.push((start, self.content.len() as u32, weight));
            self.content.push(' ');
        }
        self.encoded = encoded;
    }

    /// A block ends: as in Pagefind's excerpts, a sentence that ends without
    /// punctuation gets a full stop, so the next block does not run into it.
    fn end_block(&mut self) {
        if self.content.ends_with(' ') {
            self.content.pop();
            let ends_a_sentence = self.content.chars().last().is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, '\'' | '"' | ')' | '$' | '*' | '_')
            });
            if ends_a_sentence {
                self.content.push('.');
            }
            self.content.push(' ');
        }
    }

    /// The text of a body's HTML (mekong's own: every `<` in text is escaped, so a `<`
    /// opens a tag and the next `>` closes it), headings weighted as Pagefind weighs
    /// them, the elements of [`LEFT_OUT`] left out. `text` is a buffer.
    fn html(&mut self, html: &str, text: &mut String) {
        text.clear();
        let mut weight = BODY;
        let mut skipping: Option<(String, usize)> = None;
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            if skipping.is_none() {
                text.push_str(&rest[..open]);
            }
            let close = rest[open..]
                .find('>')
                .map_or(rest.len(), |at| open + at + 1);
            let tag = &rest[open..close];
            rest = &rest[close..];
            let closing = tag.starts_with("</");
            let name = tag_name(tag);
            if let Some((skipped, depth)) = &mut skipping {
                if *name == **skipped && !tag.ends_with("/>") {
                    if closing {
                        *depth -= 1;
                    } else {
                        *depth += 1;
                    }
                }
                if *depth == 0 {
                    skipping = None;
                }
                continue;
            }
            if !closing && LEFT_OUT.contains(&&*name) && !tag.ends_with("/>") {
                skipping = Some((name.into_owned(), 1));
                continue;
            }
            if encode::is_block_tag(tag) {
                self.flush(text, weight);
                if let Some(level) = heading(&name) {
                    if closing {
                        self.end_block();
                        weight = BODY;
                    } else {
                        weight = 24 * (8 - level);
                    }
                } else if closing && sentence_block(&name) {
                    self.end_block();
                }
            }
        }
        if skipping.is_none() {
            text.push_str(rest);
        }
        self.flush(text, weight);
    }

    fn flush(&mut self, text: &mut String, weight: u8) {
        if !text.trim().is_empty() {
            self.words(text, weight);
        }
        text.clear();
    }
}

/// `h2` → 2.
fn heading(name: &str) -> Option<u8> {
    let level = name.strip_prefix('h')?.parse().ok()?;
    (1..=6).contains(&level).then_some(level)
}

/// Blocks after which an excerpt's sentence ends.
fn sentence_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "td"
            | "th"
            | "div"
            | "ul"
            | "ol"
            | "li"
            | "article"
            | "section"
            | "blockquote"
            | "figcaption"
            | "dd"
            | "dt"
    )
}

/// The lower-case name of the tag `tag` (`<P class=x>` → `p`, `</li>` → `li`).
fn tag_name(tag: &str) -> Cow<'_, str> {
    let name = tag.trim_start_matches('<').trim_start_matches('/');
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let name = &name[..end];
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

#[cfg(test)]
mod tests {
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
        let first = index("vi", &entries).unwrap();
        for _ in 0..3 {
            assert_eq!(index("vi", &entries).unwrap(), first);
        }
        assert!(first.keys().any(|path| path.starts_with("index")));
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
