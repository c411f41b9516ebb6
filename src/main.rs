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
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the whole site into public/ (or --output DIR).
    Build(cli::build::BuildArgs),
    /// Build, serve on this computer, and rebuild and reload the browser on every save.
    Serve(cli::serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root.clone().unwrap_or_else(|| PathBuf::from("."));
    match cli.command {
        Command::Build(args) => args.run(&root),
        Command::Serve(args) => args.run(&root),
    }
}
