//! The subcommands, one module each, and what they share for the terminal.

pub mod build;
pub mod check;
pub mod messages;
pub mod new;
pub mod report;
pub mod serve;

/// Exit code for content errors (usage errors exit with 2, through clap).
pub const CONTENT_ERROR: u8 = 1;

/// Exit code for usage errors that only show once the site is read (a language it lacks).
pub const USAGE_ERROR: u8 = 2;
