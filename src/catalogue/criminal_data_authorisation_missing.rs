//! PRV108: data on criminal convictions and offences without its authorisation.

crate::declare_rule! {
    /// A section processes data on criminal convictions and offences without saying what
    /// authorises it.
    ///
    /// ## What it does
    /// Reports `criminal_offences: true` in a section none of whose bases is `public-task`
    /// (official authority) or names a `national_law`.
    ///
    /// ## Why is this bad?
    /// Such data may be processed only under the control of official authority or when the
    /// processing is authorised by Union or Member State law providing appropriate
    /// safeguards; an Art. 6(1) basis alone does not suffice, and the notice should say
    /// which law it is (in Germany, for employers, § 26 BDSG; for others, often none).
    ///
    /// ## Example
    /// ```yaml
    /// criminal_offences: true
    /// legal_bases:
    ///   - basis: contract
    /// ```
    /// Use instead:
    /// ```yaml
    /// criminal_offences: true
    /// legal_bases:
    ///   - basis: legal-obligation
    ///     national_law: § 72a para. 1 SGB VIII
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 10.
    pub static CRIMINAL_DATA_AUTHORISATION_MISSING = ("PRV108", "criminal-data-authorisation-missing", Error);
}
