//! The transfer rules as one table: provider country × destination × importer × mechanisms
//! × date, each row with the diagnostics it must give (or none) and the provision that
//! decides it. Rows run through every semantic rule, so a row also proves that no other
//! rule speaks.

use jiff::civil::{Date, date};

use crate::rules::test_support::{diagnostics_on, with_processor};

/// One register case.
struct Case {
    /// The provider's country.
    provider: &'static str,
    /// The transfer entry's YAML lines after `- country: X` (indented by 8).
    transfer: &'static str,
    /// The destination.
    to: &'static str,
    /// The judgement date.
    on: Date,
    /// The codes expected, in order.
    expect: &'static [&'static str],
}

const TODAY: Date = date(2026, 11, 29);
const LIST: &str = "dpf_participant: https://www.dataprivacyframework.gov/participant/5780";
const COPY: &str = "copy: https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj";

fn yaml(c: &Case) -> String {
    let lines: String = c
        .transfer
        .lines()
        .map(|l| format!("        {}\n", l.trim()))
        .collect();
    let lines = lines.replace("LIST", LIST).replace("COPY", COPY);
    with_processor(
        c.provider,
        &format!("    transfers:\n      - country: {}\n{lines}", c.to),
    )
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Art. 45(3) with Implementing Decision (EU) 2023/1795: the DPF, US organisations on the List.
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [dpf]\nLIST", expect: &[] },
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [dpf]", expect: &["PRV207"] },
    Case { provider: "IE", to: "US", on: TODAY, transfer: "certainty: possible\nmechanisms: [dpf]\nLIST", expect: &["PRV202"] },
    Case { provider: "IE", to: "US", on: TODAY, transfer: "certainty: possible\nimporter: { legal_name: Google LLC, country: US }\nmechanisms: [dpf]\nLIST", expect: &[] },
    Case { provider: "IE", to: "US", on: TODAY, transfer: "certainty: possible\nimporter: { legal_name: G Ltd, country: IE }\nmechanisms: [dpf]\nLIST", expect: &["PRV202"] },
    Case { provider: "DE", to: "US", on: TODAY, transfer: "certainty: possible\nmechanisms: [dpf]\nLIST", expect: &["PRV202"] },
    // Decision 2023/1795 applies from 10 July 2023; the Privacy Shield fell on 16 July 2020.
    Case { provider: "US", to: "US", on: date(2023, 7, 9), transfer: "certainty: takes-place\nmechanisms: [dpf]\nLIST", expect: &["PRV203"] },
    Case { provider: "US", to: "US", on: date(2023, 7, 10), transfer: "certainty: takes-place\nmechanisms: [dpf]\nLIST", expect: &[] },
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [privacy-shield]", expect: &["PRV204"] },
    // The US decision covers DPF organisations only: `adequacy` alone says nothing.
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [adequacy]", expect: &["PRV203"] },
    // The DPF is for the US only (Decision 2023/1795, Art. 1).
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [dpf]", expect: &["PRV202"] },
    Case { provider: "GB", to: "GB", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [dpf]", expect: &["PRV202"] },
    // Art. 45(3): full decisions need nothing more.
    Case { provider: "GB", to: "GB", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [adequacy]", expect: &[] },
    Case { provider: "GB", to: "GB", on: date(2031, 12, 27), transfer: "certainty: takes-place\nmechanisms: [adequacy]", expect: &[] },
    Case { provider: "GB", to: "GB", on: date(2031, 12, 28), transfer: "certainty: takes-place\nmechanisms: [adequacy]", expect: &["PRV203"] },
    Case { provider: "BR", to: "BR", on: date(2026, 1, 25), transfer: "certainty: takes-place\nmechanisms: [adequacy]\nin_scope: true", expect: &["PRV203"] },
    Case { provider: "BR", to: "BR", on: date(2026, 1, 26), transfer: "certainty: takes-place\nmechanisms: [adequacy]\nin_scope: true", expect: &[] },
    // Art. 45(9): the Directive's decisions remain in force.
    Case { provider: "CH", to: "CH", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [adequacy]", expect: &[] },
    Case { provider: "NZ", to: "NZ", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [adequacy]", expect: &[] },
    Case { provider: "IL", to: "IL", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [adequacy]", expect: &[] },
    // Partial decisions: the importer must fall under the scope (Art. 45(3) and (9)).
    Case { provider: "CA", to: "CA", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [adequacy]", expect: &["PRV208"] },
    Case { provider: "CA", to: "CA", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [adequacy]\nin_scope: true", expect: &[] },
    Case { provider: "JP", to: "JP", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [adequacy]", expect: &["PRV208"] },
    Case { provider: "KR", to: "KR", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [adequacy]\nin_scope: true", expect: &[] },
    // No decision: Art. 45(1); use Art. 46.
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [adequacy]", expect: &["PRV203"] },
    Case { provider: "CN", to: "CN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [scc]\nCOPY", expect: &[] },
    // Art. 13(1)(f): a copy of the safeguards, or where it is available.
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [scc]", expect: &["PRV210"] },
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [bcr]", expect: &["PRV210"] },
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [bcr]\ncopy: on-request", expect: &[] },
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [code-of-conduct]", expect: &["PRV210"] },
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [scc]\ncopy: http://example.com/scc", expect: &["PRV013"] },
    // Art. 49(1): derogations need no copy.
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [derogation-contract]\noccasional: true", expect: &[] },
    // Art. 49(1) and Recital 111: derogations alone only for occasional transfers.
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [derogation-contract]", expect: &["PRV212"] },
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [derogation-consent]", expect: &["PRV212"] },
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [scc, derogation-consent]\nrelation: alternatives\nCOPY", expect: &[] },
    // Art. 49(1), second subparagraph: occasional, and the interests named.
    Case { provider: "AU", to: "AU", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [derogation-compelling-interests]\noccasional: true\ncompelling_interest: a disputed payment\nsafeguards: encrypted", expect: &[] },
    // Art. 30(1)(e), 49(6): the safeguards are documented in the record.
    Case { provider: "AU", to: "AU", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [derogation-compelling-interests]\noccasional: true\ncompelling_interest: a disputed payment", expect: &["PRV702"] },
    Case { provider: "AU", to: "AU", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [derogation-compelling-interests]\noccasional: true\nsafeguards: encrypted", expect: &["PRV213"] },
    Case { provider: "AU", to: "AU", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [derogation-compelling-interests]\ncompelling_interest: a disputed payment\nsafeguards: encrypted", expect: &["PRV212"] },
    // Art. 46(3)(b): administrative arrangements are a safeguard with a copy.
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [administrative-arrangements]\ncopy: on-request", expect: &[] },
    Case { provider: "IN", to: "IN", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [A46-3-b]", expect: &["PRV210"] },
    // WP260 rev.01 paras 12-13: a provider in the destination country transfers for certain.
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: possible\nmechanisms: [dpf]\nLIST", expect: &["PRV211"] },
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: cannot-be-excluded\nmechanisms: [dpf]\nLIST", expect: &["PRV211"] },
    Case { provider: "IE", to: "US", on: TODAY, transfer: "certainty: cannot-be-excluded\nimporter: { legal_name: G LLC, country: US }\nmechanisms: [dpf]\nLIST", expect: &[] },
    // Art. 46(1) and 49(1): several mechanisms need their relation stated.
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [scc, dpf]\nLIST\nCOPY", expect: &["PRV209"] },
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [scc, dpf]\nrelation: fallback\nLIST\nCOPY", expect: &[] },
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [dpf, scc]\nrelation: alternatives\nLIST\nCOPY", expect: &[] },
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [dpf, scc]\nrelation: either\nLIST\nCOPY", expect: &["PRV013"] },
    // Art. 44 and 13(1)(f): a transfer needs a mechanism; the mechanism must exist.
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: takes-place", expect: &["PRV201"] },
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [sccs]", expect: &["PRV206"] },
    Case { provider: "US", to: "US", on: TODAY, transfer: "certainty: takes-place\nmechanisms: [A46-2-c]\nCOPY", expect: &[] },
    // Art. 349 and 355 TFEU: outermost regions are the EU, no transfer rules apply.
    Case { provider: "RE", to: "RE", on: TODAY, transfer: "certainty: takes-place", expect: &[] },
    Case { provider: "AX", to: "AX", on: TODAY, transfer: "certainty: takes-place", expect: &[] },
    // Art. 355(2) TFEU, Annex II: New Caledonia is a third country.
    Case { provider: "NC", to: "NC", on: TODAY, transfer: "certainty: takes-place", expect: &["PRV201"] },
];

#[test]
fn every_transfer_case_gives_exactly_its_diagnostics() {
    assert!(CASES.len() >= 40, "the table needs at least 40 cases");
    let mut failures = Vec::new();
    for (i, c) in CASES.iter().enumerate() {
        let found: Vec<&str> = diagnostics_on(&[("a.yaml", &yaml(c))], c.on)
            .iter()
            .map(|d| d.code())
            .collect();
        if found != c.expect {
            failures.push(format!(
                "row {i} ({} -> {} on {}): expected {:?}, found {found:?}\n{}",
                c.provider,
                c.to,
                c.on,
                c.expect,
                yaml(c)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
