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
            let Some(code) = mechanisms::lookup(&m.value).map(|m| m.code) else {
                continue;
            };
            if code == "adequacy" && country == "US" {
                out.push(
                    Diagnostic::new(
                        &ADEQUACY_DECISION_MISSING,
                        file,
                        m.span.clone(),
                        "the US adequacy decision covers only organisations certified under the EU-US Data Privacy Framework",
                    )
                    .label("which decision?")
                    .secondary(t.country.span.clone(), "destination")
                    .help("if the importer is on the DPF List, declare `dpf` with `dpf_participant`; otherwise name the safeguard, e.g. `scc`")
                    .note("Commission Implementing Decision (EU) 2023/1795, Art. 1 (GDPR Art. 45(3))"),
                );
                continue;
            }
            let dpf_in_the_us = code == "dpf" && country == "US";
            if !(code == "adequacy" || dpf_in_the_us)
                || adequacy::in_force(country, cx.date).is_some()
            {
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
                let until = dec
                    .valid_until
                    .map(|u| format!(" until {u}"))
                    .unwrap_or_default();
                d = d.note(format!(
                    "{} is in force from {}{until}",
                    dec.decision, dec.adopted
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
                "    transfers:\n      - country: {c}\n        certainty: takes-place\n        mechanisms: [adequacy]\n"
            ),
        )
    }

    #[test]
    fn india_has_no_adequacy_decision() {
        assert_eq!(codes(&[("a.yaml", &t("IN"))]), ["PRV203"]);
    }

    #[test]
    fn the_us_has_a_decision_only_for_dpf_organisations_and_only_from_10_july_2023() {
        // Implementing Decision (EU) 2023/1795 of 10 July 2023, Art. 1.
        assert_eq!(codes(&[("a.yaml", &t("US"))]), ["PRV203"]);
        let dpf = with_processor(
            "US",
            "    transfers:\n      - country: US\n        certainty: takes-place\n        mechanisms: [dpf]\n        dpf_participant: https://www.dataprivacyframework.gov/participant/1\n",
        );
        assert!(codes(&[("a.yaml", &dpf)]).is_empty());
        let before = crate::rules::test_support::diagnostics_on(
            &[("a.yaml", &dpf)],
            jiff::civil::date(2023, 7, 9),
        );
        assert_eq!(
            before.iter().map(|d| d.code()).collect::<Vec<_>>(),
            ["PRV203"]
        );
    }

    #[test]
    fn japan_has_one() {
        // Commission Implementing Decision (EU) 2019/419 of 23 January 2019; it is partial,
        // so without `in_scope` PRV208 asks whether the importer falls under it.
        assert_eq!(codes(&[("a.yaml", &t("JP"))]), ["PRV208"]);
    }
}
