//! `privreg check` on 1,000 generated section files. Budget: under 100 ms on one core.
//!
//! Run: `cargo bench --bench check`. Prints the median of 15 runs; it is a measurement,
//! never a pass/fail test.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports its figures on stdout"
)]

use std::time::{Duration, Instant};

#[path = "support/sections.rs"]
mod sections;
use sections::section;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("registers")).unwrap();
    for i in 1..=1000 {
        std::fs::write(
            dir.path().join(format!("registers/s{i:04}.yaml")),
            section(i),
        )
        .unwrap();
    }
    let opts = privreg::CheckOptions {
        root: dir.path().to_owned(),
        date: Some(jiff::civil::date(2026, 11, 29)),
        ..Default::default()
    };
    let checked = privreg::check(&opts).expect("check runs");
    assert_eq!(checked.project.sections.len(), 1000);
    assert_eq!(checked.summary().errors, 0, "generated sections are valid");
    let mut times: Vec<Duration> = (0..15)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(privreg::check(&opts).unwrap());
            t.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let bytes: usize = (1..=1000).map(|i| section(i).len()).sum();
    println!(
        "check: 1,000 sections ({:.1} KiB): median {:.1} ms, min {:.1} ms (budget 100 ms)",
        bytes as f64 / 1024.0,
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
}
