//! PRV405: a citation that names no law (off by default).

crate::declare_rule! {
    /// A citation names no law, so the GDPR is only implied, or the law is unknown.
    ///
    /// ## What it does
    /// Reports citations such as "Art. 6(1)(f)" that name no law. With `implied_gdpr`
    /// (the default) they are checked as GDPR citations where the document's context says
    /// so: their sentence names the GDPR and no other law, or the document names the GDPR
    /// and their sentence names no law. Elsewhere their law is unknown and they are never
    /// checked. Either way this rule asks for the law's name. Off by default.
    ///
    /// ## Why is this bad?
    /// A policy that also cites national law (BDSG, TDDDG) or the ePrivacy Directive is
    /// ambiguous when an article number stands alone.
    ///
    /// ## Example
    /// ```text
    /// We rely on Art. 6(1)(f).
    /// ```
    /// Use instead:
    /// ```text
    /// We rely on Art. 6(1)(f) GDPR.
    /// ```
    ///
    /// ## Legal source
    /// Art. 12(1) GDPR: information must be concise, transparent, intelligible and easily
    /// accessible, using clear and plain language.
    pub static CITATION_LAW_MISSING = ("PRV405", "citation-law-missing", Off);
}
