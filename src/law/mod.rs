//! The law as data: tables with sources, loaded once.

pub mod adequacy;
pub mod bases;
pub mod countries;
pub mod gdpr;
pub mod mechanisms;
