//! privreg: a compiler for GDPR processing registers.
//!
//! The library returns data and never prints: [`check`] loads a project and returns its
//! diagnostics; the binary (`cli.rs`) presents them.

pub mod catalogue;
pub mod citations;
pub mod diagnostic;
pub mod docs;
pub mod error;
pub mod init;
pub mod law;
#[cfg(test)]
mod layers;
pub mod lint;
pub mod load;
pub mod model;
pub mod project;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod severity;
pub mod source;
pub mod suggest;
pub mod suppress;

use std::path::PathBuf;

pub use diagnostic::{Diagnostic, Severity, Summary};
pub use error::Error;
use project::Project;
use severity::Overrides;

/// What `check` needs to know beyond the files.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The project root.
    pub root: PathBuf,
    /// Severity changes from the command line, applied after `privreg.yaml`'s.
    pub overrides: Vec<(String, Severity)>,
    /// Turn warnings into errors.
    pub deny_warnings: bool,
    /// The date rules judge by (YYYY-MM-DD); default: `last_updated`, `SOURCE_DATE_EPOCH`, today.
    pub date: Option<String>,
}

/// A checked project: what loaded and every finding, sorted and with severities applied.
#[derive(Debug)]
pub struct Checked {
    /// The loaded project.
    pub project: Project,
    /// Findings, sorted by file, position and code; `Off` ones removed.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Counts of errors and warnings.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.diagnostics)
    }
}

/// Loads the project at `opts.root` and runs every rule.
pub fn check(opts: &CheckOptions) -> Result<Checked, Error> {
    let mut project = project::load(&opts.root)?;
    let mut diagnostics = std::mem::take(&mut project.diagnostics);
    let date = opts
        .date
        .clone()
        .unwrap_or_else(|| judgement_date(&project));
    let cx = rules::RuleCx {
        project: &project,
        date: &date,
    };
    rules::check_project(&cx, &mut diagnostics);
    let lint_options = lint::options(&project.config);
    for (file, prose) in &project.prose {
        rules::citations::check(file, prose, &lint_options, &mut diagnostics);
    }
    let templates = project::templates(&project.root, &mut diagnostics)?;
    for file in &templates {
        lint::lint_text(file, &lint_options, &mut diagnostics);
    }
    let overrides = Overrides::from_project(&project, &opts.overrides, &mut diagnostics)?;
    // Before severities, so suppressing a rule that is also turned off still counts as used.
    let files: Vec<_> = project
        .files
        .iter()
        .chain(&project.config_file)
        .chain(&templates)
        .cloned()
        .collect();
    let diagnostics = suppress::apply(&files, diagnostics);
    let diagnostics = overrides.apply(diagnostics, opts.deny_warnings);
    Ok(Checked {
        project,
        diagnostics,
    })
}

/// What `build` needs beyond `check`'s options.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// How to check the project first.
    pub check: CheckOptions,
    /// Output directory, relative to the current directory; default: `output` of
    /// `privreg.yaml` under the root.
    pub out: Option<PathBuf>,
    /// Write nothing; compare the output directory with what would be written.
    pub verify: bool,
}

/// Checks the project, then renders and writes (or, with `verify`, compares) the chapter.
/// Any error-level finding stops it before anything is rendered or written.
pub fn build(opts: &BuildOptions) -> Result<render::Built, Error> {
    let checked = check(&opts.check)?;
    if checked.summary().errors > 0 {
        return Ok(render::Built {
            diagnostics: checked.diagnostics,
            outcome: render::Outcome::Blocked,
        });
    }
    let files = render::render(&checked.project)?;
    let (dir, shown) = match &opts.out {
        Some(out) => (
            out.clone(),
            project::display_name(std::path::Path::new(""), out),
        ),
        None => {
            let output = &checked.project.config.output;
            (checked.project.root.join(output), output.clone())
        }
    };
    let outcome = if opts.verify {
        match render::write::stale_diff(&dir, &shown, &files)? {
            Some(diff) => render::Outcome::Stale { diff },
            None => render::Outcome::Current { shown },
        }
    } else {
        render::write::write_atomic(&dir, &files)?;
        render::Outcome::Written { dir, shown }
    };
    Ok(render::Built {
        diagnostics: checked.diagnostics,
        outcome,
    })
}

/// `last_updated` from `privreg.yaml`, else `SOURCE_DATE_EPOCH`, else today (UTC).
fn judgement_date(project: &Project) -> String {
    if let Some(d) = project
        .config
        .raw
        .as_ref()
        .and_then(|c| c.last_updated.as_ref())
    {
        return d.value.clone();
    }
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    civil_date(secs.div_euclid(86_400))
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn day_counts_become_calendar_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_723), "2024-01-01");
        assert_eq!(civil_date(20_786), "2026-11-29");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }
}
