//! PRV202: the EU-US Data Privacy Framework claimed for a country other than the US.

use super::RuleCx;
use crate::catalogue::DPF_OUTSIDE_US;
use crate::diagnostic::Diagnostic;
use crate::law::mechanisms;

/// Reports DPF claimed outside the US.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, t) in cx.transfers() {
        if t.country.value == "US" {
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
                    "    transfers:\n      - country: {c}\n        certainty: possible\n        mechanisms: [dpf]\n"
                ),
            )
        };
        assert_eq!(codes(&[("a.yaml", &t("IN"))]), ["PRV202"]);
        assert!(codes(&[("a.yaml", &t("US"))]).is_empty());
    }
}
