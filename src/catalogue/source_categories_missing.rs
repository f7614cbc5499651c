//! PRV603: data from another source without its categories.

crate::declare_rule! {
    /// A data source is named without the categories of data obtained from it.
    ///
    /// ## What it does
    /// Reports an entry of `sources` with no `data_categories`.
    ///
    /// ## Why is this bad?
    /// Where data is not obtained from the data subject, they cannot know what was
    /// collected about them: the notice must state the categories of personal data
    /// concerned and the source they come from, and whether it is publicly accessible.
    ///
    /// ## Example
    /// ```yaml
    /// sources:
    ///   - source: SCHUFA Holding AG
    /// ```
    /// Use instead:
    /// ```yaml
    /// sources:
    ///   - source: SCHUFA Holding AG
    ///     data_categories: [credit score]
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 14(1)(d) and Art. 14(2)(f).
    pub static SOURCE_CATEGORIES_MISSING = ("PRV603", "source-categories-missing", Error);
}
