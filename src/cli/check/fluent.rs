//! The interface strings section: keys missing in a language, used but defined
//! nowhere, or defined and never used.

use super::human::HumanReport;

impl HumanReport<'_> {
    pub(super) fn fluent(&self, out: &mut String) {
        let m = self.messages;
        let fluent = &self.report.fluent;
        out.push_str(&self.heading(&m.get("check-fluent")));
        out.push('\n');
        let mut lines = Vec::new();
        for (lang, keys) in &fluent.missing {
            if !keys.is_empty() {
                lines.push(m.with(
                    "check-fluent-missing",
                    &[
                        ("lang", lang.as_str().into()),
                        ("keys", keys.join(", ").into()),
                    ],
                ));
            }
        }
        if !fluent.undefined.is_empty() {
            let mut keys: Vec<&str> = fluent.undefined.iter().map(|u| u.key.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            lines.push(m.with(
                "check-fluent-undefined",
                &[("keys", keys.join(", ").into())],
            ));
        }
        if !fluent.unused.is_empty() {
            lines.push(m.with(
                "check-fluent-unused",
                &[("keys", fluent.unused.join(", ").into())],
            ));
            if fluent.computed_keys > 0 {
                lines.push(m.with(
                    "check-fluent-computed",
                    &[("count", fluent.computed_keys.into())],
                ));
            }
        }
        if lines.is_empty() {
            lines.push(m.get("check-fluent-ok"));
        }
        for line in lines {
            out.push_str(&format!("  {line}\n"));
        }
        out.push('\n');
    }
}
