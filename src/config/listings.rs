//! `listings:` in `site.yaml`: how many articles each short listing shows (the home
//! page's latest and section blocks, related articles and other news under an article).
//! Paginated listings take `paginate`.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::positive;
use crate::diagnostics::Diagnostic;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawListings {
    #[serde(default)]
    latest: Option<Spanned<usize>>,
    #[serde(default)]
    per_section: Option<Spanned<usize>>,
    #[serde(default)]
    related: Option<Spanned<usize>>,
    #[serde(default)]
    other_news: Option<Spanned<usize>>,
}

/// How many articles each listing shows. Pagination pages take `paginate`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Listings {
    /// The home page's "latest" list.
    pub latest: usize,
    /// Each section's block on the home page.
    pub per_section: usize,
    /// "Related articles" under an article.
    pub related: usize,
    /// "Other news" under an article: this many of its neighbours by date in its
    /// section, as many newer as older where the section allows.
    pub other_news: usize,
}

impl Default for Listings {
    fn default() -> Listings {
        Listings {
            latest: 10,
            per_section: 4,
            related: 4,
            other_news: 5,
        }
    }
}

pub(super) fn resolve_listings(
    listings: Option<RawListings>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Listings {
    let defaults = Listings::default();
    let Some(RawListings {
        latest,
        per_section,
        related,
        other_news,
    }) = listings
    else {
        return defaults;
    };
    let mut size = |value, default, key| positive(value, default, key, file, problems);
    Listings {
        latest: size(latest, defaults.latest, "listings.latest"),
        per_section: size(per_section, defaults.per_section, "listings.per_section"),
        related: size(related, defaults.related, "listings.related"),
        other_news: size(other_news, defaults.other_news, "listings.other_news"),
    }
}
