//! The news archive ("Xem tin theo ngày"): pages for exactly the years, months and days
//! with articles (in the site's time zone), newest first and paginated; month and day
//! names in vi, en and lo; the month calendar on archive pages and articles, its links,
//! and its earlier/later months; "other news" under an article; the archive in the
//! sitemaps; `archive:` in site.yaml.

mod common;

use std::collections::BTreeMap;

use common::*;
use scraper::Html;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// vi news: one June article (dated in UTC the evening before, the 1st in +07:00), three
/// on 5 March 2024, one on 20 January 2024, one on 8 December 2023, and a February
/// draft; en has the first March article and January's; lo the first March article;
/// culture has another vi article on 5 March. `other_news: 2`.
fn fixture() -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        &format!("{SITE_YAML}timezone: \"+07:00\"\nlistings: {{ other_news: 2 }}\n"),
    );
    for (lang, title, slug) in [
        ("vi", "Tin tức", "tin-tuc"),
        ("en", "News", "news"),
        ("lo", "ຂ່າວ", "ຂ່າວ"),
    ] {
        site.section("news", lang, title, slug);
    }
    site.section("culture", "vi", "Văn hoá", "van-hoa");
    site.article(
        "news/june",
        "vi",
        "Tháng Sáu",
        "2024-05-31T20:00:00+00:00",
        "",
        "Nội dung.",
    );
    site.article(
        "news/a1",
        "vi",
        "Sáng ngày năm",
        "2024-03-05T08:00:00",
        "",
        "Nội dung.",
    );
    site.article(
        "news/a1",
        "en",
        "Morning of the fifth",
        "2024-03-05T08:00:00",
        "",
        "Text.",
    );
    site.article(
        "news/a1",
        "lo",
        "ເຊົ້າວັນທີຫ້າ",
        "2024-03-05T08:00:00",
        "",
        "ເນື້ອໃນ.",
    );
    site.article(
        "news/a2",
        "vi",
        "Trưa ngày năm",
        "2024-03-05T12:00:00",
        "",
        "Nội dung.",
    );
    site.article(
        "news/a3",
        "vi",
        "Chiều ngày năm",
        "2024-03-05T17:00:00",
        "",
        "Nội dung.",
    );
    site.article("news/b", "vi", "Tháng Giêng", "2024-01-20", "", "Nội dung.");
    site.article("news/b", "en", "January", "2024-01-20", "", "Text.");
    site.article("news/c", "vi", "Tháng Chạp", "2023-12-08", "", "Nội dung.");
    site.article(
        "news/draft",
        "vi",
        "Bản nháp",
        "2024-02-10",
        "draft: true",
        "Nháp.",
    );
    site.article(
        "culture/fest",
        "vi",
        "Lễ hội",
        "2024-03-05T09:00:00",
        "",
        "Nội dung.",
    );
    site
}

fn built() -> Site {
    let site = fixture();
    site.build_ok(&[]);
    site
}

/// The titles of the cards a listing page shows, in order.
fn card_titles(html: &Html) -> Vec<String> {
    select(html, ".cards .card-title")
        .iter()
        .map(text)
        .collect()
}

/// `(day, href)` of every linked day of the page's calendar, and the number of days.
fn calendar_links(html: &Html) -> (Vec<(String, String)>, usize) {
    let links = select(html, ".calendar-month tbody td a")
        .iter()
        .map(|a| {
            (
                text(a),
                a.value().attr("href").unwrap_or_default().to_string(),
            )
        })
        .collect();
    let days = select(html, ".calendar-month tbody td")
        .iter()
        .filter(|td| !text(td).is_empty())
        .count();
    (links, days)
}

/// html5ever's parse errors: a page must have none.
fn assert_parses(site: &Site, rel: &str) {
    let html = site.html(rel);
    assert!(
        html.errors.is_empty(),
        "{rel} has HTML parse errors: {:?}",
        html.errors
    );
}

#[test]
fn years_months_and_days_with_articles_have_pages_and_no_others() {
    let site = built();
    for rel in [
        "vi/luu-tru/index.html",
        "vi/luu-tru/2024/index.html",
        "vi/luu-tru/2024/03/index.html",
        "vi/luu-tru/2024/03/05/index.html",
        "vi/luu-tru/2024/01/20/index.html",
        "vi/luu-tru/2023/12/08/index.html",
        // 20:00 UTC on 31 May is 03:00 on 1 June in the site's time zone.
        "vi/luu-tru/2024/06/01/index.html",
        "en/archive/2024/03/05/index.html",
        "en/archive/2024/01/20/index.html",
        "lo/ຄັງຂ່າວ/2024/03/05/index.html",
    ] {
        assert!(site.exists(rel), "{rel} missing:\n{}", site.listing());
        assert_parses(&site, rel);
    }
    for rel in [
        "vi/luu-tru/2024/02/index.html",    // only a draft
        "vi/luu-tru/2024/02/10/index.html", // only a draft
        "vi/luu-tru/2024/05/index.html",    // the UTC day of the June article
        "vi/luu-tru/2024/05/31/index.html",
        "vi/luu-tru/2024/04/index.html",
        "vi/luu-tru/2024/03/06/index.html",
        "en/archive/2023/index.html", // no English article in 2023
        "lo/ຄັງຂ່າວ/2024/01/index.html",
    ] {
        assert!(!site.exists(rel), "{rel} published for an empty period");
    }
}

#[test]
fn archive_pages_list_their_articles_newest_first_and_paginate() {
    let site = built();
    // paginate: 2
    let day = site.html("vi/luu-tru/2024/03/05/index.html");
    assert_eq!(card_titles(&day), ["Chiều ngày năm", "Trưa ngày năm"]);
    // Every section's articles of the day: the culture one too.
    let day2 = site.html("vi/luu-tru/2024/03/05/page/2/index.html");
    assert_eq!(card_titles(&day2), ["Lễ hội", "Sáng ngày năm"]);
    assert!(!site.exists("vi/luu-tru/2024/03/05/page/3/index.html"));
    // The year lists every vi article of 2024 but the draft.
    let mut year = Vec::new();
    for rel in [
        "vi/luu-tru/2024/index.html",
        "vi/luu-tru/2024/page/2/index.html",
        "vi/luu-tru/2024/page/3/index.html",
    ] {
        year.extend(card_titles(&site.html(rel)));
    }
    assert_eq!(
        year,
        [
            "Tháng Sáu",
            "Chiều ngày năm",
            "Trưa ngày năm",
            "Lễ hội",
            "Sáng ngày năm",
            "Tháng Giêng"
        ]
    );
    assert!(!site.exists("vi/luu-tru/2024/page/4/index.html"));
    let en = site.html("en/archive/2024/03/index.html");
    assert_eq!(card_titles(&en), ["Morning of the fifth"]);
    // The root lists years and their months, newest first.
    let root = site.html("vi/luu-tru/index.html");
    let years: Vec<String> = select(&root, ".archive-years > li > h2 > a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(years, ["Năm 2024", "Năm 2023"]);
    let months: Vec<String> = select(&root, ".archive-years .term-name")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        months,
        [
            "Tháng 6 năm 2024",
            "Tháng 3 năm 2024",
            "Tháng 1 năm 2024",
            "Tháng 12 năm 2023"
        ]
    );
}

#[test]
fn month_and_day_names_are_in_each_language() {
    let site = built();
    let h1 = |rel: &str| text(&select(&site.html(rel), "h1")[0]);
    assert_eq!(h1("vi/luu-tru/2024/03/index.html"), "Tháng 3 năm 2024");
    assert_eq!(h1("en/archive/2024/03/index.html"), "March 2024");
    assert_eq!(h1("lo/ຄັງຂ່າວ/2024/03/index.html"), "ມີນາ 2024");
    assert_eq!(h1("vi/luu-tru/2024/03/05/index.html"), "Thứ Ba, 05/03/2024");
    assert_eq!(
        h1("en/archive/2024/03/05/index.html"),
        "Tuesday, 5 March 2024"
    );
    let lo_day = h1("lo/ຄັງຂ່າວ/2024/03/05/index.html");
    assert!(
        lo_day.contains("ອັງຄານ") && lo_day.contains("ມີນາ"),
        "Lao day: {lo_day}"
    );
    assert_eq!(h1("vi/luu-tru/2024/index.html"), "Năm 2024");
    assert_eq!(h1("lo/ຄັງຂ່າວ/index.html"), "ເບິ່ງຂ່າວຕາມວັນທີ");
    // Weekday headers, Monday first, with their full names.
    for (rel, monday, sunday) in [
        ("vi/luu-tru/2024/03/index.html", "Thứ Hai", "Chủ Nhật"),
        ("en/archive/2024/03/index.html", "Monday", "Sunday"),
        ("lo/ຄັງຂ່າວ/2024/03/index.html", "ວັນຈັນ", "ວັນອາທິດ"),
    ] {
        let html = site.html(rel);
        let full = attrs(&html, ".calendar-month th abbr", "title");
        assert_eq!(full.len(), 7, "{rel}: seven weekday headers");
        assert_eq!(
            (full[0].as_str(), full[6].as_str()),
            (monday, sunday),
            "{rel}"
        );
    }
}

#[test]
fn the_calendar_is_a_table_linking_exactly_the_days_with_articles() {
    let site = built();
    let html = site.html("vi/luu-tru/2024/03/index.html");
    let tables = select(&html, "table.calendar-month");
    assert_eq!(tables.len(), 1, "one calendar");
    assert_eq!(
        text(&select(&html, ".calendar-month caption")[0]),
        "Tháng 3 năm 2024"
    );
    assert_eq!(
        select(&html, ".calendar-month thead th[scope=\"col\"]").len(),
        7
    );
    let (links, days) = calendar_links(&html);
    assert_eq!(days, 31, "March has 31 days");
    assert_eq!(
        links,
        [("5".to_string(), "/vi/luu-tru/2024/03/05/".to_string())]
    );
    // 1 March 2024 is a Friday: four empty cells lead the first week.
    let first_week: Vec<String> = select(&html, ".calendar-month tbody tr:first-child td")
        .iter()
        .map(text)
        .collect();
    assert_eq!(first_week, ["", "", "", "", "1", "2", "3"]);
    // Each linked day leads to a page.
    for (_, href) in &links {
        assert!(site.url_exists(href), "{href}");
    }
    // An article's page shows its month, its own day marked.
    let article = site.html("vi/tin-tuc/a1/index.html");
    let (links, _) = calendar_links(&article);
    assert_eq!(
        links,
        [("5".to_string(), "/vi/luu-tru/2024/03/05/".to_string())]
    );
    assert_eq!(
        attr(&article, ".calendar-month a[aria-current]", "aria-current"),
        "date"
    );
    let january = site.html("en/news/b/index.html");
    let (links, days) = calendar_links(&january);
    assert_eq!(days, 31);
    assert_eq!(
        links,
        [("20".to_string(), "/en/archive/2024/01/20/".to_string())]
    );
    assert_parses(&site, "vi/tin-tuc/a1/index.html");
}

#[test]
fn earlier_and_later_month_links_skip_months_without_articles() {
    let site = built();
    let months = |rel: &str| {
        let html = site.html(rel);
        let href = |css: &str| attrs(&html, css, "href").into_iter().next();
        (href(".calendar-earlier a"), href(".calendar-later a"))
    };
    assert_eq!(
        months("vi/luu-tru/2024/03/index.html"),
        (
            Some("/vi/luu-tru/2024/01/".into()),
            Some("/vi/luu-tru/2024/06/".into())
        ),
        "February holds only a draft, April and May nothing"
    );
    assert_eq!(
        months("vi/luu-tru/2024/01/20/index.html"),
        (
            Some("/vi/luu-tru/2023/12/".into()),
            Some("/vi/luu-tru/2024/03/".into())
        )
    );
    assert_eq!(
        months("vi/luu-tru/2023/12/index.html"),
        (None, Some("/vi/luu-tru/2024/01/".into()))
    );
    assert_eq!(
        months("vi/luu-tru/2024/06/01/index.html"),
        (Some("/vi/luu-tru/2024/03/".into()), None)
    );
    assert_eq!(months("lo/ຄັງຂ່າວ/2024/03/index.html"), (None, None));
    let html = site.html("vi/luu-tru/2024/03/index.html");
    assert_eq!(
        text(&select(&html, ".calendar-earlier a")[0]),
        "‹ Tháng 1 năm 2024"
    );
}

#[test]
fn other_news_lists_the_articles_next_to_it_by_date_in_its_section() {
    let site = built();
    let other = |rel: &str| -> Vec<String> {
        select(&site.html(rel), ".other-news-list a")
            .iter()
            .map(text)
            .collect()
    };
    // vi news, newest first: June, a3, a2, a1, b, c; `other_news: 2`.
    assert_eq!(
        other("vi/tin-tuc/a1/index.html"),
        ["Trưa ngày năm", "Tháng Giêng"]
    );
    assert_eq!(
        other("vi/tin-tuc/june/index.html"),
        ["Chiều ngày năm", "Trưa ngày năm"]
    );
    assert_eq!(
        other("vi/tin-tuc/c/index.html"),
        ["Sáng ngày năm", "Tháng Giêng"]
    );
    // The culture article of the same day is another section's; the only one there.
    assert!(other("vi/van-hoa/fest/index.html").is_empty());
    assert_eq!(other("en/news/a1/index.html"), ["January"]);
    let html = site.html("vi/tin-tuc/a1/index.html");
    assert_eq!(
        text(&select(&html, "#other-news-heading")[0]),
        "Các tin khác"
    );
}

/// hreflang → href of each `<url>` of a sitemap, by `<loc>`.
fn sitemap(site: &Site, rel: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let text = site.read(rel);
    let doc = roxmltree::Document::parse(&text).expect("a sitemap parses");
    doc.root_element()
        .children()
        .filter(|c| c.has_tag_name((SITEMAP_NS, "url")))
        .map(|url| {
            let loc = url
                .children()
                .find(|c| c.has_tag_name((SITEMAP_NS, "loc")))
                .and_then(|c| c.text())
                .unwrap_or_default()
                .to_string();
            let alternates = url
                .children()
                .filter(|c| c.tag_name().name() == "link")
                .map(|l| {
                    (
                        l.attribute("hreflang").unwrap_or_default().to_string(),
                        l.attribute("href").unwrap_or_default().to_string(),
                    )
                })
                .collect();
            (loc, alternates)
        })
        .collect()
}

#[test]
fn archive_pages_are_in_the_sitemaps_with_alternates_where_the_period_has_articles() {
    let site = built();
    let vi = sitemap(&site, "vi/sitemap.xml");
    let lo_day = format!("{BASE_URL}/lo/{}/2024/03/05/", encode("ຄັງຂ່າວ"));
    let day = &vi[&format!("{BASE_URL}/vi/luu-tru/2024/03/05/")];
    assert_eq!(
        day.get("en").map(String::as_str),
        Some(format!("{BASE_URL}/en/archive/2024/03/05/").as_str())
    );
    assert_eq!(day.get("lo"), Some(&lo_day));
    let january = &vi[&format!("{BASE_URL}/vi/luu-tru/2024/01/20/")];
    assert!(
        january.contains_key("en") && !january.contains_key("lo"),
        "{january:?}"
    );
    let december = &vi[&format!("{BASE_URL}/vi/luu-tru/2023/12/")];
    assert!(
        !december.contains_key("en") && !december.contains_key("lo"),
        "{december:?}"
    );
    for loc in ["", "2024/", "2024/06/01/", "2023/12/08/"] {
        assert!(
            vi.contains_key(&format!("{BASE_URL}/vi/luu-tru/{loc}")),
            "{loc} not in the vi sitemap"
        );
    }
    assert!(
        !vi.keys()
            .any(|loc| loc.contains("/luu-tru/") && loc.contains("/page/")),
        "later pages are left out"
    );
    let lo = sitemap(&site, "lo/sitemap.xml");
    assert_eq!(
        lo[&lo_day].get("vi").map(String::as_str),
        Some(format!("{BASE_URL}/vi/luu-tru/2024/03/05/").as_str())
    );
    // The page's own head agrees.
    let html = site.html("vi/luu-tru/2024/01/20/index.html");
    let langs: Vec<String> = alternates(&html).into_iter().map(|(l, _)| l).collect();
    assert_eq!(langs, ["vi", "en", "x-default"]);
}

#[test]
fn the_archive_folder_is_set_per_language_or_turned_off() {
    let site = fixture();
    site.file(
        "site.yaml",
        &format!("{SITE_YAML}archive: {{ vi: tin-theo-ngay, en: by-date }}\n"),
    );
    site.build_ok(&[]);
    assert!(site.exists("vi/tin-theo-ngay/2024/03/05/index.html"));
    assert!(site.exists("en/by-date/2024/03/05/index.html"));
    assert!(
        site.exists("lo/ຄັງຂ່າວ/2024/03/05/index.html"),
        "lo keeps its default"
    );
    assert!(!site.exists("vi/luu-tru/index.html"));

    site.file("site.yaml", &format!("{SITE_YAML}archive: false\n"));
    site.build_ok(&[]);
    assert!(!site.exists("vi/luu-tru/index.html"));
    let article = site.html("vi/tin-tuc/a1/index.html");
    assert!(
        select(&article, ".calendar").is_empty(),
        "no calendar without an archive"
    );
    assert!(
        !select(&article, ".other-news-list").is_empty(),
        "other news stays"
    );
}

#[test]
fn a_bad_archive_folder_is_an_error_at_its_line() {
    let site = fixture();
    // SITE_YAML has 7 lines; the archive's settings are on lines 8 to 10.
    site.file(
        "site.yaml",
        &format!("{SITE_YAML}archive:\n  vi: \"tin/ngay\"\n  fr: archives\n"),
    );
    let out = site.build(&[]);
    out.assert_code(1);
    let problem = out.problem_at("site.yaml", 9);
    assert_hint(&problem, "one folder name");
    let problem = out.problem_at("site.yaml", 10);
    assert!(problem.contains("`fr`"), "{problem}");
}

/// The calendar partial is rendered once per month, language and marked day, and each
/// page takes the one it shows: its own language, its own day marked.
#[test]
fn each_page_shows_the_calendar_partial_made_for_its_month_language_and_day() {
    let site = fixture();
    site.file(
        "templates/partials/calendar.html",
        "{%- if calendar %}<div class=\"cal\" data-lang=\"{{ lang }}\" \
         data-marked=\"{% for week in calendar.weeks %}{% for cell in week %}\
         {% if cell and cell.current %}{{ cell.day }}{% endif %}{% endfor %}{% endfor %}\">\
         {{ calendar.caption }}|{{ site.title }}|{{ t(key=\"archive-title\") }}</div>{% endif %}",
    );
    site.build_ok(&[]);
    let shown = |rel: &str| -> Vec<(String, String, String)> {
        let html = site.html(rel);
        select(&html, "div.cal")
            .iter()
            .map(|div| {
                let attr = |name| div.value().attr(name).unwrap_or_default().to_string();
                (attr("data-lang"), attr("data-marked"), text(div))
            })
            .collect()
    };
    let march = |marked: &str| {
        vec![(
            "vi".to_string(),
            marked.to_string(),
            "Tháng 3 năm 2024|Cổng thông tin đối ngoại|Xem tin theo ngày".to_string(),
        )]
    };
    assert_eq!(shown("vi/tin-tuc/a1/index.html"), march("5"));
    assert_eq!(shown("vi/tin-tuc/a2/index.html"), march("5"));
    assert_eq!(shown("vi/luu-tru/2024/03/05/index.html"), march("5"));
    assert_eq!(shown("vi/luu-tru/2024/03/index.html"), march(""));
    assert_eq!(
        shown("vi/tin-tuc/june/index.html")[0].1,
        "1",
        "the 1st in +07:00"
    );
    let january = shown("en/news/b/index.html");
    assert_eq!(january.len(), 1);
    assert_eq!(january[0].0, "en");
    assert_eq!(january[0].1, "20");
    assert!(
        january[0].2 == "January 2024|External Information Portal|News by date",
        "{:?}",
        january[0].2
    );
    // The archive's root shows the newest month, no day marked; a section none.
    assert_eq!(
        shown("vi/luu-tru/index.html"),
        [(
            "vi".to_string(),
            String::new(),
            "Tháng 6 năm 2024|Cổng thông tin đối ngoại|Xem tin theo ngày".to_string()
        )]
    );
    assert!(shown("vi/tin-tuc/index.html").is_empty());
}
