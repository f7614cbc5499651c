//! PRV213: compelling legitimate interests claimed without saying which.

crate::declare_rule! {
    /// A transfer rests on compelling legitimate interests (Art. 49(1), second
    /// subparagraph) but does not say which.
    ///
    /// ## What it does
    /// Reports `derogation-compelling-interests` in `mechanisms` when the transfer has no
    /// `compelling_interest`. The derogation also requires the transfer to be occasional
    /// (`occasional: true`, PRV212).
    ///
    /// ## Why is this bad?
    /// The last resort of Chapter V applies only to a transfer that is not repetitive,
    /// concerns a limited number of data subjects and is necessary for compelling legitimate
    /// interests not overridden by the data subject's; the data subject must be told of the
    /// transfer and of those interests.
    ///
    /// ## Example
    /// ```yaml
    /// mechanisms: [derogation-compelling-interests]
    /// occasional: true
    /// ```
    /// Use instead:
    /// ```yaml
    /// mechanisms: [derogation-compelling-interests]
    /// occasional: true
    /// compelling_interest: recovering the one payment a customer disputes
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 49(1), second subparagraph, and Art. 49(6) (documentation of the
    /// assessment).
    pub static COMPELLING_INTEREST_MISSING = ("PRV213", "compelling-interest-missing", Error);
}
