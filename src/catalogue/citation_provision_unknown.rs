//! PRV401: a citation of a GDPR article, paragraph, subparagraph or point that does not exist.

crate::declare_rule! {
    /// A cited GDPR provision does not exist.
    ///
    /// ## What it does
    /// Checks every GDPR citation (named, or implied when no law is named) against the
    /// structure of the regulation: 99 articles, their paragraphs, subparagraphs, points
    /// and subpoints. A citation of a part that does not exist is an error. When the
    /// words around a nonexistent point of Art. 6(1) name a legal basis ("consent",
    /// "contractual performance", "berechtigtes Interesse"), the help proposes that point.
    /// It never rewrites the citation: which provision was meant is a legal choice.
    ///
    /// ## Why is this bad?
    /// A privacy notice must state the legal basis of each processing. "Art. 6 para. 1
    /// lit. 6 GDPR" cites nothing: the reader cannot tell which basis the controller relies
    /// on, and a supervisory authority will read it as a missing legal basis.
    ///
    /// ## Example
    /// ```text
    /// The processing is based on Art. 6 para. 1 lit. 6 GDPR (contractual performance).
    /// ```
    /// Use instead:
    /// ```text
    /// The processing is based on Art. 6 para. 1 lit. b GDPR (contractual performance).
    /// ```
    ///
    /// ## Legal source
    /// Regulation (EU) 2016/679 as consolidated on 2018-05-23; Art. 6(1) has points (a) to
    /// (f); Art. 13(1)(c) requires the legal basis to be stated.
    pub static CITATION_PROVISION_UNKNOWN = ("PRV401", "citation-provision-unknown", Error);
}
