//! PRV401: a citation of a GDPR article, paragraph, subparagraph or point that does not exist.

use crate::catalogue::CITATION_PROVISION_UNKNOWN;
use crate::citations::{Citation, Provision, Style, fix};
use crate::diagnostic::Diagnostic;
use crate::law::gdpr::{self, Part};
use crate::rules::citations::{Document, basis_name, nearest_basis};

/// Reports each cited GDPR provision that does not exist.
pub fn check(doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
    for c in doc
        .citations
        .iter()
        .filter(|c| c.law == crate::citations::Law::Gdpr && !c.partial)
    {
        for p in &c.provisions {
            let Err(missing) = gdpr::exists(p) else {
                continue;
            };
            let mut d = doc
                .diagnostic(
                    &CITATION_PROVISION_UNKNOWN,
                    c.span.clone(),
                    missing.message(),
                )
                .label(format!("no such {}", missing.part.as_str()))
                .note(missing.note());
            d = match suggestion(doc, c, p, missing.part) {
                Some(help) => d.help(help),
                None => {
                    d.help("cite a provision that exists; which one is meant is a legal choice")
                }
            };
            out.push(d);
        }
    }
}

/// "did you mean `Art. 6 para. 1 lit. b GDPR`? ..." when the words name a basis of Art. 6(1).
fn suggestion(doc: &Document<'_>, c: &Citation, p: &Provision, part: Part) -> Option<String> {
    if p.article != 6 || p.paragraph.is_some_and(|n| n != 1) || part != Part::Point {
        return None;
    }
    let m = nearest_basis(doc.text(), c.span.clone(), doc.citations)?;
    let proposed = Provision {
        paragraph: Some(1),
        point: Some(m.point.to_string()),
        exists: None,
        ..p.clone()
    };
    let style = if c.style == Style::Bare {
        Style::ParaLit
    } else {
        c.style
    };
    let mut one = c.clone();
    one.provisions = vec![proposed];
    let written = if c.provisions.len() == 1 {
        fix::rewrite(&one, style)
    } else {
        fix::write_one(&one.provisions[0], style)
    };
    Some(format!(
        "did you mean `{written}`? the words \"{}\" name {}, point ({}) of Art. 6(1)",
        &doc.text()[m.span],
        basis_name(m.point),
        m.point
    ))
}

#[cfg(test)]
mod tests {
    use crate::citations::tests::lint;

    /// Fixture: each case is marked `ok` or with the code it must produce.
    const CASES: &[(&str, &str)] = &[
        ("ok", "based on Art. 6 para. 1 lit. b GDPR"),
        ("ok", "Art. 4 Nr. 11 DSGVO"),
        ("ok", "Article 4(16)(b) GDPR"),
        ("ok", "Art. 99 Abs. 2 DSGVO"),
        ("ok", "Art. 9 Abs. 2 lit. j DSGVO"),
        ("ok", "Art. 6 Abs. 1 S. 2 DSGVO"),
        ("ok", "§ 26 Abs. 9 BDSG"),
        ("ok", "Art. 5(3) ePrivacy Directive"),
        ("ok", "Art. 31 DSG"),
        ("PRV401", "Art. 6 para. 1 lit. 6 GDPR"),
        ("PRV401", "Art. 6(5) GDPR"),
        ("PRV401", "Art. 100 DSGVO"),
        ("PRV401", "Art. 9 Abs. 2 lit. k DSGVO"),
        ("PRV401", "Art. 4 Nr. 27 DSGVO"),
        ("PRV401", "Art. 4(16)(c) GDPR"),
        ("PRV401", "Art. 6 Abs. 1 UAbs. 3 DSGVO"),
        ("PRV401", "Art. 6 Abs. 1 S. 3 DSGVO"),
        ("PRV401", "Art. 13 Abs. 2 lit. a bis g DSGVO"),
    ];

    #[test]
    fn fixture_cases() {
        crate::citations::tests::assert_cases("PRV401", CASES);
    }

    #[test]
    fn wrong_point_letter_is_an_error_with_a_suggestion() {
        let d = lint("your consent pursuant to Art. 6 para. 1 lit. 1 GDPR.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "GDPR Art. 6(1) has no point (1)");
        assert_eq!(d[0].notes, ["GDPR Art. 6(1) has points (a) to (f)"]);
        let help = d[0].help.as_deref().unwrap();
        assert!(help.contains("`Art. 6 para. 1 lit. a GDPR`"), "{help}");
    }

    #[test]
    fn german_words_propose_a_point_too() {
        let d = lint(
            "Rechtsgrundlage ist unser berechtigtes Interesse nach Art. 6 Abs. 1 lit. g DSGVO.",
        );
        assert!(
            d[0].help
                .as_deref()
                .unwrap()
                .contains("`Art. 6 Abs. 1 lit. f DSGVO`")
        );
        let d = lint("zur Vertragserfüllung (Art. 6 Abs. 1 Buchst. 2 DSGVO)");
        assert!(d[0].help.as_deref().unwrap().contains("lit. b"));
    }

    #[test]
    fn without_words_the_help_makes_no_legal_choice() {
        let d = lint("Art. 6 para. 1 lit. 6 GDPR applies.");
        assert!(!d[0].help.as_deref().unwrap().contains("did you mean"));
        assert!(d[0].fix.is_none());
    }
}
