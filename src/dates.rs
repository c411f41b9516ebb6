//! Dates written for readers in each language, from CLDR data (ICU4X), Gregorian years.

use std::collections::HashMap;

use icu::calendar::{Date, Gregorian};
use icu::datetime::FixedCalendarDateTimeFormatter;
use icu::datetime::fieldsets::{E, YMD};
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
        LanguageFormatters {
            weekday: FixedCalendarDateTimeFormatter::try_new(prefs(), E::long()).unwrap_or_else(
                |_| {
                    FixedCalendarDateTimeFormatter::try_new(Default::default(), E::long())
                        .expect("root locale data is compiled in")
                },
            ),
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
    fn iso_and_unknown_languages() {
        assert_eq!(formats().format("vi", day(), DateStyle::Iso), "2023-12-08");
        assert_eq!(formats().format("xx", day(), DateStyle::Long), "2023-12-08");
    }
}
