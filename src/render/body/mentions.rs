//! What a mention of a document number in a body becomes: a link to the document's
//! page in the body's language (else to its original, marked with that language), and
//! warnings where it disagrees with the registry: a number the registry does not have,
//! a kind word that contradicts the number's code, a date other than the one issued.

use crate::config::DocumentSettings;
use crate::diagnostics::Diagnostic;
use crate::library::documents::number_key;
use crate::library::{Library, Page, PageId};
use crate::markdown::{Mention, MentionLink};
use crate::mentions::{LanguageFinder, edit_distance, number_parts};

/// The document `mention` names (its index) and where it links, when the registry has
/// the number; warnings go to `warnings`. A document's page does not link to itself.
pub(super) fn judge(
    library: &Library,
    settings: &DocumentSettings,
    page: &Page,
    id: PageId,
    finder: &LanguageFinder,
    mention: &Mention,
    warnings: &mut Vec<Diagnostic>,
) -> Option<(usize, MentionLink)> {
    let file = &page.source.display;
    let lang = page.lang();
    let documents = &library.documents;
    let index = documents.index_by_number(mention.number);
    let document = index.map(|i| &documents.documents[i]);
    let Some(document) = document else {
        let hint = match closest_number(library, mention.number) {
            Some(close) => {
                format!("add the document to the registry, or fix a typo: did you mean `{close}`?")
            }
            None => "add the document to the registry, or fix a typo in the number".into(),
        };
        warnings.push(
            Diagnostic::warning(
                file,
                format!(
                    "`{}` mentions the number `{}`, which is not in the registry",
                    mention.text, mention.number
                ),
            )
            .at(mention.line, mention.column)
            .with_hint(hint),
        );
        if let Some(written) = mention.kind {
            check_kind(settings, finder, mention, written, None, file, warnings);
        }
        return None;
    };
    if let Some(written) = mention.kind {
        check_kind(
            settings,
            finder,
            mention,
            written,
            Some(document.kind),
            file,
            warnings,
        );
    }
    if let Some((date, line, column)) = mention.date
        && date != document.meta.issued.value
    {
        warnings.push(
            Diagnostic::warning(
                file,
                format!(
                    "`{}` is dated {date} here, but the registry has it issued on {}",
                    mention.text, document.meta.issued.value
                ),
            )
            .at(line, column)
            .with_hint(format!(
                "write the date it was issued ({}), or correct the registry's `issued`",
                document.meta.issued.value
            )),
        );
    }
    if document.versions.contains(&id) {
        return None;
    }
    let target = document
        .versions
        .iter()
        .copied()
        .find(|&v| library.page(v).lang() == lang)
        .unwrap_or(document.origin);
    let target = library.page(target);
    Some((
        index.expect("found by its index"),
        MentionLink {
            url: target.url.clone(),
            lang: (target.lang() != lang).then(|| target.lang().to_string()),
        },
    ))
}

/// Warns when the kind word names another kind than the number's code (or, for a
/// registered number without a code, the registry's kind).
fn check_kind(
    settings: &DocumentSettings,
    finder: &LanguageFinder,
    mention: &Mention,
    (written, word): (usize, &str),
    registered: Option<usize>,
    file: &std::path::Path,
    warnings: &mut Vec<Diagnostic>,
) {
    let by_code = number_parts(mention.number).find_map(|part| {
        settings
            .kinds
            .iter()
            .position(|k| crate::text::nfc(&k.code).to_uppercase() == part)
    });
    let Some(expected) = by_code.or(registered) else {
        return;
    };
    if expected == written {
        return;
    }
    let code = &settings.kinds[expected].code;
    let right = finder
        .kind_name(expected)
        .unwrap_or(&settings.kinds[expected].key);
    let start = mention.text.find(word).unwrap_or(0);
    let corrected = format!(
        "{}{right}{}",
        &mention.text[..start],
        &mention.text[start + word.len()..]
    );
    let message = if by_code.is_some() {
        format!(
            "`{word}` does not match the number `{}`: {code} is the code of {right}",
            mention.number
        )
    } else {
        format!(
            "`{word}` does not match the number `{}`: the registry has it as {right}",
            mention.number
        )
    };
    warnings.push(
        Diagnostic::warning(file, message)
            .at(mention.line, mention.column)
            .with_hint(format!(
                "write \u{201c}{corrected}\u{201d}, or correct the number"
            )),
    );
}

/// The registered number closest to `number`, when one is a typo away.
fn closest_number(library: &Library, number: &str) -> Option<String> {
    let key = number_key(number);
    library
        .documents
        .documents
        .iter()
        .map(|d| {
            (
                edit_distance(&key, &number_key(&d.meta.number.value)),
                &d.meta.number.value,
            )
        })
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, n)| n.clone())
}
