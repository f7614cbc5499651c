//! `privreg build` (check, render, write) on 1,000 and 10,000 generated sections.
//! Budget: 1,000 sections under 150 ms; 10,000 within 12 times that; 1,000 sections in
//! German and English (`languages: [de, en]`) under 2 times the English alone.
//!
//! Run: `cargo bench --bench build`. Prints the median of several runs per size; it is a
//! measurement, never a pass/fail test.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports its measurement on stdout"
)]

use std::time::{Duration, Instant};

#[path = "support/sections.rs"]
mod sections;
use sections::section;

/// Times `runs` builds of `n` generated sections; returns the median build, the fastest
/// build, the median of `check` alone (the part of a build that is not rendering), and the
/// Markdown size.
fn measure(n: usize, runs: usize, languages: &str) -> (Duration, Duration, Duration, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("registers")).unwrap();
    std::fs::write(
        dir.path().join("privreg.yaml"),
        format!("languages: {languages}\n"),
    )
    .unwrap();
    for i in 1..=n {
        std::fs::write(
            dir.path().join(format!("registers/s{i:05}.yaml")),
            section(i),
        )
        .unwrap();
    }
    let opts = privreg::BuildOptions {
        check: privreg::CheckOptions {
            root: dir.path().to_owned(),
            date: Some(jiff::civil::date(2026, 11, 29)),
            ..Default::default()
        },
        ..Default::default()
    };
    let built = privreg::build(&opts).expect("build runs");
    assert!(
        matches!(built.outcome, privreg::render::Outcome::Written { .. }),
        "generated sections are valid: {:?}",
        built.outcome
    );
    let md = std::fs::read_dir(dir.path().join("dist"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".md"))
        .map(|e| e.metadata().unwrap().len() as usize)
        .sum();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(privreg::build(&opts).unwrap());
            t.elapsed()
        })
        .collect();
    times.sort();
    let mut checks: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(privreg::check(&opts.check).unwrap());
            t.elapsed()
        })
        .collect();
    checks.sort();
    (times[times.len() / 2], times[0], checks[runs / 2], md)
}

fn main() {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (m1, min1, c1, md1) = measure(1_000, 11, "[en]");
    println!(
        "build: 1,000 sections ({:.0} KiB of Markdown): median {:.1} ms, min {:.1} ms, \
         of which check {:.1} ms (budget 150 ms)",
        md1 as f64 / 1024.0,
        ms(m1),
        ms(min1),
        ms(c1)
    );
    let (m10, min10, c10, md10) = measure(10_000, 5, "[en]");
    println!(
        "build: 10,000 sections ({:.0} KiB of Markdown): median {:.1} ms, min {:.1} ms, \
         of which check {:.1} ms ({:.1}x the 1,000-section median; budget 12x)",
        md10 as f64 / 1024.0,
        ms(m10),
        ms(min10),
        ms(c10),
        m10.as_secs_f64() / m1.as_secs_f64()
    );
    let (mb, minb, _, mdb) = measure(1_000, 11, "[de, en]");
    println!(
        "build: 1,000 sections in German and English ({:.0} KiB of Markdown): median {:.1} ms, \
         min {:.1} ms ({:.2}x the English median; budget 2x)",
        mdb as f64 / 1024.0,
        ms(mb),
        ms(minb),
        mb.as_secs_f64() / m1.as_secs_f64()
    );
}
