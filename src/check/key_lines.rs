//! Top-level keys of a front matter as lines of text: where one is written, and setting
//! `source_hash:` without parsing the YAML, so that every other byte stays as written.

/// The text with its `source_hash:` line set to `hash`, or `None` without front matter.
pub(super) fn restamp(text: &str, hash: &str) -> Option<String> {
    let lines = front_matter(text)?;
    let new_line = format!("source_hash: \"{hash}\"");
    let found = |key: &str| {
        lines
            .body
            .iter()
            .position(|&(_, line)| is_key_line(line, key))
    };
    let mut out = String::with_capacity(text.len() + new_line.len() + 2);
    if let Some(index) = found("source_hash") {
        let (start, line) = lines.body[index];
        let content_len = line.trim_end_matches(['\n', '\r']).len();
        out.push_str(&text[..start]);
        out.push_str(&new_line);
        out.push_str(&text[start + content_len..]);
        return Some(out);
    }
    // After `title:` and its continuation lines; else just before the closing `---`.
    let insert_at = match found("title") {
        Some(index) => {
            let (start, line) = lines.body[index];
            let mut end = start + line.len();
            for &(start, line) in &lines.body[index + 1..] {
                if !line.starts_with([' ', '\t']) {
                    break;
                }
                end = start + line.len();
            }
            end
        }
        None => lines.close,
    };
    let eol = if text[..insert_at].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    out.push_str(&text[..insert_at]);
    if !text[..insert_at].ends_with('\n') {
        out.push_str(eol);
    }
    out.push_str(&new_line);
    out.push_str(eol);
    out.push_str(&text[insert_at..]);
    Some(out)
}

/// The 0-based line of the file where the front matter's top-level `key` is written.
pub(super) fn front_matter_line(text: &str, key: &str) -> Option<usize> {
    let lines = front_matter(text)?;
    let index = lines
        .body
        .iter()
        .position(|&(_, line)| is_key_line(line, key))?;
    Some(index + 1)
}

/// The lines between the opening and closing `---` (byte offset, line with its ending),
/// and where the closing line starts.
struct FrontMatter<'a> {
    body: Vec<(usize, &'a str)>,
    close: usize,
}

fn front_matter(text: &str) -> Option<FrontMatter<'_>> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_start_matches('\u{feff}').trim_end() != "---" {
        return None;
    }
    let mut offset = first.len();
    let mut body = Vec::new();
    for line in lines {
        if line.trim_end() == "---" {
            return Some(FrontMatter {
                body,
                close: offset,
            });
        }
        body.push((offset, line));
        offset += line.len();
    }
    None
}

/// `key:` at the start of a line (a top-level key of the front matter).
fn is_key_line(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_the_source_hash_line() {
        let text =
            "---\ntitle: \"A\"\nsource_hash: 0000aaaa   # old\ndate: 2024-01-01\n---\nBody\n";
        assert_eq!(
            restamp(text, "9f2c41d0").unwrap(),
            "---\ntitle: \"A\"\nsource_hash: \"9f2c41d0\"\ndate: 2024-01-01\n---\nBody\n"
        );
    }

    #[test]
    fn adds_the_line_after_the_title_keeping_crlf() {
        let text = "---\r\ntitle: >-\r\n  Dài\r\n  lắm\r\ndate: 2024-01-01\r\n---\r\nBody\r\n";
        assert_eq!(
            restamp(text, "12e45678").unwrap(),
            "---\r\ntitle: >-\r\n  Dài\r\n  lắm\r\nsource_hash: \"12e45678\"\r\ndate: 2024-01-01\r\n---\r\nBody\r\n"
        );
    }

    #[test]
    fn nested_keys_and_the_body_are_not_touched() {
        let text = "---\ntitle: A\nextra:\n  source_hash: x\n---\nsource_hash: y\n";
        assert_eq!(
            restamp(text, "abcdef01").unwrap(),
            "---\ntitle: A\nsource_hash: \"abcdef01\"\nextra:\n  source_hash: x\n---\nsource_hash: y\n"
        );
        assert_eq!(front_matter_line(text, "extra"), Some(2));
        assert!(restamp("no front matter\n", "abcdef01").is_none());
    }
}
