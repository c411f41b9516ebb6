//! The command line's own strings (report headings, summary lines) in English or
//! Vietnamese, from Fluent files built into the binary. Diagnostics stay in English.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

const ENGLISH: &str = include_str!("messages/en.ftl");
const VIETNAMESE: &str = include_str!("messages/vi.ftl");

/// The languages the command line speaks.
pub const UI_LANGUAGES: [&str; 2] = ["en", "vi"];

/// The language to speak: `--ui-lang`, else `MEKONG_LANG` (`vi`, `vi_VN.UTF-8`…), else
/// English.
pub fn ui_language(flag: Option<&str>) -> &'static str {
    let wanted = flag
        .map(str::to_string)
        .or_else(|| std::env::var("MEKONG_LANG").ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if wanted.starts_with("vi") { "vi" } else { "en" }
}

pub struct Messages {
    /// The chosen language first, English after it for keys it lacks.
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl Messages {
    pub fn new(lang: &str) -> Messages {
        let mut sources = Vec::new();
        if lang == "vi" {
            sources.push(("vi", VIETNAMESE));
        }
        sources.push(("en", ENGLISH));
        let bundles = sources
            .into_iter()
            .map(|(lang, text)| {
                let langid = lang.parse().expect("a valid language tag");
                let mut bundle = FluentBundle::new(vec![langid]);
                // The terminal shows isolation marks as stray characters.
                bundle.set_use_isolating(false);
                let resource = FluentResource::try_new(text.to_string())
                    .expect("the built-in messages parse (tested)");
                bundle
                    .add_resource(resource)
                    .expect("the built-in messages have unique keys");
                bundle
            })
            .collect();
        Messages { bundles }
    }

    /// The message `key`; the key itself if no language has it.
    pub fn get(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with arguments (numbers become Fluent numbers, for plurals).
    pub fn with(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Count(n) => FluentValue::from(*n as f64),
                Arg::Text(text) => FluentValue::from(text.clone()),
            };
            fluent_args.set(name.to_string(), value);
        }
        self.format(key, Some(&fluent_args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        for bundle in &self.bundles {
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
            }
        }
        key.to_string()
    }
}

/// A value for a message's placeable.
pub enum Arg {
    Count(usize),
    Text(String),
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Count(n)
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_parse_and_define_the_same_keys() {
        let keys = |text: &str| -> Vec<String> {
            let resource = FluentResource::try_new(text.to_string()).expect("parses");
            let mut keys: Vec<String> = resource
                .entries()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect();
            keys.sort();
            keys
        };
        assert_eq!(keys(ENGLISH), keys(VIETNAMESE));
    }

    #[test]
    fn plurals_and_fallback() {
        let en = Messages::new("en");
        assert_eq!(en.with("check-errors", &[("count", 1.into())]), "1 error");
        assert_eq!(en.with("check-errors", &[("count", 3.into())]), "3 errors");
        let vi = Messages::new("vi");
        assert_eq!(vi.with("check-errors", &[("count", 3.into())]), "3 lỗi");
        assert_eq!(vi.get("no-such-key"), "no-such-key");
    }

    #[test]
    fn chooses_the_language() {
        assert_eq!(ui_language(Some("vi")), "vi");
        assert_eq!(ui_language(Some("en")), "en");
    }
}
