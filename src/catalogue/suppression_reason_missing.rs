//! PRV015: a suppression comment that does not say why.

crate::declare_rule! {
    /// A suppression comment gives no reason.
    ///
    /// ## What it does
    /// Reports `# privreg: ignore[CODE]` (in YAML) or `<!-- privreg-ignore CODE -->` (in
    /// Markdown and HTML) with nothing after the rule codes. The suppression still applies;
    /// this warning asks for the reason. See docs/suppressions.md.
    ///
    /// ## Why is this bad?
    /// A suppressed finding is a decision that a legal requirement does not apply or is met
    /// some other way. Without the reason, the next reviewer cannot tell a considered
    /// decision from a silenced problem, and the decision cannot be demonstrated later.
    ///
    /// ## Example
    /// ```yaml
    /// # privreg: ignore[PRV301]
    /// id: slack
    /// ```
    /// Use instead:
    /// ```yaml
    /// # privreg: ignore[PRV301] retention is stated in chapter 12 for all sections
    /// id: slack
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 5(2): the controller shall be able to demonstrate compliance
    /// (accountability); a recorded reason is part of that record.
    pub static SUPPRESSION_REASON_MISSING = ("PRV015", "suppression-reason-missing", Warning);
}

#[cfg(test)]
mod tests {
    use crate::suppress::tests::codes_after;

    #[test]
    fn a_suppression_without_reason_still_applies_and_is_reported() {
        let yaml = "# privreg: ignore[PRV301]\nid: s\n";
        assert_eq!(codes_after(yaml, &[("PRV301", 2)]), ["PRV015"]);
        let with_reason = "# privreg: ignore[PRV301] stated in chapter 12\nid: s\n";
        assert!(codes_after(with_reason, &[("PRV301", 2)]).is_empty());
    }
}
