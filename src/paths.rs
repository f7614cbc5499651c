//! How paths are shown: relative to the current directory for people, relative to the
//! repository root for code scanning and annotations (docs/output.md, "Paths").

use std::path::{Component, Path, PathBuf};

/// The nearest directory from `dir` upward that holds `.git` (a directory, or the file of
/// a worktree or submodule): the root of the repository `dir` is in.
pub fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| std::fs::symlink_metadata(d.join(".git")).is_ok())
        .map(Path::to_owned)
}

/// `path` (relative to `cwd`, or absolute) as shown from the directory `base`, both
/// absolute: relative to `base`, with `..` steps where the two part below the file system
/// root, else absolute; `/`-separated.
///
/// Symbolic links in the path as given are kept where the path is already under `base`
/// (a linked `registers/` stays `registers/`); otherwise the path's directory is resolved
/// first, so that a project reached through a linked temporary directory is still seen
/// inside the current directory, which the system reports resolved.
pub fn shown_from(cwd: &Path, base: &Path, path: &Path) -> String {
    shown_from_in(cwd, base, path, &Canonical::default())
}

/// [`shown_from`], the file system asked through `canonical`: a report names a thousand
/// files of one directory, and resolving it for each was 5 system calls a file.
pub fn shown_from_in(cwd: &Path, base: &Path, path: &Path, canonical: &Canonical) -> String {
    let absolute = normalize(&cwd.join(path));
    let shown = match absolute.strip_prefix(base) {
        Ok(rel) => slashed(rel),
        Err(_) => {
            let resolved = absolute
                .file_name()
                .and_then(|name| Some(canonical.of(absolute.parent()?)?.join(name)));
            let base = canonical.of(base).unwrap_or_else(|| base.to_owned());
            let target = resolved.as_deref().unwrap_or(&absolute);
            slashed(&climb(&base, target).unwrap_or(absolute))
        }
    };
    if shown.is_empty() {
        ".".to_owned()
    } else {
        shown
    }
}

/// Paths with their links resolved, each asked of the file system once.
#[derive(Debug, Default)]
pub struct Canonical(std::cell::RefCell<std::collections::HashMap<PathBuf, Option<PathBuf>>>);

impl Canonical {
    /// `path` canonicalized, if it exists.
    pub fn of(&self, path: &Path) -> Option<PathBuf> {
        if let Some(known) = self.0.borrow().get(path) {
            return known.clone();
        }
        let found = path.canonicalize().ok();
        self.0.borrow_mut().insert(path.to_owned(), found.clone());
        found
    }
}

/// `path` with `.` dropped and each `..` taking back the component before it, without
/// asking the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `target` relative to `base` with `..` steps, if they share a directory below the file
/// system root (going up to `/` and down again says less than the absolute path).
fn climb(base: &Path, target: &Path) -> Option<PathBuf> {
    if let Ok(rel) = target.strip_prefix(base) {
        return Some(rel.to_owned());
    }
    let common = base
        .components()
        .zip(target.components())
        .take_while(|(a, b)| a == b)
        .count();
    let below_root = base
        .components()
        .take(common)
        .filter(|c| matches!(c, Component::Normal(_)))
        .count();
    if below_root == 0 {
        return None;
    }
    let mut rel = PathBuf::new();
    for _ in base.components().skip(common) {
        rel.push("..");
    }
    for c in target.components().skip(common) {
        rel.push(c);
    }
    Some(rel)
}

/// The path `/`-separated, as privreg shows every path.
pub fn slashed(path: &Path) -> String {
    let rel = path
        .components()
        .filter(|c| !matches!(c, Component::RootDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if path.has_root() {
        format!("/{rel}")
    } else {
        rel
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(cwd: &str, base: &str, path: &str) -> String {
        shown_from(Path::new(cwd), Path::new(base), Path::new(path))
    }

    #[test]
    fn a_path_under_the_base_is_shown_below_it() {
        assert_eq!(shown("/p", "/p", "registers/a.yaml"), "registers/a.yaml");
        assert_eq!(shown("/p", "/p", "./registers/a.yaml"), "registers/a.yaml");
        assert_eq!(shown("/p/registers", "/p/registers", "a.yaml"), "a.yaml");
        assert_eq!(
            shown("/p/registers", "/p/registers", "../registers/a.yaml"),
            "a.yaml"
        );
        assert_eq!(shown("/x", "/p", "/p/registers/a.yaml"), "registers/a.yaml");
        assert_eq!(shown("/p", "/p", "."), ".");
    }

    #[test]
    fn a_path_beside_the_base_climbs_to_the_directory_they_share() {
        assert_eq!(
            shown("/p/registers", "/p/registers", "../privreg.yaml"),
            "../privreg.yaml"
        );
        assert_eq!(
            shown("/repo/site/policy", "/repo", "registers/a.yaml"),
            "site/policy/registers/a.yaml"
        );
        assert_eq!(shown("/a/b", "/a/c", "x.md"), "../b/x.md");
    }

    #[test]
    fn a_path_sharing_only_the_file_system_root_stays_absolute() {
        assert_eq!(shown("/home/u", "/home/u", "/tmp/x.md"), "/tmp/x.md");
    }

    #[test]
    fn normalizing_takes_back_each_component_a_parent_step_follows() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), Path::new("/a/c"));
        assert_eq!(normalize(Path::new("../a")), Path::new("../a"));
    }

    #[test]
    fn the_repository_root_is_the_nearest_directory_holding_git() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("site/policy/registers");
        std::fs::create_dir_all(&nested).unwrap();
        // Without a `.git` of its own, the answer is whatever holds the temporary directory.
        assert_eq!(repository_root(&nested), repository_root(dir.path()));
        std::fs::write(dir.path().join("site/.git"), "gitdir: elsewhere\n").unwrap();
        assert_eq!(
            repository_root(&nested).as_deref(),
            Some(dir.path().join("site").as_path())
        );
    }
}
