//! PRV304: an onward recipient named without its legal entity.

use super::RuleCx;
use crate::catalogue::RECIPIENT_ENTITY_MISSING;
use crate::diagnostic::Diagnostic;

/// Reports onward recipients without `provider`.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, p) in cx.processors() {
        for r in p.onward_recipients.iter().filter(|r| r.provider.is_none()) {
            out.push(
                Diagnostic::new(
                    &RECIPIENT_ENTITY_MISSING,
                    file,
                    r.name.span.clone(),
                    format!(
                        "{} receives data from {}, but the register does not name its legal entity",
                        r.name.value, p.service.value
                    ),
                )
                .label("which company, where?")
                .help("add `provider: { legal_name: ..., address: ..., country: ... }`")
                .note("GDPR Art. 13(1)(e): the recipients of the personal data"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    #[test]
    fn an_onward_recipient_needs_its_entity() {
        // GDPR Art. 13(1)(e).
        let bare = "    onward_recipients:\n      - name: HubSpot\n";
        assert_eq!(
            codes(&[("a.yaml", &with_processor("DE", bare))]),
            ["PRV304"]
        );
        let named = "    onward_recipients:\n      - name: HubSpot\n        provider: { legal_name: H Ltd, address: A, country: IE }\n";
        assert!(codes(&[("a.yaml", &with_processor("DE", named))]).is_empty());
    }
}
