//! `privreg check` on the shipped register and on single broken inputs.

use crate::support::{Project, repo_root, run_in};

#[test]
fn shipped_register_passes_with_warnings_for_the_seeds_gaps_only() {
    let t = run_in(&repo_root(), &["check"]);
    assert_eq!(t.code, 0, "{t}");
    insta::assert_snapshot!(t.to_string());
}

#[test]
fn shipped_register_as_json_names_each_warning_with_its_location() {
    let t = run_in(&repo_root(), &["check", "--format", "json"]);
    assert_eq!(t.code, 0, "{t}");
    insta::assert_snapshot!(t.stdout);
}

#[test]
fn deny_warnings_turns_the_retention_warnings_into_failure() {
    let t = run_in(&repo_root(), &["check", "--deny", "warnings"]);
    assert_eq!(t.code, 1, "{t}");
}

#[test]
fn bogus_field_appended_to_any_register_is_reported_at_exactly_that_line() {
    for entry in std::fs::read_dir(repo_root().join("registers")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let p = Project::example();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let line = text.lines().count() + 1;
        text.push_str("bogus_field: 1\n");
        p.write(&format!("registers/{name}"), &text);
        let t = p.run(&["check", "--format", "json"]);
        assert_eq!(t.code, 1, "{name}: {t}");
        let diagnostics = t.diagnostics();
        let hits: Vec<_> = diagnostics
            .iter()
            .filter(|d| d["code"] == "PRV002")
            .collect();
        assert_eq!(hits.len(), 1, "{name}: {t}");
        assert_eq!(hits[0]["file"], format!("registers/{name}"));
        assert_eq!(hits[0]["line"], line, "{name}");
        assert_eq!(hits[0]["column"], 1, "{name}");
    }
}

#[test]
fn duplicated_top_level_key_is_reported_at_the_second_occurrence() {
    let p = Project::example();
    let text = p.read("registers/10-3-sipgate.yaml");
    p.write(
        "registers/10-3-sipgate.yaml",
        &format!("{text}title: Sipgate again\n"),
    );
    let t = p.run(&["check", "--format", "json"]);
    assert_eq!(t.code, 1, "{t}");
    let d = t
        .diagnostics()
        .into_iter()
        .find(|d| d["code"] == "PRV006")
        .expect("PRV006");
    assert_eq!(d["line"], text.lines().count() + 1);
}

#[test]
fn a_directory_that_is_no_project_is_a_usage_error_saying_where_privreg_looked() {
    let dir = tempfile::tempdir().unwrap();
    let t = run_in(dir.path(), &["check"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(t.stderr.contains("no privreg project at"), "{t}");
    assert!(t.stderr.contains("looks upward for privreg.yaml"), "{t}");
    assert!(t.stderr.contains("`privreg init`"), "{t}");
}

#[test]
fn adequacy_is_judged_on_the_given_date() {
    // Commission Implementing Decision (EU) 2026/179 (Brazil) applies from 26 January 2026.
    let p = Project::new();
    p.write(
        "registers/a.yaml",
        "id: crm\norder: 1\ntitle: CRM\npurposes: [customer care]\ndata_categories: [names]\n\
         legal_bases:\n  - basis: contract\nretention:\n  period: one year\nprocessors:\n  \
         - service: CRM\n    provider: { legal_name: CRM Ltda., address: Rua 1, country: BR }\n    \
         dpa: { concluded: true }\n    transfers:\n      - { country: BR, certainty: takes-place, mechanisms: [adequacy] }\n",
    );
    let before = p.run(&["check", "--date", "2026-01-25", "--format", "concise"]);
    assert_eq!(before.code, 1, "{before}");
    assert!(before.stdout.contains("PRV203"), "{before}");
    let after = p.run(&["check", "--date", "2026-01-26"]);
    assert_eq!(after.code, 0, "{after}");
}

#[test]
fn a_malformed_date_is_a_usage_error() {
    let t = run_in(&repo_root(), &["check", "--date", "2026-13-01"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(t.stderr.contains("YYYY-MM-DD"), "{t}");
    let t = run_in(&repo_root(), &["check", "--date", "2026-02-29"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(t.stderr.contains("2026-02 has 28 days"), "{t}");
    let leap = run_in(&repo_root(), &["check", "--date", "2024-02-29"]);
    assert_ne!(leap.code, 2, "{leap}");
}

#[test]
fn a_malformed_source_date_epoch_is_an_error_even_where_another_date_decides() {
    // reproducible-builds.org: an integer as `date +%s` prints; a malformed value fails
    // the build. Unset or empty is left to the tool: privreg then uses the clock.
    let p = Project::example();
    for bad in ["yesterday", "1795910400.5", "2026-11-29", "99999999999999"] {
        for args in [
            &["check"][..],
            &["build"],
            &["check", "--date", "2026-11-29"],
        ] {
            let t = p.run_dated(Some(bad), args);
            assert_eq!(t.code, 2, "{bad} {args:?}: {t}");
            assert!(
                t.stderr
                    .contains(&format!("SOURCE_DATE_EPOCH `{bad}` is not a time")),
                "{t}"
            );
            assert!(!t.stderr.contains("panicked"), "{t}");
        }
    }
    assert!(!p.path().join("dist").exists(), "nothing is written");
    assert_eq!(p.run_dated(Some(""), &["check"]).code, 0);
}

#[test]
fn an_empty_registers_directory_is_a_usage_error_not_an_empty_policy() {
    let p = Project::new();
    let t = p.run(&["build"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(t.stderr.contains("no register files"), "{t}");
    assert!(!p.path().join("dist").exists(), "nothing is written");
}

#[test]
fn hardening_20_a_mistyped_registers_directory_is_located_in_privreg_yaml() {
    // Issue 13, item 20: it was an unlocated exit 2 ("cannot read ./regsiters").
    let p = Project::example();
    let cfg = p
        .read("privreg.yaml")
        .replace("registers: registers", "registers: regsiters");
    p.write("privreg.yaml", &cfg);
    let t = p.run(&["check", "--format", "concise"]);
    assert_eq!(t.code, 1, "{t}");
    let line = cfg
        .lines()
        .position(|l| l.starts_with("registers:"))
        .unwrap()
        + 1;
    assert!(
        t.stdout
            .lines()
            .any(|l| l.starts_with(&format!("privreg.yaml:{line}:12: error[PRV018]"))),
        "{t}"
    );
    let t = p.run(&["check"]);
    assert!(t.stdout.contains("did you mean `registers`?"), "{t}");
}

#[test]
fn a_clean_check_says_so_on_stderr_in_human_output_only() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run_in(dir.path(), &["init"]).code, 0);
    // The new project's one finding is the controller only the user can name.
    let t = run_in(dir.path(), &["check", "-A", "PRV501"]);
    insta::assert_snapshot!("clean_check", t.to_string());
    for format in ["json", "sarif", "github", "concise"] {
        let t = run_in(dir.path(), &["check", "-A", "PRV501", "--format", format]);
        assert_eq!(t.code, 0, "{format}: {t}");
        assert_eq!(t.stderr, "", "{format}: {t}");
    }
    // With a finding, the summary line says what there is to say.
    let t = run_in(dir.path(), &["check"]);
    assert!(!t.stderr.contains("no problems"), "{t}");
}
