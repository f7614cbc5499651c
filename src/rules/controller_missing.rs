//! PRV501: the chapter names no controller.

use super::RuleCx;
use crate::catalogue::CONTROLLER_MISSING;
use crate::diagnostic::Diagnostic;

/// Reports a `privreg.yaml` without `controller`.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    // Without privreg.yaml there is no file to point at; `init` writes one.
    let Some((file, config)) = cx.config() else {
        return;
    };
    if config.controller.is_none() {
        out.push(
            Diagnostic::new(&CONTROLLER_MISSING, file, config.span.start..config.span.start, "privreg.yaml names no controller")
                .help("add `controller:` with `legal_name`, `address`, `country` and an `email`, `phone` or `web_form`")
                .note("GDPR Art. 13(1)(a): the identity and the contact details of the controller must be given"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{config_codes, section};

    #[test]
    fn a_policy_without_its_controller_gets_a_warning() {
        // GDPR Art. 13(1)(a).
        assert_eq!(config_codes("chapter: \"10\"\n", &section("")), ["PRV501"]);
        let named =
            "controller: { legal_name: C, address: A, country: DE, email: c@example.com }\n";
        assert!(config_codes(named, &section("")).is_empty());
    }
}
