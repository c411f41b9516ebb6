//! Dates written for readers in each language, from CLDR data (ICU4X), Gregorian years.

use std::collections::HashMap;

use icu::calendar::{Date, Gregorian};
use icu::datetime::FixedCalendarDateTimeFormatter;
use icu::datetime::fieldsets::{E, M, YMD};
use icu::locale::Locale;

/// How much of a date to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `Thứ Sáu, 08/12/2023`, `Friday, 8 December 2023`, `ວັນສຸກ, 8 ທັນວາ 2023`.
    Long,
    /// `08/12/2023`, `8 Dec 2023`.
    Short,
    /// `2023-12-08`, for machines.
    Iso,
}

struct LanguageFormatters {
    weekday: FixedCalendarDateTimeFormatter<Gregorian, E>,
    long: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    short: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    /// Month and weekday names for calendars, made once: they never change.
    names: CalendarNames,
}

/// A language's month and weekday names as calendars show them (CLDR, standalone forms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarNames {
    /// January first: `Tháng 8`, `August`, `ສິງຫາ`.
    pub months: [String; 12],
    /// Monday first, as the week starts in a calendar: (short, full) — `T2`/`Thứ Hai`,
    /// `Mon`/`Monday`, `ຈ.`/`ວັນຈັນ`.
    pub weekdays: [(String, String); 7],
}

/// Formatters for each site language, made once and shared by every render thread.
pub struct DateFormats {
    by_lang: HashMap<String, LanguageFormatters>,
}

/// The CLDR locale whose conventions match what readers of a site language expect.
fn locale_for(lang: &str) -> Locale {
    // International English readers of a South-East Asian portal expect day-month-year.
    let tag = match lang {
        "en" => "en-GB",
        other => other,
    };
    tag.parse()
        .unwrap_or_else(|_| "und".parse().expect("und is a valid locale"))
}

impl DateFormats {
    pub fn new<'a>(languages: impl IntoIterator<Item = &'a str>) -> DateFormats {
        let by_lang = languages
            .into_iter()
            .map(|lang| (lang.to_string(), LanguageFormatters::new(lang)))
            .collect();
        DateFormats { by_lang }
    }

    /// Formats a civil date for readers of `lang`. Unknown languages get ISO dates.
    pub fn format(&self, lang: &str, date: jiff::civil::Date, style: DateStyle) -> String {
        let iso = || format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day());
        if style == DateStyle::Iso {
            return iso();
        }
        let (Some(formatters), Ok(icu_date)) = (
            self.by_lang.get(lang),
            Date::try_new_gregorian(date.year().into(), date.month() as u8, date.day() as u8),
        ) else {
            return iso();
        };
        match style {
            DateStyle::Short => formatters.short.format(&icu_date).to_string(),
            DateStyle::Long => {
                let weekday = formatters.weekday.format(&icu_date).to_string();
                let day = formatters.long.format(&icu_date).to_string();
                format!("{}, {day}", capitalize_first(&weekday))
            }
            DateStyle::Iso => unreachable!("handled above"),
        }
    }

    /// The month and weekday names of `lang`; English ones for a language without data.
    pub fn names(&self, lang: &str) -> &CalendarNames {
        static ROOT: std::sync::OnceLock<CalendarNames> = std::sync::OnceLock::new();
        match self.by_lang.get(lang) {
            Some(formatters) => &formatters.names,
            None => ROOT.get_or_init(|| LanguageFormatters::new("en").names),
        }
    }
}

impl LanguageFormatters {
    fn new(lang: &str) -> LanguageFormatters {
        let locale = locale_for(lang);
        let prefs = || (&locale).into();
        // Vietnamese readers write the long form with numbers: Thứ Sáu, 08/12/2023.
        let long_fields = if lang == "vi" {
            YMD::short()
        } else {
            YMD::long()
        };
        let short_fields = if lang == "vi" {
            YMD::short()
        } else {
            YMD::medium()
        };
        let fallback = |fields: YMD| {
            FixedCalendarDateTimeFormatter::try_new(Default::default(), fields)
                .expect("root locale data is compiled in")
        };
        let weekday = |length: E| {
            FixedCalendarDateTimeFormatter::try_new(prefs(), length).unwrap_or_else(|_| {
                FixedCalendarDateTimeFormatter::try_new(Default::default(), length)
                    .expect("root locale data is compiled in")
            })
        };
        let month = FixedCalendarDateTimeFormatter::<Gregorian, M>::try_new(prefs(), M::long())
            .unwrap_or_else(|_| {
                FixedCalendarDateTimeFormatter::try_new(Default::default(), M::long())
                    .expect("root locale data is compiled in")
            });
        let (short_weekday, long_weekday) = (weekday(E::short()), weekday(E::long()));
        let day = |month: u8, day: u8| {
            Date::try_new_gregorian(2024, month, day).expect("a real day of 2024")
        };
        let names = CalendarNames {
            months: std::array::from_fn(|i| {
                capitalize_first(&month.format(&day(i as u8 + 1, 1)).to_string())
            }),
            // 1 January 2024 was a Monday.
            weekdays: std::array::from_fn(|i| {
                let date = day(1, i as u8 + 1);
                (
                    capitalize_first(&short_weekday.format(&date).to_string()),
                    capitalize_first(&long_weekday.format(&date).to_string()),
                )
            }),
        };
        LanguageFormatters {
            names,
            weekday: weekday(E::long()),
            long: FixedCalendarDateTimeFormatter::try_new(prefs(), long_fields)
                .unwrap_or_else(|_| fallback(long_fields)),
            short: FixedCalendarDateTimeFormatter::try_new(prefs(), short_fields)
                .unwrap_or_else(|_| fallback(short_fields)),
        }
    }
}

/// Vietnamese CLDR weekdays are "thứ Sáu" in running text; a date line starts a phrase.
fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formats() -> DateFormats {
        DateFormats::new(["vi", "en", "lo"])
    }

    fn day() -> jiff::civil::Date {
        jiff::civil::date(2023, 12, 8)
    }

    #[test]
    fn vietnamese_long_date() {
        assert_eq!(
            formats().format("vi", day(), DateStyle::Long),
            "Thứ Sáu, 08/12/2023"
        );
    }

    #[test]
    fn english_long_date() {
        assert_eq!(
            formats().format("en", day(), DateStyle::Long),
            "Friday, 8 December 2023"
        );
    }

    #[test]
    fn lao_long_date_uses_lao_names_and_gregorian_year() {
        let text = formats().format("lo", day(), DateStyle::Long);
        assert!(text.contains("ສຸກ"), "weekday Friday in Lao: {text}");
        assert!(text.contains("ທັນວາ"), "month December in Lao: {text}");
        assert!(text.contains("2023"), "Gregorian year: {text}");
    }

    #[test]
    fn calendar_names_in_each_language() {
        let formats = formats();
        let vi = formats.names("vi");
        assert_eq!(vi.months[7], "Tháng 8");
        assert_eq!(vi.weekdays[0].1, "Thứ Hai");
        assert_eq!(vi.weekdays[6].1, "Chủ Nhật");
        let en = formats.names("en");
        assert_eq!(en.months[7], "August");
        assert_eq!(en.weekdays[0], ("Mon".to_string(), "Monday".to_string()));
        let lo = formats.names("lo");
        assert_eq!(lo.months[7], "ສິງຫາ");
        assert!(
            lo.weekdays[4].1.contains("ສຸກ"),
            "Friday in Lao: {:?}",
            lo.weekdays
        );
    }

    #[test]
    fn iso_and_unknown_languages() {
        assert_eq!(formats().format("vi", day(), DateStyle::Iso), "2023-12-08");
        assert_eq!(formats().format("xx", day(), DateStyle::Long), "2023-12-08");
    }
}
