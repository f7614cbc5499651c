//! The information-duty rules of issue 11 as one table: each row a change to a minimal
//! valid section (and, where it matters, to privreg.yaml), the diagnostics it must give
//! (or none), and the provision that decides it. Rows run through every semantic rule, so
//! a row also proves that no other rule speaks.

use crate::rules::test_support::{config_codes, section};

/// One register case.
struct Case {
    /// The provision that decides it.
    law: &'static str,
    /// privreg.yaml; `CONTROLLER` stands for a complete German controller.
    config: &'static str,
    /// YAML lines appended to the minimal section.
    extra: &'static str,
    /// Replacements in the minimal section: (from, to).
    replace: &'static [(&'static str, &'static str)],
    /// The codes expected, in order.
    expect: &'static [&'static str],
}

const CONTROLLER: &str =
    "controller: { legal_name: C GmbH, address: A, country: DE, email: c@example.com }\n";
const BASIS: &str = "  - basis: contract\n";

fn c(
    law: &'static str,
    config: &'static str,
    extra: &'static str,
    replace: &'static [(&'static str, &'static str)],
    expect: &'static [&'static str],
) -> Case {
    Case {
        law,
        config,
        extra,
        replace,
        expect,
    }
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    vec![
        c("Art. 13(1)(a)", "chapter: \"10\"\n", "", &[], &["PRV501"]),
        c("Art. 13(1)(a)", "controller: { legal_name: C, address: A, country: DE }\n", "", &[], &["PRV502"]),
        c("Art. 13(1)(a)", "controller: { legal_name: C, address: A, country: DE, web_form: https://c.example/form }\n", "", &[], &[]),
        c("Art. 13(1)(b)", "controller: { legal_name: C, address: A, country: DE, email: c@example.com, dpo: { name: D } }\n", "", &[], &["PRV502"]),
        c("Art. 13(1)(b)", "controller: { legal_name: C, address: A, country: DE, email: c@example.com, dpo: { phone: \"1\" } }\n", "", &[], &[]),
        c("Art. 27(1)", "controller: { legal_name: C, address: A, country: US, email: c@example.com }\n", "", &[], &["PRV503"]),
        c("Art. 27(3)", "controller: { legal_name: C, address: A, country: US, email: c@example.com, representative: { legal_name: R, address: B, country: CH } }\n", "", &[], &["PRV503"]),
        c("Art. 27(1)", "controller: { legal_name: C, address: A, country: NO, email: c@example.com }\n", "", &[], &[]),
        c("Art. 6(1), second subparagraph", "controller: { legal_name: C, address: A, country: DE, email: c@example.com, public_authority: true }\n", "", &[(BASIS, "  - basis: legitimate-interests\n    interest: answering enquiries\n")], &["PRV504"]),
        c("Art. 6(1)(e)", "controller: { legal_name: C, address: A, country: DE, email: c@example.com, public_authority: true }\n", "", &[(BASIS, "  - basis: public-task\n")], &[]),
        c("Art. 13(1)(c)", CONTROLLER, "direct_marketing: [q]\n", &[], &["PRV104"]),
        c("Art. 13(1)(c)", CONTROLLER, "", &[(BASIS, "  - basis: contract\n    purposes: [p]\n")], &[]),
        c("Art. 13(1)(c)", CONTROLLER, "", &[(BASIS, "  - basis: contract\n    data_categories: [d]\n")], &["PRV105"]),
        c("Art. 13(1)(c)", CONTROLLER, "", &[("purposes: [p]", "purposes: [p, q]"), (BASIS, "  - basis: contract\n    purposes: [p]\n")], &["PRV105"]),
        c("Recital 51", CONTROLLER, "special_categories: [health]\n", &[(BASIS, "  - basis: explicit-consent\n")], &["PRV106"]),
        c("Art. 9(2)(a)", CONTROLLER, "special_categories: [health]\n", &[(BASIS, "  - basis: consent\n  - basis: explicit-consent\n")], &[]),
        c("Art. 9(1)", CONTROLLER, "special_categories: [health]\n", &[], &["PRV103"]),
        c("Art. 9(2)(h)", CONTROLLER, "special_categories: [health]\n", &[(BASIS, "  - basis: contract\n  - basis: A9-2-h\n")], &["PRV107"]),
        c("Art. 9(2)(j)", CONTROLLER, "special_categories: [genetic]\n", &[(BASIS, "  - basis: contract\n  - basis: A9-2-j\n    national_law: § 27 BDSG\n")], &[]),
        c("Art. 10", CONTROLLER, "criminal_offences: true\n", &[], &["PRV108"]),
        c("Art. 10", CONTROLLER, "criminal_offences: true\n", &[(BASIS, "  - basis: public-task\n")], &[]),
        c("Art. 13(1)(d)", CONTROLLER, "", &[(BASIS, "  - basis: legitimate-interests\n    interest: our legitimate interests\n")], &["PRV102"]),
        c("Art. 13(1)(d)", CONTROLLER, "", &[(BASIS, "  - basis: legitimate-interests\n    interest: preventing fraud\n")], &[]),
        c("Art. 13(2)(a)", CONTROLLER, "", &[("  period: one year\n", "  period: as long as necessary\n")], &["PRV305"]),
        c("Art. 13(2)(a)", CONTROLLER, "", &[("  period: one year\n", "  until: the end of the contract\n  statutory: [§ 147 AO]\n")], &[]),
        c("Art. 13(2)(a)", CONTROLLER, "", &[("  period: one year\n", "  duration: a while\n")], &["PRV013"]),
        c("Art. 13(2)(e)", CONTROLLER, "", &[("provision:\n  requirement: voluntary\n", "")], &["PRV601"]),
        c("Art. 13(2)(e)", CONTROLLER, "", &[("  requirement: voluntary\n", "  requirement: statutory\n")], &["PRV601"]),
        c("Art. 13(2)(e)", CONTROLLER, "", &[("  requirement: voluntary\n", "  requirement: optional\n")], &["PRV013"]),
        c("Art. 14", CONTROLLER, "sources: [{ source: S, data_categories: [d] }]\n", &[("provision:\n  requirement: voluntary\n", "")], &[]),
        c("Art. 14(1)(d)", CONTROLLER, "sources: [{ source: S }]\n", &[], &["PRV603"]),
        c("Art. 13(2)(f)", CONTROLLER, "automated_decisions: { used: true, logic: a score }\n", &[], &["PRV602"]),
        c("Art. 22(2)", CONTROLLER, "automated_decisions: { used: true, logic: a score, consequences: prepayment, ground: luck }\n", &[], &["PRV013"]),
        c("Art. 8(1)", "controller: { legal_name: C, address: A, country: DE, email: c@example.com }\nchild_consent_age: 12\n", "children: true\n", &[], &["PRV604"]),
        c("§ 25(1) TDDDG", CONTROLLER, "device_access: strictly-necessary\n", &[("purposes: [p]", "purposes: [targeted advertising]")], &["PRV110"]),
        c("§ 25(1) TDDDG", CONTROLLER, "device_access: consent\n", &[("purposes: [p]", "purposes: [targeted advertising]")], &[]),
        c("§ 25(2) no. 2 TDDDG", CONTROLLER, "device_access: strictly-necessary\n", &[("purposes: [p]", "purposes: [keeping you logged in]")], &[]),
        c("§ 25 TDDDG", CONTROLLER, "device_access: sometimes\n", &[], &["PRV013"]),
    ]
}

#[test]
fn every_information_duty_case_gives_exactly_its_diagnostics() {
    let cases = cases();
    assert!(cases.len() >= 30, "the table needs at least 30 cases");
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let mut yaml = section(case.extra);
        for (from, to) in case.replace {
            assert!(yaml.contains(from), "row {i}: `{from}` not in the section");
            yaml = yaml.replace(from, to);
        }
        let found = config_codes(case.config, &yaml);
        if found != case.expect {
            failures.push(format!(
                "row {i} ({}): expected {:?}, found {found:?}\n{yaml}",
                case.law, case.expect
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
