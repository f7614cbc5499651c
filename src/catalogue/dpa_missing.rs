//! PRV302: a processor without a data processing agreement.

crate::declare_rule! {
    /// A processor has no data processing agreement.
    ///
    /// ## What it does
    /// Reports a processor without `dpa`, or with `dpa: { concluded: false }`.
    ///
    /// ## Why is this bad?
    /// Processing by a processor must be governed by a contract that binds it to the
    /// controller's instructions and to the duties of Art. 28(3) GDPR. A processor without
    /// one processes unlawfully, and the policy's statement that one exists would be false.
    ///
    /// ## Example
    /// A processor with no `dpa:` key. Use instead:
    /// ```yaml
    /// dpa:
    ///   concluded: true
    ///   counterparty: Slack Technologies Limited
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 28(3).
    pub static DPA_MISSING = ("PRV302", "dpa-missing", Error);
}
