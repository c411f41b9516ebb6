//! `i18n/terms.yaml`: the terms file's problems, each at its line and column.

mod common;
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
