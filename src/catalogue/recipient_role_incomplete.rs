//! PRV303: a controller or joint controller without what the notice must say of it.

crate::declare_rule! {
    /// An independent or joint controller lacks what the notice must say of it.
    ///
    /// ## What it does
    /// Reports a service whose provider has `role: controller` but no `purposes` (its own
    /// purposes, for which it answers) or no `privacy_policy` (where its own notice is),
    /// and one with `role: joint-controller` but no `arrangement` (the essence of the
    /// arrangement between the joint controllers) or no `contact_point`.
    ///
    /// ## Why is this bad?
    /// A recipient that decides on purposes and means is no processor: the reader must learn
    /// that it acts for itself and where to read about it. Joint controllers must make the
    /// essence of their arrangement available to the data subject.
    ///
    /// ## Example
    /// ```yaml
    /// - service: Event partner
    ///   role: joint-controller
    ///   provider: { legal_name: "Partner GmbH", address: "...", country: DE }
    /// ```
    /// Use instead:
    /// ```yaml
    /// - service: Event partner
    ///   role: joint-controller
    ///   provider: { legal_name: "Partner GmbH", address: "...", country: DE }
    ///   arrangement: we collect the registrations; the partner runs the event
    ///   contact_point: privacy@example.com answers for both of us
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(e) (recipients), Art. 26(1) and (2) (joint controllers), Art. 4(7).
    pub static RECIPIENT_ROLE_INCOMPLETE = ("PRV303", "recipient-role-incomplete", Error);
}
