//! Valid HTML as the Nu Html Checker (vnu, the W3C's checker) reads it: the example site
//! (listings paginated by 3, so that second pages exist) built with the real binary, and
//! in vi, en and lo the pages of the documents registry and the news archive, an
//! article with its calendar and other news, the home and a section listing, all
//! checked in one run of vnu (the npm package vnu-jar and a Java runtime, installed by
//! `tests/setup/vnu.sh`). Not one error passes; vnu's warnings are not counted.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use serde_json::Value;

/// Three documents or articles a page: the example's registry and archive years then
/// have second pages.
const PAGINATE: u32 = 3;

/// Runs `tests/setup/vnu.sh` and returns the path of `vnu.jar`; panics, never skips,
/// when the setup fails.
fn vnu_jar() -> PathBuf {
    let installed = run_setup(
        "vnu.sh",
        "tests/validation.rs needs vnu-jar from the npm registry and Java 17 or later",
    )
    .and_then(|()| {
        let jar = test_tools().join("vnu/node_modules/vnu-jar/build/dist/vnu.jar");
        if jar.is_file() {
            Ok(jar)
        } else {
            Err(format!("vnu.sh succeeded but {} is missing", jar.display()))
        }
    });
    installed.unwrap_or_else(|message| panic!("{message}"))
}

/// One page to validate: what it is (for the report) and its root-relative address.
struct Page {
    kind: String,
    path: String,
}

/// The published page behind a root-relative address, parsed.
fn html_at(site: &Site, path: &str) -> Html {
    site.html(&file_for_url(path).unwrap_or_else(|| panic!("`{path}` is not an address")))
}

/// The root-relative `href`s of the elements matching `css` in the page at `path`.
fn links(site: &Site, path: &str, css: &str) -> Vec<String> {
    attrs(&html_at(site, path), css, "href")
        .into_iter()
        .filter(|href| href.starts_with('/'))
        .collect()
}

/// Whether the address's last segments are digits of these lengths (`[4, 2]` for
/// `/…/2024/03/`): a check that a page was found where the archive keeps it.
fn ends_with_date(path: &str, lengths: &[usize]) -> bool {
    let segments: Vec<&str> = path.trim_end_matches('/').rsplit('/').collect();
    segments.len() > lengths.len()
        && lengths.iter().rev().zip(&segments).all(|(len, segment)| {
            segment.len() == *len && segment.chars().all(|c| c.is_ascii_digit())
        })
}

/// The pages of one language to validate, found by following the site's own links:
/// the home; a section listing; the registry listing, its page 2, one filter page by
/// kind, by issuer and by year; a document page with its files, the list of pages that
/// mention it and its JSON-LD; an article with the month calendar and other news; the
/// archive's month (the article's), a day of that month, the month's year, the year's
/// page 2 and the archive's own page.
fn pages_to_validate(site: &Site, lang: &str) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut add = |kind: &str, path: &str| {
        pages.push(Page {
            kind: format!("{lang} {kind}"),
            path: path.to_string(),
        })
    };
    let home = format!("/{lang}/");
    add("home", &home);

    let sections: Vec<String> = links(site, &home, ".site-nav a[href]")
        .into_iter()
        .filter(|path| *path != home)
        .collect();
    let (registries, listings): (Vec<&String>, Vec<&String>) = sections
        .iter()
        .partition(|path| !select(&html_at(site, path), ".registry-table").is_empty());
    let registry = registries
        .first()
        .unwrap_or_else(|| panic!("no {lang} menu entry leads to the documents registry"));
    let section = listings
        .first()
        .unwrap_or_else(|| panic!("no {lang} menu entry leads to a section listing"));
    add("section listing", section);

    add("registry listing", registry);
    let mut registry_pages = vec![registry.to_string()];
    if let Some(next) = links(site, registry, ".pagination a[rel=next]").first() {
        add("registry listing, page 2", next);
        registry_pages.push(next.clone());
    }
    // registry.html puts the filter groups in this order, each only when not empty.
    let filters = html_at(site, registry);
    let groups = select(&filters, ".registry-filters .registry-filter");
    assert_eq!(
        groups.len(),
        3,
        "the {lang} registry should offer filters by kind, issuer and year"
    );
    for (group, by) in groups.iter().zip(["kind", "issuer", "year"]) {
        let first = group
            .select(&selector("a[href]"))
            .filter_map(|a| a.value().attr("href"))
            .find(|href| href.starts_with('/'))
            .unwrap_or_else(|| panic!("the {lang} registry's filter by {by} has no link"));
        if by == "year" {
            assert!(ends_with_date(first, &[4]), "a year's page: {first}");
        }
        add(&format!("registry filter page by {by}"), first);
    }

    let document = registry_pages
        .iter()
        .flat_map(|page| links(site, page, ".registry-table tbody td:first-child a[href]"))
        .find(|path| {
            let html = html_at(site, path);
            !select(&html, ".document-files a").is_empty()
                && !select(&html, ".document-mentions a").is_empty()
                && !select(&html, "script[type=\"application/ld+json\"]").is_empty()
        })
        .unwrap_or_else(|| {
            panic!("no {lang} document page has files, a list of mentions and JSON-LD")
        });
    add("document page (files, mentions, JSON-LD)", &document);

    let article = links(site, section, ".card-title a[href]")
        .into_iter()
        .find(|path| {
            let html = html_at(site, path);
            !select(&html, ".calendar-month").is_empty()
                && !select(&html, ".other-news-list a").is_empty()
        })
        .unwrap_or_else(|| {
            panic!("no {lang} article in {section} shows a calendar and other news")
        });
    add("article (calendar, other news)", &article);

    let month = links(site, &article, ".calendar-month caption a[href]")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("the calendar of {article} links no month"));
    assert!(ends_with_date(&month, &[4, 2]), "a month's page: {month}");
    let day = links(site, &month, ".calendar-month td a[href]")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("the calendar of {month} links no day"));
    assert!(ends_with_date(&day, &[4, 2, 2]), "a day's page: {day}");
    // The breadcrumb's last link leads one level up: month → year → archive.
    let up = |path: &str| {
        links(site, path, ".breadcrumb a[href]")
            .pop()
            .unwrap_or_else(|| panic!("the breadcrumb of {path} has no link"))
    };
    let year = up(&month);
    assert!(ends_with_date(&year, &[4]), "a year's page: {year}");
    let archive = up(&year);
    add("archive", &archive);
    add("archive year", &year);
    if let Some(next) = links(site, &year, ".pagination a[rel=next]").first() {
        add("archive year, page 2", next);
    }
    add("archive month", &month);
    add("archive day", &day);
    pages
}

/// What vnu reported about one file.
struct Message {
    file: String,
    line: u64,
    column: u64,
    text: String,
    extract: String,
}

/// Runs vnu once over every file (one Java start) with `--errors-only`, and returns its
/// messages; panics with its output when that is not vnu's JSON report.
fn vnu(jar: &Path, files: &[PathBuf]) -> Vec<Message> {
    let output = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "json", "--stdout"])
        .args(files)
        .output()
        .expect("run java (tests/setup/vnu.sh installs it)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "vnu gave no JSON report ({e}; {})\nstdout:\n{stdout}\nstderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let messages = report["messages"]
        .as_array()
        .unwrap_or_else(|| panic!("vnu's report has no messages list:\n{report}"));
    messages
        .iter()
        .map(|m| {
            let url = m["url"].as_str().unwrap_or_default();
            let path = url.strip_prefix("file:").unwrap_or(url);
            Message {
                file: percent_encoding::percent_decode_str(path)
                    .decode_utf8_lossy()
                    .into_owned(),
                line: m["lastLine"].as_u64().unwrap_or(0),
                column: m["firstColumn"].as_u64().unwrap_or(0),
                text: format!(
                    "{}: {}",
                    m["type"].as_str().unwrap_or("?"),
                    m["message"].as_str().unwrap_or("?")
                ),
                extract: m["extract"].as_str().unwrap_or_default().replace('\n', "↵"),
            }
        })
        .collect()
}

#[test]
fn registry_and_archive_pages_in_every_language_have_no_html_errors() {
    // Set up first: a missing tool fails the test before the build, not after.
    let jar = vnu_jar();
    let site = example_site(PAGINATE);
    site.build_ok(&[]);
    let pages: Vec<Page> = ["vi", "en", "lo"]
        .iter()
        .flat_map(|lang| pages_to_validate(&site, lang))
        .collect();
    for page in &pages {
        println!("validating {} {}", page.kind, page.path);
    }
    for must in ["registry listing, page 2", "archive year, page 2"] {
        assert!(
            pages.iter().any(|page| page.kind.ends_with(must)),
            "no language has a {must} at paginate: {PAGINATE}"
        );
    }

    // Which page each file is, by the path vnu names it with.
    let mut by_file: BTreeMap<String, &Page> = BTreeMap::new();
    let mut files = Vec::new();
    for page in &pages {
        let rel = file_for_url(&page.path).expect("a root-relative address");
        let file = site.public(&rel);
        assert!(
            file.is_file(),
            "{} {} is not published",
            page.kind,
            page.path
        );
        by_file.insert(file.to_string_lossy().into_owned(), page);
        files.push(file);
    }
    // A control, so that a checker that reads nothing cannot pass: a copy of a page with
    // a stray end tag, under a Lao name as the Lao pages have.
    let sample = site.read(&file_for_url(&pages[0].path).expect("an address"));
    let control = site.path("control/ຜິດ.html");
    site.file(
        "control/ຜິດ.html",
        &sample.replacen("</main>", "</span></main>", 1),
    );
    files.push(control.clone());

    let messages = vnu(&jar, &files);
    let control = control.to_string_lossy();
    assert!(
        messages
            .iter()
            .any(|m| m.file == control && m.text.contains("Stray end tag")),
        "vnu did not report the stray end tag in {control}; it reported:\n{}",
        messages
            .iter()
            .map(|m| format!("{}: {}", m.file, m.text))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m.file != control)
        .map(|m| {
            let page = by_file.get(&m.file).map_or_else(
                || m.file.clone(),
                |page| format!("{} {}", page.kind, page.path),
            );
            let rel = m
                .file
                .strip_prefix(&*site.public("").to_string_lossy())
                .unwrap_or(&m.file);
            format!(
                "{page} (public/{}:{}:{}):\n  {}\n  near: {}",
                rel.trim_start_matches('/'),
                m.line,
                m.column,
                m.text,
                m.extract
            )
        })
        .collect();
    assert!(
        errors.is_empty(),
        "vnu reports {} error(s) in the {} pages checked:\n\n{}",
        errors.len(),
        pages.len(),
        errors.join("\n\n")
    );
}
