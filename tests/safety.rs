//! What editors paste cannot put script on the portal: hostile fixture articles, each
//! with the diagnostic it must get, and the published pages read back with an HTML
//! parser to show that no script, event attribute or `javascript:` address got through.

mod common;

use common::*;
use scraper::Html;
use serde_json::Value;

/// The article's own content, without the theme around it.
const BODY: &str = ".article-body";

fn site_with(markdown_settings: &str) -> Site {
    let site = Site::new();
    site.file("site.yaml", &format!("{SITE_YAML}{markdown_settings}"));
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site
}

fn check(site: &Site, args: &[&str]) -> Output {
    let root = site.root().to_str().expect("temporary paths are UTF-8");
    let mut all = vec!["--root", root, "check"];
    all.extend_from_slice(args);
    site.run(&all)
}

/// Everything in a published page that could run script or send a reader's input
/// away, described for the failure message: in the article's body, `<script>`,
/// `<style>`, `<object>`, `<embed>` and form elements; anywhere, `<script>` other than
/// the theme's own two, `on…` attributes, and `javascript:`, `vbscript:` or `data:`
/// addresses.
fn live_script(html: &Html) -> Vec<String> {
    let mut found = Vec::new();
    for element in select(html, &format!("{BODY} *")) {
        let name = element.value().name();
        if matches!(
            name,
            "script"
                | "style"
                | "object"
                | "embed"
                | "form"
                | "input"
                | "button"
                | "select"
                | "textarea"
        ) {
            found.push(element.html());
        }
    }
    for element in select(html, "*") {
        let value = element.value();
        let name = value.name();
        let theme_script = value.attr("type") == Some("application/ld+json")
            || value
                .attr("src")
                .is_some_and(|src| src.ends_with("/js/site.js"));
        if name == "script" && !theme_script {
            found.push(element.html());
        }
        for (attribute, content) in value.attrs() {
            let squeezed = content
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            let bad_address = matches!(
                attribute,
                "href" | "src" | "srcset" | "action" | "formaction"
            ) && ["javascript:", "vbscript:", "data:"]
                .iter()
                .any(|scheme| squeezed.starts_with(scheme));
            if attribute.starts_with("on") || bad_address {
                found.push(format!("<{name} {attribute}=\"{content}\">"));
            }
        }
    }
    found
}

#[test]
fn links_and_pictures_with_unsafe_schemes_are_errors_at_their_position() {
    let site = site_with("");
    // The body starts on line 5 of the file; each case is a paragraph of its own.
    let body = "\
[Bấm vào đây](javascript:alert(1))

[Bấm vào đây](JaVaScRiPt:alert(1))

[Bấm vào đây](&#106;avascript:alert(1))

[Bấm vào đây](<java\tscript:alert(1)>)

[Bấm vào đây](java&#x09;script:alert(1))

[Bấm vào đây](vbscript:msgbox(1))

<javascript:alert(1)>

Xem [tại đây][x].

![Ảnh](data:image/png;base64,iVBORw0KGgo=)

[Tài liệu](file:///C:/Users/bien-tap/bao-cao.docx)

[x]: javascript:alert(2)
";
    let file = site.article("news/doc-hai", "vi", "Độc hại", "2023-12-08", "", body);
    let out = site.build(&[]);
    out.assert_code(1);
    for line in [5, 7, 9, 11, 13, 15, 17, 19] {
        let problem = out.problem_at(&file, line);
        assert!(
            problem.contains("a link to a `javascript:` address cannot be published")
                || problem.contains("a link to a `vbscript:` address cannot be published"),
            "line {line}:\n{problem}"
        );
        assert_hint(&problem, "http(s):, mailto: or tel:");
    }
    let picture = out.problem_at(&file, 21);
    assert!(
        picture.contains("a picture to a `data:` address cannot be published"),
        "{picture}"
    );
    assert_hint(&picture, "put the picture in the article's folder");
    let document = out.problem_at(&file, 23);
    assert!(document.contains("`file:`"), "{document}");
    assert_hint(&document, "a file on your computer is not on the site");
    assert!(
        out.stderr.contains(&format!("{file}:5:1")),
        "the column is where the link starts:\n{}",
        out.stderr
    );
    assert!(
        !site.public("").exists(),
        "a failed build publishes nothing"
    );

    // `check` reports the same, as link problems.
    let checked = check(&site, &[]);
    checked.assert_code(1);
    for line in [5, 7, 9, 11, 13, 15, 17, 19, 21, 23] {
        assert_eq!(
            checked.problem_at(&file, line).lines().next(),
            out.problem_at(&file, line).lines().next(),
            "check and build agree at line {line}"
        );
    }
}

#[test]
fn unsafe_links_stay_errors_when_raw_html_is_trusted() {
    let site = site_with("markdown: { raw_html: trusted }\n");
    let file = site.article(
        "news/a",
        "vi",
        "A",
        "2023-12-08",
        "",
        "[x](javascript:alert(1))\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    let problem = out.problem_at(&file, 5);
    assert!(problem.contains("`javascript:`"), "{problem}");
}

/// A pasted article with everything a sanitizer must take out. Lines (of the file):
/// 5 script, 7 style, 9 onerror, 11 iframe from an unlisted host, 13 object,
/// 14 embed, 16 form (with an input and a button inside), 18 a javascript: href in
/// raw HTML, 20 an event attribute on an allowed element.
const HOSTILE_BODY: &str = "\
<script>alert('script')</script>

<style>body { display: none }</style>

Ảnh <img src=x onerror=alert(1)> đây.

<iframe src=\"https://tracker.example/embed\" title=\"Quảng cáo\"></iframe>

<object data=\"x.swf\"><param name=\"a\" value=\"b\">Flash</object>
<embed src=\"x.swf\">

<form action=\"https://evil.example/\"><input name=\"mat-khau\"><button>Gửi</button></form>

<a href=\"  JAVA&#x09;SCRIPT:alert(1)\">Bấm</a>

<p onclick=\"alert(1)\" title=\"Giữ lại\">Đoạn văn vẫn còn.</p>
";

#[test]
fn raw_html_removals_are_warnings_and_the_page_is_published_without_them() {
    let site = site_with("");
    let file = site.article(
        "news/dan-tu-word",
        "vi",
        "Dán từ Word",
        "2023-12-08",
        "",
        HOSTILE_BODY,
    );
    let out = site.build_ok(&[]);
    let expected: [(usize, &str, &str); 9] = [
        (
            5,
            "removed `<script>` and everything inside it",
            "never published from an article",
        ),
        (
            7,
            "removed `<style>` and everything inside it",
            "theme's CSS",
        ),
        (
            9,
            "removed the attribute `onerror` from `<img>`",
            "event attributes",
        ),
        (
            11,
            "removed an `<iframe>` from `tracker.example`",
            "markdown: { iframe_hosts: [\"tracker.example\"] }",
        ),
        (
            13,
            "removed `<object>` and everything inside it",
            "iframe_hosts",
        ),
        (
            14,
            "removed `<embed>` and everything inside it",
            "iframe_hosts",
        ),
        (
            16,
            "removed `<form>` and everything inside it",
            "forms cannot work",
        ),
        (
            18,
            "removed `href` from `<a>`: a `javascript:` address",
            "http(s):, mailto: or tel:",
        ),
        (
            20,
            "removed the attribute `onclick` from `<p>`",
            "event attributes",
        ),
    ];
    for (line, message, hint) in expected {
        let problem = out.problem_at(&file, line);
        assert!(problem.starts_with("warning"), "line {line}:\n{problem}");
        assert!(
            problem.contains(message),
            "line {line}: `{message}`\n{problem}"
        );
        assert_hint(&problem, hint);
    }
    assert!(
        out.stderr.contains(&format!("{file}:9:5")),
        "the column is where the tag starts:\n{}",
        out.stderr
    );
    let in_file = out
        .problems()
        .into_iter()
        .filter(|p| p.contains(&format!("{file}:")))
        .count();
    assert_eq!(
        in_file, 9,
        "one warning per removal (none for what a removed <form> held):\n{}",
        out.stderr
    );

    let page = site.html("vi/tin-tuc/dan-tu-word/index.html");
    assert_eq!(live_script(&page), Vec::<String>::new());
    let body = &select(&page, BODY)[0];
    let body_html = body.html();
    for gone in [
        "alert",
        "iframe",
        "tracker.example",
        "display: none",
        "mat-khau",
        "Gửi",
        "Flash",
    ] {
        assert!(!body_html.contains(gone), "`{gone}` is gone:\n{body_html}");
    }
    // What was harmless stays: the words, the picture, the link's text, the title.
    assert!(text(body).contains("Ảnh đây."), "{body_html}");
    assert_eq!(attrs(&page, &format!("{BODY} img"), "src"), ["x"]);
    assert_eq!(text(&select(&page, &format!("{BODY} a"))[0]), "Bấm");
    assert_eq!(
        attrs(&page, &format!("{BODY} a"), "href"),
        Vec::<String>::new()
    );
    assert_eq!(attr(&page, &format!("{BODY} p[title]"), "title"), "Giữ lại");

    // `check` gives the same warnings, as raw-HTML findings, and exits 0 (1 with --strict).
    let checked = check(&site, &[]);
    checked.assert_code(0);
    for (line, _, _) in expected {
        assert_eq!(
            checked.problem_at(&file, line).lines().next(),
            out.problem_at(&file, line).lines().next(),
            "check and build agree at line {line}"
        );
    }
    check(&site, &["--strict"]).assert_code(1);
    let json = check(&site, &["--format", "json"]);
    let json: Value = serde_json::from_str(&json.stdout).expect("JSON");
    let kinds: Vec<&str> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["file"] == file.as_str() && p["kind"] != "translation")
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["raw-html"; 9]);
}

#[test]
fn raw_html_warnings_come_with_the_errors_of_a_failed_build() {
    let site = site_with("");
    let file = site.article(
        "news/a",
        "vi",
        "A",
        "2023-12-08",
        "",
        "<script>x()</script>\n\n[x](../khong-co/index.vi.md)\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(out.problem_at(&file, 5).starts_with("warning"));
    assert!(out.problem_at(&file, 7).starts_with("error"));
}

#[test]
fn iframes_from_listed_hosts_are_kept_lazy_and_need_a_title() {
    let site = site_with(
        "markdown:\n  iframe_hosts: [\"www.youtube-nocookie.com\", \"WWW.GOOGLE.COM\"]\n",
    );
    // Line 5: a titled video; line 7: a map without a title, already lazy; line 9: a
    // listed host over plain http; line 11: an unlisted host.
    let body = "\
<iframe width=\"560\" height=\"315\" src=\"https://www.youtube-nocookie.com/embed/abc\" title=\"Lễ kết nghĩa\" frameborder=\"0\" allow=\"encrypted-media; picture-in-picture\" referrerpolicy=\"strict-origin-when-cross-origin\" allowfullscreen></iframe>

<iframe src=\"https://www.google.com/maps/embed?pb=1\" width=\"600\" height=\"450\" loading=\"lazy\"></iframe>

<iframe src=\"http://www.google.com/maps/embed?pb=2\" title=\"Bản đồ\"></iframe>

<iframe src=\"https://www.youtube.com/embed/abc\" title=\"Video\"></iframe>
";
    let file = site.article("news/video", "vi", "Video", "2023-12-08", "", body);
    let out = site.build_ok(&[]);
    let page = site.html("vi/tin-tuc/video/index.html");
    let frames = select(&page, &format!("{BODY} iframe"));
    let kept: Vec<(&str, &str)> = frames
        .iter()
        .map(|f| {
            (
                f.value().attr("src").unwrap(),
                f.value().attr("loading").unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        kept,
        [
            ("https://www.youtube-nocookie.com/embed/abc", "lazy"),
            ("https://www.google.com/maps/embed?pb=1", "lazy"),
        ]
    );
    let video = frames[0].value();
    assert_eq!(video.attr("title"), Some("Lễ kết nghĩa"));
    assert!(video.attr("allowfullscreen").is_some());
    assert_eq!(video.attr("width"), Some("560"));

    let untitled = out.problem_at(&file, 7);
    assert!(untitled.starts_with("warning"), "{untitled}");
    assert!(
        untitled.contains("this `<iframe>` has no title"),
        "{untitled}"
    );
    assert_hint(&untitled, "add title=");
    let insecure = out.problem_at(&file, 9);
    assert!(insecure.contains("over http"), "{insecure}");
    assert_hint(&insecure, "https://");
    let unlisted = out.problem_at(&file, 11);
    assert_hint(&unlisted, "iframe_hosts: [\"www.youtube.com\"]");
    assert!(
        !out.stderr.contains(&format!("{file}:5:")),
        "the titled video is fine:\n{}",
        out.stderr
    );
    // `check` warns about the missing title too.
    let checked = check(&site, &[]);
    assert!(
        checked
            .problem_at(&file, 7)
            .contains("this `<iframe>` has no title")
    );
}

#[test]
fn trusted_raw_html_is_published_as_written() {
    let site = site_with("markdown: { raw_html: trusted }\n");
    site.article(
        "news/a",
        "vi",
        "A",
        "2023-12-08",
        "",
        "<script>window.tinhUy = 1;</script>\n\nCó <b onclick=\"dem()\">đậm</b>.\n\n<iframe src=\"https://anywhere.example/\"></iframe>\n",
    );
    let out = site.build_ok(&[]);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    let page = site.html("vi/tin-tuc/a/index.html");
    let scripts = select(&page, &format!("{BODY} script"));
    assert_eq!(scripts.len(), 1);
    assert_eq!(text(&scripts[0]), "window.tinhUy = 1;");
    assert_eq!(attr(&page, &format!("{BODY} b"), "onclick"), "dem()");
    assert_eq!(
        attr(&page, &format!("{BODY} iframe"), "src"),
        "https://anywhere.example/"
    );
}

#[test]
fn markup_articles_need_survives_sanitizing() {
    let site = site_with("");
    site.image("content/news/a/co.png", 8, 6);
    let body = "\
<table class=\"so-lieu\">
<caption>Kim ngạch</caption>
<thead><tr><th scope=\"col\">Năm</th><th scope=\"col\">Triệu USD</th></tr></thead>
<tbody><tr><td>2023</td><td colspan=\"1\">12<sup>*</sup></td></tr></tbody>
</table>

<details open>
<summary>Ghi chú</summary>

Nội dung **Markdown** bên trong, với ảnh:

![Cờ](co.png)

</details>

<p lang=\"lo\" dir=\"ltr\">ສະບາຍດີ <abbr title=\"Ủy ban nhân dân\">UBND</abbr> H<sub>2</sub>O<br>dòng hai</p>

<figure><img src=\"https://cdn.example.gov.vn/a.jpg\" alt=\"Cầu\"><figcaption>Cầu Hữu nghị</figcaption></figure>

<div class=\"ghi-chu\"><span lang=\"en\">Note</span></div>
";
    site.article("news/a", "vi", "A", "2023-12-08", "", body);
    let out = site.build_ok(&[]);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    let page = site.html("vi/tin-tuc/a/index.html");
    let at = |css: &str| select(&page, &format!("{BODY} {css}")).len();
    assert_eq!(at("table.so-lieu > caption"), 1);
    assert_eq!(at("th[scope=col]"), 2);
    assert_eq!(at("td[colspan] sup"), 1);
    assert_eq!(at("details[open] > summary"), 1);
    assert_eq!(
        at("details strong"),
        1,
        "Markdown inside raw HTML is rendered"
    );
    // mekong's own picture markup inside the editor's <details> is untouched.
    let picture = select(&page, &format!("{BODY} details img"));
    assert_eq!(picture.len(), 1);
    for attribute in ["srcset", "sizes", "width", "height", "loading", "decoding"] {
        assert!(
            picture[0].value().attr(attribute).is_some(),
            "the picture keeps `{attribute}`: {}",
            picture[0].html()
        );
    }
    assert_eq!(attr(&page, &format!("{BODY} p[lang=lo]"), "dir"), "ltr");
    assert_eq!(
        attr(&page, &format!("{BODY} abbr"), "title"),
        "Ủy ban nhân dân"
    );
    assert_eq!(at("sub"), 1);
    assert_eq!(at("p[lang=lo] br"), 1);
    assert_eq!(at("figure > figcaption"), 1);
    assert_eq!(at("div.ghi-chu > span[lang=en]"), 1);
}

#[test]
fn front_matter_values_stay_escaped_everywhere() {
    let site = site_with("");
    site.image("content/news/a/bia.png", 1300, 700);
    let title = "</script><script>alert(\"t\")</script> & <b>đậm</b>";
    let summary = "<img src=x onerror=alert(1)> tóm tắt";
    let caption = "\"><script>alert('c')</script>";
    let extra = format!(
        "summary: {}\ncover: {{ src: bia.png, alt: {}, caption: {} }}\ntags: [\"<i>thẻ</i>\"]",
        serde_json::to_string(summary).unwrap(),
        serde_json::to_string("\" onmouseover=\"alert(1)").unwrap(),
        serde_json::to_string(caption).unwrap(),
    );
    site.article("news/a", "vi", title, "2023-12-08", &extra, "Nội dung.");
    site.build_ok(&[]);

    let page = site.html("vi/tin-tuc/a/index.html");
    assert_eq!(live_script(&page), Vec::<String>::new());
    assert!(text(&select(&page, "title")[0]).contains(title));
    assert_eq!(text(&select(&page, "h1")[0]), title);
    assert_eq!(meta_property(&page, "og:title"), [title]);
    assert_eq!(meta_property(&page, "og:description"), [summary]);
    assert_eq!(attr(&page, "meta[name=description]", "content"), summary);
    assert_eq!(text(&select(&page, "figure figcaption")[0]), caption);
    let json_ld = select(&page, "script[type=\"application/ld+json\"]");
    assert_eq!(
        json_ld.len(),
        1,
        "the title does not end the JSON-LD script early"
    );
    let data: Value = serde_json::from_str(&text(&json_ld[0])).expect("JSON-LD parses");
    assert_eq!(data["headline"], title);

    let listing = site.html("vi/tin-tuc/index.html");
    assert_eq!(live_script(&listing), Vec::<String>::new());
    assert!(listing.root_element().text().any(|t| t.contains(title)));
    assert!(listing.root_element().text().any(|t| t.contains(summary)));

    let feed = site.read("vi/atom.xml");
    let xml = roxmltree::Document::parse(&feed).expect("the feed is XML");
    let entry_title = xml
        .descendants()
        .find(|n| n.has_tag_name("entry"))
        .and_then(|entry| entry.children().find(|n| n.has_tag_name("title")))
        .and_then(|t| t.text())
        .unwrap();
    assert_eq!(entry_title, title);
}

#[test]
fn serve_shows_the_sanitizer_s_warnings_and_serves_the_cleaned_page() {
    let site = site_with("");
    let file = site.article(
        "news/a",
        "vi",
        "A",
        "2023-12-08",
        "",
        "<script>alert(1)</script>\n\nChữ.\n",
    );
    let server = site.serve(&[]);
    let at_line = |line: usize| format!("{file}:{line}:");
    assert!(
        server.wait_stderr(SERVE_START, |err| err.contains(&at_line(5))),
        "the first build's warning is shown:\n{}",
        server.stderr()
    );
    let page = "/vi/tin-tuc/a/";
    assert!(!server.get(page).text().contains("alert(1)"));
    // An edit of the body only (the quick rebuild) reports its own warnings too.
    site.article(
        "news/a",
        "vi",
        "A",
        "2023-12-08",
        "",
        "Chữ.\n\n<img src=x onerror=alert(2)>\n",
    );
    assert!(
        server.wait_stderr(SERVE_START, |err| err.contains(&at_line(7))),
        "the edit's warning is shown:\n{}",
        server.stderr()
    );
    let served = server.wait_for(page, "the edited page", SERVE_START, |r| {
        r.text().contains("<img src=\"x\">")
    });
    assert!(!served.text().contains("onerror"));
}
