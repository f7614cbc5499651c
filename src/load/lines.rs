//! The outline of a YAML text, line by line, without parsing it: what the scopes of
//! suppression comments and the help for syntax errors read, both also on files the
//! parser rejects.

/// One line of a YAML text as its outline shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Line {
    /// Not blank, not only a comment, not a document marker (`---`, `%YAML`); a line of a
    /// block scalar's text counts when it is not blank.
    pub content: bool,
    /// Bytes of indentation before its content.
    pub indent: usize,
    /// Where its entry's key starts: after `- ` for a list item, else at `indent`.
    pub key: usize,
    /// It starts a list item (`- `, or a bare `-`).
    pub item: bool,
    /// It ends in `key:` (or is a bare `-`): the value is on the lines below.
    pub opens: bool,
    /// Byte offset within the line of the `#` that starts its comment; never in a block
    /// scalar's text, where `#` is text.
    pub comment: Option<usize>,
}

/// The outline of every line of `text` (line ends `\n`, `\r\n` or a lone `\r`).
pub fn outline(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    // Inside a `|` or `>` block scalar, lines indented deeper than the line that opened it
    // (and blank lines) are its text.
    let mut block: Option<usize> = None;
    for raw in crate::source::lines_inclusive(text) {
        let line = raw.trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start().len();
        if let Some(b) = block {
            if line.trim().is_empty() || indent > b {
                out.push(Line {
                    content: !line.trim().is_empty(),
                    indent,
                    key: indent,
                    ..Line::default()
                });
                continue;
            }
            block = None;
        }
        let comment = comment_start(line);
        let trimmed = line[..comment.unwrap_or(line.len())].trim();
        let marker = trimmed == "---" || trimmed.starts_with('%');
        let item = trimmed == "-" || trimmed.starts_with("- ");
        let indicator =
            trimmed.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
        if indicator.ends_with('|') || indicator.ends_with('>') {
            block = Some(indent);
        }
        out.push(Line {
            content: !trimmed.is_empty() && !marker,
            indent,
            key: if item { indent + 2 } else { indent },
            item,
            opens: trimmed.ends_with(':') || trimmed == "-",
            comment,
        });
    }
    out
}

/// Byte index of the `#` that starts a YAML comment: at the line start or after
/// whitespace, outside quotes.
pub fn comment_start(line: &str) -> Option<usize> {
    let (mut single, mut double) = (false, false);
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single && prev != '\\' => double = !double,
            '#' if !single && !double && prev.is_whitespace() => return Some(i),
            _ => {}
        }
        prev = c;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outline_knows_items_opening_keys_comments_and_block_text() {
        let yaml =
            "id: s  # the id\nprocessors:\n  - service: A\n    details: |\n      # text\n\n---\n";
        let lines = outline(yaml);
        assert_eq!(lines.len(), 7);
        assert_eq!(lines[0].comment, Some(7));
        assert!(lines[1].opens && !lines[1].item);
        assert!(lines[2].item && lines[2].key == 4 && !lines[2].opens);
        assert!(lines[4].content && lines[4].comment.is_none(), "block text");
        assert!(!lines[5].content, "blank");
        assert!(!lines[6].content, "document marker");
    }
}
