//! PRV205: a provider outside the EEA with no transfer declared.

crate::declare_rule! {
    /// A processor's provider sits outside the EEA but no transfer is declared.
    ///
    /// ## What it does
    /// Reports a processor whose `provider.country` is a third country while its
    /// `transfers` name no transfer to that country. The outermost regions (GF, GP, MQ, RE,
    /// YT, MF, IC) and Åland (AX), Ceuta and Melilla (EA) are part of the EU, not third
    /// countries; the overseas countries and territories of Annex II TFEU are not
    /// (`src/law/eu-territory.tsv` cites the Treaty for each).
    ///
    /// ## Why is this bad?
    /// Using a provider established in a third country almost always means personal data
    /// goes there. The policy must say so and name the mechanism, or the register must
    /// show why not.
    ///
    /// ## Example
    /// ```yaml
    /// provider: { legal_name: "HiHello, Inc.", address: "...", country: US }
    /// ```
    /// Use instead: add
    /// ```yaml
    /// transfers:
    ///   - country: US
    ///     certainty: cannot-be-excluded
    ///     mechanisms: [dpf, scc]
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(f) and Art. 44.
    pub static TRANSFER_UNDECLARED = ("PRV205", "transfer-undeclared", Error);
}
