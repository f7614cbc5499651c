//! PRV105: a purpose no legal basis covers.

crate::declare_rule! {
    /// A purpose of the section or of one of its services is covered by no legal basis.
    ///
    /// ## What it does
    /// A basis covers the purposes it names in `purposes`; a basis that names neither
    /// `purposes` nor `data_categories` covers all of the section's own purposes. A
    /// service's own `purposes` (a processor's or a joint controller's) must be named by a
    /// basis. An independent controller's purposes are its own, and are not checked.
    ///
    /// ## Why is this bad?
    /// The notice must give the purposes and the legal basis for the processing, for each
    /// purpose. A purpose listed beside a basis written for another purpose (an analytics
    /// tool's "improving the user experience" under a security-only interest) tells the
    /// reader nothing about why that processing is lawful.
    ///
    /// ## Example
    /// ```yaml
    /// legal_bases:
    ///   - basis: legitimate-interests
    ///     interest: the security of our dashboard
    ///     purposes: [detecting security incidents]
    /// processors:
    ///   - service: PostHog
    ///     purposes: [improving the user experience]
    /// ```
    /// Use instead: add a basis that names `improving the user experience`.
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(c), Art. 14(1)(c) and Art. 5(1)(a)-(b).
    pub static PURPOSE_BASIS_MISSING = ("PRV105", "purpose-basis-missing", Error);
}
