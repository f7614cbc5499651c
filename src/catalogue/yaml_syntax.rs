//! PRV001: the file is not valid YAML.

crate::declare_rule! {
    /// The file is not valid YAML.
    ///
    /// ## What it does
    /// Reports a YAML syntax error (an unclosed quote, a bad indentation, a tab where
    /// spaces belong) at the line and column where the parser stopped.
    ///
    /// ## Why is this bad?
    /// Nothing in a file that does not parse can be checked or published; the whole
    /// section would silently be missing from the policy.
    ///
    /// ## Example
    /// ```yaml
    /// title: "Customer Communication via Slack
    /// ```
    /// Use instead:
    /// ```yaml
    /// title: "Customer Communication via Slack"
    /// ```
    ///
    /// ## Legal source
    /// None: a structural rule. The information duties of Art. 13 GDPR can only be met by
    /// a register that can be read.
    pub static YAML_SYNTAX = ("PRV001", "yaml-syntax-invalid", Error);
}
