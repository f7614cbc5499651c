//! The broken-input suite: every directory under `tests/fixtures/broken/` is a project
//! whose name starts with the rule it must trigger. Each is checked with
//! `--deny warnings`, must exit 1 without panicking, and its report is pinned in a
//! snapshot (code, file, line and column).

use std::path::Path;

use crate::support::{Project, Transcript, repo_root};

/// 2026-01-01 and 2031-12-31 as `SOURCE_DATE_EPOCH`: far apart, and on either side of the
/// end of the UK adequacy decision (Implementing Decision (EU) 2021/1772, Art. 4: in force
/// until 27 December 2031).
const EARLY: (&str, &str) = ("1767225600", "2026-01-01");
const LATE: (&str, &str) = ("1956441600", "2031-12-31");

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_symlink() {
            // A case can be about a broken link (PRV018): copy the link, not its target.
            #[cfg(unix)]
            std::os::unix::fs::symlink(std::fs::read_link(&path).unwrap(), &target).unwrap();
        } else if path.is_dir() {
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

/// Checks broken case `name` with `--deny warnings` on the judgement date `epoch`
/// (`None`: the harness's fixed date).
fn check_case(name: &str, epoch: Option<&str>) -> Transcript {
    let p = Project::new();
    copy_dir(
        &repo_root().join("tests/fixtures/broken").join(name),
        p.path(),
    );
    if name.starts_with("PRV011") {
        // Generated here so the repository does not carry a megabyte of filler.
        let filler = format!("id: big\n# {}\n", "x".repeat(1024 * 1024));
        p.write("registers/big.yaml", &filler);
    }
    // Nearly every minimal register leaves Art. 13(2)(e) and the record's Art. 30(1)(c) and
    // (g) unsaid; a case shows its own rule, so PRV601 and PRV701 are allowed except in
    // their own cases.
    let mut args = vec!["check", "--deny", "warnings"];
    for quiet in ["PRV601", "PRV701"] {
        if !name.starts_with(quiet) {
            args.extend(["-A", quiet]);
        }
    }
    match epoch {
        Some(e) => p.run_dated(Some(e), &args),
        None => p.run(&args),
    }
}

#[test]
fn every_broken_input_exits_1_with_its_rule_at_a_pinned_location() {
    let cases = cases();
    assert!(cases.len() >= 30, "the suite needs at least 30 cases");
    for name in cases {
        let t = check_case(&name, None);
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
fn only_cases_without_a_date_of_their_own_name_the_date_they_were_judged_on() {
    // A case that carries `last_updated` in its privreg.yaml must read the same on any day;
    // one that does not is judged on SOURCE_DATE_EPOCH and may only differ by naming it.
    let mut differing = Vec::new();
    for name in cases() {
        let early = check_case(&name, Some(EARLY.0)).to_string();
        let late = check_case(&name, Some(LATE.0)).to_string();
        if early != late {
            differing.push(name.clone());
        }
        assert_eq!(
            early.replace(EARLY.1, "<date>"),
            late.replace(LATE.1, "<date>"),
            "{name}: its outcome depends on the judgement date beyond naming it"
        );
    }
    assert_eq!(differing, ["PRV203-adequacy-for-india"]);
}

#[test]
fn the_uk_adequacy_decision_holds_until_27_december_2031_and_not_after() {
    // Commission Implementing Decision (EU) 2021/1772, Art. 4, as renewed in 2025: a UK
    // transfer on adequacy passes in 2026 and is an error on 2031-12-31.
    let p = Project::new();
    copy_dir(
        &repo_root().join("tests/fixtures/dated/uk-adequacy"),
        p.path(),
    );
    let early = p.run_dated(Some(EARLY.0), &["check", "--format", "concise"]);
    assert_eq!(early.code, 0, "{early}");
    assert!(!early.stdout.contains("PRV203"), "{early}");
    let late = p.run_dated(Some(LATE.0), &["check", "--format", "concise"]);
    assert_eq!(late.code, 1, "{late}");
    assert!(
        late.stdout
            .contains("error[PRV203] no adequacy decision for GB is in force on 2031-12-31"),
        "{late}"
    );
}

#[test]
fn without_any_date_privreg_judges_on_todays_utc_date() {
    let p = Project::new();
    copy_dir(
        &repo_root().join("tests/fixtures/broken/PRV203-adequacy-for-india"),
        p.path(),
    );
    let before = utc_today();
    let t = p.run_dated(None, &["check", "--format", "concise"]);
    let after = utc_today();
    assert!(
        t.stdout.contains(&format!("in force on {before}"))
            || t.stdout.contains(&format!("in force on {after}")),
        "judged on neither {before} nor {after}: {t}"
    );
}

/// Today's date in UTC from the test's own clock (faked too when CI runs under faketime).
fn utc_today() -> jiff::civil::Date {
    jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
}

#[test]
fn every_register_rule_has_a_broken_case() {
    let cases = cases();
    for rule in privreg::catalogue::ALL {
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
