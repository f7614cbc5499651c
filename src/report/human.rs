//! rustc-style output through annotate-snippets.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity, Summary};

/// Renders each diagnostic with its snippet, help and notes, then a summary line.
pub fn render(diagnostics: &[Diagnostic], summary: Summary, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&renderer.render(&[group(d)]));
        out.push_str("\n\n");
    }
    if summary.errors + summary.warnings > 0 {
        out.push_str(&summary_line(summary));
        out.push('\n');
    }
    out
}

fn summary_line(s: Summary) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "found {} and {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning")
    )
}

fn group(d: &Diagnostic) -> annotate_snippets::Group<'_> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        _ => Level::WARNING,
    };
    let title = format!("{} [{}]", d.message, d.rule.name);
    let mut primary = AnnotationKind::Primary.span(d.span.clone());
    if let Some(label) = &d.label {
        primary = primary.label(label.as_str());
    }
    // annotate-snippets splits lines at `\n` only: given a file with lone `\r` line ends,
    // it would show one line where every other report counts many.
    let mut snippet = Snippet::source(d.file.text_lf())
        .path(d.file.name.as_str())
        .fold(true)
        .annotation(primary);
    for l in &d.secondary {
        snippet = snippet.annotation(
            AnnotationKind::Context
                .span(l.span.clone())
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
