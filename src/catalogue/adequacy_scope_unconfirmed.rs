//! PRV208: a partial adequacy decision relied on without saying the importer falls under it.

crate::declare_rule! {
    /// A transfer relies on a partial adequacy decision but does not confirm that the
    /// importer falls under its scope.
    ///
    /// ## What it does
    /// Reports `adequacy` for a country whose decision covers only part of its recipients
    /// (Canada: commercial organisations subject to PIPEDA; Japan: operators subject to the
    /// APPI; Korea: recipients subject to PIPA; Brazil: recipients subject to the LGPD) when
    /// the transfer lacks `in_scope: true`. With it, the policy states that the importer
    /// falls under the decision.
    ///
    /// ## Why is this bad?
    /// Outside its scope the decision does not apply, and the transfer needs a safeguard
    /// under Art. 46 GDPR instead. Only the controller can know where the importer stands.
    ///
    /// ## Example
    /// ```yaml
    /// - country: JP
    ///   certainty: takes-place
    ///   mechanisms: [adequacy]
    /// ```
    /// Use instead:
    /// ```yaml
    /// - country: JP
    ///   certainty: takes-place
    ///   mechanisms: [adequacy]
    ///   in_scope: true
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 45(3) and (9) with the decisions' scopes: Decision 2002/2/EC (Canada),
    /// Implementing Decisions (EU) 2019/419 (Japan), 2022/254 (Korea), 2026/179 (Brazil).
    pub static ADEQUACY_SCOPE_UNCONFIRMED = ("PRV208", "adequacy-scope-unconfirmed", Warning);
}
