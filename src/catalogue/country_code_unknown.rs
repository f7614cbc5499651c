//! PRV010: a country that is not an ISO 3166-1 alpha-2 code.

crate::declare_rule! {
    /// A `country` is not an ISO 3166-1 alpha-2 code.
    ///
    /// ## What it does
    /// Checks every `country` (providers, transfers, the controller) against the ISO
    /// 3166-1 alpha-2 list, suggesting the code for common mistakes (`UK` is `GB`, `EL` is
    /// `GR`, `USA` is `US`).
    ///
    /// ## Why is this bad?
    /// The country decides whether a transfer to a third country takes place (Chapter V
    /// GDPR) and whether an adequacy decision covers it. An unknown code cannot be judged.
    ///
    /// ## Example
    /// ```yaml
    /// country: UK
    /// ```
    /// Use instead:
    /// ```yaml
    /// country: GB
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(f) and Art. 44: transfers to third countries must be identified.
    pub static COUNTRY_CODE_UNKNOWN = ("PRV010", "country-code-unknown", Error);
}
