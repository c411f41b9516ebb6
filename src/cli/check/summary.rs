//! The report's last lines: what was asked of other sites, then the counts of pages,
//! errors and warnings, and what `--strict` made of the warnings.

use mekong::Severity;
use mekong::check::ExternalSummary;

use super::human::{HumanReport, Style};
use crate::cli::messages::Messages;

impl HumanReport<'_> {
    pub(super) fn summary(&self, out: &mut String, seconds: f64, strict: bool) {
        let m = self.messages;
        let report = self.report;
        if let Some(external) = &report.external {
            out.push_str(&external_summary(m, external));
            out.push('\n');
        }
        let errors = m.with(
            "check-errors",
            &[("count", report.count(Severity::Error).into())],
        );
        let warnings = m.with(
            "check-warnings",
            &[("count", report.count(Severity::Warning).into())],
        );
        let errors = match report.count(Severity::Error) {
            0 => errors,
            _ => self.paint(&errors, Style::Red),
        };
        let warnings = match report.count(Severity::Warning) {
            0 => warnings,
            _ => self.paint(&warnings, Style::Yellow),
        };
        out.push_str(&m.with(
            "check-summary",
            &[
                ("pages", report.pages.into()),
                ("seconds", format!("{seconds:.2}").into()),
                ("errors", errors.into()),
                ("warnings", warnings.into()),
            ],
        ));
        out.push('\n');
        if strict && report.count(Severity::Warning) > 0 {
            out.push_str(&m.get("check-summary-strict"));
            out.push('\n');
        }
    }
}

/// `Links to other sites: 12 checked, 9 of them answered from the cache.`
fn external_summary(m: &Messages, external: &ExternalSummary) -> String {
    let key = "check-external-summary";
    let text = m.with(
        key,
        &[
            ("links", external.links.into()),
            ("cached", external.from_cache.into()),
        ],
    );
    if text != key {
        return text;
    }
    // Not in messages/*.ftl yet: English until it is.
    match (external.links, external.from_cache) {
        (0, _) => "Links to other sites: none.".to_string(),
        (links, 0) => format!("Links to other sites: {links} checked."),
        (links, cached) => {
            format!(
                "Links to other sites: {links} checked, {cached} of them answered from the cache."
            )
        }
    }
}
