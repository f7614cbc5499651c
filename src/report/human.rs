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
    // A finding takes some 80,000 instructions to render; a build with thousands of
    // warnings spent a fifth of its time here on one core. A batch at a time is rendered on
    // every core and written in order, so the report is the same and its memory bounded.
    let jobs = crate::parallel::jobs_from_env_or_default();
    for batch in diagnostics.chunks(RENDER_BATCH) {
        let named: Vec<(&Diagnostic, String)> =
            batch.iter().map(|d| (d, names.of(&d.file))).collect();
        let rendered = crate::parallel::map(jobs, &named, |(d, name)| snippet(d, name, &renderer));
        for text in rendered {
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n\n")?;
        }
    }
    if summary.errors + summary.warnings > 0 {
        writeln!(out, "{}", summary_line(summary))?;
    }
    Ok(())
}

/// Findings rendered before they are written: enough for the threads to share, few enough
/// that a report of hundreds of thousands is never held whole.
const RENDER_BATCH: usize = 512;

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
    /// Lines emptied out of a long window: where each emptied run ends in the file's text,
    /// and the bytes taken out up to there.
    gaps: Vec<(usize, usize)>,
}

/// Columns of plain ASCII kept either side of the spans when a long line is cut: more than
/// annotate-snippets ever shows of a line in a 140-column terminal, so it places the
/// window, the `...` and the labels exactly as on the whole line.
const KEEP: usize = 256;

/// Bytes a cut must remove to be worth it.
const WORTH_CUTTING: usize = 64;

/// Bytes searched for the [`KEEP`] columns: text with few letters is left whole.
const SCAN: usize = 16 * KEEP;

/// Lines a window must span before the lines it never shows are emptied.
const HIDDEN_FROM: usize = 16;

/// The columns annotate-snippets gives `c` at the least, as far as known without a width
/// table: one for printable ASCII and for the letters of alphabets that have no
/// zero-width characters among them (Latin, Greek, Cyrillic, Hebrew, Arabic, CJK, kana,
/// Hangul, whose wide characters take two), none for anything else. A line of any of these
/// scripts is cut like one of ASCII; counting too few only keeps more.
fn columns(c: char) -> usize {
    usize::from(matches!(c,
        '\u{21}'..='\u{7e}'
        | '\u{c0}'..='\u{24f}'
        | '\u{391}'..='\u{3a9}'
        | '\u{3b1}'..='\u{3c9}'
        | '\u{410}'..='\u{44f}'
        | '\u{5d0}'..='\u{5ea}'
        | '\u{621}'..='\u{63a}'
        | '\u{641}'..='\u{64a}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30a1}'..='\u{30fa}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}'))
}

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

    /// The whole lines `first` to `last` (0-based), except those annotate-snippets never
    /// shows: see [`Window::hidden`].
    fn lines(d: &'a Diagnostic, first: usize, last: usize) -> Window<'a> {
        let file = &d.file;
        let end = file.line_range(last).end;
        // Line `first` starts after a `\n` in `text_lf`; the window starts at that break,
        // an empty line numbered as the line it ends.
        let (start, first_line) = match first {
            0 => (0, 1),
            first => (file.line_range(first).start - 1, first),
        };
        let mut w = Window {
            source: Cow::Borrowed(&file.text_lf()[start..end]),
            first_line,
            start,
            cut: None,
            column: None,
            gaps: Vec::new(),
        };
        if last - first > HIDDEN_FROM {
            w.hide(d, first, last);
        }
        w
    }

    /// Empties the lines of a long window that annotate-snippets never shows, keeping their
    /// line breaks, so that the lines keep their numbers: a span over many lines cost every
    /// byte of them once a finding.
    ///
    /// annotate-snippets shows the lines of each span's start and end, up to four lines
    /// after a start and the line before an end, and a line between two shown lines; so a
    /// line more than two lines from those is never shown, and nothing is measured on it.
    fn hide(&mut self, d: &Diagnostic, first: usize, last: usize) {
        let file = &d.file;
        let mut shown: Vec<(usize, usize)> = std::iter::once(&d.span)
            .chain(d.secondary.iter().map(|l| &l.span))
            .flat_map(|s| {
                let (a, b) = (
                    file.line_index(s.start),
                    file.line_index(s.end.max(s.start)),
                );
                [
                    (a.saturating_sub(2), a + 4 + 2),
                    (b.saturating_sub(1 + 2), b + 2),
                ]
            })
            .collect();
        shown.sort_unstable();
        let text = file.text_lf();
        let mut source = String::new();
        let mut gaps = Vec::new();
        let mut removed = 0;
        let mut from = self.start;
        let mut line = first;
        while line <= last {
            let hidden = |l: usize| !shown.iter().any(|&(a, b)| (a..=b).contains(&l));
            if hidden(line) {
                // The run of hidden lines up to the next shown one.
                let mut to = line;
                while to < last && hidden(to + 1) {
                    to += 1;
                }
                let run = file.line_range(line).start..file.line_range(to).end;
                source.push_str(&text[from..run.start]);
                // Each hidden line ends in a break (the last line is shown), `\n` or `\r\n`
                // in `text_lf`; a `\n` stands for either, as the lines are never shown.
                let breaks = to - line + 1;
                source.extend(std::iter::repeat_n('\n', breaks));
                removed += run.len() - breaks;
                gaps.push((run.end, removed));
                from = run.end;
                line = to + 1;
            } else {
                line += 1;
            }
        }
        if gaps.is_empty() {
            return;
        }
        let end = file.line_range(last).end;
        source.push_str(&text[from..end]);
        self.source = Cow::Owned(source);
        self.gaps = gaps;
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
        let mut seen = 0;
        let keep_from = text[indent_end..lo]
            .char_indices()
            .rev()
            .take_while(|&(i, _)| lo - (indent_end + i) <= SCAN)
            .find(|&(_, c)| {
                seen += columns(c);
                seen >= KEEP
            })
            .map(|(i, _)| indent_end + i)
            .filter(|&at| at >= indent_end + WORTH_CUTTING);
        let mut seen = 0;
        let keep_to = text[hi..content_end]
            .char_indices()
            .take_while(|&(i, _)| i < SCAN)
            .find(|&(_, c)| {
                seen += columns(c);
                seen >= KEEP
            })
            .map(|(i, c)| hi + i + c.len_utf8())
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
            gaps: Vec::new(),
        })
    }

    /// `span` relative to the window.
    fn shift(&self, span: &Span) -> Span {
        let at = |i: usize| match self.cut {
            Some((from, kept_at)) if i >= from => i - from + kept_at,
            _ => {
                let gap = self.gaps.partition_point(|&(end, _)| end <= i);
                let removed = gap.checked_sub(1).map_or(0, |g| self.gaps[g].1);
                i.saturating_sub(self.start + removed)
            }
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
    use std::sync::Arc;

    /// The rendering before windows: annotate-snippets given the whole file.
    fn whole_file(d: &Diagnostic, renderer: &Renderer) -> String {
        let whole = Window {
            source: Cow::Borrowed(d.file.text_lf()),
            first_line: 1,
            start: 0,
            cut: None,
            column: None,
            gaps: Vec::new(),
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

    /// Pieces of a long line of other scripts than Latin, and what could make a cut of one
    /// miscount: combining and zero-width characters, wide ones, tabs, spaces.
    const SCRIPTS: &[&str] = &[
        "Обработка ",
        "данных ",
        "δεδομένα ",
        "個人情報",
        "개인정보 ",
        "מידע ",
        "بيانات ",
        "ст. 6 GDPR ",
        "é",
        "e\u{301}",
        "\u{200b}",
        "\u{3000}",
        "\t",
        " ",
        "ё",
    ];

    fn scripts_line() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(SCRIPTS), 0..600).prop_map(|b| b.concat())
    }

    /// A long line of Cyrillic prose with a finding every few words.
    fn cyrillic(findings: usize) -> (Arc<SourceFile>, Vec<Diagnostic>) {
        let sentence = "Обработка данных на основании ст. 6 GDPR; ";
        let text = format!("заголовок\n  {}\nконец\n", sentence.repeat(findings));
        let file = SourceFile::virtual_file("a.txt", &text);
        let mut at = text.find("ст. 6").unwrap_or(0);
        let mut out = Vec::new();
        while let Some(k) = text[at..].find("ст. 6") {
            let start = at + k;
            let end = start + "ст. 6".len();
            out.push(
                Diagnostic::new(&catalogue::KEY_DUPLICATE, &file, start..end, "message")
                    .label("здесь"),
            );
            at = end;
        }
        (file, out)
    }

    #[test]
    fn thousands_of_findings_on_a_long_cyrillic_line_each_render_as_the_whole_line() {
        let (_, found) = cyrillic(3_000);
        assert_eq!(found.len(), 3_000);
        for (i, d) in found.iter().enumerate() {
            // The snippet of each is made from a few hundred columns of the line, whatever
            // its length: linear in the findings.
            let window = Window::around(d);
            assert!(
                window.source.len() < 8 * KEEP,
                "{i}: {}",
                window.source.len()
            );
            if i % 500 == 0 || i + 1 == found.len() {
                let renderer = Renderer::plain();
                assert_eq!(windowed(d, &renderer), whole_file(d, &renderer), "{i}");
            }
        }
    }

    #[test]
    fn spans_over_thousands_of_lines_render_as_the_whole_file() {
        let text: String = (0..4_000)
            .map(|i| format!("line {i}: Art. 6 GDPR and more words to make it longer\n"))
            .collect();
        let file = SourceFile::virtual_file("a.txt", &text);
        let at = |line: usize| file.line_range(line).start + 8;
        for (i, first) in (0..3_000).step_by(7).enumerate() {
            let last = first + 1 + i % 900;
            let d = Diagnostic::new(
                &catalogue::KEY_DUPLICATE,
                &file,
                at(first)..at(last),
                "message",
            )
            .label("this")
            .secondary(at(first + 2)..at(first + 2) + 4, "and this");
            let window = Window::around(&d);
            let lines = last - first + 1;
            // Shown lines whole, the others only their line breaks.
            assert!(
                window.source.len() < lines + 30 * 60,
                "{first}..{last}: {}",
                window.source.len()
            );
            if i % 40 == 0 {
                for renderer in [Renderer::plain(), Renderer::styled()] {
                    assert_eq!(
                        windowed(&d, &renderer),
                        whole_file(&d, &renderer),
                        "{first}..{last}"
                    );
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Issue 19: a long line of other scripts is cut like one of ASCII, and prints what
        /// the whole line printed.
        #[test]
        fn a_cut_line_of_any_script_renders_as_the_whole_line(
            before in prop::sample::select(&["", "a\n", "z\r"][..]),
            line in scripts_line(),
            after in prop::sample::select(&["", "\n", "\r\n"][..]),
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
                d = d.label("л".repeat(label));
            }
            for (a, b, width) in secondary {
                d = d.secondary(span_in(&text, range.clone(), a, b), "s".repeat(width));
            }
            for renderer in [Renderer::plain(), Renderer::styled()] {
                prop_assert_eq!(windowed(&d, &renderer), whole_file(&d, &renderer));
            }
        }

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
