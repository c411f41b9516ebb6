//! The prose of a page, as the glossary reads it: its title, its summary, and the text
//! of each block of its body (paragraphs, headings, list items, table cells, alt text).
//! Code, raw HTML, link targets, autolinks and bare URLs are not prose; the source text
//! `mekong new` puts in a translation is not the translation's prose either.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::content::SourcePage;
use crate::markdown::PARSER_OPTIONS;
use crate::new::{END_OF_SOURCE_TEXT, SOURCE_TEXT_MARKER};

/// Where a block of prose is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Title,
    Summary,
    /// In the body; offsets are bytes of [`SourcePage::body`].
    Body,
}

/// A run of prose that a name may continue across (one line break included), with the
/// way back from its text to where each piece is written.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub place: Place,
    pub text: String,
    pieces: Vec<Piece>,
    /// Bare URLs in the text: nothing in them is a name.
    pub masked: Vec<Range<usize>>,
}

/// Text copied from one place: `text[at..at + len]` was written at `source`, byte for
/// byte when `exact` (an escape or entity makes it not).
#[derive(Debug, Clone, Copy)]
struct Piece {
    at: usize,
    len: usize,
    source: usize,
    exact: bool,
}

impl Block {
    fn new(place: Place) -> Block {
        Block {
            place,
            text: String::new(),
            pieces: Vec::new(),
            masked: Vec::new(),
        }
    }

    /// A whole text written as it is (a title, a summary).
    pub(super) fn plain(place: Place, text: &str) -> Block {
        let mut block = Block::new(place);
        block.push(text, 0, true);
        block.finish();
        block
    }

    fn push(&mut self, text: &str, source: usize, exact: bool) {
        self.pieces.push(Piece {
            at: self.text.len(),
            len: text.len(),
            source,
            exact,
        });
        self.text.push_str(text);
    }

    /// Something that is not prose (code, an HTML tag, a footnote mark): a name cannot
    /// continue across it.
    fn barrier(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\u{FFFC}') {
            self.text.push('\u{FFFC}');
        }
    }

    fn finish(&mut self) {
        self.masked = bare_urls(&self.text);
    }

    /// Where the byte `at` of the text is written (in the body for [`Place::Body`],
    /// else in the title's or summary's text).
    pub(crate) fn source_offset(&self, at: usize) -> usize {
        let index = self
            .pieces
            .partition_point(|p| p.at <= at)
            .saturating_sub(1);
        match self.pieces.get(index) {
            Some(piece) if piece.exact => piece.source + (at - piece.at).min(piece.len),
            Some(piece) => piece.source,
            None => 0,
        }
    }
}

/// The title, the summary (when written) and the body's blocks of a page.
pub(crate) fn page_blocks(page: &SourcePage) -> Vec<Block> {
    let mut blocks = vec![Block::plain(Place::Title, &page.meta.title)];
    if let Some(summary) = &page.meta.summary {
        blocks.push(Block::plain(Place::Summary, summary));
    }
    blocks.extend(body_blocks(&page.body));
    blocks
}

/// The blocks of prose of a Markdown body, in document order.
pub(crate) fn body_blocks(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = Block::new(Place::Body);
    // Inside a code block or an autolink: not prose.
    let mut skip = 0usize;
    // Between `mekong new`'s markers: the source's text, not this page's.
    let mut source_text = false;
    let flush = |current: &mut Block, blocks: &mut Vec<Block>| {
        if current
            .text
            .chars()
            .any(|c| !c.is_whitespace() && c != '\u{FFFC}')
        {
            let mut block = std::mem::replace(current, Block::new(Place::Body));
            block.finish();
            blocks.push(block);
        } else {
            *current = Block::new(Place::Body);
        }
    };
    for (event, range) in Parser::new_ext(body, PARSER_OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut current, &mut blocks);
                skip += 1;
            }
            Event::End(TagEnd::CodeBlock) => skip = skip.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                current.barrier();
                skip += 1;
            }
            Event::End(TagEnd::Link) if skip > 0 => skip -= 1,
            Event::Start(tag) if !is_inline(&tag) => flush(&mut current, &mut blocks),
            Event::End(tag) if !is_inline_end(tag) => flush(&mut current, &mut blocks),
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.contains(SOURCE_TEXT_MARKER) {
                    flush(&mut current, &mut blocks);
                    source_text = true;
                }
                if html.contains(END_OF_SOURCE_TEXT) {
                    current = Block::new(Place::Body);
                    source_text = false;
                }
                current.barrier();
            }
            Event::Text(text) if skip == 0 && !source_text => {
                let exact = body.get(range.clone()) == Some(&*text);
                current.push(&text, range.start, exact);
            }
            Event::SoftBreak | Event::HardBreak if skip == 0 && !source_text => {
                current.push("\n", range.start, false);
            }
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => current.barrier(),
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

/// Tags that live inside a block's text: a name may be half bold.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Addresses written in the text, up to the next space: `https://…`, `http://…`,
/// `www.…`, e-mail addresses (`info@vanlinh.gov.vn`) and host names
/// (`vanlinh.gov.vn`). A name inside one is part of the address, not of the prose.
fn bare_urls(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    for token in text.split(|c: char| c.is_whitespace() || c == '\u{FFFC}') {
        let start = from;
        from += token.len()
            + text[from + token.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        let trimmed = token.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
        let trimmed = trimmed.trim_start_matches(['(', '"', '\'']);
        if is_address(trimmed) {
            found.push(start..start + token.len());
        }
    }
    found
}

fn is_address(token: &str) -> bool {
    if ["http://", "https://", "www."]
        .iter()
        .any(|start| token.contains(start))
    {
        return true;
    }
    let ascii = token
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@' | '/' | '+'));
    let Some((host, tld)) = token.split('/').next().unwrap_or("").rsplit_once('.') else {
        return false;
    };
    ascii
        && (token.contains('@')
            || (!host.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<String> {
        body_blocks(body).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn code_html_and_autolinks_are_not_prose() {
        let body = "# Quảng Bình\n\nA `Quảng Bình` b <span>x</span> [Đồng Hới](https://dong-hoi.vn) <https://q.vn>\n\n```\nQuảng Bình\n```\n";
        let blocks = texts(body);
        assert_eq!(blocks[0], "Quảng Bình");
        assert_eq!(
            blocks[1],
            "A \u{FFFC} b \u{FFFC}x\u{FFFC} Đồng Hới \u{FFFC}"
        );
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn offsets_lead_back_to_the_body() {
        let body = "Intro\n\nThe **Cha Lo**\nborder gate &amp; more\n";
        let blocks = body_blocks(body);
        let block = &blocks[1];
        let at = block.text.find("Cha").unwrap();
        assert_eq!(&body[block.source_offset(at)..][..6], "Cha Lo");
        let at = block.text.find("border").unwrap();
        assert_eq!(&body[block.source_offset(at)..][..6], "border");
    }

    #[test]
    fn source_text_of_mekong_new_is_skipped() {
        let body = format!(
            "{SOURCE_TEXT_MARKER} (vi) below -->\n\nQuảng Bình\n\n{END_OF_SOURCE_TEXT}\n\nQuang Binh\n"
        );
        assert_eq!(texts(&body), ["Quang Binh"]);
    }

    #[test]
    fn bare_urls_are_masked() {
        let block = Block::plain(
            Place::Title,
            "See https://quangbinh.gov.vn/x and www.a.b now",
        );
        assert_eq!(block.masked.len(), 2);
        assert_eq!(
            &block.text[block.masked[0].clone()],
            "https://quangbinh.gov.vn/x"
        );
        assert_eq!(&block.text[block.masked[1].clone()], "www.a.b");
    }

    #[test]
    fn e_mail_addresses_and_host_names_are_masked() {
        let text = "Email: info@vanlinh.gov.vn, or vanlinh.gov.vn. Van Linh has 9.420 km2.";
        let block = Block::plain(Place::Title, text);
        let masked: Vec<&str> = block.masked.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(masked, ["info@vanlinh.gov.vn,", "vanlinh.gov.vn."]);
    }
}
