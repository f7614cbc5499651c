//! Whole-process runs of `privreg lint` and `privreg citations` on large policies (issue 19):
//! 1, 10 and 50 MB of citation-dense text, about ten findings per 21.5 KB block, in the
//! human, concise and JSON formats. Prints a table; never fails on time.
//!
//! ```sh
//! cargo bench --bench large                          # the binary built with the bench
//! PRIVREG_BIN=/path/to/privreg cargo bench --bench large   # another build, e.g. main's
//! PRIVREG_BENCH_SIZES=1,10 cargo bench --bench large       # other sizes, in MB
//! PRIVREG_BENCH_MEMORY=500 cargo bench --bench large       # also peak memory at 500 MB
//! PRIVREG_BENCH_EXT=md cargo bench --bench large           # as Markdown (or html), marked up
//! ```
//!
//! A run is stopped after `PRIVREG_BENCH_TIMEOUT` seconds (default 120) and reported as
//! such. Peak memory is the maximum resident set size GNU time (`/usr/bin/time -v`) reports.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports its figures on stdout"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One block of policy text (21.5 KB): the seed chapter's kind of prose, about as many
/// citations, and ten findings (wrong points, an unknown article, a basis that contradicts its words, the
/// Privacy Shield, a second citation style).
fn block(n: usize) -> String {
    const CITING: &[&str] = &[
        "The processing is based on Art. 6 para. 1 lit. b GDPR (contractual performance or initiation).",
        "Where the use is voluntary, the legal basis is your consent pursuant to Art. 6 para. 1 lit. a GDPR.",
        "You have the right to object to the processing of your data at any time in accordance with Art. 21 GDPR.",
        "Such transfer is based on the Standard Contractual Clauses pursuant to Art. 46 para. 2 lit. c GDPR.",
        "A data processing agreement pursuant to Art. 28 para. 3 GDPR has been concluded with the provider.",
    ];
    const PROSE: &[&str] = &[
        "For communication with selected customers, we use the service Slack, provided by Salesforce, Inc., Salesforce Tower, 415 Mission Street, San Francisco, CA 94105, USA.",
        "Stored data is retained only as long as necessary to fulfil the purposes described above.",
        "Further information is available at https://example.org/privacy and in the privacy policy of the provider.",
        "The conference tools collect all information that you provide to use the tools, such as your email address and phone number.",
        "This data processing is solely for the purpose of detecting and preventing security-related incidents and for optimising technical operations.",
        "We have no influence on the duration of storage of your data that is stored by the operators of the conference tools for their own purposes.",
        "Stored cookies remain on your end device until you delete them; mandatory legal retention periods remain unaffected.",
        "Should content be exchanged, uploaded, or otherwise made available within the tool, it is also stored on the servers of the tool provider.",
        "This includes, in particular, IP addresses, device IDs, device type, operating system type and version, and client version.",
    ];
    const FINDINGS: &[&str] = &[
        "The processing is based on Art. 6 para. 1 lit. 6 GDPR (contractual performance or initiation).",
        "In cases of voluntary use, the processing is based on your consent under Art. 6 para. 1 lit. 1 GDPR.",
        "The recipient is certified under the EU-US Privacy Shield.",
        "You may lodge a complaint with a supervisory authority pursuant to Art. 100 GDPR.",
        "We rely on our legitimate interests within the meaning of Art. 6(1)(f) GDPR.",
    ];
    let mut out = format!("10.{n} Processors\n\n");
    let mut state = 0x9E37_79B9_7F4A_7C15_u64 ^ n as u64;
    let mut findings = 0;
    while out.len() < 21_500 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        // Every tenth of the block carries two findings.
        if findings < 10 && out.len() >= findings * 2_150 {
            out.push_str(FINDINGS[findings % FINDINGS.len()]);
            out.push(' ');
            findings += 1;
            continue;
        }
        // About one sentence in eight cites, as in the seed chapter (13 citations in 9.3 KB).
        let pick = (state >> 8) as usize;
        out.push_str(if state.is_multiple_of(8) {
            CITING[pick % CITING.len()]
        } else {
            PROSE[pick % PROSE.len()]
        });
        out.push(if (state >> 16).is_multiple_of(4) {
            '\n'
        } else {
            ' '
        });
    }
    out.push_str("\n\n");
    out
}

/// `block` as Markdown (a list item a line, bold law names, a link and a code span a
/// paragraph) or HTML (a paragraph a line, `<abbr>` and `<a>` around words, `&nbsp;` after
/// "Art."): markup of the kinds policies carry, which extraction takes out.
fn marked(block: &str, ext: &str) -> String {
    let (text, line): (String, fn(&str) -> String) = match ext {
        "html" => (
            block
                .replace("Art. ", "Art.&nbsp;")
                .replace(
                    "GDPR",
                    "<abbr title=\"General Data Protection Regulation\">GDPR</abbr>",
                )
                .replace("Slack", "<a href=\"https://slack.com/privacy\">Slack</a>"),
            |l| format!("<p class=\"policy\">{l}</p>\n"),
        ),
        "md" => (
            block
                .replace("GDPR", "**GDPR**")
                .replace("Slack", "[Slack](https://slack.com/privacy)")
                .replace("USA", "`USA`"),
            |l| format!("- {l}\n"),
        ),
        _ => return block.to_owned(),
    };
    text.split('\n')
        .map(|l| {
            if l.is_empty() {
                "\n".to_owned()
            } else {
                line(l)
            }
        })
        .collect()
}

fn corpus(dir: &Path, mb: usize) -> PathBuf {
    // Plain text unless PRIVREG_BENCH_EXT says `md` or `html`, marked up as such.
    let ext = std::env::var("PRIVREG_BENCH_EXT").unwrap_or_else(|_| "txt".into());
    let path = dir.join(format!("policy-{mb}mb.{ext}"));
    let blocks: Vec<String> = (0..97).map(|n| marked(&block(n), &ext)).collect();
    let mut text = String::with_capacity(mb * 1_000_000 + 30_000);
    let mut n = 0;
    while text.len() < mb * 1_000_000 {
        text.push_str(&blocks[n % 97]);
        n += 1;
    }
    std::fs::write(&path, text).expect("the corpus is written");
    path
}

/// Wall time of one run with stdout discarded, or `None` once it passes the timeout.
fn run(bin: &Path, args: &[&str], file: &Path, timeout: Duration) -> Option<Duration> {
    let started = Instant::now();
    let mut child = Command::new(bin)
        .args(args)
        .arg(file)
        .current_dir(file.parent().expect("a directory"))
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("privreg starts");
    loop {
        if child.try_wait().expect("wait").is_some() {
            return Some(started.elapsed());
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Peak resident memory in MB of one run, from GNU time, and whether the run was stopped
/// at the timeout (coreutils' `timeout`, whose child's peak GNU time still sees).
fn peak_mb(bin: &Path, args: &[&str], file: &Path, timeout: Duration) -> Option<(f64, bool)> {
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg("timeout")
        .arg(timeout.as_secs().to_string())
        .arg(bin)
        .args(args)
        .arg(file)
        .current_dir(file.parent()?)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let kb: f64 = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })?
        .parse()
        .ok()?;
    Some((kb / 1000.0, out.status.code() == Some(124)))
}

const COMMANDS: &[(&str, &[&str])] = &[
    ("lint human", &["lint", "--format", "human"]),
    ("lint concise", &["lint", "--format", "concise"]),
    ("lint json", &["lint", "--format", "json"]),
    ("citations json", &["citations", "--format", "json"]),
];

fn main() {
    let bin = std::env::var_os("PRIVREG_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_privreg")));
    let sizes: Vec<usize> = std::env::var("PRIVREG_BENCH_SIZES")
        .unwrap_or_else(|_| "1,10,50".into())
        .split(',')
        .map(|s| s.trim().parse().expect("sizes in MB"))
        .collect();
    let timeout = Duration::from_secs(
        std::env::var("PRIVREG_BENCH_TIMEOUT")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(120),
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    println!("binary: {}", bin.display());

    let sample = corpus(dir.path(), 1);
    let concise = Command::new(&bin)
        .args(["lint", "--format", "concise"])
        .arg(&sample)
        .output()
        .expect("privreg runs");
    let findings = String::from_utf8_lossy(&concise.stdout).lines().count();
    let listed = Command::new(&bin)
        .args(["citations", "--format", "human"])
        .arg(&sample)
        .output()
        .expect("privreg runs");
    let cited = String::from_utf8_lossy(&listed.stdout).lines().count();
    let bytes = std::fs::metadata(&sample).expect("the corpus").len();
    let per_block = |n: usize| n as f64 * 21_500.0 / bytes as f64;
    println!(
        "corpus: {:.1} findings and {:.1} citations per 21.5 KB ({findings} and {cited} in {bytes} bytes)\n",
        per_block(findings),
        per_block(cited)
    );

    print!("| size |");
    for (name, _) in COMMANDS {
        print!(" {name} |");
    }
    println!("\n|---:|{}", "---:|".repeat(COMMANDS.len()));
    for &mb in &sizes {
        let file = corpus(dir.path(), mb);
        print!("| {mb} MB |");
        for (_, args) in COMMANDS {
            match run(&bin, args, &file, timeout) {
                Some(t) => print!(" {:.2} s |", t.as_secs_f64()),
                None => print!(" > {} s (stopped) |", timeout.as_secs()),
            }
        }
        println!();
        std::fs::remove_file(&file).expect("the corpus is removed");
    }

    if let Some(mb) = std::env::var("PRIVREG_BENCH_MEMORY")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
    {
        let file = corpus(dir.path(), mb);
        println!("\npeak memory at {mb} MB (maximum resident set size):");
        for (name, args) in [COMMANDS[0], COMMANDS[1], COMMANDS[3]] {
            let started = Instant::now();
            match peak_mb(&bin, args, &file, timeout) {
                Some((peak, stopped)) => println!(
                    "  {name}: {peak:.0} MB ({:.2} times the file), {:.1} s{}",
                    peak / mb as f64,
                    started.elapsed().as_secs_f64(),
                    if stopped {
                        ", stopped at the timeout"
                    } else {
                        ""
                    }
                ),
                None => println!("  {name}: /usr/bin/time -v is not available"),
            }
        }
    }
}
