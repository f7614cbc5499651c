//! PRV104: a reference to a purpose the section does not have.

use super::RuleCx;
use crate::catalogue::PURPOSE_UNKNOWN;
use crate::diagnostic::Diagnostic;
use crate::model::Section;

/// Every purpose of `section`: its own, then its services'.
fn known(section: &Section) -> impl Iterator<Item = &str> {
    section
        .purposes
        .iter()
        .chain(section.processors.iter().flat_map(|p| p.purposes.iter()))
        .map(|p| p.value.as_str())
}

/// Reports purpose references that match no purpose of their section.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        let references = section
            .legal_bases
            .iter()
            .flat_map(|b| b.purposes.iter().map(|p| (p, "a legal basis's `purposes`")))
            .chain(
                section
                    .direct_marketing
                    .iter()
                    .map(|p| (p, "`direct_marketing`")),
            );
        for (reference, field) in references {
            if known(section).any(|k| reference.value == k) {
                continue;
            }
            let d = Diagnostic::new(
                &PURPOSE_UNKNOWN,
                file,
                reference.span.clone(),
                format!(
                    "`{}` in {field} is not a purpose of section `{}`",
                    reference.value, section.id.value
                ),
            )
            .label("no such purpose");
            let d = match crate::suggest::closest(&reference.value, known(section)) {
                Some(s) => d.did_you_mean(s),
                None => d.help("write the purpose exactly as in `purposes`"),
            };
            out.push(d.note("a reference names a purpose of the section or of one of its services, character for character"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn references_name_a_purpose_of_the_section_exactly() {
        // GDPR Art. 13(1)(c), Art. 21(2).
        let ok = section("direct_marketing: [p]\n");
        assert!(codes(&[("a.yaml", &ok)]).is_empty());
        let typo = section("direct_marketing: [P]\n");
        assert_eq!(codes(&[("a.yaml", &typo)]), ["PRV104"]);
        let basis = section("").replace(
            "  - basis: contract\n",
            "  - basis: contract\n    purposes: [q]\n",
        );
        // The basis names no purpose the section has, so `p` is left uncovered too.
        assert_eq!(codes(&[("a.yaml", &basis)]), ["PRV104", "PRV105"]);
    }
}
