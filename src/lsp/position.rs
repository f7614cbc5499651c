//! Byte offsets (privreg's spans) to LSP positions and back.
//!
//! An LSP position is a line and a column in code units of the negotiated encoding:
//! UTF-16 unless the client offers UTF-8 (LSP 3.17, `positionEncoding`). Lines end at
//! `\n`, `\r\n` or a lone `\r`, as the protocol says, whatever privreg's own reports count.

use lsp_types::{Position, Range};

/// The unit of an LSP column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    Utf16,
}

impl Encoding {
    /// Code units of `c` in this encoding.
    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// The line starts of a text, to convert offsets and positions in it.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends {
                starts.push(i + 1);
            }
        }
        LineIndex { text, starts }
    }

    /// The position of byte `offset`; past the end it is the end, and inside a character
    /// it is that character's start.
    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        let offset = crate::source::floor_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = self.text[start..offset]
            .chars()
            .map(|c| enc.units(c))
            .sum::<usize>();
        Position::new(saturate(line), saturate(character))
    }

    /// The byte offset of `pos`. A line past the last is the end of the text; a column
    /// past the end of its line is the line's end (before its line break), as the
    /// protocol asks; a column inside a character (half a surrogate pair) is its start.
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = self.text[start..end].trim_end_matches(['\n', '\r']);
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            let next = units + enc.units(c);
            if next > pos.character as usize {
                return start + i;
            }
            units = next;
        }
        start + line.len()
    }

    /// The range of the byte span `span`.
    pub fn range(&self, span: &std::ops::Range<usize>, enc: Encoding) -> Range {
        Range::new(
            self.position(span.start, enc),
            self.position(span.end.max(span.start), enc),
        )
    }

    /// The byte span of `range`, its ends in order.
    pub fn span(&self, range: Range, enc: Encoding) -> std::ops::Range<usize> {
        let (a, b) = (self.offset(range.start, enc), self.offset(range.end, enc));
        a.min(b)..a.max(b)
    }
}

/// A count as the protocol's `uinteger`; a text of four billion lines is over every limit.
fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn ascii_columns_are_bytes_in_either_encoding() {
        let index = LineIndex::new("ab\ncd\n");
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(index.position(0, enc), pos(0, 0));
            assert_eq!(index.position(4, enc), pos(1, 1));
            assert_eq!(index.position(6, enc), pos(2, 0));
            assert_eq!(index.offset(pos(1, 1), enc), 4);
        }
    }

    #[test]
    fn utf16_counts_an_astral_character_as_two_units_and_utf8_as_four() {
        // "𝔄" is 4 bytes of UTF-8 and a surrogate pair in UTF-16; "ä" 2 bytes, 1 unit.
        let text = "ä𝔄x";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.position(x, Encoding::Utf16), pos(0, 3));
        assert_eq!(index.position(x, Encoding::Utf8), pos(0, 6));
        assert_eq!(index.offset(pos(0, 3), Encoding::Utf16), x);
        assert_eq!(index.offset(pos(0, 6), Encoding::Utf8), x);
        // Half a surrogate pair, or the middle of a UTF-8 sequence, is the character's start.
        assert_eq!(index.offset(pos(0, 2), Encoding::Utf16), 2);
        assert_eq!(index.offset(pos(0, 3), Encoding::Utf8), 2);
    }

    #[test]
    fn an_offset_inside_a_character_is_its_start() {
        let index = LineIndex::new("€");
        assert_eq!(index.position(1, Encoding::Utf16), pos(0, 0));
        assert_eq!(index.position(3, Encoding::Utf16), pos(0, 1));
    }

    #[test]
    fn crlf_and_a_lone_cr_end_lines() {
        let text = "a\r\nb\rc\nd";
        let index = LineIndex::new(text);
        assert_eq!(
            index.position(text.find('b').unwrap(), Encoding::Utf16),
            pos(1, 0)
        );
        assert_eq!(
            index.position(text.find('c').unwrap(), Encoding::Utf16),
            pos(2, 0)
        );
        assert_eq!(
            index.position(text.find('d').unwrap(), Encoding::Utf16),
            pos(3, 0)
        );
        assert_eq!(
            index.offset(pos(2, 0), Encoding::Utf16),
            text.find('c').unwrap()
        );
    }

    #[test]
    fn positions_past_a_line_or_the_text_are_clamped() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        // Past the end of line 0: before its line break, never inside it.
        assert_eq!(index.offset(pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(index.offset(pos(7, 0), Encoding::Utf16), text.len());
        assert_eq!(index.position(999, Encoding::Utf16), pos(1, 2));
    }

    #[test]
    fn every_offset_round_trips_through_its_position() {
        let text = "x: \"ä𝔄\"\r\n\r\n  y: €\rz\n";
        let index = LineIndex::new(text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for (offset, c) in text.char_indices() {
                if c == '\n' && text[..offset].ends_with('\r') {
                    // Between `\r` and `\n` is no place a client can name.
                    continue;
                }
                let p = index.position(offset, enc);
                assert_eq!(index.offset(p, enc), offset, "{offset} {enc:?}");
            }
            let end = index.position(text.len(), enc);
            assert_eq!(index.offset(end, enc), text.len());
        }
    }

    proptest::proptest! {
        #[test]
        fn any_position_names_a_character_boundary_and_offsets_round_trip(
            text in "(a|ä|𝔄|€|\r|\n|\r\n| ){0,40}",
            line in 0u32..50,
            character in 0u32..50,
        ) {
            let index = LineIndex::new(&text);
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let offset = index.offset(Position::new(line, character), enc);
                proptest::prop_assert!(text.is_char_boundary(offset));
                for (at, c) in text.char_indices() {
                    if c == '\n' && text[..at].ends_with('\r') {
                        continue;
                    }
                    let p = index.position(at, enc);
                    proptest::prop_assert_eq!(index.offset(p, enc), at);
                }
            }
        }
    }

    #[test]
    fn an_empty_text_has_one_empty_line() {
        let index = LineIndex::new("");
        assert_eq!(index.position(0, Encoding::Utf16), pos(0, 0));
        assert_eq!(index.offset(pos(3, 3), Encoding::Utf16), 0);
    }
}
