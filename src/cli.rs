//! The command line: clap definitions and dispatch. Only `main.rs` exits.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use privreg::report::{self, Format};
use privreg::{CheckOptions, Error, Severity};

/// How the run ended; `main` turns it into the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// No error-level finding.
    Success = 0,
    /// At least one error-level finding (or a stale output under `build --check`).
    Failure = 1,
    /// Usage, I/O or template failure.
    Error = 2,
}

const AFTER_HELP: &str = "\
Examples:
  privreg init my-policy && cd my-policy && privreg check
  privreg rules                 # every rule; `privreg rule PRV301` explains one

Exit status:
  0  no error-level finding
  1  error-level findings (warnings count with --deny warnings)
  2  usage, I/O or template failure";

/// privreg compiles GDPR processing registers: it checks the facts in `registers/*.yaml`
/// and lints the legal citations in policy text.
#[derive(Debug, Parser)]
#[command(name = "privreg", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: GlobalArgs,
}

#[derive(Debug, Args)]
struct GlobalArgs {
    /// Project directory holding privreg.yaml and registers/ [default: the nearest one
    /// upward with a privreg.yaml, up to the repository root; else the current directory]
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Output format of diagnostics (`markdown`: `privreg diff` only)
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// When to colour human output (NO_COLOR is honoured)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Make a rule an error (code or name; repeatable); `--deny warnings` makes every warning one
    #[arg(short = 'D', long = "deny", global = true, value_name = "CODE")]
    deny: Vec<String>,
    /// Make a rule a warning (code or name; repeatable)
    #[arg(short = 'W', long = "warn", global = true, value_name = "CODE")]
    warn: Vec<String>,
    /// Turn a rule off (code or name; repeatable)
    #[arg(short = 'A', long = "allow", global = true, value_name = "CODE")]
    allow: Vec<String>,
    /// Date (YYYY-MM-DD) on which adequacy decisions must be in force
    #[arg(long, global = true, value_name = "DATE")]
    date: Option<String>,
}

/// `--format`: the formats of diagnostics, and Markdown for `privreg diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// rustc-style messages with source snippets
    Human,
    /// The stable JSON document described in docs/output.md
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request
    Github,
    /// One line a finding: `file:line:col: severity[CODE] message`
    Concise,
    /// `privreg diff`: the policy's changelog and a notice to customers
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate the register and report every problem
    #[command(after_help = "Example:\n  privreg check --root examples/acme --format json")]
    Check,
    /// Check, then render the register into the policy chapter: Markdown, an HTML page and
    /// an HTML fragment
    #[command(
        after_help = "Example:\n  privreg build --out public/privacy\n  privreg build --check    # in CI: exit 1 with a diff when dist/ is stale\n  privreg build --watch    # while editing: rebuild on every change, until Ctrl-C"
    )]
    Build {
        /// Output directory, relative to the current directory [default: `output` in
        /// privreg.yaml, else dist/]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Write nothing; print a unified diff and exit 1 if the output directory is stale
        #[arg(long)]
        check: bool,
        /// Build, then rebuild whenever privreg.yaml, a register or a template changes, until
        /// SIGINT (Ctrl-C) or SIGTERM ends it with status 0; a rebuild with errors writes
        /// nothing, so the output stays the last good one
        #[arg(long, conflicts_with = "check")]
        watch: bool,
    },
    /// Check, then print the record of processing activities (Art. 30 GDPR) on stdout
    #[command(
        after_help = "Examples:\n  privreg record > record.md\n  privreg record csv > record.csv\n  privreg record csv --processor > processor-record.csv\n  privreg record xlsx > record.xlsx\n\nFindings go to stderr; with an error-level finding nothing is printed (exit 1).\nMarkdown, HTML and XLSX (one sheet each) hold both records; CSV holds the controller's\n(Art. 30(1)), or with --processor the processor's (Art. 30(2), from `processor_for`)."
    )]
    Record {
        /// The record's format (findings keep `--format`)
        #[arg(value_enum, value_name = "FORMAT", default_value = "markdown")]
        to: privreg::render::record::RecordFormat,
        /// CSV: the processor's record (Art. 30(2)) instead of the controller's
        #[arg(long)]
        processor: bool,
    },
    /// Check, then print the sub-processor list (Art. 28(2) and (4) GDPR) on stdout
    #[command(
        after_help = "Examples:\n  privreg subprocessors > subprocessors.md\n  privreg subprocessors json | jq '.subprocessors[].legal_name'\n\nFindings go to stderr; with an error-level finding nothing is printed (exit 1)."
    )]
    Subprocessors {
        /// The list's format (findings keep `--format`)
        #[arg(value_enum, value_name = "FORMAT", default_value = "markdown")]
        to: privreg::render::subprocessors::ListFormat,
    },
    /// Check, then print the register as a machine-readable notice: JSON-LD in DPV 2.3
    #[command(
        after_help = "Example:\n  privreg jsonld > privacy.jsonld\n\nOne graph in the Data Privacy Vocabulary and its EU-GDPR extension, context inline.\nFindings go to stderr; with an error-level finding nothing is printed (exit 1)."
    )]
    Jsonld,
    /// Check the legal citations of policy texts (Markdown, HTML or plain text)
    #[command(
        after_help = "Examples:\n  privreg lint privacy-policy.md\n  privreg lint --diff docs/*.html     # show the style fixes\n  privreg lint --fix docs/*.html      # apply them\n\nFixes only ever rewrite a citation's notation into the configured `citation_style`;\nwhich provision is meant (\"lit. 6\"?) is left to you, with a suggestion."
    )]
    Lint {
        /// Files to lint
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Rewrite citations into the configured style in place
        #[arg(long, conflicts_with = "diff")]
        fix: bool,
        /// Print the fixes as a unified diff; write nothing
        #[arg(long)]
        diff: bool,
    },
    /// List every legal citation recognised in the files
    #[command(
        after_help = "Example:\n  privreg citations privacy-policy.html --format json | jq '.citations[].provisions'"
    )]
    Citations {
        /// Files to scan
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List every rule: code, name, default severity and summary
    #[command(
        after_help = "Examples:\n  privreg rules\n  privreg rules --format json | jq '.rules[].code'"
    )]
    Rules,
    /// Explain one rule: what it does, why it matters, an example and the legal source
    #[command(after_help = "Examples:\n  privreg rule PRV301\n  privreg rule retention-missing")]
    Rule {
        /// Rule code (PRV301) or name (retention-missing)
        code: String,
    },
    /// Print the JSON Schema of a register file or of privreg.yaml, for editors and CI
    #[command(
        after_help = "Examples:\n  privreg schema register > schema/register.schema.json\n  privreg schema config\n\nEditors with the YAML language server pick it up from a first line like\n  # yaml-language-server: $schema=../schema/register.schema.json"
    )]
    Schema {
        /// Which file the schema describes
        #[arg(value_enum, default_value = "register")]
        target: privreg::schema::Target,
    },
    /// Create a new project: privreg.yaml, an example register, JSON Schemas and .gitignore
    #[command(
        after_help = "Example:\n  privreg init my-policy && cd my-policy && privreg check\n\nExisting files are never overwritten: if any of them exists, nothing is written."
    )]
    Init {
        /// Directory of the new project [default: --root, else the current directory]
        dir: Option<PathBuf>,
    },
    /// Compare two versions of the register: what changed, fact by fact, and who must be
    /// told (customers of a new sub-processor, users of a new purpose)
    #[command(after_help = DIFF_HELP)]
    Diff {
        /// The old version: a project directory, else a git revision of the repository
        /// holding --root (`v1.2`, `HEAD~1`, `main`)
        #[arg(value_name = "OLD")]
        old: String,
        /// The new version, likewise [default: the project at --root as it is on disk]
        #[arg(value_name = "NEW")]
        new: Option<String>,
        /// Also report sections whose `order` (their number) changed
        #[arg(long)]
        order: bool,
        /// Exit 1 when a change needs notice to customers or users
        #[arg(long)]
        exit_code: bool,
        /// The template `--format markdown` renders (`diff-changelog.md`: the changelog
        /// alone)
        #[arg(long, value_name = "NAME", default_value = privreg::diff::markdown::DEFAULT_TEMPLATE)]
        template: String,
    },
    /// Serve the Language Server Protocol on stdin and stdout, for editors: findings as
    /// you type, quick fixes, rule docs on hover
    #[command(after_help = LSP_HELP)]
    Lsp,
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  privreg completions bash > ~/.local/share/bash-completion/completions/privreg\n  privreg completions zsh > ~/.zfunc/_privreg\n  privreg completions fish > ~/.config/fish/completions/privreg.fish"
    )]
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from these help texts
    #[command(after_help = "Example:\n  privreg man > privreg.1 && man ./privreg.1")]
    Man,
}

const DIFF_HELP: &str = "\
Examples:
  privreg diff v1.2 HEAD                 # two revisions of this repository
  privreg diff main                      # main against the work tree
  privreg diff main --format markdown    # changelog and customer notice
  privreg diff main --exit-code          # in CI: exit 1 when someone must be told
  privreg diff ../policy-2025 .          # two directories

A side is a directory when one exists at that path, else a git revision; revisions are
read through the git command, and neither the work tree nor the index is touched.
The new side must pass `privreg check`; the old one must load (docs/diff.md).";

const LSP_HELP: &str = "\
Example:
  privreg lsp    # started by an editor: in Neovim,
                 # vim.lsp.start({ name = 'privreg', cmd = { 'privreg', 'lsp' } })

Each document's project is found upward from its file; registers and privreg.yaml are
checked with the unsaved text of every open document, other files linted. -D, -W, -A and
--date apply to every check. docs/editors.md shows the setup of VS Code, Neovim and Helix.
Exit status: 0 after `shutdown` and `exit`, 1 if the input ends or `exit` comes first.";

impl Cli {
    /// Runs the command, writing to stdout and stderr.
    pub fn run(self) -> ExitStatus {
        match self.dispatch() {
            Ok(status) => status,
            Err(err) => {
                report_error(&err);
                ExitStatus::Error
            }
        }
    }

    fn dispatch(self) -> Result<ExitStatus, Error> {
        let g = &self.global;
        if g.format == FormatArg::Markdown && !matches!(self.command, Command::Diff { .. }) {
            return Err(Error::Usage(
                "`--format markdown` is for `privreg diff`; diagnostics are printed as human, \
                 json, sarif, github or concise"
                    .into(),
            ));
        }
        match &self.command {
            Command::Check => {
                let checked = privreg::check(&g.check_options()?)?;
                g.emit(&checked.diagnostics);
                // Silence would leave a person wondering whether anything was checked; the
                // machine formats say it with an empty list.
                if g.format == FormatArg::Human && checked.diagnostics.is_empty() {
                    let _ = writeln!(
                        std::io::stderr(),
                        "checked {}: no problems",
                        plural(checked.files_checked, "file")
                    );
                }
                Ok(status_of(checked.summary()))
            }
            Command::Build {
                out, watch: true, ..
            } => g.watch(out.as_deref()),
            Command::Build { out, check, .. } => {
                if !*check {
                    clean_up_on_signals();
                }
                let built = privreg::build(&privreg::BuildOptions {
                    check: g.check_options()?,
                    out: out.clone(),
                    verify: *check,
                })?;
                g.emit(&built.diagnostics);
                use privreg::render::Outcome;
                Ok(match &built.outcome {
                    Outcome::Blocked => ExitStatus::Failure,
                    Outcome::Stale { diff } => {
                        // Machine formats own stdout; the diff then goes to stderr.
                        let _ = if g.report_format() == Format::Human {
                            std::io::stdout().lock().write_all(diff.as_bytes())
                        } else {
                            std::io::stderr().lock().write_all(diff.as_bytes())
                        };
                        let _ = writeln!(
                            std::io::stderr().lock(),
                            "the output is stale: run `privreg build` and commit the result"
                        );
                        ExitStatus::Failure
                    }
                    Outcome::Written { .. } => {
                        // On stderr, so stdout stays the chosen format's alone.
                        say(&outcome_line(&built));
                        ExitStatus::Success
                    }
                    Outcome::Current { shown } => {
                        let _ = writeln!(
                            std::io::stderr(),
                            "{} is current",
                            shown.trim_end_matches('/')
                        );
                        ExitStatus::Success
                    }
                })
            }
            Command::Record { to, processor } => {
                let (to, processor) = (*to, *processor);
                if to == privreg::render::record::RecordFormat::Xlsx
                    && std::io::stdout().is_terminal()
                {
                    return Err(Error::Usage(
                        "an XLSX workbook is binary: redirect it to a file, e.g. `privreg record xlsx > record.xlsx`".into(),
                    ));
                }
                g.document(true, |project| {
                    privreg::render::record::render(project, to, processor)
                })
            }
            Command::Jsonld => g.document(false, |project| {
                Ok(privreg::render::jsonld::render(project))
            }),
            Command::Subprocessors { to } => {
                let to = *to;
                g.document(false, |project| {
                    privreg::render::subprocessors::render(project, to)
                })
            }
            Command::Lint { files, fix, diff } => {
                if *fix {
                    clean_up_on_signals();
                }
                let linted = privreg::lint::lint_files(&g.lint_options(files, false)?)?;
                if *fix || *diff {
                    let mut patch = String::new();
                    // A file --fix refuses is reported and the others are still fixed.
                    let mut refused = false;
                    for file in &linted.files {
                        let Some(fixed) = privreg::lint::fixed_text(file, &linted.diagnostics)
                        else {
                            continue;
                        };
                        if *fix {
                            if let Err(err) =
                                privreg::lint::write_fixed(&file.path, &file.text, &fixed)
                            {
                                report_error(&err);
                                refused = true;
                            }
                        } else if let Some(d) = privreg::render::write::unified_diff(
                            &file.text, &fixed, &file.name, &file.name,
                        ) {
                            patch.push_str(&d);
                        }
                    }
                    if *fix {
                        // Report what is left after fixing, as a fresh run would.
                        let again = privreg::lint::lint_files(&g.lint_options(files, false)?)?;
                        g.emit(&again.diagnostics);
                        if refused {
                            return Ok(ExitStatus::Error);
                        }
                        return Ok(status_of(privreg::Summary::of(&again.diagnostics)));
                    }
                    let _ = std::io::stdout().lock().write_all(patch.as_bytes());
                    // The files are unchanged, so their findings decide the status, as
                    // for `privreg lint`; stdout stays the patch's alone.
                    let summary = privreg::Summary::of(&linted.diagnostics);
                    if summary.errors > 0 {
                        let _ = writeln!(
                            std::io::stderr(),
                            "found {} that no fix can make: `privreg lint` without --diff \
                             shows {}",
                            plural(summary.errors, "error"),
                            if summary.errors == 1 { "it" } else { "them" }
                        );
                    }
                    return Ok(status_of(summary));
                }
                g.emit(&linted.diagnostics);
                Ok(status_of(privreg::Summary::of(&linted.diagnostics)))
            }
            Command::Citations { files } => {
                let linted = privreg::lint::lint_files(&g.lint_options(files, true)?)?;
                // Record by record into the pipe: a listing of hundreds of megabytes is never
                // built in memory. A closed pipe is not an error worth reporting.
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                let _ = match g.report_format() {
                    Format::Json => write_citations_json(&linted.citations, &mut out),
                    Format::Human => linted
                        .citations
                        .iter()
                        .try_for_each(|r| write_citation(r, &mut out)),
                    _ => {
                        return Err(Error::Usage(
                            "`privreg citations` prints `--format human` or `--format json`".into(),
                        ));
                    }
                }
                .and_then(|()| out.flush());
                Ok(ExitStatus::Success)
            }
            Command::Rules => match g.report_format() {
                Format::Human => print(&privreg::docs::rules_table()),
                Format::Json => print(&privreg::docs::rules_json()),
                _ => Err(Error::Usage(
                    "`privreg rules` prints `--format human` or `--format json`".into(),
                )),
            },
            Command::Rule { code } => match privreg::catalogue::lookup(code) {
                Some(rule) => print(&privreg::docs::rule_page(rule)),
                None => {
                    let hint = privreg::catalogue::suggest(code)
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    Err(Error::Usage(format!(
                        "unknown rule `{code}`{hint} (`privreg rules` lists them all)"
                    )))
                }
            },
            Command::Schema { target } => print(&privreg::schema::render(*target)),
            Command::Init { dir } => {
                // A new project goes where it is asked for, never into one found upward.
                let dir = dir
                    .as_ref()
                    .or(g.root.as_ref())
                    .map_or(std::path::Path::new("."), PathBuf::as_path);
                let mut text = String::new();
                for path in privreg::init::scaffold(dir)? {
                    text.push_str(&format!("created {}\n", path.display()));
                }
                text.push_str(&format!(
                    "\nnext: edit registers/example.yaml, then run `privreg check` in {}\n",
                    dir.display()
                ));
                print(&text)
            }
            Command::Diff {
                old,
                new,
                order,
                exit_code,
                template,
            } => g.diff(
                privreg::DiffOptions {
                    check: g.check_options()?,
                    old: old.clone(),
                    new: new.clone(),
                    compare: privreg::diff::Options { order: *order },
                },
                *exit_code,
                template,
            ),
            Command::Lsp => {
                let check = g.check_options()?;
                let options = privreg::lsp::Options {
                    overrides: check.overrides,
                    deny_warnings: check.deny_warnings,
                    date: check.date,
                };
                let input = std::io::BufReader::new(std::io::stdin());
                let ended = privreg::lsp::serve(input, &mut std::io::stdout().lock(), options);
                Ok(match ended {
                    privreg::lsp::Ended::Clean => ExitStatus::Success,
                    privreg::lsp::Ended::Abrupt => ExitStatus::Failure,
                })
            }
            Command::Completions { shell } => {
                let mut buf = Vec::new();
                clap_complete::generate(*shell, &mut Cli::command(), "privreg", &mut buf);
                print(&String::from_utf8_lossy(&buf))
            }
            Command::Man => {
                let page = man_page().map_err(|source| Error::Write {
                    path: "<stdout>".into(),
                    source,
                })?;
                print(&page)
            }
        }
    }
}

/// `PRIVREG_JOBS`, the threads that load register files (docs/limits.md); unset or empty,
/// the default. Anything but a positive whole number is a usage error, not ignored: the
/// variable is set on purpose, to compare or to limit.
fn jobs_from_env() -> Result<Option<usize>, Error> {
    let Some(raw) = std::env::var_os("PRIVREG_JOBS").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    raw.to_str()
        .and_then(privreg::parallel::jobs_from)
        .map(Some)
        .ok_or_else(|| {
            Error::Usage(format!(
                "PRIVREG_JOBS `{}` is not a positive whole number of threads",
                raw.to_string_lossy()
            ))
        })
}

impl GlobalArgs {
    /// `--root`, else the directory [`privreg::project::discover`] finds.
    fn project_root(&self) -> Result<PathBuf, Error> {
        if let Some(root) = &self.root {
            return Ok(root.clone());
        }
        Ok(privreg::project::discover(&current_dir()?).unwrap_or_else(|| PathBuf::from(".")))
    }

    /// Where the report's paths are relative to: the current directory, and the repository
    /// (else the project) for SARIF and GitHub. `None` when the current directory is gone.
    fn paths(&self) -> Option<report::Paths> {
        let cwd = std::env::current_dir().ok()?;
        let root = self.project_root().ok()?;
        let project = cwd.join(root).canonicalize().ok()?;
        let repository = privreg::paths::repository_root(&project).unwrap_or(project);
        Some(report::Paths { cwd, repository })
    }

    /// The format of diagnostics (`--format markdown` was refused before for them).
    fn report_format(&self) -> Format {
        match self.format {
            FormatArg::Human | FormatArg::Markdown => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Github => Format::Github,
            FormatArg::Concise => Format::Concise,
        }
    }

    /// `privreg diff`: the comparison in the chosen format on stdout. A side that cannot
    /// be compared is reported on stderr with its diagnostics (exit status 1).
    fn diff(
        &self,
        opts: privreg::DiffOptions,
        exit_code: bool,
        template: &str,
    ) -> Result<ExitStatus, Error> {
        if matches!(
            self.format,
            FormatArg::Sarif | FormatArg::Github | FormatArg::Concise
        ) {
            return Err(Error::Usage(
                "`privreg diff` prints `--format human`, `json` or `markdown`".into(),
            ));
        }
        let diff = match privreg::diff(&opts)? {
            privreg::Diffed::Compared(diff) => diff,
            privreg::Diffed::Blocked(sides) => {
                let mut err = std::io::stderr().lock();
                for (which, side, diagnostics) in sides {
                    let (name, needs) = match which {
                        privreg::diff::Which::Old => ("old", "must load"),
                        privreg::diff::Which::New => ("new", "must pass `privreg check`"),
                    };
                    let _ = writeln!(
                        err,
                        "error: the {name} side, {}, cannot be compared: it {needs} \
                         (docs/diff.md)",
                        side.label()
                    );
                    let _ = report::write(
                        Format::Human,
                        &diagnostics,
                        self.styled_stderr(),
                        self.paths().as_ref(),
                        &mut err,
                    );
                }
                return Ok(ExitStatus::Failure);
            }
        };
        let text = match self.format {
            FormatArg::Json => privreg::diff::json::render(&diff),
            FormatArg::Markdown => {
                privreg::diff::markdown::render(&diff, &opts.check.root, template)?
            }
            _ => {
                let mut buf = Vec::new();
                privreg::diff::human::write(&diff, &mut buf).map_err(|source| Error::Write {
                    path: "<stdout>".into(),
                    source,
                })?;
                String::from_utf8_lossy(&buf).into_owned()
            }
        };
        print(&text)?;
        Ok(if exit_code && diff.needs_notice() {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        })
    }

    fn styled_stderr(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
        }
    }

    fn check_options(&self) -> Result<CheckOptions, Error> {
        let date = self
            .date
            .as_deref()
            .map(|d| {
                privreg::model::parse_date(d).map_err(|e| Error::Usage(format!("--date `{d}` {e}")))
            })
            .transpose()?;
        let mut overrides = Vec::new();
        // Later flags win: deny, then warn, then allow, as the user most likely means the
        // narrower flag to refine a broader one.
        for (codes, sev) in [
            (&self.deny, Severity::Error),
            (&self.warn, Severity::Warning),
            (&self.allow, Severity::Off),
        ] {
            for code in codes {
                if sev == Severity::Error && code == "warnings" {
                    continue;
                }
                overrides.push((code.clone(), sev));
            }
        }
        Ok(CheckOptions {
            root: self.project_root()?,
            overrides,
            deny_warnings: self.deny.iter().any(|c| c == "warnings"),
            date,
            jobs: jobs_from_env()?,
            record: false,
        })
    }

    /// What `lint` (or, with `list`, `citations`) needs from the command line.
    fn lint_options(
        &self,
        files: &[PathBuf],
        list: bool,
    ) -> Result<privreg::lint::LintRunOptions, Error> {
        let check = self.check_options()?;
        Ok(privreg::lint::LintRunOptions {
            root: check.root,
            files: files.to_vec(),
            overrides: check.overrides,
            deny_warnings: check.deny_warnings,
            list,
        })
    }

    fn styled(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }

    /// `build --watch`: builds, then rebuilds after each burst of changes that count
    /// ([`privreg::watch`]), reporting each build as `build` does plus one line on stderr,
    /// until a signal ends the process ([`stop_watch_on_signals`]).
    fn watch(&self, out: Option<&std::path::Path>) -> Result<ExitStatus, Error> {
        stop_watch_on_signals();
        let options = privreg::BuildOptions {
            check: self.check_options()?,
            out: out.map(std::path::Path::to_owned),
            verify: false,
        };
        let cwd = current_dir()?;
        // Watching starts before the first build, so that no change made meanwhile is lost.
        let mut watch = privreg::watch::Watch::new(&options.check.root, &cwd, out)?;
        match privreg::build(&options) {
            Ok(built) => {
                self.emit(&built.diagnostics);
                say(&outcome_line(&built));
            }
            // The command line or the place is wrong: no change of a file mends that.
            Err(err @ (Error::Usage(_) | Error::SourceDateEpoch(_))) => return Err(err),
            Err(err) => {
                report_error(&err);
                say(&format!("failed: {KEPT}"));
            }
        }
        let t = watch.targets();
        let shown = |p: &std::path::Path| privreg::paths::shown_from(&cwd, &cwd, p);
        say(&format!(
            "watching {}, {} and {} for changes (Ctrl-C stops)",
            shown(&t.config),
            shown(&t.registers),
            shown(&t.templates[0])
        ));
        let mut rebuild = 0u64;
        loop {
            let changes = watch.wait()?;
            rebuild += 1;
            let line = match privreg::build(&options) {
                Ok(built) => {
                    self.emit(&built.diagnostics);
                    outcome_line(&built)
                }
                Err(err) => {
                    report_error(&err);
                    format!("failed: {KEPT}")
                }
            };
            say(&format!(
                "rebuild {rebuild} ({}): {line}",
                changed_names(&changes, &cwd)
            ));
        }
    }

    fn emit(&self, diagnostics: &[privreg::Diagnostic]) {
        self.emit_to(diagnostics, &mut std::io::stdout().lock());
    }

    /// Checks, then prints the document `render` makes on stdout, the findings on stderr.
    /// Writes a document of the checked project to stdout, its findings to stderr; `record`
    /// asks for the record's own rules (PRV7xx).
    fn document(
        &self,
        record: bool,
        render: impl FnOnce(&privreg::project::Project) -> Result<Vec<u8>, Error>,
    ) -> Result<ExitStatus, Error> {
        let opts = CheckOptions {
            record,
            ..self.check_options()?
        };
        let (checked, bytes) = privreg::document(&opts, render)?;
        self.emit_to(&checked.diagnostics, &mut std::io::stderr().lock());
        match bytes {
            Some(bytes) => {
                // A closed pipe is not an error worth reporting.
                let _ = std::io::stdout().lock().write_all(&bytes);
                Ok(status_of(checked.summary()))
            }
            None => Ok(ExitStatus::Failure),
        }
    }

    /// Reports `diagnostics` to `out`: stderr where stdout carries a document.
    fn emit_to(&self, diagnostics: &[privreg::Diagnostic], out: &mut impl Write) {
        let mut out = std::io::BufWriter::new(out);
        // A closed pipe (`privreg check | head`) is not an error worth reporting.
        let _ = report::write(
            self.report_format(),
            diagnostics,
            self.styled() && self.format == FormatArg::Human,
            self.paths().as_ref(),
            &mut out,
        )
        .and_then(|()| out.flush());
    }
}

/// On SIGINT, SIGTERM or SIGHUP while privreg writes, its unfinished steps are taken back
/// (the staging directory removed, a half-swapped output put back, a temporary file
/// deleted) before it dies of the signal as it would have, so the shell sees the usual
/// status. A thread receives the signal, so no unsafe code is needed.
#[cfg(unix)]
fn clean_up_on_signals() {
    on_signals(|signal| {
        privreg::files::interrupted();
        let _ = signal_hook::low_level::emulate_default_handler(signal);
        std::process::exit(128 + signal);
    });
}

/// For `build --watch`, which only a signal ends: a write under way is taken back as by
/// [`clean_up_on_signals`], so the output stays the last good build's and no temporary
/// file remains, and the watch ends with status 0, its normal end (docs/design.md, "Watch").
#[cfg(unix)]
fn stop_watch_on_signals() {
    on_signals(|_| {
        privreg::files::interrupted();
        let _ = writeln!(std::io::stderr(), "stopped watching");
        std::process::exit(0);
    });
}

/// Runs `end` on a thread of its own when SIGINT, SIGTERM or SIGHUP first arrives.
#[cfg(unix)]
fn on_signals(end: impl FnOnce(i32) + Send + 'static) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            end(signal);
        }
    });
}

#[cfg(not(unix))]
fn clean_up_on_signals() {}

#[cfg(not(unix))]
fn stop_watch_on_signals() {}

/// The one man page privreg has: clap_mangen's page of the top-level command, with each
/// command's synopsis and options under COMMANDS instead of references to a
/// `privreg-check(1)` page per command, which nothing installs.
fn man_page() -> std::io::Result<String> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    page.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("privreg {}", sub.get_name());
        // Not yet built, a command holds only its own arguments: the global options are
        // described once, above.
        let own = sub.clone().bin_name(name.clone()).disable_help_flag(true);
        let own = clap_mangen::Man::new(own);
        writeln!(page, ".SS \"{name}\"")?;
        if let Some(about) = sub.get_about() {
            writeln!(page, "{}", about.to_string().replace('-', "\\-"))?;
        }
        let mut body = Vec::new();
        own.render_synopsis_section(&mut body)?;
        own.render_options_section(&mut body)?;
        for line in String::from_utf8_lossy(&body).lines() {
            // The page's preamble defines the apostrophe string once, at its top.
            if line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq") {
                continue;
            }
            if line.starts_with(".SH ") {
                // A paragraph break where the section heading was.
                page.extend_from_slice(b".PP\n");
            } else {
                writeln!(page, "{line}")?;
            }
        }
    }
    man.render_extra_section(&mut page)?;
    man.render_version_section(&mut page)?;
    Ok(String::from_utf8_lossy(&page).into_owned())
}

/// `{"version": 1, "citations": [...]}`, pretty-printed, with a final newline.
fn write_citations_json(
    records: &[privreg::citations::CitationRecord],
    out: &mut impl Write,
) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct Listing<'a> {
        version: u32,
        citations: &'a [privreg::citations::CitationRecord],
    }
    let listing = Listing {
        version: 1,
        citations: records,
    };
    serde_json::to_writer_pretty(&mut *out, &listing)?;
    out.write_all(b"\n")
}

/// One line a citation: `file:line:column: text [law]: provisions`.
fn write_citation(
    r: &privreg::citations::CitationRecord,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let provisions: Vec<String> = r
        .provisions
        .iter()
        .map(|p| {
            let mark = match p.exists {
                Some(false) => " (does not exist)",
                _ => "",
            };
            format!("{p}{mark}")
        })
        .collect();
    let implied = match (r.law_implied, r.partial) {
        (true, true) => ", implied, partial",
        (true, false) => ", implied",
        (false, true) => ", partial",
        (false, false) => "",
    };
    writeln!(
        out,
        "{}:{}:{}: {} [{}{}]: {}",
        r.file,
        r.line,
        r.column,
        r.text.replace('\n', " "),
        r.law.as_str(),
        implied,
        provisions.join("; ")
    )
}

/// The current directory, absolute and with its links resolved, as the system reports it.
fn current_dir() -> Result<PathBuf, Error> {
    std::env::current_dir().map_err(|source| Error::Read {
        path: ".".into(),
        source,
    })
}

/// Prints `err` and its causes on stderr, one per line.
fn report_error(err: &Error) {
    let mut msg = format!("error: {err}");
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        msg.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// What a build that wrote nothing leaves, said by `build --watch`.
const KEPT: &str = "wrote nothing, the output stays as the last good build left it";

/// The line on stderr that says how a build ended: the files written, or the errors that
/// stopped it.
fn outcome_line(built: &privreg::render::Built) -> String {
    use privreg::render::Outcome;
    match &built.outcome {
        Outcome::Written { shown, files, .. } => {
            format!(
                "wrote {} to {}",
                files.join(", "),
                shown.trim_end_matches('/')
            )
        }
        Outcome::Current { shown } => format!("{} is current", shown.trim_end_matches('/')),
        Outcome::Blocked | Outcome::Stale { .. } => {
            let errors = privreg::Summary::of(&built.diagnostics).errors;
            format!("{}: {KEPT}", plural(errors, "error"))
        }
    }
}

/// The changed paths of a rebuild, from the current directory: three at most, then how
/// many more.
fn changed_names(changes: &privreg::watch::Changes, cwd: &std::path::Path) -> String {
    let mut names: Vec<String> = changes
        .paths
        .iter()
        .map(|p| privreg::paths::shown_from(cwd, cwd, p))
        .collect();
    if changes.lost {
        names.push("files unknown (the system dropped change events)".to_owned());
    }
    if names.len() > 3 {
        let more = names.len() - 2;
        names.truncate(2);
        return format!("{} and {more} more", names.join(", "));
    }
    names.join(", ")
}

/// Writes a line on stderr, where it does not mix with the chosen format on stdout.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// `1 error`, `2 errors`.
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn status_of(summary: privreg::Summary) -> ExitStatus {
    if summary.errors > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// Writes `text` to stdout; a closed pipe (`privreg rules | head`) is not an error.
fn print(text: &str) -> Result<ExitStatus, Error> {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(ExitStatus::Success)
}
