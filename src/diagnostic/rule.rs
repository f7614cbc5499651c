//! The shape every rule shares: a code, a name, a default severity and its documentation.

use crate::diagnostic::Severity;

/// A rule's declaration; its doc comment is the user documentation.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `PRV301`; never reused.
    pub code: &'static str,
    /// Kebab-case name describing the problem, e.g. `retention-missing`.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// Markdown documentation: a summary line, then `## What it does`, `## Why is this bad?`,
    /// `## Example`, `## Legal source` sections.
    pub docs: &'static str,
}

impl Rule {
    /// The documentation as Markdown, with the doc comment's leading space removed.
    pub fn markdown(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_owned() + "\n"
    }

    /// The first line of the docs.
    pub fn summary(&self) -> &'static str {
        self.docs
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }

    /// The body of one `## Heading` section of the docs, trimmed.
    pub fn doc_section(&self, heading: &str) -> Option<String> {
        let docs = self.markdown();
        let marker = format!("## {heading}\n");
        let start = docs.find(&marker)? + marker.len();
        let rest = &docs[start..];
        let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
        Some(rest[..end].trim().to_owned())
    }
}

/// Declares a rule as a `pub static`, capturing its doc comment as documentation.
///
/// ```ignore
/// declare_rule! {
///     /// Summary line.
///     ///
///     /// ## What it does
///     /// ...
///     pub static RETENTION_MISSING = ("PRV301", "retention-missing", Warning);
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* pub static $NAME:ident = ($code:literal, $name:literal, $sev:ident);) => {
        $(#[doc = $doc])*
        pub static $NAME: $crate::diagnostic::Rule = $crate::diagnostic::Rule {
            code: $code,
            name: $name,
            default_severity: $crate::diagnostic::Severity::$sev,
            docs: concat!($($doc, "\n"),*),
        };
    };
}
