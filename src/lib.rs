//! mekong: builds trilingual static sites from Markdown bundles.
//!
//! The library never prints or exits; the `mekong` binary owns the terminal.

pub mod check;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod glossary;
pub mod i18n;
pub mod images;
pub mod library;
mod markdown;
pub mod mentions;
pub mod new;
mod output;
pub mod plan;
pub mod render;
mod sanitize;
pub mod serve;
pub mod site;
mod source_hash;
pub mod terms;
mod text;
pub mod theme;
pub mod url;
mod yaml;

pub use diagnostics::{Diagnostic, Severity};
pub use output::guard::{Refusal, check_output};
pub use site::{BuildOptions, BuildReport, build};
