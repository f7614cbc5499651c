//! Every `--help` text and the rule list, pinned: they are the first documentation a user
//! reads, and each subcommand's help ends with an example.

use crate::support::{privreg, repo_root, run_in};

fn help(args: &[&str]) -> String {
    let out = privreg().args(args).arg("--help").output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Subcommand names as `privreg --help` lists them, so a new one cannot go unpinned.
fn subcommands() -> Vec<String> {
    help(&[])
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|name| name != "help")
        .collect()
}

#[test]
fn top_level_help() {
    insta::assert_snapshot!("help", help(&[]));
}

#[test]
fn every_subcommand_help_is_pinned_and_ends_with_an_example() {
    let names = subcommands();
    assert!(names.len() >= 8, "{names:?}");
    for name in names {
        let text = help(&[&name]);
        assert!(
            text.contains("Example:") || text.contains("Examples:"),
            "`privreg {name} --help` has no example"
        );
        insta::assert_snapshot!(format!("help-{name}"), text);
    }
}

#[test]
fn rule_list() {
    let t = run_in(&repo_root(), &["rules"]);
    assert_eq!(t.code, 0, "{t}");
    insta::assert_snapshot!("rules", t.stdout);
}

#[test]
fn man_page_in_docs_is_current() {
    let t = run_in(&repo_root(), &["man"]);
    assert_eq!(t.code, 0, "{t}");
    let path = repo_root().join("docs/privreg.1");
    if std::env::var_os("PRIVREG_BLESS").is_some() {
        std::fs::write(&path, &t.stdout).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == t.stdout,
        "docs/privreg.1 is stale: run `PRIVREG_BLESS=1 cargo test`"
    );
}

#[test]
fn the_man_page_describes_every_command_and_refers_to_no_other_page() {
    let t = run_in(&repo_root(), &["man"]);
    assert_eq!(t.code, 0, "{t}");
    // privreg installs one page; `privreg-check(1)` and the like would lead nowhere.
    let reference = regex::Regex::new(r"[a-z]+\\?-[a-z]+\(\d\)").unwrap();
    assert!(!reference.is_match(&t.stdout), "{}", t.stdout);
    for name in subcommands() {
        assert!(
            t.stdout.contains(&format!(".SS \"privreg {name}\"\n")),
            "`privreg {name}` is not described"
        );
    }
    assert!(
        t.stdout
            .contains("\\fBprivreg build\\fR [\\fB\\-\\-out\\fR]"),
        "{}",
        t.stdout
    );
}

#[test]
fn completions_exist_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let t = run_in(&repo_root(), &["completions", shell]);
        assert_eq!(t.code, 0, "{shell}: {t}");
        assert!(t.stdout.contains("privreg"), "{shell}");
        assert!(
            t.stdout.contains("rules"),
            "{shell}: subcommands are completed"
        );
    }
}
