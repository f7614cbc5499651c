//! PRV304: an onward recipient named without its legal entity.

crate::declare_rule! {
    /// An onward recipient is named by its service alone, without the legal entity that
    /// receives the data.
    ///
    /// ## What it does
    /// Reports an entry of `onward_recipients` without `provider` (legal name, address,
    /// country). A warning: the register records what is known, and this is a gap to close.
    ///
    /// ## Why is this bad?
    /// The reader learns that data goes to "HubSpot", but not to which company, in which
    /// country, in which role: whether a DPA covers it and whether the data leaves the EEA
    /// cannot be checked either.
    ///
    /// ## Example
    /// ```yaml
    /// onward_recipients:
    ///   - name: HubSpot
    ///     description: our CRM system
    /// ```
    /// Use instead:
    /// ```yaml
    /// onward_recipients:
    ///   - name: HubSpot
    ///     description: our CRM system
    ///     provider: { legal_name: "...", address: "...", country: IE }
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(e) and (f).
    pub static RECIPIENT_ENTITY_MISSING = ("PRV304", "recipient-entity-missing", Warning);
}
