//! The rule registry: one file per rule, each with its documentation, declaration,
//! check and tests. Structural rules (PRV0xx) partly fire in the loader; the others run
//! over the loaded project here.

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::load::Spanned;
use crate::model::{Processor, Section, Transfer};
use crate::project::Project;
use crate::source::SourceFile;

mod rule;
pub use rule::Rule;

pub mod adequacy_decision_missing;
pub mod citation_basis_mismatch;
pub mod citation_law_missing;
pub mod citation_provision_unknown;
pub mod citation_style_mixed;
pub mod country_code_unknown;
pub mod dpa_missing;
pub mod dpf_outside_us;
pub mod field_empty;
pub mod field_missing;
pub mod field_unknown;
pub mod file_too_large;
pub mod id_duplicate;
pub mod id_invalid;
pub mod instrument_outdated;
pub mod key_duplicate;
pub mod legal_basis_unknown;
pub mod legitimate_interest_missing;
pub mod order_duplicate;
pub mod retention_missing;
pub mod special_category_condition_missing;
pub mod suppression_reason_missing;
pub mod suppression_unused;
pub mod transfer_instrument_invalid;
pub mod transfer_mechanism_missing;
pub mod transfer_mechanism_unknown;
pub mod transfer_undeclared;
pub mod url_scheme_invalid;
pub mod value_type_wrong;
pub mod value_unknown;
pub mod yaml_syntax;
pub mod yaml_too_complex;

pub use adequacy_decision_missing::ADEQUACY_DECISION_MISSING;
pub use citation_basis_mismatch::CITATION_BASIS_MISMATCH;
pub use citation_law_missing::CITATION_LAW_MISSING;
pub use citation_provision_unknown::CITATION_PROVISION_UNKNOWN;
pub use citation_style_mixed::CITATION_STYLE_MIXED;
pub use country_code_unknown::COUNTRY_CODE_UNKNOWN;
pub use dpa_missing::DPA_MISSING;
pub use dpf_outside_us::DPF_OUTSIDE_US;
pub use field_empty::FIELD_EMPTY;
pub use field_missing::FIELD_MISSING;
pub use field_unknown::FIELD_UNKNOWN;
pub use file_too_large::FILE_TOO_LARGE;
pub use id_duplicate::ID_DUPLICATE;
pub use id_invalid::ID_INVALID;
pub use instrument_outdated::INSTRUMENT_OUTDATED;
pub use key_duplicate::KEY_DUPLICATE;
pub use legal_basis_unknown::LEGAL_BASIS_UNKNOWN;
pub use legitimate_interest_missing::LEGITIMATE_INTEREST_MISSING;
pub use order_duplicate::ORDER_DUPLICATE;
pub use retention_missing::RETENTION_MISSING;
pub use special_category_condition_missing::SPECIAL_CATEGORY_CONDITION_MISSING;
pub use suppression_reason_missing::SUPPRESSION_REASON_MISSING;
pub use suppression_unused::SUPPRESSION_UNUSED;
pub use transfer_instrument_invalid::TRANSFER_INSTRUMENT_INVALID;
pub use transfer_mechanism_missing::TRANSFER_MECHANISM_MISSING;
pub use transfer_mechanism_unknown::TRANSFER_MECHANISM_UNKNOWN;
pub use transfer_undeclared::TRANSFER_UNDECLARED;
pub use url_scheme_invalid::URL_SCHEME_INVALID;
pub use value_type_wrong::VALUE_TYPE_WRONG;
pub use value_unknown::VALUE_UNKNOWN;
pub use yaml_syntax::YAML_SYNTAX;
pub use yaml_too_complex::YAML_TOO_COMPLEX;

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &YAML_SYNTAX,
    &FIELD_UNKNOWN,
    &FIELD_MISSING,
    &FIELD_EMPTY,
    &VALUE_TYPE_WRONG,
    &KEY_DUPLICATE,
    &ID_DUPLICATE,
    &ORDER_DUPLICATE,
    &URL_SCHEME_INVALID,
    &COUNTRY_CODE_UNKNOWN,
    &FILE_TOO_LARGE,
    &YAML_TOO_COMPLEX,
    &VALUE_UNKNOWN,
    &ID_INVALID,
    &SUPPRESSION_REASON_MISSING,
    &SUPPRESSION_UNUSED,
    &LEGAL_BASIS_UNKNOWN,
    &LEGITIMATE_INTEREST_MISSING,
    &SPECIAL_CATEGORY_CONDITION_MISSING,
    &TRANSFER_MECHANISM_MISSING,
    &DPF_OUTSIDE_US,
    &ADEQUACY_DECISION_MISSING,
    &TRANSFER_INSTRUMENT_INVALID,
    &TRANSFER_UNDECLARED,
    &TRANSFER_MECHANISM_UNKNOWN,
    &RETENTION_MISSING,
    &DPA_MISSING,
    &CITATION_PROVISION_UNKNOWN,
    &CITATION_BASIS_MISMATCH,
    &INSTRUMENT_OUTDATED,
    &CITATION_STYLE_MIXED,
    &CITATION_LAW_MISSING,
];

/// The rule with this code (`PRV301`) or name (`retention-missing`), case-insensitive.
pub fn lookup(code_or_name: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// The closest code or name to a misspelt one, for did-you-mean.
pub fn suggest(code_or_name: &str) -> Option<&'static str> {
    crate::suggest::closest(code_or_name, ALL.iter().flat_map(|r| [r.code, r.name]))
}

/// What the semantic rules see: the loaded project and the date they judge it on.
pub struct RuleCx<'a> {
    /// The project.
    pub project: &'a Project,
    /// The date on which adequacy decisions must be in force.
    pub date: jiff::civil::Date,
}

impl RuleCx<'_> {
    /// Every loaded section with its file.
    pub fn sections(&self) -> impl Iterator<Item = (&Arc<SourceFile>, &Section)> {
        self.project.sections.iter().map(|s| (&s.file, &s.section))
    }

    /// Every processor with its file and section.
    pub fn processors(
        &self,
    ) -> impl Iterator<Item = (&Arc<SourceFile>, &Section, &Spanned<Processor>)> {
        self.sections()
            .flat_map(|(f, s)| s.processors.iter().map(move |p| (f, s, p)))
    }

    /// Every declared transfer with its file and processor.
    pub fn transfers(
        &self,
    ) -> impl Iterator<Item = (&Arc<SourceFile>, &Spanned<Processor>, &Spanned<Transfer>)> {
        self.processors()
            .flat_map(|(f, _, p)| p.transfers.iter().map(move |t| (f, p, t)))
    }
}

/// Runs every semantic rule over the project.
pub fn check_project(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    id_duplicate::check(cx, out);
    id_invalid::check(cx, out);
    order_duplicate::check(cx, out);
    url_scheme_invalid::check(cx, out);
    country_code_unknown::check(cx, out);
    value_unknown::check(cx, out);
    legal_basis_unknown::check(cx, out);
    legitimate_interest_missing::check(cx, out);
    special_category_condition_missing::check(cx, out);
    transfer_mechanism_missing::check(cx, out);
    transfer_mechanism_unknown::check(cx, out);
    transfer_instrument_invalid::check(cx, out);
    dpf_outside_us::check(cx, out);
    adequacy_decision_missing::check(cx, out);
    transfer_undeclared::check(cx, out);
    retention_missing::check(cx, out);
    dpa_missing::check(cx, out);
}

/// Support for the rules' unit tests: check register YAML held in memory.
#[cfg(test)]
pub mod test_support {
    use super::*;
    use crate::project::{LoadedSection, Settings};

    /// Codes reported for a project made of these register files (name, YAML).
    pub fn codes(files: &[(&str, &str)]) -> Vec<&'static str> {
        diagnostics(files).iter().map(|d| d.code()).collect()
    }

    /// Diagnostics for a project made of these register files, at the date 2026-11-29.
    pub fn diagnostics(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut sections = Vec::new();
        for (name, yaml) in files {
            let file = SourceFile::virtual_file(name, yaml);
            if let Some(section) = crate::project::load_file::<Section>(&file, &mut out) {
                sections.push(LoadedSection { file, section });
            }
        }
        let project = Project {
            root: ".".into(),
            config_file: None,
            config: Settings::default(),
            sections,
            files: Vec::new(),
            prose: Vec::new(),
            diagnostics: Vec::new(),
        };
        check_project(
            &RuleCx {
                project: &project,
                date: jiff::civil::date(2026, 11, 29),
            },
            &mut out,
        );
        out
    }

    /// A minimal valid section with `extra` YAML appended at top level.
    pub fn section(extra: &str) -> String {
        format!(
            "id: s\norder: 1\ntitle: T\npurposes: [p]\ndata_categories: [d]\n\
             legal_bases:\n  - basis: contract\nretention:\n  period: one year\n{extra}"
        )
    }

    /// A minimal valid section whose one processor has `extra` YAML appended.
    pub fn with_processor(provider_country: &str, extra: &str) -> String {
        section(&format!(
            "processors:\n  - service: S\n    provider:\n      legal_name: P\n      \
             address: A\n      country: {provider_country}\n    dpa:\n      concluded: true\n{extra}"
        ))
    }
}

/// The registry's own invariants: what `privreg rules`, the docs and SARIF rely on.
#[cfg(test)]
mod registry_tests {
    use super::ALL;

    const SECTIONS: [&str; 4] = [
        "What it does",
        "Why is this bad?",
        "Example",
        "Legal source",
    ];

    #[test]
    fn codes_are_unique_well_formed_and_in_order() {
        let re = regex::Regex::new(r"^PRV\d{3}$").unwrap();
        for pair in ALL.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} before {}",
                pair[0].code,
                pair[1].code
            );
        }
        for rule in ALL {
            assert!(
                re.is_match(rule.code),
                "{} is not PRV followed by three digits",
                rule.code
            );
        }
    }

    #[test]
    fn names_are_unique_and_kebab_case() {
        let re = regex::Regex::new(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$").unwrap();
        let mut names: Vec<&str> = ALL.iter().map(|r| r.name).collect();
        for name in &names {
            assert!(
                re.is_match(name),
                "`{name}` is not kebab-case with two words or more"
            );
        }
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "two rules share a name");
    }

    #[test]
    fn every_rule_documents_all_four_sections_and_none_is_empty() {
        for rule in ALL {
            assert!(
                !rule.summary().is_empty(),
                "{} has no summary line",
                rule.code
            );
            assert!(
                !rule.summary().starts_with('#'),
                "{}: the summary comes first",
                rule.code
            );
            for heading in SECTIONS {
                let body = rule.doc_section(heading);
                assert!(
                    body.as_deref().is_some_and(|b| !b.is_empty()),
                    "{} {}: section `## {heading}` is missing or empty",
                    rule.code,
                    rule.name
                );
            }
        }
    }
}
