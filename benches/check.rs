//! `privreg check` on 1,000 generated section files. Budget: under 100 ms on one core.
//!
//! Run: `cargo bench --bench check`. Prints the median of 15 runs; it is a measurement,
//! never a pass/fail test.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports its figures on stdout"
)]

use std::time::{Duration, Instant};

fn section(i: usize) -> String {
    format!(
        "id: section-{i}\norder: {i}\ntitle: Service number {i}\nprocessed_by: processors\n\
         purposes:\n  - communication with selected customers\n  - support case {i}\n\
         data_categories:\n  - contact details\n  - technical metadata (such as IP address)\n\
         legal_bases:\n  - basis: contract\n    scope: contractual performance or initiation\n\
         \x20 - basis: legitimate-interests\n    interest: effective contact management\n\
         processors:\n  - service: Tool {i}\n    provider:\n      legal_name: Tool {i}, Inc.\n\
         \x20     address: {i} Mission Street, San Francisco, CA 94105\n      country: US\n\
         \x20   dpa:\n      concluded: true\n    transfers:\n      - country: US\n\
         \x20       certainty: cannot-be-excluded\n        mechanisms: [scc, dpf]\n\
         \x20       dpf_participant: https://www.dataprivacyframework.gov/participant/{i}\n\
         \x20   privacy_policy: https://tool{i}.example/privacy\n\
         retention:\n  period: as long as necessary to fulfil the purposes described above\n"
    )
}

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
        date: Some("2026-11-29".into()),
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
