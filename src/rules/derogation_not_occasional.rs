//! PRV212: a transfer that rests on Art. 49 derogations alone and is not occasional.

use super::RuleCx;
use crate::catalogue::DEROGATION_NOT_OCCASIONAL;
use crate::diagnostic::Diagnostic;
use crate::law::mechanisms;

/// Reports transfers on derogations alone without `occasional: true`.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, t) in cx.transfers() {
        if t.occasional.as_ref().is_some_and(|o| o.value) || t.mechanisms.is_empty() {
            continue;
        }
        let found: Vec<_> = t
            .mechanisms
            .iter()
            .filter_map(|m| mechanisms::lookup(&m.value))
            .collect();
        if found.len() != t.mechanisms.len() || found.iter().any(|m| m.provision.0 != 49) {
            continue; // unknown codes are PRV206's; a safeguard carries regular transfers
        }
        let span = t.mechanisms[0].span.start..t.mechanisms[t.mechanisms.len() - 1].span.end;
        out.push(
            Diagnostic::new(
                &DEROGATION_NOT_OCCASIONAL,
                file,
                span,
                "a transfer that rests on Art. 49 derogations alone must be occasional",
            )
            .label("derogations only")
            .help("for regular transfers name an adequacy decision or a safeguard (e.g. `scc`); for an occasional one add `occasional: true`")
            .note("GDPR Art. 49(1) and Recital 111; EDPB Guidelines 2/2018 read the derogations restrictively"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    fn t(mechanisms: &str, extra: &str) -> String {
        with_processor(
            "AU",
            &format!(
                "    transfers:\n      - country: AU\n        certainty: takes-place\n        mechanisms: [{mechanisms}]\n        copy: on-request\n{extra}"
            ),
        )
    }

    #[test]
    fn derogations_alone_must_be_occasional() {
        // GDPR Art. 49(1), Recital 111.
        assert_eq!(
            codes(&[("a.yaml", &t("derogation-contract", ""))]),
            ["PRV212"]
        );
        let occasional = "        occasional: true\n";
        assert!(codes(&[("a.yaml", &t("derogation-contract", occasional))]).is_empty());
        let with_sccs = "        relation: fallback\n";
        assert!(codes(&[("a.yaml", &t("scc, derogation-contract", with_sccs))]).is_empty());
    }
}
