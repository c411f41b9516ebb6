//! Partials rendered once for many pages. Every article and archive page shows its
//! month's calendar, and all the pages showing one month with one day marked show the
//! same: the theme's `partials/calendar.html` is rendered for the first of them and
//! handed to the others as `calendar_html`, instead of through Tera on each.

use std::sync::{Arc, OnceLock};

use super::RenderInput;
use super::calendar::{CalendarRef, Calendars};
use super::templates::scope::{self, Calls};
use super::views::Common;
use crate::diagnostics::Diagnostic;

/// The theme's calendar partial.
pub const CALENDAR: &str = "partials/calendar.html";

/// A partial as rendered once.
pub struct Rendered {
    /// The HTML, a safe string: templates write it as it is.
    pub html: tera::Value,
    /// What the partial's template functions read, added to each page showing it.
    pub calls: Calls,
}

/// The partials of one render, by what they show, each made by the first page asking.
pub struct Partials {
    /// By [`CalendarRef::slot`].
    calendars: Vec<OnceLock<Result<Arc<Rendered>, Diagnostic>>>,
}

impl Partials {
    /// Room for every calendar of `calendars`, none rendered yet.
    pub fn new(calendars: &Calendars) -> Partials {
        Partials {
            calendars: (0..calendars.slots()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// `calendar_html` for a page showing `calendar`: the partial rendered with the
    /// calendar and the `lang`, `site` and `config` of the page's `common` part, by the
    /// first page asking. `None` when the theme has no calendar partial.
    pub fn calendar(
        &self,
        input: &RenderInput,
        calendar: &CalendarRef,
        common: &Common,
    ) -> Result<Option<Arc<Rendered>>, Diagnostic> {
        let Some(slot) = self.calendars.get(calendar.slot()) else {
            return Ok(None);
        };
        if !input.templates.has(CALENDAR) {
            return Ok(None);
        }
        let made = slot.get_or_init(|| {
            let mut context = tera::Context::new();
            context.insert_value("calendar", calendar.value().clone());
            context.insert("lang", common.lang);
            context.insert("site", &*common.site);
            context.insert("config", common.config);
            let (html, calls) = scope::in_scope(&input.snapshot, || {
                input.templates.render(CALENDAR, &context)
            });
            let html = String::from_utf8(html?).map_err(|_| {
                Diagnostic::error(
                    "templates",
                    format!("{CALENDAR} wrote text that is not UTF-8"),
                )
            })?;
            Ok(Arc::new(Rendered {
                html: tera::Value::safe_string(&html),
                calls,
            }))
        });
        made.clone().map(Some)
    }
}
