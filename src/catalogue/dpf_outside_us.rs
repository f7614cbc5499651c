//! PRV202: the EU-US Data Privacy Framework claimed for a country other than the US.

crate::declare_rule! {
    /// The EU-US Data Privacy Framework is named for a transfer to a country other than the
    /// US, or for an importer that is not a US organisation.
    ///
    /// ## What it does
    /// Reports `dpf` in the `mechanisms` of a transfer whose `country` is not `US`, and of a
    /// US transfer whose importer is not established in the US: the transfer's `importer`,
    /// or, where it names none, the provider. A provider outside the US (Google Ireland
    /// Limited) needs the US importer named (`importer: { legal_name: Google LLC, country: US }`).
    ///
    /// ## Why is this bad?
    /// The DPF is the adequacy decision for the United States only (Commission Implementing
    /// Decision (EU) 2023/1795 of 10 July 2023), and it covers only the US organisations on
    /// the DPF List: a policy that calls the Irish contracting entity "certified" is wrong.
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
    /// GDPR Art. 45(3); Commission Implementing Decision (EU) 2023/1795, Art. 1.
    pub static DPF_OUTSIDE_US = ("PRV202", "dpf-outside-us", Error);
}
