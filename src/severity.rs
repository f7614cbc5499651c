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
        sort_stably(&mut out, |a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }
}

/// Sorts `items` as `sort_by` does, keeping equal items in their order, through a sorted
/// list of their indices: `sort_by` moves the items themselves and takes scratch room for
/// half of them, about 40 MB of diagnostics at 100,000 registers, at the peak of `check`.
fn sort_stably<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| cmp(&items[a], &items[b]));
    // Place `order[i]`'s item at `i`, one cycle of the permutation at a time; a placed
    // index points at itself, so each cycle is followed once.
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != start && order[at] != at {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorting_through_indices_orders_as_a_stable_sort(keys in proptest::collection::vec(0u8..6, 0..200)) {
            // Each item remembers where it was, so an unstable order of equal keys shows.
            let items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            let mut sorted = items;
            super::sort_stably(&mut sorted, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(sorted, expected);
        }
    }
}
