//! Tera set-up: the theme's templates plus the functions and filters they call
//! (`t`, `date`, `asset`, `url_for`, `get_page`, `resize_image`), and template errors as
//! diagnostics.

mod functions;
pub mod scope;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use tera::{Context, Tera};

use crate::config::Config;
use crate::dates::DateFormats;
use crate::diagnostics::Diagnostic;
use crate::i18n::I18n;
use crate::images::Pipeline;
use crate::theme::Theme;
use functions::register;
pub use functions::replay;

/// The settings template functions answer from, shared read-only by render threads.
/// The content they read comes with each render (see [`scope`]).
pub struct TemplateData {
    pub config: Config,
    pub i18n: Arc<I18n>,
    pub dates: Arc<DateFormats>,
    pub images: Arc<Pipeline>,
    /// `static/`, where `resize_image` also looks for pictures.
    pub static_dir: PathBuf,
}

pub struct Templates {
    tera: Tera,
    origins: BTreeMap<String, std::path::PathBuf>,
    /// The settings functions read (kept for [`replay`]).
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
            problems.extend(to_diagnostics(&error, &origins));
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

    /// The settings its functions answer from (none for stand-in templates).
    pub fn data(&self) -> Option<&TemplateData> {
        self.data.as_deref()
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
    to_diagnostics(error, origins).remove(0)
}

/// The diagnostics of a Tera error: the innermost located report of its chain, or each
/// report of a load-time check (unknown filters, functions and included templates, all
/// found in one pass and handed over as text), each at its template, line and column.
fn to_diagnostics(
    error: &tera::Error,
    origins: &BTreeMap<String, std::path::PathBuf>,
) -> Vec<Diagnostic> {
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
    let file_of = |name: &str| {
        origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| std::path::PathBuf::from(name))
    };
    if let Some((name, line, column)) = located {
        let message = format!("template error: {}", messages.join(": "));
        let hint = hint_for(&message);
        return vec![
            Diagnostic::error(file_of(&name), message)
                .at(line, column)
                .with_hint(hint),
        ];
    }
    let reports: Vec<Diagnostic> = messages
        .iter()
        .flat_map(|text| rendered_reports(text))
        .map(|(message, name, line, column)| {
            let message = format!("template error: {message}");
            let hint = hint_for(&message);
            Diagnostic::error(file_of(&name), message)
                .at(line, column)
                .with_hint(hint)
        })
        .collect();
    if reports.is_empty() {
        vec![Diagnostic::error(
            "templates",
            format!("template error: {}", messages.join(": ")),
        )]
    } else {
        reports
    }
}

/// `(message, template, line, column)` of each report in a text of reports Tera wrote
/// (`error: MESSAGE`, then `--> NAME:LINE:COLUMN` and the source lines).
fn rendered_reports(text: &str) -> Vec<(String, String, usize, usize)> {
    let mut found = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("error: ") {
            message = Some(rest);
        } else if let Some(place) = trimmed.strip_prefix("--> ")
            && let Some(said) = message.take()
        {
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.trim().parse().ok());
            let line = parts.next().and_then(|l| l.parse().ok());
            if let (Some(column), Some(line), Some(name)) = (column, line, parts.next()) {
                found.push((said.to_string(), name.to_string(), line, column));
            }
        }
    }
    found
}

/// What to do about a template error, by what it says.
fn hint_for(message: &str) -> &'static str {
    if message.contains("is not defined") || message.contains("not found in context") {
        "undefined values need `x?.y` or `x or \"default\"` in Tera 2; check the spelling against the template variables in the README"
    } else if message.contains("Unknown template") {
        "check the name: templates are looked up in the site's templates/, then the theme's"
    } else if message.contains("Unknown filter")
        || message.contains("Unknown function")
        || message.contains("Unknown test")
    {
        "check the spelling: mekong adds t, date, asset, url_for, get_page and resize_image to Tera's own"
    } else if message.contains("no Fluent message") {
        "add the key to i18n/LANG.ftl for every language, or correct its name"
    } else {
        "fix the template at this place"
    }
}
