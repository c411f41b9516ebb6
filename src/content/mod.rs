//! What editors wrote under `content/`: pages with their front matter, and bundle files.

mod document;
pub mod front_matter;
mod loader;

use std::path::PathBuf;
use std::sync::Arc;

pub use document::{DocumentFileMeta, DocumentMeta, Placed};
pub use front_matter::{At, Cover, Meta, PageDate, Positions};
pub(crate) use loader::is_editor_leftover;
pub use loader::{LoadOptions, load, read_page, scan};

/// The part a Markdown file plays, from where it lies and what it is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// `content/_index.LANG.md`: the language's home page text.
    Home,
    /// `content/SECTION/_index.LANG.md`: a section's title, slug and intro.
    Section,
    /// A page inside a section: dated, listed, in feeds.
    Article,
    /// A page at the top of `content/` (`about.vi.md`, `about/index.vi.md`).
    Page,
}

/// One Markdown file, parsed.
#[derive(Debug, Clone)]
pub struct SourcePage {
    pub file: PathBuf,
    /// Path relative to the site root, for diagnostics.
    pub display: PathBuf,
    /// Path relative to `content/` with `/` separators.
    pub rel: String,
    pub lang: String,
    pub role: Role,
    /// The top-level folder the page belongs to (articles and sections).
    pub section: Option<String>,
    /// The bundle folder, relative to `content/`, when the file is `index.LANG.md`.
    pub bundle: Option<String>,
    /// The default slug: the bundle folder's or the file's name, language suffix removed.
    pub name: String,
    /// Files that are translations of each other share this key.
    pub group_key: String,
    pub meta: Meta,
    pub body: String,
    pub body_line: usize,
    /// Changes whenever the file's text changes: what incremental rebuilds compare.
    pub revision: u64,
    /// Slugs of `meta.categories` and `meta.tags`, in the same order (made once here,
    /// since every listing and related-article lookup needs them).
    pub category_slugs: Vec<String>,
    pub tag_slugs: Vec<String>,
}

impl SourcePage {
    /// Everything of the file that decides its address and its place in the site's
    /// indexes (sections, listings, terms, translation groups, aliases, sitemap dates).
    /// Two versions with the same shape differ only in what they show, which lets
    /// `serve` swap one for the other without indexing the site again.
    pub fn shape(&self) -> u64 {
        let meta = &self.meta;
        let date = |d: &Option<PageDate>| {
            d.map(|d| {
                (
                    d.instant.as_second(),
                    d.instant.subsec_nanosecond(),
                    d.offset.seconds(),
                )
            })
        };
        hash64(&(
            (
                &self.rel,
                &self.lang,
                self.role,
                &self.section,
                &self.bundle,
            ),
            (
                &self.name,
                &self.group_key,
                &meta.slug,
                &meta.translation_key,
            ),
            (
                date(&meta.date),
                date(&meta.updated),
                meta.weight,
                meta.draft,
            ),
            (&meta.aliases, &meta.categories, &meta.tags),
            // Its place in the documents registry and the numbers mentions link to.
            &meta.document,
            (&self.category_slugs, &self.tag_slugs),
            // A section's title is in every page's navigation.
            (self.role == Role::Section).then_some(&meta.title),
        ))
    }

    /// The term names and slugs of a taxonomy (`categories` or `tags`).
    pub fn terms(&self, taxonomy: &str) -> (&[String], &[String]) {
        match taxonomy {
            "categories" => (&self.meta.categories, &self.category_slugs),
            "tags" => (&self.meta.tags, &self.tag_slugs),
            _ => (&[], &[]),
        }
    }

    /// Where each term of a taxonomy was written, in the order of [`SourcePage::terms`].
    pub fn term_positions(&self, taxonomy: &str) -> &[front_matter::At] {
        match taxonomy {
            "categories" => &self.meta.positions.categories,
            "tags" => &self.meta.positions.tags,
            _ => &[],
        }
    }
}

/// A non-Markdown file under `content/` (bundle images, attachments).
#[derive(Debug, Clone)]
pub struct Asset {
    pub file: PathBuf,
    /// Path relative to `content/` with `/` separators.
    pub rel: String,
    /// Changes when the file's size or modification time does.
    pub revision: u64,
    /// In bytes, as last read.
    pub size: u64,
}

impl Asset {
    pub fn new(file: PathBuf, rel: String) -> Asset {
        let metadata = std::fs::metadata(&file).ok();
        let size = metadata.as_ref().map_or(0, std::fs::Metadata::len);
        let revision = metadata
            .map(|meta| {
                let modified = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                hash64(&(meta.len(), modified))
            })
            .unwrap_or(0);
        Asset {
            file,
            rel,
            revision,
            size,
        }
    }
}

/// A stable 64-bit hash for change detection (not for security).
pub fn hash64(value: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut hasher = std::hash::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Everything read from `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub pages: Vec<Arc<SourcePage>>,
    pub assets: Vec<Asset>,
    /// Markdown files that could not be read or parsed (reported already), by path
    /// relative to `content/`: links to them are not reported a second time.
    pub unparsed: Vec<String>,
}
