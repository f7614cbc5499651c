//! The command line: clap definitions and dispatch. Only `main.rs` exits.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    /// Make a rule an error (code or name; repeatable)
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
}

impl Cli {
    /// Runs the command, writing to stdout and stderr.
    pub fn run(self) -> ExitStatus {
        match self.dispatch() {
            Ok(status) => status,
            Err(err) => {
                let mut msg = format!("error: {err}");
                let mut source = std::error::Error::source(&err);
                while let Some(cause) = source {
                    msg.push_str(&format!("\n  caused by: {cause}"));
                    source = cause.source();
                }
                let _ = writeln!(std::io::stderr(), "{msg}");
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
        }
    }
}

impl GlobalArgs {
    fn check_options(&self) -> Result<CheckOptions, Error> {
        if let Some(d) = &self.date {
            let ok = d.len() == 10
                && d.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            if !ok {
                return Err(Error::Usage(format!(
                    "--date `{d}` is not of the form YYYY-MM-DD"
                )));
            }
        }
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
            date: self.date.clone(),
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
        let text = report::render(
            self.format,
            diagnostics,
            self.styled() && self.format == Format::Human,
        );
        // A closed pipe (`privreg check | head`) is not an error worth reporting.
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
    }
}

fn status_of(summary: privreg::Summary) -> ExitStatus {
    if summary.errors > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}
