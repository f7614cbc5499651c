//! PRV206: a transfer mechanism code privreg does not know.

crate::declare_rule! {
    /// A transfer mechanism is not one privreg knows.
    ///
    /// ## What it does
    /// Checks each entry of `mechanisms` against the known codes (`adequacy`, `dpf`, `scc`,
    /// `bcr`, `code-of-conduct`, `certification`, `derogation-*`, ...) and DPV ids
    /// (`A45-3`, `A46-2-c`, ...), suggesting the nearest. Invalidated instruments have
    /// their own rule, PRV204.
    ///
    /// ## Why is this bad?
    /// The mechanism code is what the policy's sentence and citation on the transfer are
    /// generated from; an unknown code cannot be rendered.
    ///
    /// ## Example
    /// ```yaml
    /// mechanisms: [standard-clauses]
    /// ```
    /// Use instead:
    /// ```yaml
    /// mechanisms: [scc]
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 45, 46 and 49 list the transfer tools.
    pub static TRANSFER_MECHANISM_UNKNOWN = ("PRV206", "transfer-mechanism-unknown", Error);
}
