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
/// Thousands of findings are written a block at a time, each made on a thread.
pub fn write(
    diagnostics: &[Diagnostic],
    summary: Summary,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    if diagnostics.len() >= 2 * BLOCK {
        let jobs = crate::parallel::jobs_from_env_or_default();
        if jobs > 1 {
            return write_blocks(diagnostics, summary, jobs, out);
        }
    }
    write_whole(diagnostics, summary, out)
}

/// The findings a thread writes at a time: some milliseconds of work.
const BLOCK: usize = 2048;

/// [`write`] by serde_json at once.
fn write_whole(
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

/// [`write_whole`]'s bytes, the findings made a block at a time on `jobs` threads and
/// written in order. serde_json's pretty printer writes an element of the list as the
/// element alone would be written, with two more levels of indentation after each of its
/// line breaks; as no JSON string holds a line break, adding them to each element printed
/// alone gives the same bytes (a test compares both).
fn write_blocks(
    diagnostics: &[Diagnostic],
    summary: Summary,
    jobs: usize,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    out.write_all(b"{\n  \"version\": ")?;
    out.write_all(VERSION.to_string().as_bytes())?;
    out.write_all(b",\n  \"diagnostics\": [")?;
    let blocks: Vec<(usize, &[Diagnostic])> = diagnostics
        .chunks(BLOCK)
        .enumerate()
        .map(|(i, b)| (i * BLOCK, b))
        .collect();
    crate::parallel::stream(
        jobs,
        &blocks,
        2 * jobs,
        |&(first, block)| {
            let mut bytes = Vec::with_capacity(block.len() * 512);
            let mut one = Vec::new();
            for (i, d) in block.iter().enumerate() {
                bytes.extend_from_slice(if first + i == 0 {
                    b"\n    "
                } else {
                    b",\n    "
                });
                one.clear();
                serde_json::to_writer_pretty(&mut one, &Record::of(d))
                    .expect("writing to memory cannot fail");
                indent(&one, b"\n    ", &mut bytes);
            }
            bytes
        },
        |bytes| out.write_all(&bytes),
    )?;
    // An empty list is printed on its line.
    if !diagnostics.is_empty() {
        out.write_all(b"\n  ")?;
    }
    out.write_all(b"],\n  \"summary\": ")?;
    let counts = Counts {
        errors: summary.errors,
        warnings: summary.warnings,
    };
    let mut pretty = Vec::new();
    serde_json::to_writer_pretty(&mut pretty, &counts).expect("writing to memory cannot fail");
    let mut tail = Vec::new();
    indent(&pretty, b"\n  ", &mut tail);
    out.write_all(&tail)?;
    out.write_all(b"\n}\n")
}

/// `json` appended to `out` with each line break `break_in`: the line break and the
/// indentation of the level it is printed at.
fn indent(json: &[u8], break_in: &[u8], out: &mut Vec<u8>) {
    for (k, line) in json.split(|&b| b == b'\n').enumerate() {
        if k > 0 {
            out.extend_from_slice(break_in);
        }
        out.extend_from_slice(line);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// Findings with and without help and notes, on lines of any script and quoting, as
    /// many as it takes to fill blocks and part of one.
    fn findings(n: usize) -> Vec<Diagnostic> {
        let file = SourceFile::virtual_file("p.txt", &"Art. 6 «ä» \"q\"\n".repeat(n + 1));
        (0..n)
            .map(|i| {
                let d = Diagnostic::new(
                    &crate::catalogue::CITATION_PROVISION_UNKNOWN,
                    &file,
                    i * 14..i * 14 + 6,
                    format!("finding {i} \"quoted\" \\ and\na line break"),
                );
                match i % 3 {
                    0 => d,
                    1 => d.help("help «x»"),
                    _ => d.help("h").note("one").note("two\tthree"),
                }
            })
            .collect()
    }

    #[test]
    fn written_in_blocks_on_threads_the_document_is_the_same_bytes() {
        for n in [0, 1, 2 * BLOCK, 2 * BLOCK + 1, 3 * BLOCK + 17] {
            let diagnostics = findings(n);
            let summary = Summary {
                errors: n,
                warnings: 3,
            };
            let mut whole = Vec::new();
            write_whole(&diagnostics, summary, &mut whole).unwrap();
            for jobs in [2, 3] {
                let mut blocks = Vec::new();
                write_blocks(&diagnostics, summary, jobs, &mut blocks).unwrap();
                assert!(blocks == whole, "{n} findings on {jobs} threads");
            }
        }
    }
}
