//! privreg: a compiler for GDPR processing registers.
//!
//! The library returns data and never prints: [`check`] loads a project and returns its
//! diagnostics; the binary (`cli.rs`) presents them.

pub mod catalogue;
pub mod citations;
pub mod diagnostic;
pub mod diff;
pub mod docs;
pub mod error;
pub mod files;
#[doc(hidden)]
pub mod fuzz;
pub mod git;
pub mod init;
pub mod law;
#[cfg(test)]
mod layers;
pub mod lint;
pub mod load;
pub mod lsp;
pub mod model;
pub mod parallel;
pub mod paths;
pub mod project;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod severity;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod tree;
pub mod watch;

use std::path::PathBuf;
use std::sync::Arc;

pub use diagnostic::{Diagnostic, Severity, Summary};
pub use error::Error;
use project::Project;
use severity::Overrides;
use source::SourceFile;

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
    /// Threads loading register files; default: [`parallel::default_jobs`]. The result is
    /// the same on any number.
    pub jobs: Option<usize>,
    /// Check the record's items (PRV701, PRV702) even where `outputs:` does not choose the
    /// record: `privreg record` sets it.
    pub record: bool,
}

/// A checked project: what loaded and every finding, sorted and with severities applied.
#[derive(Debug)]
pub struct Checked {
    /// The loaded project.
    pub project: Project,
    /// Findings, sorted by file, position and code; `Off` ones removed.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read: registers, `privreg.yaml` and the project's templates.
    pub files_checked: usize,
}

impl Checked {
    /// Counts of errors and warnings.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.diagnostics)
    }
}

/// Loads the project at `opts.root` and runs every rule.
pub fn check(opts: &CheckOptions) -> Result<Checked, Error> {
    check_in(opts, &tree::Disk)
}

/// [`check`] on the files of `files`: the disk, or a git revision (`privreg diff`).
pub fn check_in(opts: &CheckOptions, files: &dyn tree::Tree) -> Result<Checked, Error> {
    // Whether or not it decides the date: reproducible-builds.org asks a tool to fail on a
    // malformed value rather than build with another date than the one meant.
    project::source_date_epoch()?;
    let lint_prose = |settings: &project::Settings,
                      file: &Arc<SourceFile>,
                      prose: &citations::Extracted<'static>| {
        let mut found = Vec::new();
        rules::citations::check(file, prose, &lint::options(settings), &mut found);
        found
    };
    let jobs = opts.jobs.unwrap_or_else(parallel::default_jobs);
    let mut project = project::load_with(
        &opts.root,
        files,
        project::LoadOptions {
            jobs,
            prose_check: Some(&lint_prose),
        },
    )?;
    let mut diagnostics = std::mem::take(&mut project.diagnostics);
    let date = opts
        .date
        .unwrap_or_else(|| project::judgement_date(&project));
    let cx = rules::RuleCx {
        project: &project,
        date,
        record: opts.record || render::chosen_outputs(&project).contains(&"record"),
    };
    rules::check_project(&cx, jobs, &mut diagnostics);
    // In the order one thread would have found them in, after the rules' findings: the
    // sort that follows keeps the order of equal keys.
    diagnostics.append(&mut project.prose_findings);
    let lint_options = lint::options(&project.config);
    let templates = project::templates_in(&project.root, files, &mut diagnostics)?;
    for file in &templates {
        lint::lint_text(file, &lint_options, &mut diagnostics);
    }
    settle(opts, project, diagnostics, &templates)
}

/// The findings of `project` (and of `more` files it read) with suppressions applied, then
/// the severities of `rules:` and the command line.
fn settle(
    opts: &CheckOptions,
    project: Project,
    mut diagnostics: Vec<Diagnostic>,
    more: &[Arc<SourceFile>],
) -> Result<Checked, Error> {
    let overrides = Overrides::from_project(&project, &opts.overrides, &mut diagnostics)?;
    // Before severities, so suppressing a rule that is also turned off still counts as used.
    let files: Vec<_> = project
        .files
        .iter()
        .chain(&project.config_file)
        .chain(more)
        .cloned()
        .collect();
    let diagnostics = suppress::apply(&files, diagnostics);
    let diagnostics = overrides.apply(diagnostics, opts.deny_warnings);
    Ok(Checked {
        project,
        diagnostics,
        files_checked: files.len(),
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
            let dir = checked.project.root.join(output);
            // Named from where the user stands, like the diagnostics: `../dist` from below.
            let shown = std::env::current_dir().map_or_else(
                |_| output.clone(),
                |cwd| paths::shown_from(&cwd, &cwd, &dir),
            );
            (dir, shown)
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
    let Checked {
        project,
        diagnostics,
        ..
    } = checked;
    let outcome = if opts.verify {
        let files = render::render(&project)?;
        match render::write::stale_diff(&dir, &shown, &files)? {
            Some(diff) => render::Outcome::Stale { diff },
            None => render::Outcome::Current { shown },
        }
    } else {
        // Each file goes to disk as soon as it is made, the project is dropped as soon as
        // it is read for the last time: the whole output is never in memory at once.
        let mut stage = render::write::Stage::open(&dir)?;
        let files = render::render_into_stage(project, &mut stage)?;
        stage.commit()?;
        render::Outcome::Written { dir, files, shown }
    };
    Ok(render::Built {
        diagnostics,
        outcome,
    })
}

/// What `diff` needs beyond `check`'s options.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// How to check each side; `root` is the project in the work tree, whose repository
    /// revisions are read from.
    pub check: CheckOptions,
    /// The old side: a project directory, else a git revision.
    pub old: String,
    /// The new side, likewise; `None`: the project at `check.root`, as it is on disk.
    pub new: Option<String>,
    /// How to compare.
    pub compare: diff::Options,
}

/// What `diff` found.
#[derive(Debug)]
pub enum Diffed {
    /// A side that cannot be compared: its blocking diagnostics, side by side.
    Blocked(Vec<(diff::Which, diff::Side, Vec<Diagnostic>)>),
    /// The comparison.
    Compared(diff::Diff),
}

/// Checks both sides, then compares them.
///
/// Each side is a directory when one exists at that path, else a revision of the git
/// repository that holds `check.root` (read through `git`, never touching the work tree or
/// the index). The new side must pass `check` without errors, as for `build`: its notice
/// will be published. The old side is history judged by today's rules, so only what stops
/// its register from loading whole blocks it ([`diff::BLOCKS_OLD`]): a file that failed
/// to load would read as removed.
pub fn diff(opts: &DiffOptions) -> Result<Diffed, Error> {
    let old = open_side(&opts.check, Some(&opts.old))?;
    let new = open_side(&opts.check, opts.new.as_deref())?;
    // The two sides are independent: each is checked on a core of its own.
    let (checked_old, checked_new) = std::thread::scope(|s| {
        let old_side = parallel::try_spawn(s, || load_old(&old.options, old.tree.as_ref()));
        let new_side = check_in(&new.options, new.tree.as_ref());
        let old_side = match old_side {
            Some(old_side) => old_side
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            None => load_old(&old.options, old.tree.as_ref()),
        };
        (old_side, new_side)
    });
    let (checked_old, checked_new) = (checked_old?, checked_new?);
    let mut blocked = Vec::new();
    let old_errors: Vec<Diagnostic> = checked_old
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && diff::BLOCKS_OLD.contains(&d.code()))
        .cloned()
        .collect();
    if !old_errors.is_empty() {
        blocked.push((diff::Which::Old, old.side.clone(), old_errors));
    }
    let new_errors: Vec<Diagnostic> = checked_new
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    if !new_errors.is_empty() {
        blocked.push((diff::Which::New, new.side.clone(), new_errors));
    }
    if !blocked.is_empty() {
        return Ok(Diffed::Blocked(blocked));
    }
    Ok(Diffed::Compared(diff::Diff::new(
        old.side,
        new.side,
        &checked_old.project,
        &checked_new.project,
        opts.compare,
    )))
}

/// The old side of a diff, loaded and judged only on what stops the comparison
/// ([`diff::BLOCKS_OLD`]): the loader's findings and PRV007, with the side's own
/// severities and suppressions. The other rules are not run: their verdicts are today's
/// on history, and would cost as much as the rest of the diff.
fn load_old(opts: &CheckOptions, files: &dyn tree::Tree) -> Result<Checked, Error> {
    project::source_date_epoch()?;
    let mut project = project::load_in(&opts.root, files)?;
    let mut diagnostics = std::mem::take(&mut project.diagnostics);
    let date = opts
        .date
        .unwrap_or_else(|| project::judgement_date(&project));
    let cx = rules::RuleCx {
        project: &project,
        date,
        record: false,
    };
    rules::id_duplicate::check(&cx, &mut diagnostics);
    settle(opts, project, diagnostics, &[])
}

/// One side of a diff, ready to check.
struct OpenSide {
    side: diff::Side,
    options: CheckOptions,
    tree: Box<dyn tree::Tree + Send>,
}

/// `arg` as a side: an existing directory, else a revision; `None` is the work tree.
fn open_side(check: &CheckOptions, arg: Option<&str>) -> Result<OpenSide, Error> {
    let Some(arg) = arg else {
        return Ok(OpenSide {
            side: diff::Side::WorkTree {
                root: check.root.display().to_string(),
            },
            options: check.clone(),
            tree: Box::new(tree::Disk),
        });
    };
    if std::path::Path::new(arg).is_dir() {
        return Ok(OpenSide {
            side: diff::Side::Directory {
                path: arg.to_owned(),
            },
            options: CheckOptions {
                root: PathBuf::from(arg),
                ..check.clone()
            },
            tree: Box::new(tree::Disk),
        });
    }
    let revision = git::Revision::resolve(&check.root, arg)?;
    Ok(OpenSide {
        side: diff::Side::Revision {
            spec: revision.spec.clone(),
            commit: revision.commit.clone(),
        },
        options: check.clone(),
        tree: Box::new(revision),
    })
}
