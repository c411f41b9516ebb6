//! `mekong build` on small fixture sites: what the published HTML says, where it lies,
//! and how the build behaves around it (drafts, determinism, failed builds, summary).

mod common;

use std::collections::BTreeSet;

use common::*;
use unicode_normalization::UnicodeNormalization;

const BUNDLE: &str = "2023-12-08-ket-nghia-cum-dan-cu";

/// A section `news` with one article in vi, en and lo.
fn trilingual_site() -> Site {
    let site = Site::new();
    site.article(
        &format!("news/{BUNDLE}"),
        "vi",
        "Lễ kết nghĩa cụm dân cư",
        "2023-12-08",
        "summary: \"Hai bên biên giới kết nghĩa.\"",
        "Nội dung bài viết.",
    );
    site.article(
        &format!("news/{BUNDLE}"),
        "en",
        "Twinning of border villages",
        "2023-12-08",
        "summary: \"Both sides of the border twin.\"",
        "Article text.",
    );
    site.article(
        &format!("news/{BUNDLE}"),
        "lo",
        "ພິທີສ້າງຄູ່ພີ່ນ້ອງ",
        "2023-12-08",
        "summary: \"ສອງຝ່າຍຊາຍແດນ.\"",
        "ເນື້ອໃນ.",
    );
    site
}

#[test]
fn trilingual_bundle_is_published_once_per_language() {
    let site = trilingual_site();
    site.build_ok(&[]);
    let cases = [
        (
            "vi",
            "Lễ kết nghĩa cụm dân cư",
            "Hai bên biên giới kết nghĩa.",
        ),
        (
            "en",
            "Twinning of border villages",
            "Both sides of the border twin.",
        ),
        ("lo", "ພິທີສ້າງຄູ່ພີ່ນ້ອງ", "ສອງຝ່າຍຊາຍແດນ."),
    ];
    for (lang, title, summary) in cases {
        let html = site.html(&format!("{lang}/news/{BUNDLE}/index.html"));
        assert_eq!(html_lang(&html), lang);
        let charset = attr(&html, "meta[charset]", "charset");
        assert!(
            charset.eq_ignore_ascii_case("utf-8"),
            "charset is {charset}"
        );
        let viewport = attr(&html, "meta[name=\"viewport\"]", "content");
        assert!(
            viewport.contains("width=device-width"),
            "viewport is {viewport}"
        );
        let page_title = text(&select(&html, "head title")[0]);
        assert!(
            page_title.contains(title),
            "<title> `{page_title}` lacks `{title}`"
        );
        assert_eq!(
            attr(&html, "meta[name=\"description\"]", "content"),
            summary
        );
    }
}

#[test]
fn section_slugs_come_from_each_language_index() {
    let site = trilingual_site();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site.section("news", "en", "News", "news");
    site.section("news", "lo", "ຂ່າວ", "ຂ່າວ");
    site.build_ok(&[]);

    assert!(
        site.exists(&format!("vi/tin-tuc/{BUNDLE}/index.html")),
        "{}",
        site.listing()
    );
    assert!(
        site.exists(&format!("en/news/{BUNDLE}/index.html")),
        "{}",
        site.listing()
    );
    assert!(!site.exists(&format!("vi/news/{BUNDLE}/index.html")));

    // On disk: the Lao folder's name is the slug in NFC UTF-8, not percent-encoded.
    let lao: String = "ຂ່າວ".nfc().collect();
    let names: Vec<String> = std::fs::read_dir(site.public("lo"))
        .expect("public/lo exists")
        .map(|entry| {
            entry
                .unwrap()
                .file_name()
                .into_string()
                .expect("UTF-8 file name")
        })
        .collect();
    assert!(
        names.contains(&lao),
        "no folder `{lao}` in public/lo: {names:?}"
    );
    assert!(site.exists(&format!("lo/{lao}/{BUNDLE}/index.html")));

    // In links: percent-encoded.
    let encoded = format!("/lo/{}/", encode(&lao));
    let lo_page = site.html(&format!("lo/{lao}/{BUNDLE}/index.html"));
    let hrefs = attrs(&lo_page, "a[href]", "href");
    assert!(
        hrefs.contains(&encoded),
        "no link to `{encoded}` among {hrefs:?}"
    );
    assert!(
        hrefs.iter().all(|href| !href.contains(&lao)),
        "a raw Lao href in {hrefs:?}"
    );
    let vi_page = site.html(&format!("vi/tin-tuc/{BUNDLE}/index.html"));
    assert_eq!(
        alternate(&vi_page, "lo"),
        format!("{BASE_URL}{encoded}{BUNDLE}/")
    );
    assert_eq!(
        switcher_entry(&vi_page, "lo").href,
        format!("{encoded}{BUNDLE}/")
    );
}

#[test]
fn names_typed_decomposed_are_published_in_nfc() {
    // macOS and some CMS exports write file names decomposed (NFD).
    let folder = "lễ-hội-đua-thuyền";
    let typed: String = folder.nfd().collect();
    assert_ne!(typed, folder);
    let photo: String = "ảnh.png".nfd().collect();
    let site = Site::new();
    site.image(&format!("content/news/{typed}/{photo}"), 4, 3);
    site.file(
        &format!("content/news/{typed}/index.vi.md"),
        &article(
            "Lễ hội",
            "2023-12-08",
            "",
            &format!("![Ảnh]({photo} \"Đua thuyền\")"),
        ),
    );
    site.article(
        "news/khac",
        "vi",
        "Khác",
        "2023-12-07",
        "",
        &format!("[lễ hội](../{typed}/index.vi.md)"),
    );
    site.build_ok(&[]);

    let names: Vec<String> = std::fs::read_dir(site.public("vi/news"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .into_string()
                .expect("UTF-8 file name")
        })
        .collect();
    assert!(
        names.iter().any(|n| n == folder),
        "no NFC folder `{folder}` in {names:?}"
    );
    assert!(
        !names.contains(&typed),
        "an NFD folder was published: {names:?}"
    );

    let url = format!("/vi/news/{}/", encode(folder));
    let other = site.html("vi/news/khac/index.html");
    assert_eq!(links_with_text(&other, "lễ hội"), [url]);
    let page = site.html(&format!("vi/news/{folder}/index.html"));
    let src = attr(&page, "figure img", "src");
    assert!(src.is_ascii(), "src is not percent-encoded: {src}");
    let rel = file_for_url(&src).unwrap();
    assert!(rel.nfc().eq(rel.chars()), "image path {rel} is not NFC");
    assert!(
        site.exists(&rel),
        "{rel} is not published:\n{}",
        site.listing()
    );
}

#[test]
fn a_missing_translation_is_absent_and_not_linked() {
    let site = Site::new();
    site.article(
        "news/chi-hai-ngu",
        "vi",
        "Chỉ hai ngữ",
        "2023-12-01",
        "",
        "Tiếng Việt.",
    );
    site.article(
        "news/chi-hai-ngu",
        "en",
        "Only two",
        "2023-12-01",
        "",
        "English.",
    );
    // Another article keeps the Lao side of the site alive.
    site.article("news/du-ba", "vi", "Đủ ba", "2023-12-02", "", "a");
    site.article("news/du-ba", "en", "All three", "2023-12-02", "", "b");
    site.article("news/du-ba", "lo", "ຄົບສາມ", "2023-12-02", "", "c");
    site.build_ok(&[]);

    let lao_files: Vec<String> = tree(&site.public("lo"))
        .into_keys()
        .filter(|path| path.contains("chi-hai-ngu"))
        .collect();
    assert!(
        lao_files.is_empty(),
        "Lao pages for an untranslated article: {lao_files:?}"
    );

    for lang in ["vi", "en"] {
        let html = site.html(&format!("{lang}/news/chi-hai-ngu/index.html"));
        let found = alternates(&html);
        let langs: Vec<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            langs.iter().copied().collect::<BTreeSet<_>>(),
            BTreeSet::from(["vi", "en", "x-default"]),
            "{lang} page alternates: {found:?}"
        );
        assert_eq!(
            langs.len(),
            3,
            "duplicate alternates on the {lang} page: {found:?}"
        );
        for (hreflang, href) in &found {
            assert!(
                href.starts_with(&format!("{BASE_URL}/")),
                "{hreflang} → {href} is not absolute"
            );
            assert!(
                site.url_exists(href),
                "{hreflang} → {href} is not published"
            );
        }
    }

    let vi = site.html("vi/news/chi-hai-ngu/index.html");
    let lo = switcher_entry(&vi, "lo");
    assert_eq!(lo.href, "/lo/");
    assert!(
        lo.untranslated,
        "the lo entry is not marked untranslated: {lo:?}"
    );
    assert!(!lo.current);
    let en = switcher_entry(&vi, "en");
    assert_eq!(en.href, "/en/news/chi-hai-ngu/");
    assert!(!en.untranslated, "{en:?}");
    assert!(switcher_entry(&vi, "vi").current);
}

#[test]
fn hreflang_is_reciprocal_with_x_default_on_the_source_language() {
    let site = trilingual_site();
    site.build_ok(&[]);
    let url = |lang: &str| format!("{BASE_URL}/{lang}/news/{BUNDLE}/");
    let expected: BTreeSet<(String, String)> = [
        ("vi".to_string(), url("vi")),
        ("en".to_string(), url("en")),
        ("lo".to_string(), url("lo")),
        ("x-default".to_string(), url("vi")),
    ]
    .into();
    for lang in ["vi", "en", "lo"] {
        let html = site.html(&format!("{lang}/news/{BUNDLE}/index.html"));
        let found = alternates(&html);
        assert_eq!(found.len(), 4, "{lang}: {found:?}");
        assert_eq!(
            found.into_iter().collect::<BTreeSet<_>>(),
            expected,
            "{lang} page"
        );
        assert_eq!(attr(&html, "link[rel=\"canonical\"]", "href"), url(lang));
    }

    for lang in ["vi", "en", "lo"] {
        let html = site.html(&format!("{lang}/index.html"));
        assert_eq!(
            alternate(&html, "x-default"),
            format!("{BASE_URL}/"),
            "{lang} home"
        );
        for other in ["vi", "en", "lo"] {
            assert_eq!(
                alternate(&html, other),
                format!("{BASE_URL}/{other}/"),
                "{lang} home"
            );
        }
    }
}

#[test]
fn root_chooser_links_every_language_and_404_exists() {
    let site = trilingual_site();
    site.build_ok(&[]);
    let chooser = site.html("index.html");
    let hrefs = attrs(&chooser, "a[href]", "href");
    for home in ["/vi/", "/en/", "/lo/"] {
        assert!(
            hrefs.iter().any(|h| h == home),
            "the chooser does not link {home}: {hrefs:?}"
        );
    }
    assert_eq!(alternate(&chooser, "x-default"), format!("{BASE_URL}/"));

    let not_found = site.html("404.html");
    assert!(
        alternates(&not_found).is_empty(),
        "404 pages carry no hreflang: {:?}",
        alternates(&not_found)
    );
}

#[test]
fn listings_paginate() {
    let site = Site::new();
    for day in 1..=5 {
        site.article(
            &format!("news/bai-{day}"),
            "vi",
            &format!("Bài số {day}"),
            &format!("2023-12-0{day}"),
            "",
            "Nội dung.",
        );
    }
    site.build_ok(&[]);
    assert!(site.exists("vi/news/index.html"));
    assert!(
        site.exists("vi/news/page/2/index.html"),
        "{}",
        site.listing()
    );
    assert!(
        site.exists("vi/news/page/3/index.html"),
        "{}",
        site.listing()
    );
    assert!(!site.exists("vi/news/page/4/index.html"));
    assert!(
        !site.exists("vi/news/page/1/index.html"),
        "page 1 is the listing itself"
    );

    let page2 = site.html("vi/news/page/2/index.html");
    assert_eq!(attrs(&page2, "a[rel~=\"prev\"]", "href"), ["/vi/news/"]);
    assert_eq!(
        attrs(&page2, "a[rel~=\"next\"]", "href"),
        ["/vi/news/page/3/"]
    );

    // Every article is listed once across the three pages, two per page at most.
    let mut listed = Vec::new();
    for page in [
        "vi/news/index.html",
        "vi/news/page/2/index.html",
        "vi/news/page/3/index.html",
    ] {
        let html = site.html(page);
        let on_page: BTreeSet<String> = attrs(&html, "main a[href]", "href")
            .into_iter()
            .filter(|href| href.starts_with("/vi/news/bai-"))
            .collect();
        assert!(on_page.len() <= 2, "{page} lists {on_page:?}");
        listed.extend(on_page);
    }
    listed.sort();
    let expected: Vec<String> = (1..=5).map(|d| format!("/vi/news/bai-{d}/")).collect();
    assert_eq!(listed, expected);

    // A shorter listing in another language: page 2's switcher leads to its first page.
    site.article("news/bai-1", "en", "Article one", "2023-12-01", "", "Text.");
    site.build_ok(&[]);
    let page2 = site.html("vi/news/page/2/index.html");
    let en = switcher_entry(&page2, "en");
    assert_eq!((en.href.as_str(), en.untranslated), ("/en/news/", true));
    assert!(alternates(&page2).iter().all(|(lang, _)| lang != "en"));
    assert_eq!(
        switcher_entry(&page2, "lo").href,
        "/lo/",
        "no Lao news at all"
    );
}

#[test]
fn taxonomy_terms_are_slugged_per_language() {
    let site = Site::new();
    let nfc_category = "Biên giới";
    let nfd_category: String = nfc_category.nfd().collect();
    assert_ne!(nfc_category, nfd_category);
    site.article(
        "news/mot",
        "vi",
        "Bài một",
        "2023-12-01",
        &format!("categories: [\"{nfc_category}\"]\ntags: [\"Thông tin đối ngoại\"]"),
        "Một.",
    );
    site.article(
        "news/hai",
        "vi",
        "Bài hai",
        "2023-12-02",
        &format!("categories: [\"{nfd_category}\"]"),
        "Hai.",
    );
    // A tag typed with its vowel sign and tone mark in non-canonical order (tone first).
    let typed_lao = "\u{0E97}\u{0EC8}\u{0EB8}\u{0E87}";
    let lao: String = typed_lao.nfc().collect();
    assert_ne!(typed_lao, lao);
    site.article(
        "news/mot",
        "lo",
        "ບົດໜຶ່ງ",
        "2023-12-01",
        &format!("tags: [\"ມິດຕະພາບ\", \"{typed_lao}\"]"),
        "ໜຶ່ງ.",
    );
    site.build_ok(&[]);

    assert!(
        site.exists("vi/tags/thong-tin-doi-ngoai/index.html"),
        "{}",
        site.listing()
    );

    let category_folders: Vec<String> = std::fs::read_dir(site.public("vi/categories"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        category_folders,
        ["bien-gioi"],
        "one term for both spellings"
    );
    let term = site.html("vi/categories/bien-gioi/index.html");
    let listed: BTreeSet<String> = attrs(&term, "main a[href]", "href").into_iter().collect();
    assert!(listed.contains("/vi/news/mot/"), "{listed:?}");
    assert!(listed.contains("/vi/news/hai/"), "{listed:?}");
    assert_eq!(
        text(&select(&term, "h1")[0]),
        nfc_category,
        "the term's name is shown in NFC"
    );

    assert!(
        site.exists("lo/tags/ມິດຕະພາບ/index.html"),
        "{}",
        site.listing()
    );
    assert!(
        site.exists(&format!("lo/tags/{lao}/index.html")),
        "{}",
        site.listing()
    );

    let vi = site.html("vi/news/mot/index.html");
    let hrefs = attrs(&vi, "a[href]", "href");
    for term_url in ["/vi/tags/thong-tin-doi-ngoai/", "/vi/categories/bien-gioi/"] {
        assert!(
            hrefs.iter().any(|h| h == term_url),
            "no link to {term_url}: {hrefs:?}"
        );
    }
    let lo = site.html("lo/news/mot/index.html");
    let hrefs = attrs(&lo, "a[href]", "href");
    for term in ["ມິດຕະພາບ", lao.as_str()] {
        let term_url = format!("/lo/tags/{}/", encode(term));
        assert!(
            hrefs.contains(&term_url),
            "no link to {term_url}: {hrefs:?}"
        );
    }
}

#[test]
fn relative_links_between_content_files_become_page_urls() {
    let site = Site::new();
    site.article(
        "news/other",
        "vi",
        "Bài khác",
        "2023-12-01",
        "",
        "## Phần {#part}\n",
    );
    site.article(
        "news/other",
        "en",
        "Other",
        "2023-12-01",
        "",
        "## Part {#part}\n",
    );
    site.article(
        "news/this",
        "vi",
        "Bài này",
        "2023-12-02",
        "",
        "Xem [vi-link](../other/index.vi.md#part).",
    );
    site.article(
        "news/this",
        "en",
        "This",
        "2023-12-02",
        "",
        "See [en-link](../other/index.en.md#part) and [vi-target](../other/index.vi.md).",
    );
    site.article(
        "news/this",
        "lo",
        "ນີ້",
        "2023-12-02",
        "",
        "[vi-fallback](../other/index.vi.md)",
    );
    site.build_ok(&[]);

    let vi = site.html("vi/news/this/index.html");
    assert_eq!(links_with_text(&vi, "vi-link"), ["/vi/news/other/#part"]);
    let en = site.html("en/news/this/index.html");
    assert_eq!(links_with_text(&en, "en-link"), ["/en/news/other/#part"]);
    assert_eq!(
        links_with_text(&en, "vi-target"),
        ["/en/news/other/"],
        "a link to the vi file from an en page leads to the en version"
    );
    let lo = site.html("lo/news/this/index.html");
    assert_eq!(
        links_with_text(&lo, "vi-fallback"),
        ["/vi/news/other/"],
        "without a lo version the link keeps its target"
    );
    for url in ["/vi/news/other/", "/en/news/other/"] {
        assert!(site.url_exists(url), "{url}");
    }
}

#[test]
fn dates_are_written_for_each_language() {
    let site = trilingual_site();
    site.build_ok(&[]);
    let page = |lang: &str| body_text(&site.html(&format!("{lang}/news/{BUNDLE}/index.html")));
    let vi = page("vi");
    assert!(vi.contains("Thứ Sáu, 08/12/2023"), "vi page: {vi}");
    let en = page("en");
    assert!(en.contains("Friday, 8 December 2023"), "en page: {en}");
    let lo = page("lo");
    assert!(
        lo.contains("ທັນວາ"),
        "the Lao month name for December is missing: {lo}"
    );
    assert!(lo.contains("2023"), "Gregorian year: {lo}");
}

#[test]
fn drafts_are_skipped_unless_asked_for() {
    let site = Site::new();
    site.article("news/published", "vi", "Đã đăng", "2023-12-01", "", "a");
    site.article(
        "news/nhap",
        "vi",
        "Bản nháp",
        "2023-12-02",
        "draft: true",
        "b",
    );
    site.build_ok(&[]);
    assert!(site.exists("vi/news/published/index.html"));
    assert!(!site.exists("vi/news/nhap/index.html"));
    let listing = attrs(&site.html("vi/news/index.html"), "a[href]", "href");
    assert!(!listing.iter().any(|h| h.contains("nhap")), "{listing:?}");

    site.build_ok(&["--drafts"]);
    assert!(site.exists("vi/news/nhap/index.html"), "{}", site.listing());
}

#[test]
fn builds_are_deterministic() {
    let site = trilingual_site();
    // Same dates, several terms and an image: places where order could wobble.
    for n in 1..=4 {
        site.article(
            &format!("news/cung-ngay-{n}"),
            "vi",
            &format!("Cùng ngày {n}"),
            "2023-12-08",
            "tags: [\"kết nghĩa\", \"Lào\"]\ncategories: [\"Biên giới\"]",
            "![Ảnh](photo.png \"Chú thích\")\n",
        );
        site.image(&format!("content/news/cung-ngay-{n}/photo.png"), 3, 2);
    }
    let first = site.root().join("out-1");
    let second = site.root().join("out-2");
    site.build_ok(&["--output", first.to_str().unwrap()]);
    site.build_ok(&["--output", second.to_str().unwrap()]);
    let (first, second) = (tree(&first), tree(&second));
    assert!(
        first.len() > 20,
        "suspiciously few files: {:?}",
        first.keys()
    );
    assert_same_tree(&first, &second);
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = trilingual_site();
    site.build_ok(&[]);
    let before = tree(&site.public(""));
    assert!(!before.is_empty());

    // A valid change that would show if anything were written, and an error.
    site.article(
        &format!("news/{BUNDLE}"),
        "vi",
        "Tiêu đề mới",
        "2023-12-08",
        "",
        "Khác.",
    );
    site.file(
        "content/news/hong/index.vi.md",
        "---\ntittle: x\ndate: 2023-12-08\n---\n",
    );
    site.build(&[]).assert_code(1);
    assert_same_tree(&before, &tree(&site.public("")));

    assert_no_staging_left(&site);
}

/// What identifies one written file on disk: unchanged bytes must not be rewritten.
fn stamp(path: &std::path::Path) -> (std::time::SystemTime, u64) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (meta.modified().unwrap(), meta.ino())
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let site = trilingual_site();
    site.article(
        "news/khac",
        "vi",
        "Bài khác",
        "2023-11-02",
        "",
        "![Ảnh](photo.png)\n",
    );
    site.image("content/news/khac/photo.png", 30, 20);
    site.build_ok(&[]);
    let before = tree(&site.public(""));
    let unchanged = site.public(&format!("en/news/{BUNDLE}/index.html"));
    let edited = site.public("vi/news/khac/index.html");
    let picture = std::fs::read_dir(site.public("img"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .next()
        .expect("a picture variant");
    let (unchanged_before, edited_before, picture_before) =
        (stamp(&unchanged), stamp(&edited), stamp(&picture));
    std::thread::sleep(std::time::Duration::from_millis(50));

    site.article(
        "news/khac",
        "vi",
        "Bài khác",
        "2023-11-02",
        "",
        "![Ảnh](photo.png)\n\nMột đoạn mới.\n",
    );
    site.build_ok(&[]);
    assert_eq!(
        stamp(&unchanged),
        unchanged_before,
        "an unchanged page kept its file"
    );
    assert_eq!(
        stamp(&picture),
        picture_before,
        "an unchanged picture kept its file"
    );
    assert_ne!(
        stamp(&edited),
        edited_before,
        "the edited page was written again"
    );
    assert!(
        site.read("vi/news/khac/index.html")
            .contains("Một đoạn mới.")
    );
    let after = tree(&site.public(""));
    let differing: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .collect();
    assert!(differing.contains(&&"vi/news/khac/index.html".to_string()));
}

#[test]
fn a_rebuild_over_the_previous_site_equals_a_fresh_build() {
    let site = trilingual_site();
    site.article("news/khac", "vi", "Bài khác", "2023-11-02", "", "Đoạn.\n");
    site.article(
        "news/thu-ba",
        "vi",
        "Bài thứ ba",
        "2023-10-02",
        "",
        "Đoạn.\n",
    );
    site.build_ok(&[]);
    assert!(site.exists("vi/news/khac/index.html"));
    // Things the new site does not have: a removed article, stray files and folders,
    // and a file standing where the new site needs a folder.
    std::fs::remove_dir_all(site.path("content/news/khac")).unwrap();
    site.file("public/junk.txt", "x");
    site.file("public/vi/old-dir/deep/page.html", "x");
    std::fs::remove_dir_all(site.public("vi/news/thu-ba")).unwrap();
    site.file("public/vi/news/thu-ba", "a file where a folder belongs");
    site.build_ok(&[]);

    let fresh = site.root().join("fresh");
    site.build_ok(&["--output", fresh.to_str().unwrap()]);
    assert_same_tree(&tree(&fresh), &tree(&site.public("")));
    for gone in ["vi/news/khac", "junk.txt", "vi/old-dir"] {
        assert!(!site.public(gone).exists(), "{gone} is still there");
    }
    assert_no_staging_left(&site);
}

#[test]
fn a_build_never_writes_over_the_site_or_a_folder_of_other_files() {
    let site = trilingual_site();
    let before = tree(site.root());
    for output in [
        ".",
        "content",
        "content/news/mot",
        "static/out",
        "i18n",
        "site.yaml",
    ] {
        let path = site.root().join(output);
        for force in [&[][..], &["--force"][..]] {
            let mut args = vec!["--output", path.to_str().unwrap()];
            args.extend_from_slice(force);
            let out = site.build(&args);
            out.assert_code(2);
            assert!(
                out.stderr.contains("cannot build into") && out.stderr.contains("help:"),
                "{output}: {}",
                out.stderr
            );
        }
    }
    assert_same_tree(&before, &tree(site.root()));

    // An editor's folder of documents is not emptied without --force.
    let documents = tempfile::tempdir().unwrap();
    std::fs::write(documents.path().join("bao-cao.docx"), "báo cáo").unwrap();
    let folder = documents.path().to_str().unwrap();
    let out = site.build(&["--output", folder]);
    out.assert_code(2);
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert!(documents.path().join("bao-cao.docx").is_file());
    site.build_ok(&["--output", folder, "--force"]);
    assert!(documents.path().join("vi/index.html").is_file());
    assert!(!documents.path().join("bao-cao.docx").exists());
    // Once it holds a site, later builds go there as into public/.
    site.build_ok(&["--output", folder]);
}

#[test]
fn a_bad_base_url_or_site_folder_on_the_command_line_is_a_usage_error() {
    let site = trilingual_site();
    for url in [
        "not a url",
        "staging.example.gov.vn",
        "https://",
        "https://a b.vn",
    ] {
        let out = site.build(&["--base-url", url]);
        out.assert_code(2);
        assert!(out.stderr.contains("--base-url"), "{url}: {}", out.stderr);
    }
    assert!(!site.public("").exists());
    let missing = site.root().join("no-such-site");
    let out = site.run(&["--root", missing.to_str().unwrap(), "build"]);
    out.assert_code(2);
    assert!(out.stderr.contains("does not exist"), "{}", out.stderr);
    site.build_ok(&["--base-url", "https://staging.example.gov.vn/cong"]);
}

#[test]
fn an_output_folder_reached_through_a_link_stays_a_link() {
    let site = trilingual_site();
    let real = site.root().join("served-site");
    std::fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink(&real, site.root().join("public")).unwrap();
    site.build_ok(&[]);
    site.article("news/khac", "vi", "Bài khác", "2023-11-02", "", "Đoạn.\n");
    site.build_ok(&[]);
    let link = std::fs::symlink_metadata(site.root().join("public")).unwrap();
    assert!(link.file_type().is_symlink(), "public/ is still the link");
    assert!(real.join("vi/news/khac/index.html").is_file());
}

#[test]
fn a_category_named_like_a_section_has_a_title_of_its_own() {
    let site = trilingual_site();
    site.section("news", "vi", "Tin tức", "news");
    site.article(
        "news/the",
        "vi",
        "Bài có chuyên mục",
        "2023-11-02",
        "categories: [\"Tin tức\"]",
        "Đoạn.\n",
    );
    site.build_ok(&[]);
    let title = |rel: &str| text(&select(&site.html(rel), "title")[0]);
    let section = title("vi/news/index.html");
    let category = title("vi/categories/tin-tuc/index.html");
    assert!(section.starts_with("Tin tức |"), "{section}");
    assert!(category.starts_with("Tin tức – "), "{category}");
    assert_ne!(section, category);
}

#[test]
fn a_taxonomy_no_article_uses_gets_no_list_page() {
    let site = trilingual_site();
    site.article(
        "news/the",
        "vi",
        "Bài có thẻ",
        "2023-11-02",
        "tags: [\"Biên giới\"]",
        "Đoạn.\n",
    );
    site.build_ok(&[]);
    assert!(site.exists("vi/tags/index.html"));
    assert!(site.exists("vi/tags/bien-gioi/index.html"));
    assert!(
        !site.exists("en/tags/index.html"),
        "no English article has tags"
    );
    assert!(
        !site.exists("vi/categories/index.html"),
        "no article has categories"
    );
    let sitemap = site.read("en/sitemap.xml");
    assert!(!sitemap.contains("/en/tags/"), "{sitemap}");
}

#[test]
fn staging_folders_of_killed_builds_are_cleared() {
    let site = trilingual_site();
    site.build_ok(&[]);
    // What a build killed while writing leaves beside the output (no such process runs:
    // process ids stay below 2^22 on Linux).
    site.file(
        ".public.mekong-new-4294967/vi/index.html",
        "<html>half a site</html>",
    );
    std::fs::create_dir_all(site.root().join(".public.mekong-new-4294968/vi")).unwrap();
    site.build_ok(&[]);
    assert_no_staging_left(&site);
}

/// No staging folder of a build is left beside the output.
fn assert_no_staging_left(site: &Site) {
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public") || name.contains("mekong"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

/// The number printed right after `lang` in the summary line (`pages vi 8, en 7, …`).
fn count_after(summary: &str, lang: &str) -> Option<usize> {
    let words: Vec<&str> = summary
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '(' | ')' | '='))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .find(|pair| pair[0] == lang)
        .and_then(|pair| pair[1].parse().ok())
}

#[test]
fn summary_counts_pages_per_language() {
    let site = trilingual_site();
    site.article(
        "news/chi-tieng-viet",
        "vi",
        "Chỉ tiếng Việt",
        "2023-12-09",
        "",
        "x",
    );
    let output = site.build_ok(&[]);
    for lang in ["vi", "en", "lo"] {
        let pages = tree(&site.public(lang))
            .keys()
            .filter(|path| path.ends_with(".html"))
            .count();
        assert_eq!(
            count_after(&output.stdout, lang),
            Some(pages),
            "the summary should count {pages} {lang} pages:\n{}",
            output.stdout
        );
    }
}

#[test]
fn root_option_works_before_and_after_the_subcommand() {
    let site = trilingual_site();
    let root = site.root().to_str().unwrap();
    site.run(&["--root", root, "build"]).assert_success();
    assert!(site.exists("vi/index.html"));
    std::fs::remove_dir_all(site.public("")).unwrap();
    site.run(&["build", "--root", root]).assert_success();
    assert!(site.exists("vi/index.html"));
}

#[test]
fn bundle_images_become_figures() {
    let site = Site::new();
    site.image("content/news/anh/photo.png", 8, 6);
    site.article(
        "news/anh",
        "vi",
        "Bài có ảnh",
        "2023-12-08",
        "",
        "Đoạn đầu.\n\n![Cầu Hữu nghị](photo.png \"Chú thích ảnh\")\n\nĐoạn cuối.\n",
    );
    site.build_ok(&[]);
    let html = site.html("vi/news/anh/index.html");
    let figures = select(&html, "figure");
    let figure = figures
        .iter()
        .find(|f| {
            f.select(&selector("img[alt=\"Cầu Hữu nghị\"]"))
                .next()
                .is_some()
        })
        .unwrap_or_else(|| {
            panic!(
                "no <figure> holds the image: {}",
                site.read("vi/news/anh/index.html")
            )
        });
    let img = figure.select(&selector("img")).next().unwrap();
    let value = img.value();
    assert_eq!(value.attr("loading"), Some("lazy"));
    let width: u32 = value.attr("width").expect("width").parse().unwrap();
    let height: u32 = value.attr("height").expect("height").parse().unwrap();
    assert_eq!(
        width * 6,
        height * 8,
        "width/height keep the aspect ratio: {width}×{height}"
    );
    let caption = figure
        .select(&selector("figcaption"))
        .next()
        .expect("a <figcaption>");
    assert_eq!(text(&caption), "Chú thích ảnh");

    let src = value.attr("src").expect("src");
    let rel = file_for_url(src).unwrap_or_else(|| panic!("src `{src}` is not on the site"));
    let published = image::open(site.public(&rel))
        .unwrap_or_else(|e| panic!("public/{rel} is not a readable image: {e}"));
    assert_eq!((published.width(), published.height()), (width, height));
}

const OVERRIDE_PAGE: &str = r#"{% extends "base.html" %}
{% block content %}<p id="override">Override: {{ page.title }}</p>{% endblock content %}
"#;

fn assert_page_template_overridden(site: &Site) {
    site.article("news/bai", "vi", "Bài viết", "2023-12-08", "", "Nội dung.");
    site.build_ok(&[]);
    let page = site.html("vi/news/bai/index.html");
    let marker = select(&page, "#override");
    assert_eq!(marker.len(), 1, "page.html was not overridden");
    assert_eq!(text(&marker[0]), "Override: Bài viết");
    // The other templates are still the built-in ones.
    assert!(
        !switcher(&page).is_empty(),
        "base.html should still be the built-in one"
    );
    let section = site.html("vi/news/index.html");
    assert!(select(&section, "#override").is_empty());
    assert!(links_with_text(&section, "Bài viết").contains(&"/vi/news/bai/".to_string()));
}

#[test]
fn site_templates_folder_overrides_one_template() {
    let site = Site::new();
    site.file("templates/page.html", OVERRIDE_PAGE);
    assert_page_template_overridden(&site);
}

#[test]
fn site_theme_folder_overrides_one_template() {
    let site = Site::new();
    site.file("themes/default/templates/page.html", OVERRIDE_PAGE);
    assert_page_template_overridden(&site);
}

#[test]
fn static_files_are_copied_as_they_are() {
    let site = trilingual_site();
    let robots = b"User-agent: *\r\nDisallow: /nhap/\r\n# kh\xc3\xb4ng \xc4\x91\xe1\xbb\x95i";
    site.bytes("static/robots.txt", robots);
    site.build_ok(&[]);
    assert_eq!(std::fs::read(site.public("robots.txt")).unwrap(), robots);
}

/// 20,000 headings of one title (a pasted table of contents, a generated report) each
/// get their own id, `tin-tuc`, `tin-tuc-1`, …, and the page builds; the time this takes
/// is measured by bench/headings.sh, not here.
#[test]
fn twenty_thousand_equal_headings_get_unique_ids() {
    let site = Site::new();
    let body = "## Tin tức\n\nĐoạn.\n\n".repeat(20_000);
    site.article("news/dai", "vi", "Bài dài", "2024-01-01", "", &body);
    site.build_ok(&[]);
    let html = site.html("vi/news/dai/index.html");
    let ids = attrs(&html, ".article-body h2[id]", "id");
    assert_eq!(ids.len(), 20_000);
    assert_eq!(ids[0], "tin-tuc");
    assert_eq!(ids[1], "tin-tuc-1");
    assert_eq!(ids[19_999], "tin-tuc-19999");
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
}

#[test]
fn listing_sizes_come_from_site_yaml() {
    let site = Site::new();
    site.file(
        "site.yaml",
        &format!("{SITE_YAML}listings: {{ latest: 2, per_section: 1, related: 1 }}\n"),
    );
    // Each list as plain links, so that counting them counts the list.
    site.file(
        "templates/index.html",
        "<ul id=\"latest\">{% for p in latest %}<li>{{ p.url }}</li>{% endfor %}</ul>\
         {% for b in section_blocks %}<ul class=\"block\">{% for p in b.pages %}<li>{{ p.url }}</li>{% endfor %}</ul>{% endfor %}",
    );
    site.file(
        "templates/page.html",
        "<ul id=\"related\">{% for p in related %}<li>{{ p.url }}</li>{% endfor %}</ul>",
    );
    for n in 1..=4 {
        site.article(
            &format!("news/a{n}"),
            "vi",
            &format!("Bài {n}"),
            &format!("2024-05-0{n}"),
            "tags: [\"Biên giới\"]",
            "Nội dung.",
        );
    }
    site.build_ok(&[]);
    let items = |file: &str, selector: &str| -> Vec<String> {
        let html = site.html(file);
        let selector = scraper::Selector::parse(selector).expect("a valid selector");
        html.select(&selector)
            .map(|li| li.text().collect::<String>())
            .collect()
    };
    assert_eq!(
        items("vi/index.html", "#latest li"),
        ["/vi/news/a4/", "/vi/news/a3/"],
        "the two newest"
    );
    assert_eq!(items("vi/index.html", ".block li"), ["/vi/news/a4/"]);
    assert_eq!(
        items("vi/news/a4/index.html", "#related li"),
        ["/vi/news/a3/"]
    );

    // Zero is no size: an error at the value, with the default as the hint.
    site.file(
        "site.yaml",
        &format!("{SITE_YAML}listings: {{ related: 0 }}\n"),
    );
    let output = site.build(&[]);
    assert_eq!(output.code, Some(1), "{}", output.stderr);
    assert!(
        output.stderr.contains("site.yaml:8:")
            && output
                .stderr
                .contains("listings.related must be at least 1"),
        "{}",
        output.stderr
    );
}
