//! The terms section: taxonomy terms `i18n/terms.yaml` does not map yet (articles per
//! language, the likely mapping), then per file a translator edits, the mapped terms
//! it lacks or adds beside its source, with counts.

use mekong::check::{SuggestionReason, TermRule, TermsFile, UnmappedTerm};

use super::human::{HumanReport, Style};

impl HumanReport<'_> {
    pub(super) fn terms(&self, out: &mut String) {
        let Some(terms) = &self.report.terms else {
            return;
        };
        let m = self.messages;
        out.push_str(&self.heading(&format!(
            "{} — {}",
            m.get("check-terms"),
            m.with("check-terms-size", &[("terms", terms.mapped.into())])
        )));
        out.push('\n');
        if terms.unmapped.is_empty() && terms.files.is_empty() {
            out.push_str(&format!("  {}\n\n", m.get("check-terms-ok")));
            return;
        }
        if !terms.unmapped.is_empty() {
            out.push_str(&format!(
                "  {}\n",
                m.with(
                    "check-terms-unmapped",
                    &[("count", terms.unmapped.len().into())]
                )
            ));
            for term in &terms.unmapped {
                out.push_str(&format!("    {}\n", self.unmapped(term)));
            }
        }
        for file in &terms.files {
            out.push_str(&format!(
                "  {}: {}\n",
                file.file.display().to_string().replace('\\', "/"),
                self.term_counts(file)
            ));
            for finding in &file.findings {
                let key = match finding.rule {
                    TermRule::Missing => "check-terms-missing",
                    TermRule::Extra => "check-terms-extra",
                };
                let line = m.with(
                    key,
                    &[
                        ("line", finding.at.line.into()),
                        ("column", finding.at.column.into()),
                        ("name", finding.name.as_str().into()),
                        ("taxonomy", finding.taxonomy.as_str().into()),
                        ("key", finding.key.as_str().into()),
                        ("source", finding.source.display().into()),
                    ],
                );
                out.push_str(&format!("    {line}\n"));
            }
        }
        out.push('\n');
    }

    /// `tags "lễ hội" (vi, 1 article) → likely "festivals" (en)`.
    fn unmapped(&self, term: &UnmappedTerm) -> String {
        let m = self.messages;
        let mut line = m.with(
            "check-terms-unmapped-term",
            &[
                ("taxonomy", term.taxonomy.as_str().into()),
                ("name", term.name.as_str().into()),
                ("lang", term.lang.as_str().into()),
                ("count", term.articles.into()),
            ],
        );
        if let Some(suggestion) = &term.suggestion {
            let key = match (suggestion.reason, &suggestion.key) {
                (SuggestionReason::SameSlug, _) => "check-terms-suggest-slug",
                (SuggestionReason::SamePosition, Some(_)) => "check-terms-suggest-position",
                (SuggestionReason::SamePosition, None) => "check-terms-suggest-new",
            };
            let text = m.with(
                key,
                &[
                    ("name", suggestion.name.as_str().into()),
                    ("lang", suggestion.lang.as_str().into()),
                    ("key", suggestion.key.clone().unwrap_or_default().into()),
                ],
            );
            line.push_str(" → ");
            line.push_str(&self.paint(&text, Style::Cyan));
        }
        line
    }

    /// `1 term missing, 2 terms the source lacks`.
    fn term_counts(&self, file: &TermsFile) -> String {
        let m = self.messages;
        let mut parts = Vec::new();
        if file.missing > 0 {
            parts.push(self.paint(
                &m.with("check-terms-n-missing", &[("count", file.missing.into())]),
                Style::Red,
            ));
        }
        if file.extra > 0 {
            parts.push(self.paint(
                &m.with("check-terms-n-extra", &[("count", file.extra.into())]),
                Style::Yellow,
            ));
        }
        parts.join(", ")
    }
}
