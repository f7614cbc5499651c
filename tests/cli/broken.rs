//! The broken-input suite: every directory under `tests/fixtures/broken/` is a project
//! whose name starts with the rule it must trigger. Each is checked with
//! `--deny warnings`, must exit 1 without panicking, and its report is pinned in a
//! snapshot (code, file, line and column).

use std::path::Path;

use crate::support::{Project, repo_root};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo_root().join("tests/fixtures/broken"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn every_broken_input_exits_1_with_its_rule_at_a_pinned_location() {
    let cases = cases();
    assert!(cases.len() >= 30, "the suite needs at least 30 cases");
    for name in cases {
        let p = Project::new();
        copy_dir(
            &repo_root().join("tests/fixtures/broken").join(&name),
            p.path(),
        );
        if name.starts_with("PRV011") {
            // Generated here so the repository does not carry a megabyte of filler.
            let filler = format!("id: big\n# {}\n", "x".repeat(1024 * 1024));
            p.write("registers/big.yaml", &filler);
        }
        let t = p.run(&["check", "--deny", "warnings"]);
        assert_eq!(t.code, 1, "{name}: {t}");
        assert!(!t.stderr.contains("panicked"), "{name}: {t}");
        if let Some(code) = name.split('-').next().filter(|c| c.starts_with("PRV")) {
            assert!(
                t.stdout.contains(&format!("[{code}]")),
                "{name} must report {code}: {t}"
            );
        }
        insta::assert_snapshot!(name.clone(), t.to_string());
    }
}

#[test]
fn every_register_rule_has_a_broken_case() {
    let cases = cases();
    for rule in privreg::rules::ALL {
        if rule.code.starts_with("PRV4") {
            continue; // citation rules have text fixtures in tests/fixtures/lint/
        }
        assert!(
            cases.iter().any(|c| c.starts_with(rule.code)),
            "no case in tests/fixtures/broken/ for {} {}",
            rule.code,
            rule.name
        );
    }
}

#[test]
fn every_broken_snapshot_belongs_to_a_case() {
    let cases = cases();
    for entry in std::fs::read_dir(repo_root().join("tests/cli/snapshots")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(case) = name
            .strip_prefix("cli__broken__")
            .and_then(|n| n.strip_suffix(".snap"))
        {
            assert!(
                cases.iter().any(|c| c == case),
                "unreferenced snapshot {name}: delete it"
            );
        }
    }
}
