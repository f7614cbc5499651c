//! PRV007: two sections with the same id.

crate::declare_rule! {
    /// Two register files declare the same section `id`.
    ///
    /// ## What it does
    /// Reports every section whose `id` an earlier file (in sorted path order) already
    /// uses, naming that file.
    ///
    /// ## Why is this bad?
    /// The id is the section's HTML anchor and its name in links and diffs. Two sections
    /// with one id make links ambiguous and the generated page invalid.
    ///
    /// ## Example
    /// `registers/slack.yaml` and `registers/slack-old.yaml` both with `id: slack`.
    /// Give each section its own id.
    ///
    /// ## Legal source
    /// None: a structural rule.
    pub static ID_DUPLICATE = ("PRV007", "id-duplicate", Error);
}
