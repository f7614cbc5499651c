//! Source files and byte spans, with the line and column arithmetic every report needs.

use std::borrow::Cow;
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
    line_starts: LineStarts,
    /// `text` with lone `\r` made `\n`, made once and only for files that have one.
    lf_text: Option<String>,
    /// Characters before each [`CHECKPOINT`]-byte step (at a character boundary), so that a
    /// column costs at most one step of counting however long its line: many findings on
    /// one long line (minified HTML) were quadratic. Empty for ASCII text, where a column
    /// is a byte count.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two character-count checkpoints.
const CHECKPOINT: usize = 4096;

/// `(byte offset, characters before it)` every [`CHECKPOINT`] bytes; none for ASCII text.
fn checkpoints(text: &str) -> Vec<(usize, usize)> {
    if text.is_ascii() {
        return Vec::new();
    }
    let mut out = vec![(0, 0)];
    let (mut at, mut chars) = (0, 0);
    while at + CHECKPOINT < text.len() {
        let next = floor_boundary(text, at + CHECKPOINT).max(at + 1);
        let next = ceil_boundary(text, next);
        chars += text[at..next].chars().count();
        at = next;
        out.push((at, chars));
    }
    out
}

/// The bytes of a text from which [`SourceFile::new`] makes its line index on a thread of
/// its own: a few milliseconds of work.
const INDEX_ON_TWO_THREADS: usize = 4 << 20;

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
        let lf_and_checkpoints = |text: &str| {
            let lf_text = match lf_line_ends(text) {
                Cow::Owned(lf) => Some(lf),
                Cow::Borrowed(_) => None,
            };
            (lf_text, checkpoints(text))
        };
        // Each index reads the whole text: a large one is indexed on two threads at once.
        let (line_starts, (lf_text, checkpoints)) = if text.len() >= INDEX_ON_TWO_THREADS
            && crate::parallel::jobs_from_env_or_default() > 1
        {
            std::thread::scope(|scope| {
                let lines = crate::parallel::try_spawn(scope, || LineStarts::of(&text));
                let rest = lf_and_checkpoints(&text);
                let lines = match lines {
                    Some(lines) => lines
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    None => LineStarts::of(&text),
                };
                (lines, rest)
            })
        } else {
            (LineStarts::of(&text), lf_and_checkpoints(&text))
        };
        Arc::new(SourceFile {
            name: name.into(),
            path: path.into(),
            text,
            line_starts,
            lf_text,
            checkpoints,
        })
    }

    /// A file that exists only in memory (tests, templates, stdin).
    pub fn virtual_file(name: &str, text: &str) -> Arc<Self> {
        Self::new(name, Path::new(name), text.to_owned())
    }

    /// Line and character column of a byte offset; offsets past the end clamp to the end.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.line_of(offset);
        let start = self.line_starts.at(line);
        // A short stretch is counted directly; a long one through the checkpoints.
        let column = if offset - start <= CHECKPOINT {
            self.text[start..offset].chars().count()
        } else {
            self.chars_before(offset) - self.chars_before(start)
        };
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// How many characters precede byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return offset;
        }
        let i = self.checkpoints.partition_point(|&(b, _)| b <= offset) - 1;
        let (at, chars) = self.checkpoints[i];
        chars + self.text[at..offset].chars().count()
    }

    /// Byte offset of a 1-based line and character column, clamped into the text.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let line_text = &rest[..rest.find(LINE_END).unwrap_or(rest.len())];
        start
            + line_text
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(line_text.len(), |(i, _)| i)
    }

    /// The text of the 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts.at(line - 1);
        let rest = &self.text[start..];
        &rest[..rest.find(LINE_END).unwrap_or(rest.len())]
    }

    /// The 0-based index of the line holding byte `offset`; an offset at or past the end of a
    /// text whose last line ends with a line break belongs to that last line, not to the empty
    /// one after it, as annotate-snippets counts them.
    pub fn line_index(&self, offset: usize) -> usize {
        let len = self.text.len();
        let offset = if offset >= len && self.text.ends_with(LINE_END) {
            len - 1
        } else {
            offset.min(len)
        };
        self.line_starts.line_of(offset)
    }

    /// The byte range of the 0-based line `index`, its line break included.
    pub fn line_range(&self, index: usize) -> Span {
        let start = self.line_starts.at(index);
        let end = self.line_starts.get(index + 1).unwrap_or(self.text.len());
        start..end
    }

    /// The text with each lone `\r` made `\n`, at the same byte offsets: for renderers that
    /// split lines at `\n` only, to which an old Mac file would be one line.
    pub fn text_lf(&self) -> &str {
        self.lf_text.as_deref().unwrap_or(&self.text)
    }

    fn floor_char_boundary(&self, i: usize) -> usize {
        floor_boundary(&self.text, i)
    }
}

/// The characters that end a line: `\n`, `\r\n` and a lone `\r` (old Mac files) alike, as
/// YAML 1.2 counts them (production `b-break`) and so its parser's line numbers.
const LINE_END: [char; 2] = ['\r', '\n'];

/// Where each line starts, as `u32` where the text allows: every file, a register or one
/// `lint` reads (1 GiB at most), is indexed at half the memory, which counts at 100,000
/// registers, each kept with its index for the snippets of its findings.
#[derive(Debug)]
enum LineStarts {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl LineStarts {
    fn of(text: &str) -> LineStarts {
        if u32::try_from(text.len()).is_ok() {
            // Every start is at most the text's length, so each fits.
            LineStarts::Narrow(line_start_offsets(text).map(|s| s as u32).collect())
        } else {
            LineStarts::Wide(line_starts(text))
        }
    }

    fn get(&self, index: usize) -> Option<usize> {
        match self {
            LineStarts::Narrow(v) => v.get(index).map(|&s| s as usize),
            LineStarts::Wide(v) => v.get(index).copied(),
        }
    }

    fn at(&self, index: usize) -> usize {
        match self {
            LineStarts::Narrow(v) => v[index] as usize,
            LineStarts::Wide(v) => v[index],
        }
    }

    /// The 0-based line holding `offset` (the last start at or before it).
    fn line_of(&self, offset: usize) -> usize {
        match self {
            LineStarts::Narrow(v) => v.partition_point(|&s| s as usize <= offset) - 1,
            LineStarts::Wide(v) => v.partition_point(|&s| s <= offset) - 1,
        }
    }
}

/// Byte offset where each line of `text` starts; the first line starts at 0.
pub fn line_starts(text: &str) -> Vec<usize> {
    line_start_offsets(text).collect()
}

/// The line starts of `text`, 0 first.
fn line_start_offsets(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    std::iter::once(0).chain(memchr::memchr2_iter(b'\n', b'\r', bytes).filter_map(|i| {
        let ends = bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n');
        ends.then_some(i + 1)
    }))
}

/// The lines of `text`, each with its line break (`\n`, `\r\n` or a lone `\r`).
pub fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let starts = line_starts(text);
    (0..starts.len())
        .map(move |i| &text[starts[i]..starts.get(i + 1).map_or(text.len(), |&e| e)])
        .filter(|line| !line.is_empty())
}

/// `text` with each lone `\r` made `\n`: every byte offset stays valid, as both are one byte.
fn lf_line_ends(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut lone = memchr::memchr_iter(b'\r', bytes).filter(|&i| bytes.get(i + 1) != Some(&b'\n'));
    let Some(first) = lone.next() else {
        return Cow::Borrowed(text);
    };
    let mut out = bytes.to_vec();
    for i in std::iter::once(first).chain(lone) {
        out[i] = b'\n';
    }
    Cow::Owned(String::from_utf8(out).expect("one ASCII byte replaced by another"))
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

    /// A file large enough to be indexed on two threads places every offset where counting
    /// from its start does.
    #[test]
    fn a_large_file_indexed_on_two_threads_places_offsets_as_counted() {
        let line = "Art. 6 «ä» 中\r\nnext\rlone\n";
        let text = line.repeat(INDEX_ON_TWO_THREADS / line.len() + 2);
        let file = SourceFile::new("big.txt", "big.txt", text.clone());
        let step = text.len() / 23;
        for offset in (0..text.len()).step_by(step).chain([text.len()]) {
            let offset = floor_boundary(&text, offset);
            if text[..offset].ends_with('\r') {
                // Between the two bytes of a CRLF line end, which counts as one.
                continue;
            }
            let before = &text[..offset].replace("\r\n", "\n").replace('\r', "\n");
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            assert_eq!(
                file.line_col(offset),
                LineCol { line, column },
                "at {offset}"
            );
        }
    }

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
    fn hardening_20_lf_crlf_and_a_lone_cr_each_end_a_line() {
        let f = SourceFile::virtual_file("a", "a: 1\rb: 2\r\nc: 3\nd: 4\r\re: 5");
        let at = |s: &str| f.line_col(f.text.find(s).unwrap());
        for (i, key) in ["a", "b", "c", "d"].into_iter().enumerate() {
            assert_eq!(
                at(key),
                LineCol {
                    line: i + 1,
                    column: 1
                },
                "{key}"
            );
        }
        assert_eq!(
            at("e"),
            LineCol { line: 6, column: 1 },
            "`\\r\\r` is two line ends"
        );
        assert_eq!(at("2"), LineCol { line: 2, column: 4 });
        assert_eq!(f.line_text(2), "b: 2");
        assert_eq!(f.line_text(5), "");
        assert_eq!(f.offset(4, 4), f.text.find('4').unwrap());
        assert_eq!(
            f.offset(1, 9),
            4,
            "a column past the end stops at the line end"
        );
        let lines: Vec<&str> = lines_inclusive(&f.text).collect();
        assert_eq!(
            lines,
            ["a: 1\r", "b: 2\r\n", "c: 3\n", "d: 4\r", "\r", "e: 5"]
        );
        assert_eq!(lf_line_ends(&f.text), "a: 1\nb: 2\r\nc: 3\nd: 4\n\ne: 5");
        assert!(matches!(lf_line_ends("a\r\nb\n"), Cow::Borrowed(_)));
        assert_eq!(f.text_lf(), lf_line_ends(&f.text));
    }

    #[test]
    fn columns_on_long_lines_agree_with_counting_from_the_line_start() {
        // Issue 13, item 10: checkpoints make a column cheap on a long line; they must give
        // exactly what counting gives, on both sides of every checkpoint.
        let line: String = (0..3_000).map(|i| ["a", "ä", "€", "𝔄"][i % 4]).collect();
        let text = format!("x\n{line}\n{line}ü\n");
        let f = SourceFile::virtual_file("a", &text);
        for (offset, _) in text.char_indices() {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = text[start..offset].chars().count() + 1;
            assert_eq!(f.line_col(offset).column, expected, "at byte {offset}");
        }
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let f = SourceFile::virtual_file("a", "ab");
        assert_eq!(f.line_col(99), LineCol { line: 1, column: 3 });
        assert_eq!(f.offset(7, 1), 2);
    }
}
