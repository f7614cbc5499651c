//! Files on disk (issue 13, items 9, 14 and 20): what privreg reads is a regular file,
//! and never more of it than a limit.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::{Project, privreg, run_cmd};

const MIB: u64 = 1024 * 1024;

/// A file of `len` bytes that takes no room on disk (its metadata tells the size).
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

/// Runs `privreg ARGS --root <p>` with a deadline: a run that blocks fails the test
/// instead of hanging it.
fn run_bounded(p: &Project, args: &[&str]) -> crate::support::Transcript {
    run_cmd(
        privreg()
            .args(args)
            .arg("--root")
            .arg(p.path())
            .current_dir(p.path())
            .timeout(Duration::from_secs(30)),
    )
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs")
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn hardening_9_lint_never_opens_a_device_fifo_socket_or_broken_link() {
    use std::os::unix::fs::symlink;
    let p = Project::new();
    mkfifo(&p.path().join("pipe.md"));
    let _socket = std::os::unix::net::UnixListener::bind(p.path().join("socket.md")).unwrap();
    symlink("gone.md", p.path().join("broken.md")).unwrap();
    symlink("loop.md", p.path().join("loop.md")).unwrap();
    std::fs::create_dir(p.path().join("dir.md")).unwrap();
    for (file, what) in [
        ("/dev/zero", "a character device"),
        ("pipe.md", "a FIFO (named pipe)"),
        ("socket.md", "a socket"),
        ("broken.md", "a symbolic link to a missing file"),
        ("loop.md", "a symbolic link that loops"),
        ("dir.md", "a directory"),
    ] {
        for command in ["lint", "citations"] {
            let started = Instant::now();
            let t = run_bounded(&p, &[command, file]);
            assert_eq!(t.code, 2, "{command} {file}: {t}");
            assert!(
                t.stderr.contains(&format!(
                    "cannot read {file}\n  caused by: it is {what}, not a regular file"
                )),
                "{command} {file}: {t}"
            );
            assert!(started.elapsed() < Duration::from_secs(10), "{file}");
        }
    }
}

#[test]
fn hardening_9_lint_reads_at_most_16_mib_of_a_file() {
    let p = Project::new();
    sparse(&p.path().join("huge.md"), 16 * MIB + 1);
    let t = run_bounded(&p, &["lint", "huge.md", "--format", "concise"]);
    assert_eq!(t.code, 1, "{t}");
    assert_eq!(
        t.stdout,
        "huge.md:1:1: error[PRV011] file is 16777217 bytes, over the limit of 16777216 bytes\n",
        "{t}"
    );
    let t = run_bounded(&p, &["citations", "huge.md"]);
    assert!(t.stdout.is_empty(), "nothing of it is scanned: {t}");
}

#[cfg(target_os = "linux")]
#[test]
fn hardening_9_a_file_whose_metadata_claims_0_bytes_is_still_read_bounded() {
    // /proc files report a size of 0 whatever they hold; the read itself must stop.
    let p = Project::new();
    let t = run_bounded(&p, &["lint", "/proc/self/maps", "--format", "concise"]);
    assert!(t.code == 0 || t.code == 1, "{t}");
    assert!(!t.stderr.contains("panicked"), "{t}");
}

#[test]
fn hardening_9_build_check_reads_the_existing_output_bounded() {
    let p = built();
    // 200 MB on paper where privacy-policy.md was: stale, and not read to say so.
    sparse(&p.path().join("dist/privacy-policy.md"), 200 * 1000 * 1000);
    let t = run_bounded(&p, &["build", "--check"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(
        t.stdout
            .contains("dist/privacy-policy.md: over 1048576 bytes, too large to compare\n"),
        "{t}"
    );
    #[cfg(unix)]
    {
        std::fs::remove_file(p.path().join("dist/privacy-policy.md")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", p.path().join("dist/privacy-policy.md")).unwrap();
        let t = run_bounded(&p, &["build", "--check"]);
        assert_eq!(t.code, 1, "{t}");
        assert!(
            t.stdout
                .contains("dist/privacy-policy.md: a character device, not a regular file\n"),
            "{t}"
        );
    }
}

#[test]
fn hardening_20_a_register_over_1_mib_is_rejected_from_its_metadata_unread() {
    let p = Project::new();
    // 200 MB on paper, nothing on disk: reading it whole would take seconds and 200 MB.
    sparse(&p.path().join("registers/dump.yaml"), 200 * 1000 * 1000);
    let started = Instant::now();
    let t = run_bounded(&p, &["check", "--format", "concise"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(
        t.stdout.contains(
            "registers/dump.yaml:1:1: error[PRV011] file is 200000000 bytes, over the limit of 1048576 bytes"
        ),
        "{t}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn hardening_20_a_template_over_1_mib_is_rejected_unread() {
    let p = Project::example();
    p.write("templates/section.md", &"x".repeat(MIB as usize + 1));
    let t = run_bounded(&p, &["build", "--format", "concise"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(
        t.stdout.contains(
            "templates/section.md:1:1: error[PRV011] file is 1048577 bytes, over the limit of 1048576 bytes"
        ),
        "{t}"
    );
    assert!(!p.path().join("dist").exists());
}

#[cfg(unix)]
#[test]
fn hardening_14_unreadable_registers_templates_and_config_are_located_diagnostics() {
    use std::os::unix::fs::symlink;
    let p = Project::example();
    let reg = p.path().join("registers");
    symlink("../elsewhere/crm.yaml", reg.join("10-6-crm.yaml")).unwrap();
    symlink("10-7-loop.yaml", reg.join("10-7-loop.yaml")).unwrap();
    symlink("/dev/null", reg.join("10-8-device.yaml")).unwrap();
    mkfifo(&reg.join("10-9-pipe.yaml"));
    let _socket = std::os::unix::net::UnixListener::bind(reg.join("11-socket.yml")).unwrap();
    std::fs::create_dir_all(p.path().join("templates")).unwrap();
    symlink(
        "../shared/section.md",
        p.path().join("templates/section.md"),
    )
    .unwrap();
    mkfifo(&p.path().join("templates/chapter.md"));
    for command in ["check", "build"] {
        let t = run_bounded(&p, &[command, "--format", "concise"]);
        assert_eq!(t.code, 1, "{command}: {t}");
        for (file, what) in [
            (
                "registers/10-6-crm.yaml",
                "a symbolic link to a missing file",
            ),
            ("registers/10-7-loop.yaml", "a symbolic link that loops"),
            ("registers/10-8-device.yaml", "a character device"),
            ("registers/10-9-pipe.yaml", "a FIFO (named pipe)"),
            ("registers/11-socket.yml", "a socket"),
            ("templates/section.md", "a symbolic link to a missing file"),
            ("templates/chapter.md", "a FIFO (named pipe)"),
        ] {
            assert!(
                t.stdout.contains(&format!(
                    "{file}:1:1: error[PRV018] this is {what}, not a regular file"
                )),
                "{command}: {file}: {t}"
            );
        }
        assert!(!p.path().join("dist").exists(), "{command}: nothing built");
    }
    // The configuration too: a broken link must not mean "build with the defaults".
    let q = Project::example();
    std::fs::remove_file(q.path().join("privreg.yaml")).unwrap();
    symlink("../shared/privreg.yaml", q.path().join("privreg.yaml")).unwrap();
    let t = run_bounded(&q, &["build", "--format", "concise"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(
        t.stdout
            .contains("privreg.yaml:1:1: error[PRV018] this is a symbolic link"),
        "{t}"
    );
}

/// A copy of the example, built once: `dist/` holds the complete output.
fn built() -> Project {
    let p = Project::example();
    let t = run_bounded(&p, &["build"]);
    assert_eq!(t.code, 0, "{t}");
    p
}
