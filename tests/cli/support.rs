//! A temp project, the real binary with a clean environment, and one string holding
//! exit code, stdout and stderr for snapshots.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (where the shipped example register lives).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The judgement date of every run that does not test dates: 2026-11-29, the day the
/// snapshots were recorded, as `SOURCE_DATE_EPOCH`. No test outcome may depend on the clock.
pub const FIXED_EPOCH: &str = "1795910400";

/// Settings of the machine that must never change an outcome. They pass through to the
/// binary so that CI's run under another date (faketime), zone, locale and an unwritable
/// HOME reaches it, instead of being cleared away with the rest of the environment.
const WORLD: &[&str] = &[
    "TZ",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_CTYPE",
    "LC_MESSAGES",
    "LC_TIME",
    "HOME",
    "USER",
    "LOGNAME",
    "TMPDIR",
    "LD_PRELOAD",
    "FAKETIME",
    "FAKETIME_NO_CACHE",
    "DONT_FAKE_MONOTONIC",
];

/// `privreg` with no inherited colour settings, the machine's locale, zone and home, and
/// the fixed judgement date [`FIXED_EPOCH`] (tests of dates override or remove it).
pub fn privreg() -> Command {
    Command::from_std(privreg_process())
}

/// [`privreg()`] as a `std::process::Command`, for tests that spawn it and act on it
/// while it runs (signals, concurrent builds).
pub fn privreg_process() -> std::process::Command {
    use assert_cmd::cargo::CommandCargoExt;
    let mut cmd = std::process::Command::cargo_bin("privreg").expect("binary is built");
    cmd.env_clear()
        .env("NO_COLOR", "1")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("SOURCE_DATE_EPOCH", FIXED_EPOCH);
    for name in WORLD {
        if let Some(value) = std::env::var_os(name) {
            cmd.env(name, value);
        }
    }
    cmd
}

/// A throwaway project directory.
pub struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    /// An empty project with a `registers/` directory.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("registers")).unwrap();
        Project { dir }
    }

    /// A copy of the shipped example: privreg.yaml and registers/.
    pub fn example() -> Self {
        let p = Project::new();
        let root = repo_root();
        std::fs::copy(root.join("privreg.yaml"), p.path().join("privreg.yaml")).unwrap();
        for entry in std::fs::read_dir(root.join("registers")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(
                &path,
                p.path().join("registers").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
        p
    }

    /// The project root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `rel`, creating directories.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Reads `rel`.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// Runs `privreg ARGS --root <project>` and returns the combined transcript.
    pub fn run(&self, args: &[&str]) -> Transcript {
        run_in(self.path(), args)
    }

    /// Runs like [`Project::run`] on the judgement date `SOURCE_DATE_EPOCH=epoch`, or with
    /// none at all (so privreg falls back to the clock) when `epoch` is `None`.
    pub fn run_dated(&self, epoch: Option<&str>, args: &[&str]) -> Transcript {
        let mut cmd = privreg();
        match epoch {
            Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
            None => cmd.env_remove("SOURCE_DATE_EPOCH"),
        };
        run_cmd(
            cmd.args(args)
                .arg("--root")
                .arg(self.path())
                .current_dir(self.path()),
        )
    }
}

/// Exit code and output of one run.
pub struct Transcript {
    /// Process exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Transcript {
    /// The diagnostics of a `--format json` run, panicking with the transcript if stdout is
    /// not the JSON document.
    pub fn diagnostics(&self) -> Vec<serde_json::Value> {
        let doc: serde_json::Value =
            serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {self}"));
        doc["diagnostics"].as_array().cloned().unwrap_or_default()
    }
}

impl std::fmt::Display for Transcript {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs privreg with `--root root` and the arguments.
pub fn run_in(root: &Path, args: &[&str]) -> Transcript {
    run_cmd(
        privreg()
            .args(args)
            .arg("--root")
            .arg(root)
            .current_dir(root),
    )
}

/// Runs a prepared command and collects its transcript.
pub fn run_cmd(cmd: &mut Command) -> Transcript {
    let out = cmd.output().expect("privreg runs");
    Transcript {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Runs git in `dir` with a fixed identity and fixed dates, so commits are the same on
/// every run (and in CI under faketime).
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(["-c", "user.name=privreg", "-c", "user.email=ci@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", "2026-11-29T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-29T12:00:00Z")
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Sends the signal `name` (`INT`, `TERM`) to `child` with kill(1): the crate has no unsafe
/// code to call kill(2).
pub fn signal(child: &std::process::Child, name: &str) {
    let ok = std::process::Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{name}");
}

/// Entries of `dir` whose names start with `.privreg`: staging directories, old outputs
/// set aside, lock files, temporary files of `--fix`.
pub fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".privreg"))
        .collect();
    names.sort();
    names
}
