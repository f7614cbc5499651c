//! PRV702: a transfer on compelling legitimate interests without its safeguards documented.

use super::RuleCx;
use crate::catalogue::SAFEGUARDS_DOCUMENTATION_MISSING;
use crate::diagnostic::Diagnostic;

/// Reports `derogation-compelling-interests` without `safeguards`.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    if !cx.record {
        return;
    }
    for (file, _, t) in cx.transfers() {
        if t.safeguards.is_some() {
            continue;
        }
        if let Some(m) = t.compelling_interests() {
            out.push(
                Diagnostic::new(&SAFEGUARDS_DOCUMENTATION_MISSING, file, m.span.clone(), "the record would not document the safeguards of this transfer")
                    .label("which safeguards?")
                    .help("add `safeguards:` describing the suitable safeguards adduced for the transfer")
                    .note("GDPR Art. 30(1)(e), 49(6): for transfers under the second subparagraph of Art. 49(1), the record documents the assessment and the suitable safeguards"),
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
                "    transfers:\n      - country: AU\n        certainty: takes-place\n        mechanisms: [derogation-compelling-interests]\n        occasional: true\n        compelling_interest: recovering a disputed payment\n{extra}"
            ),
        )
    }

    #[test]
    fn a_transfer_on_compelling_interests_documents_its_safeguards() {
        // GDPR Art. 30(1)(e) and 49(6).
        assert_eq!(codes(&[("a.yaml", &t(""))]), ["PRV702"]);
        let documented = "        safeguards: only the disputed invoice, encrypted\n";
        assert!(codes(&[("a.yaml", &t(documented))]).is_empty());
    }
}
