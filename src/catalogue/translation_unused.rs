//! PRV022: a text is given in a language the project does not publish.

crate::declare_rule! {
    /// A text is given in a language that is not among the project's `languages`.
    ///
    /// ## What it does
    /// Reports a key of a text by language (`{de: ..., fr: ...}`) that `languages` in
    /// `privreg.yaml` does not list. The text is ignored.
    ///
    /// ## Why is this bad?
    /// No output is written in that language, so the text is never published; a typo
    /// (`dee`) or a language not yet switched on usually means the author expects it to be.
    ///
    /// ## Example
    /// ```yaml
    /// # privreg.yaml: languages: [en]
    /// title: { en: Hosting, fr: Hébergement }
    /// ```
    /// Use instead: add `fr` to `languages`, or remove the French text.
    ///
    /// ## Legal source
    /// GDPR Art. 12(1) (the information actually given is what counts).
    pub static TRANSLATION_UNUSED = ("PRV022", "translation-unused", Warning);
}
