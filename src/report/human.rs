//! rustc-style output through annotate-snippets.

use std::io;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity, Summary};
use crate::source::Span;

/// Writes each diagnostic with its snippet, help and notes, then a summary line.
pub fn write(
    diagnostics: &[Diagnostic],
    summary: Summary,
    styled: bool,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for d in diagnostics {
        out.write_all(renderer.render(&[group(d, &Window::around(d))]).as_bytes())?;
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

/// The diagnostic as annotate-snippets' group, with the source cut to `window`.
fn group<'a>(d: &'a Diagnostic, window: &Window) -> annotate_snippets::Group<'a> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        _ => Level::WARNING,
    };
    let title = format!("{} [{}]", d.message, d.rule.name);
    let mut primary = AnnotationKind::Primary.span(window.shift(&d.span));
    if let Some(label) = &d.label {
        primary = primary.label(label.as_str());
    }
    // annotate-snippets splits lines at `\n` only: given a file with lone `\r` line ends,
    // it would show one line where every other report counts many.
    let mut snippet = Snippet::source(&d.file.text_lf()[window.bytes.clone()])
        .line_start(window.first_line)
        .path(d.file.name.as_str())
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
        g = g.element(Level::HELP.message(help.as_str()));
    }
    for n in &d.notes {
        g = g.element(Level::NOTE.message(n.as_str()));
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
struct Window {
    /// The byte range of the file's text given to annotate-snippets.
    bytes: Span,
    /// The 1-based number of the window's first line.
    first_line: usize,
}

impl Window {
    fn around(d: &Diagnostic) -> Window {
        let file = &d.file;
        let spans = std::iter::once(&d.span).chain(d.secondary.iter().map(|l| &l.span));
        let (mut first, mut last) = (usize::MAX, 0);
        for span in spans {
            first = first.min(file.line_index(span.start));
            last = last.max(file.line_index(span.end.max(span.start)));
        }
        let end = file.line_range(last).end;
        match first {
            0 => Window {
                bytes: 0..end,
                first_line: 1,
            },
            // Line `first` (0-based) starts after a `\n` in `text_lf`; the window starts at
            // that break, an empty line numbered as the line it ends.
            first => Window {
                bytes: file.line_range(first).start - 1..end,
                first_line: first,
            },
        }
    }

    /// `span` relative to the window.
    fn shift(&self, span: &Span) -> Span {
        span.start.saturating_sub(self.bytes.start)..span.end.saturating_sub(self.bytes.start)
    }
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
            bytes: 0..d.file.text_lf().len(),
            first_line: 1,
        };
        renderer.render(&[group(d, &whole)])
    }

    fn windowed(d: &Diagnostic, renderer: &Renderer) -> String {
        renderer.render(&[group(d, &Window::around(d))])
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

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
