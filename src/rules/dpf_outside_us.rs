//! PRV202: the EU-US Data Privacy Framework claimed for a country other than the US.

use super::{RuleCx, importer_country};
use crate::catalogue::DPF_OUTSIDE_US;
use crate::diagnostic::Diagnostic;
use crate::law::mechanisms;

/// Reports DPF claimed outside the US, or for a transfer whose importer is not a US
/// organisation.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, h, t) in cx.transfers() {
        if t.country.value == "US" {
            let Some(m) = t
                .mechanisms
                .iter()
                .find(|m| mechanisms::lookup(&m.value).is_some_and(|m| m.code == "dpf"))
            else {
                continue;
            };
            let message = match importer_country(h, t) {
                Some("US") => continue,
                Some(other) => {
                    format!("the DPF covers US organisations only, and the importer is in {other}")
                }
                None => match h.provider {
                    Some(p) => format!(
                        "the DPF covers US organisations only, and the provider {} is in {}: the register does not name the US importer",
                        p.legal_name.value, p.country.value
                    ),
                    None => format!(
                        "the DPF covers US organisations only, and the register names neither {}'s entity nor the US importer",
                        h.name.value
                    ),
                },
            };
            out.push(
                Diagnostic::new(&DPF_OUTSIDE_US, file, m.span.clone(), message)
                    .label("certified importer?")
                    .help("name the certified US entity that receives the data: `importer: { legal_name: ..., country: US }`")
                    .note("Commission Implementing Decision (EU) 2023/1795, Art. 1: the decision covers organisations in the United States on the DPF List"),
            );
            continue;
        }
        for m in &t.mechanisms {
            if mechanisms::lookup(&m.value).is_some_and(|m| m.code == "dpf") {
                out.push(
                    Diagnostic::new(&DPF_OUTSIDE_US, file, m.span.clone(), format!("the EU-US Data Privacy Framework does not cover transfers to {}", t.country.value))
                        .label("US only")
                        .secondary(t.country.span.clone(), "destination")
                        .help("use the mechanism that covers this country, e.g. `scc` or `adequacy`")
                        .note("Commission Implementing Decision (EU) 2023/1795 of 10 July 2023 covers certified organisations in the United States only"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    #[test]
    fn dpf_for_india_is_an_error() {
        // Implementing Decision (EU) 2023/1795 covers the US only.
        let t = |c: &str| {
            with_processor(
                c,
                &format!(
                    "    transfers:\n      - country: {c}\n        certainty: takes-place\n        mechanisms: [dpf]\n"
                ),
            )
        };
        assert_eq!(codes(&[("a.yaml", &t("IN"))]), ["PRV202"]);
    }

    #[test]
    fn an_irish_provider_needs_its_us_importer_named() {
        // Implementing Decision (EU) 2023/1795, Art. 1: only US organisations on the DPF List.
        let us = |extra: &str| {
            with_processor(
                "IE",
                &format!(
                    "    transfers:\n      - country: US\n        certainty: takes-place\n        mechanisms: [dpf]\n        dpf_participant: https://www.dataprivacyframework.gov/participant/5780\n{extra}"
                ),
            )
        };
        assert_eq!(codes(&[("a.yaml", &us(""))]), ["PRV202"]);
        let llc = "        importer:\n          legal_name: Google LLC\n          country: US\n";
        assert!(codes(&[("a.yaml", &us(llc))]).is_empty());
        let irish = "        importer:\n          legal_name: Google Ireland Limited\n          country: IE\n";
        assert_eq!(codes(&[("a.yaml", &us(irish))]), ["PRV202"]);
    }
}
