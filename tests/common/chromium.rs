//! A headless Chromium (Debian's, installed by `tests/setup/chromium.sh`) and a small
//! client for its DevTools protocol, shared by the test files that drive a real browser
//! (`browser.rs`: live reload; `accessibility.rs`: axe-core on every page kind).

use std::io::BufRead;
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::run_setup;

/// How long the tab may take to follow an edit.
pub const FOLLOW: Duration = Duration::from_secs(10);

/// Runs `tests/setup/chromium.sh` once per test binary; panics if chromium is missing.
pub fn require_chromium() {
    static INSTALLED: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    let result = INSTALLED
        .get_or_init(|| run_setup("chromium.sh", "the browser tests need Debian's chromium"));
    if let Err(message) = result {
        panic!("{message}");
    }
}

/// A headless Chromium with its own profile; the whole process group is killed on drop.
pub struct Chromium {
    child: Child,
    /// The browser's DevTools WebSocket address.
    devtools: String,
    _profile: tempfile::TempDir,
}

impl Chromium {
    pub fn launch() -> Chromium {
        Chromium::launch_with_env(&[])
    }

    /// Like [`Chromium::launch`], with extra environment variables for the browser
    /// (the font test gives it a private fontconfig).
    pub fn launch_with_env(env: &[(&str, &std::ffi::OsStr)]) -> Chromium {
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
            .envs(env.iter().copied())
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
pub struct Tab {
    socket: tungstenite::WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    /// Events received and not yet looked at.
    pub events: Vec<Value>,
}

impl Tab {
    pub fn open(browser: &Chromium) -> Tab {
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

    pub fn call_browser(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.send(None, method, params)
    }

    /// A command to the page; `Err` with the protocol's error message.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
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
    pub fn receive(&mut self) -> Option<Value> {
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
    pub fn clear_events(&mut self) {
        while let Some(message) = self.receive() {
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
        self.events.clear();
    }

    /// Waits for an event of the page named `method` whose params satisfy `test`.
    pub fn wait_event(&mut self, method: &str, at_most: Duration, test: impl Fn(&Value) -> bool) {
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
    pub fn eval(&mut self, expression: &str) -> Option<Value> {
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
    pub fn wait_true(&mut self, expression: &str, at_most: Duration, what: &str, explain: &str) {
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

    /// Navigates to a page served by `mekong serve` and waits for the page to load and
    /// its live-reload socket to open.
    pub fn navigate(&mut self, url: &str) {
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
    pub fn wait_live_socket(&mut self) {
        self.wait_event(
            "Network.webSocketHandshakeResponseReceived",
            FOLLOW,
            |params| params["response"]["status"] == 101,
        );
    }

    /// Navigates to a page of a plain web server (no live-reload socket) and waits until
    /// it has loaded, its deferred scripts included; panics if the browser could not
    /// fetch it at all. An HTTP error status (a 404 page) still loads.
    pub fn load(&mut self, url: &str) {
        self.clear_events();
        let navigated = self
            .call("Page.navigate", json!({"url": url}))
            .unwrap_or_else(|e| panic!("navigate to {url}: {e}"));
        if let Some(error) = navigated.get("errorText").and_then(Value::as_str) {
            panic!("navigate to {url}: {error}");
        }
        self.wait_event("Page.loadEventFired", FOLLOW, |_| true);
        self.wait_true(
            "document.readyState === 'complete'",
            FOLLOW,
            "a loaded page",
            "document.readyState",
        );
    }

    /// Evaluates `expression`, waits for the promise it returns (if any) and gives its
    /// value; `Err` with the exception's description when it throws or rejects.
    pub fn eval_awaited(&mut self, expression: &str) -> Result<Value, String> {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "awaitPromise": true, "returnByValue": true}),
        )?;
        if let Some(exception) = result.get("exceptionDetails") {
            let description = exception["exception"]["description"]
                .as_str()
                .or_else(|| exception["text"].as_str())
                .unwrap_or("an exception");
            return Err(description.to_string());
        }
        Ok(result["result"]["value"].clone())
    }

    /// Lays the page out as a screen `width` CSS pixels wide (a phone when `mobile`:
    /// touch, the viewport meta tag honoured), as DevTools' device toolbar does.
    /// Keeps reading protocol messages for `time`, and returns the address of every
    /// request the page made since the events were last cleared.
    pub fn requests_after(&mut self, time: Duration) -> Vec<String> {
        let until = Instant::now() + time;
        while Instant::now() < until {
            if let Some(message) = self.receive()
                && message.get("method").is_some()
            {
                self.events.push(message);
            }
        }
        self.events
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .filter_map(|e| e["params"]["request"]["url"].as_str())
            .map(str::to_string)
            .collect()
    }

    pub fn emulate_screen(&mut self, width: u32, height: u32, mobile: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({
                "width": width,
                "height": height,
                "deviceScaleFactor": if mobile { 2 } else { 1 },
                "mobile": mobile,
            }),
        )
        .expect("Emulation.setDeviceMetricsOverride");
        self.call(
            "Emulation.setTouchEmulationEnabled",
            json!({"enabled": mobile}),
        )
        .expect("Emulation.setTouchEmulationEnabled");
    }
}

/// A JavaScript string literal.
pub fn js(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}
