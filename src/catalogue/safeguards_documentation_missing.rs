//! PRV702: a transfer on compelling legitimate interests without its safeguards documented.

crate::declare_rule! {
    /// A transfer rests on compelling legitimate interests (Art. 49(1), second
    /// subparagraph) but the register does not document the suitable safeguards adduced.
    ///
    /// ## What it does
    /// Reports `derogation-compelling-interests` in `mechanisms` when the transfer has no
    /// `safeguards`. The record then says "not stated" where it must document them. Only
    /// where the record is made: by `privreg record`, or by `build` when `outputs:`
    /// chooses `record`.
    ///
    /// ## Why is this bad?
    /// This derogation is allowed only where the controller has assessed all the
    /// circumstances of the transfer and on that basis provided suitable safeguards; the
    /// assessment and the safeguards must be documented in the record of processing
    /// activities, which the supervisory authority can ask for.
    ///
    /// ## Example
    /// ```yaml
    /// mechanisms: [derogation-compelling-interests]
    /// occasional: true
    /// compelling_interest: recovering the one payment a customer disputes
    /// ```
    /// Use instead:
    /// ```yaml
    /// mechanisms: [derogation-compelling-interests]
    /// occasional: true
    /// compelling_interest: recovering the one payment a customer disputes
    /// safeguards: only the disputed invoice is sent, encrypted, to the bank's fraud team
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 30(1)(e) and Art. 49(6), with Art. 49(1), second subparagraph.
    pub static SAFEGUARDS_DOCUMENTATION_MISSING = ("PRV702", "safeguards-documentation-missing", Warning);
}
