//! Where a project's files are read from: the disk ([`Disk`]), or a git revision
//! (`git::Revision`, for `privreg diff`). The loader (`project.rs`) asks a [`Tree`] for
//! everything it reads, so a revision is checked from memory, as it is stored, without
//! being extracted anywhere.
//!
//! Paths are the ones the loader builds: the project root joined with a relative path.

use std::io;
use std::path::{Path, PathBuf};

use crate::files::{self, ReadFailure};

/// What is at a path, symbolic links followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Nothing, not even a broken link.
    Missing,
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// Anything else, said in words: "a FIFO (named pipe)", "a symbolic link to a missing
    /// file".
    Other(&'static str),
}

/// A tree of files the loader reads a project from.
pub trait Tree: Sync {
    /// What is at `path`, links followed; a link that leads nowhere is [`Kind::Other`].
    fn kind(&self, path: &Path) -> Kind;

    /// The paths of the entries of the directory `dir` (`dir` joined with each name), in
    /// any order.
    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>>;

    /// The regular file at `path`, links followed, at most `limit` bytes: as
    /// [`files::read_regular`] reads one from disk.
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadFailure>;

    /// `path` with its links resolved, for the check that a template lies inside the
    /// templates directory. A tree that resolves links only within itself returns the path.
    fn canonical(&self, path: &Path) -> io::Result<PathBuf>;

    /// Whether anything is at `path`, a broken link too.
    fn exists(&self, path: &Path) -> bool {
        self.kind(path) != Kind::Missing
    }

    /// Whether `path` is a directory (links followed): `kind(path) == Kind::Dir`, which a
    /// tree may answer with fewer questions to the file system.
    fn is_dir(&self, path: &Path) -> bool {
        self.kind(path) == Kind::Dir
    }
}

/// The files on disk.
#[derive(Debug, Clone, Copy, Default)]
pub struct Disk;

impl Tree for Disk {
    fn kind(&self, path: &Path) -> Kind {
        if files::missing(path) {
            return Kind::Missing;
        }
        if path.is_dir() {
            return Kind::Dir;
        }
        match files::kind(path) {
            Ok(None) => Kind::File,
            Ok(Some(what)) | Err(ReadFailure::NotRegular(what)) => Kind::Other(what),
            Err(_) => Kind::Other("a file privreg cannot inspect"),
        }
    }

    // One `stat` where `kind` asks three: a project lists every register file.
    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        std::fs::read_dir(dir)?
            .map(|entry| entry.map(|e| e.path()))
            .collect()
    }

    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadFailure> {
        files::read_regular(path, limit)
    }

    fn canonical(&self, path: &Path) -> io::Result<PathBuf> {
        path.canonicalize()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_disk_tells_files_directories_and_nothing_apart() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "id: a\n").unwrap();
        assert_eq!(Disk.kind(&dir.path().join("a.yaml")), Kind::File);
        assert_eq!(Disk.kind(dir.path()), Kind::Dir);
        assert_eq!(Disk.kind(&dir.path().join("b.yaml")), Kind::Missing);
        for path in [
            dir.path().join("a.yaml"),
            dir.path().to_owned(),
            dir.path().join("b.yaml"),
        ] {
            assert_eq!(
                Disk.is_dir(&path),
                Disk.kind(&path) == Kind::Dir,
                "{path:?}"
            );
        }
        assert_eq!(Disk.list(dir.path()).unwrap(), [dir.path().join("a.yaml")]);
        assert_eq!(
            Disk.read(&dir.path().join("a.yaml"), 100).unwrap(),
            b"id: a\n"
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("nowhere", dir.path().join("c.yaml")).unwrap();
            let c = dir.path().join("c.yaml");
            assert_eq!(
                Disk.kind(&c),
                Kind::Other("a symbolic link to a missing file")
            );
            assert!(Disk.exists(&c), "a broken link is something");
            assert!(!Disk.is_dir(&c));
            // A link to a directory is one, as `kind` says.
            std::os::unix::fs::symlink(dir.path(), dir.path().join("d")).unwrap();
            let d = dir.path().join("d");
            assert_eq!(Disk.kind(&d), Kind::Dir);
            assert!(Disk.is_dir(&d));
        }
    }
}
