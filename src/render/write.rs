//! Writing the output directory atomically, and comparing it with what would be written
//! (`build --check`) as a unified diff.

use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::files::{self, Undo};

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// File name inside the output directory.
    pub name: String,
    /// Its contents: text (UTF-8) for every format but XLSX.
    pub contents: Vec<u8>,
}

impl OutputFile {
    /// The contents as text; empty for a binary file.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.contents).unwrap_or("")
    }
}

/// Name prefix of the directory a build writes into before renaming it into place.
const NEW_PREFIX: &str = ".privreg-new-";
/// Name prefix the previous output has between the two renames of a swap.
const OLD_PREFIX: &str = ".privreg-old-";

/// Replaces the directory `dir` with one holding exactly `files` (docs/design.md, "Output
/// directory", says what a reader sees meanwhile).
///
/// When `dir` is a symbolic link, the directory it leads to is replaced and the link stays.
/// The files are written and synced into a staging directory beside it, which is renamed
/// into place. A directory cannot be renamed over a non-empty one, so an existing output
/// is first renamed aside; between those two renames the path does not exist. The whole
/// write holds the lock of the parent directory, so concurrent builds take turns, and
/// starts by recovering what an interrupted build left there ([`recover`]). On an error,
/// or on a signal the binary catches, every step is taken back: the old output returns
/// and no staging directory remains.
pub fn write_atomic(dir: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let mut stage = Stage::open(dir)?;
    for f in files {
        stage.add(&f.name, &f.contents)?;
    }
    stage.commit()
}

/// An output directory being replaced ([`write_atomic`]), its files given one at a time,
/// so that a build need not hold every file at once: at 100,000 sections they are most of
/// a gigabyte. Its staging directory holds them until [`Stage::commit`] swaps it into
/// place; dropped uncommitted (an error, a panic), every step is taken back.
#[derive(Debug)]
pub struct Stage {
    // Dropped before the lock, as in one function: the undo steps run while it is held.
    pending: files::Pending,
    lock: files::DirLock,
    dir: PathBuf,
    target: PathBuf,
    parent: PathBuf,
    name: std::ffi::OsString,
    staging: PathBuf,
    names: Vec<String>,
    /// The files written and being synced, each on a thread of its own: a sync waits on the
    /// disk, and the next file can be made meanwhile. All are joined before the swap.
    syncing: Vec<(PathBuf, std::thread::JoinHandle<io::Result<()>>)>,
}

impl Stage {
    /// Takes the lock of the directory beside `dir`, recovers what an interrupted build
    /// left there ([`recover`]) and makes an empty staging directory.
    pub fn open(dir: &Path) -> Result<Stage, Error> {
        let target = files::resolve_links(dir).map_err(write_err(dir))?;
        let Some(name) = target.file_name().map(|n| n.to_owned()) else {
            return Err(Error::Write {
                path: dir.to_owned(),
                source: io::Error::other("the output path names no directory of its own"),
            });
        };
        let parent = files::parent_dir(&target);
        std::fs::create_dir_all(&parent).map_err(write_err(&parent))?;
        let lock = files::DirLock::acquire(&parent).map_err(write_err(&parent))?;
        let pending = files::Pending::new();
        pending.push(Undo::RemoveFile(lock.path().to_owned()));
        recover_in(&parent, &name).map_err(write_err(&parent))?;
        let staging = reserve(&parent, NEW_PREFIX, &name, &pending).map_err(write_err(&parent))?;
        Ok(Stage {
            pending,
            lock,
            dir: dir.to_owned(),
            target,
            parent,
            name,
            staging,
            names: Vec::new(),
            syncing: Vec::new(),
        })
    }

    /// Syncs `file`, written to `path`, on a thread of its own if one starts.
    fn sync(&mut self, path: PathBuf, file: std::fs::File) -> Result<(), Error> {
        let file = std::sync::Arc::new(file);
        let theirs = std::sync::Arc::clone(&file);
        match std::thread::Builder::new().spawn(move || theirs.sync_all()) {
            Ok(handle) => self.syncing.push((path, handle)),
            Err(_) => file.sync_all().map_err(write_err(&path))?,
        }
        Ok(())
    }

    /// Writes file `name` with `contents` into the staging directory, synced.
    pub fn add(&mut self, name: &str, contents: &[u8]) -> Result<(), Error> {
        let path = self.staging.join(name);
        let file = write_unsynced(&path, contents).map_err(write_err(&path))?;
        self.sync(path, file)?;
        self.names.push(name.to_owned());
        Ok(())
    }

    /// Where file `name` is written in the staging directory, to be read back once written.
    pub fn path(&self, name: &str) -> PathBuf {
        self.staging.join(name)
    }

    /// Writes file `name` as `write` produces it, through a buffer, synced. A failed write
    /// to the file is reported as such, whatever error `write` made of it.
    pub fn stream(
        &mut self,
        name: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let path = self.staging.join(name);
        let file = std::fs::File::create(&path).map_err(write_err(&path))?;
        let mut out = Recording {
            inner: io::BufWriter::with_capacity(1 << 16, file),
            failed: None,
        };
        let written = write(&mut out);
        if let Some(source) = out.failed.take() {
            return Err(Error::Write { path, source });
        }
        written?;
        let file = out.inner.into_inner().map_err(|e| Error::Write {
            path: path.clone(),
            source: e.into_error(),
        })?;
        self.sync(path, file)?;
        self.names.push(name.to_owned());
        Ok(())
    }

    /// Puts the staging directory in the place of the output directory, refusing to
    /// replace one that holds files privreg did not write.
    pub fn commit(self) -> Result<(), Error> {
        let Stage {
            pending,
            lock,
            dir,
            target,
            parent,
            name,
            staging,
            names,
            syncing,
        } = self;
        for (path, handle) in syncing {
            match handle.join() {
                Ok(synced) => synced.map_err(write_err(&path))?,
                // `sync_all` does not panic; were it to, it would be a bug, shown as one.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        let dir = dir.as_path();
        let exists = match std::fs::metadata(&target) {
            Ok(meta) if meta.is_dir() => true,
            Ok(_) => {
                return Err(Error::Write {
                    path: dir.to_owned(),
                    source: io::Error::other("the output path exists and is not a directory"),
                });
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(source) => {
                return Err(Error::Write {
                    path: dir.to_owned(),
                    source,
                });
            }
        };
        if exists {
            refuse_foreign_files(&target, &names)?;
        }
        files::sync_dir(&staging);
        files::stall("staged");
        set_public_permissions(&staging, &target).map_err(write_err(dir))?;
        if exists {
            let aside =
                reserve(&parent, OLD_PREFIX, &name, &pending).map_err(write_err(&parent))?;
            pending.forget(&Undo::RemoveDir(aside.clone()));
            // A name is reserved by creating it; the rename needs it free again.
            std::fs::remove_dir(&aside).map_err(write_err(&parent))?;
            pending
                .step(|steps| {
                    std::fs::rename(&target, &aside)?;
                    steps.push(Undo::Restore {
                        aside: aside.clone(),
                        dir: target.clone(),
                    });
                    Ok(())
                })
                .map_err(write_err(dir))?;
            files::stall("swapping");
            pending
                .step(|steps| {
                    std::fs::rename(&staging, &target)?;
                    steps.retain(|u| matches!(u, Undo::RemoveFile(_)));
                    steps.push(Undo::RemoveDir(aside.clone()));
                    Ok(())
                })
                .map_err(write_err(dir))?;
            files::sync_dir(&parent);
            files::remove_tree(&aside).map_err(write_err(&aside))?;
        } else {
            pending
                .step(|steps| {
                    std::fs::rename(&staging, &target)?;
                    steps.retain(|u| matches!(u, Undo::RemoveFile(_)));
                    Ok(())
                })
                .map_err(write_err(dir))?;
            files::sync_dir(&parent);
        }
        pending.done();
        drop(lock);
        Ok(())
    }
}

fn write_err(path: &Path) -> impl FnOnce(io::Error) -> Error + use<> {
    let path = path.to_owned();
    move |source| Error::Write { path, source }
}

/// A writer that keeps its first error, which a template engine would report as its own.
struct Recording<W> {
    inner: W,
    failed: Option<io::Error>,
}

impl<W: io::Write> io::Write for Recording<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.inner.write(bytes).inspect_err(|e| {
            if self.failed.is_none() {
                self.failed = Some(io::Error::new(e.kind(), e.to_string()));
            }
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().inspect_err(|e| {
            if self.failed.is_none() {
                self.failed = Some(io::Error::new(e.kind(), e.to_string()));
            }
        })
    }
}

/// Recovers what an interrupted build left beside the output directory `dir`: an old
/// output whose replacement never arrived is put back, and staging directories are
/// removed. [`write_atomic`] does this itself; `build` calls it first so that a build
/// that stops on a finding still restores the previous output.
pub fn recover(dir: &Path) -> Result<(), Error> {
    let target = files::resolve_links(dir).map_err(|source| Error::Write {
        path: dir.to_owned(),
        source,
    })?;
    let (Some(name), parent) = (target.file_name(), files::parent_dir(&target)) else {
        return Ok(());
    };
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return Ok(());
    };
    // Only take the lock (and create its file) when there is something to recover.
    let leftovers = entries.filter_map(Result::ok).any(|e| {
        let n = e.file_name();
        let n = n.to_string_lossy();
        n.starts_with(NEW_PREFIX) || n.starts_with(OLD_PREFIX)
    });
    if !leftovers {
        return Ok(());
    }
    let write_err = |source| Error::Write {
        path: parent.clone(),
        source,
    };
    let _lock = files::DirLock::acquire(&parent).map_err(write_err)?;
    recover_in(&parent, name).map_err(write_err)
}

/// [`recover`] with the lock of `parent` held, so no entry belongs to a build under way.
fn recover_in(parent: &Path, name: &OsStr) -> io::Result<()> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(parent)? {
        if let Some(n) = entry?.file_name().to_str() {
            names.push(n.to_owned());
        }
    }
    // An old output that names its owner is surely its owner's; one in the layout before
    // names were kept is only restored where nothing else was.
    names.sort_by_key(|n| {
        (
            n.strip_prefix(OLD_PREFIX).is_some_and(|r| !r.contains('.')),
            n.clone(),
        )
    });
    for n in &names {
        let path = parent.join(n);
        if n.starts_with(NEW_PREFIX) {
            // Never complete for sure: a build may have been stopped while writing it.
            files::remove_tree(&path)?;
        } else if let Some(rest) = n.strip_prefix(OLD_PREFIX) {
            let (owner, old) = match rest.split_once('.') {
                // `.privreg-old-RANDOM.NAME` is the whole old output of `NAME`.
                Some((_, owner)) => (parent.join(owner), path.clone()),
                // Before this layout the old output sat in `.privreg-old-RANDOM/output`.
                None => (parent.join(name), path.join("output")),
            };
            let holds_files = std::fs::read_dir(&old).is_ok_and(|mut d| d.next().is_some());
            if files::missing(&owner) && holds_files {
                std::fs::rename(&old, &owner)?;
            }
            files::remove_tree(&path)?;
        }
    }
    Ok(())
}

/// Creates an empty directory `PREFIX` + random + `.NAME` in `parent` and registers its
/// removal: the name says whose output it belongs to, for [`recover_in`].
fn reserve(
    parent: &Path,
    prefix: &str,
    name: &OsStr,
    pending: &files::Pending,
) -> io::Result<PathBuf> {
    let mut suffix = std::ffi::OsString::from(".");
    suffix.push(name);
    pending.step(|steps| {
        let dir = tempfile::Builder::new()
            .prefix(prefix)
            .suffix(&suffix)
            .tempdir_in(parent)?
            .keep();
        steps.push(Undo::RemoveDir(dir.clone()));
        Ok(dir)
    })
}

/// Writes `contents` to a new file, to be synced ([`Stage::sync`]) before the swap, so
/// that a crash after the rename cannot leave an output file empty.
fn write_unsynced(path: &Path, contents: &[u8]) -> io::Result<std::fs::File> {
    let mut file = std::fs::File::create(path)?;
    io::Write::write_all(&mut file, contents)?;
    Ok(file)
}

/// Compares `files` with the contents of `dir`. Returns a unified diff of every stale or
/// missing file, `None` when all are current. `shown` is how the directory is named in
/// the `---` headers.
pub fn stale_diff(dir: &Path, shown: &str, files: &[OutputFile]) -> Result<Option<String>, Error> {
    let mut out = String::new();
    for f in files {
        let path = dir.join(&f.name);
        let old_name = format!("{}/{}", shown.trim_end_matches('/'), f.name);
        // Whatever sits there is read only if it is a regular file, and never much past the
        // size of what would replace it: more than that is stale without a diff.
        let limit = (f.contents.len() as u64).saturating_mul(2).max(1 << 20);
        let old = match files::read_regular(&path, limit) {
            Ok(bytes) => bytes,
            Err(files::ReadFailure::Io(e)) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(files::ReadFailure::Io(source)) => return Err(Error::Read { path, source }),
            Err(files::ReadFailure::NotRegular(what)) => {
                out.push_str(&format!("{old_name}: {what}, not a regular file\n"));
                continue;
            }
            Err(files::ReadFailure::TooLarge { .. }) => {
                out.push_str(&format!(
                    "{old_name}: over {limit} bytes, too large to compare\n"
                ));
                continue;
            }
        };
        if !path.is_file() {
            out.push_str(&format!("{old_name}: missing\n"));
        }
        match std::str::from_utf8(&f.contents) {
            Ok(new) => {
                let old = String::from_utf8_lossy(&old);
                if let Some(d) = unified_diff(&old, new, &old_name, "generated") {
                    out.push_str(&d);
                }
            }
            // A binary file (XLSX) differs or not; a line diff of it says nothing.
            Err(_) if old != f.contents && path.is_file() => {
                out.push_str(&format!("{old_name}: binary file differs\n"));
            }
            Err(_) => {}
        }
    }
    Ok((!out.is_empty()).then_some(out))
}

/// A unified diff (3 lines of context) of two texts, `None` if they are equal.
pub fn unified_diff(old: &str, new: &str, old_name: &str, new_name: &str) -> Option<String> {
    if old == new {
        return None;
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = diff_lines(&a, &b);
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    const CONTEXT: usize = 3;
    // Indices of ops that are changes; hunks group changes less than 2*CONTEXT apart.
    let changes: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Same(..)))
        .map(|(i, _)| i)
        .collect();
    let mut k = 0;
    while k < changes.len() {
        let first = changes[k];
        let mut last = first;
        while k + 1 < changes.len() && changes[k + 1] - last <= 2 * CONTEXT {
            k += 1;
            last = changes[k];
        }
        k += 1;
        let start = first.saturating_sub(CONTEXT);
        let end = (last + CONTEXT + 1).min(ops.len());
        let (mut a_start, mut b_start) = (None, None);
        let (mut a_len, mut b_len) = (0, 0);
        let mut body = String::new();
        for op in &ops[start..end] {
            let (prefix, line, ia, ib) = match *op {
                Op::Same(i, j) => (' ', a[i], Some(i), Some(j)),
                Op::Del(i) => ('-', a[i], Some(i), None),
                Op::Ins(j) => ('+', b[j], None, Some(j)),
            };
            if let Some(i) = ia {
                a_start.get_or_insert(i);
                a_len += 1;
            }
            if let Some(j) = ib {
                b_start.get_or_insert(j);
                b_len += 1;
            }
            body.push(prefix);
            body.push_str(line.strip_suffix('\n').unwrap_or(line));
            body.push('\n');
            if !line.ends_with('\n') {
                body.push_str("\\ No newline at end of file\n");
            }
        }
        // An empty range names the line before it (0 at the top), as GNU diff does.
        let a_pos = a_start.map_or_else(|| line_before(&ops[..start], true), |i| i + 1);
        let b_pos = b_start.map_or_else(|| line_before(&ops[..start], false), |j| j + 1);
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(a_pos, a_len),
            range(b_pos, b_len)
        ));
        out.push_str(&body);
    }
    Some(out)
}

fn range(start: usize, len: usize) -> String {
    if len == 1 {
        start.to_string()
    } else {
        format!("{start},{len}")
    }
}

fn line_before(ops: &[Op], old_side: bool) -> usize {
    ops.iter()
        .filter(|op| match op {
            Op::Same(..) => true,
            Op::Del(_) => old_side,
            Op::Ins(_) => !old_side,
        })
        .count()
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Same(usize, usize),
    Del(usize),
    Ins(usize),
}

/// Line diff: common prefix and suffix stripped, then a longest-common-subsequence table
/// on what remains. A stale policy differs in a few lines, so the middle is small; when it
/// is not, the whole middle is shown replaced rather than spending quadratic time.
fn diff_lines(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<Op> = (0..prefix).map(|i| Op::Same(i, i)).collect();
    if am.len().saturating_mul(bm.len()) <= 4_000_000 {
        // lcs[i][j]: length of the LCS of am[i..] and bm[j..].
        let w = bm.len() + 1;
        let mut lcs = vec![0u32; (am.len() + 1) * w];
        for i in (0..am.len()).rev() {
            for j in (0..bm.len()).rev() {
                lcs[i * w + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < am.len() || j < bm.len() {
            if i < am.len() && j < bm.len() && am[i] == bm[j] {
                ops.push(Op::Same(prefix + i, prefix + j));
                i += 1;
                j += 1;
            } else if j < bm.len() && (i == am.len() || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])
            {
                ops.push(Op::Ins(prefix + j));
                j += 1;
            } else {
                ops.push(Op::Del(prefix + i));
                i += 1;
            }
        }
        // Deletions before insertions within a change reads better; the walk above
        // prefers insertions, so reorder each run of changes.
        reorder_runs(&mut ops);
    } else {
        ops.extend((0..am.len()).map(|i| Op::Del(prefix + i)));
        ops.extend((0..bm.len()).map(|j| Op::Ins(prefix + j)));
    }
    ops.extend((0..suffix).map(|k| Op::Same(a.len() - suffix + k, b.len() - suffix + k)));
    ops
}

fn reorder_runs(ops: &mut [Op]) {
    let mut i = 0;
    while i < ops.len() {
        if matches!(ops[i], Op::Same(..)) {
            i += 1;
            continue;
        }
        let start = i;
        while i < ops.len() && !matches!(ops[i], Op::Same(..)) {
            i += 1;
        }
        ops[start..i].sort_by_key(|op| match op {
            Op::Del(x) => (0, *x),
            Op::Ins(x) => (1, *x),
            Op::Same(..) => (2, 0),
        });
    }
}

/// A published directory should be readable by a web server, not the 0700 of a temp dir.
fn set_public_permissions(staging: &Path, target: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(target).map_or(0o755, |m| m.permissions().mode() & 0o7777);
        std::fs::set_permissions(staging, std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (staging, target);
    Ok(())
}

/// The output directory is privreg's: replacing it must not delete a file someone put
/// there by hand (a file a build with other `languages` wrote is privreg's), or a whole project when `output` points at the wrong directory.
fn refuse_foreign_files(dir: &Path, files: &[String]) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_owned(),
        source,
    })?;
    let mut foreign: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // A file another choice of `outputs` or `languages` would write is privreg's too.
        .filter(|n| !files.contains(n) && !super::is_output_name(n))
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    Err(Error::Write {
        path: dir.to_owned(),
        source: io::Error::other(format!(
            "the output directory holds files privreg did not write ({}); \
             choose another directory with --out or `output:` in privreg.yaml",
            foreign.join(", ")
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_changed_word_is_one_hunk_with_three_lines_of_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(
            unified_diff(old, new, "dist/a.md", "generated").unwrap(),
            "--- dist/a.md\n+++ generated\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn a_missing_file_diffs_against_nothing() {
        assert_eq!(
            unified_diff("", "a\nb\n", "dist/x", "generated").unwrap(),
            "--- dist/x\n+++ generated\n@@ -0,0 +1,2 @@\n+a\n+b\n"
        );
    }

    #[test]
    fn distant_changes_make_separate_hunks() {
        let old: String = (1..=20).map(|i| format!("{i}\n")).collect();
        let new = old
            .replacen("2\n", "two\n", 1)
            .replace("19\n", "nineteen\n");
        let d = unified_diff(&old, &new, "a", "b").unwrap();
        assert_eq!(d.matches("@@ -").count(), 2, "{d}");
        assert!(d.contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n"), "{d}");
        assert!(
            d.contains("@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n"),
            "{d}"
        );
    }

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified_diff("a\n", "a\n", "x", "y"), None);
    }
}
