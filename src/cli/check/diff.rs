//! `mekong check --diff`: what changed in a translation's source since it was made, as text.

use mekong::check::{DiffState, ParagraphChange, SourceDiff};

use super::slash;

/// The whole answer, ending in a newline.
pub(super) fn render_diff(diff: &SourceDiff) -> String {
    let (file, source) = (slash(&diff.file), slash(&diff.source));
    let stale = if diff.draft {
        "stale (and still a draft)"
    } else {
        "stale"
    };
    match &diff.state {
        DiffState::UpToDate => format!("{file} is up to date: it follows {source} as it is now.\n"),
        DiffState::Untracked => format!(
            "{file} is untracked: it has no source_hash, so nothing tells which text of {source} it follows.\n\
             Once it matches the source, `mekong check --stamp {file}` starts tracking it.\n"
        ),
        DiffState::NoEarlierVersion => {
            format!("{file} is {stale} (no earlier version found to compare).\n")
        }
        DiffState::Changed {
            commit,
            date,
            title,
            summary,
            paragraphs,
        } => {
            let short = &commit[..commit.len().min(10)];
            let mut out = format!(
                "{file} is {stale}: it follows {source} as of commit {short} ({date}). Changed since:\n"
            );
            for (field, change) in [("title", title), ("summary", summary)] {
                if let Some(change) = change {
                    out.push_str(&format!(
                        "\n{field}:\n  - {}\n  + {}\n",
                        change.old, change.new
                    ));
                }
            }
            for change in paragraphs {
                match change {
                    ParagraphChange::Changed { at, old, new } => {
                        out.push_str(&format!(
                            "\nparagraph {at} changed:\n  - {old}\n  + {new}\n"
                        ));
                    }
                    ParagraphChange::Added { at, text } => {
                        out.push_str(&format!("\nparagraph {at} added:\n  + {text}\n"));
                    }
                    ParagraphChange::Removed { at, text } => {
                        out.push_str(&format!(
                            "\nparagraph {at} (of the earlier text) removed:\n  - {text}\n"
                        ));
                    }
                }
            }
            if title.is_none() && summary.is_none() && paragraphs.is_empty() {
                out.push_str("\n(only formatting changed)\n");
            }
            out
        }
    }
}
