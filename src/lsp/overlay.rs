//! The project as the editor shows it: the open documents' unsaved text over the disk.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::files::ReadFailure;
/// Paths as the loader joins them (`registers: ./registers`), compared without the disk.
pub use crate::paths::normalize;
use crate::tree::{Disk, Kind, Tree};

/// Open documents by their path ([`normalize`]d), read in place of the files on disk.
#[derive(Debug, Default)]
pub struct Overlay<'a> {
    docs: BTreeMap<PathBuf, &'a str>,
}

impl<'a> Overlay<'a> {
    /// Reads `text` at `path` instead of the file there, if any.
    pub fn insert(&mut self, path: &Path, text: &'a str) {
        self.docs.insert(normalize(path), text);
    }

    fn get(&self, path: &Path) -> Option<&'a str> {
        self.docs.get(&normalize(path)).copied()
    }
}

impl Tree for Overlay<'_> {
    fn kind(&self, path: &Path) -> Kind {
        match self.get(path) {
            Some(_) => Kind::File,
            None => Disk.kind(path),
        }
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let dir_key = normalize(dir);
        // A new document not yet saved belongs to its directory too.
        let unsaved = self
            .docs
            .keys()
            .filter(|p| p.parent() == Some(dir_key.as_path()) && !p.exists())
            .filter_map(|p| Some(dir.join(p.file_name()?)));
        let mut entries = match Disk.list(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let unsaved: Vec<PathBuf> = unsaved.collect();
                return if unsaved.is_empty() {
                    Err(e)
                } else {
                    Ok(unsaved)
                };
            }
            Err(e) => return Err(e),
        };
        entries.extend(unsaved);
        Ok(entries)
    }

    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadFailure> {
        let Some(text) = self.get(path) else {
            return Disk.read(path, limit);
        };
        if text.len() as u64 > limit {
            // Only the first line is ever shown of a file over the limit.
            let head = text
                .as_bytes()
                .iter()
                .take(4096)
                .take_while(|&&b| b != b'\n');
            return Err(ReadFailure::TooLarge {
                len: Some(text.len() as u64),
                head: head.copied().collect(),
            });
        }
        Ok(text.as_bytes().to_vec())
    }

    fn canonical(&self, path: &Path) -> io::Result<PathBuf> {
        match self.get(path) {
            Some(_) if !path.exists() => Ok(normalize(path)),
            _ => Disk.canonical(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_document_is_read_instead_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.yaml");
        std::fs::write(&a, "disk").unwrap();
        let mut overlay = Overlay::default();
        overlay.insert(&a, "buffer");
        let via = dir.path().join("./x/../a.yaml");
        assert_eq!(overlay.read(&via, 100).unwrap(), b"buffer");
        assert!(matches!(
            overlay.read(&a, 3),
            Err(ReadFailure::TooLarge { len: Some(6), .. })
        ));
        let b = dir.path().join("b.yaml");
        overlay.insert(&b, "new");
        let mut listed = overlay.list(dir.path()).unwrap();
        listed.sort();
        assert_eq!(listed, [a, b.clone()]);
        assert_eq!(overlay.kind(&b), Kind::File);
    }
}
