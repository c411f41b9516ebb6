//! Bad input: every kind of mistake from the contract fails the build with exit code 1
//! and a diagnostic naming the file (relative to the site root), the line counted in
//! the whole file, and a hint; several mistakes are all reported in one run.

mod common;

use common::*;

/// A site with one good article, so that a failure can only come from the bad input.
fn site() -> Site {
    let site = Site::new();
    site.article("news/tot", "vi", "Bài tốt", "2023-12-08", "", "Nội dung.");
    site
}

/// Builds, expecting exit code 1, and returns the output.
fn fails(site: &Site) -> Output {
    let output = site.build(&[]);
    output.assert_code(1);
    assert!(
        !site.public("").exists(),
        "a failed first build published a site"
    );
    output
}

#[test]
fn malformed_yaml() {
    let site = site();
    let file = "content/news/x/index.vi.md";
    site.file(
        file,
        "---\ndate: 2023-12-08\ntitle: Lễ kết nghĩa: hai bên\n---\nx\n",
    );
    let problem = fails(&site).problem_at(file, 3);
    assert_hint(&problem, "quoted");
}

#[test]
fn malformed_site_yaml() {
    let site = site();
    site.file(
        "site.yaml",
        &SITE_YAML.replace("paginate: 2", "paginate: 2: 3"),
    );
    let line = SITE_YAML
        .lines()
        .position(|l| l.starts_with("paginate"))
        .unwrap()
        + 1;
    let problem = fails(&site).problem_at("site.yaml", line);
    assert_hint(&problem, "quoted");
}

#[test]
fn unclosed_flow_mapping_in_site_yaml() {
    let site = site();
    // Line 6 (the `lo` language) loses its closing brace.
    let broken = SITE_YAML.replace("\"ປະຕູຂໍ້ມູນຂ່າວສານ\" }", "\"ປະຕູຂໍ້ມູນຂ່າວສານ\"");
    assert_ne!(broken, SITE_YAML);
    site.file("site.yaml", &broken);
    let problem = fails(&site).problem_at("site.yaml", 6);
    assert_hint(&problem, "}");
}

#[test]
fn unknown_front_matter_key() {
    let site = site();
    let file = "content/news/x/index.vi.md";
    site.file(
        file,
        "---\ndate: 2023-12-08\ntittle: Lễ kết nghĩa\n---\nx\n",
    );
    let problem = fails(&site).problem_at(file, 3);
    assert!(problem.contains("tittle"), "the key is named:\n{problem}");
    assert_hint(&problem, "did you mean `title`");
}

#[test]
fn unknown_site_yaml_key() {
    let site = site();
    site.file("site.yaml", &format!("{SITE_YAML}themes: default\n"));
    let line = SITE_YAML.lines().count() + 1;
    let problem = fails(&site).problem_at("site.yaml", line);
    assert!(problem.contains("themes"), "the key is named:\n{problem}");
    assert_hint(&problem, "did you mean `theme`");
}

#[test]
fn missing_title() {
    let site = site();
    let file = "content/news/x/index.vi.md";
    site.file(file, "---\ndate: 2023-12-08\n---\nx\n");
    let problem = fails(&site).problem_at(file, 2);
    assert!(problem.contains("title"), "{problem}");
    assert_hint(&problem, "title:");
}

#[test]
fn missing_date_on_an_article() {
    let site = site();
    let file = "content/news/x/index.vi.md";
    site.file(file, "---\ntitle: \"Không ngày\"\n---\nx\n");
    let problem = fails(&site).problem_at(file, 2);
    assert!(problem.contains("date"), "{problem}");
    assert_hint(&problem, "2024-05-01");
}

#[test]
fn date_that_does_not_parse() {
    let site = site();
    let file = "content/news/x/index.vi.md";
    site.file(file, "---\ntitle: \"Sai ngày\"\ndate: 08/12/2023\n---\nx\n");
    let problem = fails(&site).problem_at(file, 3);
    assert!(
        problem.contains("08/12/2023"),
        "the value is named:\n{problem}"
    );
    assert_hint(&problem, "2024-05-01");
}

#[test]
fn broken_relative_link() {
    let site = site();
    // Front matter is lines 1–4, the body starts on line 5; the link is on line 9.
    let file = site.article(
        "news/x",
        "vi",
        "Liên kết hỏng",
        "2023-12-08",
        "",
        "Đoạn một.\n\nĐoạn hai.\n\nXem [bài kia](../khong-co/index.vi.md).\n",
    );
    let problem = fails(&site).problem_at(&file, 9);
    assert!(
        problem.contains("khong-co"),
        "the target is named:\n{problem}"
    );
    assert_hint(&problem, "index.vi.md");
}

#[test]
fn missing_image() {
    let site = site();
    let file = site.article(
        "news/x",
        "vi",
        "Thiếu ảnh",
        "2023-12-08",
        "author: \"Hồng Nga\"",
        "Đoạn một.\n\n![Ảnh](khong-co.jpg)\n",
    );
    let problem = fails(&site).problem_at(&file, 8);
    assert!(
        problem.contains("khong-co.jpg"),
        "the image is named:\n{problem}"
    );
    assert_hint(&problem, "folder");
}

#[test]
fn missing_cover_image() {
    let site = site();
    let file = site.article(
        "news/x",
        "vi",
        "Thiếu ảnh bìa",
        "2023-12-08",
        "summary: \"Tóm tắt\"\ncover: { src: khong-co.jpg, alt: \"Ảnh\" }",
        "Nội dung.\n",
    );
    let problem = fails(&site).problem_at(&file, 5);
    assert!(
        problem.contains("khong-co.jpg"),
        "the image is named:\n{problem}"
    );
    assert_hint(&problem, "folder");
}

#[test]
fn corrupt_image() {
    let site = site();
    let noise: Vec<u8> = (0u32..512)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    site.bytes("content/news/x/anh.jpg", &noise);
    let file = site.article(
        "news/x",
        "vi",
        "Ảnh hỏng",
        "2023-12-08",
        "",
        "![Ảnh](anh.jpg)\n",
    );
    let problem = fails(&site).problem_at(&file, 5);
    assert!(
        problem.contains("anh.jpg"),
        "the image is named:\n{problem}"
    );
    assert_hint(&problem, "JPEG");
}

#[test]
fn invalid_fluent_file() {
    let site = site();
    site.file("i18n/en.ftl", "home = Home\nbroken = { $x\nfeed = Feed\n");
    let problem = fails(&site).problem_at("i18n/en.ftl", 2);
    assert_hint(&problem, "key = Text");
}

#[test]
fn template_syntax_error() {
    let site = site();
    site.file(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }</h1>\n{% endblock content %}\n",
    );
    let problem = fails(&site).problem_at("templates/page.html", 3);
    assert_hint(&problem, "template");
}

#[test]
fn an_unknown_included_template_or_filter_is_reported_where_it_is_written() {
    let site = site();
    site.file(
        "templates/partials/footer.html",
        "<footer>\n{% include \"partials/khong-co.html\" %}{{ 1 | nosuchfilter }}</footer>\n",
    );
    let out = fails(&site);
    let include = out.problem_at("templates/partials/footer.html", 2);
    assert!(include.contains("footer.html:2:12"), "{include}");
    assert_hint(&include, "templates/");
    let filter = out
        .problems()
        .into_iter()
        .find(|p| p.contains("Unknown filter"))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    assert!(filter.contains("footer.html:2:46"), "{filter}");
    assert_hint(&filter, "spelling");
}

#[test]
fn a_template_mistake_on_every_page_is_reported_once() {
    let site = site();
    site.article("news/hai", "vi", "Bài hai", "2023-12-09", "", "Nội dung.");
    site.article("news/ba", "vi", "Bài ba", "2023-12-10", "", "Nội dung.");
    site.file(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.titel }}</h1>\n{% endblock content %}\n",
    );
    let out = fails(&site);
    let problems: Vec<String> = out
        .problems()
        .into_iter()
        .filter(|p| p.contains("templates/page.html:3:"))
        .collect();
    assert_eq!(problems.len(), 1, "{}", out.stderr);
    assert!(problems[0].contains("and 2 other pages"), "{}", problems[0]);
    assert_hint(&problems[0], "spelling");
}

#[test]
fn language_suffix_not_in_site_yaml() {
    let site = site();
    let file = site.article("news/x", "fr", "Titre", "2023-12-08", "", "x");
    let problem = fails(&site).problem_in(&file);
    assert!(problem.contains(".fr"), "the suffix is named:\n{problem}");
    assert_hint(&problem, "vi, en, lo");
}

#[test]
fn empty_markdown_file() {
    let site = site();
    let file = "content/news/x/index.vi.md";
    site.file(file, "");
    let problem = fails(&site).problem_at(file, 1);
    assert!(problem.contains("empty"), "{problem}");
    assert_hint(&problem, "front matter");
}

#[test]
fn front_matter_that_never_closes() {
    let site = site();
    let file = "content/news/x/index.vi.md";
    site.file(
        file,
        "---\ntitle: \"Không đóng\"\ndate: 2023-12-08\n\nNội dung.\n",
    );
    let problem = fails(&site).problem_at(file, 1);
    assert!(problem.contains("never closes"), "{problem}");
    assert_hint(&problem, "---");
}

/// A file saved in an old Vietnamese encoding: the first byte that is not UTF-8 is
/// reported at its line and column (characters of valid text before it), in content,
/// `site.yaml`, `.ftl` files and templates alike, all in one run.
#[test]
fn files_that_are_not_utf8_are_pointed_at_line_and_column() {
    let broken = site();
    let file = "content/news/x/index.vi.md";
    // Line 5, after "Hà Nội " (7 characters): a Windows-1258 byte, column 8.
    let mut bytes = "---\ntitle: \"Tin\"\ndate: 2023-12-08\n---\nHà Nội "
        .as_bytes()
        .to_vec();
    bytes.extend([0xe0, b'\n']);
    broken.bytes(file, &bytes);
    let mut ftl = "home = Trang chủ\nfeed = ".as_bytes().to_vec();
    ftl.extend([0xd0, b'\n']);
    broken.bytes("i18n/vi.ftl", &ftl);
    let mut template = "{% extends \"base.html\" %}\n{# ".as_bytes().to_vec();
    template.extend([0xff, b'\n']);
    broken.bytes("templates/page.html", &template);
    let out = fails(&broken);
    let problem = out.problem_at(file, 5);
    assert!(problem.contains(&format!("{file}:5:8")), "{problem}");
    assert!(problem.contains("not UTF-8"), "{problem}");
    assert_hint(&problem, "save it as UTF-8");
    let problem = out.problem_at("i18n/vi.ftl", 2);
    assert!(problem.contains("i18n/vi.ftl:2:8"), "{problem}");
    let problem = out.problem_at("templates/page.html", 2);
    assert!(problem.contains("templates/page.html:2:4"), "{problem}");

    let yaml = site();
    let mut text = common::SITE_YAML.as_bytes().to_vec();
    text.extend(b"extra: { note: \"");
    text.push(0xe0);
    text.extend(b"\" }\n");
    yaml.bytes("site.yaml", &text);
    let line = common::SITE_YAML.lines().count() + 1;
    let problem = fails(&yaml).problem_at("site.yaml", line);
    assert!(
        problem.contains(&format!("site.yaml:{line}:17")),
        "{problem}"
    );
}

#[test]
fn every_front_matter_problem_of_every_file_is_reported_in_one_run() {
    let site = site();
    site.file(
        "content/news/a/index.vi.md",
        "---\ntitle: a: b\ndate: 2023-12-08\n---\n",
    );
    site.file(
        "content/news/b/index.en.md",
        "---\ndate: 2023-12-08\ntittle: B\n---\n",
    );
    site.file(
        "content/news/c/index.lo.md",
        "---\ntitle: C\ndate: 2023-02-30\n---\n",
    );
    site.file("content/news/d/index.vi.md", "---\ndate: 2023-12-08\n---\n");
    site.file("content/about.vi.md", "");
    site.file(
        "content/news/e/index.fr.md",
        "---\ntitle: E\ndate: 2023-12-08\n---\n",
    );
    let output = fails(&site);
    output.problem_at("content/news/a/index.vi.md", 2);
    output.problem_at("content/news/b/index.en.md", 3);
    output.problem_at("content/news/c/index.lo.md", 3);
    output.problem_at("content/news/d/index.vi.md", 2);
    output.problem_at("content/about.vi.md", 1);
    output.problem_in("content/news/e/index.fr.md");
}

#[test]
fn every_problem_of_one_front_matter_is_reported_in_one_run() {
    let site = site();
    let file = "content/news/a/index.vi.md";
    site.file(
        file,
        "---\ntitle: \"A\"\ndate: 2024-07-01T25:00:00+07:00\nweight: abc\ntittle: x\ntags: \"một thẻ\"\ncover: { src: a.jpg, atl: x }\n---\nBody\n",
    );
    let output = fails(&site);
    assert_hint(&output.problem_at(file, 3), "2024-05-01");
    assert_hint(&output.problem_at(file, 4), "like 3");
    assert_hint(&output.problem_at(file, 5), "`title`");
    assert_hint(&output.problem_at(file, 6), "[\"Biên giới\"]");
    assert_hint(&output.problem_at(file, 7), "`alt`");
    let in_file = output
        .problems()
        .iter()
        .filter(|p| p.contains(file))
        .count();
    assert_eq!(in_file, 5, "{}", output.stderr);
}

#[test]
fn link_image_and_template_problems_are_reported_in_one_run() {
    let site = site();
    site.article(
        "news/b",
        "vi",
        "B",
        "2023-12-08",
        "",
        "[x](../khong-co/index.vi.md)\n",
    );
    site.article(
        "news/c",
        "en",
        "C",
        "2023-12-08",
        "",
        "Text.\n\n![x](khong-co.png)\n",
    );
    site.image("content/news/d/hong.jpg", 2, 2);
    site.bytes("content/news/d/hong.jpg", b"not a jpeg at all");
    site.article("news/d", "lo", "D", "2023-12-08", "", "![x](hong.jpg)\n");
    site.file(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title }\n",
    );
    let output = fails(&site);
    output.problem_at("content/news/b/index.vi.md", 5);
    output.problem_at("content/news/c/index.en.md", 7);
    output.problem_at("content/news/d/index.lo.md", 5);
    output.problem_at("templates/page.html", 2);
}

#[test]
fn problems_of_every_phase_are_reported_in_one_run() {
    let site = site();
    // Front matter, a link, an image, interface strings and a template, all broken.
    site.file(
        "content/news/a/index.vi.md",
        "---\ndate: 2023-12-08\ntittle: A\n---\n",
    );
    site.article(
        "news/b",
        "vi",
        "B",
        "2023-12-08",
        "",
        "[x](../khong-co/index.vi.md)\n",
    );
    site.article(
        "news/c",
        "vi",
        "C",
        "2023-12-08",
        "",
        "![x](khong-co.png)\n",
    );
    site.file("i18n/vi.ftl", "home = Trang chủ\nbroken = { $x\n");
    site.file(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title }\n",
    );
    let output = fails(&site);
    output.problem_at("content/news/a/index.vi.md", 3);
    output.problem_at("content/news/b/index.vi.md", 5);
    output.problem_at("content/news/c/index.vi.md", 5);
    output.problem_at("i18n/vi.ftl", 2);
    output.problem_in("templates/page.html");
}

#[test]
fn usage_errors_exit_with_2() {
    let site = site();
    let output = site.build(&["--no-such-flag"]);
    output.assert_code(2);
    assert!(
        output.stderr.contains("--no-such-flag"),
        "{}",
        output.stderr
    );
    site.run(&["no-such-command"]).assert_code(2);
    assert!(!site.public("").exists());
}
