//! Markdown escaping of register values and normalisation of the rendered Markdown.
//!
//! Every string a register supplies passes through [`escape`] before a template sees it,
//! so a template cannot forget to escape: whatever the user typed renders as those
//! characters, never as emphasis, a heading, a link or raw HTML.

use crate::rules::{text_control_character, url_scheme_invalid};

/// Escapes `text` so CommonMark renders exactly the characters typed, wherever a template
/// puts it: mid-sentence, at the start of a line, in a list item or a heading.
///
/// Whitespace runs (newlines included) collapse to one space, so a value never spans lines
/// and the only line start it can sit at is its own first character.
pub fn escape(text: &str) -> String {
    let out = escape_inline(text);
    // A value of digits alone becomes an ordered-list marker at a line start as soon as a
    // filter or the template puts `.` or `)` after it (`2024` + `end` is `2024.`), and no
    // backslash can escape a digit: its first digit is written as a character reference,
    // which the block parser does not read as a digit and the reader sees as one.
    match out.bytes().next() {
        Some(first @ b'0'..=b'9') if out.len() <= 9 && out.bytes().all(|b| b.is_ascii_digit()) => {
            format!("&#{first};{}", &out[1..])
        }
        _ => neutralise_line_start(out),
    }
}

/// Escapes a chapter number like [`escape`], except that digits alone stay as written: the
/// number is as trusted as a section's `order`, which follows it (`10.1`), and templates
/// write the punctuation around it themselves.
pub fn escape_number(text: &str) -> String {
    neutralise_line_start(escape_inline(text))
}

/// The backslash escapes and the whitespace collapse of [`escape`], without the care for
/// line starts.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Bytes before `run` are written; `space` is a whitespace run owed before the next
    // word (none before the first, none after the last).
    let (mut run, mut at, mut space) = (0, 0, false);
    let bytes = text.as_bytes();
    let owed = |out: &mut String, space: &mut bool| {
        if std::mem::take(space) {
            out.push(' ');
        }
    };
    let flush = |out: &mut String, space: &mut bool, upto: usize, run: usize| {
        if run < upto {
            owed(out, space);
            out.push_str(&text[run..upto]);
        }
    };
    while let Some(&b) = bytes.get(at) {
        match INLINE[usize::from(b)] {
            Inline::Plain => at += 1,
            // ASCII whitespace only: a no-break space inside "CA\u{a0}94105" is content.
            Inline::Space => {
                flush(&mut out, &mut space, at, run);
                space = !out.is_empty();
                at += 1;
                run = at;
            }
            // The characters that open inline constructs (emphasis, code, links, autolinks,
            // raw HTML, entities) or close an ATX heading. `!` only matters before `[`, and
            // `[` is escaped; `(`, `.` and `-` only matter at a line start (see `escape`).
            Inline::Syntax => {
                flush(&mut out, &mut space, at, run);
                owed(&mut out, &mut space);
                out.push('\\');
                run = at;
                at += 1;
            }
            // PRV019's characters, should the rule be turned off: visible, and harmless.
            Inline::Other => {
                let c = text[at..].chars().next().unwrap_or_default();
                let len = c.len_utf8();
                if text_control_character::forbidden(c).is_some() {
                    flush(&mut out, &mut space, at, run);
                    owed(&mut out, &mut space);
                    out.push(char::REPLACEMENT_CHARACTER);
                    run = at + len;
                }
                at += len;
            }
        }
    }
    flush(&mut out, &mut space, at, run);
    out
}

/// What [`escape_inline`] does with a byte.
#[derive(Clone, Copy)]
enum Inline {
    /// Copied as it is.
    Plain,
    /// ASCII white space: collapsed.
    Space,
    /// Markdown syntax: escaped with a backslash.
    Syntax,
    /// A control, or the first byte of a non-ASCII character: the character is looked at.
    Other,
}

/// [`Inline`] of every byte.
const INLINE: [Inline; 256] = {
    let mut table = [Inline::Other; 256];
    let mut b = 0x20;
    while b < 0x7F {
        table[b] = Inline::Plain;
        b += 1;
    }
    let mut i = 0;
    let syntax = b"\\`*_[]<>#&";
    while i < syntax.len() {
        table[syntax[i] as usize] = Inline::Syntax;
        i += 1;
    }
    let mut i = 0;
    let space = b" \t\n\x0C\r";
    while i < space.len() {
        table[space[i] as usize] = Inline::Space;
        i += 1;
    }
    table
};

/// Neutralises the block constructs a value would open if it began a line: list markers
/// (`-`, `+`, `1.`, `1)`), thematic breaks and setext underlines (`-`, `=`), tilde fences.
fn neutralise_line_start(mut s: String) -> String {
    match s.as_bytes().first() {
        Some(b'-' | b'+' | b'=' | b'~') => s.insert(0, '\\'),
        Some(b'0'..=b'9') => {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            // CommonMark ordered-list markers have at most nine digits.
            if digits <= 9 && matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
                s.insert(digits, '\\');
            }
        }
        _ => {}
    }
    s
}

/// `text` with every character PRV019 reports (controls, noncharacters, bidirectional
/// controls) replaced by U+FFFD, for the raw values that reach the output unescaped.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match text_control_character::forbidden(c) {
            Some(_) => char::REPLACEMENT_CHARACTER,
            None => c,
        })
        .collect()
}

/// A link field as Markdown: an autolink when the URL is one privreg publishes (https,
/// http or mailto, no whitespace), otherwise the escaped text, so it shows but never links.
pub fn link(url: &str) -> String {
    let autolinkable = url_scheme_invalid::problem(url).is_none()
        && !url.contains(['<', '>'])
        && !url
            .chars()
            .any(|c| text_control_character::forbidden(c).is_some());
    if autolinkable {
        format!("<{url}>")
    } else {
        escape(url)
    }
}

/// Tidies template output: no trailing spaces (they would be hard line breaks), at most
/// one blank line in a row, no leading blank lines, exactly one final newline. Templates
/// can then use `{% if %}` blocks freely without counting newlines.
pub fn normalise(rendered: &str) -> String {
    let mut n = Normaliser::default();
    n.push(rendered);
    n.finish()
}

/// [`normalise`] as the text arrives, so that a template's raw output is never held whole
/// beside its tidied copy (at 100,000 sections, a few hundred megabytes).
#[derive(Debug)]
pub struct Normaliser {
    out: String,
    /// The line being written, up to its `\n`.
    line: String,
    blank_run: bool,
}

impl Default for Normaliser {
    fn default() -> Self {
        Normaliser {
            out: String::new(),
            line: String::new(),
            // No leading blank lines.
            blank_run: true,
        }
    }
}

impl Normaliser {
    /// A normaliser with room for `bytes` of output.
    pub fn with_capacity(bytes: usize) -> Normaliser {
        Normaliser {
            out: String::with_capacity(bytes),
            ..Normaliser::default()
        }
    }

    /// Takes the next piece of the text.
    pub fn push(&mut self, mut text: &str) {
        while let Some(end) = text.find('\n') {
            self.line.push_str(&text[..end]);
            self.end_line();
            text = &text[end + 1..];
        }
        self.line.push_str(text);
    }

    /// How many bytes of tidied text it holds.
    pub fn tidied(&self) -> usize {
        self.out.len()
    }

    /// Passes the text tidied so far on to `out`, but for its last line break and a blank
    /// line after it: a blank line stays only if a line follows, which is not known yet.
    /// What [`Normaliser::finish`] returns then follows what was passed on.
    pub fn drain_into(&mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        // The tidied text is whole lines, so it ends with a line break unless empty.
        let held = if self.out.ends_with("\n\n") {
            2
        } else {
            usize::from(!self.out.is_empty())
        };
        let ready = self.out.len() - held;
        out.write_all(&self.out.as_bytes()[..ready])?;
        self.out.drain(..ready);
        Ok(())
    }

    /// The tidied text.
    pub fn finish(mut self) -> String {
        // As `str::lines`: a last line without `\n` counts when it holds anything.
        if !self.line.is_empty() {
            self.end_line();
        }
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }

    fn end_line(&mut self) {
        // Trimming takes a `\r` before the `\n` too, as `str::lines` would.
        let line = self.line.trim_end();
        if line.is_empty() {
            if !self.blank_run {
                self.out.push('\n');
            }
            self.blank_run = true;
        } else {
            self.out.push_str(line);
            self.out.push('\n');
            self.blank_run = false;
        }
        self.line.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`escape_inline`] as first written, a word and a character at a time: the
    /// specification the byte table must meet.
    fn escape_inline_by_words(text: &str) -> String {
        let mut out = String::new();
        let words = text.split(|c: char| c.is_ascii_whitespace());
        for (i, word) in words.filter(|w| !w.is_empty()).enumerate() {
            if i > 0 {
                out.push(' ');
            }
            for c in word.chars() {
                if text_control_character::forbidden(c).is_some() {
                    out.push(char::REPLACEMENT_CHARACTER);
                    continue;
                }
                if "\\`*_[]<>#&".contains(c) {
                    out.push('\\');
                }
                out.push(c);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn inline_escaping_matches_escaping_word_by_word(
            text in "[ -~\t\n\r\u{B}\u{C}\u{0}\u{7F}\u{85}\u{A0}ü€\u{202E}\u{FFFE}\u{1F600}]{0,40}"
        ) {
            proptest::prop_assert_eq!(escape_inline(&text), escape_inline_by_words(&text));
        }
    }

    #[test]
    fn inline_syntax_is_backslash_escaped() {
        assert_eq!(escape("*bold*"), r"\*bold\*");
        assert_eq!(escape("`code`"), r"\`code\`");
        assert_eq!(
            escape("<script>alert(1)</script>"),
            r"\<script\>alert(1)\</script\>"
        );
        assert_eq!(
            escape("[x](javascript:alert(1))"),
            r"\[x\](javascript:alert(1))"
        );
        assert_eq!(escape("a_b & c"), r"a\_b \& c");
    }

    #[test]
    fn line_start_constructs_are_neutralised() {
        assert_eq!(escape("# heading"), r"\# heading");
        assert_eq!(escape("- item"), r"\- item");
        assert_eq!(escape("1. first"), r"1\. first");
        assert_eq!(escape("2024) year"), r"2024\) year");
        assert_eq!(escape("==="), r"\===");
        assert_eq!(escape("Gladbacher Str. 74"), "Gladbacher Str. 74");
    }

    #[test]
    fn digits_alone_cannot_become_a_list_marker_whatever_follows() {
        assert_eq!(escape("2024"), "&#50;024");
        assert_eq!(escape(" 7 "), "&#55;");
        // Ten digits are no list marker, and digits with more text are handled as before.
        assert_eq!(escape("1234567890"), "1234567890");
        assert_eq!(escape("2024 customers"), "2024 customers");
        assert_eq!(escape_number("10"), "10");
        assert_eq!(escape_number("1. x"), r"1\. x");
        let anchors = std::collections::HashMap::new();
        for suffix in [".", ")", ". more", ") more"] {
            let md = format!("{}{suffix}\n", escape("2024"));
            assert_eq!(
                super::super::html::to_html(&md, &anchors).body,
                format!("<p>2024{suffix}</p>\n")
            );
        }
    }

    #[test]
    fn whitespace_collapses_but_no_break_spaces_stay() {
        assert_eq!(escape("  a\n\n  b\tc "), "a b c");
        assert_eq!(escape("CA\u{a0}94105"), "CA\u{a0}94105");
    }

    #[test]
    fn hardening_17_controls_and_bidi_controls_never_reach_the_markdown() {
        assert_eq!(
            escape("Evil \u{202E}Corp\u{0}"),
            "Evil \u{FFFD}Corp\u{FFFD}"
        );
        assert_eq!(escape("a\u{1B}[2Jb\u{FFFF}"), "a\u{FFFD}\\[2Jb\u{FFFD}");
        assert_eq!(escape("tab\tand\nnewline"), "tab and newline");
        assert_eq!(
            link("https://a.example/\u{202E}x"),
            "https://a.example/\u{FFFD}x"
        );
        assert_eq!(clean("en\u{200F}"), "en\u{FFFD}");
    }

    #[test]
    fn only_publishable_urls_become_autolinks() {
        assert_eq!(link("https://a.example/p?q=1"), "<https://a.example/p?q=1>");
        assert_eq!(link("mailto:dpo@a.example"), "<mailto:dpo@a.example>");
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(link("https://a.example/<x>"), r"https://a.example/\<x\>");
    }

    #[test]
    fn normalise_keeps_one_blank_line_and_one_final_newline() {
        assert_eq!(normalise("\n\na  \n\n\n\nb\n\n"), "a\n\nb\n");
    }

    /// `normalise` as it was before it took its text in pieces.
    fn normalise_whole(rendered: &str) -> String {
        let mut out = String::with_capacity(rendered.len());
        let mut blank_run = true;
        for line in rendered.lines() {
            let line = line.trim_end();
            if line.is_empty() {
                if !blank_run {
                    out.push('\n');
                }
                blank_run = true;
            } else {
                out.push_str(line);
                out.push('\n');
                blank_run = false;
            }
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }

    /// `text` cut at those of `cuts` that are character boundaries within it, in order.
    fn pieces(text: &str, cuts: Vec<usize>) -> Vec<&str> {
        let mut cuts: Vec<usize> = cuts
            .into_iter()
            .filter(|&c| c <= text.len() && text.is_char_boundary(c))
            .chain([text.len()])
            .collect();
        cuts.sort_unstable();
        let mut at = 0;
        cuts.into_iter()
            .map(|cut| {
                let piece = &text[at..cut];
                at = cut;
                piece
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn normalising_in_pieces_is_normalising_the_whole(
            text in "[a \t\r\n\u{a0}é]{0,40}",
            cuts in proptest::collection::vec(0usize..40, 0..6),
        ) {
            let mut n = Normaliser::default();
            for piece in pieces(&text, cuts) {
                n.push(piece);
            }
            proptest::prop_assert_eq!(n.finish(), normalise_whole(&text));
        }

        #[test]
        fn tidied_text_passed_on_in_pieces_is_the_whole(
            text in "[a \t\r\n\u{a0}é]{0,40}",
            cuts in proptest::collection::vec(0usize..40, 0..6),
        ) {
            // Passed on after every piece, as often as it can be, then finished.
            let mut n = Normaliser::default();
            let mut out = Vec::new();
            for piece in pieces(&text, cuts) {
                n.push(piece);
                n.drain_into(&mut out).unwrap();
            }
            out.extend_from_slice(n.finish().as_bytes());
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), normalise_whole(&text));
        }
    }
}
