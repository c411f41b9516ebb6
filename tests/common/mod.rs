//! The test harness: a fixture site in a temporary folder, the real `mekong` binary run
//! on it, and small readers for what came out (parsed HTML, files, diagnostics).
//!
//! Each integration test file (`tests/*.rs`) includes this module with `mod common;`;
//! not every file uses every helper, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub use scraper::{ElementRef, Html, Selector};

/// The site's address in `SITE_YAML`; absolute URLs in the output start with it.
pub const BASE_URL: &str = "https://example.gov.vn";

/// A minimal valid trilingual configuration. `paginate: 2` so that three articles in a
/// section already make a second listing page.
pub const SITE_YAML: &str = "\
base_url: https://example.gov.vn
default_language: vi
languages:
  vi: { name: \"Tiếng Việt\", title: \"Cổng thông tin đối ngoại\" }
  en: { name: \"English\", title: \"External Information Portal\" }
  lo: { name: \"ພາສາລາວ\", title: \"ປະຕູຂໍ້ມູນຂ່າວສານ\" }
paginate: 2
";

/// A fixture site in its own temporary folder, removed when dropped.
pub struct Site {
    dir: tempfile::TempDir,
    /// The working directory of every run: empty, so nothing can depend on it.
    cwd: tempfile::TempDir,
}

/// What one run of the binary returned.
#[derive(Debug)]
pub struct Output {
    /// `None` when the process was killed by a signal.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Site {
    /// A site holding only `SITE_YAML`.
    pub fn new() -> Site {
        let site = Site::empty();
        site.file("site.yaml", SITE_YAML);
        site
    }

    /// A folder with nothing in it, not even `site.yaml`.
    pub fn empty() -> Site {
        Site {
            dir: tempfile::Builder::new()
                .prefix("mekong-site-")
                .tempdir()
                .expect("create a temporary site folder"),
            cwd: tempfile::Builder::new()
                .prefix("mekong-cwd-")
                .tempdir()
                .expect("create a temporary working folder"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `root/rel`.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a text file (parents created), replacing any earlier one.
    pub fn file(&self, rel: &str, text: &str) -> &Site {
        self.bytes(rel, text.as_bytes())
    }

    /// Writes a file's bytes (parents created), replacing any earlier one.
    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("a file has a parent folder"))
            .expect("create parent folders");
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        self
    }

    /// Writes a small valid image; the format follows the extension (`.png`, `.jpg`).
    pub fn image(&self, rel: &str, width: u32, height: u32) -> &Site {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("a file has a parent folder"))
            .expect("create parent folders");
        let picture = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 40) as u8, (y * 40) as u8, 128])
        });
        picture
            .save(&path)
            .unwrap_or_else(|e| panic!("write image {}: {e}", path.display()));
        self
    }

    /// Writes `content/<bundle>/index.<lang>.md` (see [`article`]) and returns its path
    /// relative to the site root, as diagnostics name it.
    pub fn article(
        &self,
        bundle: &str,
        lang: &str,
        title: &str,
        date: &str,
        extra_front_matter: &str,
        body: &str,
    ) -> String {
        let rel = format!("content/{bundle}/index.{lang}.md");
        self.file(&rel, &article(title, date, extra_front_matter, body));
        rel
    }

    /// Writes `content/<section>/_index.<lang>.md` with a title and a slug.
    pub fn section(&self, section: &str, lang: &str, title: &str, slug: &str) -> &Site {
        self.file(
            &format!("content/{section}/_index.{lang}.md"),
            &format!(
                "---\ntitle: \"{}\"\nslug: \"{slug}\"\n---\n",
                yaml_escape(title)
            ),
        )
    }

    /// Runs `mekong --root <site> build ARGS…` with `NO_COLOR=1`.
    pub fn build(&self, args: &[&str]) -> Output {
        let root = self.root().to_str().expect("temporary paths are UTF-8");
        let mut all = vec!["--root", root, "build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Runs a build that must succeed, and returns its output.
    pub fn build_ok(&self, args: &[&str]) -> Output {
        let output = self.build(args);
        output.assert_success();
        output
    }

    /// Runs `mekong ARGS…` exactly as given, from an empty working folder.
    pub fn run(&self, args: &[&str]) -> Output {
        let output = Command::new(env!("CARGO_BIN_EXE_mekong"))
            .args(args)
            .current_dir(self.cwd.path())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .output()
            .expect("run the mekong binary");
        Output {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// `root/public/rel`.
    pub fn public(&self, rel: &str) -> PathBuf {
        self.root().join("public").join(rel)
    }

    pub fn exists(&self, public_rel: &str) -> bool {
        self.public(public_rel).is_file()
    }

    /// The text of `public/<rel>`; panics with the list of published files if missing.
    pub fn read(&self, public_rel: &str) -> String {
        let path = self.public(public_rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read public/{public_rel}: {e}\npublished files:\n{}",
                self.listing()
            )
        })
    }

    /// `public/<rel>` parsed as an HTML document.
    pub fn html(&self, public_rel: &str) -> Html {
        Html::parse_document(&self.read(public_rel))
    }

    /// Every file under `public/`, for failure messages.
    pub fn listing(&self) -> String {
        tree(&self.root().join("public"))
            .keys()
            .map(|path| format!("  {path}\n"))
            .collect()
    }

    /// Whether the published file behind a link exists (see [`file_for_url`]).
    pub fn url_exists(&self, url: &str) -> bool {
        file_for_url(url).is_some_and(|rel| self.exists(&rel))
    }
}

impl Output {
    pub fn assert_success(&self) {
        assert_eq!(
            self.code,
            Some(0),
            "the build failed\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
    }

    pub fn assert_code(&self, code: i32) {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit code {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
    }

    /// The diagnostics on stderr, one block each (headline, location, snippet, hint).
    /// A block starts at an unindented line beginning with `error` or `warning`.
    pub fn problems(&self) -> Vec<String> {
        let mut blocks: Vec<String> = Vec::new();
        for line in self.stderr.lines() {
            if line.starts_with("error") || line.starts_with("warning") || blocks.is_empty() {
                blocks.push(String::new());
            }
            let block = blocks.last_mut().expect("a block was just pushed");
            block.push_str(line);
            block.push('\n');
        }
        blocks
    }

    /// The diagnostic located at `file:line:` (`line` counted in the whole file, from 1).
    /// Panics with all of stderr when there is none.
    pub fn problem_at(&self, file: &str, line: usize) -> String {
        let location = format!("{file}:{line}:");
        self.problems()
            .into_iter()
            .find(|block| block.contains(&location))
            .unwrap_or_else(|| {
                panic!(
                    "no problem reported at `{location}`\nstderr:\n{}",
                    self.stderr
                )
            })
    }

    /// The diagnostic naming `file` (for problems of a whole file, without a line).
    pub fn problem_in(&self, file: &str) -> String {
        self.problems()
            .into_iter()
            .find(|block| block.contains(file))
            .unwrap_or_else(|| panic!("no problem reported in `{file}`\nstderr:\n{}", self.stderr))
    }
}

/// Asserts that a diagnostic block carries a hint (a `help:` or `hint:` line) and that
/// the hint, not the message or the quoted source, says `expected`.
pub fn assert_hint(problem: &str, expected: &str) {
    let start = ["help:", "hint:"]
        .iter()
        .filter_map(|label| problem.find(label))
        .min()
        .unwrap_or_else(|| panic!("the problem has no hint:\n{problem}"));
    let hint = &problem[start..];
    assert!(
        hint.contains(expected),
        "the hint should say `{expected}`:\n{problem}"
    );
}

/// The text of an article file: front matter with `title` and `date` (both left out
/// when empty), the `extra_front_matter` lines as written, then `body`.
///
/// Line numbers: `---` is line 1, `title` line 2, `date` line 3, the extra lines follow,
/// then `---`, then the body.
pub fn article(title: &str, date: &str, extra_front_matter: &str, body: &str) -> String {
    let mut text = String::from("---\n");
    if !title.is_empty() {
        text.push_str(&format!("title: \"{}\"\n", yaml_escape(title)));
    }
    if !date.is_empty() {
        text.push_str(&format!("date: {date}\n"));
    }
    for line in extra_front_matter.lines() {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str("---\n");
    text.push_str(body);
    if !body.is_empty() && !body.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn yaml_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Parses a CSS selector written in a test.
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector `{css}`: {e:?}"))
}

/// Every element matching `css`.
pub fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&selector(css)).collect()
}

/// The value of `attr` on every element matching `css` that has it.
pub fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    select(html, css)
        .into_iter()
        .filter_map(|element| element.value().attr(attr).map(str::to_string))
        .collect()
}

/// The one value of `attr` on the one element matching `css`.
pub fn attr(html: &Html, css: &str, attr: &str) -> String {
    let values = attrs(html, css, attr);
    assert_eq!(
        values.len(),
        1,
        "expected one `{css}` with `{attr}`, found {values:?}"
    );
    values.into_iter().next().expect("checked above")
}

/// The text of an element, whitespace collapsed.
pub fn text(element: &ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The visible text of the whole `<body>`, whitespace collapsed.
pub fn body_text(html: &Html) -> String {
    select(html, "body")
        .iter()
        .map(text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `<html lang>`.
pub fn html_lang(html: &Html) -> String {
    attr(html, "html", "lang")
}

/// `(hreflang, href)` of every `<link rel="alternate" hreflang>`, in document order.
pub fn alternates(html: &Html) -> Vec<(String, String)> {
    select(html, "link[rel=\"alternate\"][hreflang]")
        .into_iter()
        .map(|link| {
            (
                link.value()
                    .attr("hreflang")
                    .unwrap_or_default()
                    .to_string(),
                link.value().attr("href").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The `href` of the alternate for `hreflang`; panics if there is none.
pub fn alternate(html: &Html, hreflang: &str) -> String {
    alternates(html)
        .into_iter()
        .find(|(lang, _)| lang == hreflang)
        .map(|(_, href)| href)
        .unwrap_or_else(|| {
            panic!(
                "no hreflang=\"{hreflang}\" alternate in {:?}",
                alternates(html)
            )
        })
}

/// One entry of the default theme's language switcher (`nav.lang-switcher` in
/// `partials/switcher.html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwitcherEntry {
    pub lang: String,
    pub href: String,
    /// `aria-current="page"`: the page being read.
    pub current: bool,
    /// `class="untranslated"`: no version in that language, the link leads to its home.
    pub untranslated: bool,
    pub text: String,
}

pub fn switcher(html: &Html) -> Vec<SwitcherEntry> {
    select(html, "nav.lang-switcher a[hreflang]")
        .into_iter()
        .map(|link| {
            let value = link.value();
            SwitcherEntry {
                lang: value.attr("hreflang").unwrap_or_default().to_string(),
                href: value.attr("href").unwrap_or_default().to_string(),
                current: value.attr("aria-current") == Some("page"),
                untranslated: value.classes().any(|class| class == "untranslated"),
                text: text(&link),
            }
        })
        .collect()
}

/// The switcher entry for `lang`; panics if there is none.
pub fn switcher_entry(html: &Html, lang: &str) -> SwitcherEntry {
    switcher(html)
        .into_iter()
        .find(|entry| entry.lang == lang)
        .unwrap_or_else(|| panic!("no `{lang}` entry in the language switcher"))
}

/// The `href` of every link whose text is exactly `link_text`.
pub fn links_with_text(html: &Html, link_text: &str) -> Vec<String> {
    select(html, "a[href]")
        .into_iter()
        .filter(|a| text(a) == link_text)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// Percent-encodes one path segment as links should carry it (`ຂ່າວ` → `%E0%BA%82…`).
pub fn encode(segment: &str) -> String {
    percent_encoding::utf8_percent_encode(segment, percent_encoding::NON_ALPHANUMERIC)
        .to_string()
        // Unreserved characters stay as they are.
        .replace("%2D", "-")
        .replace("%2E", ".")
        .replace("%5F", "_")
        .replace("%7E", "~")
}

/// The file under `public/` that serves a link: the site origin, query and fragment
/// dropped, percent-decoded, `index.html` added to folders. `None` for other sites.
pub fn file_for_url(url: &str) -> Option<String> {
    let path = match url.strip_prefix(BASE_URL) {
        Some(rest) => rest,
        None if url.starts_with('/') && !url.starts_with("//") => url,
        None => return None,
    };
    let path = path.split(['#', '?']).next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut rel = decoded.trim_start_matches('/').to_string();
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    Some(rel)
}

/// Every file below `dir` with its bytes, keyed by `/`-separated relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    collect(dir, dir, &mut files);
    files
}

fn collect(root: &Path, dir: &Path, into: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("read a folder entry").path();
        if path.is_dir() {
            collect(root, &path, into);
        } else {
            let rel = path
                .strip_prefix(root)
                .expect("below the root")
                .to_string_lossy()
                .replace('\\', "/");
            into.insert(rel, std::fs::read(&path).expect("read a published file"));
        }
    }
}

/// Asserts two trees hold the same files with the same bytes, naming the differences.
pub fn assert_same_tree(left: &BTreeMap<String, Vec<u8>>, right: &BTreeMap<String, Vec<u8>>) {
    let only_left: Vec<&String> = left.keys().filter(|k| !right.contains_key(*k)).collect();
    let only_right: Vec<&String> = right.keys().filter(|k| !left.contains_key(*k)).collect();
    let differ: Vec<&String> = left
        .iter()
        .filter(|(k, bytes)| right.get(*k).is_some_and(|other| other != *bytes))
        .map(|(k, _)| k)
        .collect();
    assert!(
        only_left.is_empty() && only_right.is_empty() && differ.is_empty(),
        "trees differ\nonly in the first: {only_left:?}\nonly in the second: {only_right:?}\ndifferent bytes: {differ:?}"
    );
}
