//! The functions and filters templates call: `t` (interface strings), `date`, `asset`,
//! `url_for`, `get_page` and `resize_image`. Those that read content answer from the
//! render's [`Snapshot`] and note their call (see [`super::scope`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use tera::{Kwargs, State, Tera, Value};

use super::TemplateData;
use super::scope::{self, Call, Snapshot, hash_of};
use crate::config::Config;
use crate::content::front_matter::parse_date;
use crate::dates::DateStyle;
use crate::images::{Format, IMAGE_DIR, ImageError, Operation, Planned, ResizeOp};
use crate::library::{Library, PageId};

use crate::render::fingerprint::hash_serialized;
use crate::render::views::content::summary;

fn current_lang(state: &State, config: &Config) -> String {
    state
        .get::<Value>("lang")
        .ok()
        .flatten()
        .map_or_else(|| config.default_language.clone(), |lang| text(&lang))
}

/// A value as a `String` argument takes it (any value, as the template would write it),
/// without the formatting machinery that conversion goes through for a value that is a
/// string already: `t()` runs some forty times on every page.
fn text(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

/// The text argument `name`, as [`text`] takes it.
fn text_arg(kwargs: &Kwargs, name: &str) -> tera::TeraResult<Option<String>> {
    Ok(kwargs.get::<&Value>(name)?.map(text))
}

/// The snapshot of the running render; template functions are only called inside one.
fn snapshot() -> tera::TeraResult<Arc<Snapshot>> {
    scope::snapshot()
        .ok_or_else(|| tera::Error::message("template function called outside a render"))
}

pub(super) fn register(tera: &mut Tera, data: &Arc<TemplateData>) {
    register_t(tera, Arc::clone(data));
    register_date(tera, Arc::clone(data));
    register_asset(tera, Arc::clone(data));
    register_url_for(tera, Arc::clone(data));
    register_get_page(tera, Arc::clone(data));
    register_resize_image(tera, Arc::clone(data));
}

/// `t(key, lang?, …)`: an interface string, with Fluent arguments.
fn register_t(tera: &mut Tera, shared: Arc<TemplateData>) {
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key = text(kwargs.must_get::<&Value>("key")?);
            let lang =
                text_arg(&kwargs, "lang")?.unwrap_or_else(|| current_lang(state, &shared.config));
            let mut args = FluentArgs::new();
            for (name, value) in kwargs.iter() {
                let Some(name) = name.as_str() else { continue };
                if name == "key" || name == "lang" {
                    continue;
                }
                if let Some(number) = value.as_f64() {
                    args.set(name.to_string(), FluentValue::from(number));
                } else if let Some(text) = value.as_str() {
                    args.set(name.to_string(), FluentValue::from(text.to_string()));
                } else {
                    args.set(name.to_string(), FluentValue::from(value.to_string()));
                }
            }
            shared
                .i18n
                .translate(&lang, &key, Some(&args))
                .ok_or_else(|| {
                    tera::Error::message(format!("no Fluent message `{key}` in any language"))
                })
        },
    );
}

/// `date(format?, lang?)`: a date in the page's language (long, short or ISO).
fn register_date(tera: &mut Tera, shared: Arc<TemplateData>) {
    tera.register_filter(
        "date",
        move |value: &str, kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let style = match kwargs.get::<&str>("format")?.unwrap_or("long") {
                "long" => DateStyle::Long,
                "short" => DateStyle::Short,
                "iso" => DateStyle::Iso,
                other => {
                    return Err(tera::Error::message(format!(
                        "date format `{other}` is not known; use long, short or iso"
                    )));
                }
            };
            let lang =
                text_arg(&kwargs, "lang")?.unwrap_or_else(|| current_lang(state, &shared.config));
            let date = parse_date(value, shared.config.timezone)
                .ok_or_else(|| tera::Error::message(format!("`{value}` is not a date")))?;
            Ok(shared.dates.format(&lang, date.civil().date(), style))
        },
    );
}

/// `asset(path)`: a file of `static/` or the theme, below the base path.
fn register_asset(tera: &mut Tera, shared: Arc<TemplateData>) {
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            Ok(format!(
                "{}/{}",
                shared.config.base_path,
                path.trim_start_matches('/')
            ))
        },
    );
}

/// `url_for(path, lang?)`: the address of a content file or a section.
fn register_url_for(tera: &mut Tera, shared: Arc<TemplateData>) {
    tera.register_function(
        "url_for",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            let lang = kwargs
                .get::<String>("lang")?
                .unwrap_or_else(|| current_lang(state, &shared.config));
            let call = Call::Url { path, lang };
            let snapshot = snapshot()?;
            let answer = answer(&shared, &snapshot, &call);
            scope::note(call, answer.hash(&snapshot), None);
            match answer {
                Answer::Url(url) => url.map_err(tera::Error::message),
                _ => unreachable!("url_for answers with a URL"),
            }
        },
    );
}

/// `get_page(path, lang?)`: another page as listings show it.
fn register_get_page(tera: &mut Tera, shared: Arc<TemplateData>) {
    tera.register_function(
        "get_page",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<Value> {
            let path: String = kwargs.must_get("path")?;
            let lang = kwargs
                .get::<String>("lang")?
                .unwrap_or_else(|| current_lang(state, &shared.config));
            let call = Call::Page { path, lang };
            let snapshot = snapshot()?;
            let found = find_page(&snapshot, &call);
            scope::note(call, page_answer(&snapshot, found.clone()), None);
            let id = found.map_err(tera::Error::message)?;
            let library = &snapshot.library;
            Ok(Value::from_serializable(&summary(
                library,
                &snapshot.bodies[id],
                id,
            )))
        },
    );
}

/// `resize_image(path, width, height, op, format, quality)`: one variant of a picture
/// in `content/` or `static/`, planned for the build's batch; its `url`, `width` and
/// `height`.
fn register_resize_image(tera: &mut Tera, shared: Arc<TemplateData>) {
    tera.register_function(
        "resize_image",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let call = Call::Image {
                path: kwargs.must_get::<String>("path")?,
                operation: resize_operation(&kwargs)?,
            };
            let answer = answer(&shared, &*snapshot()?, &call);
            let Answer::Image(planned) = answer else {
                unreachable!("resize_image answers with a picture")
            };
            let planned = planned.map_err(tera::Error::message)?;
            scope::note(call, image_answer(Ok(&planned)), Some(planned.clone()));
            let variant = planned
                .variants
                .first()
                .ok_or_else(|| tera::Error::message("resize_image: nothing to make"))?;
            let mut map = BTreeMap::new();
            map.insert(
                "url",
                Value::from(format!(
                    "{}/{IMAGE_DIR}/{}",
                    shared.config.base_path, variant.file_name
                )),
            );
            map.insert("width", Value::from(variant.width));
            map.insert("height", Value::from(variant.height));
            Ok(Value::from(map))
        },
    );
}

/// What a content-reading call answers.
enum Answer {
    Page(Result<PageId, String>),
    Url(Result<String, String>),
    Image(Result<Planned, String>),
}

impl Answer {
    /// A hash of the answer: what the template was given.
    fn hash(&self, snapshot: &Snapshot) -> u64 {
        match self {
            Answer::Page(found) => page_answer(snapshot, found.clone()),
            Answer::Url(url) => hash_of(url),
            Answer::Image(planned) => image_answer(planned.as_ref()),
        }
    }
}

/// `get_page`'s answer, as its hash: the summary it returns, or its error.
fn page_answer(snapshot: &Snapshot, found: Result<PageId, String>) -> u64 {
    match found {
        Ok(id) => hash_serialized(&summary(&snapshot.library, &snapshot.bodies[id], id)),
        Err(message) => hash_of(&message),
    }
}

fn image_answer(planned: Result<&Planned, &String>) -> u64 {
    match planned {
        Ok(planned) => hash_of(&planned.variants),
        Err(message) => hash_of(message),
    }
}

fn find_page(snapshot: &Snapshot, call: &Call) -> Result<PageId, String> {
    let Call::Page { path, lang } = call else {
        unreachable!("a get_page call")
    };
    lookup(&snapshot.library, path, lang)
        .ok_or_else(|| format!("get_page: no content at `{path}` in {lang}"))
}

/// Answers a call against `snapshot`.
fn answer(data: &TemplateData, snapshot: &Snapshot, call: &Call) -> Answer {
    let library = &snapshot.library;
    match call {
        Call::Page { .. } => Answer::Page(find_page(snapshot, call)),
        Call::Url { path, lang } => Answer::Url(
            lookup(library, path, lang)
                .map(|id| library.page(id).url.clone())
                .or_else(|| {
                    // A section's folder name leads to the section's listing.
                    library
                        .sections
                        .iter()
                        .find(|s| s.name == path.trim_matches('/'))
                        .and_then(|s| s.version(lang))
                        .map(|v| v.url.clone())
                })
                .ok_or_else(|| format!("url_for: no content at `{path}` in {lang}")),
        ),
        Call::Image { path, operation } => {
            Answer::Image(plan_image(data, library, path, operation))
        }
    }
}

/// The hash a call would answer with now: equal to the one noted at render time when
/// nothing it reads changed.
pub fn replay(data: &TemplateData, snapshot: &Snapshot, call: &Call) -> u64 {
    answer(data, snapshot, call).hash(snapshot)
}

/// `resize_image(path, width, height, op, format, quality)`'s operation.
fn resize_operation(kwargs: &Kwargs) -> tera::TeraResult<Operation> {
    let width = kwargs.get::<u32>("width")?;
    let height = kwargs.get::<u32>("height")?;
    let op: ResizeOp = kwargs
        .get::<&str>("op")?
        .unwrap_or("fit")
        .parse()
        .map_err(|e: ImageError| tera::Error::message(e.to_string()))?;
    let format = kwargs
        .get::<&str>("format")?
        .map(str::parse::<Format>)
        .transpose()
        .map_err(|e| tera::Error::message(e.to_string()))?;
    let quality = kwargs.get::<u8>("quality")?;
    Ok(Operation::Resize {
        width,
        height,
        op,
        format,
        quality,
    })
}

/// Plans one variant of a picture in `content/` or `static/` for `resize_image`.
fn plan_image(
    data: &TemplateData,
    library: &Library,
    path: &str,
    operation: &Operation,
) -> Result<Planned, String> {
    let rel = path.trim_start_matches('/');
    let file = library
        .asset_by_rel(rel)
        .map(|asset| asset.file.clone())
        .or_else(|| Some(data.static_dir.join(rel)).filter(|f| f.is_file()))
        .ok_or_else(|| format!("resize_image: no picture `{path}` in content/ or static/"))?;
    data.images
        .plan(&file, operation)
        .map_err(|e| format!("resize_image: {e}"))
}

/// Finds content by path below `content/`: `news/x/index.vi.md`, `news/x` (a bundle) or
/// `about` (a single page), in `lang` when a translation exists.
fn lookup(library: &Library, path: &str, lang: &str) -> Option<usize> {
    let path = path.trim_start_matches("@/").trim_matches('/');
    let candidates = [
        path.to_string(),
        format!("{path}/index.{lang}.md"),
        format!("{path}/index.md"),
        format!("{path}.{lang}.md"),
        format!("{path}.md"),
    ];
    let id = candidates.iter().find_map(|rel| library.page_by_rel(rel))?;
    Some(library.translation_in(id, lang).unwrap_or(id))
}
