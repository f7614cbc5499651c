//! The machine-readable notice: the register as one JSON-LD graph in the Data Privacy
//! Vocabulary (DPV 2.3) and its EU-GDPR extension, with its context inline so that it
//! expands offline. Every DPV term it uses is in the vendored term list
//! (`data/dpv-2.3-terms.txt`); a test holds the output to it. Labels of the register's own
//! words (purposes, data, storage) are `rdfs:label` literals, in English like the record.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde_json::{Map, Value, json};

use crate::law::{bases, mechanisms};
use crate::load::Spanned;
use crate::model::{Controller, Entity, Section, Transfer};
use crate::project::Project;

use super::record::text;

/// The DPV version the output follows.
pub const DPV_VERSION: &str = "2.3";

/// The vendored term list: every IRI the output may use from DPV, EU-GDPR and LOC.
pub static TERMS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/dpv-2.3-terms.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
});

/// The namespaces of the inline context: prefix and IRI.
pub const CONTEXT: &[(&str, &str)] = &[
    ("dpv", "https://w3id.org/dpv#"),
    ("eu-gdpr", "https://w3id.org/dpv/legal/eu/gdpr#"),
    ("loc", "https://w3id.org/dpv/loc#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
];

/// The EU-GDPR term of a legal basis code (`contract`: `eu-gdpr:A6-1-b`).
pub fn basis_term(code: &str) -> Option<String> {
    bases::lookup(code).map(|b| format!("eu-gdpr:{}", b.dpv))
}

/// The EU-GDPR term of a transfer mechanism code (`scc`: `eu-gdpr:A46-2-c`).
pub fn mechanism_term(code: &str) -> Option<String> {
    let m = mechanisms::lookup(code)?;
    Some(match m.code {
        // The DPF is an adequacy decision under Art. 45(3) (Implementing Decision (EU)
        // 2023/1795); DPV has no term of its own for it.
        "dpf" => "eu-gdpr:A45-3".to_owned(),
        // DPV names Art. 49(1), second subparagraph, `A49-2` ("Art 49(2) legitimate
        // interests", defined by that subparagraph's conditions).
        "derogation-compelling-interests" => "eu-gdpr:A49-2".to_owned(),
        _ => format!("eu-gdpr:{}", m.dpv),
    })
}

/// The LOC term of a country code, where DPV has one.
pub fn country_term(code: &str) -> Option<String> {
    let iri = format!("https://w3id.org/dpv/loc#{code}");
    TERMS.contains(iri.as_str()).then(|| format!("loc:{code}"))
}

/// The JSON-LD document of `project`, pretty-printed with a final newline.
pub fn render(project: &Project) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(&document(project)).expect("JSON always serialises");
    s.push('\n');
    s.into_bytes()
}

/// The JSON-LD document of `project`: the inline context and one graph.
pub fn document(project: &Project) -> Value {
    let config = project.config.raw.as_ref();
    let mut graph = Graph::default();
    if let Some(c) = config.and_then(|c| c.controller.as_ref()) {
        let node = controller(c);
        graph.nodes.push(node);
    }
    let has_controller = !graph.nodes.is_empty();
    let sections = project.sections_in_order();
    let security: Vec<String> = config
        .map(|c| c.security_measures.iter().map(text).collect())
        .unwrap_or_default();
    for s in sections {
        let node = activity(
            &mut graph,
            s,
            &project.config.chapter,
            has_controller,
            &security,
        );
        graph.nodes.push(node);
    }
    let context: Map<String, Value> = CONTEXT
        .iter()
        .map(|(p, iri)| ((*p).to_owned(), json!(iri)))
        .collect();
    json!({ "@context": context, "@graph": graph.nodes })
}

#[derive(Default)]
struct Graph {
    nodes: Vec<Value>,
    /// The entities named so far, by legal name and country: one node each.
    entities: Vec<(String, String)>,
}

impl Graph {
    /// The id of the entity's node, adding the node on its first mention.
    fn entity(
        &mut self,
        name: String,
        address: Option<String>,
        country: &str,
        kind: &str,
    ) -> Value {
        let key = (name.clone(), country.to_owned());
        let n = match self.entities.iter().position(|e| *e == key) {
            Some(n) => n + 1,
            None => {
                self.entities.push(key);
                let mut node = Map::new();
                node.insert(
                    "@id".into(),
                    json!(format!("_:entity-{}", self.entities.len())),
                );
                node.insert("@type".into(), json!(kind));
                node.insert("dpv:hasName".into(), json!(name));
                if let Some(a) = address {
                    node.insert("dpv:hasAddress".into(), json!(a));
                }
                insert_country(&mut node, "dpv:hasCountry", country);
                self.nodes.push(Value::Object(node));
                self.entities.len()
            }
        };
        json!({ "@id": format!("_:entity-{n}") })
    }

    fn provider(&mut self, e: &Spanned<Entity>, kind: &str) -> Value {
        self.entity(
            text(&e.legal_name),
            Some(text(&e.address)),
            &e.country.value,
            kind,
        )
    }
}

fn insert_country(node: &mut Map<String, Value>, key: &str, code: &str) {
    let value = match country_term(code) {
        Some(t) => json!({ "@id": t }),
        // A code DPV's LOC does not have (PRV010 reports unknown ones): kept as written.
        None => json!(code),
    };
    node.insert(key.into(), value);
}

fn labelled(kind: &str, label: String) -> Value {
    json!({ "@type": kind, "rdfs:label": label })
}

fn controller(c: &Spanned<Controller>) -> Value {
    let mut node = Map::new();
    node.insert("@id".into(), json!("_:controller"));
    node.insert("@type".into(), json!("dpv:DataController"));
    node.insert("dpv:hasName".into(), json!(text(&c.legal_name)));
    node.insert("dpv:hasAddress".into(), json!(text(&c.address)));
    insert_country(&mut node, "dpv:hasCountry", &c.country.value);
    let contacts: Vec<String> = [&c.email, &c.phone, &c.web_form]
        .into_iter()
        .flatten()
        .map(text)
        .collect();
    if !contacts.is_empty() {
        node.insert("dpv:hasContact".into(), json!(contacts));
    }
    if let Some(r) = &c.representative {
        let mut rep = Map::new();
        rep.insert("@type".into(), json!("dpv:Representative"));
        rep.insert("dpv:hasName".into(), json!(text(&r.legal_name)));
        rep.insert("dpv:hasAddress".into(), json!(text(&r.address)));
        insert_country(&mut rep, "dpv:hasCountry", &r.country.value);
        if let Some(e) = &r.email {
            rep.insert("dpv:hasContact".into(), json!(text(e)));
        }
        node.insert("dpv:hasRepresentative".into(), Value::Object(rep));
    }
    if let Some(d) = &c.dpo {
        let mut dpo = Map::new();
        dpo.insert("@type".into(), json!("dpv:DataProtectionOfficer"));
        if let Some(n) = &d.name {
            dpo.insert("dpv:hasName".into(), json!(text(n)));
        }
        let contacts: Vec<String> = [
            d.email.as_ref().map(text),
            d.phone.as_ref().map(text),
            d.address.as_ref().map(text),
            d.web_form.as_ref().map(text),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !contacts.is_empty() {
            dpo.insert("dpv:hasContact".into(), json!(contacts));
        }
        node.insert("dpv:hasDataProtectionOfficer".into(), Value::Object(dpo));
    }
    Value::Object(node)
}

fn activity(
    graph: &mut Graph,
    s: &Section,
    chapter: &str,
    has_controller: bool,
    security: &[String],
) -> Value {
    let mut node = Map::new();
    node.insert("@id".into(), json!(format!("_:activity-{}", text(&s.id))));
    node.insert("@type".into(), json!("dpv:Process"));
    node.insert(
        "rdfs:label".into(),
        json!(format!("{chapter}.{} {}", s.order.value, text(&s.title))),
    );
    if has_controller {
        node.insert(
            "dpv:hasDataController".into(),
            json!({ "@id": "_:controller" }),
        );
    }
    let mut purposes: Vec<Value> = s
        .purposes
        .iter()
        .map(|p| labelled("dpv:Purpose", text(p)))
        .collect();
    let mut data: Vec<Value> = s
        .data_categories
        .iter()
        .map(|d| labelled("dpv:PersonalData", text(d)))
        .collect();
    for c in &s.special_categories {
        let label = bases::SPECIAL_CATEGORIES
            .iter()
            .find(|(code, _)| *code == c.value)
            .map_or_else(|| text(c), |(_, l)| (*l).to_owned());
        data.push(labelled("dpv:SpecialCategoryPersonalData", label));
    }
    for p in &s.processors {
        purposes.extend(p.purposes.iter().map(|x| labelled("dpv:Purpose", text(x))));
        data.extend(
            p.data_categories
                .iter()
                .map(|x| labelled("dpv:PersonalData", text(x))),
        );
    }
    node.insert("dpv:hasPurpose".into(), Value::Array(purposes));
    if !s.data_subjects.is_empty() {
        let subjects = s
            .data_subjects
            .iter()
            .map(|x| labelled("dpv:DataSubject", text(x)))
            .collect();
        node.insert("dpv:hasDataSubject".into(), Value::Array(subjects));
    }
    if !data.is_empty() {
        node.insert("dpv:hasPersonalData".into(), Value::Array(data));
    }
    let legal: Vec<Value> = s
        .legal_bases
        .iter()
        .filter_map(|b| basis_term(&b.basis.value))
        .map(|t| json!({ "@id": t }))
        .collect();
    node.insert("dpv:hasLegalBasis".into(), Value::Array(legal));
    let mut processors = Vec::new();
    let mut recipients = Vec::new();
    let mut transfers = Vec::new();
    for p in &s.processors {
        let role = p.role.as_ref().map_or("processor", |r| r.value.as_str());
        let kind = match role {
            "processor" => "dpv:DataProcessor",
            "joint-controller" | "controller" => "dpv:DataController",
            _ => "dpv:Recipient",
        };
        let id = graph.provider(&p.provider, kind);
        if role == "processor" {
            processors.push(id.clone());
        }
        recipients.push(id);
        let holder = text(&p.provider.legal_name);
        for t in &p.transfers {
            transfers.push(transfer(graph, &holder, Some(&p.provider.country.value), t));
        }
        for r in &p.onward_recipients {
            let (id, holder, home) = match &r.provider {
                Some(e) => (
                    graph.provider(e, "dpv:Recipient"),
                    text(&e.legal_name),
                    Some(e.country.value.as_str()),
                ),
                None => (
                    labelled("dpv:Recipient", text(&r.name)),
                    text(&r.name),
                    None,
                ),
            };
            recipients.push(id);
            for t in &r.transfers {
                transfers.push(transfer(graph, &holder, home, t));
            }
        }
    }
    recipients.extend(
        s.recipient_categories
            .iter()
            .map(|c| labelled("dpv:Recipient", text(c))),
    );
    if !processors.is_empty() {
        node.insert("dpv:hasDataProcessor".into(), Value::Array(processors));
    }
    if !recipients.is_empty() {
        node.insert("dpv:hasRecipient".into(), Value::Array(recipients));
    }
    let storage: Vec<Value> = s
        .retention
        .as_deref()
        .map(super::record::erasure)
        .unwrap_or_default()
        .into_iter()
        .map(|l| labelled("dpv:StorageDuration", l))
        .collect();
    if !storage.is_empty() {
        node.insert("dpv:hasStorageCondition".into(), Value::Array(storage));
    }
    let measures: Vec<Value> = security
        .iter()
        .cloned()
        .chain(s.security_measures.iter().map(text))
        .map(|m| labelled("dpv:TechnicalOrganisationalMeasure", m))
        .collect();
    if !measures.is_empty() {
        node.insert(
            "dpv:hasTechnicalOrganisationalMeasure".into(),
            Value::Array(measures),
        );
    }
    if !transfers.is_empty() {
        node.insert("dpv:hasProcess".into(), Value::Array(transfers));
    }
    Value::Object(node)
}

/// A transfer as a process of its own: the data transferred to the importer in the third
/// country, on the mechanisms' provisions as its legal bases.
fn transfer(graph: &mut Graph, holder: &str, home: Option<&str>, t: &Spanned<Transfer>) -> Value {
    let importer = match &t.importer {
        Some(i) => graph.entity(
            text(&i.legal_name),
            i.address.as_ref().map(text),
            &i.country.value,
            "dpv:DataImporter",
        ),
        None => match home {
            // The provider receives the data itself where it is established there.
            Some(h) if h == t.country.value => {
                graph.entity(holder.to_owned(), None, h, "dpv:DataImporter")
            }
            _ => json!({ "@type": "dpv:DataImporter", "dpv:hasName": holder }),
        },
    };
    let mut node = Map::new();
    node.insert("@type".into(), json!("dpv:Process"));
    node.insert("dpv:hasProcessing".into(), json!({ "@id": "dpv:Transfer" }));
    node.insert("dpv:hasDataImporter".into(), importer);
    insert_country(&mut node, "dpv:hasThirdCountry", &t.country.value);
    let found = mechanisms::in_legal_order(t.mechanisms.iter().map(|m| m.value.as_str()));
    let mut terms: Vec<String> = found
        .iter()
        .filter_map(|m| mechanism_term(m.code))
        .collect();
    terms.dedup();
    node.insert(
        "dpv:hasLegalBasis".into(),
        Value::Array(terms.into_iter().map(|t| json!({ "@id": t })).collect()),
    );
    Value::Object(node)
}

/// Every IRI a JSON-LD document names, compact (`dpv:Process`) or absolute: its keys
/// other than keywords and the values of `@id` and `@type`; blank nodes excluded.
pub fn iris(doc: &Value) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    if k == "@context" {
                        continue;
                    }
                    if !k.starts_with('@') {
                        out.push(k.clone());
                    }
                    if k == "@id" || k == "@type" {
                        match v {
                            Value::String(s) if !s.starts_with("_:") => out.push(s.clone()),
                            Value::Array(list) => out
                                .extend(list.iter().filter_map(|x| x.as_str()).map(str::to_owned)),
                            _ => {}
                        }
                    }
                    walk(v, out);
                }
            }
            Value::Array(list) => list.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(doc, &mut out);
    out.sort();
    out.dedup();
    out
}

/// `dpv:Process` as its absolute IRI, by the inline context.
pub fn expand(term: &str) -> String {
    CONTEXT
        .iter()
        .find_map(|(p, iri)| {
            term.strip_prefix(&format!("{p}:"))
                .map(|rest| format!("{iri}{rest}"))
        })
        .unwrap_or_else(|| term.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_basis_mechanism_and_country_privreg_knows_has_its_dpv_term() {
        for b in bases::BASES {
            let t = basis_term(b.code).unwrap();
            assert!(TERMS.contains(expand(&t).as_str()), "{}: {t}", b.code);
        }
        for m in mechanisms::MECHANISMS {
            let t = mechanism_term(m.code).unwrap();
            assert!(TERMS.contains(expand(&t).as_str()), "{}: {t}", m.code);
        }
        for code in ["US", "DE", "IE", "GB", "JP", "IN", "AU"] {
            assert!(country_term(code).is_some(), "{code}");
        }
        assert_eq!(country_term("XX"), None);
    }
}
