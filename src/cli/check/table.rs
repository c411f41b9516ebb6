//! The translation table: a row per page that needs attention (every page with
//! `--all`), a column per language, and each language's totals under it. A page whose
//! files have glossary or terms findings needs attention too: a last column counts
//! them per file, that is per language.

use mekong::check::{Status, Tally, TranslationRow, Version};

use super::human::{HumanReport, Style};
use crate::cli::messages::Messages;

impl HumanReport<'_> {
    pub(super) fn translations(&self, out: &mut String) {
        let m = self.messages;
        let report = self.report;
        out.push_str(&self.heading(&format!(
            "{} — {}",
            m.get("check-translations"),
            m.with(
                "check-translations-size",
                &[
                    ("pages", report.translations.len().into()),
                    ("languages", report.languages.len().into()),
                ]
            )
        )));
        out.push_str("\n\n");
        if report.translations.is_empty() {
            out.push_str(&format!("  {}\n\n", m.get("check-no-pages")));
            return;
        }
        let shown: Vec<&TranslationRow> = report
            .translations
            .iter()
            .filter(|row| self.all || !row.is_complete() || row.has_notes())
            .collect();
        let hidden = report.translations.len() - shown.len();
        if !shown.is_empty() {
            self.table(out, &shown);
        }
        if hidden > 0 {
            if !report.translations.is_empty() && hidden < report.translations.len() {
                out.push('\n');
            }
            out.push_str(&format!(
                "  {}\n",
                m.with("check-hidden-rows", &[("count", hidden.into())])
            ));
        }
        out.push('\n');
        self.totals(out);
        out.push('\n');
    }

    /// The header and the `shown` rows, each cell coloured by its status.
    fn table(&self, out: &mut String, shown: &[&TranslationRow]) {
        let m = self.messages;
        let widths = Widths::of(m, &self.report.languages, shown);
        let mut header = format!(
            "  {}  {}",
            pad(&m.get("check-column-page"), widths.page),
            pad(&m.get("check-column-kind"), widths.kind)
        );
        for lang in &self.report.languages {
            header.push_str("  ");
            header.push_str(&pad(lang, widths.cell));
        }
        let notes = shown.iter().any(|row| row.has_notes());
        if notes {
            header.push_str("  ");
            header.push_str(&m.get("check-column-notes"));
        }
        out.push_str(&self.paint(header.trim_end(), Style::Dim));
        out.push('\n');
        for row in shown {
            let mut line = format!(
                "  {}  {}",
                pad(&row.page, widths.page),
                pad(&kind_text(m, row), widths.kind)
            );
            for version in &row.versions {
                let text = pad(&cell_text(m, version), widths.cell);
                let style = match version.status {
                    Status::Source => Style::Dim,
                    Status::Ok => Style::Green,
                    Status::Stale => Style::Yellow,
                    Status::Untracked => Style::Cyan,
                    Status::Draft => Style::Magenta,
                    Status::Missing => Style::Red,
                };
                line.push_str("  ");
                line.push_str(&self.paint(&text, style));
            }
            if notes {
                let cell: Vec<String> = row
                    .versions
                    .iter()
                    .filter(|v| v.has_notes())
                    .map(|v| format!("{}: {}", v.lang, self.notes(v.glossary, v.terms)))
                    .collect();
                line.push_str("  ");
                line.push_str(&cell.join("; "));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }

    /// A line per language: its articles, then its other pages when there are any.
    fn totals(&self, out: &mut String) {
        for totals in &self.report.totals {
            let mut line = format!(
                "  {}: {}",
                totals.lang,
                self.tally("check-articles", &totals.articles)
            );
            if totals.other.total > 0 {
                line.push_str("; ");
                line.push_str(&self.tally("check-other-pages", &totals.other));
            }
            let (glossary, terms) = self
                .report
                .translations
                .iter()
                .filter_map(|row| row.version(&totals.lang))
                .fold((0, 0), |(g, t), v| (g + v.glossary, t + v.terms));
            if glossary + terms > 0 {
                line.push_str("; ");
                line.push_str(&self.notes(glossary, terms));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }

    /// `glossary 2, terms 1`: the findings to look at, those there are.
    fn notes(&self, glossary: usize, terms: usize) -> String {
        let m = self.messages;
        let mut parts = Vec::new();
        if glossary > 0 {
            parts.push(self.paint(
                &m.with("check-notes-glossary", &[("count", glossary.into())]),
                Style::Yellow,
            ));
        }
        if terms > 0 {
            parts.push(self.paint(
                &m.with("check-notes-terms", &[("count", terms.into())]),
                Style::Yellow,
            ));
        }
        parts.join(", ")
    }

    /// `41 of 57 articles, 3 stale, 1 draft`.
    fn tally(&self, key: &str, tally: &Tally) -> String {
        let m = self.messages;
        let mut parts = vec![m.with(
            key,
            &[
                ("translated", tally.translated.into()),
                ("total", tally.total.into()),
            ],
        )];
        for (key, count, style) in [
            ("check-n-stale", tally.stale, Style::Yellow),
            ("check-n-untracked", tally.untracked, Style::Cyan),
            ("check-n-draft", tally.draft, Style::Magenta),
            ("check-n-missing", tally.missing, Style::Red),
        ] {
            if count > 0 {
                parts.push(self.paint(&m.with(key, &[("count", count.into())]), style));
            }
        }
        parts.join(", ")
    }
}

/// How wide the columns are, in characters: as wide as their widest cell or heading.
/// Every language column has one width, so that any status fits in any of them.
struct Widths {
    page: usize,
    kind: usize,
    cell: usize,
}

impl Widths {
    fn of(m: &Messages, languages: &[String], shown: &[&TranslationRow]) -> Widths {
        let page = shown
            .iter()
            .map(|row| row.page.chars().count())
            .chain([m.get("check-column-page").chars().count()])
            .max()
            .unwrap_or(0);
        let kind = shown
            .iter()
            .map(|row| kind_text(m, row).chars().count())
            .chain([m.get("check-column-kind").chars().count()])
            .max()
            .unwrap_or(0);
        let cell = [
            Status::Source,
            Status::Ok,
            Status::Stale,
            Status::Untracked,
            Status::Draft,
            Status::Missing,
        ]
        .iter()
        .map(|&s| status_text(m, s).chars().count())
        .chain(
            shown
                .iter()
                .flat_map(|row| &row.versions)
                .map(|v| cell_text(m, v).chars().count()),
        )
        .chain(languages.iter().map(|l| l.chars().count()))
        .max()
        .unwrap_or(0);
        Widths { page, kind, cell }
    }
}

fn status_text(m: &Messages, status: Status) -> String {
    m.get(&format!("check-status-{}", status.name()))
}

/// A stale draft says both: the translator is still at it, and the source moved.
fn cell_text(m: &Messages, version: &Version) -> String {
    if version.status == Status::Stale && version.draft {
        format!(
            "{}, {}",
            status_text(m, Status::Draft),
            status_text(m, Status::Stale)
        )
    } else {
        status_text(m, version.status)
    }
}

fn kind_text(m: &Messages, row: &TranslationRow) -> String {
    m.get(&format!("check-kind-{}", row.kind.name()))
}

/// Left-aligned in `width` characters.
fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(len)))
}
