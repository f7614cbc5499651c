//! PRV405: a citation that names no law (off by default).

use crate::catalogue::CITATION_LAW_MISSING;
use crate::citations::Law;
use crate::diagnostic::Diagnostic;
use crate::rules::citations::Document;

/// Reports each citation that names no law: the GDPR implied by the document, or a law
/// left unknown because nothing says which is meant.
pub fn check(doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
    for c in doc.citations.iter().filter(|c| {
        c.law == Law::Gdpr && c.law_implied || matches!(&c.law, Law::Unknown(n) if n.is_empty())
    }) {
        let label = if c.law_implied {
            "GDPR assumed"
        } else {
            "law unknown: not checked"
        };
        out.push(
            doc.diagnostic(
                &CITATION_LAW_MISSING,
                c.span.clone(),
                format!("citation `{}` names no law", c.text),
            )
            .label(label)
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
        ("PRV405", "Under the GDPR, we rely on Art. 6(1)(f)."),
        ("PRV405", "Die DSGVO gilt. Artikel 13 und 14 gelten."),
        ("PRV405", "We rely on Art. 6(1)(f)."),
        ("ok", "Art. 50(2) AI Act"),
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
