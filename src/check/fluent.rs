//! Interface strings: keys missing in a language, keys templates use that no `.ftl` file
//! defines (found by reading the templates' `t(key="…")` calls), keys nothing uses.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::json;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, nearest};
use crate::i18n::I18n;
use crate::theme::Theme;

/// What `check` found about interface strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FluentReport {
    /// Per language, in `languages` order: keys another language defines and it lacks.
    pub missing: Vec<(String, Vec<String>)>,
    /// Keys templates use that no language defines.
    pub undefined: Vec<KeyUse>,
    /// Keys defined but used by no template (nor by mekong itself), sorted.
    pub unused: Vec<String>,
    /// Calls of `t()` whose key is computed (`t(key=name)`): they may use keys listed
    /// in `unused`.
    pub computed_keys: usize,
}

/// A key written in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyUse {
    pub key: String,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl FluentReport {
    pub(super) fn to_json(&self) -> serde_json::Value {
        let missing: serde_json::Map<String, serde_json::Value> = self
            .missing
            .iter()
            .map(|(lang, keys)| (lang.clone(), json!(keys)))
            .collect();
        json!({
            "missing": missing,
            "undefined": self.undefined.iter().map(|u| json!({
                "key": u.key,
                "file": u.file.to_string_lossy(),
                "line": u.line,
                "column": u.column,
            })).collect::<Vec<_>>(),
            "unused": self.unused,
            "computed_keys": self.computed_keys,
        })
    }
}

/// Keys mekong asks for itself, besides the templates (see `localize` in `render`).
fn keys_used_by_mekong(config: &Config) -> Vec<String> {
    config
        .taxonomies
        .iter()
        .map(|taxonomy| format!("taxonomy-{taxonomy}"))
        .chain(["not-found-title".to_string()])
        // The search page's title and its "N results" patterns.
        .chain(
            config
                .search
                .then(|| ["search-title".to_string(), "search-count".to_string()])
                .into_iter()
                .flatten(),
        )
        // The archive's page titles and calendar captions.
        .chain(
            config
                .archive
                .is_some()
                .then(|| ["archive-title", "archive-year", "archive-month"].map(String::from))
                .into_iter()
                .flatten(),
        )
        // The registry's names of kinds and issuers.
        .chain(config.documents.iter().flat_map(|d| d.string_keys()))
        .chain(crate::config::default_kind_keys())
        .collect()
}

/// Compares the keys the `.ftl` files define with those the templates use. With
/// `loaded` false (the `.ftl` files did not parse, which is reported already) there is
/// nothing to compare.
pub(super) fn check(
    theme: &Theme,
    i18n: &I18n,
    config: &Config,
    loaded: bool,
) -> (FluentReport, Vec<Diagnostic>) {
    let mut report = FluentReport::default();
    if !loaded {
        return (report, Vec::new());
    }
    let mut problems = i18n.warnings.clone();
    let defined: BTreeSet<&String> = config
        .language_codes()
        .filter_map(|lang| i18n.keys(lang))
        .flatten()
        .collect();
    for lang in config.language_codes() {
        let own = i18n.keys(lang);
        let missing: Vec<String> = defined
            .iter()
            .filter(|key| !own.is_some_and(|own| own.contains(**key)))
            .map(|key| key.to_string())
            .collect();
        report.missing.push((lang.to_string(), missing));
    }

    let mut used: BTreeSet<String> = keys_used_by_mekong(config).into_iter().collect();
    let mut prefixes: Vec<String> = Vec::new();
    for file in theme.templates.values() {
        let Ok(text) = file.text() else {
            continue;
        };
        let origin = file.origin.display();
        for (key, offset) in key_uses(text) {
            match key {
                KeyRef::Literal(key) => {
                    if !defined.contains(&key) {
                        let (line, column) = position(text, offset);
                        report.undefined.push(KeyUse {
                            key: key.clone(),
                            file: origin.clone(),
                            line,
                            column,
                        });
                    }
                    used.insert(key);
                }
                KeyRef::Prefix(prefix) => prefixes.push(prefix),
                KeyRef::Computed => report.computed_keys += 1,
            }
        }
    }
    for key_use in &report.undefined {
        let hint = match nearest(&key_use.key, defined.iter().map(|k| k.as_str())) {
            Some(guess) => format!(
                "did you mean `{guess}`? Otherwise add `{} = …` to i18n/{}.ftl and the other languages' files",
                key_use.key, config.default_language
            ),
            None => format!(
                "add `{} = …` to i18n/{}.ftl and the other languages' files",
                key_use.key, config.default_language
            ),
        };
        problems.push(
            Diagnostic::error(
                &key_use.file,
                format!(
                    "the template uses the key `{}`, which no .ftl file defines",
                    key_use.key
                ),
            )
            .at(key_use.line, key_use.column)
            .with_hint(hint),
        );
    }
    report.unused = defined
        .iter()
        .filter(|key| !used.contains(**key) && !prefixes.iter().any(|p| key.starts_with(p)))
        .map(|key| key.to_string())
        .collect();
    (report, problems)
}

/// The key of one `t()` call.
#[derive(Debug, Clone, PartialEq, Eq)]
enum KeyRef {
    /// `t(key="home")`.
    Literal(String),
    /// `t(key="taxonomy-" ~ name)`: some key starting with this.
    Prefix(String),
    /// `t(key=name)`.
    Computed,
}

/// The `key` argument of every `t(…)` call in a template, with the byte offset of its
/// value.
fn key_uses(text: &str) -> Vec<(KeyRef, usize)> {
    let mut uses = Vec::new();
    for (start, _) in text.match_indices("t(") {
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        if let Some(found) = key_argument(text, start + 2) {
            uses.push(found);
        }
    }
    uses
}

/// Reads `name=value, …)` from `at` until the `key` argument.
fn key_argument(text: &str, mut at: usize) -> Option<(KeyRef, usize)> {
    let bytes = text.as_bytes();
    let skip_spaces = |mut at: usize| {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        at
    };
    loop {
        at = skip_spaces(at);
        let name_end = at
            + text[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(text.len() - at);
        let name = &text[at..name_end];
        at = skip_spaces(name_end);
        if name.is_empty() || bytes.get(at) != Some(&b'=') {
            return None;
        }
        at = skip_spaces(at + 1);
        if name == "key" {
            let quote = *bytes.get(at)?;
            if !matches!(quote, b'"' | b'\'' | b'`') {
                return Some((KeyRef::Computed, at));
            }
            let close = at + 1 + text[at + 1..].find(quote as char)?;
            let key = text[at + 1..close].to_string();
            let after = skip_spaces(close + 1);
            let key = if bytes.get(after) == Some(&b'~') {
                KeyRef::Prefix(key)
            } else {
                KeyRef::Literal(key)
            };
            return Some((key, at + 1));
        }
        at = skip_value(text, at)?;
        match bytes.get(at) {
            Some(b',') => at += 1,
            _ => return None,
        }
    }
}

/// The end of an argument's value: the next `,` or `)` outside strings and brackets.
fn skip_value(text: &str, mut at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    while at < bytes.len() {
        match bytes[at] {
            quote @ (b'"' | b'\'' | b'`') => {
                at += 1 + text[at + 1..].find(quote as char)?;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth > 0 => depth -= 1,
            b',' | b')' if depth == 0 => return Some(at),
            _ => {}
        }
        at += 1;
    }
    None
}

/// 1-based line and character column of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<KeyRef> {
        key_uses(text).into_iter().map(|(key, _)| key).collect()
    }

    #[test]
    fn finds_keys_in_any_argument_position() {
        assert_eq!(
            keys(r#"{{ t(key="home") }} {{ t( lang=l.code, key = 'choose-language') }}"#),
            [
                KeyRef::Literal("home".into()),
                KeyRef::Literal("choose-language".into())
            ]
        );
        assert_eq!(
            keys(r#"{{ t(count=f(a, b), key="term-count") }}"#),
            [KeyRef::Literal("term-count".into())]
        );
    }

    #[test]
    fn computed_keys_and_prefixes() {
        assert_eq!(
            keys(r#"{{ t(key="taxonomy-" ~ name) }} {{ t(key=name) }}"#),
            [KeyRef::Prefix("taxonomy-".into()), KeyRef::Computed]
        );
    }

    #[test]
    fn other_functions_are_not_t() {
        assert!(keys(r#"{{ get(key="x") }} {{ a.t(key="y") }} {{ list(key="z") }}"#).is_empty());
    }

    #[test]
    fn positions_are_lines_and_character_columns() {
        let text = "<p>\nĐã {{ t(key=\"x\") }}";
        let (_, offset) = key_uses(text)[0].clone();
        assert_eq!(position(text, offset), (2, 14));
    }
}
