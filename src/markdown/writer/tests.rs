//! The writer's tests: raw HTML kept for the sanitizer, and mentions becoming links.

use crate::config::MarkdownSettings;
use crate::markdown::tests::{keep_all, render_keep, trusted};
use crate::markdown::{ProblemKind, RefKind, Reference, Resolution, render};

#[test]
fn allowed_raw_html_survives_sanitizing() {
    let r = render_keep("<div class=\"note\">Chú ý</div>\n\nCó <b>đậm</b>.\n");
    assert!(
        r.html.contains("<div class=\"note\">Chú ý</div>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<p>Có <b>đậm</b>.</p>"));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn trusted_raw_html_passes_as_written() {
    let md = "<script>chay()</script>\n\nCó <b onclick=\"x()\">đậm</b>.\n";
    let r = render(md, 1, &trusted(), &mut keep_all);
    assert_eq!(
        r.html,
        "<script>chay()</script>\n<p>Có <b onclick=\"x()\">đậm</b>.</p>\n"
    );
    assert!(r.problems.is_empty());
}

#[test]
fn raw_html_around_markdown_keeps_its_shape_and_mekong_s_markup() {
    let md = "\
<details lang=\"lo\">
<summary>Xem thêm</summary>

**Đậm** và [liên kết](../a/index.vi.md), ảnh ![Cờ](co.png).

</details>

Một <abbr title=\"Ủy ban nhân dân\">UBND</abbr> và H<sub>2</sub>O.[^1]

[^1]: Chú thích <span class=\"x\" style=\"color:red\">đỏ</span>.
";
    let mut resolve = |r: &Reference| {
        match r.kind {
        RefKind::Image => Resolution::Html(
            "<img srcset=\"/img/co-480.webp 480w\" sizes=\"100vw\" width=\"8\" height=\"6\" loading=\"lazy\" decoding=\"async\" alt=\"Cờ\">".into(),
        ),
        RefKind::Link => Resolution::Rewrite("/vi/a/".into()),
    }
    };
    let r = render(md, 1, &MarkdownSettings::default(), &mut resolve);
    assert_eq!(
        r.html,
        "\
<details lang=\"lo\">
<summary>Xem thêm</summary>
<p><strong>Đậm</strong> và <a href=\"/vi/a/\">liên kết</a>, ảnh <img srcset=\"/img/co-480.webp 480w\" sizes=\"100vw\" width=\"8\" height=\"6\" loading=\"lazy\" decoding=\"async\" alt=\"Cờ\">.</p>
</details>
<p>Một <abbr title=\"Ủy ban nhân dân\">UBND</abbr> và H<sub>2</sub>O.<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup></p>
<div class=\"footnotes\" role=\"doc-endnotes\">
<div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>
<p>Chú thích <span class=\"x\">đỏ</span>.</p>
</div>
</div>
"
    );
    let found: Vec<(usize, usize, ProblemKind)> = r
        .problems
        .iter()
        .map(|p| (p.line, p.column, p.kind))
        .collect();
    // The style attribute, where the footnote's <span> was written.
    assert_eq!(found, [(10, 17, ProblemKind::RawHtml)]);
}

#[test]
fn inline_raw_html_split_over_events_is_judged_as_one() {
    let settings = MarkdownSettings {
        iframe_hosts: vec!["www.google.com".into()],
        ..MarkdownSettings::default()
    };
    let md = "\
Bản đồ: <iframe src=\"https://www.google.com/maps/embed?pb=1\"></iframe> và
thêm <iframe src=\"https://tracker.example/x\">dự phòng</iframe>, <script>alert(1)</script> hết.

| Cột | Số |
|:--|--:|
| <b>a</b> | <img src=x onerror=alert(1)> |
";
    let r = render(md, 3, &settings, &mut keep_all);
    assert_eq!(
        r.html,
        "\
<p>Bản đồ: <iframe loading=\"lazy\" src=\"https://www.google.com/maps/embed?pb=1\"></iframe> và
thêm ,  hết.</p>
<table><thead><tr><th style=\"text-align: left\">Cột</th><th style=\"text-align: right\">Số</th></tr></thead><tbody>
<tr><td style=\"text-align: left\"><b>a</b></td><td style=\"text-align: right\"><img src=\"x\"></td></tr>
</tbody></table>
"
    );
    let found: Vec<(usize, usize, &str)> = r
        .problems
        .iter()
        .map(|p| (p.line, p.column, p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, 9, "this `<iframe>` has no title"),
            (4, 6, "removed an `<iframe>` from `tracker.example`"),
            (4, 65, "removed `<script>` and everything inside it"),
            (8, 14, "removed the attribute `onerror` from `<img>`"),
        ]
    );
}

#[test]
fn raw_html_in_a_block_quote_is_located_at_its_line() {
    let r = render_keep("Trước.\n\n> <div>\n> <img src=a.png onerror=x()>\n> </div>\n");
    assert!(!r.html.contains("onerror"), "{}", r.html);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].line, 4, "{:?}", r.problems);
}

#[test]
fn mentions_become_links_in_running_text_only_and_may_wrap() {
    use crate::markdown::{Mention, MentionLink, Mentions, render_with_mentions};
    use crate::mentions::LanguageFinder;
    let finder = LanguageFinder::new("vi", "{kind} số {number}", &[("Kế hoạch".into(), 0)]);
    let md = "Theo Kế hoạch\nsố 1-KH/TU và `Kế hoạch số 1-KH/TU`.\n\n\
              ## Kế hoạch số 1-KH/TU\n\n\
              [Kế hoạch số 1-KH/TU](/x/) và Kế hoạch số 9-KH/TU.\n";
    let mut seen = Vec::new();
    let mut link = |m: &Mention| {
        seen.push((m.number.to_string(), m.line, m.column));
        (m.number == "1-KH/TU").then(|| MentionLink {
            url: "/vi/van-ban/kh-1/".into(),
            lang: None,
        })
    };
    let mut resolve = keep_all;
    let r = render_with_mentions(
        md,
        5,
        &MarkdownSettings::default(),
        &mut resolve,
        Some(Mentions {
            finder: &finder,
            link: &mut link,
        }),
    );
    assert!(
        r.html.starts_with(
            "<p>Theo <a class=\"mention\" href=\"/vi/van-ban/kh-1/\">Kế hoạch\nsố 1-KH/TU</a> và <code>"
        ),
        "{}",
        r.html
    );
    assert_eq!(r.html.matches("class=\"mention\"").count(), 1, "{}", r.html);
    assert!(r.html.contains("Kế hoạch số 9-KH/TU."), "{}", r.html);
    // Only running text is looked at: the code span, heading and link are not.
    assert_eq!(
        seen,
        [
            ("1-KH/TU".to_string(), 5, 6),
            ("9-KH/TU".to_string(), 10, 31)
        ]
    );
}

/// Renders `md` with `1-KH/TU` linked (to its English version when `lang`), and
/// returns the HTML and where each mention was found.
fn linked(md: &str, lang: Option<&str>) -> (String, Vec<(usize, usize)>) {
    use crate::markdown::{Mention, MentionLink, Mentions, render_with_mentions};
    use crate::mentions::LanguageFinder;
    let finder = LanguageFinder::new("vi", "{kind} số {number}", &[("Kế hoạch".into(), 0)]);
    let mut seen = Vec::new();
    let mut link = |m: &Mention| {
        seen.push((m.line, m.column));
        (m.number == "1-KH/TU").then(|| MentionLink {
            url: "/d/".into(),
            lang: lang.map(str::to_string),
        })
    };
    let mut resolve = keep_all;
    let r = render_with_mentions(
        md,
        1,
        &MarkdownSettings::default(),
        &mut resolve,
        Some(Mentions {
            finder: &finder,
            link: &mut link,
        }),
    );
    (r.html, seen)
}

#[test]
fn a_mention_partly_emphasised_is_one_link_and_elements_nest() {
    let cases = [
        (
            "Theo Kế hoạch số **1-KH/TU** nay.",
            "<p>Theo <a class=\"mention\" href=\"/d/\">Kế hoạch số <strong>1-KH/TU</strong></a> nay.</p>\n",
        ),
        (
            "Theo *Kế hoạch* số 1-KH/TU nay.",
            "<p>Theo <a class=\"mention\" href=\"/d/\"><em>Kế hoạch</em> số 1-KH/TU</a> nay.</p>\n",
        ),
        (
            "**Theo Kế hoạch** số 1-KH/TU.",
            "<p><strong>Theo </strong><a class=\"mention\" href=\"/d/\"><strong>Kế hoạch</strong> số 1-KH/TU</a>.</p>\n",
        ),
        (
            "Theo Kế hoạch số 1-KH/**TU nay**.",
            "<p>Theo <a class=\"mention\" href=\"/d/\">Kế hoạch số 1-KH/<strong>TU</strong></a><strong> nay</strong>.</p>\n",
        ),
        (
            "**Kế hoạch số 1-KH/TU**",
            "<p><a class=\"mention\" href=\"/d/\"><strong>Kế hoạch số 1-KH/TU</strong></a></p>\n",
        ),
        (
            "Theo Kế hoạch số\\\n1-KH/TU.",
            "<p>Theo <a class=\"mention\" href=\"/d/\">Kế hoạch số<br />\n1-KH/TU</a>.</p>\n",
        ),
    ];
    for (md, html) in cases {
        assert_eq!(linked(md, None).0, html, "{md}");
    }
    let (html, seen) = linked("Xem *Kế hoạch số* **1-KH/TU**.", Some("vi"));
    assert_eq!(
        html,
        "<p>Xem <a class=\"mention\" href=\"/d/\" hreflang=\"vi\"><em>Kế hoạch số</em> <strong>1-KH/TU</strong></a> <span class=\"lang-marker\">(vi)</span>.</p>\n"
    );
    assert_eq!(seen, [(1, 6)], "the mention is placed where it starts");
}

#[test]
fn emphasis_without_mentions_is_written_as_it_came() {
    let md = "A *b* **c `d` e** ~~f~~ Kế hoạch số 9-KH/TU.";
    let (html, seen) = linked(md, None);
    assert_eq!(
        html,
        "<p>A <em>b</em> <strong>c <code>d</code> e</strong> <del>f</del> Kế hoạch số 9-KH/TU.</p>\n"
    );
    assert_eq!(seen, [(1, 25)]);
}
