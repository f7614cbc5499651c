//! Generated documentation: the field reference (`docs/reference.md`) from the same
//! declarations the loader uses, so the two cannot drift. A test compares the committed
//! file with this output; `PRIVREG_BLESS=1 cargo test` rewrites it.

use std::fmt::Write;

use crate::catalogue::{self, Rule};
use crate::law::{bases, mechanisms};
use crate::load::TypeInfo;
use crate::model::{
    AutomatedDecisions, CategoryRetention, Config, Controller, DataProvision, DataSource, Dpa, Dpo,
    Entity, Importer, LegalBasis, Party, Processor, ProcessorActivity, Recipient, Representative,
    Retention, Section, Transfer,
};
use crate::rules::value_unknown::{CERTAINTY, PROCESSED_BY, RELATIONS, ROLES};

/// Every register type, the section first.
pub const REGISTER_TYPES: &[&TypeInfo] = &[
    &Section::INFO,
    &LegalBasis::INFO,
    &Processor::INFO,
    &Entity::INFO,
    &Dpa::INFO,
    &Transfer::INFO,
    &Importer::INFO,
    &Recipient::INFO,
    &Retention::INFO,
    &CategoryRetention::INFO,
    &DataProvision::INFO,
    &AutomatedDecisions::INFO,
    &DataSource::INFO,
];

/// One information duty of the GDPR towards data subjects, and what carries it in privreg.
#[derive(Debug)]
pub struct Duty {
    /// The provision ("Art. 13(1)(a), 14(1)(a)").
    pub provision: &'static str,
    /// What must be said.
    pub what: &'static str,
    /// The register fields that carry it (`section.retention`, `privreg.yaml controller`).
    pub fields: &'static [&'static str],
    /// The rules that ask for it.
    pub rules: &'static [&'static str],
    /// How the generated sentence begins, or what it contains.
    pub sentence: &'static str,
}

const fn duty(
    provision: &'static str,
    what: &'static str,
    fields: &'static [&'static str],
    rules: &'static [&'static str],
    sentence: &'static str,
) -> Duty {
    Duty {
        provision,
        what,
        fields,
        rules,
        sentence,
    }
}

/// Every information duty of Art. 13 and 14 GDPR (and the duties beside them that a notice
/// carries), with its fields, rules and sentence. docs/reference.md shows this table, and a
/// test renders a register that fills every field and finds every sentence.
pub const DUTIES: &[Duty] = &[
    duty(
        "Art. 13(1)(a), 14(1)(a)",
        "identity and contact details of the controller",
        &["privreg.yaml controller"],
        &["PRV501", "PRV502"],
        "The controller responsible for the processing described here is",
    ),
    duty(
        "Art. 13(1)(a), 14(1)(a); Art. 27",
        "the controller's representative in the Union",
        &["privreg.yaml controller.representative"],
        &["PRV503"],
        "Our representative in the Union",
    ),
    duty(
        "Art. 13(1)(b), 14(1)(b)",
        "contact details of the data protection officer",
        &["privreg.yaml controller.dpo"],
        &["PRV502"],
        "You can reach our data protection officer",
    ),
    duty(
        "Art. 13(1)(c), 14(1)(c)",
        "the purposes and the legal basis for each",
        &[
            "section.purposes",
            "section.legal_bases",
            "legal_bases.purposes",
            "legal_bases.data_categories",
        ],
        &["PRV101", "PRV104", "PRV105"],
        "the processing is based on",
    ),
    duty(
        "Art. 6(1), 9(2); Recital 51",
        "special categories: the Art. 9(2) condition in addition to the Art. 6(1) basis",
        &["section.special_categories", "legal_bases.national_law"],
        &["PRV103", "PRV106", "PRV107"],
        "For the special categories of personal data, the processing is in addition based on",
    ),
    duty(
        "Art. 10",
        "data on criminal convictions and offences, and the law that authorises it",
        &["section.criminal_offences", "legal_bases.national_law"],
        &["PRV108"],
        "personal data relating to criminal convictions and offences",
    ),
    duty(
        "Art. 13(1)(d), 14(2)(b)",
        "the legitimate interests pursued",
        &["legal_bases.interest"],
        &["PRV102"],
        "our legitimate interest in",
    ),
    duty(
        "Art. 6(1), second subparagraph",
        "no legitimate interests for a public authority's tasks",
        &["privreg.yaml controller.public_authority"],
        &["PRV504"],
        "",
    ),
    duty(
        "Art. 13(1)(e), 14(1)(e)",
        "the recipients or categories of recipients",
        &[
            "section.processors",
            "processors.onward_recipients",
            "section.recipient_categories",
        ],
        &["PRV302", "PRV303", "PRV304"],
        "The data is also disclosed to the following categories of recipients",
    ),
    duty(
        "Art. 26(2)",
        "the essence of a joint-controller arrangement",
        &[
            "processors.role",
            "processors.arrangement",
            "processors.contact_point",
        ],
        &["PRV303"],
        "are joint controllers",
    ),
    duty(
        "Art. 13(1)(f), 14(1)(f)",
        "transfers to third countries, their safeguards and where to get a copy",
        &["processors.transfers"],
        &[
            "PRV201", "PRV202", "PRV203", "PRV204", "PRV205", "PRV206", "PRV207", "PRV208",
            "PRV209", "PRV210", "PRV211", "PRV212", "PRV213",
        ],
        "The transfer is based on",
    ),
    duty(
        "Art. 13(2)(a), 14(2)(a)",
        "the storage period or the criteria for it",
        &["section.retention"],
        &["PRV301", "PRV305"],
        "We keep the data",
    ),
    duty(
        "Art. 13(2)(b), 14(2)(c)",
        "the rights of access, rectification, erasure, restriction and portability",
        &["privreg.yaml controller"],
        &[],
        "You have the right of access",
    ),
    duty(
        "Art. 13(2)(b), 14(2)(c); Art. 21",
        "the right to object, set apart from other information",
        &["section.legal_bases", "section.direct_marketing"],
        &["PRV104"],
        "**Right to object:**",
    ),
    duty(
        "Art. 13(2)(c), 14(2)(d); Art. 7(3)",
        "the right to withdraw consent",
        &["section.legal_bases"],
        &[],
        "You can revoke your consent at any time",
    ),
    duty(
        "Art. 13(2)(d), 14(2)(e)",
        "the right to lodge a complaint with a supervisory authority",
        &["privreg.yaml controller"],
        &[],
        "lodge a complaint with a supervisory authority",
    ),
    duty(
        "Art. 13(2)(e)",
        "whether the data must be provided, and the consequences if not",
        &["section.provision"],
        &["PRV601"],
        "Providing the data is necessary to enter into a contract with us",
    ),
    duty(
        "Art. 13(2)(f), 14(2)(g); Art. 22",
        "automated decision-making: logic, significance and consequences",
        &["section.automated_decisions"],
        &["PRV602"],
        "The logic involved:",
    ),
    duty(
        "Art. 14(1)(d)",
        "the categories of personal data obtained from others",
        &["sources.data_categories"],
        &["PRV603"],
        "We receive",
    ),
    duty(
        "Art. 14(2)(f)",
        "the source of the data, and whether it is publicly accessible",
        &["section.sources"],
        &["PRV603"],
        "a publicly accessible source",
    ),
    duty(
        "Art. 8(1)",
        "consent of a child needs the holder of parental responsibility",
        &["section.children", "privreg.yaml child_consent_age"],
        &["PRV604"],
        "holder of parental responsibility",
    ),
    duty(
        "§ 25 TDDDG; Art. 5(3) Directive 2002/58/EC",
        "storing or reading information on the device",
        &["section.device_access", "privreg.yaml device_access_law"],
        &["PRV110"],
        "We store information on your device",
    ),
];

/// The field reference as Markdown.
pub fn reference() -> String {
    let mut out = String::from(
        "<!-- Generated from src/model.rs by `PRIVREG_BLESS=1 cargo test`; do not edit. -->\n\
         # Register format reference\n\n\
         A project holds `privreg.yaml` (optional) and a `registers/` directory with one YAML\n\
         file (`.yaml` or `.yml`) per policy section. Files are read in sorted order; a file\n\
         over 1 MiB, YAML aliases that expand beyond privreg's limits, duplicate keys and\n\
         unknown fields are errors. Plain scalars such as `94105` are read as text where a\n\
         field takes text. Field names are public interface: they change only with a\n\
         CHANGELOG entry.\n\n\
         Kinds: **required** fields must be present and non-empty; **optional** fields may be\n\
         absent; **list** fields may be absent or empty (meaning none); **required list**\n\
         fields need at least one item.\n\n\
         Types: a **string** is written the same in every language (codes, URLs, email\n\
         addresses). A **text** is free text: one string that holds in every language (a\n\
         name, an address), or a mapping by language that gives every language in\n\
         `languages` of `privreg.yaml` (`title: {de: Kundenkommunikation, en: Customer\n\
         communication}`); a missing language is PRV021, an extra one PRV022, and numbers,\n\
         URLs or email addresses that differ between languages are PRV023. In a list, each\n\
         item is a text of its own.\n\n",
    );
    let config_types = [
        &Config::INFO,
        &Controller::INFO,
        &Dpo::INFO,
        &Representative::INFO,
        &ProcessorActivity::INFO,
        &Party::INFO,
    ];
    for ty in REGISTER_TYPES.iter().copied().chain(config_types) {
        type_section(&mut out, ty);
    }
    out.push_str(
        "## Information duties\n\nWhat the GDPR requires a notice to tell data subjects, the fields \
         that carry it, the rules that ask for it, and how the generated text says it.\n\n\
         | provision | what | fields | rules | sentence |\n|---|---|---|---|---|\n",
    );
    for d in DUTIES {
        let code = |xs: &[&str]| {
            if xs.is_empty() {
                "—".to_owned()
            } else {
                xs.iter()
                    .map(|x| format!("`{x}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let sentence = if d.sentence.is_empty() {
            "none: it keeps a basis out of the text".to_owned()
        } else {
            format!("\"{}…\"", d.sentence.replace("**", ""))
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            d.provision,
            d.what,
            code(d.fields),
            code(d.rules),
            sentence
        );
    }
    out.push_str("\n## Codes\n\n### Legal bases (`basis`)\n\n| code | DPV id | provision | meaning |\n|---|---|---|---|\n");
    for b in bases::BASES {
        let _ = writeln!(
            out,
            "| `{}` | `{}` | Art. {}({})({}) GDPR | {} |",
            b.code, b.dpv, b.article, b.paragraph, b.point, b.label
        );
    }
    out.push_str("\n### Transfer mechanisms (`mechanisms`)\n\n| code | id | provision | meaning |\n|---|---|---|---|\n");
    for m in mechanisms::MECHANISMS {
        let (a, p, pt) = m.provision;
        let prov = match (pt, m.subparagraph) {
            (Some(pt), _) => format!("Art. {a}({p})({pt}) GDPR"),
            (None, Some(sub)) => format!("Art. {a}({p}) subpara. {sub} GDPR"),
            (None, None) => format!("Art. {a}({p}) GDPR"),
        };
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {} |",
            m.code, m.dpv, prov, m.label
        );
    }
    out.push_str("\n`privacy-shield` and `safe-harbor` are recognised and rejected (PRV204).\n");
    let _ = write!(
        out,
        "\n### Other values\n\n- `processed_by`: {}\n- `certainty`: {}\n- `relation`: {}\n- `role`: {}\n- `special_categories`: {}\n",
        codes(PROCESSED_BY),
        codes(CERTAINTY),
        codes(RELATIONS),
        codes(ROLES),
        codes(
            &bases::SPECIAL_CATEGORIES
                .iter()
                .map(|(c, _)| *c)
                .collect::<Vec<_>>()
        )
    );
    out
}

fn codes(list: &[&str]) -> String {
    list.iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn type_section(out: &mut String, ty: &TypeInfo) {
    let title = if ty.name == "Config" {
        "`privreg.yaml`".to_owned()
    } else {
        format!("{} ({})", ty.name, ty.what)
    };
    let _ = writeln!(out, "## {title}\n");
    let docs: Vec<&str> = ty
        .docs
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let _ = writeln!(out, "{}\n", docs.join(" "));
    for f in ty.fields {
        let kind = match f.kind {
            "req" => "required",
            "opt" => "optional",
            "list" => "list",
            _ => "required list",
        };
        let ty_name = match f.ty {
            "String" => "string",
            "Text" => "text",
            "u32" => "whole number",
            "bool" => "`true`/`false`",
            other => other,
        };
        let of = if f.is_list() {
            format!("list of {ty_name}")
        } else {
            ty_name.to_owned()
        };
        let _ = writeln!(
            out,
            "### `{}`\n\n*{kind}, {of}.* {}\n",
            f.name,
            f.description()
        );
        if let Some(ex) = f.example() {
            let _ = writeln!(out, "```yaml\n{ex}\n```\n");
        }
    }
}

/// The generated rule documentation: `docs/rules.md` and one `docs/rules/<CODE>.md` a rule,
/// as (path relative to the repository root, contents).
pub fn rule_docs() -> Vec<(String, String)> {
    let mut files = vec![("docs/rules.md".to_owned(), rules_index())];
    for rule in catalogue::ALL {
        files.push((
            format!("docs/rules/{}.md", rule.code),
            format!("{GENERATED_FROM_RULES}{}", rule_page(rule)),
        ));
    }
    files
}

const GENERATED_FROM_RULES: &str = "<!-- Generated from the rule's doc comment in src/catalogue/ by \
     `PRIVREG_BLESS=1 cargo test`; do not edit. -->\n";

/// One rule's documentation as `privreg rule CODE` prints it: heading, default severity,
/// then the doc comment's summary and sections.
pub fn rule_page(rule: &Rule) -> String {
    format!(
        "# {code} {name}\n\n\
         Default severity: **{sev}**. Change it in `privreg.yaml` (`rules: {{ {code}: off }}`) \
         or for one run with `-D {code}`, `-W {code}` or `-A {code}`; see \
         [suppressions](../suppressions.md) to silence one finding.\n\n{docs}",
        code = rule.code,
        name = rule.name,
        sev = rule.default_severity.as_str(),
        docs = rule.markdown(),
    )
}

/// `docs/rules.md`: every rule in a table, linking to its page.
pub fn rules_index() -> String {
    let mut out = format!(
        "{GENERATED_FROM_RULES}# Rules\n\n\
         Every rule privreg checks, with its default severity. `privreg rules` prints this \
         list and `privreg rule CODE` one rule's page. Codes are stable: a code is never \
         reused. Families: PRV0xx structure, PRV1xx legal bases, PRV2xx transfers, PRV3xx \
         retention and processors, PRV4xx citations in text, PRV5xx the controller, \
         PRV6xx information duties, PRV7xx the record of processing activities (Art. 30).\n\n\
         | code | name | severity | summary |\n|---|---|---|---|\n"
    );
    for r in catalogue::ALL {
        let _ = writeln!(
            out,
            "| [{code}](rules/{code}.md) | `{}` | {} | {} |",
            r.name,
            r.default_severity.as_str(),
            r.summary().replace('|', "\\|"),
            code = r.code,
        );
    }
    out
}

/// `privreg rules`: one aligned line a rule (code, name, default severity, summary).
pub fn rules_table() -> String {
    let name_width = catalogue::ALL
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(4);
    let mut out = format!(
        "{:<6}  {:<name_width$}  {:<8}  summary\n",
        "code", "name", "severity"
    );
    for r in catalogue::ALL {
        let _ = writeln!(
            out,
            "{:<6}  {:<name_width$}  {:<8}  {}",
            r.code,
            r.name,
            r.default_severity.as_str(),
            r.summary()
        );
    }
    out
}

/// `privreg rules --format json`: `{"version":1,"rules":[{"code","name","severity","summary"}]}`.
pub fn rules_json() -> String {
    let doc = serde_json::json!({
        "version": crate::report::json::VERSION,
        "rules": catalogue::ALL.iter().map(|r| serde_json::json!({
            "code": r.code,
            "name": r.name,
            "severity": r.default_severity.as_str(),
            "summary": r.summary(),
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values always serialise");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_description_and_an_example() {
        for ty in REGISTER_TYPES.iter().copied().chain([&Config::INFO]) {
            for f in ty.fields {
                assert!(
                    !f.description().is_empty(),
                    "{}.{} has no description",
                    ty.name,
                    f.name
                );
                let ex = f
                    .example()
                    .unwrap_or_else(|| panic!("{}.{} has no example", ty.name, f.name));
                assert!(
                    ex.contains(f.name),
                    "{}.{}: the example should show the key",
                    ty.name,
                    f.name
                );
            }
        }
    }

    #[test]
    fn committed_reference_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reference.md");
        let generated = reference();
        if std::env::var_os("PRIVREG_BLESS").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "docs/reference.md is stale: run `PRIVREG_BLESS=1 cargo test`"
        );
    }

    #[test]
    fn committed_rule_docs_are_current() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let generated = rule_docs();
        let bless = std::env::var_os("PRIVREG_BLESS").is_some();
        if bless {
            // A renamed or removed rule must not leave its page behind.
            let _ = std::fs::remove_dir_all(root.join("docs/rules"));
            std::fs::create_dir_all(root.join("docs/rules")).unwrap();
        }
        let mut stale = Vec::new();
        for (path, text) in &generated {
            if bless {
                std::fs::write(root.join(path), text).unwrap();
            }
            if std::fs::read_to_string(root.join(path)).ok().as_deref() != Some(text) {
                stale.push(path.clone());
            }
        }
        for entry in std::fs::read_dir(root.join("docs/rules")).unwrap() {
            let path = format!(
                "docs/rules/{}",
                entry.unwrap().file_name().to_string_lossy()
            );
            if !generated.iter().any(|(p, _)| *p == path) {
                stale.push(format!("{path} (no such rule)"));
            }
        }
        assert!(
            stale.is_empty(),
            "stale rule docs: {}; run `PRIVREG_BLESS=1 cargo test`",
            stale.join(", ")
        );
    }
}

/// Issue 11: each information duty of Art. 13 and 14 GDPR has its fields, rules and
/// sentence, and they exist.
#[cfg(test)]
mod duty_tests {
    use super::DUTIES;
    use crate::model::{Config, Controller, DataSource, LegalBasis, Processor, Section};

    fn field_exists(path: &str) -> bool {
        let (owner, field) = path.rsplit_once(['.', ' ']).unwrap_or(("", path));
        let fields: &[&str] = match owner {
            "section" => Section::FIELDS,
            "legal_bases" => LegalBasis::FIELDS,
            "processors" => Processor::FIELDS,
            "sources" => DataSource::FIELDS,
            "privreg.yaml" => Config::FIELDS,
            "privreg.yaml controller" => Controller::FIELDS,
            _ => return false,
        };
        fields.contains(&field)
    }

    #[test]
    fn every_duty_names_fields_and_rules_that_exist() {
        for d in DUTIES {
            for f in d.fields {
                assert!(field_exists(f), "{}: no field `{f}`", d.provision);
            }
            for r in d.rules {
                assert!(
                    crate::catalogue::lookup(r).is_some(),
                    "{}: no rule {r}",
                    d.provision
                );
            }
        }
        // Art. 13(1)(a)-(f) and 13(2)(a)-(f) each have a row.
        for point in [
            "13(1)(a)", "13(1)(b)", "13(1)(c)", "13(1)(d)", "13(1)(e)", "13(1)(f)", "13(2)(a)",
            "13(2)(b)", "13(2)(c)", "13(2)(d)", "13(2)(e)", "13(2)(f)", "14(1)(d)", "14(2)(f)",
        ] {
            assert!(
                DUTIES.iter().any(|d| d.provision.contains(point)),
                "no row for Art. {point}"
            );
        }
    }

    #[test]
    fn a_register_that_fills_every_field_renders_every_duty() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("registers")).unwrap();
        std::fs::write(
            root.join("privreg.yaml"),
            "child_consent_age: 16\ndevice_access_law: tdddg\n\
             controller:\n  legal_name: Example Inc.\n  address: 1 Market Street, San Francisco\n  country: US\n  \
             email: privacy@example.com\n  dpo: { email: dpo@example.com }\n  \
             representative: { legal_name: EU Rep Ltd, address: \"1 Main Street, Dublin 2\", country: IE }\n",
        )
        .unwrap();
        std::fs::write(
            root.join("registers/shop.yaml"),
            "id: shop\norder: 1\ntitle: Shop\npurposes: [selling on account, sending offers]\n\
             data_categories: [payment history, health data]\nspecial_categories: [health]\ncriminal_offences: true\n\
             recipient_categories: [tax advisers]\n\
             legal_bases:\n  - basis: contract\n    purposes: [selling on account]\n  \
             - basis: consent\n    purposes: [sending offers]\n  \
             - basis: legitimate-interests\n    interest: preventing fraud\n    data_categories: [payment history]\n  \
             - basis: A9-2-h\n    national_law: § 22 para. 1 no. 1 lit. b BDSG\n\
             direct_marketing: [sending offers]\ndevice_access: consent\nchildren: true\n\
             provision: { requirement: contract-prerequisite, consequences: we cannot deliver your order }\n\
             automated_decisions: { used: true, logic: a score decides, consequences: prepayment only, ground: contract }\n\
             sources:\n  - { source: the commercial register, public: true, data_categories: [company names] }\n\
             retention:\n  until: the end of the contract\n  statutory: [§ 147 AO]\n\
             processors:\n  - service: Partner\n    provider: { legal_name: Partner GmbH, address: A, country: DE }\n    \
             role: joint-controller\n    arrangement: we sell and the partner delivers\n    contact_point: privacy@example.com\n  \
             - service: Cloud\n    provider: { legal_name: Cloud Inc., address: B, country: US }\n    dpa: { concluded: true }\n    \
             transfers:\n      - { country: US, certainty: takes-place, mechanisms: [scc], copy: on-request }\n",
        )
        .unwrap();
        let checked = crate::check(&crate::CheckOptions {
            root: root.to_owned(),
            ..Default::default()
        })
        .unwrap();
        let errors: Vec<String> = checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::Severity::Error)
            .map(|d| format!("{} {}", d.code(), d.message))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let files = crate::render::render(&checked.project).unwrap();
        let md = files[0].text();
        for d in DUTIES.iter().filter(|d| !d.sentence.is_empty()) {
            assert!(
                md.contains(d.sentence),
                "{}: `{}` not in\n{md}",
                d.provision,
                d.sentence
            );
        }
    }
}
