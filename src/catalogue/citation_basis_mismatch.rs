//! PRV402: the words next to an Art. 6(1) citation name a different legal basis.

crate::declare_rule! {
    /// The words next to an Art. 6(1) citation name a different legal basis.
    ///
    /// ## What it does
    /// Looks at the words that attach to a citation of Art. 6(1) GDPR: the basis named
    /// right before it ("your consent pursuant to ...") or in a parenthesis right after it
    /// ("... (legitimate interest)"). When those words name a basis and the citation cites
    /// a different point, it warns. Words separated from the citation by "or", "and",
    /// "but", a negation or a parenthesis are not taken as attached, so a sentence that
    /// names two bases for two citations is not flagged.
    ///
    /// ## Why is this bad?
    /// The legal basis decides the data subject's rights: consent can be withdrawn
    /// (Art. 7(3)), legitimate interests can be objected to (Art. 21(1)). A notice that
    /// says "consent" but cites point (f) leaves the reader unsure which rights they have.
    ///
    /// ## Example
    /// ```text
    /// We process your data with your consent pursuant to Art. 6 para. 1 lit. f GDPR.
    /// ```
    /// Use instead:
    /// ```text
    /// We process your data with your consent pursuant to Art. 6 para. 1 lit. a GDPR.
    /// ```
    ///
    /// ## Legal source
    /// Art. 6(1)(a)-(f) GDPR (the six bases); Art. 13(1)(c) and (d) GDPR (state the basis
    /// and, for point (f), the interests pursued).
    pub static CITATION_BASIS_MISMATCH = ("PRV402", "citation-basis-mismatch", Warning);
}
