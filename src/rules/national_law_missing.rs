//! PRV107: an Art. 9(2) condition that rests on national law, without that law.

use super::RuleCx;
use crate::catalogue::NATIONAL_LAW_MISSING;
use crate::diagnostic::Diagnostic;
use crate::law::bases;

/// The points of Art. 9(2) that apply only as Union or Member State law provides.
pub const NEEDS_LAW: &[char] = &['b', 'g', 'h', 'i', 'j'];

/// Reports such conditions without `national_law`.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        for b in &section.legal_bases {
            let Some(law) = bases::lookup(&b.basis.value) else {
                continue;
            };
            if law.article == 9 && NEEDS_LAW.contains(&law.point) && b.national_law.is_none() {
                out.push(
                    Diagnostic::new(&NATIONAL_LAW_MISSING, file, b.basis.span.clone(), format!("Art. 9(2)({}) GDPR is cited without the law it rests on", law.point))
                        .label("applies as Union or Member State law provides")
                        .help("add `national_law:` with the provision, e.g. `national_law: § 22 para. 1 no. 1 lit. b BDSG`")
                        .note(format!("GDPR Art. 9(2)({}) applies on the basis of Union or Member State law", law.point)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn points_that_rest_on_member_state_law_name_it() {
        // GDPR Art. 9(2)(h): "on the basis of Union or Member State law".
        let h = section("special_categories: [health]\n").replace(
            "  - basis: contract\n",
            "  - basis: contract\n  - basis: A9-2-h\n",
        );
        assert_eq!(codes(&[("a.yaml", &h)]), ["PRV107"]);
        let with_law = h.replace(
            "  - basis: A9-2-h\n",
            "  - basis: A9-2-h\n    national_law: § 22 para. 1 no. 1 lit. b BDSG\n",
        );
        assert!(codes(&[("a.yaml", &with_law)]).is_empty());
        // Art. 9(2)(a), explicit consent, needs no law of its own.
        let a = h.replace("A9-2-h", "explicit-consent");
        assert!(codes(&[("a.yaml", &a)]).is_empty());
    }
}
