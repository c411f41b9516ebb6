//! Front matter: splitting it from the body, the raw YAML mirror, and the validated `Meta`.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::document::{DocumentMeta, RawDocument, resolve_document};
use crate::diagnostics::Diagnostic;
use crate::text::nfc;
use crate::yaml;

const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    "description",
    "slug",
    "categories",
    "tags",
    "cover",
    "author",
    "source",
    "translation_key",
    "source_hash",
    "aliases",
    "draft",
    "weight",
    "template",
    "document",
    "extra",
];

const DATE_HINT: &str = "dates look like 2024-05-01 or 2024-05-01T09:30:00+07:00";

#[derive(Debug, Deserialize)]
struct RawMeta {
    title: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    updated: Option<Spanned<String>>,
    summary: Option<String>,
    description: Option<String>,
    slug: Option<Spanned<String>>,
    #[serde(default)]
    categories: Vec<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    cover: Option<Spanned<RawCover>>,
    author: Option<String>,
    source: Option<String>,
    translation_key: Option<String>,
    source_hash: Option<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    weight: i64,
    template: Option<Spanned<String>>,
    document: Option<Spanned<RawDocument>>,
    extra: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCover {
    src: Spanned<String>,
    alt: Option<String>,
    caption: Option<String>,
    focus: Option<[f32; 2]>,
}

/// A date as the editor wrote it: an instant plus the offset to show it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageDate {
    pub instant: jiff::Timestamp,
    pub offset: jiff::tz::Offset,
}

impl PageDate {
    /// The civil date and time where it was written, for readers.
    pub fn civil(&self) -> jiff::civil::DateTime {
        self.offset.to_datetime(self.instant)
    }

    /// RFC 3339 with the offset, as feeds and `<time datetime>` want it.
    pub fn rfc3339(&self) -> String {
        let civil = self.civil();
        let seconds = self.offset.seconds();
        let sign = if seconds < 0 { '-' } else { '+' };
        let seconds = seconds.abs();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            civil.year(),
            civil.month(),
            civil.day(),
            civil.hour(),
            civil.minute(),
            civil.second(),
            seconds / 3600,
            (seconds % 3600) / 60
        )
    }
}

impl PartialOrd for PageDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PageDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.instant.cmp(&other.instant)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub src: String,
    /// Line and column of `src`, for "image not found" diagnostics.
    pub line: usize,
    pub column: usize,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub focus: Option<[f32; 2]>,
}

/// A line and column in the whole file, 1-based.
pub type At = (usize, usize);

/// Where the fields that give a page its addresses were written, so that two pages
/// claiming one address can be pointed at the very line of each claim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Positions {
    pub slug: Option<At>,
    /// One per entry of `Meta::aliases`, in order.
    pub aliases: Vec<At>,
    /// One per entry of `Meta::categories` (after cleaning), in order.
    pub categories: Vec<At>,
    /// One per entry of `Meta::tags` (after cleaning), in order.
    pub tags: Vec<At>,
}

/// Validated front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub title: String,
    pub date: Option<PageDate>,
    pub updated: Option<PageDate>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub slug: Option<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub cover: Option<Cover>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub translation_key: Option<String>,
    pub source_hash: Option<String>,
    pub aliases: Vec<String>,
    pub draft: bool,
    pub weight: i64,
    pub template: Option<String>,
    /// An official document's `document:` block.
    pub document: Option<DocumentMeta>,
    pub extra: serde_json::Value,
    pub positions: Positions,
}

/// A Markdown file split into its parts.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub meta: Meta,
    pub body: String,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
}

/// What a file's role asks of its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirements {
    /// Articles in a section: `title` and `date`.
    Article,
    /// Section pages, homes and single pages: `title` only.
    TitleOnly,
}

/// Splits and validates a Markdown file's text (already NFC). `file` names it in
/// diagnostics; `timezone` applies to dates written without an offset.
pub fn parse(
    text: &str,
    file: &Path,
    requirements: Requirements,
    timezone: jiff::tz::Offset,
) -> Result<Parsed, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error(file, "the file is empty")
                .at(1, 1)
                .with_hint("start it with front matter: ---, title: \"…\", ---"),
        ]);
    }
    let Some(first) = text.lines().next() else {
        unreachable!("non-empty text has a first line")
    };
    if first.trim_end() != "---" {
        return Err(vec![
            Diagnostic::error(file, "the file does not start with front matter")
                .at(1, 1)
                .with_hint(
                    "put a line `---` first, then title: \"…\" and the other fields, then `---`",
                ),
        ]);
    }
    let after_open = first.len() + line_ending_len(&text[first.len()..]);
    let mut offset = after_open;
    let mut close = None;
    for (line, raw_line) in (2..).zip(text[after_open..].split_inclusive('\n')) {
        if raw_line.trim_end() == "---" {
            close = Some((offset, offset + raw_line.len(), line));
            break;
        }
        offset += raw_line.len();
    }
    let Some((yaml_end, body_start, close_line)) = close else {
        return Err(vec![
            Diagnostic::error(file, "the front matter never closes")
                .at(1, 1)
                .with_hint("add a line `---` after the last front matter field"),
        ]);
    };
    let yaml_text = &text[after_open..yaml_end];
    // Every problem of the file in one run: the keys whose values do not read are left
    // out, and the rest is checked as if they were not there.
    let yaml::Parsed {
        value,
        mut problems,
        left_out,
    } = yaml::parse_collecting::<RawMeta>(yaml_text, file, 2, KNOWN_KEYS);
    let Some(raw) = value else {
        return Err(problems);
    };
    match resolve(raw, file, requirements, timezone) {
        Ok(meta) if problems.is_empty() => Ok(Parsed {
            meta,
            body: text[body_start..].to_string(),
            body_line: close_line + 1,
        }),
        Ok(_) => Err(problems),
        Err(more) => {
            // A key left out is not missing: its problem is reported already.
            problems.extend(more.into_iter().filter(|problem| {
                !left_out
                    .iter()
                    .any(|key| problem.message == format!("missing required field `{key}`"))
            }));
            problems.sort_by_key(|p| (p.line, p.column));
            Err(problems)
        }
    }
}

fn line_ending_len(rest: &str) -> usize {
    if rest.starts_with("\r\n") {
        2
    } else {
        usize::from(rest.starts_with('\n'))
    }
}

/// Raw front matter → `Meta`: every field destructured, so that a new one cannot be
/// forgotten; each field's check is its own step below. All problems of the file are
/// reported together, in the order of the fields here.
fn resolve(
    raw: RawMeta,
    file: &Path,
    requirements: Requirements,
    timezone: jiff::tz::Offset,
) -> Result<Meta, Vec<Diagnostic>> {
    let RawMeta {
        title,
        date,
        updated,
        summary,
        description,
        slug,
        categories,
        tags,
        cover,
        author,
        source,
        translation_key,
        source_hash,
        aliases,
        draft,
        weight,
        template,
        document,
        extra,
    } = raw;
    let mut problems = Vec::new();
    let title = resolve_title(title, file, &mut problems);
    let document_given = document.is_some();
    let document = document.and_then(|block| resolve_document(block, file, &mut problems));
    // A document is dated by its `issued` date unless `date` says otherwise.
    let requirements = if document_given {
        Requirements::TitleOnly
    } else {
        requirements
    };
    let (date, updated) = resolve_dates(date, updated, file, requirements, timezone, &mut problems);
    let date = date.or_else(|| {
        let issued = document.as_ref()?.issued.value;
        let instant = timezone.to_timestamp(issued.to_datetime(jiff::civil::Time::midnight()));
        Some(PageDate {
            instant: instant.ok()?,
            offset: timezone,
        })
    });
    let (slug, slug_at) = resolve_slug(slug, file, &mut problems);
    let cover = cover.map(|cover| resolve_cover(cover.value));
    let (aliases, alias_positions) = resolve_aliases(aliases, file, &mut problems);
    let template = template.map(|template| nfc(&template.value));

    if !problems.is_empty() {
        return Err(problems);
    }
    let (categories, category_positions) = clean_list(categories);
    let (tags, tag_positions) = clean_list(tags);
    Ok(Meta {
        title,
        date,
        updated,
        summary: summary.map(|s| nfc(s.trim())).filter(|s| !s.is_empty()),
        description: description.map(|s| nfc(s.trim())).filter(|s| !s.is_empty()),
        slug,
        categories,
        tags,
        cover,
        author: author.map(|s| nfc(&s)),
        source: source.map(|s| nfc(&s)),
        translation_key: translation_key.map(|s| nfc(s.trim())),
        source_hash: source_hash.map(|s| s.trim().to_string()),
        aliases,
        draft,
        weight,
        template,
        document,
        extra: extra.unwrap_or(serde_json::Value::Object(Default::default())),
        positions: Positions {
            slug: slug_at,
            aliases: alias_positions,
            categories: category_positions,
            tags: tag_positions,
        },
    })
}

/// Where a value was written, as a line and column of the whole file.
fn at<T>(spanned: &Spanned<T>) -> At {
    // Front matter starts on line 2 of the file; serde-saphyr counts from 1.
    (
        spanned.referenced.line() as usize + 1,
        spanned.referenced.column() as usize,
    )
}

fn resolve_title(
    title: Option<Spanned<String>>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> String {
    match title {
        Some(title) if !title.value.trim().is_empty() => nfc(title.value.trim()),
        Some(title) => {
            let (line, column) = at(&title);
            problems.push(
                Diagnostic::error(file, "the title is empty")
                    .at(line, column)
                    .with_hint("give the page a title: title: \"…\""),
            );
            String::new()
        }
        None => {
            problems.push(
                Diagnostic::error(file, "missing required field `title`")
                    .at(2, 1)
                    .with_hint("add a line title: \"…\" to the front matter"),
            );
            String::new()
        }
    }
}

/// `date` and `updated`; an article without a `date` is reported after both are read.
fn resolve_dates(
    date: Option<Spanned<String>>,
    updated: Option<Spanned<String>>,
    file: &Path,
    requirements: Requirements,
    timezone: jiff::tz::Offset,
    problems: &mut Vec<Diagnostic>,
) -> (Option<PageDate>, Option<PageDate>) {
    let date_given = date.is_some();
    let date = read_date("date", date, file, timezone, problems);
    let updated = read_date("updated", updated, file, timezone, problems);
    if requirements == Requirements::Article && !date_given {
        problems.push(
            Diagnostic::error(file, "missing required field `date`")
                .at(2, 1)
                .with_hint(format!("articles need a date; {DATE_HINT}")),
        );
    }
    (date, updated)
}

fn read_date(
    field: &str,
    value: Option<Spanned<String>>,
    file: &Path,
    timezone: jiff::tz::Offset,
    problems: &mut Vec<Diagnostic>,
) -> Option<PageDate> {
    let spanned = value?;
    match parse_date(&spanned.value, timezone) {
        Some(date) => Some(date),
        None => {
            let (line, column) = at(&spanned);
            problems.push(
                Diagnostic::error(file, format!("`{}` is not a date ({field})", spanned.value))
                    .at(line, column)
                    .with_hint(DATE_HINT),
            );
            None
        }
    }
}

/// The slug, if it is one URL segment, and where it was written (kept even when it is
/// not, for the position of an address claim).
fn resolve_slug(
    slug: Option<Spanned<String>>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> (Option<String>, Option<At>) {
    let slug_at = slug.as_ref().map(at);
    let slug = slug.and_then(|slug| {
        let value = nfc(slug.value.trim());
        if value.is_empty()
            || value.contains(['/', '\\', '?', '#'])
            || value == "."
            || value == ".."
        {
            let (line, column) = at(&slug);
            problems.push(
                Diagnostic::error(file, format!("`{}` cannot be used as a slug", slug.value))
                    .at(line, column)
                    .with_hint("a slug is one URL segment: letters, digits and -"),
            );
            None
        } else {
            Some(value)
        }
    });
    (slug, slug_at)
}

fn resolve_cover(cover: RawCover) -> Cover {
    let RawCover {
        src,
        alt,
        caption,
        focus,
    } = cover;
    let (line, column) = at(&src);
    Cover {
        src: nfc(src.value.trim()),
        line,
        column,
        alt: alt.map(|alt| nfc(&alt)),
        caption: caption.map(|caption| nfc(&caption)),
        focus,
    }
}

/// Aliases that are site paths, each with its position; the others are problems.
fn resolve_aliases(
    aliases: Vec<Spanned<String>>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<String>, Vec<At>) {
    aliases
        .into_iter()
        .filter_map(|alias| {
            if alias.value.starts_with('/') && !alias.value.contains("..") {
                Some((nfc(&alias.value), at(&alias)))
            } else {
                let (line, column) = at(&alias);
                problems.push(
                    Diagnostic::error(file, format!("alias `{}` is not a site path", alias.value))
                        .at(line, column)
                        .with_hint(
                            "write old addresses from the site root: \"/tin-tuc/12345.html\"",
                        ),
                );
                None
            }
        })
        .unzip()
}

/// Categories or tags: trimmed, empty ones and repeats dropped, each kept with the
/// position of its first mention.
fn clean_list(list: Vec<Spanned<String>>) -> (Vec<String>, Vec<At>) {
    let mut seen = Vec::new();
    let mut positions = Vec::new();
    for item in list {
        let value = nfc(item.value.trim());
        if !value.is_empty() && !seen.contains(&value) {
            seen.push(value);
            positions.push(at(&item));
        }
    }
    (seen, positions)
}

/// Bare dates, local date-times (in the site's timezone) and date-times with an offset.
pub fn parse_date(text: &str, timezone: jiff::tz::Offset) -> Option<PageDate> {
    let text = text.trim();
    if let Ok(timestamp) = text.parse::<jiff::Timestamp>() {
        // jiff keeps only the instant; recover the written offset for display.
        let offset = written_offset(text).unwrap_or(jiff::tz::Offset::UTC);
        return Some(PageDate {
            instant: timestamp,
            offset,
        });
    }
    let civil = text.parse::<jiff::civil::DateTime>().ok().or_else(|| {
        text.parse::<jiff::civil::Date>()
            .ok()
            .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
    })?;
    let instant = timezone.to_timestamp(civil).ok()?;
    Some(PageDate {
        instant,
        offset: timezone,
    })
}

fn written_offset(text: &str) -> Option<jiff::tz::Offset> {
    if text.ends_with(['Z', 'z']) {
        return Some(jiff::tz::Offset::UTC);
    }
    let tail = &text[text.len().checked_sub(6)?..];
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i32 = tail.get(1..3)?.parse().ok()?;
    let minutes: i32 = tail.get(4..6)?.parse().ok()?;
    jiff::tz::Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> jiff::tz::Offset {
        jiff::tz::Offset::constant(7)
    }

    fn parse_ok(text: &str) -> Parsed {
        parse(text, Path::new("a.vi.md"), Requirements::Article, tz()).unwrap()
    }

    fn parse_err(text: &str) -> Vec<Diagnostic> {
        parse(text, Path::new("a.vi.md"), Requirements::Article, tz()).unwrap_err()
    }

    #[test]
    fn reads_the_contract_example() {
        let text = "---\ntitle: \"Lễ kết nghĩa\"\ndate: 2023-11-22T09:30:00+07:00\nupdated: 2023-11-23\ncategories: [\"Biên giới\"]\ntags: [\"kết nghĩa\", \"kết nghĩa\"]\ncover: { src: a.jpg, alt: \"x\", caption: \"y\" }\naliases: [\"/tin-tuc/1.html\"]\nextra: { anything: [1, 2] }\n---\nBody *here*.\n";
        let parsed = parse_ok(text);
        assert_eq!(parsed.meta.title, "Lễ kết nghĩa");
        assert_eq!(parsed.body, "Body *here*.\n");
        assert_eq!(parsed.body_line, 11);
        let date = parsed.meta.date.unwrap();
        assert_eq!(date.rfc3339(), "2023-11-22T09:30:00+07:00");
        assert_eq!(
            parsed.meta.updated.unwrap().rfc3339(),
            "2023-11-23T00:00:00+07:00"
        );
        assert_eq!(parsed.meta.tags, ["kết nghĩa"]);
        assert_eq!(parsed.meta.cover.unwrap().line, 7);
        let positions = &parsed.meta.positions;
        assert_eq!(positions.categories, [(5, 14)]);
        assert_eq!(
            positions.tags,
            [(6, 8)],
            "one position per tag left after cleaning"
        );
        assert_eq!(positions.aliases, [(8, 11)]);
        assert_eq!(positions.slug, None);
        assert_eq!(parsed.meta.extra["anything"][1], 2);
    }

    #[test]
    fn hashes_that_look_like_numbers_stay_text() {
        for hash in ["12e45678", "12345678", "0x1f"] {
            let text = format!("---\ntitle: a\ndate: 2024-01-01\nsource_hash: {hash}\n---\n");
            assert_eq!(parse_ok(&text).meta.source_hash.as_deref(), Some(hash));
        }
    }

    #[test]
    fn dates_keep_their_written_offset() {
        let date = parse_date("2024-01-31T23:30:00Z", tz()).unwrap();
        assert_eq!(date.rfc3339(), "2024-01-31T23:30:00+00:00");
        let date = parse_date("2024-01-31T08:00:00", tz()).unwrap();
        assert_eq!(date.rfc3339(), "2024-01-31T08:00:00+07:00");
        assert!(parse_date("31/01/2024", tz()).is_none());
        assert!(parse_date("2024-02-30", tz()).is_none());
    }

    #[test]
    fn every_problem_of_a_file_is_reported() {
        let errors = parse_err("---\ntittle: a\ncolour: b\n---\n");
        let said: Vec<(usize, &str)> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].hint.as_deref(), Some("did you mean `title`?"));
        assert!(said.contains(&(3, "unknown key `colour`")), "{said:?}");
        // Without those two keys, the file has neither a title nor a date.
        assert!(
            said.iter()
                .any(|(_, m)| *m == "missing required field `title`")
        );
        assert!(
            said.iter()
                .any(|(_, m)| *m == "missing required field `date`")
        );
        assert_eq!(errors.len(), 4, "{said:?}");
    }

    #[test]
    fn bad_dates_and_missing_fields_point_at_their_lines() {
        let errors = parse_err("---\ndate: 2023-13-45\nslug: a/b\n---\n");
        let messages: Vec<(usize, &str)> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert!(
            messages.contains(&(2, "missing required field `title`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|(line, m)| *line == 2 && m.contains("is not a date"))
        );
        assert!(
            messages
                .iter()
                .any(|(line, m)| *line == 3 && m.contains("slug"))
        );
    }

    #[test]
    fn structural_errors() {
        assert!(parse_err("")[0].message.contains("empty"));
        assert!(
            parse_err("---\ntitle: a\n")[0]
                .message
                .contains("never closes")
        );
        assert!(
            parse_err("# Just markdown\n")[0]
                .message
                .contains("front matter")
        );
        let errors = parse_err("---\ntitle: a: b\ndate: 2023-01-01\n---\n");
        assert_eq!(errors[0].line, 2, "{errors:?}");
    }
}
