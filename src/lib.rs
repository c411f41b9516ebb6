//! mekong: builds trilingual static sites from Markdown bundles.

pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod i18n;
pub mod library;
mod markdown;
mod text;
pub mod theme;
pub mod url;
mod yaml;
