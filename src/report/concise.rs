//! One line a finding, `file:line:col: severity[CODE] message`, for grep and editors'
//! quickfix lists.

use std::io;

use crate::diagnostic::Diagnostic;

/// Writes one line per diagnostic; nothing else, so every line is a finding.
pub fn write(
    diagnostics: &[Diagnostic],
    names: &super::Names,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    for d in diagnostics {
        let at = d.file.line_col(d.span.start);
        // A message never holds a line break in practice; flattening keeps the
        // one-line-a-finding promise if one ever does.
        let message = d.message.replace(['\r', '\n'], " ");
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            names.of(&d.file),
            at.line,
            at.column,
            d.severity.as_str(),
            d.rule.code,
            message
        )?;
    }
    Ok(())
}
