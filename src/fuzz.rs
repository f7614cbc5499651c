//! The properties the fuzz targets (`fuzz/`) check on arbitrary input, in the library so
//! that `cargo test` checks them on the seed corpus too. Each function panics when a
//! property fails; a panic is what a fuzzer reports.

use std::path::PathBuf;
use std::sync::Arc;

use crate::citations::{self, Format, LintOptions, Style};
use crate::model::Section;
use crate::project::{LoadedSection, Project, Settings};
use crate::source::SourceFile;

/// A register file: it loads or is diagnosed, every rule runs, and a register without
/// error-level findings renders, twice to the same bytes, with no markup from its values.
pub fn register(text: &str) {
    let file = SourceFile::virtual_file("registers/fuzz.yaml", text);
    let mut diagnostics = Vec::new();
    let section = crate::project::load_file::<Section>(&file, &mut diagnostics);
    let sections: Vec<LoadedSection> = section
        .into_iter()
        .map(|section| LoadedSection {
            file: Arc::clone(&file),
            section,
        })
        .collect();
    let project = Project {
        // A root with no `templates/`: the embedded templates render.
        root: PathBuf::from("/nonexistent/privreg-fuzz"),
        config_file: None,
        config: Settings::default(),
        sections,
        files: vec![Arc::clone(&file)],
        prose: Vec::new(),
        diagnostics: Vec::new(),
    };
    let cx = crate::rules::RuleCx {
        project: &project,
        date: jiff::civil::date(2026, 11, 29),
    };
    crate::rules::check_project(&cx, &mut diagnostics);
    for d in &diagnostics {
        let _ = file.line_col(d.span.start);
        let _ = file.line_col(d.span.end);
    }
    let blocked = diagnostics
        .iter()
        .any(|d| d.rule.default_severity == crate::Severity::Error);
    if blocked || project.sections.is_empty() {
        return;
    }
    let Ok(first) = crate::render::render(&project) else {
        return; // a template limit reached is an error, not a crash
    };
    let second = crate::render::render(&project).expect("rendered once, renders again");
    assert_eq!(first, second, "rendering is deterministic");
    for out in &first {
        if out.name.ends_with(".html") {
            let body = out.contents.to_ascii_lowercase();
            // Values may say "<script>" or "javascript:" as text, never as markup.
            assert!(!body.contains("<script"), "{}: a script element", out.name);
            for attr in ["href=\"javascript:", "href=\"data:", "src=\""] {
                let markup = body
                    .split('<')
                    .skip(1)
                    .filter_map(|t| t.split('>').next())
                    .any(|tag| tag.contains(attr) && !tag.starts_with("meta"));
                assert!(!markup, "{}: `{attr}` in a tag", out.name);
            }
        }
    }
}

/// Policy text in each format and each configured style: scanning and checking never
/// panic, a fix never changes which provisions are cited, and a second fix changes nothing.
pub fn citations(text: &str) {
    for (name, format) in [
        ("p.txt", Format::Plain),
        ("p.md", Format::Markdown),
        ("p.html", Format::Html),
    ] {
        for style in Style::WRITABLE {
            let opts = LintOptions {
                implied_gdpr: true,
                style: Some(style),
            };
            let (once, fixed) = fix(name, format, text, &opts);
            if !fixed {
                continue;
            }
            assert_eq!(
                provisions(format, text),
                provisions(format, &once),
                "{name} in {style:?}: a fix changed a provision"
            );
            let (twice, _) = fix(name, format, &once, &opts);
            assert_eq!(
                once, twice,
                "{name} in {style:?}: a second fix changed the text"
            );
        }
    }
}

fn fix(name: &str, format: Format, text: &str, opts: &LintOptions) -> (String, bool) {
    let file = SourceFile::virtual_file(name, text);
    let extracted = citations::text::extract(format, text);
    let mut out = Vec::new();
    crate::rules::citations::check(&file, &extracted, opts, &mut out);
    let fixed = out.iter().any(|d| d.fix.is_some());
    (citations::apply_fixes(text, &out), fixed)
}

fn provisions(format: Format, text: &str) -> Vec<String> {
    let extracted = citations::text::extract(format, text);
    let mut all: Vec<String> = citations::scan(&extracted.text, true)
        .iter()
        .flat_map(|c| {
            c.provisions
                .iter()
                .map(move |p| format!("{} {:?}", c.law, p.cited()))
        })
        .collect();
    all.sort();
    all
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every file under `dir`, recursively, in a stable order.
    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                files(&path, out);
            } else if path.is_file() {
                out.push(path);
            }
        }
    }

    fn corpus(dir: &str) -> Vec<String> {
        let mut paths = Vec::new();
        files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut paths);
        paths
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .filter_map(|b| String::from_utf8(b).ok())
            .collect()
    }

    #[test]
    fn the_register_properties_hold_on_every_fixture() {
        let mut texts = corpus("tests/fixtures/broken");
        texts.extend(corpus("tests/fixtures/build"));
        texts.extend(corpus("registers"));
        assert!(texts.len() > 50);
        for text in texts {
            super::register(&text);
        }
    }

    #[test]
    fn the_citation_properties_hold_on_every_lint_fixture() {
        let texts = corpus("tests/fixtures/lint");
        assert!(!texts.is_empty());
        for text in texts {
            super::citations(&text);
        }
    }
}
