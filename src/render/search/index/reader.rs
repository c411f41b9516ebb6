//! A page's text, word by word, as the index reads it from the body's HTML.

use std::borrow::Cow;

use super::super::encode;
use super::BODY;

/// Elements whose text is not the page's (Pagefind leaves the same ones out).
const LEFT_OUT: &[&str] = &[
    "script", "style", "noscript", "svg", "iframe", "template", "form", "label", "nav", "footer",
    "button", "select", "textarea",
];

/// Reads a page's text word by word into the fragment's content, noting where each
/// word is and what it weighs.
pub struct Reader {
    pub content: String,
    /// Each word's place in `content` (without the full stop a block's end may add)
    /// and weight, in order: a word's number here is its position.
    pub spans: Vec<(u32, u32, u8)>,
    pub encoded: String,
}

impl Reader {
    /// A whole block of escaped text (the title, the summary, a paragraph) at `weight`.
    pub fn block(&mut self, text: &str, weight: u8) {
        self.words(text, weight);
        self.end_block();
    }

    /// The words of escaped `text`, rewritten for matching, at `weight`.
    fn words(&mut self, text: &str, weight: u8) {
        let mut encoded = std::mem::take(&mut self.encoded);
        encoded.clear();
        encode::block(text, &mut encoded);
        for word in encoded.split_whitespace() {
            let start = self.content.len() as u32;
            self.content.push_str(word);
            self.spans.push((start, self.content.len() as u32, weight));
            self.content.push(' ');
        }
        self.encoded = encoded;
    }

    /// A block ends: as in Pagefind's excerpts, a sentence that ends without
    /// punctuation gets a full stop, so the next block does not run into it.
    fn end_block(&mut self) {
        if self.content.ends_with(' ') {
            self.content.pop();
            let ends_a_sentence = self.content.chars().last().is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, '\'' | '"' | ')' | '$' | '*' | '_')
            });
            if ends_a_sentence {
                self.content.push('.');
            }
            self.content.push(' ');
        }
    }

    /// The text of a body's HTML (mekong's own: every `<` in text is escaped, so a `<`
    /// opens a tag and the next `>` closes it), headings weighted as Pagefind weighs
    /// them, the elements of [`LEFT_OUT`] left out. `text` is a buffer.
    pub fn html(&mut self, html: &str, text: &mut String) {
        text.clear();
        let mut weight = BODY;
        let mut skipping: Option<(String, usize)> = None;
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            if skipping.is_none() {
                text.push_str(&rest[..open]);
            }
            let close = rest[open..]
                .find('>')
                .map_or(rest.len(), |at| open + at + 1);
            let tag = &rest[open..close];
            rest = &rest[close..];
            let closing = tag.starts_with("</");
            let name = tag_name(tag);
            if let Some((skipped, depth)) = &mut skipping {
                if *name == **skipped && !tag.ends_with("/>") {
                    if closing {
                        *depth -= 1;
                    } else {
                        *depth += 1;
                    }
                }
                if *depth == 0 {
                    skipping = None;
                }
                continue;
            }
            if !closing && LEFT_OUT.contains(&&*name) && !tag.ends_with("/>") {
                skipping = Some((name.into_owned(), 1));
                continue;
            }
            if encode::is_block_tag(tag) {
                self.flush(text, weight);
                if let Some(level) = heading(&name) {
                    if closing {
                        self.end_block();
                        weight = BODY;
                    } else {
                        weight = 24 * (8 - level);
                    }
                } else if closing && sentence_block(&name) {
                    self.end_block();
                }
            }
        }
        if skipping.is_none() {
            text.push_str(rest);
        }
        self.flush(text, weight);
    }

    fn flush(&mut self, text: &mut String, weight: u8) {
        if !text.trim().is_empty() {
            self.words(text, weight);
        }
        text.clear();
    }
}

/// `h2` → 2.
fn heading(name: &str) -> Option<u8> {
    let level = name.strip_prefix('h')?.parse().ok()?;
    (1..=6).contains(&level).then_some(level)
}

/// Blocks after which an excerpt's sentence ends.
fn sentence_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "td"
            | "th"
            | "div"
            | "ul"
            | "ol"
            | "li"
            | "article"
            | "section"
            | "blockquote"
            | "figcaption"
            | "dd"
            | "dt"
    )
}

/// The lower-case name of the tag `tag` (`<P class=x>` → `p`, `</li>` → `li`).
fn tag_name(tag: &str) -> Cow<'_, str> {
    let name = tag.trim_start_matches('<').trim_start_matches('/');
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let name = &name[..end];
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}
