//! PRV110: device access that needs consent, or that the register leaves unsaid.

crate::declare_rule! {
    /// Analytics, marketing or cookies without a `device_access` that matches them.
    ///
    /// ## What it does
    /// Looks at the purposes of a section and its services, and at its free text. Reports:
    /// - analytics or marketing purposes, or text about cookies, SDKs, pixels or local
    ///   storage, in a section without `device_access`;
    /// - `device_access: strictly-necessary` for analytics or marketing purposes;
    /// - `device_access: none` in a section whose text speaks of cookies.
    ///
    /// A warning: it reads words ("analysing", "cookie"), and words can mislead.
    ///
    /// ## Why is this bad?
    /// Storing information on a user's device, or reading it from there, needs the user's
    /// consent unless it is strictly necessary for a service the user explicitly asked for.
    /// Analytics and marketing never are. The GDPR basis of the later processing does not
    /// replace that consent, and the policy must say which rule the access follows.
    ///
    /// ## Example
    /// ```yaml
    /// purposes: [analysing how visitors use our website]
    /// device_access: strictly-necessary
    /// ```
    /// Use instead:
    /// ```yaml
    /// purposes: [analysing how visitors use our website]
    /// device_access: consent
    /// ```
    ///
    /// ## Legal source
    /// § 25 TDDDG; Art. 5(3) of Directive 2002/58/EC; EDPB Guidelines 2/2023 on the
    /// technical scope of Art. 5(3) ePrivacy Directive.
    pub static DEVICE_ACCESS_UNCLEAR = ("PRV110", "device-access-unclear", Warning);
}
