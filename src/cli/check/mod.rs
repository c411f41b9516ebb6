//! `mekong check`: the report for people (a table, colours on a terminal) or for tools
//! (`--format json`), and the translator's `--stamp` and `--diff`. `--external` also
//! asks other sites about the links to them.

mod diff;
mod findings;
mod fluent;
mod glossary;
mod human;
mod summary;
mod table;
mod terms;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use mekong::Severity;
use mekong::check::{CheckOptions, ExternalOptions};

use super::CONTENT_ERROR;
use super::messages::Messages;
use super::report::{Progress, print_each};
use diff::render_diff;
use findings::print_problems;
use human::HumanReport;

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

fn slash(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}
