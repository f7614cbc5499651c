//! PRV201: a third-country transfer without a transfer tool.

crate::declare_rule! {
    /// A transfer to a third country names no transfer mechanism.
    ///
    /// ## What it does
    /// Reports a `transfers` entry to a country outside the EEA whose `mechanisms` list is
    /// absent or empty.
    ///
    /// ## Why is this bad?
    /// A transfer to a third country is lawful only under Chapter V: an adequacy decision,
    /// appropriate safeguards such as the SCCs, or a derogation. The policy must say which,
    /// and how to obtain a copy of the safeguards.
    ///
    /// ## Example
    /// ```yaml
    /// transfers:
    ///   - country: US
    ///     certainty: cannot-be-excluded
    /// ```
    /// Use instead:
    /// ```yaml
    /// transfers:
    ///   - country: US
    ///     certainty: cannot-be-excluded
    ///     mechanisms: [scc, dpf]
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 44 (general principle for transfers) and Art. 13(1)(f).
    pub static TRANSFER_MECHANISM_MISSING = ("PRV201", "transfer-mechanism-missing", Error);
}
