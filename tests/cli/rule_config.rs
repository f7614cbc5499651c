//! Severity overrides (privreg.yaml `rules:`, `-D/-W/-A`, `--deny warnings`) and inline
//! suppressions, end to end on a copy of the shipped register (three PRV301, three PRV207
//! and one PRV304 warning: gaps the seed leaves).

use crate::support::Project;

/// The PRV301 findings, with their severity: the rule these tests configure.
fn codes(t: &crate::support::Transcript) -> Vec<String> {
    t.diagnostics()
        .iter()
        .filter(|d| d["code"] == "PRV301")
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            )
        })
        .collect()
}

fn with_config(extra: &str) -> Project {
    let p = Project::example();
    let config = p.read("privreg.yaml");
    // The example already has a `rules:` mapping (PRV105 as a warning): extend it.
    let merged = match extra.strip_prefix("rules:\n") {
        Some(entries) if config.contains("\nrules:\n") => {
            config.replace("\nrules:\n", &format!("\nrules:\n{entries}"))
        }
        _ => format!("{config}{extra}"),
    };
    p.write("privreg.yaml", &merged);
    p
}

#[test]
fn config_can_make_a_warning_an_error() {
    let p = with_config("rules:\n  PRV301: error\n");
    let t = p.run(&["check", "--format", "json"]);
    assert_eq!(t.code, 1, "{t}");
    assert_eq!(codes(&t), ["PRV301 error"; 3], "{t}");
}

#[test]
fn config_can_turn_a_rule_off_by_name() {
    let p = with_config("rules:\n  retention-missing: off\n");
    let t = p.run(&["check", "--format", "json"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(codes(&t).is_empty(), "{t}");
}

#[test]
fn the_command_line_wins_over_the_config() {
    let p = with_config("rules:\n  PRV301: error\n");
    let t = p.run(&["check", "--format", "json", "-W", "PRV301"]);
    assert_eq!(t.code, 0, "{t}");
    assert_eq!(codes(&t), ["PRV301 warning"; 3], "{t}");
    let t = p.run(&["check", "--format", "json", "-A", "retention-missing"]);
    assert!(codes(&t).is_empty(), "{t}");
}

#[test]
fn deny_a_single_rule_fails_the_run() {
    let t = Project::example().run(&["check", "-D", "PRV301"]);
    assert_eq!(t.code, 1, "{t}");
}

#[test]
fn an_unknown_code_on_the_command_line_is_a_usage_error() {
    let t = Project::example().run(&["check", "-A", "PRV3011"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(t.stderr.contains("did you mean `PRV301`?"), "{t}");
}

fn suppress_in_slack(comment: &str) -> Project {
    let p = Project::example();
    let text = p.read("registers/10-1-slack.yaml");
    let (first, rest) = text.split_once('\n').unwrap();
    p.write(
        "registers/10-1-slack.yaml",
        &format!("{first}\n{comment}\n{rest}"),
    );
    p
}

#[test]
fn a_suppression_with_a_reason_silences_the_finding() {
    let p = suppress_in_slack("# privreg: ignore[PRV301] retention is stated in chapter 12");
    let t = p.run(&["check", "--format", "concise"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(!t.stdout.contains("10-1-slack.yaml:3:5"), "{t}");
    assert!(
        t.stdout.contains("10-2-hihello.yaml"),
        "other files keep theirs: {t}"
    );
}

#[test]
fn a_suppression_without_a_reason_silences_but_warns() {
    let p = suppress_in_slack("# privreg: ignore[PRV301]");
    let t = p.run(&["check", "--format", "concise"]);
    assert_eq!(t.code, 0, "{t}");
    insta::assert_snapshot!(t.stdout);
}

#[test]
fn a_suppression_for_a_rule_that_is_off_still_counts_as_used() {
    let p = suppress_in_slack("# privreg: ignore[PRV301] stated in chapter 12");
    let t = p.run(&[
        "check", "--format", "concise", "-A", "PRV301", "-A", "PRV207", "-A", "PRV304", "-A",
        "PRV501", "-A", "PRV105", "-A", "PRV305", "-A", "PRV110", "-A", "PRV601", "-A", "PRV701",
    ]);
    assert_eq!(t.code, 0, "{t}");
    assert_eq!(t.stdout, "", "{t}");
}

#[test]
fn excluded_paths_are_not_checked() {
    let p = Project::example();
    p.write("registers/draft-new.yaml", "id: draft\nbogus: 1\n");
    let broken = p.run(&["check"]);
    assert_eq!(broken.code, 1, "{broken}");
    let config = p.read("privreg.yaml");
    p.write(
        "privreg.yaml",
        &format!("{config}exclude: [\"registers/draft-*.yaml\"]\n"),
    );
    let t = p.run(&["check"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(!t.stdout.contains("draft"), "{t}");
}

/// The first fenced block of `lang` in docs/suppressions.md, as the reader copies it.
fn suppressions_doc_example(lang: &str) -> String {
    let doc =
        std::fs::read_to_string(crate::support::repo_root().join("docs/suppressions.md")).unwrap();
    let fence = format!("```{lang}\n");
    let start = doc.find(&fence).expect("the example is in the docs") + fence.len();
    let end = start + doc[start..].find("```\n").expect("the example ends");
    doc[start..end].to_owned()
}

/// The codes a `--format json` run reports.
fn all_codes(t: &crate::support::Transcript) -> Vec<String> {
    t.diagnostics()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Each line of `text` without its `# privreg:` comment; own-line ones disappear.
fn without_suppressions(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("# privreg:"))
        .map(|l| l.split("   # privreg:").next().unwrap())
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn the_yaml_example_of_the_suppression_docs_works_as_they_say() {
    let example = suppressions_doc_example("yaml");
    let p = Project::new();
    p.write("registers/chat.yaml", &without_suppressions(&example));
    let t = p.run(&["check", "--format", "json"]);
    assert_eq!(
        all_codes(&t),
        ["PRV301", "PRV205"],
        "without the comments: {t}"
    );
    p.write("registers/chat.yaml", &example);
    let t = p.run(&["check", "--format", "json"]);
    assert_eq!(t.code, 0, "{t}");
    assert_eq!(all_codes(&t), Vec::<String>::new(), "{t}");
}

#[test]
fn the_markdown_example_of_the_suppression_docs_works_as_they_say() {
    let example = suppressions_doc_example("markdown");
    let p = Project::new();
    p.write("policy.md", &example);
    let t = p.run(&["lint", "--format", "json", "policy.md"]);
    assert_eq!(t.code, 0, "{t}");
    assert_eq!(all_codes(&t), Vec::<String>::new(), "{t}");
    let bare: String = example.lines().skip(1).map(|l| format!("{l}\n")).collect();
    p.write("policy.md", &bare);
    let t = p.run(&["lint", "--format", "json", "policy.md"]);
    assert_eq!(all_codes(&t), ["PRV403"], "without the comment: {t}");
}
