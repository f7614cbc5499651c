//! PRV301: no storage period or criteria.

crate::declare_rule! {
    /// A section says nothing about how long data is kept.
    ///
    /// ## What it does
    /// Reports a section without `retention`, or whose `retention` states no period and no
    /// criteria (only `notes`).
    ///
    /// ## Why is this bad?
    /// The controller must tell data subjects the period for which personal data will be
    /// stored or, if that is not possible, the criteria used to determine it. Two of the
    /// five sections of the hand-written seed chapter omit it.
    ///
    /// ## Example
    /// A section with no `retention:` key. Use instead:
    /// ```yaml
    /// retention:
    ///   until: the end of the contract
    ///   statutory: [§ 257 HGB, § 147 AO]
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(2)(a) and Art. 14(2)(a).
    pub static RETENTION_MISSING = ("PRV301", "retention-missing", Warning);
}
