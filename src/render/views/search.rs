//! The view of a language's search page. The form and the results are the theme's
//! script, reading the language's index; the page gives it the language's sections
//! (what a reader without JavaScript can browse instead) and the plural patterns of
//! "N results" from the `.ftl` files.

use std::collections::BTreeMap;

use fluent_bundle::{FluentArgs, FluentValue};
use icu::plurals::{PluralCategory, PluralRules};
use serde::Serialize;

use super::common::{HeadExtras, NavItem, nav};
use super::{Built, PageData};
use crate::plan::{Job, search_path};
use crate::render::frame::{Frame, Kind, Version};
use crate::render::reader::Reader;

#[derive(Serialize)]
pub struct Search<'a> {
    pub sections: Vec<NavItem<'a>>,
    /// Plural category → the `search-count` message, `{count}` where the number goes.
    pub counts: BTreeMap<&'static str, String>,
}

pub fn search<'a>(reader: &Reader<'a>, job: &Job, lang: &str) -> Built<'a> {
    let library = reader.library;
    let base = reader.config.base_path.as_str();
    let title = reader
        .i18n
        .translate(lang, "search-title", None)
        .unwrap_or_else(|| "Search".into());
    let frame = Frame {
        kind: Kind::Search,
        lang: lang.to_string(),
        path: job.path(library),
        versions: library
            .languages
            .iter()
            .map(|l| Version {
                lang: l.code.clone(),
                url: search_path(&l.home_path).url(base),
            })
            .collect(),
        section: None,
        source: None,
        title,
        description: None,
        lastmod: None,
        template: "search.html".into(),
    };
    Built {
        frame,
        extras: HeadExtras::default(),
        data: PageData::Search(Search {
            sections: nav(library, lang, None),
            counts: counts(reader, lang),
        }),
    }
}

/// The `search-count` message for each plural category of `lang`, formatted with the
/// smallest number of that category, then that number replaced by `{count}`.
fn counts(reader: &Reader, lang: &str) -> BTreeMap<&'static str, String> {
    let mut counts = BTreeMap::new();
    let Ok(locale) = icu::locale::Locale::try_from_str(lang) else {
        return counts;
    };
    let Ok(rules) = PluralRules::try_new_cardinal((&locale).into()) else {
        return counts;
    };
    for n in 0u32..=200 {
        let category = category_name(rules.category_for(n));
        if counts.contains_key(category) {
            continue;
        }
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(n));
        let Some(text) = reader.i18n.translate(lang, "search-count", Some(&args)) else {
            return counts;
        };
        let pattern = text.replacen(&n.to_string(), "{count}", 1);
        counts.insert(category, pattern);
    }
    counts
}

fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}
