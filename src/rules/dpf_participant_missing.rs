//! PRV207: the Data Privacy Framework claimed without the importer's DPF List entry.

use super::RuleCx;
use crate::catalogue::DPF_PARTICIPANT_MISSING;
use crate::diagnostic::Diagnostic;
use crate::law::mechanisms;

/// Reports `dpf` without `dpf_participant`.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, t) in cx.transfers() {
        if t.country.value != "US" || t.dpf_participant.is_some() {
            continue; // outside the US, PRV202 speaks
        }
        for m in &t.mechanisms {
            if mechanisms::lookup(&m.value).is_some_and(|m| m.code == "dpf") {
                out.push(
                    Diagnostic::new(
                        &DPF_PARTICIPANT_MISSING,
                        file,
                        m.span.clone(),
                        "the DPF is claimed but the importer's DPF List entry is not named",
                    )
                    .label("certified?")
                    .help("add `dpf_participant:` with the importer's page on dataprivacyframework.gov")
                    .note("Implementing Decision (EU) 2023/1795 covers only organisations on the DPF List"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    fn us(extra: &str) -> String {
        with_processor(
            "US",
            &format!(
                "    transfers:\n      - country: US\n        certainty: takes-place\n        mechanisms: [dpf]\n{extra}"
            ),
        )
    }

    #[test]
    fn dpf_without_a_list_entry_is_a_warning() {
        // Implementing Decision (EU) 2023/1795, Art. 1: certified organisations only.
        assert_eq!(codes(&[("a.yaml", &us(""))]), ["PRV207"]);
        let named =
            "        dpf_participant: https://www.dataprivacyframework.gov/participant/5780\n";
        assert!(codes(&[("a.yaml", &us(named))]).is_empty());
    }
}
