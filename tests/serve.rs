//! `mekong serve` as an editor meets it: the real binary on a free port, pages fetched
//! over HTTP, files edited the ways editors save them, and the live-reload WebSocket
//! listened to. Every edit is checked by polling the served page for a few seconds.

mod common;

use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

/// How long a served page may take to follow an edit.
// Generous: CI machines are shared, and a slow rebuild must not read as a missed one.
const EDIT: Duration = Duration::from_secs(15);

/// The article bundles of the fixture: `news/<name>`, published under the section slug.
const FAIR: &str = "hoi-cho";
const TWINNING: &str = "ket-nghia";

/// `/LANG/<section slug>/<bundle>/`, as the contract publishes an article.
fn page(lang: &str, bundle: &str) -> String {
    let section = match lang {
        "vi" => "tin-tuc".to_string(),
        "en" => "news".to_string(),
        _ => encode("ຂ່າວ"),
    };
    format!("/{lang}/{section}/{bundle}/")
}

/// A section `news` (vi, en, lo) with two articles: `hoi-cho` in vi, en and lo,
/// `ket-nghia` in vi only.
fn news_site() -> Site {
    let site = Site::new();
    site.section("news", "vi", "Tin tức", "tin-tuc");
    site.section("news", "en", "News", "news");
    site.section("news", "lo", "ຂ່າວ", "ຂ່າວ");
    write_fair(
        &site,
        "vi",
        "Hội chợ thương mại biên giới",
        "Nội dung hội chợ.",
    );
    write_fair(&site, "en", "Border trade fair", "About the fair.");
    write_fair(&site, "lo", "ງານວາງສະແດງສິນຄ້າ", "ເນື້ອໃນ.");
    write_twinning(&site, "Lễ kết nghĩa bản biên giới", "Nội dung kết nghĩa.");
    site
}

fn write_fair(site: &Site, lang: &str, title: &str, body: &str) -> String {
    site.article(
        &format!("news/{FAIR}"),
        lang,
        title,
        "2024-03-02",
        "tags: [\"Thương mại\"]",
        body,
    )
}

fn write_twinning(site: &Site, title: &str, body: &str) -> String {
    site.article(
        &format!("news/{TWINNING}"),
        "vi",
        title,
        "2024-03-05",
        "",
        body,
    )
}

fn is_ok_with(response: &HttpResponse, text: &str) -> bool {
    response.status == 200 && response.text().contains(text)
}

/// The `<h1>` of a served article.
fn headline(response: &HttpResponse) -> String {
    select(&response.html(), "h1")
        .first()
        .map(text)
        .unwrap_or_default()
}

/// `N` in the last `Rebuilt in … ms: N pages rendered, …` line.
fn pages_rendered(stdout: &str) -> Vec<usize> {
    stdout
        .lines()
        .filter(|line| line.starts_with("Rebuilt"))
        .filter_map(|line| {
            let (_, rest) = line.split_once(": ")?;
            rest.split_whitespace().next()?.parse().ok()
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The live-reload socket, as a tab's script sees it.
// ---------------------------------------------------------------------------

struct Live {
    socket: tungstenite::WebSocket<TcpStream>,
    /// Every message received so far, for failure messages.
    seen: Vec<String>,
}

impl Live {
    fn connect(server: &Server) -> Live {
        let stream =
            TcpStream::connect(("127.0.0.1", server.port)).expect("connect to the live socket");
        stream
            // Long enough for the handshake; shortened below for polling reads.
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("set a read timeout");
        let url = format!("ws://127.0.0.1:{}/__mekong/ws", server.port);
        let (socket, _) = tungstenite::client(url.as_str(), stream)
            .unwrap_or_else(|e| panic!("WebSocket handshake with {url}: {e}"));
        socket
            .get_ref()
            .set_read_timeout(Some(Duration::from_millis(100)))
            .expect("set a read timeout");
        Live {
            socket,
            seen: Vec::new(),
        }
    }

    /// The next JSON message within `at_most`.
    fn next(&mut self, at_most: Duration) -> Option<Value> {
        let started = Instant::now();
        while started.elapsed() < at_most {
            match self.socket.read() {
                Ok(tungstenite::Message::Text(text)) => {
                    self.seen.push(text.to_string());
                    return Some(
                        serde_json::from_str(&text)
                            .unwrap_or_else(|e| panic!("not JSON ({e}): {text}")),
                    );
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("the live socket failed: {e}"),
            }
        }
        None
    }

    /// Waits for a message of `kind` (`built`, `error`) that satisfies `test`.
    fn wait(&mut self, kind: &str, at_most: Duration, test: impl Fn(&Value) -> bool) -> Value {
        let started = Instant::now();
        while let Some(left) = at_most.checked_sub(started.elapsed()) {
            if let Some(message) = self.next(left)
                && message["type"] == kind
                && test(&message)
            {
                return message;
            }
        }
        panic!(
            "no `{kind}` message as expected within {at_most:?}; received:\n{}",
            self.seen.join("\n")
        );
    }
}

fn changed_paths(message: &Value) -> Vec<String> {
    message["paths"]
        .as_array()
        .map(|paths| {
            paths
                .iter()
                .filter_map(|p| p.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------

#[test]
fn serves_every_kind_of_file_with_its_type_and_no_store() {
    let site = news_site();
    let webp: &[u8] =
        b"RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0\x2f\0\0\0\x10\x07\x10\x11\x11\x88\x88\xfe\x07\0";
    let avif: &[u8] = b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf";
    let woff2: &[u8] = b"wOF2\0\x01\0\0\0\0\0\0";
    site.bytes("static/img/photo.webp", webp);
    site.bytes("static/img/photo.avif", avif);
    site.file(
        "static/img/mark.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>\n",
    );
    site.bytes("static/fonts/body.woff2", woff2);
    site.file("static/data/places.json", "{\"places\": [\"Lao Bảo\"]}\n");
    let server = site.serve(&[]);

    let cases: [(&str, &str); 11] = [
        (&page("vi", FAIR), "text/html"),
        ("/css/site.css", "text/css"),
        ("/js/site.js", "javascript"),
        ("/img/photo.webp", "image/webp"),
        ("/img/photo.avif", "image/avif"),
        ("/img/mark.svg", "image/svg+xml"),
        ("/fonts/body.woff2", "font/woff2"),
        ("/data/places.json", "application/json"),
        ("/sitemap.xml", "xml"),
        ("/vi/atom.xml", "xml"),
        ("/__mekong/live.js", "javascript"),
    ];
    for (path, expected_type) in cases {
        let response = server.get(path);
        assert_eq!(response.status, 200, "GET {path}");
        let content_type = response.header("content-type").unwrap_or_default();
        assert!(
            content_type.contains(expected_type),
            "GET {path}: content-type `{content_type}`, expected {expected_type}"
        );
        let cache = response.header("cache-control").unwrap_or_default();
        assert!(
            cache.contains("no-store"),
            "GET {path}: cache-control `{cache}`"
        );
    }
    // Static files are served byte for byte.
    for (path, bytes) in [
        ("/img/photo.webp", webp),
        ("/img/photo.avif", avif),
        ("/fonts/body.woff2", woff2),
    ] {
        assert_eq!(server.get(path).body, bytes, "GET {path} changed the bytes");
    }
    assert!(
        server
            .get("/__mekong/live.js")
            .text()
            .contains("/__mekong/ws"),
        "the live script opens the live socket"
    );
}

#[test]
fn pages_carry_the_live_script_and_local_links_but_built_files_do_not() {
    let site = news_site();
    let server = site.serve(&[]);
    let script = "<script src=\"/__mekong/live.js\"";
    for path in [
        "/",
        "/vi/",
        &page("vi", FAIR),
        &page("en", FAIR),
        "/vi/404.html",
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 200, "GET {path}");
        let html = response.text();
        assert_eq!(
            html.matches(script).count(),
            1,
            "GET {path} should carry the live script once:\n{html}"
        );
        assert!(
            !html.contains(BASE_URL),
            "GET {path}: base_url {BASE_URL} should be replaced by {}",
            server.origin
        );
    }
    // Absolute links point at the preview, so every link works locally.
    let article = server.get(&page("vi", FAIR)).html();
    assert_eq!(
        attr(&article, "link[rel=\"canonical\"]", "href"),
        server.url(&page("vi", FAIR))
    );
    assert_eq!(
        alternate(&article, "en"),
        server.url(&page("en", FAIR)),
        "hreflang alternates lead to the preview"
    );

    // The same site built: no trace of the live script.
    site.build_ok(&[]);
    let pages = html_files(&site.root().join("public"));
    assert!(pages.len() > 5, "the build published pages: {pages:?}");
    for rel in pages {
        assert!(
            !site.read(&rel).contains("__mekong"),
            "public/{rel} carries the live-reload script"
        );
    }
}

#[test]
fn every_link_and_asset_of_a_served_page_works_locally() {
    // A base_url with a path: the preview still serves the site from its root.
    let site = news_site();
    site.file(
        "site.yaml",
        &SITE_YAML.replace(
            "base_url: https://example.gov.vn",
            "base_url: https://example.gov.vn/cong-thong-tin",
        ),
    );
    let server = site.serve(&[]);
    let mut checked = 0;
    for path in [
        "/".to_string(),
        "/vi/".into(),
        page("vi", FAIR),
        page("lo", FAIR),
    ] {
        let html = server.get(&path).html();
        let mut links = attrs(&html, "a[href]", "href");
        links.extend(attrs(&html, "link[href]", "href"));
        links.extend(attrs(&html, "script[src]", "src"));
        links.extend(attrs(&html, "img[src]", "src"));
        for link in links {
            let local = match link.strip_prefix(&server.origin) {
                Some(rest) => rest.to_string(),
                None if link.starts_with('/') && !link.starts_with("//") => link.clone(),
                // Fragments and other sites.
                None => {
                    assert!(
                        !link.contains("example.gov.vn"),
                        "GET {path}: `{link}` leads to the real site, not the preview"
                    );
                    continue;
                }
            };
            let target = local.split(['#', '?']).next().unwrap_or_default();
            let response = server.get(target);
            assert_eq!(
                response.status, 200,
                "GET {path}: the link `{link}` is broken in the preview"
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} links checked");
}

#[test]
fn folders_serve_their_index_and_redirect_to_the_slash_url() {
    let site = news_site();
    let server = site.serve(&[]);
    let folder = server.get("/vi/tin-tuc/");
    let index = server.get("/vi/tin-tuc/index.html");
    assert_eq!(folder.status, 200);
    assert_eq!(folder.body, index.body, "a folder serves its index.html");
    assert!(text(&select(&folder.html(), "title")[0]).contains("Tin tức"));

    let redirect = server.get("/vi/tin-tuc");
    assert_eq!(redirect.status, 301, "a folder without its slash redirects");
    assert_eq!(redirect.header("location"), Some("/vi/tin-tuc/"));
    assert!(
        redirect
            .header("cache-control")
            .is_some_and(|v| v.contains("no-store"))
    );

    // Lao slugs arrive percent-encoded.
    let lao = server.get(&page("lo", FAIR));
    assert_eq!(lao.status, 200, "GET {}", page("lo", FAIR));
    assert_eq!(headline(&lao), "ງານວາງສະແດງສິນຄ້າ");
    let lao_section = format!("/lo/{}", encode("ຂ່າວ"));
    let redirect = server.get(&lao_section);
    assert_eq!(redirect.status, 301);
    assert_eq!(
        redirect.header("location"),
        Some(format!("{lao_section}/").as_str())
    );
}

#[test]
fn missing_pages_get_the_localized_404_with_status_404() {
    let site = news_site();
    let server = site.serve(&[]);
    for lang in ["vi", "en", "lo"] {
        let path = format!("/{lang}/nope/");
        let response = server.get(&path);
        assert_eq!(response.status, 404, "GET {path}");
        assert!(
            response
                .header("content-type")
                .is_some_and(|v| v.starts_with("text/html"))
        );
        assert!(
            response
                .header("cache-control")
                .is_some_and(|v| v.contains("no-store"))
        );
        assert_eq!(
            html_lang(&response.html()),
            lang,
            "GET {path} serves the {lang} 404 page"
        );
    }
    let response = server.get("/nope.html");
    assert_eq!(response.status, 404);
    assert!(response.text().contains("<html"), "the root 404 page");
    assert_eq!(server.get("/vi/tin-tuc/nope/").status, 404);
}

#[test]
fn requests_never_leave_the_site() {
    let site = news_site();
    // A secret beside the server's output folder (both live in the temporary folder),
    // and symlinks in static/ that lead out of the site.
    let outside = tempfile::Builder::new()
        .prefix("mekong-outside-")
        .tempdir_in(std::env::temp_dir())
        .expect("create a folder outside the site");
    let secret = format!("TOP-SECRET-{}", std::process::id());
    let secret_file = outside.path().join("secret.txt");
    std::fs::write(&secret_file, &secret).expect("write the secret");
    let outside_name = outside
        .path()
        .file_name()
        .expect("a temporary folder has a name")
        .to_string_lossy()
        .into_owned();
    std::fs::create_dir_all(site.path("static")).expect("create static/");
    std::os::unix::fs::symlink(&secret_file, site.path("static/leak.txt")).expect("symlink a file");
    std::os::unix::fs::symlink(outside.path(), site.path("static/leakdir"))
        .expect("symlink a folder");
    std::os::unix::fs::symlink("/etc/passwd", site.path("static/passwd")).expect("symlink");
    let server = site.serve(&[]);

    let targets = [
        format!("/../{outside_name}/secret.txt"),
        format!("/%2e%2e/{outside_name}/secret.txt"),
        format!("/%2E%2E/{outside_name}/secret.txt"),
        format!("/vi/%2e%2e/%2e%2e/{outside_name}/secret.txt"),
        format!("/..%2f{outside_name}%2fsecret.txt"),
        format!("/%2e%2e%2f{outside_name}%2fsecret.txt"),
        format!("/vi/..%5c..%5c{outside_name}%5csecret.txt"),
        format!(
            "http://127.0.0.1:{}/../{outside_name}/secret.txt",
            server.port
        ),
        format!("{}/secret.txt", outside.path().display()),
        format!("/{}/secret.txt", outside.path().display()),
        "/leak.txt".to_string(),
        "/leakdir/secret.txt".to_string(),
        "/passwd".to_string(),
        "/../../../../../../../../etc/passwd".to_string(),
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "/vi/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "//etc/passwd".to_string(),
        "/%2fetc%2fpasswd".to_string(),
        "/etc/passwd".to_string(),
    ];
    for target in &targets {
        let response = server.get(target);
        let body = response.text();
        assert!(
            !body.contains(&secret) && !body.contains("root:x:0:0"),
            "GET {target} served a file from outside the site ({})",
            response.status
        );
        assert!(
            (400..500).contains(&response.status),
            "GET {target} should be refused or not found, got {}",
            response.status
        );
    }
    // The site itself is still served.
    assert_eq!(server.get("/vi/").status, 200);
}

// ---------------------------------------------------------------------------
// Edits, the ways editors save them
// ---------------------------------------------------------------------------

#[test]
fn in_place_renamed_over_and_simultaneous_saves_all_show_up() {
    let site = news_site();
    let server = site.serve(&[]);
    let fair_vi = page("vi", FAIR);
    assert_eq!(
        headline(&server.get(&fair_vi)),
        "Hội chợ thương mại biên giới"
    );

    // In place (most editors, `echo >`).
    write_fair(&site, "vi", "Hội chợ mùa xuân", "Nội dung hội chợ.");
    server.wait_for(&fair_vi, "the title written in place", EDIT, |r| {
        headline(r) == "Hội chợ mùa xuân"
    });
    // The listing that shows the article follows.
    server.wait_for("/vi/tin-tuc/", "the new title in the listing", EDIT, |r| {
        is_ok_with(r, "Hội chợ mùa xuân")
    });

    // Written to a temporary file, then renamed over the original (vim, many IDEs).
    let temporary = site.path(&format!("content/news/{FAIR}/.index.vi.md.tmp"));
    std::fs::write(
        &temporary,
        article("Hội chợ mùa hè", "2024-03-02", "", "Nội dung mới."),
    )
    .expect("write the temporary file");
    std::fs::rename(
        &temporary,
        site.path(&format!("content/news/{FAIR}/index.vi.md")),
    )
    .expect("rename over the article");
    server.wait_for(&fair_vi, "the title renamed over", EDIT, |r| {
        headline(r) == "Hội chợ mùa hè" && r.text().contains("Nội dung mới.")
    });

    // Vim with `backupcopy=no`: the original moved to a `~` backup, a new file written,
    // the backup removed.
    let original = site.path(&format!("content/news/{FAIR}/index.vi.md"));
    let backup = site.path(&format!("content/news/{FAIR}/index.vi.md~"));
    std::fs::rename(&original, &backup).expect("move the original to a backup");
    std::fs::write(
        &original,
        article("Hội chợ mùa thu", "2024-03-02", "", "Nội dung mới."),
    )
    .expect("write the new file");
    std::fs::remove_file(&backup).expect("remove the backup");
    server.wait_for(&fair_vi, "the title saved vim-style", EDIT, |r| {
        headline(r) == "Hội chợ mùa thu"
    });

    // Several files saved at once ("save all").
    write_fair(&site, "vi", "Hội chợ: bản A", "Một.");
    write_fair(&site, "en", "Fair: version A", "One.");
    write_fair(&site, "lo", "ງານວາງສະແດງ A", "ໜຶ່ງ.");
    write_twinning(&site, "Kết nghĩa: bản A", "Hai.");
    for (path, title) in [
        (page("vi", FAIR), "Hội chợ: bản A"),
        (page("en", FAIR), "Fair: version A"),
        (page("lo", FAIR), "ງານວາງສະແດງ A"),
        (page("vi", TWINNING), "Kết nghĩa: bản A"),
    ] {
        server.wait_for(&path, title, EDIT, |r| headline(r) == title);
    }
}

#[test]
fn new_deleted_renamed_and_copied_bundles_follow_the_folders() {
    let site = news_site();
    site.section("culture", "vi", "Văn hóa", "van-hoa");
    site.article(
        "culture/chieng",
        "vi",
        "Lễ hội cồng chiêng",
        "2024-02-01",
        "",
        "Chiêng.",
    );
    site.file(
        "content/about.vi.md",
        "---\ntitle: \"Giới thiệu\"\n---\nVề tỉnh.\n",
    );
    let server = site.serve(&[]);
    assert_eq!(server.get("/vi/van-hoa/chieng/").status, 200);
    assert_eq!(server.get("/vi/about/").status, 200);

    // A new bundle.
    site.article(
        "news/du-lich",
        "vi",
        "Du lịch cộng đồng",
        "2024-04-01",
        "",
        "Bản làng.",
    );
    server.wait_for(&page("vi", "du-lich"), "the new bundle", EDIT, |r| {
        r.status == 200 && headline(r) == "Du lịch cộng đồng"
    });
    server.wait_for("/vi/tin-tuc/", "the new bundle listed", EDIT, |r| {
        is_ok_with(r, "Du lịch cộng đồng")
    });

    // A deleted bundle: its page is gone, its listing entry too.
    std::fs::remove_dir_all(site.path(&format!("content/news/{TWINNING}")))
        .expect("delete the bundle");
    server.wait_for(&page("vi", TWINNING), "a 404", EDIT, |r| r.status == 404);
    server.wait_for("/vi/tin-tuc/", "the listing without it", EDIT, |r| {
        r.status == 200 && !r.text().contains("Lễ kết nghĩa bản biên giới")
    });

    // A deleted section folder takes its listing and articles along.
    std::fs::remove_dir_all(site.path("content/culture")).expect("delete the section");
    server.wait_for("/vi/van-hoa/", "a 404", EDIT, |r| r.status == 404);
    server.wait_for("/vi/van-hoa/chieng/", "a 404", EDIT, |r| r.status == 404);

    // A renamed single-file page moves too.
    std::fs::rename(
        site.path("content/about.vi.md"),
        site.path("content/gioi-thieu.vi.md"),
    )
    .expect("rename a page");
    server.wait_for("/vi/gioi-thieu/", "the renamed page", EDIT, |r| {
        is_ok_with(r, "Giới thiệu")
    });
    server.wait_for("/vi/about/", "a 404 at the old address", EDIT, |r| {
        r.status == 404
    });

    // A renamed bundle folder moves the page in every language.
    std::fs::rename(
        site.path(&format!("content/news/{FAIR}")),
        site.path("content/news/hoi-cho-2024"),
    )
    .expect("rename the bundle");
    for lang in ["vi", "en", "lo"] {
        server.wait_for(&page(lang, "hoi-cho-2024"), "the moved page", EDIT, |r| {
            r.status == 200
        });
        server.wait_for(&page(lang, FAIR), "a 404 at the old address", EDIT, |r| {
            r.status == 404
        });
    }

    // A folder with images copied in, file by file, as a file manager does.
    let staged = Site::empty();
    staged.file(
        "index.vi.md",
        &article(
            "Ảnh lễ hội",
            "2024-04-02",
            "",
            "![Cổng chào](cong.png)\n\n![Đêm hội](dem/hoi.jpg)",
        ),
    );
    staged.image("cong.png", 8, 6);
    staged.image("dem/hoi.jpg", 6, 4);
    copy_dir(staged.root(), &site.path("content/news/anh-le-hoi"));
    let gallery = server.wait_for(&page("vi", "anh-le-hoi"), "the copied bundle", EDIT, |r| {
        r.status == 200 && r.text().contains("Cổng chào") && r.text().contains("Đêm hội")
    });
    let images = attrs(&gallery.html(), "article img[src]", "src");
    assert_eq!(images.len(), 2, "two images on the page: {images:?}");
    for src in images {
        let response = server.wait_for(&src, "the copied image", EDIT, |r| r.status == 200);
        let content_type = response.header("content-type").unwrap_or_default();
        assert!(
            content_type.starts_with("image/"),
            "GET {src}: content-type {content_type}"
        );
        assert!(!response.body.is_empty());
    }
}

/// Copies a folder the way a file manager does: the folder first, then file by file.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the target folder");
    for entry in std::fs::read_dir(from).expect("read the folder") {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

#[test]
fn a_burst_of_edits_ends_in_the_same_site_as_a_clean_build() {
    let site = news_site();
    site.file(
        "templates/partials/footer.html",
        "<footer>chân trang</footer>\n",
    );
    site.file("static/css/site.css", "body { color: #111; }\n");
    let server = site.serve(&[]);

    // As fast as a script (or `git checkout`) can write.
    for n in 0..10 {
        write_fair(
            &site,
            "vi",
            &format!("Hội chợ lần {n}"),
            &format!("Bản {n}."),
        );
    }
    std::fs::rename(
        site.path(&format!("content/news/{TWINNING}")),
        site.path("content/news/ket-nghia-2024"),
    )
    .expect("rename a bundle");
    site.article("news/moi", "vi", "Bài mới", "2024-06-01", "", "Mới.");
    site.article("news/moi", "en", "New article", "2024-06-01", "", "New.");
    std::fs::remove_file(site.path(&format!("content/news/{FAIR}/index.en.md")))
        .expect("delete a translation");
    site.file(
        "templates/partials/footer.html",
        "<footer>chân trang mới</footer>\n",
    );
    site.file("static/css/site.css", "body { color: #222; }\n");

    // Wait until the server has been quiet for a while.
    let mut seen = server.rebuilds();
    let mut quiet_since = Instant::now();
    let started = Instant::now();
    while quiet_since.elapsed() < Duration::from_millis(1500) {
        assert!(started.elapsed() < Duration::from_secs(20), "never settled");
        std::thread::sleep(Duration::from_millis(100));
        if server.rebuilds() != seen {
            seen = server.rebuilds();
            quiet_since = Instant::now();
        }
    }
    assert!(
        !server.stderr().contains("error"),
        "the burst broke the build:\n{}",
        server.stderr()
    );

    // A clean build of the same files for the same address, file by file.
    let clean = tempfile::tempdir().expect("a folder for the clean build");
    let out = clean.path().join("public");
    site.build_ok(&[
        "--base-url",
        &server.origin,
        "--output",
        out.to_str().expect("UTF-8 path"),
    ]);
    let files = tree(&out);
    assert!(files.len() > 20);
    let script = "<script src=\"/__mekong/live.js\" defer></script>";
    for (rel, bytes) in &files {
        let path: String = rel.split('/').map(|s| format!("/{}", encode(s))).collect();
        let served = server.get(&path);
        assert_eq!(
            served.status, 200,
            "GET {path} (public/{rel} of a clean build)"
        );
        let body = if rel.ends_with(".html") {
            served.text().replacen(script, "", 1).into_bytes()
        } else {
            served.body.clone()
        };
        assert!(
            body == *bytes,
            "GET {path} differs from a clean build:\nserved:\n{}\nclean:\n{}",
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(bytes)
        );
    }
    // And what a clean build lacks is not served.
    for gone in [page("en", FAIR), page("vi", TWINNING)] {
        assert_eq!(server.get(&gone).status, 404, "GET {gone}");
    }
    assert_eq!(headline(&server.get(&page("vi", FAIR))), "Hội chợ lần 9");
}

#[test]
fn editor_swap_and_backup_files_do_not_trigger_a_rebuild() {
    let site = news_site();
    site.file("static/css/site.css", "body { color: #111; }\n");
    site.file(
        "templates/partials/footer.html",
        "<footer>chân trang</footer>\n",
    );
    let server = site.serve(&[]);
    // Let the watcher settle, then count.
    std::thread::sleep(Duration::from_millis(500));
    let before = server.rebuilds();
    assert_eq!(before, 1, "one build at start:\n{}", server.stdout());

    let bundle = format!("content/news/{FAIR}");
    for leftover in [
        format!("{bundle}/.index.vi.md.swp"),
        format!("{bundle}/.index.vi.md.swx"),
        format!("{bundle}/index.vi.md~"),
        format!("{bundle}/.#index.vi.md"),
        format!("{bundle}/#index.vi.md#"),
        "static/css/.site.css.swp".to_string(),
        "static/css/site.css~".to_string(),
        "templates/partials/.footer.html.swp".to_string(),
        "site.yaml~".to_string(),
        ".site.yaml.swp".to_string(),
    ] {
        site.file(&leftover, "leftover of an editor\n");
    }
    std::fs::remove_file(site.path(&format!("{bundle}/.index.vi.md.swp")))
        .expect("remove a swap file");
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        server.rebuilds(),
        before,
        "swap and backup files rebuilt the site:\n{}",
        server.stdout()
    );
    // The leftovers are not published either.
    assert_eq!(server.get("/css/site.css~").status, 404);

    // A real save still rebuilds, once.
    write_fair(&site, "vi", "Hội chợ sau khi lưu", "Nội dung hội chợ.");
    server.wait_for(&page("vi", FAIR), "the saved title", EDIT, |r| {
        headline(r) == "Hội chợ sau khi lưu"
    });
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        server.rebuilds(),
        before + 1,
        "one save, one rebuild:\n{}",
        server.stdout()
    );
}

#[test]
fn an_article_edit_rerenders_that_article_and_its_listings_only() {
    let site = news_site();
    for n in 0..6 {
        site.article(
            &format!("culture/bai-{n}"),
            "vi",
            &format!("Văn hóa {n}"),
            "2023-05-01",
            "tags: [\"Lễ hội\"]",
            "Chiêng.",
        );
    }
    let server = site.serve(&[]);
    let mut live = Live::connect(&server);
    let first = pages_rendered(&server.stdout());
    assert_eq!(first.len(), 1, "one build at start:\n{}", server.stdout());

    site.article(
        &format!("news/{TWINNING}"),
        "vi",
        "Lễ kết nghĩa bản biên giới",
        "2024-03-05",
        "",
        "Nội dung kết nghĩa, có thêm một câu.",
    );
    let built = live.wait("built", EDIT, |m| {
        changed_paths(m).contains(&page("vi", TWINNING))
    });
    let changed = changed_paths(&built);
    for untouched in [
        page("en", FAIR),
        page("lo", FAIR),
        "/vi/van-hoa/bai-0/".to_string(),
        "/en/".to_string(),
    ] {
        assert!(
            !changed.contains(&untouched),
            "an edit to one vi article changed {untouched}: {changed:?}"
        );
    }
    assert_eq!(built["css_only"], false);
    server.wait_stdout(EDIT, |out| pages_rendered(out).len() == 2);
    let counts = pages_rendered(&server.stdout());
    assert!(
        counts[1] >= 1 && counts[1] < counts[0] / 2,
        "the edit rendered {} pages of {}:\n{}",
        counts[1],
        counts[0],
        server.stdout()
    );
    server.wait_for(&page("vi", TWINNING), "the new sentence", EDIT, |r| {
        is_ok_with(r, "có thêm một câu")
    });

    // A Lao page is announced percent-encoded, as the tab's `location.pathname` reads.
    write_fair(&site, "lo", "ງານວາງສະແດງສິນຄ້າ", "ເນື້ອໃນໃໝ່.");
    let built = live.wait("built", EDIT, |m| !changed_paths(m).is_empty());
    assert!(
        changed_paths(&built).contains(&page("lo", FAIR)),
        "the Lao page {} is announced as the browser spells it: {built}",
        page("lo", FAIR)
    );
}

#[test]
fn templates_translations_static_files_and_settings_are_watched() {
    let site = news_site();
    site.file(
        "templates/partials/footer.html",
        "<footer class=\"site-footer\"><p>CHÂN-TRANG-MỘT</p></footer>\n",
    );
    site.file("i18n/vi.ftl", "skip-to-content = BỎ-QUA-MỘT\n");
    site.file("static/css/site.css", "body { color: #010203; }\n");
    site.file(
        "themes/default/templates/partials/topbar.html",
        "<div class=\"topbar\">THANH-TRÊN-MỘT</div>\n",
    );
    let server = site.serve(&[]);
    let mut live = Live::connect(&server);
    let fair_vi = page("vi", FAIR);
    let first = server.get(&fair_vi).text();
    assert!(first.contains("CHÂN-TRANG-MỘT") && first.contains("BỎ-QUA-MỘT"));

    // A template.
    site.file(
        "templates/partials/footer.html",
        "<footer class=\"site-footer\"><p>CHÂN-TRANG-HAI</p></footer>\n",
    );
    for path in [
        fair_vi.clone(),
        "/en/".into(),
        format!("/lo/{}/", encode("ຂ່າວ")),
    ] {
        server.wait_for(&path, "the new footer", EDIT, |r| {
            is_ok_with(r, "CHÂN-TRANG-HAI")
        });
    }

    // A Fluent file.
    site.file("i18n/vi.ftl", "skip-to-content = BỎ-QUA-HAI\n");
    server.wait_for(&fair_vi, "the new string", EDIT, |r| {
        is_ok_with(r, "BỎ-QUA-HAI")
    });
    server.wait_for("/vi/", "the new string on the home page", EDIT, |r| {
        is_ok_with(r, "BỎ-QUA-HAI")
    });
    assert!(
        !server.get("/en/").text().contains("BỎ-QUA"),
        "the vi string leaked into en"
    );

    // A stylesheet: only CSS changed, so tabs swap it without reloading.
    while live.next(Duration::from_millis(300)).is_some() {}
    site.file("static/css/site.css", "body { color: #040506; }\n");
    server.wait_for("/css/site.css", "the new stylesheet", EDIT, |r| {
        is_ok_with(r, "#040506")
    });
    let built = live.wait("built", EDIT, |m| !changed_paths(m).is_empty());
    assert_eq!(
        built["css_only"], true,
        "a CSS-only change should let tabs swap the stylesheet: {built}"
    );
    assert_eq!(changed_paths(&built), ["/css/site.css"]);

    // The stylesheet as the swapped link asks for it, with a query.
    assert!(is_ok_with(&server.get("/css/site.css?mekong=1"), "#040506"));

    // A new static file, then its folder renamed, then deleted.
    site.file("static/files/bao-cao.txt", "Báo cáo.\n");
    server.wait_for("/files/bao-cao.txt", "the new static file", EDIT, |r| {
        is_ok_with(r, "Báo cáo.")
    });
    std::fs::rename(site.path("static/files"), site.path("static/tai-lieu"))
        .expect("rename a static folder");
    server.wait_for("/tai-lieu/bao-cao.txt", "the moved file", EDIT, |r| {
        is_ok_with(r, "Báo cáo.")
    });
    server.wait_for(
        "/files/bao-cao.txt",
        "a 404 at the old address",
        EDIT,
        |r| r.status == 404,
    );
    std::fs::remove_file(site.path("static/tai-lieu/bao-cao.txt")).expect("delete it");
    server.wait_for("/tai-lieu/bao-cao.txt", "a 404", EDIT, |r| r.status == 404);

    // A file of the site's copy of the theme (themes/<theme>/).
    site.file(
        "themes/default/templates/partials/topbar.html",
        "<div class=\"topbar\">THANH-TRÊN-HAI</div>\n",
    );
    server.wait_for(&fair_vi, "the theme override", EDIT, |r| {
        is_ok_with(r, "THANH-TRÊN-HAI")
    });

    // site.yaml: everything is rebuilt with the new title.
    let before = server.rebuilds();
    site.file(
        "site.yaml",
        &SITE_YAML.replace(
            "title: \"Cổng thông tin đối ngoại\"",
            "title: \"Cổng thông tin tỉnh Mường Then\"",
        ),
    );
    for path in ["/vi/", "/vi/tin-tuc/", fair_vi.as_str()] {
        server.wait_for(path, "the new site title", EDIT, |r| {
            r.status == 200
                && select(&r.html(), "title")
                    .first()
                    .is_some_and(|t| text(t).contains("Cổng thông tin tỉnh Mường Then"))
        });
    }
    // The page is served before the "Rebuilt" line is printed: wait for the line.
    assert!(
        server.wait_stdout(EDIT, |out| {
            out.lines().filter(|l| l.starts_with("Rebuilt")).count() > before
        }),
        "no rebuild reported for site.yaml:\n{}",
        server.stdout()
    );
}

#[test]
fn parts_of_the_site_created_while_serving_are_watched() {
    // Nothing but content/ at the start: templates/, i18n/ and static/ appear later.
    let site = news_site();
    let server = site.serve(&[]);
    let fair_vi = page("vi", FAIR);

    site.file(
        "templates/partials/footer.html",
        "<footer><p>CHÂN-TRANG-MỘT</p></footer>\n",
    );
    server.wait_for(&fair_vi, "the first footer", EDIT, |r| {
        is_ok_with(r, "CHÂN-TRANG-MỘT")
    });
    site.file("static/css/site.css", "body { color: #0a0b0c; }\n");
    server.wait_for("/css/site.css", "the first stylesheet", EDIT, |r| {
        is_ok_with(r, "#0a0b0c")
    });
    site.file("i18n/vi.ftl", "skip-to-content = BỎ-QUA-MỘT\n");
    server.wait_for(&fair_vi, "the first string", EDIT, |r| {
        is_ok_with(r, "BỎ-QUA-MỘT")
    });

    // Edits inside the new folders.
    std::thread::sleep(Duration::from_millis(300));
    site.file(
        "templates/partials/footer.html",
        "<footer><p>CHÂN-TRANG-HAI</p></footer>\n",
    );
    server.wait_for(&fair_vi, "the edited footer", EDIT, |r| {
        is_ok_with(r, "CHÂN-TRANG-HAI")
    });
    site.file("static/css/site.css", "body { color: #0d0e0f; }\n");
    server.wait_for("/css/site.css", "the edited stylesheet", EDIT, |r| {
        is_ok_with(r, "#0d0e0f")
    });
    site.file("i18n/vi.ftl", "skip-to-content = BỎ-QUA-HAI\n");
    server.wait_for(&fair_vi, "the edited string", EDIT, |r| {
        is_ok_with(r, "BỎ-QUA-HAI")
    });
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

#[test]
fn a_broken_edit_is_reported_and_the_last_good_site_stays_served() {
    let site = news_site();
    let server = site.serve(&[]);
    let mut live = Live::connect(&server);
    let fair_vi = page("vi", FAIR);
    let good = server.get(&fair_vi);
    assert_eq!(good.status, 200);
    let file = format!("content/news/{FAIR}/index.vi.md");

    // Line 4 holds a misspelt key.
    site.file(
        &file,
        "---\ntitle: \"Hội chợ bị hỏng\"\ndate: 2024-03-02\ntittle: \"x\"\n---\nNội dung hỏng.\n",
    );
    let location = format!("{file}:4:");
    assert!(
        server.wait_stderr(EDIT, |err| err.contains(&location)),
        "the terminal should name {location}\nstderr:\n{}",
        server.stderr()
    );
    let error = live.wait("error", EDIT, |_| true);
    let overlay = error["html"].as_str().unwrap_or_default();
    assert!(
        overlay.contains(&location) && overlay.contains("tittle"),
        "the overlay message names the file, line and key: {error}"
    );
    assert!(
        overlay.contains("title"),
        "the overlay carries the hint (did you mean `title`): {overlay}"
    );
    // The last good page, byte for byte.
    std::thread::sleep(Duration::from_millis(300));
    let during = server.get(&fair_vi);
    assert_eq!(during.status, 200);
    assert_eq!(
        during.text(),
        good.text(),
        "the last good page should stay served"
    );
    assert_eq!(server.get("/vi/tin-tuc/").status, 200);

    // A tab opened while the error stands is told at once.
    let mut late = Live::connect(&server);
    let standing = late
        .next(Duration::from_secs(2))
        .expect("a tab connecting during an error gets the error");
    assert_eq!(standing["type"], "error", "{standing}");

    // Fixing the file clears the error and publishes the fix.
    write_fair(&site, "vi", "Hội chợ đã sửa", "Nội dung hội chợ.");
    let built = live.wait("built", EDIT, |_| true);
    assert!(
        changed_paths(&built).contains(&fair_vi),
        "the fixed page is announced: {built}"
    );
    late.wait("built", EDIT, |_| true);
    server.wait_for(&fair_vi, "the fixed title", EDIT, |r| {
        headline(r) == "Hội chợ đã sửa"
    });
    // A tab opened now gets no stale error.
    let mut fresh = Live::connect(&server);
    assert!(
        fresh.next(Duration::from_millis(500)).is_none(),
        "no error stands after the fix: {:?}",
        fresh.seen
    );
}

#[test]
fn a_broken_template_is_reported_and_the_last_good_site_stays_served() {
    let site = news_site();
    site.file(
        "templates/partials/footer.html",
        "<footer><p>CHÂN-TRANG</p></footer>\n",
    );
    let server = site.serve(&[]);
    let mut live = Live::connect(&server);
    let good = server.get("/vi/");
    site.file(
        "templates/partials/footer.html",
        "<footer>\n<p>{% if %}</p></footer>\n",
    );
    let error = live.wait("error", EDIT, |_| true);
    assert!(
        error["html"]
            .as_str()
            .is_some_and(|html| html.contains("templates/partials/footer.html")),
        "the overlay names the template: {error}"
    );
    assert!(
        server.wait_stderr(EDIT, |err| err.contains("templates/partials/footer.html")),
        "the terminal names the template\nstderr:\n{}",
        server.stderr()
    );
    assert_eq!(server.get("/vi/").text(), good.text());
    site.file(
        "templates/partials/footer.html",
        "<footer><p>CHÂN-TRANG-MỚI</p></footer>\n",
    );
    live.wait("built", EDIT, |_| true);
    server.wait_for("/vi/", "the fixed footer", EDIT, |r| {
        is_ok_with(r, "CHÂN-TRANG-MỚI")
    });
}

#[test]
fn a_site_broken_at_start_is_served_once_fixed() {
    let site = news_site();
    let file = format!("content/news/{FAIR}/index.vi.md");
    // Line 3 holds a date that does not parse.
    site.file(
        &file,
        "---\ntitle: \"Hội chợ\"\ndate: 2024-13-45\n---\nNội dung.\n",
    );
    let server = site.serve(&[]);
    assert!(
        server.wait_stderr(EDIT, |err| err.contains(&format!("{file}:3:"))),
        "the terminal names {file}:3\nstderr:\n{}",
        server.stderr()
    );
    // No good build yet: a page that can still show the overlay.
    let blank = server.get("/vi/");
    assert!(
        blank.text().contains("/__mekong/live.js"),
        "without a good build the page still carries the live script: {}",
        blank.text()
    );
    let mut live = Live::connect(&server);
    let standing = live.wait("error", EDIT, |_| true);
    assert!(
        standing["html"]
            .as_str()
            .is_some_and(|html| html.contains(&file)),
        "{standing}"
    );
    write_fair(&site, "vi", "Hội chợ đã sửa", "Nội dung.");
    live.wait("built", EDIT, |_| true);
    server.wait_for(&page("vi", FAIR), "the fixed site", EDIT, |r| {
        r.status == 200 && headline(r) == "Hội chợ đã sửa"
    });
    assert_eq!(server.get("/en/").status, 200);
}

#[test]
fn a_broken_site_yaml_keeps_the_last_good_site() {
    let site = news_site();
    let server = site.serve(&[]);
    let mut live = Live::connect(&server);
    let good = server.get("/vi/");
    // Line 8 holds an unknown key.
    site.file("site.yaml", &format!("{SITE_YAML}titel: \"x\"\n"));
    let error = live.wait("error", EDIT, |_| true);
    assert!(
        error["html"]
            .as_str()
            .is_some_and(|html| html.contains("site.yaml") && html.contains("titel")),
        "the overlay names site.yaml and the key: {error}"
    );
    assert!(
        server.wait_stderr(EDIT, |err| err.contains("site.yaml:8:")),
        "the terminal names site.yaml:8\nstderr:\n{}",
        server.stderr()
    );
    assert_eq!(server.get("/vi/").text(), good.text());

    site.file(
        "site.yaml",
        &SITE_YAML.replace("Cổng thông tin đối ngoại", "Cổng thông tin đã sửa"),
    );
    live.wait("built", EDIT, |_| true);
    server.wait_for("/vi/", "the fixed settings", EDIT, |r| {
        is_ok_with(r, "Cổng thông tin đã sửa")
    });
}

/// Edits an article while `broken` (site.yaml or a template) is still broken: the
/// error must keep standing and the article edit must wait for the fix, since a clean
/// build of those files fails.
fn error_stands_while_file_is_broken(broken: &str, bad: &str, good: &str) {
    let site = news_site();
    site.file(broken, good);
    let server = site.serve(&[]);
    let mut live = Live::connect(&server);
    site.file(broken, bad);
    live.wait("error", EDIT, |_| true);

    write_fair(&site, "vi", "Hội chợ trong lúc lỗi", "Nội dung hội chợ.");
    std::thread::sleep(Duration::from_millis(800));
    let mut late = Live::connect(&server);
    let standing = late.next(Duration::from_secs(1));
    assert!(
        standing.as_ref().is_some_and(|m| m["type"] == "error"),
        "{broken} is still broken, yet after an article edit a new tab gets {standing:?}; \
         messages to the open tab: {:?}\nstderr:\n{}",
        live.seen,
        server.stderr()
    );
    assert_ne!(
        headline(&server.get(&page("vi", FAIR))),
        "Hội chợ trong lúc lỗi",
        "an edit was published while {broken} is broken (a clean build fails)"
    );
}

#[test]
fn a_broken_site_yaml_stays_reported_through_other_edits() {
    error_stands_while_file_is_broken(
        "site.yaml",
        &format!("{SITE_YAML}titel: \"x\"\n"),
        SITE_YAML,
    );
}

#[test]
fn a_broken_template_stays_reported_through_other_edits() {
    error_stands_while_file_is_broken(
        "templates/partials/footer.html",
        "<footer>{% if %}</footer>\n",
        "<footer>chân trang</footer>\n",
    );
}

// ---------------------------------------------------------------------------
// Starting and stopping
// ---------------------------------------------------------------------------

#[test]
fn open_flag_opens_the_served_address_in_a_browser() {
    let site = news_site();
    // A stand-in for xdg-open that writes down what it was asked to open.
    let bin = tempfile::tempdir().expect("a folder for the stand-in");
    let opened = bin.path().join("opened");
    let script = bin.path().join("xdg-open");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .expect("write the stand-in");
    let mut permissions = std::fs::metadata(&script)
        .expect("the stand-in")
        .permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&script, permissions).expect("make the stand-in executable");
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let port = free_port().to_string();
    let server = site.serve_with_env(&["--port", &port, "--open"], &[("PATH", &path)]);
    let started = Instant::now();
    while !opened.is_file() && started.elapsed() < EDIT {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    let asked = std::fs::read_to_string(&opened).unwrap_or_default();
    assert_eq!(
        asked.trim_end_matches('/'),
        server.origin,
        "--open opens the served address"
    );
}

#[test]
fn a_taken_port_moves_to_the_next_free_one_and_says_so() {
    let site = news_site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("occupy a port");
    let port = taken.local_addr().expect("the occupied port").port();
    let server = site.serve_exactly(&["--port", &port.to_string()]);
    assert_ne!(server.port, port, "the taken port cannot be served");
    assert!(
        server.wait_stderr(Duration::from_secs(2), |err| {
            err.lines().any(|line| {
                line.contains(&port.to_string()) && line.contains(&server.port.to_string())
            })
        }),
        "a note should name both ports\nstderr:\n{}",
        server.stderr()
    );
    assert_eq!(server.get(&page("vi", FAIR)).status, 200);
    drop(taken);
}

#[test]
fn binding_every_interface_warns() {
    let site = news_site();
    let server = site.serve(&["--bind", "0.0.0.0"]);
    assert!(
        server.wait_stderr(Duration::from_secs(2), |err| {
            err.lines()
                .any(|line| line.starts_with("warning") && line.contains("0.0.0.0"))
        }),
        "a warning about 0.0.0.0\nstderr:\n{}",
        server.stderr()
    );
    assert_eq!(server.get("/vi/").status, 200);

    // Loopback, the default, says nothing of the kind.
    let quiet = site.serve(&[]);
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !quiet.stderr().contains("warning"),
        "no warning on loopback:\n{}",
        quiet.stderr()
    );
}

#[test]
fn drafts_are_served_only_with_the_flag() {
    let site = news_site();
    site.article(
        "news/nhap",
        "vi",
        "Bản nháp",
        "2024-05-01",
        "draft: true",
        "Chưa xong.",
    );
    let server = site.serve(&[]);
    assert_eq!(server.get(&page("vi", "nhap")).status, 404);
    let with_drafts = site.serve(&["--drafts"]);
    assert!(is_ok_with(
        &with_drafts.get(&page("vi", "nhap")),
        "Bản nháp"
    ));
}

#[test]
fn ctrl_c_stops_cleanly_even_with_a_tab_open() {
    let site = news_site();
    let mut server = site.serve(&[]);
    // An open tab keeps its live socket open.
    let live = Live::connect(&server);
    assert_eq!(server.get("/vi/").status, 200);
    // The signal handler is installed as the server starts; give it a moment.
    std::thread::sleep(Duration::from_millis(300));
    server.interrupt();
    let status = server.wait_exit(Duration::from_secs(5));
    drop(live);
    let status = status.unwrap_or_else(|| {
        panic!(
            "mekong serve still runs 5 s after Ctrl-C\nstdout:\n{}\nstderr:\n{}",
            server.stdout(),
            server.stderr()
        )
    });
    assert_eq!(
        status.code(),
        Some(0),
        "Ctrl-C should exit with status 0 ({status})\nstderr:\n{}",
        server.stderr()
    );
}

#[test]
fn ctrl_c_stops_cleanly_without_tabs() {
    let site = news_site();
    let mut server = site.serve(&[]);
    std::thread::sleep(Duration::from_millis(300));
    server.interrupt();
    let status = server
        .wait_exit(Duration::from_secs(5))
        .expect("mekong serve stops within 5 s of Ctrl-C");
    assert_eq!(status.code(), Some(0), "{status}");
}
