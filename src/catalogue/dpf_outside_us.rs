//! PRV202: the EU-US Data Privacy Framework claimed for a country other than the US.

crate::declare_rule! {
    /// The EU-US Data Privacy Framework is named for a transfer to a country other than the US.
    ///
    /// ## What it does
    /// Reports `dpf` in the `mechanisms` of a transfer whose `country` is not `US`.
    ///
    /// ## Why is this bad?
    /// The DPF is the adequacy decision for the United States only (Commission Implementing
    /// Decision (EU) 2023/1795 of 10 July 2023); it covers no transfer to any other country.
    ///
    /// ## Example
    /// ```yaml
    /// - country: IN
    ///   mechanisms: [dpf]
    /// ```
    /// Use instead:
    /// ```yaml
    /// - country: IN
    ///   mechanisms: [scc]
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 45(3); Commission Implementing Decision (EU) 2023/1795.
    pub static DPF_OUTSIDE_US = ("PRV202", "dpf-outside-us", Error);
}
