//! Search as readers use it: the example site (this repository's own content) built with
//! the real binary, served by a plain static web server and searched in headless
//! Chromium through the default theme's form and script. Vietnamese is found without
//! tones, in any case and in NFD, with `d` for `đ`, an exact tone ranking before
//! another; Lao words are found inside text written without spaces, fragments of words
//! are not; drafts are never found; nothing of the index is fetched before the reader
//! turns to the search box; the results fit a phone and the status line says how many
//! there are. And `search: false` leaves out the form, the search pages and the indexes.
mod common;

use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::chromium::{Chromium, Tab, js};
use common::static_server::StaticServer;
use common::*;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;
use serde_json::json;

/// How long a search may take: the first one in a tab loads Pagefind's script, its
/// WebAssembly and the index (a debug build's browser on two busy cores).
const ANSWER: Duration = Duration::from_secs(30);

/// The example's border-market article (content/cooperation/2025-08-23-…): Lao
/// "ຕະຫຼາດຊາຍແດນ" run together with the words around it, "Điện Biên" and "hả hê" in
/// Vietnamese, "Dien Bien" in English.
const MARKET: &str = "2025-08-23-cho-bien-gioi-pha-lai";

/// The example's cooperation section, by its slug in each language.
fn cooperation(lang: &str) -> &'static str {
    match lang {
        "vi" => "hop-tac-viet-lao",
        "en" => "cooperation",
        "lo" => "ການຮ່ວມມື",
        _ => unreachable!("the example has vi, en and lo"),
    }
}

/// The market article's address in `lang`, decoded.
fn market(lang: &str) -> String {
    format!("/{lang}/{}/{MARKET}/", cooperation(lang))
}

/// The example's Tân Hà industrial park article, the vi page with "Hà" in its title.
const TAN_HA: &str = "/vi/dau-tu/2023-11-02-khu-cong-nghiep-tan-ha/";

/// The example's draft, and words only it holds.
const DRAFT: &str = "/vi/van-hoa-du-lich/2025-11-15-tuan-am-thuc-vung-bien/";
const DRAFT_WORDS: &str = "pỉnh tộp";

/// The example site built twice (as published, and with `--drafts`) in the integration
/// tests' own temporary folder, each served on 127.0.0.1; made once per test run.
struct Example {
    published: StaticServer,
    with_drafts: StaticServer,
}

fn example() -> &'static Example {
    static EXAMPLE: OnceLock<Example> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-example");
        let site = dir.join("site");
        // A fresh copy each run; the image cache (by content) is kept, so that the
        // pictures are not processed again.
        let _ = std::fs::remove_dir_all(dir.join("public"));
        let _ = std::fs::remove_dir_all(dir.join("public-drafts"));
        let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
        for folder in ["content", "i18n", "static", "themes"] {
            let _ = std::fs::remove_dir_all(site.join(folder));
            copy_tree(&repository.join(folder), &site.join(folder));
        }
        std::fs::copy(repository.join("site.yaml"), site.join("site.yaml"))
            .expect("copy the example's site.yaml");
        let public = dir.join("public");
        let drafts = dir.join("public-drafts");
        for folder in [&public, &drafts] {
            std::fs::create_dir_all(folder).expect("create an output folder");
        }
        let published = StaticServer::start(public.clone());
        let with_drafts = StaticServer::start(drafts.clone());
        build(&site, &public, &published.origin, &[]);
        // The second build reuses the first one's processed images.
        build(&site, &drafts, &with_drafts.origin, &["--drafts"]);
        Example {
            published,
            with_drafts,
        }
    })
}

fn build(site: &Path, output: &Path, origin: &str, extra: &[&str]) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mekong"))
        .arg("--root")
        .arg(site)
        .arg("build")
        .arg("--output")
        .arg(output)
        .args(["--base-url", origin])
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .expect("run the mekong binary");
    assert!(
        out.status.success(),
        "building the example {extra:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One result as the reader sees it: the link's address (decoded), all its text, and
/// the words it highlights.
#[derive(Debug, Deserialize, Clone)]
struct Hit {
    url: String,
    text: String,
    marks: Vec<String>,
}

/// What the search page showed for one query: its status line, its state (`done`,
/// `none`, `unavailable`) and every result, "show more" pressed until none are left.
#[derive(Debug)]
struct Answer {
    status: String,
    state: String,
    hits: Vec<Hit>,
}

impl Answer {
    fn urls(&self) -> Vec<&str> {
        self.hits.iter().map(|h| h.url.as_str()).collect()
    }

    fn position(&self, url: &str) -> Option<usize> {
        self.hits.iter().position(|h| h.url == url)
    }

    fn hit(&self, url: &str) -> &Hit {
        self.hits
            .iter()
            .find(|h| h.url == url)
            .unwrap_or_else(|| panic!("{url} is not among the results: {:#?}", self.urls()))
    }

    fn assert_found(&self, url: &str, query: &str) {
        assert!(
            self.position(url).is_some(),
            "searching {query:?} does not find {url}; it found {:#?} (status {:?})",
            self.urls(),
            self.status
        );
    }

    fn assert_nothing(&self, query: &str) {
        assert!(
            self.state == "none" && self.hits.is_empty(),
            "searching {query:?} should find nothing, yet the page is {:?} with {:#?} (status {:?})",
            self.state,
            self.urls(),
            self.status
        );
    }
}

const STATE: &str = "document.querySelector('[data-search]')?.dataset.searchState";

impl Tab {
    /// Opens `/LANG/search/?q=QUERY` and reads the answer.
    fn search(&mut self, server: &StaticServer, lang: &str, query: &str) -> Answer {
        let q = utf8_percent_encode(query, NON_ALPHANUMERIC);
        self.load(&server.url(&format!("/{lang}/search/?q={q}")));
        self.answer(query)
    }

    /// Types `expression`'s value into the search page's own form and submits it, as a
    /// reader does without leaving the page, and reads the answer.
    fn search_again(&mut self, expression: &str) -> Answer {
        self.eval(&format!(
            "(() => {{ const f = document.querySelector('[data-search-page-form]'); \
             f.q.value = {expression}; f.requestSubmit(); return true; }})()"
        ))
        .expect("the search page has its form");
        let query = self
            .eval(expression)
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        self.answer(&query)
    }

    /// Waits for the search page to answer, then shows every result.
    fn answer(&mut self, query: &str) -> Answer {
        self.wait_true(
            &format!("['done', 'none', 'unavailable'].includes({STATE})"),
            ANSWER,
            &format!("an answer to {query:?}"),
            &format!("[{STATE}, document.querySelector('[data-search-status]')?.textContent]"),
        );
        let read = self
            .eval_awaited(
                "(async () => {
                    const list = document.querySelector('[data-search-results]');
                    const more = document.querySelector('[data-search-more]');
                    for (let presses = 0; more && !more.hidden && presses < 50; presses++) {
                        const before = list.querySelectorAll('a').length;
                        more.click();
                        for (let waited = 0; list.querySelectorAll('a').length === before && waited < 200; waited++) {
                            await new Promise(r => setTimeout(r, 50));
                        }
                    }
                    return {
                        status: document.querySelector('[data-search-status]').textContent,
                        state: document.querySelector('[data-search]').dataset.searchState,
                        hits: [...list.querySelectorAll('a')].map(a => ({
                            url: decodeURIComponent(new URL(a.href).pathname),
                            text: a.textContent,
                            marks: [...a.querySelectorAll('mark')].map(m => m.textContent),
                        })),
                    };
                })()",
            )
            .unwrap_or_else(|e| panic!("read the answer to {query:?}: {e}"));
        Answer {
            status: read["status"].as_str().unwrap_or_default().to_string(),
            state: read["state"].as_str().unwrap_or_default().to_string(),
            hits: serde_json::from_value(read["hits"].clone()).expect("a list of results"),
        }
    }

    /// Presses and releases one key on the focused element.
    fn press(&mut self, key: &str, code: u32) {
        for kind in ["keyDown", "keyUp"] {
            let mut params = json!({
                "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code,
            });
            if kind == "keyDown" && key == "Enter" {
                params["text"] = json!("\r");
            }
            self.call("Input.dispatchKeyEvent", params)
                .unwrap_or_else(|e| panic!("press {key}: {e}"));
        }
    }
}

/// The answer must show results, each a link holding its title and an excerpt with at
/// least one highlighted word.
fn assert_results(answer: &Answer, query: &str) {
    assert!(
        answer.state == "done" && !answer.hits.is_empty(),
        "searching {query:?} shows no results: {answer:?}"
    );
    for hit in &answer.hits {
        assert!(
            !hit.marks.is_empty(),
            "the result {} for {query:?} highlights no word: {:?}",
            hit.url,
            hit.text
        );
    }
}

/// The set of addresses an answer holds, for comparing queries that must find the same.
fn url_set(answer: &Answer) -> Vec<String> {
    let mut urls: Vec<String> = answer.hits.iter().map(|h| h.url.clone()).collect();
    urls.sort();
    urls
}

#[test]
fn the_header_box_leads_to_the_results_in_every_language() {
    let example = example();
    let browser = Chromium::launch();
    let mut tab = Tab::open(&browser);
    for (lang, query) in [
        ("vi", "chợ biên giới"),
        ("en", "border market"),
        ("lo", "ຕະຫຼາດ"),
    ] {
        tab.load(&example.published.url(&format!("/{lang}/")));
        tab.eval(
            "document.querySelector('.site-header form[role=search] input[name=q]').focus(), true",
        )
        .expect("the header has a search box");
        tab.call("Input.insertText", json!({"text": query}))
            .expect("type the query");
        tab.press("Enter", 13);
        tab.wait_true(
            &format!(
                "location.pathname === {} && new URLSearchParams(location.search).get('q') === {}",
                js(&format!("/{lang}/search/")),
                js(query)
            ),
            ANSWER,
            &format!("the {lang} search page for {query:?}"),
            "location.href",
        );
        let answer = tab.answer(query);
        assert_results(&answer, query);
        answer.assert_found(&market(lang), query);
        let prefilled =
            tab.eval("document.querySelector('[data-search-page-form] input[name=q]').value");
        assert_eq!(
            prefilled.as_ref().and_then(|v| v.as_str()),
            Some(query),
            "the {lang} search page's own box does not show the query"
        );
    }
}

#[test]
fn lao_words_are_found_inside_text_without_spaces_and_fragments_are_not() {
    let example = example();
    let browser = Chromium::launch();
    let mut tab = Tab::open(&browser);
    let server = &example.published;

    // "ຕະຫຼາດ" (market) and "ຊາຍແດນ" (border) are two words run together in the
    // article's "…ຢູ່ຕະຫຼາດຊາຍແດນຜາລາຍທີ່…"; each is found there.
    for word in ["ຕະຫຼາດ", "ຊາຍແດນ"] {
        let answer = tab.search(server, "lo", word);
        assert_results(&answer, word);
        answer.assert_found(&market("lo"), word);
    }
    // What the reader sees is the text as written: no joiners left, no spaces added.
    let answer = tab.search(server, "lo", "ຕະຫຼາດ");
    let shown = &answer.hit(&market("lo")).text;
    assert!(
        shown.contains("ຕະຫຼາດຊາຍແດນຜາລາຍ"),
        "the market article's result does not show its words as written: {shown:?}"
    );
    assert!(
        !shown.contains(['\u{2060}', '\u{2061}']),
        "the result shows the index's word joiners: {shown:?}"
    );

    // Letters across the boundary of ຕະຫຼາດ|ຊາຍແດນ, and the start of a word, are no words.
    for fragment in ["ດຊາ", "ຕະຫຼາ"] {
        tab.search(server, "lo", fragment).assert_nothing(fragment);
    }
}

/// Words the engine's segmenter and the browser's cut differently: the index holds
/// "ຜາລາຍ" (Pha Lai, a district in many articles) as ຜາລາ|ຍ and "ເອີຣົບ" (Europe) as
/// ເອີ|ຣ|ົ|ບ, while the browser's Intl.Segmenter keeps ຜາ|ລາຍ and ເອີຣົບ. The script
/// cuts a Lao query into the index's own words, so both are found.
#[test]
fn lao_names_and_loanwords_are_found() {
    let example = example();
    let browser = Chromium::launch();
    let mut tab = Tab::open(&browser);
    let cinnamon = "/lo/ການລົງທຶນ/2024-08-15-chuoi-gia-tri-que-huu-co/";
    for (word, page) in [("ຜາລາຍ", market("lo")), ("ເອີຣົບ", cinnamon.to_string())]
    {
        let answer = tab.search(&example.published, "lo", word);
        assert_results(&answer, word);
        answer.assert_found(&page, word);
    }
}

#[test]
fn vietnamese_is_found_without_tones_in_any_case_and_in_nfd() {
    let example = example();
    let browser = Chromium::launch();
    let mut tab = Tab::open(&browser);
    let server = &example.published;
    let twinned = "/vi/tin-tuc/2023-03-21-hoi-dam-voi-tinh-phu-vieng/";

    let written = tab.search(server, "vi", "Phu Viêng");
    assert_results(&written, "Phu Viêng");
    written.assert_found(twinned, "Phu Viêng");
    for query in ["phu vieng", "PHU VIÊNG", "phu viêng", "PHU VIENG"] {
        let answer = tab.search(server, "vi", query);
        assert_eq!(
            url_set(&answer),
            url_set(&written),
            "{query:?} finds other pages than \"Phu Viêng\""
        );
    }

    // `d` finds `đ`, and the results show the words as written.
    let answer = tab.search(server, "vi", "dien bien");
    assert_results(&answer, "dien bien");
    answer.assert_found(&market("vi"), "dien bien");
    let marked: Vec<&String> = answer.hits.iter().flat_map(|h| &h.marks).collect();
    assert!(
        marked.iter().any(|m| m.to_lowercase().starts_with("điện")),
        "no result for \"dien bien\" highlights a word with đ as written: {marked:?}"
    );
    for hit in &answer.hits {
        assert!(
            !hit.text.contains('\u{0335}'),
            "{} shows the index's spelling of đ: {:?}",
            hit.url,
            hit.text
        );
    }

    // The same name typed in NFD (as some keyboards send it) finds the same, in order.
    let composed = tab.search_again("'Điện Biên'.normalize('NFC')");
    assert_results(&composed, "Điện Biên");
    composed.assert_found(&market("vi"), "Điện Biên");
    let decomposed = tab.search_again("'Điện Biên'.normalize('NFD')");
    assert_eq!(
        decomposed.urls(),
        composed.urls(),
        "\"Điện Biên\" in NFD finds other pages than in NFC"
    );
    assert_eq!(
        tab.eval("new URLSearchParams(location.search).get('q') === 'Điện Biên'.normalize('NFD')"),
        Some(json!(true)),
        "submitting the page's form does not put the query in the address"
    );
    // The English article writes the name without marks.
    let answer = tab.search(server, "en", "Dien Bien");
    answer.assert_found(&market("en"), "Dien Bien");
}

#[test]
fn an_exact_tone_ranks_before_another_tone() {
    let example = example();
    let browser = Chromium::launch();
    let mut tab = Tab::open(&browser);
    // The market article has "hả" (in "hả hê") and no "hà"; Tân Hà has "Hà" in its
    // title and text. Without tones both are "ha": both are found, "hà" first.
    let answer = tab.search(&example.published, "vi", "hà");
    assert_results(&answer, "hà");
    let exact = answer.position(TAN_HA);
    let other = answer.position(&market("vi"));
    assert!(
        exact.is_some() && other.is_some(),
        "\"hà\" should find both {TAN_HA} and {}: {:#?}",
        market("vi"),
        answer.urls()
    );
    assert!(
        exact < other,
        "\"hà\" ranks the page with \"hả\" ({other:?}) before the page with \"hà\" ({exact:?}): {:#?}",
        answer.urls()
    );
}

#[test]
fn drafts_are_never_found() {
    let example = example();
    let browser = Chromium::launch();
    let mut tab = Tab::open(&browser);
    // Pagefind answers with pages holding any word like the query's ("tổ" for "tộp"),
    // so the answer need not be empty: the draft must not be in it, nor its words.
    let answer = tab.search(&example.published, "vi", DRAFT_WORDS);
    assert!(
        answer.position(DRAFT).is_none(),
        "the draft is found in the published site: {:#?}",
        answer.urls()
    );
    for hit in &answer.hits {
        assert!(
            !hit.text.contains("pỉnh"),
            "{} shows the draft's words: {:?}",
            hit.url,
            hit.text
        );
    }
    // The words are searchable: a build with --drafts finds the draft first.
    let answer = tab.search(&example.with_drafts, "vi", DRAFT_WORDS);
    assert_results(&answer, DRAFT_WORDS);
    assert_eq!(
        answer.urls().first().copied(),
        Some(DRAFT),
        "with --drafts, {DRAFT_WORDS:?} does not find the draft first"
    );
}

#[test]
fn nothing_of_the_index_is_fetched_before_the_box_is_focused() {
    let example = example();
    let browser = Chromium::launch();
    let mut tab = Tab::open(&browser);
    for lang in ["vi", "lo"] {
        let page = example
            .published
            .url(&market(lang).replace(cooperation(lang), &encode(cooperation(lang))));
        tab.clear_events();
        tab.call("Page.navigate", json!({"url": page}))
            .expect("navigate");
        tab.wait_true(
            "document.readyState === 'complete'",
            ANSWER,
            "a loaded article",
            "document.readyState",
        );
        let before = tab.requests_after(Duration::from_secs(2));
        assert!(
            before.iter().any(|url| url.ends_with("/js/site.js")),
            "the request log missed the page's own script: {before:#?}"
        );
        assert!(
            !before.iter().any(|url| url.contains("/pagefind/")),
            "the {lang} article fetched part of the index before the search box was used: {before:#?}"
        );
        tab.eval("document.querySelector('.site-header input[name=q]').focus(), true")
            .expect("the header has a search box");
        let bundle = format!("/{lang}/pagefind/pagefind.js");
        let started = Instant::now();
        loop {
            let after = tab.requests_after(Duration::from_millis(200));
            if after.iter().any(|url| url.ends_with(&bundle)) {
                break;
            }
            assert!(
                started.elapsed() < ANSWER,
                "focusing the {lang} search box did not fetch {bundle}: {after:#?}"
            );
        }
    }
}

#[test]
fn results_fit_a_phone_and_the_status_says_how_many() {
    let example = example();
    let browser = Chromium::launch();
    let mut tab = Tab::open(&browser);
    tab.emulate_screen(375, 812, true);
    for (lang, query) in [("vi", "biên giới"), ("en", "border"), ("lo", "ຊາຍແດນ")] {
        let answer = tab.search(&example.published, lang, query);
        assert_results(&answer, query);
        let n = answer.hits.len();
        let expected = match lang {
            "vi" => format!("{n} kết quả"),
            "en" if n == 1 => "1 result".to_string(),
            "en" => format!("{n} results"),
            _ => format!("ພົບ {n} ລາຍການ"),
        };
        assert_eq!(answer.status, expected, "the {lang} status line");
        assert_eq!(
            tab.eval("document.querySelector('[data-search-status]').getAttribute('aria-live')"),
            Some(json!("polite")),
            "the status line is not a polite live region"
        );
        let layout = tab
            .eval(
                "(() => {
                    const first = document.querySelector('[data-search-results] a').getBoundingClientRect();
                    const box = document.querySelector('[data-search-page-form] input').getBoundingClientRect();
                    const button = document.querySelector('[data-search-page-form] button').getBoundingClientRect();
                    return {
                        scroll: document.documentElement.scrollWidth,
                        first: [first.left, first.right, first.width, first.height],
                        box: [box.width, box.height],
                        button: [button.width, button.height],
                    };
                })()",
            )
            .expect("measure the page");
        let number = |v: &serde_json::Value| v.as_f64().unwrap_or(-1.0);
        assert!(
            number(&layout["scroll"]) <= 375.0,
            "the {lang} search page scrolls sideways at 375 px: {layout}"
        );
        let first = &layout["first"];
        assert!(
            number(&first[0]) >= 0.0
                && number(&first[1]) <= 375.0
                && number(&first[2]) > 200.0
                && number(&first[3]) > 24.0,
            "the first {lang} result is not laid out within a 375 px screen: {layout}"
        );
        for part in ["box", "button"] {
            assert!(
                number(&layout[part][0]) >= 24.0 && number(&layout[part][1]) >= 24.0,
                "the {lang} search {part} is smaller than 24×24 px: {layout}"
            );
        }
    }
}

#[test]
fn more_results_come_by_keyboard() {
    let example = example();
    let browser = Chromium::launch();
    let mut tab = Tab::open(&browser);
    // "và" (and) is on nearly every Vietnamese page: more than one screenful.
    let q = utf8_percent_encode("và", NON_ALPHANUMERIC);
    tab.load(&example.published.url(&format!("/vi/search/?q={q}")));
    tab.wait_true(
        &format!("{STATE} === 'done'"),
        ANSWER,
        "results for \"và\"",
        STATE,
    );
    let shown = "document.querySelectorAll('[data-search-results] a').length";
    assert_eq!(
        tab.eval(shown),
        Some(json!(20)),
        "the first screenful is 20 results"
    );
    assert_eq!(
        tab.eval("document.querySelector('[data-search-more]').hidden"),
        Some(json!(false)),
        "more than 20 results, and no button for the rest"
    );
    tab.eval("document.querySelector('[data-search-more]').focus(), true");
    tab.press("Enter", 13);
    tab.wait_true(
        &format!("{shown} > 20"),
        ANSWER,
        "more results after pressing Enter on the button",
        shown,
    );
    assert_eq!(
        tab.eval(
            "document.activeElement === document.querySelectorAll('[data-search-results] a')[20]"
        ),
        Some(json!(true)),
        "the focus does not move to the first new result"
    );
}

#[test]
fn without_javascript_the_box_leads_to_the_sections() {
    let example = example();
    let browser = Chromium::launch();
    let mut tab = Tab::open(&browser);
    tab.call(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": true}),
    )
    .expect("turn JavaScript off");
    tab.load(&example.published.url("/en/"));
    tab.eval("document.querySelector('.site-header input[name=q]').focus(), true")
        .expect("the header has a search box");
    tab.call("Input.insertText", json!({"text": "border"}))
        .expect("type the query");
    tab.press("Enter", 13);
    tab.wait_true(
        "location.pathname === '/en/search/' && location.search === '?q=border' \
         && document.readyState === 'complete'",
        ANSWER,
        "the search page",
        "location.href",
    );
    let fallback = tab
        .eval(
            "[document.querySelector('.search-nojs')?.innerText ?? '', \
              [...document.querySelectorAll('.search-nojs a')].map(a => a.getAttribute('href'))]",
        )
        .expect("read the page");
    let text = fallback[0].as_str().unwrap_or_default();
    assert!(
        text.contains("Search needs JavaScript"),
        "without JavaScript the search page does not say that search needs it: {text:?}"
    );
    let links: Vec<&str> = fallback[1]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .collect();
    for section in [
        "/en/news/",
        "/en/investment/",
        "/en/culture-tourism/",
        "/en/cooperation/",
    ] {
        assert!(
            links.contains(&section),
            "without JavaScript the search page does not list {section}: {links:?}"
        );
    }
}

#[test]
fn a_missing_index_says_search_is_unavailable() {
    let example = example();
    let browser = Chromium::launch();
    let mut tab = Tab::open(&browser);
    tab.call("Network.setBlockedURLs", json!({"urls": ["*/pagefind/*"]}))
        .expect("block the index");
    let answer = tab.search(&example.published, "en", "border");
    assert_eq!(answer.state, "unavailable", "{answer:?}");
    assert!(
        answer.status.starts_with("Search is unavailable"),
        "the status line does not say search is unavailable: {:?}",
        answer.status
    );
}

#[test]
fn search_false_leaves_out_the_form_the_page_and_the_index() {
    let site = Site::new();
    for lang in ["vi", "en", "lo"] {
        site.article(
            "news/cho-bien-gioi",
            lang,
            "Chợ biên giới",
            "2025-08-23",
            "",
            "Phiên chợ biên giới.",
        );
    }
    site.build_ok(&[]);
    // With search on (the default), as the contract has it.
    for lang in ["vi", "en", "lo"] {
        let html = site.html(&format!("{lang}/index.html"));
        assert_eq!(
            attrs(&html, "form[role=search]", "action"),
            [format!("/{lang}/search/")],
            "the {lang} home's header has no search form"
        );
        assert!(site.exists(&format!("{lang}/search/index.html")));
        assert!(site.exists(&format!("{lang}/pagefind/pagefind.js")));
    }

    site.file("site.yaml", &format!("{SITE_YAML}search: false\n"));
    site.build_ok(&[]);
    for lang in ["vi", "en", "lo"] {
        for page in ["index.html", "news/cho-bien-gioi/index.html", "404.html"] {
            let rel = format!("{lang}/{page}");
            if site.exists(&rel) {
                assert!(
                    select(&site.html(&rel), "form[role=search], input[name=q]").is_empty(),
                    "{rel} still has a search form with `search: false`"
                );
            }
        }
        assert!(
            !site.public(&format!("{lang}/pagefind")).exists(),
            "{lang}/pagefind/ is still published with `search: false`:\n{}",
            site.listing()
        );
        assert!(
            !site.public(&format!("{lang}/search")).exists(),
            "{lang}/search/ is still published with `search: false`"
        );
    }
    let script = std::fs::read_to_string(site.public("vi/index.html")).expect("the vi home");
    assert!(
        !script.contains("pagefind"),
        "a page still points at the index with `search: false`"
    );
}
