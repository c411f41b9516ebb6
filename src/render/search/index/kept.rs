//! What a language's index was made of, kept by `serve` for the next one: the pages as
//! read, the dictionary as merged, and the chunks as cut and packed. An edit that
//! changes a few pages' entries (and not how many there are) reads those pages again,
//! takes their old words out of the dictionary and puts their new ones in, and encodes
//! only the chunks that hold a word whose pages changed; the files are a clean index's.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;
use std::sync::Arc;

use rayon::prelude::*;

use super::super::Entry;
use super::super::format::{self, Postings, Word};
use super::{
    Chunk, Dictionary, Fixed, Made, Page, Positions, Scratches, common, lao_words, pages_of,
    postings, sort_forms, thin,
};

/// What a language's index was made of, for the next one.
#[derive(Default)]
pub struct Kept {
    /// Each page as read, in page order, with its [`super::read_key`].
    pub(super) pages: Vec<(u64, Arc<Page>)>,
    /// The chunks packed, by the hash of what they hold.
    pub(super) chunks: HashMap<blake3::Hash, Vec<u8>>,
    /// The dictionary the chunks were cut from; taken when the index is patched.
    merged: Option<Merged>,
}

/// The words of every page, in key order, and where the chunks were cut.
struct Merged {
    /// The pages the words are counted against (see [`common`]).
    common: usize,
    words: BTreeMap<Arc<str>, Slot>,
    /// Each chunk by the key of its first word: its last word's key and its hash.
    cut: HashMap<String, (String, blake3::Hash)>,
}

/// A word with all of its positions, and as a common word keeps them (one a page).
struct Slot {
    word: Word,
    thinned: Option<Word>,
}

impl Slot {
    /// The word as the chunk holds it.
    fn shown(&self) -> &Word {
        self.thinned.as_ref().unwrap_or(&self.word)
    }
}

/// Pages changed beyond this share of the index (one in this many) are merged afresh
/// rather than patched one by one.
const PATCH_SHARE: usize = 16;

/// [`super::index`] with what the last index was made of: `earlier`'s pages and packed
/// chunks are reused, and its dictionary patched when it is this index's alone and few
/// pages changed.
pub(super) fn index(
    entries: &[Entry],
    scratches: &mut Scratches,
    title_field: u16,
    earlier: Arc<Kept>,
    made: &mut Made,
) -> (Vec<Chunk>, Kept) {
    // The dictionary can be patched in place only when no one else holds it.
    let (mut owned, shared) = match Arc::try_unwrap(earlier) {
        Ok(kept) => (Some(kept), None),
        Err(shared) => (None, Some(shared)),
    };
    let merged = owned.as_mut().and_then(|kept| kept.merged.take());
    let earlier = owned
        .as_ref()
        .or(shared.as_deref())
        .expect("one of the two");
    let known: HashMap<u64, &Arc<Page>, Fixed> = (earlier.pages.iter())
        .map(|(key, page)| (*key, page))
        .collect();
    let mut pages = Vec::with_capacity(entries.len());
    scratches.read(entries, title_field, Some(&known), |key, page| {
        pages.push((key, page));
    });
    for (_, page) in &pages {
        made.fragment(page);
    }
    let common = common(entries.len());
    let changed: Vec<usize> = if earlier.pages.len() == pages.len() {
        (0..pages.len())
            .filter(|&n| earlier.pages[n].0 != pages[n].0)
            .collect()
    } else {
        Vec::new()
    };
    let patch = merged.filter(|merged| {
        merged.common == common
            && earlier.pages.len() == pages.len()
            && changed.len() <= pages.len() / PATCH_SHARE + 1
    });
    let (mut merged, dirty) = match patch {
        Some(mut merged) => {
            let mut dirty = BTreeSet::new();
            for &n in &changed {
                merged.patch(n, &earlier.pages[n].1, &pages[n].1, &mut dirty);
            }
            (merged, Some(dirty))
        }
        None => (Merged::new(&pages, common), None),
    };
    let words = merged.words.iter().map(|(key, slot)| (&**key, &slot.word));
    made.bundle
        .extend(super::super::lao_words::files(lao_words(words)));
    let shown: Vec<&Word> = merged.words.values().map(Slot::shown).collect();
    let cut = format::cut(&shown);
    let chunks: Vec<(Chunk, String, String)> = cut
        .into_par_iter()
        .map(|(range, from, to)| {
            let (first, last) = (&shown[range.start].key, &shown[range.end - 1].key);
            let same = dirty.as_ref().and_then(|dirty| {
                let (before, hash) = merged.cut.get(first.as_str())?;
                let range = (
                    Bound::Included(first.as_str()),
                    Bound::Included(last.as_str()),
                );
                let touched = dirty.range::<str, _>(range).next().is_some();
                (before == last && !touched).then_some(*hash)
            });
            let packed = same.and_then(|hash| Some((hash, earlier.chunks.get(&hash)?.clone())));
            let (hash, packed) = packed.unwrap_or_else(|| {
                let bytes = format::chunk_bytes(&shown[range]);
                let hash = blake3::hash(&bytes);
                let packed =
                    (earlier.chunks.get(&hash).cloned()).unwrap_or_else(|| format::pack(&bytes));
                (hash, packed)
            });
            ((hash, packed, from, to), first.clone(), last.clone())
        })
        .collect();
    drop(shown);
    merged.cut = (chunks.iter())
        .map(|((hash, ..), first, last)| (first.clone(), (last.clone(), *hash)))
        .collect();
    let kept = Kept {
        chunks: (chunks.iter())
            .map(|((hash, packed, ..), ..)| (*hash, packed.clone()))
            .collect(),
        pages,
        merged: Some(merged),
    };
    (chunks.into_iter().map(|(chunk, ..)| chunk).collect(), kept)
}

impl Merged {
    /// The words of `pages`, merged afresh.
    fn new(pages: &[(u64, Arc<Page>)], common: usize) -> Merged {
        let mut dictionary: Dictionary = HashMap::default();
        for (number, (_, page)) in pages.iter().enumerate() {
            postings(page, number, &mut dictionary);
        }
        let words = dictionary
            .into_iter()
            .map(|(key, mut word)| {
                word.key = key.to_string();
                sort_forms(&mut word);
                let thinned = (pages_of(&word) > common).then(|| one_a_page(&word));
                (key, Slot { word, thinned })
            })
            .collect();
        Merged {
            common,
            words,
            cut: HashMap::new(),
        }
    }

    /// Puts page number `number`'s words as `new` has them where `old` had its own,
    /// noting in `dirty` the keys whose pages changed.
    fn patch(&mut self, number: usize, old: &Page, new: &Page, dirty: &mut BTreeSet<Arc<str>>) {
        let (before, after) = (by_word(old), by_word(new));
        for (key, form, _) in &old.words {
            if !after.contains_key(&(&**key, form.as_deref())) {
                self.set(key, form.as_deref(), number, None);
                dirty.insert(key.clone());
            }
        }
        for (key, form, positions) in &new.words {
            if before.get(&(&**key, form.as_deref())) != Some(&positions) {
                self.set(key, form.as_deref(), number, Some(positions));
                dirty.insert(key.clone());
            }
        }
    }

    /// Sets the positions of `key` (in `form`) on page number `number`, or takes the
    /// page out of its pages (`None`).
    fn set(&mut self, key: &Arc<str>, form: Option<&str>, number: usize, at: Option<&Positions>) {
        let slot = self.words.entry(key.clone()).or_insert_with(|| Slot {
            word: Word {
                key: key.to_string(),
                ..Word::default()
            },
            thinned: None,
        });
        let (mut locs, mut meta_locs) = (Vec::new(), Vec::new());
        if let Some((at, in_title)) = at {
            format::sorted_locs(at, &mut locs);
            format::sorted_meta_locs(in_title, &mut meta_locs);
        }
        let entry = at.map(|_| (&locs[..], &meta_locs[..]));
        postings_of(&mut slot.word, form).set(number, entry);
        if let Some(thinned) = &mut slot.thinned {
            let mut strongest = Vec::new();
            if let Some((at, _)) = at {
                let first = at
                    .iter()
                    .min_by_key(|&&(position, weight)| (std::cmp::Reverse(weight), position));
                format::locs(
                    &mut first.into_iter().copied().collect::<Vec<_>>(),
                    &mut strongest,
                );
            }
            let entry = at.map(|_| (&strongest[..], &meta_locs[..]));
            postings_of(thinned, form).set(number, entry);
            prune(thinned);
        }
        prune(&mut slot.word);
        let pages = pages_of(&slot.word);
        if pages == 0 {
            self.words.remove(key);
        } else if pages <= self.common {
            slot.thinned = None;
        } else if slot.thinned.is_none() {
            slot.thinned = Some(one_a_page(&slot.word));
        }
    }
}

/// A page's words and forms, each with its positions.
fn by_word(page: &Page) -> HashMap<(&str, Option<&str>), &Positions, Fixed> {
    (page.words.iter())
        .map(|(key, form, positions)| ((&**key, form.as_deref()), positions))
        .collect()
}

/// A common word's copy with one position a page.
fn one_a_page(word: &Word) -> Word {
    let mut thinned = word.clone();
    thin(&mut thinned);
    thinned
}

/// The pages of `word` as written (`None`) or in `form`, made (in the forms' order)
/// when the word had none in that form.
fn postings_of<'a>(word: &'a mut Word, form: Option<&str>) -> &'a mut Postings {
    let Some(form) = form else {
        return &mut word.pages;
    };
    let at = match word.forms.binary_search_by(|(f, _)| f.as_str().cmp(form)) {
        Ok(at) => at,
        Err(at) => {
            word.forms
                .insert(at, (form.to_string(), Postings::default()));
            at
        }
    };
    &mut word.forms[at].1
}

/// Drops the forms on no page.
fn prune(word: &mut Word) {
    word.forms.retain(|(_, postings)| postings.count() > 0);
}
