//! The `mekong` command: parses arguments, runs, prints diagnostics, sets the exit code.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use mekong::site::{BuildOptions, Observer};
use mekong::{Diagnostic, Severity};

/// Static sites for trilingual (Vietnamese, English, Lao) external-information portals.
#[derive(Debug, Parser)]
#[command(name = "mekong", version, about, long_about = None)]
struct Cli {
    /// The site's folder (holding site.yaml, content/, i18n/); default: the current folder.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the whole site into public/ (or --output DIR).
    Build(BuildArgs),
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// Where to write the site; default: public/ in the site's folder.
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Publish under this address instead of base_url from site.yaml.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

/// Exit codes from the contract: content errors and usage errors differ.
const CONTENT_ERROR: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root.clone().unwrap_or_else(|| PathBuf::from("."));
    match cli.command {
        Command::Build(args) => build(&root, args),
    }
}

/// A spinner naming the current phase, only when a person watches the terminal.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        Progress { bar }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Progress {
    fn phase(&self, name: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(name.to_string());
        }
    }
}

fn build(root: &Path, args: BuildArgs) -> ExitCode {
    let BuildArgs {
        output,
        base_url,
        drafts,
    } = args;
    let options = BuildOptions {
        root: root.to_path_buf(),
        output,
        base_url,
        drafts,
    };
    let progress = Progress::new();
    let result = mekong::build(&options, &progress);
    progress.finish();
    match result {
        Ok(report) => {
            print_diagnostics(root, &report.warnings);
            let languages: Vec<String> = report
                .pages_per_language
                .iter()
                .map(|(lang, count)| format!("{lang} {count}"))
                .collect();
            println!(
                "Built {} in {:.2}s: pages {} (+{} other), {} files copied, {} warning{}.",
                report.output.display(),
                report.elapsed.as_secs_f64(),
                languages.join(", "),
                report.other_pages,
                report.files_copied,
                report.warnings.len(),
                if report.warnings.len() == 1 { "" } else { "s" }
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(root, &problems);
            let errors = problems.iter().filter(|p| p.is_error()).count();
            eprintln!(
                "Build failed: {errors} error{} (the previous site, if any, was left as it was).",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::from(CONTENT_ERROR)
        }
    }
}

/// Prints problems grouped by file, each with its source line when the file can be read.
fn print_diagnostics(root: &Path, problems: &[Diagnostic]) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut cached: Option<(PathBuf, Option<String>)> = None;
    for problem in problems {
        let source = match &cached {
            Some((file, text)) if *file == problem.file => text.clone(),
            _ => {
                let text = std::fs::read_to_string(root.join(&problem.file)).ok();
                cached = Some((problem.file.clone(), text.clone()));
                text
            }
        };
        eprint!("{}", problem.render(source.as_deref(), color));
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    if !problems.is_empty() {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}
