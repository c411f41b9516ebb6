//! `mekong new`.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use mekong::new::{NewError, NewOptions};

use super::report::print_diagnostics;
use super::{CONTENT_ERROR, USAGE_ERROR};

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The section folder and the article's folder name, e.g.
    /// news/2024-05-01-hoi-cho-bien-gioi. A date at the start of the name becomes the
    /// article's date; otherwise it is dated now.
    #[arg(value_name = "SECTION/NAME")]
    path: String,
    /// The language the article is written in; default: default_language in site.yaml.
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Also start draft translations in these languages (comma-separated), holding the
    /// source text to translate. With an existing article, only these are created.
    #[arg(long, value_name = "LANGS", value_delimiter = ',')]
    translate: Vec<String>,
}

impl NewArgs {
    pub fn run(self, root: &Path) -> ExitCode {
        let NewArgs {
            path,
            lang,
            translate,
        } = self;
        let options = NewOptions {
            root: root.to_path_buf(),
            path,
            lang,
            translate,
            now: jiff::Timestamp::now(),
        };
        match mekong::new::create(&options) {
            Ok(created) => {
                print_diagnostics(root, &created.warnings);
                if created.source_existed {
                    println!("Using {} as the source text.", created.source.display());
                }
                for file in &created.files {
                    println!("Created {}", file.display());
                }
                ExitCode::SUCCESS
            }
            Err(NewError::Usage(message)) => {
                eprintln!("error: {message}\n\nFor more information, try 'mekong new --help'.");
                ExitCode::from(USAGE_ERROR)
            }
            Err(NewError::Problems(problems)) => {
                print_diagnostics(root, &problems);
                ExitCode::from(CONTENT_ERROR)
            }
        }
    }
}
