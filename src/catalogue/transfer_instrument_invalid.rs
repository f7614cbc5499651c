//! PRV204: Privacy Shield or Safe Harbor named as a transfer mechanism.

crate::declare_rule! {
    /// A transfer relies on an instrument the Court of Justice has invalidated.
    ///
    /// ## What it does
    /// Reports `privacy-shield` and `safe-harbor` (in any spelling) in `mechanisms`, with
    /// the judgment that ended them and the current alternative.
    ///
    /// ## Why is this bad?
    /// The EU-US Privacy Shield was invalidated on 16 July 2020 (CJEU C-311/18, Schrems II)
    /// and Safe Harbour on 6 October 2015 (CJEU C-362/14, Schrems I). A transfer based on
    /// either has no legal basis, and naming them tells readers the policy is stale.
    ///
    /// ## Example
    /// ```yaml
    /// mechanisms: [privacy-shield]
    /// ```
    /// Use instead:
    /// ```yaml
    /// mechanisms: [dpf, scc]
    /// ```
    ///
    /// ## Legal source
    /// CJEU C-311/18 (16 July 2020); CJEU C-362/14 (6 October 2015); GDPR Art. 44-46.
    pub static TRANSFER_INSTRUMENT_INVALID = ("PRV204", "transfer-instrument-invalid", Error);
}
