//! `init`, `rule`, `rules --format json` and `schema`: the commands that get a new user
//! from nothing to a first check.

use crate::support::{Project, git, repo_root, run_in};

#[test]
fn init_then_build_in_an_empty_directory_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let t = run_in(dir.path(), &["init"]);
    assert_eq!(t.code, 0, "{t}");
    for file in ["privreg.yaml", "registers/example.yaml", ".gitignore"] {
        assert!(dir.path().join(file).is_file(), "{file} missing: {t}");
    }
    let t = run_in(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(t.code, 0, "{t}");
    // Only the user knows who the controller is (Art. 13(1)(a) GDPR): the one finding. How
    // the data is secured (Art. 30(1)(g)) is asked once `outputs:` makes the record.
    assert_eq!(t.stdout.lines().count(), 1, "{t}");
    assert!(t.stdout.contains("warning[PRV501]"), "{t}");
    let t = run_in(dir.path(), &["record", "csv"]);
    assert!(t.stderr.contains("warning[PRV701]"), "{t}");
    let t = run_in(dir.path(), &["build"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(dir.path().join("dist").is_dir(), "{t}");
}

#[test]
fn init_into_a_named_directory_creates_it() {
    let dir = tempfile::tempdir().unwrap();
    let t = run_in(dir.path(), &["init", "my-policy"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(
        dir.path()
            .join("my-policy/registers/example.yaml")
            .is_file()
    );
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let p = Project::new();
    p.write("privreg.yaml", "chapter: \"7\"\n");
    let t = p.run(&["init"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(t.stderr.contains("privreg.yaml already exists"), "{t}");
    assert_eq!(p.read("privreg.yaml"), "chapter: \"7\"\n");
    assert!(!p.path().join(".gitignore").exists());
}

/// The CI story of README and docs/ci.md, end to end with git: the output is committed,
/// and `build --check` on a fresh clone passes until the register changes.
#[test]
fn init_build_commit_clone_then_build_check_passes_until_the_register_changes() {
    let work = tempfile::tempdir().unwrap();
    let repo = work.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    std::fs::write(repo.join(".gitignore"), "node_modules/\n").unwrap();
    let t = run_in(&repo, &["init"]);
    assert_eq!(t.code, 0, "init in a repository with a .gitignore: {t}");
    let t = run_in(&repo, &["build"]);
    assert_eq!(t.code, 0, "{t}");
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "policy"]);
    let clone = work.path().join("clone");
    git(work.path(), &["clone", "-q", "repo", "clone"]);
    assert!(
        clone.join("dist/privacy-policy.md").is_file(),
        "dist/ is committed"
    );
    let t = run_in(&clone, &["build", "--check"]);
    assert_eq!(t.code, 0, "{t}");
    let register = clone.join("registers/example.yaml");
    let text = std::fs::read_to_string(&register).unwrap();
    std::fs::write(
        &register,
        text.replace("title: Newsletter", "title: Our newsletter"),
    )
    .unwrap();
    let t = run_in(&clone, &["build", "--check"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(
        t.stderr.contains("run `privreg build`"),
        "the way out is named: {t}"
    );
}

#[test]
fn rule_prints_the_docs_by_code_or_name() {
    let by_code = run_in(&repo_root(), &["rule", "PRV301"]);
    let by_name = run_in(&repo_root(), &["rule", "retention-missing"]);
    assert_eq!(by_code.code, 0, "{by_code}");
    assert_eq!(by_code.stdout, by_name.stdout);
    for heading in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Legal source",
    ] {
        assert!(by_code.stdout.contains(heading), "{heading}");
    }
}

#[test]
fn an_unknown_rule_is_a_usage_error_with_a_suggestion() {
    let t = run_in(&repo_root(), &["rule", "PRV31"]);
    assert_eq!(t.code, 2, "{t}");
    insta::assert_snapshot!(t.to_string());
}

#[test]
fn rules_as_json_list_code_name_severity_and_summary() {
    let t = run_in(&repo_root(), &["rules", "--format", "json"]);
    assert_eq!(t.code, 0, "{t}");
    let doc: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    let rules = doc["rules"].as_array().unwrap();
    assert_eq!(rules.len(), privreg::catalogue::ALL.len());
    let first = rules[0].as_object().unwrap();
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        ["code", "name", "severity", "summary"]
    );
}

#[test]
fn schema_prints_the_committed_schemas() {
    for (target, file) in [
        ("register", "schema/register.schema.json"),
        ("config", "schema/privreg.schema.json"),
    ] {
        let t = run_in(&repo_root(), &["schema", target]);
        assert_eq!(t.code, 0, "{t}");
        let committed = std::fs::read_to_string(repo_root().join(file)).unwrap();
        assert_eq!(t.stdout, committed, "{target}");
    }
}

#[test]
fn the_readme_walkthrough_reaches_a_first_failing_check() {
    // README, "Using it on your own policy": init, make the provider American, check.
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run_in(dir.path(), &["init"]).code, 0);
    let path = dir.path().join("registers/example.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("country: DE", "country: US")).unwrap();
    let t = run_in(dir.path(), &["check"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(t.stdout.contains("error[PRV205]"), "{t}");
}
