//! `mekong check`: the report for people (a table, colours on a terminal) or for tools
//! (`--format json`), and the translator's `--stamp` and `--diff`. `--external` also
//! asks other sites about the links to them.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use mekong::Severity;
use mekong::check::{
    CheckOptions, CheckReport, DiffState, ExternalOptions, ExternalSummary, FindingKind,
    ParagraphChange, SourceDiff, Status, Tally, TranslationRow, Version,
};

use super::CONTENT_ERROR;
use super::messages::Messages;
use super::report::{Progress, print_each};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A report for people: a translation table and the problems with their source lines.
    Human,
    /// One JSON document on standard output, for CI and other tools.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Count warnings (missing or stale translations, missing interface strings, missing
    /// alt text, unused files, links to other sites with --external) as errors.
    #[arg(long)]
    strict: bool,
    /// How to write the report.
    #[arg(long, value_enum, default_value_t = Format::Human, value_name = "FORMAT")]
    format: Format,
    /// List every page in the translation table, not only those that need attention.
    #[arg(long)]
    all: bool,
    /// Mark the translation in FILE as following its source's current text (rewrites
    /// only its `source_hash:` line). May be given several times.
    #[arg(long, value_name = "FILE", conflicts_with = "diff")]
    stamp: Vec<PathBuf>,
    /// Show what changed in the source since the translation in FILE was made (needs
    /// the site in git).
    #[arg(long, value_name = "FILE")]
    diff: Option<PathBuf>,
    /// Also ask other sites whether the links to them work (off by default: it needs
    /// the network and takes time). Answers are kept in .mekong-cache/links.json.
    #[arg(long)]
    external: bool,
    /// With --external: give up on a link after SECS seconds.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 10,
        requires = "external",
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    timeout: u64,
    /// With --external: ask about at most N links at once.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 8,
        requires = "external",
        value_parser = clap::value_parser!(u16).range(1..)
    )]
    concurrency: u16,
    /// With --external: reuse answers younger than HOURS hours without asking again
    /// (0 asks every link again).
    #[arg(
        long,
        value_name = "HOURS",
        default_value_t = 24,
        requires = "external"
    )]
    external_max_age: u64,
}

impl CheckArgs {
    pub fn run(self, root: &Path, ui_lang: &str) -> ExitCode {
        let CheckArgs {
            strict,
            format,
            all,
            stamp,
            diff,
            external,
            timeout,
            concurrency,
            external_max_age,
        } = self;
        let messages = Messages::new(ui_lang);
        if !stamp.is_empty() {
            return run_stamp(root, &stamp);
        }
        if let Some(file) = diff {
            return run_diff(root, &file);
        }
        let started = Instant::now();
        let progress = Progress::new();
        let options = CheckOptions {
            external: external.then(|| ExternalOptions {
                timeout: Duration::from_secs(timeout),
                concurrency: usize::from(concurrency),
                max_age: Duration::from_secs(external_max_age.saturating_mul(3600)),
            }),
        };
        let report = mekong::check::check_with(root, &options, &progress);
        progress.finish();
        let errors = report.count(Severity::Error);
        let warnings = report.count(Severity::Warning);
        match format {
            Format::Json => {
                let json = serde_json::to_string_pretty(&report.to_json())
                    .expect("a JSON value serialises");
                println!("{json}");
            }
            Format::Human => {
                print_problems(root, &report);
                let color =
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                let text = HumanReport {
                    report: &report,
                    messages: &messages,
                    color,
                    all,
                }
                .render(started.elapsed().as_secs_f64(), strict);
                print!("{text}");
            }
        }
        if errors > 0 || (strict && warnings > 0) {
            ExitCode::from(CONTENT_ERROR)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// A file named on the command line: as given when it exists (relative to the current
/// folder), else relative to the site's root.
fn resolve(root: &Path, written: &Path) -> PathBuf {
    if written.is_absolute() || written.exists() {
        written.to_path_buf()
    } else {
        root.join(written)
    }
}

fn run_stamp(root: &Path, files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for written in files {
        match mekong::check::stamp(root, &resolve(root, written)) {
            Ok(stamped) if stamped.changed => println!(
                "Stamped {}: source_hash \"{}\" (follows {} as it is now).",
                slash(&stamped.file),
                stamped.source_hash,
                slash(&stamped.source)
            ),
            Ok(stamped) => println!(
                "{} already follows {} (source_hash \"{}\"); nothing changed.",
                slash(&stamped.file),
                slash(&stamped.source),
                stamped.source_hash
            ),
            Err(problems) => {
                print_each(root, problems.iter());
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(CONTENT_ERROR)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_diff(root: &Path, written: &Path) -> ExitCode {
    match mekong::check::source_diff(root, &resolve(root, written)) {
        Ok(diff) => {
            print!("{}", render_diff(&diff));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_each(root, problems.iter());
            ExitCode::from(CONTENT_ERROR)
        }
    }
}

fn render_diff(diff: &SourceDiff) -> String {
    let (file, source) = (slash(&diff.file), slash(&diff.source));
    let stale = if diff.draft {
        "stale (and still a draft)"
    } else {
        "stale"
    };
    match &diff.state {
        DiffState::UpToDate => format!("{file} is up to date: it follows {source} as it is now.\n"),
        DiffState::Untracked => format!(
            "{file} is untracked: it has no source_hash, so nothing tells which text of {source} it follows.\n\
             Once it matches the source, `mekong check --stamp {file}` starts tracking it.\n"
        ),
        DiffState::NoEarlierVersion => {
            format!("{file} is {stale} (no earlier version found to compare).\n")
        }
        DiffState::Changed {
            commit,
            date,
            title,
            summary,
            paragraphs,
        } => {
            let short = &commit[..commit.len().min(10)];
            let mut out = format!(
                "{file} is {stale}: it follows {source} as of commit {short} ({date}). Changed since:\n"
            );
            for (field, change) in [("title", title), ("summary", summary)] {
                if let Some(change) = change {
                    out.push_str(&format!(
                        "\n{field}:\n  - {}\n  + {}\n",
                        change.old, change.new
                    ));
                }
            }
            for change in paragraphs {
                match change {
                    ParagraphChange::Changed { at, old, new } => {
                        out.push_str(&format!(
                            "\nparagraph {at} changed:\n  - {old}\n  + {new}\n"
                        ));
                    }
                    ParagraphChange::Added { at, text } => {
                        out.push_str(&format!("\nparagraph {at} added:\n  + {text}\n"));
                    }
                    ParagraphChange::Removed { at, text } => {
                        out.push_str(&format!(
                            "\nparagraph {at} (of the earlier text) removed:\n  - {text}\n"
                        ));
                    }
                }
            }
            if title.is_none() && summary.is_none() && paragraphs.is_empty() {
                out.push_str("\n(only formatting changed)\n");
            }
            out
        }
    }
}

/// Every problem except translations (which the table shows), on standard error.
fn print_problems(root: &Path, report: &CheckReport) {
    print_each(
        root,
        report
            .findings
            .iter()
            .filter(|f| f.kind != FindingKind::Translation)
            .map(|f| &f.diagnostic),
    );
}

fn slash(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

/// The human report: translation table, interface strings, problems by kind, summary.
struct HumanReport<'a> {
    report: &'a CheckReport,
    messages: &'a Messages,
    color: bool,
    all: bool,
}

#[derive(Clone, Copy)]
enum Style {
    Bold,
    Dim,
    Green,
    Yellow,
    Red,
    Cyan,
    Magenta,
}

impl HumanReport<'_> {
    fn paint(&self, text: &str, style: Style) -> String {
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

    fn heading(&self, text: &str) -> String {
        self.paint(text, Style::Bold)
    }

    fn render(&self, seconds: f64, strict: bool) -> String {
        let mut out = String::new();
        if !self.report.languages.is_empty() {
            self.translations(&mut out);
            self.fluent(&mut out);
        }
        self.problems(&mut out);
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
        out
    }

    fn translations(&self, out: &mut String) {
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
            .filter(|row| self.all || !row.is_complete())
            .collect();
        let hidden = report.translations.len() - shown.len();
        if !shown.is_empty() {
            let status_text = |status: Status| m.get(&format!("check-status-{}", status.name()));
            // A stale draft says both: the translator is still at it, and the source moved.
            let cell_text = |version: &Version| {
                if version.status == Status::Stale && version.draft {
                    format!(
                        "{}, {}",
                        status_text(Status::Draft),
                        status_text(Status::Stale)
                    )
                } else {
                    status_text(version.status)
                }
            };
            let kind_text =
                |row: &TranslationRow| m.get(&format!("check-kind-{}", row.kind.name()));
            let page_width = shown
                .iter()
                .map(|row| row.page.chars().count())
                .chain([m.get("check-column-page").chars().count()])
                .max()
                .unwrap_or(0);
            let kind_width = shown
                .iter()
                .map(|row| kind_text(row).chars().count())
                .chain([m.get("check-column-kind").chars().count()])
                .max()
                .unwrap_or(0);
            let cell_width = [
                Status::Source,
                Status::Ok,
                Status::Stale,
                Status::Untracked,
                Status::Draft,
                Status::Missing,
            ]
            .iter()
            .map(|&s| status_text(s).chars().count())
            .chain(
                shown
                    .iter()
                    .flat_map(|row| &row.versions)
                    .map(|v| cell_text(v).chars().count()),
            )
            .chain(report.languages.iter().map(|l| l.chars().count()))
            .max()
            .unwrap_or(0);
            let mut header = format!(
                "  {}  {}",
                pad(&m.get("check-column-page"), page_width),
                pad(&m.get("check-column-kind"), kind_width)
            );
            for lang in &report.languages {
                header.push_str("  ");
                header.push_str(&pad(lang, cell_width));
            }
            out.push_str(&self.paint(header.trim_end(), Style::Dim));
            out.push('\n');
            for row in shown {
                let mut line = format!(
                    "  {}  {}",
                    pad(&row.page, page_width),
                    pad(&kind_text(row), kind_width)
                );
                for version in &row.versions {
                    let text = pad(&cell_text(version), cell_width);
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
                out.push_str(line.trim_end());
                out.push('\n');
            }
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
        for totals in &report.totals {
            let mut line = format!(
                "  {}: {}",
                totals.lang,
                self.tally("check-articles", &totals.articles)
            );
            if totals.other.total > 0 {
                line.push_str("; ");
                line.push_str(&self.tally("check-other-pages", &totals.other));
            }
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
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

    fn fluent(&self, out: &mut String) {
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

    fn problems(&self, out: &mut String) {
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

/// Left-aligned in `width` characters.
fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(len)))
}
