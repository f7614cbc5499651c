//! PRV203: adequacy claimed for a country without a decision in force.

use super::RuleCx;
use crate::catalogue::ADEQUACY_DECISION_MISSING;
use crate::diagnostic::Diagnostic;
use crate::law::{adequacy, countries, mechanisms};

/// Reports adequacy claimed without a decision in force.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, t) in cx.transfers() {
        let country = t.country.value.as_str();
        if countries::name(country).is_none() || countries::is_eea(country) {
            continue;
        }
        for m in &t.mechanisms {
            if mechanisms::lookup(&m.value).is_none_or(|m| m.code != "adequacy") {
                continue;
            }
            if adequacy::in_force(country, cx.date).is_some() {
                continue;
            }
            let mut d = Diagnostic::new(
                &ADEQUACY_DECISION_MISSING,
                file,
                m.span.clone(),
                format!(
                    "no adequacy decision for {country} is in force on {}",
                    cx.date
                ),
            )
            .label("claimed here")
            .secondary(t.country.span.clone(), "destination")
            .help("name the safeguard actually used, e.g. `scc` (Art. 46(2)(c) GDPR)");
            if let Some(dec) = adequacy::any(country) {
                d = d.note(format!(
                    "{} of {} is not in force on {}",
                    dec.decision, dec.adopted, cx.date
                ));
            } else {
                d = d.note("the Commission has adopted no adequacy decision for this country (GDPR Art. 45(3))");
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    fn t(c: &str) -> String {
        with_processor(
            c,
            &format!(
                "    transfers:\n      - country: {c}\n        certainty: possible\n        mechanisms: [adequacy]\n"
            ),
        )
    }

    #[test]
    fn india_has_no_adequacy_decision() {
        assert_eq!(codes(&[("a.yaml", &t("IN"))]), ["PRV203"]);
    }

    #[test]
    fn japan_has_one() {
        // Commission Implementing Decision (EU) 2019/419 of 23 January 2019.
        assert!(codes(&[("a.yaml", &t("JP"))]).is_empty());
    }
}
