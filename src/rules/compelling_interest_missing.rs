//! PRV213: compelling legitimate interests claimed without saying which.

use super::RuleCx;
use crate::catalogue::COMPELLING_INTEREST_MISSING;
use crate::diagnostic::Diagnostic;

/// Reports `derogation-compelling-interests` without `compelling_interest`.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, t) in cx.transfers() {
        if t.compelling_interest.is_some() {
            continue;
        }
        if let Some(m) = t.compelling_interests() {
            out.push(
                Diagnostic::new(
                    &COMPELLING_INTEREST_MISSING,
                    file,
                    m.span.clone(),
                    "compelling legitimate interests are claimed, but not which",
                )
                .label("which interests?")
                .help("add `compelling_interest:` naming the interests pursued")
                .note("GDPR Art. 49(1), second subparagraph: the data subject is informed of the transfer and of the compelling legitimate interests pursued"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    fn t(extra: &str) -> String {
        with_processor(
            "AU",
            &format!(
                "    transfers:\n      - country: AU\n        certainty: takes-place\n        mechanisms: [derogation-compelling-interests]\n        occasional: true\n        safeguards: encrypted\n{extra}"
            ),
        )
    }

    #[test]
    fn compelling_interests_must_be_named() {
        // GDPR Art. 49(1), second subparagraph.
        assert_eq!(codes(&[("a.yaml", &t(""))]), ["PRV213"]);
        let named = "        compelling_interest: recovering a disputed payment\n";
        assert!(codes(&[("a.yaml", &t(named))]).is_empty());
    }
}
