//! `privreg build`: the shipped register as Markdown and HTML, faithfulness to the seed,
//! escaping, atomic and reproducible output, `--check`, broken templates, the Nu checker.

use std::path::{Path, PathBuf};

use crate::support::{Project, privreg, repo_root};

const MD: &str = "dist/privacy-policy.md";
const HTML: &str = "dist/privacy-policy.html";
const FRAGMENT: &str = "dist/privacy-policy.fragment.html";

fn built_example() -> Project {
    let p = Project::example();
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    p
}

/// The text a reader sees: tags removed, entities decoded, whitespace collapsed.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        // Citations are held together with no-break spaces (issue 11, item 7).
        .replace('\u{a0}', " ");
    collapse(&text)
}

/// The text a CommonMark renderer shows for `md`.
fn markdown_text(md: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut text = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t)
            }
            _ => text.push(' '),
        }
    }
    collapse(&text)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every file under `dir`, relative path and bytes, sorted.
fn snapshot_dir(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.strip_prefix(dir).unwrap().to_owned(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn shipped_register_renders_to_pinned_markdown_and_html() {
    let p = built_example();
    insta::assert_snapshot!("md", p.read(MD));
    insta::assert_snapshot!("html", p.read(HTML));
    let fragment = p.read(FRAGMENT);
    assert!(
        p.read(HTML).contains(&fragment),
        "the page embeds the fragment"
    );
    assert!(!fragment.contains("<html"), "the fragment is the body only");
}

#[test]
fn html_states_every_fact_of_the_seed_sections() {
    let text = html_text(&built_example().read(HTML));
    let facts = [
        // 10.1
        "10.1 Customer Communication via Slack",
        "the service Slack",
        "Salesforce, Inc., Salesforce Tower, 415 Mission Street, 3rd Floor, San Francisco, CA 94105, USA",
        "communication with selected customers",
        "communication content, contact details, and technical metadata (such as IP address, browser data)",
        "exclusively by invitation and with the informed participation of the respective users",
        "Art. 6 para. 1 lit. b GDPR (contractual performance or initiation)",
        "In cases of voluntary use, the processing is based on your consent pursuant to Art. 6 para. 1 lit. a GDPR",
        "concluded with Slack Technologies Limited",
        "Data is transferred to the USA. The transfer is based on the adequacy decision",
        "Data may be transferred to Google LLC in the USA",
        "the EU Standard Contractual Clauses (Commission Implementing Decision (EU) 2021/914) pursuant to Art. 46 para. 2 lit. c GDPR",
        "the adequacy decision for the EU-US Data Privacy Framework (Commission Implementing Decision (EU) 2023/1795) pursuant to Art. 45 para. 3 GDPR",
        "Google LLC is certified under the EU-US Data Privacy Framework",
        "Where that does not apply, it is based on the EU Standard Contractual Clauses",
        "Alternatively, it is based on the EU Standard Contractual Clauses",
        "A copy of the EU Standard Contractual Clauses is available at",
        "https://slack.com/trust/privacy/privacy-policy",
        // 10.2
        "10.2 Digital Business Cards and Contact Management via HiHello",
        "HiHello, Inc., 927 Industrial Avenue, Palo Alto, California 94303, USA",
        "creating, managing, and exchanging digital business cards",
        "initiating and maintaining business communication with customers, partners, and other contacts",
        "personal data such as names, contact details, job titles, and photos (where applicable)",
        "legitimate interest in effective external representation and contact management pursuant to Art. 6 para. 1 lit. f GDPR",
        "Where the use is voluntary, such as when you initiate contact via a digital business card",
        "concluded with HiHello, Inc.",
        "https://www.hihello.com/privacy",
        // 10.3
        "10.3 VoIP Communication and Transcription (Sipgate)",
        "sipgate GmbH, Gladbacher Str. 74, 40219 Düsseldorf, Germany",
        "conducting phone calls and VoIP communication",
        "call data such as phone numbers, time, and duration of calls",
        "No audio files or full call recordings are stored",
        "Sipgate may automatically generate a written summary (transcription) of the conversations",
        "internal documentation, quality assurance, and follow-up of customer communications",
        "Transcripts from Sipgate are passed on to our CRM system (HubSpot), where they are stored and further processed",
        "The processing of call content is based on our legitimate interest in efficient communication and a traceable documentation of customer interactions pursuant to Art. 6 para. 1 lit. f GDPR",
        "Sipgate acts as a technical service provider and data processor",
        "A data processing agreement (DPA) pursuant to Art. 28 GDPR has been concluded with sipgate GmbH",
        "https://www.sipgate.de/privacy",
        "Stored data is retained only as long as necessary to fulfill the purposes described above",
        "you have the right to object to this processing at any time",
        "(Art. 21 para. 1 GDPR)",
        // 10.4
        "10.4 Audio and Video Conferencing",
        "processed by the provider of the respective conference tool and by us",
        "(email address and/or your phone number)",
        "number of participants and other context information related to the communication process (metadata)",
        "IP addresses, MAC addresses, device IDs, device type, operating system type and version",
        "cloud recordings, chat/instant messages, voicemail, uploaded photos and videos, files, whiteboards",
        "largely determined by the corporate policy of the respective provider",
        "communication with prospective or existing contractual partners",
        "offering certain services to our customers",
        "For generally simplifying and accelerating communication with us or our company, the processing is based on our legitimate interest pursuant to Art. 6 para. 1 lit. f GDPR",
        "Insofar as consent has been requested, the processing is based on your consent",
        "You can revoke your consent at any time with effect for the future (Art. 7 para. 3 GDPR)",
        "deleted from our systems immediately after you request us to delete it, revoke your consent to storage, or the reason for storing the data no longer applies",
        "Stored cookies remain on your end device until you delete them",
        "Mandatory legal retention periods remain unaffected",
        "stored by the operators of the conference tools for their own purposes",
        "Google Meet",
        "Google Ireland Limited, Gordon House, Barrow Street, Dublin 4, Ireland",
        "https://www.dataprivacyframework.gov/participant/5780",
        "https://policies.google.com/privacy?hl=en",
        "concluded with Google Ireland Limited",
        // 10.5
        "10.5 Use of the Dashboard (Customer Area)",
        "solely for the following purposes: ensuring the security, stability, and integrity of our Dashboard",
        "login times, click behavior, technical error messages, unusual access patterns, or potentially automated accesses (e.g., by bots)",
        "detecting and preventing security-related incidents",
        "optimizing and monitoring technical operations",
        "The data is analyzed internally for security purposes only",
        "The data is not used for marketing or profiling purposes",
        "In addition, we use the service PostHog, provided by PostHog Inc., 965 Mission Street, San Francisco, CA 94103, USA",
        "analyzing technical errors and user interactions in the Dashboard (e.g., clicks, loading times, system errors)",
        "improving the user experience",
        "The processing is pseudonymized and conducted exclusively internally",
        "concluded with PostHog Inc.",
        "Data is transferred to the USA",
    ];
    assert!(facts.len() >= 40);
    let missing: Vec<_> = facts.iter().filter(|f| !text.contains(*f)).collect();
    assert!(missing.is_empty(), "missing facts: {missing:#?}\n\n{text}");
    // Google Ireland Limited is not on the DPF List (Implementing Decision (EU) 2023/1795,
    // Art. 1), and "and, where applicable" would put the SCCs before Art. 45.
    for wrong in [
        "lit. 6",
        "lit. 1 ",
        "Privacy Shield",
        "The provider is certified",
        "and, where applicable",
    ] {
        assert!(!text.contains(wrong), "`{wrong}` in the output");
    }
}

#[test]
fn the_example_adds_no_fact_the_seed_does_not_state() {
    // Issue 11, item 8: the rendered chapter said more than the seed.
    let text = html_text(&built_example().read(HTML));
    for added in [
        // Seed 10.3: transcripts are "subsequently uploaded to our CRM system"; by whom, it
        // does not say.
        "Sipgate transfers",
        "Sipgate uploads",
        "We upload",
        "we upload",
        // Seed 10.3 bases only "the processing of call content" on legitimate interests.
        "The processing is based on our legitimate interest in efficient communication",
        // Seed 10.2: "personal data such as names, ...": examples, not a complete list.
        "the following personal data: names",
        // Seed 10.4: one provider, Google.
        "We and the providers",
        // Seed 10.5: PostHog's purposes have no basis in the seed; none may be implied.
        "PostHog processes the data on the basis",
    ] {
        assert!(
            !text.contains(added),
            "`{added}` is not in the seed:\n{text}"
        );
    }
    // What the seed limits, the output limits: "solely", "such as", "of call content".
    for kept in [
        "solely for the following purposes",
        "personal data such as names",
        "The processing of call content is based on",
    ] {
        assert!(text.contains(kept), "`{kept}` lost:\n{text}");
    }
}

#[test]
fn shared_text_of_10_4_precedes_each_tool_and_10_5_keeps_its_two_parts() {
    let md = built_example().read(MD);
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("`{s}` missing"));
    assert!(at("#### Data processing") < at("#### Services used"));
    assert!(at("#### Services used") < at("##### Google Meet"));
    assert!(
        at("We process personal data ourselves") < at("In addition, we use the service PostHog")
    );
    assert!(at("### 10.4") < at("### 10.5"));
}

#[test]
fn parens_citation_style_rewrites_every_generated_citation() {
    let p = Project::example();
    let cfg = p.read("privreg.yaml").replace("para-lit", "parens");
    p.write("privreg.yaml", &cfg);
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    let md = p.read(MD);
    assert!(md.contains("Art. 6(1)(b) GDPR (contractual performance or initiation)"));
    assert!(md.contains("Art. 46(2)(c) GDPR"));
    assert!(md.contains("Art. 45(3) GDPR"));
    assert!(!md.contains("para."), "no citation in the other style");
}

#[test]
fn hostile_values_appear_literally_in_both_outputs() {
    let p = Project::new();
    p.write(
        "registers/hostile.yaml",
        &std::fs::read_to_string(repo_root().join("tests/fixtures/build/hostile.yaml")).unwrap(),
    );
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    let (md, html, fragment) = (p.read(MD), p.read(HTML), p.read(FRAGMENT));
    let (md_text, html_text) = (markdown_text(&md), html_text(&html));
    for typed in [
        "<script>alert(1)</script>",
        "*bold*",
        "# heading",
        "`code`",
        "[x](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "_under_ & &amp; entity",
        "- not a list item",
        "1. not an ordered list",
        "> not a quote",
        "---",
        "<b>bold</b> scope",
        "[Tool](https://evil.example)",
        "Evil <Corp>",
        "1 *Main* Street",
        "https://tool.example/privacy?a=1&b=<2>",
        "for `30` days",
    ] {
        assert!(
            md_text.contains(typed),
            "Markdown does not show `{typed}`:\n{md}"
        );
        assert!(
            html_text.contains(typed),
            "HTML does not show `{typed}`:\n{html}"
        );
    }
    // Nothing the user typed became markup.
    for markup in [
        "<script",
        "<img",
        "<em>",
        "<strong>",
        "<code>",
        "<blockquote>",
        "<hr",
        "<li>",
        "<b>",
    ] {
        assert!(
            !fragment.contains(markup),
            "`{markup}` in the HTML:\n{fragment}"
        );
    }
    assert!(!fragment.contains("href=\"javascript"), "{fragment}");
    assert!(
        !fragment.contains("href=\"https://evil.example"),
        "{fragment}"
    );
    assert_eq!(
        fragment.matches("<h").count(),
        2,
        "only the generated headings:\n{fragment}"
    );
}

#[test]
fn hardening_18_an_alias_renders_as_the_value_it_stands_for_numbers_included() {
    let p = Project::new();
    p.write(
        "registers/aliases.yaml",
        &std::fs::read_to_string(repo_root().join("tests/fixtures/build/aliases.yaml")).unwrap(),
    );
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    let (md, html) = (markdown_text(&p.read(MD)), html_text(&p.read(HTML)));
    for text in [md, html] {
        assert_eq!(
            text.matches("provided by IONOS SE, 56410, Germany").count(),
            2,
            "{text}"
        );
        assert_eq!(text.matches("27001.").count(), 2, "{text}");
        assert!(text.contains("56410."), "{text}");
        assert!(!text.contains("*iso") && !text.contains("*zip"), "{text}");
    }
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let p = built_example();
    let dist = p.path().join("dist");
    let before = snapshot_dir(&dist);
    let text = p
        .read("registers/10-1-slack.yaml")
        .replace("basis: contract", "basis: contrakt");
    p.write("registers/10-1-slack.yaml", &text);
    let t = p.run(&["build"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(
        t.stdout.contains("contrakt"),
        "the finding is reported: {t}"
    );
    assert_eq!(snapshot_dir(&dist), before);
    let leftovers: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".privreg"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn rebuilding_replaces_the_output_and_leaves_no_temporary_directories() {
    let p = built_example();
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    let mut names: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["dist", "privreg.yaml", "registers"]);
}

#[test]
fn two_builds_are_identical_whatever_the_file_order_locale_or_time() {
    let a = Project::example();
    // The same register, files created in reverse order, under another locale and zone.
    let b = Project::new();
    b.write("privreg.yaml", &a.read("privreg.yaml"));
    let mut files: Vec<_> = std::fs::read_dir(a.path().join("registers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    for name in files.iter().rev() {
        b.write(
            &format!("registers/{name}"),
            &a.read(&format!("registers/{name}")),
        );
    }
    assert_eq!(a.run(&["build"]).code, 0);
    let out = privreg()
        .args(["build", "--root"])
        .arg(b.path())
        .current_dir(b.path())
        .env("LANG", "de_DE.UTF-8")
        .env("LC_ALL", "tr_TR.UTF-8")
        .env("TZ", "Pacific/Kiritimati")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        snapshot_dir(&a.path().join("dist")),
        snapshot_dir(&b.path().join("dist"))
    );
}

#[test]
fn last_updated_comes_from_source_date_epoch_when_privreg_yaml_has_none() {
    let p = Project::example();
    let cfg = p
        .read("privreg.yaml")
        .replace("last_updated: \"2026-11-29\"\n", "");
    p.write("privreg.yaml", &cfg);
    assert_eq!(p.run_dated(None, &["build"]).code, 0);
    assert!(
        !p.read(MD).contains("Last updated"),
        "no date without a source: the clock is never published"
    );
    assert_eq!(p.run_dated(Some("1767225600"), &["build"]).code, 0);
    assert!(p.read(MD).contains("Last updated: 2026-01-01\n"));
}

#[test]
fn check_flag_passes_when_current_and_detects_a_one_word_change() {
    let p = built_example();
    let t = p.run(&["build", "--check"]);
    assert_eq!(t.code, 0, "{t}");
    let before = snapshot_dir(&p.path().join("dist"));
    let text = p
        .read("registers/10-3-sipgate.yaml")
        .replace("purposes described above", "purposes stated above");
    p.write("registers/10-3-sipgate.yaml", &text);
    let t = p.run(&["build", "--check"]);
    assert_eq!(t.code, 1, "{t}");
    assert_eq!(
        snapshot_dir(&p.path().join("dist")),
        before,
        "--check writes nothing"
    );
    let md_diff = &t.stdout[t
        .stdout
        .find("--- dist/privacy-policy.md")
        .expect("md diff")..];
    let md_diff = &md_diff[..md_diff
        .find("--- dist/privacy-policy.html")
        .unwrap_or(md_diff.len())];
    insta::assert_snapshot!("check_diff", md_diff);
    assert!(
        t.stdout
            .contains("--- dist/privacy-policy.fragment.html\n+++ generated\n")
    );
}

#[test]
fn check_flag_counts_a_missing_file_as_stale() {
    let p = built_example();
    std::fs::remove_file(p.path().join(FRAGMENT)).unwrap();
    let t = p.run(&["build", "--check"]);
    assert_eq!(t.code, 1, "{t}");
    assert!(
        t.stdout
            .contains("dist/privacy-policy.fragment.html: missing"),
        "{t}"
    );
    assert!(t.stdout.contains("@@ -0,0 +1,"), "{t}");
}

#[test]
fn out_flag_is_relative_to_the_current_directory() {
    let p = Project::example();
    let cwd = tempfile::tempdir().unwrap();
    let out = privreg()
        .args(["build", "--out", "public/policy", "--root"])
        .arg(p.path())
        .current_dir(cwd.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        cwd.path()
            .join("public/policy/privacy-policy.html")
            .is_file()
    );
    assert!(!p.path().join("dist").exists());
}

#[test]
fn output_directory_with_foreign_files_is_refused() {
    let p = Project::example();
    p.write("dist/notes.txt", "mine");
    let t = p.run(&["build"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(t.stderr.contains("notes.txt"), "{t}");
    assert_eq!(p.read("dist/notes.txt"), "mine");
}

#[test]
fn broken_template_is_an_error_naming_template_line_and_expression() {
    let p = Project::example();
    p.write(
        "templates/section.md",
        "{{ section.heading }} {{ section.number }}\n\n{{ section.purpose_typo }}\n",
    );
    let t = p.run(&["build"]);
    assert_eq!(t.code, 2, "{t}");
    insta::assert_snapshot!("undefined", t.stderr);
    assert!(!p.path().join("dist").exists(), "nothing written");

    p.write(
        "templates/section.md",
        "ok\n{% if section.title %}\nunclosed\n",
    );
    let t = p.run(&["build"]);
    assert_eq!(t.code, 2, "{t}");
    insta::assert_snapshot!("syntax", t.stderr);
    assert!(!p.path().join("dist").exists(), "nothing written");
}

#[test]
fn project_template_overrides_the_embedded_one_file_by_file() {
    let p = Project::example();
    p.write(
        "templates/section.md",
        "{{ section.heading }} {{ section.number }} {{ section.title }}\n\nSee {{ cite(6, 1, \"f\") }}.\n",
    );
    assert_eq!(p.run(&["build"]).code, 0);
    let md = p.read(MD);
    assert!(
        md.starts_with("## 10 Processors and services we use\n"),
        "chapter.md is still embedded"
    );
    assert!(md.contains(
        "### 10.1 Customer Communication via Slack\n\nSee Art. 6 para. 1 lit. f GDPR.\n"
    ));
}

#[test]
#[ignore = "needs vnu (npm vnu-jar) and java; .ci/run runs it"]
fn vnu_finds_no_error_in_the_page() {
    let jar = std::env::var_os("VNU_JAR").map_or_else(
        || repo_root().join("node_modules/vnu-jar/build/dist/vnu.jar"),
        PathBuf::from,
    );
    assert!(
        jar.is_file(),
        "vnu.jar not found at {}; set VNU_JAR",
        jar.display()
    );
    let p = built_example();
    // The German and English pages of the bilingual example too: `lang`, `hreflang` links
    // and the language switch.
    let bilingual = Project::new();
    crate::broken::copy_dir(&repo_root().join("examples/de-en"), bilingual.path());
    assert_eq!(bilingual.run(&["build"]).code, 0);
    let out = std::process::Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg("--errors-only")
        .arg(p.path().join(HTML))
        .arg(bilingual.path().join("dist/privacy-policy.de.html"))
        .arg(bilingual.path().join("dist/privacy-policy.en.html"))
        .output()
        .expect("java runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn build_says_on_stderr_what_it_wrote_and_check_says_when_current() {
    let p = Project::example();
    let t = p.run(&["build", "--format", "json"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(
        t.stderr.contains(
            "wrote privacy-policy.md, privacy-policy.html, privacy-policy.fragment.html to dist"
        ),
        "{t}"
    );
    serde_json::from_str::<serde_json::Value>(&t.stdout).expect("stdout stays pure JSON");
    let c = p.run(&["build", "--check"]);
    assert_eq!(c.code, 0, "{c}");
    assert!(c.stderr.contains("dist is current"), "{c}");
}

#[test]
fn every_transfer_mechanism_and_relation_renders_in_both_citation_styles() {
    // Art. 45(3) (DPF, Implementing Decision (EU) 2023/1795; GB, JP), Art. 45(9) (CH,
    // Decision 2000/518/EC), Art. 46(2)(b) and (c) with the copy of Art. 13(1)(f), Art. 49(1)(a)
    // and (b); fallback and alternatives in the GDPR's order.
    let mut shown = String::new();
    for style in ["para-lit", "parens"] {
        let p = Project::new();
        p.write("privreg.yaml", &format!("citation_style: {style}\n"));
        p.write(
            "registers/transfers.yaml",
            &std::fs::read_to_string(repo_root().join("tests/fixtures/build/transfers.yaml"))
                .unwrap(),
        );
        let t = p.run(&["build"]);
        assert_eq!(t.code, 0, "{t}");
        shown.push_str(&format!("## {style}\n"));
        for line in p.read(MD).lines() {
            let about = [
                "transfer",
                "Transfer",
                "certified",
                "copy",
                "Copies",
                "falls under",
                "- ",
                "Where that",
                "Alternatively",
            ];
            if about.iter().any(|w| line.contains(w)) {
                shown.push_str(line);
                shown.push('\n');
            }
        }
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn processors_independent_and_joint_controllers_are_each_stated_in_their_role() {
    // Art. 28 (a processor's DPA), Art. 4(7) and 13(1)(e) (an independent controller's own
    // purposes), Art. 26(1) and (2) (joint controllers: arrangement and contact point).
    let p = Project::new();
    p.write(
        "registers/roles.yaml",
        &std::fs::read_to_string(repo_root().join("tests/fixtures/build/roles.yaml")).unwrap(),
    );
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    let md = p.read(MD);
    let shown: String = md
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(!md.contains("processing the payment and preventing fraud.\nPayments"));
    insta::assert_snapshot!(shown);
}

#[test]
fn hardening_20_a_chapter_with_markdown_characters_keeps_anchors_and_contents() {
    // The anchors were keyed by the escaped number (`1\*2.1`), the headings matched on
    // the text they show (`1*2.1`), so no heading got its id and the contents were empty.
    for (chapter, shown) in [
        ("1*2", "1*2"),
        ("[x]", "[x]"),
        ("_a_ `b`", "_a_ `b`"),
        ("A  1", "A 1"),
        ("&amp;", "&amp;"),
        ("7", "7"),
    ] {
        let p = Project::example();
        let cfg = p.read("privreg.yaml").replace(
            "chapter: \"10\"",
            &format!("chapter: {}", serde_json::to_string(chapter).unwrap()),
        );
        p.write("privreg.yaml", &cfg);
        let t = p.run(&["build"]);
        assert_eq!(t.code, 0, "{chapter}: {t}");
        let html = p.read(HTML);
        let anchors = [
            "slack",
            "hihello",
            "sipgate",
            "video-conferencing",
            "dashboard",
        ];
        for (i, id) in anchors.iter().enumerate() {
            assert!(
                html.contains(&format!("<h3 id=\"{id}\">")),
                "{chapter}: heading of {id} has no id:\n{html}"
            );
            let entry = format!("<li><a href=\"#{id}\">{}.{} ", escape_html(shown), i + 1);
            assert!(html.contains(&entry), "{chapter}: no `{entry}` in:\n{html}");
        }
    }
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(unix)]
#[test]
fn hardening_13_templates_are_read_only_from_inside_the_templates_directory() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret"), "SECRET of the machine\n").unwrap();
    let refused = |p: &Project, named: &str| {
        let t = p.run(&["build"]);
        assert_eq!(t.code, 2, "{t}");
        assert!(t.stderr.contains(named), "names {named}: {t}");
        assert!(
            t.stderr.contains("outside") || t.stderr.contains("plain"),
            "{t}"
        );
        assert!(
            !t.stdout.contains("SECRET") && !t.stderr.contains("SECRET"),
            "{t}"
        );
        assert!(!p.path().join("dist").exists(), "nothing written");
    };

    // A linked directory inside templates/, reached by `{% include %}`.
    let p = Project::example();
    p.write("templates/section.md", "{% include \"etc/secret\" %}\n");
    symlink(outside.path(), p.path().join("templates/etc")).unwrap();
    refused(&p, "`etc/secret`");

    // A linked file: `check` lints it before `build` renders it.
    let p = Project::example();
    std::fs::create_dir(p.path().join("templates")).unwrap();
    symlink(
        outside.path().join("secret"),
        p.path().join("templates/section.md"),
    )
    .unwrap();
    refused(&p, "`section.md`");
    assert_eq!(p.run(&["check"]).code, 2);

    // Names that climb out or start at the root.
    for name in ["../privreg.yaml", "/etc/passwd", "./section.md", "a//b"] {
        let p = Project::example();
        p.write(
            "templates/chapter.md",
            &format!("{{% include {name:?} %}}\n"),
        );
        refused(&p, &format!("`{name}`"));
    }

    // templates/ itself leading out of the project.
    let p = Project::example();
    symlink(outside.path(), p.path().join("templates")).unwrap();
    refused(&p, "templates/");

    // A link that stays inside the directory is fine.
    let p = Project::example();
    p.write(
        "templates/real/section.md",
        "{{ section.heading }} {{ section.number }} {{ section.title }}\n\nLinked.\n",
    );
    symlink(
        p.path().join("templates/real/section.md"),
        p.path().join("templates/section.md"),
    )
    .unwrap();
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(
        p.read(MD)
            .contains("### 10.1 Customer Communication via Slack\n\nLinked.\n")
    );
}

#[test]
fn hardening_8_a_template_that_does_not_end_stops_at_the_fuel_limit_with_exit_2() {
    let p = Project::example();
    // Nested loops that would run 10^10 times; the body makes the limit come in a second.
    p.write(
        "templates/section.md",
        "{% for i in range(100000) %}{% for j in range(100000) %}\
         {% set x = \"y\" * 100000 %}{% endfor %}{% endfor %}\n",
    );
    let t = p.run(&["build"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(
        t.stderr.contains("section.md:1: engine ran out of fuel: "),
        "names the template: {t}"
    );
    assert!(
        t.stderr
            .contains("its fuel allows (10 million, and 5000 more per section"),
        "names the limit: {t}"
    );
    assert!(!p.path().join("dist").exists(), "nothing written");
}

#[test]
fn hardening_8_output_over_the_size_limit_is_exit_2() {
    let p = Project::example();
    // 140 MB in 100 kB pieces: little fuel, much output.
    p.write(
        "templates/chapter.md",
        "{% for i in range(1400) %}{{ \"y\" * 100000 }}{% endfor %}\n",
    );
    let t = p.run(&["build"]);
    assert_eq!(t.code, 2, "{t}");
    assert!(
        t.stderr
            .contains("chapter.md: the output is over the limit of 64 MiB"),
        "names the template and the limit: {t}"
    );
    assert!(!p.path().join("dist").exists(), "nothing written");
}

#[test]
fn hardening_17_control_and_bidi_characters_never_reach_the_output() {
    // Every kind PRV019 names, as YAML escapes: C0, ESC, DEL, C1, noncharacters, overrides,
    // isolates and marks.
    let bad = "\\0\\x1B[2J\\x7F\\x85\\x9F\\uFFFE\\uFFFF\\uFDD0\\u202A\\u202E\\u2066\\u2069\\u200E\\u200F\\u061C\\r\\x0B";
    let forbidden = [
        '\0', '\u{1B}', '\u{7F}', '\u{85}', '\u{9F}', '\u{FFFE}', '\u{FFFF}', '\u{FDD0}',
        '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{61C}', '\r',
        '\u{0B}',
    ];
    let v = format!("\"Evil {bad} Corp\"");
    let p = Project::new();
    p.write(
        "privreg.yaml",
        &format!(
            "chapter: {v}\ntitle: {v}\ncontroller: {{legal_name: {v}, address: {v}, country: DE, phone: {v}}}\n"
        ),
    );
    p.write(
        "registers/a.yaml",
        &format!(
            "id: a\norder: 1\ntitle: {v}\nprocessed_by: processors\nsummary: {v}\n\
             purposes: [{v}, {v}]\ndata_categories: [{v}]\nmeasures: [{v}]\ndetails: [{v}]\n\
             data_subjects: [{v}]\nsecurity_measures: [{v}]\ndpia: {v}\n\
             legal_bases:\n  - basis: legitimate-interests\n    interest: {v}\n    scope: {v}\n\
             retention: {{period: {v}, criteria: {v}, notes: [{v}]}}\n\
             provision: {{requirement: voluntary, consequences: {v}}}\n\
             processors:\n  - service: {v}\n    provider: {{legal_name: {v}, address: {v}, country: DE}}\n\
             \x20   dpa: {{concluded: true, counterparty: {v}}}\n\
             \x20   onward_recipients: [{{name: {v}, description: {v}, data: [{v}], purpose: {v}, provider: {{legal_name: {v}, address: {v}, country: DE}}}}]\n\
             \x20   privacy_policy: \"https://a.example/\\u202Ex\"\n"
        ),
    );

    let t = p.run(&["check", "--format", "json"]);
    assert_eq!(t.code, 1, "{t}");
    let codes: Vec<_> = t.diagnostics().iter().map(|d| d["code"].clone()).collect();
    assert!(codes.iter().all(|c| c == "PRV019"), "{t}");
    assert_eq!(codes.len(), 32, "one per string: {t}");

    let t = p.run(&["build", "-A", "PRV019"]);
    assert_eq!(t.code, 0, "{t}");
    for file in [MD, HTML, FRAGMENT] {
        let text = p.read(file);
        assert!(
            text.contains("Evil \u{FFFD}"),
            "{file}: replaced, not dropped:\n{text}"
        );
        for c in forbidden {
            assert!(
                !text.contains(c),
                "{file} holds U+{:04X}:\n{text}",
                u32::from(c)
            );
        }
    }
    assert!(
        p.read(HTML).contains("<li><a href=\"#a\">Evil"),
        "anchors hold: {}",
        p.read(HTML)
    );
}

#[test]
fn a_condition_on_a_middle_legal_basis_reads_as_one_clause() {
    // The separator and the condition each wrote a comma: "(scope),, where ..., on".
    let p = Project::new();
    p.write(
        "registers/a.yaml",
        "id: a\norder: 1\ntitle: T\npurposes: [p]\ndata_categories: [d]\n\
         legal_bases:\n  - basis: contract\n    scope: the contract\n\
         \x20 - basis: consent\n    condition: where you ask for it\n\
         \x20 - basis: legal-obligation\n    scope: tax law\n\
         retention:\n  period: one year\n",
    );
    assert_eq!(p.run(&["build"]).code, 0);
    let md = p.read(MD);
    assert!(!md.contains(",,"), "{md}");
    assert!(
        md.contains("(the contract) or on Art. 6 para. 1 lit. c GDPR (tax law)."),
        "{md}"
    );
    assert!(
        md.contains("Where you ask for it, the processing is based on your consent"),
        "{md}"
    );
}

#[test]
fn a_copy_on_request_names_the_controller_where_privreg_yaml_does() {
    // Art. 13(1)(f): "the means by which to obtain a copy"; the contact comes from
    // `controller` in privreg.yaml, and without it the text says "from us".
    let p = Project::new();
    p.write(
        "registers/transfers.yaml",
        &std::fs::read_to_string(repo_root().join("tests/fixtures/build/transfers.yaml")).unwrap(),
    );
    assert_eq!(p.run(&["build"]).code, 0);
    assert!(p.read(MD).contains("available from us on request."));
    p.write(
        "privreg.yaml",
        "controller: { legal_name: Example GmbH, address: \"Hauptstr. 9, 10115 Berlin\", country: DE, email: privacy@example.com }\n",
    );
    assert_eq!(p.run(&["build"]).code, 0);
    let md = p.read(MD);
    assert!(
        md.contains("binding corporate rules is available on request from Example GmbH, Hauptstr. 9, 10115 Berlin, Germany (<privacy@example.com>)."),
        "{md}"
    );
    assert!(!md.contains("from us on request"), "{md}");
}

#[test]
fn the_chapter_opens_with_the_controller_its_dpo_and_its_representative() {
    // Art. 13(1)(a)-(b) GDPR: identity and contact details of the controller and its
    // representative, and the contact details of the data protection officer.
    let p = Project::example();
    p.write(
        "privreg.yaml",
        "controller:\n  legal_name: Example Inc.\n  address: 1 Market Street, San Francisco, CA 94105\n  \
         country: US\n  email: privacy@example.com\n  phone: \"+1 415 555 0100\"\n  \
         web_form: https://example.com/privacy-request\n  \
         dpo: { email: dpo@example.com, address: \"Ring 5, 50667 Köln\" }\n  \
         representative: { legal_name: EU Rep Ltd, address: \"1 Main Street, Dublin 2\", country: IE, email: rep@example.ie }\n\
         rules: { purpose-basis-missing: warning }\n",
    );
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    let md = p.read(MD);
    let head: String = md
        .lines()
        .take_while(|l| !l.starts_with("### "))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(head);
    let html = p.read("dist/privacy-policy.fragment.html");
    assert!(
        html.contains("<a href=\"mailto:privacy@example.com\">privacy@example.com</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://example.com/privacy-request\">"),
        "{html}"
    );
}

#[test]
fn every_form_of_retention_reads_as_a_sentence() {
    // Art. 13(2)(a) GDPR: "the period ... or, if that is not possible, the criteria used to
    // determine that period"; § 257 HGB and § 147 AO are the German commercial and tax
    // retention periods a register names as statutory.
    let p = Project::new();
    p.write(
        "registers/a.yaml",
        "id: shop\norder: 1\ntitle: Shop\npurposes: [selling goods]\n\
         data_categories: [names, invoices, server logs]\n\
         legal_bases:\n  - basis: contract\n\
         retention:\n  until: the end of the contract\n  statutory: [§ 257 HGB, § 147 AO]\n  \
         by_category:\n    - data: [server logs]\n      duration: 7 days\n    \
         - data: [invoices]\n      duration: 10 years\n      until: the end of the calendar year of the invoice\n    \
         - data: [support tickets]\n      criteria: tickets are deleted once the question is answered\n",
    );
    p.write(
        "registers/b.yaml",
        "id: newsletter\norder: 2\ntitle: Newsletter\npurposes: [sending our newsletter]\n\
         data_categories: [email address]\nlegal_bases:\n  - basis: consent\n\
         direct_marketing: [sending our newsletter]\nretention:\n  period: 14 days\n",
    );
    p.write(
        "registers/c.yaml",
        "id: records\norder: 3\ntitle: Records\npurposes: [keeping records]\n\
         data_categories: [names]\nlegal_bases:\n  - basis: legal-obligation\n\
         retention:\n  statutory: [§ 147 AO]\n",
    );
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    let md = p.read(MD);
    let kept: Vec<&str> = md
        .lines()
        .filter(|l| {
            l.starts_with("We keep") || l.starts_with("For support") || l.starts_with("Stored data")
        })
        .collect();
    insta::assert_snapshot!(kept.join("\n"));
}

#[test]
fn device_access_is_stated_with_the_law_the_project_names() {
    // § 25(1) and (2) no. 2 TDDDG; Art. 5(3) of Directive 2002/58/EC.
    let p = Project::new();
    for (i, access) in ["consent", "strictly-necessary", "none"].iter().enumerate() {
        p.write(
            &format!("registers/{access}.yaml"),
            &format!(
                "id: s{i}\norder: {}\ntitle: T{i}\npurposes: [keeping you logged in]\n\
                 data_categories: [session id]\nlegal_bases:\n  - basis: contract\n\
                 device_access: {access}\nretention:\n  duration: 1 day\n",
                i + 1
            ),
        );
    }
    let mut shown = String::new();
    for config in [
        "chapter: \"10\"\n",
        "citation_style: parens\n",
        "device_access_law: eprivacy\n",
        "device_access_law: eprivacy\ncitation_style: parens\n",
    ] {
        p.write("privreg.yaml", config);
        let t = p.run(&["build"]);
        assert_eq!(t.code, 0, "{t}");
        shown.push_str(&format!("## {}\n", config.replace('\n', " ")));
        for line in p.read(MD).lines().filter(|l| l.contains("your device")) {
            shown.push_str(line);
            shown.push('\n');
        }
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn the_remaining_information_duties_are_stated_in_sentences() {
    // Art. 13(2)(e) (provision), Art. 13(2)(f) and 22 (automated decisions), Art. 14(1)(d)
    // and 14(2)(f) (sources), Art. 8(1) (children's consent) GDPR.
    let p = Project::new();
    p.write("privreg.yaml", "child_consent_age: 14\n");
    p.write(
        "registers/a.yaml",
        "id: shop\norder: 1\ntitle: Shop\npurposes: [selling on account]\n\
         data_categories: [payment history]\nlegal_bases:\n  - basis: contract\n  - basis: consent\n    \
         condition: where you subscribe to offers\n\
         provision: { requirement: contract-prerequisite, consequences: we cannot deliver your order }\n\
         automated_decisions:\n  used: true\n  logic: a score from your payment history decides whether we offer purchase on account\n  \
         consequences: without a sufficient score, you can pay in advance only\n  ground: contract\n\
         sources:\n  - { source: SCHUFA Holding AG, data_categories: [credit score] }\n  \
         - { source: the commercial register, public: true, data_categories: [company name, managing directors] }\n\
         children: true\nretention:\n  duration: 3 years\n",
    );
    p.write(
        "registers/b.yaml",
        "id: news\norder: 2\ntitle: News\npurposes: [informing you]\ndata_categories: [email address]\n\
         legal_bases:\n  - basis: consent\nprovision: { requirement: voluntary }\n\
         automated_decisions: { used: false }\nretention:\n  until: you unsubscribe\n",
    );
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    let md = p.read(MD);
    let duties: Vec<&str> = md
        .lines()
        .filter(|l| {
            [
                "You are",
                "Providing",
                "If you",
                "We take",
                "The logic",
                "The significance",
                "Such a",
                "You have the right to obtain",
                "We receive",
            ]
            .iter()
            .any(|s| l.starts_with(s))
        })
        .collect();
    insta::assert_snapshot!(duties.join("\n"));
}

/// The example's registers cloned `copies` times each, with unique ids and orders, into a
/// new project: enough files that loading them is spread over several threads.
fn cloned_example(copies: usize) -> Project {
    let example = Project::example();
    let p = Project::new();
    p.write("privreg.yaml", &example.read("privreg.yaml"));
    let mut names: Vec<_> = std::fs::read_dir(example.path().join("registers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut order = 0;
    for copy in 0..copies {
        for name in &names {
            order += 1;
            let text = example.read(&format!("registers/{name}"));
            let text: String = text
                .lines()
                .map(|l| match l {
                    l if l.starts_with("id: ") => format!("id: s{order:04}\n"),
                    l if l.starts_with("order: ") => format!("order: {order}\n"),
                    l => format!("{l}\n"),
                })
                .collect();
            p.write(&format!("registers/c{copy:03}-{name}"), &text);
        }
    }
    p
}

/// Runs privreg with `PRIVREG_JOBS=jobs`.
fn run_jobs(p: &Project, jobs: &str, args: &[&str]) -> crate::support::Transcript {
    crate::support::run_cmd(
        privreg()
            .env("PRIVREG_JOBS", jobs)
            .args(args)
            .arg("--root")
            .arg(p.path())
            .current_dir(p.path()),
    )
}

#[test]
fn one_thread_and_several_build_the_same_bytes_and_report_the_same_findings() {
    let p = cloned_example(40);
    let one = run_jobs(&p, "1", &["build", "--out", "one"]);
    assert_eq!(one.code, 0, "{one}");
    for jobs in ["2", "3", "8"] {
        let out = format!("out-{jobs}");
        let several = run_jobs(&p, jobs, &["build", "--out", &out]);
        assert_eq!(several.code, 0, "{several}");
        assert_eq!(several.stdout, one.stdout, "{jobs} threads");
        assert_eq!(
            snapshot_dir(&p.path().join("one")),
            snapshot_dir(&p.path().join(&out)),
            "{jobs} threads"
        );
    }
    // Findings of every stage: the loader (a syntax error, an unknown field), the rules,
    // and the citation linter on prose, spread over files that different threads load.
    p.write("registers/c005-broken.yaml", "id: [unclosed\n");
    p.write(
        "registers/c017-extra.yaml",
        &p.read("registers/c017-10-1-slack.yaml")
            .replacen("title:", "titel: x\ntitle:", 1),
    );
    p.write(
        "registers/c031-cites.yaml",
        &p.read("registers/c031-10-3-sipgate.yaml").replacen(
            "title:",
            "summary: based on Art. 6 para. 1 lit. 6 GDPR and Art. 100 GDPR\ntitle:",
            1,
        ),
    );
    for format in ["json", "human"] {
        let one = run_jobs(&p, "1", &["check", "--format", format]);
        assert_eq!(one.code, 1, "{one}");
        for jobs in ["2", "5"] {
            let several = run_jobs(&p, jobs, &["check", "--format", format]);
            assert_eq!(several.code, one.code);
            assert_eq!(several.stdout, one.stdout, "{format}, {jobs} threads");
            assert_eq!(several.stderr, one.stderr, "{format}, {jobs} threads");
        }
    }
    let json = run_jobs(&p, "2", &["check", "--format", "json"]);
    let codes: Vec<_> = json
        .diagnostics()
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect();
    for code in ["PRV001", "PRV002", "PRV401", "PRV301"] {
        assert!(codes.iter().any(|c| c == code), "{code} in {codes:?}");
    }
}

#[test]
fn privreg_jobs_must_be_a_positive_whole_number() {
    let p = Project::example();
    for bad in ["0", "two", "-1"] {
        let t = run_jobs(&p, bad, &["check"]);
        assert_eq!(t.code, 2, "{t}");
        assert!(t.stderr.contains("PRIVREG_JOBS"), "{t}");
    }
    assert_eq!(run_jobs(&p, "", &["check"]).code, 0, "empty is unset");
}
