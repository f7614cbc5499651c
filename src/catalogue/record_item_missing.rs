//! PRV701: the record of processing activities would lack an item of Art. 30.

crate::declare_rule! {
    /// The record of processing activities would say "not stated" for an item of Art. 30:
    /// the categories of data subjects or of personal data, or the security measures.
    ///
    /// ## What it does
    /// Reports a section without `data_subjects` (Art. 30(1)(c)); a section without any
    /// data category, its own, a special category or a service's (Art. 30(1)(c)); a section
    /// without `security_measures` in a project whose `privreg.yaml` has none either (Art.
    /// 30(1)(g)); and `processor_for` without `security_measures` in `privreg.yaml` (Art.
    /// 30(2)(d)). A warning: the policy may be complete without them, and the record then
    /// says "not stated" in that column. Only where the record is made: by `privreg
    /// record`, or by `build` when `outputs:` chooses `record`.
    ///
    /// ## Why is this bad?
    /// The register is the record of processing activities the controller must keep and
    /// show the supervisory authority on request (Art. 30(4)). An item it lacks is a gap
    /// in that record; the description of the security measures is how the authority sees
    /// at a glance that the security of Art. 32(1) was considered for each activity.
    ///
    /// ## Example
    /// A section and a `privreg.yaml` without `security_measures`. Use instead, in
    /// `privreg.yaml` for every activity:
    /// ```yaml
    /// security_measures:
    ///   - encryption in transit and at rest
    ///   - role-based access control with two-factor authentication
    /// ```
    /// or, for one activity, the same key in its register file; and in each section
    /// `data_subjects: [customers]`.
    ///
    /// ## Legal source
    /// GDPR Art. 30(1)(c) and (g) with Art. 32(1); for a processor's record, Art. 30(2)(d).
    pub static RECORD_ITEM_MISSING = ("PRV701", "record-item-missing", Warning);
}
