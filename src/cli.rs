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
    /// Project directory holding privreg.yaml and registers/
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Output format of diagnostics
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    format: Format,
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
        after_help = "Example:\n  privreg build --out public/privacy\n  privreg build --check    # in CI: exit 1 with a diff when dist/ is stale"
    )]
    Build {
        /// Output directory, relative to the current directory [default: `output` in
        /// privreg.yaml, else dist/]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Write nothing; print a unified diff and exit 1 if the output directory is stale
        #[arg(long)]
        check: bool,
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
        /// Directory of the new project [default: --root, i.e. the current directory]
        dir: Option<PathBuf>,
    },
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
        match &self.command {
            Command::Check => {
                let checked = privreg::check(&g.check_options()?)?;
                g.emit(&checked.diagnostics);
                Ok(status_of(checked.summary()))
            }
            Command::Build { out, check } => {
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
                        let _ = if g.format == Format::Human {
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
                    Outcome::Written { shown, files, .. } => {
                        // On stderr, so stdout stays the chosen format's alone.
                        let names: Vec<&str> = files.clone();
                        let _ = writeln!(
                            std::io::stderr(),
                            "wrote {} to {}",
                            names.join(", "),
                            shown.trim_end_matches('/')
                        );
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
                g.document(|project| privreg::render::record::render(project, to, processor))
            }
            Command::Jsonld => g.document(|project| Ok(privreg::render::jsonld::render(project))),
            Command::Subprocessors { to } => {
                let to = *to;
                g.document(|project| privreg::render::subprocessors::render(project, to))
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
                    return Ok(ExitStatus::Success);
                }
                g.emit(&linted.diagnostics);
                Ok(status_of(privreg::Summary::of(&linted.diagnostics)))
            }
            Command::Citations { files } => {
                let linted = privreg::lint::lint_files(&g.lint_options(files, true)?)?;
                // Record by record into the pipe: a listing of hundreds of megabytes is never
                // built in memory. A closed pipe is not an error worth reporting.
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                let _ = match g.format {
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
            Command::Rules => match g.format {
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
                let dir = dir.as_ref().unwrap_or(&g.root);
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
            Command::Completions { shell } => {
                let mut buf = Vec::new();
                clap_complete::generate(*shell, &mut Cli::command(), "privreg", &mut buf);
                print(&String::from_utf8_lossy(&buf))
            }
            Command::Man => {
                let mut buf = Vec::new();
                clap_mangen::Man::new(Cli::command())
                    .render(&mut buf)
                    .map_err(|source| Error::Write {
                        path: "<stdout>".into(),
                        source,
                    })?;
                print(&String::from_utf8_lossy(&buf))
            }
        }
    }
}

impl GlobalArgs {
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
            root: self.root.clone(),
            overrides,
            deny_warnings: self.deny.iter().any(|c| c == "warnings"),
            date,
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

    fn emit(&self, diagnostics: &[privreg::Diagnostic]) {
        self.emit_to(diagnostics, &mut std::io::stdout().lock());
    }

    /// Checks, then prints the document `render` makes on stdout, the findings on stderr.
    fn document(
        &self,
        render: impl FnOnce(&privreg::project::Project) -> Result<Vec<u8>, Error>,
    ) -> Result<ExitStatus, Error> {
        let (checked, bytes) = privreg::document(&self.check_options()?, render)?;
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
            self.format,
            diagnostics,
            self.styled() && self.format == Format::Human,
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
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            privreg::files::interrupted();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
fn clean_up_on_signals() {}

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
