//! The citation linter applied to a project (free text of registers, project templates)
//! and to arbitrary files (`privreg lint`, `privreg citations`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::citations::{self, CitationRecord, Format, LintOptions, Style};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::files::{self, ReadFailure};
use crate::project::{self, Settings};
use crate::severity::Overrides;
use crate::source::SourceFile;
use crate::tree::{Disk, Kind, Tree};

/// What `privreg lint` and `privreg citations` need.
#[derive(Debug, Clone, Default)]
pub struct LintRunOptions {
    /// The project root: its `privreg.yaml` (if any) supplies style, `implied_gdpr`, rules.
    pub root: PathBuf,
    /// The files to lint, as given on the command line.
    pub files: Vec<PathBuf>,
    /// Severity changes from the command line.
    pub overrides: Vec<(String, Severity)>,
    /// Turn warnings into errors.
    pub deny_warnings: bool,
    /// List the citations (`privreg citations`) instead of checking them.
    pub list: bool,
}

/// The result of linting files.
#[derive(Debug)]
pub struct Linted {
    /// Each file read in full.
    pub files: Vec<Arc<SourceFile>>,
    /// Findings, suppressions and severities applied, sorted; with `list`, only the
    /// problems of reading the files and the configuration.
    pub diagnostics: Vec<Diagnostic>,
    /// With `list`: every citation recognised, file by file in text order.
    pub citations: Vec<CitationRecord>,
    /// The linter settings used.
    pub options: LintOptions,
}

/// The linter settings a project configures: `citation_style` and `implied_gdpr`.
pub fn options(settings: &Settings) -> LintOptions {
    let style = settings
        .raw
        .as_ref()
        .and_then(|c| c.citation_style.as_ref())
        .and_then(|s| Style::parse(&s.value));
    LintOptions {
        implied_gdpr: settings.implied_gdpr,
        style,
    }
}

/// The most bytes `privreg lint` and `privreg citations` read of one file (1 GiB): a
/// policy is some hundred kilobytes, but generated and concatenated texts grow large, and
/// a run costs about twice its input in memory (docs/limits.md); the limit keeps a runaway
/// generated file from exhausting memory.
pub const MAX_LINT_BYTES: u64 = 1024 * 1024 * 1024;

const LINT_LIMIT: project::Limit = project::Limit {
    bytes: MAX_LINT_BYTES,
    help: "privreg lint reads policy texts of up to 1 GiB; lint the text in parts",
};

/// Lints each file (Markdown, HTML or plain text by extension) with the project's settings,
/// or with `list` lists its citations: one scan of each file serves either. A path that
/// names no regular file (a FIFO, a device, a directory) is a usage error:
/// it is never opened.
pub fn lint_files(opts: &LintRunOptions) -> Result<Linted, Error> {
    lint_with(opts, &Disk, true)
}

/// [`lint_files`] reading `privreg.yaml` and the files from `tree`: an editor's unsaved
/// buffers over the disk (`privreg lsp`). A path `tree` holds no regular file at is a
/// usage error.
pub fn lint_files_in(opts: &LintRunOptions, tree: &dyn Tree) -> Result<Linted, Error> {
    lint_with(opts, tree, false)
}

/// `disk`: the paths are checked on disk first, with its own words for what they name.
fn lint_with(opts: &LintRunOptions, tree: &dyn Tree, disk: bool) -> Result<Linted, Error> {
    let mut diagnostics = Vec::new();
    let (config_file, settings) =
        project::load_config_in(&opts.root, tree, &mut diagnostics, &mut Vec::new())?;
    let options = options(&settings);
    let jobs = crate::parallel::jobs_from_env_or_default();
    let mut files = Vec::new();
    let mut listed = Vec::new();
    for path in &opts.files {
        let not_regular = |what: &str| Error::Read {
            path: path.clone(),
            source: std::io::Error::other(format!(
                "it is {what}, not a regular file; privreg lint reads regular files only"
            )),
        };
        if !disk {
            match tree.kind(path) {
                Kind::File => {}
                Kind::Missing => return Err(not_regular("missing")),
                Kind::Dir => return Err(not_regular("a directory")),
                Kind::Other(what) => return Err(not_regular(what)),
            }
        } else {
            match files::kind(path) {
                Ok(None) => {}
                Ok(Some(what)) | Err(ReadFailure::NotRegular(what)) => {
                    return Err(not_regular(what));
                }
                Err(e) => {
                    return Err(Error::Read {
                        path: path.clone(),
                        source: e.into_io(MAX_LINT_BYTES),
                    });
                }
            }
        }
        let read = project::read_user_file_in(tree, &opts.root, path, LINT_LIMIT)?;
        let mut file = read.file;
        let clean = read.problem.is_none();
        diagnostics.extend(read.problem);
        if !read.complete {
            continue;
        }
        let format = Format::from_path(path);
        // Markdown, HTML or text with entities is extracted over the file's own text, which is read again once
        // the file is scanned: the file and its text are never held at once (docs/limits.md).
        let taken = match Arc::get_mut(&mut file) {
            // Only a file on disk can be read again: an editor's buffer (`privreg lsp`) is
            // extracted into a copy.
            Some(f) if disk && clean && citations::text::needs_markup(format, &f.text) => {
                Some(std::mem::take(&mut f.text))
            }
            _ => None,
        };
        let Some(source) = taken else {
            // One scan serves both commands; plain text is scanned where it lies.
            let extracted = citations::text::extract(format, &file.text);
            let found = citations::scan_on(&extracted.text, options.implied_gdpr, jobs);
            if opts.list {
                listed.extend(citations::records(&file, &extracted, found));
            } else {
                crate::rules::citations::check_found(
                    &file,
                    &extracted,
                    &found,
                    &options,
                    jobs,
                    &mut diagnostics,
                );
                crate::parallel::drop_aside(jobs, found);
            }
            drop(extracted);
            files.push(file);
            continue;
        };
        let print = Fingerprint::of(&source);
        let extracted = citations::text::extract_owned(format, source);
        let mut found = citations::scan_on(&extracted.text, options.implied_gdpr, jobs);
        let first = diagnostics.len();
        if opts.list {
            for c in &mut found {
                c.span = extracted.span_to_source(c.span.clone());
            }
        } else {
            crate::rules::citations::check_found(
                &file,
                &extracted,
                &found,
                &options,
                jobs,
                &mut diagnostics,
            );
            crate::parallel::drop_aside(jobs, std::mem::take(&mut found));
        }
        drop(extracted);
        let again = reread(path, print)?;
        // The text goes back into the file, whose line index is the text's: the findings
        // let go of it meanwhile, as only a file held once can be changed.
        let stand_in = SourceFile::virtual_file("", "");
        for d in &mut diagnostics[first..] {
            if Arc::ptr_eq(&d.file, &file) {
                d.file = Arc::clone(&stand_in);
            }
        }
        match Arc::get_mut(&mut file) {
            Some(f) => f.text = again,
            None => file = SourceFile::new(file.name.as_str(), file.path.as_path(), again),
        }
        for d in &mut diagnostics[first..] {
            if Arc::ptr_eq(&d.file, &stand_in) {
                d.file = Arc::clone(&file);
            }
        }
        if opts.list {
            // The spans are the source's already.
            let identity = citations::Extracted::identity(&file.text);
            listed.extend(citations::records(&file, &identity, found));
        }
        files.push(file);
    }
    let overrides = Overrides::new(
        config_file.as_ref(),
        &settings,
        &opts.overrides,
        &mut diagnostics,
    )?;
    let sources: Vec<_> = files.iter().cloned().chain(config_file).collect();
    let diagnostics = crate::suppress::apply(&sources, diagnostics);
    let diagnostics = overrides.apply(diagnostics, opts.deny_warnings);
    Ok(Linted {
        files,
        diagnostics,
        citations: listed,
        options,
    })
}

/// The length and a 64-bit hash of a text: enough to tell that a file read twice did not
/// change in between (not to resist a forgery, which needs write access to the file anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    len: usize,
    hash: u64,
}

impl Fingerprint {
    fn of(text: &str) -> Fingerprint {
        // FxHash's step, eight bytes at a time: several gigabytes a second.
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = text.as_bytes().chunks_exact(8);
        let mut hash = 0u64;
        for c in &mut chunks {
            let word = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            hash = (hash.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        Fingerprint {
            len: text.len(),
            hash,
        }
    }
}

/// The text of the file at `path` read again, which must be what was read before.
fn reread(path: &Path, before: Fingerprint) -> Result<String, Error> {
    let changed = || Error::Read {
        path: path.to_owned(),
        source: std::io::Error::other(
            "it changed while privreg read it; run privreg again once it is written",
        ),
    };
    let bytes = files::read_regular(path, MAX_LINT_BYTES).map_err(|e| Error::Read {
        path: path.to_owned(),
        source: e.into_io(MAX_LINT_BYTES),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| changed())?;
    if Fingerprint::of(&text) != before {
        return Err(changed());
    }
    Ok(text)
}

/// The text of `file` with every fix among `diagnostics` applied, if any applies. A fix
/// never touches a citation that has an error: restyling "lit. 6", a point that does not
/// exist, would only hide the mistake that needs a person.
pub fn fixed_text(file: &SourceFile, diagnostics: &[Diagnostic]) -> Option<String> {
    let mine: Vec<Diagnostic> = applicable_fixes(file, diagnostics)
        .into_iter()
        .cloned()
        .collect();
    if mine.is_empty() {
        return None;
    }
    let fixed = citations::apply_fixes(&file.text, &mine);
    (fixed != file.text).then_some(fixed)
}

/// The findings of `file` among `diagnostics` whose fix `--fix` applies: every one with a
/// fix, except where the fix would touch the span of an error that has none.
pub fn applicable_fixes<'a>(
    file: &SourceFile,
    diagnostics: &'a [Diagnostic],
) -> Vec<&'a Diagnostic> {
    // By identity, never by the printed name: two paths can display alike.
    let in_file = |d: &&Diagnostic| std::ptr::eq(Arc::as_ptr(&d.file), file);
    let errors: Vec<&crate::source::Span> = diagnostics
        .iter()
        .filter(in_file)
        .filter(|d| d.severity == Severity::Error && d.fix.is_none())
        .map(|d| &d.span)
        .collect();
    diagnostics
        .iter()
        .filter(in_file)
        .filter(|d| {
            d.fix.as_ref().is_some_and(|f| {
                !errors.iter().any(|e| {
                    e.start < f.span.end.max(f.span.start + 1)
                        && f.span.start < e.end.max(e.start + 1)
                })
            })
        })
        .collect()
}

/// The start of the names of `--fix`'s temporary files.
const FIX_PREFIX: &str = ".privreg-fix-";

/// Writes `text` over the file at `path`, which held `original` when it was linted.
///
/// The new text goes to a temporary file beside the file itself (beside the target when
/// `path` is a symbolic link, which stays a link), takes the file's mode and, where the
/// system allows, its owner, and is renamed over it: an interrupted `--fix` never leaves a
/// half-written policy. It refuses, writing nothing, a read-only file; a file with other
/// hard links, which a rename would split from this one; and a file whose content is no
/// longer `original` (edited while privreg ran, or not UTF-8), whose edits it would lose.
pub fn write_fixed(path: &Path, original: &str, text: &str) -> Result<(), Error> {
    let refuse = |why: String| Error::Write {
        path: path.to_owned(),
        source: std::io::Error::other(format!("{why}; nothing was written")),
    };
    let target = files::resolve_links(path).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })?;
    let write_err = |source| Error::Write {
        path: target.clone(),
        source,
    };
    let meta = std::fs::metadata(&target).map_err(write_err)?;
    if !meta.is_file() {
        return Err(refuse("it is no longer a regular file".into()));
    }
    if meta.permissions().readonly() {
        return Err(refuse(
            "it is read-only, and --fix does not override that: make it writable, \
             or apply the changes `privreg lint --diff` shows by hand"
                .into(),
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(refuse(format!(
                "it has {} hard links, and replacing it would leave the others with the old \
                 text: apply the changes `privreg lint --diff` shows by hand",
                meta.nlink()
            )));
        }
    }
    let dir = files::parent_dir(&target);
    let mut tmp = files::locked_temp(&dir, FIX_PREFIX).map_err(write_err)?;
    // A run killed outright (SIGKILL, power loss) cannot delete its own; the next one here does.
    files::remove_stale_temps(&dir, FIX_PREFIX, tmp.as_file());
    let pending = files::Pending::new();
    pending.push(files::Undo::RemoveFile(tmp.path().to_owned()));
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(write_err)?;
    std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(write_err)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; anyone else keeps their own ownership.
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
    }
    tmp.as_file().sync_all().map_err(write_err)?;
    files::stall("fixing");
    // Last look before the rename: the file must still hold the text the fixes apply to.
    let now = files::read_regular(&target, MAX_LINT_BYTES).map_err(|e| {
        refuse(format!(
            "it cannot be read again ({})",
            e.into_io(MAX_LINT_BYTES)
        ))
    })?;
    if now != original.as_bytes() {
        return Err(refuse(if std::str::from_utf8(&now).is_err() {
            "it is not valid UTF-8, and its fixed text would replace the invalid bytes".into()
        } else {
            "it changed since privreg read it: run `privreg lint --fix` again".into()
        }));
    }
    tmp.persist(&target).map_err(|e| write_err(e.error))?;
    pending.done();
    Ok(())
}

/// Lints a text file by its format (Markdown, HTML or plain text).
pub fn lint_text(file: &Arc<SourceFile>, opts: &LintOptions, out: &mut Vec<Diagnostic>) {
    let extracted = citations::text::extract(Format::from_path(&file.path), &file.text);
    crate::rules::citations::check(file, &extracted, opts, out);
}

#[cfg(test)]
mod template_tests {
    use super::*;

    #[test]
    fn the_embedded_templates_cite_nothing_wrongly() {
        for (name, text) in crate::render::env::EMBEDDED {
            let file = SourceFile::virtual_file(name, text);
            let mut out = Vec::new();
            lint_text(&file, &LintOptions::default(), &mut out);
            let found: Vec<_> = out
                .iter()
                .filter(|d| d.severity != Severity::Off)
                .map(|d| d.code())
                .collect();
            assert!(found.is_empty(), "{name}: {found:?}");
        }
    }
}

/// Issue 13, item 1: a window of text cut at a byte count panicked when it ended inside a
/// multibyte character. Every stage that reads text (extraction, scanning, the PRV4xx
/// checks, fixes in every style) runs here with a 2-, 3- and 4-byte character at every
/// position of citation-dense texts, in all three formats.
#[cfg(test)]
mod multibyte_tests {
    use super::*;

    const TEXTS: &[&str] = &[
        "Consent: Art. 6 para. 1 lit. a GDPR (aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)",
        "based on Art. 6 Abs. 1 S. 1 lit. f DSGVO (berechtigtes Interesse) and Art. 9(2)(h) GDPR.",
        "<p>&amp;aaaaaaaaaa; point (f) of Article 6(1) and Articles 44 to 49 GDPR &#x41; &nbsp;</p>",
        "Art. 46 para. 2 lit. c GDPR; Art. 6 I 1 b DSGVO; Art. 49(1)(a) GDPR; § 25 TDDDG.",
        "[Art. 13](https://x.example) `Art. 6(1)(f)` *lit. a* Art. 4 Nr. 11 DSGVO, art. 6, par. 1er, point f) RGPD",
    ];
    const CHARS: &[char] = &['ä', '€', '𝔄'];

    fn exercise(name: &str, text: &str) {
        let file = SourceFile::virtual_file(name, text);
        for style in [
            None,
            Some(Style::ParaLit),
            Some(Style::Parens),
            Some(Style::Dotted),
        ] {
            let opts = LintOptions {
                implied_gdpr: true,
                style,
            };
            let mut out = Vec::new();
            lint_text(&file, &opts, &mut out);
            let _ = fixed_text(&file, &out);
        }
        let extracted = citations::text::extract(Format::from_path(&file.path), &file.text);
        let found = citations::scan(&extracted.text, true);
        let _ = citations::records(&file, &extracted, found);
    }

    #[test]
    fn a_multibyte_character_anywhere_never_panics() {
        for text in TEXTS {
            let cuts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &at in &cuts {
                for &ch in CHARS {
                    let mut s = String::with_capacity(text.len() + 4);
                    s.push_str(&text[..at]);
                    s.push(ch);
                    s.push_str(&text[at..]);
                    for name in ["a.txt", "a.md", "a.html"] {
                        exercise(name, &s);
                    }
                }
            }
        }
    }
}

/// Issue 19: Markdown and HTML extracted over the file's buffer and read again find what
/// the extraction into a copy found, at the same places, in a file that holds its text.
#[cfg(test)]
mod in_place_tests {
    use super::*;

    const POLICY: &str = "Processing is based on Art.&nbsp;6 para.&nbsp;1 lit.&nbsp;7 GDPR.\n\
        <p>Consent: <b>Art. 6(1)(a) GDPR</b>; transfers under the EU-US Privacy Shield.</p>\n\
        **Art. 100 GDPR** and [Art. 6(1)(f) GDPR](https://example.org/art-6) `Art. 9(2)(a) GDPR`\n\
        Ünïcödé: Art. 6 Abs. 1 lit. f DSGVO &amp; § 25 TDDDG <script>Art. 99 GDPR</script>\n";

    fn reference(file: &Arc<SourceFile>, list: bool) -> (Vec<String>, Vec<String>) {
        let extracted = citations::text::extract(Format::from_path(&file.path), &file.text);
        let found = citations::scan(&extracted.text, false);
        let listed = citations::records(file, &extracted, found.clone())
            .iter()
            .map(|r| format!("{r:?}"))
            .collect();
        let mut out = Vec::new();
        if !list {
            crate::rules::citations::check_found(
                file,
                &extracted,
                &found,
                &LintOptions::default(),
                1,
                &mut out,
            );
        }
        let out = out
            .iter()
            .map(|d| format!("{} {:?} {}", d.code(), d.span, d.message));
        (out.collect(), listed)
    }

    #[test]
    fn extraction_over_the_file_finds_what_a_copy_finds() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["p.md", "p.html", "p.txt", "p.tsx"] {
            let path = dir.path().join(name);
            std::fs::write(&path, POLICY).unwrap();
            let file = SourceFile::new(name, &path, POLICY.to_owned());
            for list in [false, true] {
                let opts = LintRunOptions {
                    root: dir.path().to_owned(),
                    files: vec![path.clone()],
                    list,
                    ..LintRunOptions::default()
                };
                let linted = lint_files(&opts).unwrap();
                assert_eq!(linted.files.len(), 1);
                assert_eq!(linted.files[0].text, POLICY, "{name}");
                let mine = &linted.files[0];
                let found: Vec<String> = linted
                    .diagnostics
                    .iter()
                    .inspect(|d| assert!(Arc::ptr_eq(&d.file, mine), "{name}"))
                    .map(|d| format!("{} {:?} {}", d.code(), d.span, d.message))
                    .collect();
                let listed: Vec<String> =
                    linted.citations.iter().map(|r| format!("{r:?}")).collect();
                let (want, want_listed) = reference(&file, list);
                if list {
                    assert_eq!(listed, want_listed, "{name}");
                    assert!(!listed.is_empty());
                } else {
                    let mut want = want;
                    let mut found = found;
                    want.sort();
                    found.sort();
                    assert_eq!(found, want, "{name}");
                    assert!(!found.is_empty());
                }
            }
        }
    }
}
