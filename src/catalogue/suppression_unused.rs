//! PRV016: a suppression comment that suppresses nothing.

crate::declare_rule! {
    /// A suppression comment names a rule that reports nothing where it applies.
    ///
    /// ## What it does
    /// Reports each rule code of a `# privreg: ignore[...]` or `<!-- privreg-ignore ... -->`
    /// comment that matched no finding, names no rule at all, or names a code that does
    /// not exist (with a did-you-mean). See docs/suppressions.md.
    ///
    /// ## Why is this bad?
    /// A stale suppression is a trap: the problem it was written for is gone, and the
    /// comment would silently hide the next, different problem on that line.
    ///
    /// ## Example
    /// A suppression of PRV301 in a section that states its retention:
    /// ```yaml
    /// # privreg: ignore[PRV301] seed states no period
    /// id: slack
    /// retention:
    ///   period: one year
    /// ```
    /// Use instead: remove the comment.
    ///
    /// ## Legal source
    /// GDPR Art. 5(2) (accountability): the record of decisions should match the register.
    pub static SUPPRESSION_UNUSED = ("PRV016", "suppression-unused", Warning);
}

#[cfg(test)]
mod tests {
    use crate::suppress::tests::codes_after;

    #[test]
    fn a_suppression_that_matches_nothing_is_reported() {
        let yaml = "id: s\n# privreg: ignore[PRV302] no processor here\norder: 1\n";
        assert_eq!(codes_after(yaml, &[("PRV301", 1)]), ["PRV301", "PRV016"]);
    }

    #[test]
    fn an_unknown_code_in_a_suppression_is_reported() {
        let yaml = "id: s # privreg: ignore[PRV999] typo\n";
        assert_eq!(codes_after(yaml, &[]), ["PRV016"]);
    }
}
