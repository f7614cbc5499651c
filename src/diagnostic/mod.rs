//! Diagnostics are data: the library returns them, the emitters in `report/` present them.

mod rule;
pub use rule::Rule;

use std::borrow::Cow;
use std::sync::Arc;

use crate::source::{SourceFile, Span};

/// How serious a finding is. `Off` exists only in configuration: the sink drops such findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The rule is disabled.
    Off,
    /// Reported; fails the run only under `--deny warnings`.
    Warning,
    /// Reported; fails the run (exit status 1) and stops `build` from writing.
    Error,
}

impl Severity {
    /// The lower-case name used in configuration and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` (or `warn`) and `off` (or `allow`).
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" | "deny" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "off" | "allow" => Some(Severity::Off),
            _ => None,
        }
    }
}

/// A secondary location: "first defined here".
#[derive(Debug, Clone)]
pub struct Label {
    /// Byte range in the diagnostic's file.
    pub span: Span,
    /// What the reader should see there.
    pub message: String,
}

/// A mechanical replacement of one span; only ever offered where no legal choice is involved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Byte range to replace.
    pub span: Span,
    /// Replacement text.
    pub replacement: String,
}

/// One finding: a rule, where it applies, and what to do about it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The rule that produced the finding.
    pub rule: &'static Rule,
    /// Effective severity after configuration.
    pub severity: Severity,
    /// Lower case, no final period, names the offending value.
    pub message: String,
    /// The file the finding is in.
    pub file: Arc<SourceFile>,
    /// Primary byte range.
    pub span: Span,
    /// Text under the primary span, if any beyond the message. Labels, helps and notes
    /// are most often fixed texts, borrowed rather than copied into every finding.
    pub label: Option<Cow<'static, str>>,
    /// Related places in the same file.
    pub secondary: Vec<Label>,
    /// The next step for the user.
    pub help: Option<Cow<'static, str>>,
    /// Legal facts and context ("GDPR Art. 6(1) has points (a) to (f)").
    pub notes: Vec<Cow<'static, str>>,
    /// A safe, mechanical fix.
    pub fix: Option<Fix>,
    /// The value the help suggests ("did you mean `consent`?"): a likely intent, not a
    /// mechanical fix, so `--fix` never applies it; an editor offers it as a quick fix
    /// (`privreg lsp`). Boxed: few findings have one.
    pub suggestion: Option<Box<Fix>>,
}

impl Diagnostic {
    /// A finding of `rule` at `span` in `file`, at the rule's default severity.
    pub fn new(
        rule: &'static Rule,
        file: &Arc<SourceFile>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity: rule.default_severity,
            message: message.into(),
            file: Arc::clone(file),
            span,
            label: None,
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
            fix: None,
            suggestion: None,
        }
    }

    /// Sets the label under the primary span.
    pub fn label(mut self, label: impl Into<Cow<'static, str>>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<Cow<'static, str>>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds a secondary label.
    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Attaches a mechanical fix.
    pub fn fix(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix {
            span,
            replacement: replacement.into(),
        });
        self
    }

    /// Sets the help to "did you mean `value`?" and offers `value` in place of the primary
    /// span, in the quotes the span is written in, if any.
    pub fn did_you_mean(mut self, value: &str) -> Self {
        self.help = Some(format!("did you mean `{value}`?").into());
        let written = self.file.text.get(self.span.clone()).unwrap_or_default();
        let quoted = ['"', '\'']
            .into_iter()
            .find(|&q| written.len() >= 2 && written.starts_with(q) && written.ends_with(q));
        let replacement = match quoted {
            // Only where the quotes need no escaping inside: suggestions are plain words.
            Some(q) if !value.contains(q) && !value.contains('\\') => format!("{q}{value}{q}"),
            _ => value.to_owned(),
        };
        self.suggestion = Some(Box::new(Fix {
            span: self.span.clone(),
            replacement,
        }));
        self
    }

    /// The rule code, e.g. `PRV301`.
    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    /// Sort key: file, position, code.
    pub fn sort_key(&self) -> (&str, usize, &'static str, usize) {
        (
            &self.file.name,
            self.span.start,
            self.rule.code,
            self.span.end,
        )
    }
}

/// Counts of reported findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Error-level findings.
    pub errors: usize,
    /// Warning-level findings.
    pub warnings: usize,
}

impl Summary {
    /// Counts the diagnostics by their effective severity.
    pub fn of(diagnostics: &[Diagnostic]) -> Summary {
        let mut s = Summary::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Off => {}
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_offers_the_value_in_the_quotes_it_replaces() {
        let file = SourceFile::virtual_file("a.yaml", "a: consnt\nb: \"consnt\"\nc: 'x'\n");
        let rule = &crate::catalogue::VALUE_UNKNOWN;
        let plain = Diagnostic::new(rule, &file, 3..9, "m").did_you_mean("consent");
        assert_eq!(plain.help.as_deref(), Some("did you mean `consent`?"));
        let fix = plain.suggestion.unwrap();
        assert_eq!((fix.span, fix.replacement.as_str()), (3..9, "consent"));
        let quoted = Diagnostic::new(rule, &file, 13..21, "m").did_you_mean("consent");
        assert_eq!(quoted.suggestion.unwrap().replacement, "\"consent\"");
        // A value that would need escaping inside the quotes replaces them.
        let single = Diagnostic::new(rule, &file, 25..28, "m").did_you_mean("it's");
        assert_eq!(single.suggestion.unwrap().replacement, "it's");
        assert!(
            plain.fix.is_none(),
            "a suggestion is never a mechanical fix"
        );
    }
}
