//! PRV106: an Art. 9(2) condition without an Art. 6(1) basis.

crate::declare_rule! {
    /// A section relies on a condition of Art. 9(2) but has no basis of Art. 6(1).
    ///
    /// ## What it does
    /// Reports a section whose `legal_bases` hold an Art. 9(2) condition (`explicit-consent`,
    /// `A9-2-h`, ...) and no Art. 6(1) basis.
    ///
    /// ## Why is this bad?
    /// Art. 9(2) only lifts the prohibition of Art. 9(1); the processing still needs a
    /// lawful basis under Art. 6(1). The two apply cumulatively (Recital 51; CJEU C-667/21,
    /// Krankenversicherung Nordrhein, paras 78-79), so a notice citing only the Art. 9
    /// condition leaves the basis of the processing unsaid.
    ///
    /// ## Example
    /// ```yaml
    /// legal_bases:
    ///   - basis: A9-2-h
    /// ```
    /// Use instead:
    /// ```yaml
    /// legal_bases:
    ///   - basis: contract
    ///   - basis: A9-2-h
    ///     national_law: § 22 para. 1 no. 1 lit. b BDSG
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 6(1), Art. 9(1)-(2) and Recital 51.
    pub static ARTICLE_6_BASIS_MISSING = ("PRV106", "article-6-basis-missing", Error);
}
