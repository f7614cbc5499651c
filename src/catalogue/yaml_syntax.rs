//! PRV001: the file is not valid YAML.

crate::declare_rule! {
    /// The file is not valid YAML.
    ///
    /// ## What it does
    /// Reports a YAML syntax error (an unclosed quote, a bad indentation, a tab where
    /// spaces belong). The common mistakes are recognised and reported where they are,
    /// which is often not where the parser stopped, with the fixed line as help:
    /// - an entry indented differently from the entries beside it (the parser notices
    ///   only at the next line), or a `key:` left empty because the line after it is not
    ///   indented under it;
    /// - a `: ` inside a plain value (`title: Chat: support`): quote the value;
    /// - a tab in the indentation: YAML indents with spaces only;
    /// - a quote, `[` or `{` that is never closed (the parser reads on and fails later);
    /// - no space after a key's colon (`title:Chat`);
    /// - a plain value starting with a character YAML reserves (`@`, `` ` ``, `%`, `*`,
    ///   `&`, `!`), or text after a quoted or bracketed value: quote the whole value.
    ///
    /// Otherwise it reports the parser's message where the parser stopped.
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
