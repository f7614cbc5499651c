//! PRV501: the chapter names no controller.

crate::declare_rule! {
    /// `privreg.yaml` does not name the controller.
    ///
    /// ## What it does
    /// Reports a `privreg.yaml` without `controller`. A warning: the controller may be named
    /// in another chapter of the policy, which privreg does not see.
    ///
    /// ## Why is this bad?
    /// The reader must learn who is responsible for the processing and how to reach them
    /// before anything else; without it, "on request" and "contact us" lead nowhere.
    ///
    /// ## Example
    /// A `privreg.yaml` with no `controller:` key. Use instead:
    /// ```yaml
    /// controller:
    ///   legal_name: Example GmbH
    ///   address: Hauptstr. 1, 10115 Berlin
    ///   country: DE
    ///   email: privacy@example.com
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(a) and Art. 14(1)(a).
    pub static CONTROLLER_MISSING = ("PRV501", "controller-missing", Warning);
}
