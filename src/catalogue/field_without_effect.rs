//! PRV020: a field that says nothing where it stands.

crate::declare_rule! {
    /// A field is set where it has no effect: the policy will not state it.
    ///
    /// ## What it does
    /// Reports a value the policy never states because of where it stands:
    /// - `interest` on a basis other than `legitimate-interests`;
    /// - `arrangement` or `contact_point` on a service whose `role` is not `joint-controller`;
    /// - `counterparty` in the `dpa` of a service that is not a processor;
    /// - `compelling_interest` on a transfer without `derogation-compelling-interests`.
    ///
    /// A warning: the register is valid, but a fact in it goes unpublished.
    ///
    /// ## Why is this bad?
    /// A register is the single source of the policy. A value that silently drops out
    /// (found by the renderer property: every register string must appear in the output)
    /// is usually a fact entered in the wrong place, which the reader then never learns.
    ///
    /// ## Example
    /// ```yaml
    /// legal_bases:
    ///   - basis: consent
    ///     interest: improving our service
    /// ```
    /// Use instead: `basis: legitimate-interests` with that `interest`, or delete it.
    ///
    /// ## Legal source
    /// GDPR Art. 5(1)(a) (transparency), Art. 12(1).
    pub static FIELD_WITHOUT_EFFECT = ("PRV020", "field-without-effect", Warning);
}
