//! PRV203: adequacy claimed for a country without a decision in force.

crate::declare_rule! {
    /// A transfer claims an adequacy decision for a country that has none in force.
    ///
    /// ## What it does
    /// Reports `adequacy` in `mechanisms` where the Commission has adopted no adequacy
    /// decision for the destination that is in force on the check date (`last_updated` in
    /// `privreg.yaml`, else `SOURCE_DATE_EPOCH`, else today). The table of decisions, with
    /// number, date and scope, is in `src/law/adequacy.rs`.
    ///
    /// ## Why is this bad?
    /// Without a decision the transfer needs safeguards under Art. 46 GDPR or a derogation
    /// under Art. 49; claiming adequacy misstates the law to the reader.
    ///
    /// ## Example
    /// ```yaml
    /// - country: IN
    ///   mechanisms: [adequacy]
    /// ```
    /// Use instead:
    /// ```yaml
    /// - country: IN
    ///   mechanisms: [scc]
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 45(1) and (3); decisions under Directive 95/46/EC remain in force by Art. 45(9).
    pub static ADEQUACY_DECISION_MISSING = ("PRV203", "adequacy-decision-missing", Error);
}
