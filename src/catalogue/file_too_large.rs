//! PRV011: a file over its size limit.

crate::declare_rule! {
    /// A file is over its size limit: 1 MiB for registers, `privreg.yaml` and templates.
    ///
    /// ## What it does
    /// Rejects the file unread when it exceeds its limit: `MAX_FILE_BYTES` (1 MiB) for a
    /// register, `privreg.yaml` or a project template, `MAX_LINT_BYTES` (1 GiB) for a file
    /// given to `privreg lint` or `privreg citations`. The size is taken from the file's
    /// metadata before it is read, and no read goes past the limit, even where the
    /// metadata tells none (`/proc`). Only the first line is shown, to say which file it is.
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
