//! Live reload in a real browser: headless Chromium (Debian's, installed by
//! `tests/setup/chromium.sh`) driven over the DevTools protocol opens a served article;
//! the test then only edits files and watches the open tab follow: new text without
//! navigating, the scroll position kept, the error overlay over the old content, the
//! overlay gone after the fix, and a stylesheet swapped without a reload.

mod common;

use std::time::Duration;

use common::chromium::{Chromium, FOLLOW, Tab, js};
use common::*;
use serde_json::json;

const BUNDLE: &str = "content/news/hoi-cho/index.vi.md";
const PAGE: &str = "/vi/tin-tuc/hoi-cho/";

/// A long article, so that the page can be scrolled.
fn fair(extra_sentence: &str) -> String {
    let mut body = String::new();
    for n in 1..=60 {
        body.push_str(&format!(
            "Đoạn {n}: hội chợ thương mại biên giới thu hút doanh nghiệp hai nước.\n\n"
        ));
    }
    body.push_str(extra_sentence);
    article("Hội chợ thương mại biên giới", "2024-03-02", "", &body)
}

#[test]
fn an_open_tab_follows_edits_errors_and_stylesheets_without_navigating() {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site.file(BUNDLE, &fair("Câu cuối ban đầu."));
    site.file(
        "static/css/site.css",
        "body { border-top: 3px solid rgb(1, 2, 3); }\n",
    );
    site.article(
        "news/hoi-cho",
        "en",
        "Border trade fair",
        "2024-03-02",
        "",
        "About the fair.",
    );
    let server = site.serve(&[]);
    let browser = Chromium::launch();
    // A second tab on a page the edits below do not change.
    let mut other = Tab::open(&browser);
    other.navigate(&server.url("/en/news/hoi-cho/"));
    other.eval("window.__marker = 'other'");
    let mut tab = Tab::open(&browser);
    tab.navigate(&server.url(PAGE));
    let body_text = "document.body.innerText";
    tab.wait_true(
        &format!("{body_text}.includes('Câu cuối ban đầu.')"),
        FOLLOW,
        "the article",
        body_text,
    );

    // 1. An edit to the Markdown shows up in the open tab, at the same scroll position.
    let scrolled = tab
        .eval("window.scrollTo(0, 900); window.__marker = 1; window.scrollY")
        .and_then(|v| v.as_f64())
        .expect("scroll the page");
    assert!(scrolled > 800.0, "the page scrolls (scrollY {scrolled})");
    tab.clear_events();
    let added = "Câu mới: hai tỉnh ký biên bản ghi nhớ.";
    site.file(BUNDLE, &fair(added));
    tab.wait_true(
        &format!("{body_text}.includes({})", js(added)),
        FOLLOW,
        "the new sentence",
        body_text,
    );
    // The tab reloaded by itself (the marker is gone) and kept its place.
    assert_eq!(
        tab.eval("typeof window.__marker"),
        Some(json!("undefined")),
        "the new text arrived by a reload"
    );
    tab.wait_true(
        "Math.abs(window.scrollY - 900) < 50",
        Duration::from_secs(3),
        "the scroll position kept",
        "window.scrollY",
    );
    tab.wait_live_socket();
    assert_eq!(
        other.eval("window.__marker"),
        Some(json!("other")),
        "a tab showing a page the edit did not change must not reload"
    );

    // 2. A broken edit: the overlay names the file, the old article stays under it.
    tab.eval("window.__marker = 7");
    site.file(
        BUNDLE,
        "---\ntitle: \"Hội chợ\"\ndate: 2024-03-02\ntittle: \"x\"\n---\nNội dung hỏng.\n",
    );
    let overlay = "document.getElementById('mekong-overlay')";
    tab.wait_true(
        &format!("!!{overlay} && {overlay}.innerText.includes('content/news/hoi-cho/index.vi.md')"),
        FOLLOW,
        "the error overlay naming the file",
        &format!("{overlay} && {overlay}.innerText"),
    );
    assert_eq!(
        tab.eval(&format!(
            "document.querySelector('.article-body').innerText.includes({})",
            js(added)
        )),
        Some(json!(true)),
        "the last good article stays in the page under the overlay"
    );
    assert_eq!(
        tab.eval(&format!("{body_text}.includes('Nội dung hỏng.')")),
        Some(json!(false)),
        "the broken text is not shown as the article"
    );
    assert_eq!(
        tab.eval("window.__marker"),
        Some(json!(7)),
        "an error does not reload"
    );

    // 3. The fix (back to the last good text) clears the overlay by itself.
    site.file(BUNDLE, &fair(added));
    tab.wait_true(
        &format!("{overlay} === null"),
        FOLLOW,
        "the overlay cleared",
        &format!("{overlay} && {overlay}.innerText"),
    );

    // 4. A CSS-only change swaps the stylesheet without a reload.
    tab.eval("window.__marker = 42");
    let stylesheet = "document.querySelector('link[rel=\"stylesheet\"]').href";
    let before = tab.eval(stylesheet).expect("a stylesheet link");
    let border = "getComputedStyle(document.body).borderTopColor";
    assert_eq!(tab.eval(border), Some(json!("rgb(1, 2, 3)")));
    site.file(
        "static/css/site.css",
        "body { border-top: 3px solid rgb(4, 5, 6); }\n",
    );
    tab.wait_true(
        &format!("{border} === 'rgb(4, 5, 6)'"),
        FOLLOW,
        "the new stylesheet applied",
        border,
    );
    assert_eq!(
        tab.eval("window.__marker"),
        Some(json!(42)),
        "a CSS-only change must not reload the page"
    );
    let after = tab.eval(stylesheet).expect("a stylesheet link");
    assert_ne!(after, before, "the stylesheet link got a new address");
    assert!(
        after.as_str().is_some_and(|href| href.contains('?')),
        "the stylesheet link carries a new query: {after}"
    );
}
