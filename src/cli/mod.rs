//! The subcommands, one module each, and what they share for the terminal.

pub mod build;
pub mod report;
pub mod serve;

/// Exit code for content errors (usage errors exit with 2, through clap).
pub const CONTENT_ERROR: u8 = 1;
