//! rustc-style output through annotate-snippets.

use std::borrow::Cow;
use std::io;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity, Summary};
use crate::source::Span;

/// Writes each diagnostic with its snippet, help and notes, then a summary line.
pub fn write(
    diagnostics: &[Diagnostic],
    summary: Summary,
    styled: bool,
    names: &super::Names,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for d in diagnostics {
        out.write_all(snippet(d, &names.of(&d.file), &renderer).as_bytes())?;
        out.write_all(b"\n\n")?;
    }
    if summary.errors + summary.warnings > 0 {
        writeln!(out, "{}", summary_line(summary))?;
    }
    Ok(())
}

fn summary_line(s: Summary) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "found {} and {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning")
    )
}

/// One diagnostic rendered from the lines around its spans.
fn snippet(d: &Diagnostic, name: &str, renderer: &Renderer) -> String {
    let window = Window::around(d);
    let rendered = renderer.render(&[group(d, name, &window)]);
    // A cut line prints a column counted from where it was cut; should the `-->` line ever
    // not be found to put it right, the whole lines are rendered instead.
    window.fix_column(name, rendered).unwrap_or_else(|| {
        let (first, last) = line_bounds(d);
        renderer.render(&[group(d, name, &Window::lines(d, first, last))])
    })
}

/// The diagnostic as annotate-snippets' group, with the source cut to `window`.
fn group<'a>(
    d: &'a Diagnostic,
    name: &'a str,
    window: &Window<'a>,
) -> annotate_snippets::Group<'a> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        _ => Level::WARNING,
    };
    let title = format!("{} [{}]", d.message, d.rule.name);
    let mut primary = AnnotationKind::Primary.span(window.shift(&d.span));
    if let Some(label) = &d.label {
        primary = primary.label(label.as_ref());
    }
    // annotate-snippets splits lines at `\n` only: given a file with lone `\r` line ends,
    // it would show one line where every other report counts many.
    let mut snippet = Snippet::source(window.source.clone())
        .line_start(window.first_line)
        .path(name)
        .fold(true)
        .annotation(primary);
    for l in &d.secondary {
        snippet = snippet.annotation(
            AnnotationKind::Context
                .span(window.shift(&l.span))
                .label(l.message.as_str()),
        );
    }
    let mut g = level.primary_title(title).id(d.rule.code).element(snippet);
    if let Some(help) = &d.help {
        g = g.element(Level::HELP.message(help.as_ref()));
    }
    for n in &d.notes {
        g = g.element(Level::NOTE.message(n.as_ref()));
    }
    g
}

/// The lines a diagnostic's snippet shows, cut out of its file.
///
/// annotate-snippets walks every line of the source it is given, so handing it the whole
/// file made each diagnostic cost the file's length: quadratic in a large file with many
/// findings. Folded (`fold(true)`), it prints only the annotated lines and numbers them from
/// `line_start`, so the lines from the first annotated to the last print the same. The
/// window also holds the line break before its first line: the width of the line-number
/// gutter comes from the line breaks before the end of the last span, and that one keeps
/// the count right when every span ends where its line starts.
///
/// One long line (minified HTML) with many findings would still be quadratic, so a line
/// is cut further, to its leading indentation plus [`KEEP`] columns either side of the
/// spans (see [`Window::cut`]).
struct Window<'a> {
    /// What annotate-snippets is given.
    source: Cow<'a, str>,
    /// The 1-based number of the window's first line.
    first_line: usize,
    /// Where `source` starts in the file's text.
    start: usize,
    /// For a cut line: where its kept part starts in the file's text, and in `source`.
    cut: Option<(usize, usize)>,
    /// For a cut line: the column annotate-snippets prints, and the true one.
    column: Option<Column>,
}

/// Columns of plain ASCII kept either side of the spans when a long line is cut: more than
/// annotate-snippets ever shows of a line in a 140-column terminal, so it places the
/// window, the `...` and the labels exactly as on the whole line.
const KEEP: usize = 256;

/// Bytes a cut must remove to be worth it.
const WORTH_CUTTING: usize = 64;

/// Bytes searched for the [`KEEP`] columns: text with little ASCII is left whole.
const SCAN: usize = 16 * KEEP;

impl<'a> Window<'a> {
    fn around(d: &'a Diagnostic) -> Window<'a> {
        let (first, last) = line_bounds(d);
        if first == last
            && let Some(w) = Window::cut(d, first)
        {
            return w;
        }
        Window::lines(d, first, last)
    }

    /// The whole lines `first` to `last` (0-based).
    fn lines(d: &'a Diagnostic, first: usize, last: usize) -> Window<'a> {
        let file = &d.file;
        let end = file.line_range(last).end;
        // Line `first` starts after a `\n` in `text_lf`; the window starts at that break,
        // an empty line numbered as the line it ends.
        let (start, first_line) = match first {
            0 => (0, 1),
            first => (file.line_range(first).start - 1, first),
        };
        Window {
            source: Cow::Borrowed(&file.text_lf()[start..end]),
            first_line,
            start,
            cut: None,
            column: None,
        }
    }

    /// Line `index` (0-based), which holds every span, cut to its indentation and [`KEEP`]
    /// columns either side of the spans; `None` where nothing worth cutting lies outside.
    ///
    /// annotate-snippets decides what to show of a long line from the columns of the spans
    /// and labels, the indentation and the line's width, and all of these move by the
    /// width of what is cut, so it shows the same: kept are the indentation (spaces and
    /// tabs only, whose widths annotate-snippets and this count alike), then at least
    /// [`KEEP`] printable ASCII characters (one column each) before the first span, which
    /// starts the kept part, and after the last span. Only the column in `-->`, counted in
    /// characters from the line's start, changes; [`Window::fix_column`] puts it back.
    fn cut(d: &'a Diagnostic, index: usize) -> Option<Window<'a>> {
        let file = &d.file;
        let text = file.text_lf();
        let bytes = text.as_bytes();
        let line = file.line_range(index);
        let content_end = line.start + text[line.clone()].trim_end_matches(['\r', '\n']).len();
        let spans = || std::iter::once(&d.span).chain(d.secondary.iter().map(|l| &l.span));
        if spans().any(|s| s.start > s.end) {
            return None;
        }
        let lo = spans().map(|s| s.start).min()?;
        let hi = spans().map(|s| s.end).max()?;
        if lo < line.start || hi > content_end {
            return None;
        }
        let indent_end = line.start
            + bytes[line.start..lo]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
        // Indentation with any other whitespace is measured differently: left whole.
        if text[indent_end..].starts_with(char::is_whitespace) {
            return None;
        }
        let plain = |i: usize| (0x21..=0x7e).contains(&bytes[i]);
        let mut seen = 0;
        let keep_from = (indent_end..lo)
            .rev()
            .take(SCAN)
            .find(|&i| {
                seen += usize::from(plain(i));
                seen >= KEEP
            })
            .filter(|&at| at >= indent_end + WORTH_CUTTING);
        let mut seen = 0;
        let keep_to = (hi..content_end)
            .take(SCAN)
            .find(|&i| {
                seen += usize::from(plain(i));
                seen >= KEEP
            })
            .map(|i| i + 1)
            .filter(|&at| at + WORTH_CUTTING <= content_end);
        if keep_from.is_none() && keep_to.is_none() {
            return None;
        }
        let (start, first_line) = match index {
            0 => (0, 1),
            index => (line.start - 1, index),
        };
        let from = keep_from.unwrap_or(indent_end);
        let to = keep_to.unwrap_or(line.end);
        let mut source = String::with_capacity(indent_end - start + to - from);
        source.push_str(&text[start..indent_end]);
        source.push_str(&text[from..to]);
        // annotate-snippets prints the column of the primary span's start in characters.
        let shown = text[line.start..indent_end].len() + text[from..d.span.start].chars().count();
        Some(Window {
            source: Cow::Owned(source),
            first_line,
            start,
            cut: Some((from, indent_end - start)),
            column: Some(Column {
                line: index + 1,
                shown: shown + 1,
                true_column: file.line_col(d.span.start).column,
            }),
        })
    }

    /// `span` relative to the window.
    fn shift(&self, span: &Span) -> Span {
        let at = |i: usize| match self.cut {
            Some((from, kept_at)) if i >= from => i - from + kept_at,
            _ => i.saturating_sub(self.start),
        };
        at(span.start)..at(span.end)
    }

    /// `rendered` with the column of its `-->` line as on the whole line; `None` if that
    /// line is not where it should be.
    fn fix_column(&self, name: &str, rendered: String) -> Option<String> {
        let Some(c) = &self.column else {
            return Some(rendered);
        };
        let printed = format!("{}:{}:{}", name, c.line, c.shown);
        let arrow = rendered.find("--> ")?;
        let line_end = arrow + rendered[arrow..].find('\n')?;
        let at = arrow + rendered[arrow..line_end].find(&printed)?;
        Some(format!(
            "{}{}:{}:{}{}",
            &rendered[..at],
            name,
            c.line,
            c.true_column,
            &rendered[at + printed.len()..]
        ))
    }
}

/// The column a cut line's `-->` prints, and the one it should.
struct Column {
    /// The 1-based line number.
    line: usize,
    /// The column counted from the line's start in the cut line.
    shown: usize,
    /// The column in the file.
    true_column: usize,
}

/// The first and last line (0-based) annotate-snippets places a diagnostic's spans on.
fn line_bounds(d: &Diagnostic) -> (usize, usize) {
    let file = &d.file;
    let spans = std::iter::once(&d.span).chain(d.secondary.iter().map(|l| &l.span));
    let (mut first, mut last) = (usize::MAX, 0);
    for span in spans {
        first = first.min(file.line_index(span.start));
        last = last.max(file.line_index(span.end.max(span.start)));
    }
    (first, last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;
    use crate::source::SourceFile;
    use proptest::prelude::*;

    /// The rendering before windows: annotate-snippets given the whole file.
    fn whole_file(d: &Diagnostic, renderer: &Renderer) -> String {
        let whole = Window {
            source: Cow::Borrowed(d.file.text_lf()),
            first_line: 1,
            start: 0,
            cut: None,
            column: None,
        };
        renderer.render(&[group(d, &d.file.name, &whole)])
    }

    fn windowed(d: &Diagnostic, renderer: &Renderer) -> String {
        snippet(d, &d.file.name, renderer)
    }

    /// Pieces of lines: wide, zero-width and multibyte characters, tabs, indentation, and
    /// every line end privreg counts (`\n`, `\r\n`, a lone `\r`).
    const PIECES: &[&str] = &[
        "a",
        "id: x",
        " ",
        "    ",
        "\t",
        "Düsseldorf",
        "€",
        "𝔄",
        "漢字",
        "e\u{301}",
        "\n",
        "\n",
        "\n",
        "\r\n",
        "\r",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..400).prop_map(|p| p.concat())
    }

    /// A span between two character boundaries of `text` chosen by `a` and `b`.
    fn span(text: &str, a: prop::sample::Index, b: prop::sample::Index) -> Span {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let (a, b) = (a.get(&bounds), b.get(&bounds));
        *a.min(b)..*a.max(b)
    }

    #[test]
    fn a_long_line_is_cut_to_the_columns_around_its_spans() {
        let line = "Art. 6 para. 1 lit. f GDPR applies; ".repeat(3_000);
        let text = format!("title\n{line}\nlast\n");
        let at = text.len() / 2 + 7;
        let file = SourceFile::virtual_file("a.txt", &text);
        let d = Diagnostic::new(&catalogue::KEY_DUPLICATE, &file, at..at + 5, "message")
            .label("here")
            .secondary(at + 40..at + 45, "and there");
        let window = Window::around(&d);
        assert!(window.source.len() < 4 * KEEP, "{}", window.source.len());
        assert!(window.column.is_some());
        for renderer in [Renderer::plain(), Renderer::styled()] {
            assert_eq!(windowed(&d, &renderer), whole_file(&d, &renderer));
        }
        assert!(
            windowed(&d, &Renderer::plain())
                .contains(&format!("--> a.txt:2:{}", at - "title\n".len() + 1))
        );
    }

    /// Pieces of one long line: mostly ASCII prose, with what could make a cut miscount.
    const LONG: &[&str] = &[
        "Art. 6 para. 1 lit. f GDPR ",
        "lorem ipsum ",
        "x",
        " ",
        "\t",
        "ä",
        "€",
        "漢字",
        "e\u{301}",
        "\u{200b}",
        "\u{3000}",
        "\u{7}",
        "        ",
    ];

    fn long_line() -> impl Strategy<Value = String> {
        let indent = prop::sample::select(
            &[
                "",
                "  ",
                "\t",
                " \t    ",
                "\u{3000}",
                "                          ",
            ][..],
        );
        let body = prop::collection::vec(prop::sample::select(LONG), 0..900);
        (indent, body).prop_map(|(i, b)| format!("{i}{}", b.concat()))
    }

    /// A span inside `range` of `text`.
    fn span_in(text: &str, range: Span, a: prop::sample::Index, b: prop::sample::Index) -> Span {
        let s = span(&text[range.clone()], a, b);
        s.start + range.start..s.end + range.start
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Issue 19, item 1: a long line cut to the columns around its spans prints exactly
        /// what the whole line printed, `-->` column included.
        #[test]
        fn a_cut_line_renders_as_the_whole_line(
            before in prop::sample::select(&["", "a\n", "x\n\ny\r\n", "z\r"][..]),
            line in long_line(),
            after in prop::sample::select(&["", "\n", "\r\n", "\nnext line\n"][..]),
            primary in (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
            secondary in prop::collection::vec(
                (any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0..300_usize), 0..3),
            label in 0..300_usize,
        ) {
            let text = format!("{before}{line}{after}");
            let range = before.len()..before.len() + line.len();
            let file = SourceFile::virtual_file("a.txt", &text);
            let mut d = Diagnostic::new(
                &catalogue::KEY_DUPLICATE,
                &file,
                span_in(&text, range.clone(), primary.0, primary.1),
                "message",
            );
            if label > 0 {
                d = d.label("l".repeat(label));
            }
            for (a, b, width) in secondary {
                d = d.secondary(span_in(&text, range.clone(), a, b), "s".repeat(width));
            }
            for renderer in [Renderer::plain(), Renderer::styled()] {
                prop_assert_eq!(windowed(&d, &renderer), whole_file(&d, &renderer));
            }
        }

        /// Issue 19, item 1: the lines around the spans print exactly what the whole file
        /// printed, line numbers and gutter width included.
        #[test]
        fn a_window_renders_as_the_whole_file(
            text in text(),
            primary in (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
            secondary in prop::collection::vec(
                (any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..3),
            label in any::<bool>(),
        ) {
            let file = SourceFile::virtual_file("a.txt", &text);
            let mut d = Diagnostic::new(
                &catalogue::KEY_DUPLICATE,
                &file,
                span(&text, primary.0, primary.1),
                "message",
            );
            if label {
                d = d.label("here");
            }
            for (a, b) in secondary {
                d = d.secondary(span(&text, a, b), "and there");
            }
            for renderer in [Renderer::plain(), Renderer::styled()] {
                prop_assert_eq!(windowed(&d, &renderer), whole_file(&d, &renderer));
            }
        }
    }
}
