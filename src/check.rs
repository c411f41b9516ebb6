//! `mekong check`: reads the whole site the way a build does (drafts included), writes
//! nothing, and returns a [`CheckReport`]: every problem a build would report, plus what
//! a build lets pass — missing and stale translations, `#fragment`s that lead nowhere,
//! images without alt text, unused bundle files, interface strings missing or unused.
//!
//! With [`CheckOptions::external`], links to other sites are asked about too (see
//! `external.rs`); without it, `check` never touches the network.
//!
//! Also home to the two translator's tools that go with the report: `--stamp` (mark a
//! translation as following the current source) and `--diff` (what changed since).

mod diff;
mod external;
mod fluent;
mod glossary;
mod key_lines;
mod references;
mod stamp;
mod terms;
mod translations;

use std::path::Path;

use crate::content::{self, Content, LoadOptions};
use crate::diagnostics::{Diagnostic, Severity, display_path};
use crate::glossary::Glossary;
use crate::library::Library;
use crate::render::body::{BodyCache, Keep};
use crate::render::{self, Fingerprints, RenderFailure};
use crate::site::{self, BuildOptions, Found, Observer, Phase, Sources};

pub use diff::{DiffState, ParagraphChange, SourceDiff, TextChange, source_diff};
pub use external::{ExternalOptions, ExternalSummary};
pub use fluent::{FluentReport, KeyUse};
pub use glossary::{GlossaryFile, GlossaryFinding, GlossaryReport, GlossaryRule, Location};
pub use stamp::{Stamped, stamp};
pub use terms::{
    Suggestion, SuggestionReason, TermFinding, TermRule, TermsFile, TermsReport, UnmappedTerm,
};
pub use translations::{
    LEFTOVER_SOURCE_TEXT, LanguageTotals, PageKind, Status, Tally, TranslationRow, Version,
};

/// What a finding is about: groups the report and lets tools filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// `site.yaml` cannot be read: nothing else is checked.
    Config,
    /// A Markdown file that cannot be read: front matter, language suffix, encoding.
    Content,
    /// Two claims on one address (pages, aliases, listings, feeds, static files…), or two
    /// files in one translation slot.
    Duplicate,
    /// The theme's files and templates.
    Theme,
    /// Interface strings: `.ftl` syntax, keys missing in a language or defined nowhere.
    Fluent,
    /// A link or picture that does not resolve (what `build` reports), or that leads to
    /// a draft.
    Link,
    /// A `#fragment` that names no heading of its page.
    Anchor,
    /// Raw HTML the sanitizer changes: removed tags and attributes, iframes from hosts
    /// not allowed, iframes without a title.
    RawHtml,
    AltText,
    UnusedFile,
    /// A missing or stale translation.
    Translation,
    /// A link to another site that leads nowhere or could not be checked
    /// (`--external` only).
    External,
    /// `i18n/glossary.yaml` itself, a name a translation leaves out, a spelling the
    /// glossary avoids.
    Glossary,
    /// A translation whose mapped taxonomy terms differ from its source's.
    Terms,
    /// A mention of an official document that disagrees with the registry: a number it
    /// lacks, a kind word against the number's code, a date other than the one issued.
    Mention,
}

impl FindingKind {
    /// The name tools see in `--format json`.
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::Config => "config",
            FindingKind::Content => "content",
            FindingKind::Duplicate => "duplicate",
            FindingKind::Theme => "theme",
            FindingKind::Fluent => "fluent",
            FindingKind::Link => "link",
            FindingKind::Anchor => "anchor",
            FindingKind::RawHtml => "raw-html",
            FindingKind::AltText => "alt-text",
            FindingKind::UnusedFile => "unused-file",
            FindingKind::Translation => "translation",
            FindingKind::External => "external",
            FindingKind::Glossary => "glossary",
            FindingKind::Terms => "terms",
            FindingKind::Mention => "mention",
        }
    }

    pub const ALL: [FindingKind; 15] = [
        FindingKind::Config,
        FindingKind::Content,
        FindingKind::Duplicate,
        FindingKind::Theme,
        FindingKind::Fluent,
        FindingKind::Link,
        FindingKind::Anchor,
        FindingKind::RawHtml,
        FindingKind::AltText,
        FindingKind::UnusedFile,
        FindingKind::Translation,
        FindingKind::External,
        FindingKind::Glossary,
        FindingKind::Terms,
        FindingKind::Mention,
    ];
}

/// One problem, with what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    pub diagnostic: Diagnostic,
    /// What a glossary finding is about (entry, languages, the source's mention).
    pub glossary: Option<GlossaryFinding>,
}

/// Everything `check` found.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// Site languages, in `languages` order: the columns of the translation table.
    pub languages: Vec<String>,
    /// One row per translation group, sorted by page.
    pub translations: Vec<TranslationRow>,
    /// Per language, in `languages` order.
    pub totals: Vec<LanguageTotals>,
    pub fluent: FluentReport,
    /// Sorted file by file, top to bottom.
    pub findings: Vec<Finding>,
    /// Markdown files read (drafts included).
    pub pages: usize,
    /// Links to other sites, when they were checked.
    pub external: Option<ExternalSummary>,
    /// When the site has a glossary that could be read.
    pub glossary: Option<GlossaryReport>,
    /// The site's taxonomy terms against `i18n/terms.yaml` (`None` when `site.yaml`
    /// cannot be read).
    pub terms: Option<TermsReport>,
}

/// What `check` does beyond reading the site.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Ask other sites whether the links to them work; `None`: no network at all.
    pub external: Option<ExternalOptions>,
}

impl CheckReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.diagnostic.severity == severity)
            .count()
    }

    pub fn count_kind(&self, kind: FindingKind, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.kind == kind && f.diagnostic.severity == severity)
            .count()
    }

    /// The report for tools: stable keys, English, every row of the table.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        let by_kind: serde_json::Map<String, serde_json::Value> = FindingKind::ALL
            .iter()
            .map(|&kind| {
                (
                    kind.name().to_string(),
                    json!({
                        "errors": self.count_kind(kind, Severity::Error),
                        "warnings": self.count_kind(kind, Severity::Warning),
                    }),
                )
            })
            .collect();
        let mut summary = json!({
            "errors": self.count(Severity::Error),
            "warnings": self.count(Severity::Warning),
            "pages": self.pages,
            "by_kind": by_kind,
        });
        if let Some(external) = &self.external {
            summary["external"] = json!({
                "links": external.links,
                "from_cache": external.from_cache,
            });
        }
        let mut report = json!({
            "summary": summary,
            "languages": self.languages,
            "translations": self.translations.iter().map(TranslationRow::to_json).collect::<Vec<_>>(),
            "totals": self.totals.iter().map(LanguageTotals::to_json).collect::<Vec<_>>(),
            "fluent": self.fluent.to_json(),
            "problems": self.findings.iter().map(finding_json).collect::<Vec<_>>(),
        });
        if let Some(glossary) = &self.glossary {
            report["glossary"] = glossary.to_json();
        }
        if let Some(terms) = &self.terms {
            report["terms"] = terms.to_json();
        }
        report
    }
}

fn finding_json(finding: &Finding) -> serde_json::Value {
    let d = &finding.diagnostic;
    let mut value = serde_json::json!({
        "kind": finding.kind.name(),
        "severity": match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        "file": d.file.to_string_lossy(),
        "line": d.line,
        "column": d.column,
        "message": d.message,
        "hint": d.hint,
    });
    if let Some(glossary) = &finding.glossary {
        value["glossary"] = glossary.to_json();
    }
    value
}

/// Checks the site in `root`. Every problem is a finding in the report; when `site.yaml`
/// cannot be read, its problems are the only ones.
pub fn check(root: &Path, observer: &dyn Observer) -> CheckReport {
    check_with(root, &CheckOptions::default(), observer)
}

/// [`check`], with links to other sites when `options` ask for them.
///
/// The same pipeline as a build — settings, theme and strings; content; the indexes;
/// the addresses; bodies; templates; every page rendered — with drafts included, going
/// on past problems, and writing nothing. Then what only `check` looks at. One
/// function on purpose: the report's order is this sequence of phases.
pub fn check_with(root: &Path, options: &CheckOptions, observer: &dyn Observer) -> CheckReport {
    let build = BuildOptions {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        drafts: true,
    };
    observer.phase("reading site.yaml and the theme");
    let inputs = match site::load_inputs(&build) {
        Ok(inputs) => inputs,
        Err(problems) => return config_failure(problems),
    };
    let paths = inputs.paths.clone();
    let config = inputs.config.clone();
    let mut findings = Vec::new();
    let mut add = |kind: FindingKind, problems: Vec<Diagnostic>| {
        findings.extend(problems.into_iter().map(|diagnostic| Finding {
            kind,
            diagnostic,
            glossary: None,
        }));
    };

    observer.phase("reading content");
    let (content, problems) = content::load(&paths.root, &config, LoadOptions { drafts: true });
    let pages = content.pages.len();
    // What `build` without --drafts sees, to find links that only work with drafts.
    let published = content
        .pages
        .iter()
        .any(|page| page.meta.draft)
        .then(|| without_drafts(&content));
    observer.phase("indexing and rendering Markdown");
    let (site, found) = site::assemble_all(
        &inputs,
        content,
        problems,
        &BodyCache::new(),
        Sources::Keep,
        Keep::Links,
    );
    let failed = found.iter().any(|f| f.diagnostic.is_error());
    for found in found {
        add(finding_kind(&found), vec![found.diagnostic]);
    }
    if !failed {
        // Template errors that show only on some pages: render them all, write nothing.
        observer.phase("rendering pages");
        let input = site.render_input();
        if let Err(RenderFailure::Problems(problems)) =
            render::render_site_files(&input, &Fingerprints::new(), &mut |_| Ok(()))
        {
            add(FindingKind::Theme, problems);
        }
    }
    let library = &site.library;
    add(
        FindingKind::Content,
        render::search::empty_articles(&config, library, &site.bodies),
    );
    let published = published
        .map(|content| Library::build(content, &config, std::sync::Arc::clone(&inputs.terms)).0);

    observer.phase("checking links");
    let scans = references::scans(&site.bodies);
    add(FindingKind::Anchor, references::anchors(library, &scans));
    add(FindingKind::AltText, references::alt_text(library, &scans));
    add(
        FindingKind::UnusedFile,
        references::unused_files(library, &scans),
    );
    if let Some(published) = &published {
        add(
            FindingKind::Link,
            references::links_to_drafts(library, &scans, published),
        );
    }
    let external = options.external.as_ref().map(|external| {
        observer.phase("checking links to other sites");
        let (summary, problems) = external::check(library, &paths.root, external);
        add(FindingKind::External, problems);
        summary
    });

    observer.phase("checking interface strings");
    let (fluent, problems) = fluent::check(&site.theme, &site.i18n, &config, inputs.strings_loaded);
    add(FindingKind::Fluent, problems);

    observer.phase("comparing translations");
    let (translations, totals, problems) = translations::table(library, &config, &paths.root);
    add(FindingKind::Translation, problems);

    observer.phase("comparing taxonomy terms");
    let (terms, problems) = terms::check(library, &config);
    add(FindingKind::Terms, problems);

    observer.phase("checking names against the glossary");
    let mut named = Vec::new();
    let glossary = match Glossary::load(&paths.root, &config) {
        Ok(Some(glossary)) => {
            named = glossary::check(library, &config, &paths.root, &glossary);
            Some(GlossaryReport::new(glossary.entries.len(), &named))
        }
        Ok(None) => None,
        Err(problems) => {
            add(FindingKind::Glossary, problems);
            None
        }
    };
    findings.extend(named.into_iter().map(|(diagnostic, finding)| Finding {
        kind: FindingKind::Glossary,
        diagnostic,
        glossary: Some(finding),
    }));

    for finding in &mut findings {
        finding.diagnostic.file = display_path(&paths.root, &finding.diagnostic.file);
    }
    sort(&mut findings);
    let mut translations = translations;
    count_notes(&mut translations, &findings);
    CheckReport {
        languages: config.language_codes().map(str::to_string).collect(),
        translations,
        totals,
        fluent,
        findings,
        pages,
        external,
        glossary,
        terms: (terms.mapped > 0).then_some(terms),
    }
}

/// Counts each version's glossary and terms findings, for the translation table: the
/// file a finding is reported in is the file its translator edits.
fn count_notes(rows: &mut [TranslationRow], findings: &[Finding]) {
    let mut counts: std::collections::HashMap<&Path, (usize, usize)> =
        std::collections::HashMap::new();
    for finding in findings {
        let count = counts.entry(finding.diagnostic.file.as_path()).or_default();
        match finding.kind {
            FindingKind::Glossary if finding.glossary.is_some() => count.0 += 1,
            FindingKind::Terms => count.1 += 1,
            _ => {}
        }
    }
    for version in rows.iter_mut().flat_map(|row| &mut row.versions) {
        if let Some(&(glossary, terms)) = version.file.as_deref().and_then(|f| counts.get(f)) {
            version.glossary = glossary;
            version.terms = terms;
        }
    }
}

/// What the report groups a problem of the pipeline under.
fn finding_kind(found: &Found) -> FindingKind {
    match found.phase {
        Phase::Theme | Phase::Pages => FindingKind::Theme,
        Phase::Strings => FindingKind::Fluent,
        Phase::Content => FindingKind::Content,
        Phase::Index | Phase::Addresses => FindingKind::Duplicate,
        Phase::Bodies if found.diagnostic.is_error() => FindingKind::Link,
        Phase::Bodies => FindingKind::RawHtml,
        Phase::Mentions => FindingKind::Mention,
    }
}

/// `site.yaml` cannot be read: its problems are the whole report.
fn config_failure(problems: Vec<Diagnostic>) -> CheckReport {
    let mut findings: Vec<Finding> = problems
        .into_iter()
        .map(|diagnostic| Finding {
            kind: FindingKind::Config,
            diagnostic,
            glossary: None,
        })
        .collect();
    sort(&mut findings);
    CheckReport {
        languages: Vec::new(),
        translations: Vec::new(),
        totals: Vec::new(),
        fluent: FluentReport::default(),
        findings,
        pages: 0,
        external: None,
        glossary: None,
        terms: None,
    }
}

/// The same content without drafts (the assets stay: they are published either way).
fn without_drafts(content: &Content) -> Content {
    Content {
        pages: content
            .pages
            .iter()
            .filter(|page| !page.meta.draft)
            .cloned()
            .collect(),
        assets: content.assets.clone(),
        unparsed: content.unparsed.clone(),
    }
}

/// File by file, top to bottom, whatever order the parallel phases found them in.
fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let (x, y) = (&a.diagnostic, &b.diagnostic);
        (&x.file, x.line, x.column, x.severity, &x.message, a.kind)
            .cmp(&(&y.file, y.line, y.column, y.severity, &y.message, b.kind))
    });
}
