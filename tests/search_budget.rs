//! What search costs a reader in bytes, measured in headless Chromium on a generated
//! site (`bench/search.sh` makes it and runs this; it is too big for every test run,
//! hence `#[ignore]`). For each language, a reader on the home page opens the search
//! page with a common query, then types a second one: every file the browser asks for
//! that the home page had not already loaded is counted at its size on the wire from a
//! host that gzips (the index files are stored gzipped; scripts, JSON and the page
//! itself are gzipped here as such a host would). The budget: the first query at most
//! 300 KB, the second at most 100 KB more.
mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::chromium::{Chromium, Tab, js};
use common::static_server::StaticServer;
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

const FIRST_BUDGET: usize = 300 * 1024;
const SECOND_BUDGET: usize = 100 * 1024;

/// Two queries a reader of each language might type, words found on most pages of a
/// generated site (the worst case: their index entries are the largest).
const QUERIES: &[(&str, &str, &str)] = &[
    ("vi", "cửa khẩu", "lễ hội"),
    ("en", "border gate", "festival"),
    ("lo", "ຊາຍແດນ", "ການຄ້າ"),
];

const STATE: &str = "document.querySelector('[data-search]')?.dataset.searchState";

#[test]
#[ignore = "run by bench/search.sh on a generated site"]
fn bytes_per_query() {
    let site = PathBuf::from(
        std::env::var_os("MEKONG_BUDGET_SITE")
            .expect("MEKONG_BUDGET_SITE names the site to measure (bench/search.sh sets it)"),
    );
    let public = std::env::temp_dir().join(format!("mekong-budget-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&public);
    std::fs::create_dir_all(&public).expect("create the output folder");
    let server = StaticServer::start(public.clone());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mekong"))
        .arg("--root")
        .arg(&site)
        .args(["build", "--output"])
        .arg(&public)
        .args(["--base-url", &server.origin])
        .env("NO_COLOR", "1")
        .output()
        .expect("run the mekong binary");
    assert!(
        out.status.success(),
        "the build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let browser = Chromium::launch();
    let mut over = Vec::new();
    println!("lang  query                 files   first KB | query        files  second KB");
    for &(lang, first, second) in QUERIES {
        let mut tab = Tab::open(&browser);
        open(&mut tab, &server.url(&format!("/{lang}/")));
        tab.wait_true(
            &format!("location.pathname === '/{lang}/' && document.readyState === 'complete'"),
            Duration::from_secs(30),
            "the home page",
            "location.pathname",
        );
        std::thread::sleep(Duration::from_millis(500));
        let mut had: BTreeSet<String> = BTreeSet::new();
        let mut seen = 0;
        fresh(&server, &mut seen, &mut had);

        let q = utf8_percent_encode(first, NON_ALPHANUMERIC);
        open(&mut tab, &server.url(&format!("/{lang}/search/?q={q}")));
        wait_answer(&mut tab, first);
        let one = fresh(&server, &mut seen, &mut had);
        let one_bytes = wire_size(&public, &one);

        tab.clear_events();
        tab.eval(&format!(
            "(() => {{ document.querySelector('[data-search]').dataset.searchState = ''; \
             const f = document.querySelector('[data-search-page-form]'); \
             f.q.value = {}; f.requestSubmit(); return true; }})()",
            js(second)
        ))
        .expect("the search page has its form");
        wait_answer(&mut tab, second);
        let two = fresh(&server, &mut seen, &mut had);
        let two_bytes = wire_size(&public, &two);
        println!(
            "{lang:<5} {first:<20} {:>6} {:>10.1} | {second:<12} {:>5} {:>10.1}",
            one.len(),
            one_bytes as f64 / 1024.0,
            two.len(),
            two_bytes as f64 / 1024.0
        );
        println!("      first:  {}", breakdown(&public, &one));
        println!("      second: {}", breakdown(&public, &two));
        if one_bytes > FIRST_BUDGET {
            over.push(format!("{lang} first query {first:?}: {one_bytes} bytes"));
        }
        if two_bytes > SECOND_BUDGET {
            over.push(format!("{lang} second query {second:?}: {two_bytes} bytes"));
        }
    }
    let _ = std::fs::remove_dir_all(&public);
    assert!(over.is_empty(), "over the budget: {over:#?}");
}

/// Goes to `url`, keeping every event from the start (`Tab::load` drops those before the
/// load event).
fn open(tab: &mut Tab, url: &str) {
    tab.clear_events();
    tab.call("Page.navigate", serde_json::json!({ "url": url }))
        .unwrap_or_else(|e| panic!("navigate to {url}: {e}"));
}

fn wait_answer(tab: &mut Tab, query: &str) {
    tab.wait_true(
        &format!("['done', 'none', 'unavailable'].includes({STATE})"),
        Duration::from_secs(60),
        &format!("an answer to {query:?}"),
        STATE,
    );
    let state = tab.eval(STATE).unwrap_or_default();
    assert_eq!(state, "done", "{query:?} found nothing on a generated site");
}

/// The files the server sent since the `seen` first requests of its log (after a
/// moment for the last ones to arrive) that it had not sent before: those a browser
/// with a cache downloads. Noted as had.
fn fresh(server: &StaticServer, seen: &mut usize, had: &mut BTreeSet<String>) -> Vec<String> {
    std::thread::sleep(Duration::from_secs(1));
    let log = server.requested();
    let mut new = Vec::new();
    for target in &log[*seen..] {
        let path = target
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .to_string();
        if had.insert(path.clone()) {
            new.push(path);
        }
    }
    *seen = log.len();
    new
}

/// `paths` by kind of file, with their sizes on the wire.
fn breakdown(public: &Path, paths: &[String]) -> String {
    let mut kinds: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for path in paths {
        let kind = if path.contains("/fragment/") {
            "fragments"
        } else if path.contains("/index/") {
            "index chunks"
        } else if path.ends_with(".pf_meta") {
            "metadata"
        } else if path.contains("/pagefind/") {
            "script and wasm"
        } else {
            "page and theme"
        };
        let slot = kinds.entry(kind).or_default();
        slot.0 += 1;
        slot.1 += wire_size(public, std::slice::from_ref(path));
    }
    kinds
        .iter()
        .map(|(kind, (files, bytes))| format!("{kind} {files}: {:.1} KB", *bytes as f64 / 1024.0))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The bytes the files at `paths` take on the wire from a host that gzips what is not
/// gzipped yet.
fn wire_size(public: &Path, paths: &[String]) -> usize {
    paths
        .iter()
        .map(|url| {
            let path = percent_decode_str(url).decode_utf8_lossy();
            let mut file = public.join(path.trim_start_matches('/'));
            if path.ends_with('/') {
                file.push("index.html");
            }
            let bytes = std::fs::read(&file)
                .unwrap_or_else(|e| panic!("{url} was requested; reading {file:?}: {e}"));
            if bytes.starts_with(&[0x1f, 0x8b]) {
                bytes.len()
            } else {
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
                gz.write_all(&bytes).expect("gzip in memory");
                gz.finish().expect("gzip in memory").len()
            }
        })
        .sum()
}
