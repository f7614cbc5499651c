//! `privreg jsonld`: the machine-readable notice in DPV 2.3 and its EU-GDPR extension.

use privreg::render::jsonld::{TERMS, expand, iris};

use crate::record::full;
use crate::support::{repo_root, run_in};

#[test]
fn the_notice_of_the_shipped_register() {
    let t = run_in(&repo_root(), &["jsonld", "--format", "concise"]);
    assert_eq!(t.code, 0, "{t}");
    insta::assert_snapshot!("jsonld", t.stdout);
}

/// Every IRI `doc` uses is a term of the vendored DPV list, but for `rdfs:label`, which
/// carries the register's own words.
fn only_vendored_terms(doc: &serde_json::Value) {
    let used = iris(doc);
    assert!(used.contains(&"dpv:Process".to_owned()), "{used:?}");
    for iri in used {
        if iri == "rdfs:label" {
            continue;
        }
        let full = expand(&iri);
        assert!(
            TERMS.contains(full.as_str()),
            "{iri} ({full}) is not in data/dpv-2.3-terms.txt"
        );
    }
}

#[test]
fn every_iri_the_notice_uses_is_in_the_vendored_dpv_term_list() {
    let shipped = run_in(&repo_root(), &["jsonld"]);
    let p = full();
    let filled = p.run(&["jsonld"]);
    for t in [shipped, filled] {
        assert_eq!(t.code, 0, "{t}");
        let doc: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
        // The context is inline: nothing to fetch to expand it.
        assert!(doc["@context"].is_object(), "{doc}");
        only_vendored_terms(&doc);
    }
}

#[test]
fn the_filled_register_states_each_fact_in_dpv_terms() {
    let p = full();
    let t = p.run(&["jsonld"]);
    let doc: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    let text = doc.to_string();
    // Art. 6(1)(b) GDPR, the basis `contract`.
    assert!(text.contains(r#"{"@id":"eu-gdpr:A6-1-b"}"#), "{text}");
    // Art. 49(1), second subparagraph: DPV's `A49-2`.
    assert!(text.contains(r#"{"@id":"eu-gdpr:A49-2"}"#), "{text}");
    assert!(
        text.contains(r#""dpv:hasThirdCountry":{"@id":"loc:AU"}"#),
        "{text}"
    );
    assert!(
        text.contains(r#""dpv:hasStorageCondition":[{"@type":"dpv:StorageDuration","rdfs:label":"10 years, then the statutory retention periods of § 147 AO"}]"#),
        "{text}"
    );
    assert!(
        text.contains(r#""rdfs:label":"encryption at rest""#),
        "{text}"
    );
    assert!(text.contains(r#""dpv:hasDataProtectionOfficer""#), "{text}");
}
