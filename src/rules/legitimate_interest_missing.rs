//! PRV102: Art. 6(1)(f) without the interest pursued.

use super::RuleCx;
use crate::catalogue::LEGITIMATE_INTEREST_MISSING;
use crate::diagnostic::Diagnostic;
use crate::law::bases;

/// Reports Art. 6(1)(f) bases without an interest.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        for lb in &section.legal_bases {
            let is_f =
                bases::lookup(&lb.basis.value).is_some_and(|b| b.code == "legitimate-interests");
            if is_f && lb.interest.is_none() {
                out.push(
                    Diagnostic::new(&LEGITIMATE_INTEREST_MISSING, file, lb.basis.span.clone(), "legitimate interests without the interest pursued")
                        .label("Art. 6(1)(f) GDPR")
                        .help("add `interest:` naming the legitimate interest pursued")
                        .note("GDPR Art. 13(1)(d): where processing is based on Art. 6(1)(f), the legitimate interests pursued must be stated"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn legitimate_interests_need_the_interest() {
        // GDPR Art. 13(1)(d).
        let bad = section("").replace("basis: contract", "basis: legitimate-interests");
        assert_eq!(codes(&[("a.yaml", &bad)]), ["PRV102"]);
        let ok = bad.replace(
            "basis: legitimate-interests",
            "basis: legitimate-interests\n    interest: security",
        );
        assert!(codes(&[("a.yaml", &ok)]).is_empty());
    }
}
