//! `mekong check`: the translation table (exact, in JSON and as text), stamping and
//! diffing translations, link, anchor, picture, file and interface-string findings,
//! the same front matter diagnostics as `build`, exit codes, and writing nothing.

mod common;

use std::process::Command;

use common::*;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// `source_hash` as the README defines it: the first 8 hex digits of BLAKE3 over the
/// source's title, summary and body, each NFC with whitespace runs collapsed and
/// trimmed, joined by line feeds.
fn source_hash(title: &str, summary: &str, body: &str) -> String {
    let norm = |s: &str| {
        s.nfc()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let text = format!("{}\n{}\n{}", norm(title), norm(summary), norm(body));
    blake3::hash(text.as_bytes()).to_hex()[..8].to_string()
}

fn check(site: &Site, args: &[&str]) -> Output {
    let root = site.root().to_str().expect("temporary paths are UTF-8");
    let mut all = vec!["--root", root, "check"];
    all.extend_from_slice(args);
    site.run(&all)
}

/// `check --format json`, parsed; exit code as expected.
fn check_json(site: &Site, args: &[&str], code: i32) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = check(site, &all);
    out.assert_code(code);
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("check --format json is not JSON: {e}\n{}", out.stdout))
}

/// `page → [(lang, status)]` from the JSON table.
fn table(json: &Value) -> Vec<(String, Vec<(String, String)>)> {
    let languages: Vec<&str> = json["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    json["translations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let cells = languages
                .iter()
                .map(|lang| {
                    (
                        lang.to_string(),
                        row["versions"][lang]["status"]
                            .as_str()
                            .unwrap()
                            .to_string(),
                    )
                })
                .collect();
            (row["page"].as_str().unwrap().to_string(), cells)
        })
        .collect()
}

fn cells(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const SOURCE_BODY: &str = "Đoạn một của bài.\n\nĐoạn hai.\n";

/// One article in every state a translation can be in, plus a page whose only versions
/// are translations (its source is then the first in `languages` order: en).
fn translations_site() -> Site {
    let site = Site::new();
    let hash = source_hash("Bài", "", SOURCE_BODY);
    let old = source_hash("Bài", "", "Bản cũ.\n");
    // complete: en and lo follow the current source.
    site.article("news/complete", "vi", "Bài", "2024-01-01", "", SOURCE_BODY);
    for lang in ["en", "lo"] {
        site.article(
            "news/complete",
            lang,
            "Article",
            "2024-01-01",
            &format!("source_hash: \"{hash}\""),
            "Text.",
        );
    }
    // stale en (follows an older text), lo up to date.
    site.article("news/stale", "vi", "Bài", "2024-01-02", "", SOURCE_BODY);
    site.article(
        "news/stale",
        "en",
        "Article",
        "2024-01-02",
        &format!("source_hash: {old}"),
        "Text.",
    );
    site.article(
        "news/stale",
        "lo",
        "Article",
        "2024-01-02",
        &format!("source_hash: \"{hash}\""),
        "Text.",
    );
    // untracked en (no source_hash), lo a draft.
    site.article("news/untracked", "vi", "Bài", "2024-01-03", "", SOURCE_BODY);
    site.article("news/untracked", "en", "Article", "2024-01-03", "", "Text.");
    site.article(
        "news/untracked",
        "lo",
        "Article",
        "2024-01-03",
        &format!("source_hash: \"{hash}\"\ndraft: true"),
        "Text.",
    );
    // missing: only the source.
    site.article("news/missing", "vi", "Bài", "2024-01-04", "", SOURCE_BODY);
    // no vi version: en is the source, lo follows it.
    let en_hash = source_hash("Only English", "", "English text.\n");
    site.article(
        "news/no-vi",
        "en",
        "Only English",
        "2024-01-05",
        "",
        "English text.",
    );
    site.article(
        "news/no-vi",
        "lo",
        "Lao",
        "2024-01-05",
        &format!("source_hash: \"{en_hash}\""),
        "Text.",
    );
    site
}

#[test]
fn the_translation_table_is_exact() {
    let site = translations_site();
    let json = check_json(&site, &[], 0);
    assert_eq!(
        table(&json),
        vec![
            (
                "news/complete".to_string(),
                cells(&[("vi", "source"), ("en", "ok"), ("lo", "ok")])
            ),
            (
                "news/missing".to_string(),
                cells(&[("vi", "source"), ("en", "missing"), ("lo", "missing")])
            ),
            (
                "news/no-vi".to_string(),
                cells(&[("vi", "missing"), ("en", "source"), ("lo", "ok")])
            ),
            (
                "news/stale".to_string(),
                cells(&[("vi", "source"), ("en", "stale"), ("lo", "ok")])
            ),
            (
                "news/untracked".to_string(),
                cells(&[("vi", "source"), ("en", "untracked"), ("lo", "draft")])
            ),
        ]
    );
    let row = |page: &str| {
        json["translations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["page"] == page)
            .unwrap()
            .clone()
    };
    assert_eq!(
        row("news/stale")["source_hash"],
        source_hash("Bài", "", SOURCE_BODY)
    );
    assert_eq!(row("news/no-vi")["source"], "en");
    assert_eq!(row("news/untracked")["versions"]["lo"]["draft"], true);

    // Totals per language: published versions of all articles, then the details.
    let totals = |lang: &str| -> Vec<u64> {
        let entry = json["totals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["lang"] == lang)
            .unwrap();
        [
            "total",
            "translated",
            "stale",
            "untracked",
            "draft",
            "missing",
        ]
        .iter()
        .map(|key| entry["articles"][key].as_u64().unwrap())
        .collect()
    };
    assert_eq!(totals("vi"), [5, 4, 0, 0, 0, 1]);
    assert_eq!(totals("en"), [5, 4, 1, 1, 0, 1]);
    assert_eq!(totals("lo"), [5, 3, 0, 0, 1, 1]);

    // Warnings: the stale en, the two missing of news/missing, the missing vi of no-vi.
    // Untracked and draft versions are listed, not warned about.
    let translation_problems: Vec<(&str, &str)> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "translation")
        .map(|p| (p["file"].as_str().unwrap(), p["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        translation_problems,
        [
            ("content/news/missing/index.vi.md", "warning"),
            ("content/news/missing/index.vi.md", "warning"),
            ("content/news/no-vi/index.en.md", "warning"),
            ("content/news/stale/index.en.md", "warning"),
        ]
    );
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(json["summary"]["warnings"], 4);
}

/// The rows of the human table: page → the status words.
fn human_table(stdout: &str) -> Vec<(String, Vec<String>)> {
    stdout
        .lines()
        .skip_while(|line| !line.trim_start().starts_with("page "))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .map(|line| {
            let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
            (words[0].clone(), words[2..].to_vec())
        })
        .collect()
}

#[test]
fn the_human_report_matches_the_json_one() {
    let site = translations_site();
    let json = check_json(&site, &[], 0);
    let out = check(&site, &["--all"]);
    out.assert_success();
    let rows = human_table(&out.stdout);
    let from_json: Vec<(String, Vec<String>)> = table(&json)
        .into_iter()
        .map(|(page, cells)| (page, cells.into_iter().map(|(_, s)| s).collect()))
        .collect();
    assert_eq!(rows, from_json, "{}", out.stdout);
    // Without --all, the complete page is left out and counted.
    let out = check(&site, &[]);
    let rows = human_table(&out.stdout);
    assert_eq!(rows.len(), 4, "{}", out.stdout);
    assert!(rows.iter().all(|(page, _)| page != "news/complete"));
    assert!(
        out.stdout
            .contains("1 more page is translated and up to date")
    );
    // The same totals and counts, in words.
    assert!(
        out.stdout
            .contains("  en: 4 of 5 articles, 1 stale, 1 untracked, 1 missing"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("  lo: 3 of 5 articles, 1 draft, 1 missing"),
        "{}",
        out.stdout
    );
    let summary = out.stdout.lines().last().unwrap();
    assert!(
        summary.contains(&format!(
            "{} errors, {} warnings.",
            json["summary"]["errors"], json["summary"]["warnings"]
        )),
        "{summary}"
    );
    assert!(summary.starts_with("Checked 12 pages"), "{summary}");
}

#[test]
fn strict_makes_warnings_errors() {
    let site = translations_site();
    check(&site, &[]).assert_code(0);
    let out = check(&site, &["--strict"]);
    out.assert_code(1);
    assert!(
        out.stdout
            .contains("With --strict, warnings count as errors.")
    );
    check_json(&site, &["--strict"], 1);
}

#[test]
fn stamping_clears_staleness_and_changes_only_the_source_hash_line() {
    let site = translations_site();
    let file = "content/news/stale/index.en.md";
    let before = std::fs::read(site.path(file)).unwrap();
    let out = check(&site, &["--stamp", file]);
    out.assert_success();
    assert!(
        out.stdout
            .contains("Stamped content/news/stale/index.en.md")
    );
    let after = std::fs::read(site.path(file)).unwrap();
    let hash = source_hash("Bài", "", SOURCE_BODY);
    let old = source_hash("Bài", "", "Bản cũ.\n");
    let expected = String::from_utf8(before).unwrap().replace(
        &format!("source_hash: {old}\n"),
        &format!("source_hash: \"{hash}\"\n"),
    );
    assert_eq!(String::from_utf8(after).unwrap(), expected);
    let json = check_json(&site, &[], 0);
    let stale = table(&json)
        .into_iter()
        .find(|(page, _)| page == "news/stale")
        .unwrap();
    assert_eq!(
        stale.1,
        cells(&[("vi", "source"), ("en", "ok"), ("lo", "ok")])
    );

    // Stamping again leaves the file alone.
    let out = check(&site, &["--stamp", file]);
    out.assert_success();
    assert!(out.stdout.contains("nothing changed"), "{}", out.stdout);
}

#[test]
fn stamping_an_untracked_translation_adds_the_line_after_the_title_byte_for_byte() {
    let site = Site::new();
    site.article("news/a", "vi", "Bài", "2024-01-01", "", SOURCE_BODY);
    let file = "content/news/a/index.en.md";
    // CRLF line ends, a comment and odd spacing must survive.
    let text =
        "---\r\ntitle:   'Article'   # translated\r\ndate: 2024-01-01\r\n---\r\nText  here.\r\n";
    site.file(file, text);
    check(&site, &["--stamp", file]).assert_success();
    let hash = source_hash("Bài", "", SOURCE_BODY);
    assert_eq!(
        std::fs::read_to_string(site.path(file)).unwrap(),
        format!(
            "---\r\ntitle:   'Article'   # translated\r\nsource_hash: \"{hash}\"\r\ndate: 2024-01-01\r\n---\r\nText  here.\r\n"
        )
    );
}

#[test]
fn stamping_the_source_or_a_stranger_is_refused() {
    let site = translations_site();
    let source = "content/news/stale/index.vi.md";
    let before = std::fs::read(site.path(source)).unwrap();
    let out = check(&site, &["--stamp", source]);
    out.assert_code(1);
    assert!(out.stderr.contains("source version (vi)"), "{}", out.stderr);
    assert_eq!(std::fs::read(site.path(source)).unwrap(), before);
    site.file("notes.md", "---\ntitle: x\n---\n");
    check(&site, &["--stamp", "notes.md"]).assert_code(1);
}

#[test]
fn diff_without_history_says_so() {
    let site = translations_site();
    let out = check(&site, &["--diff", "content/news/stale/index.en.md"]);
    out.assert_success();
    assert!(
        out.stdout
            .contains("stale (no earlier version found to compare)"),
        "{}",
        out.stdout
    );
    let out = check(&site, &["--diff", "content/news/untracked/index.en.md"]);
    assert!(out.stdout.contains("untracked"), "{}", out.stdout);
    let out = check(&site, &["--diff", "content/news/complete/index.en.md"]);
    assert!(out.stdout.contains("up to date"), "{}", out.stdout);
}

/// A draft translation (what `new --translate` makes) whose source then changed is
/// stale, and still a draft: both are said in the JSON, the table, the warning and
/// `--diff`.
#[test]
fn a_draft_whose_source_changed_is_stale_too() {
    let site = Site::new();
    let old = source_hash("Bài", "", "Bản cũ.\n");
    let current = source_hash("Bài", "", SOURCE_BODY);
    site.article("news/a", "vi", "Bài", "2024-01-01", "", SOURCE_BODY);
    // Line 4 holds the source_hash.
    let en = site.article(
        "news/a",
        "en",
        "Article",
        "2024-01-01",
        &format!("source_hash: \"{old}\"\ndraft: true"),
        "Text.",
    );
    // A draft that follows the current source is only a draft.
    site.article(
        "news/a",
        "lo",
        "Lao",
        "2024-01-01",
        &format!("source_hash: \"{current}\"\ndraft: true"),
        "Text.",
    );
    let json = check_json(&site, &[], 0);
    assert_eq!(
        table(&json),
        vec![(
            "news/a".to_string(),
            cells(&[("vi", "source"), ("en", "stale"), ("lo", "draft")])
        )]
    );
    let row = &json["translations"][0]["versions"];
    assert_eq!(row["en"]["draft"], true);
    assert_eq!(row["lo"]["draft"], true);
    let en_totals = json["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["lang"] == "en")
        .unwrap();
    assert_eq!(en_totals["articles"]["stale"], 1);
    assert_eq!(en_totals["articles"]["draft"], 1);
    assert_eq!(en_totals["articles"]["translated"], 0);
    // The warning points at the `source_hash` line of the draft.
    let warning = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["file"] == en.as_str())
        .unwrap_or_else(|| panic!("no warning for {en}: {}", json["problems"]));
    assert_eq!(warning["line"], 4);
    assert_eq!(warning["severity"], "warning");
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("stale draft translation"),
        "{warning}"
    );

    let out = check(&site, &[]);
    out.assert_success();
    let line = out
        .stdout
        .lines()
        .find(|line| line.trim_start().starts_with("news/a "))
        .unwrap_or_else(|| panic!("no row for news/a:\n{}", out.stdout));
    assert!(line.contains("draft, stale"), "{line}");
    assert!(
        out.stdout
            .contains("  en: 0 of 1 articles, 1 stale, 1 draft"),
        "{}",
        out.stdout
    );

    let out = check(&site, &["--diff", "content/news/a/index.en.md"]);
    out.assert_success();
    assert!(
        out.stdout.contains("is stale (and still a draft)"),
        "{}",
        out.stdout
    );
}

fn git(site: &Site, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .current_dir(site.root())
        .output()
        .expect("run git");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

#[test]
fn diff_finds_the_translated_version_in_git_history() {
    let site = Site::new();
    let v1 = "Mở đầu.\n\nĐoạn sẽ sửa.\n\nĐoạn sẽ xoá.\n\nKết.\n";
    site.article("news/a", "vi", "Bài", "2024-01-01", "", v1);
    site.article(
        "news/a",
        "en",
        "Article",
        "2024-01-01",
        &format!("source_hash: \"{}\"", source_hash("Bài", "", v1)),
        "Text.",
    );
    git(&site, &["init", "-q"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-q", "-m", "v1"]);
    // A later commit the translation does not follow, then uncommitted edits.
    site.article("news/a", "vi", "Bài mới", "2024-01-01", "", "Khác hẳn.\n");
    git(&site, &["commit", "-q", "-am", "v2"]);
    let v3 = "Mở đầu.\n\nĐoạn đã sửa.\n\nKết.\n\nĐoạn thêm.\n";
    site.article("news/a", "vi", "Bài", "2024-01-01", "", v3);
    let out = check(&site, &["--diff", "content/news/a/index.en.md"]);
    out.assert_success();
    let text = &out.stdout;
    assert!(
        text.contains("is stale: it follows content/news/a/index.vi.md as of commit"),
        "{text}"
    );
    assert!(
        text.contains("paragraph 2 changed:\n  - Đoạn sẽ sửa.\n  + Đoạn đã sửa.\n"),
        "{text}"
    );
    assert!(
        text.contains("paragraph 3 (of the earlier text) removed:\n  - Đoạn sẽ xoá.\n"),
        "{text}"
    );
    assert!(
        text.contains("paragraph 4 added:\n  + Đoạn thêm.\n"),
        "{text}"
    );
    assert!(!text.contains("title:"), "the title is unchanged: {text}");
}

/// Each kind of bad input: `check` reports it at the same file:line as `build`.
#[test]
fn front_matter_and_link_problems_are_the_same_as_builds() {
    let site = Site::new();
    site.article("news/tot", "vi", "Bài tốt", "2023-12-08", "", "Nội dung.");
    // Line 3: unknown key.
    site.file(
        "content/news/a/index.vi.md",
        "---\ndate: 2023-12-08\ntittle: A\n---\n",
    );
    // Line 2: missing title.
    site.file("content/news/b/index.vi.md", "---\ndate: 2023-12-08\n---\n");
    // Line 3: a date that does not parse.
    site.file(
        "content/news/c/index.vi.md",
        "---\ntitle: C\ndate: 08/12/2023\n---\n",
    );
    // Line 1: front matter that never closes; an empty file.
    site.file("content/news/d/index.vi.md", "---\ntitle: D\n");
    site.file("content/about.vi.md", "");
    // Line 3: malformed YAML.
    site.file(
        "content/news/e/index.vi.md",
        "---\ndate: 2023-12-08\ntitle: E: hai bên\n---\n",
    );
    // Line 5: a link that leads nowhere; line 7: a missing picture.
    site.article(
        "news/f",
        "vi",
        "F",
        "2023-12-08",
        "",
        "[x](../khong-co/index.vi.md)\n\n![Ảnh](khong-co.jpg)\n",
    );
    // A language the site does not have.
    site.article("news/g", "fr", "G", "2023-12-08", "", "x");
    let expected = [
        ("content/news/a/index.vi.md", 3),
        ("content/news/b/index.vi.md", 2),
        ("content/news/c/index.vi.md", 3),
        ("content/news/d/index.vi.md", 1),
        ("content/about.vi.md", 1),
        ("content/news/e/index.vi.md", 3),
        ("content/news/f/index.vi.md", 5),
        ("content/news/f/index.vi.md", 7),
    ];
    let build = site.build(&[]);
    build.assert_code(1);
    let out = check(&site, &[]);
    out.assert_code(1);
    for (file, line) in expected {
        let from_build = build.problem_at(file, line);
        let from_check = out.problem_at(file, line);
        assert_eq!(
            from_check.lines().next(),
            from_build.lines().next(),
            "the same message at {file}:{line}"
        );
    }
    out.problem_in("content/news/g/index.fr.md");
    assert!(
        !site.public("").exists(),
        "check writes nothing (and the failed build neither)"
    );
    let json = check_json(&site, &[], 1);
    let located: Vec<(String, u64)> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| {
            (
                p["file"].as_str().unwrap().to_string(),
                p["line"].as_u64().unwrap(),
            )
        })
        .collect();
    for (file, line) in expected {
        assert!(
            located.contains(&(file.to_string(), line as u64)),
            "{file}:{line} missing from {located:?}"
        );
    }
    let kind_of = |file: &str, line: u64| {
        json["problems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["file"] == file && p["line"] == line)
            .unwrap()["kind"]
            .clone()
    };
    assert_eq!(kind_of("content/news/a/index.vi.md", 3), "content");
    assert_eq!(kind_of("content/news/f/index.vi.md", 5), "link");
}

#[test]
fn a_broken_site_yaml_is_reported() {
    let site = Site::new();
    site.file("site.yaml", &format!("{SITE_YAML}themes: default\n"));
    let out = check(&site, &[]);
    out.assert_code(1);
    out.problem_at("site.yaml", SITE_YAML.lines().count() + 1);
    let json = check_json(&site, &[], 1);
    assert_eq!(json["problems"][0]["kind"], "config");
}

#[test]
fn anchors_are_checked_against_every_heading_id() {
    let site = Site::new();
    site.article(
        "news/dich",
        "vi",
        "Đích",
        "2024-01-01",
        "",
        "## Nội dung chính\n\nx\n\n##### Chi tiết nhỏ\n\ny\n\n## ປະຫວັດສາດ\n\n<a id=\"neo-html\"></a>\n",
    );
    // Body from line 5. Good: line 5 (h2), 7 (h5), 9 (Lao, percent-encoded), 11 (raw
    // HTML id), 13 (same page). Broken: line 15 (other page), 17 (same page).
    site.article(
        "news/nguon",
        "vi",
        "Nguồn",
        "2024-01-01",
        "",
        "[a](../dich/index.vi.md#noi-dung-chinh)\n\n\
         [b](../dich/index.vi.md#chi-tiet-nho)\n\n\
         [c](../dich/index.vi.md#%E0%BA%9B%E0%BA%B0%E0%BA%AB%E0%BA%A7%E0%BA%B1%E0%BA%94%E0%BA%AA%E0%BA%B2%E0%BA%94)\n\n\
         [d](../dich/index.vi.md#neo-html)\n\n\
         [e](#cuoi-bai)\n\n\
         [f](../dich/index.vi.md#noi-dung)\n\n\
         [g](#khong-co)\n\n\
         ## Cuối bài\n",
    );
    let out = check(&site, &[]);
    out.assert_code(1);
    let file = "content/news/nguon/index.vi.md";
    let problem = out.problem_at(file, 15);
    assert!(problem.contains("#noi-dung"), "{problem}");
    assert_hint(&problem, "did you mean `#noi-dung-chinh`");
    let problem = out.problem_at(file, 17);
    assert!(problem.contains("this page"), "{problem}");
    let json = check_json(&site, &[], 1);
    let anchors: Vec<u64> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "anchor")
        .map(|p| p["line"].as_u64().unwrap())
        .collect();
    assert_eq!(anchors, [15, 17]);
}

#[test]
fn pictures_without_alt_text_and_unused_files_are_warnings() {
    let site = Site::new();
    site.image("content/news/a/anh.png", 4, 3);
    site.image("content/news/a/bia.png", 4, 3);
    site.image("content/news/a/thua.png", 4, 3);
    site.image("content/news/a/trong-html.png", 4, 3);
    // Line 4: the cover without alt; line 8: a picture without alt.
    let file = site.article(
        "news/a",
        "vi",
        "A",
        "2024-01-01",
        "cover: { src: bia.png }",
        "Chữ.\n\n![](anh.png)\n\n<img src=\"trong-html.png\" alt=\"x\">\n",
    );
    let out = check(&site, &[]);
    out.assert_code(0);
    let problem = out.problem_at(&file, 8);
    assert!(problem.starts_with("warning"), "{problem}");
    assert!(problem.contains("anh.png"), "{problem}");
    assert_hint(&problem, "![like this]");
    assert!(out.problem_at(&file, 4).contains("cover"));
    let problem = out.problem_in("content/news/a/thua.png");
    assert!(problem.starts_with("warning"), "{problem}");
    assert!(
        !out.stderr.contains("trong-html.png"),
        "a file named in raw HTML counts as used:\n{}",
        out.stderr
    );
    check(&site, &["--strict"]).assert_code(1);
    let json = check_json(&site, &[], 0);
    assert_eq!(json["summary"]["by_kind"]["alt-text"]["warnings"], 2);
    assert_eq!(json["summary"]["by_kind"]["unused-file"]["warnings"], 1);
}

#[test]
fn interface_strings_missing_undefined_and_unused() {
    let site = Site::new();
    site.article("news/a", "vi", "A", "2024-01-01", "", "x");
    site.file("i18n/en.ftl", "only-english = Only in English\n");
    // Line 3 uses a key nobody defines.
    site.file(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ t(key=\"khong-co-khoa\") }}</p>\n{% endblock content %}\n",
    );
    let out = check(&site, &[]);
    out.assert_code(1);
    let problem = out.problem_at("templates/page.html", 3);
    assert!(problem.contains("khong-co-khoa"), "{problem}");
    assert!(problem.starts_with("error"), "{problem}");
    let problem = out.problem_in("i18n/vi.ftl");
    assert!(problem.starts_with("warning"), "{problem}");
    assert!(problem.contains("only-english"), "{problem}");
    assert!(
        out.stdout.contains("missing in vi: only-english"),
        "{}",
        out.stdout
    );
    let unused_line = out
        .stdout
        .lines()
        .find(|line| line.trim_start().starts_with("defined, never used:"))
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert!(unused_line.contains("only-english"), "{unused_line}");
    let json = check_json(&site, &[], 1);
    assert_eq!(json["fluent"]["missing"]["lo"][0], "only-english");
    assert_eq!(json["fluent"]["missing"]["en"].as_array().unwrap().len(), 0);
    assert_eq!(json["fluent"]["undefined"][0]["key"], "khong-co-khoa");
    assert_eq!(json["fluent"]["undefined"][0]["line"], 3);
    let unused = json["fluent"]["unused"].as_array().unwrap();
    assert!(unused.contains(&Value::from("only-english")), "{unused:?}");
    assert!(
        unused.contains(&Value::from("reading-time")),
        "keys only the replaced page.html used: {unused:?}"
    );
    assert!(!unused.contains(&Value::from("home")), "{unused:?}");
}

#[test]
fn duplicate_output_paths_are_errors() {
    let site = Site::new();
    site.article("news/a", "vi", "A", "2024-01-01", "slug: cung-dia-chi", "x");
    site.article("news/b", "vi", "B", "2024-01-01", "slug: cung-dia-chi", "x");
    // A page where mekong writes the tags listing.
    site.file("content/tags.vi.md", "---\ntitle: Thẻ\n---\nx\n");
    site.article("news/c", "vi", "C", "2024-01-01", "tags: [\"Lào\"]", "x");
    let out = check(&site, &[]);
    out.assert_code(1);
    assert!(
        out.problem_in("content/news/b/index.vi.md")
            .contains("both published at")
    );
    let problem = out.problem_in("content/tags.vi.md");
    assert!(problem.contains("tags"), "{problem}");
}

#[test]
fn links_to_drafts_fail_like_the_build_without_drafts() {
    let site = Site::new();
    site.article("news/nhap", "vi", "Nháp", "2024-01-01", "draft: true", "x");
    // Line 5 links to the draft.
    let file = site.article(
        "news/a",
        "vi",
        "A",
        "2024-01-01",
        "",
        "[nháp](../nhap/index.vi.md)\n",
    );
    site.build(&[]).problem_at(&file, 5);
    let out = check(&site, &[]);
    out.assert_code(1);
    assert_hint(&out.problem_at(&file, 5), "draft: false");
    // The draft is listed in the table.
    let json = check_json(&site, &["--all"], 1);
    let draft = table(&json)
        .into_iter()
        .find(|(page, _)| page == "news/nhap")
        .unwrap();
    assert_eq!(draft.1[0], ("vi".to_string(), "source".to_string()));
}

#[test]
fn headings_and_summary_in_vietnamese() {
    let site = translations_site();
    let out = check(&site, &["--ui-lang", "vi"]);
    out.assert_success();
    assert!(out.stdout.starts_with("Bản dịch"), "{}", out.stdout);
    assert!(out.stdout.contains("lỗi thời"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Đã kiểm tra 12 trang"),
        "{}",
        out.stdout
    );
    let root = site.root().to_str().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_mekong"))
        .args(["--root", root, "check"])
        .env("MEKONG_LANG", "vi")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("Bản dịch"));
    // JSON stays English.
    let json = check_json(&site, &["--ui-lang", "vi"], 0);
    assert_eq!(
        json["translations"][0]["versions"]["vi"]["status"],
        "source"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let site = translations_site();
    check(&site, &["--format", "xml"]).assert_code(2);
    check(&site, &["--ui-lang", "fr"]).assert_code(2);
    check(
        &site,
        &[
            "--stamp",
            "content/news/stale/index.en.md",
            "--diff",
            "content/news/stale/index.en.md",
        ],
    )
    .assert_code(2);
}
