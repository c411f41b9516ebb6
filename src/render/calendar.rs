//! The news archive's month calendar, as archive pages and articles show it: the month's
//! weeks (Monday first) with a link on each day that has articles, and the nearest
//! earlier and later months that have any. Made from the archive index alone, so it
//! moves only with dates and addresses.
//!
//! Every article shows its month's calendar, so each month is made once per render
//! ([`Calendars`]), already as the template value it becomes, and a page's view holds a
//! reference to it with the day to mark ([`CalendarRef`]). The theme's calendar partial
//! is likewise rendered once per calendar shown (see [`super::partials`]).

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Serialize, Serializer};

use crate::dates::DateFormats;
use crate::i18n::I18n;
use crate::library::{Archive, Library};
use crate::render::archive_titles::month_title;
use crate::render::fingerprint;

/// One month's calendar in one language, as it is made from the archive index: what a
/// page's calendar is made of, and what its fingerprint is taken from.
#[derive(Serialize)]
struct Calendar<'a> {
    /// The month in words, the table's caption: `Tháng 5 năm 2024`, `May 2024`.
    caption: String,
    /// The month's archive page.
    url: &'a str,
    /// The archive's root page.
    archive_url: &'a str,
    /// Monday first.
    weekdays: Vec<Weekday<'a>>,
    /// Seven cells each; `None` before the first and after the last day of the month.
    weeks: Vec<Vec<Option<CalendarDay<'a>>>>,
    /// The nearest earlier month with articles.
    earlier: Option<MonthLink<'a>>,
    /// The nearest later month with articles.
    later: Option<MonthLink<'a>>,
}

#[derive(Serialize)]
struct Weekday<'a> {
    short: &'a str,
    full: &'a str,
}

#[derive(Serialize, Clone)]
struct CalendarDay<'a> {
    day: i8,
    /// The day's archive page, when the day has articles.
    url: Option<&'a str>,
    count: usize,
    /// The count in words (`term-count`: `3 bài viết`), the link's title, when the day
    /// has articles. Made here, once per count a month shows, rather than by a `t()`
    /// call per day in the template.
    title: Option<String>,
    /// The day the page is about (an archive day, an article's date).
    current: bool,
}

#[derive(Serialize)]
struct MonthLink<'a> {
    title: String,
    url: &'a str,
}

/// One month's calendar as templates get it, made once for every page showing it.
pub struct MonthCalendar {
    /// The fingerprint of the [`Calendar`] it was made from.
    key: u64,
    /// The calendar with no day marked, then with day 1, day 2… marked (`current`).
    marked: Vec<tera::Value>,
    /// The number of the first of `marked` among all calendars of the render (see
    /// [`CalendarRef::slot`]).
    first_slot: usize,
}

impl MonthCalendar {
    fn new(calendar: &Calendar) -> MonthCalendar {
        let key = fingerprint::hash_serialized(calendar);
        let plain = tera::Value::from_serializable(calendar);
        let (Some(fields), Some(weeks)) = (
            plain.as_map(),
            plain.get_from_path("weeks").and_then(tera::Value::as_array),
        ) else {
            return MonthCalendar {
                key,
                marked: vec![plain],
                first_slot: 0,
            };
        };
        let mut marked = vec![plain.clone()];
        for (w, week) in calendar.weeks.iter().enumerate() {
            for (d, cell) in week.iter().enumerate() {
                let Some(day) = cell else { continue };
                // Only the day's cell and its week are new; the rest is shared.
                let mut cells = weeks[w].as_array().unwrap_or_default().to_vec();
                cells[d] = tera::Value::from_serializable(&CalendarDay {
                    current: true,
                    ..day.clone()
                });
                let mut weeks = weeks.to_vec();
                weeks[w] = tera::Value::from(cells);
                let mut fields = fields.clone();
                fields.insert("weeks".into(), tera::Value::from(weeks));
                marked.push(tera::Value::from(fields));
            }
        }
        MonthCalendar {
            key,
            marked,
            first_slot: 0,
        }
    }
}

/// A page's calendar: its month's, with the day the page is about marked. Serialised as
/// the month's calendar with `current` set on that day's cell, and fingerprinted as the
/// month's fingerprint and the day.
pub struct CalendarRef<'a> {
    month: &'a MonthCalendar,
    current: Option<i8>,
}

impl Serialize for CalendarRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if fingerprint::hashing() {
            return (self.month.key, self.current).serialize(serializer);
        }
        // Tera takes its own value as it is (a reference counted), without serialising
        // it again.
        self.value().serialize(serializer)
    }
}

impl CalendarRef<'_> {
    /// Which of the month's calendars this is: none marked, or the day's.
    fn index(&self) -> usize {
        // A day outside the month marks no cell, as no cell has its number.
        self.current
            .and_then(|day| usize::try_from(day).ok())
            .filter(|&day| day < self.month.marked.len())
            .unwrap_or(0)
    }

    /// The calendar as templates get it.
    pub fn value(&self) -> &tera::Value {
        &self.month.marked[self.index()]
    }

    /// Which calendar of the render this is, the same for every page showing it and
    /// below [`Calendars::slots`]: each month in each language with each marked day (or
    /// none) has its own number.
    pub fn slot(&self) -> usize {
        self.month.first_slot + self.index()
    }
}

/// Every month's calendar in every language with an archive, made before pages are.
pub struct Calendars {
    by_lang: Vec<(String, Months)>,
    /// How many calendars there are, marked days counted apart.
    slots: usize,
}

/// A language's calendars by year and month.
type Months = HashMap<(i16, i8), MonthCalendar>;

impl Calendars {
    pub fn new(library: &Library, i18n: &I18n, dates: &DateFormats) -> Calendars {
        let mut by_lang = library
            .languages
            .iter()
            .filter_map(|l| Some((l.code.as_str(), l.archive.as_ref()?)))
            .map(|(lang, archive)| {
                let months: Vec<(i16, i8)> = archive.months().collect();
                let made = months
                    .into_par_iter()
                    .filter_map(|month| {
                        let calendar = calendar(i18n, dates, lang, archive, month)?;
                        Some((month, MonthCalendar::new(&calendar)))
                    })
                    .collect();
                (lang.to_string(), made)
            })
            .collect::<Vec<(String, Months)>>();
        let mut slots = 0;
        for (_, months) in &mut by_lang {
            for month in months.values_mut() {
                month.first_slot = slots;
                slots += month.marked.len();
            }
        }
        Calendars { by_lang, slots }
    }

    /// How many calendars pages may show, each month's marked days counted apart.
    pub fn slots(&self) -> usize {
        self.slots
    }

    /// The calendar of `month` in `lang`, `current` its day to mark; `None` when the month
    /// has no articles (and so no page).
    pub fn get(
        &self,
        lang: &str,
        month: (i16, i8),
        current: Option<i8>,
    ) -> Option<CalendarRef<'_>> {
        let (_, months) = self.by_lang.iter().find(|(code, _)| code == lang)?;
        Some(CalendarRef {
            month: months.get(&month)?,
            current,
        })
    }
}

/// The month `(year, month)` of `archive` in `lang`, no day marked; `None` when the month
/// has no articles.
fn calendar<'a>(
    i18n: &I18n,
    dates: &'a DateFormats,
    lang: &str,
    archive: &'a Archive,
    (year, month): (i16, i8),
) -> Option<Calendar<'a>> {
    let shown = archive.month(year, month)?;
    let names = dates.names(lang);
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
                title: dated.map(|_| count_title(i18n, lang, count, &mut titles)),
                current: false,
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
            title: month_title(i18n, dates, lang, y, m),
            url: &found.dated.url,
        })
    };
    Some(Calendar {
        caption: month_title(i18n, dates, lang, year, month),
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

/// `count` in words, remembered in `seen` for the month's other days.
fn count_title(i18n: &I18n, lang: &str, count: usize, seen: &mut Vec<(usize, String)>) -> String {
    if let Some((_, title)) = seen.iter().find(|(c, _)| *c == count) {
        return title.clone();
    }
    let title = crate::render::archive_titles::count_title(i18n, lang, count);
    seen.push((count, title.clone()));
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    /// February 2021 (Monday the 1st, 28 days: four full weeks), with articles on the
    /// 3rd and the 17th, its day `current` marked.
    fn february(current: Option<i8>) -> Calendar<'static> {
        let weeks = (0..4)
            .map(|week| {
                (1..=7)
                    .map(|weekday| {
                        let day = week * 7 + weekday;
                        let count = usize::from(matches!(day, 3 | 17));
                        Some(CalendarDay {
                            day,
                            url: (count > 0).then_some("/vi/luu-tru/2021/02/"),
                            count,
                            title: (count > 0).then(|| "1 bài viết".to_string()),
                            current: current == Some(day),
                        })
                    })
                    .collect()
            })
            .collect();
        Calendar {
            caption: "Tháng 2 năm 2021".into(),
            url: "/vi/luu-tru/2021/02/",
            archive_url: "/vi/luu-tru/",
            weekdays: vec![Weekday {
                short: "T2",
                full: "Thứ Hai",
            }],
            weeks,
            earlier: None,
            later: Some(MonthLink {
                title: "Tháng 3 năm 2021".into(),
                url: "/vi/luu-tru/2021/03/",
            }),
        }
    }

    fn template_value(calendar: &CalendarRef) -> tera::Value {
        tera::Value::from_serializable(calendar)
    }

    #[test]
    fn a_marked_day_reads_as_the_calendar_made_with_that_day_current() {
        let month = MonthCalendar::new(&february(None));
        for current in [
            None,
            Some(1),
            Some(3),
            Some(17),
            Some(28),
            Some(0),
            Some(31),
        ] {
            let shown = CalendarRef {
                month: &month,
                current,
            };
            assert_eq!(
                template_value(&shown),
                tera::Value::from_serializable(&february(current)),
                "day {current:?}"
            );
        }
    }

    #[test]
    fn the_fingerprint_moves_with_the_month_and_the_marked_day() {
        let month = MonthCalendar::new(&february(None));
        let mut other = february(None);
        other.caption = "February 2021".into();
        let other = MonthCalendar::new(&other);
        let key = |month, current| fingerprint::hash_serialized(&CalendarRef { month, current });
        assert_eq!(key(&month, Some(3)), key(&month, Some(3)));
        assert_ne!(key(&month, Some(3)), key(&month, Some(17)));
        assert_ne!(key(&month, None), key(&month, Some(3)));
        assert_ne!(key(&month, Some(3)), key(&other, Some(3)));
    }
}
