//! The checks: one file per semantic rule (its declaration and documentation are in
//! `catalogue/` under the same name), run over the loaded project; `citations` runs the
//! PRV4xx checks over any text.

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::load::Spanned;
use crate::model::{Entity, Processor, Section, Transfer};
use crate::project::Project;
use crate::source::SourceFile;

pub mod adequacy_decision_missing;
pub mod adequacy_scope_unconfirmed;
pub mod article_6_basis_missing;
pub mod automated_decision_incomplete;
pub mod child_consent_age_invalid;
pub mod citation_basis_mismatch;
pub mod citation_law_missing;
pub mod citation_mechanism_mismatch;
pub mod citation_provision_unknown;
pub mod citation_style_mixed;
pub mod citations;
pub mod compelling_interest_missing;
pub mod contact_details_missing;
pub mod controller_missing;
pub mod country_code_unknown;
pub mod criminal_data_authorisation_missing;
pub mod derogation_not_occasional;
pub mod device_access_unclear;
pub mod dpa_missing;
pub mod dpf_outside_us;
pub mod dpf_participant_missing;
#[cfg(test)]
mod duty_cases;
pub mod field_without_effect;
pub mod id_duplicate;
pub mod id_invalid;
pub mod instrument_outdated;
pub mod interests_public_authority;
pub mod legal_basis_unknown;
pub mod legitimate_interest_missing;
pub mod mechanism_relation_missing;
pub mod national_law_missing;
pub mod order_duplicate;
pub mod provision_duty_missing;
pub mod purpose_basis_missing;
pub mod purpose_unknown;
pub mod recipient_entity_missing;
pub mod recipient_role_incomplete;
pub mod record_item_missing;
pub mod representative_missing;
pub mod retention_generic;
pub mod retention_missing;
pub mod safeguard_copy_missing;
pub mod safeguards_documentation_missing;
pub mod source_categories_missing;
pub mod special_category_condition_missing;
pub mod text_control_character;
#[cfg(test)]
mod transfer_cases;
pub mod transfer_certainty_understated;
pub mod transfer_instrument_invalid;
pub mod transfer_mechanism_missing;
pub mod transfer_mechanism_unknown;
pub mod transfer_undeclared;
pub mod translation_mismatch;
pub mod url_scheme_invalid;
pub mod value_unknown;

/// What the semantic rules see: the loaded project and the date they judge it on.
pub struct RuleCx<'a> {
    /// The project.
    pub project: &'a Project,
    /// The date on which adequacy decisions must be in force.
    pub date: jiff::civil::Date,
    /// The record of processing activities is made (`outputs:` chooses it, or `privreg
    /// record` runs): only then do its own rules (PRV7xx) speak.
    pub record: bool,
}

impl RuleCx<'_> {
    /// Every loaded section with its file.
    pub fn sections(&self) -> impl Iterator<Item = (&Arc<SourceFile>, &Section)> {
        self.project.sections.iter().map(|s| (&s.file, &s.section))
    }

    /// `privreg.yaml` with its file, where the project has one that loaded.
    pub fn config(&self) -> Option<(&Arc<SourceFile>, &crate::model::Config)> {
        Some((
            self.project.config_file.as_ref()?,
            self.project.config.raw.as_ref()?,
        ))
    }

    /// Every processor with its file and section.
    pub fn processors(
        &self,
    ) -> impl Iterator<Item = (&Arc<SourceFile>, &Section, &Spanned<Processor>)> {
        self.sections()
            .flat_map(|(f, s)| s.processors.iter().map(move |p| (f, s, p)))
    }

    /// Every declared transfer with its file and the recipient that makes it: a service's,
    /// and an onward recipient's (a sub-processor's transfers are transfers too).
    pub fn transfers(
        &self,
    ) -> impl Iterator<Item = (&Arc<SourceFile>, Holder<'_>, &Spanned<Transfer>)> {
        self.processors().flat_map(|(f, _, p)| {
            let own = p.transfers.iter().map(move |t| {
                let holder = Holder {
                    name: &p.service,
                    provider: Some(&p.provider),
                };
                (f, holder, t)
            });
            let onward = p.onward_recipients.iter().flat_map(move |r| {
                r.transfers.iter().map(move |t| {
                    let holder = Holder {
                        name: &r.name,
                        provider: r.provider.as_ref(),
                    };
                    (f, holder, t)
                })
            });
            own.chain(onward)
        })
    }
}

/// Whose transfers these are: a service and its provider, or an onward recipient and its
/// entity where the register names it.
#[derive(Debug, Clone, Copy)]
pub struct Holder<'a> {
    /// The service's or onward recipient's name.
    pub name: &'a Spanned<crate::load::Text>,
    /// Its legal entity.
    pub provider: Option<&'a Spanned<Entity>>,
}

/// The country of the entity that receives a transfer: its `importer`, else the provider
/// when established in the destination country; unknown otherwise.
pub fn importer_country<'a>(h: Holder<'a>, t: &'a Transfer) -> Option<&'a str> {
    match &t.importer {
        Some(i) => Some(i.country.value.as_str()),
        None => h
            .provider
            .filter(|p| p.country.value == t.country.value)
            .map(|_| t.country.value.as_str()),
    }
}

/// The register files a project has before its rules are shared out over threads: at 32,
/// they take about half a millisecond, ten times what starting a thread does.
const MIN_FILES_TO_SHARE: usize = 32;

/// A semantic rule: what it finds in the project, appended.
type Rule = fn(&RuleCx, &mut Vec<Diagnostic>);

/// Every semantic rule, in the order their findings are reported.
const RULES: &[Rule] = &[
    id_duplicate::check,
    id_invalid::check,
    order_duplicate::check,
    text_control_character::check,
    url_scheme_invalid::check,
    country_code_unknown::check,
    value_unknown::check,
    field_without_effect::check,
    legal_basis_unknown::check,
    legitimate_interest_missing::check,
    special_category_condition_missing::check,
    purpose_unknown::check,
    purpose_basis_missing::check,
    article_6_basis_missing::check,
    national_law_missing::check,
    criminal_data_authorisation_missing::check,
    device_access_unclear::check,
    transfer_mechanism_missing::check,
    transfer_mechanism_unknown::check,
    transfer_instrument_invalid::check,
    dpf_outside_us::check,
    dpf_participant_missing::check,
    adequacy_scope_unconfirmed::check,
    mechanism_relation_missing::check,
    safeguard_copy_missing::check,
    transfer_certainty_understated::check,
    derogation_not_occasional::check,
    compelling_interest_missing::check,
    adequacy_decision_missing::check,
    transfer_undeclared::check,
    retention_missing::check,
    retention_generic::check,
    translation_mismatch::check,
    dpa_missing::check,
    recipient_role_incomplete::check,
    recipient_entity_missing::check,
    controller_missing::check,
    contact_details_missing::check,
    representative_missing::check,
    interests_public_authority::check,
    provision_duty_missing::check,
    automated_decision_incomplete::check,
    source_categories_missing::check,
    child_consent_age_invalid::check,
    record_item_missing::check,
    safeguards_documentation_missing::check,
];

/// Runs every semantic rule over the project, the rules shared out over `jobs` threads,
/// their findings in the order of the list of rules whatever thread ran each.
pub fn check_project(cx: &RuleCx, jobs: usize, out: &mut Vec<Diagnostic>) {
    // The rules of a small project take less time than starting a thread (pre-commit
    // checks one file on every commit).
    let jobs = if cx.project.files.len() < MIN_FILES_TO_SHARE {
        1
    } else {
        jobs
    };
    let found = crate::parallel::map_heavy(jobs, RULES, |rule| {
        let mut found = Vec::new();
        rule(cx, &mut found);
        found
    });
    out.extend(found.into_iter().flatten());
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
        diagnostics_on(files, jiff::civil::date(2026, 11, 29))
    }

    /// Diagnostics for a project made of these register files, judged on `date`.
    pub fn diagnostics_on(files: &[(&str, &str)], date: jiff::civil::Date) -> Vec<Diagnostic> {
        with_config(None, files, date)
    }

    /// Codes reported for a project with this `privreg.yaml` and one register file.
    pub fn config_codes(config: &str, register: &str) -> Vec<&'static str> {
        with_config(
            Some(config),
            &[("a.yaml", register)],
            jiff::civil::date(2026, 11, 29),
        )
        .iter()
        .map(|d| d.code())
        .collect()
    }

    fn with_config(
        config: Option<&str>,
        files: &[(&str, &str)],
        date: jiff::civil::Date,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let config_file = config.map(|c| SourceFile::virtual_file("privreg.yaml", c));
        let raw = config_file
            .as_ref()
            .and_then(|f| crate::project::load_file::<crate::model::Config>(f, &mut out));
        let mut sections = Vec::new();
        let mut read = Vec::new();
        for (name, yaml) in files {
            let file = SourceFile::virtual_file(name, yaml);
            read.push(Arc::clone(&file));
            if let Some(section) = crate::project::load_file::<Section>(&file, &mut out) {
                sections.push(LoadedSection { file, section });
            }
        }
        let project = Project {
            root: ".".into(),
            config_file,
            config: Settings::from_config(raw),
            sections,
            files: read,
            prose: Vec::new(),
            prose_findings: Vec::new(),
            diagnostics: Vec::new(),
        };
        check_project(
            &RuleCx {
                project: &project,
                date,
                record: true,
            },
            1,
            &mut out,
        );
        out
    }

    /// A minimal valid section with `extra` YAML appended at top level.
    pub fn section(extra: &str) -> String {
        format!(
            "id: s\norder: 1\ntitle: T\npurposes: [p]\ndata_subjects: [c]\ndata_categories: [d]\n\
             legal_bases:\n  - basis: contract\nretention:\n  period: one year\n\
             provision:\n  requirement: voluntary\nsecurity_measures: [m]\n{extra}"
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
