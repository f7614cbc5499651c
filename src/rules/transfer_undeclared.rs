//! PRV205: a provider outside the EEA with no transfer declared.

use super::RuleCx;
use crate::catalogue::TRANSFER_UNDECLARED;
use crate::diagnostic::Diagnostic;
use crate::law::countries;

/// Reports third-country providers, of services and of onward recipients, without a
/// matching transfer.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, p) in cx.processors() {
        let onward = p
            .onward_recipients
            .iter()
            .filter_map(|r| r.provider.as_ref().map(|e| (&r.name, e, &r.transfers)));
        for (name, provider, transfers) in
            std::iter::once((&p.service, &p.provider, &p.transfers)).chain(onward)
        {
            let country = &provider.country;
            if countries::name(&country.value).is_none() || countries::is_eea(&country.value) {
                continue;
            }
            if transfers.iter().any(|t| t.country.value == country.value) {
                continue;
            }
            out.push(
            Diagnostic::new(&TRANSFER_UNDECLARED, file, country.span.clone(), format!("provider of {} is in {} but no transfer there is declared", name.value, country.value))
                .label("third country")
                .help(format!("add a `transfers` entry for {} with its mechanism", country.value))
                .note("GDPR Art. 13(1)(f): the controller must state any intended transfer to a third country"),
        );
        }
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
    fn an_onward_recipient_in_the_us_needs_its_transfer_too() {
        // GDPR Art. 13(1)(f) and 44: a sub-processor's transfer is a transfer.
        let bare = "    onward_recipients:\n      - name: CRM\n        provider: { legal_name: CRM Inc., address: A, country: US }\n";
        assert_eq!(
            codes(&[("a.yaml", &with_processor("DE", bare))]),
            ["PRV205"]
        );
        let declared = format!(
            "{bare}        transfers:\n          - country: US\n            certainty: takes-place\n            mechanisms: [scc]\n            copy: on-request\n"
        );
        assert!(codes(&[("a.yaml", &with_processor("DE", &declared))]).is_empty());
        let no_copy = declared.replace("            copy: on-request\n", "");
        assert_eq!(
            codes(&[("a.yaml", &with_processor("DE", &no_copy))]),
            ["PRV210"],
            "the transfer rules apply to onward recipients"
        );
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
