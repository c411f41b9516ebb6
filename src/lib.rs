//! mekong: builds trilingual static sites from Markdown bundles.
//!
//! The library never prints or exits; the `mekong` binary owns the terminal.

pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod i18n;
pub mod library;
mod markdown;
mod output;
pub mod render;
pub mod serve;
pub mod site;
mod templates;
mod text;
pub mod theme;
pub mod url;
mod yaml;

pub use diagnostics::{Diagnostic, Severity};
pub use site::{BuildOptions, BuildReport, build};
