//! privreg: a compiler for GDPR processing registers.
//!
//! The library returns data and never prints: [`check`] loads a project and returns its
//! diagnostics; the binary (`cli.rs`) presents them.

pub mod catalogue;
pub mod citations;
pub mod diagnostic;
pub mod docs;
pub mod error;
pub mod files;
#[doc(hidden)]
pub mod fuzz;
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
    project::source_date_epoch()?;
    let mut project = project::load(&opts.root)?;
    let mut diagnostics = std::mem::take(&mut project.diagnostics);
    let date = opts
        .date
        .unwrap_or_else(|| project::judgement_date(&project));
    let cx = rules::RuleCx {
        project: &project,
        date,
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

/// Checks the project, then renders one document with `render`; with an error-level
/// finding nothing is rendered (`None`).
pub fn document(
    opts: &CheckOptions,
    render: impl FnOnce(&Project) -> Result<Vec<u8>, Error>,
) -> Result<(Checked, Option<Vec<u8>>), Error> {
    let checked = check(opts)?;
    if checked.summary().errors > 0 {
        return Ok((checked, None));
    }
    let bytes = render(&checked.project)?;
    Ok((checked, Some(bytes)))
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
    let (dir, shown) = match &opts.out {
        Some(out) => (
            out.clone(),
            project::display_name(std::path::Path::new(""), out),
        ),
        None => {
            let output = &checked.project.config.output;
            project::output_inside_root(output)?;
            (checked.project.root.join(output), output.clone())
        }
    };
    if !opts.verify {
        // Before anything can stop the build: a previous build that was killed mid-swap
        // must not leave the output missing until the register is fixed.
        render::write::recover(&dir)?;
    }
    if checked.summary().errors > 0 {
        return Ok(render::Built {
            diagnostics: checked.diagnostics,
            outcome: render::Outcome::Blocked,
        });
    }
    let files = render::render(&checked.project)?;
    let outcome = if opts.verify {
        match render::write::stale_diff(&dir, &shown, &files)? {
            Some(diff) => render::Outcome::Stale { diff },
            None => render::Outcome::Current { shown },
        }
    } else {
        render::write::write_atomic(&dir, &files)?;
        render::Outcome::Written {
            dir,
            files: files.iter().map(|f| f.name).collect(),
            shown,
        }
    };
    Ok(render::Built {
        diagnostics: checked.diagnostics,
        outcome,
    })
}
