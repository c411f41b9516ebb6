//! What the terminal shows: diagnostics with their source lines, and a progress spinner.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use mekong::site::Observer;
use mekong::{Diagnostic, Severity};

/// A spinner naming the current phase, only when a person watches the terminal; with
/// `MEKONG_TIMINGS=1`, each phase's duration on stderr (for profiling).
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    /// When the current phase started, its name, and the CPU time used until then.
    timings: Option<Mutex<(Instant, String, Option<f64>)>>,
}

impl Progress {
    pub fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        let timings = std::env::var_os("MEKONG_TIMINGS")
            .is_some_and(|value| value == "1")
            .then(|| Mutex::new((Instant::now(), "starting".to_string(), cpu_seconds())));
        Progress { bar, timings }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        self.lap("done");
    }

    fn lap(&self, next: &str) {
        if let Some(timings) = &self.timings
            && let Ok(mut last) = timings.lock()
        {
            let cpu = cpu_seconds();
            let wall = last.0.elapsed().as_secs_f64();
            let used = cpu.zip(last.2).map(|(now, before)| now - before);
            match used {
                Some(used) if wall > 0.0 => eprintln!(
                    "  {}: {:.1} ms, CPU {:.1} ms ({:.2} cores), peak memory so far {} MB",
                    last.1,
                    wall * 1000.0,
                    used * 1000.0,
                    used / wall,
                    peak_memory_kb().map_or_else(|| "?".to_string(), |kb| (kb / 1024).to_string())
                ),
                _ => eprintln!("  {}: {:.1} ms", last.1, wall * 1000.0),
            }
            *last = (Instant::now(), next.to_string(), cpu);
        }
    }
}

/// User plus system CPU time of this process so far, where the system tells it
/// (`/proc/self/stat` on Linux, in clock ticks of 10 ms).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

/// The peak resident memory of this process so far, where the system tells it.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

impl Observer for Progress {
    fn phase(&self, name: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(name.to_string());
        }
        self.lap(name);
    }
}

/// Prints problems grouped by file, each with its source line when the file can be
/// read, then how many there were.
pub fn print_diagnostics(root: &Path, problems: &[Diagnostic]) {
    print_each(root, problems.iter());
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    if !problems.is_empty() {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}

/// Prints each problem with its source line (files are read once per run of problems).
pub fn print_each<'a>(root: &Path, problems: impl Iterator<Item = &'a Diagnostic>) {
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
}
