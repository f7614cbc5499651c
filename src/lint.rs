//! The citation linter applied to a project (free text of registers, project templates)
//! and to arbitrary files (`privreg lint`, `privreg citations`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::citations::text::Builder;
use crate::citations::{self, CitationRecord, Extracted, Format, LintOptions, Style};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::load::{Node, Value};
use crate::project::{self, Settings};
use crate::severity::Overrides;
use crate::source::SourceFile;

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
}

/// The result of linting files.
#[derive(Debug)]
pub struct Linted {
    /// Each file read, with the text that was scanned.
    pub files: Vec<(Arc<SourceFile>, Extracted)>,
    /// Findings, suppressions and severities applied, sorted.
    pub diagnostics: Vec<Diagnostic>,
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

/// Lints each file (Markdown, HTML or plain text by extension) with the project's settings.
pub fn lint_files(opts: &LintRunOptions) -> Result<Linted, Error> {
    let mut diagnostics = Vec::new();
    let (config_file, settings) =
        project::load_config(&opts.root, &mut diagnostics, &mut Vec::new())?;
    let options = options(&settings);
    let mut files = Vec::new();
    for path in &opts.files {
        let (file, bad) = project::read_user_file(&opts.root, path)?;
        if let Some(d) = bad {
            diagnostics.push(d);
        }
        let extracted = citations::text::extract(Format::from_path(path), &file.text);
        citations::check(&file, &extracted, &options, &mut diagnostics);
        files.push((file, extracted));
    }
    let overrides = Overrides::new(
        config_file.as_ref(),
        &settings,
        &opts.overrides,
        &mut diagnostics,
    )?;
    let sources: Vec<_> = files
        .iter()
        .map(|(f, _)| Arc::clone(f))
        .chain(config_file)
        .collect();
    let diagnostics = crate::suppress::apply(&sources, diagnostics);
    let diagnostics = overrides.apply(diagnostics, opts.deny_warnings);
    Ok(Linted {
        files,
        diagnostics,
        options,
    })
}

/// Every citation recognised in the linted files, for `privreg citations`.
pub fn records(linted: &Linted) -> Vec<CitationRecord> {
    linted
        .files
        .iter()
        .flat_map(|(file, extracted)| {
            let found = citations::scan(&extracted.text, linted.options.implied_gdpr);
            citations::records(file, extracted, &found)
        })
        .collect()
}

/// The text of `file` with every fix among `diagnostics` applied, if any applies.
pub fn fixed_text(file: &SourceFile, diagnostics: &[Diagnostic]) -> Option<String> {
    let mine: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.file.name == file.name && d.fix.is_some())
        .cloned()
        .collect();
    if mine.is_empty() {
        return None;
    }
    let fixed = citations::apply_fixes(&file.text, &mine);
    (fixed != file.text).then_some(fixed)
}

/// Writes `text` to `path` through a temporary file in the same directory and a rename, so
/// an interrupted `--fix` never leaves a half-written policy.
pub fn write_fixed(path: &Path, text: &str) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let write_err = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(write_err)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(write_err)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| write_err(e.error))?;
    Ok(())
}

/// Keys whose values are codes, identifiers or links, never prose: not linted.
const CODE_KEYS: &[&str] = &[
    "id",
    "order",
    "processed_by",
    "basis",
    "mechanisms",
    "country",
    "certainty",
    "special_categories",
    "privacy_policy",
    "dpf_participant",
    "concluded",
    "right_to_object",
    // privreg.yaml settings
    "chapter",
    "language",
    "citation_style",
    "last_updated",
    "registers",
    "output",
    "heading_level",
    "rules",
    "exclude",
    "implied_gdpr",
];

/// Every prose string value of a YAML tree as one scannable text, values separated by blank
/// lines so that sentences never run from one value into the next.
pub fn yaml_prose(file: &SourceFile, root: &Node) -> Extracted {
    let mut b = Builder::default();
    collect(file, root, false, &mut b, &mut false);
    b.finish()
}

fn collect(file: &SourceFile, node: &Node, skip: bool, b: &mut Builder, started: &mut bool) {
    match &node.value {
        Value::Str(s) if !skip => {
            if *started {
                b.push_replacement("\n\n", node.span.start, 0);
            }
            *started = true;
            align(s, file, node.span.clone(), b);
        }
        Value::Seq(items) => items
            .iter()
            .for_each(|i| collect(file, i, skip, b, started)),
        Value::Map(entries) => {
            for (k, v) in entries {
                collect(
                    file,
                    v,
                    skip || CODE_KEYS.contains(&k.value.as_str()),
                    b,
                    started,
                );
            }
        }
        _ => {}
    }
}

/// Appends `value` mapping each character to where it stands in the source span: plain
/// scalars map one to one; folded, quoted or escaped ones are aligned character by
/// character, skipping the line breaks, indentation, quotes and backslashes YAML added.
pub fn align(value: &str, file: &SourceFile, span: std::ops::Range<usize>, b: &mut Builder) {
    let src = file.text.get(span.clone()).unwrap_or("");
    if src == value {
        b.push_copy(value, span.start);
        return;
    }
    let mut si = 0;
    let mut buf = [0u8; 4];
    for ch in value.chars() {
        let mut j = si;
        let mut found = None;
        while let Some(sc) = src[j..].chars().next() {
            if sc == ch || (ch == ' ' && sc == '\n') {
                found = Some((j, sc));
                break;
            }
            if sc.is_whitespace() || matches!(sc, '"' | '\'' | '\\') {
                j += sc.len_utf8();
                continue;
            }
            break;
        }
        let s = ch.encode_utf8(&mut buf);
        match found {
            Some((j, sc)) if sc == ch => {
                b.push_copy(s, span.start + j);
                si = j + sc.len_utf8();
            }
            Some((j, sc)) => {
                b.push_replacement(s, span.start + j, sc.len_utf8());
                si = j + sc.len_utf8();
            }
            None => b.push_replacement(s, span.start + si, 0),
        }
    }
}

/// Lints a text file by its format (Markdown, HTML or plain text).
pub fn lint_text(file: &Arc<SourceFile>, opts: &LintOptions, out: &mut Vec<Diagnostic>) {
    let extracted = citations::text::extract(Format::from_path(&file.path), &file.text);
    citations::check(file, &extracted, opts, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(yaml: &str) -> (Arc<SourceFile>, Extracted) {
        let file = SourceFile::virtual_file("a.yaml", yaml);
        let node = crate::load::parse(&file).unwrap();
        let e = yaml_prose(&file, &node);
        (file, e)
    }

    #[test]
    fn codes_are_not_prose_and_values_do_not_run_together() {
        let (_, e) = prose("id: slack\nbasis: A6-1-f\ntitle: One\nsummary: Two\n");
        assert_eq!(e.text, "One\n\nTwo");
    }

    #[test]
    fn a_citation_in_a_folded_scalar_maps_back_to_its_line_and_column() {
        let yaml = "summary: >-\n  We rely on\n  Art. 6 para. 1 lit. f GDPR here.\n";
        let (file, e) = prose(yaml);
        assert_eq!(e.text, "We rely on Art. 6 para. 1 lit. f GDPR here.");
        let at = e.text.find("Art.").unwrap();
        let lc = file.line_col(e.to_source(at));
        assert_eq!((lc.line, lc.column), (3, 3));
    }

    #[test]
    fn quoted_scalars_skip_their_quotes() {
        let (file, e) = prose("title: \"see Art. 99 GDPR\"\n");
        let at = e.text.find("Art.").unwrap();
        assert_eq!(file.line_col(e.to_source(at)).column, 13);
    }
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
