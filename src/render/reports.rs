//! Render problems as the editor reads them: each once.

use crate::diagnostics::Diagnostic;

/// One broken template fails every page that uses it: each problem is reported once.
pub(super) fn once_each(mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // A template mistake fails every page it renders, each naming its page: one report
    // names the first page and counts the others.
    let said = |p: &Diagnostic| -> (String, Option<String>) {
        match p.message.rsplit_once(RENDERING) {
            Some((said, page)) if page.ends_with(')') => (
                said.to_string(),
                Some(page.trim_end_matches(')').to_string()),
            ),
            _ => (p.message.clone(), None),
        }
    };
    problems.sort_by_cached_key(|p| (p.file.clone(), p.line, p.column, said(p)));
    let mut once: Vec<(Diagnostic, usize)> = Vec::with_capacity(problems.len());
    for problem in problems {
        match once.last_mut() {
            Some((last, more))
                if last.file == problem.file
                    && last.line == problem.line
                    && last.column == problem.column
                    && said(last).0 == said(&problem).0 =>
            {
                *more += usize::from(said(&problem).1 != said(last).1);
            }
            _ => once.push((problem, 0)),
        }
    }
    once.into_iter()
        .map(|(mut problem, more)| {
            if more > 0 {
                let others = if more == 1 { "page" } else { "pages" };
                problem.message = format!(
                    "{} and {more} other {others})",
                    problem.message.trim_end_matches(')')
                );
            }
            problem
        })
        .collect()
}

/// How a page's render error names the page: `MESSAGE (rendering FILE)`.
pub(super) const RENDERING: &str = " (rendering ";

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(page: &str, line: usize) -> Diagnostic {
        Diagnostic::error(
            "templates/page.html",
            format!("template error: Field `titel` is not defined{RENDERING}content/{page}.md)"),
        )
        .at(line, 41)
    }

    #[test]
    fn one_template_mistake_on_many_pages_is_one_report_counting_them() {
        let problems = once_each(vec![
            failed("b", 11),
            failed("a", 11),
            failed("c", 11),
            failed("a", 12),
            Diagnostic::error("content/x.md", "broken link").at(3, 1),
            Diagnostic::error("content/x.md", "broken link").at(3, 1),
        ]);
        let said: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            said,
            [
                "broken link",
                "template error: Field `titel` is not defined (rendering content/a.md and 2 other pages)",
                "template error: Field `titel` is not defined (rendering content/a.md)",
            ]
        );
    }
}
