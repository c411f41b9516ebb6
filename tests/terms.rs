//! `i18n/terms.yaml`: the terms file's problems, each at its line and column; term
//! pages linking the same term across languages (switcher, hreflang, sitemap) and the
//! term list where a language lacks it; tagging by key or name; `check`'s unmapped
//! terms and translations whose terms differ; `new --translate` filling the terms.

mod common;
use std::collections::BTreeMap;

use common::*;

fn site_with_terms(terms: &str) -> Site {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site.article(
        "news/a",
        "vi",
        "Biên giới",
        "2023-12-08",
        "tags: [\"Biên giới\"]",
        "Nội dung.",
    );
    site.file("i18n/terms.yaml", terms);
    site
}

#[test]
fn a_good_terms_file_builds() {
    let site = site_with_terms(
        "tags:\n  bien-gioi:\n    vi: \"Biên giới\"\n    en: \"Border\"\n    lo: \"ຊາຍແດນ\"\n    description: { vi: \"Tin về biên giới\" }\n",
    );
    site.build_ok(&[]);
}

#[test]
fn a_broken_terms_file_is_reported_at_its_lines() {
    // line 1 taxonomy `tag` (unknown), line 4 language `fr`, line 7 the vi name of
    // `border` is the same as `hop-tac`'s, line 9 an unknown key.
    let site = site_with_terms(concat!(
        "tag:\n",                                                  // 1
        "  x: { vi: \"X\" }\n",                                    // 2
        "tags:\n",                                                 // 3
        "  bien-gioi: { vi: \"Biên giới\", fr: \"Frontière\" }\n", // 4
        "  hop-tac: { vi: \"Hợp tác\" }\n",                        // 5
        "  border:\n",                                             // 6
        "    vi: \"Hop tac\"\n",                                   // 7
        "  ket-nghia:\n",                                          // 8
        "    nmae: \"x\"\n",                                       // 9
    ));
    let root = site.root().to_str().expect("UTF-8 path").to_string();
    for command in ["build", "check"] {
        let out = site.run(&["--root", &root, command]);
        assert_eq!(out.code, Some(1), "{}", out.stderr);
        let taxonomy = out.problem_at("i18n/terms.yaml", 1);
        assert_hint(&taxonomy, "did you mean `tags`");
        let lang = out.problem_at("i18n/terms.yaml", 4);
        assert!(lang.contains("fr"), "{lang}");
        let same = out.problem_at("i18n/terms.yaml", 7);
        assert!(same.contains("hop-tac"), "{same}");
        assert_hint(&same, "one name can mean one term only");
        let unknown = out.problem_at("i18n/terms.yaml", 9);
        assert!(unknown.contains("nmae"), "{unknown}");
    }
    assert!(!site.root().join("public").exists());
}

#[test]
fn malformed_yaml_in_the_terms_file_is_reported_at_its_line() {
    let site = site_with_terms("tags:\n  bien-gioi: { vi: \"Biên giới\"\n  x: [\n");
    let out = site.build(&[]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("i18n/terms.yaml:"), "{}", out.stderr);
}

/// The terms file of the cross-language fixtures: `bien-gioi` named in every language,
/// `hop-tac` too, `le-hoi` without an English name.
const TERMS: &str = "\
tags:
  bien-gioi:
    vi: \"Biên giới\"
    en: \"Border\"
    lo: \"ຊາຍແດນ\"
    description: { vi: \"Tin về biên giới\", en: \"News from the border\" }
  hop-tac:
    vi: \"Hợp tác\"
    en: \"Cooperation\"
    lo: \"ການຮ່ວມມື\"
  le-hoi:
    vi: \"Lễ hội\"
    lo: \"ບຸນ\"
";

/// `/lo/tags/ຊາຍແດນ/` as links write it.
const LO_BORDER: &str = "/lo/tags/%E0%BA%8A%E0%BA%B2%E0%BA%8D%E0%BB%81%E0%BA%94%E0%BA%99/";
const LO_BORDER_FILE: &str = "lo/tags/ຊາຍແດນ/index.html";
/// `/lo/tags/ການຮ່ວມມື/` as links write it.
const LO_COOPERATION: &str =
    "/lo/tags/%E0%BA%81%E0%BA%B2%E0%BA%99%E0%BA%AE%E0%BB%88%E0%BA%A7%E0%BA%A1%E0%BA%A1%E0%BA%B7/";

/// Article `a` in three languages, each tagging `bien-gioi` by its own name; article
/// `b` in Vietnamese and Lao only, tagging `hop-tac` (so English has no article with it).
fn trilingual_site() -> Site {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site.section("news", "en", "News", "news");
    site.section("news", "lo", "ຂ່າວ", "khao");
    site.article(
        "news/a",
        "vi",
        "Chợ biên giới",
        "2023-12-08",
        "tags: [\"Biên giới\"]",
        "Nội dung.",
    );
    site.article(
        "news/a",
        "en",
        "Border market",
        "2023-12-08",
        "tags: [\"Border\"]",
        "Text.",
    );
    site.article(
        "news/a",
        "lo",
        "ຕະຫຼາດຊາຍແດນ",
        "2023-12-08",
        "tags: [\"ຊາຍແດນ\"]",
        "ເນື້ອໃນ.",
    );
    site.article(
        "news/b",
        "vi",
        "Hợp tác",
        "2023-12-09",
        "tags: [\"Hợp tác\"]",
        "Nội dung.",
    );
    site.article(
        "news/b",
        "lo",
        "ການຮ່ວມມື",
        "2023-12-09",
        "tags: [\"ການຮ່ວມມື\"]",
        "ເນື້ອໃນ.",
    );
    site.file("i18n/terms.yaml", TERMS);
    site
}

fn root(site: &Site) -> String {
    site.root().to_str().expect("UTF-8 path").to_string()
}

fn check(site: &Site, args: &[&str]) -> Output {
    let root = root(site);
    let mut all = vec!["--root", root.as_str(), "check"];
    all.extend_from_slice(args);
    site.run(&all)
}

fn check_json(site: &Site) -> serde_json::Value {
    let out = check(site, &["--format", "json"]);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}\n{}", out.stdout))
}

/// lang → href of a page's switcher.
fn switcher_hrefs(html: &Html) -> Vec<(String, String)> {
    switcher(html)
        .into_iter()
        .map(|entry| (entry.lang, entry.href))
        .collect()
}

#[test]
fn each_languages_term_page_links_the_same_term_in_the_others() {
    let site = trilingual_site();
    site.build_ok(&[]);
    let expected = vec![
        ("vi".to_string(), "/vi/tags/bien-gioi/".to_string()),
        ("en".to_string(), "/en/tags/border/".to_string()),
        ("lo".to_string(), LO_BORDER.to_string()),
    ];
    for (lang, file, name) in [
        ("vi", "vi/tags/bien-gioi/index.html", "Biên giới"),
        ("en", "en/tags/border/index.html", "Border"),
        ("lo", LO_BORDER_FILE, "ຊາຍແດນ"),
    ] {
        let html = site.html(file);
        assert_eq!(html_lang(&html), lang, "{file}");
        assert_eq!(switcher_hrefs(&html), expected, "{file}");
        let entries = switcher(&html);
        for entry in &entries {
            assert_eq!(entry.current, entry.lang == lang, "{file}: {entry:?}");
            assert!(!entry.untranslated, "{file}: {entry:?}");
        }
        let mut heads = alternates(&html);
        heads.sort();
        let mut wanted: Vec<(String, String)> = expected
            .iter()
            .map(|(l, href)| (l.clone(), format!("{BASE_URL}{href}")))
            .chain([(
                "x-default".to_string(),
                format!("{BASE_URL}/vi/tags/bien-gioi/"),
            )])
            .collect();
        wanted.sort();
        assert_eq!(heads, wanted, "{file}");
        let heading = select(&html, "h1").first().map(text).unwrap_or_default();
        assert!(heading.contains(name), "{file}: h1 `{heading}`");
    }
    // The description is the language's own, and only where it is given.
    assert!(body_text(&site.html("vi/tags/bien-gioi/index.html")).contains("Tin về biên giới"));
    assert!(body_text(&site.html("en/tags/border/index.html")).contains("News from the border"));
    let lo = body_text(&site.html(LO_BORDER_FILE));
    assert!(!lo.contains("Tin về") && !lo.contains("News from"), "{lo}");
    // No page under another language's name.
    for missing in ["en/tags/bien-gioi/index.html", "vi/tags/border/index.html"] {
        assert!(!site.exists(missing), "{missing}\n{}", site.listing());
    }
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// loc → (hreflang → href) of every `<url>` in `public/<lang>/sitemap.xml`.
fn sitemap(site: &Site, lang: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let text = site.read(&format!("{lang}/sitemap.xml"));
    let doc = roxmltree::Document::parse(&text).expect("the sitemap parses");
    doc.root_element()
        .children()
        .filter(|c| c.has_tag_name((SITEMAP_NS, "url")))
        .map(|url| {
            let loc = url
                .children()
                .find(|c| c.has_tag_name((SITEMAP_NS, "loc")))
                .and_then(|c| c.text())
                .expect("a <url> has a <loc>")
                .to_string();
            let links = url
                .children()
                .filter(|c| c.has_tag_name((XHTML_NS, "link")))
                .map(|link| {
                    (
                        link.attribute("hreflang").unwrap_or_default().to_string(),
                        link.attribute("href").unwrap_or_default().to_string(),
                    )
                })
                .collect();
            (loc, links)
        })
        .collect()
}

#[test]
fn sitemap_alternates_of_term_pages_are_reciprocal_with_x_default() {
    let site = trilingual_site();
    site.build_ok(&[]);
    let vi = format!("{BASE_URL}/vi/tags/bien-gioi/");
    let en = format!("{BASE_URL}/en/tags/border/");
    let lo = format!("{BASE_URL}{LO_BORDER}");
    let expected: BTreeMap<String, String> = [
        ("vi", vi.clone()),
        ("en", en.clone()),
        ("lo", lo.clone()),
        ("x-default", vi.clone()),
    ]
    .into_iter()
    .map(|(l, h)| (l.to_string(), h))
    .collect();
    for (lang, loc) in [("vi", &vi), ("en", &en), ("lo", &lo)] {
        let urls = sitemap(&site, lang);
        let links = urls
            .get(loc)
            .unwrap_or_else(|| panic!("{lang}/sitemap.xml lacks {loc}: {:?}", urls.keys()));
        assert_eq!(links, &expected, "{lang}: {loc}");
    }
    // `hop-tac` has no English page: its alternates are Vietnamese and Lao only.
    let vi_coop = format!("{BASE_URL}/vi/tags/hop-tac/");
    let lo_coop = format!("{BASE_URL}{LO_COOPERATION}");
    let pair: BTreeMap<String, String> = [
        ("vi", vi_coop.clone()),
        ("lo", lo_coop.clone()),
        ("x-default", vi_coop.clone()),
    ]
    .into_iter()
    .map(|(l, h)| (l.to_string(), h))
    .collect();
    assert_eq!(sitemap(&site, "vi").get(&vi_coop), Some(&pair));
    assert_eq!(sitemap(&site, "lo").get(&lo_coop), Some(&pair));
    assert!(
        !sitemap(&site, "en")
            .keys()
            .any(|loc| loc.contains("/tags/cooperation/") || loc.contains("/tags/hop-tac/")),
        "the English sitemap lists a term page without articles"
    );
}

#[test]
fn a_language_without_the_term_is_sent_to_its_term_list() {
    let site = trilingual_site();
    site.build_ok(&[]);
    let html = site.html("vi/tags/hop-tac/index.html");
    let entries = switcher(&html);
    let en = entries
        .iter()
        .find(|e| e.lang == "en")
        .unwrap_or_else(|| panic!("no English entry: {entries:?}"));
    assert_eq!(en.href, "/en/tags/");
    assert!(en.untranslated, "{en:?}");
    assert!(site.url_exists(&en.href), "{}\n{}", en.href, site.listing());
    // Its hint says where the link goes: the term list, not the home page.
    let hint = select(&html, ".lang-switcher a[hreflang=en]")
        .first()
        .and_then(|a| a.value().attr("title"))
        .expect("a hint on the English entry")
        .to_string();
    assert!(hint.contains("danh sách chủ đề"), "{hint}");
    assert!(!hint.contains("trang chủ"), "{hint}");
    let list = body_text(&site.html("en/tags/index.html"));
    assert!(list.contains("Border"), "{list}");
    let lo = entries
        .iter()
        .find(|e| e.lang == "lo")
        .expect("a Lao entry");
    assert_eq!(lo.href, LO_COOPERATION);
    assert!(!lo.untranslated);
    let heads: Vec<String> = alternates(&html).into_iter().map(|(l, _)| l).collect();
    assert_eq!(heads, ["vi", "lo", "x-default"]);
    for missing in [
        "en/tags/cooperation/index.html",
        "en/tags/hop-tac/index.html",
    ] {
        assert!(!site.exists(missing), "{missing}");
    }
}

#[test]
fn the_key_and_the_name_in_any_tone_or_normal_form_are_one_term() {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    // The key; the name in NFD (ê as e + U+0302, ớ as o + U+031B + U+0301); in capitals;
    // with the tone on the wrong letter (giói for giới).
    let spellings = [
        "bien-gioi",
        "Bie\u{302}n gio\u{31b}\u{301}i",
        "BIÊN GIỚI",
        "Biên giói",
    ];
    for (i, spelling) in spellings.iter().enumerate() {
        site.article(
            &format!("news/a{i}"),
            "vi",
            &format!("Bài {i}"),
            &format!("2023-12-0{}", i + 1),
            &format!("tags: [\"{spelling}\"]"),
            "Nội dung.",
        );
    }
    site.article(
        "news/a0",
        "en",
        "Article 0",
        "2023-12-01",
        "tags: [\"border\"]",
        "Text.",
    );
    site.file("i18n/terms.yaml", TERMS);
    site.file(
        "site.yaml",
        &SITE_YAML.replace("paginate: 2", "paginate: 10"),
    );
    site.build_ok(&[]);
    let html = site.html("vi/tags/bien-gioi/index.html");
    let page = body_text(&html);
    for i in 0..spellings.len() {
        assert!(
            page.contains(&format!("Bài {i}")),
            "Bài {i} missing: {page}"
        );
    }
    let tag_pages: Vec<String> = site
        .listing()
        .lines()
        .map(str::trim)
        .filter(|p| p.starts_with("vi/tags/") && p.ends_with("index.html"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        tag_pages,
        ["vi/tags/bien-gioi/index.html", "vi/tags/index.html"]
    );
    assert!(body_text(&site.html("en/tags/border/index.html")).contains("Article 0"));
    let out = check(&site, &[]);
    assert!(
        !out.stdout.contains("not in the terms file"),
        "{}",
        out.stdout
    );
}

/// vi `lễ hội`-like festivals: two Vietnamese articles tag the mapped `Lễ hội`, their
/// English translations tag `Festivals`, which the file does not map.
fn site_with_an_unmapped_term() -> Site {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    for (i, day) in [(1, "2023-12-01"), (2, "2023-12-02")] {
        site.article(
            &format!("news/f{i}"),
            "vi",
            &format!("Lễ hội {i}"),
            day,
            "tags: [\"Lễ hội\"]",
            "Nội dung.",
        );
        site.article(
            &format!("news/f{i}"),
            "en",
            &format!("Festival {i}"),
            day,
            "tags: [\"Festivals\"]",
            "Text.",
        );
    }
    site.file("i18n/terms.yaml", TERMS);
    site
}

#[test]
fn check_lists_an_unmapped_term_with_its_articles_and_likely_mapping() {
    let site = site_with_an_unmapped_term();
    let out = check(&site, &[]);
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("1 term not in the terms file"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "tags \"Festivals\" (en, 2 articles) → likely `le-hoi` (\"Lễ hội\" in vi): translations carry it in the same place"
        ),
        "{}",
        out.stdout
    );
    let json = check_json(&site);
    let unmapped = json["terms"]["unmapped"]
        .as_array()
        .expect("terms.unmapped");
    assert_eq!(unmapped.len(), 1, "{unmapped:?}");
    let term = &unmapped[0];
    assert_eq!(term["taxonomy"], "tags");
    assert_eq!(term["lang"], "en");
    assert_eq!(term["name"], "Festivals");
    assert_eq!(term["slug"], "festivals");
    assert_eq!(term["articles"], 2);
    assert_eq!(term["suggestion"]["key"], "le-hoi");
    assert_eq!(term["suggestion"]["lang"], "vi");
    assert_eq!(term["suggestion"]["name"], "Lễ hội");
    assert_eq!(term["suggestion"]["reason"], "same-position");
    assert_eq!(json["terms"]["mapped"], 3);
    // The unmapped term still has its page.
    site.build_ok(&[]);
    assert!(body_text(&site.html("en/tags/festivals/index.html")).contains("Festival 2"));
}

#[test]
fn another_languages_name_suggests_its_term_by_slug() {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site.article(
        "news/a",
        "lo",
        "ການຮ່ວມມື",
        "2023-12-01",
        "tags: [\"Cooperation\"]",
        "ເນື້ອໃນ.",
    );
    site.file("i18n/terms.yaml", TERMS);
    let json = check_json(&site);
    let term = &json["terms"]["unmapped"][0];
    assert_eq!(term["lang"], "lo", "{json}");
    assert_eq!(term["name"], "Cooperation");
    assert_eq!(term["articles"], 1);
    assert_eq!(term["suggestion"]["key"], "hop-tac");
    assert_eq!(term["suggestion"]["lang"], "en");
    assert_eq!(term["suggestion"]["reason"], "same-slug");
}

#[test]
fn a_translation_lacking_or_adding_a_term_is_reported_with_both_files() {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    let source = site.article(
        "news/a",
        "vi",
        "Hợp tác biên giới",
        "2023-12-08",
        "tags: [\"Biên giới\", \"Hợp tác\"]",
        "Nội dung.",
    );
    let en = site.article(
        "news/a",
        "en",
        "Border cooperation",
        "2023-12-08",
        "tags: [\"Border\"]",
        "Text.",
    );
    let lo = site.article(
        "news/a",
        "lo",
        "ການຮ່ວມມືຊາຍແດນ",
        "2023-12-08",
        "tags: [\"ຊາຍແດນ\", \"ການຮ່ວມມື\", \"ບຸນ\"]",
        "ເນື້ອໃນ.",
    );
    site.file("i18n/terms.yaml", TERMS);
    let out = check(&site, &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    // Line 4: the `tags:` line of each file.
    let missing = out.problem_at(&en, 4);
    assert!(missing.contains("Cooperation"), "{missing}");
    assert!(missing.contains(&source), "{missing}");
    let extra = out.problem_at(&lo, 4);
    assert!(extra.contains("ບຸນ"), "{extra}");
    assert!(extra.contains(&source), "{extra}");
    assert!(
        out.stdout.contains(&format!(
            "lacks \"Cooperation\" (tags: hop-tac); the source has it at {source}:4:"
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("has \"ບຸນ\" (tags: le-hoi), which the source"),
        "{}",
        out.stdout
    );
    let json = check_json(&site);
    let files = json["terms"]["files"].as_array().expect("terms.files");
    let summary: Vec<(String, u64, u64)> = files
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["missing"].as_u64().unwrap(),
                f["extra"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(summary, [(en.clone(), 1, 0), (lo.clone(), 0, 1)]);
    let finding = &files[0]["findings"][0];
    assert_eq!(finding["rule"], "missing-term");
    assert_eq!(finding["key"], "hop-tac");
    assert_eq!(finding["at"]["file"], en.as_str());
    assert_eq!(finding["source"]["file"], source.as_str());
    assert_eq!(files[1]["findings"][0]["rule"], "extra-term");
    // A translation with the same terms as its source is not reported.
    site.article(
        "news/a",
        "en",
        "Border cooperation",
        "2023-12-08",
        "tags: [\"Border\", \"cooperation\"]",
        "Text.",
    );
    let json = check_json(&site);
    let files: Vec<&str> = json["terms"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, [lo.as_str()]);
}

#[test]
fn new_translate_fills_the_terms_in_the_translations_language() {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site.file(
        "i18n/terms.yaml",
        &format!(
            "categories:\n  doi-ngoai:\n    vi: \"Đối ngoại\"\n    en: \"Foreign Affairs\"\n    lo: \"ການຕ່າງປະເທດ\"\n{TERMS}"
        ),
    );
    site.article(
        "news/a",
        "vi",
        "Lễ hội biên giới",
        "2023-12-08",
        "categories: [\"Đối ngoại\"]\ntags: [\"bien-gioi\", \"Lễ hội\", \"chợ phiên\"]",
        "Nội dung.",
    );
    let root = root(&site);
    let out = site.run(&["--root", &root, "new", "news/a", "--translate", "en,lo"]);
    out.assert_success();
    let read = |rel: &str| std::fs::read_to_string(site.path(rel)).expect("the translation");
    let en = read("content/news/a/index.en.md");
    assert!(en.contains("categories: [\"Foreign Affairs\"]\n"), "{en}");
    // `le-hoi` has no English name: its key; `chợ phiên` is unmapped: left out.
    assert!(en.contains("tags: [\"Border\", \"le-hoi\"]\n"), "{en}");
    let lo = read("content/news/a/index.lo.md");
    assert!(lo.contains("categories: [\"ການຕ່າງປະເທດ\"]\n"), "{lo}");
    assert!(lo.contains("tags: [\"ຊາຍແດນ\", \"ບຸນ\"]\n"), "{lo}");
    let json = check_json(&site);
    let files: Vec<String> = json["terms"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    assert!(files.is_empty(), "{files:?}");
}

#[test]
fn the_translation_table_counts_terms_findings_per_file() {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site.section("news", "en", "News", "news");
    site.section("news", "lo", "ຂ່າວ", "khao");
    site.article(
        "news/a",
        "vi",
        "Hợp tác biên giới",
        "2023-12-08",
        "tags: [\"Biên giới\", \"Hợp tác\"]",
        "Nội dung.",
    );
    site.article(
        "news/a",
        "en",
        "Border cooperation",
        "2023-12-08",
        "tags: []",
        "Text.",
    );
    site.article(
        "news/a",
        "lo",
        "ການຮ່ວມມືຊາຍແດນ",
        "2023-12-08",
        "tags: [\"ຊາຍແດນ\", \"ການຮ່ວມມື\", \"ບຸນ\"]",
        "ເນື້ອໃນ.",
    );
    site.file("i18n/terms.yaml", TERMS);
    for file in [
        "content/news/_index.en.md",
        "content/news/_index.lo.md",
        "content/news/a/index.en.md",
        "content/news/a/index.lo.md",
    ] {
        check(&site, &["--stamp", file]).assert_success();
    }
    let out = check(&site, &[]);
    let table: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Translations"))
        .take_while(|l| !l.starts_with("Taxonomy terms"))
        .collect();
    let table = table.join("\n");
    assert!(
        table.contains("  page    kind     vi         en         lo         glossary, terms\n"),
        "{table}"
    );
    // Every version follows its source, yet the row is listed for its terms.
    assert!(
        table.contains(
            "  news/a  article  source     ok         ok         en: terms 2; lo: terms 1\n"
        ),
        "{table}"
    );
    assert!(table.contains("1 more page is translated"), "{table}");
    assert!(
        table.contains("  en: 1 of 1 articles; other pages: 1 of 1; terms 2\n"),
        "{table}"
    );
    assert!(
        table.contains("  lo: 1 of 1 articles; other pages: 1 of 1; terms 1\n"),
        "{table}"
    );
    assert!(
        table.contains("  vi: 1 of 1 articles; other pages: 1 of 1\n"),
        "{table}"
    );
    let vi = check(&site, &["--ui-lang", "vi"]);
    assert!(
        vi.stdout.contains("bảng thuật ngữ, phân loại"),
        "{}",
        vi.stdout
    );
    assert!(
        vi.stdout.contains("en: phân loại 2; lo: phân loại 1"),
        "{}",
        vi.stdout
    );
    let json = check_json(&site);
    let row = json["translations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["page"] == "news/a")
        .expect("the row of news/a");
    assert_eq!(row["versions"]["vi"]["terms"], 0);
    assert_eq!(row["versions"]["en"]["terms"], 2);
    assert_eq!(row["versions"]["lo"]["terms"], 1);
    assert_eq!(row["versions"]["lo"]["glossary"], 0);
}

/// The example site in this repository: every term it uses is mapped, and its one
/// deliberate slip — the Lao Pha Lai market article without the tag ດ່ານຜາລາຍ that its
/// source has — is the only terms finding.
#[test]
fn the_example_site_reports_only_its_deliberate_terms_slip() {
    let root = env!("CARGO_MANIFEST_DIR");
    let site = Site::new();
    let out = site.run(&["--root", root, "check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("check --format json: {e}\n{}", out.stdout));
    let terms = &json["terms"];
    assert_eq!(terms["unmapped"], serde_json::json!([]), "{terms:#}");
    assert!(terms["mapped"].as_u64().unwrap() >= 50, "{terms:#}");
    let findings: Vec<(String, String, String, String)> = terms["files"]
        .as_array()
        .expect("terms.files")
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().iter())
        .map(|f| {
            (
                f["at"]["file"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["key"].as_str().unwrap().to_string(),
                f["source"]["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let article = "content/cooperation/2025-08-23-cho-bien-gioi-pha-lai";
    assert_eq!(
        findings,
        [(
            format!("{article}/index.lo.md"),
            "missing-term".to_string(),
            "cua-khau-pha-lai".to_string(),
            format!("{article}/index.vi.md"),
        )]
    );
    let by_kind = &json["summary"]["by_kind"]["terms"];
    assert_eq!(by_kind["warnings"], 1);
    assert_eq!(by_kind["errors"], 0);
}
