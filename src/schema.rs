//! JSON Schemas (draft 2020-12) of a register file and of `privreg.yaml`, for editors
//! (`# yaml-language-server: $schema=...`) and CI.
//!
//! Generated from the `TypeInfo` that `yaml_struct!` derives from the very declarations the
//! loader uses, not with schemars: no extra dependency, and the schema cannot name a field
//! the loader does not know or miss one it does. The committed copies in `schema/` are
//! compared with this output in a test; `PRIVREG_BLESS=1 cargo test` rewrites them.
//!
//! The schema describes structure and codes. Checks that need more than one value
//! (adequacy on a date, DPF only for the US, ...) stay with `privreg check`.

use serde_json::{Map, Value, json};

use crate::law::{bases, mechanisms};
use crate::load::{FieldInfo, Node, TypeInfo};
use crate::model::{
    Config, Controller, Dpo, Entity, Party, ProcessorActivity, Representative, Section,
};
use crate::rules::value_unknown::{
    CERTAINTY, CITATION_STYLES, LANGUAGES, ONWARD_ROLES, OUTPUTS, PROCESSED_BY, RELATIONS, ROLES,
};
use crate::source::SourceFile;

/// The JSON Schema dialect written as `$schema`.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Which file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// A register file, `registers/*.yaml`.
    Register,
    /// The project's settings, `privreg.yaml`.
    Config,
}

impl Target {
    /// Where the committed copy lives, relative to the repository root.
    pub fn path(self) -> &'static str {
        match self {
            Target::Register => "schema/register.schema.json",
            Target::Config => "schema/privreg.schema.json",
        }
    }
}

/// The schema of `target` as pretty JSON with a final newline.
pub fn render(target: Target) -> String {
    let mut s = serde_json::to_string_pretty(&schema(target)).expect("JSON always serialises");
    s.push('\n');
    s
}

/// The schema of `target`: the root type's properties, the types it uses in `$defs`.
pub fn schema(target: Target) -> Value {
    let (root, title, defs): (&TypeInfo, &str, &[&TypeInfo]) = match target {
        Target::Register => (
            &Section::INFO,
            "privreg register file",
            &crate::docs::REGISTER_TYPES[1..],
        ),
        Target::Config => (
            &Config::INFO,
            "privreg.yaml",
            &[
                &Controller::INFO,
                &Dpo::INFO,
                &Representative::INFO,
                &Entity::INFO,
                &ProcessorActivity::INFO,
                &Party::INFO,
            ],
        ),
    };
    let mut doc = Map::new();
    doc.insert("$schema".into(), json!(DIALECT));
    doc.insert("title".into(), json!(title));
    if let Value::Object(body) = object(root) {
        doc.extend(body);
    }
    let mut all_defs = Map::new();
    for ty in defs {
        all_defs.insert(ty.name.into(), object(ty));
    }
    if target == Target::Config {
        all_defs.insert("RuleSettings".into(), rule_settings());
    }
    doc.insert("$defs".into(), Value::Object(all_defs));
    Value::Object(doc)
}

/// A register type as a closed object.
fn object(ty: &TypeInfo) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in ty.fields {
        properties.insert(f.name.into(), field(ty, f));
        if f.required() {
            required.push(f.name);
        }
    }
    let mut o = Map::new();
    o.insert("description".into(), json!(one_line(ty.docs)));
    o.insert("type".into(), json!("object"));
    if required.is_empty() {
        // The loader rejects an empty mapping (PRV004) even where every field is optional.
        o.insert("minProperties".into(), json!(1));
    } else {
        o.insert("required".into(), json!(required));
    }
    o.insert("properties".into(), Value::Object(properties));
    o.insert("additionalProperties".into(), json!(false));
    Value::Object(o)
}

fn field(ty: &TypeInfo, f: &FieldInfo) -> Value {
    let mut value = value_type(f.ty);
    if let Some(codes) = codes(ty.name, f.name) {
        value["enum"] = json!(codes);
    }
    let mut s = if f.is_list() {
        let mut list = json!({ "type": "array", "items": value });
        if f.kind == "req_list" {
            list["minItems"] = json!(1);
        }
        list
    } else {
        // A present but empty value is an error for every non-list field (PRV004).
        if value["type"] == "string" && value.get("enum").is_none() {
            value["minLength"] = json!(1);
        }
        if f.ty == "Text" {
            value["anyOf"][0]["minLength"] = json!(1);
            value["anyOf"][1]["additionalProperties"]["minLength"] = json!(1);
        }
        value
    };
    if ty.name == "Config" && f.name == "last_updated" {
        s["pattern"] = json!("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    }
    if ty.name == "Config" && f.name == "heading_level" {
        s["minimum"] = json!(1);
        s["maximum"] = json!(5);
    }
    let mut out = Map::new();
    out.insert("description".into(), json!(f.description()));
    if let Value::Object(body) = s {
        out.extend(body);
    }
    if let Some(example) = f.example().and_then(|e| example_value(f.name, &e)) {
        out.insert("examples".into(), json!([example]));
    }
    Value::Object(out)
}

/// The JSON Schema of one value of a Rust type named in a `yaml_struct!` declaration.
fn value_type(ty: &str) -> Value {
    match ty {
        "String" => json!({ "type": "string" }),
        // One string for every language, or one per language (`{de: ..., en: ...}`).
        "Text" => json!({
            "anyOf": [
                { "type": ["string", "number", "boolean"] },
                {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": { "pattern": "^[a-z]{2,3}$" },
                    "additionalProperties": { "type": ["string", "number", "boolean"] }
                }
            ]
        }),
        "u32" => json!({ "type": "integer", "minimum": 0, "maximum": u32::MAX }),
        "bool" => json!({ "type": "boolean" }),
        other => json!({ "$ref": format!("#/$defs/{other}") }),
    }
}

/// The codes a field accepts, where privreg checks them against a fixed list. The schema
/// offers the canonical spellings; privreg also accepts legal-basis and mechanism codes in
/// any letter case.
fn codes(ty: &str, field: &str) -> Option<Vec<String>> {
    let list: Vec<&'static str> = match (ty, field) {
        ("Section", "processed_by") => PROCESSED_BY.to_vec(),
        ("Section", "special_categories") => {
            bases::SPECIAL_CATEGORIES.iter().map(|(c, _)| *c).collect()
        }
        ("LegalBasis", "basis") => bases::spellings().collect(),
        ("Transfer", "certainty") => CERTAINTY.to_vec(),
        ("Transfer", "relation") => RELATIONS.to_vec(),
        ("Processor", "role") => ROLES.to_vec(),
        ("Recipient", "role") => ONWARD_ROLES.to_vec(),
        // The loader reads these codes case-insensitively; the schema offers both cases.
        ("Transfer", "mechanisms") => mechanisms::spellings().collect(),

        ("Config", "citation_style") => CITATION_STYLES.to_vec(),
        ("Config", "language") => LANGUAGES.to_vec(),
        ("Config", "outputs") => OUTPUTS.to_vec(),
        _ => return None,
    };
    let mut out: Vec<String> = list.iter().map(|c| (*c).to_owned()).collect();
    if matches!(
        (ty, field),
        ("LegalBasis", "basis") | ("Transfer", "mechanisms")
    ) {
        for code in list {
            for variant in [code.to_ascii_lowercase(), code.to_ascii_uppercase()] {
                if !out.contains(&variant) {
                    out.push(variant);
                }
            }
        }
    }
    Some(out)
}

/// `rules:` in `privreg.yaml`: rule code or name to severity.
fn rule_settings() -> Value {
    let mut names: Vec<&str> = Vec::new();
    for r in crate::catalogue::ALL {
        names.push(r.code);
        names.push(r.name);
    }
    json!({
        "description": "Rule code (`PRV301`) or name (`retention-missing`) to severity: \
                        `error`, `warning` or `off` (also `deny`, `warn`, `allow`).",
        "type": "object",
        "propertyNames": { "enum": names },
        "additionalProperties": {
            "type": "string",
            "enum": ["error", "warning", "off", "deny", "warn", "allow"],
        },
    })
}

fn one_line(docs: &str) -> String {
    docs.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value under `key` in a field's YAML example (`id: slack` gives `"slack"`).
fn example_value(key: &str, yaml: &str) -> Option<Value> {
    let file = SourceFile::virtual_file("example.yaml", yaml);
    let node = crate::load::parse(&file).ok()?;
    match to_json(&node) {
        Value::Object(mut map) => map.remove(key),
        _ => None,
    }
}

/// A located YAML tree as JSON, as privreg read it (the last of duplicate keys wins, as
/// they are reported anyway). Used for examples and to validate YAML against the schema.
pub fn to_json(node: &Node) -> Value {
    use crate::load::Value as Y;
    match &node.value {
        Y::Null => Value::Null,
        Y::Bool(b) => json!(b),
        Y::Int(n) => json!(n),
        Y::Float(n) => json!(n),
        Y::Str(s) => json!(s),
        Y::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Y::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.value.clone(), to_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validator(target: Target) -> jsonschema::Validator {
        jsonschema::validator_for(&schema(target)).expect("the generated schema is valid")
    }

    fn yaml(path: &std::path::Path) -> Value {
        let text = std::fs::read_to_string(path).unwrap();
        let file = SourceFile::virtual_file(&path.display().to_string(), &text);
        to_json(&crate::load::parse(&file).expect("shipped YAML parses"))
    }

    fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
        v.iter_errors(doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect()
    }

    fn root() -> &'static std::path::Path {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn committed_schemas_are_current() {
        for target in [Target::Register, Target::Config] {
            let path = root().join(target.path());
            let generated = render(target);
            if std::env::var_os("PRIVREG_BLESS").is_some() {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &generated).unwrap();
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == generated,
                "{} is stale: run `PRIVREG_BLESS=1 cargo test`",
                target.path()
            );
        }
    }

    #[test]
    fn every_shipped_register_and_the_config_validate_against_their_schema() {
        let register = validator(Target::Register);
        let mut seen = 0;
        for entry in std::fs::read_dir(root().join("registers")).unwrap() {
            let path = entry.unwrap().path();
            let errs = errors(&register, &yaml(&path));
            assert!(errs.is_empty(), "{}:\n{}", path.display(), errs.join("\n"));
            seen += 1;
        }
        assert!(seen > 0, "no shipped register found");
        let config = yaml(&root().join("privreg.yaml"));
        let errs = errors(&validator(Target::Config), &config);
        assert!(errs.is_empty(), "privreg.yaml:\n{}", errs.join("\n"));
    }

    #[test]
    fn codes_the_loader_reads_in_any_case_pass_the_schema_in_either_case() {
        // Issue 15: the JSON Schema rejected `DPF`, which `privreg check` accepts.
        let register = validator(Target::Register);
        let doc = |mechanism: &str, basis: &str| {
            serde_json::json!({
                "id": "s", "order": 1, "title": "T", "purposes": ["p"],
                "legal_bases": [{ "basis": basis }],
                "processors": [{
                    "service": "S",
                    "provider": { "legal_name": "P", "address": "A", "country": "US" },
                    "transfers": [{ "country": "US", "certainty": "takes-place", "mechanisms": [mechanism] }]
                }]
            })
        };
        for (m, b) in [
            ("dpf", "consent"),
            ("DPF", "CONSENT"),
            ("a46-2-c", "a6-1-f"),
            ("A46-2-C", "A6-1-F"),
        ] {
            let errs = errors(&register, &doc(m, b));
            assert!(errs.is_empty(), "{m} {b}: {errs:?}");
        }
        assert!(!errors(&register, &doc("Dpff", "consent")).is_empty());
    }

    #[test]
    fn every_shipped_yaml_file_names_its_schema_on_the_first_line() {
        for entry in std::fs::read_dir(root().join("registers")).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(
                text.lines().next(),
                Some("# yaml-language-server: $schema=../schema/register.schema.json"),
                "{}",
                path.display()
            );
        }
        let config = std::fs::read_to_string(root().join("privreg.yaml")).unwrap();
        assert_eq!(
            config.lines().next(),
            Some("# yaml-language-server: $schema=schema/privreg.schema.json")
        );
    }

    #[test]
    fn the_schema_rejects_what_the_loader_rejects() {
        let v = validator(Target::Register);
        let valid = json!({
            "id": "s", "order": 1, "title": "T", "purposes": ["p"],
            "legal_bases": [{ "basis": "contract" }],
        });
        assert!(errors(&v, &valid).is_empty(), "{:?}", errors(&v, &valid));
        for (change, why) in [
            (json!({ "retension": {} }), "unknown field (PRV002)"),
            (json!({ "title": "" }), "empty required field (PRV004)"),
            (json!({ "purposes": [] }), "empty required list (PRV004)"),
            (json!({ "order": -1 }), "negative order (PRV005)"),
            (
                json!({ "legal_bases": [{ "basis": "consnet" }] }),
                "unknown basis (PRV101)",
            ),
            (
                json!({ "processed_by": "us" }),
                "unknown processed_by (PRV013)",
            ),
        ] {
            let mut doc = valid.clone();
            for (k, x) in change.as_object().unwrap() {
                doc[k] = x.clone();
            }
            assert!(!errors(&v, &doc).is_empty(), "the schema accepts {why}");
        }
    }

    #[test]
    fn descriptions_and_examples_come_from_the_field_docs() {
        let s = schema(Target::Register);
        let id = &s["properties"]["id"];
        assert_eq!(id["description"], Section::INFO.fields[0].description());
        assert_eq!(id["examples"], json!(["slack"]));
        assert_eq!(s["required"][0], "id");
        let rules = &schema(Target::Config)["$defs"]["RuleSettings"];
        assert!(
            rules["propertyNames"]["enum"]
                .as_array()
                .unwrap()
                .contains(&json!("PRV301"))
        );
    }
}
