//! Generated documentation: the field reference (`docs/reference.md`) from the same
//! declarations the loader uses, so the two cannot drift. A test compares the committed
//! file with this output; `PRIVREG_BLESS=1 cargo test` rewrites it.

use std::fmt::Write;

use crate::catalogue::{self, Rule};
use crate::law::{bases, mechanisms};
use crate::load::TypeInfo;
use crate::model::{
    AutomatedDecisions, CategoryRetention, Config, Controller, DataProvision, DataSource, Dpa, Dpo,
    Entity, Importer, LegalBasis, Processor, Recipient, Representative, Retention, Section,
    Transfer,
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
         fields need at least one item.\n\n",
    );
    let config_types = [
        &Config::INFO,
        &Controller::INFO,
        &Dpo::INFO,
        &Representative::INFO,
    ];
    for ty in REGISTER_TYPES.iter().copied().chain(config_types) {
        type_section(&mut out, ty);
    }
    out.push_str("## Codes\n\n### Legal bases (`basis`)\n\n| code | DPV id | provision | meaning |\n|---|---|---|---|\n");
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
            "String" => "text",
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
         retention and processors, PRV4xx citations in text.\n\n\
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
