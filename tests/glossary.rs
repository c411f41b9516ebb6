//! `mekong check` and `i18n/glossary.yaml`: names a translation leaves out (reported
//! at the translation and the source's mention), spellings the glossary avoids (at
//! their line and column), Lao matched by words and not by letters, Vietnamese tones
//! kept apart, the findings in `--format json`, and the report in Vietnamese.

mod common;

use common::*;
use serde_json::Value;

fn check(site: &Site, args: &[&str]) -> Output {
    let root = site.root().to_str().expect("temporary paths are UTF-8");
    let mut all = vec!["--root", root, "check"];
    all.extend_from_slice(args);
    site.run(&all)
}

fn check_json(site: &Site) -> Value {
    let out = check(site, &["--format", "json"]);
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("check --format json is not JSON: {e}\n{}", out.stdout))
}

/// The glossary problems of a JSON report.
fn glossary_problems(json: &Value) -> Vec<Value> {
    json["problems"]
        .as_array()
        .expect("problems is a list")
        .iter()
        .filter(|p| p["kind"] == "glossary")
        .cloned()
        .collect()
}

const GLOSSARY: &str = "\
viet-nam:
  vi: \"Việt Nam\"
  en: \"Viet Nam\"
  lo: \"ຫວຽດນາມ\"
  avoid: { en: [\"Vietnam\"] }
phu-vieng:
  vi: \"Phu Viêng\"
  en: \"Phou Vieng\"
  lo: \"ພູວຽງ\"
ha-giang:
  vi: \"Hà Giang\"
  en: \"Ha Giang\"
";

/// A site with the glossary above and a section in every language.
fn glossary_site() -> Site {
    let site = Site::new();
    site.file("i18n/glossary.yaml", GLOSSARY);
    for (lang, title, slug) in [
        ("vi", "Tin tức", "tin-tuc"),
        ("en", "News", "news"),
        ("lo", "ຂ່າວ", "ຂ່າວ"),
    ] {
        site.section("news", lang, title, slug);
    }
    site
}

#[test]
fn a_lao_name_inside_a_sentence_without_spaces_is_found() {
    let site = glossary_site();
    site.article(
        "news/a",
        "vi",
        "Hợp tác",
        "2024-01-02",
        "",
        "Tỉnh hợp tác với Việt Nam.\n",
    );
    // ຫວຽດນາມ between ແລະ and ແມ່ນ, no space on either side.
    site.article(
        "news/a",
        "lo",
        "ການຮ່ວມມື",
        "2024-01-02",
        "",
        "ການຮ່ວມມືລະຫວ່າງລາວແລະຫວຽດນາມແມ່ນແໜ້ນແຟ້ນ.\n",
    );
    let json = check_json(&site);
    assert_eq!(glossary_problems(&json), Vec::<Value>::new(), "{json:#}");
    assert_eq!(json["glossary"]["entries"], 3);
}

#[test]
fn lao_letters_inside_a_longer_word_are_not_the_entry() {
    let site = glossary_site();
    // ນາມ is the end of ຫວຽດນາມ there, and ຫວຽດ its start: neither is a word of its own.
    site.file(
        "i18n/glossary.yaml",
        "nam:\n  vi: \"Nậm\"\n  lo: \"ນາມ\"\nviet:\n  en: \"Viet\"\n  avoid: { lo: [\"ຫວຽດ\"] }\n",
    );
    site.article(
        "news/a",
        "vi",
        "Suối",
        "2024-01-02",
        "",
        "Suối Nậm chảy qua.\n",
    );
    let lao = site.article(
        "news/a",
        "lo",
        "ຫ້ວຍ",
        "2024-01-02",
        "",
        "ການຮ່ວມມືລະຫວ່າງລາວແລະຫວຽດນາມແມ່ນແໜ້ນແຟ້ນ.\n",
    );
    let json = check_json(&site);
    let problems = glossary_problems(&json);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0]["file"], lao.as_str());
    assert_eq!(problems[0]["glossary"]["rule"], "missing-form");
    assert_eq!(problems[0]["glossary"]["entry"], "nam");
}

#[test]
fn an_avoided_english_spelling_is_reported_at_its_line_and_column() {
    let site = glossary_site();
    // Line 2: `title: "Vietnam and Laos"`, the V in column 9.
    // Line 6 (the body's second line): "Trade with Vietnam grew.", the V in column 12.
    let english = site.article(
        "news/a",
        "en",
        "Vietnam and Laos",
        "2024-01-02",
        "",
        "Border news.\nTrade with Vietnam grew; Vietnamese traders came.\n",
    );
    let out = check(&site, &[]);
    out.assert_success();
    let title = out.problem_at(&english, 2);
    assert!(
        title.contains(&format!("{english}:2:9")),
        "{title}\n{}",
        out.stderr
    );
    assert!(
        title.contains("\"Vietnam\" is a spelling the glossary avoids in en"),
        "{title}"
    );
    assert_hint(&title, "write \"Viet Nam\" instead");
    let body = out.problem_at(&english, 6);
    assert!(body.contains(&format!("{english}:6:12")), "{body}");
    // "Vietnamese" is another word: two findings, not three.
    let json = check_json(&site);
    assert_eq!(glossary_problems(&json).len(), 2, "{json:#}");
    // --strict counts them as errors.
    check(&site, &["--strict"]).assert_code(1);
}

#[test]
fn a_missing_form_names_the_translation_and_the_source() {
    let site = glossary_site();
    // Line 5: "Đoàn tỉnh Phu Viêng thăm Vân Lĩnh.": Phu Viêng from column 11.
    let source = site.article(
        "news/a",
        "vi",
        "Hội đàm",
        "2024-01-02",
        "",
        "Đoàn tỉnh Phu Viêng thăm tỉnh.\n\nTỉnh Phu Viêng và Việt Nam.\n",
    );
    let english = site.article(
        "news/a",
        "en",
        "Talks",
        "2024-01-02",
        "",
        "A delegation of Phu Vieng visited.\n\nPhu Vieng and Viet Nam.\n",
    );
    let lao = site.article(
        "news/a",
        "lo",
        "ການເຈລະຈາ",
        "2024-01-02",
        "",
        "ຄະນະຜູ້ແທນແຂວງພູວຽງໄດ້ມາຢ້ຽມຢາມຫວຽດນາມ.\n",
    );
    let out = check(&site, &[]);
    out.assert_success();
    let problem = out.problem_in(&english);
    assert!(
        problem.contains(&format!("{source}:5:11")),
        "the source's mention: {problem}"
    );
    assert!(
        problem.contains(&format!("{english}:5:1")),
        "the translation's text: {problem}"
    );
    assert!(problem.contains("\"Phou Vieng\""), "{problem}");
    assert_hint(
        &problem,
        "write \"Phou Vieng\" where the source names \"Phu Viêng\"",
    );
    let json = check_json(&site);
    let problems = glossary_problems(&json);
    // Named twice in the source: one finding for the English translation, none for Lao.
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems.iter().all(|p| p["file"] != lao.as_str()));
}

#[test]
fn tones_count_ha_is_not_ha_with_a_dot() {
    let site = glossary_site();
    site.article(
        "news/a",
        "vi",
        "Hạ Giang",
        "2024-01-02",
        "",
        "Xã Hạ Giang.\n",
    );
    site.article(
        "news/a",
        "en",
        "Lower river",
        "2024-01-02",
        "",
        "A commune.\n",
    );
    assert_eq!(glossary_problems(&check_json(&site)), Vec::<Value>::new());
    site.article(
        "news/a",
        "vi",
        "Hà Giang",
        "2024-01-02",
        "",
        "Tỉnh HÀ GIANG.\n",
    );
    let problems = glossary_problems(&check_json(&site));
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0]["glossary"]["entry"], "ha-giang");
    // The mention in the title, line 2; the translation's title line too.
    assert_eq!(problems[0]["glossary"]["source"]["line"], 2);
    assert_eq!(problems[0]["glossary"]["source"]["column"], 9);
    assert_eq!(problems[0]["line"], 2);
}

#[test]
fn json_carries_the_findings_with_stable_fields() {
    let site = glossary_site();
    let source = site.article(
        "news/a",
        "vi",
        "Hội đàm",
        "2024-01-02",
        "",
        "Tỉnh Phu Viêng.\n",
    );
    let english = site.article(
        "news/a",
        "en",
        "Talks",
        "2024-01-02",
        "",
        "Vietnam and its neighbour.\n",
    );
    let json = check_json(&site);
    let problems = glossary_problems(&json);
    let avoided = problems
        .iter()
        .find(|p| p["glossary"]["rule"] == "avoided-variant")
        .unwrap_or_else(|| panic!("{problems:#?}"));
    assert_eq!(avoided["severity"], "warning");
    assert_eq!(avoided["file"], english.as_str());
    assert_eq!(
        (avoided["line"].clone(), avoided["column"].clone()),
        (5.into(), 1.into())
    );
    assert_eq!(avoided["glossary"]["entry"], "viet-nam");
    assert_eq!(avoided["glossary"]["lang"], "en");
    assert_eq!(avoided["glossary"]["written"], "Vietnam");
    assert_eq!(avoided["glossary"]["expected"], "Viet Nam");
    let missing = problems
        .iter()
        .find(|p| p["glossary"]["rule"] == "missing-form")
        .unwrap_or_else(|| panic!("{problems:#?}"));
    assert_eq!(missing["file"], english.as_str());
    assert_eq!(missing["glossary"]["entry"], "phu-vieng");
    assert_eq!(missing["glossary"]["expected"], "Phou Vieng");
    assert_eq!(missing["glossary"]["source"]["file"], source.as_str());
    assert_eq!(missing["glossary"]["source"]["line"], 5);
    assert_eq!(missing["glossary"]["source"]["column"], 6);
    assert_eq!(missing["glossary"]["source"]["form"], "Phu Viêng");
    assert_eq!(json["summary"]["by_kind"]["glossary"]["warnings"], 2);
    assert_eq!(
        json["glossary"]["files"],
        serde_json::json!([{ "file": english, "lang": "en", "missing": 1, "avoided": 1 }])
    );
}

#[test]
fn the_report_groups_by_file_and_speaks_vietnamese() {
    let site = glossary_site();
    site.article(
        "news/a",
        "vi",
        "Hội đàm",
        "2024-01-02",
        "",
        "Tỉnh Phu Viêng.\n",
    );
    let english = site.article("news/a", "en", "Talks", "2024-01-02", "", "Vietnam.\n");
    let out = check(&site, &[]);
    out.assert_success();
    assert!(
        out.stdout
            .contains("Glossary (i18n/glossary.yaml) — 3 entries"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!(
            "  {english}: 1 name missing, 1 avoided spelling\n"
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("5:1: \"Vietnam\" → \"Viet Nam\" (viet-nam)")
    );
    let out = check(&site, &["--ui-lang", "vi"]);
    out.assert_success();
    assert!(
        out.stdout
            .contains("Bảng thuật ngữ (i18n/glossary.yaml) — 3 mục"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!(
            "  {english}: thiếu 1 tên, 1 cách viết cần tránh\n"
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("chưa viết \"Phou Vieng\" (phu-vieng); bản gốc nhắc \"Phu Viêng\""),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("thuật ngữ: 2 cảnh báo"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_clean_site_says_so_and_a_site_without_a_glossary_has_no_section() {
    let site = glossary_site();
    site.article(
        "news/a",
        "vi",
        "Hội đàm",
        "2024-01-02",
        "",
        "Tỉnh Phu Viêng.\n",
    );
    site.article(
        "news/a",
        "en",
        "Talks",
        "2024-01-02",
        "",
        "Phou Vieng Province.\n",
    );
    let out = check(&site, &[]);
    assert!(
        out.stdout
            .contains("every translation writes the names its source names"),
        "{}",
        out.stdout
    );
    std::fs::remove_file(site.path("i18n/glossary.yaml")).unwrap();
    let out = check(&site, &[]);
    assert!(!out.stdout.contains("Glossary"), "{}", out.stdout);
    assert!(check_json(&site).get("glossary").is_none());
}

#[test]
fn a_broken_glossary_is_an_error_at_its_line() {
    let site = glossary_site();
    // Line 3: a language the site does not have.
    site.file(
        "i18n/glossary.yaml",
        "van-linh:\n  vi: \"Vân Lĩnh\"\n  fr: \"Van Linh\"\n  cas: exact\n",
    );
    let out = check(&site, &[]);
    out.assert_code(1);
    let problem = out.problem_at("i18n/glossary.yaml", 3);
    assert!(problem.contains("not a language of the site"), "{problem}");
    let problem = out.problem_at("i18n/glossary.yaml", 4);
    assert_hint(&problem, "did you mean `case`?");
}

/// The example site in this repository: its glossary and its one deliberate slip.
#[test]
fn the_example_site_reports_only_its_deliberate_slip() {
    let root = env!("CARGO_MANIFEST_DIR");
    let site = Site::new();
    let out = site.run(&["--root", root, "check", "--format", "json"]);
    let json: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("check --format json: {e}\n{}", out.stdout));
    let problems: Vec<(String, String, String)> = glossary_problems(&json)
        .iter()
        .map(|p| {
            (
                p["file"].as_str().unwrap().to_string(),
                p["glossary"]["rule"].as_str().unwrap().to_string(),
                p["glossary"]["entry"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = EXAMPLE_SLIPS
        .iter()
        .map(|(file, rule, entry)| (file.to_string(), rule.to_string(), entry.to_string()))
        .collect();
    assert_eq!(problems, expected, "{:#?}", glossary_problems(&json));
    assert!(json["glossary"]["entries"].as_u64().unwrap() >= 10);
}

/// One avoided spelling, on purpose, so that `mekong check` on the example shows what a
/// glossary finding looks like.
const EXAMPLE_SLIPS: [(&str, &str, &str); 1] = [(
    "content/cooperation/2023-12-08-ket-nghia-ban-na-khe-na-kham/index.en.md",
    "avoided-variant",
    "viet-nam",
)];
