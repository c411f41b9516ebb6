//! The official documents registry: document pages (metadata table, files, the
//! original's file on a translation), the registry listing and its filter pages by
//! kind, issuer and year (paginated, newest first), schema.org `Legislation` JSON-LD,
//! `/LANG/<registry>/index.json`, and bad `document:` blocks reported at their lines.

mod common;

use common::*;
use scraper::Html;

/// vi registry `van-ban` (en `documents`, lo `ເອກະສານ`) with three documents:
/// 127-KH/TU (Tỉnh ủy, 2023-11-02, vi and en, one PDF), 2500/KH-UBND (UBND tỉnh,
/// 2023-12-04, vi only, PDF and DOCX, replaced by a number nobody has) and
/// 30/2022/QĐ-UBND (UBND tỉnh, 2022-05-10, vi and lo). `paginate: 2`.
fn fixture() -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        &format!("{SITE_YAML}documents:\n  section: van-ban\n  issuers: [tinh-uy, ubnd-tinh]\n"),
    );
    for (lang, tinh_uy, ubnd) in [
        ("vi", "Tỉnh ủy", "Ủy ban nhân dân tỉnh"),
        (
            "en",
            "Provincial Party Committee",
            "Provincial People's Committee",
        ),
        ("lo", "ຄະນະພັກແຂວງ", "ຄະນະກຳມະການປະຊາຊົນແຂວງ"),
    ] {
        site.file(
            &format!("i18n/{lang}.ftl"),
            &format!("document-issuer-tinh-uy = {tinh_uy}\ndocument-issuer-ubnd-tinh = {ubnd}\n"),
        );
    }
    for (lang, title, slug) in [
        ("vi", "Văn bản", "van-ban"),
        ("en", "Documents", "documents"),
        ("lo", "ເອກະສານ", "ເອກະສານ"),
    ] {
        site.section("van-ban", lang, title, slug);
    }
    site.article(
        "van-ban/kh-127",
        "vi",
        "Kế hoạch thực hiện Kết luận số 57-KL/TW",
        "",
        "document:\n  number: \"127-KH/TU\"\n  kind: ke-hoach\n  issued: 2023-11-02\n  issuer: tinh-uy\n  signer: \"Nguyễn Văn A\"\n  files: [ke-hoach-127.pdf]",
        "Nội dung kế hoạch.",
    );
    site.article(
        "van-ban/kh-127",
        "en",
        "Plan to carry out Conclusion No. 57-KL/TW",
        "2023-11-02",
        "",
        "The plan's text.",
    );
    site.bytes("content/van-ban/kh-127/ke-hoach-127.pdf", &[b'%'; 3000]);
    site.article(
        "van-ban/kh-2500",
        "vi",
        "Kế hoạch hợp tác với tỉnh bạn",
        "",
        "document:\n  number: \"2500/KH-UBND\"\n  kind: ke-hoach\n  issued: 2023-12-04\n  issuer: ubnd-tinh\n  effective: 2024-01-01\n  replaced_by: \"9999/KH-UBND\"\n  files: [kh-2500.pdf, kh-2500.docx]",
        "Nội dung.",
    );
    site.bytes("content/van-ban/kh-2500/kh-2500.pdf", b"%PDF-1.4\n");
    site.bytes("content/van-ban/kh-2500/kh-2500.docx", b"PK");
    site.article(
        "van-ban/qd-30",
        "vi",
        "Quyết định ban hành quy chế",
        "",
        "document:\n  number: \"30/2022/QĐ-UBND\"\n  kind: quyet-dinh\n  issued: 2022-05-10\n  issuer: ubnd-tinh",
        "Nội dung.",
    );
    site.article(
        "van-ban/qd-30",
        "lo",
        "ຂໍ້ຕົກລົງວ່າດ້ວຍລະບຽບການ",
        "2022-05-10",
        "",
        "ເນື້ອໃນ.",
    );
    site
}

fn numbers(html: &Html) -> Vec<String> {
    select(html, ".registry-table tbody tr td:first-child a")
        .iter()
        .map(text)
        .collect()
}

#[test]
fn the_registry_lists_documents_newest_first_with_pages_per_kind_issuer_and_year() {
    let site = fixture();
    site.build_ok(&[]);
    let first = site.html("vi/van-ban/index.html");
    assert_eq!(numbers(&first), ["2500/KH-UBND", "127-KH/TU"]);
    let second = site.html("vi/van-ban/page/2/index.html");
    assert_eq!(numbers(&second), ["30/2022/QĐ-UBND"]);
    let plans = site.html("vi/van-ban/ke-hoach/index.html");
    assert_eq!(numbers(&plans), ["2500/KH-UBND", "127-KH/TU"]);
    assert!(body_text(&plans).contains("Kế hoạch"));
    // A title that starts with its kind does not get the kind again in front of it.
    let titles: Vec<String> = select(&plans, ".registry-table tbody tr td:nth-child(3)")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        titles[1], "Kế hoạch thực hiện Kết luận số 57-KL/TW",
        "{titles:?}"
    );
    let ubnd = site.html("vi/van-ban/ubnd-tinh/index.html");
    assert_eq!(numbers(&ubnd), ["2500/KH-UBND", "30/2022/QĐ-UBND"]);
    assert_eq!(
        numbers(&site.html("vi/van-ban/2023/index.html")),
        ["2500/KH-UBND", "127-KH/TU"]
    );
    assert_eq!(
        numbers(&site.html("vi/van-ban/2022/index.html")),
        ["30/2022/QĐ-UBND"]
    );
    assert!(
        !site.exists("vi/van-ban/ket-luan/index.html"),
        "a kind without documents gets no page"
    );
    assert!(!site.exists("vi/van-ban/2021/index.html"));
    // Filter links lead to pages that exist, the current one marked.
    for url in attrs(&first, ".registry-filters a", "href") {
        assert!(site.url_exists(&url), "{url}\n{}", site.listing());
    }
    assert_eq!(
        attr(&plans, ".registry-filters a[aria-current=page]", "href"),
        "/vi/van-ban/ke-hoach/"
    );
    // English has only the plan of the Tỉnh ủy; its issuer's page has its English name.
    let en = site.html("en/documents/index.html");
    assert_eq!(html_lang(&en), "en");
    assert_eq!(numbers(&en), ["127-KH/TU"]);
    let en_issuer = site.html("en/documents/tinh-uy/index.html");
    assert!(body_text(&en_issuer).contains("Provincial Party Committee"));
    assert!(!site.exists("en/documents/ubnd-tinh/index.html"));
    // hreflang: the kind page exists in vi and en, not lo (lo has only the decision).
    assert_eq!(
        alternate(&plans, "en"),
        format!("{BASE_URL}/en/documents/ke-hoach/")
    );
    assert!(alternates(&plans).iter().all(|(lang, _)| lang != "lo"));
    let lo = site.html(&format!("lo/{}/index.html", "ເອກະສານ"));
    assert_eq!(numbers(&lo), ["30/2022/QĐ-UBND"]);
    // The registry's pages are in the sitemap.
    let sitemap = site.read("vi/sitemap.xml");
    assert!(sitemap.contains(&format!("{BASE_URL}/vi/van-ban/ke-hoach/")));
    assert!(sitemap.contains(&format!("{BASE_URL}/vi/van-ban/kh-127/")));
}

#[test]
fn a_document_page_shows_its_metadata_and_files_and_a_translation_links_the_original_file() {
    let site = fixture();
    site.build_ok(&[]);
    let vi = site.html("vi/van-ban/kh-127/index.html");
    let table = body_text(&vi);
    for expected in [
        "127-KH/TU",
        "Kế hoạch",
        "Tỉnh ủy",
        "02/11/2023",
        "Nguyễn Văn A",
    ] {
        assert!(table.contains(expected), "`{expected}` missing:\n{table}");
    }
    assert_eq!(
        attr(&vi, ".document-files a", "href"),
        "/media/van-ban/kh-127/ke-hoach-127.pdf"
    );
    assert!(site.url_exists("/media/van-ban/kh-127/ke-hoach-127.pdf"));
    assert!(text(&select(&vi, ".document-files li")[0]).contains("PDF, 3 KB"));
    let en = site.html("en/documents/kh-127/index.html");
    assert_eq!(
        attr(&en, ".document-files a", "href"),
        "/media/van-ban/kh-127/ke-hoach-127.pdf"
    );
    assert_eq!(attr(&en, ".document-files a", "hreflang"), "vi");
    let item = text(&select(&en, ".document-files li")[0]);
    assert!(
        item.contains("Tiếng Việt"),
        "the file is marked as the original's: {item}"
    );
    // In the original's language, so a screen reader says it as Vietnamese.
    assert_eq!(
        text(&select(&en, ".document-files li .meta span[lang=vi]")[0]),
        "Tiếng Việt"
    );
    assert!(body_text(&en).contains("Provincial Party Committee"));
    assert!(body_text(&en).contains("Plan"));
    // A number the registry lacks is shown, not linked.
    let replaced = site.html("vi/van-ban/kh-2500/index.html");
    assert!(body_text(&replaced).contains("9999/KH-UBND"));
    assert!(links_with_text(&replaced, "9999/KH-UBND").is_empty());
}

fn json_ld(html: &Html) -> serde_json::Value {
    let script = select(html, "script[type='application/ld+json']");
    assert_eq!(script.len(), 1);
    serde_json::from_str(&script[0].inner_html()).expect("JSON-LD parses")
}

#[test]
fn document_pages_carry_legislation_json_ld() {
    let site = fixture();
    site.build_ok(&[]);
    let ld = json_ld(&site.html("vi/van-ban/kh-2500/index.html"));
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "Legislation");
    assert_eq!(ld["legislationIdentifier"], "2500/KH-UBND");
    assert_eq!(ld["legislationDate"], "2023-12-04");
    assert_eq!(ld["legislationPassedBy"]["@type"], "GovernmentOrganization");
    assert_eq!(ld["legislationPassedBy"]["name"], "Ủy ban nhân dân tỉnh");
    assert_eq!(ld["legislationType"], "Kế hoạch");
    assert_eq!(ld["inLanguage"], "vi");
    let encoding = ld["encoding"].as_array().expect("encoding is a list");
    assert_eq!(encoding.len(), 2);
    assert_eq!(encoding[0]["@type"], "MediaObject");
    assert_eq!(encoding[0]["encodingFormat"], "application/pdf");
    assert_eq!(
        encoding[0]["contentUrl"],
        format!("{BASE_URL}/media/van-ban/kh-2500/kh-2500.pdf")
    );
    assert_eq!(
        encoding[1]["encodingFormat"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let en = json_ld(&site.html("en/documents/kh-127/index.html"));
    assert_eq!(en["legislationType"], "Plan");
    assert_eq!(en["inLanguage"], "en");
    assert_eq!(en["encoding"][0]["inLanguage"], "vi");
    // Ordinary articles keep NewsArticle.
    site.article("news/x", "vi", "Tin", "2024-01-01", "", "Nội dung.");
    site.build_ok(&[]);
    assert_eq!(
        json_ld(&site.html("vi/news/x/index.html"))["@type"],
        "NewsArticle"
    );
}

#[test]
fn each_language_exports_its_registry_as_json() {
    let site = fixture();
    site.build_ok(&[]);
    let export: serde_json::Value =
        serde_json::from_str(&site.read("vi/van-ban/index.json")).expect("index.json parses");
    assert_eq!(export["schema"], 1);
    assert_eq!(export["language"], "vi");
    assert_eq!(export["registry"], format!("{BASE_URL}/vi/van-ban/"));
    let documents = export["documents"].as_array().unwrap();
    let numbers: Vec<&str> = documents
        .iter()
        .map(|d| d["number"].as_str().unwrap())
        .collect();
    assert_eq!(
        numbers,
        ["2500/KH-UBND", "127-KH/TU", "30/2022/QĐ-UBND"],
        "all documents, newest first"
    );
    let plan = &documents[1];
    assert_eq!(plan["url"], format!("{BASE_URL}/vi/van-ban/kh-127/"));
    assert_eq!(plan["kind"]["key"], "ke-hoach");
    assert_eq!(plan["kind"]["code"], "KH");
    assert_eq!(plan["kind"]["name"], "Kế hoạch");
    assert_eq!(plan["issuer"]["key"], "tinh-uy");
    assert_eq!(plan["issuer"]["name"], "Tỉnh ủy");
    assert_eq!(plan["issued"], "2023-11-02");
    assert_eq!(plan["signer"], "Nguyễn Văn A");
    assert_eq!(plan["files"][0]["size"], 3000);
    assert_eq!(plan["files"][0]["media_type"], "application/pdf");
    assert_eq!(plan["files"][0]["language"], "vi");
    let langs: Vec<&str> = plan["translations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["language"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["vi", "en"]);
    assert_eq!(documents[0]["effective"], "2024-01-01");
    assert_eq!(documents[0]["replaced_by"], "9999/KH-UBND");
    let en: serde_json::Value =
        serde_json::from_str(&site.read("en/documents/index.json")).unwrap();
    assert_eq!(en["documents"][0]["kind"]["name"], "Plan");
    assert_eq!(en["documents"].as_array().unwrap().len(), 1);
}

#[test]
fn bad_document_blocks_are_reported_at_their_lines_all_in_one_run() {
    let site = fixture();
    // Line 3 `document:`, its values from line 4: number, kind, issuer, files.
    let first = site.article(
        "van-ban/bad-1",
        "vi",
        "Sai",
        "",
        "document:\n  number: \"1/KH\"\n  kind: ke-hoch\n  issuer: tinh-uy\n  files: [missing.pdf]",
        "",
    );
    // Line 6 `issued`, 7 issuer.
    let second = site.article(
        "van-ban/bad-2",
        "vi",
        "Sai nữa",
        "",
        "document:\n  number: \"2/KH\"\n  kind: ke-hoach\n  issued: 2023-02-30\n  issuer: so-noi-vu",
        "",
    );
    let third = site.article("van-ban/bad-3", "vi", "Không có khối", "2024-01-01", "", "");
    let out = site.build(&[]);
    out.assert_code(1);
    // The missing `issued` is reported at the block, the rest then waits for it.
    let missing = out.problem_at(&first, 4);
    assert!(missing.contains("no `issued`"), "{missing}");
    let bad_date = out.problem_at(&second, 6);
    assert!(bad_date.contains("is not a date"), "{bad_date}");
    assert_hint(&bad_date, "2023-11-02");
    let out_third = out.problem_at(&third, 1);
    assert_hint(&out_third, "document:");
    // Once the dates are right, the kind, the issuer and the file are checked.
    site.file(&first, &article("Sai", "", "document:\n  number: \"1/KH\"\n  kind: ke-hoch\n  issued: 2023-01-01\n  issuer: tinh-uy\n  files: [missing.pdf]", ""));
    site.file(&second, &article("Sai nữa", "", "document:\n  number: \"2/KH\"\n  kind: ke-hoach\n  issued: 2023-02-03\n  issuer: so-noi-vu", ""));
    let out = site.build(&[]);
    out.assert_code(1);
    // Now: 5 kind, 6 issued, 7 issuer, 8 files.
    let kind = out.problem_at(&first, 5);
    assert!(kind.contains("`ke-hoch` is not a kind"), "{kind}");
    assert_hint(&kind, "ke-hoach (KH)");
    let file = out.problem_at(&first, 8);
    assert!(file.contains("missing.pdf"), "{file}");
    let issuer = out.problem_at(&second, 7);
    assert!(issuer.contains("`so-noi-vu` is not an issuer"), "{issuer}");
    assert_hint(&issuer, "tinh-uy, ubnd-tinh");
    assert!(
        out.stderr.contains(&format!("{first}:5:9")),
        "column reported: {}",
        out.stderr
    );
}

#[test]
fn a_document_whose_slug_is_a_kind_collides_with_the_kind_page() {
    let site = fixture();
    site.article(
        "van-ban/ke-hoach",
        "vi",
        "Kế hoạch trùng địa chỉ",
        "",
        "document:\n  number: \"3/KH-UBND\"\n  kind: quyet-dinh\n  issued: 2021-01-01\n  issuer: ubnd-tinh",
        "",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    let problem = out.problem_in("content/van-ban/ke-hoach/index.vi.md");
    assert!(problem.contains("/vi/van-ban/ke-hoach/"), "{problem}");
    assert!(problem.contains("registry"), "{problem}");
}

#[test]
fn a_replaced_by_number_that_leads_nowhere_and_duplicate_numbers_are_warnings() {
    let site = fixture();
    // Line 4: the number, the same as kh-127's.
    let twin = site.article(
        "van-ban/twin",
        "vi",
        "Trùng số",
        "",
        "document:\n  number: \"127-kh/tu\"\n  kind: ke-hoach\n  issued: 2020-01-01\n  issuer: tinh-uy",
        "",
    );
    let out = site.build_ok(&[]);
    let duplicate = out.problem_at(&twin, 4);
    assert!(duplicate.contains("warning"), "{duplicate}");
    assert!(duplicate.contains("already the number"), "{duplicate}");
    // Line 9 of kh-2500: replaced_by.
    let nowhere = out.problem_at("content/van-ban/kh-2500/index.vi.md", 9);
    assert!(nowhere.contains("9999/KH-UBND"), "{nowhere}");
    assert_hint(&nowhere, "add the newer document");
}

#[test]
fn check_counts_the_registry_strings_as_used_and_reports_its_warnings() {
    let site = fixture();
    let out = site.run(&[
        "--root",
        site.root().to_str().unwrap(),
        "check",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON report");
    let unused: Vec<&str> = report["fluent"]["unused"]
        .as_array()
        .map(|keys| keys.iter().filter_map(|k| k.as_str()).collect())
        .unwrap_or_default();
    assert!(
        unused
            .iter()
            .all(|k| !k.starts_with("document-") && !k.starts_with("registry-")),
        "registry strings reported unused: {unused:?}"
    );
    let problems = report["problems"].as_array().unwrap();
    let replaced: Vec<&serde_json::Value> = problems
        .iter()
        .filter(|p| p["message"].as_str().unwrap_or("").contains("replaced_by"))
        .collect();
    assert_eq!(replaced.len(), 1, "{problems:?}");
    assert_eq!(replaced[0]["severity"], "warning");
    assert_eq!(replaced[0]["file"], "content/van-ban/kh-2500/index.vi.md");
    assert_eq!(replaced[0]["line"], 9);
}

/// The fixture with a news section in every language (vi `tin-tuc`, en `news`, lo
/// `ຂ່າວ`) whose articles mention the documents. Returns the files of the vi, en and lo
/// articles `news/a` (2024-01-10) and of the vi article `news/b` (2024-02-01).
fn with_mentions() -> (Site, [String; 4]) {
    let site = fixture();
    for (lang, title, slug) in [
        ("vi", "Tin tức", "tin-tuc"),
        ("en", "News", "news"),
        ("lo", "ຂ່າວ", "ຂ່າວ"),
    ] {
        site.section("news", lang, title, slug);
    }
    site.image("content/news/a/anh.png", 8, 6);
    // Lines 5, 7, 9–11, 13, 15, 17: text, an existing link and inline code, a fenced
    // block, a heading, a picture's alt, raw `<a>`.
    let vi = site.article(
        "news/a",
        "vi",
        "Triển khai kế hoạch",
        "2024-01-10",
        "",
        "Theo Kế hoạch số 127-KH/TU ngày 02/11/2023 và quyết định số 30/2022/QĐ-UBND, tỉnh triển khai.\n\
         \n\
         Đã có [Kế hoạch số 127-KH/TU](/vi/van-ban/) và mã `Kế hoạch số 2500/KH-UBND`.\n\
         \n\
         ```\n\
         Kế hoạch số 2500/KH-UBND\n\
         ```\n\
         \n\
         ## Kế hoạch số 2500/KH-UBND\n\
         \n\
         ![Kế hoạch số 2500/KH-UBND](anh.png)\n\
         \n\
         <a href=\"/vi/\">Kế hoạch số 2500/KH-UBND</a>\n",
    );
    let en = site.article(
        "news/a",
        "en",
        "Carrying out the plan",
        "2024-01-10",
        "",
        "Under Plan No. 127-KH/TU dated 2 November 2023 and Decision No. 30/2022/QĐ-UBND, the province acts.\n",
    );
    let lo = site.article(
        "news/a",
        "lo",
        "ການຈັດຕັ້ງປະຕິບັດແຜນການ",
        "2024-01-10",
        "",
        "ຕາມຂໍ້ຕົກລົງເລກທີ 30/2022/QĐ-UBND ແລະແຜນການເລກທີ 127-KH/TU ລົງວັນທີ 02/11/2023, ແຂວງໄດ້ຈັດຕັ້ງປະຕິບັດ.\n",
    );
    let b = site.article(
        "news/b",
        "vi",
        "Sơ kết kế hoạch",
        "2024-02-01",
        "",
        // A mention wrapped onto the next line.
        "Sơ kết Kế hoạch\nsố 127-KH/TU.\n",
    );
    (site, [vi, en, lo, b])
}

/// `(text, href, hreflang)` of the mention links of a page.
fn mention_links(html: &Html) -> Vec<(String, String, Option<String>)> {
    select(html, "a.mention")
        .iter()
        .map(|a| {
            (
                text(a),
                a.value().attr("href").unwrap_or_default().to_string(),
                a.value().attr("hreflang").map(str::to_string),
            )
        })
        .collect()
}

fn owned(text: &str, href: &str, lang: Option<&str>) -> (String, String, Option<String>) {
    (text.into(), href.into(), lang.map(str::to_string))
}

#[test]
fn mentions_link_to_the_document_in_the_page_language_else_the_original_with_a_marker() {
    let (site, _) = with_mentions();
    site.build_ok(&[]);
    let vi = site.html("vi/tin-tuc/a/index.html");
    assert_eq!(
        mention_links(&vi),
        [
            owned("Kế hoạch số 127-KH/TU", "/vi/van-ban/kh-127/", None),
            owned("quyết định số 30/2022/QĐ-UBND", "/vi/van-ban/qd-30/", None),
        ]
    );
    let en = site.html("en/news/a/index.html");
    assert_eq!(
        mention_links(&en),
        [
            owned("Plan No. 127-KH/TU", "/en/documents/kh-127/", None),
            owned(
                "Decision No. 30/2022/QĐ-UBND",
                "/vi/van-ban/qd-30/",
                Some("vi")
            ),
        ]
    );
    // The untranslated decision is marked with its language, right after the link.
    let marker = select(&en, ".article-body .lang-marker");
    assert_eq!(marker.len(), 1);
    assert_eq!(text(&marker[0]), "(vi)");
    let lo = site.html(&format!("lo/{}/a/index.html", "ຂ່າວ"));
    assert_eq!(
        mention_links(&lo),
        [
            owned(
                "ຂໍ້ຕົກລົງເລກທີ 30/2022/QĐ-UBND",
                &format!("/lo/{}/qd-30/", encode("ເອກະສານ")),
                None
            ),
            owned("ແຜນການເລກທີ 127-KH/TU", "/vi/van-ban/kh-127/", Some("vi")),
        ]
    );
    // A mention may wrap onto the next line.
    let b = site.html("vi/tin-tuc/b/index.html");
    assert_eq!(
        mention_links(&b),
        [owned("Kế hoạch số 127-KH/TU", "/vi/van-ban/kh-127/", None)]
    );
    // Every link leads to a page that exists.
    for html in [&vi, &en, &lo] {
        for (_, href, _) in mention_links(html) {
            assert!(site.url_exists(&href), "{href}\n{}", site.listing());
        }
    }
}

#[test]
fn mentions_in_code_links_headings_and_alt_text_stay_as_written() {
    let (site, _) = with_mentions();
    site.build_ok(&[]);
    let vi = site.html("vi/tin-tuc/a/index.html");
    assert!(
        mention_links(&vi)
            .iter()
            .all(|(_, href, _)| !href.contains("kh-2500")),
        "{:?}",
        mention_links(&vi)
    );
    // The existing link keeps its own address, with no link inside it.
    assert_eq!(links_with_text(&vi, "Kế hoạch số 127-KH/TU").len(), 2);
    assert!(select(&vi, ".article-body a a").is_empty());
    assert_eq!(
        text(&select(&vi, ".article-body code")[0]),
        "Kế hoạch số 2500/KH-UBND"
    );
    assert!(select(&vi, ".article-body code a, .article-body pre a").is_empty());
    assert_eq!(
        text(&select(&vi, ".article-body pre")[0]).trim(),
        "Kế hoạch số 2500/KH-UBND"
    );
    let heading = &select(&vi, ".article-body h2")[0];
    assert!(select(&vi, ".article-body h2 a.mention").is_empty());
    let id = heading.value().attr("id").unwrap_or_default();
    assert!(!id.contains('<') && !id.contains("mention"), "{id}");
    assert_eq!(
        attr(&vi, ".article-body img", "alt"),
        "Kế hoạch số 2500/KH-UBND"
    );
    assert_eq!(links_with_text(&vi, "Kế hoạch số 2500/KH-UBND"), ["/vi/"]);
    // A document's page does not link to itself.
    site.file(
        "content/van-ban/kh-127/index.en.md",
        &article("Plan", "2023-11-02", "", "This is Plan No. 127-KH/TU.\n"),
    );
    site.build_ok(&[]);
    assert!(mention_links(&site.html("en/documents/kh-127/index.html")).is_empty());
}

#[test]
fn a_document_page_lists_the_pages_in_its_language_that_mention_it_newest_first() {
    let (site, _) = with_mentions();
    site.build_ok(&[]);
    let listed = |page: &str| -> Vec<(String, String)> {
        let html = site.html(page);
        select(&html, ".document-mentions li a")
            .iter()
            .map(|a| (text(a), a.value().attr("href").unwrap().to_string()))
            .collect()
    };
    let pair = |t: &str, u: &str| (t.to_string(), u.to_string());
    assert_eq!(
        listed("vi/van-ban/kh-127/index.html"),
        [
            pair("Sơ kết kế hoạch", "/vi/tin-tuc/b/"),
            pair("Triển khai kế hoạch", "/vi/tin-tuc/a/"),
        ]
    );
    assert_eq!(
        listed("en/documents/kh-127/index.html"),
        [pair("Carrying out the plan", "/en/news/a/")]
    );
    assert_eq!(
        listed("vi/van-ban/qd-30/index.html"),
        [pair("Triển khai kế hoạch", "/vi/tin-tuc/a/")]
    );
    let lo_news = encode("ຂ່າວ");
    assert_eq!(
        listed(&format!("lo/{}/qd-30/index.html", "ເອກະສານ")),
        [pair("ການຈັດຕັ້ງປະຕິບັດແຜນການ", &format!("/lo/{lo_news}/a/"))]
    );
    // Mentions inside code, links, headings and alt text do not count.
    let kh_2500 = site.html("vi/van-ban/kh-2500/index.html");
    assert!(select(&kh_2500, ".document-mentions").is_empty());
    // The list's heading, in the page's language.
    let en = site.html("en/documents/kh-127/index.html");
    assert!(body_text(&en).contains("Articles that mention this document"));
    let vi = site.html("vi/van-ban/kh-127/index.html");
    assert!(body_text(&vi).contains("Các bài viết nhắc đến văn bản này"));
    let lo = site.html(&format!("lo/{}/qd-30/index.html", "ເອກະສານ"));
    assert!(body_text(&lo).contains("ບົດຄວາມທີ່ກ່າວເຖິງເອກະສານນີ້"));
}

/// `(line, column, message, hint)` of the problems `check --format json` reports in
/// `file`, but for missing translations.
fn json_problems(site: &Site, file: &str) -> Vec<(u64, u64, String, String)> {
    let out = site.run(&[
        "--root",
        site.root().to_str().unwrap(),
        "check",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON report");
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["file"] == file)
        .filter(|p| {
            !p["message"]
                .as_str()
                .unwrap_or_default()
                .contains("translation of this page")
        })
        .map(|p| {
            assert_eq!(p["severity"], "warning", "{p}");
            assert_eq!(p["kind"], "mention", "{p}");
            (
                p["line"].as_u64().unwrap(),
                p["column"].as_u64().unwrap(),
                p["message"].as_str().unwrap().to_string(),
                p["hint"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn mentions_that_disagree_with_the_registry_are_warned_at_their_line_and_column() {
    let (site, files) = with_mentions();
    // Line 5: the kind word contradicts the code; 7: a number the registry lacks (a typo
    // of 127-KH/TU); 9: a date other than the one issued, at column 26; 12: the same on
    // the line after a mention that wraps.
    let wrong = site.article(
        "news/sai",
        "vi",
        "Sai sót",
        "2024-03-01",
        "",
        "Theo Kết luận số 127-KH/TU, tỉnh triển khai.\n\
         \n\
         Kế hoạch số 128-KH/TU cũng vậy.\n\
         \n\
         Và Kế hoạch số 127-KH/TU ngày 03/11/2023.\n\
         \n\
         Còn Kế hoạch số 127-KH/TU\n\
         ngày 04/11/2023.\n",
    );
    let problems = json_problems(&site, &wrong);
    assert_eq!(problems.len(), 4, "{problems:?}");
    let (line, column, message, hint) = &problems[0];
    assert_eq!((*line, *column), (5, 6));
    assert!(message.contains("`Kết luận`"), "{message}");
    assert!(message.contains("KH is the code of Kế hoạch"), "{message}");
    assert!(hint.contains("Kế hoạch số 127-KH/TU"), "{hint}");
    let (line, column, message, hint) = &problems[1];
    assert_eq!((*line, *column), (7, 1));
    assert!(message.contains("`128-KH/TU`"), "{message}");
    assert!(message.contains("not in the registry"), "{message}");
    assert!(hint.contains("did you mean `127-KH/TU`?"), "{hint}");
    let (line, column, message, hint) = &problems[2];
    assert_eq!((*line, *column), (9, 26));
    assert!(message.contains("2023-11-03"), "{message}");
    assert!(message.contains("2023-11-02"), "{message}");
    assert!(hint.contains("2023-11-02"), "{hint}");
    let (line, column, message, _) = &problems[3];
    assert_eq!((*line, *column), (12, 1));
    assert!(message.contains("2023-11-04"), "{message}");
    // `build` warns the same, at the same places, and still publishes.
    let out = site.build_ok(&[]);
    for (line, column) in [(5, 6), (7, 1), (9, 26), (12, 1)] {
        let block = out.problem_at(&wrong, line);
        assert!(block.contains("warning"), "{block}");
        assert!(
            out.stderr.contains(&format!("{wrong}:{line}:{column}")),
            "{}",
            out.stderr
        );
    }
    // The articles that agree with the registry have nothing to say.
    for file in &files {
        assert_eq!(json_problems(&site, file), [], "{file}");
    }
}

#[test]
fn mention_checks_in_english_and_lao() {
    let (site, _) = with_mentions();
    // Line 5, column 7: Conclusion for a plan's code; line 7: a Lao date other than issued.
    let en = site.article(
        "news/sai",
        "en",
        "Slips",
        "2024-03-01",
        "",
        "Under Conclusion No. 127-KH/TU.\n",
    );
    let lo = site.article(
        "news/sai",
        "lo",
        "ຜິດພາດ",
        "2024-03-01",
        "",
        "ຕາມແຜນການເລກທີ 127-KH/TU ລົງວັນທີ 03/11/2023.\n",
    );
    let problems = json_problems(&site, &en);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].0, problems[0].1), (5, 7));
    assert!(
        problems[0].2.contains("KH is the code of Plan"),
        "{problems:?}"
    );
    assert!(problems[0].3.contains("Plan No. 127-KH/TU"), "{problems:?}");
    let problems = json_problems(&site, &lo);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].0, problems[0].1), (5, 26));
    assert!(problems[0].2.contains("2023-11-03"), "{problems:?}");
}
