//! `mekong new`: the files it creates (front matter a build accepts, translations that
//! point back at their source), what it refuses (overwriting, unknown languages, bad
//! paths), section defaults and a section created on the way.

mod common;

use common::*;
use serde_json::Value;

fn new(site: &Site, args: &[&str]) -> Output {
    let root = site.root().to_str().expect("temporary paths are UTF-8");
    let mut all = vec!["--root", root, "new"];
    all.extend_from_slice(args);
    site.run(&all)
}

fn read(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

fn check_json(site: &Site) -> Value {
    let root = site.root().to_str().unwrap();
    let out = site.run(&["--root", root, "check", "--format", "json"]);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}\n{}", out.stdout))
}

/// The row of the translation table for `page`.
fn row<'a>(json: &'a Value, page: &str) -> &'a Value {
    json["translations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["page"] == page)
        .unwrap_or_else(|| panic!("no row for {page}: {json}"))
}

const NAME: &str = "news/2024-05-01-hoi-cho-bien-gioi";
const SOURCE: &str = "content/news/2024-05-01-hoi-cho-bien-gioi/index.vi.md";

fn site_with_section() -> Site {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site
}

#[test]
fn creates_an_article_a_build_accepts() {
    let site = site_with_section();
    let out = new(&site, &[NAME]);
    out.assert_success();
    assert!(
        out.stdout.contains(&format!("Created {SOURCE}")),
        "{}",
        out.stdout
    );
    assert_eq!(
        read(&site, SOURCE),
        "---\ntitle: \"Hoi cho bien gioi\"\ndate: 2024-05-01\nsummary: \"\"\ncategories: []\ntags: []\ndraft: false\n---\n"
    );
    site.build_ok(&["--drafts"]);
    let html = site.html("vi/tin-tuc/2024-05-01-hoi-cho-bien-gioi/index.html");
    assert!(body_text(&html).contains("Hoi cho bien gioi"));
}

#[test]
fn translations_are_drafts_that_follow_the_source() {
    let site = site_with_section();
    let out = new(&site, &[NAME, "--lang", "vi", "--translate", "en,lo"]);
    out.assert_success();
    for lang in ["en", "lo"] {
        let file = SOURCE.replace("index.vi.md", &format!("index.{lang}.md"));
        assert!(
            out.stdout.contains(&format!("Created {file}")),
            "{}",
            out.stdout
        );
        let text = read(&site, &file);
        assert!(text.contains("title: \"Hoi cho bien gioi\"\n"), "{text}");
        assert!(text.contains("date: 2024-05-01\n"), "{text}");
        assert!(text.contains("draft: true\n"), "{text}");
        assert!(
            text.contains(
                "<!-- mekong: source text (vi) below — translate it, then delete this block -->"
            ),
            "{text}"
        );
        assert!(text.contains("<!-- end of source text -->"), "{text}");
    }
    // The hash each translation carries is the source's: `check` lists them as drafts,
    // and once published they are up to date.
    let json = check_json(&site);
    let entry = row(&json, NAME);
    assert_eq!(entry["versions"]["en"]["status"], "draft");
    assert_eq!(entry["versions"]["en"]["source_hash"], entry["source_hash"]);
    assert_eq!(entry["versions"]["lo"]["source_hash"], entry["source_hash"]);

    site.build_ok(&["--drafts"]);
    assert!(site.exists("en/news/2024-05-01-hoi-cho-bien-gioi/index.html"));
    // Without --drafts the translations are not published, the source is.
    site.build_ok(&[]);
    assert!(site.exists("vi/tin-tuc/2024-05-01-hoi-cho-bien-gioi/index.html"));
    assert!(!site.exists("en/news/2024-05-01-hoi-cho-bien-gioi/index.html"));

    let en = SOURCE.replace("index.vi.md", "index.en.md");
    let text = read(&site, &en).replace("draft: true", "draft: false");
    site.file(&en, &text);
    let json = check_json(&site);
    assert_eq!(row(&json, NAME)["versions"]["en"]["status"], "ok");
    // Published with the source text still in it (line 10, after the front matter).
    let leftover: Vec<&Value> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["file"] == en.as_str() && p["kind"] == "translation")
        .collect();
    assert_eq!(leftover.len(), 1, "{leftover:?}");
    assert_eq!(leftover[0]["line"], 10);
    assert!(
        leftover[0]["message"]
            .as_str()
            .unwrap()
            .contains("source text")
    );
    // The table calls the translation done: the terminal report shows the warning.
    let root = site.root().to_str().unwrap();
    let human = site.run(&["--root", root, "check"]);
    let shown = human.problem_at(&en, 10);
    assert!(shown.contains("source text"), "{shown}");
}

#[test]
fn translating_an_existing_article_carries_its_text() {
    let site = site_with_section();
    let source = site.article(
        "news/2024-05-01-hoi-cho-bien-gioi",
        "vi",
        "Hội chợ biên giới",
        "2024-05-01T08:00:00+07:00",
        "summary: \"Tóm tắt\"",
        "Đoạn một.\n\nĐoạn [hai](https://example.org).\n",
    );
    let before = std::fs::read(site.path(&source)).unwrap();
    let out = new(&site, &[NAME, "--translate", "lo"]);
    out.assert_success();
    assert_eq!(std::fs::read(site.path(&source)).unwrap(), before);
    let text = read(&site, &SOURCE.replace("index.vi.md", "index.lo.md"));
    assert!(text.contains("title: \"Hội chợ biên giới\"\n"), "{text}");
    assert!(text.contains("summary: \"Tóm tắt\"\n"), "{text}");
    assert!(text.contains("date: 2024-05-01T08:00:00+07:00\n"), "{text}");
    assert!(
        text.ends_with(
            "-->\n\nĐoạn một.\n\nĐoạn [hai](https://example.org).\n\n<!-- end of source text -->\n"
        ),
        "{text}"
    );
    let json = check_json(&site);
    let entry = row(&json, NAME);
    assert_eq!(entry["versions"]["lo"]["status"], "draft");
    assert_eq!(entry["versions"]["lo"]["source_hash"], entry["source_hash"]);
    site.build_ok(&["--drafts"]);
}

#[test]
fn never_overwrites() {
    let site = site_with_section();
    new(&site, &[NAME]).assert_success();
    site.file(
        SOURCE,
        "---\ntitle: \"Đã sửa\"\ndate: 2024-05-01\n---\nNội dung.\n",
    );
    let before = std::fs::read(site.path(SOURCE)).unwrap();
    let out = new(&site, &[NAME]);
    out.assert_code(1);
    let problem = out.problem_in(SOURCE);
    assert!(problem.contains("already exists"), "{problem}");
    assert_eq!(std::fs::read(site.path(SOURCE)).unwrap(), before);

    // A translation in the way: nothing at all is written.
    let en = SOURCE.replace("index.vi.md", "index.en.md");
    site.file(&en, "mine");
    let out = new(&site, &[NAME, "--translate", "lo,en"]);
    out.assert_code(1);
    out.problem_in(&en);
    assert_eq!(read(&site, &en), "mine");
    assert!(
        !site
            .path(&SOURCE.replace("index.vi.md", "index.lo.md"))
            .exists()
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let site = site_with_section();
    for args in [
        &[NAME, "--lang", "fr"][..],
        &[NAME, "--translate", "en,th"],
        &[NAME, "--translate", "vi"],
        // vi is the source language: not a translation of an English original.
        &[NAME, "--lang", "en", "--translate", "vi,lo"],
        &["hoi-cho"],
        &["news/a/b"],
        &["news/_index"],
    ] {
        let out = new(&site, args);
        out.assert_code(2);
        assert!(out.stderr.starts_with("error:"), "{args:?}: {}", out.stderr);
    }
    let out = new(&site, &[NAME, "--lang", "fr"]);
    assert!(out.stderr.contains("vi, en, lo"), "{}", out.stderr);
    let out = new(&site, &[NAME, "--lang", "en", "--translate", "vi"]);
    assert!(out.stderr.contains("source language"), "{}", out.stderr);
    // An English original translated into Lao is followed as its source.
    new(&site, &[NAME, "--lang", "en", "--translate", "lo"]).assert_success();
    let json = check_json(&site);
    let entry = row(&json, NAME);
    assert_eq!(entry["versions"]["en"]["status"], "source", "{entry:#}");
    assert_eq!(entry["versions"]["lo"]["status"], "draft", "{entry:#}");
    assert_eq!(entry["versions"]["lo"]["source_hash"], entry["source_hash"]);
    std::fs::remove_dir_all(site.path("content/news/2024-05-01-hoi-cho-bien-gioi")).unwrap();
    new(&site, &[]).assert_code(2);
    assert!(
        !site
            .path("content/news/2024-05-01-hoi-cho-bien-gioi")
            .exists()
    );
}

#[test]
fn section_defaults_and_a_missing_section() {
    let site = Site::new();
    site.file(
        "content/news/_index.vi.md",
        "---\ntitle: Tin tức\nextra: { default_categories: [\"Biên giới\", \"Hợp tác\"] }\n---\n",
    );
    site.file(
        "content/news/_index.en.md",
        "---\ntitle: News\nextra: { default_categories: [\"Border\"] }\n---\n",
    );
    new(&site, &[NAME, "--translate", "en"]).assert_success();
    assert!(read(&site, SOURCE).contains("categories: [\"Biên giới\", \"Hợp tác\"]\n"));
    assert!(
        read(&site, &SOURCE.replace("index.vi.md", "index.en.md"))
            .contains("categories: [\"Border\"]\n")
    );

    let out = new(&site, &["su-kien/le-hoi-mua-xuan", "--lang", "en"]);
    out.assert_success();
    let problem = out.problem_in("content/su-kien");
    assert!(problem.starts_with("warning"), "{problem}");
    assert_hint(&problem, "_index.vi.md");
    let text = read(&site, "content/su-kien/le-hoi-mua-xuan/index.en.md");
    assert!(
        text.starts_with("---\ntitle: \"Le hoi mua xuan\"\n"),
        "{text}"
    );
    // No date in the name: dated now, in the site's timezone (+07:00 by default).
    let date = text
        .lines()
        .find_map(|line| line.strip_prefix("date: "))
        .unwrap();
    assert!(
        date.len() == 25 && date.ends_with("+07:00") && date.as_bytes()[10] == b'T',
        "{date}"
    );
    site.build_ok(&["--drafts"]);
}
