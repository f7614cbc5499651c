//! PRV005: a value of the wrong YAML type.

crate::declare_rule! {
    /// A value has the wrong type: a list where a string belongs, text where a number does.
    ///
    /// ## What it does
    /// Reports the value whose type does not fit its field, naming the type found and the
    /// type expected.
    ///
    /// ## Why is this bad?
    /// privreg cannot guess what a value of the wrong shape means; `order: first` gives no
    /// section number.
    ///
    /// ## Example
    /// ```yaml
    /// order: first
    /// ```
    /// Use instead:
    /// ```yaml
    /// order: 1
    /// ```
    ///
    /// ## Legal source
    /// None: a structural rule.
    pub static VALUE_TYPE_WRONG = ("PRV005", "value-type-wrong", Error);
}
