//! PRV604: an age of digital consent the GDPR does not allow.

crate::declare_rule! {
    /// `child_consent_age` in privreg.yaml is outside 13 to 16.
    ///
    /// ## What it does
    /// Reports a `child_consent_age` below 13 or above 16.
    ///
    /// ## Why is this bad?
    /// Below 16, a child's consent to an information society service offered directly to
    /// them is lawful only if given or authorised by the holder of parental responsibility.
    /// Member States may provide for a lower age, but not below 13; the policy would state
    /// an age that no law sets.
    ///
    /// ## Example
    /// ```yaml
    /// child_consent_age: 12
    /// ```
    /// Use instead: the age your Member State sets, e.g. `child_consent_age: 16` in
    /// Germany.
    ///
    /// ## Legal source
    /// GDPR Art. 8(1).
    pub static CHILD_CONSENT_AGE_INVALID = ("PRV604", "child-consent-age-invalid", Error);
}
