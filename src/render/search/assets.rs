//! Pagefind's search script and `wasm` files, as the `pagefind` crate ships them for its
//! version: made once per run by letting its indexer write a bundle for one tiny page,
//! and kept. Everything else in a bundle mekong writes itself.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// The files every bundle carries, and the version the index files must name.
pub struct Assets {
    pub version: String,
    files: BTreeMap<String, Vec<u8>>,
}

impl Assets {
    pub fn file(&self, name: &str) -> Result<&[u8], String> {
        self.files
            .get(name)
            .map(Vec::as_slice)
            .ok_or_else(|| format!("Pagefind gave no `{name}`"))
    }
}

/// The assets, made on first use.
pub fn get() -> Result<&'static Assets, String> {
    static ASSETS: OnceLock<Result<Assets, String>> = OnceLock::new();
    ASSETS
        .get_or_init(|| {
            // Pagefind's API is async on tokio and works on rayon's pool: run it on a
            // thread of its own, which is neither a rayon worker (the pool would wait
            // on itself) nor inside `serve`'s runtime (where a second cannot start).
            std::thread::scope(|scope| {
                scope
                    .spawn(make)
                    .join()
                    .unwrap_or_else(|_| Err("Pagefind's indexer stopped".to_string()))
            })
        })
        .as_ref()
        .map_err(|error| format!("cannot prepare the search script: {error}"))
}

fn make() -> Result<Assets, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| error.to_string())?;
    runtime.block_on(async {
        // English, so that the stemming `wasm` comes too; the generic one always does.
        let options = PagefindServiceConfig::builder()
            .force_language("en".to_string())
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|error| error.to_string())?;
        index
            .add_html_file(
                None,
                Some("/".to_string()),
                "<html lang=\"en\"><body><p>mekong</p></body></html>".to_string(),
            )
            .await
            .map_err(|error| error.to_string())?;
        let mut files = BTreeMap::new();
        let mut version = None;
        for file in index.get_files().await.map_err(|error| error.to_string())? {
            let Some(name) = file.filename.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if name == "pagefind-entry.json" {
                let entry: serde_json::Value =
                    serde_json::from_slice(&file.contents).map_err(|error| error.to_string())?;
                version = entry["version"].as_str().map(str::to_string);
            } else if matches!(name, "pagefind.js" | "pagefind-worker.js")
                || (name.starts_with("wasm.") && name.ends_with(".pagefind"))
            {
                files.insert(name.to_string(), file.contents);
            }
        }
        let version = version.ok_or("Pagefind's bundle names no version")?;
        Ok(Assets { version, files })
    })
}
