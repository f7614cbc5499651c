//! PRV205: a provider outside the EEA with no transfer declared.

use super::RuleCx;
use crate::catalogue::TRANSFER_UNDECLARED;
use crate::diagnostic::Diagnostic;
use crate::law::countries;

/// Reports third-country providers without a matching transfer.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, p) in cx.processors() {
        let country = &p.provider.country;
        if countries::name(&country.value).is_none() || countries::is_eea(&country.value) {
            continue;
        }
        if p.transfers.iter().any(|t| t.country.value == country.value) {
            continue;
        }
        out.push(
            Diagnostic::new(&TRANSFER_UNDECLARED, file, country.span.clone(), format!("provider of {} is in {} but no transfer there is declared", p.service.value, country.value))
                .label("third country")
                .help(format!("add a `transfers` entry for {} with its mechanism", country.value))
                .note("GDPR Art. 13(1)(f): the controller must state any intended transfer to a third country"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    #[test]
    fn a_us_provider_needs_a_declared_transfer() {
        // GDPR Art. 13(1)(f).
        assert_eq!(codes(&[("a.yaml", &with_processor("US", ""))]), ["PRV205"]);
        assert!(codes(&[("a.yaml", &with_processor("IE", ""))]).is_empty());
    }

    #[test]
    fn outermost_regions_and_aland_are_no_third_countries() {
        // Art. 349 and 355(1) TFEU (Réunion, the Canary Islands); Art. 355(4) TFEU (Åland).
        for code in ["RE", "IC", "AX"] {
            assert!(
                codes(&[("a.yaml", &with_processor(code, ""))]).is_empty(),
                "{code}"
            );
        }
        // Art. 355(2) TFEU, Annex II: New Caledonia is an overseas country, not the EU.
        assert_eq!(codes(&[("a.yaml", &with_processor("NC", ""))]), ["PRV205"]);
    }
}
