//! PRV003: a required field is absent.

crate::declare_rule! {
    /// A required field is absent.
    ///
    /// ## What it does
    /// Reports a mapping that lacks a field the format requires (a section without `id`,
    /// a provider without `country`, a retention statement with neither `period` nor
    /// `criteria`), at the start of that mapping.
    ///
    /// ## Why is this bad?
    /// The required fields carry the facts that Art. 13 GDPR requires a policy to state:
    /// who receives the data, for which purposes, on which legal basis.
    ///
    /// ## Example
    /// ```yaml
    /// provider:
    ///   legal_name: HiHello, Inc.
    ///   address: 927 Industrial Avenue, Palo Alto, California 94303
    /// ```
    /// Use instead:
    /// ```yaml
    /// provider:
    ///   legal_name: HiHello, Inc.
    ///   address: 927 Industrial Avenue, Palo Alto, California 94303
    ///   country: US
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(c) and (e): purposes, legal basis and recipients must be stated.
    pub static FIELD_MISSING = ("PRV003", "field-missing", Error);
}
