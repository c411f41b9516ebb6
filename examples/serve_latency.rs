//! Save-to-reload latency of `mekong serve`, measured as an open tab sees it: the time
//! from writing a file to the live socket's `built` message naming the article's URL,
//! and to the page served again after it. Run by `bench/serve-latency.sh`, which
//! generates the site and starts the server; see there.
//!
//! ```sh
//! serve_latency --site DIR --url http://127.0.0.1:PORT [--runs 15] [--log SERVE_LOG]
//! ```
//!
//! Two kinds of edit, `--runs` times each, one at a time: a sentence appended to one
//! article's Markdown, and a comment appended to `templates/partials/footer.html` (which
//! must exist in the site before the server starts). Both files get their original text
//! back at the end.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

struct Args {
    site: PathBuf,
    url: String,
    runs: usize,
    log: Option<PathBuf>,
}

fn parse_args() -> Args {
    let mut args = Args {
        site: PathBuf::new(),
        url: String::new(),
        runs: 15,
        log: None,
    };
    let mut words = std::env::args().skip(1);
    while let Some(word) = words.next() {
        let mut value = || {
            words
                .next()
                .unwrap_or_else(|| usage(&format!("{word} needs a value")))
        };
        match word.as_str() {
            "--site" => args.site = PathBuf::from(value()),
            "--url" => args.url = value().trim_end_matches('/').to_string(),
            "--runs" => args.runs = value().parse().unwrap_or_else(|_| usage("--runs N")),
            "--log" => args.log = Some(PathBuf::from(value())),
            other => usage(&format!("unknown argument `{other}`")),
        }
    }
    if args.site.as_os_str().is_empty() || args.url.is_empty() {
        usage("--site and --url are required");
    }
    args
}

fn usage(problem: &str) -> ! {
    eprintln!("serve_latency: {problem}");
    eprintln!(
        "usage: serve_latency --site DIR --url http://127.0.0.1:PORT [--runs N] [--log FILE]"
    );
    std::process::exit(2);
}

/// The live-reload socket, read with a short timeout so waits can give up.
struct Live {
    socket: tungstenite::WebSocket<TcpStream>,
}

impl Live {
    fn connect(origin: &str) -> Live {
        let host = origin.trim_start_matches("http://");
        let stream = TcpStream::connect(host).expect("connect to the server");
        stream
            // Long enough for the handshake; shortened below for polling reads.
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("set a read timeout");
        stream.set_nodelay(true).expect("disable Nagle");
        let url = format!("ws://{host}/__mekong/ws");
        let (socket, _) =
            tungstenite::client(url.as_str(), stream).expect("open the live-reload socket");
        socket
            .get_ref()
            .set_read_timeout(Some(Duration::from_millis(20)))
            .expect("set a read timeout");
        Live { socket }
    }

    fn next(&mut self) -> Option<Value> {
        match self.socket.read() {
            Ok(tungstenite::Message::Text(text)) => serde_json::from_str(&text).ok(),
            Ok(_) => None,
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                None
            }
            Err(e) => panic!("the live socket failed: {e}"),
        }
    }

    /// Drops whatever is waiting.
    fn drain(&mut self) {
        let quiet = Instant::now();
        while quiet.elapsed() < Duration::from_millis(100) {
            self.next();
        }
    }

    /// Waits for a `built` message listing `url`; an `error` message is fatal.
    fn wait_built(&mut self, url: &str, at_most: Duration) -> Option<Instant> {
        let started = Instant::now();
        while started.elapsed() < at_most {
            let Some(message) = self.next() else { continue };
            let arrived = Instant::now();
            match message["type"].as_str() {
                Some("built") => {
                    let lists = message["paths"]
                        .as_array()
                        .is_some_and(|paths| paths.iter().any(|p| p == url));
                    if lists {
                        return Some(arrived);
                    }
                }
                Some("error") => panic!("the edit broke the build: {message}"),
                _ => {}
            }
        }
        None
    }
}

/// `GET path` over HTTP/1.1, the body read to the end (as a reloading tab would).
fn fetch(origin: &str, path: &str) -> usize {
    let host = origin.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).expect("connect to the server");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("send a request");
    let mut body = Vec::new();
    stream.read_to_end(&mut body).expect("read the response");
    assert!(
        body.starts_with(b"HTTP/1.1 200"),
        "GET {path}: {}",
        String::from_utf8_lossy(&body[..body.len().min(200)])
    );
    body.len()
}

/// The first article of `content/news/` (by folder name) in Vietnamese, and its URL.
fn pick_article(site: &Path) -> (PathBuf, String) {
    let news = site.join("content/news");
    let mut bundles: Vec<PathBuf> = std::fs::read_dir(&news)
        .unwrap_or_else(|e| panic!("read {}: {e}", news.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.join("index.vi.md").is_file())
        .collect();
    bundles.sort();
    let bundle = bundles.first().expect("an article in content/news");
    let section = std::fs::read_to_string(news.join("_index.vi.md")).expect("the news section");
    let slug = section
        .lines()
        .find_map(|line| line.strip_prefix("slug:"))
        .map(|slug| slug.trim().trim_matches('"').to_string())
        .unwrap_or_else(|| "news".to_string());
    let name = bundle
        .file_name()
        .expect("a bundle folder has a name")
        .to_string_lossy();
    (bundle.join("index.vi.md"), format!("/vi/{slug}/{name}/"))
}

/// The last `Rebuilt in N ms` figure in the server's log.
fn last_rebuild_ms(log: Option<&Path>) -> Option<u64> {
    let text = std::fs::read_to_string(log?).ok()?;
    text.lines()
        .rev()
        .find_map(|line| line.strip_prefix("Rebuilt in "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|ms| ms.parse().ok())
}

#[derive(Default)]
struct Figures {
    built: Vec<Duration>,
    served: Vec<Duration>,
    rebuild: Vec<Duration>,
}

/// Edits `file` `runs` times with `edit(original, run)` and measures each round.
fn measure(
    args: &Args,
    live: &mut Live,
    file: &Path,
    url: &str,
    edit: impl Fn(&str, usize) -> String,
) -> Figures {
    let original =
        std::fs::read_to_string(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
    let mut figures = Figures::default();
    for run in 0..args.runs {
        live.drain();
        let text = edit(&original, run);
        let saved = Instant::now();
        std::fs::write(file, text).expect("save the edit");
        let Some(built) = live.wait_built(url, Duration::from_secs(60)) else {
            panic!(
                "no `built` message naming {url} within 60 s of editing {}",
                file.display()
            );
        };
        fetch(&args.url, url);
        let served = Instant::now();
        figures.built.push(built - saved);
        figures.served.push(served - saved);
        if let Some(ms) = last_rebuild_ms(args.log.as_deref()) {
            figures.rebuild.push(Duration::from_millis(ms));
        }
        // Let the watcher settle so rounds do not fold into one another.
        std::thread::sleep(Duration::from_millis(250));
    }
    live.drain();
    std::fs::write(file, &original).expect("restore the original");
    let _ = live.wait_built(url, Duration::from_secs(60));
    figures
}

fn summary(samples: &[Duration]) -> String {
    if samples.is_empty() {
        return "n/a".into();
    }
    let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    let median = if ms.len() % 2 == 1 {
        ms[ms.len() / 2]
    } else {
        (ms[ms.len() / 2 - 1] + ms[ms.len() / 2]) / 2.0
    };
    // Nearest rank.
    let p90 = ms[((ms.len() as f64 * 0.9).ceil() as usize).clamp(1, ms.len()) - 1];
    format!(
        "median {median:7.1} ms   p90 {p90:7.1} ms   min {:7.1} ms   max {:7.1} ms",
        ms[0],
        ms[ms.len() - 1]
    )
}

fn report(kind: &str, figures: &Figures) {
    println!("{kind}");
    println!("  save → `built` message    {}", summary(&figures.built));
    println!("  save → page served again  {}", summary(&figures.served));
    if !figures.rebuild.is_empty() {
        println!("  server's own rebuild time {}", summary(&figures.rebuild));
    }
}

fn main() {
    let args = parse_args();
    let (article, url) = pick_article(&args.site);
    let footer = args.site.join("templates/partials/footer.html");
    assert!(
        footer.is_file(),
        "{} must exist before the server starts (bench/serve-latency.sh copies it)",
        footer.display()
    );
    let mut live = Live::connect(&args.url);
    fetch(&args.url, &url);
    println!(
        "{} runs each; article {} ({url})",
        args.runs,
        article
            .strip_prefix(&args.site)
            .unwrap_or(&article)
            .display()
    );

    let article_figures = measure(&args, &mut live, &article, &url, |original, run| {
        format!("{original}\nCâu thêm vào lần đo số {run}.\n")
    });
    let template_figures = measure(&args, &mut live, &footer, &url, |original, run| {
        format!("{original}<!-- serve_latency edit {run} -->\n")
    });
    report("article edit (one Markdown file)", &article_figures);
    report(
        "template edit (partials/footer.html, every page)",
        &template_figures,
    );
}
