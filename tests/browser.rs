//! Live reload in a real browser: headless Chromium (Debian's, installed by
//! `tests/setup/chromium.sh`) driven over the DevTools protocol opens a served article;
//! the test then only edits files and watches the open tab follow: new text without
//! navigating, the scroll position kept, the error overlay over the old content, the
//! overlay gone after the fix, and a stylesheet swapped without a reload.

mod common;

use std::io::BufRead;
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};

/// How long the tab may take to follow an edit.
const FOLLOW: Duration = Duration::from_secs(10);

/// Runs `tests/setup/chromium.sh` once per test binary; panics if chromium is missing.
fn require_chromium() {
    static INSTALLED: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    let result = INSTALLED
        .get_or_init(|| run_setup("chromium.sh", "tests/browser.rs needs Debian's chromium"));
    if let Err(message) = result {
        panic!("{message}");
    }
}

/// A headless Chromium with its own profile; the whole process group is killed on drop.
struct Chromium {
    child: Child,
    /// The browser's DevTools WebSocket address.
    devtools: String,
    _profile: tempfile::TempDir,
}

impl Chromium {
    fn launch() -> Chromium {
        require_chromium();
        let profile = tempfile::Builder::new()
            .prefix("mekong-chromium-")
            .tempdir()
            .expect("a profile folder");
        let mut child = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--window-size=1000,700",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            // Its own process group, so that renderers and helpers go with it.
            .process_group(0)
            .spawn()
            .expect("start chromium");
        // Keep draining stderr (Chromium is chatty) and hand the DevTools line over.
        let (sender, receiver) = mpsc::channel();
        let stderr = child.stderr.take().expect("stderr is piped");
        std::thread::spawn(move || {
            let mut sender = Some(sender);
            for line in std::io::BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.split("DevTools listening on ").nth(1)
                    && let Some(sender) = sender.take()
                {
                    let _ = sender.send(rest.trim().to_string());
                }
            }
        });
        let devtools = receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("chromium printed its DevTools address within 30 s");
        Chromium {
            child,
            devtools,
            _profile: profile,
        }
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A DevTools protocol connection to the browser, with one page attached (flat session).
struct Tab {
    socket: tungstenite::WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    /// Events received and not yet looked at.
    events: Vec<Value>,
}

impl Tab {
    fn open(browser: &Chromium) -> Tab {
        let address = browser
            .devtools
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .expect("a host:port in the DevTools address")
            .to_string();
        let stream = TcpStream::connect(&address).expect("connect to DevTools");
        stream
            // Long enough for the handshake; shortened below for polling reads.
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("set a read timeout");
        let (socket, _) = tungstenite::client(browser.devtools.as_str(), stream)
            .unwrap_or_else(|e| panic!("DevTools handshake: {e}"));
        socket
            .get_ref()
            .set_read_timeout(Some(Duration::from_millis(100)))
            .expect("set a read timeout");
        let mut tab = Tab {
            socket,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
        };
        let target = tab
            .call_browser("Target.createTarget", json!({"url": "about:blank"}))
            .expect("create a page");
        let attached = tab
            .call_browser(
                "Target.attachToTarget",
                json!({"targetId": target["targetId"], "flatten": true}),
            )
            .expect("attach to the page");
        tab.session = attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        tab.call("Page.enable", json!({})).expect("Page.enable");
        // Network events tell when the page's live socket is open.
        tab.call("Network.enable", json!({}))
            .expect("Network.enable");
        tab
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.send(None, method, params)
    }

    /// A command to the page; `Err` with the protocol's error message.
    fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let session = self.session.clone();
        self.send(Some(&session), method, params)
    }

    fn send(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(tungstenite::Message::text(message.to_string()))
            .expect("send a DevTools command");
        let started = Instant::now();
        loop {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no answer to {method} within 30 s"
            );
            let Some(reply) = self.receive() else {
                continue;
            };
            if reply["id"] == id {
                return match reply.get("error") {
                    Some(error) => Err(error.to_string()),
                    None => Ok(reply["result"].clone()),
                };
            }
            if reply.get("method").is_some() {
                self.events.push(reply);
            }
        }
    }

    /// One message, or `None` after the read timeout.
    fn receive(&mut self) -> Option<Value> {
        match self.socket.read() {
            Ok(tungstenite::Message::Text(text)) => {
                Some(serde_json::from_str(&text).expect("DevTools speaks JSON"))
            }
            Ok(_) => None,
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                None
            }
            Err(e) => panic!("the DevTools connection failed: {e}"),
        }
    }

    /// Forgets the events received so far.
    fn clear_events(&mut self) {
        while let Some(message) = self.receive() {
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
        self.events.clear();
    }

    /// Waits for an event of the page named `method` whose params satisfy `test`.
    fn wait_event(&mut self, method: &str, at_most: Duration, test: impl Fn(&Value) -> bool) {
        let started = Instant::now();
        loop {
            if let Some(at) = self
                .events
                .iter()
                .position(|e| e["method"] == method && test(&e["params"]))
            {
                self.events.drain(..=at);
                return;
            }
            assert!(
                started.elapsed() < at_most,
                "no {method} event within {at_most:?}"
            );
            if let Some(message) = self.receive()
                && message.get("method").is_some()
            {
                self.events.push(message);
            }
        }
    }

    /// The value of a JavaScript expression in the page; `None` while the page cannot
    /// answer (reloading) or when the expression throws.
    fn eval(&mut self, expression: &str) -> Option<Value> {
        let result = self
            .call(
                "Runtime.evaluate",
                json!({"expression": expression, "returnByValue": true}),
            )
            .ok()?;
        if result.get("exceptionDetails").is_some() {
            return None;
        }
        Some(result["result"]["value"].clone())
    }

    /// Polls `expression` until it evaluates to `true`; panics after `at_most`, showing
    /// what `explain` evaluates to.
    fn wait_true(&mut self, expression: &str, at_most: Duration, what: &str, explain: &str) {
        let started = Instant::now();
        loop {
            if self.eval(expression) == Some(Value::Bool(true)) {
                return;
            }
            if started.elapsed() > at_most {
                let state = self.eval(explain);
                panic!("within {at_most:?} the tab never showed {what}\n{explain} = {state:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Navigates (the only navigation the test does) and waits for the page to load and
    /// its live socket to open.
    fn navigate(&mut self, url: &str) {
        self.clear_events();
        self.call("Page.navigate", json!({"url": url}))
            .expect("navigate");
        self.wait_live_socket();
        self.wait_true(
            "document.readyState === 'complete'",
            FOLLOW,
            "a loaded page",
            "document.readyState",
        );
    }

    /// Waits for the page's live-reload WebSocket handshake.
    fn wait_live_socket(&mut self) {
        self.wait_event(
            "Network.webSocketHandshakeResponseReceived",
            FOLLOW,
            |params| params["response"]["status"] == 101,
        );
    }
}

/// A JavaScript string literal.
fn js(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

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
