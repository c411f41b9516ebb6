//! Pages as data: for each kind of page one view type, built by one function from the
//! library. The view is what the template sees (serialised as its context) and what the
//! page's fingerprint hashes, so a page cannot show something its fingerprint misses.

mod archive;
mod common;
pub mod content;
pub(crate) mod documents;
mod home;
mod listing;
mod search;
mod special;
mod structured;

use serde::Serialize;

use super::calendar::CalendarRef;
use super::frame::Frame;
use super::reader::Reader;
use crate::plan::Job;
pub use common::{Common, HeadExtras};

/// Everything one page's template sees: what every page shows, then its kind's own.
#[derive(Serialize)]
pub struct View<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    #[serde(flatten)]
    pub data: PageData<'a>,
}

/// What each kind of page shows besides the [`Common`] part.
// One view lives per page being rendered, never in bulk: the size difference is harmless.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize)]
#[serde(untagged)]
pub enum PageData<'a> {
    Chooser(special::Chooser<'a>),
    NotFound(special::NotFound<'a>),
    Home(home::Home<'a>),
    Search(search::Search<'a>),
    Page(special::Page<'a>),
    Section(listing::Section<'a>),
    TaxonomyList(listing::TaxonomyList<'a>),
    Term(listing::Term<'a>),
    Archive(archive::Archive<'a>),
    Registry(documents::Registry<'a>),
}

impl<'a> PageData<'a> {
    /// The archive's month calendar the page shows, if any.
    pub fn calendar(&self) -> Option<&CalendarRef<'a>> {
        match self {
            PageData::Page(page) => page.calendar.as_ref(),
            PageData::Archive(archive) => archive.calendar.as_ref(),
            _ => None,
        }
    }
}

/// A page's frame (address, versions, title, template…) with its kind's view data.
pub struct Built<'a> {
    pub frame: Frame,
    pub extras: HeadExtras<'a>,
    pub data: PageData<'a>,
}

/// Builds the view of one page of the plan: the only place that reads a page kind's
/// data from the library.
pub fn build<'a>(reader: &Reader<'a>, job: &Job) -> Built<'a> {
    match job {
        Job::Chooser => special::chooser(reader, job),
        Job::NotFound { lang } => special::not_found(reader, job, lang.as_deref()),
        Job::Home { lang } => home::home(reader, job, lang),
        Job::Search { lang } => search::search(reader, job, lang),
        Job::Page { id } => special::page(reader, job, *id),
        Job::Section {
            section,
            lang,
            number,
        } => listing::section(reader, job, *section, lang, *number),
        Job::TaxonomyList { lang, taxonomy } => {
            listing::taxonomy_list(reader, job, lang, *taxonomy)
        }
        Job::Term {
            lang,
            taxonomy,
            term,
            number,
        } => listing::term(reader, job, lang, *taxonomy, *term, *number),
        Job::Archive {
            lang,
            period,
            number,
        } => archive::archive(reader, job, lang, *period, *number),
        Job::Registry {
            lang,
            filter,
            number,
        } => documents::registry(reader, job, lang, *filter, *number),
    }
}
