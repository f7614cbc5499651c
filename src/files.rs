//! Files on disk, read and replaced with care: only regular files are read, and never more
//! than a limit; symbolic links are followed to the file they name; the output directory
//! is swapped under a lock; and every half-done step is registered so that an error, or a
//! signal, undoes it.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadFailure {
    /// The path names no regular file; the text says what it names instead
    /// ("a FIFO", "a symbolic link to a missing file").
    NotRegular(&'static str),
    /// The file holds more bytes than the limit allows.
    TooLarge {
        /// Its size, when its metadata told it (files in `/proc` claim 0 bytes).
        len: Option<u64>,
        /// Its first bytes, so a report can show where it starts.
        head: Vec<u8>,
    },
    /// Anything else (missing, no permission).
    Io(io::Error),
}

impl ReadFailure {
    /// The failure as an `io::Error`, for reports that need one.
    pub fn into_io(self, limit: u64) -> io::Error {
        match self {
            ReadFailure::NotRegular(what) => {
                io::Error::other(format!("it is {what}, not a regular file"))
            }
            ReadFailure::TooLarge { len, .. } => io::Error::other(match len {
                Some(len) => format!("it is {len} bytes, over the limit of {limit} bytes"),
                None => format!("it is over the limit of {limit} bytes"),
            }),
            ReadFailure::Io(e) => e,
        }
    }
}

/// How many bytes of a rejected file are kept to show where it starts.
const HEAD_BYTES: u64 = 256;

/// Reads the regular file at `path` (symbolic links followed), at most `limit` bytes.
///
/// The type is checked before the file is opened, so a FIFO, socket or device is never
/// opened; the file is opened non-blocking and checked again, so one swapped in between
/// cannot block either. The size in the metadata is checked first, and the read itself
/// stops after `limit + 1` bytes, because some files (`/proc`) report a size of 0.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadFailure> {
    let meta = std::fs::metadata(path).map_err(|e| failure(path, e))?;
    regular(&meta)?;
    let file = open_nonblocking(path).map_err(|e| failure(path, e))?;
    let meta = file.metadata().map_err(ReadFailure::Io)?;
    regular(&meta)?;
    if meta.len() > limit {
        let mut head = Vec::new();
        let _ = file.take(HEAD_BYTES).read_to_end(&mut head);
        return Err(ReadFailure::TooLarge {
            len: Some(meta.len()),
            head,
        });
    }
    read_limited(file, limit, meta.len())
}

/// Reads `reader` to its end, or fails once it has given more than `limit` bytes.
pub fn read_limited(reader: impl Read, limit: u64, expected: u64) -> Result<Vec<u8>, ReadFailure> {
    let capacity = usize::try_from(expected.min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadFailure::Io)?;
    if bytes.len() as u64 > limit {
        bytes.truncate(HEAD_BYTES as usize);
        return Err(ReadFailure::TooLarge {
            len: None,
            head: bytes,
        });
    }
    Ok(bytes)
}

/// What a path that is not a regular file names; `None` for a regular file.
pub fn kind(path: &Path) -> Result<Option<&'static str>, ReadFailure> {
    let meta = std::fs::metadata(path).map_err(|e| failure(path, e))?;
    Ok(regular(&meta).err().map(|f| match f {
        ReadFailure::NotRegular(what) => what,
        _ => "not a regular file",
    }))
}

fn regular(meta: &Metadata) -> Result<(), ReadFailure> {
    let t = meta.file_type();
    if t.is_file() {
        return Ok(());
    }
    if t.is_dir() {
        return Err(ReadFailure::NotRegular("a directory"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Err(ReadFailure::NotRegular("a FIFO (named pipe)"));
        }
        if t.is_socket() {
            return Err(ReadFailure::NotRegular("a socket"));
        }
        if t.is_char_device() {
            return Err(ReadFailure::NotRegular("a character device"));
        }
        if t.is_block_device() {
            return Err(ReadFailure::NotRegular("a block device"));
        }
    }
    Err(ReadFailure::NotRegular("not a regular file"))
}

/// Tells a symbolic link that leads nowhere from a plain missing file: the one is a file
/// someone meant privreg to read, the other is just not there.
fn failure(path: &Path, e: io::Error) -> ReadFailure {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return ReadFailure::Io(e);
    }
    if e.kind() == io::ErrorKind::NotFound {
        return ReadFailure::NotRegular("a symbolic link to a missing file");
    }
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return ReadFailure::NotRegular("a symbolic link that loops");
    }
    ReadFailure::Io(e)
}

fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// The path a chain of symbolic links at `path` ends at; the last target need not exist.
/// Writing there, not at `path`, keeps the links someone made.
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    // Linux gives up after 40 links too (ELOOP).
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "{} is a symbolic link that loops",
        path.display()
    )))
}

/// Whether nothing at all (not even a broken link) is at `path`.
pub fn missing(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == io::ErrorKind::NotFound)
}

/// Makes what was written to the directory `dir` (new entries, renames) durable. Only Unix
/// can open a directory to sync it; elsewhere this does nothing.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The directory `path` is in (`.` for a bare name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Removes a file, or a directory tree that may be read-only at its top (an output directory
/// published 0555 keeps that mode in its staged copy).
pub fn remove_tree(dir: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(dir) {
        Ok(meta) if !meta.is_dir() => return std::fs::remove_file(dir),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        _ => {}
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// The lock file privreg keeps in a directory while it replaces something there.
pub const LOCK_FILE: &str = ".privreg.lock";

/// An exclusive lock on [`LOCK_FILE`] in a directory: two runs that swap output directories
/// in the same place take turns. The file is deleted while still locked when the lock ends.
#[derive(Debug)]
pub struct DirLock {
    _file: File,
    path: PathBuf,
}

impl DirLock {
    /// Waits for and takes the lock of `dir`.
    pub fn acquire(dir: &Path) -> io::Result<DirLock> {
        let path = dir.join(LOCK_FILE);
        loop {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(&path)?;
            file.lock()?;
            // The holder before us deletes the file before it unlocks; a lock taken on a
            // deleted file guards nothing, so take the one now at the path instead.
            if same_file(&file, &path) {
                return Ok(DirLock { _file: file, path });
            }
        }
    }

    /// Where the lock file is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    // Elsewhere the lock file is never deleted, so it is always the same file.
    true
}

/// How many random characters follow the prefix in the name of a [`locked_temp`] file.
const TEMP_RANDOM_LEN: usize = 6;

/// A new temporary file `PREFIX` + random characters in `dir`, exclusively locked for as
/// long as it is open: the lock is what tells [`remove_stale_temps`] its owner is alive.
/// A file system without locks gives an unlocked file, which no one can judge stale there.
pub fn locked_temp(dir: &Path, prefix: &str) -> io::Result<tempfile::NamedTempFile> {
    // A run clearing stale files may take the lock first and delete the file before we
    // hold it; a lock on a deleted file guards nothing, so make another.
    for _ in 0..100 {
        let tmp = tempfile::Builder::new()
            .prefix(prefix)
            .rand_bytes(TEMP_RANDOM_LEN)
            .tempfile_in(dir)?;
        if tmp.as_file().lock().is_err() || same_entry(tmp.as_file(), tmp.path()) {
            return Ok(tmp);
        }
    }
    Err(io::Error::other(format!(
        "every temporary file made in {} was deleted at once",
        dir.display()
    )))
}

/// Deletes from `dir` the [`locked_temp`] files with `prefix` whose owner is gone: one
/// killed (SIGKILL, power loss) before it could delete its own. Only a regular file named
/// exactly `PREFIX` + six letters or digits, with no other hard link, owned by the owner
/// of `mine` (a temporary file of this run) and locked by no one is deleted, and only
/// while this run holds its lock. Best effort: what cannot be judged or deleted stays.
pub fn remove_stale_temps(dir: &Path, prefix: &str, mine: &File) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let Ok(me) = mine.metadata() else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let ours = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .is_some_and(|r| {
                r.len() == TEMP_RANDOM_LEN && r.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if ours {
            remove_if_stale(&entry.path(), &me);
        }
    }
}

#[cfg(unix)]
fn remove_if_stale(path: &Path, me: &Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return;
    };
    if !meta.file_type().is_file() || meta.uid() != me.uid() || meta.nlink() != 1 {
        return;
    }
    let Ok(file) = open_nonblocking(path) else {
        return;
    };
    // The lock is held until `file` closes, so the owner cannot take it in between; and
    // the file checked is the one at the path, not one a link or rename put there since.
    if file.try_lock().is_ok() && same_entry(&file, path) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(not(unix))]
fn remove_if_stale(_: &Path, _: &Metadata) {
    // Without owners and inode numbers to compare, nothing is judged stale.
}

/// Whether the open `file` is what `path` names itself, without following a link there.
#[cfg(unix)]
fn same_entry(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_entry(_: &File, _: &Path) -> bool {
    // Elsewhere no run deletes another's temporary file (`remove_if_stale` is Unix only).
    true
}

/// One step an interrupted run must take back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// Delete a file privreg created.
    RemoveFile(PathBuf),
    /// Delete a directory privreg created.
    RemoveDir(PathBuf),
    /// Move the old output at `aside` back to `dir` if `dir` is missing; if something
    /// else is there now, leave both for the next run's recovery to judge.
    Restore {
        /// Where the old output was moved.
        aside: PathBuf,
        /// Where it belongs.
        dir: PathBuf,
    },
}

impl Undo {
    fn run(&self) {
        match self {
            Undo::RemoveFile(path) => {
                let _ = std::fs::remove_file(path);
            }
            Undo::RemoveDir(path) => {
                let _ = remove_tree(path);
            }
            Undo::Restore { aside, dir } => {
                if missing(dir) {
                    let _ = std::fs::rename(aside, dir);
                }
            }
        }
    }
}

/// Every unfinished step of this process, by the [`Pending`] that owns it.
static PENDING: Mutex<Vec<(u64, Vec<Undo>)>> = Mutex::new(Vec::new());
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The undo steps of one operation. Dropping it (an error, a panic) takes them back in
/// reverse order; [`Pending::done`] forgets them; [`interrupted`] takes back those of every
/// operation at once.
#[derive(Debug)]
pub struct Pending {
    id: u64,
}

impl Pending {
    /// Starts an operation with nothing to undo yet.
    pub fn new() -> Pending {
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        lock_pending().push((id, Vec::new()));
        Pending { id }
    }

    /// Runs `f` on this operation's undo steps while no signal handler can run them, so a
    /// change on disk and its undo step are recorded together: hold it around a rename.
    pub fn step<T>(&self, f: impl FnOnce(&mut Vec<Undo>) -> T) -> T {
        let mut all = lock_pending();
        match all.iter_mut().find(|(id, _)| *id == self.id) {
            Some((_, steps)) => f(steps),
            None => f(&mut Vec::new()),
        }
    }

    /// Records `undo` as the next step to take back.
    pub fn push(&self, undo: Undo) {
        self.step(|steps| steps.push(undo));
    }

    /// Forgets `undo`: it no longer needs taking back.
    pub fn forget(&self, undo: &Undo) {
        self.step(|steps| steps.retain(|u| u != undo));
    }

    /// The operation succeeded: nothing is taken back.
    pub fn done(self) {
        self.step(Vec::clear);
    }
}

impl Default for Pending {
    fn default() -> Self {
        Pending::new()
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut all = lock_pending();
        if let Some(at) = all.iter().position(|(id, _)| *id == self.id) {
            let (_, steps) = all.remove(at);
            for undo in steps.iter().rev() {
                undo.run();
            }
        }
    }
}

fn lock_pending() -> std::sync::MutexGuard<'static, Vec<(u64, Vec<Undo>)>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Takes back every unfinished step of this process, for a signal handler that ends the
/// process next. It waits for a step in progress (a rename) to finish, and keeps the
/// registry locked afterwards so that no further step starts before the process ends.
pub fn interrupted() {
    let mut all = lock_pending();
    for (_, steps) in all.iter_mut().rev() {
        for undo in steps.drain(..).rev() {
            undo.run();
        }
    }
    std::mem::forget(all);
}

/// Test hook: when `PRIVREG_TEST_STALL` names `point`, says so on stderr and waits for a
/// line on stdin, so that CLI tests can signal, kill or race privreg at an exact step.
/// Debug builds only, which is what the tests run; a release binary has no such hook.
#[doc(hidden)]
pub fn stall(point: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("PRIVREG_TEST_STALL").is_ok_and(|p| p == point) {
        use std::io::Write;
        let _ = writeln!(io::stderr(), "privreg: stalled at {point}");
        let _ = io::stdin().read_line(&mut String::new());
    }
    #[cfg(not(debug_assertions))]
    let _ = point;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_reader_stops_one_byte_past_the_limit() {
        match read_limited(io::repeat(b'x'), 1000, 0) {
            Err(ReadFailure::TooLarge { len: None, head }) => {
                assert_eq!(head.len(), HEAD_BYTES as usize)
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(read_limited(&b"abc"[..], 3, 3).unwrap(), b"abc");
    }

    #[test]
    fn dropping_a_pending_operation_takes_its_steps_back_in_reverse() {
        let dir = tempfile::tempdir().unwrap();
        let (out, aside) = (dir.path().join("out"), dir.path().join("aside"));
        std::fs::create_dir(&aside).unwrap();
        std::fs::write(aside.join("f"), "old").unwrap();
        let staged = dir.path().join("staged");
        std::fs::create_dir(&staged).unwrap();
        let p = Pending::new();
        p.push(Undo::RemoveDir(staged.clone()));
        p.push(Undo::Restore {
            aside: aside.clone(),
            dir: out.clone(),
        });
        drop(p);
        assert!(!staged.exists());
        assert!(!aside.exists());
        assert_eq!(std::fs::read_to_string(out.join("f")).unwrap(), "old");
    }

    #[test]
    fn a_finished_operation_leaves_everything() {
        let dir = tempfile::tempdir().unwrap();
        let p = Pending::new();
        p.push(Undo::RemoveDir(dir.path().to_owned()));
        p.done();
        assert!(dir.path().is_dir());
    }

    #[test]
    fn the_lock_file_is_gone_once_the_lock_ends() {
        let dir = tempfile::tempdir().unwrap();
        let lock = DirLock::acquire(dir.path()).unwrap();
        assert!(lock.path().is_file());
        drop(lock);
        #[cfg(unix)]
        assert!(!dir.path().join(LOCK_FILE).exists());
    }

    #[cfg(unix)]
    #[test]
    fn only_temporary_files_no_one_holds_open_are_stale() {
        let dir = tempfile::tempdir().unwrap();
        let held = locked_temp(dir.path(), ".t-").unwrap();
        let (closed, closed_path) = locked_temp(dir.path(), ".t-").unwrap().keep().unwrap();
        drop(closed);
        let other_prefix = locked_temp(dir.path(), ".u-").unwrap().keep().unwrap().1;
        let mine = locked_temp(dir.path(), ".t-").unwrap();
        remove_stale_temps(dir.path(), ".t-", mine.as_file());
        assert!(held.path().is_file(), "its owner still has it open");
        assert!(mine.path().is_file());
        assert!(!closed_path.exists(), "closed without being deleted: stale");
        assert!(other_prefix.is_file(), "another prefix is not judged");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_to_a_target_that_need_not_exist() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("b", dir.path().join("a")).unwrap();
        std::os::unix::fs::symlink("c", dir.path().join("b")).unwrap();
        assert_eq!(
            resolve_links(&dir.path().join("a")).unwrap(),
            dir.path().join("c")
        );
        std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
        assert!(resolve_links(&dir.path().join("loop")).is_err());
    }
}
