//! The problems: each on standard error with its source line, then a count per kind in
//! the report.

use std::path::Path;

use mekong::Severity;
use mekong::check::{CheckReport, FindingKind, LEFTOVER_SOURCE_TEXT};

use super::human::{HumanReport, Style};
use crate::cli::messages::Messages;
use crate::cli::report::print_each;

/// Every problem except the translations the table shows (missing, stale, untracked),
/// on standard error. Source text left in a published translation is shown: the table
/// calls that translation done.
pub(super) fn print_problems(root: &Path, report: &CheckReport) {
    print_each(
        root,
        report
            .findings
            .iter()
            .filter(|f| {
                f.kind != FindingKind::Translation || f.diagnostic.message == LEFTOVER_SOURCE_TEXT
            })
            .map(|f| &f.diagnostic),
    );
}

impl HumanReport<'_> {
    pub(super) fn problems(&self, out: &mut String) {
        let m = self.messages;
        let report = self.report;
        out.push_str(&self.heading(&m.get("check-problems")));
        out.push('\n');
        let mut any = false;
        for kind in FindingKind::ALL {
            let errors = report.count_kind(kind, Severity::Error);
            let warnings = report.count_kind(kind, Severity::Warning);
            if errors + warnings == 0 {
                continue;
            }
            any = true;
            let mut counts = Vec::new();
            if errors > 0 {
                counts.push(self.paint(
                    &m.with("check-errors", &[("count", errors.into())]),
                    Style::Red,
                ));
            }
            if warnings > 0 {
                counts.push(self.paint(
                    &m.with("check-warnings", &[("count", warnings.into())]),
                    Style::Yellow,
                ));
            }
            out.push_str(&format!(
                "  {}: {}\n",
                kind_label(m, kind),
                counts.join(", ")
            ));
        }
        if any {
            let only_translations = report
                .findings
                .iter()
                .all(|f| f.kind == FindingKind::Translation);
            let key = if only_translations {
                "check-problems-in-table"
            } else {
                "check-problems-where"
            };
            out.push_str(&format!("  {}\n", self.paint(&m.get(key), Style::Dim)));
        } else {
            out.push_str(&format!("  {}\n", m.get("check-problems-none")));
        }
        out.push('\n');
    }
}

/// The heading of a kind of problem in the summary.
fn kind_label(m: &Messages, kind: FindingKind) -> String {
    let key = format!("check-kind-{}", kind.name());
    match m.get(&key) {
        // Not in messages/*.ftl yet: English until it is.
        label if label == key && kind == FindingKind::External => {
            "links to other sites".to_string()
        }
        label => label,
    }
}
