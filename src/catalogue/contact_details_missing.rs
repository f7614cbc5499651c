//! PRV502: a controller or data protection officer without contact details.

crate::declare_rule! {
    /// The controller or its data protection officer is named without a way to reach them.
    ///
    /// ## What it does
    /// Reports a `controller` with none of `email`, `phone` and `web_form`, and a `dpo` with
    /// none of `email`, `phone`, `address` and `web_form`.
    ///
    /// ## Why is this bad?
    /// The law asks for contact details, not only a name: data subjects exercise their
    /// rights through them, and a postal address alone is slow for a request that has a
    /// one-month deadline.
    ///
    /// ## Example
    /// ```yaml
    /// controller: { legal_name: Example GmbH, address: "Hauptstr. 1, 10115 Berlin", country: DE }
    /// ```
    /// Use instead:
    /// ```yaml
    /// controller: { legal_name: Example GmbH, address: "Hauptstr. 1, 10115 Berlin", country: DE, email: privacy@example.com }
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(a)-(b), Art. 14(1)(a)-(b) and Art. 12(3).
    pub static CONTACT_DETAILS_MISSING = ("PRV502", "contact-details-missing", Error);
}
