//! Pagefind's indexer, run in-process: one index per language, each fed the pages of
//! its language as small HTML documents and returning its files in memory.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// The files of Pagefind's bundle a reader's browser needs; the rest (its own UI
/// scripts and styles, the highlighter, the playground) the theme does not use.
fn is_needed(name: &str) -> bool {
    let top = !name.contains('/');
    (top && (name == "pagefind.js"
        || name == "pagefind-worker.js"
        || name == "pagefind-entry.json"
        || name.ends_with(".pf_meta")
        || (name.starts_with("wasm.") && name.ends_with(".pagefind"))))
        || name.starts_with("index/")
        || name.starts_with("fragment/")
        || name.starts_with("filter/")
}

/// Indexes `documents` (address, HTML) of one language and returns the bundle's
/// files by their path inside the bundle folder (`pagefind.js`, `fragment/…`).
///
/// Pagefind's API is async on tokio, and it works in parallel on rayon's global pool.
/// So this runs on a runtime of its own and must be called on a thread that is neither
/// a rayon worker (the pool would wait on itself) nor inside `serve`'s runtime (where a
/// second runtime cannot start): [`super::bundles`] gives each language a thread.
pub fn index(
    lang: &str,
    documents: impl Iterator<Item = (String, String)>,
) -> Result<BTreeMap<PathBuf, Vec<u8>>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("cannot start the search indexer: {error}"))?;
    runtime.block_on(run(lang, documents))
}

async fn run(
    lang: &str,
    documents: impl Iterator<Item = (String, String)>,
) -> Result<BTreeMap<PathBuf, Vec<u8>>, String> {
    let options = PagefindServiceConfig::builder()
        .force_language(lang.to_string())
        .include_characters(super::encode::include_characters())
        .build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|error| error.to_string())?;
    for (url, html) in documents {
        index
            .add_html_file(None, Some(url.clone()), html)
            .await
            .map_err(|error| format!("cannot index {url}: {error}"))?;
    }
    let files = index.get_files().await.map_err(|error| error.to_string())?;
    let mut bundle = BTreeMap::new();
    for file in files {
        // Pagefind names files under its output folder; keep the part inside it.
        let inside = inside_bundle(&file.filename);
        if is_needed(&inside) {
            bundle.insert(PathBuf::from(inside), file.contents);
        }
    }
    Ok(bundle)
}

/// `…/pagefind/fragment/x.pf_fragment` → `fragment/x.pf_fragment`.
fn inside_bundle(path: &std::path::Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let start = parts
        .iter()
        .rposition(|part| part == "pagefind")
        .map_or(0, |at| at + 1);
    parts[start..].join("/")
}
