//! The news archive's titles in each language, made once per render: the root's, each
//! year's and month's, and each article count a period shows ("3 bài viết"). Thousands
//! of archive pages show the same few dozen (a day page names its year and month in its
//! breadcrumbs, a year page its twelve months with their counts), each otherwise a
//! Fluent call.

use std::collections::HashMap;

use fluent_bundle::{FluentArgs, FluentValue};

use crate::dates::DateFormats;
use crate::i18n::I18n;
use crate::library::Library;

/// Every language's archive titles.
pub struct ArchiveTitles {
    by_lang: Vec<(String, Titles)>,
}

/// One language's archive titles.
pub struct Titles {
    /// The archive's root (`archive-title`).
    pub root: String,
    years: HashMap<i16, String>,
    months: HashMap<(i16, i8), String>,
    /// `term-count` for each count a year or month has.
    counts: HashMap<usize, String>,
}

impl Titles {
    pub fn year(&self, year: i16) -> Option<&str> {
        self.years.get(&year).map(String::as_str)
    }

    pub fn month(&self, year: i16, month: i8) -> Option<&str> {
        self.months.get(&(year, month)).map(String::as_str)
    }

    pub fn count(&self, count: usize) -> Option<&str> {
        self.counts.get(&count).map(String::as_str)
    }
}

impl ArchiveTitles {
    pub fn new(library: &Library, i18n: &I18n, dates: &DateFormats) -> ArchiveTitles {
        let by_lang = library
            .languages
            .iter()
            .filter_map(|l| Some((l.code.as_str(), l.archive.as_ref()?)))
            .map(|(lang, archive)| {
                let mut titles = Titles {
                    root: root_title(i18n, lang),
                    years: HashMap::new(),
                    months: HashMap::new(),
                    // The root's count: it lists no articles of its own.
                    counts: HashMap::from([(0, count_title(i18n, lang, 0))]),
                };
                for year in &archive.years {
                    titles
                        .years
                        .insert(year.year, year_title(i18n, lang, year.year));
                    let count = year.dated.articles.len();
                    titles
                        .counts
                        .entry(count)
                        .or_insert_with(|| count_title(i18n, lang, count));
                    for month in &year.dated.parts {
                        titles.months.insert(
                            (year.year, month.month),
                            month_title(i18n, dates, lang, year.year, month.month),
                        );
                        let count = month.dated.articles.len();
                        titles
                            .counts
                            .entry(count)
                            .or_insert_with(|| count_title(i18n, lang, count));
                    }
                }
                (lang.to_string(), titles)
            })
            .collect();
        ArchiveTitles { by_lang }
    }

    /// The titles of `lang`, when it has an archive.
    pub fn of(&self, lang: &str) -> Option<&Titles> {
        self.by_lang
            .iter()
            .find(|(code, _)| code == lang)
            .map(|(_, titles)| titles)
    }
}

/// The archive's root title (`archive-title`).
pub fn root_title(i18n: &I18n, lang: &str) -> String {
    i18n.translate(lang, "archive-title", None)
        .unwrap_or_else(|| "Archive".into())
}

/// `count` in words (`term-count`), as the template's `t(key="term-count", count=…)`
/// writes it (a number argument).
pub fn count_title(i18n: &I18n, lang: &str, count: usize) -> String {
    let mut args = FluentArgs::new();
    args.set("count", FluentValue::from(count as f64));
    i18n.translate(lang, "term-count", Some(&args))
        .unwrap_or_else(|| count.to_string())
}

/// A month in words (`archive-month`: the CLDR month name and the year).
pub fn month_title(i18n: &I18n, dates: &DateFormats, lang: &str, year: i16, month: i8) -> String {
    let name = dates.names(lang).months[(month - 1) as usize].clone();
    let mut args = FluentArgs::new();
    // Strings, not numbers: a year is never written with a thousands separator.
    args.set("year", FluentValue::from(year.to_string()));
    args.set("month", FluentValue::from(name.clone()));
    i18n.translate(lang, "archive-month", Some(&args))
        .unwrap_or_else(|| format!("{name} {year}"))
}

/// A year in words (`archive-year`).
pub fn year_title(i18n: &I18n, lang: &str, year: i16) -> String {
    let mut args = FluentArgs::new();
    args.set("year", FluentValue::from(year.to_string()));
    i18n.translate(lang, "archive-year", Some(&args))
        .unwrap_or_else(|| year.to_string())
}
