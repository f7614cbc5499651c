//! PRV208: a partial adequacy decision relied on without saying the importer falls under it.

use super::RuleCx;
use crate::catalogue::ADEQUACY_SCOPE_UNCONFIRMED;
use crate::diagnostic::Diagnostic;
use crate::law::{adequacy, mechanisms};

/// Reports `adequacy` under a partial decision without `in_scope: true`.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, t) in cx.transfers() {
        if t.in_scope.as_ref().is_some_and(|s| s.value) {
            continue;
        }
        let Some(decision) = adequacy::in_force(&t.country.value, cx.date) else {
            continue; // no decision: PRV203 speaks
        };
        // The US decision's scope is the DPF List: `dpf` and PRV207 cover it.
        if !decision.is_partial() || t.country.value == "US" {
            continue;
        }
        for m in &t.mechanisms {
            if mechanisms::lookup(&m.value).is_some_and(|m| m.code == "adequacy") {
                out.push(
                    Diagnostic::new(
                        &ADEQUACY_SCOPE_UNCONFIRMED,
                        file,
                        m.span.clone(),
                        format!(
                            "the adequacy decision for {} covers {}; the register does not say the importer falls under it",
                            t.country.value, decision.scope
                        ),
                    )
                    .label("partial decision")
                    .help("add `in_scope: true` if the importer falls under the decision, else name an Art. 46 safeguard")
                    .note(format!("{} (GDPR Art. 45({}))", decision.decision, decision.paragraph())),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    fn to(country: &str, extra: &str) -> String {
        with_processor(
            country,
            &format!(
                "    transfers:\n      - country: {country}\n        certainty: takes-place\n        mechanisms: [adequacy]\n{extra}"
            ),
        )
    }

    #[test]
    fn japan_needs_the_importer_in_scope_and_switzerland_does_not() {
        // Implementing Decision (EU) 2019/419 covers operators subject to the APPI only;
        // Decision 2000/518/EC covers Switzerland as a whole.
        assert_eq!(codes(&[("a.yaml", &to("JP", ""))]), ["PRV208"]);
        assert!(codes(&[("a.yaml", &to("JP", "        in_scope: true\n"))]).is_empty());
        assert!(codes(&[("a.yaml", &to("CH", ""))]).is_empty());
    }
}
