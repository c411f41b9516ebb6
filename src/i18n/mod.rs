//! Interface strings from Fluent files: the theme's `.ftl` under the site's `i18n/`,
//! one bundle per language, falling back to the default language key by key.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use crate::config::{Config, SitePaths};
use crate::diagnostics::{Diagnostic, display_path};
use crate::theme::Theme;

mod lint;

pub struct I18n {
    bundles: HashMap<String, FluentBundle<FluentResource>>,
    default_language: String,
    /// Keys defined per language, for `check` and fallback warnings.
    keys: BTreeMap<String, BTreeSet<String>>,
    /// Problems that do not stop a build: keys missing in one language.
    pub warnings: Vec<Diagnostic>,
}

impl I18n {
    pub fn load(
        theme: &Theme,
        paths: &SitePaths,
        config: &Config,
    ) -> Result<I18n, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
        let mut parsed: Vec<(String, Vec<lint::Parsed>)> = Vec::new();
        for language in &config.languages {
            let lang = language.code.as_str();
            let name = format!("{lang}.ftl");
            let mut sources = Vec::new();
            if let Some(file) = theme.i18n.get(&name) {
                match file.text() {
                    Ok(text) => sources.push((file.origin.display(), text.to_string(), true)),
                    Err(error) => problems.push(error),
                }
            }
            let site_file = paths.i18n.join(&name);
            if site_file.is_file() {
                let display = display_path(&paths.root, &site_file);
                match std::fs::read(&site_file) {
                    Ok(bytes) => match crate::diagnostics::utf8_text(&display, bytes) {
                        Ok(text) => sources.push((display, text, false)),
                        Err(error) => problems.push(error),
                    },
                    Err(error) => problems.push(Diagnostic::error(
                        display,
                        format!("cannot read the file: {error}"),
                    )),
                }
            }
            let mut loaded = Vec::new();
            for (file, text, from_theme) in sources {
                match parse_resource(&file, text.clone()) {
                    Ok(resource) => {
                        files.insert(lang.to_string(), file.clone());
                        loaded.push(lint::Parsed {
                            file,
                            text,
                            resource,
                            from_theme,
                        });
                    }
                    Err(mut errors) => problems.append(&mut errors),
                }
            }
            parsed.push((lang.to_string(), loaded));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut warnings = lint::lint(&parsed);
        let mut bundles = HashMap::new();
        let mut keys = BTreeMap::new();
        for (lang, loaded) in parsed {
            let langid = lang
                .parse::<unic_langid::LanguageIdentifier>()
                .unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Bidi isolation marks would end up as invisible characters in HTML.
            bundle.set_use_isolating(false);
            if let Err(error) = bundle.add_builtins() {
                problems.push(Diagnostic::error(
                    "i18n",
                    format!("Fluent builtins: {error}"),
                ));
            }
            let mut defined = BTreeSet::new();
            for source in loaded {
                defined.extend(lint::message_ids(&source.resource).map(str::to_string));
                // The site's file is added last and wins key by key.
                bundle.add_resource_overriding(source.resource);
            }
            keys.insert(lang.clone(), defined);
            bundles.insert(lang, bundle);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let all: BTreeSet<&String> = keys.values().flatten().collect();
        for (lang, defined) in &keys {
            let file = files
                .get(lang)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(format!("i18n/{lang}.ftl")));
            for key in all.iter().filter(|key| !defined.contains(**key)) {
                warnings.push(
                    Diagnostic::warning(&file, format!("the key `{key}` is missing in {lang}"))
                        .with_hint(format!(
                            "add `{key} = …` to i18n/{lang}.ftl; until then the {} text is shown",
                            config.default_language
                        )),
                );
            }
        }
        Ok(I18n {
            bundles,
            default_language: config.default_language.clone(),
            keys,
            warnings,
        })
    }

    /// No strings at all: stands in for broken `.ftl` files so later phases can still
    /// check templates and content.
    pub fn empty(config: &Config) -> I18n {
        I18n {
            bundles: HashMap::new(),
            default_language: config.default_language.clone(),
            keys: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }

    /// The string for `key` in `lang`, else in the default language; `None` if neither
    /// defines it.
    pub fn translate(&self, lang: &str, key: &str, args: Option<&FluentArgs>) -> Option<String> {
        [lang, self.default_language.as_str()]
            .into_iter()
            .find_map(|lang| self.format(lang, key, args))
    }

    fn format(&self, lang: &str, key: &str, args: Option<&FluentArgs>) -> Option<String> {
        let bundle = self.bundles.get(lang)?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned(),
        )
    }

    /// Keys defined for a language (theme and site together).
    pub fn keys(&self, lang: &str) -> Option<&BTreeSet<String>> {
        self.keys.get(lang)
    }
}

/// Parses one `.ftl` text; syntax errors carry their line and column.
fn parse_resource(file: &Path, text: String) -> Result<FluentResource, Vec<Diagnostic>> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let position = |offset: usize| {
        let line = line_starts.partition_point(|&start| start <= offset);
        let start = line_starts[line - 1];
        let column = text
            .get(start..offset.min(text.len()))
            .map_or(1, |prefix| prefix.chars().count() + 1);
        (line, column)
    };
    let errors_at: Vec<(usize, usize, String)>;
    let resource = match FluentResource::try_new(text.clone()) {
        Ok(resource) => resource,
        Err((_, errors)) => {
            errors_at = errors
                .iter()
                .map(|error| {
                    // The parser's `pos` is where it gave up, often the next line; the
                    // broken entry starts at `slice`.
                    let start = error.slice.as_ref().map_or(error.pos.start, |s| s.start);
                    let (line, column) = position(start);
                    (line, column, error.kind.to_string())
                })
                .collect();
            return Err(errors_at
                .into_iter()
                .map(|(line, column, message)| {
                    Diagnostic::error(file, format!("Fluent syntax error: {message}"))
                        .at(line, column)
                        .with_hint(
                            "messages look like `key = Text`; continuation lines are indented",
                        )
                })
                .collect());
        }
    };
    Ok(resource)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::FluentValue;

    fn i18n(site_ftl: &[(&str, &str)]) -> Result<I18n, Vec<Diagnostic>> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("i18n")).unwrap();
        for (name, text) in site_ftl {
            std::fs::write(dir.path().join("i18n").join(name), text).unwrap();
        }
        let config = Config::parse(
            "base_url: https://x.vn\ndefault_language: vi\nlanguages:\n  vi: {name: V, title: V}\n  en: {name: E, title: E}\n  lo: {name: L, title: L}\n",
            Path::new("site.yaml"),
        )
        .unwrap();
        I18n::load(&Theme::default(), &SitePaths::new(dir.path()), &config)
    }

    #[test]
    fn plurals_follow_each_language() {
        let count = "n = { $count ->\n    [one] one article\n   *[other] {$count} articles\n}\n";
        let i18n = i18n(&[
            ("en.ftl", count),
            ("vi.ftl", "n = { $count } bài viết\n"),
            ("lo.ftl", "n = { $count } ບົດຄວາມ\n"),
        ])
        .unwrap();
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(1));
        assert_eq!(
            i18n.translate("en", "n", Some(&args)).unwrap(),
            "one article"
        );
        args.set("count", FluentValue::from(3));
        assert_eq!(
            i18n.translate("en", "n", Some(&args)).unwrap(),
            "3 articles"
        );
        assert_eq!(i18n.translate("lo", "n", Some(&args)).unwrap(), "3 ບົດຄວາມ");
    }

    #[test]
    fn missing_keys_fall_back_with_a_warning() {
        let i18n = i18n(&[
            ("vi.ftl", "a = Xin chào\nb = Tạm biệt\n"),
            ("en.ftl", "a = Hello\n"),
            ("lo.ftl", "a = ສະບາຍດີ\nb = ລາກ່ອນ\n"),
        ])
        .unwrap();
        assert_eq!(i18n.translate("en", "b", None).unwrap(), "Tạm biệt");
        assert_eq!(i18n.warnings.len(), 1);
        assert!(i18n.warnings[0].message.contains("`b` is missing in en"));
        assert!(i18n.translate("en", "zzz", None).is_none());
    }

    #[test]
    fn broken_files_name_line_and_column() {
        let Err(errors) = i18n(&[("en.ftl", "a = Hello\nb = { $x\nc = ok\n")]) else {
            panic!("a broken file must fail");
        };
        assert_eq!(errors[0].file, PathBuf::from("i18n/en.ftl"));
        assert_eq!(errors[0].line, 2, "{errors:?}");
    }
}
