//! PRV102: Art. 6(1)(f) without the interest pursued.

use super::RuleCx;
use crate::catalogue::LEGITIMATE_INTEREST_MISSING;
use crate::diagnostic::Diagnostic;
use crate::law::bases;

/// Words that name the kind of basis, not the interest: an `interest` made of them alone
/// ("our legitimate business interests") restates Art. 6(1)(f) instead of naming what is pursued.
const PLACEHOLDER_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "business",
    "commercial",
    "economic",
    "in",
    "interest",
    "interests",
    "justified",
    "legitimate",
    "of",
    "or",
    "our",
    "the",
    "we",
    "have",
    "pursue",
    "pursued",
    // German: "unser berechtigtes Interesse", "berechtigte wirtschaftliche Interessen".
    "unser",
    "unsere",
    "unseres",
    "berechtigt",
    "berechtigte",
    "berechtigtes",
    "berechtigten",
    "interesse",
    "interessen",
    "wirtschaftlich",
    "wirtschaftliche",
    "wirtschaftlichen",
    "geschäftliche",
    "geschäftlichen",
    "und",
    "an",
    "am",
    "der",
    "die",
    "das",
];

/// Whether `interest` is only a placeholder: no word of it says what the interest is.
pub fn is_placeholder(interest: &str) -> bool {
    interest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| PLACEHOLDER_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Reports Art. 6(1)(f) bases without an interest, or with a placeholder for one.
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
            } else if let Some(interest) = lb
                .interest
                .as_ref()
                .filter(|i| is_f && is_placeholder(&i.value))
            {
                out.push(
                    Diagnostic::new(&LEGITIMATE_INTEREST_MISSING, file, interest.span.clone(), format!("`{}` names no interest", interest.value))
                        .label("restates the basis")
                        .help("say what the interest is, e.g. `interest: the security of our dashboard`")
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

    #[test]
    fn a_placeholder_is_no_interest() {
        // GDPR Art. 13(1)(d) asks for "the legitimate interests pursued", not the label.
        let with = |i: &str| {
            section("").replace(
                "basis: contract",
                &format!("basis: legitimate-interests\n    interest: {i}"),
            )
        };
        for placeholder in [
            "our legitimate interest",
            "Legitimate business interests",
            "economic interests",
            "unser berechtigtes Interesse",
            "berechtigte wirtschaftliche Interessen",
        ] {
            assert_eq!(
                codes(&[("a.yaml", &with(placeholder))]),
                ["PRV102"],
                "{placeholder}"
            );
        }
        for real in [
            "the security of our dashboard",
            "direct marketing",
            "fraud prevention",
        ] {
            assert!(codes(&[("a.yaml", &with(real))]).is_empty(), "{real}");
        }
    }
}
