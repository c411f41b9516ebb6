//! Translation groups: the files that are versions of one page in different languages,
//! and the check that a group holds one file per language.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostics::Diagnostic;

use super::{Page, PageId, TranslationGroup};

/// Groups the pages by translation key (sorted by key, members in `languages` order)
/// and points each page at its group. Two files of one language in a group are a
/// problem each, reported at the later one.
pub(super) fn group(
    pages: &mut [Page],
    config: &Config,
) -> (Vec<TranslationGroup>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut group_of_key: BTreeMap<String, Vec<PageId>> = BTreeMap::new();
    for (id, page) in pages.iter().enumerate() {
        group_of_key
            .entry(page.source.group_key.clone())
            .or_default()
            .push(id);
    }
    let mut groups = Vec::with_capacity(group_of_key.len());
    for (key, mut members) in group_of_key {
        members.sort_by_key(|&id| (config.language_rank(pages[id].lang()), id));
        for pair in members.windows(2) {
            let (a, b) = (&pages[pair[0]], &pages[pair[1]]);
            if a.lang() == b.lang() {
                problems.push(
                    Diagnostic::error(
                        &b.source.display,
                        format!(
                            "two {} versions of one page: this file and {}",
                            a.lang(),
                            a.source.display.display()
                        ),
                    )
                    .with_hint("give each translation its own language suffix, or a different translation_key"),
                );
            }
        }
        let group_id = groups.len();
        for &id in &members {
            pages[id].group = group_id;
        }
        groups.push(TranslationGroup { key, members });
    }
    (groups, problems)
}
