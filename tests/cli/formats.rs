//! `--format sarif|github|concise` through the real binary on the shipped register.
//! The emitters' shapes are pinned by unit tests in src/report/; these check the wiring.

use crate::support::{repo_root, run_in};

#[test]
fn sarif_output_of_the_shipped_register_is_one_run_with_three_warnings() {
    let t = run_in(&repo_root(), &["check", "--format", "sarif"]);
    assert_eq!(t.code, 0, "{t}");
    let doc: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{t}");
    for r in results {
        assert_eq!(r["level"], "warning");
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        // The seed names no controller: PRV501 points at privreg.yaml.
        assert!(
            uri.starts_with("registers/") || uri == "privreg.yaml",
            "repo-relative: {uri}"
        );
    }
}

#[test]
fn github_output_is_one_workflow_command_a_finding() {
    let t = run_in(&repo_root(), &["check", "--format", "github"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(!t.stdout.is_empty());
    for line in t.stdout.lines() {
        assert!(
            line.starts_with("::warning file=registers/")
                || line.starts_with("::warning file=privreg.yaml,"),
            "{line}"
        );
    }
}

#[test]
fn concise_output_is_one_line_a_finding() {
    let t = run_in(&repo_root(), &["check", "--format", "concise"]);
    assert_eq!(t.code, 0, "{t}");
    insta::assert_snapshot!(t.stdout);
}
