//! Discovery and loading of a project: `privreg.yaml` and the files in `registers/`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::citations::Extracted;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::files::ReadFailure;
use crate::load::{self, FromNode, LoadCx, Node};
use crate::model::{Config, Section};
use crate::source::SourceFile;
use crate::tree::{Disk, Kind, Tree};

/// The configuration file's name at the project root.
pub const CONFIG_FILE: &str = "privreg.yaml";

/// The directory of a project's own templates, which override the embedded ones by name.
pub const TEMPLATES_DIR: &str = "templates";

/// A register file that loaded into a section.
#[derive(Debug)]
pub struct LoadedSection {
    /// The file.
    pub file: Arc<SourceFile>,
    /// Its contents.
    pub section: Section,
}

/// A loaded project: settings, sections and the problems met while loading.
#[derive(Debug)]
pub struct Project {
    /// The project root.
    pub root: PathBuf,
    /// `privreg.yaml` as text, if present.
    pub config_file: Option<Arc<SourceFile>>,
    /// The settings (defaults where the file is absent or broken).
    pub config: Settings,
    /// Register files, sorted by path; only those that loaded.
    pub sections: Vec<LoadedSection>,
    /// Every register file read, loaded or not (for citation linting of free text).
    pub files: Vec<Arc<SourceFile>>,
    /// The prose (free-text values) of every file that parsed as YAML, config and
    /// registers, for the citation linter; empty when [`LoadOptions::prose_check`] checked
    /// it while loading. Kept instead of the trees, which are dropped as soon as each file
    /// is mapped: at 10,000 sections their memory costs more than time.
    pub prose: Vec<(Arc<SourceFile>, Extracted<'static>)>,
    /// What [`LoadOptions::prose_check`] found, config first, then registers by path.
    pub prose_findings: Vec<Diagnostic>,
    /// Structural problems found while loading.
    pub diagnostics: Vec<Diagnostic>,
}

impl Project {
    /// The sections in the order every output states them: by `order`, then `id`, so
    /// file names never matter.
    pub fn sections_in_order(&self) -> Vec<&crate::model::Section> {
        let mut sections: Vec<&crate::model::Section> =
            self.sections.iter().map(|s| &s.section).collect();
        sections.sort_by(|a, b| (a.order.value, &a.id.value).cmp(&(b.order.value, &b.id.value)));
        sections
    }
}

/// The effective settings, with defaults applied.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The parsed `privreg.yaml`, if it loaded.
    pub raw: Option<Config>,
    /// Chapter number (default "10").
    pub chapter: String,
    /// Directory of the register files, relative to the root.
    pub registers: String,
    /// Output directory, relative to the root.
    pub output: String,
    /// Whether citations without a law name count as GDPR citations.
    pub implied_gdpr: bool,
    /// The languages the policy is written in, the first the default: `languages` (or
    /// `language`) of privreg.yaml as far as privreg writes them, else English.
    pub languages: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_config(None)
    }
}

impl Settings {
    /// The settings of a parsed `privreg.yaml`, defaults filled in.
    pub fn from_config(raw: Option<Config>) -> Settings {
        let get = |f: fn(&Config) -> Option<&str>, default: &str| {
            raw.as_ref().and_then(f).unwrap_or(default).to_owned()
        };
        Settings {
            chapter: get(|c| c.chapter.as_ref().map(|s| s.value.as_str()), "10"),
            registers: get(
                |c| c.registers.as_ref().map(|s| s.value.as_str()),
                "registers",
            ),
            output: get(|c| c.output.as_ref().map(|s| s.value.as_str()), "dist"),
            implied_gdpr: raw
                .as_ref()
                .and_then(|c| c.implied_gdpr.as_ref())
                .is_none_or(|b| b.value),
            languages: raw.as_ref().map_or_else(
                || vec!["en".to_owned()],
                |c| {
                    languages(
                        c.languages
                            .iter()
                            .chain(&c.language)
                            .map(|l| l.value.as_str()),
                    )
                },
            ),
            raw,
        }
    }
}

/// The languages privreg writes among `written`, in order, without repeats; English
/// where none is one.
fn languages<'a>(written: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in written {
        if crate::model::LANGUAGES.contains(&l) && !out.iter().any(|o| o == l) {
            out.push(l.to_owned());
        }
    }
    if out.is_empty() {
        out.push("en".to_owned());
    }
    out
}

/// The languages `privreg.yaml` names, read from its tree before it is mapped: the
/// config's own texts (its `title`, the controller's address) may be given by language.
fn config_languages(node: &Node) -> Vec<String> {
    let load::Value::Map(entries) = &node.value else {
        return languages(std::iter::empty());
    };
    let mut written = Vec::new();
    for (key, value) in entries {
        match (key.value.as_str(), &value.value) {
            ("languages", load::Value::Seq(items)) => {
                written.extend(items.iter().filter_map(|i| match &i.value {
                    load::Value::Str(s) => Some(s.as_str()),
                    _ => None,
                }));
            }
            ("language", load::Value::Str(s)) => written.push(s.as_str()),
            _ => {}
        }
    }
    languages(written.into_iter())
}

/// How much of a file privreg reads, and what to tell someone whose file is larger.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// The most bytes read.
    pub bytes: u64,
    /// The help of the PRV011 report.
    pub help: &'static str,
}

/// Registers and `privreg.yaml`: [`crate::load::MAX_FILE_BYTES`].
pub const REGISTER_LIMIT: Limit = Limit {
    bytes: crate::load::MAX_FILE_BYTES as u64,
    help: "split the register into one file per policy section",
};

/// A project's own templates: the register limit, as a template is a few kilobytes too.
pub const TEMPLATE_LIMIT: Limit = Limit {
    bytes: crate::load::MAX_FILE_BYTES as u64,
    help: "move parts of the template into templates it includes",
};

/// A user file as read.
#[derive(Debug)]
pub struct UserFile {
    /// The file; when not `complete`, its text is at most its first line, for the report.
    pub file: Arc<SourceFile>,
    /// Why the text cannot be used as it is: PRV001 (not UTF-8: decoded lossily), PRV011
    /// (over the limit: unread) or PRV018 (no regular file: unopened).
    pub problem: Option<Diagnostic>,
    /// Whether `file.text` is the whole file.
    pub complete: bool,
}

/// Reads a user file leniently: a file that is no regular file (PRV018) or larger than
/// `limit` (PRV011) is a diagnostic, not an error, and so is invalid UTF-8 (PRV001, at the
/// first bad byte; the text is decoded lossily so the location can still be shown). Only
/// a file that cannot be read at all (missing, no permission) is an error.
pub fn read_user_file(root: &Path, path: &Path, limit: Limit) -> Result<UserFile, Error> {
    read_user_file_in(&Disk, root, path, limit)
}

/// [`read_user_file`] from `tree`.
pub fn read_user_file_in(
    tree: &dyn Tree,
    root: &Path,
    path: &Path,
    limit: Limit,
) -> Result<UserFile, Error> {
    let name = display_name(root, path);
    let bytes = match tree.read(path, limit.bytes) {
        Ok(bytes) => bytes,
        Err(ReadFailure::Io(source)) => {
            return Err(Error::Read {
                path: path.to_owned(),
                source,
            });
        }
        Err(ReadFailure::NotRegular(what)) => {
            let file = SourceFile::new(name.as_str(), path, String::new());
            let help = if what.starts_with("a symbolic link") {
                "point the link at an existing file, or delete it"
            } else {
                "replace it with a regular file, or delete it"
            };
            let d = Diagnostic::new(
                &crate::catalogue::FILE_UNREADABLE,
                &file,
                0..0,
                format!("this is {what}, not a regular file: privreg does not open it"),
            )
            .help(help);
            return Ok(UserFile {
                file,
                problem: Some(d),
                complete: false,
            });
        }
        Err(ReadFailure::TooLarge { len, head }) => {
            let head = String::from_utf8_lossy(&head);
            // Cut at a line end, and before a character the cut may have split.
            let first = head.split('\n').next().unwrap_or("");
            let first = first.strip_suffix('\u{FFFD}').unwrap_or(first);
            let file = SourceFile::new(name, path, first.to_owned());
            let size = match len {
                Some(len) => format!("file is {len} bytes"),
                None => "file is larger".to_owned(),
            };
            let d = Diagnostic::new(
                &crate::catalogue::FILE_TOO_LARGE,
                &file,
                0..0,
                format!("{size}, over the limit of {} bytes", limit.bytes),
            )
            .help(limit.help);
            return Ok(UserFile {
                file,
                problem: Some(d),
                complete: false,
            });
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(UserFile {
            file: SourceFile::new(name, path, text),
            problem: None,
            complete: true,
        }),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(name, path, text);
            let d = Diagnostic::new(
                &crate::catalogue::YAML_SYNTAX,
                &file,
                offset..offset,
                format!("file is not valid UTF-8: invalid byte at offset {offset}"),
            )
            .help("save the file as UTF-8");
            Ok(UserFile {
                file,
                problem: Some(d),
                complete: true,
            })
        }
    }
}

/// Whether a directory entry is a file privreg should read: anything but a directory
/// (links followed). FIFOs, devices and broken links are kept, so that reading them
/// reports them (PRV018) rather than leaving them out unsaid.
fn listed(tree: &dyn Tree, path: &Path) -> bool {
    !tree.is_dir(path)
}

/// `path` relative to `root`, `/`-separated; the path itself when outside the root.
pub fn display_name(root: &Path, path: &Path) -> String {
    crate::paths::slashed(path.strip_prefix(root).unwrap_or(path))
}

/// The project root for a command run in `cwd` (absolute) without `--root`: the nearest
/// directory from `cwd` upward that holds `privreg.yaml`, searched no higher than the
/// repository root (a directory holding `.git`) or the file system root, as `.`, `..`,
/// `../..` and so on. `None` when there is none: the current directory is then the project,
/// as a project need not have a `privreg.yaml`.
pub fn discover(cwd: &Path) -> Option<PathBuf> {
    let mut up = PathBuf::from(".");
    for dir in cwd.ancestors() {
        // Anything there counts, a broken link too, as in `load_config`.
        if std::fs::symlink_metadata(dir.join(CONFIG_FILE)).is_ok() {
            return Some(up);
        }
        if std::fs::symlink_metadata(dir.join(".git")).is_ok() {
            return None;
        }
        up = if up == Path::new(".") {
            PathBuf::from("..")
        } else {
            up.join("..")
        };
    }
    None
}

/// Checks the prose of one file as soon as it is extracted, on the thread that loaded
/// the file, and returns the findings.
pub type ProseCheck<'a> =
    &'a (dyn Fn(&Settings, &Arc<SourceFile>, &Extracted<'static>) -> Vec<Diagnostic> + Sync);

/// How [`load_with`] loads a project.
#[derive(Clone, Copy)]
pub struct LoadOptions<'a> {
    /// Threads reading, parsing and mapping register files (1: the calling thread alone).
    pub jobs: usize,
    /// Checks each file's prose while it is loaded, so the prose need not be kept: its
    /// alignment to the source is about a fifth of a loaded project's memory.
    pub prose_check: Option<ProseCheck<'a>>,
}

/// Loads `privreg.yaml` (optional) and every `.yaml`/`.yml` file of the registers directory,
/// in sorted order so results never depend on directory listing order; on one thread, the
/// prose kept in [`Project::prose`].
pub fn load(root: &Path) -> Result<Project, Error> {
    load_with(
        root,
        &Disk,
        LoadOptions {
            jobs: 1,
            prose_check: None,
        },
    )
}

/// [`load()`] from `tree`: the disk, or a git revision (`privreg diff`).
pub fn load_in(root: &Path, tree: &dyn Tree) -> Result<Project, Error> {
    load_with(
        root,
        tree,
        LoadOptions {
            jobs: 1,
            prose_check: None,
        },
    )
}

/// One register file, loaded.
struct FileLoad {
    file: Arc<SourceFile>,
    section: Option<Section>,
    diagnostics: Vec<Diagnostic>,
    prose: Option<Extracted<'static>>,
    prose_findings: Vec<Diagnostic>,
}

/// [`load_in`], the register files spread over `opts.jobs` threads; every list in the
/// project is in the order one thread makes it.
pub fn load_with(root: &Path, tree: &dyn Tree, opts: LoadOptions<'_>) -> Result<Project, Error> {
    let mut diagnostics = Vec::new();
    let mut prose = Vec::new();
    let mut prose_findings = Vec::new();
    let (config_file, config) = load_config_in(root, tree, &mut diagnostics, &mut prose)?;
    if let Some(check) = opts.prose_check {
        for (file, extracted) in prose.drain(..) {
            prose_findings.extend(check(&config, &file, &extracted));
        }
    }
    let dir = root.join(&config.registers);
    let entries = match tree.list(&dir) {
        Ok(entries) => entries,
        Err(source) => {
            // A `registers:` the user wrote is located in privreg.yaml, with a suggestion;
            // the default directory missing is the wrong --root, a usage error.
            let written = config.raw.as_ref().and_then(|c| c.registers.clone());
            let (Some(file), Some(value)) = (&config_file, written) else {
                if config_file.is_none() && source.kind() == std::io::ErrorKind::NotFound {
                    return Err(no_project(root));
                }
                return Err(Error::Read { path: dir, source });
            };
            diagnostics.push(registers_unreadable(root, tree, file, &value, &source));
            return Ok(Project {
                root: root.to_owned(),
                config_file,
                config,
                sections: Vec::new(),
                files: Vec::new(),
                prose,
                prose_findings,
                diagnostics,
            });
        }
    };
    let mut paths = Vec::new();
    for path in entries {
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if is_yaml && listed(tree, &path) {
            paths.push(path);
        }
    }
    paths.sort();
    let excludes = config
        .raw
        .as_ref()
        .map(|c| {
            c.exclude
                .iter()
                .map(|e| e.value.clone())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    paths.retain(|path| {
        let name = display_name(root, path);
        !excludes.iter().any(|pat| glob_match(pat, &name))
    });
    let loaded = crate::parallel::map(opts.jobs, &paths, |path| {
        load_register(tree, root, path, &config, opts.prose_check)
    });
    let mut sections = Vec::with_capacity(paths.len());
    let mut files = Vec::with_capacity(paths.len());
    for one in loaded {
        // The first failure in path order, as on one thread.
        let one = one?;
        diagnostics.extend(one.diagnostics);
        prose.extend(one.prose.map(|p| (Arc::clone(&one.file), p)));
        prose_findings.extend(one.prose_findings);
        if let Some(section) = one.section {
            sections.push(LoadedSection {
                file: Arc::clone(&one.file),
                section,
            });
        }
        files.push(one.file);
    }
    if files.is_empty() {
        // Almost always the wrong --root or `registers:`; an empty chapter helps nobody.
        return Err(Error::Usage(format!(
            "no register files (*.yaml, *.yml) in {}{}",
            dir.display(),
            if excludes.is_empty() {
                ""
            } else {
                " that `exclude` leaves"
            }
        )));
    }
    Ok(Project {
        root: root.to_owned(),
        config_file,
        config,
        sections,
        files,
        prose,
        prose_findings,
        diagnostics,
    })
}

/// The usage error of a directory that is no project, saying where privreg looked.
fn no_project(root: &Path) -> Error {
    Error::Usage(format!(
        "no privreg project at {}: it holds neither {CONFIG_FILE} nor a registers/ directory\n  \
         help: run privreg in the project or any directory below it (privreg looks upward for \
         {CONFIG_FILE}, up to the repository root), pass `--root DIR`, or start a project with \
         `privreg init`",
        root.display()
    ))
}

/// Reads, parses and maps one register file; checks its prose with `prose_check`, or
/// keeps it.
fn load_register(
    tree: &dyn Tree,
    root: &Path,
    path: &Path,
    config: &Settings,
    prose_check: Option<ProseCheck<'_>>,
) -> Result<FileLoad, Error> {
    let UserFile { file, problem, .. } = read_user_file_in(tree, root, path, REGISTER_LIMIT)?;
    let mut one = FileLoad {
        file,
        section: None,
        diagnostics: Vec::new(),
        prose: None,
        prose_findings: Vec::new(),
    };
    if let Some(d) = problem {
        one.diagnostics.push(d);
        return Ok(one);
    }
    let mut prose = Vec::new();
    one.section = load_tree::<Section>(
        &one.file,
        &config.languages,
        &mut one.diagnostics,
        &mut prose,
    );
    // One file has at most one prose: none when it did not parse.
    if let Some((file, extracted)) = prose.pop() {
        match prose_check {
            Some(check) => one.prose_findings = check(config, &file, &extracted),
            None => one.prose = Some(extracted),
        }
    }
    Ok(one)
}

/// PRV018 at the `registers:` value of privreg.yaml, with the closest directory there is.
fn registers_unreadable(
    root: &Path,
    tree: &dyn Tree,
    file: &Arc<SourceFile>,
    value: &load::Spanned<String>,
    err: &std::io::Error,
) -> Diagnostic {
    let mut dirs: Vec<String> = tree
        .list(root)
        .into_iter()
        .flatten()
        .filter(|p| tree.kind(p) == Kind::Dir)
        .filter_map(|p| p.file_name()?.to_str().map(str::to_owned))
        .filter(|n| !n.starts_with('.'))
        .collect();
    dirs.sort();
    let mut d = Diagnostic::new(
        &crate::catalogue::FILE_UNREADABLE,
        file,
        value.span.clone(),
        format!(
            "cannot read the registers directory `{}`: {err}",
            value.value
        ),
    )
    .label("registers directory");
    d = match crate::suggest::closest(&value.value, dirs.iter().map(String::as_str)) {
        Some(s) => d.did_you_mean(s),
        None => {
            d.help("name the directory that holds the register files, relative to privreg.yaml")
        }
    };
    d
}

/// The project's templates directory with its links resolved, if there is one. A link
/// taking it outside the project root is an error: templates are published text, and a
/// template could include any file the directory leads to.
pub fn templates_dir(root: &Path) -> Result<Option<PathBuf>, Error> {
    templates_dir_in(root, &Disk)
}

fn templates_dir_in(root: &Path, tree: &dyn Tree) -> Result<Option<PathBuf>, Error> {
    let dir = root.join(TEMPLATES_DIR);
    if tree.kind(&dir) != Kind::Dir {
        return Ok(None);
    }
    let canonical = |path: &Path| {
        tree.canonical(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })
    };
    let (real_root, real_dir) = (canonical(root)?, canonical(&dir)?);
    if !real_dir.starts_with(&real_root) {
        return Err(Error::Template(format!(
            "{TEMPLATES_DIR}/ resolves to {}, outside the project {}; templates are read only \
             from inside the project",
            real_dir.display(),
            real_root.display()
        )));
    }
    Ok(Some(real_dir))
}

/// The file of template `name` in the templates directory `dir` (as [`templates_dir`]
/// returns it), links resolved; `None` when there is no such file. `name` must be a plain
/// relative path, and the file it leads to must lie inside `dir`: a link to
/// `/etc/passwd` would otherwise be published by `{% include %}`.
pub fn template_file(dir: &Path, name: &str) -> Result<Option<PathBuf>, String> {
    let plain = !name.is_empty()
        && !name.starts_with('/')
        && !name.contains(['\\', '\0'])
        && name
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..");
    if !plain {
        return Err(format!(
            "template name `{name}` is not a plain relative path (no empty, `.` or `..` parts, \
             no leading `/`, no `\\`)"
        ));
    }
    inside(&Disk, dir, &dir.join(name), name)
}

/// `path` with its links resolved if it is a file inside `dir`; `None` if it is no file.
fn inside(tree: &dyn Tree, dir: &Path, path: &Path, name: &str) -> Result<Option<PathBuf>, String> {
    if !tree.exists(path) {
        return Ok(None);
    }
    // A dangling link is no template, as before links were checked: the embedded one applies.
    let Ok(real) = tree.canonical(path) else {
        return Ok(None);
    };
    if !real.starts_with(dir) {
        return Err(format!(
            "template `{name}` resolves to {}, outside the templates directory {}; links may \
             only lead to files inside it",
            real.display(),
            dir.display()
        ));
    }
    Ok((tree.kind(&real) == Kind::File).then_some(real))
}

/// The project's own templates (`templates/*`, overriding the embedded ones), sorted, so
/// their literal text is linted like any policy text.
pub fn templates(root: &Path, out: &mut Vec<Diagnostic>) -> Result<Vec<Arc<SourceFile>>, Error> {
    templates_in(root, &Disk, out)
}

/// [`templates`] from `tree`.
pub fn templates_in(
    root: &Path,
    tree: &dyn Tree,
    out: &mut Vec<Diagnostic>,
) -> Result<Vec<Arc<SourceFile>>, Error> {
    let Some(real_dir) = templates_dir_in(root, tree)? else {
        out.extend(templates_not_a_directory(root, tree)?);
        return Ok(Vec::new());
    };
    let dir = root.join(TEMPLATES_DIR);
    let mut paths: Vec<PathBuf> = tree
        .list(&dir)
        .map_err(|source| Error::Read {
            path: dir.clone(),
            source,
        })?
        .into_iter()
        .filter(|p| listed(tree, p))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        inside(tree, &real_dir, &path, &name).map_err(Error::Template)?;
        let read = read_user_file_in(tree, root, &path, TEMPLATE_LIMIT)?;
        out.extend(read.problem);
        files.push(read.file);
    }
    Ok(files)
}

/// PRV018 when something is at `templates` but it is no directory (a file, a FIFO, a link
/// to nothing or a loop): ignoring it would build with the embedded templates unsaid,
/// although someone meant the project to have its own.
fn templates_not_a_directory(root: &Path, tree: &dyn Tree) -> Result<Option<Diagnostic>, Error> {
    let path = root.join(TEMPLATES_DIR);
    let what = match tree.kind(&path) {
        Kind::Missing | Kind::Dir => return Ok(None),
        Kind::File => "a regular file",
        Kind::Other(what) => what,
    };
    let file = SourceFile::new(display_name(root, &path), &path, String::new());
    let help = if what.starts_with("a symbolic link") {
        "point the link at a directory of templates inside the project, or delete it"
    } else {
        "make it a directory holding the project's templates, or delete it"
    };
    Ok(Some(
        Diagnostic::new(
            &crate::catalogue::FILE_UNREADABLE,
            &file,
            0..0,
            format!("this is {what}, not a directory: privreg reads no templates from it"),
        )
        .help(help),
    ))
}

/// Reads `privreg.yaml` if present; its problems go to `out`, its prose to `prose`.
pub fn load_config(
    root: &Path,
    out: &mut Vec<Diagnostic>,
    prose: &mut Vec<(Arc<SourceFile>, Extracted<'static>)>,
) -> Result<(Option<Arc<SourceFile>>, Settings), Error> {
    load_config_in(root, &Disk, out, prose)
}

/// [`load_config`] from `tree`.
pub fn load_config_in(
    root: &Path,
    tree: &dyn Tree,
    out: &mut Vec<Diagnostic>,
    prose: &mut Vec<(Arc<SourceFile>, Extracted<'static>)>,
) -> Result<(Option<Arc<SourceFile>>, Settings), Error> {
    let config_path = root.join(CONFIG_FILE);
    // Anything there counts, a broken link too: a configuration ignored unsaid would build
    // with the defaults.
    if !tree.exists(&config_path) {
        return Ok((None, Settings::default()));
    }
    let UserFile { file, problem, .. } =
        read_user_file_in(tree, root, &config_path, REGISTER_LIMIT)?;
    let raw = match problem {
        Some(d) => {
            out.push(d);
            None
        }
        None => parse_reporting(&file, out).and_then(|node| {
            let languages = config_languages(&node);
            let value = map_node(&file, &node, &languages, out);
            prose.push((
                Arc::clone(&file),
                crate::citations::yaml::prose(&file, &node),
            ));
            value
        }),
    };
    Ok((Some(file), Settings::from_config(raw)))
}

/// `load_file`, keeping the file's prose for the citation linter.
fn load_tree<T: FromNode>(
    file: &Arc<SourceFile>,
    languages: &[String],
    out: &mut Vec<Diagnostic>,
    prose: &mut Vec<(Arc<SourceFile>, Extracted<'static>)>,
) -> Option<T> {
    let node = parse_reporting(file, out)?;
    let value = map_node(file, &node, languages, out);
    prose.push((Arc::clone(file), crate::citations::yaml::prose(file, &node)));
    value
}

/// Parses and maps one file; its structural problems go to `out`.
pub fn load_file<T: FromNode>(file: &Arc<SourceFile>, out: &mut Vec<Diagnostic>) -> Option<T> {
    let node = parse_reporting(file, out)?;
    map_node(file, &node, &[], out)
}

fn parse_reporting(file: &Arc<SourceFile>, out: &mut Vec<Diagnostic>) -> Option<Node> {
    match load::parse(file) {
        Ok(node) => Some(node),
        Err(found) => {
            out.extend(found);
            None
        }
    }
}

fn map_node<T: FromNode>(
    file: &Arc<SourceFile>,
    node: &Node,
    languages: &[String],
    out: &mut Vec<Diagnostic>,
) -> Option<T> {
    if matches!(node.value, load::Value::Null) {
        out.push(
            Diagnostic::new(
                &crate::catalogue::FIELD_EMPTY,
                file,
                0..0,
                "the file holds no YAML value",
            )
            .help(format!("write {} here, or delete the file", T::EXPECTED)),
        );
        return None;
    }
    let mut cx = LoadCx::with_languages(file, languages);
    let value = T::from_node(node, &mut cx);
    out.append(&mut cx.diagnostics);
    value
}

/// Refuses an `output:` of `privreg.yaml` that leads outside the project root: absolute,
/// the root itself, or climbing out with `..`. The path is judged as written; a symbolic
/// link inside the project is followed, as someone made it on purpose. Writing elsewhere
/// is what `--out` on the command line is for, where it is seen.
pub fn output_inside_root(output: &str) -> Result<(), Error> {
    use std::path::Component;
    let mut depth = 0usize;
    let mut inside = true;
    for c in Path::new(output).components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => depth -= 1,
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => inside = false,
        }
    }
    if inside && depth > 0 {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "`output: {output}` in {CONFIG_FILE} is not a directory inside the project: \
         privreg replaces its output directory whole, so it only does that inside the \
         project\n  help: write a relative path such as `output: dist`, or pass \
         `--out DIR` to build elsewhere on purpose"
    )))
}

/// Matches `*` (any run of characters) and `?` (one character) against a whole path.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// `last_updated` from `privreg.yaml`, else `SOURCE_DATE_EPOCH`, else today (UTC).
pub fn judgement_date(project: &Project) -> jiff::civil::Date {
    recorded_date(project).unwrap_or_else(|| utc_date(jiff::Timestamp::now()))
}

/// `last_updated` from `privreg.yaml` when it is a date (PRV013 reports it when not), else
/// `SOURCE_DATE_EPOCH`; never the clock, so the policy can say when it was last updated.
pub fn recorded_date(project: &Project) -> Option<jiff::civil::Date> {
    let written = project
        .config
        .raw
        .as_ref()
        .and_then(|c| c.last_updated.as_ref());
    written
        .and_then(|d| crate::model::parse_date(&d.value).ok())
        .or_else(|| source_date_epoch().ok().flatten())
}

/// The UTC date of `SOURCE_DATE_EPOCH`, `None` when unset or empty (the specification leaves
/// those to the tool); anything but an integer in jiff's range of years is an error.
pub fn source_date_epoch() -> Result<Option<jiff::civil::Date>, Error> {
    let Some(raw) = std::env::var_os("SOURCE_DATE_EPOCH").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    raw.to_str()
        .and_then(|s| s.trim().parse().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .map(|t| Some(utc_date(t)))
        .ok_or_else(|| Error::SourceDateEpoch(raw.to_string_lossy().into_owned()))
}

/// The calendar date in UTC at `t`: the judgement date must not depend on the machine's zone.
fn utc_date(t: jiff::Timestamp) -> jiff::civil::Date {
    jiff::tz::TimeZone::UTC.to_datetime(t).date()
}

#[cfg(test)]
mod tests {
    use super::{glob_match, utc_date};

    #[test]
    fn display_names_are_relative_to_the_root_and_slash_separated() {
        use super::display_name;
        use std::path::Path;
        assert_eq!(
            display_name(Path::new("/p"), Path::new("/p/registers/a.yaml")),
            "registers/a.yaml"
        );
        assert_eq!(
            display_name(Path::new("/p"), Path::new("/elsewhere/x.md")),
            "/elsewhere/x.md"
        );
        assert_eq!(
            display_name(Path::new(""), Path::new("/tmp/out")),
            "/tmp/out"
        );
        assert_eq!(
            display_name(Path::new("."), Path::new("../shared/seed.txt")),
            "../shared/seed.txt"
        );
    }

    #[test]
    fn discovery_finds_the_nearest_config_upward_but_not_above_the_repository() {
        use super::discover;
        use std::path::Path;
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("site");
        let nested = repo.join("policy/registers/drafts");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::create_dir(repo.join(".git")).unwrap();
        assert_eq!(discover(&nested), None, "no privreg.yaml in the repository");
        std::fs::write(dir.path().join("privreg.yaml"), "").unwrap();
        assert_eq!(
            discover(&nested),
            None,
            "one above the repository root is not seen"
        );
        std::fs::write(repo.join("privreg.yaml"), "").unwrap();
        assert_eq!(discover(&nested).unwrap(), Path::new("../../.."));
        std::fs::write(repo.join("policy/privreg.yaml"), "").unwrap();
        assert_eq!(discover(&nested).unwrap(), Path::new("../.."));
        assert_eq!(discover(&repo.join("policy")).unwrap(), Path::new("."));
    }

    #[test]
    fn globs_match_whole_paths() {
        assert!(glob_match(
            "registers/draft-*.yaml",
            "registers/draft-a.yaml"
        ));
        assert!(glob_match("*", "registers/a.yaml"));
        assert!(!glob_match("registers/*.yml", "registers/a.yaml"));
        assert!(glob_match("registers/?.yaml", "registers/a.yaml"));
    }

    #[test]
    fn seconds_since_the_epoch_become_utc_calendar_dates() {
        use jiff::{Timestamp, civil::date};
        let day = |secs| utc_date(Timestamp::from_second(secs).unwrap());
        assert_eq!(day(0), date(1970, 1, 1));
        assert_eq!(day(-1), date(1969, 12, 31));
        assert_eq!(day(1_767_225_600), date(2026, 1, 1));
        assert_eq!(day(1_795_910_400), date(2026, 11, 29));
        assert_eq!(day(1_795_996_799), date(2026, 11, 29), "its last second");
        assert_eq!(day(951_782_400), date(2000, 2, 29));
        assert_eq!(day(1_709_164_800), date(2024, 2, 29));
        assert_eq!(day(1_956_441_600).to_string(), "2031-12-31");
    }
}
