//! PRV012: YAML that expands beyond the parser's budget (alias bombs).

crate::declare_rule! {
    /// The YAML expands beyond privreg's limits, as an alias bomb does.
    ///
    /// ## What it does
    /// Stops parsing when aliases would replay more than 10,000 nodes or expand one anchor
    /// more than 100 times, and reports where.
    ///
    /// ## Why is this bad?
    /// A few lines of anchors and aliases ("billion laughs") can expand into gigabytes
    /// and stall CI. A register needs no aliases at all.
    ///
    /// ## Example
    /// ```yaml
    /// a: &a [x, x, x, x, x, x, x, x, x]
    /// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    /// c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    /// ```
    /// Use instead: write each value out.
    ///
    /// ## Legal source
    /// None: a resource limit.
    pub static YAML_TOO_COMPLEX = ("PRV012", "yaml-too-complex", Error);
}
