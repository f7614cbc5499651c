//! PRV503: a controller outside the EEA without a representative in the Union.

use super::RuleCx;
use crate::catalogue::REPRESENTATIVE_MISSING;
use crate::diagnostic::Diagnostic;
use crate::law::countries;

/// Reports a controller established outside the EEA that names no representative, and a
/// representative that is not established in the EEA.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    let Some((file, config)) = cx.config() else {
        return;
    };
    let Some(c) = &config.controller else { return };
    // An unknown code is PRV010's finding; guessing here would add a second one.
    let outside = |code: &str| countries::name(code).is_some() && !countries::is_eea(code);
    match &c.representative {
        None if outside(&c.country.value) => out.push(
            Diagnostic::new(&REPRESENTATIVE_MISSING, file, c.country.span.clone(), format!("the controller is established in {}, outside the EEA, and names no representative in the Union", c.country.value))
                .label("outside the EEA")
                .help("add `representative:` with its `legal_name`, `address`, `country` and `email`, or suppress this finding if Art. 27(2) exempts you")
                .note("GDPR Art. 27(1) and Art. 13(1)(a): a controller outside the Union designates a representative there, and the notice names it"),
        ),
        Some(r) if outside(&r.country.value) => out.push(
            Diagnostic::new(&REPRESENTATIVE_MISSING, file, r.country.span.clone(), format!("the representative is established in {}, outside the EEA", r.country.value))
                .label("outside the EEA")
                .help("name a representative established in a Member State where the data subjects are")
                .note("GDPR Art. 27(3): the representative is established in one of the Member States where the data subjects are"),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{config_codes, section};

    const US: &str =
        "controller:\n  legal_name: C Inc.\n  address: A\n  country: US\n  email: c@example.com\n";

    #[test]
    fn a_controller_outside_the_union_names_its_representative() {
        // GDPR Art. 27(1), Art. 13(1)(a).
        assert_eq!(config_codes(US, &section("")), ["PRV503"]);
        let with = format!(
            "{US}  representative: {{ legal_name: R, address: B, country: IE, email: r@example.ie }}\n"
        );
        assert!(config_codes(&with, &section("")).is_empty());
        let de = US.replace("country: US", "country: DE");
        assert!(config_codes(&de, &section("")).is_empty());
    }

    #[test]
    fn the_representative_is_established_in_a_member_state() {
        // GDPR Art. 27(3).
        let abroad =
            format!("{US}  representative: {{ legal_name: R, address: B, country: CH }}\n");
        assert_eq!(config_codes(&abroad, &section("")), ["PRV503"]);
    }
}
