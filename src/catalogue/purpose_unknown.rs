//! PRV104: a reference to a purpose the section does not have.

crate::declare_rule! {
    /// A basis's `purposes` or the section's `direct_marketing` names a purpose that is not
    /// among the section's or its services' `purposes`.
    ///
    /// ## What it does
    /// Compares each entry, character for character, with the purposes of the section and
    /// of its services, and suggests the closest one.
    ///
    /// ## Why is this bad?
    /// The reference is how privreg knows which basis covers which purpose, and which
    /// purpose is direct marketing. A misspelt one leaves a purpose without its basis, or
    /// the unconditional right to object unsaid.
    ///
    /// ## Example
    /// ```yaml
    /// purposes: [sending our newsletter]
    /// direct_marketing: [sending the newsletter]
    /// ```
    /// Use instead:
    /// ```yaml
    /// purposes: [sending our newsletter]
    /// direct_marketing: [sending our newsletter]
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(c) and Art. 21(2)-(4).
    pub static PURPOSE_UNKNOWN = ("PRV104", "purpose-unknown", Error);
}
