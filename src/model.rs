//! The register's types: one `Section` per file in `registers/`, and the project's
//! `privreg.yaml`. `yaml_struct!` derives the loader from these declarations, so the field
//! list here is the format; `docs/reference.md` documents it field by field.

use crate::load::{FromNode, LoadCx, Node, Spanned, Text};
use crate::yaml_struct;

yaml_struct! {
    /// One policy section: a processing activity, rendered as e.g. "10.1".
    pub struct Section as "a register section" {
        /// Stable identifier (lower-case letters, digits, hyphens); the HTML anchor.
        /// Example: `id: slack`
        id: req String,
        /// Position in the chapter: `1` renders as section 10.1.
        /// Example: `order: 1`
        order: req u32,
        /// The section heading.
        /// Example: `title: Customer Communication via Slack`
        title: req Text,
        /// Who processes the data described at section level: `processors` (default),
        /// `controller` (we ourselves) or `both`.
        /// Example: `processed_by: both`
        processed_by: opt String,
        /// Free-text lead paragraph, for what no field can carry. Citations in it are linted.
        /// Example: `summary: We use online conference tools, among other things, for communication with our customers.`
        summary: opt Text,
        /// What the processing is for.
        /// Example: `purposes: [communication with selected customers]`
        purposes: req_list Text,
        /// The purposes are the only ones: the policy says "solely for" them.
        /// Example: `purposes_exclusive: true`
        purposes_exclusive: opt bool,
        /// Whose data is processed: customers, website visitors, ...
        /// Example: `data_subjects: [customers, partners, other contacts]`
        data_subjects: list Text,
        /// Kinds of personal data processed at section level.
        /// Example: `data_categories: [communication content, contact details]`
        data_categories: list Text,
        /// `false` where `data_categories` are examples ("personal data such as names"), not
        /// the complete list; the default is `true`.
        /// Example: `data_categories_exhaustive: false`
        data_categories_exhaustive: opt bool,
        /// Special categories of personal data (Art. 9(1) GDPR), by code, e.g. `health`.
        /// Example: `special_categories: [health]`
        special_categories: list String,
        /// Personal data relating to criminal convictions and offences is processed (Art. 10
        /// GDPR): only under the control of official authority (`public-task`) or as a law
        /// authorises it, named in a basis's `national_law`.
        /// Example: `criminal_offences: true`
        criminal_offences: opt bool,
        /// Data explicitly not processed or stored ("audio files").
        /// Example: `not_processed: [audio files, full call recordings]`
        not_processed: list Text,
        /// Uses explicitly excluded ("marketing", "profiling").
        /// Example: `excluded_uses: [marketing, profiling]`
        excluded_uses: list Text,
        /// How the processing is carried out ("pseudonymised", "by invitation only").
        /// Example: `measures: [the data is analyzed internally for security purposes only]`
        measures: list Text,
        /// A general description of the technical and organisational security measures of
        /// this activity (Art. 30(1)(g), 32(1) GDPR), in addition to privreg.yaml's
        /// `security_measures` for all of them. The record states them; the policy does not.
        /// Example: `security_measures: [access limited to the support team]`
        security_measures: list String,
        /// Where the data protection impact assessment of this activity is kept (Art. 35
        /// GDPR): a document name or link. Only the record states it, as a further column.
        /// Example: `dpia: DPIA-2026-03, Legal drive`
        dpia: opt String,
        /// Further free-text paragraphs. Citations in them are linted.
        /// Example: `details: [Sipgate acts as a technical service provider and data processor.]`
        details: list Text,
        /// The legal bases (Art. 6(1), Art. 9(2) GDPR).
        /// Example:
        /// ```yaml
        /// legal_bases:
        ///   - basis: contract
        ///     scope: contractual performance or initiation
        ///   - basis: consent
        ///     condition: in cases of voluntary use
        /// ```
        legal_bases: req_list LegalBasis,
        /// The services used in this section, each with the role of its provider: processors
        /// (the default), independent controllers and joint controllers.
        /// Example:
        /// ```yaml
        /// processors:
        ///   - service: Slack
        ///     provider: { legal_name: "Salesforce, Inc.", address: "415 Mission Street, San Francisco, CA 94105", country: US }
        ///     dpa: { concluded: true }
        /// ```
        processors: list Processor,
        /// Categories of recipients where no single entity is named ("tax advisers"; Art.
        /// 13(1)(e) GDPR).
        /// Example: `recipient_categories: [tax advisers, banks]`
        recipient_categories: list Text,
        /// How long data is kept, or the criteria for it (Art. 13(2)(a) GDPR).
        /// Example:
        /// ```yaml
        /// retention:
        ///   period: only as long as necessary to fulfill the purposes described above
        /// ```
        retention: opt_box Retention,
        /// Whether you must provide the data, and what happens if you do not (Art. 13(2)(e)
        /// GDPR). Where all data comes from other `sources`, it does not apply.
        /// Example: `provision: { requirement: contract-prerequisite, consequences: we cannot deliver your order }`
        provision: opt_box DataProvision,
        /// Decisions based solely on automated processing, including profiling (Art. 13(2)(f),
        /// Art. 22 GDPR): `used: false` to say there are none.
        /// Example: `automated_decisions: { used: false }`
        automated_decisions: opt_box AutomatedDecisions,
        /// Where data comes from when not from the data subject (Art. 14(1)(d), 14(2)(f) GDPR).
        /// Example: `sources: [{ source: credit agencies, data_categories: [credit score] }]`
        sources: list DataSource,
        /// The service is offered directly to children: consent then needs the holder of
        /// parental responsibility below the age of `child_consent_age` (Art. 8 GDPR).
        /// Example: `children: true`
        children: opt bool,
        /// Whether the processing stores information on the user's device or reads it from
        /// there (cookies, local storage, SDKs): `none`, `strictly-necessary` (for a service
        /// the user requested) or `consent`. The provision comes from `device_access_law` in
        /// privreg.yaml (default § 25 TDDDG).
        /// Example: `device_access: consent`
        device_access: opt String,
        /// Purposes, each written as in `purposes` (the section's or a service's), that are
        /// direct marketing: the policy then states the unconditional right to object of
        /// Art. 21(2)-(3) GDPR. The Art. 21(1) notice needs no field: privreg states it
        /// wherever a basis is Art. 6(1)(e) or (f).
        /// Example: `direct_marketing: [sending our newsletter]`
        direct_marketing: list Text,
    }
}

yaml_struct! {
    /// Whether the data subject must provide the data (Art. 13(2)(e) GDPR).
    pub struct DataProvision as "the provision of data" {
        /// `statutory` (required by law), `contractual` (required by a contract),
        /// `contract-prerequisite` (needed to enter into a contract) or `voluntary`.
        /// Example: `requirement: contract-prerequisite`
        requirement: req String,
        /// What happens if the data is not provided.
        /// Example: `consequences: we cannot answer your request`
        consequences: opt Text,
    }
}

yaml_struct! {
    /// Automated individual decision-making, including profiling (Art. 22 GDPR).
    pub struct AutomatedDecisions as "automated decision-making" {
        /// Whether decisions based solely on automated processing with legal or similarly
        /// significant effects are taken.
        /// Example: `used: true`
        used: req bool,
        /// Meaningful information about the logic involved.
        /// Example: `logic: a score from your payment history decides whether we offer purchase on account`
        logic: opt Text,
        /// The significance and the envisaged consequences for the data subject.
        /// Example: `consequences: without a sufficient score, you can pay in advance only`
        consequences: opt Text,
        /// Why the decision is allowed (Art. 22(2) GDPR): `contract`, `law` or `explicit-consent`.
        /// Example: `ground: contract`
        ground: opt String,
    }
}

yaml_struct! {
    /// A source of personal data other than the data subject (Art. 14 GDPR).
    pub struct DataSource as "a data source" {
        /// Who or what the data comes from.
        /// Example: `source: SCHUFA Holding AG`
        source: req Text,
        /// The source is publicly accessible (a public register, a website).
        /// Example: `public: true`
        public: opt bool,
        /// The categories of data obtained from it (Art. 14(1)(d) GDPR).
        /// Example: `data_categories: [credit score]`
        data_categories: list Text,
    }
}

yaml_struct! {
    /// A legal basis with its condition and, for Art. 6(1)(f), the interest pursued.
    pub struct LegalBasis as "a legal basis" {
        /// Code: `consent`, `contract`, `legal-obligation`, `vital-interests`, `public-task`,
        /// `legitimate-interests`, or a DPV id (`A6-1-a`..`A6-1-f`, `A9-2-a`..`A9-2-j`).
        /// Example: `basis: legitimate-interests`
        basis: req String,
        /// What the basis covers, rendered in parentheses ("contractual performance or initiation").
        /// Example: `scope: contractual performance or initiation`
        scope: opt_box Text,
        /// When the basis applies ("in cases of voluntary use").
        /// Example: `condition: in cases of voluntary use`
        condition: opt_box Text,
        /// The legitimate interest pursued; required for Art. 6(1)(f) (Art. 13(1)(d) GDPR).
        /// Example: `interest: effective external representation and contact management`
        interest: opt_box Text,
        /// The purposes this basis covers, each written as in `purposes` (the section's or a
        /// service's). Without it (and without `data_categories`) the basis covers all of the
        /// section's own purposes; a service's purposes are covered only where a basis names
        /// them (Art. 13(1)(c) GDPR: the purposes *and* the legal basis for each).
        /// Example: `purposes: [improving the user experience]`
        purposes: list Text,
        /// The data this basis is limited to ("call content"): "The processing of call content
        /// is based on ...". Such a basis covers only the purposes it names.
        /// Example: `data_categories: [call content]`
        data_categories: list Text,
        /// The Member State or Union law relied on with the basis, where the GDPR leaves the
        /// matter to it (Art. 6(3), Art. 9(2)(b), (g)-(j)): "§ 22 para. 1 no. 1 lit. b BDSG".
        /// Example: `national_law: § 22 para. 1 no. 1 lit. b BDSG`
        national_law: opt_box Text,
    }
}

yaml_struct! {
    /// A service provided by a processor or other recipient.
    pub struct Processor as "a processor" {
        /// The service's name ("Slack").
        /// Example: `service: Slack`
        service: req Text,
        /// The legal entity that provides the service.
        /// Example:
        /// ```yaml
        /// provider:
        ///   legal_name: HiHello, Inc.
        ///   address: 927 Industrial Avenue, Palo Alto, California 94303
        ///   country: US
        /// ```
        provider: req Entity,
        /// The provider's role: `processor` (the default; Art. 28 GDPR, a DPA is required),
        /// `controller` (an independent controller: its own purposes and privacy notice) or
        /// `joint-controller` (Art. 26 GDPR: the arrangement and a contact point).
        /// Example: `role: controller`
        role: opt String,
        /// For a joint controller: the essence of the arrangement (Art. 26(2) GDPR).
        /// Example: `arrangement: we collect the data; the partner runs the event and answers requests about it`
        arrangement: opt_box Text,
        /// For a joint controller: whom data subjects contact (Art. 26(1) GDPR).
        /// Example: `contact_point: privacy@example.com answers for both of us`
        contact_point: opt_box Text,
        /// The data processing agreement (Art. 28(3) GDPR).
        /// Example: `dpa: { concluded: true, counterparty: Slack Technologies Limited }`
        dpa: opt Dpa,
        /// What this service is used for, where it differs from the section's purposes.
        /// Example: `purposes: [improving the user experience]`
        purposes: list Text,
        /// Kinds of personal data this service processes, beyond the section's.
        /// Example: `data_categories: [clicks, loading times, system errors]`
        data_categories: list Text,
        /// How the service's processing is carried out ("pseudonymised").
        /// Example: `measures: [the processing is pseudonymized and conducted exclusively internally]`
        measures: list Text,
        /// Uses explicitly excluded for this service.
        /// Example: `excluded_uses: [marketing, profiling]`
        excluded_uses: list Text,
        /// Further free-text paragraphs about this service. Citations in them are linted.
        /// Example: `details: [Sipgate may automatically generate a written summary (transcription) of the conversations.]`
        details: list Text,
        /// Where this service passes data on ("transcripts to our CRM, HubSpot").
        /// Example:
        /// ```yaml
        /// onward_recipients:
        ///   - { name: HubSpot, description: our CRM system, data: [transcripts] }
        /// ```
        onward_recipients: list Recipient,
        /// Transfers to third countries (Chapter V GDPR).
        /// Example:
        /// ```yaml
        /// transfers:
        ///   - { country: US, certainty: cannot-be-excluded, mechanisms: [scc, dpf] }
        /// ```
        transfers: list Transfer,
        /// Link to the provider's privacy policy (https, http or mailto).
        /// Example: `privacy_policy: https://slack.com/trust/privacy/privacy-policy`
        privacy_policy: opt String,
        /// The day this entry last changed (YYYY-MM-DD), as the sub-processor list states it
        /// beside the entry; never taken from the clock or from git.
        /// Example: `last_changed: "2026-11-29"`
        last_changed: opt String,
    }
}

yaml_struct! {
    /// A legal entity with its postal address.
    pub struct Entity as "a legal entity" {
        /// Registered name ("Salesforce, Inc.").
        /// Example: `legal_name: sipgate GmbH`
        legal_name: req Text,
        /// Postal address without the country.
        /// Example: `address: Gladbacher Str. 74, 40219 Düsseldorf`
        address: req Text,
        /// ISO 3166-1 alpha-2 country code ("US", "DE").
        /// Example: `country: DE`
        country: req String,
    }
}

yaml_struct! {
    /// The controller: who decides on the processing and answers for it (Art. 4(7) GDPR).
    pub struct Controller as "the controller" {
        /// Registered name ("Example GmbH").
        /// Example: `legal_name: Example GmbH`
        legal_name: req Text,
        /// Postal address without the country.
        /// Example: `address: Hauptstr. 1, 10115 Berlin`
        address: req Text,
        /// ISO 3166-1 alpha-2 country code of its establishment.
        /// Example: `country: DE`
        country: req String,
        /// Email address for data protection requests.
        /// Example: `email: privacy@example.com`
        email: opt String,
        /// Telephone number.
        /// Example: `phone: "+49 30 1234567"`
        phone: opt String,
        /// A web form for requests (https).
        /// Example: `web_form: https://example.com/privacy-request`
        web_form: opt String,
        /// The data protection officer, where one is designated (Art. 37 GDPR).
        /// Example: `dpo: { name: Dr. Erika Mustermann, email: dpo@example.com }`
        dpo: opt Dpo,
        /// The representative in the Union of a controller established outside it (Art. 27 GDPR).
        /// Example: `representative: { legal_name: Rep Ltd, address: "1 Main St, Dublin", country: IE, email: rep@example.ie }`
        representative: opt Representative,
        /// The controller is a public authority or body: Art. 6(1)(f) GDPR does not apply
        /// to processing in the performance of its tasks (Art. 6(1), second subparagraph).
        /// Example: `public_authority: true`
        public_authority: opt bool,
    }
}

yaml_struct! {
    /// The data protection officer's contact details (Art. 13(1)(b) GDPR).
    pub struct Dpo as "a data protection officer" {
        /// Name, where it is published (the law asks only for contact details).
        /// Example: `name: Dr. Erika Mustermann`
        name: opt Text,
        /// Email address.
        /// Example: `email: dpo@example.com`
        email: opt String,
        /// Telephone number.
        /// Example: `phone: "+49 30 1234568"`
        phone: opt String,
        /// Postal address, where it differs from the controller's.
        /// Example: `address: Datenschutz GmbH, Ring 5, 50667 Köln`
        address: opt Text,
        /// A web form (https).
        /// Example: `web_form: https://example.com/dpo`
        web_form: opt String,
    }
}

yaml_struct! {
    /// A representative in the Union (Art. 27 GDPR).
    pub struct Representative as "a representative" {
        /// Registered name.
        /// Example: `legal_name: EU Rep Ltd`
        legal_name: req Text,
        /// Postal address without the country.
        /// Example: `address: 1 Main Street, Dublin 2`
        address: req Text,
        /// ISO 3166-1 alpha-2 code of a Member State where data subjects are.
        /// Example: `country: IE`
        country: req String,
        /// Email address.
        /// Example: `email: rep@example.ie`
        email: opt String,
    }
}

yaml_struct! {
    /// A data processing agreement under Art. 28(3) GDPR.
    pub struct Dpa as "a data processing agreement" {
        /// Whether the agreement has been concluded.
        /// Example: `concluded: true`
        concluded: req bool,
        /// The contracting entity, where it differs from the provider ("Slack Technologies Limited").
        /// Example: `counterparty: Slack Technologies Limited`
        counterparty: opt Text,
        /// The day it was concluded (YYYY-MM-DD), as the record and the sub-processor list
        /// state it.
        /// Example: `date: "2024-03-01"`
        date: opt String,
    }
}

yaml_struct! {
    /// A transfer of personal data to a third country.
    pub struct Transfer as "a transfer" {
        /// ISO 3166-1 alpha-2 code of the destination ("US").
        /// Example: `country: US`
        country: req String,
        /// `takes-place`, `cannot-be-excluded` or `possible`.
        /// Example: `certainty: cannot-be-excluded`
        certainty: req String,
        /// Transfer tools: `adequacy`, `dpf`, `scc`, `bcr`, `code-of-conduct`, `certification`,
        /// `derogation-*`, or DPV ids (`A45-3`, `A46-2-c`, ...).
        /// Example: `mechanisms: [scc, dpf]`
        mechanisms: list String,
        /// How the mechanisms relate when there are several: `fallback` (each later one
        /// applies only where the earlier ones do not) or `alternatives` (either applies).
        /// Mechanisms are always stated in their legal order: Art. 45, then 46 and 47, then 49.
        /// Example: `relation: fallback`
        relation: opt String,
        /// Who receives the data in the destination country, where it is not the provider
        /// (Google Ireland contracts, Google LLC imports). Default: the provider, when it is
        /// established in the destination country.
        /// Example: `importer: { legal_name: Google LLC, country: US }`
        importer: opt_box Importer,
        /// The importer's entry in the Data Privacy Framework List (https).
        /// Example: `dpf_participant: https://www.dataprivacyframework.gov/participant/5780`
        dpf_participant: opt String,
        /// Where a copy of the Art. 46/47 safeguards is available (an https link), or
        /// `on-request` when we provide it on request (Art. 13(1)(f) GDPR).
        /// Example: `copy: https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj`
        copy: opt String,
        /// The importer falls under the scope of a partial adequacy decision (Canada's
        /// PIPEDA, Japan's APPI, Korea's PIPA, Brazil's LGPD); the text then says so.
        /// Example: `in_scope: true`
        in_scope: opt bool,
        /// The transfer is occasional, not regular: required where it rests on Art. 49
        /// derogations alone (Recital 111 GDPR).
        /// Example: `occasional: true`
        occasional: opt bool,
        /// For `derogation-compelling-interests` (Art. 49(1), second subparagraph): the
        /// compelling legitimate interests pursued, which the policy must state.
        /// Example: `compelling_interest: recovering the one payment a customer disputes`
        compelling_interest: opt_box Text,
        /// For `derogation-compelling-interests`: the suitable safeguards adduced, as the
        /// record documents them (Art. 30(1)(e), 49(1) second subparagraph, 49(6) GDPR).
        /// Example: `safeguards: only the disputed invoice is sent, encrypted, to the bank's fraud team`
        safeguards: opt String,
    }
}

yaml_struct! {
    /// The entity that receives transferred data in the destination country.
    pub struct Importer as "an importer" {
        /// Full legal name ("Google LLC").
        /// Example: `legal_name: Google LLC`
        legal_name: req Text,
        /// ISO 3166-1 alpha-2 code of the country where it is established.
        /// Example: `country: US`
        country: req String,
        /// Postal address, where known.
        /// Example: `address: 1600 Amphitheatre Parkway, Mountain View, CA 94043`
        address: opt Text,
    }
}

yaml_struct! {
    /// A further recipient of data processed in the section.
    pub struct Recipient as "an onward recipient" {
        /// The recipient's or system's name ("HubSpot").
        /// Example: `name: HubSpot`
        name: req Text,
        /// What it is to us ("our CRM system").
        /// Example: `description: our CRM system`
        description: opt Text,
        /// Its legal role: `processor` (the default: it processes the data on our or our
        /// processor's behalf) or `controller` (it receives the data for its own purposes,
        /// stated in `purpose`).
        /// Example: `role: controller`
        role: opt String,
        /// The legal entity that receives the data (Art. 13(1)(e) GDPR); PRV304 warns
        /// while the register does not name it.
        /// Example: `provider: { legal_name: "HubSpot Ireland Limited", address: "...", country: IE }`
        provider: opt Entity,
        /// Its transfers to third countries, as a service's (`transfers`).
        /// Example:
        /// ```yaml
        /// transfers:
        ///   - country: US
        ///     certainty: takes-place
        ///     mechanisms: [scc]
        ///     copy: on-request
        /// ```
        transfers: list Transfer,
        /// Which data it receives ("transcripts").
        /// Example: `data: [transcripts]`
        data: list Text,
        /// What happens to the data there ("stored and further processed").
        /// Example: `purpose: where they are stored and further processed`
        purpose: opt Text,
    }
}

yaml_struct! {
    /// How long data is kept (Art. 13(2)(a) GDPR): a period, an end event, the statutory
    /// periods that follow, or the criteria that determine it; per data category where they
    /// differ.
    pub struct Retention as "a retention statement" {
        /// A fixed period: a number and `days`, `weeks`, `months` or `years`. With `until`,
        /// the period runs from that event ("for 3 years after the end of the contract").
        /// Example: `duration: 14 days`
        duration: opt Text,
        /// The event that ends storage ("the end of the contract").
        /// Example: `until: the end of the contract`
        until: opt Text,
        /// Statutory retention periods that apply afterwards ("§ 257 HGB", "§ 147 AO").
        /// Example: `statutory: [§ 257 HGB, § 147 AO]`
        statutory: list Text,
        /// The storage period in words of your own, where `duration` and `until` cannot say
        /// it; rendered after "Stored data is retained". Generic wording ("as long as
        /// necessary") is PRV305.
        /// Example: `period: for the duration of your membership`
        period: opt Text,
        /// Criteria that determine the period, where no fixed period can be given.
        /// Example: `criteria: data is deleted as soon as you ask us to or the reason for storing it no longer applies`
        criteria: opt Text,
        /// Further statements on storage ("Statutory retention periods remain unaffected").
        /// Example: `notes: [Mandatory legal retention periods remain unaffected.]`
        notes: list Text,
        /// Periods for some data categories that differ from the section's.
        /// Example:
        /// ```yaml
        /// by_category:
        ///   - data: [invoices]
        ///     duration: 10 years
        ///     statutory: [§ 147 AO]
        /// ```
        by_category: list CategoryRetention,
    }
}

yaml_struct! {
    /// How long some data categories are kept, where it differs from the rest.
    pub struct CategoryRetention as "a retention of data categories" {
        /// The data categories this applies to.
        /// Example: `data: [server logs]`
        data: req_list Text,
        /// A fixed period, as in `retention`.
        /// Example: `duration: 7 days`
        duration: opt Text,
        /// The event that ends storage.
        /// Example: `until: the end of the contract`
        until: opt Text,
        /// Statutory retention periods that apply afterwards.
        /// Example: `statutory: [§ 147 AO]`
        statutory: list Text,
        /// The criteria that determine the period.
        /// Example: `criteria: logs are deleted once an incident is resolved`
        criteria: opt Text,
    }
}

yaml_struct! {
    /// `privreg.yaml`: the project's settings.
    pub struct Config as "privreg.yaml" {
        /// Chapter number of the processors chapter; sections render as `<chapter>.<order>`.
        /// Example: `chapter: "10"`
        chapter: opt String,
        /// Chapter heading.
        /// Example: `title: Processors and services we use`
        title: opt Text,
        /// The controller publishing the policy, with its contact details, its data
        /// protection officer and its representative in the Union (Art. 13(1)(a)-(b), 14(1)(a)-(b)
        /// GDPR). The chapter opens with it.
        /// Example:
        /// ```yaml
        /// controller:
        ///   legal_name: Example GmbH
        ///   address: Hauptstr. 1, 10115 Berlin
        ///   country: DE
        ///   email: privacy@example.com
        ///   dpo: { email: dpo@example.com }
        /// ```
        controller: opt Controller,
        /// The languages the policy is written in, the first the default: `de`, `en`. One
        /// build writes the chapter in each; with two or more, file names carry the language
        /// (`privacy-policy.de.md`). A text field may then be given by language.
        /// Example: `languages: [de, en]`
        languages: list String,
        /// One language of the output: the same as `languages: [<language>]`.
        /// Example: `language: en`
        language: opt String,
        /// `para-lit` ("Art. 6 para. 1 lit. f GDPR", the default) or `parens` ("Art. 6(1)(f) GDPR").
        /// `privreg lint` rewrites every citation into it; unset, each text keeps to the
        /// styles of its own language (PRV404).
        /// Example: `citation_style: parens`
        citation_style: opt String,
        /// Date of the policy's last change (YYYY-MM-DD); never taken from the clock.
        /// Example: `last_updated: "2026-11-29"`
        last_updated: opt String,
        /// Directory of the register files (default `registers`).
        /// Example: `registers: registers`
        registers: opt String,
        /// Output directory of `build` (default `dist`), a relative path inside the project:
        /// an absolute path, the root itself or one that climbs out with `..` stops `build`
        /// (`--out DIR` writes elsewhere on purpose). A symbolic link is followed and kept.
        /// Example: `output: dist`
        output: opt String,
        /// The artefacts `build` writes (and `build --check` compares): `policy` (the
        /// chapter: Markdown, HTML page, HTML fragment), `record` (docs/record.md),
        /// `subprocessors` (docs/subprocessors.md), `jsonld` (docs/jsonld.md). Absent or
        /// empty: the policy alone.
        /// Example: `outputs: [policy, record, subprocessors, jsonld]`
        outputs: list String,
        /// Heading level of the chapter in Markdown (1-5, default 2); sections are one deeper.
        /// Example: `heading_level: 2`
        heading_level: opt u32,
        /// Per-rule severity: `PRV301: error | warning | off`.
        /// Example:
        /// ```yaml
        /// rules:
        ///   PRV301: error
        ///   dpa-missing: warning
        /// ```
        rules: opt RuleSettings,
        /// Paths (relative to the root, `*` wildcards) that `check` skips.
        /// Example: `exclude: ["registers/draft-*.yaml"]`
        exclude: list String,
        /// The age below which a child's consent needs the holder of parental responsibility
        /// (Art. 8(1) GDPR: 16, or a Member State's lower age, not below 13).
        /// Example: `child_consent_age: 16`
        child_consent_age: opt u32,
        /// The law on storing and reading information on users' devices: `tdddg` (§ 25
        /// TDDDG, the default) or `eprivacy` (Art. 5(3) of Directive 2002/58/EC, for a
        /// Member State whose transposition the policy does not cite).
        /// Example: `device_access_law: eprivacy`
        device_access_law: opt String,
        /// Treat a citation without a law name as a GDPR citation where the context says so
        /// (default true): its sentence names the GDPR and no other law, or names no law in a
        /// document that names the GDPR (docs/citations.md). `false`: never.
        /// Example: `implied_gdpr: false`
        implied_gdpr: opt bool,
        /// A general description of the technical and organisational security measures
        /// that protect every processing activity (Art. 30(1)(g), 32(1) GDPR); a section's
        /// own `security_measures` add to them. Only the record states them.
        /// Example: `security_measures: [encryption in transit and at rest, role-based access control]`
        security_measures: list String,
        /// Processing we carry out as a processor on behalf of other controllers (our
        /// customers): each entry becomes a row of the processor's record (Art. 30(2) GDPR).
        /// Example:
        /// ```yaml
        /// processor_for:
        ///   - controllers: [{ legal_name: Customer GmbH, address: "Ring 1, 50667 Köln", country: DE, email: privacy@customer.example }]
        ///     processing: [hosting the customer's workspace, support on request]
        ///     services: [Slack]
        /// ```
        processor_for: list ProcessorActivity,
    }
}

yaml_struct! {
    /// Processing carried out as a processor on behalf of controllers (Art. 30(2) GDPR).
    pub struct ProcessorActivity as "processing on behalf of controllers" {
        /// Each controller on whose behalf the processing is carried out, with its contact
        /// details (Art. 30(2)(a) GDPR).
        /// Example: `controllers: [{ legal_name: Customer GmbH, address: "Ring 1, 50667 Köln", country: DE }]`
        controllers: req_list Party,
        /// The categories of processing carried out on behalf of these controllers (Art.
        /// 30(2)(b) GDPR).
        /// Example: `processing: [hosting the customer's workspace]`
        processing: req_list String,
        /// The services of the register (their `service` names) that process these
        /// controllers' data as our sub-processors: their transfers are this record's (Art.
        /// 30(2)(c) GDPR).
        /// Example: `services: [Slack]`
        services: list String,
    }
}

yaml_struct! {
    /// A legal entity with its contact details.
    pub struct Party as "a controller we act for" {
        /// Registered name.
        /// Example: `legal_name: Customer GmbH`
        legal_name: req String,
        /// Postal address without the country.
        /// Example: `address: Ring 1, 50667 Köln`
        address: req String,
        /// ISO 3166-1 alpha-2 country code.
        /// Example: `country: DE`
        country: req String,
        /// Email address.
        /// Example: `email: privacy@customer.example`
        email: opt String,
        /// Telephone number.
        /// Example: `phone: "+49 221 1234567"`
        phone: opt String,
    }
}

/// The `rules:` mapping of `privreg.yaml`: rule code or name to severity.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    /// Each entry: the rule as written, and the severity as written.
    pub entries: Vec<(Spanned<String>, Spanned<String>)>,
}

impl Transfer {
    /// The mechanism entry that claims compelling legitimate interests (Art. 49(1), second
    /// subparagraph), in whichever spelling the register uses: the rules and the record ask
    /// for what that derogation requires.
    pub fn compelling_interests(&self) -> Option<&Spanned<String>> {
        self.mechanisms.iter().find(|m| {
            crate::law::mechanisms::lookup(&m.value)
                .is_some_and(|m| m.code == "derogation-compelling-interests")
        })
    }
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
/// Why a text is not a date written YYYY-MM-DD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not four digits, a month 01-12 and a day 01-31, joined by dashes.
    Form,
    /// Of the form, but past the end of its month (2026-02-29).
    PastMonthEnd {
        /// The year.
        year: i16,
        /// The month, 1-12.
        month: i8,
        /// How many days the month has that year.
        days: i8,
    },
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateError::Form => f.write_str("is not a date of the form YYYY-MM-DD"),
            DateError::PastMonthEnd { year, month, days } => {
                write!(f, "is not a date: {year:04}-{month:02} has {days} days")
            }
        }
    }
}

/// The date `s` names, written YYYY-MM-DD as in `last_updated` and `--date`.
pub fn parse_date(s: &str) -> Result<jiff::civil::Date, DateError> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(DateError::Form);
    }
    let num = |r: std::ops::Range<usize>| b[r].iter().fold(0, |n, c| n * 10 + i16::from(c - b'0'));
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(DateError::Form);
    }
    // Which months have a 29th, 30th or 31st is the calendar's business: jiff's.
    let (month, day) = (month as i8, day as i8);
    jiff::civil::Date::new(year, month, day).map_err(|_| DateError::PastMonthEnd {
        year,
        month,
        days: jiff::civil::date(year, month, 1).days_in_month(),
    })
}

impl crate::load::Localize for RuleSettings {
    fn localize(&mut self, _: &str) -> Option<crate::source::Span> {
        None
    }
}

impl crate::load::Texts for Spanned<RuleSettings> {
    fn texts<'a>(&'a self, _: &mut Vec<&'a Spanned<Text>>) {}
}

/// Accepted values of `languages` and `language` in `privreg.yaml`: the languages with a
/// translation table and a template set (src/render/lang.rs).
pub const LANGUAGES: &[&str] = &["de", "en"];

#[cfg(test)]
mod tests {
    use super::{DateError, parse_date};

    #[test]
    fn every_misplaced_field_belongs_where_its_help_moves_it() {
        use super::{LegalBasis, Processor, Retention, Section};
        let fields = |what: &str| match what {
            "a register section" => Section::FIELDS,
            "a processor" => Processor::FIELDS,
            "a retention statement" => Retention::FIELDS,
            "a legal basis" => LegalBasis::FIELDS,
            other => panic!("no field list for {other}"),
        };
        for (found_in, field, owner, shape) in crate::load::MISPLACED {
            assert!(
                !fields(found_in).contains(field),
                "{field} is a field of {found_in}"
            );
            assert!(
                fields(owner).contains(field),
                "{field} is no field of {owner}"
            );
            let key = shape.split(':').next().unwrap();
            assert!(
                fields(found_in).contains(&key),
                "{key} is no field of {found_in}"
            );
            assert!(
                shape.contains(&format!("{field}:")),
                "{shape} shows no {field}"
            );
        }
    }

    #[test]
    fn a_boxed_field_loads_and_reads_as_an_unboxed_one() {
        use crate::load::{FromNode, LoadCx, OptField};
        let yaml = "basis: contract\nscope: performing the contract\n";
        let file = crate::source::SourceFile::virtual_file("a.yaml", yaml);
        let root = crate::load::parse(&file).unwrap();
        let mut cx = LoadCx::new(&file);
        let basis = super::LegalBasis::from_node(&root, &mut cx).unwrap();
        assert!(cx.diagnostics.is_empty());
        let scope = basis.scope.field().unwrap();
        assert_eq!(scope.value.text, "performing the contract");
        assert_eq!(&yaml[scope.span.clone()], "performing the contract");
        assert!(basis.condition.field().is_none());
        // A boxed field is optional to the user, as it was: the reference says so.
        let kind = |name: &str| {
            super::LegalBasis::INFO
                .fields
                .iter()
                .find(|f| f.name == name)
                .unwrap()
                .kind
        };
        assert_eq!((kind("scope"), kind("basis")), ("opt", "req"));
        // An empty one is reported as any empty field.
        let yaml = "basis: contract\nscope:\n";
        let file = crate::source::SourceFile::virtual_file("a.yaml", yaml);
        let mut cx = LoadCx::new(&file);
        assert!(
            super::LegalBasis::from_node(&crate::load::parse(&file).unwrap(), &mut cx).is_none()
        );
        assert_eq!(cx.diagnostics.len(), 1);
    }

    #[test]
    fn dates_are_year_month_day() {
        assert_eq!(
            parse_date("2026-11-29"),
            Ok(jiff::civil::date(2026, 11, 29))
        );
        for s in [
            "2026-13-01",
            "29.11.2026",
            "2026-1-1",
            "2026-11-00",
            "+2026-11-29",
            "",
        ] {
            assert_eq!(parse_date(s), Err(DateError::Form), "{s}");
        }
    }

    #[test]
    fn a_day_past_the_end_of_its_month_is_no_date() {
        assert_eq!(parse_date("2024-02-29"), Ok(jiff::civil::date(2024, 2, 29)));
        assert_eq!(parse_date("2000-02-29"), Ok(jiff::civil::date(2000, 2, 29)));
        let feb = |year, days| {
            Err(DateError::PastMonthEnd {
                year,
                month: 2,
                days,
            })
        };
        assert_eq!(parse_date("2026-02-29"), feb(2026, 28));
        assert_eq!(parse_date("2100-02-29"), feb(2100, 28));
        assert_eq!(parse_date("2026-02-30"), feb(2026, 28));
        assert_eq!(parse_date("2024-02-30"), feb(2024, 29));
        assert!(parse_date("2026-04-31").is_err());
        assert_eq!(
            parse_date("2026-02-30").unwrap_err().to_string(),
            "is not a date: 2026-02 has 28 days"
        );
    }
}
