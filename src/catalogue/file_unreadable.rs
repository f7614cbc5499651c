//! PRV018: a project file that is no regular file privreg can read.

crate::declare_rule! {
    /// A register, `privreg.yaml` or template is not a regular file privreg can read.
    ///
    /// ## What it does
    /// Reports each entry of the registers directory named `*.yaml` or `*.yml`, each entry
    /// of `templates/` and a `privreg.yaml` that is a symbolic link to a missing file, a
    /// symbolic link that loops, a FIFO, a socket or a device; and a project's `templates`
    /// that is no directory (a file, a FIFO, a broken or looping link). privreg never opens
    /// such a file: a FIFO would block the run and a device would never end.
    ///
    /// ## Why is this bad?
    /// Skipping it silently would drop a section from the published policy, or fall back
    /// to the embedded template, with nothing to say why.
    ///
    /// ## Example
    /// `registers/10-6-crm.yaml` links to `../shared/crm.yaml`, which was moved.
    /// Use instead: point the link at the file's new place, or delete the link.
    ///
    /// ## Legal source
    /// None: a property of the files, not of the register.
    pub static FILE_UNREADABLE = ("PRV018", "file-unreadable", Error);
}
