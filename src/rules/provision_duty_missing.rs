//! PRV601: whether the data must be provided, and the consequences, are not stated.

use super::RuleCx;
use crate::catalogue::PROVISION_DUTY_MISSING;
use crate::diagnostic::Diagnostic;

/// Accepted values of `provision.requirement`.
pub const REQUIREMENTS: &[&str] = &[
    "statutory",
    "contractual",
    "contract-prerequisite",
    "voluntary",
];

/// Reports sections that collect from the data subject without the Art. 13(2)(e) statement.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    let note = "GDPR Art. 13(2)(e): whether the provision of the data is a statutory or contractual requirement, whether the data subject is obliged to provide it, and the possible consequences of failure to provide it";
    for (file, section) in cx.sections() {
        match &section.provision {
            // Data from other sources only: Art. 14 applies, which has no such duty.
            None if section.sources.is_empty() => out.push(
                Diagnostic::new(&PROVISION_DUTY_MISSING, file, section.id.span.clone(), format!("section `{}` does not say whether the data must be provided", section.id.value))
                    .label("collects data from the data subject")
                    .help("add `provision:` with `requirement` (statutory, contractual, contract-prerequisite or voluntary) and `consequences`")
                    .note(note),
            ),
            // An unknown requirement is PRV013's finding, not a second one here.
            Some(p)
                if p.consequences.is_none()
                    && p.requirement.value != "voluntary"
                    && REQUIREMENTS.contains(&p.requirement.value.as_str()) =>
            {
                out.push(
                Diagnostic::new(&PROVISION_DUTY_MISSING, file, p.requirement.span.clone(), "a required provision of data without the consequences of not providing it")
                    .label("required, but what if not?")
                    .help("add `consequences:` (\"we cannot deliver your order\")")
                    .note(note),
                )
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn a_section_says_whether_the_data_must_be_provided() {
        // GDPR Art. 13(2)(e).
        let silent = section("").replace("provision:\n  requirement: voluntary\n", "");
        assert_eq!(codes(&[("a.yaml", &silent)]), ["PRV601"]);
        let no_consequence = silent.clone() + "provision: { requirement: contract-prerequisite }\n";
        assert_eq!(codes(&[("a.yaml", &no_consequence)]), ["PRV601"]);
        let full = silent.clone()
            + "provision: { requirement: contract-prerequisite, consequences: we cannot deliver }\n";
        assert!(codes(&[("a.yaml", &full)]).is_empty());
        // Art. 14: all data from elsewhere.
        let elsewhere = silent + "sources: [{ source: a register, data_categories: [d] }]\n";
        assert!(codes(&[("a.yaml", &elsewhere)]).is_empty());
    }
}
