//! The news archive of one language: its dated articles by year, month and day, in the
//! site's time zone, newest first. Only periods that hold articles are here, so every
//! period the archive lists has a page.

use crate::config::Config;
use crate::url::SitePath;

use super::{Page, PageId};

/// A month of a year: (2024, 3).
pub type YearMonth = (i16, i8);

/// A year, a month of a year, or a day of a month: what one archive page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// The archive's root: its years and months.
    All,
    Year(i16),
    Month(i16, i8),
    Day(i16, i8, i8),
}

impl Period {
    /// The folders below the archive's root: `2025`, `08`, `01` (two-digit month, day).
    pub fn segments(self) -> Vec<String> {
        match self {
            Period::All => Vec::new(),
            Period::Year(y) => vec![format!("{y:04}")],
            Period::Month(y, m) => vec![format!("{y:04}"), format!("{m:02}")],
            Period::Day(y, m, d) => vec![format!("{y:04}"), format!("{m:02}"), format!("{d:02}")],
        }
    }

    /// The month a period falls in, for the calendar it shows.
    pub fn month(self) -> Option<(i16, i8)> {
        match self {
            Period::Month(y, m) | Period::Day(y, m, _) => Some((y, m)),
            Period::All | Period::Year(_) => None,
        }
    }
}

/// One period with articles.
#[derive(Debug, Clone)]
pub struct Dated<T> {
    pub path: SitePath,
    pub url: String,
    /// Newest first.
    pub articles: Vec<PageId>,
    /// The periods inside this one, newest first (months of a year, days of a month).
    pub parts: Vec<T>,
}

#[derive(Debug, Clone)]
pub struct ArchiveDay {
    pub day: i8,
    pub dated: Dated<()>,
}

#[derive(Debug, Clone)]
pub struct ArchiveMonth {
    pub month: i8,
    pub dated: Dated<ArchiveDay>,
}

#[derive(Debug, Clone)]
pub struct ArchiveYear {
    pub year: i16,
    pub dated: Dated<ArchiveMonth>,
}

/// A language's archive.
#[derive(Debug, Clone)]
pub struct Archive {
    /// The root: `/vi/luu-tru/`.
    pub path: SitePath,
    pub url: String,
    /// Newest first.
    pub years: Vec<ArchiveYear>,
}

impl Archive {
    pub fn year(&self, year: i16) -> Option<&ArchiveYear> {
        self.years.iter().find(|y| y.year == year)
    }

    pub fn month(&self, year: i16, month: i8) -> Option<&ArchiveMonth> {
        self.year(year)?
            .dated
            .parts
            .iter()
            .find(|m| m.month == month)
    }

    pub fn day(&self, year: i16, month: i8, day: i8) -> Option<&ArchiveDay> {
        self.month(year, month)?
            .dated
            .parts
            .iter()
            .find(|d| d.day == day)
    }

    /// The address of a period's page (whether or not it has articles).
    pub fn path_of(&self, period: Period) -> SitePath {
        self.path.join(period.segments())
    }

    /// The articles a period's pages list, newest first; `None` for a period without
    /// articles, which has no page, and for the root, which lists periods.
    pub fn articles(&self, period: Period) -> Option<&[PageId]> {
        match period {
            Period::All => None,
            Period::Year(y) => self.year(y).map(|y| &y.dated.articles[..]),
            Period::Month(y, m) => self.month(y, m).map(|m| &m.dated.articles[..]),
            Period::Day(y, m, d) => self.day(y, m, d).map(|d| &d.dated.articles[..]),
        }
    }

    /// Whether the period has a page: the root, and every period with articles.
    pub fn has(&self, period: Period) -> bool {
        period == Period::All || self.articles(period).is_some()
    }

    /// Every month with articles, newest first, as (year, month).
    pub fn months(&self) -> impl Iterator<Item = (i16, i8)> + '_ {
        self.years
            .iter()
            .flat_map(|y| y.dated.parts.iter().map(|m| (y.year, m.month)))
    }

    /// The nearest months with articles before and after `month` (which may have none).
    pub fn months_around(&self, month: YearMonth) -> (Option<YearMonth>, Option<YearMonth>) {
        let earlier = self.months().find(|&m| m < month);
        let later = self.months().take_while(|&m| m > month).last();
        (earlier, later)
    }
}

/// The day an article is filed under: its date in the site's time zone.
pub fn day_of(config: &Config, page: &Page) -> Option<(i16, i8, i8)> {
    let date = config
        .timezone
        .to_datetime(page.source.meta.date?.instant)
        .date();
    Some((date.year(), date.month(), date.day()))
}

/// The archive of the language `lang` whose articles are `articles` (newest first), when
/// the archive is on and the language has dated articles.
pub(super) fn build(
    pages: &[Page],
    articles: &[PageId],
    lang: &str,
    home: &SitePath,
    config: &Config,
    base: &str,
) -> Option<Archive> {
    let settings = config.archive.as_ref()?;
    let root = home.join([settings.slug(lang).to_string()]);
    let mut years: Vec<ArchiveYear> = Vec::new();
    for &id in articles {
        let Some((y, m, d)) = day_of(config, &pages[id]) else {
            continue;
        };
        // Articles come newest first, so a new period starts where the last one ends;
        // articles of one period are together (a fixed offset keeps instants in order).
        if years.last().is_none_or(|last| last.year != y) {
            years.push(ArchiveYear {
                year: y,
                dated: dated(root.join(Period::Year(y).segments()), base),
            });
        }
        let year = years.last_mut().expect("pushed above");
        year.dated.articles.push(id);
        if year.dated.parts.last().is_none_or(|last| last.month != m) {
            year.dated.parts.push(ArchiveMonth {
                month: m,
                dated: dated(root.join(Period::Month(y, m).segments()), base),
            });
        }
        let month = year.dated.parts.last_mut().expect("pushed above");
        month.dated.articles.push(id);
        if month.dated.parts.last().is_none_or(|last| last.day != d) {
            month.dated.parts.push(ArchiveDay {
                day: d,
                dated: dated(root.join(Period::Day(y, m, d).segments()), base),
            });
        }
        let day = month.dated.parts.last_mut().expect("pushed above");
        day.dated.articles.push(id);
    }
    if years.is_empty() {
        return None;
    }
    Some(Archive {
        url: root.url(base),
        path: root,
        years,
    })
}

fn dated<T>(path: SitePath, base: &str) -> Dated<T> {
    Dated {
        url: path.url(base),
        path,
        articles: Vec::new(),
        parts: Vec::new(),
    }
}
