//! PRV002: a key that the register format does not have.

crate::declare_rule! {
    /// A mapping has a key that the register format does not define.
    ///
    /// ## What it does
    /// Reports every key that is not a field of the mapping it is in, with the closest
    /// known field as a suggestion ("did you mean `retention`?"). A field written one level
    /// too high (`transfers`, `provider`, `dpa` or `service` of a processor at the level of
    /// the section) gets the shape it belongs in.
    ///
    /// ## Why is this bad?
    /// A misspelt key is a fact that silently disappears: `retension:` would leave the
    /// section without a retention statement while its author believes it has one.
    ///
    /// ## Example
    /// ```yaml
    /// retension:
    ///   period: as long as necessary to fulfil the purposes described above
    /// ```
    /// Use instead:
    /// ```yaml
    /// retention:
    ///   period: as long as necessary to fulfil the purposes described above
    /// ```
    ///
    /// ## Legal source
    /// None: a structural rule. See `docs/reference.md` for every field.
    pub static FIELD_UNKNOWN = ("PRV002", "field-unknown", Error);
}
