//! Failures that stop the program (exit status 2). Problems in user content are
//! diagnostics, never these.

use std::path::PathBuf;

/// A failure that prevents privreg from doing its job.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// What was being read.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// Output could not be written.
    #[error("cannot write {}", path.display())]
    Write {
        /// What was being written.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// A template failed to compile or render.
    #[error("template error: {0}")]
    Template(String),
    /// The command line named something that does not exist.
    #[error("{0}")]
    Usage(String),
    /// `SOURCE_DATE_EPOCH` is set to something other than a count of seconds.
    #[error(
        "SOURCE_DATE_EPOCH `{0}` is not a time: expected whole seconds since 1970-01-01 00:00:00 UTC, as `date +%s` prints"
    )]
    SourceDateEpoch(String),
}
