//! Files on disk (issue 13, items 9, 11, 12, 14, 15, 16 and 20): what privreg reads is a
//! regular file and bounded, what it writes is replaced whole, through links, under a
//! lock, and taken back when the run is interrupted.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::{Project, leftovers, privreg, privreg_process, run_cmd};

const MIB: u64 = 1024 * 1024;

/// Every file of `dir`, its length and a hash of its bytes, sorted: short enough for an
/// assertion message.
fn contents(dir: &Path) -> Vec<(String, usize, u64)> {
    use std::hash::{Hash, Hasher};
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = std::fs::read(e.path()).unwrap();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            (
                e.file_name().to_string_lossy().into_owned(),
                bytes.len(),
                h.finish(),
            )
        })
        .collect();
    files.sort();
    files
}

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
fn hardening_9_lint_reads_at_most_1_gib_of_a_file() {
    let p = Project::new();
    sparse(&p.path().join("huge.md"), 1024 * MIB + 1);
    let t = run_bounded(&p, &["lint", "huge.md", "--format", "concise"]);
    assert_eq!(t.code, 1, "{t}");
    assert_eq!(
        t.stdout,
        "huge.md:1:1: error[PRV011] file is 1073741825 bytes, over the limit of 1073741824 bytes\n",
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

#[cfg(unix)]
#[test]
fn hardening_14_a_templates_path_that_is_no_directory_is_a_located_diagnostic() {
    use std::os::unix::fs::symlink;
    type Make = fn(&Path);
    let cases: [(&str, Make); 4] = [
        ("a symbolic link to a missing file", |t| {
            symlink("../shared/templates", t).unwrap()
        }),
        ("a symbolic link that loops", |t| {
            symlink("templates", t).unwrap()
        }),
        ("a FIFO (named pipe)", |t| mkfifo(t)),
        ("a regular file", |t| {
            std::fs::write(t, "section.md").unwrap()
        }),
    ];
    for (what, make) in cases {
        let p = Project::example();
        make(&p.path().join("templates"));
        for command in ["check", "build"] {
            let t = run_bounded(&p, &[command, "--format", "concise"]);
            assert_eq!(t.code, 1, "{command}, {what}: {t}");
            assert!(
                t.stdout.contains(&format!(
                    "templates:1:1: error[PRV018] this is {what}, not a directory: privreg \
                     reads no templates from it\n"
                )),
                "{command}, {what}: {t}"
            );
            assert!(!p.path().join("dist").exists(), "{command}, {what}");
        }
    }
    // A link to a directory of templates inside the project is a templates directory.
    let p = Project::example();
    p.write("own-templates/section.md", "");
    symlink("own-templates", p.path().join("templates")).unwrap();
    let t = run_bounded(&p, &["check", "--format", "concise"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(!t.stdout.contains("PRV018"), "{t}");
}

/// A copy of the example, built once: `dist/` holds the complete output.
fn built() -> Project {
    let p = Project::example();
    let t = run_bounded(&p, &["build"]);
    assert_eq!(t.code, 0, "{t}");
    p
}

/// Makes the example's first register an error, so a build stops before it writes.
fn break_register(p: &Project) {
    let text = p
        .read("registers/10-1-slack.yaml")
        .replace("basis: contract", "basis: contrakt");
    p.write("registers/10-1-slack.yaml", &text);
}

#[test]
fn hardening_11_leftovers_of_a_killed_build_are_recovered_by_the_next_one() {
    // The states a build killed at each step leaves: staging directories (one truncated),
    // and the old output set aside with nothing in its place.
    let p = built();
    let dist = p.path().join("dist");
    let before = contents(&dist);
    std::fs::rename(&dist, p.path().join(".privreg-old-Ab12Cd.dist")).unwrap();
    p.write(".privreg-new-Xy34Zw.dist/privacy-policy.md", "## 10 Proc");
    p.write(".privreg-new-Qq56Rr/privacy-policy.md", "");
    // The layout before this fix: the old output in `.privreg-old-RANDOM/output`.
    p.write(".privreg-old-Legacy/output/privacy-policy.md", "older");
    break_register(&p);
    let t = run_bounded(&p, &["build", "--format", "concise"]);
    assert_eq!(t.code, 1, "the build itself stops: {t}");
    assert_eq!(contents(&dist), before, "the old output is back");
    assert_eq!(leftovers(p.path()), Vec::<String>::new());

    // With the output in place, an old copy set aside is stale and goes.
    p.write(".privreg-old-Ef78Gh.dist/privacy-policy.md", "stale");
    p.write(".privreg-new-Ij90Kl.dist/privacy-policy.md", "half");
    let text = p
        .read("registers/10-1-slack.yaml")
        .replace("basis: contrakt", "basis: contract");
    p.write("registers/10-1-slack.yaml", &text);
    let t = run_bounded(&p, &["build", "--format", "concise"]);
    assert_eq!(t.code, 0, "{t}");
    assert_eq!(contents(&dist), before);
    assert_eq!(leftovers(p.path()), Vec::<String>::new());
}

/// A privreg run stopped at a test hook (`PRIVREG_TEST_STALL`, debug builds): it waits for
/// a line on stdin, so the test can signal, kill or race it at that exact step.
#[cfg(all(unix, debug_assertions))]
struct Stalled {
    child: std::process::Child,
    /// Held apart from `child`, whose `wait` would close it and so end the stop.
    stdin: std::process::ChildStdin,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

#[cfg(all(unix, debug_assertions))]
impl Stalled {
    fn start(point: &str, root: &Path, args: &[&str]) -> Stalled {
        use std::io::BufRead;
        use std::process::Stdio;
        let mut child = privreg_process()
            .env("PRIVREG_TEST_STALL", point)
            .args(args)
            .arg("--root")
            .arg(root)
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let mut seen = String::new();
        loop {
            let mut line = String::new();
            if stderr.read_line(&mut line).unwrap() == 0 {
                let _ = child.kill();
                panic!("privreg ended before `{point}`: {seen}");
            }
            seen.push_str(&line);
            if line.contains(&format!("privreg: stalled at {point}")) {
                break;
            }
        }
        // Keep draining stderr so the child can never block on a full pipe.
        let rest = std::sync::Arc::new(std::sync::Mutex::new(seen));
        let sink = std::sync::Arc::clone(&rest);
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
            sink.lock().unwrap().push_str(&text);
        });
        let stdin = child.stdin.take().unwrap();
        Stalled {
            child,
            stdin,
            stderr: rest,
        }
    }

    /// What the run said on stderr so far.
    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn signal(&self, name: &str) {
        crate::support::signal(&self.child, name);
    }

    fn resume(&mut self) {
        use std::io::Write;
        self.stdin.write_all(b"\n").unwrap();
    }

    /// Waits for the end; stdin stays open, so a run that was signalled cannot go on
    /// from its stop before the signal arrives.
    fn wait(&mut self) -> std::process::ExitStatus {
        self.child.wait().unwrap()
    }
}

#[cfg(all(unix, debug_assertions))]
#[test]
fn hardening_11_a_build_killed_between_the_two_renames_is_recovered() {
    let p = built();
    let dist = p.path().join("dist");
    let before = contents(&dist);
    let mut run = Stalled::start("swapping", p.path(), &["build"]);
    assert!(!dist.exists(), "the window: the old output is aside");
    run.signal("KILL");
    let _ = run.wait();
    assert!(!dist.exists());
    assert!(!leftovers(p.path()).is_empty());
    break_register(&p);
    let t = run_bounded(&p, &["build", "--format", "concise"]);
    assert_eq!(t.code, 1, "{t}");
    assert_eq!(contents(&dist), before);
    assert_eq!(leftovers(p.path()), Vec::<String>::new());
}

#[cfg(all(unix, debug_assertions))]
#[test]
fn hardening_11_sigint_and_sigterm_while_writing_take_every_step_back() {
    use std::os::unix::process::ExitStatusExt;
    let p = built();
    let dist = p.path().join("dist");
    let before = contents(&dist);
    for (point, signal, number) in [
        ("staged", "TERM", 15),
        ("staged", "INT", 2),
        ("swapping", "TERM", 15),
        ("swapping", "INT", 2),
    ] {
        let mut run = Stalled::start(point, p.path(), &["build"]);
        run.signal(signal);
        let status = run.wait();
        let said = run.stderr();
        assert_eq!(
            status.signal(),
            Some(number),
            "{point} {signal}: {status:?}: {said}"
        );
        assert_eq!(contents(&dist), before, "{point} {signal}");
        assert_eq!(
            leftovers(p.path()),
            Vec::<String>::new(),
            "{point} {signal}"
        );
    }
    // A first build interrupted leaves nothing at all.
    std::fs::remove_dir_all(&dist).unwrap();
    let mut run = Stalled::start("staged", p.path(), &["build"]);
    run.signal("TERM");
    let status = run.wait();
    assert!(!dist.exists(), "{status:?}: {}", run.stderr());
    assert_eq!(leftovers(p.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn hardening_11_a_read_only_output_directory_is_replaced_and_nothing_leaks() {
    use std::os::unix::fs::PermissionsExt;
    let p = built();
    let dist = p.path().join("dist");
    std::fs::set_permissions(&dist, std::fs::Permissions::from_mode(0o555)).unwrap();
    for _ in 0..3 {
        let t = run_bounded(&p, &["build", "--format", "concise"]);
        assert_eq!(t.code, 0, "{t}");
        assert_eq!(leftovers(p.path()), Vec::<String>::new());
    }
    let mode = std::fs::metadata(&dist).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o555, "the published mode is kept");
    std::fs::set_permissions(&dist, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// `policy.md` with one citation in the other style, so `--fix` has one change to make.
const MIXED: &str = "Basis: Art. 6 para. 1 lit. b GDPR.\nAlso Art. 6(1)(f) GDPR.\n";
const FIXED: &str = "Basis: Art. 6 para. 1 lit. b GDPR.\nAlso Art. 6 para. 1 lit. f GDPR.\n";

#[cfg(unix)]
#[test]
fn hardening_12_fix_writes_through_a_symlink_and_keeps_mode_and_owner() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
    let p = Project::new();
    p.write("real/policy.md", MIXED);
    let real = p.path().join("real/policy.md");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    // Only root may give a file away; where this works, the fix must keep the owner.
    let given_away = std::os::unix::fs::chown(&real, Some(4242), Some(4243)).is_ok();
    symlink("real/policy.md", p.path().join("policy.md")).unwrap();
    let t = run_bounded(&p, &["lint", "--fix", "policy.md"]);
    assert_eq!(t.code, 0, "{t}");
    let link = std::fs::symlink_metadata(p.path().join("policy.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert_eq!(p.read("real/policy.md"), FIXED, "its target is fixed");
    let meta = std::fs::metadata(&real).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    if given_away {
        assert_eq!((meta.uid(), meta.gid()), (4242, 4243));
    }
    assert_eq!(leftovers(&p.path().join("real")), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn hardening_12_fix_refuses_read_only_files_and_hard_links_but_fixes_the_rest() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::new();
    p.write("ro.md", MIXED);
    p.write("linked.md", MIXED);
    p.write("ok.md", MIXED);
    std::fs::set_permissions(
        p.path().join("ro.md"),
        std::fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    std::fs::hard_link(p.path().join("linked.md"), p.path().join("other-name.md")).unwrap();
    let t = run_bounded(&p, &["lint", "--fix", "ro.md", "linked.md", "ok.md"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(
        t.stderr
            .contains("error: cannot write ro.md\n  caused by: it is read-only"),
        "{t}"
    );
    assert!(
        t.stderr
            .contains("error: cannot write linked.md\n  caused by: it has 2 hard links"),
        "{t}"
    );
    assert_eq!(p.read("ro.md"), MIXED);
    let mode = std::fs::metadata(p.path().join("ro.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o444);
    assert_eq!(p.read("linked.md"), MIXED);
    assert_eq!(p.read("other-name.md"), MIXED);
    assert_eq!(p.read("ok.md"), FIXED, "the other files are still fixed");
    assert_eq!(leftovers(p.path()), Vec::<String>::new());
}

#[cfg(all(unix, debug_assertions))]
#[test]
fn hardening_12_fix_refuses_a_file_edited_while_it_ran() {
    let p = Project::new();
    p.write("policy.md", MIXED);
    let mut run = Stalled::start("fixing", p.path(), &["lint", "--fix", "policy.md"]);
    let edited = format!("{MIXED}A line added meanwhile.\n");
    p.write("policy.md", &edited);
    run.resume();
    let status = run.wait();
    assert_eq!(status.code(), Some(2));
    assert_eq!(p.read("policy.md"), edited, "the edit is kept");
    assert_eq!(leftovers(p.path()), Vec::<String>::new());
}

#[cfg(all(unix, debug_assertions))]
#[test]
fn hardening_11_sigterm_during_fix_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let p = Project::new();
    p.write("policy.md", MIXED);
    let mut run = Stalled::start("fixing", p.path(), &["lint", "--fix", "policy.md"]);
    assert_eq!(leftovers(p.path()).len(), 1, "the temporary file");
    run.signal("TERM");
    let status = run.wait();
    assert_eq!(status.signal(), Some(15), "{status:?}: {}", run.stderr());
    assert_eq!(p.read("policy.md"), MIXED);
    assert_eq!(leftovers(p.path()), Vec::<String>::new());
}

#[cfg(all(unix, debug_assertions))]
#[test]
fn hardening_11_fix_deletes_what_a_killed_fix_left_and_nothing_else() {
    use std::os::unix::fs::symlink;
    let p = Project::new();
    p.write("policy.md", MIXED);
    p.write("other.md", MIXED);
    // A fix under way in the same directory throughout: its temporary file is alive.
    let mut live = Stalled::start("fixing", p.path(), &["lint", "--fix", "other.md"]);
    let alive = leftovers(p.path());
    assert_eq!(alive.len(), 1, "{alive:?}");
    let mut killed = Stalled::start("fixing", p.path(), &["lint", "--fix", "policy.md"]);
    killed.signal("KILL");
    killed.wait();
    let mut stale = leftovers(p.path());
    stale.retain(|n| !alive.contains(n));
    assert_eq!(
        stale.len(),
        1,
        "SIGKILL leaves the temporary file: {stale:?}"
    );
    assert_eq!(p.read("policy.md"), MIXED);
    // Named like privreg's, but no file a killed fix leaves: they all stay.
    p.write(".privreg-fix-notes.md", "someone's notes");
    std::fs::create_dir(p.path().join(".privreg-fix-Dir123")).unwrap();
    symlink("other.md", p.path().join(".privreg-fix-Lnk123")).unwrap();
    p.write("kept.txt", "kept");
    std::fs::hard_link(
        p.path().join("kept.txt"),
        p.path().join(".privreg-fix-Hrd123"),
    )
    .unwrap();
    let before = leftovers(p.path());

    let t = run_bounded(&p, &["lint", "--fix", "policy.md"]);
    assert_eq!(t.code, 0, "{t}");
    assert_eq!(p.read("policy.md"), FIXED);
    let mut expected = before.clone();
    expected.retain(|n| *n != stale[0]);
    assert_eq!(
        leftovers(p.path()),
        expected,
        "only the killed fix's file went"
    );

    live.resume();
    let status = live.wait();
    assert_eq!(status.code(), Some(0), "{}", live.stderr());
    assert_eq!(p.read("other.md"), FIXED);
    expected.retain(|n| *n != alive[0]);
    assert_eq!(leftovers(p.path()), expected);
    assert_eq!(p.read("kept.txt"), "kept");
    assert_eq!(p.read(".privreg-fix-notes.md"), "someone's notes");
}

#[test]
fn hardening_12_fix_never_rewrites_a_file_that_is_not_utf8() {
    let p = Project::new();
    let mut bytes = MIXED.as_bytes().to_vec();
    bytes.extend_from_slice(b"caf\xe9\n");
    std::fs::write(p.path().join("latin1.md"), &bytes).unwrap();
    let t = run_bounded(&p, &["lint", "--fix", "latin1.md"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(t.stderr.contains("it is not valid UTF-8"), "{t}");
    assert_eq!(std::fs::read(p.path().join("latin1.md")).unwrap(), bytes);
}

#[test]
fn hardening_15_an_output_outside_the_project_needs_out_on_the_command_line() {
    let top = tempfile::tempdir().unwrap();
    let p = Project::example();
    for output in ["../outside", "/tmp/privreg-hardening-15", ".", "dist/../.."] {
        let cfg = p.read("privreg.yaml");
        let cfg: String = cfg
            .lines()
            .filter(|l| !l.starts_with("output:"))
            .map(|l| format!("{l}\n"))
            .collect();
        p.write("privreg.yaml", &format!("{cfg}output: \"{output}\"\n"));
        let t = run_bounded(&p, &["build"]);
        assert_eq!(t.code, 2, "{output}: {t}");
        assert!(
            t.stderr.contains(&format!(
                "error: `output: {output}` in privreg.yaml is not a directory inside the project"
            )),
            "{output}: {t}"
        );
        assert!(t.stderr.contains("--out DIR"), "{t}");
    }
    assert!(!Path::new("/tmp/privreg-hardening-15").exists());
    assert!(!p.path().parent().unwrap().join("outside").exists());
    // Said on the command line, it is meant.
    let out = top.path().join("www");
    let t = run_cmd(
        privreg()
            .args(["build", "--root"])
            .arg(p.path())
            .arg("--out")
            .arg(&out)
            .current_dir(p.path()),
    );
    assert_eq!(t.code, 0, "{t}");
    assert!(out.join("privacy-policy.html").is_file());
}

#[cfg(unix)]
#[test]
fn hardening_15_a_symlinked_output_directory_is_written_through() {
    let www = tempfile::tempdir().unwrap();
    let target = www.path().join("policy");
    let p = Project::example();
    std::os::unix::fs::symlink(&target, p.path().join("dist")).unwrap();
    for _ in 0..2 {
        let t = run_bounded(&p, &["build", "--format", "concise"]);
        assert_eq!(t.code, 0, "{t}");
        let link = std::fs::symlink_metadata(p.path().join("dist")).unwrap();
        assert!(link.file_type().is_symlink(), "dist stays a link");
        let names: Vec<String> = contents(&target).into_iter().map(|(n, ..)| n).collect();
        assert_eq!(
            names,
            [
                "privacy-policy.fragment.html",
                "privacy-policy.html",
                "privacy-policy.md"
            ]
        );
        assert_eq!(leftovers(p.path()), Vec::<String>::new());
        assert_eq!(leftovers(www.path()), Vec::<String>::new());
    }
}

#[test]
fn hardening_16_concurrent_builds_both_succeed_with_a_complete_output() {
    let p = built();
    let dist = p.path().join("dist");
    let expected = contents(&dist);
    for round in 0..20 {
        let spawn = || {
            privreg_process()
                .args(["build", "--format", "concise", "--root"])
                .arg(p.path())
                .current_dir(p.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(contents(&dist), expected, "round {round}");
        assert_eq!(leftovers(p.path()), Vec::<String>::new(), "round {round}");
    }
}
