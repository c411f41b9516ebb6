//! The test harness: a fixture site in a temporary folder, the real `mekong` binary run
//! on it, and small readers for what came out (parsed HTML, files, diagnostics).
//!
//! Each integration test file (`tests/*.rs`) includes this module with `mod common;`;
//! not every file uses every helper, hence the `dead_code` allowance.
#![allow(dead_code)]

pub mod chromium;
pub mod static_server;

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

/// The outside tools some tests need (`xmllint`, `nginx`, `curl`), installed if missing
/// by `tests/setup/install.sh` the first time a test of this binary asks; every later
/// call returns at once (or panics with the same message if the install failed).
/// The script locks itself, so several test binaries may call it at the same time.
pub fn require_tools() {
    static INSTALLED: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    let result = INSTALLED.get_or_init(|| {
        run_setup(
            "install.sh",
            "these tests need xmllint (libxml2-utils), nginx and curl",
        )
    });
    if let Err(message) = result {
        panic!("{message}");
    }
}

/// Copies the folder `from` with everything in it to `to` (the example site into a
/// fixture, for the browser tests).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap_or_else(|e| panic!("walk {}: {e}", from.display()));
        let target = to.join(entry.path().strip_prefix(from).expect("below the folder"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create a folder");
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// The repository root, which is the example site.
pub fn example_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the example site (configuration, content, interface strings, static files
/// and its theme folder) whose only change is `paginate: <paginate>`: the example lists
/// 10 articles a page, too many for any of its listings to reach a second page.
pub fn example_site(paginate: u32) -> Site {
    let site = Site::empty();
    for folder in ["content", "i18n", "static", "themes"] {
        copy_tree(&example_root().join(folder), &site.path(folder));
    }
    let config = std::fs::read_to_string(example_root().join("site.yaml"))
        .expect("read the example's site.yaml");
    let line = config
        .lines()
        .find(|line| line.starts_with("paginate:"))
        .expect("the example's site.yaml sets `paginate:`");
    site.file(
        "site.yaml",
        &config.replace(line, &format!("paginate: {paginate}")),
    );
    site
}

/// Where `tests/setup/axe.sh` and `tests/setup/vnu.sh` install their npm packages:
/// `target/test-tools`, or `MEKONG_TEST_TOOLS` when set.
pub fn test_tools() -> PathBuf {
    match std::env::var_os("MEKONG_TEST_TOOLS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tools"),
    }
}

/// Runs `tests/setup/<script>`; the error says what failed and what it was for.
pub fn run_setup(script: &str, needed_for: &str) -> Result<(), String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/setup")
        .join(script);
    let output = Command::new("sh")
        .arg(&script)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} failed ({}); {needed_for}\nstdout:\n{}\nstderr:\n{}",
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// `tests/schemas/<name>`.
pub fn schema(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/schemas")
        .join(name)
}

/// Validates an XML file against `tests/schemas/<schema_name>` with `xmllint`, panicking
/// with its report when the file does not validate.
pub fn validate_xml(schema_name: &str, file: &Path) {
    require_tools();
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema(schema_name))
        .arg(file)
        .output()
        .expect("run xmllint");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{} does not validate against {schema_name}:\n{}",
        file.display(),
        // A broken sitemap can produce one error per URL; the first few say enough.
        report.lines().take(20).collect::<Vec<_>>().join("\n")
    );
}

/// Every `.html` file below `dir`, as `/`-separated paths relative to it, sorted.
pub fn html_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.expect("walk the output folder"))
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "html"))
        .map(|entry| {
            entry
                .path()
                .strip_prefix(dir)
                .expect("below the folder")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// The `content` of every `<meta property="…">` (Open Graph) with that property.
pub fn meta_property(html: &Html, property: &str) -> Vec<String> {
    attrs(html, &format!("meta[property=\"{property}\"]"), "content")
}

// ---------------------------------------------------------------------------
// `mekong serve`: a running server on a fixture site, and a tiny HTTP/1.1 client.
// ---------------------------------------------------------------------------

/// What a child process wrote to one of its streams so far, and a signal for waiters.
type Captured = std::sync::Arc<(std::sync::Mutex<String>, std::sync::Condvar)>;

/// `mekong serve` running on a site; killed (and reaped) when dropped.
pub struct Server {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`, as printed, without the trailing slash.
    pub origin: String,
    pub port: u16,
    stdout: Captured,
    stderr: Captured,
}

/// How long a server may take for its first build before a test gives up.
pub const SERVE_START: std::time::Duration = std::time::Duration::from_secs(60);

impl Site {
    /// Starts `mekong --root <site> serve --port <a free port> ARGS…` and waits until it
    /// prints `Serving the site at <url>`.
    pub fn serve(&self, args: &[&str]) -> Server {
        let port = free_port().to_string();
        let mut all = vec!["--port", port.as_str()];
        all.extend_from_slice(args);
        self.serve_exactly(&all)
    }

    /// Starts `mekong --root <site> serve ARGS…` (no port added) and waits until it
    /// prints the address it serves.
    pub fn serve_exactly(&self, args: &[&str]) -> Server {
        self.serve_with_env(args, &[])
    }

    /// Like [`Site::serve_exactly`], with extra environment variables for the server.
    pub fn serve_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Server {
        let root = self.root().to_str().expect("temporary paths are UTF-8");
        let mut child = Command::new(env!("CARGO_BIN_EXE_mekong"))
            .args(["--root", root, "serve"])
            .args(args)
            .current_dir(self.cwd.path())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .envs(env.iter().copied())
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start mekong serve");
        let stdout = capture(child.stdout.take().expect("stdout is piped"));
        let stderr = capture(child.stderr.take().expect("stderr is piped"));
        let mut server = Server {
            child,
            origin: String::new(),
            port: 0,
            stdout,
            stderr,
        };
        let marker = "Serving the site at ";
        let started = std::time::Instant::now();
        loop {
            let printed = server.stdout();
            if let Some(line) = printed.lines().find(|line| line.contains(marker)) {
                let url = line[line.find(marker).expect("found above") + marker.len()..]
                    .split_whitespace()
                    .next()
                    .unwrap_or_default();
                server.origin = url.trim_end_matches('/').to_string();
                server.port = server
                    .origin
                    .rsplit(':')
                    .next()
                    .and_then(|port| port.parse().ok())
                    .unwrap_or_else(|| panic!("no port in the printed address `{line}`"));
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                // Let the reader threads catch the last lines.
                std::thread::sleep(std::time::Duration::from_millis(100));
                panic!(
                    "mekong serve exited ({status}) before serving\nstdout:\n{}\nstderr:\n{}",
                    server.stdout(),
                    server.stderr()
                );
            }
            assert!(
                started.elapsed() < SERVE_START,
                "mekong serve printed no address within {SERVE_START:?}\nstdout:\n{}\nstderr:\n{}",
                server.stdout(),
                server.stderr()
            );
            wait_for_more(&server.stdout, std::time::Duration::from_millis(100));
        }
    }
}

fn capture(stream: impl std::io::Read + Send + 'static) -> Captured {
    let captured: Captured = Default::default();
    let sink = std::sync::Arc::clone(&captured);
    std::thread::spawn(move || {
        use std::io::BufRead;
        let mut reader = std::io::BufReader::new(stream);
        let mut line = Vec::new();
        while reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
            let (text, signal) = &*sink;
            text.lock()
                .expect("no reader panics")
                .push_str(&String::from_utf8_lossy(&line));
            signal.notify_all();
            line.clear();
        }
    });
    captured
}

/// Blocks until the stream gets more text or `at_most` passes.
fn wait_for_more(captured: &Captured, at_most: std::time::Duration) {
    let (text, signal) = &**captured;
    let guard = text.lock().expect("no reader panics");
    let _ = signal.wait_timeout(guard, at_most);
}

impl Server {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Everything printed on stdout so far.
    pub fn stdout(&self) -> String {
        self.stdout.0.lock().expect("no reader panics").clone()
    }

    /// Everything printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.0.lock().expect("no reader panics").clone()
    }

    /// How many stdout lines start with `Rebuilt` (the first build's line included).
    pub fn rebuilds(&self) -> usize {
        self.stdout()
            .lines()
            .filter(|line| line.starts_with("Rebuilt"))
            .count()
    }

    /// Waits up to `at_most` for stdout to satisfy `test`; returns whether it did.
    pub fn wait_stdout(&self, at_most: std::time::Duration, test: impl Fn(&str) -> bool) -> bool {
        wait_captured(&self.stdout, at_most, test)
    }

    /// Waits up to `at_most` for stderr to satisfy `test`; returns whether it did.
    pub fn wait_stderr(&self, at_most: std::time::Duration, test: impl Fn(&str) -> bool) -> bool {
        wait_captured(&self.stderr, at_most, test)
    }

    /// `GET path` (sent exactly as given, not normalised) on the server.
    pub fn get(&self, path: &str) -> HttpResponse {
        http_get(self.port, path)
    }

    /// `http://127.0.0.1:PORT<path>`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    /// Polls `GET path` until `test` accepts the response; panics after `at_most` with
    /// what was served last and the server's output.
    pub fn wait_for(
        &self,
        path: &str,
        what: &str,
        at_most: std::time::Duration,
        test: impl Fn(&HttpResponse) -> bool,
    ) -> HttpResponse {
        let started = std::time::Instant::now();
        loop {
            let response = self.get(path);
            if test(&response) {
                return response;
            }
            if started.elapsed() > at_most {
                panic!(
                    "within {at_most:?}, GET {path} never showed {what}\nlast response: {} {}\n{}\nstdout:\n{}\nstderr:\n{}",
                    response.status,
                    response
                        .headers
                        .iter()
                        .map(|(k, v)| format!("{k}: {v}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    response.text().chars().take(3000).collect::<String>(),
                    self.stdout(),
                    self.stderr()
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// Sends SIGINT, as Ctrl-C in the terminal does.
    pub fn interrupt(&self) {
        let status = Command::new("kill")
            .args(["-INT", &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -INT {} failed", self.pid());
    }

    /// Waits up to `at_most` for the process to end; `None` if it is still running.
    pub fn wait_exit(&mut self, at_most: std::time::Duration) -> Option<std::process::ExitStatus> {
        let started = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the server process") {
                return Some(status);
            }
            if started.elapsed() > at_most {
                return None;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    /// Stops the server as Ctrl-C does, so that it removes its output folder; kills it
    /// if it does not stop in time.
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = Command::new("kill")
                .args(["-INT", &self.pid().to_string()])
                .status();
            if self.wait_exit(std::time::Duration::from_secs(3)).is_some() {
                return;
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_captured(
    captured: &Captured,
    at_most: std::time::Duration,
    test: impl Fn(&str) -> bool,
) -> bool {
    let started = std::time::Instant::now();
    loop {
        if test(&captured.0.lock().expect("no reader panics")) {
            return true;
        }
        let Some(left) = at_most.checked_sub(started.elapsed()) else {
            return false;
        };
        wait_for_more(captured, left.min(std::time::Duration::from_millis(100)));
    }
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("find a free port")
        .port()
}

/// One HTTP response, headers with lower-case names.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The value of a header (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.text())
    }
}

/// `GET target` on 127.0.0.1:port over HTTP/1.1, the request target sent byte for byte
/// as given (so `..` and `%2e%2e` reach the server unchanged).
pub fn http_get(port: u16, target: &str) -> HttpResponse {
    use std::io::{Read, Write};
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream =
        std::net::TcpStream::connect_timeout(&address, std::time::Duration::from_secs(5))
            .unwrap_or_else(|e| panic!("connect to {address}: {e}"));
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .expect("set a read timeout");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: mekong-tests\r\nConnection: close\r\n\r\n"
    )
    .expect("send the request");
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("read the response to GET {target}: {e}"));
    parse_response(&raw).unwrap_or_else(|| {
        panic!(
            "GET {target}: not an HTTP response:\n{}",
            String::from_utf8_lossy(&raw)
        )
    })
}

fn parse_response(raw: &[u8]) -> Option<HttpResponse> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(key, value)| key == "transfer-encoding" && value.contains("chunked"));
    if chunked {
        body = dechunk(&body)?;
    }
    Some(HttpResponse {
        status,
        headers,
        body,
    })
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}
