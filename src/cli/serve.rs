//! `mekong serve`.

use std::net::IpAddr;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use mekong::Diagnostic;
use mekong::serve::{Outcome, ServeEvents, ServeOptions};

use super::report::print_diagnostics;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. The default is only reachable from this computer; use
    /// 0.0.0.0 to show the preview to colleagues on the office network.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    bind: IpAddr,
    /// Port to listen on; when it is taken, the next free one is used.
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

struct Terminal<'a> {
    root: &'a Path,
    open: bool,
}

impl ServeEvents for Terminal<'_> {
    fn listening(&mut self, url: &str, note: Option<String>) {
        if let Some(note) = note {
            eprintln!("note: {note}");
        }
        println!("Serving the site at {url}  (Ctrl-C stops)");
        if self.open {
            open_browser(url);
        }
    }

    fn built(&mut self, outcome: &Outcome) {
        print_diagnostics(self.root, &outcome.warnings);
        println!(
            "Rebuilt in {} ms: {} page{} rendered, {} file{} updated.",
            outcome.elapsed.as_millis(),
            outcome.pages_rendered,
            if outcome.pages_rendered == 1 { "" } else { "s" },
            outcome.files_written,
            if outcome.files_written == 1 { "" } else { "s" },
        );
        if std::env::var_os("MEKONG_TIMINGS").is_some() {
            for (phase, time) in &outcome.phases {
                println!("  {phase}: {:.1} ms", time.as_secs_f64() * 1000.0);
            }
        }
    }

    fn failed(&mut self, problems: &[Diagnostic]) {
        print_diagnostics(self.root, problems);
        eprintln!("The build failed; the last good version is still served.");
    }
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if let Err(error) = std::process::Command::new(command).arg(url).spawn() {
        eprintln!("note: could not open a browser ({error}); open {url} yourself");
    }
}

impl ServeArgs {
    pub fn run(self, root: &Path) -> ExitCode {
        let ServeArgs {
            bind,
            port,
            drafts,
            open,
        } = self;
        if !bind.is_loopback() {
            eprintln!(
                "warning: listening on {bind}: anyone on the network can see this preview, drafts included"
            );
        }
        let options = ServeOptions {
            root: root.to_path_buf(),
            bind,
            port,
            drafts,
        };
        let mut terminal = Terminal { root, open };
        match mekong::serve::serve(options, &mut terminal) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(2)
            }
        }
    }
}
