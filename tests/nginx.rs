//! The example site (this repository's own `content/`) built and served by a real nginx
//! with the README's configuration: localised 404 pages, old addresses (aliases) and
//! Lao addresses, fetched over HTTP.

mod common;

use std::fs::File;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The server block lines the README gives for localised 404 pages: each language's
/// folder answers a missing address with its own 404 page, everything else with the
/// root one (which offers the three languages).
const NGINX_404_SNIPPET: &str = "\
error_page 404 /404.html;
location /vi/ { error_page 404 /vi/404.html; }
location /en/ { error_page 404 /en/404.html; }
location /lo/ { error_page 404 /lo/404.html; }
";

/// The example site's address (`base_url` in the repository's site.yaml).
const EXAMPLE_BASE_URL: &str = "https://thongtindoingoai.vanlinh.gov.vn";

/// The repository root, which is the example site.
fn example_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The example site built into a fixture folder's `public/` (the fixture itself stays
/// empty: it only lends its temporary folder and its way of running the binary).
fn build_example() -> Site {
    let site = Site::empty();
    let out = site.public("");
    site.run(&[
        "--root",
        example_root()
            .to_str()
            .expect("the repository path is UTF-8"),
        "build",
        "--output",
        out.to_str().expect("temporary paths are UTF-8"),
    ])
    .assert_success();
    site
}

/// An nginx serving a folder on 127.0.0.1, stopped when dropped (also when a test
/// panics). It runs in the foreground as a single process, so killing the child stops
/// it all; its configuration, pid file, logs and temporary files live in its own folder.
struct Nginx {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP response.
#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }
}

fn nginx_binary() -> PathBuf {
    let on_path = Command::new("nginx")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if on_path {
        PathBuf::from("nginx")
    } else {
        PathBuf::from("/usr/sbin/nginx")
    }
}

/// A port nobody listens on right now.
fn unused_local_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("bind a free local port")
        .port()
}

impl Nginx {
    fn serve(public: &Path) -> Nginx {
        require_tools();
        let dir = tempfile::Builder::new()
            .prefix("mekong-nginx-")
            .tempdir()
            .expect("create nginx's temporary folder");
        let port = unused_local_port();
        let d = dir.path().display();
        let config = format!(
            "\
daemon off;
master_process off;
pid \"{d}/nginx.pid\";
error_log \"{d}/error.log\" info;
events {{ worker_connections 64; }}
http {{
    types {{
        text/html html;
        application/xml xml;
        text/plain txt;
        text/css css;
        text/javascript js;
        image/svg+xml svg;
        image/jpeg jpg jpeg;
        image/png png;
        image/webp webp;
    }}
    default_type application/octet-stream;
    charset utf-8;
    access_log \"{d}/access.log\";
    client_body_temp_path \"{d}/body\";
    proxy_temp_path \"{d}/proxy\";
    fastcgi_temp_path \"{d}/fastcgi\";
    uwsgi_temp_path \"{d}/uwsgi\";
    scgi_temp_path \"{d}/scgi\";
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root \"{root}\";
{snippet}    }}
}}
",
            root = public.display(),
            snippet = NGINX_404_SNIPPET
                .lines()
                .map(|line| format!("        {line}\n"))
                .collect::<String>(),
        );
        let conf = dir.path().join("nginx.conf");
        std::fs::write(&conf, &config).expect("write nginx.conf");
        let log = File::create(dir.path().join("stderr.log")).expect("create nginx's stderr log");
        let child = Command::new(nginx_binary())
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("share the log file"))
            .stderr(log)
            .spawn()
            .expect("start nginx");
        let mut nginx = Nginx { child, port, dir };
        nginx.wait_until_listening(&config);
        nginx
    }

    fn logs(&self) -> String {
        ["stderr.log", "error.log"]
            .iter()
            .map(|name| {
                let text = std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default();
                format!("--- {name}\n{text}")
            })
            .collect()
    }

    fn wait_until_listening(&mut self, config: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "nginx exited at start ({status})\n{}\nnginx.conf:\n{config}",
                    self.logs()
                );
            }
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "nginx does not listen on port {}\n{}",
                self.port,
                self.logs()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `GET path` over a plain HTTP/1.0 connection (`path` as sent: percent-encoded).
    fn get(&self, path: &str) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to nginx");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("set a read timeout");
        write!(
            stream,
            "GET {path} HTTP/1.0\r\nHost: localhost\r\nUser-Agent: mekong-tests\r\n\r\n"
        )
        .expect("send the request");
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .unwrap_or_else(|e| panic!("read the response to GET {path}: {e}"));
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("GET {path}: not an HTTP response:\n{text}"));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("GET {path}: no status line:\n{head}"));
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
            .collect();
        Response {
            status,
            headers,
            body: body.to_string(),
        }
    }
}

fn read(public: &Path, rel: &str) -> String {
    std::fs::read_to_string(public.join(rel))
        .unwrap_or_else(|e| panic!("read public/{rel} of the example site: {e}"))
}

/// Asserts a response carries exactly the published file `public/<rel>`, naming the
/// page it got instead (by its canonical link) rather than printing both pages.
fn assert_body_is(response: &Response, public: &Path, rel: &str, request: &str) {
    if response.body != read(public, rel) {
        let canonical = attrs(&response.html(), "link[rel=\"canonical\"]", "href");
        panic!(
            "{request}: the body is not public/{rel}; got the page with canonical {canonical:?}"
        );
    }
}

/// A front matter value of one of the example site's content files, as written.
fn front_matter(rel: &str, key: &str) -> String {
    let text = std::fs::read_to_string(example_root().join(rel))
        .unwrap_or_else(|e| panic!("read {rel}: {e}"));
    text.lines()
        .find_map(|line| line.strip_prefix(&format!("{key}:")))
        .map(|value| value.trim().trim_matches('"').to_string())
        .unwrap_or_else(|| panic!("{rel} has no `{key}:` line"))
}

#[test]
fn a_missing_address_in_a_language_gets_that_languages_404_page() {
    let example = build_example();
    let nginx = Nginx::serve(&example.public(""));
    for lang in ["vi", "en", "lo"] {
        let response = nginx.get(&format!("/{lang}/khong-co-trang-nay/"));
        assert_eq!(response.status, 404, "GET /{lang}/khong-co-trang-nay/");
        assert_eq!(
            html_lang(&response.html()),
            lang,
            "GET /{lang}/khong-co-trang-nay/ answers with the {lang} 404 page"
        );
        assert_body_is(
            &response,
            &example.public(""),
            &format!("{lang}/404.html"),
            &format!("GET /{lang}/khong-co-trang-nay/"),
        );
    }
}

#[test]
fn a_missing_address_elsewhere_gets_the_root_404_page() {
    let example = build_example();
    let nginx = Nginx::serve(&example.public(""));
    for path in ["/nope", "/khong-co/trang-nay.html"] {
        let response = nginx.get(path);
        assert_eq!(response.status, 404, "GET {path}");
        assert_body_is(
            &response,
            &example.public(""),
            "404.html",
            &format!("GET {path}"),
        );
        assert!(
            response
                .header("Content-Type")
                .is_some_and(|t| t.starts_with("text/html")),
            "GET {path}: Content-Type {:?}",
            response.header("Content-Type")
        );
    }
}

#[test]
fn an_old_address_leads_to_its_article() {
    let source = "content/news/2023-03-21-hoi-dam-voi-tinh-phu-vieng/index.vi.md";
    let alias = "/tin-tuc/10234.html";
    assert!(
        front_matter(source, "aliases").contains(alias),
        "{source} no longer has the alias {alias}; update this test"
    );
    // The contract's address: /LANG/<section-slug>/<bundle>/.
    let section_slug = front_matter("content/news/_index.vi.md", "slug");
    let article = format!("/vi/{section_slug}/2023-03-21-hoi-dam-voi-tinh-phu-vieng/");

    let example = build_example();
    let nginx = Nginx::serve(&example.public(""));
    let response = nginx.get(alias);
    assert_eq!(response.status, 200, "GET {alias}");
    let html = response.html();
    let refresh = attr(&html, "meta[http-equiv=\"refresh\"]", "content");
    let (_, target) = refresh
        .split_once("url=")
        .unwrap_or_else(|| panic!("GET {alias}: the refresh `{refresh}` names no URL"));
    let target = target.trim();
    let path = target.strip_prefix(EXAMPLE_BASE_URL).unwrap_or(target);
    assert_eq!(path, article, "GET {alias}: where the refresh leads");

    let followed = nginx.get(path);
    assert_eq!(followed.status, 200, "GET {path} (the refresh target)");
    let page = followed.html();
    assert_eq!(html_lang(&page), "vi");
    assert_eq!(
        attr(&page, "link[rel=\"canonical\"]", "href"),
        format!("{EXAMPLE_BASE_URL}{article}"),
        "the article at {path}"
    );
}

#[test]
fn a_lao_section_is_served_at_its_percent_encoded_address() {
    let slug = front_matter("content/news/_index.lo.md", "slug");
    assert!(
        !slug.is_ascii(),
        "the Lao news section's slug is in Lao letters"
    );
    let path = format!("/lo/{}/", encode(&slug));

    let example = build_example();
    let nginx = Nginx::serve(&example.public(""));
    let response = nginx.get(&path);
    assert_eq!(response.status, 200, "GET {path}");
    let html = response.html();
    assert_eq!(html_lang(&html), "lo", "GET {path}");
    assert_eq!(
        attr(&html, "link[rel=\"canonical\"]", "href"),
        format!("{EXAMPLE_BASE_URL}{path}"),
        "GET {path}"
    );
    // Its feed is there too, under the same Lao folder.
    let feed = nginx.get(&format!("{path}atom.xml"));
    assert_eq!(feed.status, 200, "GET {path}atom.xml");
}
