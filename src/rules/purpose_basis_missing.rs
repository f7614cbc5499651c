//! PRV105: a purpose no legal basis covers.

use super::RuleCx;
use crate::catalogue::PURPOSE_BASIS_MISSING;
use crate::diagnostic::Diagnostic;
use crate::law::bases;
use crate::model::LegalBasis;

/// Whether `b` covers every purpose of its section's own: it names neither purposes nor data.
fn covers_section(b: &LegalBasis) -> bool {
    b.purposes.is_empty() && b.data_categories.is_empty()
}

/// Reports purposes of a section or of its processors and joint controllers that no basis covers.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        // Only Art. 6(1) bases make processing lawful; an Art. 9(2) condition alone is PRV106.
        let lawful: Vec<&LegalBasis> = section
            .legal_bases
            .iter()
            .map(|b| &b.value)
            .filter(|b| bases::lookup(&b.basis.value).is_some_and(|l| l.article == 6))
            .collect();
        // Without any basis PRV003/PRV101/PRV106 have spoken; a second finding per purpose adds nothing.
        if lawful.is_empty() {
            continue;
        }
        let named = |purpose: &str| {
            lawful
                .iter()
                .any(|b| b.purposes.iter().any(|p| p.value == purpose))
        };
        let whole_section = lawful.iter().any(|b| covers_section(b));
        let own = section.purposes.iter().filter(|_| !whole_section);
        let services = section
            .processors
            .iter()
            .filter(|p| p.role.as_ref().is_none_or(|r| r.value != "controller"))
            .flat_map(|p| p.purposes.iter());
        // A service serving one of the section's own purposes shares that purpose's basis.
        let covered = |purpose: &str| {
            named(purpose) || whole_section && section.purposes.iter().any(|p| p.value == purpose)
        };
        for purpose in own.chain(services) {
            if covered(&purpose.value) {
                continue;
            }
            out.push(
                Diagnostic::new(&PURPOSE_BASIS_MISSING, file, purpose.span.clone(), format!("no legal basis covers the purpose `{}`", purpose.value))
                    .label("purpose without a basis")
                    .help("name this purpose in the `purposes` of the basis that covers it, or add a basis for it")
                    .note("GDPR Art. 13(1)(c): the purposes of the processing as well as the legal basis for the processing"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section, with_processor};

    #[test]
    fn a_basis_without_purposes_covers_the_sections_own_purposes() {
        // GDPR Art. 13(1)(c).
        assert!(codes(&[("a.yaml", &section(""))]).is_empty());
    }

    #[test]
    fn a_services_own_purpose_needs_a_basis_that_names_it() {
        // GDPR Art. 13(1)(c): the analytics purpose under a security-only basis (seed 10.5).
        let bad = with_processor("DE", "    purposes: [improving the user experience]\n");
        assert_eq!(codes(&[("a.yaml", &bad)]), ["PRV105"]);
        let ok = bad.replace(
            "  - basis: contract\n",
            "  - basis: contract\n  - basis: consent\n    purposes: [improving the user experience]\n",
        );
        assert!(codes(&[("a.yaml", &ok)]).is_empty(), "{ok}");
    }

    #[test]
    fn a_service_serving_a_purpose_of_the_section_shares_its_basis() {
        let y = with_processor("DE", "    purposes: [p]\n");
        assert!(codes(&[("a.yaml", &y)]).is_empty(), "{y}");
    }

    #[test]
    fn an_independent_controllers_purposes_are_its_own() {
        // GDPR Art. 4(7): it determines its own purposes and answers for them.
        let y = with_processor(
            "DE",
            "    role: controller\n    privacy_policy: https://p.example/privacy\n    purposes: [its own]\n",
        )
        .replace("    dpa:\n      concluded: true\n", "");
        assert!(codes(&[("a.yaml", &y)]).is_empty(), "{y}");
    }

    #[test]
    fn a_basis_limited_to_some_data_covers_no_purpose_it_does_not_name() {
        // Seed 10.3: "The processing of call content is based on our legitimate interests".
        let y = section("").replace(
            "  - basis: contract\n",
            "  - basis: legitimate-interests\n    interest: documentation\n    data_categories: [call content]\n",
        );
        assert_eq!(codes(&[("a.yaml", &y)]), ["PRV105"]);
    }
}
