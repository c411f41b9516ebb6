//! Views of the news archive: its root (years and their months), and each year, month
//! and day with articles, listing them newest first, paginated by `paginate`, with the
//! month calendar.

use serde::Serialize;

use super::common::{HeadExtras, Paginator, paginator};
use super::content::Summary;
use super::{Built, PageData};
use crate::dates::DateStyle;
use crate::library::{Archive as ArchiveIndex, Period};
use crate::plan::{Job, page_slice, paged, pages_count};
use crate::render::archive_titles::{self, Titles, month_title, year_title};
use crate::render::calendar::CalendarRef;
use crate::render::frame::{Frame, Kind, Version, newest, numbered};
use crate::render::reader::Reader;

#[derive(Serialize)]
pub struct Archive<'a> {
    pub archive: ArchiveInfo<'a>,
    pub pages: Vec<Summary<'a>>,
    pub paginator: Option<Paginator>,
    pub calendar: Option<CalendarRef<'a>>,
}

/// The period a page is about, with the way up and down the archive.
#[derive(Serialize)]
pub struct ArchiveInfo<'a> {
    /// `all`, `year`, `month` or `day`.
    pub period: &'static str,
    /// The period in words: `Năm 2024`, `May 2024`, `Friday, 8 December 2023`.
    pub title: String,
    pub year: Option<i16>,
    pub month: Option<i8>,
    pub day: Option<i8>,
    /// The archive's root page and its title.
    pub url: &'a str,
    pub root_title: String,
    /// The periods above this one, from the root: for breadcrumbs.
    pub parents: Vec<PeriodLink<'a>>,
    /// The periods inside this one with articles, newest first: the root's years (each
    /// with its months), a year's months.
    pub parts: Vec<PeriodLink<'a>>,
}

#[derive(Serialize)]
pub struct PeriodLink<'a> {
    pub title: String,
    pub url: &'a str,
    pub count: usize,
    /// The count in words (`term-count`: `3 bài viết`).
    pub count_title: String,
    pub parts: Vec<PeriodLink<'a>>,
}

/// The period in words, in `lang`: the root's, years' and months' from the render's
/// titles.
fn period_title(reader: &Reader, lang: &str, period: Period) -> String {
    let titles = reader.shared.archive_titles.of(lang);
    let made = match period {
        Period::All => titles.map(|t| t.root.as_str()),
        Period::Year(y) => titles.and_then(|t| t.year(y)),
        Period::Month(y, m) => titles.and_then(|t| t.month(y, m)),
        Period::Day(..) => None,
    };
    if let Some(title) = made {
        return title.to_string();
    }
    match period {
        Period::All => archive_titles::root_title(reader.i18n, lang),
        Period::Year(y) => year_title(reader.i18n, lang, y),
        Period::Month(y, m) => month_title(reader.i18n, reader.dates, lang, y, m),
        Period::Day(y, m, d) => match jiff::civil::Date::new(y, m, d) {
            Ok(date) => reader.dates.format(lang, date, DateStyle::Long),
            Err(_) => format!("{y:04}-{m:02}-{d:02}"),
        },
    }
}

/// `count` in words, from the render's titles when a year or month has it.
fn count_title(reader: &Reader, titles: Option<&Titles>, lang: &str, count: usize) -> String {
    titles.and_then(|t| t.count(count)).map_or_else(
        || archive_titles::count_title(reader.i18n, lang, count),
        str::to_string,
    )
}

/// A year's months with articles, newest first.
fn months<'a>(
    reader: &Reader,
    lang: &str,
    archive: &'a ArchiveIndex,
    y: i16,
) -> Vec<PeriodLink<'a>> {
    let titles = reader.shared.archive_titles.of(lang);
    archive.year(y).map_or_else(Vec::new, |year| {
        year.dated
            .parts
            .iter()
            .map(|month| {
                let count = month.dated.articles.len();
                PeriodLink {
                    title: period_title(reader, lang, Period::Month(y, month.month)),
                    url: &month.dated.url,
                    count,
                    count_title: count_title(reader, titles, lang, count),
                    parts: Vec::new(),
                }
            })
            .collect()
    })
}

/// The pages above `period`, the root first.
fn parents<'a>(
    reader: &Reader,
    lang: &str,
    archive: &'a ArchiveIndex,
    period: Period,
) -> Vec<PeriodLink<'a>> {
    let above: Vec<Period> = match period {
        Period::All => Vec::new(),
        Period::Year(_) => vec![Period::All],
        Period::Month(y, _) => vec![Period::All, Period::Year(y)],
        Period::Day(y, m, _) => vec![Period::All, Period::Year(y), Period::Month(y, m)],
    };
    let titles = reader.shared.archive_titles.of(lang);
    above
        .into_iter()
        .map(|p| {
            let count = archive.articles(p).map_or(0, <[_]>::len);
            PeriodLink {
                title: period_title(reader, lang, p),
                url: url_of(archive, p),
                count,
                count_title: count_title(reader, titles, lang, count),
                parts: Vec::new(),
            }
        })
        .collect()
}

/// The link of a period with a page.
fn url_of(archive: &ArchiveIndex, period: Period) -> &str {
    let url = match period {
        Period::All => Some(&archive.url),
        Period::Year(y) => archive.year(y).map(|y| &y.dated.url),
        Period::Month(y, m) => archive.month(y, m).map(|m| &m.dated.url),
        Period::Day(y, m, d) => archive.day(y, m, d).map(|d| &d.dated.url),
    };
    url.map_or("", String::as_str)
}

pub fn archive<'a>(
    reader: &Reader<'a>,
    job: &Job,
    lang: &str,
    period: Period,
    number: usize,
) -> Built<'a> {
    let library = reader.library;
    let config = reader.config;
    let per_page = config.paginate;
    let base = config.base_path.as_str();
    let index = library
        .language(lang)
        .and_then(|l| l.archive.as_ref())
        .expect("archive pages are planned for languages with an archive");
    let articles = index.articles(period).unwrap_or(&[]);
    let total = pages_count(articles.len(), per_page);
    let shown = page_slice(articles, number, per_page);
    let title = period_title(reader, lang, period);
    let frame = Frame {
        kind: Kind::Archive,
        lang: lang.to_string(),
        path: job.path(library),
        // The same period in the languages that have articles in it.
        versions: library
            .languages
            .iter()
            .filter_map(|l| {
                let other = l.archive.as_ref().filter(|a| a.has(period))?;
                let pages = pages_count(other.articles(period).map_or(0, <[_]>::len), per_page);
                (number <= pages).then(|| Version {
                    lang: l.code.clone(),
                    url: paged(&other.path_of(period), number).url(base),
                })
            })
            .collect(),
        section: None,
        source: None,
        title: numbered(&title, number, total),
        description: None,
        lastmod: match period {
            Period::All => index
                .years
                .first()
                .and_then(|y| newest(library, &y.dated.articles[..1])),
            _ => newest(library, shown),
        },
        template: "archive.html".into(),
    };
    let parts = match period {
        Period::All => index
            .years
            .iter()
            .map(|year| {
                let count = year.dated.articles.len();
                PeriodLink {
                    title: period_title(reader, lang, Period::Year(year.year)),
                    url: &year.dated.url,
                    count,
                    count_title: count_title(
                        reader,
                        reader.shared.archive_titles.of(lang),
                        lang,
                        count,
                    ),
                    parts: months(reader, lang, index, year.year),
                }
            })
            .collect(),
        Period::Year(y) => months(reader, lang, index, y),
        Period::Month(..) | Period::Day(..) => Vec::new(),
    };
    let (year, month, day) = match period {
        Period::All => (None, None, None),
        Period::Year(y) => (Some(y), None, None),
        Period::Month(y, m) => (Some(y), Some(m), None),
        Period::Day(y, m, d) => (Some(y), Some(m), Some(d)),
    };
    // The calendar of the period's month, else of the newest month the period holds.
    let shown_month = period.month().or_else(|| match period {
        Period::Year(y) => index
            .year(y)
            .and_then(|y| y.dated.parts.first().map(|m| (y.year, m.month))),
        _ => index.months().next(),
    });
    let calendar = shown_month.and_then(|month| reader.shared.calendars.get(lang, month, day));
    // A language without this page: the period's first page there, else its archive.
    let fallbacks = library
        .languages
        .iter()
        .filter(|l| !frame.versions.iter().any(|v| v.lang == l.code))
        .filter_map(|l| {
            let other = l.archive.as_ref()?;
            let url = if other.has(period) {
                other.path_of(period).url(base)
            } else {
                other.url.clone()
            };
            Some(Version {
                lang: l.code.clone(),
                url,
            })
        })
        .collect();
    Built {
        frame,
        extras: HeadExtras {
            fallbacks,
            ..HeadExtras::default()
        },
        data: PageData::Archive(Archive {
            archive: ArchiveInfo {
                period: match period {
                    Period::All => "all",
                    Period::Year(_) => "year",
                    Period::Month(..) => "month",
                    Period::Day(..) => "day",
                },
                title,
                year,
                month,
                day,
                url: &index.url,
                root_title: period_title(reader, lang, Period::All),
                parents: parents(reader, lang, index, period),
                parts,
            },
            pages: reader.summaries(shown),
            paginator: paginator(&index.path_of(period), number, total, base),
            calendar,
        }),
    }
}
