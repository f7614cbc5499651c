//! Integration tests: the real binary on fixture projects. One test binary, many modules,
//! because each `tests/*.rs` file links separately and linking dominates CI on two cores.

mod support;

mod artefacts;
mod broken;
mod build;
mod check;
mod diff;
mod discovery;
mod files;
mod formats;
mod help;
mod jsonld;
mod languages;
mod lint;
mod lsp;
mod project_tools;
mod record;
mod rule_config;
mod subprocessors;
mod watch;
