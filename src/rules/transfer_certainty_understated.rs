//! PRV211: a transfer to the provider's own country called merely possible.

use super::RuleCx;
use crate::catalogue::TRANSFER_CERTAINTY_UNDERSTATED;
use crate::diagnostic::Diagnostic;

/// Reports an uncertain transfer to the country where the provider is established.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, h, t) in cx.transfers() {
        let Some(p) = h.provider else { continue };
        let uncertain = matches!(
            t.certainty.value.as_str(),
            "cannot-be-excluded" | "possible"
        );
        if !uncertain || p.country.value != t.country.value {
            continue;
        }
        out.push(
            Diagnostic::new(
                &TRANSFER_CERTAINTY_UNDERSTATED,
                file,
                t.certainty.span.clone(),
                format!(
                    "{} is established in {}: data sent to it is there, the transfer takes place",
                    p.legal_name.value, t.country.value
                ),
            )
            .label("understated")
            .secondary(p.country.span.clone(), "the provider's country")
            .help("write `certainty: takes-place`")
            .note("WP260 rev.01, paragraphs 12-13: qualifiers such as \"may\" or \"possible\" do not state a transfer clearly (GDPR Art. 12(1), 13(1)(f))"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    fn t(provider: &str, certainty: &str) -> String {
        with_processor(
            provider,
            &format!(
                "    transfers:\n      - country: US\n        certainty: {certainty}\n        mechanisms: [dpf]\n        dpf_participant: https://www.dataprivacyframework.gov/participant/1\n"
            ),
        )
    }

    #[test]
    fn a_us_provider_transfers_for_certain() {
        // WP260 rev.01, paras 12-13; GDPR Art. 13(1)(f).
        assert_eq!(codes(&[("a.yaml", &t("US", "possible"))]), ["PRV211"]);
        assert_eq!(
            codes(&[("a.yaml", &t("US", "cannot-be-excluded"))]),
            ["PRV211"]
        );
        assert!(codes(&[("a.yaml", &t("US", "takes-place"))]).is_empty());
    }
}
