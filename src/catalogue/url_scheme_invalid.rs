//! PRV009: a link that is not https, http or mailto.

crate::declare_rule! {
    /// A link field holds something other than an `https:`, `http:` or `mailto:` URL.
    ///
    /// ## What it does
    /// Checks `privacy_policy` and `dpf_participant` links: the scheme must be `https`,
    /// `http` or `mailto`, and a web link needs a host.
    ///
    /// ## Why is this bad?
    /// Links are published in the policy. A `javascript:` link would run code in the
    /// reader's browser; a bare `slack.com/privacy` renders as a relative, broken link.
    ///
    /// ## Example
    /// ```yaml
    /// privacy_policy: javascript:alert(1)
    /// ```
    /// Use instead:
    /// ```yaml
    /// privacy_policy: https://slack.com/trust/privacy/privacy-policy
    /// ```
    ///
    /// ## Legal source
    /// None: a safety rule for published output.
    pub static URL_SCHEME_INVALID = ("PRV009", "url-scheme-invalid", Error);
}
