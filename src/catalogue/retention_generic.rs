//! PRV305: a retention statement that says only "as long as necessary".

crate::declare_rule! {
    /// The retention period is given only as "as long as necessary".
    ///
    /// ## What it does
    /// Reports a `retention` whose `period` or `criteria` is generic wording ("as long as
    /// necessary", "no longer than required") and that gives no `duration`, `until`,
    /// `statutory` periods or other criteria beside it. A warning: whether words of your
    /// own are specific enough is for a lawyer; these ones are known not to be.
    ///
    /// ## Why is this bad?
    /// The Article 29 Working Party's transparency guidelines, endorsed by the EDPB, say it
    /// is not sufficient to state generically that data will be kept as long as necessary
    /// for the legitimate purposes of the processing: the period, or the criteria, must let
    /// data subjects assess how long their data will be kept.
    ///
    /// ## Example
    /// ```yaml
    /// retention:
    ///   period: as long as necessary to fulfil the purposes described above
    /// ```
    /// Use instead:
    /// ```yaml
    /// retention:
    ///   until: the end of the contract
    ///   statutory: [§ 257 HGB, § 147 AO]
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(2)(a), Art. 5(1)(e); WP260 rev.01 (Guidelines on transparency), Annex,
    /// on Art. 13(2)(a).
    pub static RETENTION_GENERIC = ("PRV305", "retention-generic", Warning);
}
