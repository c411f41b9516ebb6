//! Atom feeds as real feed readers see them: every feed of the example site and of small
//! fixtures read with `feed-rs` (and with `roxmltree`, which rejects anything XML 1.0
//! forbids), one alternate link per entry in the feed's language, stable ids, and
//! editors' text that looks like markup or holds control characters.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;

const LANGS: [&str; 3] = ["vi", "en", "lo"];

/// One feed as a reader takes it: the parsed feed and where it was published.
struct ReadFeed {
    /// `vi/atom.xml`, `vi/tin-tuc/atom.xml`, …
    rel: String,
    /// The language its folder says it is in.
    lang: String,
    feed: feed_rs::model::Feed,
}

/// Reads `public/<rel>` with both parsers; panics with the reason when either refuses.
fn read_feed(site: &Site, rel: &str) -> ReadFeed {
    let text = site.read(rel);
    if let Err(e) = roxmltree::Document::parse(&text) {
        panic!("{rel} is not well-formed XML 1.0: {e}\n{text}");
    }
    let feed = feed_rs::parser::parse(text.as_bytes())
        .unwrap_or_else(|e| panic!("feed-rs cannot read {rel}: {e}\n{text}"));
    assert_eq!(
        feed.feed_type,
        feed_rs::model::FeedType::Atom,
        "{rel}: read as another kind of feed"
    );
    let lang = rel.split('/').next().expect("LANG/…/atom.xml").to_string();
    ReadFeed {
        rel: rel.to_string(),
        lang,
        feed,
    }
}

fn is_alternate(link: &feed_rs::model::Link) -> bool {
    // Atom: a link without `rel` is an alternate; feed-rs fills that in already.
    link.rel.as_deref().unwrap_or("alternate") == "alternate"
}

/// Whether an absolute link is a page of the site in `lang`: `BASE_URL/lang/…`.
fn in_language(url: &str, lang: &str) -> bool {
    url.starts_with(&format!("{BASE_URL}/{lang}/"))
}

/// What every feed must be, wherever it comes from. Returns (alternate link, id) of
/// each entry, in feed order.
fn assert_readable(site: &Site, read: &ReadFeed) -> Vec<(String, String)> {
    let ReadFeed { rel, lang, feed } = read;
    assert_eq!(
        feed.language.as_deref(),
        Some(lang.as_str()),
        "{rel}: xml:lang"
    );
    let self_links: Vec<&str> = feed
        .links
        .iter()
        .filter(|l| l.rel.as_deref() == Some("self"))
        .map(|l| l.href.as_str())
        .collect();
    assert_eq!(
        self_links,
        [format!("{BASE_URL}/{}", encoded_path(rel))],
        "{rel}: one rel=self link, to the feed itself"
    );
    let feed_alternates: Vec<&str> = feed
        .links
        .iter()
        .filter(|l| is_alternate(l))
        .map(|l| l.href.as_str())
        .collect();
    assert_eq!(
        feed_alternates.len(),
        1,
        "{rel}: the feed needs exactly one alternate link, found {feed_alternates:?}"
    );
    assert!(
        in_language(feed_alternates[0], lang) && site.url_exists(feed_alternates[0]),
        "{rel}: the feed's alternate {} is not a published page in {lang}",
        feed_alternates[0]
    );

    let mut entries = Vec::new();
    for entry in &feed.entries {
        let id = &entry.id;
        assert!(
            id.starts_with("tag:"),
            "{rel}: entry id {id} is not a tag URI"
        );
        let alternates: Vec<&str> = entry
            .links
            .iter()
            .filter(|l| is_alternate(l))
            .map(|l| l.href.as_str())
            .collect();
        assert_eq!(
            alternates.len(),
            1,
            "{rel}: entry {id} needs exactly one alternate link, found {alternates:?}"
        );
        let alternate = alternates[0];
        assert!(
            in_language(alternate, lang),
            "{rel}: entry {id} opens {alternate}, not a page in {lang}"
        );
        assert!(
            site.url_exists(alternate),
            "{rel}: entry {id} opens {alternate}, which is not published"
        );
        for other in entry.links.iter().filter(|l| !is_alternate(l)) {
            assert_eq!(
                other.rel.as_deref(),
                Some("related"),
                "{rel}: entry {id}: a link other than the alternate must be `related`: {other:?}"
            );
            let other_lang = other
                .href_lang
                .as_deref()
                .unwrap_or_else(|| panic!("{rel}: entry {id}: a related link without hreflang"));
            assert_ne!(
                other_lang, lang,
                "{rel}: entry {id}: a translation in the feed's own language"
            );
            assert!(
                in_language(&other.href, other_lang) && site.url_exists(&other.href),
                "{rel}: entry {id}: the {other_lang} translation {} is not a published {other_lang} page",
                other.href
            );
        }
        entries.push((alternate.to_string(), id.clone()));
    }
    let ids: BTreeSet<&String> = entries.iter().map(|(_, id)| id).collect();
    assert_eq!(ids.len(), entries.len(), "{rel}: entry ids repeat");
    entries
}

/// A published file's path as links carry it: each segment percent-encoded.
fn encoded_path(rel: &str) -> String {
    rel.split('/').map(encode).collect::<Vec<_>>().join("/")
}

/// Every `atom.xml` under `dir`, relative to it, `/`-separated.
fn feed_files(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_keys()
        .filter(|rel| rel == "atom.xml" || rel.ends_with("/atom.xml"))
        .collect()
}

/// The repository's example site built into `site`'s `public/` (or `output`), with the
/// fixtures' base URL.
fn build_example(site: &Site, output: &Path) {
    site.run(&[
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "build",
        "--output",
        output.to_str().expect("temporary paths are UTF-8"),
        "--base-url",
        BASE_URL,
    ])
    .assert_success();
}

#[test]
fn every_feed_of_the_example_site_reads_with_one_alternate_per_entry_in_its_language() {
    let site = Site::empty();
    build_example(&site, &site.public(""));
    let files = feed_files(&site.public(""));
    for lang in LANGS {
        assert!(
            files.contains(&format!("{lang}/atom.xml")),
            "no {lang}/atom.xml among {files:?}"
        );
    }
    assert!(
        files.len() > LANGS.len(),
        "the sections' feeds are missing: {files:?}"
    );

    // link → id over all feeds: an article has one id in its language's feed and in its
    // section's feed.
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut entries_read = 0;
    let mut translated = 0;
    for rel in &files {
        let read = read_feed(&site, rel);
        if rel.matches('/').count() == 1 {
            assert!(
                !read.feed.entries.is_empty(),
                "{rel}: a language feed without entries"
            );
        }
        translated += read
            .feed
            .entries
            .iter()
            .filter(|e| e.links.len() > 1)
            .count();
        for (link, id) in assert_readable(&site, &read) {
            entries_read += 1;
            if let Some(earlier) = ids.insert(link.clone(), id.clone()) {
                assert_eq!(earlier, id, "{rel}: {link} has another id in another feed");
            }
        }
    }
    assert!(entries_read > 30, "only {entries_read} entries were read");
    assert!(
        translated > 10,
        "only {translated} entries have translations: the example site is trilingual"
    );
    let distinct: BTreeSet<&String> = ids.values().collect();
    assert_eq!(distinct.len(), ids.len(), "two articles share an id");

    // A second build elsewhere: the same feeds, byte for byte, so the same ids.
    let again = tempfile::tempdir().expect("a second output folder");
    build_example(&site, &again.path().join("public"));
    for rel in &files {
        let first = std::fs::read(site.public(rel)).expect("read the first build's feed");
        let second = std::fs::read(again.path().join("public").join(rel)).expect("the feed again");
        assert!(first == second, "{rel} differs between two builds");
    }
}

/// A section and one article in three languages.
fn trilingual_site() -> Site {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site.section("news", "en", "News", "news");
    site.section("news", "lo", "ຂ່າວ", "ຂ່າວ");
    let bundle = "news/2023-12-08-ket-nghia";
    site.article(bundle, "vi", "Lễ kết nghĩa", "2023-12-08", "", "Nội dung.");
    site.article(bundle, "en", "Twinning ceremony", "2023-12-08", "", "Text.");
    site.article(bundle, "lo", "ພິທີສ້າງສາຍພົວພັນ", "2023-12-08", "", "ເນື້ອໃນ.");
    site
}

#[test]
fn a_translated_articles_entry_opens_the_page_in_the_feeds_language() {
    let site = trilingual_site();
    site.build_ok(&[]);
    let bundle = "2023-12-08-ket-nghia";
    let section = |lang: &str| match lang {
        "vi" => "tin-tuc",
        "en" => "news",
        _ => "ຂ່າວ",
    };
    let page = |lang: &str| format!("{BASE_URL}/{lang}/{}/{bundle}/", encode(section(lang)));
    for lang in LANGS {
        let language_feed = format!("{lang}/atom.xml");
        let section_feed = format!("{lang}/{}/atom.xml", section(lang));
        for rel in [language_feed, section_feed] {
            let read = read_feed(&site, &rel);
            assert_readable(&site, &read);
            assert_eq!(read.feed.entries.len(), 1, "{rel}: the one article");
            let entry = &read.feed.entries[0];
            // feedparser follows the last alternate, other readers the first: with one
            // alternate both open the page in the feed's language.
            let alternates: Vec<&str> = entry
                .links
                .iter()
                .filter(|l| is_alternate(l))
                .map(|l| l.href.as_str())
                .collect();
            assert_eq!(alternates, [page(lang)], "{rel}: the entry's alternate");
            let related: BTreeMap<&str, &str> = entry
                .links
                .iter()
                .filter(|l| !is_alternate(l))
                .map(|l| (l.href_lang.as_deref().unwrap_or(""), l.href.as_str()))
                .collect();
            let expected: BTreeMap<&str, String> = LANGS
                .iter()
                .filter(|&&other| other != lang)
                .map(|&other| (other, page(other)))
                .collect();
            assert_eq!(
                related,
                expected
                    .iter()
                    .map(|(l, u)| (*l, u.as_str()))
                    .collect::<BTreeMap<_, _>>(),
                "{rel}: the translations, as related links with their language"
            );
        }
    }
}

/// Text that means something in XML, and C0 controls XML 1.0 forbids outright (YAML
/// writes them as escapes in double quotes).
const HOSTILE: &str = "<script>alert(\"x\")</script> & Co. ]]> 'trích' \"dẫn\" &amp; &#1;";
const CONTROLS: &str = "\\x01\\x08\\x0B\\x0C\\x1F\\uFFFE";

#[test]
fn markup_and_forbidden_characters_in_editors_text_reach_readers_as_text() {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    let yaml = |text: &str| text.replace('\\', "\\\\").replace('"', "\\\"");
    // Each value: the hostile text with the forbidden characters in its middle.
    let (head, tail) = HOSTILE.split_at(HOSTILE.find(" & ").expect("a split point"));
    let value = format!("{}{CONTROLS}{}", yaml(head), yaml(tail));
    site.article(
        "news/2024-03-01-hostile",
        "vi",
        "",
        "2024-03-01",
        &format!(
            "title: \"{value}\"\nsummary: \"{value}\"\nauthor: \"{value}\"\ncategories: [\"{value}\"]\ntags: [\"Lào{CONTROLS} & <b>\"]"
        ),
        "Nội dung <em>thật</em> & \u{1}hết.",
    );
    site.build_ok(&[]);
    for rel in ["vi/atom.xml", "vi/tin-tuc/atom.xml"] {
        let read = read_feed(&site, rel);
        assert_readable(&site, &read);
        let entry = &read.feed.entries[0];
        let title = entry.title.as_ref().expect("a title");
        assert_eq!(title.content, HOSTILE, "{rel}: the title, as written");
        let summary = entry.summary.as_ref().expect("a summary");
        assert_eq!(summary.content, HOSTILE, "{rel}: the summary, as written");
        assert_eq!(
            entry
                .authors
                .iter()
                .map(|a| a.name.as_deref().unwrap_or_default())
                .collect::<Vec<_>>(),
            [HOSTILE],
            "{rel}: the author, as written"
        );
        let terms: Vec<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
        assert_eq!(terms, [HOSTILE, "Lào & <b>"], "{rel}: the categories");
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .expect("the full text");
        assert!(
            content.contains("&amp; hết"),
            "{rel}: the body is HTML, its control character dropped: {content}"
        );
    }
}

#[test]
fn addresses_with_ampersands_and_apostrophes_are_escaped_in_feeds_and_sitemaps() {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    let bundle = "2024-05-01-a&b'c";
    site.article(
        &format!("news/{bundle}"),
        "vi",
        "Tin",
        "2024-05-01",
        "",
        "Nội dung.",
    );
    site.build_ok(&[]);
    let read = read_feed(&site, "vi/atom.xml");
    let entries = assert_readable(&site, &read);
    assert_eq!(entries.len(), 1);
    let link = &entries[0].0;
    assert_eq!(
        file_for_url(link).as_deref(),
        Some(format!("vi/tin-tuc/{bundle}/index.html").as_str()),
        "the feed's link, unescaped by the parser, leads to the page"
    );

    let text = site.read("vi/sitemap.xml");
    let doc = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("vi/sitemap.xml is not XML: {e}\n{text}"));
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.contains(&link.as_str()),
        "the sitemap lists the page at the feed's address {link}: {locs:?}"
    );
    let hrefs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("link"))
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert!(
        hrefs.contains(&link.as_str()),
        "the page's own alternate in the sitemap: {hrefs:?}"
    );
}

#[test]
fn linking_two_files_as_translations_updates_the_feed_of_the_untouched_one() {
    use mekong::serve::{Changes, Session};
    use mekong::site::{BuildOptions, Silent};

    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site.section("news", "en", "News", "news");
    // Two single-file articles living apart; `translation_key` will link them.
    site.file(
        "content/news/le-ket-nghia.vi.md",
        "---\ntitle: \"Lễ kết nghĩa\"\ndate: 2024-01-01\ntranslation_key: ket-nghia\n---\nNội dung.\n",
    );
    let english = "content/news/twinning.en.md";
    let text = |key: &str| format!("---\ntitle: \"Twinning\"\ndate: 2024-01-01\n{key}---\nText.\n");
    site.file(english, &text(""));

    let root = site.root().canonicalize().expect("the site folder");
    let served = tempfile::tempdir().expect("an output folder");
    let options = |output: Option<std::path::PathBuf>| BuildOptions {
        root: root.clone(),
        output,
        base_url: Some(BASE_URL.into()),
        drafts: false,
    };
    let mut session = Session::new(options(None), served.path().to_path_buf());
    session
        .rebuild(&Changes::default())
        .expect("the first build");

    // Only the English file is edited; the Vietnamese entry gains a translation.
    site.file(english, &text("translation_key: ket-nghia\n"));
    session
        .rebuild(&Changes {
            content: vec![root.join(english)],
            ..Changes::default()
        })
        .expect("the rebuild");

    let clean = tempfile::tempdir().expect("a folder for the clean build");
    mekong::build(&options(Some(clean.path().to_path_buf())), &Silent).expect("the clean build");
    for rel in ["vi/atom.xml", "vi/tin-tuc/atom.xml", "en/atom.xml"] {
        let read = |dir: &Path| {
            std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
        };
        let clean_feed = read(clean.path());
        assert!(
            clean_feed.contains("rel=\"related\""),
            "{rel} of the clean build links the translation:\n{clean_feed}"
        );
        assert_eq!(
            read(served.path()),
            clean_feed,
            "{rel} after the edit, served and clean"
        );
    }
}
