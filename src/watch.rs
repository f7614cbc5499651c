//! Watching a project for changes, for `privreg build --watch`: which files count, which
//! directories are watched, and how a burst of events becomes one rebuild. It returns the
//! changed paths; the binary rebuilds and reports (docs/design.md, "Watch").

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::error::Error;
use crate::files;
use crate::paths;
use crate::project::{self, CONFIG_FILE, TEMPLATES_DIR};

/// How long no event that counts must arrive before a burst is over: an editor's save (a
/// temporary file, a rename, a change of mode) takes a few milliseconds.
pub const QUIET: Duration = Duration::from_millis(100);
/// The longest a burst is gathered, so that a file written without pause still rebuilds.
pub const MAX_BURST: Duration = Duration::from_secs(1);

/// What changed since the last build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// The changed files and directories that count, sorted, each once.
    pub paths: Vec<PathBuf>,
    /// The system dropped events (its queue overflowed): anything may have changed.
    pub lost: bool,
}

/// The files a build reads and the directories it writes, as absolute paths: what
/// [`Targets::counts`] judges an event's path by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Targets {
    /// The project root, with its links resolved.
    pub root: PathBuf,
    /// `privreg.yaml`.
    pub config: PathBuf,
    /// The registers directory, as configured.
    pub registers: PathBuf,
    /// The templates directory, as named and, when it is a link, where it leads.
    pub templates: Vec<PathBuf>,
    /// The output directory, as named and, when it is a link, where it leads.
    pub output: Vec<PathBuf>,
}

impl Targets {
    /// The targets of the project at `root` (resolved), reading its `privreg.yaml` for the
    /// registers and output directories; `out` is `--out`, relative to `cwd`.
    pub fn of(root: &Path, cwd: &Path, out: Option<&Path>) -> Targets {
        let (_, settings) =
            project::load_config(root, &mut Vec::new(), &mut Vec::new()).unwrap_or_default();
        let output = match out {
            Some(out) => paths::normalize(&cwd.join(out)),
            None => paths::normalize(&root.join(&settings.output)),
        };
        let templates = paths::normalize(&root.join(TEMPLATES_DIR));
        Targets {
            root: root.to_owned(),
            config: root.join(CONFIG_FILE),
            registers: paths::normalize(&root.join(&settings.registers)),
            templates: with_target(templates),
            output: with_target(output),
        }
    }

    /// Whether a change at `path` can change what a build reads: `privreg.yaml`, a
    /// `.yaml`/`.yml` file of the registers directory, anything in the templates directory,
    /// or a directory on the way to either. Nothing in the output directory counts, nor
    /// privreg's own temporary files (`.privreg-*`, `.privreg.lock`), which a build writes:
    /// the watch would rebuild forever.
    pub fn counts(&self, path: &Path) -> bool {
        let own = path
            .strip_prefix(&self.root)
            .unwrap_or(path)
            .components()
            .any(|c| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with(".privreg")));
        if own || self.output.iter().any(|o| path.starts_with(o)) {
            return false;
        }
        let yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        path == self.config
            || (yaml && path.parent() == Some(self.registers.as_path()))
            || self.templates.iter().any(|t| path.starts_with(t))
            || std::iter::once(&self.registers)
                .chain(&self.templates)
                .any(|t| t.starts_with(path) && !self.root.starts_with(path))
    }

    /// The directories to watch, and whether with all they hold: the root (for
    /// `privreg.yaml` and directories made or removed there), the registers directory or,
    /// while it is missing, the nearest directory above it, and the templates directory
    /// with its subdirectories.
    fn watched(&self) -> BTreeMap<PathBuf, bool> {
        let mut dirs = BTreeMap::new();
        dirs.insert(self.root.clone(), false);
        if let Some(dir) = self.registers.ancestors().find(|d| d.is_dir()) {
            dirs.entry(dir.to_owned()).or_insert(false);
        }
        if let Some(real) = self.templates.last().filter(|t| t.is_dir()) {
            dirs.insert(real.clone(), true);
        }
        dirs
    }
}

/// `path`, and where it leads when it is a symbolic link.
fn with_target(path: PathBuf) -> Vec<PathBuf> {
    let real = files::resolve_links(&path)
        .ok()
        .map(|p| paths::normalize(&p))
        .filter(|p| *p != path);
    std::iter::once(path).chain(real).collect()
}

/// A running watch of one project.
pub struct Watch {
    watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    cwd: PathBuf,
    out: Option<PathBuf>,
    targets: Targets,
    /// Each watched directory: recursively or not, and which directory it was.
    watching: BTreeMap<PathBuf, (bool, Option<(u64, u64)>)>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("targets", &self.targets)
            .field("watching", &self.watching)
            .finish_non_exhaustive()
    }
}

impl Watch {
    /// Starts watching the project at `root` (relative to `cwd`), whose output goes to
    /// `out` (`--out`, relative to `cwd`) or to its configured `output`. Changes are
    /// collected from now on, so a build that follows misses none.
    pub fn new(root: &Path, cwd: &Path, out: Option<&Path>) -> Result<Watch, Error> {
        let root = cwd.join(root);
        let root = root.canonicalize().map_err(|source| Error::Read {
            path: root.clone(),
            source,
        })?;
        let (tx, events) = std::sync::mpsc::channel();
        let watcher = notify::recommended_watcher(tx).map_err(|e| watch_error(&root, e))?;
        let mut watch = Watch {
            watcher,
            events,
            cwd: cwd.to_owned(),
            out: out.map(Path::to_owned),
            targets: Targets::of(&root, cwd, out),
            watching: BTreeMap::new(),
        };
        watch
            .watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(&root, e))?;
        watch
            .watching
            .insert(root.clone(), (false, identity(&root)));
        watch.sync();
        Ok(watch)
    }

    /// What is watched and what counts.
    pub fn targets(&self) -> &Targets {
        &self.targets
    }

    /// Waits for a change that counts, then gathers the events that follow until none
    /// has come for [`QUIET`] (or [`MAX_BURST`] has passed), so that a burst of events
    /// becomes one rebuild. Before returning it watches what the project now names (a new
    /// `registers:`, a templates directory made), so a build that follows misses nothing.
    pub fn wait(&mut self) -> Result<Changes, Error> {
        let mut changes = Changes::default();
        let targets = self.targets.clone();
        let stopped = gather(
            &self.events,
            |event| take(&targets, event, &mut changes),
            QUIET,
            MAX_BURST,
        );
        if stopped && changes.paths.is_empty() && !changes.lost {
            return Err(watch_error(
                &self.targets.root,
                notify::Error::generic("the file watcher stopped"),
            ));
        }
        changes.paths.sort();
        changes.paths.dedup();
        self.targets = Targets::of(&self.targets.root, &self.cwd, self.out.as_deref());
        self.sync();
        Ok(changes)
    }

    /// Watches the directories of [`Targets::watched`], and no others; a directory
    /// removed and made again is watched anew. Best effort: a directory that vanishes
    /// meanwhile is watched once it is back, through the directory above it.
    fn sync(&mut self) {
        let wanted = self.targets.watched();
        let gone: Vec<PathBuf> = self
            .watching
            .iter()
            .filter(|(dir, (recursive, id))| {
                wanted.get(*dir) != Some(recursive) || identity(dir) != *id
            })
            .map(|(dir, _)| dir.clone())
            .collect();
        for dir in gone {
            let _ = self.watcher.unwatch(&dir);
            self.watching.remove(&dir);
        }
        for (dir, recursive) in wanted {
            if self.watching.contains_key(&dir) {
                continue;
            }
            let mode = if recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            if self.watcher.watch(&dir, mode).is_ok() {
                let id = identity(&dir);
                self.watching.insert(dir, (recursive, id));
            }
        }
    }
}

/// Adds what `event` says to `changes`; whether it counted.
fn take(targets: &Targets, event: notify::Result<notify::Event>, changes: &mut Changes) -> bool {
    let event = match event {
        Ok(event) => event,
        // An error of the watcher: whatever it missed may have changed.
        Err(_) => {
            changes.lost = true;
            return true;
        }
    };
    if event.need_rescan() {
        changes.lost = true;
        return true;
    }
    // A build opens and reads the files it watches; only writes count.
    let writes = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    let mut counted = false;
    for path in event.paths {
        if writes && targets.counts(&path) {
            changes.paths.push(path);
            counted = true;
        }
    }
    counted
}

/// Receives from `events`, blocking until `take` accepts one, then until none has been
/// accepted for `quiet` or `max` has passed since the first. Whether the sender is gone.
pub fn gather<T>(
    events: &Receiver<T>,
    mut take: impl FnMut(T) -> bool,
    quiet: Duration,
    max: Duration,
) -> bool {
    loop {
        let Ok(event) = events.recv() else {
            return true;
        };
        if take(event) {
            break;
        }
    }
    let first = Instant::now();
    let mut last = first;
    loop {
        let deadline = (last + quiet).min(first + max);
        let Some(wait) = deadline.checked_duration_since(Instant::now()) else {
            return false;
        };
        match events.recv_timeout(wait) {
            Ok(event) => {
                if take(event) {
                    last = Instant::now();
                }
            }
            Err(RecvTimeoutError::Timeout) => return false,
            Err(RecvTimeoutError::Disconnected) => return true,
        }
    }
}

/// Which directory `dir` is (device and inode), to notice one removed and made again.
#[cfg(unix)]
fn identity(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Path) -> Option<(u64, u64)> {
    None
}

fn watch_error(path: &Path, e: notify::Error) -> Error {
    let hint = match e.kind {
        notify::ErrorKind::MaxFilesWatch => {
            "; raise the limit (on Linux: sysctl fs.inotify.max_user_watches)"
        }
        _ => "",
    };
    Error::Read {
        path: path.to_owned(),
        source: std::io::Error::other(format!("cannot watch it for changes: {e}{hint}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> Targets {
        let root = PathBuf::from("/p");
        Targets {
            config: root.join("privreg.yaml"),
            registers: root.join("registers"),
            templates: vec![root.join("templates"), root.join("own-templates")],
            output: vec![root.join("dist")],
            root,
        }
    }

    #[test]
    fn what_a_build_reads_counts() {
        let t = targets();
        for path in [
            "/p/privreg.yaml",
            "/p/registers/10-1-slack.yaml",
            "/p/registers/a.yml",
            "/p/registers",
            "/p/templates",
            "/p/templates/section.md",
            "/p/templates/de/chapter.md",
            "/p/own-templates/section.md",
        ] {
            assert!(t.counts(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn output_own_files_and_other_files_do_not_count() {
        let t = targets();
        for path in [
            "/p/dist",
            "/p/dist/privacy-policy.md",
            "/p/.privreg-new-Ab12Cd.dist",
            "/p/.privreg-new-Ab12Cd.dist/privacy-policy.md",
            "/p/.privreg-old-Ab12Cd.dist",
            "/p/.privreg.lock",
            "/p/registers/.privreg-fix-Ab12Cd",
            "/p/registers/10-1-slack.yaml~",
            "/p/registers/.10-1-slack.yaml.swp",
            "/p/registers/4913",
            "/p/registers/drafts/a.yaml",
            "/p/README.md",
            "/p",
            "/",
        ] {
            assert!(!t.counts(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn a_directory_on_the_way_to_the_registers_counts() {
        let mut t = targets();
        t.registers = PathBuf::from("/p/policy/registers");
        assert!(t.counts(Path::new("/p/policy")));
        assert!(t.counts(Path::new("/p/policy/registers/a.yaml")));
        assert!(!t.counts(Path::new("/p/policy/notes.yaml")));
    }

    fn event(kind: EventKind, path: &str) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(PathBuf::from(path)))
    }

    #[test]
    fn reading_does_not_count_writing_does() {
        use notify::event::{CreateKind, ModifyKind};
        let t = targets();
        let mut changes = Changes::default();
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(!take(&t, event(open, "/p/privreg.yaml"), &mut changes));
        assert!(!take(&t, event(read, "/p/privreg.yaml"), &mut changes));
        let written = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(take(&t, event(written, "/p/privreg.yaml"), &mut changes));
        let modified = EventKind::Modify(ModifyKind::Any);
        assert!(take(
            &t,
            event(modified, "/p/registers/a.yaml"),
            &mut changes
        ));
        let created = EventKind::Create(CreateKind::File);
        assert!(!take(&t, event(created, "/p/dist/x.md"), &mut changes));
        assert_eq!(
            changes.paths,
            [
                PathBuf::from("/p/privreg.yaml"),
                PathBuf::from("/p/registers/a.yaml")
            ]
        );
        assert!(!changes.lost);
        let overflow = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert!(take(&t, Ok(overflow), &mut changes));
        assert!(changes.lost);
    }

    #[test]
    fn a_burst_already_queued_is_gathered_at_once() {
        let (tx, rx) = std::sync::mpsc::channel();
        for n in [1, 2, 3, 4, 5] {
            tx.send(n).unwrap();
        }
        let mut taken = Vec::new();
        // Odd numbers count; the first even one is passed over while waiting.
        let stopped = gather(
            &rx,
            |n| {
                taken.push(n);
                n % 2 == 1
            },
            Duration::from_millis(20),
            Duration::from_secs(60),
        );
        assert!(!stopped, "the sender is still there");
        assert_eq!(taken, [1, 2, 3, 4, 5]);
        tx.send(6).unwrap();
        tx.send(7).unwrap();
        drop(tx);
        let mut taken = Vec::new();
        let stopped = gather(
            &rx,
            |n| {
                taken.push(n);
                n % 2 == 1
            },
            Duration::from_secs(60),
            Duration::from_secs(60),
        );
        assert!(stopped, "the sender is gone: no wait for quiet");
        assert_eq!(taken, [6, 7]);
    }
}
