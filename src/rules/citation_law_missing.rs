//! PRV405: a GDPR citation that names no law (off by default).

use crate::citations::Law;
use crate::citations::check::Document;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// A citation names no law, so the GDPR is only implied.
    ///
    /// ## What it does
    /// Reports citations such as "Art. 6(1)(f)" that name no law. With `implied_gdpr`
    /// (the default) they are checked as GDPR citations; this rule asks for the law's name.
    /// Off by default.
    ///
    /// ## Why is this bad?
    /// A policy that also cites national law (BDSG, TDDDG) or the ePrivacy Directive is
    /// ambiguous when an article number stands alone.
    ///
    /// ## Example
    /// ```text
    /// We rely on Art. 6(1)(f).
    /// ```
    /// Use instead:
    /// ```text
    /// We rely on Art. 6(1)(f) GDPR.
    /// ```
    ///
    /// ## Legal source
    /// Art. 12(1) GDPR: information must be concise, transparent, intelligible and easily
    /// accessible, using clear and plain language.
    pub static CITATION_LAW_MISSING = ("PRV405", "citation-law-missing", Off);
}

/// Reports each GDPR citation whose law was implied.
pub fn check(doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
    for c in doc
        .citations
        .iter()
        .filter(|c| c.law == Law::Gdpr && c.law_implied)
    {
        out.push(
            doc.diagnostic(
                &CITATION_LAW_MISSING,
                c.span.clone(),
                format!("citation `{}` names no law", c.text),
            )
            .label("GDPR assumed")
            .help(format!("name the law: `{} GDPR`", c.text)),
        );
    }
}

#[cfg(test)]
mod tests {

    const CASES: &[(&str, &str)] = &[
        ("ok", "Art. 6(1)(f) GDPR"),
        ("ok", "Art. 6 Abs. 1 lit. f DSGVO"),
        ("ok", "§ 25 TDDDG"),
        ("ok", "A6-1-f"),
        ("PRV405", "We rely on Art. 6(1)(f)."),
        ("PRV405", "Artikel 13 und 14 gelten."),
    ];

    #[test]
    fn fixture_cases() {
        crate::citations::tests::assert_cases("PRV405", CASES);
    }

    #[test]
    fn the_rule_is_off_by_default() {
        assert_eq!(
            super::CITATION_LAW_MISSING.default_severity,
            crate::diagnostic::Severity::Off
        );
    }
}
