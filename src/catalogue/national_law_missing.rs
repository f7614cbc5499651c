//! PRV107: an Art. 9(2) condition that rests on national law, without that law.

crate::declare_rule! {
    /// A condition of Art. 9(2)(b) or (g)-(j) is cited without the law it rests on.
    ///
    /// ## What it does
    /// Reports such a basis without `national_law`. A warning: where Union law provides the
    /// condition, or the point needs no law of its own in the case at hand, the register
    /// may rightly be silent.
    ///
    /// ## Why is this bad?
    /// These points apply only as authorised by Union or Member State law ("on the basis of
    /// Union or Member State law", Art. 9(2)(g)-(j); "authorised by ... law or a collective
    /// agreement", Art. 9(2)(b)). A reader cannot check the condition without the law, and
    /// in Germany it is usually § 22 BDSG.
    ///
    /// ## Example
    /// ```yaml
    /// - basis: A9-2-h
    /// ```
    /// Use instead:
    /// ```yaml
    /// - basis: A9-2-h
    ///   national_law: § 22 para. 1 no. 1 lit. b BDSG
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 9(2)(b), (g), (h), (i), (j) and Art. 9(3)-(4).
    pub static NATIONAL_LAW_MISSING = ("PRV107", "national-law-missing", Warning);
}
