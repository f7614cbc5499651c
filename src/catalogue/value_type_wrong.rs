//! PRV005: a value of the wrong YAML type.

crate::declare_rule! {
    /// A value has the wrong type: a list where a string belongs, text where a number does.
    ///
    /// ## What it does
    /// Reports the value whose type does not fit its field, naming the type found and the
    /// type expected, with the value rewritten in the shape that fits where the mistake is
    /// a common one: `retention: 14 days` for the `retention:` mapping, one value where a
    /// list belongs (or a list where one value belongs), `-item` without its space, list
    /// entries without `- `, `yes` or `no` for `true` or `false`, a quoted number, and a
    /// `: ` that made a list item a mapping.
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
