//! `privreg build` of every artefact (policy, record with XLSX, sub-processor list,
//! JSON-LD) against the policy alone, on 1,000 generated sections.
//! Budget: every artefact in under 2 times the policy alone.
//!
//! Run: `cargo bench --bench artefacts`. The two builds are interleaved, run by run, so
//! that a noisy machine slows both alike; it prints the medians and their ratio. It is a
//! measurement, never a pass/fail test.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports its measurement on stdout"
)]

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "support/sections.rs"]
mod sections;
use sections::section;

fn project(dir: &Path, n: usize, outputs: &str) -> privreg::BuildOptions {
    std::fs::create_dir(dir.join("registers")).unwrap();
    std::fs::write(dir.join("privreg.yaml"), format!("outputs: {outputs}\n")).unwrap();
    for i in 1..=n {
        std::fs::write(dir.join(format!("registers/s{i:05}.yaml")), section(i)).unwrap();
    }
    privreg::BuildOptions {
        check: privreg::CheckOptions {
            root: dir.to_owned(),
            date: Some(jiff::civil::date(2026, 11, 29)),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn time(opts: &privreg::BuildOptions) -> Duration {
    let t = Instant::now();
    let built = std::hint::black_box(privreg::build(opts).expect("build runs"));
    let elapsed = t.elapsed();
    assert!(
        matches!(built.outcome, privreg::render::Outcome::Written { .. }),
        "generated sections are valid: {:?}",
        built.outcome
    );
    elapsed
}

fn main() {
    let n = 1_000;
    let runs = 11;
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let policy = project(a.path(), n, "[policy]");
    let all = project(b.path(), n, "[policy, record, subprocessors, jsonld]");
    // Once each before timing: the first build creates the output directory.
    time(&policy);
    time(&all);
    let (mut p, mut e): (Vec<Duration>, Vec<Duration>) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        p.push(time(&policy));
        e.push(time(&all));
    }
    p.sort();
    e.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (pm, em) = (p[runs / 2], e[runs / 2]);
    println!(
        "artefacts: {n} sections: policy alone median {:.1} ms; every artefact median {:.1} ms; \
         ratio {:.2} (budget 2.00)",
        ms(pm),
        ms(em),
        em.as_secs_f64() / pm.as_secs_f64()
    );
}
