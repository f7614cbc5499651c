//! Project discovery (issue 15, item 1): from any directory inside a project privreg finds
//! `privreg.yaml` upward, never above the repository root; paths are shown relative to the
//! current directory for people, to the repository root for SARIF and GitHub, and to the
//! project root in JSON (docs/output.md, "Paths").

use std::path::PathBuf;

use crate::support::{Transcript, privreg, run_cmd, run_in};

/// A website repository with the policy project in `site/policy`, made by `privreg init`,
/// whose mail provider moved to the US: one warning in `privreg.yaml` (PRV501, no
/// controller) and one error in the register (PRV205, no transfer declared), and a policy
/// text with a citation that does not exist.
struct Website {
    _dir: tempfile::TempDir,
    repo: PathBuf,
}

impl Website {
    fn new() -> Website {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        let t = run_in(&repo, &["init", "site/policy"]);
        assert_eq!(t.code, 0, "{t}");
        let register = repo.join("site/policy/registers/example.yaml");
        let text = std::fs::read_to_string(&register).unwrap();
        assert!(text.contains("      country: DE\n"));
        std::fs::write(
            &register,
            text.replacen("      country: DE\n", "      country: US\n", 1),
        )
        .unwrap();
        std::fs::write(
            repo.join("site/policy/policy.md"),
            "We rely on Art. 6 para. 1 lit. 6 GDPR.\nWe inform you under Art. 13 para. 1 GDPR.\n",
        )
        .unwrap();
        Website { _dir: dir, repo }
    }

    /// `privreg ARGS` without `--root`, run in `rel` under the repository.
    fn run(&self, rel: &str, args: &[&str]) -> Transcript {
        run_cmd(privreg().args(args).current_dir(self.repo.join(rel)))
    }

    fn project(&self) -> PathBuf {
        self.repo.join("site/policy")
    }
}

const NESTED: &str = "site/policy/registers";

#[test]
fn check_from_a_nested_directory_names_files_from_there_in_human_and_concise_output() {
    let w = Website::new();
    let t = w.run(NESTED, &["check"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(t.stdout.contains("--> example.yaml:"), "{t}");
    assert!(t.stdout.contains("--> ../privreg.yaml:"), "{t}");
    let t = w.run(NESTED, &["check", "--format", "concise"]);
    assert_eq!(t.code, 1, "{t}");
    let files: Vec<&str> = t
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(files, ["../privreg.yaml", "example.yaml"], "{t}");
}

#[test]
fn check_from_the_repository_root_names_files_from_there() {
    let w = Website::new();
    let t = w.run(
        "site",
        &["check", "--format", "concise", "--root", "policy"],
    );
    assert_eq!(t.code, 1, "{t}");
    assert!(t.stdout.starts_with("policy/privreg.yaml:"), "{t}");
    assert!(t.stdout.contains("\npolicy/registers/example.yaml:"), "{t}");
}

#[test]
fn json_names_files_relative_to_the_project_root_wherever_it_runs() {
    let w = Website::new();
    for cwd in [NESTED, "site/policy"] {
        let t = w.run(cwd, &["check", "--format", "json"]);
        assert_eq!(t.code, 1, "{t}");
        let files: Vec<String> = t
            .diagnostics()
            .iter()
            .map(|d| d["file"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(files, ["privreg.yaml", "registers/example.yaml"], "{t}");
    }
}

#[test]
fn sarif_and_github_name_files_relative_to_the_repository_root() {
    let w = Website::new();
    let t = w.run(NESTED, &["check", "--format", "sarif"]);
    assert_eq!(t.code, 1, "{t}");
    let doc: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    let uris: Vec<&str> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        uris,
        [
            "site/policy/privreg.yaml",
            "site/policy/registers/example.yaml"
        ],
        "{t}"
    );
    let t = w.run(NESTED, &["check", "--format", "github"]);
    assert_eq!(t.code, 1, "{t}");
    let files: Vec<&str> = t
        .stdout
        .lines()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "::warning file=site/policy/privreg.yaml",
            "::error file=site/policy/registers/example.yaml"
        ],
        "{t}"
    );
}

#[test]
fn outside_a_repository_sarif_names_files_relative_to_the_project_root() {
    let w = Website::new();
    std::fs::remove_dir(w.repo.join(".git")).unwrap();
    assert!(
        !w.repo.ancestors().any(|d| d.join(".git").exists()),
        "this test needs a temporary directory outside any git repository (TMPDIR)"
    );
    let t = w.run(NESTED, &["check", "--format", "github"]);
    assert!(
        t.stdout.starts_with("::warning file=privreg.yaml,line=")
            && t.stdout
                .contains("::error file=registers/example.yaml,line="),
        "{t}"
    );
}

#[test]
fn build_from_a_nested_directory_writes_the_projects_output() {
    let w = Website::new();
    let fixed = w.project().join("registers/example.yaml");
    let text = std::fs::read_to_string(&fixed).unwrap();
    std::fs::write(&fixed, text.replace("country: US", "country: DE")).unwrap();
    let t = w.run(NESTED, &["build"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(t.stderr.contains(" to ../dist\n"), "{t}");
    assert!(w.project().join("dist/privacy-policy.md").is_file(), "{t}");
    assert!(!w.project().join("registers/dist").exists(), "{t}");
    let t = w.run(NESTED, &["build", "--check"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(t.stderr.contains("../dist is current"), "{t}");
}

#[test]
fn lint_and_citations_from_a_nested_directory_read_the_projects_settings() {
    let w = Website::new();
    // The project's style decides what `lint` asks for; found upward, it applies here.
    let config = w.project().join("privreg.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("\ncitation_style: para-lit\n"));
    std::fs::write(
        &config,
        text.replace("\ncitation_style: para-lit\n", "\ncitation_style: parens\n"),
    )
    .unwrap();
    let t = w.run(NESTED, &["lint", "../policy.md"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(t.stdout.contains("--> ../policy.md:1:12"), "{t}");
    let t = w.run(NESTED, &["lint", "--format", "concise", "../policy.md"]);
    assert!(
        t.stdout.contains("../policy.md:2:21: warning[PRV404]"),
        "the configured style applies: {t}"
    );
    let t = w.run(NESTED, &["citations", "--format", "json", "../policy.md"]);
    assert_eq!(t.code, 0, "{t}");
    let doc: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    assert_eq!(
        doc["citations"][0]["text"], "Art. 6 para. 1 lit. 6 GDPR",
        "{t}"
    );
}

#[test]
fn root_on_the_command_line_wins_over_discovery() {
    let w = Website::new();
    let other = w.repo.join("other");
    let t = run_in(&w.repo, &["init", "other"]);
    assert_eq!(t.code, 0, "{t}");
    let t = w.run(
        NESTED,
        &[
            "check",
            "--format",
            "json",
            "--root",
            other.to_str().unwrap(),
        ],
    );
    assert_eq!(t.code, 0, "the other project has only PRV501: {t}");
}

#[test]
fn discovery_stops_at_the_repository_root() {
    let w = Website::new();
    // A privreg.yaml above the repository belongs to no project in it.
    std::fs::write(
        w.repo.parent().unwrap().join("privreg.yaml"),
        "chapter: \"7\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(w.repo.join("assets")).unwrap();
    let t = w.run("assets", &["check"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(t.stderr.contains("no privreg project at ."), "{t}");
}

#[test]
fn discovery_finds_the_project_from_its_own_directory_and_below() {
    let w = Website::new();
    std::fs::create_dir_all(w.project().join("registers/drafts")).unwrap();
    for cwd in ["site/policy", NESTED, "site/policy/registers/drafts"] {
        let t = w.run(cwd, &["check", "--format", "json"]);
        assert_eq!(t.code, 1, "from {cwd}: {t}");
        assert_eq!(t.diagnostics().len(), 2, "from {cwd}: {t}");
    }
}
