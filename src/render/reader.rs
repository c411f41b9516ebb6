//! What a page's view is built from: the immutable library and bodies, read through
//! [`Reader`], which notes every page whose content a view takes. `serve` uses those
//! notes to know which pages show an edited one; the fingerprint covers the view itself.

use std::cell::RefCell;
use std::sync::Arc;

use super::RenderInput;
use super::body::{Body, Image};
use super::shared::Shared;
use crate::config::Config;
use crate::dates::DateFormats;
use crate::i18n::I18n;
use crate::library::{Library, Page, PageId};

/// Read access for building one page's view. Made per page, never shared between
/// threads: the notes it keeps are that page's alone.
pub struct Reader<'a> {
    pub config: &'a Config,
    /// The indexes (sections, languages, terms). A page's own content is read with
    /// [`Reader::page`] and [`Reader::body`], so that it is noted.
    pub library: &'a Library,
    bodies: &'a [Arc<Body>],
    /// Per document, the pages mentioning it (see [`crate::render::body::mentioned_in`]).
    mentioned_in: &'a [Vec<PageId>],
    pub i18n: &'a I18n,
    /// Month and weekday names, and dates as readers write them.
    pub dates: &'a DateFormats,
    /// The share card of pages without a cover.
    pub default_card: Option<&'a Image>,
    /// What pages share: `site`, `config`, calendars.
    pub shared: &'a Shared,
    reads: RefCell<Vec<PageId>>,
}

impl<'a> Reader<'a> {
    pub fn new(input: &'a RenderInput) -> Reader<'a> {
        Reader {
            config: input.config,
            library: &input.snapshot.library,
            bodies: &input.snapshot.bodies,
            mentioned_in: &input.snapshot.mentioned_in,
            i18n: input.i18n,
            dates: input.dates,
            default_card: input.default_card,
            shared: &input.shared,
            reads: RefCell::new(Vec::new()),
        }
    }

    /// A page with its front matter, noted as read.
    pub fn page(&self, id: PageId) -> &'a Page {
        self.note(id);
        self.library.page(id)
    }

    /// A page's rendered body, noted as read.
    pub fn body(&self, id: PageId) -> &'a Body {
        self.note(id);
        &self.bodies[id]
    }

    /// The pages in `lang` whose bodies mention the registry's document `document`,
    /// newest first; each is noted as read when its content is.
    pub fn mentioned_in(&self, document: usize, lang: &str) -> Vec<PageId> {
        self.mentioned_in
            .get(document)
            .map_or_else(Vec::new, |pages| {
                pages
                    .iter()
                    .copied()
                    .filter(|&id| self.library.page(id).lang() == lang)
                    .collect()
            })
    }

    fn note(&self, id: PageId) {
        let mut reads = self.reads.borrow_mut();
        if reads.last() != Some(&id) {
            reads.push(id);
        }
    }

    /// The pages read so far, each once, sorted.
    pub fn into_reads(self) -> Vec<PageId> {
        let mut reads = self.reads.into_inner();
        reads.sort_unstable();
        reads.dedup();
        reads
    }
}
