//! PRV201: a third-country transfer without a transfer tool.

use super::RuleCx;
use crate::catalogue::TRANSFER_MECHANISM_MISSING;
use crate::diagnostic::Diagnostic;
use crate::law::countries;

/// Reports third-country transfers without mechanisms.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, t) in cx.transfers() {
        let third =
            countries::name(&t.country.value).is_some() && !countries::is_eea(&t.country.value);
        if third && t.mechanisms.is_empty() {
            out.push(
                Diagnostic::new(&TRANSFER_MECHANISM_MISSING, file, t.country.span.clone(), format!("transfer to {} without a transfer mechanism", t.country.value))
                    .label("third country")
                    .help("add `mechanisms:`, e.g. `[scc]` or `[dpf, scc]`")
                    .note("GDPR Art. 44: a transfer to a third country needs a basis in Chapter V; Art. 13(1)(f) requires the policy to name it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    #[test]
    fn a_us_transfer_without_mechanism_is_an_error() {
        // GDPR Art. 44 and Art. 13(1)(f).
        let bad = with_processor(
            "US",
            "    transfers:\n      - country: US\n        certainty: takes-place\n",
        );
        assert_eq!(codes(&[("a.yaml", &bad)]), ["PRV201"]);
        let ok = with_processor(
            "US",
            "    transfers:\n      - country: US\n        certainty: takes-place\n        mechanisms: [scc]\n        copy: on-request\n",
        );
        assert!(codes(&[("a.yaml", &ok)]).is_empty());
    }
}
