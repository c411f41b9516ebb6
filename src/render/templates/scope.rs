//! What template functions read and what they did, for one page at a time.
//!
//! Tera calls a function with its arguments and the template's variables only, so the
//! library a render reads is handed over for the length of one page's render on the
//! rendering thread ([`in_scope`]). Functions read that immutable snapshot and note each
//! call with a hash of its answer; the page's render returns those notes ([`Calls`]) with
//! its HTML. Nothing is shared between pages or threads, and nothing is locked.
//!
//! A page whose view is unchanged is rendered again when any of its calls would now
//! answer differently (`get_page` of an edited page, `url_for` of a moved one, a picture
//! replaced under `resize_image`): [`Calls::answers`] replays them.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::images::{Operation, Planned};
use crate::library::{Library, PageId};
use crate::render::body::{Body, mentioned_in};

/// The immutable content one render reads.
pub struct Snapshot {
    pub library: Arc<Library>,
    pub bodies: Vec<Arc<Body>>,
    /// Per document of the registry, the pages whose bodies mention it, newest first.
    pub mentioned_in: Vec<Vec<PageId>>,
}

impl Snapshot {
    pub fn new(library: Arc<Library>, bodies: Vec<Arc<Body>>) -> Snapshot {
        let mentioned_in = mentioned_in(&library, &bodies);
        Snapshot {
            library,
            bodies,
            mentioned_in,
        }
    }
}

/// A template function call whose answer depends on content.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Call {
    Page { path: String, lang: String },
    Url { path: String, lang: String },
    Image { path: String, operation: Operation },
}

/// What one page's template calls asked, with a hash of each answer, and the pictures
/// `resize_image` planned for it.
#[derive(Debug, Clone, Default)]
pub struct Calls {
    pub asked: Vec<(Call, u64)>,
    pub images: Vec<Planned>,
}

impl Calls {
    /// One hash of every answer, as given.
    pub fn answers(&self) -> u64 {
        let mut hasher = crate::render::fingerprint::hasher();
        for (call, answer) in &self.asked {
            (call, answer).hash(&mut hasher);
        }
        hasher.finish()
    }
}

struct Scope {
    snapshot: Arc<Snapshot>,
    calls: Calls,
}

thread_local! {
    static CURRENT: RefCell<Option<Scope>> = const { RefCell::new(None) };
}

/// Runs `render` with `snapshot` as what template functions read; returns its result
/// and the calls it made.
pub fn in_scope<R>(snapshot: &Arc<Snapshot>, render: impl FnOnce() -> R) -> (R, Calls) {
    let outer = CURRENT.with(|current| {
        current.borrow_mut().replace(Scope {
            snapshot: Arc::clone(snapshot),
            calls: Calls::default(),
        })
    });
    let result = render();
    let scope = CURRENT.with(|current| std::mem::replace(&mut *current.borrow_mut(), outer));
    (result, scope.map(|s| s.calls).unwrap_or_default())
}

/// The snapshot of the render running on this thread.
pub fn snapshot() -> Option<Arc<Snapshot>> {
    CURRENT.with(|current| current.borrow().as_ref().map(|s| Arc::clone(&s.snapshot)))
}

/// Notes a call and its answer in the running render.
pub fn note(call: Call, answer: u64, planned: Option<Planned>) {
    CURRENT.with(|current| {
        if let Some(scope) = current.borrow_mut().as_mut() {
            scope.calls.asked.push((call, answer));
            scope.calls.images.extend(planned);
        }
    });
}

/// A hash of any answer.
pub fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = crate::render::fingerprint::hasher();
    value.hash(&mut hasher);
    hasher.finish()
}
