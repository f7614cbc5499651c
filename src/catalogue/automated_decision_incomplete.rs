//! PRV602: automated decision-making without what the notice must say of it.

crate::declare_rule! {
    /// Automated decision-making is declared without its logic, consequences or ground.
    ///
    /// ## What it does
    /// Reports `automated_decisions` with `used: true` and no `logic`, no `consequences`
    /// or no `ground` (`contract`, `law` or `explicit-consent`).
    ///
    /// ## Why is this bad?
    /// Where decisions based solely on automated processing, including profiling, are taken,
    /// the notice must give meaningful information about the logic involved, as well as the
    /// significance and the envisaged consequences for the data subject. Such a decision is
    /// allowed only on one of the three grounds of Art. 22(2), and two of them bring the
    /// rights of Art. 22(3) with them.
    ///
    /// ## Example
    /// ```yaml
    /// automated_decisions: { used: true }
    /// ```
    /// Use instead:
    /// ```yaml
    /// automated_decisions:
    ///   used: true
    ///   logic: a score from your payment history decides whether we offer purchase on account
    ///   consequences: without a sufficient score, you can pay in advance only
    ///   ground: contract
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(2)(f), Art. 14(2)(g) and Art. 22(1)-(3).
    pub static AUTOMATED_DECISION_INCOMPLETE = ("PRV602", "automated-decision-incomplete", Error);
}
