//! PRV017: a YAML tag privreg does not read.

crate::declare_rule! {
    /// A value carries a YAML tag that privreg does not read, such as `!include` or `!!binary`.
    ///
    /// ## What it does
    /// Reports every tag outside YAML's core schema at the tag itself. The core schema's
    /// tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!seq`, `!!map`) and the
    /// non-specific `!` are read; any other tag (a local one like `!include` or `!custom`,
    /// `!!binary`, `!!timestamp`, a `%TAG` or verbatim `!<...>` one) fails the file.
    ///
    /// ## Why is this bad?
    /// A tag asks the reader to do something with the value: include another file, decode
    /// base64, build a custom type. privreg does none of that, and reading the value without
    /// its tag would publish something other than what its author meant, such as the
    /// file name `common.yaml` instead of that file's contents.
    ///
    /// ## Example
    /// ```yaml
    /// data_categories: !include common-categories.yaml
    /// ```
    /// Use instead:
    /// ```yaml
    /// data_categories:
    ///   - contact details
    ///   - communication content
    /// ```
    ///
    /// ## Legal source
    /// None: a structural rule. YAML 1.2.2, section 10.3 (core schema).
    pub static YAML_TAG_UNSUPPORTED = ("PRV017", "yaml-tag-unsupported", Error);
}
