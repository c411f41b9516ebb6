//! The index made from pages: what a page reads as, and that the same pages give the
//! same files, made afresh or from what an earlier index kept.

use super::super::lao_words;
use super::*;

/// A page's entry without summary, date or section, at revision 0.
fn entry<'a>(url: &'a str, title: &'a str, body: &'a str) -> Entry<'a> {
    Entry {
        url,
        title,
        summary: None,
        body,
        revision: 0,
        date: None,
        section: None,
    }
}

fn page(title: &str, body: &str) -> Page {
    let keep: Vec<char> = encode::include_characters().chars().collect();
    read(
        &entry("/vi/a/", title, body),
        &mut Scratch::new("vi", &keep),
        0,
    )
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
            summary: Some("hạ ha"),
            ..entry(url, "Hà hả", body)
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
            .map(|(n, (url, body))| match n {
                1 => Entry {
                    revision: edited.len() as u64,
                    ..entry(url, "Tin", edited)
                },
                _ => entry(url, "Tin", body),
            })
            .collect()
    };
    let before = entries("<p>Điện Biên</p>");
    let (_, kept) = index("vi", &before, Some(Arc::default())).unwrap();
    let kept = Arc::new(kept.expect("asked to keep the pages"));
    assert_eq!(kept.pages.len(), 3);
    assert!(!kept.chunks.is_empty());
    // One page edited: the others come from `kept`, and the files are a clean
    // index's.
    let after = entries("<p>Điện Biên Phủ, cửa khẩu</p>");
    let (reused, again) = index("vi", &after, Some(Arc::clone(&kept))).unwrap();
    assert_eq!(reused, index("vi", &after, None).unwrap().0);
    assert_ne!(reused, index("vi", &before, None).unwrap().0);
    let again = again.unwrap();
    assert_eq!(
        again.pages.len(),
        3,
        "the edited page replaced its old read"
    );
    let shared = (again.pages.iter())
        .filter(|(_, page)| kept.pages.iter().any(|(_, old)| Arc::ptr_eq(old, page)));
    assert_eq!(
        shared.count(),
        2,
        "the pages not edited were not read again"
    );
}

#[test]
fn the_lao_words_file_holds_the_index_s_lao_words_as_written() {
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

/// Bodies of generated words (from a fixed seed): `n` pages, each with `words` words
/// from a vocabulary of `vocabulary`, some with marks, and one word on every page.
fn generated(n: usize, words: usize, vocabulary: usize, seed: u64) -> Vec<String> {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let syllables = [
        "ba", "bá", "cơ", "dân", "điện", "giang", "hà", "hả", "lào", "mường",
    ];
    (0..n)
        .map(|_| {
            let mut body = String::from("<p>tỉnh ");
            for _ in 0..words {
                let word = next() % vocabulary;
                body.push_str(syllables[word % syllables.len()]);
                body.push_str(&(word / syllables.len()).to_string());
                body.push(' ');
            }
            body.push_str("</p>");
            body
        })
        .collect()
}

fn entries_of(urls: &[String], bodies: &[String]) -> Vec<Entry<'static>> {
    urls.iter()
        .zip(bodies)
        .map(|(url, body)| Entry {
            revision: body.len() as u64,
            ..entry(
                Box::leak(url.clone().into_boxed_str()),
                "Tin tỉnh",
                Box::leak(body.clone().into_boxed_str()),
            )
        })
        .collect()
}

#[test]
fn an_index_patched_edit_by_edit_gives_a_clean_index_s_files() {
    // Enough words for several chunks, and a word on every page (common, thinned).
    let mut bodies = generated(400, 60, 3000, 7);
    let urls: Vec<String> = (0..bodies.len()).map(|n| format!("/vi/{n}/")).collect();
    let (first, kept) = index("vi", &entries_of(&urls, &bodies), Some(Arc::default())).unwrap();
    assert!(first.keys().filter(|p| p.starts_with("index")).count() > 2);
    let mut kept = kept.unwrap();
    let edits: Vec<(usize, String)> = vec![
        // A sentence added: new words, new forms, positions kept.
        (
            3,
            format!(
                "{} Điện Biên Phủ mới tinh</p>",
                bodies[3].trim_end_matches("</p>")
            ),
        ),
        // Words taken out and others moved.
        (0, "<p>tỉnh hà0 hà0 hả1</p>".into()),
        // The word on every page taken out of one: no longer common? (400 / 8 = 50).
        (399, "<p>mường1 giang2</p>".into()),
        // A page with no text, then with its text back.
        (200, "".into()),
        (200, bodies[200].clone()),
        // The first and the last page together.
        (0, "<p>tỉnh tỉnh zzz aaa</p>".into()),
    ];
    for (n, body) in edits {
        bodies[n] = body;
        let entries = entries_of(&urls, &bodies);
        let (patched, again) = index("vi", &entries, Some(Arc::new(kept))).unwrap();
        let (clean, _) = index("vi", &entries, None).unwrap();
        assert!(
            patched == clean,
            "page {n} edited: the files differ from a clean index's"
        );
        kept = again.unwrap();
    }
    // A page added: the whole index is merged again, and still a clean one.
    bodies.push("<p>trang mới</p>".into());
    let mut urls = urls;
    urls.push("/vi/new/".into());
    let entries = entries_of(&urls, &bodies);
    let (grown, _) = index("vi", &entries, Some(Arc::new(kept))).unwrap();
    assert!(grown == index("vi", &entries, None).unwrap().0);
}

#[test]
fn a_word_becomes_common_and_rare_again_in_a_patched_index() {
    // 120 pages, "chung" on 100 of them: common past 100 pages.
    let mut bodies: Vec<String> = (0..120)
        .map(|n| {
            let word = if n < 100 { "chung" } else { "riêng" };
            format!("<p>{word} {word} {word} {word} {word} tin{n}</p>")
        })
        .collect();
    let urls: Vec<String> = (0..bodies.len()).map(|n| format!("/vi/{n}/")).collect();
    let (_, kept) = index("vi", &entries_of(&urls, &bodies), Some(Arc::default())).unwrap();
    let mut kept = kept.unwrap();
    for (n, body) in [
        (110, "<p>chung riêng chung</p>"),
        (111, "<p>Chùng chung</p>"),
        (110, "<p>riêng</p>"),
        (111, "<p>riêng</p>"),
    ] {
        bodies[n] = body.to_string();
        let entries = entries_of(&urls, &bodies);
        let (patched, again) = index("vi", &entries, Some(Arc::new(kept))).unwrap();
        assert!(
            patched == index("vi", &entries, None).unwrap().0,
            "page {n}: {body}"
        );
        kept = again.unwrap();
    }
}
