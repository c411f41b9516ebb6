//! A small HTML tokenizer: where the editor's tags are, their attributes with
//! character references decoded, and the end of comments and raw-text elements; enough
//! to agree with the sanitizer's parser about what is a tag.

use std::borrow::Cow;
use std::ops::Range;

/// Elements whose content the HTML parser reads as text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
];

/// A tag as the HTML tokenizer reads it, for reporting and for the edits made before
/// sanitizing. The sanitizer parses again on its own: this only has to agree with it
/// about where tags are, and the allow-list decides the same way in both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    Start(StartTag),
    End { range: Range<usize>, name: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StartTag {
    pub(super) range: Range<usize>,
    /// Lower-case.
    pub(super) name: String,
    /// Lower-case names, values with character references decoded; the first of
    /// duplicate names wins, as in browsers.
    pub(super) attributes: Vec<Attribute>,
    /// The end tag of a raw-text element (`</iframe>`), when there is one.
    pub(super) close: Option<Range<usize>>,
}

impl StartTag {
    pub(super) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Attribute {
    pub(super) name: String,
    pub(super) value: String,
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The tags of `text`, following the HTML tokenizer's states for tags, attributes,
/// comments and raw text.
pub(super) fn scan(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(found) = text[i..].find('<') {
        let lt = i + found;
        let next = bytes.get(lt + 1).copied();
        i = match next {
            Some(c) if c.is_ascii_alphabetic() => match read_tag(text, lt + 1) {
                Some((name, attributes, end)) => {
                    let mut tag = StartTag {
                        range: lt..end,
                        name,
                        attributes,
                        close: None,
                    };
                    let mut resume = end;
                    if RAW_TEXT.contains(&tag.name.as_str()) {
                        match closing_tag(text, end, &tag.name) {
                            Some(close) => {
                                resume = close.end;
                                tag.close = Some(close);
                            }
                            None => resume = text.len(),
                        }
                    }
                    tokens.push(Token::Start(tag));
                    resume
                }
                None => text.len(),
            },
            Some(b'/') => match bytes.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => match read_tag(text, lt + 2) {
                    Some((name, _, end)) => {
                        tokens.push(Token::End {
                            range: lt..end,
                            name,
                        });
                        end
                    }
                    None => text.len(),
                },
                Some(b'>') => lt + 3,
                _ => bogus_comment_end(text, lt + 2),
            },
            Some(b'!') if text[lt..].starts_with("<!--") => comment_end(text, lt + 4),
            Some(b'!' | b'?') => bogus_comment_end(text, lt + 2),
            _ => lt + 1,
        };
    }
    tokens
}

/// Reads a tag name and its attributes from `start` (just after `<` or `</`); returns
/// the name, the attributes and the offset after `>`, or `None` when the text ends
/// inside the tag (the tokenizer then drops it).
fn read_tag(text: &str, start: usize) -> Option<(String, Vec<Attribute>, usize)> {
    let bytes = text.as_bytes();
    let mut j = start;
    while j < bytes.len() && !is_space(bytes[j]) && bytes[j] != b'/' && bytes[j] != b'>' {
        j += 1;
    }
    let name = text[start..j].to_ascii_lowercase();
    let mut attributes: Vec<Attribute> = Vec::new();
    loop {
        while j < bytes.len() && (is_space(bytes[j]) || bytes[j] == b'/') {
            j += 1;
        }
        match bytes.get(j) {
            None => return None,
            Some(b'>') => return Some((name, attributes, j + 1)),
            Some(_) => {}
        }
        let name_start = j;
        j += 1;
        while j < bytes.len() && !is_space(bytes[j]) && !matches!(bytes[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let attribute_name = text[name_start..j].to_ascii_lowercase();
        let mut k = j;
        while k < bytes.len() && is_space(bytes[k]) {
            k += 1;
        }
        let mut value = "";
        if bytes.get(k) == Some(&b'=') {
            k += 1;
            while k < bytes.len() && is_space(bytes[k]) {
                k += 1;
            }
            match bytes.get(k) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = text[k + 1..].find(quote as char)? + k + 1;
                    value = &text[k + 1..end];
                    k = end + 1;
                }
                _ => {
                    let end = text[k..]
                        .find(|c: char| c.is_ascii() && (is_space(c as u8) || c == '>'))
                        .map_or(text.len(), |e| k + e);
                    value = &text[k..end];
                    k = end;
                }
            }
            j = k;
        }
        if !attributes.iter().any(|a| a.name == attribute_name) {
            attributes.push(Attribute {
                name: attribute_name,
                value: decode_references(value).into_owned(),
            });
        }
    }
}

/// The end tag that closes raw-text element `name` whose content starts at `from`.
fn closing_tag(text: &str, from: usize, name: &str) -> Option<Range<usize>> {
    if name == "plaintext" {
        return None;
    }
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(found) = text[at..].find("</") {
        let start = at + found;
        let name_end = start + 2 + name.len();
        if text
            .get(start + 2..name_end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && bytes
                .get(name_end)
                .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
        {
            let end = text[name_end..]
                .find('>')
                .map_or(text.len(), |e| name_end + e + 1);
            return Some(start..end);
        }
        at = start + 2;
    }
    None
}

fn comment_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    if rest.starts_with('>') {
        return from + 1;
    }
    if rest.starts_with("->") {
        return from + 2;
    }
    let ends = [
        rest.find("-->").map(|e| e + 3),
        rest.find("--!>").map(|e| e + 4),
    ];
    ends.into_iter()
        .flatten()
        .min()
        .map_or(text.len(), |e| from + e)
}

fn bogus_comment_end(text: &str, from: usize) -> usize {
    text[from..].find('>').map_or(text.len(), |e| from + e + 1)
}

/// Decodes numeric character references and the named ones that stand for ASCII
/// punctuation or white space — enough to read a URL's scheme as a browser does
/// (other named references never spell scheme characters).
fn decode_references(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (decoded, used) = reference(after);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference after `&` stands for, and how many bytes it took.
fn reference(after: &str) -> (Option<char>, usize) {
    if let Some(number) = after.strip_prefix('#') {
        let (hex, digits) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (true, hex),
            None => (false, number),
        };
        let len = digits
            .bytes()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if len == 0 {
            return (None, 0);
        }
        let code =
            u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).unwrap_or(0x110000);
        let c = match code {
            0 => '\u{FFFD}',
            _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
        };
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return (Some(c), 1 + usize::from(hex) + len + semicolon);
    }
    const NAMED: &[(&str, char)] = &[
        ("Tab;", '\t'),
        ("NewLine;", '\n'),
        ("excl;", '!'),
        ("quot;", '"'),
        ("quot", '"'),
        ("num;", '#'),
        ("dollar;", '$'),
        ("percnt;", '%'),
        ("amp;", '&'),
        ("amp", '&'),
        ("apos;", '\''),
        ("lpar;", '('),
        ("rpar;", ')'),
        ("ast;", '*'),
        ("plus;", '+'),
        ("comma;", ','),
        ("period;", '.'),
        ("sol;", '/'),
        ("colon;", ':'),
        ("semi;", ';'),
        ("lt;", '<'),
        ("lt", '<'),
        ("equals;", '='),
        ("gt;", '>'),
        ("gt", '>'),
        ("quest;", '?'),
        ("commat;", '@'),
        ("lsqb;", '['),
        ("bsol;", '\\'),
        ("rsqb;", ']'),
        ("Hat;", '^'),
        ("lowbar;", '_'),
        ("grave;", '`'),
        ("lcub;", '{'),
        ("verbar;", '|'),
        ("rcub;", '}'),
        ("nbsp;", '\u{A0}'),
    ];
    NAMED
        .iter()
        .find(|(name, _)| after.starts_with(name))
        .map_or((None, 0), |&(name, c)| (Some(c), name.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanner_reads_attributes_like_the_tokenizer() {
        let tokens = scan(
            "<a HREF = 'x y' title=a&amp;b href=2 disabled/><!-- <b> --><script>if (a<b) {}</script></A>",
        );
        let Token::Start(a) = &tokens[0] else {
            panic!()
        };
        assert_eq!(a.name, "a");
        assert_eq!(a.attribute("href"), Some("x y"));
        assert_eq!(a.attribute("title"), Some("a&b"));
        assert_eq!(a.attribute("disabled"), Some(""));
        let Token::Start(script) = &tokens[1] else {
            panic!()
        };
        assert_eq!(script.name, "script");
        assert!(script.close.is_some());
        assert!(matches!(&tokens[2], Token::End { name, .. } if name == "a"));
        assert_eq!(tokens.len(), 3);
    }
}
