//! The `mekong` command: parses arguments, runs, prints diagnostics, sets the exit code.

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Static sites for trilingual (Vietnamese, English, Lao) external-information portals.
#[derive(Debug, Parser)]
#[command(name = "mekong", version, about, long_about = None)]
struct Cli {
    /// The site's folder (holding site.yaml, content/, i18n/); default: the current folder.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// The language of the report's headings and summaries: en or vi (default: the
    /// MEKONG_LANG environment variable, else en). Diagnostics stay in English.
    #[arg(long, global = true, value_name = "LANG", value_parser = cli::messages::UI_LANGUAGES)]
    ui_lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the whole site into public/ (or --output DIR).
    Build(cli::build::BuildArgs),
    /// Build, serve on this computer, and rebuild and reload the browser on every save.
    Serve(cli::serve::ServeArgs),
    /// Report problems without writing the site: translations (missing, stale), links,
    /// anchors and pictures, interface strings, front matter.
    Check(cli::check::CheckArgs),
    /// Start an article bundle (and translations pointing back at it).
    New(cli::new::NewArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root.clone().unwrap_or_else(|| PathBuf::from("."));
    if !root.is_dir() {
        eprintln!(
            "error: the site folder {} does not exist (or is not a folder)\n\nFor more information, try 'mekong --help'.",
            root.display()
        );
        return ExitCode::from(cli::USAGE_ERROR);
    }
    match cli.command {
        Command::Build(args) => args.run(&root),
        Command::Serve(args) => args.run(&root),
        Command::Check(args) => args.run(&root, cli::messages::ui_language(cli.ui_lang.as_deref())),
        Command::New(args) => args.run(&root),
    }
}
