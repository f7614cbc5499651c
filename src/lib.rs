//! privreg: a compiler for GDPR processing registers.
//!
//! The library returns data and never prints: [`check`] loads a project and returns its
//! diagnostics; the binary (`cli.rs`) presents them.

pub mod citations;
pub mod diagnostic;
pub mod docs;
pub mod error;
pub mod init;
pub mod law;
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
    /// The date rules judge by; default: `last_updated`, `SOURCE_DATE_EPOCH`, today (UTC).
    pub date: Option<jiff::civil::Date>,
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
    // Whether or not it decides the date: reproducible-builds.org asks a tool to fail on a
    // malformed value rather than build with another date than the one meant.
    source_date_epoch()?;
    let mut project = project::load(&opts.root)?;
    let mut diagnostics = std::mem::take(&mut project.diagnostics);
    let date = opts.date.unwrap_or_else(|| judgement_date(&project));
    let cx = rules::RuleCx {
        project: &project,
        date,
    };
    rules::check_project(&cx, &mut diagnostics);
    let lint_options = lint::options(&project.config);
    for (file, prose) in &project.prose {
        citations::check(file, prose, &lint_options, &mut diagnostics);
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
fn judgement_date(project: &Project) -> jiff::civil::Date {
    recorded_date(project).unwrap_or_else(|| utc_date(jiff::Timestamp::now()))
}

/// `last_updated` from `privreg.yaml` when it is a date (PRV013 reports it when not), else
/// `SOURCE_DATE_EPOCH`; never the clock, so the policy can say when it was last updated.
pub(crate) fn recorded_date(project: &Project) -> Option<jiff::civil::Date> {
    let written = project
        .config
        .raw
        .as_ref()
        .and_then(|c| c.last_updated.as_ref());
    written
        .and_then(|d| rules::value_unknown::parse_date(&d.value).ok())
        .or_else(|| source_date_epoch().ok().flatten())
}

/// The UTC date of `SOURCE_DATE_EPOCH`, `None` when unset or empty (the specification leaves
/// those to the tool); anything but an integer in jiff's range of years is an error.
fn source_date_epoch() -> Result<Option<jiff::civil::Date>, Error> {
    let Some(raw) = std::env::var_os("SOURCE_DATE_EPOCH").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    raw.to_str()
        .and_then(|s| s.trim().parse().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .map(|t| Some(utc_date(t)))
        .ok_or_else(|| Error::SourceDateEpoch(raw.to_string_lossy().into_owned()))
}

/// The calendar date in UTC at `t`: the judgement date must not depend on the machine's zone.
fn utc_date(t: jiff::Timestamp) -> jiff::civil::Date {
    jiff::tz::TimeZone::UTC.to_datetime(t).date()
}

#[cfg(test)]
mod tests {
    use super::utc_date;
    use jiff::{Timestamp, civil::date};

    #[test]
    fn seconds_since_the_epoch_become_utc_calendar_dates() {
        let day = |secs| utc_date(Timestamp::from_second(secs).unwrap());
        assert_eq!(day(0), date(1970, 1, 1));
        assert_eq!(day(-1), date(1969, 12, 31));
        assert_eq!(day(1_767_225_600), date(2026, 1, 1));
        assert_eq!(day(1_795_910_400), date(2026, 11, 29));
        assert_eq!(day(1_795_996_799), date(2026, 11, 29), "its last second");
        assert_eq!(day(951_782_400), date(2000, 2, 29));
        assert_eq!(day(1_709_164_800), date(2024, 2, 29));
        assert_eq!(day(1_956_441_600).to_string(), "2031-12-31");
    }
}
