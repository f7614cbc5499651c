//! `privreg diff` of two 1,000-section registers, one section in ten changed (a purpose
//! added, a mechanism removed, a service renamed, in turn). Budget: under 200 ms.
//!
//! Two directories, then the same registers as two commits of a git repository (read
//! through `git ls-tree` and `git cat-file`). Run: `cargo bench --bench diff`. Prints the
//! median of 15 runs; a measurement, never a pass/fail test.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports its figures on stdout"
)]

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "support/sections.rs"]
mod sections;
use sections::section;

const SECTIONS: usize = 1000;

/// Section `i` as the new register has it: every tenth one changed.
fn changed(i: usize) -> String {
    let s = section(i);
    if !i.is_multiple_of(10) {
        return s;
    }
    match i / 10 % 3 {
        0 => s.replace("  - support case", "  - product feedback\n  - support case"),
        1 => s
            .replace("mechanisms: [dpf, scc]", "mechanisms: [scc]")
            .replace("        relation: fallback\n", ""),
        _ => s.replace("  - service: Tool", "  - service: Renamed tool"),
    }
}

fn write(dir: &Path, text: impl Fn(usize) -> String) {
    std::fs::create_dir_all(dir.join("registers")).unwrap();
    for i in 1..=SECTIONS {
        std::fs::write(dir.join(format!("registers/s{i:04}.yaml")), text(i)).unwrap();
    }
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=bench",
            "-c",
            "user.email=bench@example.com",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs")
        .status
        .success();
    assert!(ok, "git {args:?}");
}

fn median(label: &str, run: impl Fn() -> usize) {
    let changes = run();
    let mut times: Vec<Duration> = (0..15)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(run());
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "diff: {label}, 1,000 sections, {changes} changes: median {:.1} ms, min {:.1} ms (budget 200 ms)",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
}

fn diff(root: &Path, old: &str, new: Option<&str>) -> usize {
    let opts = privreg::DiffOptions {
        check: privreg::CheckOptions {
            root: root.to_owned(),
            date: Some(jiff::civil::date(2026, 11, 29)),
            ..Default::default()
        },
        old: old.to_owned(),
        new: new.map(str::to_owned),
        compare: privreg::diff::Options::default(),
    };
    match privreg::diff(&opts).expect("diff runs") {
        privreg::Diffed::Compared(d) => d.changes.len(),
        privreg::Diffed::Blocked(b) => panic!("a side cannot be compared: {b:?}"),
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    write(&old, section);
    write(&new, changed);
    let (o, n) = (old.to_str().unwrap(), new.to_str().unwrap());
    median("two directories", || diff(&new, o, Some(n)));
    // What the comparison itself costs, beyond checking both sides.
    let checked = |root: &Path| {
        privreg::check(&privreg::CheckOptions {
            root: root.to_owned(),
            date: Some(jiff::civil::date(2026, 11, 29)),
            ..Default::default()
        })
        .expect("check runs")
    };
    let (a, b) = (checked(&old), checked(&new));
    median("the comparison alone", || {
        privreg::diff::compare(&a.project, &b.project, privreg::diff::Options::default()).len()
    });
    median("one side checked, for scale", || {
        checked(&new).diagnostics.len()
    });
    median("one side loaded, for scale", || {
        privreg::project::load(&old).expect("loads").sections.len()
    });

    let repo = dir.path().join("repo");
    write(&repo, section);
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "old"]);
    write(&repo, changed);
    git(&repo, &["commit", "-q", "-am", "new"]);
    median("two git revisions", || diff(&repo, "HEAD~1", Some("HEAD")));
    median("a revision and the work tree", || {
        diff(&repo, "HEAD~1", None)
    });
}
