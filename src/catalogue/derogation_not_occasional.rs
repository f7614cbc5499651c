//! PRV212: a transfer that rests on Art. 49 derogations alone and is not occasional.

crate::declare_rule! {
    /// A transfer rests on Art. 49 derogations alone but is not declared occasional.
    ///
    /// ## What it does
    /// Reports a transfer whose `mechanisms` are all Art. 49 derogations (`derogation-*`)
    /// unless it says `occasional: true`. A processor's regular transfers need an adequacy
    /// decision (Art. 45) or appropriate safeguards (Art. 46 or 47).
    ///
    /// ## Why is this bad?
    /// Derogations are exceptions for specific situations and are read restrictively: a
    /// regular, repetitive transfer (as to a service provider used every day) cannot rest on
    /// them.
    ///
    /// ## Example
    /// ```yaml
    /// - country: AU
    ///   certainty: takes-place
    ///   mechanisms: [derogation-contract]
    /// ```
    /// Use instead: a safeguard for regular transfers, or, for a genuinely occasional one:
    /// ```yaml
    /// - country: AU
    ///   certainty: takes-place
    ///   mechanisms: [derogation-contract]
    ///   occasional: true
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 49(1) and Recital 111 ("occasional"); EDPB Guidelines 2/2018 on
    /// derogations of Article 49 under Regulation 2016/679.
    pub static DEROGATION_NOT_OCCASIONAL = ("PRV212", "derogation-not-occasional", Error);
}
