//! PRV102: Art. 6(1)(f) without the interest pursued.

use super::RuleCx;
use crate::diagnostic::Diagnostic;
use crate::law::bases;

crate::declare_rule! {
    /// A legal basis of legitimate interests does not name the interest pursued.
    ///
    /// ## What it does
    /// Reports every `legitimate-interests` (`A6-1-f`) basis without an `interest`.
    ///
    /// ## Why is this bad?
    /// Where processing rests on Art. 6(1)(f), the controller must tell the data subject
    /// which legitimate interests it pursues. "Our legitimate interest" alone says nothing
    /// a reader can weigh against their own interests or object to.
    ///
    /// ## Example
    /// ```yaml
    /// legal_bases:
    ///   - basis: legitimate-interests
    /// ```
    /// Use instead:
    /// ```yaml
    /// legal_bases:
    ///   - basis: legitimate-interests
    ///     interest: effective external representation and contact management
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 13(1)(d) and Art. 14(2)(b).
    pub static LEGITIMATE_INTEREST_MISSING = ("PRV102", "legitimate-interest-missing", Error);
}

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
