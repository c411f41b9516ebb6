//! `mekong new`: starts an article bundle with its front matter filled in, and
//! translation files that carry the source text and point back at it (`source_hash`).
//! Never overwrites a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::front_matter::{self, Requirements};
use crate::content::{Meta, PageDate};
use crate::diagnostics::{Diagnostic, display_path};
use crate::source_hash;
use crate::terms::Terms;
use crate::text::{nfc, slugify};

/// What to create.
#[derive(Debug, Clone)]
pub struct NewOptions {
    pub root: PathBuf,
    /// `SECTION/NAME`, e.g. `news/2024-05-01-hoi-cho-bien-gioi`.
    pub path: String,
    /// The source's language; default: the site's default language.
    pub lang: Option<String>,
    /// Languages to start translations in.
    pub translate: Vec<String>,
    /// The current time (`date:` of an article whose name has no date).
    pub now: jiff::Timestamp,
}

/// What `create` did.
#[derive(Debug, Clone)]
pub struct Created {
    /// Files written, relative to the site root: the source first (unless it existed).
    pub files: Vec<PathBuf>,
    /// The source file, relative to the site root.
    pub source: PathBuf,
    /// The source existed already; only translations were written.
    pub source_existed: bool,
    /// Things the editor should know (a section folder that had to be created).
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone)]
pub enum NewError {
    /// The command line asks for something that cannot be: a path that is not
    /// `SECTION/NAME`, a language the site does not have.
    Usage(String),
    /// The site cannot be read, or a file is in the way.
    Problems(Vec<Diagnostic>),
}

/// The comment that opens the source text in a new translation.
pub fn source_text_marker(lang: &str) -> String {
    format!("{SOURCE_TEXT_MARKER} ({lang}) below — translate it, then delete this block -->")
}

/// How that comment starts, whatever the language: `check` looks for it.
pub(crate) const SOURCE_TEXT_MARKER: &str = "<!-- mekong: source text";

/// The comment that closes it.
pub const END_OF_SOURCE_TEXT: &str = "<!-- end of source text -->";

/// Creates `content/SECTION/NAME/index.LANG.md` and, for each language in `translate`,
/// a draft translation. When the source exists already, only the translations are
/// created, from its current text. Nothing is written if any file to create exists.
pub fn create(options: &NewOptions) -> Result<Created, NewError> {
    let config = Config::load(&options.root).map_err(NewError::Problems)?;
    let (section, name) = split_path(&options.path)?;
    let (lang, translate) = languages(options, &config)?;

    let root = &options.root;
    let content = root.join("content");
    let section_dir = content.join(&section);
    let bundle = section_dir.join(&name);
    folders_are_folders(root, [&content, &section_dir, &bundle])?;
    let source_file = existing_source(&bundle, &lang, &config)
        .unwrap_or_else(|| bundle.join(format!("index.{lang}.md")));
    let source_existed = source_file.exists();
    nothing_in_the_way(root, &bundle, &source_file, source_existed, &translate)?;

    let mapped = Terms::load(root, &config).map_err(NewError::Problems)?;
    let defaults = |lang: &str| default_categories(&section_dir, lang, config.timezone);
    // The source's front matter and body; and its text when it is to be written.
    let (source, body, new_source) = if source_existed {
        let (meta, body) = read_source(root, &source_file, &config)?;
        (meta, body, None)
    } else {
        let (meta, body, text) = start_source(
            root,
            &source_file,
            &name,
            &defaults(&lang),
            options.now,
            &config,
        )?;
        (meta, body, Some(text))
    };

    let warnings: Vec<Diagnostic> = new_section_warning(root, &section_dir, &section, &config)
        .into_iter()
        .collect();
    std::fs::create_dir_all(&bundle).map_err(|error| write_error(root, &bundle, error))?;

    let mut files = Vec::new();
    if let Some(text) = &new_source {
        write_new(&source_file, text).map_err(|error| write_error(root, &source_file, error))?;
        files.push(display_path(root, &source_file));
    }
    let hash = source_hash::of_page(&source, &body);
    let date = source.date.unwrap_or(PageDate {
        instant: options.now,
        offset: config.timezone,
    });
    for other in &translate {
        let file = bundle.join(format!("index.{other}.md"));
        // The source's mapped terms, named in the translation's language; a section's
        // default categories where the source has no mapped category.
        let mut categories = in_language(&mapped, "categories", &source.categories, &lang, other);
        if categories.is_empty() {
            categories = defaults(other);
        }
        let tags = in_language(&mapped, "tags", &source.tags, &lang, other);
        let terms = TermLists {
            categories: &categories,
            tags: &tags,
        };
        let text = translation_text(&source, &body, &lang, &hash, date, terms);
        write_new(&file, &text).map_err(|error| write_error(root, &file, error))?;
        files.push(display_path(root, &file));
    }
    Ok(Created {
        files,
        source: display_path(root, &source_file),
        source_existed,
        warnings,
    })
}

/// The source language (`--lang`, else the site's default) and the languages to
/// translate into, each once; the source language may not be among them.
fn languages(options: &NewOptions, config: &Config) -> Result<(String, Vec<String>), NewError> {
    let lang = match &options.lang {
        Some(lang) => known_language(config, lang)?,
        None => config.default_language.clone(),
    };
    let mut translate: Vec<String> = Vec::new();
    for other in &options.translate {
        let other = known_language(config, other)?;
        if other == lang {
            return Err(NewError::Usage(format!(
                "`{other}` is the source language; --translate takes the other languages"
            )));
        }
        if other == config.default_language {
            // `check` follows the default language's version: a translation into it
            // would become the source its own source is compared with.
            return Err(NewError::Usage(format!(
                "`{other}` is the site's source language: the other languages follow its version, so it cannot be a translation of `{lang}`; start the article in {other} (`mekong new {} --translate {lang}`), or leave {other} out of --translate",
                options.path
            )));
        }
        if !translate.contains(&other) {
            translate.push(other);
        }
    }
    Ok((lang, translate))
}

/// The first of `folders` that exists as a file, reported.
fn folders_are_folders(root: &Path, folders: [&PathBuf; 3]) -> Result<(), NewError> {
    for folder in folders {
        if folder.exists() && !folder.is_dir() {
            return Err(NewError::Problems(vec![
                Diagnostic::error(
                    display_path(root, folder),
                    "a file is where the folder should be",
                )
                .with_hint("rename or move the file, or choose another name"),
            ]));
        }
    }
    Ok(())
}

/// Refuses before anything is written: an existing source when there is nothing to
/// translate, or any translation file that exists (all of them reported).
fn nothing_in_the_way(
    root: &Path,
    bundle: &Path,
    source_file: &Path,
    source_existed: bool,
    translate: &[String],
) -> Result<(), NewError> {
    if source_existed && translate.is_empty() {
        return Err(NewError::Problems(vec![already_exists(root, source_file)]));
    }
    let in_the_way: Vec<Diagnostic> = translate
        .iter()
        .map(|other| bundle.join(format!("index.{other}.md")))
        .filter(|file| file.exists())
        .map(|file| already_exists(root, &file))
        .collect();
    if !in_the_way.is_empty() {
        return Err(NewError::Problems(in_the_way));
    }
    Ok(())
}

/// The existing source's front matter and body.
fn read_source(
    root: &Path,
    source_file: &Path,
    config: &Config,
) -> Result<(Meta, String), NewError> {
    let shown = display_path(root, source_file);
    let text = std::fs::read_to_string(source_file).map_err(|error| {
        NewError::Problems(vec![Diagnostic::error(
            &shown,
            format!("cannot read the file: {error}"),
        )])
    })?;
    let parsed = front_matter::parse(&nfc(&text), &shown, Requirements::Article, config.timezone)
        .map_err(NewError::Problems)?;
    Ok((parsed.meta, parsed.body))
}

/// A new source's text, titled and dated from its name (else dated `now`), and the
/// front matter and body read back from it.
fn start_source(
    root: &Path,
    source_file: &Path,
    name: &str,
    categories: &[String],
    now: jiff::Timestamp,
    config: &Config,
) -> Result<(Meta, String, String), NewError> {
    let date = date_from_name(name, config.timezone).unwrap_or_else(|| PageDate {
        instant: jiff::Timestamp::from_second(now.as_second()).unwrap_or(now),
        offset: config.timezone,
    });
    let text = article_text(&ArticleText {
        title: &title_from_name(name),
        source_hash: None,
        date,
        summary: "",
        categories,
        tags: &[],
        cover: None,
        draft: false,
        body: "",
    });
    let shown = display_path(root, source_file);
    let parsed = front_matter::parse(&text, &shown, Requirements::Article, config.timezone)
        .map_err(NewError::Problems)?;
    Ok((parsed.meta, parsed.body, text))
}

/// Said when the section folder is about to be created.
fn new_section_warning(
    root: &Path,
    section_dir: &Path,
    section: &str,
    config: &Config,
) -> Option<Diagnostic> {
    if section_dir.exists() {
        return None;
    }
    Some(
        Diagnostic::warning(
            display_path(root, section_dir),
            format!("the section `{section}` did not exist; its folder was created"),
        )
        .with_hint(format!(
            "give it a title and a slug in content/{section}/_index.{}.md",
            config.default_language
        )),
    )
}

fn write_error(root: &Path, file: &Path, error: std::io::Error) -> NewError {
    NewError::Problems(vec![Diagnostic::error(
        display_path(root, file),
        format!("cannot write the file: {error}"),
    )])
}

/// `news/2024-05-01-x` → (`news`, `2024-05-01-x`).
fn split_path(written: &str) -> Result<(String, String), NewError> {
    let path = nfc(written.trim().replace('\\', "/").trim_matches('/'));
    let usage = |why: &str| {
        NewError::Usage(format!(
            "`{written}` {why}: write SECTION/NAME, e.g. news/2024-05-01-hoi-cho-bien-gioi"
        ))
    };
    let parts: Vec<&str> = path.split('/').collect();
    let [section, name] = parts.as_slice() else {
        return Err(usage("is not a section folder and an article name"));
    };
    for part in [section, name] {
        if part.is_empty()
            || part.starts_with(['.', '_'])
            || part.contains(['#', '?', '%'])
            || part.trim() != *part
        {
            return Err(usage(&format!("has a name mekong cannot use (`{part}`)")));
        }
    }
    // The name is the page's address: no spaces or capitals to percent-encode.
    if name.chars().any(|c| c.is_whitespace() || c.is_uppercase()) {
        let slug = crate::text::slugify(name);
        return Err(NewError::Usage(format!(
            "`{name}` becomes the page's address, so it is written in lower case with dashes: {section}/{slug} (the title is set in the file)"
        )));
    }
    // `YYYY-MM-DD-…` that is no date would silently date the article today.
    let prefix = name.get(..10).unwrap_or(name);
    let looks_dated = prefix.len() == 10
        && prefix.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        })
        && name.get(10..11).is_none_or(|rest| rest == "-");
    if looks_dated && !is_date(prefix) {
        return Err(NewError::Usage(format!(
            "`{prefix}` at the start of `{name}` is not a date: write the day the article is dated as YYYY-MM-DD, e.g. 2024-05-01-{}",
            name.get(11..).unwrap_or("hoi-cho")
        )));
    }
    Ok((section.to_string(), name.to_string()))
}

fn known_language(config: &Config, lang: &str) -> Result<String, NewError> {
    let lang = lang.trim();
    if config.has_language(lang) {
        Ok(lang.to_string())
    } else {
        let known: Vec<&str> = config.language_codes().collect();
        Err(NewError::Usage(format!(
            "`{lang}` is not a language of this site; use one of: {}",
            known.join(", ")
        )))
    }
}

/// The bundle's file in `lang`, if there is one: `index.LANG.md`, or `index.md` for the
/// default language.
fn existing_source(bundle: &Path, lang: &str, config: &Config) -> Option<PathBuf> {
    let mut candidates = vec![bundle.join(format!("index.{lang}.md"))];
    if lang == config.default_language {
        candidates.push(bundle.join("index.md"));
    }
    candidates.into_iter().find(|file| file.exists())
}

fn already_exists(root: &Path, file: &Path) -> Diagnostic {
    Diagnostic::error(display_path(root, file), "the file already exists")
        .with_hint("mekong new never overwrites a file: edit it, or choose another name")
}

/// Writes a file that must not exist yet (another program may have made it meanwhile).
fn write_new(file: &Path, text: &str) -> std::io::Result<()> {
    let mut handle = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)?;
    handle.write_all(text.as_bytes())
}

/// `2024-05-01-hoi-cho-bien-gioi` → `Hoi cho bien gioi`.
fn title_from_name(name: &str) -> String {
    if is_date(name) {
        return name.to_string();
    }
    let rest = match name.get(..11) {
        Some(prefix) if prefix.ends_with('-') && is_date(&prefix[..10]) => &name[11..],
        _ => name,
    };
    let words = rest.replace(['-', '_'], " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

fn is_date(text: &str) -> bool {
    text.parse::<jiff::civil::Date>().is_ok()
}

/// The date at the start of the name (`2024-05-01-…`), in the site's timezone.
fn date_from_name(name: &str, timezone: jiff::tz::Offset) -> Option<PageDate> {
    let prefix = name.get(..10)?;
    if name.len() > 10 && !name[10..].starts_with('-') {
        return None;
    }
    front_matter::parse_date(prefix, timezone)
}

/// Categories a section suggests for new articles: `extra: { default_categories: […] }`
/// in its `_index.LANG.md`.
fn default_categories(section_dir: &Path, lang: &str, timezone: jiff::tz::Offset) -> Vec<String> {
    let file = section_dir.join(format!("_index.{lang}.md"));
    let Ok(text) = std::fs::read_to_string(&file) else {
        return Vec::new();
    };
    let Ok(parsed) = front_matter::parse(&nfc(&text), &file, Requirements::TitleOnly, timezone)
    else {
        return Vec::new();
    };
    parsed.meta.extra["default_categories"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

struct ArticleText<'a> {
    title: &'a str,
    source_hash: Option<&'a str>,
    date: PageDate,
    summary: &'a str,
    categories: &'a [String],
    tags: &'a [String],
    cover: Option<&'a crate::content::Cover>,
    draft: bool,
    body: &'a str,
}

fn article_text(article: &ArticleText) -> String {
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", quote(article.title)));
    if let Some(hash) = article.source_hash {
        text.push_str(&format!("source_hash: {}\n", quote(hash)));
    }
    text.push_str(&format!("date: {}\n", written_date(article.date)));
    text.push_str(&format!("summary: {}\n", quote(article.summary)));
    let categories: Vec<String> = article.categories.iter().map(|c| quote(c)).collect();
    text.push_str(&format!("categories: [{}]\n", categories.join(", ")));
    let tags: Vec<String> = article.tags.iter().map(|t| quote(t)).collect();
    text.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    if let Some(cover) = article.cover {
        let mut fields = vec![format!("src: {}", quote(&cover.src))];
        if let Some(alt) = &cover.alt {
            fields.push(format!("alt: {}", quote(alt)));
        }
        if let Some(caption) = &cover.caption {
            fields.push(format!("caption: {}", quote(caption)));
        }
        text.push_str(&format!("cover: {{ {} }}\n", fields.join(", ")));
    }
    text.push_str(&format!("draft: {}\n", article.draft));
    text.push_str("---\n");
    text.push_str(article.body);
    text
}

/// The terms of `names` (written in `from`) the terms file maps, named in `to` (by
/// their key where they have no name there); unmapped ones are left to the translator.
fn in_language(
    terms: &Terms,
    taxonomy: &str,
    names: &[String],
    from: &str,
    to: &str,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        if let Some(term) = terms.find(taxonomy, from, &slugify(name)) {
            let named = term.name(to).unwrap_or(&term.key).to_string();
            if !out.contains(&named) {
                out.push(named);
            }
        }
    }
    out
}

/// A translation's categories and tags.
#[derive(Clone, Copy)]
struct TermLists<'a> {
    categories: &'a [String],
    tags: &'a [String],
}

/// A translation to be: the source's title, summary and cover (to translate in place),
/// the source text between two marker comments, and the hash of that source text.
fn translation_text(
    source: &Meta,
    body: &str,
    source_lang: &str,
    hash: &str,
    date: PageDate,
    terms: TermLists,
) -> String {
    let source_body = body.trim();
    let mut block = source_text_marker(source_lang);
    block.push_str("\n\n");
    if !source_body.is_empty() {
        block.push_str(source_body);
        block.push_str("\n\n");
    }
    block.push_str(END_OF_SOURCE_TEXT);
    block.push('\n');
    article_text(&ArticleText {
        title: &source.title,
        source_hash: Some(hash),
        date,
        summary: source.summary.as_deref().unwrap_or(""),
        categories: terms.categories,
        tags: terms.tags,
        cover: source.cover.as_ref(),
        draft: true,
        body: &block,
    })
}

/// A bare date when the time is midnight, else the full date and time with its offset.
fn written_date(date: PageDate) -> String {
    let civil = date.civil();
    if civil.time() == jiff::civil::Time::midnight() {
        civil.date().to_string()
    } else {
        date.rfc3339()
    }
}

/// A YAML double-quoted string.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_names() {
        assert_eq!(
            title_from_name("2024-05-01-hoi-cho-bien-gioi"),
            "Hoi cho bien gioi"
        );
        assert_eq!(title_from_name("đêm-hội"), "Đêm hội");
        assert_eq!(title_from_name("2024-05-01"), "2024-05-01");
        assert_eq!(title_from_name("2024-13-01-x"), "2024 13 01 x");
    }

    #[test]
    fn dates_from_names() {
        let tz = jiff::tz::Offset::constant(7);
        let date = date_from_name("2024-05-01-hoi-cho", tz).unwrap();
        assert_eq!(written_date(date), "2024-05-01");
        assert!(date_from_name("hoi-cho", tz).is_none());
        assert!(date_from_name("2024-05-011", tz).is_none());
    }

    #[test]
    fn section_and_name() {
        assert_eq!(
            split_path("/news/2024-05-01-x/").ok().unwrap(),
            ("news".to_string(), "2024-05-01-x".to_string())
        );
        for bad in [
            "news",
            "news/a/b",
            "../x",
            "news/_index",
            "news/.x",
            "",
            "news/Hội Chợ 2024",
            "news/Hoi-cho",
            "news/2024-13-45-x",
            "news/2024-02-30",
        ] {
            assert!(matches!(split_path(bad), Err(NewError::Usage(_))), "{bad}");
        }
    }

    #[test]
    fn quoted_strings_stay_yaml() {
        assert_eq!(
            quote("Lễ \"kết nghĩa\" \\ 1"),
            "\"Lễ \\\"kết nghĩa\\\" \\\\ 1\""
        );
    }
}
