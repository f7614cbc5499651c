//! PRV207: the Data Privacy Framework claimed without the importer's DPF List entry.

crate::declare_rule! {
    /// A transfer relies on the EU-US Data Privacy Framework but names no DPF List entry.
    ///
    /// ## What it does
    /// Reports `dpf` in `mechanisms` when the transfer has no `dpf_participant`: the link to
    /// the importer's entry in the Department of Commerce's Data Privacy Framework List.
    ///
    /// ## Why is this bad?
    /// The US adequacy decision covers only organisations on the DPF List. Without the
    /// entry, nobody reviewing the register (or reading the policy) can verify that the
    /// importer is certified, or notice when its certification lapses.
    ///
    /// ## Example
    /// ```yaml
    /// - country: US
    ///   certainty: takes-place
    ///   mechanisms: [dpf]
    /// ```
    /// Use instead:
    /// ```yaml
    /// - country: US
    ///   certainty: takes-place
    ///   mechanisms: [dpf]
    ///   dpf_participant: https://www.dataprivacyframework.gov/participant/5780
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 45(3) with Commission Implementing Decision (EU) 2023/1795, Art. 1 (the
    /// decision covers organisations included in the DPF List).
    pub static DPF_PARTICIPANT_MISSING = ("PRV207", "dpf-participant-missing", Warning);
}
