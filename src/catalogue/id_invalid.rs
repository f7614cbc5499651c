//! PRV014: a section id that cannot serve as an anchor.

crate::declare_rule! {
    /// A section `id` is not lower-case letters, digits and single hyphens.
    ///
    /// ## What it does
    /// Reports ids with upper case, spaces, underscores or other characters, and suggests
    /// the kebab-case form.
    ///
    /// ## Why is this bad?
    /// The id becomes the section's anchor (`#slack`) in the HTML page and in links from
    /// elsewhere; anchors with spaces or case differences break those links.
    ///
    /// ## Example
    /// ```yaml
    /// id: Slack Communication
    /// ```
    /// Use instead:
    /// ```yaml
    /// id: slack-communication
    /// ```
    ///
    /// ## Legal source
    /// None: a structural rule.
    pub static ID_INVALID = ("PRV014", "id-invalid", Error);
}
