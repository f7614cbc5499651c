//! `privreg build --watch` (issue 15, item 6): a change rebuilds once, a rebuild with errors
//! keeps the last good output, privreg's own writes never trigger a rebuild, and a signal
//! ends the watch with status 0 and nothing left behind. Every wait is for an event the
//! test can observe (a line on stderr), under a generous deadline; no sleep decides.

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::support::{Project, leftovers, privreg_process, run_in};

/// How long any one awaited event may take on a loaded two-core machine.
const DEADLINE: Duration = Duration::from_secs(120);

/// The text a stream has given so far, and whether it has ended.
#[derive(Default)]
struct Stream {
    text: Mutex<(String, bool)>,
    grown: Condvar,
}

impl Stream {
    fn drain(reader: impl std::io::Read + Send + 'static) -> Arc<Stream> {
        let stream = Arc::new(Stream::default());
        let sink = Arc::clone(&stream);
        std::thread::spawn(move || {
            let mut reader = std::io::BufReader::new(reader);
            loop {
                let mut line = String::new();
                let n = reader.read_line(&mut line).unwrap_or(0);
                let mut text = sink.text.lock().unwrap();
                text.0.push_str(&line);
                text.1 = n == 0;
                sink.grown.notify_all();
                if n == 0 {
                    break;
                }
            }
        });
        stream
    }

    fn text(&self) -> String {
        self.text.lock().unwrap().0.clone()
    }

    /// Waits for the stream to end and returns all it gave.
    fn finish(&self) -> String {
        let start = Instant::now();
        let mut text = self.text.lock().unwrap();
        while !text.1 {
            let left = DEADLINE.checked_sub(start.elapsed());
            assert!(left.is_some(), "the stream never ended:\n{}", text.0);
            text = self.grown.wait_timeout(text, left.unwrap()).unwrap().0;
        }
        text.0.clone()
    }
}

/// `privreg build --watch` running on a project.
struct Watching {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: Arc<Stream>,
    stderr: Arc<Stream>,
}

impl Watching {
    fn start(root: &Path, env: &[(&str, &str)], args: &[&str]) -> Watching {
        let mut cmd = privreg_process();
        cmd.args(["build", "--watch"])
            .args(args)
            .arg("--root")
            .arg(root)
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in env {
            cmd.env(name, value);
        }
        let mut child = cmd.spawn().expect("privreg starts");
        let stdout = Stream::drain(child.stdout.take().unwrap());
        let stderr = Stream::drain(child.stderr.take().unwrap());
        let stdin = child.stdin.take();
        Watching {
            child,
            stdin,
            stdout,
            stderr,
        }
    }

    /// Waits until stderr satisfies `done`; fails with what was said if it ends first or
    /// the deadline passes.
    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut text = self.stderr.text.lock().unwrap();
        loop {
            if done(&text.0) {
                return text.0.clone();
            }
            let left = DEADLINE.checked_sub(start.elapsed());
            assert!(
                !text.1 && left.is_some(),
                "no {what} on stderr ({}):\n{}",
                if text.1 { "it ended" } else { "deadline" },
                text.0
            );
            text = self
                .stderr
                .grown
                .wait_timeout(text, left.unwrap())
                .unwrap()
                .0;
        }
    }

    /// Waits for a line starting with `prefix` and returns it.
    fn line(&self, prefix: &str) -> String {
        let find = |text: &str| {
            text.lines()
                .find(|l| l.starts_with(prefix))
                .map(str::to_owned)
        };
        let text = self.wait_for(&format!("line `{prefix}…`"), |t| find(t).is_some());
        find(&text).unwrap()
    }

    fn signal(&self, name: &str) {
        crate::support::signal(&self.child, name);
    }

    /// Waits for the end (within the deadline) and for both streams to close.
    fn wait(&mut self) -> (std::process::ExitStatus, String, String) {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "still running: {}",
                self.stderr.text()
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        (status, self.stdout.finish(), self.stderr.finish())
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        // A failed test must not leave a watch running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Replaces `rel` in one rename, as many editors save: one change, one event that counts.
/// The new text is written beside the project's files, where nothing counts.
fn replace(p: &Project, rel: &str, text: &str) {
    let tmp = p.path().join("edit.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, p.path().join(rel)).unwrap();
}

const SLACK: &str = "registers/10-1-slack.yaml";
const WROTE: &str =
    "wrote privacy-policy.md, privacy-policy.html, privacy-policy.fragment.html to dist";

#[test]
fn watch_a_change_triggers_one_rebuild() {
    let p = Project::example();
    let mut run = Watching::start(p.path(), &[], &["--format", "concise"]);
    let first = run.line("watching ");
    assert_eq!(
        first,
        "watching privreg.yaml, registers and templates for changes (Ctrl-C stops)"
    );
    assert!(run.stderr.text().starts_with(&format!("{WROTE}\n")));
    let md = p.read("dist/privacy-policy.md");
    assert!(!md.contains("Slack Workspace"), "{md}");

    let text = p
        .read(SLACK)
        .replace("service: Slack", "service: Slack Workspace");
    replace(&p, SLACK, &text);
    let line = run.line("rebuild 1 ");
    assert_eq!(line, format!("rebuild 1 ({SLACK}): {WROTE}"));
    // The line follows the write.
    assert!(p.read("dist/privacy-policy.md").contains("Slack Workspace"));

    run.signal("TERM");
    let (status, stdout, stderr) = run.wait();
    assert_eq!(status.code(), Some(0), "{status:?}\n{stderr}");
    let rebuilds = stderr.lines().filter(|l| l.starts_with("rebuild ")).count();
    assert_eq!(rebuilds, 1, "{stderr}");
    assert!(stderr.ends_with("stopped watching\n"), "{stderr}");
    assert_eq!(leftovers(p.path()), Vec::<String>::new());
    // Each build reports its findings in the chosen format, as `build` does.
    let once = run_in(p.path(), &["check", "--format", "concise"]).stdout;
    assert_eq!(stdout, format!("{once}{once}"));
}

#[test]
fn watch_keeps_the_last_good_output_and_ignores_its_own_writes() {
    let p = Project::example();
    let mut run = Watching::start(p.path(), &[], &["--format", "json"]);
    run.line("watching ");
    let good = p.read("dist/privacy-policy.md");

    let fixed = p.read(SLACK);
    replace(
        &p,
        SLACK,
        &fixed.replace("basis: contract", "basis: contrakt"),
    );
    let line = run.line("rebuild 1 ");
    assert_eq!(
        line,
        format!(
            "rebuild 1 ({SLACK}): 1 error: wrote nothing, the output stays as the last good \
             build left it"
        )
    );
    assert_eq!(p.read("dist/privacy-policy.md"), good);

    // Writes into the output directory, privreg's temporary names and files a build does
    // not read count for nothing: the next rebuild names the register alone.
    std::fs::write(p.path().join("dist/privacy-policy.md"), &good).unwrap();
    p.write(".privreg-new-Ab12Cd.dist/privacy-policy.md", "x");
    std::fs::remove_dir_all(p.path().join(".privreg-new-Ab12Cd.dist")).unwrap();
    p.write("README.md", "notes");
    p.write("registers/notes.txt", "notes");
    p.write("registers/drafts/a.yaml", "notes");
    replace(
        &p,
        SLACK,
        &fixed.replace("service: Slack", "service: Slack Workspace"),
    );
    assert_eq!(
        run.line("rebuild 2 "),
        format!("rebuild 2 ({SLACK}): {WROTE}")
    );
    assert!(p.read("dist/privacy-policy.md").contains("Slack Workspace"));

    // The rebuild's own output did not start another: the next one is the next change's.
    replace(
        &p,
        "privreg.yaml",
        &format!("{}\n# edited\n", p.read("privreg.yaml")),
    );
    assert_eq!(
        run.line("rebuild 3 "),
        format!("rebuild 3 (privreg.yaml): {WROTE}")
    );

    run.signal("INT");
    let (status, stdout, stderr) = run.wait();
    assert_eq!(status.code(), Some(0), "{status:?}\n{stderr}");
    assert_eq!(leftovers(p.path()), Vec::<String>::new());
    // One JSON document per build; the one that stopped holds the error.
    let docs: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&stdout)
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(docs.len(), 4, "{stdout}");
    let errors = |doc: &serde_json::Value| {
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .count()
    };
    assert_eq!(docs.iter().map(errors).collect::<Vec<_>>(), [0, 1, 0, 0]);
}

#[test]
fn watch_with_check_or_without_a_project_is_a_usage_error() {
    let p = Project::example();
    let t = run_in(p.path(), &["build", "--watch", "--check"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(t.stderr.contains("--check"), "{t}");
    assert!(!p.path().join("dist").exists());

    let empty = tempfile::tempdir().unwrap();
    let t = run_in(empty.path(), &["build", "--watch"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(t.stderr.contains("no privreg project"), "{t}");
}

/// A signal while a rebuild writes takes the write back: the output stays the last good
/// build's, no staging directory remains, and the watch still ends with status 0.
#[cfg(debug_assertions)]
#[test]
fn watch_stopped_while_a_rebuild_writes_leaves_the_last_good_output() {
    let p = Project::example();
    let mut run = Watching::start(p.path(), &[("PRIVREG_TEST_STALL", "staged")], &[]);
    run.line("privreg: stalled at staged");
    // Let the first build go on.
    run.stdin.as_mut().unwrap().write_all(b"\n").unwrap();
    run.line("watching ");
    let good = p.read("dist/privacy-policy.md");
    let text = p
        .read(SLACK)
        .replace("service: Slack", "service: Slack Workspace");
    replace(&p, SLACK, &text);
    run.wait_for("a second stop", |t| {
        t.matches("privreg: stalled at staged").count() == 2
    });
    assert!(!leftovers(p.path()).is_empty(), "the staging directory");
    run.signal("TERM");
    let (status, _, stderr) = run.wait();
    assert_eq!(status.code(), Some(0), "{status:?}\n{stderr}");
    assert!(!stderr.contains("rebuild 1 "), "{stderr}");
    assert_eq!(p.read("dist/privacy-policy.md"), good);
    assert_eq!(leftovers(p.path()), Vec::<String>::new());
}

/// A templates directory made while the watch runs counts, and is watched from then on.
#[test]
fn watch_follows_a_templates_directory_made_while_it_runs() {
    let p = Project::example();
    let mut run = Watching::start(p.path(), &[], &["--format", "concise"]);
    run.line("watching ");
    // Made aside and moved in whole: one change.
    let section =
        std::fs::read_to_string(crate::support::repo_root().join("templates/section.md")).unwrap();
    p.write("aside/section.md", &section);
    std::fs::rename(p.path().join("aside"), p.path().join("templates")).unwrap();
    assert_eq!(
        run.line("rebuild 1 "),
        format!("rebuild 1 (templates): {WROTE}")
    );
    let edited = format!("{section}\nEdited while watched.\n");
    replace(&p, "templates/section.md", &edited);
    assert_eq!(
        run.line("rebuild 2 "),
        format!("rebuild 2 (templates/section.md): {WROTE}")
    );
    assert!(
        p.read("dist/privacy-policy.md")
            .contains("Edited while watched.")
    );
    run.signal("TERM");
    let (status, _, stderr) = run.wait();
    assert_eq!(status.code(), Some(0), "{status:?}\n{stderr}");
}

/// An output directory inside a watched one (here the templates directory, watched with
/// all it holds) and the staging directories beside it count for nothing.
#[test]
fn watch_ignores_an_output_directory_inside_the_templates() {
    let p = Project::example();
    let section =
        std::fs::read_to_string(crate::support::repo_root().join("templates/section.md")).unwrap();
    p.write("templates/section.md", &section);
    let mut run = Watching::start(
        p.path(),
        &[],
        &["--format", "concise", "--out", "templates/site"],
    );
    run.line("watching ");
    let text = p
        .read(SLACK)
        .replace("service: Slack", "service: Slack Workspace");
    replace(&p, SLACK, &text);
    let wrote = WROTE.replace(" to dist", " to templates/site");
    assert_eq!(
        run.line("rebuild 1 "),
        format!("rebuild 1 ({SLACK}): {wrote}")
    );
    replace(
        &p,
        "privreg.yaml",
        &format!("{}\n# edited\n", p.read("privreg.yaml")),
    );
    assert_eq!(
        run.line("rebuild 2 "),
        format!("rebuild 2 (privreg.yaml): {wrote}")
    );
    run.signal("TERM");
    let (status, _, stderr) = run.wait();
    assert_eq!(status.code(), Some(0), "{status:?}\n{stderr}");
    assert_eq!(leftovers(&p.path().join("templates")), Vec::<String>::new());
}
