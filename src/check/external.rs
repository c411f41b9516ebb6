//! `mekong check --external`: links to other sites. Every distinct address is asked
//! once (HEAD, then GET when HEAD is refused) on a few threads, and what the servers
//! answered is kept in `.mekong-cache/links.json`, so that the next run within a day
//! asks nothing again. Without `--external` none of this runs: no network at all.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::library::{Library, PageId};
use crate::markdown::{self, RefKind, Resolution};

/// Where the answers are kept, relative to the site's root.
const LINK_CACHE: &str = ".mekong-cache/links.json";

/// Redirects followed before a link counts as broken.
const MAX_REDIRECTS: u32 = 5;

/// Sent with every request, so that site owners can tell who is asking.
const USER_AGENT: &str = concat!("mekong-link-check/", env!("CARGO_PKG_VERSION"));

/// How to ask other sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExternalOptions {
    /// For one request (redirects included).
    pub timeout: Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Cached answers younger than this are used without asking; zero asks every time.
    pub max_age: Duration,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            concurrency: 8,
            max_age: Duration::from_secs(24 * 60 * 60),
        }
    }
}

/// What `--external` did, for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExternalSummary {
    /// Distinct addresses on other sites that the pages link to or show.
    pub links: usize,
    /// Of those, answered from the cache without a request.
    pub from_cache: usize,
}

/// One link or picture to another site, where it is written.
struct Mention {
    page: PageId,
    kind: RefKind,
    /// As written, fragment included: what the editor searches for.
    written: String,
    line: usize,
    column: usize,
}

/// What asking one address gave.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    /// The final HTTP status, after redirects.
    Status(u16),
    /// No HTTP answer at all: the host name does not resolve, the connection is refused.
    Unreachable(String),
    TimedOut,
    TooManyRedirects,
    /// Anything else (TLS, a malformed answer): whether the link works is unknown.
    Failed(String),
}

impl Answer {
    /// Whether the next run may reuse it: what the server said, unless it said to try
    /// later. Timeouts and failed connections may be our own network's doing, and a
    /// cached one would hide a recovered site for a day.
    fn is_lasting(&self) -> bool {
        matches!(self, Answer::Status(status) if !says_try_later(*status))
    }
}

/// Server errors, and "too many requests" or "request timeout": nothing about the link.
fn says_try_later(status: u16) -> bool {
    status >= 500 || matches!(status, 408 | 429)
}

/// What the answer means for the link.
enum Verdict {
    Works,
    /// The link leads nowhere: why.
    Broken(String),
    /// Whether the link works is unknown: why.
    Unknown(String),
}

fn verdict(answer: &Answer, timeout: Duration) -> Verdict {
    match answer {
        Answer::Status(200..=399) => Verdict::Works,
        Answer::Status(status @ (404 | 410)) => {
            Verdict::Broken(format!("the server answers {}", status_text(*status)))
        }
        Answer::Status(status) => {
            Verdict::Unknown(format!("the server answers {}", status_text(*status)))
        }
        Answer::Unreachable(why) => Verdict::Broken(why.clone()),
        Answer::TooManyRedirects => {
            Verdict::Broken(format!("it redirects more than {MAX_REDIRECTS} times"))
        }
        Answer::TimedOut => Verdict::Unknown(format!(
            "no answer within {}",
            seconds(timeout.as_secs_f64())
        )),
        Answer::Failed(why) => Verdict::Unknown(why.clone()),
    }
}

/// The hint for a link that leads nowhere or could not be checked.
fn what_to_do(answer: &Answer) -> &'static str {
    match answer {
        Answer::Status(404 | 410) | Answer::TooManyRedirects => {
            "correct the address, link to where the page moved, or remove the link \
             (web.archive.org may keep a copy)"
        }
        Answer::Unreachable(_) => {
            "check the address; if every link to another site fails like this, the network \
             is down here, or needs a proxy (HTTPS_PROXY=…)"
        }
        Answer::TimedOut => {
            "the site may be slow or down: allow more time with --timeout SECS, or try again \
             later"
        }
        Answer::Status(status) if says_try_later(*status) => {
            "the site may be down or busy for now: the next check --external asks again"
        }
        Answer::Status(_) | Answer::Failed(_) => {
            "some sites turn programs away: open the link in a browser to make sure it works"
        }
    }
}

/// `404 Not Found`.
fn status_text(status: u16) -> String {
    match ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|code| code.canonical_reason())
    {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

fn seconds(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0} s")
    } else {
        format!("{value} s")
    }
}

/// Asks about every address on another site that a page links to or shows (cached
/// answers younger than `max_age` are taken as they are), and reports those that lead
/// nowhere or could not be checked. `root` holds the cache.
pub(super) fn check(
    library: &Library,
    root: &Path,
    options: &ExternalOptions,
) -> (ExternalSummary, Vec<Diagnostic>) {
    let mentions = mentions(library);
    let mut by_address: BTreeMap<String, Vec<&Mention>> = BTreeMap::new();
    for mention in &mentions {
        by_address
            .entry(address(&mention.written))
            .or_default()
            .push(mention);
    }

    let cache_file = root.join(LINK_CACHE);
    let (cache, cache_readable) = Cache::load(&cache_file);
    let now = unix_now();
    let mut answers: HashMap<&str, (Answer, Option<u64>)> = HashMap::new();
    let mut to_ask = Vec::new();
    for address in by_address.keys() {
        match cache.fresh(address, now, options.max_age) {
            Some((status, checked_at)) => {
                answers.insert(address, (Answer::Status(status), Some(checked_at)));
            }
            None => to_ask.push(address.as_str()),
        }
    }
    let summary = ExternalSummary {
        links: by_address.len(),
        from_cache: answers.len(),
    };
    for (address, answer) in ask_all(&to_ask, options) {
        answers.insert(address, (answer, None));
    }

    let mut problems = Vec::new();
    // The new cache holds what the site links to now: addresses no page mentions any
    // more drop out.
    let mut kept = Cache::default();
    for (address, mentions) in &by_address {
        let (answer, cached_at) = &answers[address.as_str()];
        match (answer, cached_at) {
            (Answer::Status(status), Some(checked_at)) => {
                kept.insert(address, *status, *checked_at)
            }
            (Answer::Status(status), None) if answer.is_lasting() => {
                kept.insert(address, *status, now)
            }
            _ => {}
        }
        let message = match verdict(answer, options.timeout) {
            Verdict::Works => continue,
            Verdict::Broken(why) => format!("leads nowhere: {why}"),
            Verdict::Unknown(why) => format!("could not be checked ({why})"),
        };
        let hint = what_to_do(answer);
        let hint = match cached_at {
            Some(checked_at) => format!(
                "{hint}; this answer is from {} (cached in {LINK_CACHE}; \
                 --external-max-age 0 asks again)",
                ago(now.saturating_sub(*checked_at))
            ),
            None => hint.to_string(),
        };
        for mention in mentions {
            let what = match mention.kind {
                RefKind::Link => "the link",
                RefKind::Image => "the picture",
            };
            problems.push(
                Diagnostic::warning(
                    &library.page(mention.page).source.display,
                    format!("{what} `{}` {message}", mention.written),
                )
                .at(mention.line, mention.column)
                .with_hint(hint.clone()),
            );
        }
    }

    if (kept.links != cache.links || !cache_readable)
        && let Err(err) = kept.save(&cache_file)
    {
        problems.push(
            Diagnostic::warning(
                &cache_file,
                format!("cannot keep the answers about links to other sites: {err}"),
            )
            .with_hint(
                "nothing is lost but time: the next check --external asks every site again; \
                 make .mekong-cache/ writable",
            ),
        );
    }
    (summary, problems)
}

/// `3 minutes ago`, `5 hours ago`.
fn ago(seconds: u64) -> String {
    let (count, unit) = match seconds {
        0..60 => return "just now".to_string(),
        60..3600 => (seconds / 60, "minute"),
        3600..172_800 => (seconds / 3600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural} ago")
}

/// Every link and picture to an http(s) address, page by page (in parallel), read with
/// the same Markdown reader as the build, so positions match the other findings.
fn mentions(library: &Library) -> Vec<Mention> {
    (0..library.pages.len())
        .into_par_iter()
        .flat_map_iter(|id| {
            let page = library.page(id);
            let mut found = Vec::new();
            // Only the links are read here: the sanitizer has nothing to add.
            let links_only = crate::config::MarkdownSettings {
                raw_html: crate::config::RawHtml::Trusted,
                iframe_hosts: Vec::new(),
            };
            markdown::render(
                &page.source.body,
                page.source.body_line,
                &links_only,
                &mut |reference| {
                    if is_web_address(reference.dest) {
                        found.push(Mention {
                            page: id,
                            kind: reference.kind,
                            written: reference.dest.trim().to_string(),
                            line: reference.line,
                            column: reference.column,
                        });
                    }
                    Resolution::Keep
                },
            );
            found
        })
        .collect()
}

fn is_web_address(dest: &str) -> bool {
    let dest = dest.trim();
    let scheme = |prefix: &str| {
        dest.get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    };
    (scheme("http://") || scheme("https://") || dest.starts_with("//")) && dest.len() > 8
}

/// The address to ask: without its `#fragment` (never sent to the server), and
/// protocol-relative links as https.
fn address(written: &str) -> String {
    let without_fragment = written.split_once('#').map_or(written, |(url, _)| url);
    match without_fragment.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => without_fragment.to_string(),
    }
}

/// Bytes that cannot stand in a request line as they are (non-ASCII is encoded too).
/// `%` stays: an address written with escapes keeps them.
const UNSAFE_IN_URL: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^');

/// Asks about each address on at most `concurrency` threads; the answers in no order.
fn ask_all<'a>(addresses: &[&'a str], options: &ExternalOptions) -> Vec<(&'a str, Answer)> {
    if addresses.is_empty() {
        return Vec::new();
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(MAX_REDIRECTS)
        .timeout_global(Some(options.timeout))
        .user_agent(USER_AGENT)
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let workers = options.concurrency.clamp(1, addresses.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut answers = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&address) = addresses.get(index) else {
                            break;
                        };
                        answers.push((address, ask(&agent, address)));
                    }
                    answers
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().expect("a link-checking thread panicked"))
            .collect()
    })
}

/// HEAD, then GET when the server refuses HEAD. Redirects are followed; the body of a
/// GET is never read.
fn ask(agent: &ureq::Agent, address: &str) -> Answer {
    let host = address
        .split_once("://")
        .map_or("", |(_, rest)| rest.split(['/', '?']).next().unwrap_or(""));
    if !host.is_ascii() {
        return Answer::Failed(
            "mekong cannot ask addresses whose host name is not plain ASCII yet".into(),
        );
    }
    let url = utf8_percent_encode(address, UNSAFE_IN_URL).to_string();
    let answer = match agent.head(&url).call() {
        Ok(response) if matches!(response.status().as_u16(), 405 | 501) => agent.get(&url).call(),
        other => other,
    };
    match answer {
        Ok(response) => Answer::Status(response.status().as_u16()),
        Err(err) => failure(err),
    }
}

fn failure(err: ureq::Error) -> Answer {
    use std::io::ErrorKind;
    match err {
        ureq::Error::StatusCode(status) => Answer::Status(status),
        ureq::Error::Timeout(_) => Answer::TimedOut,
        ureq::Error::HostNotFound => Answer::Unreachable("its host name is not found".into()),
        ureq::Error::TooManyRedirects => Answer::TooManyRedirects,
        ureq::Error::ConnectionFailed => Answer::Unreachable("cannot reach the server".into()),
        ureq::Error::Io(err) => match err.kind() {
            ErrorKind::TimedOut | ErrorKind::WouldBlock => Answer::TimedOut,
            ErrorKind::ConnectionRefused => {
                Answer::Unreachable("the server refuses the connection".into())
            }
            ErrorKind::NotFound => Answer::Unreachable("its host name is not found".into()),
            _ => Answer::Unreachable(format!("cannot reach the server ({err})")),
        },
        ureq::Error::BadUri(_) => Answer::Failed("not an address mekong can ask".into()),
        other => Answer::Failed(other.to_string()),
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// `.mekong-cache/links.json`: address → the final HTTP status and when it was asked.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Cache {
    version: u32,
    links: BTreeMap<String, CachedAnswer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct CachedAnswer {
    status: u16,
    /// Unix time, in seconds.
    checked_at: u64,
}

const CACHE_VERSION: u32 = 1;

impl Cache {
    /// The cache, and whether it could be read: a missing file is an empty cache, a
    /// damaged one (or another version's) is ignored and rewritten.
    fn load(file: &Path) -> (Cache, bool) {
        match std::fs::read_to_string(file) {
            Ok(text) => match Cache::parse(&text) {
                Some(cache) => (cache, true),
                None => (Cache::default(), false),
            },
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => (Cache::default(), true),
            Err(_) => (Cache::default(), false),
        }
    }

    fn parse(text: &str) -> Option<Cache> {
        serde_json::from_str::<Cache>(text)
            .ok()
            .filter(|cache| cache.version == CACHE_VERSION)
    }

    /// The status cached for `address`, and when, if younger than `max_age` (an answer
    /// from the future, after the clock was turned back, is not trusted).
    fn fresh(&self, address: &str, now: u64, max_age: Duration) -> Option<(u16, u64)> {
        let cached = self.links.get(address)?;
        let age = now.checked_sub(cached.checked_at)?;
        (age < max_age.as_secs()).then_some((cached.status, cached.checked_at))
    }

    fn insert(&mut self, address: &str, status: u16, checked_at: u64) {
        self.version = CACHE_VERSION;
        self.links
            .insert(address.to_string(), CachedAnswer { status, checked_at });
    }

    /// Written next to its final name and renamed over it, so that a check stopped
    /// halfway (or two at once) never leaves half a file.
    fn save(&self, file: &Path) -> std::io::Result<()> {
        let dir = file.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        std::fs::create_dir_all(&dir)?;
        let cache = Cache {
            version: CACHE_VERSION,
            links: self.links.clone(),
        };
        let mut text = serde_json::to_string_pretty(&cache).map_err(std::io::Error::other)?;
        text.push('\n');
        let temp = dir.join(format!(".links.json.{}.mekong-tmp", std::process::id()));
        let result = std::fs::write(&temp, text).and_then(|()| std::fs::rename(&temp, file));
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_lose_their_fragment_and_protocol_relative_ones_become_https() {
        assert_eq!(address("https://a.org/x#part"), "https://a.org/x");
        assert_eq!(address("//a.org/x"), "https://a.org/x");
        assert!(is_web_address("HTTPS://a.org"));
        assert!(is_web_address(" http://a.org/x "));
        assert!(!is_web_address("mailto:x@a.org"));
        assert!(!is_web_address("/vi/tin-tuc/"));
        assert!(!is_web_address("http://"));
    }

    #[test]
    fn only_lasting_answers_are_cached() {
        assert!(Answer::Status(200).is_lasting());
        assert!(Answer::Status(404).is_lasting());
        assert!(!Answer::Status(503).is_lasting());
        assert!(!Answer::Status(429).is_lasting());
        assert!(!Answer::TimedOut.is_lasting());
        assert!(!Answer::Unreachable("refused".into()).is_lasting());
    }

    #[test]
    fn cached_answers_expire() {
        let mut cache = Cache::default();
        cache.insert("https://a.org/", 404, 1_000);
        let day = Duration::from_secs(86_400);
        assert_eq!(
            cache.fresh("https://a.org/", 1_000 + 3_600, day),
            Some((404, 1_000))
        );
        assert_eq!(cache.fresh("https://a.org/", 1_000 + 86_400, day), None);
        assert_eq!(cache.fresh("https://a.org/", 1_000, Duration::ZERO), None);
        assert_eq!(
            cache.fresh("https://a.org/", 999, day),
            None,
            "from the future"
        );
        assert_eq!(cache.fresh("https://b.org/", 1_000, day), None);
    }

    #[test]
    fn damaged_or_foreign_caches_are_ignored() {
        assert!(Cache::parse("{\"version\": 1, \"links\": {}}").is_some());
        assert!(Cache::parse("{\"version\": 2, \"links\": {}}").is_none());
        assert!(Cache::parse("{\"version\": 1, \"links\": {\"x\": 3}}").is_none());
        assert!(Cache::parse("not json").is_none());
    }

    #[test]
    fn saving_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".mekong-cache/links.json");
        let mut cache = Cache::default();
        cache.insert("https://a.org/", 200, 5);
        cache.save(&file).unwrap();
        assert_eq!(Cache::load(&file), (cache, true));
        let names: Vec<_> = std::fs::read_dir(file.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["links.json"], "no temporary file is left");
    }

    #[test]
    fn messages_name_the_status_and_the_time() {
        assert_eq!(status_text(404), "404 Not Found");
        assert_eq!(status_text(599), "599");
        assert_eq!(seconds(1.0), "1 s");
        assert_eq!(seconds(2.5), "2.5 s");
        assert_eq!(ago(30), "just now");
        assert_eq!(ago(3 * 3600 + 5), "3 hours ago");
        assert_eq!(ago(60), "1 minute ago");
    }
}
