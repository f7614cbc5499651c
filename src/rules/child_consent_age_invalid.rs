//! PRV604: an age of digital consent the GDPR does not allow.

use super::RuleCx;
use crate::catalogue::CHILD_CONSENT_AGE_INVALID;
use crate::diagnostic::Diagnostic;

/// The age of Art. 8(1) GDPR where the project sets none.
pub const DEFAULT_AGE: u32 = 16;

/// Reports a `child_consent_age` outside 13 to 16.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    let Some((file, config)) = cx.config() else {
        return;
    };
    if let Some(age) = &config.child_consent_age
        && !(13..=16).contains(&age.value)
    {
        out.push(
            Diagnostic::new(&CHILD_CONSENT_AGE_INVALID, file, age.span.clone(), format!("{} is not an age of consent the GDPR allows", age.value))
                .label("outside 13 to 16")
                .help("write the age your Member State sets: 16 by default, not below 13")
                .note("GDPR Art. 8(1): 16 years, or a lower age provided by Member State law, not below 13"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{config_codes, section};

    #[test]
    fn the_age_is_between_13_and_16() {
        // GDPR Art. 8(1), second subparagraph.
        let c = "controller: { legal_name: C, address: A, country: DE, email: c@example.com }\n";
        for ok in [13, 16] {
            assert!(
                config_codes(&format!("{c}child_consent_age: {ok}\n"), &section("")).is_empty()
            );
        }
        for bad in [12, 17] {
            assert_eq!(
                config_codes(&format!("{c}child_consent_age: {bad}\n"), &section("")),
                ["PRV604"]
            );
        }
    }
}
