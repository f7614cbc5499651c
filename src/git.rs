//! A git revision as a [`Tree`]: `privreg diff v1.2 HEAD` reads each side from the
//! repository's object store, through the `git` command, without touching the work tree or
//! the index and without extracting anything to disk.
//!
//! - `git rev-parse` resolves the revision to a commit and finds where the project lies
//!   in the repository (`--show-prefix`);
//! - `git ls-tree -l` lists a directory of that commit, with each blob's size, so a file
//!   over the limit is refused before it is read;
//! - one `git cat-file --batch` process reads the blobs, and one `git cat-file
//!   --batch-check --follow-symlinks` process resolves symbolic links inside the
//!   repository (a link out of it, to nothing or in a loop is refused as on disk).
//!
//! *Why the git command and not the `gix` crate:* gix would add about a hundred crates to
//! the build of a tool whose other dependencies are a dozen, for four plumbing commands
//! whose output format git keeps stable (docs/design.md). Every repository privreg reads
//! is one a user works in with git already installed, and the command honours its
//! configuration (alternates, replacement objects, partial clones) as gix might not.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Mutex, PoisonError};

use crate::error::Error;
use crate::files::ReadFailure;
use crate::tree::{Kind, Tree};

/// A commit of the repository that holds a project, read as the project's files.
#[derive(Debug)]
pub struct Revision {
    /// The revision as the user wrote it (`v1.2`, `HEAD~1`, `main`).
    pub spec: String,
    /// The commit it names, in full hexadecimal.
    pub commit: String,
    /// The project root as the loader joins paths to it.
    root: PathBuf,
    /// The project's directory inside the repository: empty or ending in `/`.
    prefix: String,
    /// What `ls-tree` said of each path listed so far: no process for the same path twice.
    known: Mutex<HashMap<String, Entry>>,
    /// The `cat-file` processes, started on first use.
    batch: Mutex<Option<Batch>>,
    /// Blobs read ahead, by object id: a directory's files, fetched in one pass when it
    /// is listed, since the loader reads them all next.
    fetched: Mutex<HashMap<String, Vec<u8>>>,
}

/// Blobs up to this size are read ahead when their directory is listed (the register
/// limit: larger ones are refused unread anyway).
const READ_AHEAD_MAX: u64 = 1024 * 1024;

/// The mode of a symbolic link.
const LINK: &str = "120000";
/// The mode privreg gives an entry git found by following links: what it names.
const FOLLOWED: &str = "followed";

/// A `ls-tree` entry.
#[derive(Debug, Clone)]
struct Entry {
    /// `blob`, `tree` or `commit` (a submodule).
    kind: String,
    /// `120000` for a symbolic link.
    mode: String,
    oid: String,
    /// A blob's size.
    size: Option<u64>,
}

impl Revision {
    /// The commit `spec` names in the repository that holds `root`, the project root.
    /// `spec` must not start with `-` (it would be read as an option).
    pub fn resolve(root: &Path, spec: &str) -> Result<Revision, Error> {
        if spec.starts_with('-') || spec.is_empty() || spec.contains(['\n', '\0']) {
            return Err(Error::Usage(format!(
                "`{spec}` is neither a directory nor a git revision"
            )));
        }
        let dir = git_dir(root);
        let prefix = run(&dir, &["rev-parse", "--show-prefix"]).map_err(|e| {
            Error::Usage(format!(
                "`{spec}` is not a directory, and no git revision can be read: {e}"
            ))
        })?;
        let commit = run(
            &dir,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{spec}^{{commit}}"),
            ],
        )
        .map_err(|_| {
            Error::Usage(format!(
                "`{spec}` is neither a directory nor a revision of the git repository at {}",
                dir.display()
            ))
        })?;
        Ok(Revision {
            spec: spec.to_owned(),
            commit: commit.trim().to_owned(),
            root: root.to_owned(),
            prefix: prefix.trim_end_matches('\n').to_owned(),
            known: Mutex::new(HashMap::new()),
            batch: Mutex::new(None),
            fetched: Mutex::new(HashMap::new()),
        })
    }

    /// The commit's first twelve hex digits, as a label.
    pub fn short(&self) -> &str {
        &self.commit[..self.commit.len().min(12)]
    }

    /// The repository path of `path` (the project root joined with a relative path), or
    /// `None` when it leads out of the repository or is absolute.
    fn repo_path(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let mut parts: Vec<String> = self
            .prefix
            .split('/')
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        for c in rel.components() {
            match c {
                Component::Normal(name) => parts.push(name.to_str()?.to_owned()),
                Component::CurDir => {}
                Component::ParentDir => {
                    parts.pop()?;
                }
                Component::RootDir | Component::Prefix(_) => return None,
            }
        }
        Some(parts.join("/"))
    }

    /// What `ls-tree` lists in the tree `object`, remembered under the repository path
    /// `dir` it was reached by (through a link, perhaps).
    fn ls_tree(&self, object: &str, dir: &str) -> io::Result<Vec<(String, Entry)>> {
        let out = run_bytes(
            &git_dir(&self.root),
            &["ls-tree", "--full-tree", "-z", "-l", object],
        )
        .map_err(|e| io::Error::new(io::ErrorKind::NotFound, e))?;
        let mut entries = Vec::new();
        for record in out.split(|b| *b == 0).filter(|r| !r.is_empty()) {
            // `<mode> SP <type> SP <oid> SP+ <size> TAB <name>`
            let text = String::from_utf8_lossy(record);
            let Some((meta, name)) = text.split_once('\t') else {
                continue;
            };
            let mut f = meta.split_whitespace();
            let (Some(mode), Some(kind), Some(oid), Some(size)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let path = if dir.is_empty() {
                name.to_owned()
            } else {
                format!("{dir}/{name}")
            };
            entries.push((
                path,
                Entry {
                    kind: kind.to_owned(),
                    mode: mode.to_owned(),
                    oid: oid.to_owned(),
                    size: size.parse().ok(),
                },
            ));
        }
        let mut known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        for (path, entry) in &entries {
            known.insert(path.clone(), entry.clone());
        }
        Ok(entries)
    }

    /// The entry for `path`, listing its directory on first sight; a path through a
    /// linked directory is resolved by git.
    fn entry(&self, path: &str) -> Option<Entry> {
        if let Some(e) = self.lookup(path) {
            return Some(e);
        }
        let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
        if let Ok(entries) = self.ls_tree(&format!("{}:{parent}", self.commit), parent) {
            // A project's root holds privreg.yaml beside whatever else the repository
            // keeps there: only YAML is read ahead.
            let yaml: Vec<(String, Entry)> = entries
                .into_iter()
                .filter(|(p, _)| p.ends_with(".yaml") || p.ends_with(".yml"))
                .collect();
            self.read_ahead(&yaml);
            return self.lookup(path);
        }
        match self.resolve_link(path) {
            Ok(Resolved::Object { kind, oid, size }) => Some(Entry {
                kind,
                mode: FOLLOWED.to_owned(),
                oid,
                size: Some(size),
            }),
            _ => None,
        }
    }

    fn lookup(&self, path: &str) -> Option<Entry> {
        self.known
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(path)
            .cloned()
    }

    /// Runs `f` on the `cat-file` processes, starting them on first use.
    fn with_batch<T>(&self, f: impl FnOnce(&mut Batch) -> io::Result<T>) -> io::Result<T> {
        let mut guard = self.batch.lock().unwrap_or_else(PoisonError::into_inner);
        if guard.is_none() {
            *guard = Some(Batch::start(&git_dir(&self.root))?);
        }
        let batch = guard.as_mut().expect("started above");
        let result = f(batch);
        if result.is_err() {
            // A broken pipe leaves the protocol out of step: start afresh next time.
            *guard = None;
        }
        result
    }

    /// Reads the small regular files of a listed directory in one `cat-file --batch` pass
    /// (a thread writes the requests while this one reads the answers, so neither pipe
    /// fills up): one round trip for a directory instead of one per file. A failure is
    /// no error; the files are then read one by one.
    fn read_ahead(&self, entries: &[(String, Entry)]) {
        let oids: Vec<(String, u64)> = entries
            .iter()
            .filter(|(_, e)| e.kind == "blob" && e.mode != LINK)
            .filter_map(|(_, e)| Some((e.oid.clone(), e.size?)))
            .filter(|(_, size)| *size <= READ_AHEAD_MAX)
            .collect();
        if oids.is_empty() {
            return;
        }
        let Ok(mut process) = Process::start(&git_dir(&self.root), &["cat-file", "--batch"]) else {
            return;
        };
        let mut stdin = process.stdin.take();
        let requests: String = oids.iter().map(|(oid, _)| format!("{oid}\n")).collect();
        // No thread to write with (a system out of threads): the files are read one by one.
        let Ok(writer) = std::thread::Builder::new().spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                let _ = stdin.write_all(requests.as_bytes());
            }
            // Dropped here: git sees the end of its input and exits after the last answer.
        }) else {
            return;
        };
        let mut fetched = HashMap::new();
        for (oid, size) in &oids {
            let Ok(header) = process.line() else { break };
            if !header.starts_with(oid.as_str()) || !header.contains(" blob ") {
                break;
            }
            let mut bytes = vec![0u8; *size as usize + 1];
            if process.stdout.read_exact(&mut bytes).is_err() {
                break;
            }
            bytes.pop();
            fetched.insert(oid.clone(), bytes);
        }
        // Ended before the writer if the answers went wrong: it then fails to write.
        drop(process);
        let _ = writer.join();
        self.fetched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(fetched);
    }

    /// Where `path` leads once links are followed inside the repository.
    fn resolve_link(&self, path: &str) -> Result<Resolved, ReadFailure> {
        if path.contains('\n') {
            return Err(ReadFailure::NotRegular(
                "a file whose name holds a line break, which git cannot look up",
            ));
        }
        let object = format!("{}:{path}", self.commit);
        self.with_batch(|b| b.info(&object))
            .map_err(ReadFailure::Io)
    }
}

impl Tree for Revision {
    fn kind(&self, path: &Path) -> Kind {
        let Some(p) = self.repo_path(path) else {
            return Kind::Missing;
        };
        if p.is_empty() {
            return Kind::Dir;
        }
        let Some(entry) = self.entry(&p) else {
            return Kind::Missing;
        };
        match (entry.kind.as_str(), entry.mode.as_str()) {
            ("tree", _) => Kind::Dir,
            ("blob", LINK) => match self.resolve_link(&p) {
                Ok(Resolved::Object { kind, .. }) if kind == "tree" => Kind::Dir,
                Ok(Resolved::Object { kind, .. }) if kind == "blob" => Kind::File,
                Ok(Resolved::Object { .. }) => Kind::Other("not a regular file"),
                Ok(Resolved::Refused(what)) | Err(ReadFailure::NotRegular(what)) => {
                    Kind::Other(what)
                }
                Err(_) => Kind::Other("a file privreg cannot inspect"),
            },
            ("blob", _) => Kind::File,
            // A submodule: a directory in the work tree, not part of this repository.
            _ => Kind::Other("a submodule"),
        }
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let not_found = || {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("no such directory in {} ({})", self.spec, self.short()),
            )
        };
        let p = self.repo_path(dir).ok_or_else(not_found)?;
        if !p.is_empty() && self.kind(dir) != Kind::Dir {
            return Err(not_found());
        }
        // A directory reached through a link is listed where the link leads.
        let object = match self.entry(&p) {
            Some(e) if e.mode == LINK => match self.resolve_link(&p) {
                Ok(Resolved::Object { oid, .. }) => oid,
                _ => return Err(not_found()),
            },
            Some(e) if e.mode == FOLLOWED => e.oid,
            _ => format!("{}:{p}", self.commit),
        };
        let entries = self.ls_tree(&object, &p).map_err(|_| not_found())?;
        self.read_ahead(&entries);
        Ok(entries
            .into_iter()
            .filter_map(|(path, _)| {
                let name = path.rsplit('/').next()?.to_owned();
                Some(dir.join(name))
            })
            .collect())
    }

    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadFailure> {
        let missing = || {
            ReadFailure::Io(io::Error::new(
                io::ErrorKind::NotFound,
                format!("no such file in {} ({})", self.spec, self.short()),
            ))
        };
        let p = self.repo_path(path).ok_or_else(missing)?;
        let entry = self.entry(&p).ok_or_else(missing)?;
        let (oid, size) = match (entry.kind.as_str(), entry.mode.as_str()) {
            ("blob", LINK) => match self.resolve_link(&p)? {
                Resolved::Object { kind, oid, size } if kind == "blob" => (oid, Some(size)),
                Resolved::Object { kind, .. } if kind == "tree" => {
                    return Err(ReadFailure::NotRegular("a directory"));
                }
                Resolved::Object { .. } => {
                    return Err(ReadFailure::NotRegular("not a regular file"));
                }
                Resolved::Refused(what) => return Err(ReadFailure::NotRegular(what)),
            },
            ("blob", _) => (entry.oid, entry.size),
            ("tree", _) => return Err(ReadFailure::NotRegular("a directory")),
            _ => return Err(ReadFailure::NotRegular("a submodule")),
        };
        let ahead = self
            .fetched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&oid);
        if let Some(bytes) = ahead
            && bytes.len() as u64 <= limit
        {
            return Ok(bytes);
        }
        self.with_batch(|b| b.contents(&oid, size, limit))
            .map_err(ReadFailure::Io)?
    }

    fn canonical(&self, path: &Path) -> io::Result<PathBuf> {
        // Links are followed inside the repository by git itself, never to the disk.
        Ok(path.to_owned())
    }
}

/// Where `cat-file --batch-check --follow-symlinks` says a path leads.
#[derive(Debug)]
enum Resolved {
    /// An object: its type, id and size.
    Object {
        kind: String,
        oid: String,
        size: u64,
    },
    /// A link out of the repository, to nothing, or in a loop.
    Refused(&'static str),
}

/// The two `cat-file` processes of one revision.
#[derive(Debug)]
struct Batch {
    dir: PathBuf,
    info: Option<Process>,
    contents: Option<Process>,
}

#[derive(Debug)]
struct Process {
    child: Child,
    /// `None` once handed to a writer thread (read-ahead).
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Process {
    fn start(dir: &Path, args: &[&str]) -> io::Result<Process> {
        let mut child = git(dir)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = BufReader::new(child.stdout.take().expect("piped"));
        Ok(Process {
            child,
            stdin: Some(stdin),
            stdout,
        })
    }

    fn ask(&mut self, line: &str) -> io::Result<String> {
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| io::Error::other("git cat-file's input is closed"))?;
        writeln!(stdin, "{line}")?;
        stdin.flush()?;
        self.line()
    }

    fn line(&mut self) -> io::Result<String> {
        let mut header = String::new();
        if self.stdout.read_line(&mut header)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "git cat-file ended early",
            ));
        }
        Ok(header.trim_end_matches('\n').to_owned())
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        // Closing stdin ends the process; a kill covers one stuck writing.
        self.stdin = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Batch {
    fn start(dir: &Path) -> io::Result<Batch> {
        Ok(Batch {
            dir: dir.to_owned(),
            info: None,
            contents: None,
        })
    }

    /// The process `slot` holds, started with `args` on first use: a project without links
    /// never starts the one that follows them.
    fn process<'p>(
        dir: &Path,
        slot: &'p mut Option<Process>,
        args: &[&str],
    ) -> io::Result<&'p mut Process> {
        if slot.is_none() {
            *slot = Some(Process::start(dir, args)?);
        }
        Ok(slot.as_mut().expect("started above"))
    }

    /// Resolves `commit:path`, following links inside the repository.
    fn info(&mut self, object: &str) -> io::Result<Resolved> {
        let info = Self::process(
            &self.dir,
            &mut self.info,
            &["cat-file", "--batch-check", "--follow-symlinks"],
        )?;
        let header = info.ask(object)?;
        if header.ends_with(" missing") {
            return Ok(Resolved::Refused("a symbolic link to a missing file"));
        }
        let mut words = header.split(' ');
        let first = words.next().unwrap_or_default();
        let refused = match first {
            "dangling" | "notdir" => Some("a symbolic link to a missing file"),
            "loop" => Some("a symbolic link that loops"),
            "symlink" => Some("a symbolic link out of the repository"),
            _ => None,
        };
        if let Some(what) = refused {
            // One more line: the object asked for, or the link's target.
            info.line()?;
            return Ok(Resolved::Refused(what));
        }
        let (Some(kind), Some(size)) = (words.next(), words.next()) else {
            return Err(io::Error::other(format!(
                "git cat-file answered `{header}`"
            )));
        };
        Ok(Resolved::Object {
            kind: kind.to_owned(),
            oid: first.to_owned(),
            size: size.parse().map_err(io::Error::other)?,
        })
    }

    /// The blob `oid` of `size` bytes (when known), at most `limit` bytes of it.
    fn contents(
        &mut self,
        oid: &str,
        size: Option<u64>,
        limit: u64,
    ) -> io::Result<Result<Vec<u8>, ReadFailure>> {
        let contents = Self::process(&self.dir, &mut self.contents, &["cat-file", "--batch"])?;
        let header = contents.ask(oid)?;
        let mut words = header.split(' ');
        let (Some(_), Some(kind), Some(len)) = (words.next(), words.next(), words.next()) else {
            return Err(io::Error::other(format!(
                "git cat-file answered `{header}`"
            )));
        };
        let len: u64 = len.parse().map_err(io::Error::other)?;
        debug_assert!(size.is_none_or(|s| s == len), "ls-tree and cat-file agree");
        // The whole object and its closing newline are read, however little is kept, so
        // the next answer starts where it should.
        let mut body = (&mut contents.stdout).take(len);
        let kept = if len > limit {
            let mut head = Vec::new();
            (&mut body).take(256).read_to_end(&mut head)?;
            io::copy(&mut body, &mut io::sink())?;
            Err(ReadFailure::TooLarge {
                len: Some(len),
                head,
            })
        } else {
            let mut bytes = Vec::with_capacity(len as usize);
            body.read_to_end(&mut bytes)?;
            if kind == "blob" {
                Ok(bytes)
            } else {
                Err(ReadFailure::NotRegular("not a regular file"))
            }
        };
        let mut newline = [0u8; 1];
        contents.stdout.read_exact(&mut newline)?;
        Ok(kept)
    }
}

/// The directory git runs in: the project root, or the current one for an empty root.
fn git_dir(root: &Path) -> PathBuf {
    if root.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        root.to_owned()
    }
}

/// `git` in `dir`, with the settings that make its output what privreg parses whatever
/// the user's configuration: no pager, no optional locks (read-only: the index is never
/// refreshed), paths unquoted.
fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_EXTERNAL_DIFF")
        .args(["-c", "core.quotePath=false", "--no-pager"]);
    cmd
}

/// Runs git and returns its standard output as text; its message when it fails.
fn run(dir: &Path, args: &[&str]) -> Result<String, String> {
    run_bytes(dir, args).map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn run_bytes(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = git(dir)
        .args(args.iter().map(OsStr::new))
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => "the `git` command is not installed".to_owned(),
            _ => format!("cannot run git: {e}"),
        })?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let msg = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        Err(msg.strip_prefix("fatal: ").unwrap_or(&msg).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A repository in a temporary directory, with `git` configured for tests.
    pub(crate) fn git_in(dir: &Path, args: &[&str]) {
        let out = Command::new("git")
            .args(["-c", "user.name=privreg", "-c", "user.email=ci@example.com"])
            .args([
                "-c",
                "init.defaultBranch=main",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(dir)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    #[test]
    fn a_revision_reads_files_links_and_directories_as_committed() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path();
        std::fs::create_dir_all(repo.join("p/registers")).unwrap();
        std::fs::write(repo.join("p/registers/a.yaml"), "id: a\n").unwrap();
        std::fs::write(repo.join("p/big.yaml"), "x".repeat(300)).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink("a.yaml", repo.join("p/registers/l.yaml")).unwrap();
            symlink("nowhere.yaml", repo.join("p/registers/d.yaml")).unwrap();
            symlink("/etc/hostname", repo.join("p/registers/o.yaml")).unwrap();
            symlink("registers", repo.join("p/regs")).unwrap();
        }
        git_in(repo, &["init", "-q"]);
        git_in(repo, &["add", "-A"]);
        git_in(repo, &["commit", "-q", "-m", "one"]);
        // The work tree changes after the commit; the revision does not.
        std::fs::write(repo.join("p/registers/a.yaml"), "id: changed\n").unwrap();
        let root = repo.join("p");
        let rev = Revision::resolve(&root, "HEAD").unwrap();
        assert_eq!(rev.commit.len(), 40);
        let at = |rel: &str| root.join(rel);
        assert_eq!(rev.read(&at("registers/a.yaml"), 100).unwrap(), b"id: a\n");
        assert_eq!(rev.kind(&at("registers")), Kind::Dir);
        assert_eq!(rev.kind(&at("registers/a.yaml")), Kind::File);
        assert_eq!(rev.kind(&at("nothing.yaml")), Kind::Missing);
        assert_eq!(rev.kind(&at("../outside")), Kind::Missing);
        let Err(ReadFailure::TooLarge { len, head }) = rev.read(&at("big.yaml"), 100) else {
            panic!("over the limit")
        };
        assert_eq!((len, head.len()), (Some(300), 256));
        // The process keeps in step after a refused file.
        assert_eq!(rev.read(&at("registers/a.yaml"), 100).unwrap(), b"id: a\n");
        #[cfg(unix)]
        {
            assert_eq!(rev.read(&at("registers/l.yaml"), 100).unwrap(), b"id: a\n");
            assert_eq!(rev.kind(&at("registers/l.yaml")), Kind::File);
            assert!(matches!(
                rev.read(&at("registers/d.yaml"), 100),
                Err(ReadFailure::NotRegular("a symbolic link to a missing file"))
            ));
            assert!(matches!(
                rev.read(&at("registers/o.yaml"), 100),
                Err(ReadFailure::NotRegular(
                    "a symbolic link out of the repository"
                ))
            ));
            assert_eq!(rev.kind(&at("regs")), Kind::Dir);
            let mut listed = rev.list(&at("regs")).unwrap();
            listed.sort();
            assert_eq!(listed[0], at("regs/a.yaml"));
        }
        let mut listed = rev.list(&at("registers")).unwrap();
        listed.sort();
        assert_eq!(listed[0], at("registers/a.yaml"));
        assert!(rev.list(&at("missing")).is_err());
    }

    #[test]
    fn a_listed_directory_is_read_ahead_and_each_file_reads_as_committed() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path();
        std::fs::create_dir_all(repo.join("registers")).unwrap();
        for i in 0..50 {
            std::fs::write(
                repo.join(format!("registers/s{i:02}.yaml")),
                format!("id: s{i}\n"),
            )
            .unwrap();
        }
        std::fs::write(repo.join("registers/big.yaml"), "x".repeat(2_000_000)).unwrap();
        git_in(repo, &["init", "-q"]);
        git_in(repo, &["add", "-A"]);
        git_in(repo, &["commit", "-q", "-m", "one"]);
        let rev = Revision::resolve(repo, "HEAD").unwrap();
        let listed = rev.list(&repo.join("registers")).unwrap();
        assert_eq!(listed.len(), 51);
        assert_eq!(
            rev.fetched.lock().unwrap().len(),
            50,
            "the small files, read ahead"
        );
        for i in 0..50 {
            let path = repo.join(format!("registers/s{i:02}.yaml"));
            assert_eq!(
                rev.read(&path, 100).unwrap(),
                format!("id: s{i}\n").as_bytes()
            );
        }
        assert!(rev.fetched.lock().unwrap().is_empty(), "each taken once");
        assert!(matches!(
            rev.read(&repo.join("registers/big.yaml"), 1024 * 1024),
            Err(ReadFailure::TooLarge { .. })
        ));
        // A file read ahead but over a smaller limit is refused, as on disk.
        rev.list(&repo.join("registers")).unwrap();
        assert!(matches!(
            rev.read(&repo.join("registers/s00.yaml"), 3),
            Err(ReadFailure::TooLarge { .. })
        ));
    }

    #[test]
    fn a_name_that_is_no_revision_is_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        git_in(dir.path(), &["init", "-q"]);
        let err = Revision::resolve(dir.path(), "no-such-branch").unwrap_err();
        assert!(
            err.to_string()
                .contains("neither a directory nor a revision"),
            "{err}"
        );
        let err = Revision::resolve(dir.path(), "--output=x").unwrap_err();
        assert!(matches!(err, Error::Usage(_)), "{err}");
    }
}
