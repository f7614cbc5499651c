//! PRV106: an Art. 9(2) condition without an Art. 6(1) basis.

use super::RuleCx;
use crate::catalogue::ARTICLE_6_BASIS_MISSING;
use crate::diagnostic::Diagnostic;
use crate::law::bases;

/// Reports sections with an Art. 9(2) condition and no Art. 6(1) basis.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        let found: Vec<_> = section
            .legal_bases
            .iter()
            .filter_map(|b| bases::lookup(&b.basis.value).map(|l| (b, l)))
            .collect();
        let Some((first, _)) = found.iter().find(|(_, l)| l.article == 9) else {
            continue;
        };
        if found.iter().any(|(_, l)| l.article == 6) {
            continue;
        }
        out.push(
            Diagnostic::new(&ARTICLE_6_BASIS_MISSING, file, first.basis.span.clone(), format!("section `{}` has a condition of Art. 9(2) GDPR but no basis of Art. 6(1)", section.id.value))
                .label("lifts the prohibition of Art. 9(1) only")
                .help("add the Art. 6(1) basis of the processing to `legal_bases`, e.g. `basis: contract`")
                .note("GDPR Recital 51: the general principles and rules, in particular the conditions for lawful processing, apply in addition to the specific Art. 9(2) condition"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn an_art_9_condition_needs_an_art_6_basis_beside_it() {
        // GDPR Art. 6(1), Art. 9(2), Recital 51.
        let only_9 = section("special_categories: [health]\n")
            .replace("  - basis: contract\n", "  - basis: explicit-consent\n");
        assert_eq!(codes(&[("a.yaml", &only_9)]), ["PRV106"]);
        let both = only_9.replace(
            "  - basis: explicit-consent\n",
            "  - basis: consent\n  - basis: explicit-consent\n",
        );
        assert!(codes(&[("a.yaml", &both)]).is_empty());
    }
}
