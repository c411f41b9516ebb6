//! The glossary section: per file a translator edits, the names it leaves out and the
//! spellings the glossary avoids, with counts.

use std::path::Path;

use mekong::check::{FindingKind, GlossaryFile, GlossaryRule};

use super::human::{HumanReport, Style};

impl HumanReport<'_> {
    pub(super) fn glossary(&self, out: &mut String) {
        let Some(glossary) = &self.report.glossary else {
            return;
        };
        let m = self.messages;
        out.push_str(&self.heading(&format!(
            "{} — {}",
            m.get("check-glossary"),
            m.with(
                "check-glossary-size",
                &[("entries", glossary.entries.into())]
            )
        )));
        out.push('\n');
        if glossary.files.is_empty() {
            out.push_str(&format!("  {}\n\n", m.get("check-glossary-ok")));
            return;
        }
        for file in &glossary.files {
            out.push_str(&format!("  {}: {}\n", slash(&file.file), self.counts(file)));
            for line in self.lines(file) {
                out.push_str(&format!("    {line}\n"));
            }
        }
        out.push('\n');
    }

    /// `2 names missing, 1 avoided spelling`.
    fn counts(&self, file: &GlossaryFile) -> String {
        let m = self.messages;
        let mut parts = Vec::new();
        if file.missing > 0 {
            parts.push(self.paint(
                &m.with(
                    "check-glossary-n-missing",
                    &[("count", file.missing.into())],
                ),
                Style::Red,
            ));
        }
        if file.avoided > 0 {
            parts.push(self.paint(
                &m.with(
                    "check-glossary-n-avoided",
                    &[("count", file.avoided.into())],
                ),
                Style::Yellow,
            ));
        }
        parts.join(", ")
    }

    /// One line per finding in `file`, top to bottom.
    fn lines(&self, file: &GlossaryFile) -> Vec<String> {
        let m = self.messages;
        self.report
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Glossary && f.diagnostic.file == file.file)
            .filter_map(|f| Some((&f.diagnostic, f.glossary.as_ref()?)))
            .map(|(diagnostic, finding)| {
                let expected = finding.expected.clone().unwrap_or_default();
                match finding.rule {
                    GlossaryRule::Missing => {
                        let (source, named) = finding
                            .source
                            .clone()
                            .expect("a missing form names its source");
                        m.with(
                            "check-glossary-missing",
                            &[
                                ("form", expected.into()),
                                ("entry", finding.entry.as_str().into()),
                                ("named", named.into()),
                                ("source", source.display().into()),
                            ],
                        )
                    }
                    GlossaryRule::Avoided => {
                        let written = finding.written.clone().unwrap_or_default();
                        let key = if finding.expected.is_some() {
                            "check-glossary-avoided"
                        } else {
                            "check-glossary-avoided-no-form"
                        };
                        m.with(
                            key,
                            &[
                                ("line", diagnostic.line.into()),
                                ("column", diagnostic.column.into()),
                                ("written", written.into()),
                                ("form", expected.into()),
                                ("entry", finding.entry.as_str().into()),
                            ],
                        )
                    }
                }
            })
            .collect()
    }
}

fn slash(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}
