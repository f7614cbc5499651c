//! PRV301: no storage period or criteria.

crate::declare_rule! {
    /// A section says nothing about how long data is kept.
    ///
    /// ## What it does
    /// Reports a section without `retention`, or whose `retention` has neither `period`
    /// nor `criteria`.
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
    ///   period: as long as necessary to fulfil the purposes described above
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(2)(a) and Art. 14(2)(a).
    pub static RETENTION_MISSING = ("PRV301", "retention-missing", Warning);
}
