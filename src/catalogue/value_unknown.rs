//! PRV013: a value outside the set a field accepts.

crate::declare_rule! {
    /// A field that takes one of a fixed set of values has another.
    ///
    /// ## What it does
    /// Checks `processed_by` (`processors`, `controller`, `both`), a transfer's
    /// `certainty` (`takes-place`, `cannot-be-excluded`, `possible`) and the codes in
    /// `special_categories` (Art. 9(1) GDPR), suggesting the nearest accepted value.
    ///
    /// ## Why is this bad?
    /// These values choose the sentences of the policy; a value privreg does not know
    /// cannot be rendered faithfully.
    ///
    /// ## Example
    /// ```yaml
    /// certainty: maybe
    /// ```
    /// Use instead:
    /// ```yaml
    /// certainty: cannot-be-excluded
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 9(1) lists the special categories of personal data.
    pub static VALUE_UNKNOWN = ("PRV013", "value-unknown", Error);
}
