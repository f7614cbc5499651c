//! PRV102: Art. 6(1)(f) without the interest pursued.

crate::declare_rule! {
    /// A legal basis of legitimate interests does not name the interest pursued.
    ///
    /// ## What it does
    /// Reports every `legitimate-interests` (`A6-1-f`) basis without an `interest`, or whose
    /// `interest` only restates the basis ("our legitimate business interests").
    ///
    /// ## Why is this bad?
    /// Where processing rests on Art. 6(1)(f), the controller must tell the data subject
    /// which legitimate interests it pursues. "Our legitimate interest" alone says nothing
    /// a reader can weigh against their own interests or object to.
    ///
    /// ## Example
    /// ```yaml
    /// legal_bases:
    ///   - basis: legitimate-interests
    /// ```
    /// Use instead:
    /// ```yaml
    /// legal_bases:
    ///   - basis: legitimate-interests
    ///     interest: effective external representation and contact management
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(d) and Art. 14(2)(b).
    pub static LEGITIMATE_INTEREST_MISSING = ("PRV102", "legitimate-interest-missing", Error);
}
