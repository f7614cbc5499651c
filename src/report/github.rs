//! GitHub Actions workflow commands: one `::error` or `::warning` line a finding, which
//! GitHub shows as an annotation on the pull request's diff.
//!
//! Format (documented in docs/output.md):
//! `::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=CODE name::message`.

use std::fmt::Write;

use crate::diagnostic::{Diagnostic, Severity};

/// Renders one workflow command per diagnostic.
pub fn render(diagnostics: &[Diagnostic], names: &super::Names) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let start = d.file.line_col(d.span.start);
        let end = d.file.line_col(d.span.end);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning | Severity::Off => "warning",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            // Annotations show line breaks, so the next step fits under the message.
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&names.of(&d.file)),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} {}", d.rule.code, d.rule.name)),
            escape_data(&message),
        );
    }
    out
}

/// Escapes a command's message the way the Actions runner unescapes it.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value; `:` and `,` would otherwise end the property list or value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_escaped_first_so_escapes_are_not_doubled() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
