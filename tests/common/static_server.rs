//! A plain static web server on 127.0.0.1 for a built site, for the tests that open the
//! example site in a browser as readers get it (`accessibility.rs`, `search.rs`): files
//! only, no live reload.

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Serves a built site as the README's nginx configuration does: folders by their
/// `index.html`, a missing address by the 404 page of its language folder (else the
/// root one) with status 404. Stops when dropped.
pub struct StaticServer {
    pub origin: String,
    stop: Arc<AtomicBool>,
    port: u16,
    /// The request targets answered, in order.
    log: Arc<Mutex<Vec<String>>>,
}

impl StaticServer {
    pub fn start(public: PathBuf) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("a local address").port();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let public = Arc::new(public);
        let log = Arc::new(Mutex::new(Vec::new()));
        let logged = Arc::clone(&log);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let public = Arc::clone(&public);
                let log = Arc::clone(&logged);
                std::thread::spawn(move || answer(&public, stream, &log));
            }
        });
        StaticServer {
            origin: format!("http://127.0.0.1:{port}"),
            stop,
            port,
            log,
        }
    }

    /// The request targets (path and query) answered so far, in order, whoever asked
    /// (a page, or a worker it started).
    pub fn requested(&self) -> Vec<String> {
        self.log.lock().expect("the log is never poisoned").clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Answers one request (HTTP/1.1, `Connection: close`).
fn answer(public: &Path, mut stream: TcpStream, log: &Mutex<Vec<String>>) {
    let mut request_line = String::new();
    let mut reader = BufReader::new(stream.try_clone().expect("clone the stream"));
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // The headers are not needed; read them so that the client is not cut off.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return;
    };
    log.lock()
        .expect("the log is never poisoned")
        .push(target.to_string());
    let (status, content_type, body, location) = respond(public, target);
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(location) = location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Both);
}

/// Status line, type, body and redirect target for one request target.
fn respond(public: &Path, target: &str) -> (&'static str, &'static str, Vec<u8>, Option<String>) {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return ("400 Bad Request", "text/plain", b"bad path".to_vec(), None);
    };
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return ("400 Bad Request", "text/plain", b"bad path".to_vec(), None);
    }
    let mut file = public.to_path_buf();
    file.extend(&segments);
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return (
                "301 Moved Permanently",
                "text/plain",
                Vec::new(),
                Some(format!("{path}/")),
            );
        }
        file.push("index.html");
    }
    if let Ok(body) = std::fs::read(&file) {
        return ("200 OK", content_type(&file), body, None);
    }
    let language_404 = segments
        .first()
        .map(|lang| public.join(lang).join("404.html"))
        .filter(|page| page.is_file())
        .unwrap_or_else(|| public.join("404.html"));
    let body = std::fs::read(&language_404).unwrap_or_else(|_| b"not found".to_vec());
    ("404 Not Found", "text/html; charset=utf-8", body, None)
}

fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "woff2" => "font/woff2",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
