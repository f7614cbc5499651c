//! `privreg diff` on a real git repository made in the test: the shipped example
//! committed, then three commits (a processor added, a mechanism changed, a service
//! renamed), compared in every format; revisions against the work tree, directories,
//! sides that cannot be compared, and the work tree and index left as they were.

use crate::support::{Project, Transcript, git, run_in};

const SLACK: &str = "registers/10-1-slack.yaml";

/// Slack's DPA in the example.
const SLACK_DPA: &str =
    "    dpa:\n      concluded: true\n      counterparty: Slack Technologies Limited\n";

/// A processor for the Slack section, appended to its `processors`.
const ZOOM: &str = "  - service: Zoom
    provider:
      legal_name: Zoom Video Communications, Inc.
      address: 55 Almaden Boulevard, 6th Floor, San Jose, CA 95113
      country: US
    dpa:
      concluded: true
    transfers:
      - country: US
        certainty: takes-place
        mechanisms: [dpf]
        dpf_participant: https://www.dataprivacyframework.gov/participant/6
    privacy_policy: https://explore.zoom.us/en/privacy/
";

/// Replaces `from` with `to` in `rel`, which must hold it.
fn edit(p: &Project, rel: &str, from: &str, to: &str) {
    let text = p.read(rel);
    assert!(text.contains(from), "{rel} holds {from:?}");
    p.write(rel, &text.replacen(from, to, 1));
}

/// The example in a repository with four commits: the example, then a processor added,
/// a mechanism changed, a service renamed.
fn history() -> Project {
    let p = Project::example();
    let root = p.path();
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "the example"]);
    let slack = p.read(SLACK);
    p.write(SLACK, &format!("{slack}{ZOOM}"));
    git(root, &["commit", "-q", "-am", "Zoom for customer calls"]);
    edit(
        &p,
        SLACK,
        "        mechanisms: [dpf, scc]\n        relation: fallback\n",
        "        mechanisms: [scc]\n",
    );
    git(root, &["commit", "-q", "-am", "Slack: the SCCs alone"]);
    edit(
        &p,
        SLACK,
        "  - service: Slack\n",
        "  - service: Slack Enterprise Grid\n",
    );
    git(
        root,
        &["commit", "-q", "-am", "Slack is Slack Enterprise Grid"],
    );
    p
}

/// Commit ids vary with the example's text; snapshots name them `[commit]`.
fn snapshot(name: &str, text: &str) {
    insta::with_settings!({filters => vec![
        (r"\b[0-9a-f]{40}\b", "[commit]"),
        (r"\b[0-9a-f]{12}\b", "[short]"),
    ]}, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn three_commits_in_the_human_format_grouped_by_section() {
    let p = history();
    let all = p.run(&["diff", "HEAD~3", "HEAD"]);
    assert_eq!(all.code, 0, "{all}");
    snapshot("diff-human", &all.to_string());
    // Commit by commit: each shows its own change and nothing else.
    let added = p.run(&["diff", "HEAD~3", "HEAD~2"]);
    assert!(added.stdout.contains("+ processors: Zoom"), "{added}");
    assert!(added.stdout.contains("[new-sub-processor]"), "{added}");
    let mechanism = p.run(&["diff", "HEAD~2", "HEAD~1"]);
    assert!(
        mechanism
            .stdout
            .contains("- processors[Slack].transfers[US].mechanisms: dpf"),
        "{mechanism}"
    );
    assert!(
        mechanism.stdout.contains("[sub-processor-transfer-tool]"),
        "{mechanism}"
    );
    let renamed = p.run(&["diff", "HEAD~1", "HEAD"]);
    assert!(
        renamed
            .stdout
            .contains("> processors: Slack -> Slack Enterprise Grid"),
        "{renamed}"
    );
    assert!(
        renamed.stdout.ends_with("1 change; none needs notice\n"),
        "{renamed}"
    );
}

#[test]
fn three_commits_as_json() {
    let p = history();
    let t = p.run(&["--format", "json", "diff", "HEAD~3", "HEAD"]);
    assert_eq!(t.code, 0, "{t}");
    let doc: serde_json::Value = serde_json::from_str(&t.stdout).expect("JSON");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["old"]["kind"], "revision");
    assert_eq!(doc["old"]["name"], "HEAD~3");
    let paths: Vec<String> = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("{} {}", c["field"], c["change"]))
        .collect();
    assert_eq!(
        paths,
        [
            "\"processors\" \"renamed\"",
            "\"mechanisms\" \"removed\"",
            "\"relation\" \"removed\"",
            "\"processors\" \"added\"",
        ]
    );
    snapshot("diff-json", &t.stdout);
}

#[test]
fn three_commits_as_markdown_changelog_and_customer_notice() {
    let p = history();
    let t = p.run(&["--format", "markdown", "diff", "HEAD~3", "HEAD"]);
    assert_eq!(t.code, 0, "{t}");
    snapshot("diff-markdown", &t.stdout);
    let changelog = p.run(&[
        "--format",
        "markdown",
        "diff",
        "HEAD~3",
        "HEAD",
        "--template",
        "diff-changelog.md",
    ]);
    assert!(
        changelog.stdout.starts_with("## Changes to this policy\n"),
        "{changelog}"
    );
    assert!(!changelog.stdout.contains("sub-processors"), "{changelog}");
}

#[test]
fn exit_code_is_1_only_when_a_change_needs_notice() {
    let p = history();
    let t = p.run(&["diff", "HEAD~3", "HEAD", "--exit-code"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(!t.stdout.is_empty(), "the changes are printed too: {t}");
    let t = p.run(&["diff", "HEAD~1", "HEAD", "--exit-code"]);
    assert_eq!(t.code, 0, "a rename needs no notice: {t}");
    let t = p.run(&["diff", "HEAD", "--exit-code"]);
    assert_eq!(t.code, 0, "{t}");
    assert_eq!(
        t.stdout,
        format!("no changes from HEAD ({}) to the work tree\n", short(&p))
    );
}

fn short(p: &Project) -> String {
    git(p.path(), &["rev-parse", "HEAD"])[..12].to_owned()
}

#[test]
fn a_revision_against_the_work_tree_leaves_the_work_tree_and_the_index_alone() {
    let p = history();
    edit(
        &p,
        SLACK,
        "  - communication with selected customers\n",
        "  - communication with selected customers\n  - product feedback\n",
    );
    let index = std::fs::read(p.path().join(".git/index")).unwrap();
    let status = git(p.path(), &["status", "--porcelain"]);
    let t = p.run(&["diff", "HEAD"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(t.stdout.contains("+ purposes: product feedback"), "{t}");
    assert!(t.stdout.contains("[new-purpose]"), "{t}");
    assert!(
        t.stdout.contains("--> registers/10-1-slack.yaml:9:5"),
        "the new value's place in the work tree: {t}"
    );
    assert_eq!(std::fs::read(p.path().join(".git/index")).unwrap(), index);
    assert_eq!(git(p.path(), &["status", "--porcelain"]), status);
    // Nothing was written beside the project either.
    let names: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, [".git", "privreg.yaml", "registers"]);
}

#[test]
fn a_project_in_a_subdirectory_of_the_repository_compares_as_itself() {
    let p = history();
    let work = tempfile::tempdir().unwrap();
    let mono = work.path();
    git(mono, &["init", "-q"]);
    std::fs::create_dir_all(mono.join("legal/policy")).unwrap();
    for rel in ["privreg.yaml", SLACK, "registers/10-2-hihello.yaml"] {
        let to = mono.join("legal/policy").join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(&to, git(p.path(), &["show", &format!("HEAD~3:{rel}")])).unwrap();
    }
    git(mono, &["add", "-A"]);
    git(mono, &["commit", "-q", "-m", "policy"]);
    let project = mono.join("legal/policy");
    std::fs::write(project.join(SLACK), p.read(SLACK)).unwrap();
    let t = run_in(&project, &["diff", "HEAD"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(
        t.stdout
            .contains("> processors: Slack -> Slack Enterprise Grid"),
        "{t}"
    );
    assert!(t.stdout.contains("+ processors: Zoom"), "{t}");
}

#[test]
fn two_directories_compare_without_git() {
    let old = Project::example();
    let new = Project::example();
    let slack = new.read(SLACK);
    new.write(SLACK, &format!("{slack}{ZOOM}"));
    let old_dir = old.path().to_str().unwrap();
    let t = run_in(new.path(), &["diff", old_dir, "."]);
    assert_eq!(t.code, 0, "{t}");
    assert!(t.stdout.starts_with("changes from directory "), "{t}");
    assert!(t.stdout.contains("+ processors: Zoom"), "{t}");
}

#[test]
fn a_new_side_that_fails_check_is_not_compared() {
    let p = history();
    edit(&p, SLACK, SLACK_DPA, "");
    let t = p.run(&["diff", "HEAD"]);
    assert_eq!(t.code, 1, "{t}");
    assert_eq!(t.stdout, "", "{t}");
    assert!(
        t.stderr.starts_with(
            "error: the new side, the work tree, cannot be compared: it must pass `privreg check`"
        ),
        "{t}"
    );
    assert!(t.stderr.contains("error[PRV302]"), "{t}");
}

#[test]
fn an_old_side_must_load_but_may_fail_todays_rules() {
    let p = history();
    // A commit whose register fails a rule (no DPA) still compares...
    edit(&p, SLACK, SLACK_DPA, "");
    git(p.path(), &["commit", "-q", "-am", "no DPA"]);
    git(p.path(), &["checkout", "-q", "HEAD~1", "--", SLACK]);
    let t = p.run(&["diff", "HEAD"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(
        t.stdout
            .contains("+ processors[Slack Enterprise Grid].dpa: true"),
        "{t}"
    );
    // ...but not one whose register does not load.
    p.write("registers/broken.yaml", "id: [\n");
    git(p.path(), &["add", "-A"]);
    git(p.path(), &["commit", "-q", "-m", "broken"]);
    std::fs::remove_file(p.path().join("registers/broken.yaml")).unwrap();
    let t = p.run(&["diff", "HEAD"]);
    assert_eq!(t.code, 1, "{t}");
    snapshot("diff-old-side-broken", &t.to_string());
}

#[test]
fn a_name_that_is_no_directory_or_revision_is_a_usage_error() {
    let p = history();
    let t = p.run(&["diff", "no-such-tag"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(
        t.stderr
            .starts_with("error: `no-such-tag` is neither a directory nor a revision"),
        "{t}"
    );
    let t = p.run(&["--format", "sarif", "diff", "HEAD"]);
    assert_eq!(t.code, 2, "{t}");
    let t = p.run(&["--format", "markdown", "check"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(
        t.stderr
            .contains("`--format markdown` is for `privreg diff`"),
        "{t}"
    );
    let outside = tempfile::tempdir().unwrap();
    let t: Transcript = run_in(outside.path(), &["diff", "HEAD"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(t.stderr.contains("no git revision can be read"), "{t}");
}

#[test]
fn a_project_template_replaces_the_embedded_changelog() {
    let p = history();
    p.write(
        "templates/diff-changelog.md",
        "# What changed\n{% for c in changes %}\n* {{ c.field }}: {{ c.new or c.old }}\n{% endfor %}\n",
    );
    let t = p.run(&["--format", "markdown", "diff", "HEAD~1", "HEAD"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(
        t.stdout
            .starts_with("# What changed\n* processors: Slack Enterprise Grid\n"),
        "{t}"
    );
}
