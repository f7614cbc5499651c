//! PRV023: two languages of one field state different numbers, addresses or links.

crate::declare_rule! {
    /// Two languages of one text state different numbers, URLs or email addresses.
    ///
    /// ## What it does
    /// Compares the texts of each field given by language: the numbers (digit runs, so a
    /// date's day and year too), the URLs and the email addresses each states must be the
    /// same in every language. The order may differ; words may not matter.
    ///
    /// ## Why is this bad?
    /// Both versions are the policy. "14 days" in English and "30 Tage" in German tell
    /// two readers two different retention periods, and only one can be true.
    ///
    /// ## Example
    /// ```yaml
    /// period:
    ///   de: 30 Tage nach Vertragsende
    ///   en: 14 days after the end of the contract
    /// ```
    /// Use instead: the same period in both.
    ///
    /// ## Legal source
    /// GDPR Art. 5(1)(a) (transparency), Art. 12(1).
    pub static TRANSLATION_MISMATCH = ("PRV023", "translation-mismatch", Warning);
}
