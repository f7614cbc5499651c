//! Emitters: one per output format, each presenting the same diagnostics.

use crate::diagnostic::{Diagnostic, Summary};

pub mod human;
pub mod json;

/// An output format for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style messages with source snippets.
    Human,
    /// The stable JSON document described in docs/output.md.
    Json,
}

/// Renders diagnostics (already sorted) in `format`; `styled` adds terminal colours.
pub fn render(format: Format, diagnostics: &[Diagnostic], styled: bool) -> String {
    let summary = Summary::of(diagnostics);
    match format {
        Format::Human => human::render(diagnostics, summary, styled),
        Format::Json => json::render(diagnostics, summary),
    }
}
