//! `privreg lint` and `privreg citations`: the citation linter on files.

use crate::support::{Project, privreg, repo_root, run_cmd, run_in};

fn seed() -> std::path::PathBuf {
    repo_root().join("../shared/seed/privacy-policy-section-10.txt")
}

#[test]
fn seed_has_exactly_two_errors_with_the_point_its_words_name() {
    // GDPR Art. 6(1) has points (a) to (f): "lit. 6" and "lit. 1" do not exist.
    let t = run_in(
        &repo_root(),
        &["lint", seed().to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(t.code, 1, "{t}");
    let diagnostics = t.diagnostics();
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 2, "{t}");
    assert_eq!(
        (errors[0]["line"].as_u64(), errors[0]["code"].as_str()),
        (Some(3), Some("PRV401"))
    );
    assert!(
        errors[0]["help"].as_str().unwrap().contains("lit. b"),
        "{t}"
    );
    assert_eq!(
        (errors[1]["line"].as_u64(), errors[1]["code"].as_str()),
        (Some(8), Some("PRV401"))
    );
    assert!(
        errors[1]["help"].as_str().unwrap().contains("lit. a"),
        "{t}"
    );
    let text = std::fs::read_to_string(seed()).unwrap();
    let line3 = text.lines().nth(2).unwrap();
    let col = errors[0]["column"].as_u64().unwrap() as usize;
    assert!(
        line3
            .chars()
            .skip(col - 1)
            .collect::<String>()
            .starts_with("Art. 6 para. 1 lit. 6 GDPR")
    );
}

#[test]
fn seed_report_in_human_form() {
    let t = run_in(
        &repo_root(),
        &["lint", "../shared/seed/privacy-policy-section-10.txt"],
    );
    insta::assert_snapshot!("seed_lint", t.to_string());
}

#[test]
fn citations_lists_every_citation_of_the_seed_as_json() {
    let t = run_in(
        &repo_root(),
        &[
            "citations",
            "../shared/seed/privacy-policy-section-10.txt",
            "--format",
            "json",
        ],
    );
    assert_eq!(t.code, 0, "{t}");
    insta::assert_snapshot!("seed_citations", t.stdout);
}

#[test]
fn every_lint_fixture_reports_its_rule_at_a_pinned_location() {
    let dir = repo_root().join("tests/fixtures/lint");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for rule in privreg::catalogue::ALL
        .iter()
        .filter(|r| r.code.starts_with("PRV4"))
    {
        assert!(
            names.iter().any(|n| n.starts_with(rule.code)),
            "no lint fixture for {}",
            rule.code
        );
    }
    for name in names {
        let p = Project::new();
        p.write(&name, &std::fs::read_to_string(dir.join(&name)).unwrap());
        let code = &name[..6];
        let t = p.run(&["lint", &name, "-W", code]);
        assert!(t.stdout.contains(&format!("[{code}]")), "{name}: {t}");
        insta::assert_snapshot!(format!("lint_{}", name.replace('.', "_")), t.to_string());
    }
}

#[test]
fn diff_shows_the_style_fix_and_writes_nothing_while_fix_rewrites_the_file() {
    let p = Project::new();
    let text = "Basis: Art. 6 para. 1 lit. b GDPR.\nAlso Art. 6(1)(f) GDPR and Art. 6 para. 1 lit. a GDPR.\n";
    p.write("policy.md", text);
    let diff = p.run(&["lint", "--diff", "policy.md"]);
    assert_eq!(diff.code, 0, "{diff}");
    assert!(diff.stdout.contains("-Also Art. 6(1)(f) GDPR"), "{diff}");
    assert!(
        diff.stdout.contains("+Also Art. 6 para. 1 lit. f GDPR"),
        "{diff}"
    );
    assert_eq!(p.read("policy.md"), text, "--diff must not write");
    let fix = p.run(&["lint", "--fix", "policy.md"]);
    assert_eq!(fix.code, 0, "{fix}");
    assert_eq!(
        p.read("policy.md"),
        text.replace("Art. 6(1)(f)", "Art. 6 para. 1 lit. f")
    );
    let again = p.run(&["lint", "policy.md"]);
    assert!(!again.stdout.contains("PRV404"), "{again}");
}

#[test]
fn diff_exits_1_when_the_file_has_errors_as_lint_does() {
    let p = Project::new();
    let text = "We rely on Art. 6 para. 1 lit. 6 GDPR and on Art. 6(1)(f) GDPR.\n";
    p.write("policy.md", text);
    let diff = p.run(&["lint", "--diff", "policy.md"]);
    assert_eq!(diff.code, 1, "{diff}");
    assert!(
        diff.stderr
            .contains("found 1 error that no fix can make: `privreg lint` without --diff shows it"),
        "{diff}"
    );
    assert_eq!(p.run(&["lint", "policy.md"]).code, 1);
    assert_eq!(p.read("policy.md"), text, "--diff must not write");
}

#[test]
fn fix_never_touches_a_citation_that_has_an_error() {
    let p = Project::new();
    p.write("privreg.yaml", "citation_style: abs-lit\n");
    let text = "Art. 6 para. 1 lit. 6 GDPR (no such point) and Art. 6 para. 1 lit. f GDPR.\n";
    p.write("policy.md", text);
    let diff = p.run(&["lint", "--diff", "policy.md"]);
    assert!(
        diff.stdout
            .contains("+Art. 6 para. 1 lit. 6 GDPR (no such point) and Art. 6 Abs. 1 lit. f GDPR."),
        "only the correct citation is restyled: {diff}"
    );
    let fix = p.run(&["lint", "--fix", "policy.md"]);
    assert_eq!(fix.code, 1, "the error is still there: {fix}");
    assert!(fix.stdout.contains("[PRV401]"), "{fix}");
    assert_eq!(
        p.read("policy.md"),
        "Art. 6 para. 1 lit. 6 GDPR (no such point) and Art. 6 Abs. 1 lit. f GDPR.\n"
    );
}

#[test]
fn without_a_configured_style_fixes_keep_to_the_styles_of_the_texts_language() {
    let p = Project::new();
    // English prose quoting two German citations: the German majority is no reason to
    // rewrite the English one into "Abs.".
    let english = "We rely on Art. 6(1)(f) GDPR. The German version cites Art. 6 Abs. 1 lit. a \
                   DSGVO and Art. 6 Abs. 1 lit. b DSGVO for the consent and the contract.\n";
    p.write("en.md", english);
    let fix = p.run(&["lint", "--fix", "en.md"]);
    assert_eq!(fix.code, 0, "{fix}");
    assert_eq!(
        p.read("en.md"),
        english
            .replace("Art. 6 Abs. 1 lit. a", "Art. 6(1)(a)")
            .replace("Art. 6 Abs. 1 lit. b", "Art. 6(1)(b)"),
        "{fix}"
    );
    // German prose keeps "Abs." even where an English citation is in the majority.
    let german = "Wir verarbeiten die Daten auf Grundlage von Art. 6 Abs. 1 lit. f DSGVO, für \
                  die Verträge nach Art. 6(1)(b) GDPR und Art. 6(1)(c) GDPR.\n";
    p.write("de.md", german);
    let fix = p.run(&["lint", "--fix", "de.md"]);
    assert_eq!(fix.code, 0, "{fix}");
    assert_eq!(
        p.read("de.md"),
        german
            .replace("Art. 6(1)(b)", "Art. 6 Abs. 1 lit. b")
            .replace("Art. 6(1)(c)", "Art. 6 Abs. 1 lit. c"),
        "{fix}"
    );
}

#[test]
fn configured_parens_style_rewrites_a_uniform_para_lit_document() {
    let p = Project::new();
    p.write("privreg.yaml", "citation_style: parens\n");
    p.write("policy.txt", "Basis: Art. 6 para. 1 lit. b GDPR.\n");
    let t = p.run(&["lint", "--fix", "policy.txt"]);
    assert_eq!(t.code, 0, "{t}");
    assert_eq!(p.read("policy.txt"), "Basis: Art. 6(1)(b) GDPR.\n");
}

#[test]
fn a_suppression_with_a_reason_silences_the_finding_and_one_without_is_reported() {
    let p = Project::new();
    p.write(
        "a.md",
        "<!-- privreg-ignore PRV401: quoted from the old policy on purpose -->\nOld text: Art. 6 para. 1 lit. 6 GDPR.\n",
    );
    let t = p.run(&["lint", "a.md"]);
    assert_eq!(t.code, 0, "{t}");
    p.write(
        "b.md",
        "<!-- privreg-ignore PRV401 -->\nOld text: Art. 6 para. 1 lit. 6 GDPR.\n",
    );
    let t = p.run(&["lint", "b.md"]);
    assert!(t.stdout.contains("PRV015"), "{t}");
}

#[test]
fn a_wrong_citation_in_register_free_text_is_found_by_check_at_its_line() {
    let p = Project::example();
    let path = "registers/10-3-sipgate.yaml";
    let text = p.read(path).replace(
        "      - Sipgate acts as a technical service provider and data processor.",
        "      - Sipgate acts as a data processor under Art. 28 para. 11 GDPR.",
    );
    p.write(path, &text);
    let t = p.run(&["check", "--format", "json"]);
    assert_eq!(t.code, 1, "{t}");
    let d = t
        .diagnostics()
        .into_iter()
        .find(|d| d["code"] == "PRV401")
        .expect("PRV401");
    let line = text.lines().position(|l| l.contains("para. 11")).unwrap() + 1;
    assert_eq!(d["file"], path);
    assert_eq!(d["line"], line);
}

#[test]
fn a_file_that_does_not_exist_is_an_io_error() {
    let p = Project::new();
    let t = p.run(&["lint", "nope.md"]);
    assert_eq!(t.code, 2, "{t}");
}

#[test]
fn the_built_policy_of_the_shipped_register_lints_clean() {
    let p = Project::example();
    let b = p.run(&["build"]);
    assert_eq!(b.code, 0, "{b}");
    for file in [
        "dist/privacy-policy.md",
        "dist/privacy-policy.html",
        "dist/privacy-policy.fragment.html",
    ] {
        let t = p.run(&["lint", file, "--deny", "warnings", "-W", "PRV405"]);
        assert_eq!(t.code, 0, "{file}: {t}");
        assert!(t.stdout.is_empty(), "{file}: {t}");
        let c = p.run(&["citations", file, "--format", "json"]);
        let doc: serde_json::Value = serde_json::from_str(&c.stdout).unwrap();
        let n = doc["citations"].as_array().unwrap().len();
        assert!(n >= 15, "{file}: only {n} citations recognised");
    }
}

#[test]
fn a_wrong_citation_in_a_project_template_is_found_by_check() {
    let p = Project::example();
    p.write(
        "templates/chapter.md",
        "# Processors\n\nSee Art. 6 para. 1 lit. g GDPR.\n",
    );
    let t = p.run(&["check", "--format", "concise"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(
        t.stdout.contains("templates/chapter.md:3:5: error[PRV401]"),
        "{t}"
    );
}

#[test]
fn hardening_1_a_multibyte_character_after_a_citation_never_panics() {
    // Issue 13, item 1: 118 bytes then "ä" put the end of a 120-byte window inside a
    // character; an entity name of 12 bytes did the same in HTML.
    let p = Project::new();
    let prose = format!(
        "Consent: Art. 6 para. 1 lit. a GDPR ({}ä)\n",
        "a".repeat(118)
    );
    p.write("p.txt", &prose);
    p.write(
        "p.html",
        &format!("<p>&{}ä; Art. 6 GDPR</p>\n", "a".repeat(11)),
    );
    p.write(
        "registers/a.yaml",
        &format!("id: a\norder: 1\ntitle: T\nsummary: \"{}\"\n", prose.trim()),
    );
    for args in [
        &["lint", "p.txt", "p.html"][..],
        &["lint", "--diff", "p.txt", "p.html"],
        &["lint", "--fix", "p.txt", "p.html"],
        &["citations", "p.txt", "p.html", "--format", "json"],
        &["check"],
        &["build"],
    ] {
        let t = p.run(args);
        assert!(t.code == 0 || t.code == 1, "{args:?}: {t}");
        assert!(!t.stderr.contains("panicked"), "{args:?}: {t}");
    }
}

#[test]
fn hardening_2_fixes_and_suppressions_belong_to_the_file_not_to_its_printed_name() {
    // Issue 13, item 2: `p.md` in the working directory and `../r/p.md` under `--root ../r`
    // display alike; each must get its own fixes, and a suppression only in its own file.
    let top = tempfile::tempdir().unwrap();
    let (cwd, root) = (top.path().join("c"), top.path().join("r"));
    std::fs::create_dir_all(&cwd).unwrap();
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("privreg.yaml"), "citation_style: parens\n").unwrap();
    std::fs::write(cwd.join("p.md"), "Art. 6 para. 1 lit. f GDPR applies.\n").unwrap();
    let other = "<!-- privreg-ignore PRV404: the old style is quoted on purpose -->\n\
                 We rely on Art. 6 para. 1 lit. a GDPR here.\n";
    std::fs::write(root.join("p.md"), other).unwrap();
    let t = run_cmd(
        privreg()
            .args(["lint", "--fix", "p.md", "../r/p.md", "--root", "../r"])
            .current_dir(&cwd),
    );
    assert!(!t.stderr.contains("panicked"), "{t}");
    assert_eq!(
        std::fs::read_to_string(cwd.join("p.md")).unwrap(),
        "Art. 6(1)(f) GDPR applies.\n",
        "{t}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("p.md")).unwrap(),
        other,
        "the suppressed file is left alone: {t}"
    );
}

/// Each `error[..]` block of human output: its `--> file:line:column` and its source line
/// as printed (`N | text`).
fn human_blocks(stdout: &str) -> Vec<(String, String)> {
    stdout
        .split("\n\n")
        .filter(|b| b.starts_with("error["))
        .map(|b| {
            let at = b
                .lines()
                .find_map(|l| l.trim_start().strip_prefix("--> "))
                .unwrap_or_else(|| panic!("no location in {b}"));
            let source = b
                .lines()
                .find(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
                .unwrap_or_else(|| panic!("no source line in {b}"));
            (at.to_owned(), source.trim_start().to_owned())
        })
        .collect()
}

/// `file:line:column` of each concise finding.
fn concise_locations(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| l.split(": ").next().unwrap().to_owned())
        .collect()
}

#[test]
fn thousands_of_findings_in_one_file_each_show_their_own_numbered_line() {
    // Issue 19, item 1: each snippet is cut from the lines around its span, so a large
    // file with many findings costs its length once, not once per finding.
    let p = Project::new();
    let mut text = String::new();
    for i in 1..=30_000 {
        if i % 10 == 7 {
            text.push_str(&format!("Line {i} cites Art. 100 GDPR for reasons.\n"));
        } else {
            text.push_str(&format!("Line {i} is prose without a citation.\n"));
        }
    }
    p.write("big.txt", &text);
    let human = p.run(&["lint", "big.txt"]);
    let concise = p.run(&["lint", "big.txt", "--format", "concise"]);
    assert_eq!(human.code, 1, "{human}");
    let blocks = human_blocks(&human.stdout);
    let locations = concise_locations(&concise.stdout);
    assert_eq!(blocks.len(), 3_000);
    assert_eq!(locations.len(), 3_000);
    for ((at, source), location) in blocks.iter().zip(&locations) {
        assert_eq!(at, location);
        let line: usize = location.split(':').nth(1).unwrap().parse().unwrap();
        assert_eq!(
            source,
            &format!("{line} | Line {line} cites Art. 100 GDPR for reasons.")
        );
    }
    assert!(human.stdout.ends_with("found 3000 errors and 0 warnings\n"));
}

#[test]
fn thousands_of_findings_on_one_line_each_point_at_their_own_column() {
    // Issue 19, item 1: one long line (minified HTML) with a finding every few bytes.
    let p = Project::new();
    let text = "<p>Art. 100 GDPR; Art. 6 para. 1 lit. g GDPR.</p>".repeat(1_500);
    p.write("min.html", &text);
    let human = p.run(&["lint", "min.html"]);
    let concise = p.run(&["lint", "min.html", "--format", "concise"]);
    assert_eq!(human.code, 1, "{human}");
    let blocks = human_blocks(&human.stdout);
    let locations = concise_locations(&concise.stdout);
    assert_eq!(blocks.len(), 3_000);
    assert_eq!(
        blocks.iter().map(|(at, _)| at).collect::<Vec<_>>(),
        locations.iter().collect::<Vec<_>>()
    );
    for (_, source) in &blocks {
        assert!(source.starts_with("1 | "), "{source}");
        assert!(source.contains("GDPR"), "{source}");
    }
}

/// A policy large enough to be scanned in pieces and checked by rules on several threads
/// (over 512 KB, thousands of citations), and one with enough findings to be written as
/// JSON a block per thread: the same findings and citations, byte for byte, on one thread
/// and on several.
#[test]
fn a_large_policy_gives_the_same_findings_on_one_thread_and_on_several() {
    let corpus =
        std::fs::read_to_string(repo_root().join("tests/fixtures/corpus/citations.tsv")).unwrap();
    let sentences: Vec<&str> = corpus
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(3))
        .collect();
    let mut text = String::new();
    while text.len() < 700 * 1024 {
        text.push_str(&sentences.join("\n"));
        text.push('\n');
    }
    let p = Project::new();
    p.write("policy.txt", &text);
    p.write(
        "policy.md",
        &format!("# Privacy\n\n{}", text.replace('\n', "\n\n")),
    );
    // Over 4,096 findings, written as JSON a block per thread.
    p.write("large.txt", &text.repeat(3));
    for args in [
        ["lint", "large.txt", "--format", "json"],
        ["lint", "policy.txt", "--format", "json"],
        ["lint", "policy.md", "--format", "json"],
        ["citations", "policy.txt", "--format", "json"],
        ["lint", "policy.md", "--format", "sarif"],
    ] {
        let run = |jobs: &str| {
            run_cmd(
                privreg()
                    .env("PRIVREG_JOBS", jobs)
                    .args(args)
                    .current_dir(p.path()),
            )
        };
        let one = run("1");
        assert!(one.stdout.len() > 100_000, "{args:?}: {}", one.stderr);
        for jobs in ["2", "3"] {
            let several = run(jobs);
            assert_eq!(several.code, one.code, "{args:?} on {jobs} threads");
            assert!(several.stdout == one.stdout, "{args:?} on {jobs} threads");
        }
    }
}
