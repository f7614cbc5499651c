//! The stable JSON document (version 1), documented in docs/output.md.

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Summary};

/// JSON schema version of the output; bumped only with a CHANGELOG entry.
pub const VERSION: u32 = 1;

/// Renders `{"version":1,"diagnostics":[...],"summary":{...}}` with a final newline.
pub fn render(diagnostics: &[Diagnostic], summary: Summary) -> String {
    let doc = json!({
        "version": VERSION,
        "diagnostics": diagnostics.iter().map(diagnostic).collect::<Vec<_>>(),
        "summary": { "errors": summary.errors, "warnings": summary.warnings },
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values always serialise");
    s.push('\n');
    s
}

/// One diagnostic as a JSON object with 1-based lines and character columns.
pub fn diagnostic(d: &Diagnostic) -> Value {
    let start = d.file.line_col(d.span.start);
    let end = d.file.line_col(d.span.end);
    json!({
        "code": d.rule.code,
        "name": d.rule.name,
        "severity": d.severity.as_str(),
        "message": d.message,
        "file": d.file.name,
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
        "help": d.help,
        "notes": d.notes,
    })
}
