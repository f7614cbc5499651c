//! PRV504: a public authority relies on legitimate interests.

crate::declare_rule! {
    /// A public authority states legitimate interests as a legal basis.
    ///
    /// ## What it does
    /// Reports every `legitimate-interests` basis (Art. 6(1)(f)) when `controller` in
    /// `privreg.yaml` has `public_authority: true`. Processing outside the performance of
    /// the authority's tasks may still rest on it: suppress the finding with that reason.
    ///
    /// ## Why is this bad?
    /// Point (f) of Art. 6(1) does not apply to processing carried out by public
    /// authorities in the performance of their tasks; the legislator provides their legal
    /// basis by law, so the policy would cite a basis that cannot carry the processing.
    ///
    /// ## Example
    /// ```yaml
    /// legal_bases:
    ///   - basis: legitimate-interests
    ///     interest: answering citizens' enquiries
    /// ```
    /// Use instead:
    /// ```yaml
    /// legal_bases:
    ///   - basis: public-task
    ///     scope: answering citizens' enquiries under § 3 of the municipal code
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 6(1), second subparagraph; Recital 47.
    pub static INTERESTS_PUBLIC_AUTHORITY = ("PRV504", "interests-public-authority", Error);
}
