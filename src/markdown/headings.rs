//! Headings: unique ids (explicit `{#id}`s kept, generated ones stepping around them)
//! and the table of contents.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, HeadingLevel, Tag};

use super::Heading;
use super::events::{Spanned, collapse_whitespace, matching_end, plain_text};
use crate::text;

/// Unique heading ids: `tin-tuc`, `tin-tuc-1`, `tin-tuc-2`, … stepping around ids taken
/// already (explicit `{#id}`s, reserved up front).
pub(super) struct HeadingIds {
    pub(super) used: HashSet<String>,
    /// Per base id, the suffix to try first (0: the base itself). Every `base-k` below
    /// it is taken already (the set only grows), so resuming there gives the ids a
    /// search from 1 would, with constant work per heading however many share a title.
    next_suffix: HashMap<String, usize>,
    /// Ids looked up so far, for the test that keeps this linear.
    #[cfg(test)]
    probes: usize,
}

impl HeadingIds {
    pub(super) fn reserving(used: HashSet<String>) -> Self {
        HeadingIds {
            used,
            next_suffix: HashMap::new(),
            #[cfg(test)]
            probes: 0,
        }
    }

    fn unique(&mut self, base: String) -> String {
        let next = self.next_suffix.entry(base.clone()).or_insert(0);
        let mut candidate = if *next == 0 {
            base.clone()
        } else {
            format!("{base}-{next}")
        };
        loop {
            #[cfg(test)]
            {
                self.probes += 1;
            }
            if !self.used.contains(&candidate) {
                break;
            }
            *next += 1;
            candidate = format!("{base}-{next}");
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

impl HeadingIds {
    /// A unique id made from a heading's text.
    fn for_title(&mut self, title: &str) -> String {
        let mut base = text::heading_id(title);
        if base.is_empty() {
            // A heading of only symbols or emoji still needs a valid, stable anchor.
            base = "section".to_owned();
        }
        self.unique(base)
    }
}

/// The start tag to write for the heading starting at `start`, with its id (the
/// editor's `{#id}`, else one made from its text), and its table of contents entry
/// when it is of level 2–4.
pub(super) fn heading_start<'a>(
    events: &[Spanned<'a>],
    start: usize,
    ids: &mut HeadingIds,
) -> (Event<'a>, Option<Heading>) {
    let Event::Start(Tag::Heading {
        level,
        id,
        classes,
        attrs,
    }) = &events[start].0
    else {
        unreachable!("heading_start() is called on a heading start");
    };
    let end = matching_end(events, start);
    let title = collapse_whitespace(&plain_text(&events[start + 1..end], false));
    let id = match id {
        // An explicit `{#id}` is the editor's choice and stays as written; it was
        // reserved up front so generated ids step around it.
        Some(explicit) => explicit.to_string(),
        None => ids.for_title(&title),
    };
    let level_number = heading_level_number(*level);
    let entry = (2..=4).contains(&level_number).then(|| Heading {
        level: level_number,
        id: id.clone(),
        title,
    });
    let event = Event::Start(Tag::Heading {
        level: *level,
        id: Some(id.into()),
        classes: classes.clone(),
        attrs: attrs.clone(),
    });
    (event, entry)
}

/// Ids written as `{#id}` anywhere on the page, so that a generated id never takes one,
/// even when the explicit heading comes later.
pub(super) fn explicit_heading_ids(events: &[Spanned]) -> HashSet<String> {
    events
        .iter()
        .filter_map(|(event, _)| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect()
}

fn heading_level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MarkdownSettings;
    use crate::markdown::tests::render_keep;
    use crate::markdown::{Reference, Resolution, render};

    #[test]
    fn many_equal_headings_cost_constant_work_each() {
        let mut ids = HeadingIds::reserving(HashSet::from(["tin-tuc-5".to_string()]));
        let made: Vec<String> = (0..20_000)
            .map(|_| ids.unique("tin-tuc".to_string()))
            .collect();
        assert_eq!(made[0], "tin-tuc");
        assert_eq!(made[1], "tin-tuc-1");
        assert_eq!(made[4], "tin-tuc-4");
        // tin-tuc-5 was reserved by an explicit id.
        assert_eq!(made[5], "tin-tuc-6");
        assert_eq!(made[19_999], "tin-tuc-20000");
        // One probe per id plus one per taken id stepped over: a search from 1 each
        // time would make about 200 million.
        assert!(ids.probes <= 2 * 20_000 + 1, "{} probes", ids.probes);
        // The whole page: 20,000 equal headings all get their own id.
        let md = "## Tin tức\n\n".repeat(20_000);
        let r = render_keep(&md);
        assert_eq!(r.heading_ids.len(), 20_000);
        assert!(r.html.contains("<h2 id=\"tin-tuc-19999\">"));
    }

    #[test]
    fn heading_ids_slugs_duplicates_lao_and_explicit() {
        let md = "\
# Tiêu đề trang

## Lịch sử

### Lịch sử

## Lịch sử

## ປະຫວັດສາດ ລາວ

## Quan hệ *Việt – Lào* {#quan-he}

##### Sâu quá

## 🎉

## Lịch sử {#lich-su-2}
";
        let r = render_keep(md);
        assert!(
            r.html
                .contains("<h1 id=\"tieu-de-trang\">Tiêu đề trang</h1>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"lich-su\">Lịch sử</h2>"));
        assert!(r.html.contains("<h3 id=\"lich-su-1\">Lịch sử</h3>"));
        // lich-su-2 is taken by the explicit id further down.
        assert!(r.html.contains("<h2 id=\"lich-su-3\">Lịch sử</h2>"));
        assert!(r.html.contains("<h2 id=\"lich-su-2\">Lịch sử</h2>"));
        assert!(r.html.contains("<h2 id=\"ປະຫວັດສາດ-ລາວ\">ປະຫວັດສາດ ລາວ</h2>"));
        assert!(
            r.html
                .contains("<h2 id=\"quan-he\">Quan hệ <em>Việt – Lào</em></h2>")
        );
        assert!(r.html.contains("<h5 id=\"sau-qua\">"));
        assert!(r.html.contains("<h2 id=\"section\">🎉</h2>"));
        let toc: Vec<(u8, &str, &str)> = r
            .toc
            .iter()
            .map(|h| (h.level, h.id.as_str(), h.title.as_str()))
            .collect();
        assert_eq!(
            toc,
            [
                (2, "lich-su", "Lịch sử"),
                (3, "lich-su-1", "Lịch sử"),
                (2, "lich-su-3", "Lịch sử"),
                (2, "ປະຫວັດສາດ-ລາວ", "ປະຫວັດສາດ ລາວ"),
                (2, "quan-he", "Quan hệ Việt – Lào"),
                (2, "section", "🎉"),
                (2, "lich-su-2", "Lịch sử"),
            ]
        );
        // Every level can be a link's target, not only the table of contents' levels.
        let mut ids: Vec<&str> = r.heading_ids.iter().map(String::as_str).collect();
        ids.sort_unstable();
        assert_eq!(
            ids,
            [
                "lich-su",
                "lich-su-1",
                "lich-su-2",
                "lich-su-3",
                "quan-he",
                "sau-qua",
                "section",
                "tieu-de-trang",
                "ປະຫວັດສາດ-ລາວ",
            ]
        );
    }

    #[test]
    fn heading_classes_kept_and_links_in_headings_resolved() {
        let mut resolve = |r: &Reference| {
            assert_eq!(r.dest, "../b/index.vi.md");
            Resolution::Rewrite("/vi/b/".to_owned())
        };
        let r = render(
            "## Xem [bài B](../b/index.vi.md) {.noi-bat}\n",
            1,
            &MarkdownSettings::default(),
            &mut resolve,
        );
        assert_eq!(
            r.html,
            "<h2 id=\"xem-bai-b\" class=\"noi-bat\">Xem <a href=\"/vi/b/\">bài B</a></h2>\n"
        );
        assert_eq!(r.toc[0].title, "Xem bài B");
    }
}
