//! PRV006: the same key twice in one mapping.

crate::declare_rule! {
    /// A mapping has the same key twice.
    ///
    /// ## What it does
    /// Reports the second occurrence of a key, pointing back at the first.
    ///
    /// ## Why is this bad?
    /// YAML requires unique keys; parsers that accept duplicates keep one of the values
    /// silently, so one of the two facts is lost without anyone noticing.
    ///
    /// ## Example
    /// ```yaml
    /// title: Customer Communication via Slack
    /// title: Slack
    /// ```
    /// Use instead:
    /// ```yaml
    /// title: Customer Communication via Slack
    /// ```
    ///
    /// ## Legal source
    /// None: YAML 1.2.2, section 3.2.1.1 (mapping keys are unique).
    pub static KEY_DUPLICATE = ("PRV006", "key-duplicate", Error);
}
