//! JSON-LD for search engines: `NewsArticle` on articles, `Legislation` on official
//! documents, `WebSite` on homes.

use serde_json::json;

use super::documents::DocumentView;
use crate::library::PageId;
use crate::render::reader::Reader;

/// Serialises for a `<script>` element: `</` cannot end the element early.
/// Absent fields are left out rather than written as `null`.
fn script_safe(mut value: serde_json::Value) -> String {
    if let Some(object) = value.as_object_mut() {
        object.retain(|_, field| !field.is_null());
    }
    value.to_string().replace("</", "<\\/")
}

pub fn website(reader: &Reader, lang: &str, url: &str) -> String {
    let config = reader.config;
    let language = config.language(lang);
    script_safe(json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": language.map(|l| l.title.as_str()),
        "description": language.and_then(|l| l.description.as_deref()),
        "url": config.absolute(url),
        "inLanguage": lang,
    }))
}

pub fn news_article(reader: &Reader, id: PageId) -> String {
    let config = reader.config;
    let page = reader.page(id);
    let body = reader.body(id);
    let meta = &page.source.meta;
    let publisher = config.language(page.lang()).map(|l| l.title.as_str());
    let image = body
        .cover
        .as_ref()
        .and_then(|c| c.card.as_ref())
        .map(|c| config.absolute(&c.url));
    script_safe(json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta.title,
        "description": body.summary,
        "datePublished": meta.date.map(|d| d.rfc3339()),
        "dateModified": meta.updated.or(meta.date).map(|d| d.rfc3339()),
        "author": meta.author.as_ref().map(|name| json!({"@type": "Person", "name": name})),
        "publisher": {"@type": "Organization", "name": publisher},
        "image": image,
        "inLanguage": page.lang(),
        "mainEntityOfPage": config.absolute(&page.url),
    }))
}

/// schema.org `Legislation` for a document's page: its number, date, issuer, kind and
/// files (`encoding`), in the page's language.
pub fn legislation(reader: &Reader, id: PageId, document: &DocumentView) -> String {
    let config = reader.config;
    let page = reader.page(id);
    let meta = &page.source.meta;
    let encoding: Vec<serde_json::Value> = document
        .files
        .iter()
        .map(|file| {
            json!({
                "@type": "MediaObject",
                "name": file.name,
                "contentUrl": config.absolute(&file.url),
                "encodingFormat": file.media_type,
                "contentSize": format!("{} B", file.size),
                "inLanguage": file.lang,
            })
        })
        .collect();
    script_safe(json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": meta.title,
        "legislationIdentifier": document.number,
        "legislationDate": document.issued_iso,
        "legislationDateOfApplicability": document.effective_iso,
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": document.issuer.name},
        "legislationType": document.kind.name,
        "legislationLegalForce": document.replaced_by.as_ref().map(|_| "https://schema.org/NotInForce"),
        "description": document.summary,
        "inLanguage": page.lang(),
        "url": config.absolute(&page.url),
        "encoding": encoding,
    }))
}
