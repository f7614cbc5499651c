//! Severity overrides from `privreg.yaml` and the command line, applied in one place.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use std::sync::Arc;

use crate::catalogue;
use crate::project::{Project, Settings};
use crate::source::SourceFile;

/// Effective severity per rule code.
#[derive(Debug, Default)]
pub struct Overrides {
    by_code: HashMap<&'static str, Severity>,
}

impl Overrides {
    /// Reads `rules:` of `privreg.yaml` (problems become diagnostics), then the command line
    /// (an unknown code there is a usage error).
    pub fn from_project(
        project: &Project,
        cli: &[(String, Severity)],
        out: &mut Vec<Diagnostic>,
    ) -> Result<Overrides, Error> {
        Overrides::new(project.config_file.as_ref(), &project.config, cli, out)
    }

    /// As [`Overrides::from_project`], from `privreg.yaml` alone (for `lint`, which needs no
    /// registers).
    pub fn new(
        config_file: Option<&Arc<SourceFile>>,
        config: &Settings,
        cli: &[(String, Severity)],
        out: &mut Vec<Diagnostic>,
    ) -> Result<Overrides, Error> {
        let mut o = Overrides::default();
        if let (Some(file), Some(settings)) = (
            config_file,
            config.raw.as_ref().and_then(|c| c.rules.as_ref()),
        ) {
            for (key, sev) in &settings.value.entries {
                let Some(rule) = catalogue::lookup(&key.value) else {
                    let d = Diagnostic::new(
                        &catalogue::VALUE_UNKNOWN,
                        file,
                        key.span.clone(),
                        format!("unknown rule `{}`", key.value),
                    )
                    .label("not a rule code or name");
                    out.push(match catalogue::suggest(&key.value) {
                        Some(s) => d.did_you_mean(s),
                        None => d.help("run `privreg rules` for the list of rules"),
                    });
                    continue;
                };
                match Severity::parse(&sev.value) {
                    Some(s) => {
                        o.by_code.insert(rule.code, s);
                    }
                    None => out.push(
                        Diagnostic::new(
                            &catalogue::VALUE_UNKNOWN,
                            file,
                            sev.span.clone(),
                            format!("`{}` is not a severity", sev.value),
                        )
                        .label("unknown severity")
                        .help("use `error`, `warning` or `off`"),
                    ),
                }
            }
        }
        for (code, sev) in cli {
            let rule = catalogue::lookup(code).ok_or_else(|| {
                let hint = catalogue::suggest(code)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                Error::Usage(format!("unknown rule `{code}`{hint}"))
            })?;
            o.by_code.insert(rule.code, *sev);
        }
        Ok(o)
    }

    /// Sets each diagnostic's severity, drops those turned off, raises warnings under
    /// `deny_warnings`, and sorts by file, position and code.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>, deny_warnings: bool) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter_map(|mut d| {
                d.severity = self.by_code.get(d.rule.code).copied().unwrap_or(d.severity);
                if deny_warnings && d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                }
                (d.severity != Severity::Off).then_some(d)
            })
            .collect();
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }
}
