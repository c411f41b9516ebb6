//! The report for people: which sections it has and in what order, and the colours
//! they are painted in on a terminal.

use mekong::check::CheckReport;

use crate::cli::messages::Messages;

/// The human report: translation table, interface strings, problems by kind, summary.
pub(super) struct HumanReport<'a> {
    pub report: &'a CheckReport,
    pub messages: &'a Messages,
    pub color: bool,
    pub all: bool,
}

#[derive(Clone, Copy)]
pub(super) enum Style {
    Bold,
    Dim,
    Green,
    Yellow,
    Red,
    Cyan,
    Magenta,
}

impl HumanReport<'_> {
    pub(super) fn paint(&self, text: &str, style: Style) -> String {
        if !self.color {
            return text.to_string();
        }
        let code = match style {
            Style::Bold => "1",
            Style::Dim => "2",
            Style::Green => "32",
            Style::Yellow => "33",
            Style::Red => "31",
            Style::Cyan => "36",
            Style::Magenta => "35",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }

    pub(super) fn heading(&self, text: &str) -> String {
        self.paint(text, Style::Bold)
    }

    pub(super) fn render(&self, seconds: f64, strict: bool) -> String {
        let mut out = String::new();
        if !self.report.languages.is_empty() {
            self.translations(&mut out);
            self.glossary(&mut out);
            self.terms(&mut out);
            self.fluent(&mut out);
        }
        self.problems(&mut out);
        self.summary(&mut out, seconds, strict);
        out
    }
}
