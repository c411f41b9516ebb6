//! The news archive's month calendar, as archive pages and articles show it: the month's
//! weeks (Monday first) with a link on each day that has articles, and the nearest
//! earlier and later months that have any. Made from the archive index alone, so it
//! moves only with dates and addresses.

use fluent_bundle::{FluentArgs, FluentValue};
use serde::Serialize;

use crate::library::Archive;
use crate::render::reader::Reader;

#[derive(Serialize)]
pub struct Calendar<'a> {
    /// The month in words, the table's caption: `Tháng 5 năm 2024`, `May 2024`.
    pub caption: String,
    /// The month's archive page.
    pub url: &'a str,
    /// The archive's root page.
    pub archive_url: &'a str,
    /// Monday first.
    pub weekdays: Vec<Weekday<'a>>,
    /// Seven cells each; `None` before the first and after the last day of the month.
    pub weeks: Vec<Vec<Option<CalendarDay<'a>>>>,
    /// The nearest earlier month with articles.
    pub earlier: Option<MonthLink<'a>>,
    /// The nearest later month with articles.
    pub later: Option<MonthLink<'a>>,
}

#[derive(Serialize)]
pub struct Weekday<'a> {
    pub short: &'a str,
    pub full: &'a str,
}

#[derive(Serialize)]
pub struct CalendarDay<'a> {
    pub day: i8,
    /// The day's archive page, when the day has articles.
    pub url: Option<&'a str>,
    pub count: usize,
    /// The count in words (`term-count`: `3 bài viết`), the link's title, when the day
    /// has articles. Made here, once per count a month shows, rather than by a `t()`
    /// call per day in the template: every article shows a calendar.
    pub title: Option<String>,
    /// The day the page is about (an archive day, an article's date).
    pub current: bool,
}

#[derive(Serialize)]
pub struct MonthLink<'a> {
    pub title: String,
    pub url: &'a str,
}

/// The month `(year, month)` of `archive` in `lang`, `current` its day to mark; `None`
/// when the month has no articles (and so no page).
pub fn calendar<'a>(
    reader: &Reader<'a>,
    lang: &str,
    archive: &'a Archive,
    (year, month): (i16, i8),
    current: Option<i8>,
) -> Option<Calendar<'a>> {
    let shown = archive.month(year, month)?;
    let names = reader.dates.names(lang);
    let first = jiff::civil::Date::new(year, month, 1).ok()?;
    let lead = first.weekday().to_monday_zero_offset() as usize;
    let mut titles: Vec<(usize, String)> = Vec::new();
    let cells: Vec<Option<CalendarDay<'a>>> = std::iter::repeat_with(|| None)
        .take(lead)
        .chain((1..=first.days_in_month()).map(|day| {
            let dated = shown.dated.parts.iter().find(|d| d.day == day);
            let count = dated.map_or(0, |d| d.dated.articles.len());
            Some(CalendarDay {
                day,
                url: dated.map(|d| d.dated.url.as_str()),
                count,
                title: dated.map(|_| count_title(reader, lang, count, &mut titles)),
                current: current == Some(day),
            })
        }))
        .collect();
    let mut weeks: Vec<Vec<Option<CalendarDay<'a>>>> = Vec::new();
    for cell in cells {
        if weeks.last().is_none_or(|week| week.len() == 7) {
            weeks.push(Vec::with_capacity(7));
        }
        weeks.last_mut().expect("pushed above").push(cell);
    }
    let last = weeks.last_mut().expect("every month has a first week");
    last.resize_with(7, || None);
    let (earlier, later) = archive.months_around((year, month));
    let link = |(y, m): (i16, i8)| {
        archive.month(y, m).map(|found| MonthLink {
            title: month_title(reader, lang, y, m),
            url: &found.dated.url,
        })
    };
    Some(Calendar {
        caption: month_title(reader, lang, year, month),
        url: &shown.dated.url,
        archive_url: &archive.url,
        weekdays: names
            .weekdays
            .iter()
            .map(|(short, full)| Weekday { short, full })
            .collect(),
        weeks,
        earlier: earlier.and_then(link),
        later: later.and_then(link),
    })
}

/// `count` in words (`term-count`), as the template's `t(key="term-count", count=…)`
/// writes it (a number argument), remembered in `seen` for the month's other days.
fn count_title(
    reader: &Reader,
    lang: &str,
    count: usize,
    seen: &mut Vec<(usize, String)>,
) -> String {
    if let Some((_, title)) = seen.iter().find(|(c, _)| *c == count) {
        return title.clone();
    }
    let mut args = FluentArgs::new();
    args.set("count", FluentValue::from(count as f64));
    let title = reader
        .i18n
        .translate(lang, "term-count", Some(&args))
        .unwrap_or_else(|| count.to_string());
    seen.push((count, title.clone()));
    title
}

/// A month in words (`archive-month`: the CLDR month name and the year).
pub fn month_title(reader: &Reader, lang: &str, year: i16, month: i8) -> String {
    let name = reader.dates.names(lang).months[(month - 1) as usize].clone();
    let mut args = FluentArgs::new();
    // Strings, not numbers: a year is never written with a thousands separator.
    args.set("year", FluentValue::from(year.to_string()));
    args.set("month", FluentValue::from(name.clone()));
    reader
        .i18n
        .translate(lang, "archive-month", Some(&args))
        .unwrap_or_else(|| format!("{name} {year}"))
}

/// A year in words (`archive-year`).
pub fn year_title(reader: &Reader, lang: &str, year: i16) -> String {
    let mut args = FluentArgs::new();
    args.set("year", FluentValue::from(year.to_string()));
    reader
        .i18n
        .translate(lang, "archive-year", Some(&args))
        .unwrap_or_else(|| year.to_string())
}
