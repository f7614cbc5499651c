//! Writing the output directory atomically, and comparing it with what would be written
//! (`build --check`) as a unified diff.

use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::files;

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// File name inside the output directory.
    pub name: &'static str,
    /// Its contents.
    pub contents: String,
}

/// Replaces the directory `dir` with one holding exactly `files`.
///
/// The files are written into a temporary directory beside `dir` and renamed into place,
/// so readers see the old complete output or the new complete output, never a mix. One
/// window remains: a directory cannot be renamed over a non-empty one, so an existing
/// `dir` is first renamed aside and the new one renamed in; between those two renames
/// `dir` does not exist. Should the second rename fail, the old directory is put back.
pub fn write_atomic(dir: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let write_err = |path: &Path| {
        let path = path.to_owned();
        move |source| Error::Write { path, source }
    };
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(write_err(&parent))?;
    if dir.is_dir() {
        refuse_foreign_files(dir, files)?;
    } else if dir.exists() {
        return Err(Error::Write {
            path: dir.to_owned(),
            source: io::Error::other("the output path exists and is not a directory"),
        });
    }
    let staging = tempfile::Builder::new()
        .prefix(".privreg-new-")
        .tempdir_in(&parent)
        .map_err(write_err(&parent))?;
    for f in files {
        let path = staging.path().join(f.name);
        std::fs::write(&path, &f.contents).map_err(write_err(&path))?;
    }
    set_public_permissions(staging.path(), dir).map_err(write_err(dir))?;
    if dir.exists() {
        let aside = tempfile::Builder::new()
            .prefix(".privreg-old-")
            .tempdir_in(&parent)
            .map_err(write_err(&parent))?;
        let old = aside.path().join("output");
        std::fs::rename(dir, &old).map_err(write_err(dir))?;
        if let Err(source) = std::fs::rename(staging.path(), dir) {
            let _ = std::fs::rename(&old, dir);
            return Err(Error::Write {
                path: dir.to_owned(),
                source,
            });
        }
        // The staging path is gone now; forgetting it stops its drop from failing quietly.
        let _ = staging.keep();
        drop(aside);
    } else {
        // Renamed before `keep`, so a failed rename still lets the drop clean up.
        std::fs::rename(staging.path(), dir).map_err(write_err(dir))?;
        let _ = staging.keep();
    }
    Ok(())
}

/// Compares `files` with the contents of `dir`. Returns a unified diff of every stale or
/// missing file, `None` when all are current. `shown` is how the directory is named in
/// the `---` headers.
pub fn stale_diff(dir: &Path, shown: &str, files: &[OutputFile]) -> Result<Option<String>, Error> {
    let mut out = String::new();
    for f in files {
        let path = dir.join(f.name);
        let old_name = format!("{}/{}", shown.trim_end_matches('/'), f.name);
        // Whatever sits there is read only if it is a regular file, and never much past the
        // size of what would replace it: more than that is stale without a diff.
        let limit = (f.contents.len() as u64).saturating_mul(2).max(1 << 20);
        let old = match files::read_regular(&path, limit) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(files::ReadFailure::Io(e)) if e.kind() == io::ErrorKind::NotFound => String::new(),
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
        if let Some(d) = unified_diff(&old, &f.contents, &old_name, "generated") {
            out.push_str(&d);
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
/// there by hand, or a whole project when `output` points at the wrong directory.
fn refuse_foreign_files(dir: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_owned(),
        source,
    })?;
    let mut foreign: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !files.iter().any(|f| f.name == n))
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
