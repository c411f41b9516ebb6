//! Tera set-up: the theme's templates plus the functions and filters they call
//! (`t`, `date`, `asset`, `url_for`, `get_page`), and template errors as diagnostics.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use fluent_bundle::{FluentArgs, FluentValue};
use tera::{Context, Kwargs, State, Tera, Value};

use crate::config::Config;
use crate::content::front_matter::parse_date;
use crate::dates::{DateFormats, DateStyle};
use crate::diagnostics::Diagnostic;
use crate::i18n::I18n;
use crate::images::{Format, ImageError, Operation, Pipeline, Planned, ResizeOp};
use crate::library::Library;
use crate::render::body::IMAGE_DIR;
use crate::theme::Theme;

/// Everything template functions need to answer, shared read-only by render threads.
pub struct TemplateData {
    pub config: Config,
    pub i18n: Arc<I18n>,
    pub dates: Arc<DateFormats>,
    /// Behind a lock so that `serve` can swap in an updated library between renders.
    pub library: RwLock<Arc<Library>>,
    pub images: Arc<Pipeline>,
    /// `static/`, where `resize_image` also looks for pictures.
    pub static_dir: PathBuf,
    /// Pictures `resize_image` planned while rendering; made in the build's image batch.
    pub queue: Mutex<Vec<Planned>>,
    /// Whether any template called `get_page`: what it returns (another page's title
    /// and summary) is not in pages' fingerprints, so `serve` then renders everything.
    pub looked_up_pages: AtomicBool,
}

impl TemplateData {
    pub fn library(&self) -> Arc<Library> {
        Arc::clone(&self.library.read().unwrap_or_else(|e| e.into_inner()))
    }
}

pub struct Templates {
    tera: Tera,
    origins: BTreeMap<String, std::path::PathBuf>,
    data: Option<Arc<TemplateData>>,
}

impl Templates {
    pub fn new(theme: &Theme, data: Arc<TemplateData>) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        register(&mut tera, &data);
        let origins: BTreeMap<String, std::path::PathBuf> = theme
            .templates
            .iter()
            .map(|(name, file)| (name.clone(), file.origin.display()))
            .collect();
        let mut problems = Vec::new();
        let mut sources = Vec::new();
        for (name, file) in &theme.templates {
            match file.text() {
                Ok(text) => sources.push((name.clone(), text.to_string())),
                Err(error) => problems.push(error),
            }
        }
        // Parse each template alone first, so every broken one is reported, not only the first.
        for (name, text) in &sources {
            let mut alone = Tera::new();
            register(&mut alone, &data);
            if let Err(error) = alone.add_raw_template(name, text)
                && is_syntax_error(&error)
            {
                problems.push(to_diagnostic(&error, &origins));
            }
        }
        if problems.is_empty()
            && let Err(error) =
                tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            problems.push(to_diagnostic(&error, &origins));
        }
        if problems.is_empty() {
            Ok(Templates {
                tera,
                origins,
                data: Some(data),
            })
        } else {
            Err(problems)
        }
    }

    /// No templates: stands in for broken ones so later phases can still run.
    pub fn empty() -> Templates {
        Templates {
            tera: Tera::new(),
            origins: BTreeMap::new(),
            data: None,
        }
    }

    /// The pictures templates asked for with `resize_image` so far.
    pub fn queued_images(&self) -> Vec<Planned> {
        self.data
            .as_ref()
            .and_then(|data| data.queue.lock().ok().map(|queue| queue.clone()))
            .unwrap_or_default()
    }

    /// The pictures asked for since the last call, emptying the queue.
    pub fn take_queued_images(&self) -> Vec<Planned> {
        self.data
            .as_ref()
            .and_then(|data| {
                data.queue
                    .lock()
                    .ok()
                    .map(|mut queue| std::mem::take(&mut *queue))
            })
            .unwrap_or_default()
    }

    /// Whether a template called `get_page` so far.
    pub fn looked_up_pages(&self) -> bool {
        self.data
            .as_ref()
            .is_some_and(|data| data.looked_up_pages.load(Ordering::Relaxed))
    }

    /// Has template functions answer from `library` from now on.
    pub fn set_library(&self, library: Arc<Library>) {
        if let Some(data) = &self.data {
            *data.library.write().unwrap_or_else(|e| e.into_inner()) = library;
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders a template to bytes (UTF-8, since every value is text): written as they
    /// are, they need no second pass to check that they are a `String`.
    pub fn render(&self, name: &str, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        let mut output = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(name, context, &mut output)
            .map_err(|error| to_diagnostic(&error, &self.origins))?;
        Ok(output)
    }
}

fn is_syntax_error(error: &tera::Error) -> bool {
    matches!(error.kind(), tera::ErrorKind::SyntaxError(_))
}

/// Finds the innermost report (template, line, column) in a Tera error chain.
fn to_diagnostic(
    error: &tera::Error,
    origins: &BTreeMap<String, std::path::PathBuf>,
) -> Diagnostic {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    let mut messages = Vec::new();
    let mut located = None;
    while let Some(err) = current {
        if let Some(tera_error) = err.downcast_ref::<tera::Error>() {
            match tera_error.kind() {
                tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                    messages.push(report.message().to_string());
                    located = Some((
                        report.filename().to_string(),
                        report.span().start_line,
                        report.span().start_col + 1,
                    ));
                }
                other => messages.push(other.to_string()),
            }
        } else {
            messages.push(err.to_string());
        }
        current = err.source();
    }
    messages.dedup();
    let message = format!("template error: {}", messages.join(": "));
    match located {
        Some((name, line, column)) => {
            let file = origins
                .get(&name)
                .cloned()
                .unwrap_or_else(|| std::path::PathBuf::from(name));
            Diagnostic::error(file, message).at(line, column).with_hint(
                "fix the template; undefined variables need `x?.y` or `x or \"default\"` in Tera 2",
            )
        }
        None => Diagnostic::error("templates", message),
    }
}

fn current_lang(state: &State, config: &Config) -> String {
    state
        .get::<String>("lang")
        .ok()
        .flatten()
        .unwrap_or_else(|| config.default_language.clone())
}

fn register(tera: &mut Tera, data: &Arc<TemplateData>) {
    let shared = Arc::clone(data);
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: String = kwargs.must_get("key")?;
            let lang = kwargs
                .get::<String>("lang")?
                .unwrap_or_else(|| current_lang(state, &shared.config));
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

    let shared = Arc::clone(data);
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
            let lang = kwargs
                .get::<String>("lang")?
                .unwrap_or_else(|| current_lang(state, &shared.config));
            let date = parse_date(value, shared.config.timezone)
                .ok_or_else(|| tera::Error::message(format!("`{value}` is not a date")))?;
            Ok(shared.dates.format(&lang, date.civil().date(), style))
        },
    );

    let shared = Arc::clone(data);
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

    let shared = Arc::clone(data);
    tera.register_function(
        "url_for",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            let lang = kwargs
                .get::<String>("lang")?
                .unwrap_or_else(|| current_lang(state, &shared.config));
            let library = shared.library();
            lookup(&library, path, &lang)
                .map(|id| library.page(id).url.clone())
                .or_else(|| {
                    // A section's folder name leads to the section's listing.
                    library
                        .sections
                        .iter()
                        .find(|s| s.name == path.trim_matches('/'))
                        .and_then(|s| s.version(&lang))
                        .map(|v| v.url.clone())
                })
                .ok_or_else(|| {
                    tera::Error::message(format!("url_for: no content at `{path}` in {lang}"))
                })
        },
    );

    let shared = Arc::clone(data);
    tera.register_function(
        "resize_image",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            resize_image(&shared, &kwargs)
        },
    );

    let shared = Arc::clone(data);
    tera.register_function(
        "get_page",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<Value> {
            let path: &str = kwargs.must_get("path")?;
            let lang = kwargs
                .get::<String>("lang")?
                .unwrap_or_else(|| current_lang(state, &shared.config));
            let library = shared.library();
            let id = lookup(&library, path, &lang).ok_or_else(|| {
                tera::Error::message(format!("get_page: no content at `{path}` in {lang}"))
            })?;
            shared.looked_up_pages.store(true, Ordering::Relaxed);
            let page = library.page(id);
            let mut map = BTreeMap::new();
            map.insert("title", Value::from(page.title()));
            map.insert("url", Value::from(page.url.as_str()));
            map.insert("lang", Value::from(page.lang()));
            map.insert("date", page.source.meta.date.map(|d| d.rfc3339()).into());
            map.insert("summary", page.source.meta.summary.clone().into());
            Ok(Value::from(map))
        },
    );
}

/// `resize_image(path, width, height, op, format, quality)`: plans one variant of a
/// picture in `content/` or `static/`, queues it for the build's batch, and returns its
/// `url`, `width` and `height`.
fn resize_image(data: &TemplateData, kwargs: &Kwargs) -> tera::TeraResult<Value> {
    let path: &str = kwargs.must_get("path")?;
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
    let rel = path.trim_start_matches('/');
    let file = data
        .library()
        .asset_by_rel(rel)
        .map(|asset| asset.file.clone())
        .or_else(|| Some(data.static_dir.join(rel)).filter(|f| f.is_file()))
        .ok_or_else(|| {
            tera::Error::message(format!(
                "resize_image: no picture `{path}` in content/ or static/"
            ))
        })?;
    let operation = Operation::Resize {
        width,
        height,
        op,
        format,
        quality,
    };
    let planned = data
        .images
        .plan(&file, &operation)
        .map_err(|e| tera::Error::message(format!("resize_image: {e}")))?;
    let variant = planned
        .variants
        .first()
        .cloned()
        .ok_or_else(|| tera::Error::message("resize_image: nothing to make"))?;
    if let Ok(mut queue) = data.queue.lock() {
        queue.push(planned);
    }
    let mut map = BTreeMap::new();
    map.insert(
        "url",
        Value::from(format!(
            "{}/{IMAGE_DIR}/{}",
            data.config.base_path, variant.file_name
        )),
    );
    map.insert("width", Value::from(variant.width));
    map.insert("height", Value::from(variant.height));
    Ok(Value::from(map))
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

/// Builds a template context from named values.
pub fn context(values: impl IntoIterator<Item = (&'static str, Value)>) -> Context {
    let mut context = Context::new();
    for (key, value) in values {
        context.insert_value(key, value);
    }
    context
}
