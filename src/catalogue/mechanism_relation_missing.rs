//! PRV209: several transfer mechanisms with no word on how they relate.

crate::declare_rule! {
    /// A transfer names several mechanisms but not whether they are a fallback or
    /// alternatives.
    ///
    /// ## What it does
    /// Reports a transfer with two or more `mechanisms` and no `relation`. privreg always
    /// states mechanisms in their legal order (Art. 45 adequacy, then Art. 46 and 47
    /// safeguards, then Art. 49 derogations); `relation` says what the later ones are:
    /// `fallback` (they apply only where the earlier ones do not, e.g. SCCs should the DPF
    /// cease to apply) or `alternatives` (either applies, e.g. for different importers).
    ///
    /// ## Why is this bad?
    /// "SCCs and the DPF" says neither; a template guessing "and, where applicable" turns
    /// the order of Chapter V upside down. The register must say it, never the template.
    ///
    /// ## Example
    /// ```yaml
    /// mechanisms: [scc, dpf]
    /// ```
    /// Use instead:
    /// ```yaml
    /// mechanisms: [dpf, scc]
    /// relation: fallback
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(f) (the mechanism must be stated), Art. 46(1) ("in the absence of a
    /// decision pursuant to Article 45(3)") and Art. 49(1) (derogations only in the absence
    /// of both).
    pub static MECHANISM_RELATION_MISSING = ("PRV209", "mechanism-relation-missing", Error);
}
