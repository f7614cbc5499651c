//! PRV211: a transfer to the provider's own country called merely possible.

crate::declare_rule! {
    /// A transfer to the country where the provider is established is declared as merely
    /// possible or as one that "cannot be excluded".
    ///
    /// ## What it does
    /// Reports `certainty: cannot-be-excluded` or `certainty: possible` on a transfer whose
    /// destination is the provider's own country. Data sent to a provider established in the
    /// US is in the US: the transfer takes place.
    ///
    /// ## Why is this bad?
    /// The notice must state transfers clearly; qualifiers such as "may" or "possible" leave
    /// the reader unsure whether a transfer happens at all, where it certainly does.
    ///
    /// ## Example
    /// ```yaml
    /// provider: { legal_name: "HiHello, Inc.", address: "...", country: US }
    /// transfers:
    ///   - country: US
    ///     certainty: cannot-be-excluded
    /// ```
    /// Use instead:
    /// ```yaml
    ///   - country: US
    ///     certainty: takes-place
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 12(1) and 13(1)(f); Article 29 Working Party, Guidelines on transparency
    /// under Regulation 2016/679 (WP260 rev.01, endorsed by the EDPB), paragraphs 12-13 on
    /// qualifiers such as "may" and "possible".
    pub static TRANSFER_CERTAINTY_UNDERSTATED = ("PRV211", "transfer-certainty-understated", Warning);
}
