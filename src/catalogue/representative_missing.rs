//! PRV503: a controller outside the EEA without a representative in the Union.

crate::declare_rule! {
    /// The controller is established outside the EEA and names no representative in the Union.
    ///
    /// ## What it does
    /// Reports a `controller` whose `country` is outside the EEA and that has no
    /// `representative`. A warning: Art. 27(2) exempts occasional, low-risk processing and
    /// public authorities, which privreg cannot judge.
    ///
    /// ## Why is this bad?
    /// A controller outside the Union that offers goods or services to, or monitors, people
    /// in the Union must designate a representative there in writing, and the notice must
    /// give the representative's identity and contact details.
    ///
    /// ## Example
    /// ```yaml
    /// controller: { legal_name: Example Inc., address: "1 Market St, San Francisco", country: US, email: privacy@example.com }
    /// ```
    /// Use instead:
    /// ```yaml
    /// controller:
    ///   legal_name: Example Inc.
    ///   address: 1 Market St, San Francisco
    ///   country: US
    ///   email: privacy@example.com
    ///   representative: { legal_name: EU Rep Ltd, address: "1 Main Street, Dublin 2", country: IE, email: rep@example.ie }
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 27(1)-(2), Art. 13(1)(a) and Art. 14(1)(a).
    pub static REPRESENTATIVE_MISSING = ("PRV503", "representative-missing", Warning);
}
