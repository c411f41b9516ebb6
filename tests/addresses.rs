//! One address, one owner: two things published at one address — a page, an alias, a
//! listing and its page 2, a term page, a feed, a file from `static/` — fail `build`,
//! `check` and `serve`, naming both claims where they are written, and nothing is
//! written. Case and Unicode variants of an address count as the same address.

mod common;
use common::*;

use std::time::Duration;

/// A file a successful build would remove from `public/` (it is not part of the site):
/// finding it there unchanged, alone, shows that the failed run wrote nothing.
const MARKER: &str = "public/left-as-it-was.txt";

/// Runs `mekong COMMAND` on the site, which must fail with exit code 1 writing nothing,
/// and returns the output.
fn fails(site: &Site, command: &str) -> Output {
    site.file(MARKER, "the previous site\n");
    let root = site.root().to_str().expect("temporary paths are UTF-8");
    let out = site.run(&["--root", root, command]);
    out.assert_code(1);
    let public = tree(&site.root().join("public"));
    assert_eq!(
        public.keys().collect::<Vec<_>>(),
        ["left-as-it-was.txt"],
        "`mekong {command}` failed, so public/ must be as it was"
    );
    out
}

/// The one problem that names every place in `places` (`file:line:`, or a file).
fn problem_naming(out: &Output, places: &[&str]) -> String {
    let found: Vec<String> = out
        .problems()
        .into_iter()
        .filter(|block| places.iter().all(|place| block.contains(place)))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one problem naming {places:?}\nstderr:\n{}",
        out.stderr
    );
    found.into_iter().next().expect("one problem")
}

/// Both `build` and `check` fail, each with one problem naming `places`; returns the
/// build's.
fn both_fail(site: &Site, places: &[&str]) -> String {
    let checked = fails(site, "check");
    problem_naming(&checked, places);
    let built = fails(site, "build");
    problem_naming(&built, places)
}

fn news(site: &Site) {
    // Line 3 of `_index.vi.md` holds the slug.
    site.section("news", "vi", "Tin tức", "tin-tuc");
}

#[test]
fn an_alias_onto_the_language_home_fails_naming_both_files() {
    let site = Site::new();
    site.file(
        "content/_index.vi.md",
        "---\ntitle: \"Trang chủ\"\n---\nChào.\n",
    );
    news(&site);
    // Line 4: the alias.
    let article = site.article(
        "news/a",
        "vi",
        "A",
        "2024-01-01",
        "aliases: [\"/vi/\"]",
        "x",
    );
    let problem = both_fail(
        &site,
        &[&format!("{article}:4:11"), "content/_index.vi.md:1:1"],
    );
    assert!(problem.contains("home page"), "{problem}");
    assert_hint(&problem, "alias");
}

#[test]
fn an_alias_onto_a_home_without_its_own_file_names_what_makes_it() {
    let site = Site::new();
    news(&site);
    let article = site.article("news/a", "vi", "A", "2024-01-01", "aliases: [\"/VI\"]", "x");
    let problem = both_fail(&site, &[&format!("{article}:4:")]);
    assert!(
        problem.contains("`vi` home page") && problem.contains("site.yaml"),
        "the problem says the home page is made for the language in site.yaml:\n{problem}"
    );
    assert_hint(&problem, "one address");
}

#[test]
fn an_alias_onto_another_article_fails_naming_both_files() {
    let site = Site::new();
    news(&site);
    let first = site.article("news/a", "vi", "A", "2024-01-01", "", "x");
    // Written with `index.html`: the same address as `/vi/tin-tuc/a/`.
    let second = site.article(
        "news/b",
        "vi",
        "B",
        "2024-01-02",
        "summary: \"B\"\naliases: [\"/old/1.html\", \"/vi/tin-tuc/a/index.html\"]",
        "x",
    );
    // The alias is on line 5, column 26; the article's address comes from its folder.
    both_fail(&site, &[&format!("{second}:5:26"), &format!("{first}:1:1")]);
}

#[test]
fn slugs_differing_only_in_case_are_one_address() {
    let site = Site::new();
    news(&site);
    let first = site.article("news/a", "vi", "A", "2024-01-01", "slug: Hop-Tac", "x");
    let second = site.article("news/b", "vi", "B", "2024-01-02", "slug: hop-tac", "x");
    let problem = both_fail(&site, &[&format!("{first}:4:7"), &format!("{second}:4:7")]);
    assert!(
        problem.contains("/vi/tin-tuc/Hop-Tac/") && problem.contains("/vi/tin-tuc/hop-tac/"),
        "both spellings are shown:\n{problem}"
    );
    assert_hint(&problem, "upper and lower case");
}

#[test]
fn nfc_and_nfd_slugs_are_one_address() {
    let site = Site::new();
    news(&site);
    let nfc = "h\u{1ee3}p-t\u{e1}c";
    let nfd = "ho\u{31b}\u{323}p-ta\u{301}c";
    assert_ne!(nfc, nfd);
    let first = site.article(
        "news/a",
        "vi",
        "A",
        "2024-01-01",
        &format!("slug: \"{nfc}\""),
        "x",
    );
    let second = site.article(
        "news/b",
        "vi",
        "B",
        "2024-01-02",
        &format!("slug: \"{nfd}\""),
        "x",
    );
    both_fail(&site, &[&format!("{first}:4:7"), &format!("{second}:4:7")]);
}

#[test]
fn a_static_file_over_a_section_listing_fails_naming_both() {
    let site = Site::new();
    news(&site);
    site.article("news/a", "vi", "A", "2024-01-01", "", "x");
    site.file("static/vi/tin-tuc/index.html", "<p>old page</p>\n");
    let problem = both_fail(
        &site,
        &[
            "static/vi/tin-tuc/index.html",
            "content/news/_index.vi.md:3:7",
        ],
    );
    assert!(problem.contains("listing of section `news`"), "{problem}");
    assert_hint(&problem, "static/");
}

#[test]
fn a_page_slugged_like_a_taxonomy_fails_naming_the_page() {
    let site = Site::new();
    news(&site);
    site.article("news/a", "vi", "A", "2024-01-01", "tags: [\"Lào\"]", "x");
    // Line 3: the slug that lands on /vi/tags/, the list of tags.
    site.file(
        "content/gioi-thieu.vi.md",
        "---\ntitle: \"Giới thiệu\"\nslug: Tags\n---\nx\n",
    );
    let problem = both_fail(&site, &["content/gioi-thieu.vi.md:3:7"]);
    assert!(problem.contains("list of tags"), "{problem}");
}

#[test]
fn an_article_over_a_term_page_names_the_line_of_the_term() {
    let site = Site::new();
    // A section slugged `tags` with an article `lao`: /vi/tags/lao/, where the term
    // `Lào` of the tags has its page.
    site.section("kinds", "vi", "Thẻ", "tags");
    let article = site.article("kinds/lao", "vi", "Lào", "2024-01-01", "", "x");
    // Line 5: the term `Lào`.
    let tagged = site.article(
        "kinds/b",
        "vi",
        "B",
        "2024-01-02",
        "summary: \"b\"\ntags: [\"Lào\"]",
        "x",
    );
    let out = fails(&site, "build");
    let problem = problem_naming(&out, &[&format!("{article}:1:1"), &format!("{tagged}:5:8")]);
    assert!(problem.contains("page of `Lào` in tags"), "{problem}");
    // The section's own listing (/vi/tags/) lands on the list of tags.
    problem_naming(&out, &["content/kinds/_index.vi.md:3:7", "list of tags"]);
}

#[test]
fn an_alias_onto_a_pagination_page_fails() {
    let site = Site::new();
    news(&site);
    // paginate: 2, so three articles make /vi/tin-tuc/page/2/.
    site.article("news/a", "vi", "A", "2024-01-01", "", "x");
    site.article("news/b", "vi", "B", "2024-01-02", "", "x");
    let article = site.article(
        "news/c",
        "vi",
        "C",
        "2024-01-03",
        "aliases: [\"/vi/tin-tuc/page/2/\"]",
        "x",
    );
    let problem = both_fail(
        &site,
        &[&format!("{article}:4:"), "content/news/_index.vi.md:3:7"],
    );
    assert!(problem.contains("page 2 of the `vi` listing"), "{problem}");
}

#[test]
fn an_alias_onto_the_feed_fails() {
    let site = Site::new();
    news(&site);
    let article = site.article(
        "news/a",
        "vi",
        "A",
        "2024-01-01",
        "aliases: [\"/vi/atom.xml\"]",
        "x",
    );
    let problem = both_fail(&site, &[&format!("{article}:4:")]);
    assert!(problem.contains("`vi` Atom feed"), "{problem}");
}

#[test]
fn an_alias_below_a_file_address_fails() {
    let site = Site::new();
    news(&site);
    // /vi/atom.xml is a file; nothing can live in a folder of that name.
    let article = site.article(
        "news/a",
        "vi",
        "A",
        "2024-01-01",
        "aliases: [\"/vi/atom.xml/cu/\"]",
        "x",
    );
    let problem = both_fail(&site, &[&format!("{article}:4:")]);
    assert!(problem.contains("Atom feed"), "{problem}");
    assert_hint(&problem, "a file and a folder");
}

#[test]
fn a_static_file_over_a_generated_one_fails_but_robots_txt_replaces_it() {
    let site = Site::new();
    news(&site);
    site.article("news/a", "vi", "A", "2024-01-01", "", "x");
    site.file("static/vi/404.html", "<p>not found</p>\n");
    let problem = both_fail(&site, &["static/vi/404.html"]);
    assert!(problem.contains("`vi` 404 page"), "{problem}");

    // The one documented replacement, and the theme's files, which a site overrides
    // file by file.
    std::fs::remove_file(site.path("static/vi/404.html")).expect("remove the file");
    std::fs::remove_file(site.path(MARKER)).expect("remove the marker");
    site.file("static/robots.txt", "User-agent: *\nDisallow: /\n");
    site.file("static/css/site.css", "body { color: black }\n");
    site.build_ok(&[]);
    assert_eq!(site.read("robots.txt"), "User-agent: *\nDisallow: /\n");
    assert_eq!(site.read("css/site.css"), "body { color: black }\n");
}

#[test]
fn serve_reports_an_alias_onto_the_home_and_keeps_the_home() {
    let site = Site::new();
    site.file(
        "content/_index.vi.md",
        "---\ntitle: \"Trang chủ\"\n---\nChào.\n",
    );
    news(&site);
    site.article("news/a", "vi", "A", "2024-01-01", "", "x");
    let server = site.serve(&[]);
    let home = server.get("/vi/");
    assert_eq!(home.status, 200);

    let article = site.article(
        "news/a",
        "vi",
        "A",
        "2024-01-01",
        "aliases: [\"/vi/\"]",
        "x",
    );
    let location = format!("{article}:4:11");
    assert!(
        server.wait_stderr(Duration::from_secs(20), |err| err.contains(&location)
            && err.contains("content/_index.vi.md:1:1")),
        "serve names both claims\nstderr:\n{}",
        server.stderr()
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        server.get("/vi/").text(),
        home.text(),
        "the home page, not a redirect, stays served"
    );
}

#[test]
fn the_example_site_has_no_collisions() {
    let root = env!("CARGO_MANIFEST_DIR");
    let site = Site::new();
    let out = site.run(&["--root", root, "check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("check --format json: {e}\n{}", out.stdout));
    assert_eq!(
        json["summary"]["by_kind"]["duplicate"]["errors"], 0,
        "{}",
        out.stderr
    );
}
