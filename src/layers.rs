//! The layer test: a top-level module may use only the modules below it (docs/design.md,
//! "Layers"), so the law tables, the diagnostics and the loader can be read, tested and
//! reused without anything built on them. Test code may reach up; the library may not.
//!
//! `cargo test --lib layers -- --nocapture` prints every edge between top-level modules.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every top-level module, lowest layer first. The crate root (`lib.rs`: `check`, `build`)
/// and the binary (`main.rs`, `cli.rs`) stand above them all.
const LAYERS: &[&str] = &[
    // Work over threads, results in input order (std only): a large source file is indexed
    // on two.
    "parallel",
    // Foundation: source files and spans, did-you-mean, failures that stop the program.
    "source",
    "suggest",
    "error",
    // Files on disk: bounded reads of regular files, the output lock, undo on interrupt;
    // how paths are shown.
    "files",
    "paths",
    // Where a project's files come from: the disk, or a git revision read through git.
    "tree",
    "git",
    // The law as data: GDPR structure, provision addresses, bases, mechanisms, adequacy.
    "law",
    // Diagnostics, and the catalogue of rules they name (no checks).
    "diagnostic",
    "catalogue",
    // Reading registers: located YAML, then the typed model.
    "load",
    "model",
    // Citations in text: extract, scan, parse, rewrite.
    "citations",
    // The project on disk, and what acts on all diagnostics.
    "project",
    "suppress",
    "severity",
    // The checks.
    "rules",
    // What privreg produces.
    "lint",
    "render",
    // `privreg diff`: two checked registers compared, with the notices the changes need.
    "diff",
    "report",
    "docs",
    "schema",
    "init",
    // Watching a project for the changes `build --watch` rebuilds on.
    "watch",
    // The properties the fuzz targets check, over all of the above.
    "fuzz",
];

/// Files above every layer, and this test itself. The language server (`lsp/`) is a front
/// end like the command line: it runs `check` as an editor asks.
const ROOTS: &[&str] = &["lib.rs", "main.rs", "cli.rs", "lsp.rs", "layers.rs"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The library code of a file: everything before its first inline `#[cfg(test)]` module.
/// The test below proves that only test modules follow it, so nothing is skipped unseen.
fn library_part(text: &str) -> &str {
    let lines: Vec<&str> = text.lines().collect();
    let is_test_mod = |i: usize| {
        lines[i] == "#[cfg(test)]"
            && lines.get(i + 1).is_some_and(|l| {
                let l = l
                    .trim_start_matches("pub(crate) ")
                    .trim_start_matches("pub ");
                l.starts_with("mod ") && l.ends_with(" {")
            })
    };
    let Some(cut) = (0..lines.len()).find(|&i| is_test_mod(i)) else {
        return text;
    };
    // Lines of multi-line strings may start at column 0 too; only items count.
    const ITEMS: &[&str] = &[
        "pub ",
        "fn ",
        "impl",
        "use ",
        "struct ",
        "enum ",
        "const ",
        "static ",
        "mod ",
        "type ",
        "trait ",
        "macro_rules!",
    ];
    for (i, line) in lines.iter().enumerate().skip(cut) {
        let top_level = ITEMS.iter().any(|item| line.starts_with(item));
        assert!(
            !top_level || (i > 0 && lines[i - 1] == "#[cfg(test)]"),
            "library code after a test module: `{line}`; keep test modules last"
        );
    }
    let offset: usize = lines[..cut].iter().map(|l| l.len() + 1).sum();
    &text[..offset.min(text.len())]
}

/// Files declared as test modules (`#[cfg(test)] mod tests;`), relative to `src/`.
fn test_files(src: &Path, files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.windows(2) {
            let name = pair[1]
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub ")
                .strip_prefix("mod ")
                .and_then(|r| r.strip_suffix(';'));
            if let (true, Some(name)) = (pair[0] == "#[cfg(test)]", name) {
                let dir = file.parent().unwrap();
                out.insert(
                    dir.join(format!("{name}.rs"))
                        .strip_prefix(src)
                        .unwrap()
                        .into(),
                );
            }
        }
    }
    out
}

/// The top-level modules a path `crate::…` names, including inside `crate::{a, b::c}`.
fn named_modules(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut expect_name = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => expect_name = true,
                    c if expect_name && depth == 1 && (c.is_alphabetic() || c == '_') => {
                        let len = group[i..]
                            .find(|c: char| !c.is_alphanumeric() && c != '_')
                            .unwrap_or(group.len() - i);
                        out.push(group[i..i + len].to_owned());
                        expect_name = false;
                    }
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
        } else {
            let len = rest
                .find(|c: char| !c.is_alphanumeric() && c != '_')
                .unwrap_or(rest.len());
            out.push(rest[..len].to_owned());
        }
    }
    out
}

/// Items the crate root (`lib.rs`) declares itself (`check`, `CheckOptions`, ...): a module
/// that names one depends on the root, the top layer. Exported macros also live at the
/// root by necessity and are not counted.
fn root_items(src: &Path) -> BTreeSet<String> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let kinds = [
        "pub fn ",
        "fn ",
        "pub struct ",
        "pub enum ",
        "pub const ",
        "pub static ",
    ];
    lib.lines()
        .filter_map(|l| kinds.iter().find_map(|k| l.strip_prefix(k)))
        .map(|rest| {
            let len = rest
                .find(|c: char| !c.is_alphanumeric() && c != '_')
                .unwrap_or(rest.len());
            rest[..len].to_owned()
        })
        .collect()
}

/// Every (from, to) pair of top-level modules where library code of `from` names `to`;
/// `to` is `lib` for an item of the crate root.
fn edges() -> BTreeSet<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let root = root_items(&src);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let tests = test_files(&src, &files);
    let mut out = BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        if tests.contains(rel) {
            continue;
        }
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let from = first.strip_suffix(".rs").unwrap_or(first).to_owned();
        let text = std::fs::read_to_string(file).unwrap();
        for to in named_modules(library_part(&text)) {
            let is_module = src.join(format!("{to}.rs")).is_file() || src.join(&to).is_dir();
            if to != from && is_module {
                out.insert((from.clone(), to));
            } else if root.contains(&to) && from != "lib" {
                out.insert((from.clone(), "lib".to_owned()));
            }
        }
    }
    out
}

#[test]
fn no_module_uses_a_module_of_a_higher_layer() {
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut upward = Vec::new();
    for (from, to) in edges() {
        #[allow(clippy::print_stdout)] // the edge list on request, with --nocapture
        {
            println!("{from} -> {to}");
        }
        if ROOTS.contains(&format!("{from}.rs").as_str()) {
            continue;
        }
        let (f, t) = (rank(&from), rank(&to));
        assert!(
            f.is_some(),
            "module `{from}` has no layer: add it to LAYERS in src/layers.rs and to docs/design.md"
        );
        assert!(t.is_some() || to == "lib", "module `{to}` has no layer");
        if to == "lib" || t > f {
            upward.push(format!("{from} -> {to}"));
        }
    }
    assert!(
        upward.is_empty(),
        "modules that use a higher layer (see docs/design.md, Layers): {upward:?}"
    );
}

#[test]
fn every_top_level_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        let root_dir = path.is_dir() && ROOTS.contains(&format!("{name}.rs").as_str());
        if ROOTS.contains(&name) || root_dir || !(path.is_dir() || name.ends_with(".rs")) {
            continue;
        }
        let module = name.strip_suffix(".rs").unwrap_or(name);
        assert!(
            LAYERS.contains(&module),
            "module `{module}` has no layer: add it to LAYERS in src/layers.rs and to docs/design.md"
        );
    }
}

#[test]
fn grouped_and_nested_paths_name_their_first_segments() {
    let code = "use crate::{citations::Extracted, diagnostic::{Diagnostic, Severity}};\n\
                let x = crate::law::gdpr::exists(p); $crate::load::Node";
    assert_eq!(
        named_modules(code),
        ["citations", "diagnostic", "law", "load"]
    );
}

#[test]
fn the_crate_roots_own_items_are_known() {
    let root = root_items(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    for item in ["check", "build", "CheckOptions", "BuildOptions"] {
        assert!(root.contains(item), "{item}");
    }
}

#[test]
fn an_upward_use_in_library_code_is_seen_and_one_in_a_test_module_is_not() {
    let text = "use crate::render::x;\n\n#[cfg(test)]\nmod tests {\n    use crate::cli::y;\n}\n";
    assert_eq!(named_modules(library_part(text)), ["render"]);
}
