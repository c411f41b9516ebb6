//! `mekong serve`: the watcher, the same build kept warm between edits, and a reload
//! signal to open tabs. Errors show in the page and the last good site stays served.

mod http;
pub mod session;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use serde_json::json;
use tokio::runtime::Runtime;
use tokio::sync::broadcast;
use tokio::task::JoinHandle;

use crate::diagnostics::Diagnostic;
use crate::site::BuildOptions;
pub use session::{Outcome, Session};
pub use watch::Changes;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
}

/// What the terminal is told while serving.
pub trait ServeEvents {
    /// Serving at `url`; `note` explains a port other than the one asked for.
    fn listening(&mut self, url: &str, note: Option<String>);
    fn built(&mut self, outcome: &Outcome);
    fn failed(&mut self, problems: &[Diagnostic]);
}

/// Why serving could not start.
#[derive(Debug)]
pub enum ServeError {
    Bind(String),
    Io(std::io::Error),
    Watch(String),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Bind(message) | ServeError::Watch(message) => f.write_str(message),
            ServeError::Io(error) => write!(f, "{error}"),
        }
    }
}

/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 20;

fn bind(address: IpAddr, port: u16) -> Result<(TcpListener, Option<String>), ServeError> {
    let mut first_error = None;
    for offset in 0..PORT_TRIES {
        let Some(candidate) = port.checked_add(offset) else {
            break;
        };
        match TcpListener::bind(SocketAddr::new(address, candidate)) {
            Ok(listener) => {
                let note = (offset > 0).then(|| {
                    format!("port {port} is taken, so mekong uses port {candidate} instead")
                });
                return Ok((listener, note));
            }
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    Err(ServeError::Bind(format!(
        "cannot listen on {address} ports {port}–{}: {}",
        port.saturating_add(PORT_TRIES - 1),
        first_error.map_or_else(|| "no port available".into(), |e| e.to_string())
    )))
}

/// The overlay shown in open tabs for a failed build.
fn error_message(problems: &[Diagnostic], root: &std::path::Path) -> String {
    let mut text = String::new();
    for problem in problems {
        let source = std::fs::read_to_string(root.join(&problem.file)).ok();
        text.push_str(&problem.render(source.as_deref(), false));
        text.push('\n');
    }
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let count = problems.iter().filter(|p| p.is_error()).count();
    let html = format!(
        "<h2 style=\"margin:0 0 1rem;color:#ff8a80;font:600 18px/1.3 system-ui,sans-serif\">mekong: the build failed ({count} error{}). The last good version stays served.</h2><pre style=\"white-space:pre-wrap;margin:0\">{escaped}</pre>",
        if count == 1 { "" } else { "s" }
    );
    json!({"type": "error", "html": html}).to_string()
}

/// Builds, serves and rebuilds on every change until Ctrl-C.
pub fn serve(mut options: ServeOptions, events: &mut dyn ServeEvents) -> Result<(), ServeError> {
    // File events carry absolute paths; compare them with an absolute root.
    options.root = options.root.canonicalize().map_err(ServeError::Io)?;
    let (listener, note) = bind(options.bind, options.port)?;
    let url = shown_url(listener.local_addr().map_err(ServeError::Io)?);
    let out = live_folder()?;
    let _cleanup = RemoveOnDrop(out.clone());
    let mut session = Session::new(
        BuildOptions {
            root: options.root.clone(),
            output: None,
            base_url: Some(url.clone()),
            drafts: options.drafts,
        },
        out.clone(),
    );

    let (sender, _) = broadcast::channel(64);
    let tabs = Tabs {
        root: options.root.clone(),
        shared: http::Shared {
            root: out,
            events: sender,
            error: Arc::new(Mutex::new(None)),
        },
    };
    tabs.report(session.rebuild(&Changes::default()), events);

    // Editors' saves (truncate and write, or write a temporary file and rename it) take
    // well under a millisecond; 10 ms of quiet is enough to see one whole, and short
    // next to the time a reader needs to notice anything.
    let (mut watcher, changes) = watch::watch(&options.root, Duration::from_millis(10))
        .map_err(|error| ServeError::Watch(format!("cannot watch the site's files: {error}")))?;

    let stop = Arc::new(AtomicBool::new(false));
    let (runtime, server) = start_server(listener, tabs.shared.clone(), Arc::clone(&stop))?;
    events.listening(&format!("{url}/"), note);

    while !stop.load(Ordering::SeqCst) {
        if let Some(batch) = next_batch(&changes, &mut watcher, &options.root) {
            tabs.report(session.rebuild(&batch), events);
        }
    }
    runtime.block_on(async {
        let _ = server.await;
    });
    Ok(())
}

/// The address shown to people and put in pages: a loopback one when listening on
/// every interface.
fn shown_url(address: SocketAddr) -> String {
    let shown_host = if address.ip().is_unspecified() {
        IpAddr::from([127, 0, 0, 1])
    } else {
        address.ip()
    };
    match shown_host {
        IpAddr::V6(ip) => format!("http://[{ip}]:{}", address.port()),
        IpAddr::V4(ip) => format!("http://{ip}:{}", address.port()),
    }
}

/// A fresh, empty folder for this process's served site.
fn live_folder() -> Result<PathBuf, ServeError> {
    let out = std::env::temp_dir().join(format!("mekong-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(ServeError::Io)?;
    Ok(out)
}

/// What open tabs (and the terminal) are told after each rebuild.
struct Tabs {
    /// The site's root, where the files named by problems are read from.
    root: PathBuf,
    shared: http::Shared,
}

impl Tabs {
    fn report(&self, result: Result<Outcome, Vec<Diagnostic>>, events: &mut dyn ServeEvents) {
        let message = match &result {
            Ok(outcome) => {
                events.built(outcome);
                json!({"type": "built", "paths": outcome.changed, "css_only": outcome.css_only})
                    .to_string()
            }
            Err(problems) => {
                events.failed(problems);
                error_message(problems, &self.root)
            }
        };
        if let Ok(mut standing) = self.shared.error.lock() {
            *standing = result.is_err().then(|| message.clone());
        }
        let _ = self.shared.events.send(message);
    }
}

/// Starts the HTTP server on its own runtime; it sets `stop` when asked to end.
fn start_server(
    listener: TcpListener,
    shared: http::Shared,
    stop: Arc<AtomicBool>,
) -> Result<(Runtime, JoinHandle<std::io::Result<()>>), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Io)?;
    listener.set_nonblocking(true).map_err(ServeError::Io)?;
    let server = runtime.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let shutdown = async move {
            stopped().await;
            stop.store(true, Ordering::SeqCst);
        };
        http::run(listener, shared, shutdown).await
    });
    Ok((runtime, server))
}

/// The changes for the next rebuild, or `None` when nothing arrived for a while (so
/// that the caller can look whether to stop).
fn next_batch(
    changes: &mpsc::Receiver<Changes>,
    watcher: &mut watch::SiteWatcher,
    root: &Path,
) -> Option<Changes> {
    let mut batch = changes.recv_timeout(Duration::from_millis(200)).ok()?;
    // Saves arrive in bursts; fold whatever else is waiting into one rebuild.
    while let Ok(more) = changes.try_recv() {
        batch.config |= more.config;
        batch.theme |= more.theme;
        batch.static_files |= more.static_files;
        for path in more.content {
            if !batch.content.contains(&path) {
                batch.content.push(path);
            }
        }
    }
    if watcher.refresh() {
        // A part of the site appeared: read all of it.
        batch.theme = true;
        batch.static_files = true;
        batch.content.push(root.join("content"));
    }
    Some(batch)
}

/// Ctrl-C, or the terminal closing, or `kill`: each ends serving cleanly.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut terminate = signal(SignalKind::terminate()).ok();
        let mut hangup = signal(SignalKind::hangup()).ok();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = async { if let Some(s) = terminate.as_mut() { s.recv().await; } else { std::future::pending::<()>().await } } => {}
            _ = async { if let Some(s) = hangup.as_mut() { s.recv().await; } else { std::future::pending::<()>().await } } => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
