//! The index's Lao words, for the theme's script: it cuts a Lao query into these words,
//! so that the query is cut as the index was. (The browser's own segmenter cuts some
//! words differently from the engine's: "ຜາລາຍ" as ຜາ|ລາຍ where the index holds
//! ຜາລາ|ຍ, and a query cut so matches nothing.)
//!
//! A large Lao site holds tens of thousands of words, too many to download for one
//! query. So they are shared out among files by their first two letters ([`bucket`]):
//! to cut a query, the script needs, at each of its letters, only the words that start
//! with that letter and the next one, and so fetches only the files of the letter pairs
//! the query has. [`MANIFEST`] names the files, by bucket, and holds the few words of
//! one letter itself; each file is named by a hash of what it holds, so an unchanged
//! one stays cached between deploys.

use std::path::PathBuf;

/// The list of the words files, beside the index: `{"files": ["lao-words/….json", …],
/// "letters": ["ຍ", …]}`, one name (or `null`, for a bucket without words) per bucket,
/// in bucket order, and the words of one letter.
pub const MANIFEST: &str = "lao-words.json";

/// About how many words a file holds: a few kilobytes gzipped.
const WORDS_PER_FILE: usize = 256;

/// At most this many files.
const MAX_FILES: usize = 256;

/// The bucket of `word` (of two letters or more) among `buckets`, from its first two
/// letters. The theme's script (`laoBucket` in `search.js`) computes the same.
pub fn bucket(word: &str, buckets: usize) -> usize {
    let mut letters = word.chars().map(|c| (c as u32).wrapping_sub(0x0E80) & 0x7F);
    let first = letters.next().unwrap_or(0);
    let second = letters.next().unwrap_or(0);
    ((first * 131 + second) as usize) % buckets.max(1)
}

/// The manifest and the words files for `words` (the index's Lao words as written, in
/// any order, repeats allowed), by their path inside the bundle folder; nothing when
/// there are no words.
pub fn files<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<(PathBuf, Vec<u8>)> {
    let mut words: Vec<&str> = words.into_iter().collect();
    if words.is_empty() {
        return Vec::new();
    }
    words.sort_unstable();
    words.dedup();
    let buckets = words
        .len()
        .div_ceil(WORDS_PER_FILE)
        .next_power_of_two()
        .min(MAX_FILES);
    let mut shared: Vec<Vec<&str>> = vec![Vec::new(); buckets];
    let mut letters = Vec::new();
    for word in words {
        if word.chars().nth(1).is_none() {
            letters.push(word);
        } else {
            shared[bucket(word, buckets)].push(word);
        }
    }
    let mut files = Vec::with_capacity(buckets + 1);
    let names: Vec<Option<String>> = shared
        .iter()
        .map(|words| {
            if words.is_empty() {
                return None;
            }
            let json = serde_json::to_vec(words).expect("strings serialise");
            let hash = blake3::hash(&json).to_hex();
            let name = format!("lao-words/{}.json", &hash[..16]);
            files.push((PathBuf::from(&name), json));
            Some(name)
        })
        .collect();
    let manifest = serde_json::json!({ "files": names, "letters": letters });
    files.push((
        PathBuf::from(MANIFEST),
        serde_json::to_vec(&manifest).expect("JSON serialises"),
    ));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(files: &[(PathBuf, Vec<u8>)]) -> Vec<Option<String>> {
        let (_, json) = (files.iter())
            .find(|(path, _)| path == &PathBuf::from(MANIFEST))
            .expect("a manifest");
        let value: serde_json::Value = serde_json::from_slice(json).unwrap();
        serde_json::from_value(value["files"].clone()).unwrap()
    }

    fn letters(files: &[(PathBuf, Vec<u8>)]) -> Vec<String> {
        let (_, json) = (files.iter())
            .find(|(path, _)| path == &PathBuf::from(MANIFEST))
            .expect("a manifest");
        let value: serde_json::Value = serde_json::from_slice(json).unwrap();
        serde_json::from_value(value["letters"].clone()).unwrap()
    }

    fn words_of(files: &[(PathBuf, Vec<u8>)], name: &str) -> Vec<String> {
        let (_, json) = (files.iter())
            .find(|(path, _)| path == &PathBuf::from(name))
            .expect("a listed file");
        serde_json::from_slice(json).unwrap()
    }

    #[test]
    fn no_words_no_files() {
        assert!(files([]).is_empty());
    }

    #[test]
    fn each_word_is_in_its_bucket_s_file_once_and_sorted() {
        // Words built from letter pairs, several thousand of them, as a large site has.
        let alphabet: Vec<char> = ('\u{0E81}'..='\u{0EAE}').collect();
        let mut all = Vec::new();
        for a in &alphabet {
            for b in &alphabet {
                all.push(format!("{a}{b}າ"));
                all.push(format!("{a}{b}"));
            }
            all.push(a.to_string());
        }
        let letters_count = alphabet.len();
        let files = files(all.iter().map(String::as_str).chain(["ກາ", "ກາ"]));
        let names = manifest(&files);
        assert!(
            names.len() > 1 && names.len().is_power_of_two(),
            "{}",
            names.len()
        );
        assert_eq!(letters(&files).len(), letters_count);
        assert_eq!(files.len(), names.iter().flatten().count() + 1);
        let mut seen = 0;
        for (at, name) in names.iter().enumerate() {
            let Some(name) = name else { continue };
            assert!(
                name.starts_with("lao-words/") && name.ends_with(".json"),
                "{name}"
            );
            let words = words_of(&files, name);
            assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
            for word in &words {
                assert_eq!(bucket(word, names.len()), at, "{word}");
            }
            seen += words.len();
        }
        assert_eq!(
            seen + letters_count,
            all.len() + 1,
            "every word once, and ກາ once"
        );
        // Files are spread: none holds more than a few times its share.
        let largest = (names.iter().flatten())
            .map(|name| words_of(&files, name).len())
            .max()
            .unwrap();
        assert!(largest < 4 * all.len() / names.len(), "{largest}");
    }

    #[test]
    fn a_word_s_bucket_depends_on_its_first_two_letters() {
        assert_eq!(bucket("ຕະຫຼາດ", 64), bucket("ຕະ", 64));
        assert_eq!(bucket("ຕະຫຼາດ", 1), 0);
        // The script's arithmetic, done by hand: ຕ is U+0E95, ະ U+0EB0.
        assert_eq!(bucket("ຕະ", 64), (0x15 * 131 + 0x30) % 64);
    }

    #[test]
    fn a_small_list_is_one_file_and_one_letter_words_are_listed_apart() {
        let files = files(["ຂ່າວ", "ຍ", "ຕະຫຼາດ"]);
        let names = manifest(&files);
        assert_eq!(names.len(), 1);
        let words = words_of(&files, names[0].as_deref().unwrap());
        assert_eq!(words, ["ຂ່າວ", "ຕະຫຼາດ"]);
        assert_eq!(letters(&files), ["ຍ"]);
    }
}
