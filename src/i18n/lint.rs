//! Mistakes the Fluent parser accepts but readers see: a key defined twice in one file
//! (the later one silently wins), a reference to a message or term that the language's
//! files do not define (shown as `{name}` on every page), and, in a site's override of a
//! theme key, a variable that no version of the theme's key uses (the templates do not
//! give it, so it shows as `{$name}`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use fluent_bundle::FluentResource;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use crate::diagnostics::Diagnostic;

/// One `.ftl` file of a language, parsed.
pub(super) struct Parsed {
    pub file: PathBuf,
    pub text: String,
    pub resource: FluentResource,
    /// From the theme (its variables are what the templates give), not the site.
    pub from_theme: bool,
}

/// The message keys a resource defines.
pub(super) fn message_ids(resource: &FluentResource) -> impl Iterator<Item = &str> {
    resource.entries().filter_map(|entry| match entry {
        Entry::Message(message) => Some(message.id.name),
        _ => None,
    })
}

/// What one message or term refers to.
#[derive(Default)]
struct References<'a> {
    messages: Vec<&'a str>,
    terms: Vec<&'a str>,
    variables: Vec<&'a str>,
}

/// The warnings for every language's files (each language: theme file, then site file).
pub(super) fn lint(languages: &[(String, Vec<Parsed>)]) -> Vec<Diagnostic> {
    // The variables the theme's version of each key uses, in any language.
    let mut theme_variables: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for (_, files) in languages {
        for file in files.iter().filter(|f| f.from_theme) {
            for entry in file.resource.entries() {
                if let Entry::Message(message) = entry {
                    theme_variables
                        .entry(message.id.name)
                        .or_default()
                        .extend(message_references(entry).variables);
                }
            }
        }
    }
    let mut warnings = Vec::new();
    for (lang, files) in languages {
        let mut messages = BTreeSet::new();
        let mut terms = BTreeSet::new();
        for file in files {
            for entry in file.resource.entries() {
                match entry {
                    Entry::Message(message) => messages.insert(message.id.name),
                    Entry::Term(term) => terms.insert(term.id.name),
                    _ => false,
                };
            }
        }
        for file in files {
            lint_file(
                lang,
                file,
                &messages,
                &terms,
                &theme_variables,
                &mut warnings,
            );
        }
    }
    warnings
}

fn lint_file(
    lang: &str,
    file: &Parsed,
    messages: &BTreeSet<&str>,
    terms: &BTreeSet<&str>,
    theme_variables: &HashMap<&str, BTreeSet<&str>>,
    warnings: &mut Vec<Diagnostic>,
) {
    let heads = entry_heads(&file.text);
    let mut next_head = 0;
    let mut first_line: BTreeMap<String, usize> = BTreeMap::new();
    for entry in file.resource.entries() {
        let (id, is_term) = match entry {
            Entry::Message(message) => (message.id.name, false),
            Entry::Term(term) => (term.id.name, true),
            _ => continue,
        };
        let name = if is_term {
            format!("-{id}")
        } else {
            id.to_string()
        };
        // The entry's place in the text: the next head with its name.
        let Some(found) = heads[next_head..].iter().position(|h| h.name == name) else {
            continue;
        };
        let head = &heads[next_head + found];
        next_head += found + 1;
        let span = head.start..heads.get(next_head).map_or(file.text.len(), |h| h.start);
        let at = |needle: Option<usize>| position(&file.text, needle.unwrap_or(head.start));

        if let Some(first) = first_line.get(&name) {
            let (line, column) = at(None);
            warnings.push(
                Diagnostic::warning(
                    &file.file,
                    format!("`{name}` is defined twice in this file (first on line {first}); only this later one is used"),
                )
                .at(line, column)
                .with_hint("keep one of the two and delete the other"),
            );
        } else {
            first_line.insert(name.clone(), at(None).0);
        }

        let references = message_references(entry);
        let body = &file.text[span.clone()];
        let offset_of = |token: &str| find_reference(body, token).map(|i| span.start + i);
        for message in references.messages {
            if !messages.contains(message) {
                let (line, column) = at(offset_of(message));
                warnings.push(
                    Diagnostic::warning(
                        &file.file,
                        format!("`{name}` refers to the message `{message}`, which no {lang} file defines"),
                    )
                    .at(line, column)
                    .with_hint(format!("readers see {{{message}}} there: define `{message} = …` or correct the name")),
                );
            }
        }
        for term in references.terms {
            if !terms.contains(term) {
                let (line, column) = at(offset_of(&format!("-{term}")));
                warnings.push(
                    Diagnostic::warning(
                        &file.file,
                        format!(
                            "`{name}` refers to the term `-{term}`, which no {lang} file defines"
                        ),
                    )
                    .at(line, column)
                    .with_hint(format!(
                        "readers see {{-{term}}} there: define `-{term} = …` or correct the name"
                    )),
                );
            }
        }
        // Variables: only where the theme says what its templates give the key.
        if file.from_theme || is_term {
            continue;
        }
        let Some(given) = theme_variables.get(id) else {
            continue;
        };
        for variable in references.variables {
            if !given.contains(variable) {
                let (line, column) = at(offset_of(&format!("${variable}")));
                let known = if given.is_empty() {
                    "the theme gives it no variables".to_string()
                } else {
                    let names: Vec<String> = given.iter().map(|v| format!("${v}")).collect();
                    format!("the theme gives it {}", names.join(", "))
                };
                warnings.push(
                    Diagnostic::warning(
                        &file.file,
                        format!("`{name}` uses the variable `${variable}`, which the theme's templates do not give it"),
                    )
                    .at(line, column)
                    .with_hint(format!("readers see {{${variable}}} there; {known}")),
                );
            }
        }
    }
}

/// Where an entry starts in the text: an unindented `name =` (`-name =` for a term).
struct Head {
    name: String,
    start: usize,
}

fn entry_heads(text: &str) -> Vec<Head> {
    let mut heads = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let name_len = line
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .map_or(line.len(), |(i, _)| i);
        let name = &line[..name_len];
        let starts_well = name
            .trim_start_matches('-')
            .starts_with(|c: char| c.is_ascii_alphabetic());
        if starts_well && line[name_len..].trim_start().starts_with('=') {
            heads.push(Head {
                name: name.to_string(),
                start,
            });
        }
        start += line.len();
    }
    heads
}

/// Where `token` (`$var`, `-term` or `message`) stands as a reference in an entry's
/// text: whole (not part of a longer name) and, for names, after `{`, `(`, `,` or `:`.
fn find_reference(body: &str, token: &str) -> Option<usize> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    // Skip the entry's own name and `=`.
    let from = body.find('=').map_or(0, |i| i + 1);
    body[from..]
        .match_indices(token)
        .map(|(i, _)| from + i)
        .find(|&i| {
            let after_ok = !body[i + token.len()..].starts_with(is_name);
            let before = body[..i].trim_end().chars().next_back();
            let before_ok = (token.starts_with('$') && !body[..i].ends_with(is_name))
                || matches!(before, Some('{' | '(' | ',' | ':'));
            after_ok && before_ok
        })
}

/// 1-based line and column (in characters) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn message_references<'a>(entry: &'a Entry<&'a str>) -> References<'a> {
    let mut references = References::default();
    let (value, attributes) = match entry {
        Entry::Message(message) => (message.value.as_ref(), &message.attributes),
        Entry::Term(term) => (Some(&term.value), &term.attributes),
        _ => return references,
    };
    for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
        pattern_references(pattern, &mut references);
    }
    references
}

fn pattern_references<'a>(pattern: &'a Pattern<&'a str>, into: &mut References<'a>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_references(expression, into);
        }
    }
}

fn expression_references<'a>(expression: &'a Expression<&'a str>, into: &mut References<'a>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_references(selector, into);
            for variant in variants {
                pattern_references(&variant.value, into);
            }
        }
        Expression::Inline(inline) => inline_references(inline, into),
    }
}

fn inline_references<'a>(inline: &'a InlineExpression<&'a str>, into: &mut References<'a>) {
    match inline {
        InlineExpression::MessageReference { id, .. } => into.messages.push(id.name),
        InlineExpression::TermReference { id, arguments, .. } => {
            into.terms.push(id.name);
            // A term's arguments are its own (`-term(case: "x")`); variables in them
            // are the message's.
            for argument in arguments.iter().flat_map(|a| {
                a.positional
                    .iter()
                    .chain(a.named.iter().map(|named| &named.value))
            }) {
                inline_references(argument, into);
            }
        }
        InlineExpression::VariableReference { id } => into.variables.push(id.name),
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|named| &named.value))
            {
                inline_references(argument, into);
            }
        }
        InlineExpression::Placeable { expression } => expression_references(expression, into),
        InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str, from_theme: bool) -> Parsed {
        Parsed {
            file: PathBuf::from(if from_theme {
                "theme/en.ftl"
            } else {
                "i18n/en.ftl"
            }),
            text: text.to_string(),
            resource: FluentResource::try_new(text.to_string()).unwrap(),
            from_theme,
        }
    }

    fn warnings(theme: &str, site: &str) -> Vec<(usize, usize, String)> {
        lint(&[(
            "en".to_string(),
            vec![parsed(theme, true), parsed(site, false)],
        )])
        .into_iter()
        .map(|d| (d.line, d.column, d.message))
        .collect()
    }

    #[test]
    fn unknown_messages_terms_and_variables_are_found_where_they_stand() {
        let theme = "published = Published on { $date }\n-brand = Mường Then\n";
        let site = "# Site strings\npublished = Published { $nosuchvar } on { $date } by { -nosuchterm } { other-msg-missing }\nok = { -brand } { published }\n";
        let found = warnings(theme, site);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].0, 2);
        assert_eq!(found[0].1, 72, "{found:?}");
        assert!(found[0].2.contains("`other-msg-missing`"), "{found:?}");
        assert_eq!((found[1].0, found[1].1), (2, 56), "{found:?}");
        assert!(found[1].2.contains("`-nosuchterm`"));
        assert_eq!((found[2].0, found[2].1), (2, 25), "{found:?}");
        assert!(found[2].2.contains("`$nosuchvar`"));
    }

    #[test]
    fn a_key_defined_twice_in_one_file_is_reported_at_the_second() {
        let found = warnings(
            "site-name = Theme\n",
            "site-name = One\nother = x\nsite-name = Two\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (3, 1));
        assert!(found[0].2.contains("first on line 1"), "{found:?}");
        // The site overriding the theme is what site files are for: no warning.
        assert!(warnings("a = A\n", "a = B\n").is_empty());
    }

    #[test]
    fn variables_of_site_only_keys_selectors_and_term_arguments_are_accepted() {
        let theme = "n = { $count ->\n    [one] one\n   *[other] { $count } items\n}\n-t = { $case ->\n   *[x] T\n}\n";
        let site = "n = { $count ->\n    [one] một\n   *[other] { NUMBER($count) } mục { -t(case: \"x\") }\n}\nmine = { $anything }\n";
        assert!(
            warnings(theme, site).is_empty(),
            "{:?}",
            warnings(theme, site)
        );
    }
}
