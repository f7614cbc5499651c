//! Emitters: one per output format, each presenting the same diagnostics.
//! docs/output.md documents every format.

use std::cell::RefCell;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Summary};
use crate::source::SourceFile;

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

/// An output format for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style messages with source snippets.
    Human,
    /// The stable JSON document described in docs/output.md.
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// One line a finding: `file:line:col: severity[CODE] message`.
    Concise,
}

/// The directories a report's paths are relative to (docs/output.md, "Paths").
#[derive(Debug, Clone)]
pub struct Paths {
    /// The current directory, absolute: human and concise output name files from here.
    pub cwd: PathBuf,
    /// The repository root, else the project root, absolute: SARIF and GitHub name files
    /// from here, as code scanning and annotations resolve them against the repository.
    pub repository: PathBuf,
}

/// Renders diagnostics (already sorted) in `format`, each file named as loaded (relative
/// to the project root); `styled` adds terminal colours.
pub fn render(format: Format, diagnostics: &[Diagnostic], styled: bool) -> String {
    let mut out = Vec::new();
    write(format, diagnostics, styled, None, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("every emitter writes UTF-8")
}

/// Writes what [`render`] renders to `out`, diagnostic by diagnostic in the human, JSON and
/// concise formats, so that the output of a large file is never held whole in memory. With
/// `paths`, files are named as `format` wants them (JSON keeps them relative to the
/// project root).
pub fn write(
    format: Format,
    diagnostics: &[Diagnostic],
    styled: bool,
    paths: Option<&Paths>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let summary = Summary::of(diagnostics);
    let names = |base: fn(&Paths) -> &Path| match paths {
        Some(p) => Names::from(&p.cwd, base(p)),
        None => Names::as_loaded(),
    };
    match format {
        Format::Human => human::write(diagnostics, summary, styled, &names(|p| &p.cwd), out),
        Format::Json => json::write(diagnostics, summary, out),
        Format::Sarif => {
            out.write_all(sarif::render(diagnostics, &names(|p| &p.repository)).as_bytes())
        }
        Format::Github => {
            out.write_all(github::render(diagnostics, &names(|p| &p.repository)).as_bytes())
        }
        Format::Concise => concise::write(diagnostics, &names(|p| &p.cwd), out),
    }
}

/// How an emitter names each diagnostic's file.
pub struct Names<'a> {
    /// The current directory and the directory names are relative to; `None`: as loaded.
    from: Option<(&'a Path, &'a Path)>,
    /// The file named last and its name: diagnostics come sorted by file, and naming one
    /// may ask the file system.
    last: RefCell<Option<(*const SourceFile, String)>>,
    /// The directories resolved so far.
    canonical: crate::paths::Canonical,
}

impl<'a> Names<'a> {
    /// Each file as loaded: relative to the project root, or as given to `lint`.
    pub fn as_loaded() -> Names<'static> {
        Names {
            from: None,
            last: RefCell::new(None),
            canonical: crate::paths::Canonical::default(),
        }
    }

    /// Each file relative to `base`, paths on disk being relative to `cwd`.
    pub fn from(cwd: &'a Path, base: &'a Path) -> Names<'a> {
        Names {
            from: Some((cwd, base)),
            last: RefCell::new(None),
            canonical: crate::paths::Canonical::default(),
        }
    }

    /// The name `file` is shown under.
    pub fn of(&self, file: &SourceFile) -> String {
        let Some((cwd, base)) = self.from else {
            return file.name.clone();
        };
        let mut last = self.last.borrow_mut();
        match &*last {
            Some((ptr, name)) if std::ptr::eq(*ptr, file) => name.clone(),
            _ => {
                let name = crate::paths::shown_from_in(cwd, base, &file.path, &self.canonical);
                *last = Some((file, name.clone()));
                name
            }
        }
    }
}

/// Every emitter on one shared set of diagnostics (ruff's `message/*` tests): a warning,
/// an error with help and notes, a secondary label, non-ASCII columns, a multi-line span,
/// and text that needs escaping in the GitHub format.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;
    use crate::source::SourceFile;

    pub(crate) fn shared_diagnostics() -> Vec<Diagnostic> {
        let slack = SourceFile::virtual_file(
            "registers/10-1-slack.yaml",
            "id: slack\norder: 1\ntitle: Slack\nlegal_bases:\n  - basis: consnet\n",
        );
        let address = SourceFile::virtual_file(
            "registers/a,b.yaml",
            "id: s\nprovider:\n  address: Gladbacher Str. 74, 40219 Düsseldorf\n  country: UK\nid: t\n",
        );
        let at = |f: &SourceFile, needle: &str| {
            let i = f.text.find(needle).expect("needle in text");
            i..i + needle.len()
        };
        let first_id = at(&address, "id");
        let second_id = address.text.rfind("id").unwrap();
        vec![
            Diagnostic::new(
                &catalogue::RETENTION_MISSING,
                &slack,
                at(&slack, "slack"),
                "section `slack` states no retention period",
            )
            .label("this section has no `retention`")
            .help("add `retention:` with a `period` or the `criteria` that determine it")
            .note(
                "GDPR Art. 13(2)(a): the period for which the data will be stored must be stated",
            ),
            Diagnostic::new(
                &catalogue::LEGAL_BASIS_UNKNOWN,
                &slack,
                at(&slack, "consnet"),
                "unknown legal basis `consnet`",
            )
            .label("not a legal basis code")
            .help("did you mean `consent`?")
            .note("GDPR Art. 6(1) has points (a) to (f)"),
            Diagnostic::new(
                &catalogue::COUNTRY_CODE_UNKNOWN,
                &address,
                at(&address, "UK"),
                "`UK` is not an ISO 3166-1 alpha-2 code: 100% sure, use `GB`",
            )
            .help("write `GB`"),
            Diagnostic::new(
                &catalogue::KEY_DUPLICATE,
                &address,
                second_id..second_id + 2,
                "duplicate key `id`",
            )
            .label("second occurrence")
            .secondary(first_id, "first defined here"),
            Diagnostic::new(
                &catalogue::FIELD_UNKNOWN,
                &address,
                at(&address, "provider:\n  address"),
                "unknown field `provider` in a register section",
            ),
        ]
    }

    fn rendered(format: Format) -> String {
        render(format, &shared_diagnostics(), false)
    }

    #[test]
    fn human() {
        insta::assert_snapshot!(rendered(Format::Human));
    }

    #[test]
    fn json() {
        insta::assert_snapshot!(rendered(Format::Json));
    }

    #[test]
    fn concise() {
        insta::assert_snapshot!(rendered(Format::Concise));
    }

    #[test]
    fn github() {
        insta::assert_snapshot!(rendered(Format::Github));
    }

    #[test]
    fn sarif() {
        // The rules array repeats every rule's docs, and `ruleIndex` moves whenever a rule
        // is added (a test below checks it): the rest of the results is what this pins.
        let mut doc: serde_json::Value = serde_json::from_str(&rendered(Format::Sarif)).unwrap();
        let results = doc["runs"][0]["results"].as_array_mut().unwrap();
        for r in results.iter_mut() {
            r.as_object_mut().unwrap().remove("ruleIndex");
        }
        insta::assert_json_snapshot!(results);
    }

    #[test]
    fn sarif_validates_against_the_official_sarif_2_1_0_schema() {
        let official = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/sarif-schema-2.1.0.json"
        ));
        // The official schema's `language` patterns end in a stray `]`, a literal in
        // JavaScript regexes but a syntax error in Rust's; escaping it keeps the meaning.
        // privreg writes no `language`, so nothing it emits depends on those patterns.
        let stray = r#"[a-zA-Z]{2}]?$""#;
        assert_eq!(
            official.matches(stray).count(),
            2,
            "the schema changed; revisit"
        );
        let schema: serde_json::Value =
            serde_json::from_str(&official.replace(stray, r#"[a-zA-Z]{2}\\]?$""#)).unwrap();
        let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
        for diagnostics in [shared_diagnostics(), Vec::new()] {
            let doc: serde_json::Value =
                serde_json::from_str(&sarif::render(&diagnostics, &Names::as_loaded())).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&doc)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "SARIF does not validate:\n{}",
                errors.join("\n")
            );
        }
    }

    #[test]
    fn sarif_describes_every_rule_with_a_help_uri_into_docs_rules() {
        let doc: serde_json::Value = serde_json::from_str(&rendered(Format::Sarif)).unwrap();
        let run = &doc["runs"][0];
        assert_eq!(doc["version"], "2.1.0");
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let listed = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(listed.len(), catalogue::ALL.len());
        for (descriptor, rule) in listed.iter().zip(catalogue::ALL) {
            assert_eq!(descriptor["id"], rule.code);
            assert_eq!(descriptor["name"], rule.name);
            assert_eq!(
                descriptor["helpUri"],
                format!("{}{}.md", sarif::RULE_DOCS_BASE_URL, rule.code)
            );
            assert!(
                !descriptor["fullDescription"]["text"]
                    .as_str()
                    .unwrap()
                    .is_empty()
            );
        }
        for result in run["results"].as_array().unwrap() {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(result["ruleId"], catalogue::ALL[index].code);
        }
    }

    #[test]
    fn sarif_columns_count_code_points_and_end_after_the_span() {
        let doc: serde_json::Value = serde_json::from_str(&rendered(Format::Sarif)).unwrap();
        let uk = &doc["runs"][0]["results"][2]["locations"][0]["physicalLocation"];
        assert_eq!(uk["artifactLocation"]["uri"], "registers/a,b.yaml");
        assert_eq!(uk["region"]["startLine"], 4);
        assert_eq!(uk["region"]["startColumn"], 12);
        assert_eq!(uk["region"]["endColumn"], 14);
    }

    #[test]
    fn every_github_line_is_a_workflow_command_with_all_fields() {
        let re = regex::Regex::new(
            r"^::(error|warning) file=([^,:]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:]+)::(.*)$",
        )
        .unwrap();
        let diagnostics = shared_diagnostics();
        let out = github::render(&diagnostics, &Names::as_loaded());
        assert_eq!(out.lines().count(), diagnostics.len());
        for (line, d) in out.lines().zip(&diagnostics) {
            let c = re
                .captures(line)
                .unwrap_or_else(|| panic!("not a workflow command: {line}"));
            let start = d.file.line_col(d.span.start);
            let end = d.file.line_col(d.span.end);
            assert_eq!(&c[1], d.severity.as_str());
            assert_eq!(c[2].replace("%2C", ","), d.file.name);
            assert_eq!(c[3].parse::<usize>().unwrap(), start.line);
            assert_eq!(c[4].parse::<usize>().unwrap(), start.column);
            assert_eq!(c[5].parse::<usize>().unwrap(), end.line);
            assert_eq!(c[6].parse::<usize>().unwrap(), end.column);
            assert_eq!(&c[7], format!("{} {}", d.rule.code, d.rule.name));
            let message = c[8].replace("%0A", "\n").replace("%25", "%");
            assert!(message.starts_with(&d.message), "{line}");
        }
    }

    #[test]
    fn every_concise_line_names_file_position_severity_and_code() {
        let out = rendered(Format::Concise);
        let re = regex::Regex::new(r"^[^:]+:\d+:\d+: (error|warning)\[PRV\d{3}\] \S.*$").unwrap();
        for line in out.lines() {
            assert!(re.is_match(line), "{line}");
        }
    }
}
