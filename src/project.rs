//! Discovery and loading of a project: `privreg.yaml` and the files in `registers/`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::citations::Extracted;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::load::{self, FromNode, LoadCx, Node};
use crate::model::{Config, Section};
use crate::source::SourceFile;

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
    /// registers, for the citation linter. Kept instead of the trees, which are dropped as
    /// soon as each file is mapped: at 10,000 sections their memory costs more than time.
    pub prose: Vec<(Arc<SourceFile>, Extracted)>,
    /// Structural problems found while loading.
    pub diagnostics: Vec<Diagnostic>,
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
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_config(None)
    }
}

impl Settings {
    fn from_config(raw: Option<Config>) -> Settings {
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
            raw,
        }
    }
}

/// Reads a user file leniently: invalid UTF-8 becomes a PRV001 diagnostic at the first bad
/// byte (the text is decoded lossily so the location can still be shown).
pub fn read_user_file(
    root: &Path,
    path: &Path,
) -> Result<(Arc<SourceFile>, Option<Diagnostic>), Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let name = display_name(root, path);
    match String::from_utf8(bytes) {
        Ok(text) => Ok((SourceFile::new(name, path, text), None)),
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
            Ok((file, Some(d)))
        }
    }
}

/// `path` relative to `root`, `/`-separated; the path itself when outside the root.
pub fn display_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let joined = rel
        .components()
        .filter(|c| !matches!(c, std::path::Component::RootDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if rel.has_root() {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Loads `privreg.yaml` (optional) and every `.yaml`/`.yml` file of the registers directory,
/// in sorted order so results never depend on directory listing order.
pub fn load(root: &Path) -> Result<Project, Error> {
    let mut diagnostics = Vec::new();
    let mut prose = Vec::new();
    let (config_file, config) = load_config(root, &mut diagnostics, &mut prose)?;
    let dir = root.join(&config.registers);
    let entries = std::fs::read_dir(&dir).map_err(|source| Error::Read {
        path: dir.clone(),
        source,
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read {
            path: dir.clone(),
            source,
        })?;
        let path = entry.path();
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if is_yaml && path.is_file() {
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
    let mut sections = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        let name = display_name(root, &path);
        if excludes.iter().any(|pat| glob_match(pat, &name)) {
            continue;
        }
        let (file, bad) = read_user_file(root, &path)?;
        if let Some(d) = bad {
            diagnostics.push(d);
        } else if let Some(section) = load_tree::<Section>(&file, &mut diagnostics, &mut prose) {
            sections.push(LoadedSection {
                file: Arc::clone(&file),
                section,
            });
        }
        files.push(file);
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
        diagnostics,
    })
}

/// The project's own templates (`templates/*`, overriding the embedded ones), sorted, so
/// their literal text is linted like any policy text.
pub fn templates(root: &Path, out: &mut Vec<Diagnostic>) -> Result<Vec<Arc<SourceFile>>, Error> {
    let dir = root.join(TEMPLATES_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|source| Error::Read {
            path: dir.clone(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let (file, bad) = read_user_file(root, &path)?;
        out.extend(bad);
        files.push(file);
    }
    Ok(files)
}

/// Reads `privreg.yaml` if present; its problems go to `out`, its prose to `prose`.
pub fn load_config(
    root: &Path,
    out: &mut Vec<Diagnostic>,
    prose: &mut Vec<(Arc<SourceFile>, Extracted)>,
) -> Result<(Option<Arc<SourceFile>>, Settings), Error> {
    let config_path = root.join(CONFIG_FILE);
    if !config_path.is_file() {
        return Ok((None, Settings::default()));
    }
    let (file, bad) = read_user_file(root, &config_path)?;
    let raw = match bad {
        Some(d) => {
            out.push(d);
            None
        }
        None => load_tree::<Config>(&file, out, prose),
    };
    Ok((Some(file), Settings::from_config(raw)))
}

/// `load_file`, keeping the file's prose for the citation linter.
fn load_tree<T: FromNode>(
    file: &Arc<SourceFile>,
    out: &mut Vec<Diagnostic>,
    prose: &mut Vec<(Arc<SourceFile>, Extracted)>,
) -> Option<T> {
    let node = parse_reporting(file, out)?;
    let value = map_node(file, &node, out);
    prose.push((Arc::clone(file), crate::citations::yaml::prose(file, &node)));
    value
}

/// Parses and maps one file; its structural problems go to `out`.
pub fn load_file<T: FromNode>(file: &Arc<SourceFile>, out: &mut Vec<Diagnostic>) -> Option<T> {
    let node = parse_reporting(file, out)?;
    map_node(file, &node, out)
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
    let mut cx = LoadCx::new(file);
    let value = T::from_node(node, &mut cx);
    out.append(&mut cx.diagnostics);
    value
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
