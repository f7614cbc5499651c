//! PRV701: the record of processing activities would lack an item of Art. 30.

use super::RuleCx;
use crate::catalogue::RECORD_ITEM_MISSING;
use crate::diagnostic::Diagnostic;

/// Reports the items of Art. 30(1)(c), (g) and 30(2)(d) the record would not state.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    if !cx.record {
        return;
    }
    let config = cx.config();
    let for_all = config.is_some_and(|(_, c)| !c.security_measures.is_empty());
    if let Some((file, c)) = config
        && !for_all
        && let Some(first) = c.processor_for.first()
    {
        out.push(
            Diagnostic::new(&RECORD_ITEM_MISSING, file, first.span.clone(), "the processor's record would not describe its security measures")
                .label("processing on behalf of controllers")
                .help("add `security_measures:` to privreg.yaml (\"encryption in transit and at rest\")")
                .note("GDPR Art. 30(2)(d): the processor's record contains, where possible, a general description of the technical and organisational security measures referred to in Art. 32(1)"),
        );
    }
    let tom_note = "GDPR Art. 30(1)(g): the record contains, where possible, a general description of the technical and organisational security measures referred to in Art. 32(1)";
    // Where no activity has them, the fix is one list in privreg.yaml: said once, there.
    let none_anywhere = cx.sections().all(|(_, s)| s.security_measures.is_empty());
    let said_once = match config {
        Some((file, c)) if !for_all && none_anywhere && cx.sections().next().is_some() => {
            out.push(
                Diagnostic::new(&RECORD_ITEM_MISSING, file, c.span.start..c.span.start, "the record would not state the security measures of any processing activity")
                    .help("add `security_measures:` to privreg.yaml (\"encryption in transit and at rest\"), or to each register file")
                    .note(tom_note),
            );
            true
        }
        _ => false,
    };
    for (file, section) in cx.sections() {
        let id = &section.id.value;
        let mut missing = |what: &str, help: &str, note: &str| {
            out.push(
                Diagnostic::new(
                    &RECORD_ITEM_MISSING,
                    file,
                    section.id.span.clone(),
                    format!("the record of `{id}` would not state {what}"),
                )
                .label("not in this section")
                .help(help.to_owned())
                .note(note.to_owned()),
            );
        };
        if section.data_subjects.is_empty() {
            missing(
                "the categories of data subjects",
                "add `data_subjects:` (\"customers\", \"website visitors\")",
                "GDPR Art. 30(1)(c): the record contains a description of the categories of data subjects",
            );
        }
        let has_data = !section.data_categories.is_empty()
            || !section.special_categories.is_empty()
            || section.criminal_offences.as_ref().is_some_and(|c| c.value)
            || section
                .processors
                .iter()
                .any(|p| !p.data_categories.is_empty());
        if !has_data {
            missing(
                "the categories of personal data",
                "add `data_categories:` (\"contact details\", \"usage data\")",
                "GDPR Art. 30(1)(c): the record contains a description of the categories of personal data",
            );
        }
        if !for_all && !said_once && section.security_measures.is_empty() {
            missing(
                "its security measures",
                "add `security_measures:` to this section, or to privreg.yaml for every activity (\"encryption in transit and at rest\")",
                tom_note,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{config_codes, section};

    const CONTROLLER: &str =
        "controller: { legal_name: C, address: A, country: DE, email: c@example.com }\n";

    #[test]
    fn the_record_describes_security_measures_of_the_section_or_of_the_project() {
        // GDPR Art. 30(1)(g): "where possible", so a warning.
        let silent = section("").replace("security_measures: [m]\n", "");
        assert_eq!(config_codes(CONTROLLER, &silent), ["PRV701"]);
        // One activity with them, one without: the one without is reported.
        let other = section("").replace("id: s\norder: 1", "id: t\norder: 2");
        let found =
            crate::rules::test_support::diagnostics(&[("a.yaml", &silent), ("b.yaml", &other)]);
        let found: Vec<_> = found
            .iter()
            .map(|d| (d.code(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [(
                "PRV701",
                "the record of `s` would not state its security measures"
            )]
        );
        assert!(config_codes(CONTROLLER, &section("")).is_empty());
        let for_all = format!("{CONTROLLER}security_measures: [encryption at rest]\n");
        assert!(config_codes(&for_all, &silent).is_empty());
    }

    #[test]
    fn the_record_names_the_categories_of_data_subjects_and_of_data() {
        // GDPR Art. 30(1)(c).
        let no_subjects = section("").replace("data_subjects: [c]\n", "");
        assert_eq!(config_codes(CONTROLLER, &no_subjects), ["PRV701"]);
        let no_data = section("").replace("data_categories: [d]\n", "");
        assert_eq!(config_codes(CONTROLLER, &no_data), ["PRV701"]);
        let special = no_data.replace(
            "legal_bases:\n  - basis: contract\n",
            "special_categories: [health]\nlegal_bases:\n  - basis: contract\n  - basis: explicit-consent\n",
        );
        assert!(config_codes(CONTROLLER, &special).is_empty());
    }

    #[test]
    fn the_processor_record_describes_security_measures_of_the_project() {
        // GDPR Art. 30(2)(d).
        let acting = format!(
            "{CONTROLLER}processor_for:\n  - controllers: [{{ legal_name: K, address: A, country: DE }}]\n    processing: [hosting]\n"
        );
        assert_eq!(config_codes(&acting, &section("")), ["PRV701"]);
        let described = format!("{acting}security_measures: [encryption at rest]\n");
        assert!(config_codes(&described, &section("")).is_empty());
    }
}
