//! A language's index, written by mekong in Pagefind's format ([`super::format`]) from
//! the pages' text: the words are cut, keyed and weighed here ([`super::words`]), each
//! page on its own thread, so the index costs about what reading the text once does.
//! Pagefind's own indexer (which would parse every page's HTML again) is used only to
//! hand over its search script and `wasm` files ([`super::assets`]).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use pagefind_stem::Stemmer;
use rayon::prelude::*;

use super::Entry;
use super::encode;
use super::format::{self, Form, Meta, MetaChunk, MetaPage, Postings, Word};
use super::words::{self, Key};

/// Weights, in the script's units (24 is a word of body text).
const BODY: u8 = 24;
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
    let pages: Vec<Page> = entries
        .par_iter()
        .map_init(
            || words::stemmer(lang),
            |stemmer, entry| read(entry, stemmer.as_ref(), &keep, title_field),
        )
        .collect();

    let mut bundle = BTreeMap::new();
    let mut names = format::Names::new(lang);
    let mut meta = Meta {
        version: assets.version.clone(),
        pages: Vec::with_capacity(pages.len()),
        chunks: Vec::new(),
        filters: Vec::new(),
        sorts: Vec::new(),
        meta_fields: fields.iter().map(|f| f.to_string()).collect(),
    };
    let mut dictionary: HashMap<String, Word> = HashMap::new();
    for (number, page) in pages.into_iter().enumerate() {
        let (name, fresh) = names.name(&page.fragment);
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
        for ((key, form), (locs, meta_locs)) in page.words {
            let postings = Postings {
                page: number,
                locs: format::locs(locs),
                meta_locs: format::meta_locs(meta_locs),
            };
            let word = dictionary.entry(key).or_default();
            match form {
                None => word.pages.push(postings),
                Some(form) => match word.forms.iter_mut().find(|f| f.form == form) {
                    Some(known) => known.pages.push(postings),
                    None => word.forms.push(Form {
                        form,
                        pages: vec![postings],
                    }),
                },
            }
        }
    }
    let mut words: Vec<Word> = dictionary
        .into_iter()
        .map(|(key, mut word)| {
            word.key = key;
            word
        })
        .collect();
    words.par_sort_unstable_by(|a, b| a.key.cmp(&b.key));
    let chunks: Vec<(Vec<u8>, Vec<u8>, String, String)> = format::chunks(words)
        .into_par_iter()
        .map(|(mut words, from, to)| {
            let bytes = format::chunk_bytes(&mut words);
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
    /// The fragment's JSON, and gzipped.
    fragment: Vec<u8>,
    packed: Vec<u8>,
    word_count: u32,
    /// Each key (and unfolded form) with its positions in the text, with weights, and
    /// in the title field.
    words: Vec<(WordForm, Positions)>,
}

type WordForm = (String, Option<String>);
type Positions = (Vec<(u32, u8)>, Vec<(u16, u32)>);

fn read(entry: &Entry, stemmer: Option<&Stemmer>, keep: &[char], title_field: u16) -> Page {
    let mut reader = Reader {
        stemmer,
        keep,
        content: String::with_capacity(entry.body.len() + entry.title.len() * 2 + 64),
        position: 0,
        words: HashMap::new(),
        keys: Vec::new(),
        encoded: String::new(),
    };
    reader.block(&crate::text::escape(entry.title), TITLE);
    if let Some(summary) = entry.summary {
        reader.block(&crate::text::escape(summary), SUMMARY);
    }
    reader.html(entry.body);

    // The title as the result shows it: decoded, in the index's spelling.
    let mut title = String::new();
    encode::block(entry.title, &mut title);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    for (position, word) in title.split(' ').enumerate() {
        reader.keys.clear();
        words::keys(word, stemmer, keep, &mut reader.keys);
        for key in reader.keys.drain(..) {
            let slot = reader.words.entry((key.key, key.form)).or_default();
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
    let content = reader.content.trim_end();
    let fragment = format::Fragment {
        url: entry.url,
        content,
        word_count: reader.position as usize,
        filters: BTreeMap::new(),
        meta,
        anchors: [],
    };
    let fragment = serde_json::to_vec(&fragment).expect("a fragment serialises");
    Page {
        packed: format::pack(&fragment),
        fragment,
        word_count: reader.position.max(1),
        words: reader.words.into_iter().collect(),
    }
}

/// Reads a page's text word by word: into the fragment's content, and into the keys
/// each word is found by, at its position with its weight.
struct Reader<'a> {
    stemmer: Option<&'a Stemmer>,
    keep: &'a [char],
    content: String,
    position: u32,
    words: HashMap<WordForm, Positions>,
    keys: Vec<Key>,
    encoded: String,
}

impl Reader<'_> {
    /// A whole block of escaped text (the title, the summary, a paragraph) at `weight`.
    fn block(&mut self, text: &str, weight: u8) {
        let mut encoded = std::mem::take(&mut self.encoded);
        encoded.clear();
        encode::block(text, &mut encoded);
        for word in encoded.split_whitespace() {
            self.word(word, weight);
        }
        self.encoded = encoded;
        self.end_block();
    }

    fn word(&mut self, word: &str, weight: u8) {
        self.content.push_str(word);
        self.content.push(' ');
        self.keys.clear();
        words::keys(
            &words::unescape(word),
            self.stemmer,
            self.keep,
            &mut self.keys,
        );
        // A word joined by punctuation shares its weight among its parts.
        let parts = self.keys.iter().filter(|k| k.part).count() as u8;
        let part_weight = if parts > 0 {
            (weight / parts.max(1)).max(1)
        } else {
            0
        };
        for key in self.keys.drain(..) {
            let weight = if key.part { part_weight } else { weight };
            let slot = self.words.entry((key.key, key.form)).or_default();
            slot.0.push((self.position, weight));
        }
        self.position += 1;
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
    /// them, the elements of [`LEFT_OUT`] left out.
    fn html(&mut self, html: &str) {
        let mut text = String::new();
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
                if name == *skipped && !tag.ends_with("/>") {
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
            if !closing && LEFT_OUT.contains(&name.as_str()) && !tag.ends_with("/>") {
                skipping = Some((name, 1));
                continue;
            }
            if encode::is_block_tag(tag) {
                self.flush(&mut text, weight);
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
        self.flush(&mut text, weight);
    }

    fn flush(&mut self, text: &mut String, weight: u8) {
        if text.trim().is_empty() {
            text.clear();
            return;
        }
        let mut encoded = std::mem::take(&mut self.encoded);
        encoded.clear();
        encode::block(text, &mut encoded);
        for word in encoded.split_whitespace() {
            self.word(word, weight);
        }
        self.encoded = encoded;
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
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
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
        read(&entry, None, &keep, 0)
    }

    fn content(page: &Page) -> String {
        let json: serde_json::Value = serde_json::from_slice(&page.fragment).unwrap();
        json["content"].as_str().unwrap().to_string()
    }

    fn positions(page: &Page, key: &str) -> Vec<(u32, u8)> {
        let mut all: Vec<(u32, u8)> = page
            .words
            .iter()
            .filter(|((k, _), _)| k == key)
            .flat_map(|(_, (locs, _))| locs.iter().copied())
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
        // Title words weigh 240, the h2 144, body text 24; "&amp;" has no key.
        assert_eq!(positions(&p, "ha"), [(0, 240), (7, 24)]);
        assert_eq!(positions(&p, "giao"), [(5, 144)]);
        assert_eq!(positions(&p, "bien"), [(3, 24)]);
        assert_eq!(p.word_count, 10);
        // The title is in the title field too.
        assert!(p.words.iter().any(|((k, form), (_, meta))| k == "ha"
            && form.as_deref() == Some("hà")
            && meta == &[(0, 0)]));
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
            .filter(|((key, _), _)| key.ends_with('\u{2060}'))
            .flat_map(|(_, (locs, _))| locs.iter().map(|&(at, _)| at))
            .collect();
        assert!(lao.contains(&1) && lao.contains(&2), "{lao:?}");
    }
}
