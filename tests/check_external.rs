//! `mekong check --external`: links to other sites asked about through a tiny HTTP
//! server in the test (HEAD, GET when HEAD is refused, redirects, timeouts, a refused
//! connection), findings at the link's line, exit codes, JSON, the cache in
//! `.mekong-cache/links.json` (reused, expired, damaged), the concurrency limit, and
//! no network at all without `--external`.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use serde_json::Value;

/// Long enough past `--timeout 1` for the client to give up first.
const SLOW: Duration = Duration::from_secs(3);

/// What the test server saw.
#[derive(Default)]
struct Seen {
    /// `"HEAD /ok"` → how many times.
    requests: BTreeMap<String, usize>,
    user_agents: Vec<String>,
    /// Requests being answered right now, and the most there ever were at once.
    in_flight: usize,
    most_in_flight: usize,
}

/// A tiny HTTP server on 127.0.0.1, one thread per connection, answering by path:
/// `/ok` 200, `/gone` 404, `/moved` 301 to `/ok`, `/slow` after [`SLOW`],
/// `/head-refused` 405 to HEAD and 200 to GET, `/unavailable` 503, `/wait/…` 200 after
/// 300 ms, anything else 404.
struct TestServer {
    port: u16,
    seen: Arc<Mutex<Seen>>,
}

impl TestServer {
    fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a port on 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Seen::default()));
        let shared = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let seen = Arc::clone(&shared);
                std::thread::spawn(move || answer(stream, &seen));
            }
        });
        TestServer { port, seen }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Requests so far, as `"METHOD /path"` → count.
    fn requests(&self) -> BTreeMap<String, usize> {
        self.seen.lock().unwrap().requests.clone()
    }

    fn total(&self) -> usize {
        self.requests().values().sum()
    }
}

fn answer(stream: TcpStream, seen: &Mutex<Seen>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut user_agent = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("user-agent")
        {
            user_agent = value.trim().to_string();
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, path) = (
        parts.next().unwrap_or("").to_string(),
        parts.next().unwrap_or("").to_string(),
    );
    {
        let mut seen = seen.lock().unwrap();
        *seen.requests.entry(format!("{method} {path}")).or_default() += 1;
        seen.user_agents.push(user_agent);
        seen.in_flight += 1;
        seen.most_in_flight = seen.most_in_flight.max(seen.in_flight);
    }
    let (status, extra) = match path.as_str() {
        "/ok" => ("200 OK", ""),
        "/moved" => ("301 Moved Permanently", "Location: /ok\r\n"),
        "/slow" => {
            std::thread::sleep(SLOW);
            ("200 OK", "")
        }
        "/head-refused" if method == "HEAD" => ("405 Method Not Allowed", "Allow: GET\r\n"),
        "/head-refused" => ("200 OK", ""),
        "/unavailable" => ("503 Service Unavailable", ""),
        wait if wait.starts_with("/wait/") => {
            std::thread::sleep(Duration::from_millis(300));
            ("200 OK", "")
        }
        _ => ("404 Not Found", ""),
    };
    // Counted out before answering: the client may send its next request as soon as it
    // has this answer.
    seen.lock().unwrap().in_flight -= 1;
    let body = if method == "HEAD" { "" } else { "body" };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\n{extra}Content-Length: 4\r\nConnection: close\r\n\r\n{body}"
    );
}

/// A port nothing listens on: bound, then released.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// One language only: no translation warnings, so that `--strict` fails on the links
/// alone.
fn site() -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        "base_url: https://example.gov.vn\ndefault_language: vi\nlanguages:\n  vi: { name: \"Tiếng Việt\", title: \"Cổng thông tin\" }\n",
    );
    site
}

/// `mekong --root SITE check ARGS…`, like `Site::run`, but with no proxy: the test
/// server must be asked directly whatever the environment says.
fn check(site: &Site, args: &[&str]) -> Output {
    let cwd = tempfile::tempdir().unwrap();
    let root = site.root().to_str().expect("temporary paths are UTF-8");
    let mut command = Command::new(env!("CARGO_BIN_EXE_mekong"));
    command
        .args(["--root", root, "check"])
        .args(args)
        .current_dir(cwd.path())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("MEKONG_LANG");
    for proxy in ["ALL_PROXY", "HTTPS_PROXY", "HTTP_PROXY"] {
        command
            .env_remove(proxy)
            .env_remove(proxy.to_ascii_lowercase());
    }
    let output = command.output().expect("run the mekong binary");
    Output {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn check_json(site: &Site, args: &[&str], code: i32) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = check(site, &all);
    out.assert_code(code);
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("check --format json is not JSON: {e}\n{}", out.stdout))
}

/// The `external` problems: (file, line, column, severity, message).
fn external(json: &Value) -> Vec<(String, u64, u64, String, String)> {
    json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "external")
        .map(|p| {
            (
                p["file"].as_str().unwrap().to_string(),
                p["line"].as_u64().unwrap(),
                p["column"].as_u64().unwrap(),
                p["severity"].as_str().unwrap().to_string(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The 1-based column, in characters, where `needle` starts on `line` of `file`.
fn column(site: &Site, file: &str, line: usize, needle: &str) -> u64 {
    let text = std::fs::read_to_string(site.path(file)).unwrap();
    let line = text.lines().nth(line - 1).unwrap();
    let start = line
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` in {line}"));
    line[..start].chars().count() as u64 + 1
}

fn requests(items: &[(&str, usize)]) -> BTreeMap<String, usize> {
    items.iter().map(|(r, n)| (r.to_string(), *n)).collect()
}

/// Two articles: every kind of answer, one address written twice (once with a
/// `#fragment`) and once more in the other article, and a picture.
fn links_site(server: &TestServer, dead_port: u16) -> (Site, String, String) {
    let site = site();
    let url = |path: &str| server.url(path);
    // The body starts on line 5 (`---`, title, date, `---`).
    let a = site.article(
        "news/a",
        "vi",
        "Bài A",
        "2024-01-01",
        "",
        &format!(
            "[Tốt]({ok}) và [chuyển]({moved}).\n\
             \n\
             Xem [trang đã xoá]({gone}) hoặc [mục]({gone}#muc).\n\
             \n\
             [Chậm]({slow}), [không HEAD]({head}), [bận]({unavailable}).\n\
             \n\
             [Không ai nghe](http://127.0.0.1:{dead_port}/x)\n",
            ok = url("/ok"),
            moved = url("/moved"),
            gone = url("/gone"),
            slow = url("/slow"),
            head = url("/head-refused"),
            unavailable = url("/unavailable"),
        ),
    );
    let b = site.article(
        "news/b",
        "vi",
        "Bài B",
        "2024-01-02",
        "",
        &format!(
            "Lại [trang đã xoá]({gone}).\n\n![Ảnh cũ]({picture})\n",
            gone = url("/gone"),
            picture = url("/gone.png"),
        ),
    );
    (site, a, b)
}

#[test]
fn external_links_are_reported_where_they_are_written() {
    let server = TestServer::start();
    let dead_port = closed_port();
    let (site, a, b) = links_site(&server, dead_port);
    let url = |path: &str| server.url(path);

    let json = check_json(&site, &["--external", "--timeout", "1"], 0);
    let warning = |file: &str, line, column, message: String| {
        (
            file.to_string(),
            line,
            column,
            "warning".to_string(),
            message,
        )
    };
    assert_eq!(
        external(&json),
        [
            warning(
                &a,
                7,
                5,
                format!(
                    "the link `{}` leads nowhere: the server answers 404 Not Found",
                    url("/gone")
                )
            ),
            warning(
                &a,
                7,
                column(&site, &a, 7, "[mục]"),
                format!(
                    "the link `{}#muc` leads nowhere: the server answers 404 Not Found",
                    url("/gone")
                )
            ),
            warning(
                &a,
                9,
                1,
                format!(
                    "the link `{}` could not be checked (no answer within 1 s)",
                    url("/slow")
                )
            ),
            warning(
                &a,
                9,
                column(&site, &a, 9, "[bận]"),
                format!(
                    "the link `{}` could not be checked (the server answers 503 Service Unavailable)",
                    url("/unavailable")
                )
            ),
            warning(
                &a,
                11,
                1,
                format!(
                    "the link `http://127.0.0.1:{dead_port}/x` leads nowhere: the server refuses the connection"
                )
            ),
            warning(
                &b,
                5,
                5,
                format!(
                    "the link `{}` leads nowhere: the server answers 404 Not Found",
                    url("/gone")
                )
            ),
            warning(
                &b,
                7,
                1,
                format!(
                    "the picture `{}` leads nowhere: the server answers 404 Not Found",
                    url("/gone.png")
                )
            ),
        ]
    );
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(json["summary"]["warnings"], 7);
    assert_eq!(json["summary"]["by_kind"]["external"]["warnings"], 7);
    // ok, moved, gone (three times written), slow, head-refused, unavailable, the dead
    // port, gone.png: eight addresses, none cached yet.
    assert_eq!(
        json["summary"]["external"],
        serde_json::json!({"links": 8, "from_cache": 0})
    );

    // Each address once; GET only where HEAD was refused; the redirect followed.
    assert_eq!(
        server.requests(),
        requests(&[
            ("HEAD /ok", 2),
            ("HEAD /moved", 1),
            ("HEAD /gone", 1),
            ("HEAD /gone.png", 1),
            ("HEAD /slow", 1),
            ("HEAD /head-refused", 1),
            ("GET /head-refused", 1),
            ("HEAD /unavailable", 1),
        ])
    );
    let agents = server.seen.lock().unwrap().user_agents.clone();
    assert!(
        agents
            .iter()
            .all(|agent| agent.starts_with("mekong-link-check")),
        "{agents:?}"
    );

    // The same findings for people, at their lines, with a hint; the summary counts
    // the links. Answers now come from the cache, except those that may change soon.
    let out = check(&site, &["--external", "--timeout", "1"]);
    out.assert_code(0);
    let gone = out.problem_at(&a, 7);
    assert!(gone.contains(&format!("{a}:7:5")), "{gone}");
    assert_hint(&gone, "web.archive.org");
    assert_hint(&gone, "--external-max-age 0 asks again");
    assert_hint(&out.problem_at(&a, 9), "--timeout");
    assert!(
        out.stdout
            .contains("Links to other sites: 8 checked, 5 of them answered from the cache."),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("links to other sites: 7 warnings"),
        "{}",
        out.stdout
    );

    // --strict makes them errors.
    let out = check(&site, &["--external", "--timeout", "1", "--strict"]);
    out.assert_code(1);
    assert!(
        out.stdout
            .contains("With --strict, warnings count as errors.")
    );
}

#[test]
fn answers_are_cached_for_a_day_and_a_damaged_cache_is_rewritten() {
    let server = TestServer::start();
    let site = site();
    let file = site.article(
        "news/a",
        "vi",
        "Bài",
        "2024-01-01",
        "",
        &format!(
            "[a]({}) [b]({}) [c]({}) [d]({})\n",
            server.url("/ok"),
            server.url("/gone"),
            server.url("/moved"),
            server.url("/unavailable")
        ),
    );
    let first = check_json(&site, &["--external"], 0);
    let asked = server.requests();
    assert_eq!(asked.values().sum::<usize>(), 5, "{asked:?}");

    // The cache: address → final status and when it was asked. A 503 may be gone in a
    // minute: it is not kept.
    let cache_file = site.path(".mekong-cache/links.json");
    let cache: Value = serde_json::from_str(&std::fs::read_to_string(&cache_file).unwrap())
        .expect("the cache is JSON");
    let statuses: BTreeMap<String, u64> = cache["links"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(url, entry)| (url.clone(), entry["status"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            (server.url("/gone"), 404),
            (server.url("/moved"), 200),
            (server.url("/ok"), 200),
        ]
        .into_iter()
        .collect()
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let checked_at = cache["links"][server.url("/ok")]["checked_at"]
        .as_u64()
        .unwrap();
    assert!(now - checked_at < 60, "checked_at {checked_at}, now {now}");

    // Again: only the 503 is asked again, and the report is the same.
    let again = check_json(&site, &["--external"], 0);
    assert_eq!(server.total(), 6, "{:?}", server.requests());
    assert_eq!(server.requests()["HEAD /unavailable"], 2);
    assert_eq!(external(&again), external(&first));
    assert_eq!(
        again["summary"]["external"],
        serde_json::json!({"links": 4, "from_cache": 3})
    );

    // Too old for --external-max-age 0: everything is asked again.
    let fresh = check_json(&site, &["--external", "--external-max-age", "0"], 0);
    assert_eq!(server.total(), 11, "{:?}", server.requests());
    assert_eq!(external(&fresh), external(&first));
    assert_eq!(
        fresh["summary"]["external"],
        serde_json::json!({"links": 4, "from_cache": 0})
    );

    // A damaged cache is ignored, every link asked, and the file written anew.
    site.file(".mekong-cache/links.json", "{\"version\": 1, \"links\": {");
    let repaired = check_json(&site, &["--external"], 0);
    assert_eq!(server.total(), 16, "{:?}", server.requests());
    assert_eq!(external(&repaired), external(&first));
    let cache: Value =
        serde_json::from_str(&std::fs::read_to_string(&cache_file).unwrap()).unwrap();
    assert_eq!(cache["links"].as_object().unwrap().len(), 3);
    let leftovers: Vec<_> = std::fs::read_dir(site.path(".mekong-cache"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(leftovers, ["links.json"], "no temporary file is left");

    // The link found in the cache is still reported at its place.
    assert!(
        external(&repaired)
            .iter()
            .any(|(f, line, _, _, message)| *f == file
                && *line == 5
                && message.contains("404 Not Found")),
        "{repaired}"
    );
}

#[test]
fn at_most_concurrency_requests_are_in_flight() {
    let server = TestServer::start();
    let site = site();
    let body: String = (0..6)
        .map(|i| format!("[{i}]({})\n\n", server.url(&format!("/wait/{i}"))))
        .collect();
    site.article("news/a", "vi", "Bài", "2024-01-01", "", &body);
    let json = check_json(&site, &["--external", "--concurrency", "2"], 0);
    assert!(external(&json).is_empty(), "{json}");
    assert_eq!(server.total(), 6);
    // Six answers of 300 ms each, two at a time.
    assert_eq!(server.seen.lock().unwrap().most_in_flight, 2);
}

#[test]
fn without_external_nothing_is_asked() {
    let server = TestServer::start();
    let (site, _, _) = links_site(&server, closed_port());
    let json = check_json(&site, &["--strict"], 0);
    assert!(external(&json).is_empty());
    assert!(json["summary"].get("external").is_none(), "{json}");
    let out = check(&site, &[]);
    out.assert_code(0);
    assert!(
        !out.stdout.contains("Links to other sites"),
        "{}",
        out.stdout
    );
    assert_eq!(server.total(), 0);
    assert!(!site.path(".mekong-cache/links.json").exists());
    // The settings of --external mean nothing without it: a usage error.
    check(&site, &["--timeout", "5"]).assert_code(2);
    check(&site, &["--external-max-age", "1"]).assert_code(2);
    assert_eq!(server.total(), 0);
}
