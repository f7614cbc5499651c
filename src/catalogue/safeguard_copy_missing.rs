//! PRV210: an Art. 46 or 47 safeguard without where to obtain a copy.

crate::declare_rule! {
    /// A transfer relies on an Art. 46 or 47 safeguard but does not say how to obtain a copy.
    ///
    /// ## What it does
    /// Reports a transfer whose `mechanisms` include a safeguard (standard contractual
    /// clauses, binding corporate rules, a code of conduct, a certification, ad hoc clauses,
    /// an instrument between authorities) and that has no `copy`: an https link where the
    /// safeguard is available, or `on-request`. The policy then states it.
    ///
    /// ## Why is this bad?
    /// The notice must give "the means by which to obtain a copy of them or where they have
    /// been made available"; naming the safeguard alone is not enough.
    ///
    /// ## Example
    /// ```yaml
    /// - country: US
    ///   certainty: takes-place
    ///   mechanisms: [scc]
    /// ```
    /// Use instead:
    /// ```yaml
    /// - country: US
    ///   certainty: takes-place
    ///   mechanisms: [scc]
    ///   copy: https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(f) and Art. 14(1)(f).
    pub static SAFEGUARD_COPY_MISSING = ("PRV210", "safeguard-copy-missing", Error);
}
