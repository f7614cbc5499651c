//! The rule catalogue: every rule's code, name, default severity and documentation, one
//! file per rule, and no checks. It sits low in the layers so that every stage that
//! reports a rule (the loader, the citation linter, suppressions, severities, the semantic
//! checks in `rules/`) can name it; a rule's check lives in `rules/<same name>.rs`, or in
//! the stage that raises it (structural rules in `load`, suppressions in `suppress`).

pub use crate::diagnostic::Rule;

mod adequacy_decision_missing;
mod adequacy_scope_unconfirmed;
mod article_6_basis_missing;
mod automated_decision_incomplete;
mod child_consent_age_invalid;
mod citation_basis_mismatch;
mod citation_law_missing;
mod citation_mechanism_mismatch;
mod citation_provision_unknown;
mod citation_style_mixed;
mod compelling_interest_missing;
mod contact_details_missing;
mod controller_missing;
mod country_code_unknown;
mod criminal_data_authorisation_missing;
mod derogation_not_occasional;
mod device_access_unclear;
mod dpa_missing;
mod dpf_outside_us;
mod dpf_participant_missing;
mod field_empty;
mod field_missing;
mod field_unknown;
mod field_without_effect;
mod file_too_large;
mod file_unreadable;
mod id_duplicate;
mod id_invalid;
mod instrument_outdated;
mod interests_public_authority;
mod key_duplicate;
mod legal_basis_unknown;
mod legitimate_interest_missing;
mod mechanism_relation_missing;
mod national_law_missing;
mod order_duplicate;
mod provision_duty_missing;
mod purpose_basis_missing;
mod purpose_unknown;
mod recipient_entity_missing;
mod recipient_role_incomplete;
mod record_item_missing;
mod representative_missing;
mod retention_generic;
mod retention_missing;
mod safeguard_copy_missing;
mod safeguards_documentation_missing;
mod source_categories_missing;
mod special_category_condition_missing;
mod suppression_reason_missing;
mod suppression_unused;
mod text_control_character;
mod transfer_certainty_understated;
mod transfer_instrument_invalid;
mod transfer_mechanism_missing;
mod transfer_mechanism_unknown;
mod transfer_undeclared;
mod translation_mismatch;
mod translation_missing;
mod translation_unused;
mod url_scheme_invalid;
mod value_type_wrong;
mod value_unknown;
mod yaml_syntax;
mod yaml_tag_unsupported;
mod yaml_too_complex;

pub use adequacy_decision_missing::ADEQUACY_DECISION_MISSING;
pub use adequacy_scope_unconfirmed::ADEQUACY_SCOPE_UNCONFIRMED;
pub use article_6_basis_missing::ARTICLE_6_BASIS_MISSING;
pub use automated_decision_incomplete::AUTOMATED_DECISION_INCOMPLETE;
pub use child_consent_age_invalid::CHILD_CONSENT_AGE_INVALID;
pub use citation_basis_mismatch::CITATION_BASIS_MISMATCH;
pub use citation_law_missing::CITATION_LAW_MISSING;
pub use citation_mechanism_mismatch::CITATION_MECHANISM_MISMATCH;
pub use citation_provision_unknown::CITATION_PROVISION_UNKNOWN;
pub use citation_style_mixed::CITATION_STYLE_MIXED;
pub use compelling_interest_missing::COMPELLING_INTEREST_MISSING;
pub use contact_details_missing::CONTACT_DETAILS_MISSING;
pub use controller_missing::CONTROLLER_MISSING;
pub use country_code_unknown::COUNTRY_CODE_UNKNOWN;
pub use criminal_data_authorisation_missing::CRIMINAL_DATA_AUTHORISATION_MISSING;
pub use derogation_not_occasional::DEROGATION_NOT_OCCASIONAL;
pub use device_access_unclear::DEVICE_ACCESS_UNCLEAR;
pub use dpa_missing::DPA_MISSING;
pub use dpf_outside_us::DPF_OUTSIDE_US;
pub use dpf_participant_missing::DPF_PARTICIPANT_MISSING;
pub use field_empty::FIELD_EMPTY;
pub use field_missing::FIELD_MISSING;
pub use field_unknown::FIELD_UNKNOWN;
pub use field_without_effect::FIELD_WITHOUT_EFFECT;
pub use file_too_large::FILE_TOO_LARGE;
pub use file_unreadable::FILE_UNREADABLE;
pub use id_duplicate::ID_DUPLICATE;
pub use id_invalid::ID_INVALID;
pub use instrument_outdated::INSTRUMENT_OUTDATED;
pub use interests_public_authority::INTERESTS_PUBLIC_AUTHORITY;
pub use key_duplicate::KEY_DUPLICATE;
pub use legal_basis_unknown::LEGAL_BASIS_UNKNOWN;
pub use legitimate_interest_missing::LEGITIMATE_INTEREST_MISSING;
pub use mechanism_relation_missing::MECHANISM_RELATION_MISSING;
pub use national_law_missing::NATIONAL_LAW_MISSING;
pub use order_duplicate::ORDER_DUPLICATE;
pub use provision_duty_missing::PROVISION_DUTY_MISSING;
pub use purpose_basis_missing::PURPOSE_BASIS_MISSING;
pub use purpose_unknown::PURPOSE_UNKNOWN;
pub use recipient_entity_missing::RECIPIENT_ENTITY_MISSING;
pub use recipient_role_incomplete::RECIPIENT_ROLE_INCOMPLETE;
pub use record_item_missing::RECORD_ITEM_MISSING;
pub use representative_missing::REPRESENTATIVE_MISSING;
pub use retention_generic::RETENTION_GENERIC;
pub use retention_missing::RETENTION_MISSING;
pub use safeguard_copy_missing::SAFEGUARD_COPY_MISSING;
pub use safeguards_documentation_missing::SAFEGUARDS_DOCUMENTATION_MISSING;
pub use source_categories_missing::SOURCE_CATEGORIES_MISSING;
pub use special_category_condition_missing::SPECIAL_CATEGORY_CONDITION_MISSING;
pub use suppression_reason_missing::SUPPRESSION_REASON_MISSING;
pub use suppression_unused::SUPPRESSION_UNUSED;
pub use text_control_character::TEXT_CONTROL_CHARACTER;
pub use transfer_certainty_understated::TRANSFER_CERTAINTY_UNDERSTATED;
pub use transfer_instrument_invalid::TRANSFER_INSTRUMENT_INVALID;
pub use transfer_mechanism_missing::TRANSFER_MECHANISM_MISSING;
pub use transfer_mechanism_unknown::TRANSFER_MECHANISM_UNKNOWN;
pub use transfer_undeclared::TRANSFER_UNDECLARED;
pub use translation_mismatch::TRANSLATION_MISMATCH;
pub use translation_missing::TRANSLATION_MISSING;
pub use translation_unused::TRANSLATION_UNUSED;
pub use url_scheme_invalid::URL_SCHEME_INVALID;
pub use value_type_wrong::VALUE_TYPE_WRONG;
pub use value_unknown::VALUE_UNKNOWN;
pub use yaml_syntax::YAML_SYNTAX;
pub use yaml_tag_unsupported::YAML_TAG_UNSUPPORTED;
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
    &YAML_TAG_UNSUPPORTED,
    &FILE_UNREADABLE,
    &TEXT_CONTROL_CHARACTER,
    &FIELD_WITHOUT_EFFECT,
    &TRANSLATION_MISSING,
    &TRANSLATION_UNUSED,
    &TRANSLATION_MISMATCH,
    &LEGAL_BASIS_UNKNOWN,
    &LEGITIMATE_INTEREST_MISSING,
    &SPECIAL_CATEGORY_CONDITION_MISSING,
    &PURPOSE_UNKNOWN,
    &PURPOSE_BASIS_MISSING,
    &ARTICLE_6_BASIS_MISSING,
    &NATIONAL_LAW_MISSING,
    &CRIMINAL_DATA_AUTHORISATION_MISSING,
    &DEVICE_ACCESS_UNCLEAR,
    &TRANSFER_MECHANISM_MISSING,
    &DPF_OUTSIDE_US,
    &ADEQUACY_DECISION_MISSING,
    &TRANSFER_INSTRUMENT_INVALID,
    &TRANSFER_UNDECLARED,
    &TRANSFER_MECHANISM_UNKNOWN,
    &DPF_PARTICIPANT_MISSING,
    &ADEQUACY_SCOPE_UNCONFIRMED,
    &MECHANISM_RELATION_MISSING,
    &SAFEGUARD_COPY_MISSING,
    &TRANSFER_CERTAINTY_UNDERSTATED,
    &DEROGATION_NOT_OCCASIONAL,
    &COMPELLING_INTEREST_MISSING,
    &RETENTION_MISSING,
    &DPA_MISSING,
    &RECIPIENT_ROLE_INCOMPLETE,
    &RECIPIENT_ENTITY_MISSING,
    &RETENTION_GENERIC,
    &CITATION_PROVISION_UNKNOWN,
    &CITATION_BASIS_MISMATCH,
    &INSTRUMENT_OUTDATED,
    &CITATION_STYLE_MIXED,
    &CITATION_LAW_MISSING,
    &CITATION_MECHANISM_MISMATCH,
    &CONTROLLER_MISSING,
    &CONTACT_DETAILS_MISSING,
    &REPRESENTATIVE_MISSING,
    &INTERESTS_PUBLIC_AUTHORITY,
    &PROVISION_DUTY_MISSING,
    &AUTOMATED_DECISION_INCOMPLETE,
    &SOURCE_CATEGORIES_MISSING,
    &CHILD_CONSENT_AGE_INVALID,
    &RECORD_ITEM_MISSING,
    &SAFEGUARDS_DOCUMENTATION_MISSING,
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
