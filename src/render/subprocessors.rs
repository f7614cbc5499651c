//! The sub-processor list: every processor the register names, the page B2B customers are
//! owed (Art. 28(2) and (4) GDPR): who, where, for what, under which transfer mechanism and
//! DPA, and when the entry last changed. Built from the checked register like the record;
//! register strings pass through [`super::record::text`] alone.

use serde::Serialize;

use crate::law::mechanisms;
use crate::load::{Spanned, Text};
use crate::model::{Processor, Transfer};
use crate::project::Project;

use super::env::CitationStyle;
use super::record::{country, text};
use super::table::{Block, Doc, NOT_STATED, Table};

/// One sub-processor. JSON field names are a public interface (docs/subprocessors.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The service ("Slack"); for an onward recipient, its name.
    pub service: String,
    /// The service an onward recipient receives data from, where it is one.
    pub via: Option<String>,
    /// The legal entity, where the register names it.
    pub legal_name: Option<String>,
    /// Its postal address.
    pub address: Option<String>,
    /// Its country, ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// Where the data is processed: the entity's country, then each transfer's destination.
    pub countries_of_processing: Vec<String>,
    /// What it processes data for.
    pub purposes: Vec<String>,
    /// Its transfers to third countries.
    pub transfers: Vec<TransferEntry>,
    /// The data processing agreement, where the register states one.
    pub dpa: Option<Dpa>,
    /// `last_changed` (YYYY-MM-DD): the latest of the entry's services.
    pub last_changed: Option<String>,
}

/// A transfer to a third country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransferEntry {
    /// The destination, ISO 3166-1 alpha-2.
    pub country: String,
    /// Who receives the data there.
    pub importer: Importer,
    /// The mechanisms' codes (`dpf`, `scc`), in the GDPR's order.
    pub mechanisms: Vec<&'static str>,
    /// `fallback` or `alternatives`, where the register relates several mechanisms.
    pub relation: Option<String>,
    /// The mechanisms cited, as the tables state them.
    pub cited: String,
}

/// The receiver of a transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Importer {
    /// Its legal name.
    pub legal_name: String,
    /// Its country, ISO 3166-1 alpha-2, where known.
    pub country: Option<String>,
}

/// A data processing agreement (Art. 28(3) GDPR).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dpa {
    /// Whether it is concluded.
    pub concluded: bool,
    /// The day it was concluded, where stated.
    pub date: Option<String>,
    /// The contracting entity.
    pub counterparty: String,
}

/// The formats `privreg subprocessors` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// GitHub-flavoured Markdown: one table.
    Markdown,
    /// A standalone HTML page with one table.
    Html,
    /// JSON, `{"version": 1, "subprocessors": [...]}`.
    Json,
    /// CSV (RFC 4180), a row per sub-processor.
    Csv,
}

/// The list of `project`: every service with the role of processor, and every onward
/// recipient that processes on our or our processor's behalf, one entry per service and
/// entity (a service used in several sections is one entry), sorted by service name, then
/// entity, so the order never depends on files or sections.
pub fn entries(project: &Project) -> Vec<Entry> {
    let style = CitationStyle::of(project);
    let sections = project.sections_in_order();
    let mut out: Vec<Entry> = Vec::new();
    for s in sections {
        for p in s.processors.iter().map(|p| &p.value) {
            if p.role.as_ref().is_none_or(|r| r.value == "processor") {
                let purposes = if p.purposes.is_empty() {
                    &s.purposes
                } else {
                    &p.purposes
                };
                merge(&mut out, service_entry(p, purposes, style));
            }
            for r in &p.onward_recipients {
                if r.role.as_ref().is_some_and(|x| x.value != "processor") {
                    continue;
                }
                let holder = r
                    .provider
                    .as_ref()
                    .map_or_else(|| text(&r.name), |e| text(&e.legal_name));
                let home = r.provider.as_ref().map(|e| e.country.value.as_str());
                merge(
                    &mut out,
                    Entry {
                        service: text(&r.name),
                        via: Some(text(&p.service)),
                        legal_name: r.provider.as_ref().map(|e| text(&e.legal_name)),
                        address: r.provider.as_ref().map(|e| text(&e.address)),
                        country: home.map(str::to_owned),
                        countries_of_processing: countries(home, &r.transfers),
                        purposes: r.purpose.iter().map(text).collect(),
                        transfers: transfers(&holder, home, &r.transfers, style),
                        dpa: None,
                        last_changed: None,
                    },
                );
            }
        }
    }
    out.sort_by(|a, b| {
        let key = |e: &Entry| {
            (
                e.service.to_lowercase(),
                e.service.clone(),
                e.legal_name.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    out
}

fn service_entry(p: &Processor, purposes: &[Spanned<Text>], style: CitationStyle) -> Entry {
    let holder = text(&p.provider.legal_name);
    let home = p.provider.country.value.as_str();
    Entry {
        service: text(&p.service),
        via: None,
        legal_name: Some(holder.clone()),
        address: Some(text(&p.provider.address)),
        country: Some(home.to_owned()),
        countries_of_processing: countries(Some(home), &p.transfers),
        purposes: purposes.iter().map(text).collect(),
        transfers: transfers(&holder, Some(home), &p.transfers, style),
        dpa: p.dpa.as_ref().map(|d| Dpa {
            concluded: d.concluded.value,
            date: d.date.as_ref().map(text),
            counterparty: text(d.counterparty.as_ref().unwrap_or(&p.provider.legal_name)),
        }),
        last_changed: p.last_changed.as_ref().map(text),
    }
}

/// Adds `e`, or folds it into the entry of the same service and entity: purposes,
/// countries and transfers joined without repeats, the latest `last_changed`.
fn merge(out: &mut Vec<Entry>, e: Entry) {
    let Some(same) = out
        .iter_mut()
        .find(|x| x.service == e.service && x.legal_name == e.legal_name && x.via == e.via)
    else {
        out.push(e);
        return;
    };
    fn join<T: PartialEq>(into: &mut Vec<T>, from: Vec<T>) {
        for v in from {
            if !into.contains(&v) {
                into.push(v);
            }
        }
    }
    join(&mut same.purposes, e.purposes);
    join(&mut same.countries_of_processing, e.countries_of_processing);
    join(&mut same.transfers, e.transfers);
    if same.dpa.is_none() {
        same.dpa = e.dpa;
    }
    // Dates are YYYY-MM-DD (PRV013 otherwise), so the later one sorts last.
    same.last_changed = same.last_changed.take().max(e.last_changed);
}

fn countries(home: Option<&str>, transfers: &[Spanned<Transfer>]) -> Vec<String> {
    let mut out: Vec<String> = home.map(str::to_owned).into_iter().collect();
    for t in transfers {
        if !out.contains(&t.country.value) {
            out.push(t.country.value.clone());
        }
    }
    out
}

fn transfers(
    holder: &str,
    home: Option<&str>,
    list: &[Spanned<Transfer>],
    style: CitationStyle,
) -> Vec<TransferEntry> {
    list.iter()
        .map(|t| {
            let importer = match &t.importer {
                Some(i) => Importer {
                    legal_name: text(&i.legal_name),
                    country: Some(i.country.value.clone()),
                },
                // The provider receives the data itself where it is established in the
                // destination country (rules::importer_country); elsewhere the register
                // does not say where it is established there.
                None => Importer {
                    legal_name: holder.to_owned(),
                    country: (home == Some(t.country.value.as_str()))
                        .then(|| t.country.value.clone()),
                },
            };
            let found = mechanisms::in_legal_order(t.mechanisms.iter().map(|m| m.value.as_str()));
            TransferEntry {
                country: t.country.value.clone(),
                importer,
                mechanisms: found.iter().map(|m| m.code).collect(),
                relation: t.relation.as_ref().map(text),
                cited: super::record::mechanism_line(holder, t, style),
            }
        })
        .collect()
}

/// The columns of the list's tables.
pub const COLUMNS: &[&str] = &[
    "Sub-processor",
    "Legal entity",
    "Address",
    "Countries of processing",
    "Importers",
    "Purposes",
    "Transfer mechanisms",
    "Data processing agreement",
    "Last changed",
];

/// The list as one table, a row per entry.
pub fn table(entries: &[Entry]) -> Table {
    let or_not_stated = |v: &Option<String>| v.clone().unwrap_or_else(|| NOT_STATED.to_owned());
    Table {
        headers: COLUMNS.iter().map(|h| (*h).to_owned()).collect(),
        rows: entries
            .iter()
            .map(|e| {
                let mut service = e.service.clone();
                if let Some(v) = &e.via {
                    service.push_str(&format!(" (via {v})"));
                }
                vec![
                    vec![service],
                    vec![or_not_stated(&e.legal_name)],
                    vec![match (&e.address, &e.country) {
                        (Some(a), Some(c)) => format!("{a}, {}", country(c)),
                        _ => NOT_STATED.to_owned(),
                    }],
                    if e.countries_of_processing.is_empty() {
                        vec![NOT_STATED.to_owned()]
                    } else {
                        e.countries_of_processing
                            .iter()
                            .map(|c| country(c))
                            .collect()
                    },
                    {
                        let mut lines: Vec<String> = Vec::new();
                        for t in &e.transfers {
                            let i = &t.importer;
                            let line = match &i.country {
                                Some(c) => format!("{}, {}", i.legal_name, country(c)),
                                None => i.legal_name.clone(),
                            };
                            if !lines.contains(&line) {
                                lines.push(line);
                            }
                        }
                        lines
                    },
                    e.purposes.clone(),
                    e.transfers.iter().map(|t| t.cited.clone()).collect(),
                    vec![match &e.dpa {
                        Some(d) if d.concluded => {
                            let on = d
                                .date
                                .as_ref()
                                .map(|x| format!(" on {x}"))
                                .unwrap_or_default();
                            format!("concluded{on} with {}", d.counterparty)
                        }
                        Some(_) => "not concluded".to_owned(),
                        None => NOT_STATED.to_owned(),
                    }],
                    e.last_changed.iter().cloned().collect(),
                ]
            })
            .collect(),
    }
}

/// The list of `project` in `format`.
pub fn render(project: &Project, format: ListFormat) -> Result<Vec<u8>, crate::Error> {
    Ok(write(&entries(project), format))
}

/// The list of `entries` in `format`.
pub fn write(entries: &[Entry], format: ListFormat) -> Vec<u8> {
    let doc = || {
        Doc {
        title: "Sub-processors".to_owned(),
        blocks: vec![
            Block::Paragraph(
                "The processors we engage, and the processors they pass data to, as the register names them (Art. 28(2) and (4) GDPR).".to_owned(),
            ),
            Block::Table(table(entries)),
        ],
    }
    };
    match format {
        ListFormat::Markdown => super::table::markdown(&doc()).into_bytes(),
        ListFormat::Html => super::table::html(&doc(), "en").into_bytes(),
        ListFormat::Csv => super::table::csv(&table(entries)).into_bytes(),
        ListFormat::Json => {
            #[derive(Serialize)]
            struct Listing<'a> {
                version: u32,
                subprocessors: &'a [Entry],
            }
            let mut s = serde_json::to_string_pretty(&Listing {
                version: 1,
                subprocessors: entries,
            })
            .expect("JSON always serialises");
            s.push('\n');
            s.into_bytes()
        }
    }
}
