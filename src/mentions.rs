//! Finding mentions of official documents in a run of text: `Kế hoạch số 127-KH/TU`,
//! `Plan No. 127-KH/TU`, `ແຜນການເລກທີ 127-KH/TU`, as each language's pattern in
//! `documents.mentions` writes them, with the kind names of the interface strings
//! (`document-kind-KEY`), and the date written right after a mention. Pure: whether a
//! number is registered is the caller's question.

use std::ops::Range;

use regex::Regex;

use crate::config::{Config, DocumentSettings, kind_key};
use crate::content::hash64;
use crate::i18n::I18n;

/// The mention patterns of every language, compiled.
#[derive(Debug, Default)]
pub struct MentionFinder {
    /// In `languages` order.
    languages: Vec<(String, LanguageFinder)>,
    /// Changes when a pattern or a kind's name does: bodies depend on it.
    pub revision: u64,
    /// The registry's settings (kinds and their codes), when the site has one.
    pub settings: Option<DocumentSettings>,
}

/// One language's pattern.
#[derive(Debug)]
pub struct LanguageFinder {
    mention: Regex,
    date: Regex,
    /// Kind names in lower case, with their index in the settings' kinds.
    kinds: Vec<(String, usize)>,
    /// Kind names as the interface strings write them, by kind index.
    names: Vec<(usize, String)>,
}

/// A mention found in a text, by byte ranges into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The whole mention: kind word, the pattern's words and the number.
    pub range: Range<usize>,
    pub number: Range<usize>,
    /// The kind word as written and the kind it names; `None` when the pattern has no
    /// `{kind}`.
    pub kind: Option<(Range<usize>, usize)>,
    /// A date written right after the mention (`ngày 02/11/2023`, `dated 2 November
    /// 2023`, `2023-11-02`).
    pub date: Option<(Range<usize>, jiff::civil::Date)>,
}

const ENGLISH_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The words that introduce a date after a mention, per language.
fn date_lead(lang: &str) -> &'static str {
    match lang {
        "vi" => r"(?:ban\s+hành\s+)?ngày",
        "lo" => r"(?:ລົງ)?ວັນທີ",
        _ => r"(?:dated|of|issued(?:\s+on)?|on)",
    }
}

/// Dates as each language writes them after a mention: `ngày 02/11/2023` or `ngày 2
/// tháng 11 năm 2023` (vi), `dated 2 November 2023`, `dated November 2, 2023` (en),
/// `ລົງວັນທີ 02/11/2023` (lo), and `2023-11-02` after any language's lead word.
fn date_regex(lang: &str) -> Regex {
    let lead = date_lead(lang);
    let months = ENGLISH_MONTHS.join("|");
    let text = format!(
        r"(?i)^\s*,?\s*(?P<all>{lead}\s*(?:(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})|(?P<d>\d{{1,2}})\s*[/.\-]\s*(?P<m>\d{{1,2}})\s*[/.\-]\s*(?P<y>\d{{4}})|(?P<vd>\d{{1,2}})\s+tháng\s+(?P<vm>\d{{1,2}})\s+năm\s+(?P<vy>\d{{4}})|(?P<ed>\d{{1,2}})\s+(?P<em>{months})\s+(?P<ey>\d{{4}})|(?P<em2>{months})\s+(?P<ed2>\d{{1,2}}),?\s+(?P<ey2>\d{{4}})))"
    );
    Regex::new(&text).expect("the date pattern is valid")
}

/// The shape of a document number: digits first, then letters and digits in groups
/// joined by `/` or `-`, at least one of them (`127-KH/TU`, `30/2022/QĐ-UBND`).
const NUMBER: &str = r"\d[\p{L}\p{N}]*(?:[/\-][\p{L}\p{N}]+)+";

impl LanguageFinder {
    /// Compiles `pattern` (`{kind} số {number}`) with the kinds' names in the language.
    pub fn new(lang: &str, pattern: &str, kind_names: &[(String, usize)]) -> LanguageFinder {
        let mut names: Vec<&(String, usize)> =
            kind_names.iter().filter(|(n, _)| !n.is_empty()).collect();
        // The longest first: one name may begin another.
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        let kinds_alternation = names
            .iter()
            .map(|(n, _)| words(n))
            .collect::<Vec<_>>()
            .join("|");
        let mut text = String::from("(?i)");
        let mut rest = pattern;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix("{kind}") {
                if kinds_alternation.is_empty() {
                    text.push_str("(?P<kind>[^\\s\\S])");
                } else {
                    text.push_str(&format!("(?P<kind>{kinds_alternation})"));
                }
                rest = after;
            } else if let Some(after) = rest.strip_prefix("{number}") {
                text.push_str(&format!("(?P<number>{NUMBER})"));
                rest = after;
            } else {
                let first = rest.chars().next().map_or(1, char::len_utf8);
                let next = rest[first..].find('{').map_or(rest.len(), |i| i + first);
                text.push_str(&words(&rest[..next]));
                rest = &rest[next..];
            }
        }
        LanguageFinder {
            mention: Regex::new(&text).expect("escaped literals make a valid pattern"),
            date: date_regex(lang),
            kinds: names.iter().map(|(n, k)| (n.to_lowercase(), *k)).collect(),
            names: kind_names.iter().map(|(n, k)| (*k, n.clone())).collect(),
        }
    }

    /// The name of kind `index` in this language, as its interface string writes it.
    pub fn kind_name(&self, index: usize) -> Option<&str> {
        self.names
            .iter()
            .find(|(k, _)| *k == index)
            .map(|(_, n)| n.as_str())
    }

    /// Every mention in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        for captures in self.mention.captures_iter(text) {
            let whole = captures.get(0).expect("group 0 is the match");
            // A mention starts a word, except in Lao, which writes words together.
            let before = text[..whole.start()].chars().next_back();
            let first = whole.as_str().chars().next();
            if let (Some(b), Some(f)) = (before, first)
                && b.is_alphanumeric()
                && !is_lao(b)
                && !is_lao(f)
            {
                continue;
            }
            let number = captures.name("number").expect("patterns have a number");
            let kind = captures.name("kind").and_then(|k| {
                let written = collapse(k.as_str()).to_lowercase();
                self.kinds
                    .iter()
                    .find(|(name, _)| collapse(name) == written)
                    .map(|(_, index)| (k.range(), *index))
            });
            let date = self.date_after(text, whole.end());
            found.push(Found {
                range: whole.range(),
                number: number.range(),
                kind,
                date,
            });
        }
        found
    }

    fn date_after(&self, text: &str, end: usize) -> Option<(Range<usize>, jiff::civil::Date)> {
        let captures = self.date.captures(&text[end..])?;
        let all = captures.name("all")?;
        let number = |name: &str| -> Option<i64> { captures.name(name)?.as_str().parse().ok() };
        let month_name = |name: &str| -> Option<i64> {
            let written = captures.name(name)?.as_str().to_lowercase();
            ENGLISH_MONTHS
                .iter()
                .position(|m| *m == written)
                .map(|i| i as i64 + 1)
        };
        let (year, month, day) = if let Some(y) = number("iy") {
            (y, number("im")?, number("id")?)
        } else if let Some(y) = number("y") {
            (y, number("m")?, number("d")?)
        } else if let Some(y) = number("vy") {
            (y, number("vm")?, number("vd")?)
        } else if let Some(y) = number("ey") {
            (y, month_name("em")?, number("ed")?)
        } else {
            (number("ey2")?, month_name("em2")?, number("ed2")?)
        };
        let date = jiff::civil::Date::new(
            i16::try_from(year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
        )
        .ok()?;
        Some((end + all.start()..end + all.end(), date))
    }
}

impl MentionFinder {
    /// The finders of every language of a site with a registry; none without one.
    pub fn new(config: &Config, i18n: &I18n) -> MentionFinder {
        let Some(settings) = &config.documents else {
            return MentionFinder::default();
        };
        let mut names_seen = Vec::new();
        let languages = settings
            .mentions
            .iter()
            .map(|(lang, pattern)| {
                let names: Vec<(String, usize)> = settings
                    .kinds
                    .iter()
                    .enumerate()
                    .filter_map(|(index, kind)| {
                        let name = i18n.translate(lang, &kind_key(&kind.key), None)?;
                        Some((crate::text::nfc(name.trim()), index))
                    })
                    .collect();
                names_seen.push((lang.clone(), pattern.clone(), names.clone()));
                (lang.clone(), LanguageFinder::new(lang, pattern, &names))
            })
            .collect();
        MentionFinder {
            languages,
            revision: hash64(&(names_seen, settings)),
            settings: Some(settings.clone()),
        }
    }

    pub fn language(&self, lang: &str) -> Option<&LanguageFinder> {
        self.languages
            .iter()
            .find(|(code, _)| code == lang)
            .map(|(_, finder)| finder)
    }
}

/// A literal of a pattern or a kind's name as a regex: characters escaped, each run of
/// spaces matching any run of white space (none in Lao, which has no spaces).
fn words(literal: &str) -> String {
    let mut out = String::new();
    let mut in_space = false;
    for c in literal.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push_str(r"\s*");
            }
            in_space = true;
        } else {
            in_space = false;
            out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
        }
    }
    out
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_lao(c: char) -> bool {
    ('\u{0E80}'..='\u{0EFF}').contains(&c)
}

/// The codes in a number: its parts between `/` and `-` (`30/2022/QĐ-UBND` → `30`,
/// `2022`, `QĐ`, `UBND`), upper case.
pub fn number_parts(number: &str) -> impl Iterator<Item = String> + '_ {
    number
        .split(['/', '-'])
        .map(|part| crate::text::nfc(part).to_uppercase())
}

/// How many single-character edits turn `a` into `b`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let old = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = old;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vi() -> LanguageFinder {
        LanguageFinder::new(
            "vi",
            "{kind} số {number}",
            &[
                ("Kế hoạch".into(), 0),
                ("Kết luận".into(), 1),
                ("Quyết định".into(), 2),
            ],
        )
    }

    fn texts<'t>(text: &'t str, found: &[Found]) -> Vec<(&'t str, &'t str)> {
        found
            .iter()
            .map(|f| (&text[f.range.clone()], &text[f.number.clone()]))
            .collect()
    }

    #[test]
    fn vietnamese_mentions_in_any_case() {
        let text =
            "Theo Kế hoạch số 127-KH/TU và quyết định số 30/2022/QĐ-UBND, cùng Kết luận số 5.";
        let found = vi().find(text);
        assert_eq!(
            texts(text, &found),
            [
                ("Kế hoạch số 127-KH/TU", "127-KH/TU"),
                ("quyết định số 30/2022/QĐ-UBND", "30/2022/QĐ-UBND")
            ]
        );
        assert_eq!(found[0].kind.as_ref().map(|k| k.1), Some(0));
        assert_eq!(found[1].kind.as_ref().map(|k| k.1), Some(2));
    }

    #[test]
    fn a_mention_starts_a_word() {
        assert!(vi().find("XKế hoạch số 127-KH/TU").is_empty());
    }

    #[test]
    fn dates_after_mentions() {
        let finder = vi();
        let text =
            "Kế hoạch số 127-KH/TU ngày 02/11/2023 và Kết luận số 1-KL/TU ngày 3 tháng 4 năm 2024";
        let found = finder.find(text);
        let dates: Vec<String> = found
            .iter()
            .map(|f| f.date.as_ref().unwrap().1.to_string())
            .collect();
        assert_eq!(dates, ["2023-11-02", "2024-04-03"]);
        let en = LanguageFinder::new("en", "{kind} No. {number}", &[("Plan".into(), 0)]);
        let text = "Plan No. 127-KH/TU dated 2 November 2023; plan no. 1-KH/TU, dated 2023-11-03.";
        let found = en.find(text);
        let dates: Vec<String> = found
            .iter()
            .map(|f| f.date.as_ref().unwrap().1.to_string())
            .collect();
        assert_eq!(dates, ["2023-11-02", "2023-11-03"]);
    }

    #[test]
    fn lao_writes_words_together() {
        let lo = LanguageFinder::new("lo", "{kind} ເລກທີ {number}", &[("ແຜນການ".into(), 0)]);
        let text = "ຕາມແຜນການເລກທີ 127-KH/TU ລົງວັນທີ 02/11/2023 ຂອງ";
        let found = lo.find(text);
        assert_eq!(texts(text, &found), [("ແຜນການເລກທີ 127-KH/TU", "127-KH/TU")]);
        assert_eq!(found[0].date.as_ref().unwrap().1.to_string(), "2023-11-02");
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("127-KH/TU", "127-KH/TU"), 0);
        assert_eq!(edit_distance("172-KH/TU", "127-KH/TU"), 2);
        assert_eq!(edit_distance("128-KH/TU", "127-KH/TU"), 1);
    }
}
