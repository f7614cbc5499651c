//! PRV008: two sections with the same order number.

crate::declare_rule! {
    /// Two sections have the same `order`, so both would be numbered e.g. 10.2.
    ///
    /// ## What it does
    /// Reports every section whose `order` an earlier file already uses.
    ///
    /// ## Why is this bad?
    /// Section numbers are how readers and other chapters refer to a section ("see 10.2").
    /// Two sections numbered alike make such references ambiguous.
    ///
    /// ## Example
    /// `registers/hihello.yaml` and `registers/sipgate.yaml` both with `order: 2`.
    /// Number the sections 1, 2, 3, ...
    ///
    /// ## Legal source
    /// None: a structural rule.
    pub static ORDER_DUPLICATE = ("PRV008", "order-duplicate", Error);
}
