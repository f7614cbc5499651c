//! PRV103: special-category data without an Art. 9(2) condition.

crate::declare_rule! {
    /// A section processes special categories of data but names no Art. 9(2) condition.
    ///
    /// ## What it does
    /// Reports a section with `special_categories` whose `legal_bases` hold no condition
    /// of Art. 9(2) GDPR (`explicit-consent`, `health-care`, ... or `A9-2-a`..`A9-2-j`).
    ///
    /// ## Why is this bad?
    /// Processing of health, biometric or other special-category data is prohibited by
    /// Art. 9(1) GDPR unless one of the conditions of Art. 9(2) applies; an Art. 6 basis
    /// alone does not lift the prohibition.
    ///
    /// ## Example
    /// ```yaml
    /// special_categories: [health]
    /// legal_bases:
    ///   - basis: consent
    /// ```
    /// Use instead:
    /// ```yaml
    /// special_categories: [health]
    /// legal_bases:
    ///   - basis: consent
    ///   - basis: explicit-consent
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 9(1) and 9(2).
    pub static SPECIAL_CATEGORY_CONDITION_MISSING = ("PRV103", "special-category-condition-missing", Error);
}
