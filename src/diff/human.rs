//! The human format: changes grouped by section, one line each with the path of the
//! value, where the new value is (file:line:column), and the notices it needs.
//!
//! ```text
//! 10.1 Customer Communication via Slack [slack]
//!   + processors: Zoom (Zoom Video Communications, Inc. (US))
//!       --> registers/10-1-slack.yaml:40:5
//!       = notice to customers: a new sub-processor (Art. 28 para. 2 GDPR, Art. 28 para. 4 GDPR) [new-sub-processor]
//! ```

use std::io::{self, Write};

use super::{Audience, Change, Diff, Kind, Value, Which};

/// Writes `diff` in the human format.
pub fn write(diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    let (old, new) = (diff.old.label(), diff.new.label());
    if diff.changes.is_empty() {
        return writeln!(out, "no changes from {old} to {new}");
    }
    writeln!(out, "changes from {old} to {new}")?;
    for (section, changes) in diff.groups() {
        writeln!(out)?;
        match section {
            Some(s) => writeln!(
                out,
                "{} {} [{}]",
                diff.number(s),
                shown(&s.title),
                shown(&s.id)
            )?,
            None => writeln!(out, "{}", crate::project::CONFIG_FILE)?,
        }
        for c in changes {
            write_change(diff, c, out)?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", summary(diff))
}

/// The closing line: "3 changes; 2 need notice: 1 to customers, 2 to users".
pub fn summary(diff: &Diff) -> String {
    let n = diff.changes.len();
    let noticed = diff.changes.iter().filter(|c| c.needs_notice()).count();
    let changes = if n == 1 {
        "1 change".to_owned()
    } else {
        format!("{n} changes")
    };
    if noticed == 0 {
        return format!("{changes}; none needs notice");
    }
    let verb = if noticed == 1 { "needs" } else { "need" };
    format!(
        "{changes}; {noticed} {verb} notice: {} to customers, {} to users",
        diff.count(Audience::Customers),
        diff.count(Audience::Users)
    )
}

fn write_change(diff: &Diff, c: &Change, out: &mut dyn Write) -> io::Result<()> {
    let (sign, value) = match c.kind {
        Kind::Added => ("+", value(c.new.as_ref())),
        Kind::Removed => ("-", value(c.old.as_ref())),
        Kind::Changed | Kind::Renamed => (
            if c.kind == Kind::Changed { "~" } else { ">" },
            format!("{} -> {}", value(c.old.as_ref()), value(c.new.as_ref())),
        ),
    };
    let detail = c
        .detail
        .as_deref()
        .map(|d| format!(" ({})", shown(d)))
        .unwrap_or_default();
    writeln!(out, "  {sign} {}: {value}{detail}", shown(&c.path_text()))?;
    let (side, mark) = match c.at.side {
        Which::Old => (&diff.old, " (old)"),
        Which::New => (&diff.new, ""),
    };
    writeln!(
        out,
        "      --> {}{}:{}:{}{mark}",
        side.file_prefix(),
        c.at.file,
        c.at.line,
        c.at.column
    )?;
    for n in &c.notices {
        let cites: Vec<String> = n.provisions.iter().map(|p| p.cite(diff.style)).collect();
        writeln!(
            out,
            "      = notice to {}: {} ({}) [{}]",
            n.audience.as_str(),
            n.summary,
            cites.join(", "),
            n.id
        )?;
    }
    Ok(())
}

fn value(v: Option<&Value>) -> String {
    v.map_or_else(String::new, |v| shown(&v.to_string()))
}

/// A register value on one line, without the characters PRV019 reports (a terminal would
/// act on them).
fn shown(s: &str) -> String {
    let clean = crate::render::markdown::clean(s);
    clean.split_whitespace().collect::<Vec<_>>().join(" ")
}
