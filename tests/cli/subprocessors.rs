//! `privreg subprocessors`: the sub-processor list (Art. 28(2) and (4) GDPR).

use crate::record::parse_csv;
use crate::support::{Project, repo_root, run_in};

#[test]
fn the_list_of_the_shipped_register_in_every_format() {
    for (format, name) in [
        ("markdown", "subprocessors-md"),
        ("html", "subprocessors-html"),
        ("json", "subprocessors-json"),
        ("csv", "subprocessors-csv"),
    ] {
        let t = run_in(
            &repo_root(),
            &["subprocessors", format, "--format", "concise"],
        );
        assert_eq!(t.code, 0, "{t}");
        insta::assert_snapshot!(name, t.stdout);
    }
}

fn section(id: &str, order: u32, services: &str) -> String {
    format!(
        "id: {id}\norder: {order}\ntitle: T\npurposes: [purpose {id}]\ndata_subjects: [c]\n\
         data_categories: [d]\nlegal_bases:\n  - basis: contract\nretention:\n  duration: 1 year\n\
         processors:\n{services}"
    )
}

fn service(name: &str, changed: Option<&str>, role: Option<&str>) -> String {
    let changed = changed.map_or(String::new(), |d| format!("    last_changed: \"{d}\"\n"));
    let role = role.map_or(String::new(), |r| {
        format!(
            "    role: {r}\n    purposes: [its own]\n    privacy_policy: https://bank.example/\n"
        )
    });
    format!(
        "  - service: {name}\n    provider: {{ legal_name: {name} GmbH, address: Ring 1, country: DE }}\n\
         \x20   dpa: {{ concluded: true, date: \"2025-01-02\" }}\n{role}{changed}"
    )
}

#[test]
fn one_entry_per_service_in_name_order_with_its_latest_change() {
    let p = Project::new();
    let zeta = |d| service("Zeta", Some(d), None);
    p.write(
        "registers/a.yaml",
        &section(
            "a",
            1,
            &(zeta("2026-03-01") + &service("alpha", None, None)),
        ),
    );
    p.write("registers/b.yaml", &section("b", 2, &zeta("2026-05-01")));
    // An independent controller is no sub-processor (Art. 28 GDPR applies to processors).
    p.write(
        "registers/c.yaml",
        &section("c", 3, &service("Bank", None, Some("controller"))),
    );
    let t = p.run(&["subprocessors", "json", "-A", "PRV701", "-A", "PRV501"]);
    assert_eq!(t.code, 0, "{t}");
    let doc: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    let list = doc["subprocessors"].as_array().unwrap();
    let names: Vec<&str> = list
        .iter()
        .map(|e| e["service"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alpha", "Zeta"]);
    assert_eq!(
        list[1]["purposes"],
        serde_json::json!(["purpose a", "purpose b"])
    );
    assert_eq!(list[1]["last_changed"], "2026-05-01");
    assert_eq!(list[0]["last_changed"], serde_json::Value::Null);
    assert_eq!(list[1]["dpa"]["date"], "2025-01-02");

    // The same register under other file names: the same bytes.
    let q = Project::new();
    q.write(
        "registers/z.yaml",
        &section(
            "a",
            1,
            &(zeta("2026-03-01") + &service("alpha", None, None)),
        ),
    );
    q.write("registers/0.yaml", &section("b", 2, &zeta("2026-05-01")));
    q.write(
        "registers/m.yaml",
        &section("c", 3, &service("Bank", None, Some("controller"))),
    );
    for format in ["json", "csv", "markdown", "html"] {
        let a = p.run(&["subprocessors", format, "-A", "PRV701"]);
        let b = q.run(&["subprocessors", format, "-A", "PRV701"]);
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
    let csv = parse_csv(&p.run(&["subprocessors", "csv"]).stdout);
    assert_eq!(csv[0].last().unwrap(), "Last changed");
    assert_eq!(csv[2].last().unwrap(), "2026-05-01");
}

#[test]
fn a_last_changed_that_is_no_date_stops_the_list() {
    let p = Project::new();
    p.write(
        "registers/a.yaml",
        &section("a", 1, &service("Zeta", Some("2026-02-30"), None)),
    );
    let t = p.run(&["subprocessors", "--format", "concise"]);
    assert_eq!(t.code, 1, "{t}");
    assert_eq!(t.stdout, "");
    assert!(
        t.stderr
            .contains("error[PRV013] `2026-02-30` is not a date: 2026-02 has 28 days"),
        "{t}"
    );
}
