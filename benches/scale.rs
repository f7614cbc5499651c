//! Whole-process `privreg check` and `privreg build` on projects of many registers cloned
//! from the shipped example (issue 18): wall time and peak memory, on all cores and on one,
//! and the side-by-side ratio against the script a user would otherwise write
//! (`../shared/bench/baseline.py`: PyYAML, Jinja2, python-markdown). Prints a table; never
//! fails on time or memory.
//!
//! Budgets (issue 18): build of 1,000 registers at least 30 times faster than the script
//! (measured at 1,000 only: from 10,000 on the script takes minutes);
//! 100,000 registers built in under 1 GB of peak memory, in time linear in the registers.
//!
//! ```sh
//! cargo bench --bench scale                              # 1,000 and 10,000 registers
//! PRIVREG_BENCH_REGISTERS=1000,10000,100000 cargo bench --bench scale   # and 100,000 (minutes)
//! PRIVREG_BIN=/path/to/privreg cargo bench --bench scale # another build, e.g. main's
//! PRIVREG_BENCH_PYTHON=v/bin/python cargo bench --bench scale  # the baseline's interpreter
//! ```
//!
//! The projects are made by `../shared/bench/clone_registers.py` (needs `python3`); the
//! baseline runs when its interpreter imports `yaml`, `jinja2` and `markdown`, else it is
//! reported as skipped. Each figure is the median of `PRIVREG_BENCH_RUNS` runs (default 3;
//! one at 100,000), the runs of privreg and of the script interleaved, as this machine's
//! load drifts. Peak memory is the maximum resident set size GNU time (`/usr/bin/time -v`)
//! reports. 100,000 registers take about 400 MB of disk in a temporary directory.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports its figures on stdout"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run: wall time and peak resident memory in MB, if GNU time could tell it.
struct Run {
    wall: Duration,
    peak_mb: Option<f64>,
}

/// Runs `program args` under GNU time (if present) with stdout and stderr discarded.
fn measure(program: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-v").arg(program);
        c
    } else {
        Command::new(program)
    };
    cmd.args(args)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let out = cmd.output().expect("the program starts");
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let peak_mb = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1000.0);
    Run { wall, peak_mb }
}

fn median(mut runs: Vec<Run>) -> Run {
    runs.sort_by_key(|r| r.wall);
    runs.swap_remove(runs.len() / 2)
}

fn shared_bench() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench")
}

/// A project of `n` registers cloned from the example, by the shared generator.
fn project(dir: &Path, n: usize) -> Option<PathBuf> {
    let root = dir.join(format!("p{n}"));
    let status = Command::new("python3")
        .arg(shared_bench().join("clone_registers.py"))
        .arg(env!("CARGO_MANIFEST_DIR"))
        .arg(&root)
        .arg(n.to_string())
        .status()
        .ok()?;
    status.success().then_some(root)
}

/// The interpreter that runs the baseline, if it has the baseline's packages.
fn python() -> Option<String> {
    let python = std::env::var("PRIVREG_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python)
        .args(["-c", "import yaml, jinja2, markdown"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(python)
}

fn cell(run: &Run) -> String {
    match run.peak_mb {
        Some(mb) => format!("{:.2} s, {mb:.0} MB", run.wall.as_secs_f64()),
        None => format!("{:.2} s", run.wall.as_secs_f64()),
    }
}

fn main() {
    let bin = std::env::var_os("PRIVREG_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_privreg")));
    let sizes: Vec<usize> = std::env::var("PRIVREG_BENCH_REGISTERS")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("register counts"))
        .collect();
    let runs: usize = std::env::var("PRIVREG_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let python = python();
    let dir = tempfile::tempdir().expect("a temporary directory");
    println!("binary: {}", bin.display());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average: {}",
        load.split(' ').take(3).collect::<Vec<_>>().join(" ")
    );
    println!(
        "\n| registers | check | check, 1 thread | build | build, 1 thread | baseline.py | ratio |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for &n in &sizes {
        let Some(root) = project(dir.path(), n) else {
            println!("| {n} | projects need python3 and ../shared/bench/clone_registers.py |");
            return;
        };
        let root_s = root.to_string_lossy().into_owned();
        let out = dir.path().join("out").to_string_lossy().into_owned();
        let base_out = dir.path().join("base-out").to_string_lossy().into_owned();
        let check = ["check", "--format", "concise", "--root", &root_s];
        let build = [
            "build", "--format", "concise", "--root", &root_s, "--out", &out,
        ];
        let one = [("PRIVREG_JOBS", "1")];
        let runs = if n >= 100_000 { 1 } else { runs };
        // The script takes over a minute from 10,000 registers on: the ratio is at 1,000.
        let baseline = python.as_ref().filter(|_| n <= 1_000);
        let (mut c, mut c1, mut b, mut b1, mut py) = (vec![], vec![], vec![], vec![], vec![]);
        for _ in 0..runs {
            c.push(measure(&bin, &check, &[]));
            c1.push(measure(&bin, &check, &one));
            b.push(measure(&bin, &build, &[]));
            b1.push(measure(&bin, &build, &one));
            if let Some(python) = baseline {
                let script = shared_bench().join("baseline.py");
                let script = script.to_string_lossy().into_owned();
                py.push(measure(
                    Path::new(python),
                    &[&script, &root_s, &base_out],
                    &[],
                ));
            }
        }
        let (c, c1, b, b1) = (median(c), median(c1), median(b), median(b1));
        let (py, ratio) = if py.is_empty() {
            ("skipped".to_owned(), "-".to_owned())
        } else {
            let py = median(py);
            let ratio = py.wall.as_secs_f64() / b.wall.as_secs_f64();
            (cell(&py), format!("{ratio:.1}x"))
        };
        println!(
            "| {n} | {} | {} | {} | {} | {py} | {ratio} |",
            cell(&c),
            cell(&c1),
            cell(&b),
            cell(&b1)
        );
        std::fs::remove_dir_all(&root).expect("the project is removed");
    }
}
