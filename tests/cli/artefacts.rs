//! `build` with `outputs:`: every artefact from one checked register in one run, each
//! consistent with the policy, and `build --check` over all of them.

use std::collections::BTreeSet;

use crate::record::{FULL_CONFIG, FULL_SECTION, parse_csv};
use crate::support::Project;

const ALL: &str = "outputs: [policy, record, subprocessors, jsonld]\n";

fn with_all(p: &Project) {
    let config = std::fs::read_to_string(p.path().join("privreg.yaml")).unwrap_or_default();
    p.write("privreg.yaml", &format!("{config}{ALL}"));
}

#[test]
fn without_outputs_build_writes_the_policy_alone_as_before() {
    let p = Project::example();
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    let mut names: Vec<String> = std::fs::read_dir(p.path().join("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "privacy-policy.fragment.html",
            "privacy-policy.html",
            "privacy-policy.md"
        ]
    );
}

#[test]
fn build_writes_every_chosen_artefact_and_check_covers_them_all() {
    let p = Project::example();
    with_all(&p);
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(
        t.stderr.contains(
            "wrote privacy-policy.md, privacy-policy.html, privacy-policy.fragment.html, \
             record.md, record.html, record.csv, record.xlsx, subprocessors.md, \
             subprocessors.html, subprocessors.json, subprocessors.csv, privacy.jsonld to dist"
        ),
        "{t}"
    );
    let t = p.run(&["build", "--check"]);
    assert_eq!(t.code, 0, "{t}");
    // A fact changes: every artefact stating it is stale, the workbook without a line diff.
    let slack = p.read("registers/10-1-slack.yaml");
    p.write(
        "registers/10-1-slack.yaml",
        &slack.replace(
            "communication with selected customers",
            "talking to customers",
        ),
    );
    let t = p.run(&["build", "--check"]);
    assert_eq!(t.code, 1, "{t}");
    for stale in [
        "+++ generated",
        "dist/record.csv",
        "dist/record.md",
        "dist/subprocessors.json",
        "dist/privacy.jsonld",
        "dist/record.xlsx: binary file differs",
    ] {
        assert!(t.stdout.contains(stale), "{stale}: {t}");
    }
    // Back to the policy alone: the other artefacts' files are privreg's, not foreign.
    p.write("privreg.yaml", &p.read("privreg.yaml").replace(ALL, ""));
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(!p.path().join("dist/record.csv").exists());
}

#[test]
fn an_unknown_output_is_an_error() {
    let p = Project::example();
    p.write(
        "privreg.yaml",
        &format!("{}outputs: [policy, records]\n", p.read("privreg.yaml")),
    );
    let t = p.run(&["build", "--format", "concise"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(
        t.stdout
            .contains("error[PRV013] `records` is not a valid `outputs`"),
        "{t}"
    );
}

/// The facts of a register, read with privreg's own loader.
struct Facts {
    /// Legal names of every provider, onward recipient's entity and importer.
    entities: BTreeSet<String>,
    /// Legal names of the providers with the role of processor.
    processors: BTreeSet<String>,
    /// Transfer destinations, ISO codes.
    countries: BTreeSet<String>,
    /// Legal bases as EU-GDPR terms.
    bases: BTreeSet<String>,
    /// Retention texts the register states (durations, events, periods, criteria).
    retention: Vec<String>,
}

fn facts(p: &Project) -> Facts {
    let project = privreg::project::load(p.path()).unwrap();
    let mut f = Facts {
        entities: BTreeSet::new(),
        processors: BTreeSet::new(),
        countries: BTreeSet::new(),
        bases: BTreeSet::new(),
        retention: Vec::new(),
    };
    for s in project.sections.iter().map(|s| &s.section) {
        for b in &s.legal_bases {
            f.bases
                .insert(privreg::render::jsonld::basis_term(&b.basis.value).unwrap());
        }
        if let Some(r) = &s.retention {
            for v in [&r.duration, &r.until, &r.period, &r.criteria]
                .into_iter()
                .flatten()
            {
                f.retention
                    .push(v.value.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }
        for p in &s.processors {
            f.entities.insert(p.provider.legal_name.value.to_string());
            if p.role.as_ref().is_none_or(|r| r.value == "processor") {
                f.processors.insert(p.provider.legal_name.value.to_string());
            }
            let onward = p.onward_recipients.iter().flat_map(|r| &r.transfers);
            for t in p.transfers.iter().chain(onward) {
                f.countries.insert(t.country.value.clone());
                if let Some(i) = &t.importer {
                    f.entities.insert(i.legal_name.value.to_string());
                }
            }
            for r in &p.onward_recipients {
                if let Some(e) = &r.provider {
                    f.entities.insert(e.legal_name.value.to_string());
                }
            }
        }
    }
    f
}

/// Every string value under `key` anywhere in `v`.
fn values_of(v: &serde_json::Value, key: &str, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k == key {
                    match x {
                        serde_json::Value::String(s) => {
                            out.insert(s.clone());
                        }
                        serde_json::Value::Object(o) => {
                            if let Some(s) = o.get("@id").and_then(|i| i.as_str()) {
                                out.insert(s.to_owned());
                            }
                        }
                        serde_json::Value::Array(list) => {
                            for i in list {
                                if let Some(s) = i.get("@id").and_then(|i| i.as_str()) {
                                    out.insert(s.to_owned());
                                }
                            }
                        }
                        _ => {}
                    }
                }
                values_of(x, key, out);
            }
        }
        serde_json::Value::Array(list) => list.iter().for_each(|x| values_of(x, key, out)),
        _ => {}
    }
}

/// Each processor, country, basis and retention of the policy is in the record, the
/// sub-processor list and the JSON-LD, and those state no other.
fn consistent(p: &Project) {
    with_all(p);
    let t = p.run(&["build", "-A", "PRV701"]);
    assert_eq!(t.code, 0, "{t}");
    let f = facts(p);
    let read = |name: &str| p.read(&format!("dist/{name}"));
    // As a reader sees it: escapes gone, lines joined; sentences may capitalise a value.
    let policy = read("privacy-policy.md")
        .replace('\\', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let record = parse_csv(&read("record.csv"));
    let record_text = record.concat().join("\n");
    let list: serde_json::Value = serde_json::from_str(&read("subprocessors.json")).unwrap();
    let notice: serde_json::Value = serde_json::from_str(&read("privacy.jsonld")).unwrap();

    // Processors: the policy names each provider; so do the record and the JSON-LD, and
    // the sub-processor list names exactly the processors.
    for name in &f.entities {
        assert!(policy.contains(&name.to_lowercase()), "policy: {name}");
        assert!(record_text.contains(name.as_str()), "record: {name}");
    }
    let mut named = BTreeSet::new();
    values_of(&notice, "dpv:hasName", &mut named);
    let controller = p.read("privreg.yaml");
    named.retain(|n| !controller.contains(n.as_str()));
    assert_eq!(named, f.entities, "the JSON-LD's entities");
    let listed: BTreeSet<String> = list["subprocessors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["legal_name"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(listed, f.processors, "the sub-processor list's entities");

    // Countries of transfers.
    let mut third = BTreeSet::new();
    values_of(&notice, "dpv:hasThirdCountry", &mut third);
    let expected: BTreeSet<String> = f.countries.iter().map(|c| format!("loc:{c}")).collect();
    assert_eq!(third, expected, "the JSON-LD's third countries");
    let transfers_col = record[0]
        .iter()
        .position(|h| h.starts_with("Transfers to third countries"))
        .unwrap();
    let mut in_record = BTreeSet::new();
    for row in &record[1..] {
        for line in row[transfers_col].lines() {
            in_record.insert(line.split(':').next().unwrap().to_owned());
        }
    }
    let names: BTreeSet<String> = f
        .countries
        .iter()
        .map(|c| privreg::law::countries::name(c).unwrap().to_owned())
        .collect();
    assert_eq!(in_record, names, "the record's third countries");
    for name in &names {
        assert!(policy.contains(&name.to_lowercase()), "policy: {name}");
    }

    // Legal bases.
    let mut bases = BTreeSet::new();
    for node in notice["@graph"].as_array().unwrap() {
        if let Some(list) = node["dpv:hasLegalBasis"].as_array() {
            bases.extend(
                list.iter()
                    .filter_map(|b| b["@id"].as_str().map(str::to_owned)),
            );
        }
    }
    assert_eq!(bases, f.bases, "the JSON-LD's legal bases of activities");
    for b in &f.bases {
        // eu-gdpr:A6-1-b is "Art. 6 para. 1 lit. b GDPR" in policy and record alike.
        let parts: Vec<&str> = b.trim_start_matches("eu-gdpr:A").split('-').collect();
        let cite = format!(
            "Art. {} para. {} lit. {} GDPR",
            parts[0], parts[1], parts[2]
        );
        assert!(policy.contains(&cite.to_lowercase()), "policy: {cite}");
        assert!(record_text.contains(&cite), "record: {cite}");
    }

    // Retention: every statement of the register in all three.
    let mut storage = BTreeSet::new();
    for node in notice["@graph"].as_array().unwrap() {
        if let Some(list) = node["dpv:hasStorageCondition"].as_array() {
            storage.extend(
                list.iter()
                    .filter_map(|s| s["rdfs:label"].as_str().map(str::to_owned)),
            );
        }
    }
    let storage = storage.into_iter().collect::<Vec<_>>().join("\n");
    for r in &f.retention {
        assert!(policy.contains(&r.to_lowercase()), "policy: {r}");
        assert!(record_text.contains(r.as_str()), "record: {r}");
        assert!(storage.contains(r.as_str()), "JSON-LD: {r}");
    }
}

#[test]
fn every_artefact_states_the_policys_processors_countries_bases_and_retention() {
    consistent(&Project::example());
    let p = Project::new();
    p.write("privreg.yaml", FULL_CONFIG);
    p.write("registers/payments.yaml", FULL_SECTION);
    consistent(&p);
}
