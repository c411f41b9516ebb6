//! Accessibility of the default theme as an auditor measures it: the example site (this
//! repository's own content) served by a plain static web server, every page kind in
//! every language opened in headless Chromium at a phone width and a desktop width, and
//! axe-core (the npm package, installed by `tests/setup/axe.sh`) run on each page with
//! its default rules, best practices included. Not one violation of any impact passes,
//! nor a link or button smaller than 24×24 CSS pixels outside running text.

mod common;

use common::chromium::{Chromium, Tab};
use common::static_server::StaticServer;
use common::*;
use serde_json::Value;

/// The screens every page is checked on: a small phone (touch, the viewport meta tag
/// honoured) and a desktop browser window.
const SCREENS: [Screen; 2] = [
    Screen {
        width: 375,
        height: 812,
        mobile: true,
    },
    Screen {
        width: 1280,
        height: 800,
        mobile: false,
    },
];

#[derive(Clone, Copy)]
struct Screen {
    width: u32,
    height: u32,
    mobile: bool,
}

/// The example site lists 10 articles a page and no section has that many; this many a
/// page gives its sections and its busiest terms a second page to check.
const PAGINATE: u32 = 3;

/// Runs `tests/setup/axe.sh` once per test binary and returns the text of `axe.min.js`.
fn axe_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<Result<String, String>> = std::sync::OnceLock::new();
    let source = SOURCE.get_or_init(|| {
        run_setup(
            "axe.sh",
            "tests/accessibility.rs needs axe-core from the npm registry",
        )?;
        let path = test_tools().join("axe/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).map_err(|e| format!("read {}: {e}", path.display()))
    });
    match source {
        Ok(source) => source,
        Err(message) => panic!("{message}"),
    }
}

/// One page to check: what it is (for the report) and its root-relative address.
struct Page {
    kind: String,
    path: String,
}

/// Every page kind of the built site in every language: the language chooser, each
/// language's home, section listings and their second pages, articles, the documents
/// registry (its listing, a filter page, a document's page, one that lists the articles
/// mentioning it), archive month
/// and day pages, the single page,
/// both term lists, term pages and their second pages, and the 404 pages (reached as a
/// reader does, through an address that does not exist).
fn pages_to_check(site: &Site, origin: &str, languages: &[&str]) -> Vec<Page> {
    let mut pages = vec![Page {
        kind: "language chooser".into(),
        path: "/".into(),
    }];
    let local = |href: &str| -> Option<String> {
        let path = href.strip_prefix(origin).unwrap_or(href);
        path.starts_with('/').then(|| path.to_string())
    };
    let html_at = |path: &str| {
        let rel = file_for_url(path).expect("a root-relative address");
        site.html(&rel)
    };
    // The first link of `css` in the page at `path`, as a root-relative address.
    let first_link = |path: &str, css: &str| -> Option<String> {
        attrs(&html_at(path), css, "href")
            .iter()
            .find_map(|href| local(href))
    };
    for lang in languages {
        let home = format!("/{lang}/");
        pages.push(Page {
            kind: format!("{lang} home"),
            path: home.clone(),
        });
        let sections: Vec<String> = attrs(&html_at(&home), ".site-nav a[href]", "href")
            .iter()
            .filter_map(|href| local(href))
            .filter(|path| *path != home)
            .collect();
        assert!(!sections.is_empty(), "the {lang} home links no section");
        // Every section's first and second listing page and its newest article: the
        // sections' articles differ in what their bodies hold (figures, tables, lists).
        let mut second_pages = 0;
        for section in &sections {
            pages.push(Page {
                kind: format!("{lang} section listing"),
                path: section.clone(),
            });
            if let Some(next) = first_link(section, ".pagination a[rel=next]") {
                second_pages += 1;
                pages.push(Page {
                    kind: format!("{lang} section listing, page 2"),
                    path: next,
                });
            }
            if let Some(article) = first_link(section, ".card-title a[href]") {
                pages.push(Page {
                    kind: format!("{lang} article"),
                    path: article,
                });
            }
            // The documents registry: a document's page and a filter page.
            if let Some(document) = first_link(section, ".registry-table tbody a[href]") {
                pages.push(Page {
                    kind: format!("{lang} document page"),
                    path: document,
                });
            }
            // A document's page that lists the articles mentioning it.
            let listed = attrs(&html_at(section), ".registry-table tbody a[href]", "href");
            if let Some(mentioned) = listed
                .iter()
                .filter_map(|href| local(href))
                .find(|path| !select(&html_at(path), ".document-mentions a").is_empty())
            {
                pages.push(Page {
                    kind: format!("{lang} document page with its mentions"),
                    path: mentioned,
                });
            }
            if let Some(filter) = first_link(section, ".registry-filters a[href]") {
                pages.push(Page {
                    kind: format!("{lang} registry filter page"),
                    path: filter,
                });
            }
        }
        assert!(
            second_pages > 0,
            "no {lang} section has a second page at paginate: {PAGINATE}"
        );
        // The archive: the month and the first day with news of the last article's
        // calendar.
        let article = format!("{lang} article");
        let last_article = pages.iter().rev().find(|p| p.kind == article);
        let month = last_article
            .and_then(|page| first_link(&page.path, ".calendar-month caption a[href]"))
            .unwrap_or_else(|| panic!("the {lang} article's calendar links no month"));
        if let Some(day) = first_link(&month, ".calendar-month td a[href]") {
            pages.push(Page {
                kind: format!("{lang} archive day"),
                path: day,
            });
        }
        pages.push(Page {
            kind: format!("{lang} archive month"),
            path: month,
        });
        // The example's single page (a Markdown file outside any section).
        let about = format!("/{lang}/about/");
        if site.exists(&file_for_url(&about).expect("an address")) {
            pages.push(Page {
                kind: format!("{lang} single page"),
                path: about,
            });
        }
        // Term pages share one template: each taxonomy's first term, and its first term
        // long enough for a second page (both pages).
        for taxonomy in ["categories", "tags"] {
            let list = format!("/{lang}/{taxonomy}/");
            pages.push(Page {
                kind: format!("{lang} term list"),
                path: list.clone(),
            });
            let terms: Vec<String> = attrs(&html_at(&list), ".terms a[href]", "href")
                .iter()
                .filter_map(|href| local(href))
                .collect();
            assert!(!terms.is_empty(), "{list} lists no term");
            pages.push(Page {
                kind: format!("{lang} term page"),
                path: terms[0].clone(),
            });
            let paginated = terms.iter().find_map(|term| {
                first_link(term, ".pagination a[rel=next]").map(|next| (term, next))
            });
            if let Some((term, next)) = paginated {
                if *term != terms[0] {
                    pages.push(Page {
                        kind: format!("{lang} term page"),
                        path: term.clone(),
                    });
                }
                pages.push(Page {
                    kind: format!("{lang} term page, page 2"),
                    path: next,
                });
            } else {
                assert!(
                    taxonomy != "categories",
                    "no {lang} category has a second page at paginate: {PAGINATE}"
                );
            }
        }
        pages.push(Page {
            kind: format!("{lang} 404"),
            path: format!("/{lang}/{}/", encode("không-có-trang-này")),
        });
        // The search page with results (its script fills them in; see the wait below).
        let query = match *lang {
            "lo" => "ຕະຫຼາດ",
            "en" => "border",
            _ => "biên giới",
        };
        pages.push(Page {
            kind: format!("{lang} search results"),
            path: format!("/{lang}/search/?q={}", encode(query)),
        });
    }
    pages.push(Page {
        kind: "404 outside the languages".into(),
        path: "/khong-co-trang-nay/".into(),
    });
    pages
}

/// Runs axe-core on the page open in `tab`; one line per rule violated, with its impact,
/// what it asks for and the elements that fail it.
fn axe_violations(tab: &mut Tab) -> Vec<String> {
    tab.eval_awaited(axe_source())
        .unwrap_or_else(|e| panic!("load axe-core into the page: {e}"));
    let report = tab
        .eval_awaited(
            "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary })),
            })))",
        )
        .unwrap_or_else(|e| panic!("axe.run: {e}"));
    let Value::Array(violations) = report else {
        panic!("axe.run gave no list: {report}");
    };
    violations
        .iter()
        .map(|v| {
            let nodes: Vec<String> = v["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| {
                    let summary = n["summary"].as_str().unwrap_or_default();
                    let first = summary.lines().nth(1).unwrap_or(summary).trim();
                    format!("      {}  — {first}", n["target"].as_str().unwrap_or("?"))
                })
                .collect();
            format!(
                "  {} ({}): {}\n{}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
                nodes.join("\n")
            )
        })
        .collect()
}

/// Links and buttons smaller than 24×24 CSS pixels (WCAG 2.5.8) outside the editors'
/// running text, whose links are exempt as inline. axe-core's `target-size` also
/// accepts a small target with enough space around it, which depends on the fonts the
/// browser happens to have; this stricter check does not.
fn small_targets(tab: &mut Tab) -> Vec<String> {
    let found = tab
        .eval_awaited(
            "[...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
                .filter(e => !e.closest('.prose') && e.getClientRects().length > 0)
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => r.width > 0 && r.height > 0
                    && (Math.round(r.width) < 24 || Math.round(r.height) < 24))
                .map(([e, r]) => `${e.tagName.toLowerCase()}${[...e.classList].map(c => '.' + c).join('')}`
                    + ` \"${e.textContent.trim().slice(0, 40)}\" in .${e.parentElement.className || e.parentElement.tagName.toLowerCase()}`
                    + `: ${Math.round(r.width)}×${Math.round(r.height)} px`)",
        )
        .unwrap_or_else(|e| panic!("measure the targets: {e}"));
    let Value::Array(found) = found else {
        panic!("the measurement gave no list: {found}");
    };
    found
        .iter()
        .map(|line| format!("      {}", line.as_str().unwrap_or("?")))
        .collect()
}

#[test]
fn every_page_kind_in_every_language_is_accessible_on_phones_and_desktops() {
    let source = axe_source();
    assert!(
        source.contains("axe"),
        "axe.min.js does not look like axe-core"
    );
    let site = example_site(PAGINATE);
    let server = StaticServer::start(site.public(""));
    let out = site.public("");
    site.build_ok(&[
        "--output",
        out.to_str().expect("temporary paths are UTF-8"),
        "--base-url",
        &server.origin,
    ]);
    let pages = pages_to_check(&site, &server.origin, &["vi", "en", "lo"]);

    let browser = Chromium::launch();
    let mut tab = Tab::open(&browser);
    let mut failures = Vec::new();
    let mut checked = 0;
    for screen in SCREENS {
        tab.emulate_screen(screen.width, screen.height, screen.mobile);
        for page in &pages {
            tab.load(&server.url(&page.path));
            if page.path.contains("/search/?") {
                tab.wait_true(
                    "['done', 'none', 'unavailable'].includes(document.querySelector('[data-search]')?.dataset.searchState)",
                    std::time::Duration::from_secs(30),
                    "search results",
                    "document.querySelector('[data-search]')?.dataset.searchState",
                );
            }
            let mut problems = axe_violations(&mut tab);
            let small = small_targets(&mut tab);
            if !small.is_empty() {
                problems.push(format!("  targets under 24×24 px:\n{}", small.join("\n")));
            }
            checked += 1;
            if !problems.is_empty() {
                failures.push(format!(
                    "{} {} at {} px:\n{}",
                    page.kind,
                    page.path,
                    screen.width,
                    problems.join("\n")
                ));
            }
        }
    }
    assert!(
        checked >= 2 * 3 * 10,
        "only {checked} page views were checked"
    );
    assert!(
        failures.is_empty(),
        "axe-core violations or small targets on {} of {checked} page views:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
