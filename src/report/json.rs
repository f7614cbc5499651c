//! The stable JSON document (version 1), documented in docs/output.md.

use std::io;

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Summary};

/// JSON schema version of the output; bumped only with a CHANGELOG entry.
pub const VERSION: u32 = 1;

/// Renders `{"version":1,"diagnostics":[...],"summary":{...}}` with a final newline.
pub fn render(diagnostics: &[Diagnostic], summary: Summary) -> String {
    let mut out = Vec::new();
    write(diagnostics, summary, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes what [`render`] renders, one diagnostic at a time: no document is built in memory.
pub fn write(
    diagnostics: &[Diagnostic],
    summary: Summary,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let doc = Document {
        version: VERSION,
        diagnostics: Records(diagnostics),
        summary: Counts {
            errors: summary.errors,
            warnings: summary.warnings,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// One diagnostic as a JSON object with 1-based lines and character columns.
pub fn diagnostic(d: &Diagnostic) -> Value {
    serde_json::to_value(Record::of(d)).expect("a record always serialises")
}

/// The document; fields in the documented key order.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Records<'a>,
    summary: Counts,
}

#[derive(Serialize)]
struct Counts {
    errors: usize,
    warnings: usize,
}

/// The diagnostics, serialised as each is reached.
struct Records<'a>(&'a [Diagnostic]);

impl Serialize for Records<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for d in self.0 {
            seq.serialize_element(&Record::of(d))?;
        }
        seq.end()
    }
}

/// One diagnostic; fields in the documented key order.
#[derive(Serialize)]
struct Record<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
    notes: &'a [std::borrow::Cow<'static, str>],
}

impl<'a> Record<'a> {
    fn of(d: &'a Diagnostic) -> Record<'a> {
        let start = d.file.line_col(d.span.start);
        let end = d.file.line_col(d.span.end);
        Record {
            code: d.rule.code,
            name: d.rule.name,
            severity: d.severity.as_str(),
            message: &d.message,
            file: &d.file.name,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            help: d.help.as_deref(),
            notes: &d.notes,
        }
    }
}
