//! Source files and byte spans, with the line and column arithmetic every report needs.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A byte range into one source file.
pub type Span = Range<usize>;

/// A file as read from disk: its path relative to the project root and its text.
#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown to users: relative to the project root, `/`-separated.
    pub name: String,
    /// Absolute or root-joined path on disk.
    pub path: PathBuf,
    /// The whole text (UTF-8).
    pub text: String,
    line_starts: Vec<usize>,
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters (Unicode scalar values).
    pub column: usize,
}

impl SourceFile {
    /// Wraps text read from `path`, shown to users as `name`.
    pub fn new(name: impl Into<String>, path: impl Into<PathBuf>, text: String) -> Arc<Self> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Arc::new(SourceFile {
            name: name.into(),
            path: path.into(),
            text,
            line_starts,
        })
    }

    /// A file that exists only in memory (tests, templates, stdin).
    pub fn virtual_file(name: &str, text: &str) -> Arc<Self> {
        Self::new(name, Path::new(name), text.to_owned())
    }

    /// Line and character column of a byte offset; offsets past the end clamp to the end.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        LineCol {
            line: line + 1,
            column: self.text[start..offset].chars().count() + 1,
        }
    }

    /// Byte offset of a 1-based line and character column, clamped into the text.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let line_text = &rest[..rest.find('\n').unwrap_or(rest.len())];
        start
            + line_text
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(line_text.len(), |(i, _)| i)
    }

    /// The text of the 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let rest = &self.text[start..];
        rest[..rest.find('\n').unwrap_or(rest.len())].trim_end_matches('\r')
    }

    fn floor_char_boundary(&self, i: usize) -> usize {
        floor_boundary(&self.text, i)
    }
}

/// `i` (clamped to the text), moved back to the nearest character boundary. Every
/// byte-bounded window into text goes through this or [`prefix_within`]: a window that
/// ends inside a multibyte character would panic.
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `i` (clamped to the text), moved forward to the nearest character boundary.
pub fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
pub fn prefix_within(text: &str, max: usize) -> &str {
    &text[..floor_boundary(text, max)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = SourceFile::virtual_file("a", "ab\nDüsseldorf x\n");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        let x = f.text.find('x').unwrap();
        assert_eq!(
            f.line_col(x),
            LineCol {
                line: 2,
                column: 12
            }
        );
        assert_eq!(f.offset(2, 12), x);
    }

    #[test]
    fn windows_never_end_inside_a_character() {
        // "ä" is two bytes, "€" three: a 2-byte window keeps only what fits whole.
        assert_eq!(prefix_within("aä", 2), "a");
        assert_eq!(prefix_within("€", 2), "");
        assert_eq!(prefix_within("ab", 9), "ab");
        assert_eq!(floor_boundary("a€", 3), 1);
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let f = SourceFile::virtual_file("a", "ab");
        assert_eq!(f.line_col(99), LineCol { line: 1, column: 3 });
        assert_eq!(f.offset(7, 1), 2);
    }
}
