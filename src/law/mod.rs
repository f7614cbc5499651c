//! The law as data: tables with sources, loaded once.

pub mod adequacy;
pub mod bases;
pub mod countries;
pub mod device;
pub mod gdpr;
pub mod laws;
pub mod mechanisms;
pub(crate) mod names;
mod provision;

pub use provision::Provision;

/// Where `shared/` (reference data, seed) sits relative to the crate root, for tests.
pub const SHARED_DIR: &str = "../shared";
