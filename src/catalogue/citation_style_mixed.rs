//! PRV404: one document cites in more than one style.

crate::declare_rule! {
    /// A document writes GDPR citations in more than one style.
    ///
    /// ## What it does
    /// Classifies each GDPR citation by its notation: `Art. 6 para. 1 lit. f` (para-lit),
    /// `Art. 6(1)(f)` (parens), `Art. 6 Abs. 1 lit. f` (abs-lit), `Art. 6 I lit. f`
    /// (roman), `Art. 6.1.f` (dotted), `point (f) of Article 6(1)` (point-of). Citations of
    /// an article alone and DPV ids take no side. When a document uses more than one
    /// style, every citation not in the document's style is reported, with a fix that
    /// rewrites it wherever the rewrite reads back in place as the same citation and leaves
    /// the citations near it reading as they did (a citation that names no law is read as
    /// the law its sentence names, and a rewrite can move where that sentence ends); the
    /// fix never changes what is cited, and `privreg lint --fix` leaves alone a citation
    /// that has an error (such as PRV401's "lit. 6"). The document's
    /// style is `citation_style` of `privreg.yaml`; without one, the majority among the
    /// styles of the text's language (English: parens, para-lit, point-of; German:
    /// abs-lit, roman; French: dotted), or that language's first style if the text uses
    /// none of them, so that English prose quoting German citations is not rewritten into
    /// "Abs."; the majority of all when the language is unclear. With `citation_style`
    /// set, a document written wholly in another style is reported too.
    ///
    /// A register's texts given per language (`{de: ..., en: ...}`) form one document per
    /// language, and the texts written once for every language one more: German citations
    /// in abs-lit and English ones in parens are each consistent. In a language's own
    /// texts, `citation_style` counts only if it is one of that language's styles, as in the
    /// German policy privreg writes.
    ///
    /// ## Why is this bad?
    /// Mixed notations read as carelessness in a legal text and make citations harder to
    /// search and compare; a consistent style is what a reviewer expects.
    ///
    /// ## Example
    /// ```text
    /// Art. 6 para. 1 lit. b GDPR ... Art. 6(1)(f) GDPR ... Art. 6 para. 1 lit. a GDPR
    /// ```
    /// Use instead:
    /// ```text
    /// Art. 6 para. 1 lit. b GDPR ... Art. 6 para. 1 lit. f GDPR ... Art. 6 para. 1 lit. a GDPR
    /// ```
    ///
    /// ## Legal source
    /// Joint Practical Guide of the European Parliament, the Council and the Commission for
    /// persons involved in the drafting of EU legislation, on internal references (the
    /// form "point (f) of Article 6(1)"); Art. 12(1) GDPR (clear and plain language).
    pub static CITATION_STYLE_MIXED = ("PRV404", "citation-style-mixed", Warning);
}
