//! German and bilingual policies (issue 14): the example in both languages, the German
//! seed facts, file names per language, and the German output linted clean.

use crate::broken::copy_dir;
use crate::support::{Project, repo_root};

fn built_bilingual() -> Project {
    let p = Project::new();
    copy_dir(&repo_root().join("examples/de-en"), p.path());
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    p
}

/// The text a reader sees in Markdown: autolink brackets and escapes removed, whitespace
/// collapsed.
fn text(md: &str) -> String {
    md.replace(['<', '>'], "")
        .replace("\\.", ".")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_bilingual_example_writes_each_language_with_its_tag_and_pins_the_german_chapter() {
    let p = built_bilingual();
    for lang in ["de", "en"] {
        for ext in ["md", "html", "fragment.html"] {
            let name = format!("dist/privacy-policy.{lang}.{ext}");
            assert!(p.path().join(&name).is_file(), "{name} missing");
        }
    }
    assert!(!p.path().join("dist/privacy-policy.md").exists());
    insta::assert_snapshot!("de_md", p.read("dist/privacy-policy.de.md"));
    let html = p.read("dist/privacy-policy.de.html");
    assert!(html.contains(r#"<html lang="de">"#), "{html}");
    assert!(
        html.contains(r#"<link rel="alternate" hreflang="en" href="privacy-policy.en.html">"#),
        "{html}"
    );
    let en = p.read("dist/privacy-policy.en.html");
    assert!(en.contains(r#"<html lang="en">"#));
    assert!(
        en.contains(r#"hreflang="de" lang="de">Deutsch</a>"#),
        "{en}"
    );
}

#[test]
fn the_english_of_the_bilingual_example_is_the_english_example() {
    // Same facts, same sentences: only the file name and the language links differ.
    let bilingual = built_bilingual();
    let english = Project::example();
    assert_eq!(english.run(&["build"]).code, 0);
    assert_eq!(
        bilingual.read("dist/privacy-policy.en.md"),
        english.read("dist/privacy-policy.md")
    );
}

#[test]
fn the_german_chapter_states_every_fact_of_the_seed_in_its_german_form() {
    let de = text(&built_bilingual().read("dist/privacy-policy.de.md"));
    let facts = [
        // 10.1
        "10.1 Kundenkommunikation über Slack",
        "den Dienst Slack, angeboten von Salesforce, Inc., Salesforce Tower, 415 Mission Street, 3rd Floor, San Francisco, CA 94105, USA",
        "Kommunikation mit ausgewählten Kunden",
        "Kommunikationsinhalte, Kontaktdaten und technische Metadaten (etwa IP-Adresse, Browserdaten)",
        // Art. 6(1)(b) and (a) GDPR, in the German citation style.
        "Art. 6 Abs. 1 lit. b DSGVO (Vertragserfüllung oder -anbahnung)",
        "Bei freiwilliger Nutzung erfolgt auf Grundlage von Art. 6 Abs. 1 lit. a DSGVO (Ihre Einwilligung)",
        "Mit Slack Technologies Limited haben wir einen Auftragsverarbeitungsvertrag gemäß Art. 28 DSGVO geschlossen",
        "Daten werden in das Drittland USA übermittelt",
        // Art. 45(3) with Implementing Decision (EU) 2023/1795; Art. 46(2)(c) with 2021/914.
        "Datenschutzrahmen EU-USA (Durchführungsbeschluss (EU) 2023/1795 der Kommission) gemäß Art. 45 Abs. 3 DSGVO",
        "Standarddatenschutzklauseln der Europäischen Kommission (Durchführungsbeschluss (EU) 2021/914 der Kommission) gemäß Art. 46 Abs. 2 lit. c DSGVO",
        "https://slack.com/trust/privacy/privacy-policy",
        // 10.2
        "HiHello, Inc., 927 Industrial Avenue, Palo Alto, California 94303, USA",
        "unter anderem folgende personenbezogene Daten verarbeiten: Namen, Kontaktdaten, Berufsbezeichnungen und Fotos (sofern vorhanden)",
        "Art. 6 Abs. 1 lit. f DSGVO (unsere berechtigten Interessen: wirksame Außendarstellung und Kontaktverwaltung)",
        // 10.3
        "sipgate GmbH, Gladbacher Str. 74, 40219 Düsseldorf, Deutschland",
        "Nicht gespeichert werden: Audiodateien und vollständige Gesprächsaufzeichnungen",
        "Daten von Sipgate (Transkripte) werden an HubSpot (unser CRM-System) weitergegeben",
        "erfolgt die Verarbeitung folgender Daten: Gesprächsinhalte",
        "Speicherdauer: nur so lange, wie es für die oben beschriebenen Zwecke erforderlich ist",
        // 10.4
        "Google Ireland Limited, Gordon House, Barrow Street, Dublin 4, Irland",
        "Daten können an Google LLC im Drittland USA übermittelt werden",
        "Google LLC ist nach dem Datenschutzrahmen EU-USA zertifiziert",
        "Gespeicherte Cookies verbleiben auf Ihrem Endgerät, bis Sie sie löschen",
        // 10.5
        "Wir verarbeiten personenbezogene Daten selbst ausschließlich zu folgenden Zwecken",
        "Die Daten werden nicht für folgende Zwecke verwendet: Marketing und Profiling",
        "PostHog Inc., 965 Mission Street, San Francisco, CA 94103, USA",
        "Alternativ: Standarddatenschutzklauseln",
        // Art. 21(1) GDPR: the right to object, set apart (Art. 21(4)).
        "**Widerspruchsrecht:** Soweit wir Ihre Daten auf Grundlage von Art. 6 Abs. 1 lit. f DSGVO verarbeiten",
        "Stand: 29. November 2026",
    ];
    for fact in facts {
        assert!(de.contains(fact), "missing: {fact}\n\n{de}");
    }
    // Nothing of the English templates reaches the German chapter.
    for english in ["GDPR", "para.", "pursuant to", "the USA"] {
        assert!(!de.contains(english), "English `{english}` in:\n{de}");
    }
}

#[test]
fn privreg_lint_finds_every_german_citation_and_no_error() {
    let p = built_bilingual();
    let md = p.read("dist/privacy-policy.de.md");
    let t = p.run(&["lint", "dist/privacy-policy.de.md", "--format", "json"]);
    assert_eq!(t.code, 0, "{t}");
    let c = p.run(&["citations", "dist/privacy-policy.de.md", "--format", "json"]);
    let found: serde_json::Value = serde_json::from_str(&c.stdout).unwrap();
    let found = found["citations"].as_array().map_or(0, Vec::len);
    // Every "Art." the templates wrote is a citation the linter reads.
    let written = md.matches("Art. ").count();
    assert!(
        found >= written && written > 20,
        "found {found} of {written} citations"
    );
}

#[test]
fn a_register_switching_to_two_languages_replaces_the_old_file_names() {
    let p = built_bilingual();
    // The former single-language output is privreg's, not a foreign file.
    std::fs::write(p.path().join("dist/privacy-policy.md"), "old\n").unwrap();
    let t = p.run(&["build"]);
    assert_eq!(t.code, 0, "{t}");
    assert!(!p.path().join("dist/privacy-policy.md").exists());
}

#[test]
fn each_language_of_a_bilingual_register_cites_in_its_own_style() {
    // Issue 12: German readers write "Art. 6 Abs. 1 lit. b DSGVO", English ones
    // "Art. 6(1)(b) GDPR"; the bilingual register is consistent in each language (PRV404).
    let p = Project::new();
    copy_dir(&repo_root().join("examples/de-en"), p.path());
    let path = "registers/10-1-slack.yaml";
    let register = p.read(path).replace(
        "    de: Vertragserfüllung oder -anbahnung\n    en: contractual performance or initiation\n",
        "    de: Vertragserfüllung oder -anbahnung (Art. 6 Abs. 1 lit. b DSGVO)\n    en: contractual performance or initiation (Art. 6(1)(b) GDPR)\n",
    );
    assert!(
        register.contains("Abs. 1 lit. b DSGVO"),
        "the fixture changed"
    );
    p.write(path, &register);
    let t = p.run(&["check", "--format", "concise"]);
    assert!(!t.stdout.contains("PRV404"), "{t}");
    // Among English citations, one in the German style is still out of style.
    let mixed = register
        .replace("(Art. 6(1)(b) GDPR)", "(Art. 6 Abs. 1 lit. b GDPR)")
        .replace(
            "    en: in cases of voluntary use\n",
            "    en: in cases of voluntary use (Art. 6(1)(a) GDPR)\n",
        );
    p.write(path, &mixed);
    let t = p.run(&["check", "--format", "concise"]);
    assert!(
        t.stdout.contains(
            "10-1-slack.yaml:31:48: warning[PRV404] citation `Art. 6 Abs. 1 lit. b GDPR`"
        ),
        "{t}"
    );
    assert_eq!(t.stdout.matches("PRV404").count(), 1, "{t}");
}
