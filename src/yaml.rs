//! Strict YAML reading shared by `site.yaml` and front matter: every unknown key is
//! reported (not only the first), with its position and a "did you mean" hint.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, unknown_key_hint};

/// Limits against hostile input (alias bombs, absurd nesting); generous for real files.
pub(crate) fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(4 * 1024 * 1024),
            max_events: 200_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_depth: 64,
        },
        with_snippet: false,
        // Values are typed by their field, not guessed: `source_hash: 12e45678` is text.
        non_finite_float_policy: serde_saphyr::options::NonFiniteFloatPolicy::PassThrough,
    }
}

/// The keys of a top-level mapping, with where each was written.
struct KeyList(Vec<Spanned<String>>);

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = KeyList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of keys to values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyList, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(KeyList(keys))
            }
            fn visit_unit<E>(self) -> Result<KeyList, E> {
                Ok(KeyList(Vec::new()))
            }
        }
        deserializer.deserialize_map(KeyVisitor)
    }
}

/// Parses `text` (which starts at line `first_line` of `file`) into `T`, after checking
/// its top-level keys against `known`. Returns every problem found.
pub(crate) fn parse_strict<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    known: &[&str],
) -> Result<T, Vec<Diagnostic>> {
    match parse_collecting(text, file, first_line, known) {
        Parsed {
            value: Some(value),
            problems,
            ..
        } if problems.is_empty() => Ok(value),
        Parsed { problems, .. } => Err(problems),
    }
}

/// What [`parse_collecting`] made of a text.
pub(crate) struct Parsed<T> {
    /// The value of the text without the keys that had problems (their fields are then
    /// absent); `None` when even that does not read (broken syntax, a required field
    /// that had a problem).
    pub value: Option<T>,
    /// Every problem: unknown keys and each key whose value has the wrong form.
    pub problems: Vec<Diagnostic>,
    /// The keys left out of `value` for their problems.
    pub left_out: Vec<String>,
}

/// Parses like [`parse_strict`], but does not stop at the first value of the wrong form:
/// each key whose value does not read is reported and left out, and the rest is read
/// again, so an editor sees every problem of the file in one run. Syntax errors stop it
/// (the keys cannot be told apart then).
pub(crate) fn parse_collecting<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    known: &[&str],
) -> Parsed<T> {
    let mut problems = Vec::new();
    let keys = match serde_saphyr::from_str_with_options::<KeyList>(text, options()) {
        Ok(keys) => keys.0,
        Err(error) => {
            problems.push(to_diagnostic(&error, text, file, first_line));
            return Parsed {
                value: None,
                problems,
                left_out: Vec::new(),
            };
        }
    };
    let mut lines: Vec<&str> = text.split('\n').collect();
    let line_count = lines.len();
    // The lines each key's entry spans (its own line to the line before the next key).
    let starts: Vec<usize> = keys.iter().map(|k| k.referenced.line() as usize).collect();
    let span_of = |index: usize| {
        let start = starts[index];
        let end = starts
            .iter()
            .copied()
            .filter(|&line| line > start)
            .min()
            .unwrap_or(line_count + 1);
        start..end
    };
    let mut left_out = Vec::new();
    let blank = |index: usize, lines: &mut Vec<&str>, left_out: &mut Vec<String>| {
        for line in span_of(index) {
            if let Some(content) = lines.get_mut(line.wrapping_sub(1)) {
                *content = "";
            }
        }
        left_out.push(keys[index].value.clone());
    };
    for (index, key) in keys.iter().enumerate() {
        if !known.contains(&key.value.as_str()) {
            problems.push(
                Diagnostic::error(file, format!("unknown key `{}`", key.value))
                    .at(
                        key.referenced.line() as usize + first_line - 1,
                        key.referenced.column() as usize,
                    )
                    .with_hint(unknown_key_hint(&key.value, known)),
            );
            blank(index, &mut lines, &mut left_out);
        }
    }
    // Each round reads the text, and leaves out the key whose value stopped it.
    for _ in 0..=keys.len() {
        let current = lines.join("\n");
        let error = match serde_saphyr::from_str_with_options::<T>(&current, options()) {
            Ok(value) => {
                return Parsed {
                    value: Some(value),
                    problems,
                    left_out,
                };
            }
            Err(error) => error,
        };
        let diagnostic = to_diagnostic(&error, text, file, first_line);
        let missing_left_out = left_out.iter().any(|key| {
            diagnostic
                .message
                .contains(&format!("missing field `{key}`"))
        });
        if !missing_left_out {
            problems.push(diagnostic);
        }
        let line = error.location().map_or(0, |l| l.line() as usize);
        let culprit = (0..keys.len())
            .filter(|&index| !left_out.contains(&keys[index].value))
            .find(|&index| span_of(index).contains(&line));
        match culprit {
            Some(index) if !missing_left_out => blank(index, &mut lines, &mut left_out),
            _ => break,
        }
    }
    Parsed {
        value: None,
        problems,
        left_out,
    }
}

/// Turns a YAML error into a diagnostic at the right line of the whole file. An unclosed
/// `[`, `{` or quote is noticed by the parser lines later; the diagnostic points back at
/// the line that opened it.
pub(crate) fn to_diagnostic(
    error: &serde_saphyr::Error,
    text: &str,
    file: &Path,
    first_line: usize,
) -> Diagnostic {
    let bare = error.without_snippet();
    let (message, hint) = in_editors_words(clean_message(&bare.to_string()));
    let diagnostic = Diagnostic::error(file, message.clone());
    let Some(location) = error.location().filter(|l| l.line() > 0) else {
        return diagnostic.maybe_hint(hint);
    };
    let line = location.line() as usize;
    let structural = [
        "flow",
        "did not find expected",
        "illegal placement",
        "end of",
        "quoted scalar",
        "mapping values",
    ]
    .iter()
    .any(|sign| message.contains(sign));
    if let Some((open_line, column, closer)) =
        structural.then(|| unclosed_before(text, line)).flatten()
    {
        return diagnostic
            .at(open_line + first_line - 1, column)
            .with_hint(format!(
                "this `{}` is never closed: add `{closer}` at the end of the line",
                closer_opener(closer)
            ));
    }
    diagnostic
        .at(line + first_line - 1, location.column() as usize)
        .maybe_hint(hint)
}

fn closer_opener(closer: char) -> char {
    match closer {
        ']' => '[',
        '}' => '{',
        other => other,
    }
}

/// The nearest line at or before `line` (1-based, within a few lines) that opens a
/// bracket or quote it does not close, with the opener's column and the closer it needs.
fn unclosed_before(text: &str, line: usize) -> Option<(usize, usize, char)> {
    let lines: Vec<&str> = text.lines().collect();
    let last = line.min(lines.len());
    (last.saturating_sub(4).max(1)..=last)
        .rev()
        .find_map(|number| {
            let content = lines[number - 1];
            let mut stack: Vec<(usize, char)> = Vec::new();
            let mut quote: Option<(usize, char)> = None;
            for (column, c) in content.chars().enumerate() {
                match (quote, c) {
                    (Some((_, q)), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '#') if column == 0 || content.chars().nth(column - 1) == Some(' ') => {
                        break;
                    }
                    (None, '"') => quote = Some((column, '"')),
                    (None, '[') => stack.push((column, ']')),
                    (None, '{') => stack.push((column, '}')),
                    (None, ']' | '}') => {
                        stack.pop();
                    }
                    _ => {}
                }
            }
            quote
                .or_else(|| stack.first().copied())
                .map(|(column, closer)| (number, column + 1, closer))
        })
}

/// The YAML library appends its own position; ours is in the diagnostic already.
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let without_position = match first.rfind(" at line ") {
        Some(index) => &first[..index],
        None => first,
    };
    without_position.trim_end_matches([',', '.']).to_string()
}

/// The YAML library's wording said as an editor would (what was expected, not the Rust
/// type), with what to write instead when there is something to say.
fn in_editors_words(message: String) -> (String, Option<String>) {
    let integer = [
        "invalid i64",
        "invalid u64",
        "invalid u32",
        "invalid i32",
        "invalid u8",
        "invalid u16",
        "invalid usize",
    ];
    let said = |text: &str, hint: &str| (text.to_string(), Some(hint.to_string()));
    if integer.iter().any(|sign| message.contains(sign)) {
        return said(
            "expected a whole number here",
            "write the number alone, without quotes or units, like 3",
        );
    }
    if message.contains("invalid f64") || message.contains("invalid f32") {
        return said(
            "expected a number here",
            "write the number alone, without quotes or units, like 0.5",
        );
    }
    if message.contains("expected sequence start") {
        return said(
            "expected a list here",
            "write a list in brackets, even of one item: tags: [\"Biên giới\"]",
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return said(
            &format!("the key `{key}` is written twice"),
            "keep one of the two lines and delete the other",
        );
    }
    let hint = if message.contains("tabs disallowed")
        || message.contains("tab") && message.contains("indent")
    {
        Some("indent with spaces: YAML does not allow tabs there".into())
    } else if let Some((field, expected)) = unknown_field(&message) {
        Some(crate::diagnostics::unknown_key_hint(field, &expected))
    } else if message.contains("missing field") {
        Some("add the field to the front matter".into())
    } else if message.contains("mapping values are not allowed") {
        Some("text containing `: ` or starting with a quote must be quoted: title: \"A: B\"".into())
    } else if message.contains("invalid type") {
        Some("check the value's type: text, a list like [a, b], or key: value pairs".into())
    } else {
        None
    };
    (message, hint)
}

/// `unknown field `x`, expected one of `a`, `b`` (a nested mapping's key): the key and
/// the keys it may be.
fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let list = rest
        .split_once("expected one of ")
        .map(|(_, list)| list)
        .or_else(|| rest.split_once("expected ").map(|(_, one)| one))?;
    let expected = list
        .split(',')
        .map(|k| k.trim().trim_matches('`'))
        .filter(|k| !k.is_empty())
        .collect();
    Some((field, expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Sample {
        #[allow(dead_code)]
        title: String,
    }

    #[test]
    fn reports_every_unknown_key_with_positions() {
        let text = "title: a\ntittle: b\ncolour: red\n";
        let errors =
            parse_strict::<Sample>(text, Path::new("x.md"), 2, &["title", "color"]).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!((errors[0].line, errors[0].column), (3, 1));
        assert_eq!(errors[0].hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(errors[1].line, 4);
        assert_eq!(errors[1].hint.as_deref(), Some("did you mean `color`?"));
    }

    #[test]
    fn syntax_errors_carry_the_file_line() {
        let text = "title: a\n  bad: [unclosed\n";
        let errors = parse_strict::<Sample>(text, Path::new("x.md"), 2, &["title"]).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].line >= 3, "{:?}", errors[0]);
        assert!(!errors[0].message.contains(" at line "), "{:?}", errors[0]);
    }

    #[test]
    fn unclosed_brackets_point_at_their_opening_line() {
        let text = "title: a\ntags: [a, b\ndate: 2024-01-01\n";
        let errors = parse_strict::<Sample>(text, Path::new("x.md"), 2, &["title"]).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (3, 7), "{errors:?}");
        assert!(errors[0].hint.as_deref().unwrap().contains("add `]`"));
        let text = "title: a\ncover: { src: a.jpg\ndate: 2024-01-01\n";
        let errors = parse_strict::<Sample>(text, Path::new("x.md"), 2, &["title"]).unwrap_err();
        assert_eq!(errors[0].line, 3, "{errors:?}");
        assert!(errors[0].hint.as_deref().unwrap().contains("add `}`"));
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Typed {
        weight: Option<i64>,
        tags: Option<Vec<String>>,
        cover: Option<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        src: String,
        alt: Option<String>,
    }

    fn problem(text: &str) -> Diagnostic {
        let known = ["weight", "tags", "cover", "title"];
        parse_strict::<Typed>(text, Path::new("x.md"), 2, &known)
            .unwrap_err()
            .remove(0)
    }

    #[test]
    fn wrong_types_say_what_to_write() {
        let wrong = problem("weight: abc\n");
        assert_eq!(wrong.message, "expected a whole number here");
        assert_eq!(wrong.line, 2);
        assert!(wrong.hint.unwrap().contains("like 3"));
        let wrong = problem("tags: \"một thẻ\"\n");
        assert_eq!(wrong.message, "expected a list here");
        assert!(wrong.hint.unwrap().contains("[\"Biên giới\"]"));
        let wrong = problem("weight: 1\nweight: 2\n");
        assert_eq!(
            wrong.message, "the key `weight` is written twice",
            "{wrong:?}"
        );
        assert!(wrong.hint.is_some());
        let wrong = problem("cover: { src: a.jpg, atl: x }\n");
        assert!(wrong.message.contains("`atl`"), "{wrong:?}");
        assert_eq!(
            wrong.hint.as_deref(),
            Some("did you mean `alt`?"),
            "{wrong:?}"
        );
    }

    #[test]
    fn missing_fields_are_named() {
        let errors = parse_strict::<Sample>("{}", Path::new("x.md"), 1, &["title"]).unwrap_err();
        assert!(errors[0].message.contains("title"), "{:?}", errors[0]);
    }
}
