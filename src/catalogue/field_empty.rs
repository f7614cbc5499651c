//! PRV004: a field is present but empty.

crate::declare_rule! {
    /// A field is present but has no value.
    ///
    /// ## What it does
    /// Reports a key whose value is empty: `null`, `~`, nothing, an empty string, or an
    /// empty list or mapping where the format requires content.
    ///
    /// ## Why is this bad?
    /// An empty value renders as an empty sentence ("We use the service , provided by")
    /// and usually means a fact was never filled in.
    ///
    /// ## Example
    /// ```yaml
    /// purposes: []
    /// ```
    /// Use instead:
    /// ```yaml
    /// purposes:
    ///   - communication with selected customers
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(c): the purposes of the processing must be stated.
    pub static FIELD_EMPTY = ("PRV004", "field-empty", Error);
}
