//! PRV101: a legal basis code privreg does not know.

crate::declare_rule! {
    /// A legal basis is not one of the bases of Art. 6(1) or conditions of Art. 9(2) GDPR.
    ///
    /// ## What it does
    /// Checks each `basis` against the friendly codes (`consent`, `contract`,
    /// `legal-obligation`, `vital-interests`, `public-task`, `legitimate-interests`, and the
    /// Art. 9(2) conditions such as `explicit-consent`) and the DPV ids (`A6-1-a` to
    /// `A6-1-f`, `A9-2-a` to `A9-2-j`), suggesting the nearest.
    ///
    /// ## Why is this bad?
    /// The basis code is what the policy's legal citation is generated from. A basis that
    /// does not exist, like the seed's "Art. 6 para. 1 lit. 6", is a wrong statement of law.
    ///
    /// ## Example
    /// ```yaml
    /// legal_bases:
    ///   - basis: A6-1-6
    /// ```
    /// Use instead:
    /// ```yaml
    /// legal_bases:
    ///   - basis: contract
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 6(1) points (a) to (f); Art. 9(2) points (a) to (j); Art. 13(1)(c).
    pub static LEGAL_BASIS_UNKNOWN = ("PRV101", "legal-basis-unknown", Error);
}
