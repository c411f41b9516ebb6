//! Each language's documents registry as JSON, `/LANG/<registry>/index.json`, for the
//! province's other systems. Field names are part of the README's contract: add
//! fields, never rename one. Written from its view, like feeds, and fingerprinted by
//! hashing that view.

use std::path::PathBuf;

use serde::Serialize;

use super::views::documents::DocumentView;
use super::{Fingerprints, OutputFile, RenderInput, fingerprint};

/// The schema's version: raised only if a field changes meaning.
const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct Export<'a> {
    schema: u32,
    language: &'a str,
    registry: String,
    documents: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    number: &'a str,
    title: &'a str,
    url: String,
    language: &'a str,
    kind: Coded<'a>,
    issuer: Coded<'a>,
    issued: &'a str,
    effective: Option<&'a str>,
    signer: Option<&'a str>,
    summary: Option<&'a str>,
    replaces: Vec<&'a str>,
    replaced_by: Option<&'a str>,
    translations: Vec<Translation<'a>>,
    files: Vec<File<'a>>,
}

#[derive(Serialize)]
struct Coded<'a> {
    key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    name: &'a str,
}

#[derive(Serialize)]
struct Translation<'a> {
    language: &'a str,
    url: String,
}

#[derive(Serialize)]
struct File<'a> {
    name: &'a str,
    url: String,
    media_type: &'a str,
    format: &'a str,
    size: u64,
    language: &'a str,
}

/// Every language's export with its fingerprint; one whose fingerprint is in `previous`
/// unchanged is not made again (`None`).
pub fn exports(
    input: &RenderInput,
    previous: &Fingerprints,
) -> Vec<(PathBuf, u64, Option<OutputFile>)> {
    let config = input.config;
    let library = input.library();
    let mut files = Vec::new();
    for language in &library.languages {
        let Some(registry) = &language.registry else {
            continue;
        };
        let reader = input.reader();
        let views: Vec<(usize, DocumentView)> = registry
            .all()
            .documents
            .iter()
            .filter_map(|&id| {
                let document = library.documents.of_page(id)?;
                Some((id, reader.document_view(id, document)))
            })
            .collect();
        let documents = views
            .iter()
            .map(|(id, view)| {
                let page = library.page(*id);
                Entry {
                    number: view.number,
                    title: view.title,
                    url: config.absolute(view.url),
                    language: page.lang(),
                    kind: Coded {
                        key: view.kind.key,
                        code: view.kind.code,
                        name: &view.kind.name,
                    },
                    issuer: Coded {
                        key: view.issuer.key,
                        code: None,
                        name: &view.issuer.name,
                    },
                    issued: &view.issued_iso,
                    effective: view.effective_iso.as_deref(),
                    signer: view.signer,
                    summary: view.summary,
                    replaces: view.replaces.iter().map(|n| n.number.as_str()).collect(),
                    replaced_by: view.replaced_by.as_ref().map(|n| n.number.as_str()),
                    translations: library
                        .translations(*id)
                        .iter()
                        .map(|&other| Translation {
                            language: library.page(other).lang(),
                            url: config.absolute(&library.page(other).url),
                        })
                        .collect(),
                    files: view
                        .files
                        .iter()
                        .map(|file| File {
                            name: file.name,
                            url: config.absolute(&file.url),
                            media_type: file.media_type,
                            format: file.format,
                            size: file.size,
                            language: file.lang,
                        })
                        .collect(),
                }
            })
            .collect();
        let export = Export {
            schema: SCHEMA,
            language: &language.code,
            registry: config.absolute(&registry.all().url),
            documents,
        };
        let path = registry.export_path().output_file();
        let key = fingerprint::of(&export, "index.json", input.epoch);
        let file = (previous.get(&path).map(|s| s.key) != Some(key)).then(|| {
            let mut json = serde_json::to_vec_pretty(&export).expect("a view serialises");
            json.push(b'\n');
            OutputFile::bytes(path.clone(), json, None)
        });
        files.push((path, key, file));
    }
    files
}
