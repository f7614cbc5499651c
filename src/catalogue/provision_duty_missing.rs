//! PRV601: whether the data must be provided, and the consequences, are not stated.

crate::declare_rule! {
    /// A section does not say whether the data subject must provide the data, or what
    /// happens if they do not.
    ///
    /// ## What it does
    /// Reports a section without `provision` whose data is collected from the data subject
    /// (it lists no `sources`), and a `provision` that is not `voluntary` but names no
    /// `consequences`. A warning: the policy may say it elsewhere, once for all sections.
    ///
    /// ## Why is this bad?
    /// The data subject must learn whether providing the data is a statutory or contractual
    /// requirement or needed to enter into a contract, whether they are obliged to provide
    /// it, and the possible consequences of not providing it.
    ///
    /// ## Example
    /// A section with no `provision:` key. Use instead:
    /// ```yaml
    /// provision:
    ///   requirement: contract-prerequisite
    ///   consequences: we cannot deliver your order
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(2)(e).
    pub static PROVISION_DUTY_MISSING = ("PRV601", "provision-duty-missing", Warning);
}
