//! PRV021: a text given by language lacks one of the project's languages.

crate::declare_rule! {
    /// A text given by language lacks a language of the project.
    ///
    /// ## What it does
    /// Reports a free-text field written as a mapping by language (`{de: ..., en: ...}`)
    /// that has no text for one of the languages in `languages` of `privreg.yaml`, and
    /// names the missing language.
    ///
    /// ## Why is this bad?
    /// privreg writes the policy once per language. A policy in a language the field does
    /// not give would either lack the fact or state it in another language; neither is an
    /// information "in clear and plain language" for its reader.
    ///
    /// ## Example
    /// ```yaml
    /// # privreg.yaml: languages: [de, en]
    /// title: { en: Customer communication via Slack }
    /// ```
    /// Use instead:
    /// ```yaml
    /// title:
    ///   de: Kundenkommunikation über Slack
    ///   en: Customer communication via Slack
    /// ```
    /// A name or address that reads the same in every language can stay one string.
    ///
    /// ## Legal source
    /// GDPR Art. 12(1): information in a concise, intelligible form, in clear and plain
    /// language.
    pub static TRANSLATION_MISSING = ("PRV021", "translation-missing", Error);
}
