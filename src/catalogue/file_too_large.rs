//! PRV011: a register file over the size limit.

crate::declare_rule! {
    /// A register or configuration file is larger than 1 MiB.
    ///
    /// ## What it does
    /// Rejects the file unread when it exceeds `MAX_FILE_BYTES` (1 MiB).
    ///
    /// ## Why is this bad?
    /// A policy section is a few kilobytes. A megabyte is a mistake (a generated dump, a
    /// binary renamed `.yaml`) or an attempt to exhaust the checker in CI.
    ///
    /// ## Example
    /// A 5 MB `registers/export.yaml`. Split it into one file per policy section.
    ///
    /// ## Legal source
    /// None: a resource limit.
    pub static FILE_TOO_LARGE = ("PRV011", "file-too-large", Error);
}
