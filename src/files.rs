//! Files on disk, read with care: only regular files are read, and never more than a
//! limit.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

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
}
