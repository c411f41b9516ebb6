//! The preview server: files of the last good build, the live-reload script injected
//! into HTML, a WebSocket that announces rebuilds and errors. All async code lives here.

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;

/// Where the live-reload pieces are served; no site path starts like this.
pub const LIVE_PREFIX: &str = "/__mekong";

const LIVE_SCRIPT: &str = include_str!("live.js");

/// What the server shares with the rebuild loop.
#[derive(Clone)]
pub struct Shared {
    pub root: PathBuf,
    /// Messages for open tabs (JSON).
    pub events: broadcast::Sender<String>,
    /// The current error overlay message, sent to tabs that connect while it stands.
    pub error: Arc<Mutex<Option<String>>>,
}

pub fn router(shared: Shared) -> Router {
    Router::new()
        .route(&format!("{LIVE_PREFIX}/live.js"), get(live_script))
        .route(&format!("{LIVE_PREFIX}/ws"), get(live_socket))
        .fallback(serve_file)
        .with_state(shared)
}

async fn live_script() -> Response {
    let mut response = LIVE_SCRIPT.into_response();
    set_headers(&mut response, "text/javascript; charset=utf-8");
    response
}

async fn live_socket(State(shared): State<Shared>, upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(move |socket| talk(socket, shared))
}

async fn talk(mut socket: WebSocket, shared: Shared) {
    let mut events = shared.events.subscribe();
    let standing = shared.error.lock().map(|e| e.clone()).unwrap_or(None);
    if let Some(message) = standing
        && socket.send(Message::text(message)).await.is_err()
    {
        return;
    }
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Ok(message) => {
                    if socket.send(Message::text(message)).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(_)) => {}
                _ => return,
            },
        }
    }
}

/// The site path of a request, decoded, or `None` if it tries to leave the site.
pub fn resolve(root: &Path, uri_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(uri_path)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut path = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => path.push(crate::text::nfc(&part.to_string_lossy())),
            Component::CurDir => {}
            // `..`, a root or a prefix inside the path: refuse rather than normalise.
            _ => return None,
        }
    }
    Some(path)
}

/// A file under the site root, following no symlink outside it.
fn inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

async fn serve_file(State(shared): State<Shared>, request: Request<Body>) -> Response {
    let uri_path = request.uri().path().to_string();
    let Some(mut path) = resolve(&shared.root, &uri_path) else {
        return not_found(&shared.root, &uri_path, StatusCode::BAD_REQUEST).await;
    };
    if path.is_dir() {
        if !uri_path.ends_with('/') {
            let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
            let location = format!("{uri_path}/");
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            set_headers(&mut response, "text/plain");
            return response;
        }
        path.push("index.html");
    }
    if !path.is_file() || !inside(&shared.root, &path) {
        return not_found(&shared.root, &uri_path, StatusCode::NOT_FOUND).await;
    }
    file_response(&path, StatusCode::OK).await
}

/// The 404 page of the language the path is in, else the root one.
async fn not_found(root: &Path, uri_path: &str, status: StatusCode) -> Response {
    let first = uri_path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    let localized = root.join(first).join("404.html");
    let page = if !first.is_empty() && !first.contains("..") && localized.is_file() {
        localized
    } else {
        root.join("404.html")
    };
    if page.is_file() {
        file_response(&page, status).await
    } else {
        // No good build yet: a blank page that still shows the error overlay.
        let html = inject(
            b"<!doctype html><html><head><meta charset=\"utf-8\"><title>mekong</title></head><body><p>Not found.</p></body></html>".to_vec(),
        );
        let mut response = (status, html).into_response();
        set_headers(&mut response, "text/html; charset=utf-8");
        response
    }
}

async fn file_response(path: &Path, status: StatusCode) -> Response {
    let Ok(bytes) = tokio::fs::read(path).await else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html") {
        Body::from(inject(bytes))
    } else {
        Body::from(bytes)
    };
    let mut response = (status, body).into_response();
    set_headers(&mut response, content_type);
    response
}

/// Adds the live-reload script to a served page (never to built files).
fn inject(html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_PREFIX}/live.js\" defer></script>");
    let text = String::from_utf8_lossy(&html);
    let position = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + tag.len());
    out.push_str(&text[..position]);
    out.push_str(&tag);
    out.push_str(&text[position..]);
    out.into_bytes()
}

fn set_headers(response: &mut Response, content_type: &str) {
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Serves until `shutdown` resolves.
pub async fn run(
    listener: tokio::net::TcpListener,
    shared: Shared,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(shared).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_site() {
        let root = Path::new("/srv/site");
        assert_eq!(
            resolve(root, "/vi/a/"),
            Some(PathBuf::from("/srv/site/vi/a"))
        );
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/vi/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(root, "/vi/..%2F..%2Fetc"), None);
        assert_eq!(resolve(root, "/%00"), None);
        assert_eq!(
            resolve(root, "/lo/%E0%BA%82%E0%BB%88%E0%BA%B2%E0%BA%A7/"),
            Some(PathBuf::from("/srv/site/lo/ຂ່າວ"))
        );
    }

    #[test]
    fn injects_before_the_end_of_body() {
        let html = inject(b"<html><body><p>x</p></body></html>".to_vec());
        let text = String::from_utf8(html).unwrap();
        assert!(text.ends_with("<script src=\"/__mekong/live.js\" defer></script></body></html>"));
    }
}
