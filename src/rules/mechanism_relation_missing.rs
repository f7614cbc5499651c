//! PRV209: several transfer mechanisms with no word on how they relate.

use super::RuleCx;
use crate::catalogue::MECHANISM_RELATION_MISSING;
use crate::diagnostic::Diagnostic;

/// Reports two or more mechanisms without `relation`.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, t) in cx.transfers() {
        if t.mechanisms.len() < 2 || t.relation.is_some() {
            continue;
        }
        let span = t.mechanisms[0].span.start..t.mechanisms[t.mechanisms.len() - 1].span.end;
        out.push(
            Diagnostic::new(
                &MECHANISM_RELATION_MISSING,
                file,
                span,
                "several mechanisms, but not whether the later ones are a fallback or alternatives",
            )
            .label("how do these relate?")
            .help("add `relation: fallback` (the later apply only where the earlier do not) or `relation: alternatives` (either applies)")
            .note("the policy states them in their legal order: Art. 45, then Art. 46 and 47, then Art. 49 GDPR"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    fn us(extra: &str) -> String {
        with_processor(
            "US",
            &format!(
                "    transfers:\n      - country: US\n        certainty: takes-place\n        mechanisms: [dpf, scc]\n        dpf_participant: https://www.dataprivacyframework.gov/participant/1\n        copy: on-request\n{extra}"
            ),
        )
    }

    #[test]
    fn two_mechanisms_need_a_relation() {
        // Art. 46(1) GDPR: safeguards apply "in the absence of" an adequacy decision.
        assert_eq!(codes(&[("a.yaml", &us(""))]), ["PRV209"]);
        assert!(codes(&[("a.yaml", &us("        relation: fallback\n"))]).is_empty());
        assert!(codes(&[("a.yaml", &us("        relation: alternatives\n"))]).is_empty());
        assert_eq!(
            codes(&[("a.yaml", &us("        relation: both\n"))]),
            ["PRV013"]
        );
    }
}
