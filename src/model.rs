//! The register's types: one `Section` per file in `registers/`, and the project's
//! `privreg.yaml`. `yaml_struct!` derives the loader from these declarations, so the field
//! list here is the format; `docs/reference.md` documents it field by field.

use crate::load::{FromNode, LoadCx, Node, Spanned};
use crate::yaml_struct;

yaml_struct! {
    /// One policy section: a processing activity, rendered as e.g. "10.1".
    pub struct Section as "a register section" {
        /// Stable identifier (lower-case letters, digits, hyphens); the HTML anchor.
        id: req String,
        /// Position in the chapter: `1` renders as section 10.1.
        order: req u32,
        /// The section heading.
        title: req String,
        /// Who processes the data described at section level: `processors` (default),
        /// `controller` (we ourselves) or `both`.
        processed_by: opt String,
        /// Free-text lead paragraph, for what no field can carry. Citations in it are linted.
        summary: opt String,
        /// What the processing is for.
        purposes: req_list String,
        /// Whose data is processed: customers, website visitors, ...
        data_subjects: list String,
        /// Kinds of personal data processed at section level.
        data_categories: list String,
        /// Special categories of personal data (Art. 9(1) GDPR), by code, e.g. `health`.
        special_categories: list String,
        /// Data explicitly not processed or stored ("audio files").
        not_processed: list String,
        /// Uses explicitly excluded ("marketing", "profiling").
        excluded_uses: list String,
        /// How the processing is carried out ("pseudonymised", "by invitation only").
        measures: list String,
        /// Further free-text paragraphs. Citations in them are linted.
        details: list String,
        /// The legal bases (Art. 6(1), Art. 9(2) GDPR).
        legal_bases: req_list LegalBasis,
        /// The services of processors used in this section.
        processors: list Processor,
        /// How long data is kept, or the criteria for it (Art. 13(2)(a) GDPR).
        retention: opt Retention,
        /// State the right to object (Art. 21 GDPR); expected where the basis is Art. 6(1)(e) or (f).
        right_to_object: opt bool,
    }
}

yaml_struct! {
    /// A legal basis with its condition and, for Art. 6(1)(f), the interest pursued.
    pub struct LegalBasis as "a legal basis" {
        /// Code: `consent`, `contract`, `legal-obligation`, `vital-interests`, `public-task`,
        /// `legitimate-interests`, or a DPV id (`A6-1-a`..`A6-1-f`, `A9-2-a`..`A9-2-j`).
        basis: req String,
        /// What the basis covers, rendered in parentheses ("contractual performance or initiation").
        scope: opt String,
        /// When the basis applies ("in cases of voluntary use").
        condition: opt String,
        /// The legitimate interest pursued; required for Art. 6(1)(f) (Art. 13(1)(d) GDPR).
        interest: opt String,
    }
}

yaml_struct! {
    /// A service provided by a processor or other recipient.
    pub struct Processor as "a processor" {
        /// The service's name ("Slack").
        service: req String,
        /// The legal entity that provides the service.
        provider: req Entity,
        /// The data processing agreement (Art. 28(3) GDPR).
        dpa: opt Dpa,
        /// What this service is used for, where it differs from the section's purposes.
        purposes: list String,
        /// Kinds of personal data this service processes, beyond the section's.
        data_categories: list String,
        /// How the service's processing is carried out ("pseudonymised").
        measures: list String,
        /// Uses explicitly excluded for this service.
        excluded_uses: list String,
        /// Further free-text paragraphs about this service. Citations in them are linted.
        details: list String,
        /// Where this service passes data on ("transcripts to our CRM, HubSpot").
        onward_recipients: list Recipient,
        /// Transfers to third countries (Chapter V GDPR).
        transfers: list Transfer,
        /// Link to the provider's privacy policy (https, http or mailto).
        privacy_policy: opt String,
    }
}

yaml_struct! {
    /// A legal entity with its postal address.
    pub struct Entity as "a legal entity" {
        /// Registered name ("Salesforce, Inc.").
        legal_name: req String,
        /// Postal address without the country.
        address: req String,
        /// ISO 3166-1 alpha-2 country code ("US", "DE").
        country: req String,
    }
}

yaml_struct! {
    /// A data processing agreement under Art. 28(3) GDPR.
    pub struct Dpa as "a data processing agreement" {
        /// Whether the agreement has been concluded.
        concluded: req bool,
        /// The contracting entity, where it differs from the provider ("Slack Technologies Limited").
        counterparty: opt String,
    }
}

yaml_struct! {
    /// A transfer of personal data to a third country.
    pub struct Transfer as "a transfer" {
        /// ISO 3166-1 alpha-2 code of the destination ("US").
        country: req String,
        /// `takes-place`, `cannot-be-excluded` or `possible`.
        certainty: req String,
        /// Transfer tools: `adequacy`, `dpf`, `scc`, `bcr`, `code-of-conduct`, `certification`,
        /// `derogation-*`, or DPV ids (`A45-3`, `A46-2-c`, ...).
        mechanisms: list String,
        /// The provider's entry in the Data Privacy Framework list (https).
        dpf_participant: opt String,
    }
}

yaml_struct! {
    /// A further recipient of data processed in the section.
    pub struct Recipient as "an onward recipient" {
        /// The recipient's or system's name ("HubSpot").
        name: req String,
        /// What it is to us ("our CRM system").
        role: opt String,
        /// Which data it receives ("transcripts").
        data: list String,
        /// What happens to the data there ("stored and further processed").
        purpose: opt String,
    }
}

yaml_struct! {
    /// How long data is kept (Art. 13(2)(a) GDPR): a period, or the criteria for it.
    pub struct Retention as "a retention statement" {
        /// The storage period ("as long as necessary to fulfil the purposes described above").
        period: opt String,
        /// Criteria that determine the period, where no fixed period can be given.
        criteria: opt String,
        /// Further statements on storage ("Statutory retention periods remain unaffected").
        notes: list String,
    }
}

yaml_struct! {
    /// `privreg.yaml`: the project's settings.
    pub struct Config as "privreg.yaml" {
        /// Chapter number of the processors chapter; sections render as `<chapter>.<order>`.
        chapter: opt String,
        /// Chapter heading.
        title: opt String,
        /// The controller publishing the policy.
        controller: opt Entity,
        /// Language of the output (`en`).
        language: opt String,
        /// `para-lit` ("Art. 6 para. 1 lit. f GDPR", the default) or `parens` ("Art. 6(1)(f) GDPR").
        citation_style: opt String,
        /// Date of the policy's last change (YYYY-MM-DD); never taken from the clock.
        last_updated: opt String,
        /// Directory of the register files (default `registers`).
        registers: opt String,
        /// Output directory of `build` (default `dist`).
        output: opt String,
        /// Heading level of the chapter in Markdown (1-5, default 2); sections are one deeper.
        heading_level: opt u32,
        /// Per-rule severity: `PRV301: error | warning | off`.
        rules: opt RuleSettings,
        /// Paths (relative to the root, `*` wildcards) that `check` skips.
        exclude: list String,
        /// Treat citations without a law name as GDPR citations (default true).
        implied_gdpr: opt bool,
    }
}

/// The `rules:` mapping of `privreg.yaml`: rule code or name to severity.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    /// Each entry: the rule as written, and the severity as written.
    pub entries: Vec<(Spanned<String>, Spanned<String>)>,
}

impl FromNode for RuleSettings {
    const EXPECTED: &'static str = "a mapping of rule codes to severities";
    fn from_node(node: &Node, cx: &mut LoadCx) -> Option<Self> {
        let entries = crate::load::map_entries(node, cx, "rules")?;
        let mut out = RuleSettings::default();
        for (key, value) in entries {
            let sev = String::from_node(value, cx)?;
            out.entries
                .push((key.clone(), Spanned::new(sev, value.span.clone())));
        }
        Some(out)
    }
}
