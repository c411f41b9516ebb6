//! View-models: what templates see, built from the library without exposing its structs.
//! Values shared by many pages (summaries, navigation) are built once and cloned cheaply.

use std::sync::Arc;

use std::collections::BTreeMap;

use tera::Value;

use super::body::Body;
use crate::config::Config;
use crate::content::Role;
use crate::library::{Library, PageId, SectionId, Taxonomy, Term};

/// A template map from static keys.
pub fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    Value::from(BTreeMap::from(pairs))
}

pub fn list(values: impl IntoIterator<Item = Value>) -> Value {
    Value::from(values.into_iter().collect::<Vec<Value>>())
}

fn text(value: &str) -> Value {
    Value::from(value)
}

fn opt(value: Option<&str>) -> Value {
    value.map_or_else(Value::none, Value::from)
}

fn cover(library: &Library, bodies: &[Arc<Body>], id: PageId) -> Value {
    let meta_cover = library.page(id).source.meta.cover.as_ref();
    let Some(cover) = bodies[id].cover.as_ref() else {
        return Value::none();
    };
    let thumb = &cover.thumb;
    map([
        ("url", text(&thumb.url)),
        (
            "alt",
            text(meta_cover.and_then(|c| c.alt.as_deref()).unwrap_or("")),
        ),
        (
            "caption",
            opt(meta_cover.and_then(|c| c.caption.as_deref())),
        ),
        ("width", thumb.width.map_or_else(Value::none, Value::from)),
        ("height", thumb.height.map_or_else(Value::none, Value::from)),
        ("srcset", text(&cover.srcset)),
        ("html", Value::safe_string(&cover.html)),
    ])
}

/// `{title, url}` of the section a page belongs to, in its language.
fn section_link(library: &Library, section: Option<SectionId>, lang: &str) -> Value {
    section
        .and_then(|id| library.sections[id].version(lang))
        .map_or_else(Value::none, |version| {
            map([("title", text(&version.title)), ("url", text(&version.url))])
        })
}

/// A page as listings show it.
pub fn summary(library: &Library, bodies: &[Arc<Body>], id: PageId) -> Value {
    let page = library.page(id);
    map([
        ("title", text(page.title())),
        ("url", text(&page.url)),
        (
            "date",
            page.source
                .meta
                .date
                .map_or_else(Value::none, |d| Value::from(d.rfc3339())),
        ),
        ("summary", opt(bodies[id].summary.as_deref())),
        ("cover", cover(library, bodies, id)),
        ("section", section_link(library, page.section, page.lang())),
    ])
}

/// The full page for its own template.
pub fn page(library: &Library, bodies: &[Arc<Body>], id: PageId, config: &Config) -> Value {
    let page = library.page(id);
    let meta = &page.source.meta;
    let body = &bodies[id];
    let lang = page.lang();
    let language = library.language(lang);
    let terms = |taxonomy: &str| {
        let index = language.and_then(|l| l.taxonomy(taxonomy));
        let (names, slugs) = page.source.terms(taxonomy);
        list(names.iter().zip(slugs).map(|(name, slug)| {
            let url = index
                .and_then(|t| {
                    t.terms
                        .binary_search_by(|term| term.slug.as_str().cmp(slug))
                        .ok()
                        .map(|i| t.terms[i].url.clone())
                })
                .map_or_else(Value::none, Value::from);
            map([("name", text(name)), ("url", url)])
        }))
    };
    let toc = list(body.toc.iter().map(|heading| {
        map([
            ("level", Value::from(heading.level)),
            ("id", text(&heading.id)),
            ("title", text(&heading.title)),
        ])
    }));
    map([
        ("title", text(&meta.title)),
        ("url", text(&page.url)),
        ("permalink", Value::from(config.absolute(&page.url))),
        ("lang", text(lang)),
        (
            "date",
            meta.date
                .map_or_else(Value::none, |d| Value::from(d.rfc3339())),
        ),
        (
            "updated",
            meta.updated
                .map_or_else(Value::none, |d| Value::from(d.rfc3339())),
        ),
        ("summary", opt(body.summary.as_deref())),
        ("description", opt(meta.description.as_deref())),
        ("content", Value::safe_string(&body.html)),
        ("toc", toc),
        ("section", section_link(library, page.section, lang)),
        ("categories", terms("categories")),
        ("tags", terms("tags")),
        ("cover", cover(library, bodies, id)),
        ("author", opt(meta.author.as_deref())),
        ("source", opt(meta.source.as_deref())),
        ("extra", Value::from_serializable(&meta.extra)),
        ("reading_minutes", Value::from(body.reading_minutes)),
        ("is_article", Value::from(page.role() == Role::Article)),
    ])
}

/// `config` as templates see it.
pub fn config_value(config: &Config, library: &Library) -> Value {
    let languages = list(config.languages.iter().map(|language| {
        let home = library
            .language(&language.code)
            .map(|l| l.home_url.clone())
            .unwrap_or_default();
        map([
            ("code", text(&language.code)),
            ("name", text(&language.name)),
            ("title", text(&language.title)),
            ("home_url", Value::from(home)),
        ])
    }));
    map([
        ("base_url", text(&config.base_url)),
        ("default_language", text(&config.default_language)),
        ("languages", languages),
        (
            "taxonomies",
            list(config.taxonomies.iter().map(|t| text(t))),
        ),
        ("extra", Value::from_serializable(&config.extra)),
    ])
}

/// `site` for one language.
pub fn site_value(config: &Config, library: &Library, lang: &str) -> Value {
    let language = config.language(lang);
    let home = library
        .language(lang)
        .map(|l| l.home_url.clone())
        .unwrap_or_default();
    map([
        ("title", text(language.map_or("", |l| l.title.as_str()))),
        (
            "description",
            opt(language.and_then(|l| l.description.as_deref())),
        ),
        ("base_url", text(&config.base_url)),
        ("home_url", Value::from(home)),
        ("root_url", Value::from(format!("{}/", config.base_path))),
    ])
}

/// Section navigation for one language, with `active` set on `current`.
pub fn nav(library: &Library, lang: &str, current: Option<SectionId>) -> Value {
    let Some(language) = library.language(lang) else {
        return list([]);
    };
    list(language.sections.iter().filter_map(|&id| {
        let section = &library.sections[id];
        let version = section.version(lang)?;
        Some(map([
            ("name", text(&section.name)),
            ("title", text(&version.title)),
            ("url", text(&version.url)),
            ("active", Value::from(current == Some(id))),
        ]))
    }))
}

/// `{name, url}` of a taxonomy in one language.
pub fn taxonomy(taxonomy: &Taxonomy) -> Value {
    map([("name", text(&taxonomy.name)), ("url", text(&taxonomy.url))])
}

/// A term as listings and its own page show it.
pub fn term(term: &Term) -> Value {
    map([
        ("name", text(&term.name)),
        ("url", text(&term.url)),
        ("count", Value::from(term.pages.len())),
        ("slug", text(&term.slug)),
    ])
}
