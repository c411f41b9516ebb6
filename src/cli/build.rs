//! `mekong build`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use mekong::site::BuildOptions;

use super::report::{Progress, print_diagnostics};
use super::{CONTENT_ERROR, USAGE_ERROR};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the site; default: public/ in the site's folder.
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Publish under this address instead of base_url from site.yaml.
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Build into --output even when it holds other files and no site: they are deleted.
    /// (Never into the site's own folder or the folders it is built from.)
    #[arg(long)]
    force: bool,
}

/// `--base-url` is checked as `base_url` in site.yaml is.
fn parse_base_url(value: &str) -> Result<String, String> {
    match mekong::config::base_url_problem(value) {
        None => Ok(value.to_string()),
        Some(problem) => Err(format!(
            "{problem}; write it with its scheme, e.g. https://staging.example.gov.vn"
        )),
    }
}

impl BuildArgs {
    pub fn run(self, root: &Path) -> ExitCode {
        let BuildArgs {
            output,
            base_url,
            drafts,
            force,
        } = self;
        // public/ in the site's folder is the site's own output whatever it holds; a
        // folder named on the command line must be new, empty or an earlier output.
        let target = output.clone().unwrap_or_else(|| root.join("public"));
        if let Err(refusal) = mekong::check_output(root, &target, force || output.is_none()) {
            let (message, hint) = refusal.message_and_hint();
            eprintln!("error: {message}\n  = help: {hint}");
            return ExitCode::from(USAGE_ERROR);
        }
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
                    "Built {} in {:.2}s: pages {} (+{} other), {} files copied, {} generated, images {} processed / {} reused, {} warning{}.",
                    report.output.display(),
                    report.elapsed.as_secs_f64(),
                    languages.join(", "),
                    report.other_pages,
                    report.files_copied,
                    report.files_generated,
                    report.images_processed,
                    report.images_reused,
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
}
