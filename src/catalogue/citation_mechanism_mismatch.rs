//! PRV406: a transfer mechanism cited under an article of Chapter V that is not its own.

crate::declare_rule! {
    /// A transfer mechanism is cited under the wrong article of Chapter V GDPR.
    ///
    /// ## What it does
    /// Looks at a transfer mechanism named right before a GDPR citation ("SCC gemäß Art. 45
    /// DSGVO") or in a parenthesis right after it, in any supported language: standard
    /// contractual clauses belong to Art. 46(2)(c) (or Art. 28(7) between controller and
    /// processor), binding corporate rules to Art. 47 and Art. 46(2)(b), an adequacy
    /// decision or the EU-US Data Privacy Framework to Art. 45, derogations to Art. 49. It
    /// warns when the citation is to another article of Chapter V (Art. 44 to 49). Only
    /// complete citations of the GDPR are looked at.
    ///
    /// ## Why is this bad?
    /// The mechanism decides what the data subject can obtain: a copy of the safeguards
    /// (Art. 13(1)(f) GDPR) exists for Art. 46 and 47, not for an adequacy decision. A
    /// notice that names one mechanism and cites another misinforms about both.
    ///
    /// ## Example
    /// ```text
    /// Die Übermittlung erfolgt auf Grundlage von Standardvertragsklauseln gemäß Art. 45 DSGVO.
    /// ```
    /// Use instead:
    /// ```text
    /// Die Übermittlung erfolgt auf Grundlage von Standardvertragsklauseln gemäß Art. 46 Abs. 2 lit. c DSGVO.
    /// ```
    ///
    /// ## Legal source
    /// Art. 45 (adequacy decisions), Art. 46(2)(b) and (c) (binding corporate rules,
    /// standard data protection clauses), Art. 47 (binding corporate rules), Art. 49
    /// (derogations) GDPR; Art. 28(7) GDPR (clauses between controller and processor).
    pub static CITATION_MECHANISM_MISMATCH = ("PRV406", "citation-mechanism-mismatch", Warning);
}
