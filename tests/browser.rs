//! Live reload in a real browser: headless Chromium (Debian's, installed by
//! `tests/setup/chromium.sh`) driven over the DevTools protocol opens a served article;
//! the test then only edits files and watches the open tab follow: new text without
//! navigating, the scroll position kept, the error overlay over the old content, the
//! overlay gone after the fix, and a stylesheet swapped without a reload. Also: the
//! theme's Lao font drawing Lao text on a machine that has no Lao font.

mod common;

use std::io::BufRead;
use std::net::TcpStream;
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

/// Serves a built `public/` folder under a path prefix, as a web server in front of a
/// site built with `--base-url http://127.0.0.1:PORT/PREFIX/` would; a thread per
/// connection, since Chromium opens connections before it sends on them.
struct StaticServer {
    port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl StaticServer {
    fn start(listener: std::net::TcpListener, public: std::path::PathBuf, prefix: &str) -> Self {
        let port = listener.local_addr().expect("a bound address").port();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopping = std::sync::Arc::clone(&stop);
        let prefix = prefix.to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (public, prefix) = (public.clone(), prefix.clone());
                std::thread::spawn(move || answer_static(stream, &public, &prefix));
            }
        });
        StaticServer { port, stop }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Answers one GET with the file under `public/` (folders give their `index.html`).
fn answer_static(mut stream: TcpStream, public: &std::path::Path, prefix: &str) {
    use std::io::Write;
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = std::io::BufReader::new(stream.try_clone().expect("clone the stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => return,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let file = path
        .strip_prefix(prefix)
        .filter(|rest| !rest.split('/').any(|part| part == ".."))
        .map(|rest| {
            let file = public.join(rest.trim_start_matches('/'));
            if file.is_dir() {
                file.join("index.html")
            } else {
                file
            }
        });
    let (status, body, kind) = match file.and_then(|file| {
        let kind = match file.extension().and_then(|e| e.to_str()) {
            Some("html") => "text/html; charset=utf-8",
            Some("css") => "text/css; charset=utf-8",
            Some("js") => "text/javascript; charset=utf-8",
            Some("svg") => "image/svg+xml",
            Some("woff2") => "font/woff2",
            _ => "application/octet-stream",
        };
        std::fs::read(&file).ok().map(|body| (body, kind))
    }) {
        Some((body, kind)) => ("200 OK", body, kind),
        None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// A fontconfig set-up that knows one Latin family and nothing else: Chromium then runs
/// as on a phone or office PC with no Lao font, whatever this machine has installed.
/// DejaVu Serif (fonts-dejavu-core, which fontconfig itself pulls in) has no Lao
/// glyph; DejaVu Sans would not do, it covers part of the Lao block.
struct LatinOnlyFonts {
    dir: tempfile::TempDir,
}

impl LatinOnlyFonts {
    fn new() -> LatinOnlyFonts {
        let dir = tempfile::Builder::new()
            .prefix("mekong-fonts-")
            .tempdir()
            .expect("a fonts folder");
        let fonts = dir.path().join("fonts");
        std::fs::create_dir(&fonts).expect("create the fonts folder");
        for name in ["DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"] {
            let from = std::path::Path::new("/usr/share/fonts/truetype/dejavu").join(name);
            std::fs::copy(&from, fonts.join(name)).unwrap_or_else(|e| {
                panic!(
                    "{} is needed (Debian's fonts-dejavu-core): {e}",
                    from.display()
                )
            });
        }
        let conf = format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n\
             <fontconfig>\n  <dir>{}</dir>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
            fonts.display(),
            dir.path().join("cache").display()
        );
        std::fs::write(dir.path().join("fonts.conf"), conf).expect("write fonts.conf");
        LatinOnlyFonts { dir }
    }

    fn config_file(&self) -> std::path::PathBuf {
        self.dir.path().join("fonts.conf")
    }
}

/// One font a node's text was drawn with, as `CSS.getPlatformFontsForNode` reports it.
#[derive(Debug)]
struct DrawnWith {
    family: String,
    postscript: String,
    custom: bool,
    glyphs: u64,
}

impl Tab {
    /// Navigates to a page that has no live-reload socket (a plain web server), waits
    /// until it is loaded and every font it asked for has arrived (or failed).
    fn load_with_fonts(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}))
            .expect("navigate");
        self.wait_true(
            &format!(
                "document.readyState === 'complete' && document.fonts.status === 'loaded' \
                 && location.href === {}",
                js(url)
            ),
            FOLLOW,
            "a loaded page with its fonts",
            "[location.href, document.readyState, document.fonts.status]",
        );
    }

    /// Every request the page made since the events were last cleared.
    fn requests(&mut self) -> Vec<Request> {
        while let Some(message) = self.receive() {
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
        self.events
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .map(|e| Request {
                url: e["params"]["request"]["url"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                kind: e["params"]["type"].as_str().unwrap_or_default().to_string(),
            })
            .collect()
    }

    /// Family and status (`unloaded`, `loading`, `loaded`, `error`) of each font face
    /// the page's stylesheets declare.
    fn font_faces(&mut self) -> Vec<(String, String)> {
        let faces = self
            .eval(
                "[...document.fonts].map(f => [f.family.replace(/^[\"']|[\"']$/g, ''), f.status])",
            )
            .expect("the page lists its font faces");
        serde_json::from_value(faces).expect("pairs of strings")
    }

    /// The fonts the text directly inside the first element matching `selector` is
    /// drawn with.
    fn fonts_of(&mut self, selector: &str) -> Vec<DrawnWith> {
        let document = self
            .call("DOM.getDocument", json!({"depth": 0}))
            .expect("DOM.getDocument");
        let node = self
            .call(
                "DOM.querySelector",
                json!({"nodeId": document["root"]["nodeId"], "selector": selector}),
            )
            .expect("DOM.querySelector");
        let node_id = node["nodeId"].as_u64().unwrap_or(0);
        assert!(node_id != 0, "no element matches `{selector}`");
        let fonts = self
            .call("CSS.getPlatformFontsForNode", json!({"nodeId": node_id}))
            .expect("CSS.getPlatformFontsForNode");
        fonts["fonts"]
            .as_array()
            .expect("a list of fonts")
            .iter()
            .map(|font| DrawnWith {
                family: font["familyName"].as_str().unwrap_or_default().to_string(),
                postscript: font["postScriptName"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                custom: font["isCustomFont"].as_bool().unwrap_or(false),
                glyphs: font["glyphCount"].as_u64().unwrap_or(0),
            })
            .collect()
    }
}

/// The Lao language's name as the site configuration writes it, and the family of the
/// face the stylesheet embeds for it. Chromium reports a font's family from the font's
/// own name table; tools/make-lao-font.sh names the embedded face after its CSS family,
/// so that the report tells it from the shipped Noto Sans Lao.
const LAO_NAME: &str = "ພາສາລາວ";
const LAO_NAME_FAMILY: &str = "Mekong Lao Name";

/// The Lao text of the font test: tone marks over upper vowels (ຶ້, ີ້), sara am (ຳ)
/// around a tone mark, ໜ, and Lao digits.
const LAO_TITLE: &str = "ພິທີເຊັນສັນຍາບ້ານຄູ່ແຝດ";
const LAO_BODY: &str =
    "ແຂວງວັນລິງ ແລະ ແຂວງພູວຽງ ໄດ້ຈັດພິທີເຊັນສັນຍາບ້ານຄູ່ແຝດຂຶ້ນ ໃນວັນທີ ໒໒ ພະຈິກ ທີ່ໜ້າດ່ານ ລຽບແມ່ນ້ຳຂອງ";

/// Asserts `text` is drawn with the shipped face `postscript` and that the reader's
/// fonts drew nothing but the characters outside the Lao block (spaces).
fn assert_shipped_font(fonts: &[DrawnWith], text: &str, postscript: &str, what: &str) {
    let shipped = fonts
        .iter()
        .find(|f| f.custom && f.family == "Noto Sans Lao" && f.postscript == postscript);
    assert!(
        shipped.is_some_and(|f| f.glyphs > 0),
        "{what} is drawn with the shipped {postscript}: {fonts:?}"
    );
    let not_lao = text
        .chars()
        .filter(|c| !('\u{0E80}'..='\u{0EFF}').contains(c))
        .count() as u64;
    let elsewhere: u64 = fonts.iter().filter(|f| !f.custom).map(|f| f.glyphs).sum();
    assert!(
        elsewhere <= not_lao,
        "{what}: the machine's fonts drew {elsewhere} glyphs, more than the {not_lao} \
         characters outside the Lao block: {fonts:?}"
    );
}

/// One request from the page, as `Network.requestWillBeSent` reports it.
#[derive(Debug)]
struct Request {
    url: String,
    /// The protocol's resource type: `Document`, `Stylesheet`, `Font`, …
    kind: String,
}

impl Request {
    /// A font fetched from a server; a face embedded in the stylesheet as a `data:` URL
    /// is decoded in place, nothing goes over the network for it.
    fn is_font_file(&self) -> bool {
        let path = self.url.split(['?', '#']).next().unwrap_or_default();
        !self.url.starts_with("data:")
            && (self.kind == "Font"
                || [".woff2", ".woff", ".ttf", ".otf"]
                    .iter()
                    .any(|ext| path.ends_with(ext)))
    }
}

#[test]
fn lao_text_is_drawn_with_the_theme_font_on_a_machine_without_a_lao_font() {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site.section("news", "en", "News", "news");
    site.section("news", "lo", "ຂ່າວ", "khao");
    site.article(
        "news/ket-nghia",
        "vi",
        "Lễ kết nghĩa bản đôi",
        "2023-11-22",
        "",
        "Hai tỉnh ký thỏa thuận kết nghĩa các bản hai bên biên giới.",
    );
    site.article(
        "news/ket-nghia",
        "en",
        "Twinned villages signed",
        "2023-11-22",
        "",
        "The two provinces signed an agreement twinning border villages.",
    );
    site.article(
        "news/ket-nghia",
        "lo",
        LAO_TITLE,
        "2023-11-22",
        "",
        LAO_BODY,
    );
    // Built for a web server that serves it below a path, as a province's IT office
    // might: the font must be found relative to the stylesheet, not at the root.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = listener.local_addr().expect("an address").port();
    site.build_ok(&["--base-url", &format!("http://127.0.0.1:{port}/cong/")]);
    let server = StaticServer::start(listener, site.public(""), "/cong");
    let fonts = LatinOnlyFonts::new();
    let browser =
        Chromium::launch_with_env(&[("FONTCONFIG_FILE", fonts.config_file().as_os_str())]);

    // Each page in a fresh tab with the cache off, so every font it needs is fetched.
    let visit = |path: &str| {
        let mut tab = Tab::open(&browser);
        tab.call("DOM.enable", json!({})).expect("DOM.enable");
        tab.call("CSS.enable", json!({})).expect("CSS.enable");
        tab.call("Network.setCacheDisabled", json!({"cacheDisabled": true}))
            .expect("Network.setCacheDisabled");
        tab.clear_events();
        tab.load_with_fonts(&server.url(path));
        tab
    };
    let regular = format!("http://127.0.0.1:{port}/cong/fonts/NotoSansLao-Regular.woff2");
    let bold = format!("http://127.0.0.1:{port}/cong/fonts/NotoSansLao-Bold.woff2");

    // The Lao article: body text in the regular face, the heading in the bold one.
    let mut tab = visit("/cong/lo/khao/ket-nghia/");
    assert_shipped_font(
        &tab.fonts_of(".article-body p"),
        LAO_BODY,
        "NotoSansLao-Regular",
        "the Lao body paragraph",
    );
    assert_shipped_font(
        &tab.fonts_of("h1"),
        LAO_TITLE,
        "NotoSansLao-Bold",
        "the Lao heading",
    );
    let requests = tab.requests();
    let mut fetched: Vec<&str> = requests
        .iter()
        .filter(|r| r.is_font_file())
        .map(|r| r.url.as_str())
        .collect();
    fetched.sort_unstable();
    assert_eq!(
        fetched,
        [bold.as_str(), regular.as_str()],
        "the Lao page fetches both faces, below the base path"
    );

    // Vietnamese and English pages download no font at all. The one Lao word on them,
    // the language's name in the switcher and the footer, is drawn with the face
    // embedded in the stylesheet, so that a Lao reader finds their language and the
    // shipped faces stay unfetched.
    for (path, own_text) in [
        ("/cong/vi/tin-tuc/ket-nghia/", "Hai tỉnh ký"),
        ("/cong/en/news/ket-nghia/", "The two provinces"),
    ] {
        let mut tab = visit(path);
        for selector in [".article-body p", "h1"] {
            let drawn = tab.fonts_of(selector);
            assert!(
                !drawn.is_empty() && drawn.iter().all(|f| !f.custom),
                "{path}: `{selector}` ({own_text}…) is drawn with the reader's own fonts: {drawn:?}"
            );
        }
        for selector in [".lang-switcher a[lang=lo]", ".site-footer a[lang=lo]"] {
            let drawn = tab.fonts_of(selector);
            assert!(
                matches!(&drawn[..], [only] if only.custom
                    && only.family == LAO_NAME_FAMILY
                    && only.glyphs == LAO_NAME.chars().count() as u64),
                "{path}: `{selector}` ({LAO_NAME}) is drawn with the embedded \
                 {LAO_NAME_FAMILY} alone, every glyph of it: {drawn:?}"
            );
        }
        let faces = tab.font_faces();
        assert!(
            faces.contains(&(LAO_NAME_FAMILY.to_string(), "loaded".to_string())),
            "{path}: the embedded {LAO_NAME_FAMILY} is in use: {faces:?}"
        );
        assert!(
            faces
                .iter()
                .filter(|(family, _)| family == "Noto Sans Lao")
                .all(|(_, status)| status == "unloaded"),
            "{path}: neither shipped face is loaded: {faces:?}"
        );
        let requests = tab.requests();
        let fonts: Vec<_> = requests.iter().filter(|r| r.is_font_file()).collect();
        assert!(fonts.is_empty(), "{path} downloads no font file: {fonts:?}");
    }

    // The root chooser shows Lao sentences, so it fetches the shipped faces; the name
    // face stays on the switcher's and footer's links, so that the chooser's bold prompt
    // and bold names are drawn in the real bold face, not partly in a regular one made
    // bold.
    let mut tab = visit("/cong/");
    let prompt = ".chooser-prompt span[lang=lo]";
    let text = tab
        .eval(&format!(
            "(e => {{ const b = getComputedStyle(e, '::before').content; \
             return (b === 'none' ? '' : b.slice(1, -1)) + e.textContent }})\
             (document.querySelector({}))",
            js(prompt)
        ))
        .and_then(|text| text.as_str().map(String::from))
        .expect("the chooser has a Lao prompt");
    let drawn = tab.fonts_of(prompt);
    assert_shipped_font(
        &drawn,
        &text,
        "NotoSansLao-Bold",
        "the chooser's Lao prompt",
    );
    assert!(
        drawn.iter().all(|f| f.family != LAO_NAME_FAMILY),
        "the chooser's Lao prompt is not drawn partly with {LAO_NAME_FAMILY}: {drawn:?}"
    );
    let drawn = tab.fonts_of(".chooser-list a[lang=lo] .chooser-name");
    assert!(
        matches!(&drawn[..], [only] if only.custom && only.postscript == "NotoSansLao-Bold"
            && only.glyphs == LAO_NAME.chars().count() as u64),
        "the chooser's bold {LAO_NAME} is drawn with the shipped bold face alone: {drawn:?}"
    );

    // The licence travels with the fonts, which stay small; `mekong serve` serves the
    // same files as fonts.
    assert!(
        site.read("fonts/OFL.txt")
            .contains("SIL OPEN FONT LICENSE Version 1.1"),
        "the OFL is published beside the fonts"
    );
    let css = site.read("css/site.css");
    let inline: Vec<&str> = css
        .split("url(data:")
        .skip(1)
        .map(|rest| rest.split(')').next().unwrap_or_default())
        .collect();
    assert!(
        matches!(&inline[..], [name] if name.starts_with("font/woff2;base64,") && name.len() <= 3 * 1024),
        "the stylesheet embeds one small font, the name face: {:?}",
        inline.iter().map(|data| data.len()).collect::<Vec<_>>()
    );
    let served = site.serve(&[]);
    for face in ["NotoSansLao-Regular.woff2", "NotoSansLao-Bold.woff2"] {
        let built = std::fs::read(site.public(&format!("fonts/{face}"))).expect("a built font");
        assert!(built.len() <= 30 * 1024, "{face} is {} bytes", built.len());
        let response = served.get(&format!("/fonts/{face}"));
        assert_eq!(response.status, 200, "serve has /fonts/{face}");
        assert_eq!(response.header("content-type"), Some("font/woff2"));
        assert!(response.body == built, "serve sends the theme's {face}");
    }
}
