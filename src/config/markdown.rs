//! `markdown:` in `site.yaml`: what happens to HTML written inside Markdown, and which
//! hosts' frames survive sanitizing.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMarkdown {
    #[serde(default)]
    raw_html: Option<Spanned<String>>,
    #[serde(default)]
    iframe_hosts: Option<Vec<Spanned<String>>>,
}

/// What happens to HTML written inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RawHtml {
    /// Through the allow-list sanitizer; every removal is a warning.
    #[default]
    Sanitize,
    /// Published as written: for sites whose every editor may publish script.
    Trusted,
}

/// `markdown:` in `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct MarkdownSettings {
    pub raw_html: RawHtml,
    /// Hosts (`www.youtube-nocookie.com`) whose `<iframe>`s survive sanitizing, lower-case.
    pub iframe_hosts: Vec<String>,
}

/// Validates `markdown:`; host names come out lower-case, sorted, without repeats.
pub(super) fn resolve_markdown(
    raw: RawMarkdown,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> MarkdownSettings {
    let RawMarkdown {
        raw_html,
        iframe_hosts,
    } = raw;
    let at = |spanned: &Spanned<String>, message: String| {
        Diagnostic::error(file.to_path_buf(), message).at(
            spanned.referenced.line() as usize,
            spanned.referenced.column() as usize,
        )
    };
    let raw_html = match raw_html {
        None => RawHtml::Sanitize,
        Some(spanned) => match spanned.value.as_str() {
            "sanitize" => RawHtml::Sanitize,
            "trusted" => RawHtml::Trusted,
            other => {
                let hint = match crate::diagnostics::nearest(other, ["sanitize", "trusted"]) {
                    Some(guess) => format!("did you mean `{guess}`? (`sanitize` or `trusted`)"),
                    None => "use `sanitize` (the default) or `trusted`".to_owned(),
                };
                problems.push(
                    at(
                        &spanned,
                        format!("markdown.raw_html `{other}` is not known"),
                    )
                    .with_hint(hint),
                );
                RawHtml::Sanitize
            }
        },
    };
    let mut hosts = Vec::new();
    for host in iframe_hosts.unwrap_or_default() {
        let written = host.value.trim();
        let lower = written.to_ascii_lowercase();
        let is_host = !lower.is_empty()
            && !lower.starts_with(['.', '-'])
            && !lower.ends_with('-')
            && lower
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        if is_host {
            hosts.push(lower);
            continue;
        }
        // Editors copy the embed's address; say which part to keep.
        let bare = ::url::Url::parse(written)
            .ok()
            .and_then(|url| url.host_str().map(str::to_owned));
        let hint = match bare {
            Some(bare) => format!("write the host name only: `{bare}`"),
            None => "write a host name only, like www.youtube-nocookie.com".to_owned(),
        };
        problems.push(
            at(
                &host,
                format!("markdown.iframe_hosts: `{written}` is not a host name"),
            )
            .with_hint(hint),
        );
    }
    hosts.sort();
    hosts.dedup();
    MarkdownSettings {
        raw_html,
        iframe_hosts: hosts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::config::tests::SAMPLE;

    #[test]
    fn markdown_settings_default_to_sanitizing_without_frames() {
        let config = Config::parse(SAMPLE, Path::new("site.yaml")).unwrap();
        assert_eq!(config.markdown, MarkdownSettings::default());
        assert_eq!(config.markdown.raw_html, RawHtml::Sanitize);

        let text = format!(
            "{SAMPLE}markdown:\n  raw_html: trusted\n  iframe_hosts: [\"WWW.Youtube-Nocookie.com\", www.google.com]\n"
        );
        let config = Config::parse(&text, Path::new("site.yaml")).unwrap();
        assert_eq!(
            config.markdown,
            MarkdownSettings {
                raw_html: RawHtml::Trusted,
                iframe_hosts: vec!["www.google.com".into(), "www.youtube-nocookie.com".into()],
            }
        );
    }

    #[test]
    fn markdown_settings_are_validated() {
        let text = format!(
            "{SAMPLE}markdown:\n  raw_html: trustd\n  iframe_hosts:\n    - https://www.youtube.com/embed/x\n"
        );
        let errors = Config::parse(&text, Path::new("site.yaml")).unwrap_err();
        let found: Vec<(usize, &str, Option<&str>)> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str(), e.hint.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    10,
                    "markdown.raw_html `trustd` is not known",
                    Some("did you mean `trusted`? (`sanitize` or `trusted`)")
                ),
                (
                    12,
                    "markdown.iframe_hosts: `https://www.youtube.com/embed/x` is not a host name",
                    Some("write the host name only: `www.youtube.com`")
                ),
            ]
        );
        let text = format!("{SAMPLE}markdown: {{ iframe_host: [a.vn] }}\n");
        let errors = Config::parse(&text, Path::new("site.yaml")).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("iframe_hosts"), "{errors:?}");
    }
}
